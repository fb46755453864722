import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCandidateIndex, compactPool, createCandidateIndex, decodeCandidate, removeCandidate, upsertCandidate } from "./candidate-index.ts";
import type { CandidateIndex } from "./candidate-index.ts";
import { candidateSide, expandJob, rankCandidatesForJob, rankJobsForCandidate, selectTop } from "./engine.ts";
import { creditsFromCandidateSide, creditsFromJobSide, explainMatch } from "./explain.ts";
import { passesHardFilters, prepareJob } from "./score.ts";
import { compileTaxonomy, rowOf } from "./taxonomy.ts";
import type { MatchTaxonomy } from "./taxonomy.ts";
import { loadTaxonomyFromEscoCsv } from "./taxonomy-csv.ts";
import { candidate, candidateId, job, O, S, testTaxonomy } from "./test-fixtures.ts";
import type { CefrLevel, DrivingLicence, Extent, MatchCandidate, MatchJob } from "./types.ts";

/*
 * The ranking loop against a brute-force reference (every candidate explained in full, with skill credits
 * from the candidate side), and the index's add/update/remove against a rebuild.
 */

const TODAY = "2026-01-15";

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const some = <T>(rand: Rand, items: readonly T[], p: number) => items.filter(() => rand() < p);
const levels: (CefrLevel | null)[] = [null, "A1", "A2", "B1", "B2", "C1", "C2"];
const places = ["Bærum", "Asker", "Oslo", "Drammen"];
const licenceClasses: DrivingLicence[] = ["B", "BE", "C", "CE", "D", "T"];

function randomCandidate(rand: Rand, occupations: readonly string[], skills: readonly string[], id = candidateId()): MatchCandidate {
  return {
    id,
    active: rand() < 0.9,
    availableFrom: rand() < 0.6 ? null : `2026-0${1 + Math.floor(rand() * 6)}-1${Math.floor(rand() * 9)}`,
    restricted: rand() < 0.05,
    licences: some(rand, licenceClasses, 0.2),
    experience: some(rand, occupations, 2 / occupations.length).map((occupationUri) => ({ occupationUri, years: Math.floor(rand() * 16) / 2 })),
    wishedOccupationUris: some(rand, occupations, 1 / occupations.length),
    skillUris: some(rand, skills, Math.min(0.5, 6 / skills.length)),
    languages: some(rand, ["no", "en", "ar"], 0.6).map((code) => ({ code, listening: pick(rand, levels), reading: pick(rand, levels), writing: pick(rand, levels), speaking: pick(rand, levels) })),
    educationRank: rand() < 0.2 ? null : Math.floor(rand() * 9),
    municipality: rand() < 0.1 ? "" : pick(rand, places),
    wishedMunicipalities: some(rand, places, 0.2),
    extent: pick(rand, ["any", "full_time", "part_time"] as Extent[]),
  };
}

function randomJob(rand: Rand, occupations: readonly string[], skills: readonly string[], n: number): MatchJob {
  const shuffled = [...skills].sort(() => rand() - 0.5);
  const essential = Math.min(10, Math.floor(shuffled.length / 2));
  return job({
    id: `job-${n}`,
    occupationUri: rand() < 0.9 ? pick(rand, occupations) : null,
    essentialSkillUris: shuffled.slice(0, 1 + Math.floor(rand() * essential)),
    optionalSkillUris: shuffled.slice(essential, essential + Math.floor(rand() * 10)),
    languages: rand() < 0.7 ? [{ code: "no", skills: some(rand, ["listening", "reading", "writing", "speaking"] as const, 0.6).concat("speaking"), level: pick(rand, ["A2", "B1", "B2"] as const) }] : [],
    educationRank: rand() < 0.4 ? Math.floor(rand() * 8) : null,
    licencesRequired: rand() < 0.2 ? ["B"] : [],
    licencesPreferred: rand() < 0.3 ? ["BE", "C"] : [],
    municipality: rand() < 0.7 ? pick(rand, places) : null,
    extent: pick(rand, [null, "full_time", "part_time"] as (Extent | null)[]),
    startDate: rand() < 0.5 ? null : "2026-03-15",
  });
}

/** Every candidate explained in full (candidate-side credits), filtered, sorted by score then id. */
function bruteForce(index: CandidateIndex, forJob: MatchJob, k: number) {
  const prepared = prepareJob(index, forJob, { today: TODAY });
  const all = [];
  for (let slot = 0; slot < index.size; slot++) {
    if (index.ids[slot] === "") continue;
    const c = decodeCandidate(index, slot);
    if (!passesHardFilters(prepared, c.flags, c.licences, c.availableFrom)) continue;
    all.push(explainMatch(index, prepared, c, creditsFromCandidateSide(prepared, candidateSide(index, c)), "en", c.id));
  }
  all.sort((a, b) => b.raw - a.raw || (a.id < b.id ? -1 : 1));
  return all.slice(0, k);
}

function expectSameAsBruteForce(index: CandidateIndex, forJob: MatchJob, k: number) {
  const prepared = prepareJob(index, forJob, { today: TODAY });
  const expansion = expandJob(index, prepared);
  const fast = selectTop(index, prepared, expansion, k);
  const reference = bruteForce(index, forJob, k);
  expect(fast.slots.map((slot) => index.ids[slot])).toEqual(reference.map((r) => r.id));
  // The loop's scores are the explanation's, to the bit.
  expect(fast.scores).toEqual(reference.map((r) => r.raw));
  // And job-side credits (ranking) equal candidate-side credits (reference), explanations included.
  const ranked = rankCandidatesForJob(index, forJob, { limit: k, today: TODAY, lang: "en" });
  expect(ranked).toEqual(reference.map(({ raw: _raw, ...rest }) => rest));
  for (const slot of fast.slots) {
    const c = decodeCandidate(index, slot);
    expect(creditsFromJobSide(prepared, expansion, c)).toEqual(creditsFromCandidateSide(prepared, candidateSide(index, c)));
  }
  return { weakPhase: fast.touched > fast.strong };
}

describe("ranking loop", () => {
  const allOccupations = Object.values(O);
  const allSkills = Object.values(S).filter((uri) => uri !== S.foodGroup && uri !== S.serviceGroup);

  it("selects the same top k with the same scores as scoring everyone in full", () => {
    const rand = random(1);
    const index = buildCandidateIndex(testTaxonomy(), Array.from({ length: 600 }, () => randomCandidate(rand, allOccupations, allSkills)));
    const phases = Array.from({ length: 40 }, (_, n) => expectSameAsBruteForce(index, randomJob(rand, allOccupations, allSkills, n), 1 + Math.floor(rand() * 60)));
    // Both paths were taken: with and without the weak-evidence phase.
    expect(new Set(phases.map((p) => p.weakPhase))).toEqual(new Set([true, false]));
  });

  it("returns everyone who passes the filters when there are fewer than k", () => {
    const index = buildCandidateIndex(testTaxonomy(), [candidate(), candidate({ skillUris: [S.knife] }), candidate({ active: false })]);
    expect(rankCandidatesForJob(index, job({ essentialSkillUris: [S.knife] }), { limit: 50 }).length).toBe(2);
    expect(rankCandidatesForJob(createCandidateIndex(testTaxonomy()), job({ essentialSkillUris: [S.knife] }))).toEqual([]);
  });

  it("breaks ties by id, so the order does not depend on when candidates were added", () => {
    const twins = [candidateId(900), candidateId(901), candidateId(902)].map((id) => candidate({ id, skillUris: [S.knife] }));
    const forward = buildCandidateIndex(testTaxonomy(), twins);
    const backward = buildCandidateIndex(testTaxonomy(), [...twins].reverse());
    const forJob = job({ essentialSkillUris: [S.knife] });
    expect(rankCandidatesForJob(forward, forJob, { limit: 2 }).map((r) => r.id)).toEqual([candidateId(900), candidateId(901)]);
    expect(rankCandidatesForJob(backward, forJob, { limit: 2 })).toEqual(rankCandidatesForJob(forward, forJob, { limit: 2 }));
  });

  it("refuses a job with more skills than the masks hold", () => {
    const index = buildCandidateIndex(testTaxonomy(), []);
    const many = Array.from({ length: 33 }, (_, i) => `http://data.europa.eu/esco/skill/00000000-0000-4000-9999-${String(i).padStart(12, "0")}`);
    expect(() => rankCandidatesForJob(index, job({ essentialSkillUris: many }))).toThrow(/at most 32/);
  });

  const esco = path.resolve(import.meta.dirname, "../../../../shared/data/esco-v1.1.1");
  it.skipIf(!fs.existsSync(esco))("agrees with the brute force on the real ESCO taxonomy", async () => {
    const taxonomy = compileTaxonomy(await loadTaxonomyFromEscoCsv(esco));
    const rand = random(2);
    // A few hundred occupations in a handful of ISCO groups, their skills and the skills near them.
    const occupations = [...taxonomy.occupations.keys].filter((uri) => ["51", "52", "91", "72"].includes(String(taxonomy.isco[taxonomy.occupations.get(uri)]).slice(0, 2)));
    const skills = [...new Set(occupations.flatMap((uri) => [...rowOf(taxonomy.occupationSkills, taxonomy.occupations.get(uri))].map((e) => taxonomy.skills.keys[e >>> 1]!)))];
    const index = buildCandidateIndex(taxonomy, Array.from({ length: 3000 }, () => randomCandidate(rand, occupations, skills)));
    const phases = [];
    for (let n = 0; n < 15; n++) {
      const occupation = pick(rand, occupations);
      const own = [...rowOf(taxonomy.occupationSkills, taxonomy.occupations.get(occupation))].map((e) => taxonomy.skills.keys[e >>> 1]!);
      const forJob = { ...randomJob(rand, occupations, own.length >= 4 ? own : skills, n), occupationUri: occupation };
      phases.push(expectSameAsBruteForce(index, forJob, n % 3 === 0 ? 5 : 50));
    }
    expect(new Set(phases.map((p) => p.weakPhase))).toEqual(new Set([true, false]));
  }, 60_000);
});

describe("index", () => {
  const allOccupations = Object.values(O);
  const allSkills = Object.values(S);

  function rankAll(index: CandidateIndex, jobs: MatchJob[]) {
    return jobs.map((j) => rankCandidatesForJob(index, j, { limit: 200, today: TODAY, lang: "nb" }));
  }

  it("gives the same results after adds, updates and removes as a rebuild from the final state", () => {
    const rand = random(3);
    const taxonomy: MatchTaxonomy = testTaxonomy();
    const index = createCandidateIndex(taxonomy, 4);
    const current = new Map<string, MatchCandidate>();
    const ids = Array.from({ length: 150 }, (_, i) => candidateId(5000 + i));
    for (let step = 0; step < 2000; step++) {
      const id = pick(rand, ids);
      if (rand() < 0.25) {
        expect(removeCandidate(index, id)).toBe(current.delete(id));
      } else {
        const next = randomCandidate(rand, allOccupations, allSkills, id);
        upsertCandidate(index, next);
        current.set(id, next);
      }
      if (step === 1000) compactPool(index);
    }
    expect(index.count).toBe(current.size);
    const rebuilt = buildCandidateIndex(taxonomy, [...current.values()].sort(() => rand() - 0.5));
    const jobs = Array.from({ length: 20 }, (_, n) => randomJob(rand, allOccupations, allSkills, n));
    expect(rankAll(index, jobs)).toEqual(rankAll(rebuilt, jobs));
    // Postings hold each candidate once per skill and nothing of removed ones.
    for (const [skill, length] of index.skillPostingLength.entries()) {
      const holders = [...current.values()].filter((c) => c.skillUris.includes(taxonomy.skills.keys[skill]!)).length;
      expect(length).toBe(holders);
    }
    // What the index holds reads back as what was written.
    for (const c of current.values()) {
      const decoded = decodeCandidate(index, index.slotOf.get(c.id)!);
      expect([...decoded.skills].map((s) => taxonomy.skills.keys[s]).sort()).toEqual([...new Set(c.skillUris)].sort());
    }
  });

  it("ranks jobs for a candidate who is not in the index", () => {
    const index = buildCandidateIndex(testTaxonomy(), [candidate({ skillUris: [S.knife] })]);
    const results = rankJobsForCandidate(index, [job({ id: "a", essentialSkillUris: [S.knife] }), job({ id: "b", essentialSkillUris: [S.care] })], candidate({ skillUris: [S.knife] }));
    expect(results.map((r) => r.id)).toEqual(["a", "b"]);
    expect(index.count).toBe(1);
  });

  it("grows past its first capacity and keeps slots of removed candidates for new ones", () => {
    const index = createCandidateIndex(testTaxonomy(), 2);
    const many = Array.from({ length: 100 }, () => candidate({ skillUris: [S.knife] }));
    for (const c of many) upsertCandidate(index, c);
    for (const c of many.slice(0, 50)) removeCandidate(index, c.id);
    for (let i = 0; i < 50; i++) upsertCandidate(index, candidate({ skillUris: [S.care] }));
    expect(index.size).toBe(100);
    expect(index.count).toBe(100);
    expect(rankCandidatesForJob(index, job({ essentialSkillUris: [S.knife] }), { limit: 200 }).filter((r) => r.score > 0).length).toBe(50);
  });
});
