/**
 * `node bench/matching.ts [--quick] [--size N] [--report FILE]` (run by `npm run bench`, alone with `--only matching`): the
 * matching engine of issue 5 (docs/decisions/011-matching-engine.md).
 * - matching.rank: 1,000,000 synthetic candidates (50,000 with --quick) generated from the ESCO occupations and
 *   their skills in ../shared/data/esco-v1.1.1 (fixed seed); jobs with 10 essential and 10 optional skills;
 *   the top 50 with reasons: p50/p95/p99, index build time, peak RSS. Budgets: p50 ≤ 50 ms, p99 ≤ 150 ms,
 *   build ≤ 30 s, memory ≤ 1.5 GB.
 *   baseline: the same scoring as one SQL query on the PostgreSQL server (127.0.0.1:5432 or TEST_DATABASE_URL;
 *   a throwaway database loaded with COPY through psql, dropped after): its p50, the ratio, and how many of the
 *   top 20 agree. Skipped, not failed, when the server or psql is not there.
 *   quality: NDCG@10 on an ESCO-derived set where each job's relevant candidates are known, for the engine and
 *   for plain skill-overlap (Jaccard) ranking in the same run.
 * - matching.update: replacing one candidate in a full index (what every change to a candidate costs).
 * Timings are wall clock; cpu_ms beside them is the process's CPU time (telling when the machine is busy).
 * MATCHING_DEBUG=1 logs, per job, how many candidates each phase of the ranking touched, scored and read.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { compileTaxonomy, rowOf, SIBLING_PARENT_MAX } from "../src/server/matching/taxonomy.ts";
import type { MatchTaxonomy } from "../src/server/matching/taxonomy.ts";
import { loadTaxonomyFromEscoCsv } from "../src/server/matching/taxonomy-csv.ts";
import { AVAILABLE_NOW, createCandidateIndex, decodeCandidate, isAlive, upsertCandidate } from "../src/server/matching/candidate-index.ts";
import type { CandidateIndex } from "../src/server/matching/candidate-index.ts";
import { expandJob, rankCandidatesForJob, selectTop } from "../src/server/matching/engine.ts";
import {
  CRITERION,
  EDUCATION_GAP_SCORES,
  ENGINE_VERSION,
  ESSENTIAL_FACTOR,
  EXPERIENCE_BASE,
  EXPERIENCE_PER_YEAR,
  EXPERIENCE_YEARS_CAP,
  EXTENT_MISMATCH,
  IDF_SCALE,
  LANGUAGE_GAP_SCORES,
  LOCATION_SCORES,
  OCCUPATION_LEVELS,
  prepareJob,
  START_LATE,
  START_SCORES,
  WISH_FACTOR,
} from "../src/server/matching/score.ts";
import type { PreparedJob } from "../src/server/matching/score.ts";
import type { MatchCandidate, MatchJob } from "../src/server/matching/types.ts";
import type { CefrLevel, Extent } from "../src/server/matching/levels.ts";
import type { DrivingLicence } from "../src/server/matching/licences.ts";

const root = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
const reportAt = process.argv.indexOf("--report");
const reportFile = reportAt > 0 ? process.argv[reportAt + 1] : undefined;
const escoFolder = path.resolve(root, "../shared/data/esco-v1.1.1");
const norwegianLabels = path.resolve(root, "../shared/data/esco-no/occupation-labels-no.tsv");
const TODAY = "2026-01-15";
const results: Record<string, unknown>[] = [];

const round = (n: number) => Math.round(n * 100) / 100;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)), p99_ms: round(percentile(sorted, 99)) };
}
const rssMb = () => round(process.memoryUsage().rss / 1024 / 1024);
const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024);
const log = (line: string) => process.stderr.write(`[matching] ${line}\n`);

/** mulberry32: a small, fast, seeded generator. */
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

const municipalities = ["Bærum", "Asker", "Oslo", "Drammen", "Lillestrøm", "Lørenskog", "Nordre Follo", "Ås", "Frogn", "Nesodden", "Ringerike", "Hole", "Lier", "Jevnaker", "Ullensaker", "Nittedal", "Rælingen", "Enebakk", "Vestby", "Moss"];
const homeLanguages = ["ar", "so", "ti", "uk", "pl", "fa", "ps", "ku", "es", "fr", "ru", "lt", "th", "vi", "am", "sw"];
const cefr: CefrLevel[] = ["A1", "A2", "B1", "B2", "C1", "C2"];
const level = (rank: number): CefrLevel => cefr[Math.max(1, Math.min(6, rank)) - 1]!;

/** What the generators need from the taxonomy: occupations with skills, by popularity; related skills; a pool of skills weighted by use. */
function population(taxonomy: MatchTaxonomy, seed: number) {
  const rand = random(seed);
  const uri = (id: number) => taxonomy.occupations.keys[id]!;
  const skillUri = (id: number) => taxonomy.skills.keys[id]!;
  const usable: number[] = [];
  for (let id = 0; id < taxonomy.isco.length; id++) if (rowOf(taxonomy.occupationSkills, id).length >= 6) usable.push(id);
  // A seeded shuffle, then Zipf-like popularity: a few occupations are common, most are rare.
  for (let i = usable.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [usable[i], usable[j]] = [usable[j]!, usable[i]!];
  }
  const cumulative = new Float64Array(usable.length);
  let total = 0;
  usable.forEach((_, rank) => (cumulative[rank] = total += 1 / (rank + 10) ** 0.9));
  const sampleOccupation = (r: Rand) => {
    const x = r() * total;
    let lo = 0;
    let hi = usable.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return usable[lo]!;
  };
  const essential = (id: number) => [...rowOf(taxonomy.occupationSkills, id)].filter((e) => e & 1).map((e) => e >>> 1);
  const optional = (id: number) => [...rowOf(taxonomy.occupationSkills, id)].filter((e) => !(e & 1)).map((e) => e >>> 1);
  const neighbours = (id: number) => {
    const code = taxonomy.isco[id]!;
    return (taxonomy.bySubMajor.get(Math.floor(code / 100)) ?? []).filter((other) => other !== id && rowOf(taxonomy.occupationSkills, other).length >= 6);
  };
  const related = (skill: number): number[] => {
    const out: number[] = [];
    for (const parent of rowOf(taxonomy.parents, skill)) {
      if (rowOf(taxonomy.skillOccupations, parent).length > 0) out.push(parent);
      const siblings = rowOf(taxonomy.children, parent);
      if (siblings.length <= SIBLING_PARENT_MAX) for (const s of siblings) if (s !== skill && rowOf(taxonomy.skillOccupations, s).length > 0) out.push(s);
    }
    for (const child of rowOf(taxonomy.children, skill)) if (rowOf(taxonomy.skillOccupations, child).length > 0) out.push(child);
    return out;
  };
  const skillPool = taxonomy.occupationSkills.values;
  const randomSkill = (r: Rand) => skillPool[Math.floor(r() * skillPool.length)]! >>> 1;
  return { usable, sampleOccupation, essential, optional, neighbours, related, randomSkill, uri, skillUri };
}
type Population = ReturnType<typeof population>;

const idOf = (i: number, prefix = "0000") => `${i.toString(16).padStart(8, "0")}-${prefix}-4000-8000-${(i * 2654435761 >>> 0).toString(16).padStart(12, "0")}`;

/** One synthetic candidate: an occupation, most of its skills (some described by a related skill), a little noise, languages, place. */
function syntheticCandidate(p: Population, rand: Rand, i: number): MatchCandidate {
  const occupation = p.sampleOccupation(rand);
  const experience: { occupationUri: string; years: number }[] = [];
  if (rand() < 0.8) experience.push({ occupationUri: p.uri(occupation), years: Math.round(rand() * 24) / 2 });
  if (rand() < 0.3) {
    const near = p.neighbours(occupation);
    experience.push({ occupationUri: p.uri(near.length > 0 && rand() < 0.6 ? pick(rand, near) : p.sampleOccupation(rand)), years: Math.round(rand() * 10) / 2 });
  }
  const wished: string[] = [];
  if (rand() < 0.5) wished.push(p.uri(occupation));
  if (rand() < 0.2) wished.push(p.uri(p.sampleOccupation(rand)));
  const skills = new Set<number>();
  const add = (skill: number) => {
    if (rand() < 0.1) {
      const near = p.related(skill);
      if (near.length > 0) return skills.add(pick(rand, near));
    }
    skills.add(skill);
  };
  for (const skill of p.essential(occupation)) if (rand() < 0.45) add(skill);
  for (const skill of p.optional(occupation)) if (rand() < 0.15) add(skill);
  for (let n = Math.floor(rand() * 4); n > 0; n--) skills.add(p.randomSkill(rand));
  const norwegian = 1 + Math.floor(rand() * 5);
  const languages = [
    { code: "no", listening: level(norwegian + Math.round(rand() * 2 - 1)), reading: level(norwegian + Math.round(rand() * 2 - 1)), writing: level(norwegian - Math.round(rand())), speaking: level(norwegian + Math.round(rand() * 2 - 1)) },
    { code: pick(rand, homeLanguages), listening: "C2" as const, reading: "C2" as const, writing: "C2" as const, speaking: "C2" as const },
  ];
  if (rand() < 0.6) {
    const english = 2 + Math.floor(rand() * 4);
    languages.push({ code: "en", listening: level(english), reading: level(english), writing: level(english - 1), speaking: level(english) });
  }
  const licences: DrivingLicence[] = [];
  if (rand() < 0.45) licences.push("B");
  if (rand() < 0.03) licences.push("C");
  if (rand() < 0.02) licences.push("CE");
  if (rand() < 0.01) licences.push("D");
  if (rand() < 0.02) licences.push("T");
  const extentRoll = rand();
  const extent: Extent = extentRoll < 0.5 ? "any" : extentRoll < 0.85 ? "full_time" : "part_time";
  const wishedMunicipalities: string[] = [];
  for (let n = Math.floor(rand() * 3); n > 0; n--) wishedMunicipalities.push(pick(rand, municipalities));
  const available = rand() < 0.7 ? null : new Date(Date.parse(TODAY) + Math.floor(rand() * 220 - 100) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: idOf(i),
    active: rand() < 0.88,
    availableFrom: available,
    restricted: rand() < 0.01,
    licences,
    experience,
    wishedOccupationUris: wished,
    skillUris: [...skills].map(p.skillUri),
    languages,
    educationRank: Math.floor(rand() * 9),
    municipality: pick(rand, municipalities),
    wishedMunicipalities,
    extent,
  };
}

/** Jobs: an occupation with at least 10 essential and 10 optional ESCO skills; 10 + 10 of them, Norwegian B1 oral, a place. */
function syntheticJobs(p: Population, count: number, seed: number, simple = false): MatchJob[] {
  const rand = random(seed);
  const candidates = p.usable.filter((id) => p.essential(id).length >= 10 && p.optional(id).length >= 10);
  const jobs: MatchJob[] = [];
  const used = new Set<number>();
  while (jobs.length < count) {
    // Half from the common occupations (where most candidates are), half from anywhere.
    const occupation = jobs.length % 2 === 0 ? p.sampleOccupation(rand) : pick(rand, candidates);
    if (used.has(occupation) || !candidates.includes(occupation)) continue;
    used.add(occupation);
    const take = (skills: number[]) => {
      const shuffled = [...skills];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      return shuffled.slice(0, 10).map(p.skillUri);
    };
    const n = jobs.length;
    jobs.push({
      id: idOf(n, "0001"),
      occupationUri: p.uri(occupation),
      essentialSkillUris: take(p.essential(occupation)),
      optionalSkillUris: take(p.optional(occupation)),
      languages: simple
        ? []
        : [{ code: "no", skills: ["listening", "speaking"], level: "B1" }, ...(n % 2 === 1 ? [{ code: "en", skills: ["reading" as const], level: "B1" as const }] : [])],
      educationRank: simple || n % 3 !== 0 ? null : 3,
      licencesRequired: !simple && n % 5 === 4 ? ["B"] : [],
      licencesPreferred: !simple && n % 4 === 1 ? ["B"] : [],
      municipality: simple ? null : pick(rand, municipalities),
      extent: simple ? null : n % 3 === 2 ? "part_time" : "full_time",
      startDate: simple || n % 4 === 3 ? "2026-03-01" : null,
    });
  }
  return jobs;
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL baseline

async function postgresServer(): Promise<{ admin: string } | { skipped: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    return { skipped: `PostgreSQL not reachable (${(error as Error).message})` };
  } finally {
    await client.end().catch(() => {});
  }
  const psql = await new Promise<boolean>((resolve) => {
    const child = spawn("psql", ["--version"], { stdio: "ignore" });
    child.on("error", () => resolve(false));
    child.on("exit", (code) => resolve(code === 0));
  });
  if (!psql) return { skipped: "psql not installed (COPY goes through psql \\copy)" };
  return { admin: serverUrl };
}

/** COPY … FROM STDIN through psql, fed in chunks with back-pressure. */
function copyInto(url: string, table: string) {
  const child = spawn("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", `\\copy ${table} from pstdin with (format csv)`], { stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`COPY ${table}: ${stderr.trim()}`))));
  });
  let buffer = "";
  return {
    async line(text: string) {
      buffer += `${text}\n`;
      if (buffer.length > 1 << 16) {
        const ok = child.stdin.write(buffer);
        buffer = "";
        if (!ok) await new Promise((resolve) => child.stdin.once("drain", resolve));
      }
    },
    async end() {
      child.stdin.end(buffer);
      await done;
    },
  };
}

const schemaSql = `
  CREATE TABLE cand (slot int PRIMARY KEY, id text NOT NULL, flags int NOT NULL, avail int NOT NULL, edu int NOT NULL, muni int NOT NULL, extent int NOT NULL, lic int NOT NULL);
  CREATE TABLE cand_skill (slot int NOT NULL, skill int NOT NULL);
  CREATE TABLE cand_occ (slot int NOT NULL, occ int NOT NULL, exp boolean NOT NULL, years float8 NOT NULL);
  CREATE TABLE cand_lang (slot int NOT NULL, code int NOT NULL, levels int NOT NULL);
  CREATE TABLE cand_wish (slot int NOT NULL, muni int NOT NULL);
  CREATE TABLE occ_isco (occ int PRIMARY KEY, isco int NOT NULL);
  CREATE TABLE skill_parent (skill int NOT NULL, parent int NOT NULL);
  CREATE TABLE occ_skill (occ int NOT NULL, skill int NOT NULL, essential boolean NOT NULL);
`;
const indexSql = `
  CREATE INDEX ON cand_skill (skill, slot);
  CREATE INDEX ON cand_occ (occ, slot);
  CREATE INDEX ON cand_lang (slot, code);
  CREATE INDEX ON cand_wish (slot, muni);
  CREATE INDEX ON skill_parent (skill);
  CREATE INDEX ON skill_parent (parent);
  CREATE INDEX ON occ_skill (skill);
  ANALYZE;
`;

/** Loads the index's candidates (the same integer ids) and the taxonomy's relations into the database. */
async function loadPostgres(url: string, index: CandidateIndex) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(schemaSql);
  } finally {
    await client.end();
  }
  const { taxonomy } = index;
  const tables = {
    cand: copyInto(url, "cand"),
    skill: copyInto(url, "cand_skill"),
    occ: copyInto(url, "cand_occ"),
    lang: copyInto(url, "cand_lang"),
    wish: copyInto(url, "cand_wish"),
  };
  for (let slot = 0; slot < index.size; slot++) {
    if (!isAlive(index, slot)) continue;
    const c = decodeCandidate(index, slot);
    await tables.cand.line(`${slot},${c.id},${c.flags},${c.availableFrom},${c.education},${c.municipality},${c.extent},${c.licences}`);
    for (const skill of c.skills) await tables.skill.line(`${slot},${skill}`);
    for (let i = 0; i < c.occupations.length; i++) await tables.occ.line(`${slot},${c.occupations[i]! >>> 1},${c.occupations[i]! & 1 ? "t" : "f"},${c.years[i]}`);
    for (const entry of c.languages) await tables.lang.line(`${slot},${entry >>> 12},${entry & 4095}`);
    for (const muni of c.wishes) await tables.wish.line(`${slot},${muni}`);
  }
  const taxonomyTables = { isco: copyInto(url, "occ_isco"), parent: copyInto(url, "skill_parent"), occSkill: copyInto(url, "occ_skill") };
  for (let occ = 0; occ < taxonomy.isco.length; occ++) {
    await taxonomyTables.isco.line(`${occ},${taxonomy.isco[occ]}`);
    for (const entry of rowOf(taxonomy.occupationSkills, occ)) await taxonomyTables.occSkill.line(`${occ},${entry >>> 1},${entry & 1 ? "t" : "f"}`);
  }
  for (let skill = 0; skill + 1 < taxonomy.parents.start.length; skill++) for (const parent of rowOf(taxonomy.parents, skill)) await taxonomyTables.parent.line(`${skill},${parent}`);
  await Promise.all([...Object.values(tables), ...Object.values(taxonomyTables)].map((t) => t.end()));
  const indexer = new pg.Client({ connectionString: url });
  await indexer.connect();
  try {
    await indexer.query("SET maintenance_work_mem = '512MB'");
    await indexer.query(indexSql);
  } finally {
    await indexer.end();
  }
}

const f8 = (n: number) => `${n}::float8`;
const caseOf = (expression: string, values: readonly number[]) => `CASE ${values.map((v, i) => (i < values.length - 1 ? `WHEN ${expression} = ${i} THEN ${f8(v)}` : `ELSE ${f8(v)}`)).join(" ")} END`;

/** The engine's scoring (score.ts) as one SQL query, term for term and in the same order, so the numbers agree. */
function scoringSql(job: PreparedJob, limit: number): string {
  const w = job.weights;
  const skills = [...job.skills].map((skill, j) => `(${j}, ${skill}, ${j < job.essentialCount})`).join(", ");
  const gap = (expression: string) => `CASE WHEN ${expression} <= 0 THEN ${f8(1)} ${LANGUAGE_GAP_SCORES.slice(1, -1).map((v, i) => `WHEN ${expression} = ${i + 1} THEN ${f8(v)}`).join(" ")} ELSE ${f8(LANGUAGE_GAP_SCORES.at(-1)!)} END`;
  const languageTerms = job.languages.map((r, i) => {
    const subSkills = r.subSkills.map((s) => gap(`(${r.level} - ((coalesce(l${i}.levels, 0) >> ${3 * s}) & 7))`));
    return `(${subSkills.join(" + ")}) / ${f8(r.subSkills.length)}`;
  });
  const languageJoins = job.languages.map((r, i) => `LEFT JOIN cand_lang l${i} ON l${i}.slot = c.slot AND l${i}.code = ${r.code}`).join("\n    ");
  const occupationLevel = `CASE WHEN co.occ = ${job.occupation} THEN ${f8(OCCUPATION_LEVELS.same)}
        WHEN oi.isco < 0 OR ${job.isco} < 0 THEN ${f8(0)}
        WHEN oi.isco = ${job.isco} THEN ${f8(OCCUPATION_LEVELS.unitGroup)}
        WHEN oi.isco / 10 = ${Math.floor(job.isco / 10)} THEN ${f8(OCCUPATION_LEVELS.minorGroup)}
        WHEN oi.isco / 100 = ${Math.floor(job.isco / 100)} THEN ${f8(OCCUPATION_LEVELS.subMajorGroup)}
        ELSE ${f8(0)} END`;
  const terms: string[] = [];
  const term = (criterion: keyof typeof CRITERION, expression: string) => {
    if (w[CRITERION[criterion]]! > 0) terms.push(`${f8(w[CRITERION[criterion]]!)} * (${expression})`);
  };
  term("skills", `coalesce(sk.s, ${f8(0)})`);
  term("occupation", `coalesce(oc.s, ${f8(0)})`);
  if (languageTerms.length > 0) term("languages", `(${languageTerms.join(" + ")}) / ${f8(languageTerms.length)}`);
  term("education", caseOf(`least(3, greatest(0, ${job.education} - greatest(0, c.edu)))`, EDUCATION_GAP_SCORES));
  term(
    "location",
    job.municipality < 0
      ? f8(0)
      : `CASE WHEN c.muni = ${job.municipality} THEN ${f8(LOCATION_SCORES.lives)} WHEN EXISTS (SELECT 1 FROM cand_wish cw WHERE cw.slot = c.slot AND cw.muni = ${job.municipality}) THEN ${f8(LOCATION_SCORES.wishes)} ELSE ${f8(0)} END`,
  );
  term("extent", `CASE WHEN c.extent = 0 OR c.extent = ${job.extent} THEN ${f8(1)} ELSE ${f8(EXTENT_MISMATCH)} END`);
  term("licences", `bit_count((c.lic & ${job.preferredLicences})::bit(16))::float8 / bit_count((${job.preferredLicences})::bit(16))::float8`);
  term(
    "start",
    `CASE WHEN c.avail = ${AVAILABLE_NOW} OR c.avail - ${job.today} <= 0 THEN ${f8(1)} ${START_SCORES.map(([days, s]) => `WHEN c.avail - ${job.today} <= ${days} THEN ${f8(s)}`).join(" ")} ELSE ${f8(START_LATE)} END`,
  );
  // Skills and occupation first (as the engine's partial sum), then the rest, left to right.
  const score = terms.reduce((sum, t) => (sum ? `(${sum} + ${t})` : t), "");
  return `
WITH n AS (SELECT count(*)::float8 AS n FROM cand),
js (j, skill, essential) AS (VALUES ${skills}),
jw AS (
  SELECT js.j, greatest(${f8(1)}, round(${f8(IDF_SCALE)} * (ln((n.n + 1) / (df.df + 1)) + 1))) * (CASE WHEN js.essential THEN ${f8(ESSENTIAL_FACTOR)} ELSE ${f8(1)} END) AS w
  FROM js CROSS JOIN n CROSS JOIN LATERAL (SELECT count(*)::float8 AS df FROM cand_skill cs WHERE cs.skill = js.skill) df),
denominator AS (SELECT 4 * sum(w) AS d FROM jw),
parent_size AS (SELECT parent, count(*) AS c FROM skill_parent GROUP BY parent),
source (j, skill, q) AS (
  SELECT j, skill, 4 FROM js
  UNION ALL SELECT js.j, p.parent, 2 FROM js JOIN skill_parent p ON p.skill = js.skill
  UNION ALL SELECT js.j, ch.skill, 2 FROM js JOIN skill_parent ch ON ch.parent = js.skill
  UNION ALL SELECT js.j, s.skill, 1 FROM js JOIN skill_parent p ON p.skill = js.skill
    JOIN parent_size ps ON ps.parent = p.parent AND ps.c <= ${SIBLING_PARENT_MAX}
    JOIN skill_parent s ON s.parent = p.parent AND s.skill <> js.skill),
credit AS (
  SELECT slot, j, max(q) AS q FROM (
    SELECT cs.slot, source.j, source.q FROM source JOIN cand_skill cs ON cs.skill = source.skill
    UNION ALL
    SELECT co.slot, js.j, CASE WHEN os.essential THEN 2 ELSE 1 END FROM js JOIN occ_skill os ON os.skill = js.skill JOIN cand_occ co ON co.occ = os.occ AND co.exp
  ) x GROUP BY slot, j),
sk AS MATERIALIZED (SELECT credit.slot, sum(credit.q * jw.w) / (SELECT d FROM denominator) AS s FROM credit JOIN jw USING (j) GROUP BY credit.slot),
oc AS MATERIALIZED (
  SELECT co.slot, max((${occupationLevel}) * (CASE WHEN co.exp THEN ${f8(EXPERIENCE_BASE)} + ${f8(EXPERIENCE_PER_YEAR)} * least(co.years, ${f8(EXPERIENCE_YEARS_CAP)}) ELSE ${f8(WISH_FACTOR)} END)) AS s
  FROM cand_occ co JOIN occ_isco oi ON oi.occ = co.occ
  WHERE co.occ = ${job.occupation} OR (oi.isco >= 0 AND oi.isco / 100 = ${Math.floor(job.isco / 100)})
  GROUP BY co.slot)
SELECT c.id, ${score} AS score
FROM cand c
    LEFT JOIN sk ON sk.slot = c.slot
    LEFT JOIN oc ON oc.slot = c.slot
    ${languageJoins}
WHERE c.flags = 3${job.requiredLicences ? ` AND (c.lic & ${job.requiredLicences}) = ${job.requiredLicences}` : ""}${job.startDay === null ? "" : ` AND c.avail <= ${job.startDay}`}
ORDER BY score DESC, c.id COLLATE "C"
LIMIT ${limit}`;
}

async function baseline(index: CandidateIndex, jobs: MatchJob[]) {
  const server = await postgresServer();
  if ("skipped" in server) return { name: "postgres-sql", skipped: server.skipped };
  const name = `mangfold_bench_matching_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.admin });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.admin);
  url.pathname = `/${name}`;
  try {
    const started = performance.now();
    await loadPostgres(url.toString(), index);
    const loadMs = performance.now() - started;
    log(`PostgreSQL loaded in ${round(loadMs / 1000)} s`);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query("SET work_mem = '256MB'");
      const latencies: number[] = [];
      const overlaps: number[] = [];
      let maxScoreDifference = 0;
      const runs = jobs.slice(0, quick ? 3 : 5);
      await client.query(scoringSql(prepareJob(index, runs[0]!, { today: TODAY }), 20)); // warm-up
      for (const job of runs) {
        const prepared = prepareJob(index, job, { today: TODAY });
        const t0 = performance.now();
        const { rows } = await client.query<{ id: string; score: number }>(scoringSql(prepared, 20));
        latencies.push(performance.now() - t0);
        const engine = selectTop(index, prepared, expandJob(index, prepared), 20);
        const engineIds = engine.slots.map((slot) => index.ids[slot]!);
        overlaps.push(rows.filter((row) => engineIds.includes(row.id)).length);
        rows.forEach((row, i) => {
          if (engineIds[i] === row.id) maxScoreDifference = Math.max(maxScoreDifference, Math.abs(engine.scores[i]! - row.score));
        });
        log(`PostgreSQL query ${round(latencies.at(-1)!)} ms, top 20 overlap ${overlaps.at(-1)}`);
      }
      return {
        name: "postgres-sql",
        ...summary(latencies),
        queries: latencies.length,
        load_ms: round(loadMs),
        settings: "PostgreSQL defaults (parallel query on), work_mem 256MB, indexes on every join key",
        top20_overlap_min: Math.min(...overlaps),
        top20_overlap_mean: round(overlaps.reduce((a, b) => a + b, 0) / overlaps.length),
        top20_max_score_difference: maxScoreDifference,
      };
    } finally {
      await client.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Quality: NDCG@10 where each job's relevant candidates are known

function ndcgAt10(ranked: number[], allRelevances: number[]) {
  const gain = (rel: number) => 2 ** rel - 1;
  const dcg = ranked.slice(0, 10).reduce((sum, rel, i) => sum + gain(rel) / Math.log2(i + 2), 0);
  const ideal = [...allRelevances].sort((a, b) => b - a).slice(0, 10).reduce((sum, rel, i) => sum + gain(rel) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * For each job, candidates whose true occupation is the job's (relevance 3), in its ISCO unit group (2) or
 * minor group (1), among distractors from the whole population (0 unless they happen to be close). What a
 * candidate tells is noisy: the true occupation is stated as experience (55 %), as a wish (20 %) or not at all;
 * each of its essential skills is listed with 30 %, optional 10 %, a quarter of them in other words (a related
 * ESCO skill); everyone lists 0–5 frequent skills from anywhere, and some an unrelated earlier job.
 */
function quality(taxonomy: MatchTaxonomy) {
  const p = population(taxonomy, 7);
  const rand = random(11);
  const jobs = syntheticJobs(p, 40, 13, true);
  const truth = new Map<string, number>();
  const candidates: MatchCandidate[] = [];
  const noisy = (id: string, occupation: number): MatchCandidate => {
    truth.set(id, occupation);
    const experience: { occupationUri: string; years: number }[] = [];
    const wished: string[] = [];
    const roll = rand();
    if (roll < 0.55) experience.push({ occupationUri: p.uri(occupation), years: Math.round(rand() * 16) / 2 });
    else if (roll < 0.75) wished.push(p.uri(occupation));
    if (rand() < 0.3) experience.push({ occupationUri: p.uri(p.sampleOccupation(rand)), years: Math.round(rand() * 8) / 2 });
    const skills = new Set<number>();
    const add = (skill: number) => {
      const near = rand() < 0.25 ? p.related(skill) : [];
      skills.add(near.length > 0 ? pick(rand, near) : skill);
    };
    for (const skill of p.essential(occupation)) if (rand() < 0.3) add(skill);
    for (const skill of p.optional(occupation)) if (rand() < 0.1) add(skill);
    for (let n = Math.floor(rand() * 6); n > 0; n--) skills.add(p.randomSkill(rand));
    return {
      id,
      active: true,
      availableFrom: null,
      restricted: false,
      licences: [],
      experience,
      wishedOccupationUris: wished,
      skillUris: [...skills].map(p.skillUri),
      languages: [],
      educationRank: null,
      municipality: "",
      wishedMunicipalities: [],
      extent: "any",
    };
  };
  let n = 0;
  for (const job of jobs) {
    const occupation = taxonomy.occupations.get(job.occupationUri!);
    const code = taxonomy.isco[occupation]!;
    const near = p.usable.filter((id) => id !== occupation);
    const unit = near.filter((id) => taxonomy.isco[id] === code);
    const minor = near.filter((id) => Math.floor(taxonomy.isco[id]! / 10) === Math.floor(code / 10) && taxonomy.isco[id] !== code);
    for (let i = 0; i < 8; i++) candidates.push(noisy(idOf(n++, "0002"), occupation));
    for (let i = 0; i < 8 && unit.length > 0; i++) candidates.push(noisy(idOf(n++, "0002"), pick(rand, unit)));
    for (let i = 0; i < 8 && minor.length > 0; i++) candidates.push(noisy(idOf(n++, "0002"), pick(rand, minor)));
  }
  for (let i = 0; i < 4000; i++) candidates.push(noisy(idOf(n++, "0002"), p.sampleOccupation(rand)));
  const index = createCandidateIndex(taxonomy);
  for (const candidate of candidates) upsertCandidate(index, candidate);
  const relevance = (jobOccupation: number, candidateId: string) => {
    const occupation = truth.get(candidateId)!;
    if (occupation === jobOccupation) return 3;
    const a = taxonomy.isco[occupation]!;
    const b = taxonomy.isco[jobOccupation]!;
    return a === b ? 2 : Math.floor(a / 10) === Math.floor(b / 10) ? 1 : 0;
  };
  let engineSum = 0;
  let jaccardSum = 0;
  for (const job of jobs) {
    const occupation = taxonomy.occupations.get(job.occupationUri!);
    const all = candidates.map((c) => relevance(occupation, c.id));
    const engine = rankCandidatesForJob(index, job, { limit: 10, today: TODAY }).map((r) => relevance(occupation, r.id));
    const jobSkills = new Set([...job.essentialSkillUris, ...job.optionalSkillUris]);
    const jaccard = candidates
      .map((c) => {
        const shared = c.skillUris.filter((s) => jobSkills.has(s)).length;
        return { id: c.id, j: shared / (jobSkills.size + c.skillUris.length - shared || 1) };
      })
      .sort((a, b) => b.j - a.j || (a.id < b.id ? -1 : 1))
      .slice(0, 10)
      .map((r) => relevance(occupation, r.id));
    engineSum += ndcgAt10(engine, all);
    jaccardSum += ndcgAt10(jaccard, all);
  }
  return {
    "ndcg@10": round((engineSum / jobs.length) * 1000) / 1000,
    "jaccard_ndcg@10": round((jaccardSum / jobs.length) * 1000) / 1000,
    jobs: jobs.length,
    candidates: candidates.length,
    relevance: "true occupation: same 3, same ISCO unit group 2, same minor group 1, else 0; gains 2^rel − 1",
  };
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(escoFolder)) {
    results.push({ name: "matching.rank", skipped: `no ESCO data at ${escoFolder}` });
    return;
  }
  const sizeAt = process.argv.indexOf("--size");
  const loadAverage = os.loadavg();
  const size = sizeAt > 0 ? Number(process.argv[sizeAt + 1]) : quick ? 50_000 : 1_000_000;
  let started = performance.now();
  const graph = await loadTaxonomyFromEscoCsv(escoFolder, { norwegianLabels });
  const taxonomy = compileTaxonomy(graph);
  const taxonomyMs = performance.now() - started;
  log(`taxonomy loaded in ${round(taxonomyMs)} ms: ${taxonomy.occupations.size} occupations, ${taxonomy.skills.size} skills and groups`);

  // Build: generate in batches (not timed), add to the index (timed).
  const p = population(taxonomy, 1);
  const rand = random(2);
  const index = createCandidateIndex(taxonomy);
  let buildMs = 0;
  const batch: MatchCandidate[] = [];
  for (let i = 0; i < size; ) {
    batch.length = 0;
    for (let b = 0; b < 10_000 && i < size; b++, i++) batch.push(syntheticCandidate(p, rand, i));
    const t0 = performance.now();
    for (const candidate of batch) upsertCandidate(index, candidate);
    buildMs += performance.now() - t0;
  }
  batch.length = 0;
  log(`index of ${index.count} candidates built in ${round(buildMs)} ms (${round((performance.now() - started) / 1000)} s with generation); rss ${rssMb()} MB`);

  const jobs = syntheticJobs(p, 20, 3);
  for (let i = 0; i < 10; i++) rankCandidatesForJob(index, jobs[i % jobs.length]!, { limit: 50, today: TODAY }); // warm-up
  const latencies: number[] = [];
  const cpu: number[] = [];
  let touched = 0;
  const queries = quick ? 100 : 400;
  started = performance.now();
  for (let q = 0; q < queries; q++) {
    const job = jobs[q % jobs.length]!;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ranked = rankCandidatesForJob(index, job, { limit: 50, lang: q % 2 === 0 ? "nb" : "en", today: TODAY });
    latencies.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
    if (ranked.length !== 50 || ranked[0]!.reasons.length === 0) throw new Error("ranking returned too few results or no reasons");
  }
  const seconds = (performance.now() - started) / 1000;
  for (const job of jobs) {
    const prepared = prepareJob(index, job, { today: TODAY });
    const c0 = process.cpuUsage();
    const selected = selectTop(index, prepared, expandJob(index, prepared), 50);
    const used = process.cpuUsage(c0);
    touched += selected.touched;
    if (process.env.MATCHING_DEBUG) log(`job ${job.id}: strong ${selected.strong}, touched ${selected.touched}, considered ${selected.considered}, records ${selected.records}, walked ${selected.postingsWalked}, 50th ${selected.scores.at(-1)}, top ${selected.scores[0]}, cpu ${(used.user + used.system) / 1000} ms, weights ${[...prepared.weights].map((x) => x.toFixed(3))}`);
  }
  const rssAfterQueries = rssMb();
  log(`ranked ${queries} times: ${JSON.stringify(summary(latencies))}, CPU time ${JSON.stringify(summary(cpu))}`);

  // Updates: replace 2,000 candidates with new content.
  const updates: number[] = [];
  const updateRand = random(5);
  for (let u = 0; u < 2000; u++) {
    const i = Math.floor(updateRand() * size);
    const candidate = { ...syntheticCandidate(p, updateRand, i), id: idOf(i) };
    const t0 = performance.now();
    upsertCandidate(index, candidate);
    updates.push(performance.now() - t0);
  }

  let base: Record<string, unknown>;
  try {
    base = await baseline(index, jobs);
  } catch (error) {
    base = { name: "postgres-sql", skipped: `failed: ${(error as Error).message.slice(0, 300)}` };
  }
  log(`baseline: ${JSON.stringify(base)}`);
  started = performance.now();
  const qualityFigures = quality(taxonomy);
  log(`quality in ${round(performance.now() - started)} ms: ${JSON.stringify(qualityFigures)}`);

  const figures = summary(latencies);
  results.push({
    name: "matching.rank",
    params: {
      candidates: index.count,
      jobs: jobs.length,
      queries,
      limit: 50,
      with_reasons: true,
      essential_skills: 10,
      optional_skills: 10,
      engine_version: ENGINE_VERSION,
      taxonomy: "esco-1.1.1",
      load_average_at_start: loadAverage.map(round),
      budget: { p50_ms: 50, p99_ms: 150, build_ms: 30_000, rss_mb: 1536 },
    },
    ...figures,
    /** CPU time per query (process.cpuUsage): what the query costs when the machine is busy with other work. */
    cpu_ms: summary(cpu),
    throughput_per_s: round(queries / seconds),
    touched_mean: Math.round(touched / jobs.length),
    build_ms: round(buildMs),
    taxonomy_load_ms: round(taxonomyMs),
    rss_mb: rssAfterQueries,
    peak_rss_mb: peakRssMb(),
    baseline: base,
    ratio: typeof base.p50_ms === "number" && figures.p50_ms > 0 ? round(base.p50_ms / figures.p50_ms) : null,
    quality: qualityFigures,
  });
  results.push({ name: "matching.update", params: { candidates: index.count, updates: updates.length }, ...summary(updates) });
  if (qualityFigures["ndcg@10"] <= qualityFigures["jaccard_ndcg@10"]) {
    log("FAIL: the engine does not beat skill-overlap (Jaccard) ranking on NDCG@10");
    process.exitCode = 1;
  }
}

await main();
if (reportFile) fs.writeFileSync(reportFile, JSON.stringify(results));
for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
