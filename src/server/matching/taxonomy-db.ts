import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { taxonomyBroader, taxonomyConcepts, taxonomyLabels, taxonomyOccupationSkills } from "../taxonomy/tables.ts";
import { taxonomyGraphOf } from "./taxonomy.ts";
import type { OccupationSkillRelation, TaxonomyGraph } from "./taxonomy.ts";

/*
 * The TaxonomyGraph from the database: occupations and their ISCO-08 unit group (taxonomy_concepts.code),
 * occupation → skill relations (taxonomy_occupation_skills), the skill hierarchy (taxonomy_broader between
 * skills and skill groups) and preferred labels in bokmål and English. Reference data, shared by all
 * networks; the ESCO importer (taxonomy/import.ts) stores all of it. The built-in starter taxonomy has
 * occupations, ISCO codes and essential skills but no skill hierarchy, so related-skill credit needs ESCO.
 */

export async function loadTaxonomyFromDb(db: Db): Promise<TaxonomyGraph> {
  const concepts = await db
    .select({ uri: taxonomyConcepts.uri, type: taxonomyConcepts.type, code: taxonomyConcepts.code })
    .from(taxonomyConcepts)
    .where(inArray(taxonomyConcepts.type, ["occupation", "skill", "skill_group"]));
  const types = new Map(concepts.map((c) => [c.uri, c.type]));
  const occupations = concepts.filter((c) => c.type === "occupation").map((c) => ({ uri: c.uri, iscoGroup: c.code }));
  const relations = await db.select().from(taxonomyOccupationSkills);
  const broader = (await db.select().from(taxonomyBroader)).filter((r) => {
    const narrower = types.get(r.narrowerUri);
    const parent = types.get(r.broaderUri);
    return (narrower === "skill" || narrower === "skill_group") && (parent === "skill" || parent === "skill_group");
  });
  const labels = { nb: new Map<string, string>(), en: new Map<string, string>() };
  const rows = await db
    .select({ uri: taxonomyLabels.uri, lang: taxonomyLabels.lang, label: taxonomyLabels.label })
    .from(taxonomyLabels)
    .where(and(eq(taxonomyLabels.kind, "preferred"), inArray(taxonomyLabels.lang, ["no", "en"])));
  for (const row of rows) if (types.has(row.uri)) labels[row.lang === "no" ? "nb" : "en"].set(row.uri, row.label);
  return taxonomyGraphOf({
    occupations,
    occupationSkills: relations.map((r) => ({ occupationUri: r.occupationUri, skillUri: r.skillUri, relation: r.relation as OccupationSkillRelation })),
    skillBroader: broader.map((r) => ({ narrowerUri: r.narrowerUri, broaderUri: r.broaderUri })),
    labels,
  });
}
