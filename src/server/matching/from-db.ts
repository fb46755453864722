import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { candidates } from "../candidates/tables.ts";
import { educationRank } from "../candidates/derive.ts";
import { createCandidateIndex, upsertCandidate } from "./candidate-index.ts";
import type { CandidateIndex } from "./candidate-index.ts";
import { drivingLicenceClasses } from "./licences.ts";
import type { DrivingLicence } from "./licences.ts";
import { normaliseLanguageCode } from "./levels.ts";
import type { MatchTaxonomy } from "./taxonomy.ts";
import type { MatchCandidate, MatchJob } from "./types.ts";
import type { JobRow } from "../jobs/service.ts";
import { MAX_JOB_SKILLS } from "./score.ts";
import { languageSubSkills } from "./levels.ts";

/*
 * From the candidate registry to the engine's input. `toMatchCandidate` names each field it takes: a record
 * with more (names, background, the countries of education and experience) gives the same MatchCandidate.
 * `loadCandidateIndex` reads only those columns, never names or the background table.
 */

export type MatchSource = Pick<
  typeof candidates.$inferSelect,
  "id" | "status" | "availableFrom" | "processingRestrictedAt" | "erasureRequestedAt" | "drivingLicences" | "experience" | "jobWishes" | "skillUris" | "languages" | "education" | "municipality"
>;

export const matchColumns = {
  id: candidates.id,
  status: candidates.status,
  availableFrom: candidates.availableFrom,
  processingRestrictedAt: candidates.processingRestrictedAt,
  erasureRequestedAt: candidates.erasureRequestedAt,
  drivingLicences: candidates.drivingLicences,
  experience: candidates.experience,
  jobWishes: candidates.jobWishes,
  skillUris: candidates.skillUris,
  languages: candidates.languages,
  education: candidates.education,
  municipality: candidates.municipality,
};

export function toMatchCandidate(source: MatchSource): MatchCandidate {
  const ranks = source.education.map((e) => educationRank(e.level)).filter((rank) => rank >= 0);
  return {
    id: source.id,
    active: source.status === "active",
    availableFrom: source.availableFrom,
    restricted: source.processingRestrictedAt !== null || source.erasureRequestedAt !== null,
    licences: source.drivingLicences.filter((l): l is DrivingLicence => (drivingLicenceClasses as readonly string[]).includes(l)),
    experience: source.experience.map((e) => ({ occupationUri: e.occupationUri, years: e.years })),
    wishedOccupationUris: [...source.jobWishes.occupationUris],
    skillUris: [...source.skillUris],
    languages: source.languages.map((l) => {
      const level = (value: typeof l.listening) => value ?? (l.native ? "C2" : null);
      return { code: normaliseLanguageCode(l.code), listening: level(l.listening), reading: level(l.reading), writing: level(l.writing), speaking: level(l.speaking) };
    }),
    educationRank: ranks.length > 0 ? Math.max(...ranks) : null,
    municipality: source.municipality,
    wishedMunicipalities: [...source.jobWishes.municipalities],
    extent: source.jobWishes.extent,
  };
}

/** A network's index from the database, read in pages of `batch` candidates. */
export async function loadCandidateIndex(db: Db, tenantId: string, taxonomy: MatchTaxonomy, batch = 5000): Promise<CandidateIndex> {
  const index = createCandidateIndex(taxonomy);
  let after: string | undefined;
  for (;;) {
    const rows: MatchSource[] = await db
      .select(matchColumns)
      .from(candidates)
      .where(after ? and(eq(candidates.tenantId, tenantId), gt(candidates.id, after)) : eq(candidates.tenantId, tenantId))
      .orderBy(asc(candidates.id))
      .limit(batch);
    for (const row of rows) upsertCandidate(index, toMatchCandidate(row));
    if (rows.length < batch) return index;
    after = rows.at(-1)!.id;
  }
}

/** A job row as the engine reads it. A language requirement without sub-skills applies to all four. */
export function toMatchJob(row: Pick<JobRow, "id" | "occupationUri" | "essentialSkillUris" | "optionalSkillUris" | "languages" | "educationLevel" | "licences" | "municipality" | "extent" | "startDate">): MatchJob {
  const essential = [...new Set(row.essentialSkillUris)];
  // Jobs are checked for MAX_JOB_SKILLS when written; a row from before that rule loses its last optional skills.
  const optional = [...new Set(row.optionalSkillUris)].filter((uri) => !essential.includes(uri)).slice(0, Math.max(0, MAX_JOB_SKILLS - essential.length));
  return {
    id: row.id,
    occupationUri: row.occupationUri,
    essentialSkillUris: essential.slice(0, MAX_JOB_SKILLS),
    optionalSkillUris: optional,
    languages: row.languages.map((l) => ({ code: l.code, skills: l.subSkills.length > 0 ? [...l.subSkills] : [...languageSubSkills], level: l.level })),
    educationRank: row.educationLevel ? Math.max(0, educationRank(row.educationLevel)) : null,
    licencesRequired: row.licences.filter((l) => l.required).map((l) => l.licence),
    licencesPreferred: row.licences.filter((l) => !l.required).map((l) => l.licence),
    municipality: row.municipality || null,
    extent: row.extent === "part_time" ? "part_time" : "full_time",
    startDate: row.startDate,
  };
}
