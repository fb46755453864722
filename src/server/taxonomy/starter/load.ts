import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db.ts";
import { taxonomyConcepts, taxonomyLabels, taxonomyOccupationSkills } from "../tables.ts";
import { invalidateTaxonomyIndex } from "../service.ts";
import { starterOccupations, starterSkills } from "./occupations.ts";
import { starterLanguages } from "./languages.ts";

/*
 * Loads the built-in starter taxonomy when the taxonomy is empty, so that a fresh installation works without
 * an import. Idempotent and cheap when the taxonomy is there (one indexed query). Several processes starting at
 * once on PostgreSQL take an advisory lock, so only one loads.
 */

export const occupationUri = (id: string) => `http://data.europa.eu/esco/occupation/${id}`;
export const skillUri = (id: string) => `http://data.europa.eu/esco/skill/${id}`;

const isEmpty = async (db: Db) => (await db.select({ uri: taxonomyConcepts.uri }).from(taxonomyConcepts).limit(1)).length === 0;

/** Returns true when it loaded the starter taxonomy, false when a taxonomy was already there. */
export async function ensureStarterTaxonomy(db: Db): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const loaded = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7300213)`);
    if (!(await isEmpty(tx))) return false;
    const skills = [...starterSkills, ...starterLanguages];
    await tx.insert(taxonomyConcepts).values([
      ...starterOccupations.map((o) => ({ uri: occupationUri(o.id), type: "occupation", code: o.isco, source: "starter" })),
      ...skills.map((s) => ({ uri: skillUri(s.id), type: "skill", skillType: s.type, source: "starter" })),
    ]);
    const labels = [
      ...starterOccupations.flatMap((o) => [
        { uri: occupationUri(o.id), lang: "no", label: o.nb, kind: "preferred" },
        { uri: occupationUri(o.id), lang: "en", label: o.en, kind: "preferred" },
        ...o.nbAlt.map((label) => ({ uri: occupationUri(o.id), lang: "no", label, kind: "alternative" })),
        ...o.enAlt.map((label) => ({ uri: occupationUri(o.id), lang: "en", label, kind: "alternative" })),
      ]),
      ...skills.flatMap((s) => [
        { uri: skillUri(s.id), lang: "no", label: s.nb, kind: "preferred" },
        { uri: skillUri(s.id), lang: "en", label: s.en, kind: "preferred" },
      ]),
    ];
    for (let i = 0; i < labels.length; i += 1000) await tx.insert(taxonomyLabels).values(labels.slice(i, i + 1000));
    await tx
      .insert(taxonomyOccupationSkills)
      .values(starterOccupations.flatMap((o) => o.skills.map((id) => ({ occupationUri: occupationUri(o.id), skillUri: skillUri(id), relation: "essential" }))));
    return true;
  });
  if (loaded) invalidateTaxonomyIndex(db);
  return loaded;
}
