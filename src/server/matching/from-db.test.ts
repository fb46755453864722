import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { insertCandidate } from "../candidates/service.ts";
import { candidates } from "../candidates/tables.ts";
import { taxonomyBroader, taxonomyConcepts, taxonomyLabels, taxonomyOccupationSkills } from "../taxonomy/tables.ts";
import { invalidateTaxonomyIndex } from "../taxonomy/service.ts";
import { candidateInputSchema } from "../../shared/candidates.ts";
import type { CandidateInput } from "../../shared/candidates.ts";
import { buildCandidateIndex } from "./candidate-index.ts";
import { rankCandidatesForJob } from "./engine.ts";
import { loadCandidateIndex, toMatchCandidate } from "./from-db.ts";
import { compileTaxonomy, taxonomyGraphOf } from "./taxonomy.ts";
import { loadTaxonomyFromDb } from "./taxonomy-db.ts";
import { job, O, S, testTaxonomyData } from "./test-fixtures.ts";

/*
 * The loaders: the taxonomy graph from the taxonomy tables, a network's index from the candidate registry
 * (only its own candidates), and toMatchCandidate's reading of the registry's fields.
 */

describe("loading from the database", () => {
  let t: TestApp;
  let tenantId: string;
  let otherTenantId: string;
  const inputs: CandidateInput[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    const data = testTaxonomyData();
    await db.delete(taxonomyConcepts);
    invalidateTaxonomyIndex(db);
    const skillUris = [...new Set([...data.occupationSkills.map((r) => r.skillUri), ...data.skillBroader.flatMap((r) => [r.narrowerUri, r.broaderUri])])];
    await db.insert(taxonomyConcepts).values([
      ...data.occupations.map((o) => ({ uri: o.uri, type: "occupation", code: o.iscoGroup, source: "test" })),
      ...skillUris.map((uri) => ({ uri, type: uri === S.foodGroup || uri === S.serviceGroup ? "skill_group" : "skill", source: "test" })),
      { uri: S.forklift, type: "skill", source: "test" },
    ]);
    await db.insert(taxonomyLabels).values([...data.labels.nb!].map(([uri, label]) => ({ uri, lang: "no", label, kind: "preferred" })));
    await db.insert(taxonomyLabels).values([...data.labels.en!].map(([uri, label]) => ({ uri, lang: "en", label, kind: "preferred" })));
    await db.insert(taxonomyOccupationSkills).values(data.occupationSkills);
    await db.insert(taxonomyBroader).values(data.skillBroader);

    tenantId = (await t.createNetwork()).id;
    otherTenantId = (await t.createNetwork()).id;
    const people = [
      { skillUris: [S.knife, S.hygiene], experience: [{ occupationUri: O.cook, years: 4 }], languages: [{ code: "nb", listening: "B1", speaking: "B1" }] },
      { skillUris: [S.veganMenu], jobWishes: { occupationUris: [O.cook], municipalities: ["Bærum"], extent: "full_time" }, drivingLicences: ["C"] },
      { skillUris: [S.clean], experience: [{ occupationUri: O.cleaner, years: 1 }], education: [{ level: "bachelor" }], municipality: "Bærum" },
      { skillUris: [S.knife], status: "paused" },
      { skillUris: [S.menu], languages: [{ code: "ar", native: true }], availableFrom: "2026-02-01" },
    ];
    for (const [i, person] of people.entries()) {
      const input = candidateInputSchema.parse({ firstName: `Person${i}`, lastName: "Test", ...person });
      inputs.push(input);
      await insertCandidate(db, { kind: "system", tenantId }, tenantId, input);
    }
    await insertCandidate(db, { kind: "system", tenantId: otherTenantId }, otherTenantId, candidateInputSchema.parse({ firstName: "Other", lastName: "Network", skillUris: [S.knife] }));
    const [restricted] = await db.select({ id: candidates.id }).from(candidates).where(eq(candidates.firstName, "Person4"));
    await db.update(candidates).set({ processingRestrictedAt: new Date() }).where(eq(candidates.id, restricted!.id));
  });
  afterAll(() => t.close());

  it("reads the taxonomy graph: ISCO groups, occupation skills, the skill hierarchy and labels", async () => {
    const graph = await loadTaxonomyFromDb(t.ctx.db);
    const data = testTaxonomyData();
    const sortBy = <T>(items: Iterable<T>) => [...items].map((i) => JSON.stringify(i)).sort();
    expect(sortBy(graph.occupations())).toEqual(sortBy(data.occupations));
    expect(sortBy(graph.occupationSkills())).toEqual(sortBy(data.occupationSkills));
    expect(sortBy(graph.skillBroader())).toEqual(sortBy(data.skillBroader));
    expect(graph.label(O.cook, "nb")).toBe("kokk");
    expect(graph.label(S.menu, "en")).toBe("plan menus");
  });

  it("builds a network's index from its own candidates only, as the engine input says", async () => {
    const taxonomy = compileTaxonomy(await loadTaxonomyFromDb(t.ctx.db));
    const index = await loadCandidateIndex(t.ctx.db, tenantId, taxonomy, 2);
    expect(index.count).toBe(5);
    const rows = await t.ctx.db.select().from(candidates).where(eq(candidates.tenantId, tenantId));
    const reference = buildCandidateIndex(compileTaxonomy(taxonomyGraphOf(testTaxonomyData())), rows.map(toMatchCandidate));
    const forJob = job({ occupationUri: O.cook, essentialSkillUris: [S.knife, S.hygiene, S.menu], languages: [{ code: "no", skills: ["listening", "speaking"], level: "B1" }], licencesRequired: ["B"], municipality: "Bærum" });
    const ranked = rankCandidatesForJob(index, forJob, { today: "2026-01-15", lang: "en" });
    expect(ranked).toEqual(rankCandidatesForJob(reference, forJob, { today: "2026-01-15", lang: "en" }));
    // Person1 (C implies B) only: Person0 has no licence, Person3 is paused, Person4 restricted.
    expect(ranked.map((r) => rows.find((row) => row.id === r.id)!.firstName)).toEqual(["Person1"]);
    expect(ranked[0]!.reasons.find((r) => r.criterion === "skills")!.detail).toBe("0 of 3 essential skills; 1 more partly (related skills or experience)");
  });

  it("reads the registry's fields into a MatchCandidate", async () => {
    const rows = await t.ctx.db.select().from(candidates).where(eq(candidates.tenantId, tenantId));
    const byName = (name: string) => toMatchCandidate(rows.find((r) => r.firstName === name)!);
    expect(byName("Person0")).toMatchObject({
      active: true,
      restricted: false,
      experience: [{ occupationUri: O.cook, years: 4 }],
      languages: [{ code: "no", listening: "B1", reading: null, writing: null, speaking: "B1" }],
      educationRank: null,
    });
    expect(byName("Person1")).toMatchObject({ wishedOccupationUris: [O.cook], wishedMunicipalities: ["Bærum"], extent: "full_time", licences: ["C"] });
    expect(byName("Person2")).toMatchObject({ educationRank: 6, municipality: "Bærum" });
    expect(byName("Person3").active).toBe(false);
    expect(byName("Person4")).toMatchObject({ restricted: true, availableFrom: "2026-02-01", languages: [{ code: "ar", listening: "C2", reading: "C2", writing: "C2", speaking: "C2" }] });
  });
});
