import { cefrRankOf, dayOf, extentCode, levelOf, normaliseLanguageCode, subSkillIndex } from "./levels.ts";
import { licenceMask } from "./licences.ts";
import { AVAILABLE_NOW, documentFrequency, municipalityKey } from "./candidate-index.ts";
import type { CandidateIndex } from "./candidate-index.ts";
import type { MatchTaxonomy } from "./taxonomy.ts";
import type { MatchJob } from "./types.ts";
import { matchCriteria } from "../../shared/matching.ts";
import type { MatchCriterion } from "../../shared/matching.ts";

/*
 * The scoring rules, shared by the fast ranking loop and the explanation, so that both give the same number
 * to the last bit. Weights and partial credits are named and versioned: change ENGINE_VERSION with them (it is
 * logged with every ranking shown).
 *
 * score = Σ weight[c] · score[c] over the criteria that apply to the job, with the weights of those criteria
 * scaled to add up to 1, added in the order of `matchCriteria`.
 */

export const ENGINE_VERSION = "1.0.0";

export const WEIGHTS: Readonly<Record<MatchCriterion, number>> = {
  skills: 0.35,
  occupation: 0.25,
  languages: 0.15,
  education: 0.05,
  location: 0.08,
  extent: 0.04,
  licences: 0.04,
  start: 0.04,
};

/** Occupation: same ESCO occupation, same ISCO-08 unit group (4 digits), minor group (3), sub-major group (2). */
export const OCCUPATION_LEVELS = { same: 1, unitGroup: 0.75, minorGroup: 0.5, subMajorGroup: 0.25 } as const;
/** Experience counts 0.8, plus 0.04 a year up to 5 years (1.0); a wish counts 0.7. */
export const EXPERIENCE_BASE = 0.8;
export const EXPERIENCE_PER_YEAR = 0.04;
export const EXPERIENCE_YEARS_CAP = 5;
export const WISH_FACTOR = 0.7;
/** An essential skill weighs this many times an optional one (both also by rarity). */
export const ESSENTIAL_FACTOR = 3;
/** IDF = ln((N + 1) / (df + 1)) + 1, kept as an integer (× IDF_SCALE) so that sums are exact in any order. */
export const IDF_SCALE = 64;
/** Language: score of a sub-skill by how many CEFR levels it is below the requirement (0, 1, 2, 3, 4+). */
export const LANGUAGE_GAP_SCORES = [1, 0.6, 0.25, 0.05, 0] as const;
/** Education: score by how many levels below the job's level. */
export const EDUCATION_GAP_SCORES = [1, 0.5, 0.2, 0] as const;
/** Location: lives in the job's municipality, or wishes to work there. */
export const LOCATION_SCORES = { lives: 1, wishes: 0.8 } as const;
/** Extent: the candidate wants the other extent. */
export const EXTENT_MISMATCH = 0.2;
/** Start (jobs without a start date): available now 1; later by days late. */
export const START_SCORES = [
  [14, 0.8],
  [30, 0.6],
  [90, 0.3],
] as const;
export const START_LATE = 0.1;
/** A job lists at most this many skills, essential and optional together (the bits of one 32-bit mask). */
export const MAX_JOB_SKILLS = 32;

export const CRITERION = Object.fromEntries(matchCriteria.map((c, i) => [c, i])) as Record<MatchCriterion, number>;

/** A job in the engine's integer form, with weights for the network's current candidates. */
export type PreparedJob = {
  job: MatchJob;
  /** Scaled weight per criterion (0 when it does not apply), in `matchCriteria` order. */
  weights: Float64Array;
  /** Job skill ids, essential first: job skill j is bit j of the engine's masks. */
  skills: Int32Array;
  essentialCount: number;
  /** Integer weight per job skill (IDF × scale, × ESSENTIAL_FACTOR for essential). */
  skillWeights: Float64Array;
  /** 4 × Σ skillWeights: the most the credits (in quarters) can add up to. */
  skillDenominator: number;
  occupation: number;
  isco: number;
  languages: { code: number; codeText: string; level: number; subSkills: number[] }[];
  education: number;
  municipality: number;
  requiredLicences: number;
  preferredLicences: number;
  extent: number;
  /** Day the job starts; null: as soon as possible. */
  startDay: number | null;
  today: number;
};

export const todayDay = (today?: string) => (today ? dayOf(today) : Math.floor(Date.now() / 86_400_000));

function popcount(n: number) {
  let count = 0;
  for (let m = n; m !== 0; m &= m - 1) count++;
  return count;
}

export function idfWeight(index: CandidateIndex, skill: number) {
  const idf = Math.log((index.count + 1) / (documentFrequency(index, skill) + 1)) + 1;
  return Math.max(1, Math.round(IDF_SCALE * idf));
}

export function prepareJob(index: CandidateIndex, job: MatchJob, options: { today?: string | undefined } = {}): PreparedJob {
  const { taxonomy } = index;
  const essential = [...new Set(job.essentialSkillUris)];
  const optional = [...new Set(job.optionalSkillUris)].filter((uri) => !essential.includes(uri));
  if (essential.length + optional.length > MAX_JOB_SKILLS) {
    throw new RangeError(`job ${job.id}: at most ${MAX_JOB_SKILLS} skills, essential and optional together`);
  }
  const skills = new Int32Array([...essential, ...optional].map((uri) => taxonomy.skills.intern(uri)));
  const skillWeights = new Float64Array(skills.length);
  let total = 0;
  skills.forEach((skill, j) => {
    skillWeights[j] = idfWeight(index, skill) * (j < essential.length ? ESSENTIAL_FACTOR : 1);
    total += skillWeights[j]!;
  });
  const occupation = job.occupationUri ? taxonomy.occupations.intern(job.occupationUri) : -1;
  const isco = occupation >= 0 && occupation < taxonomy.isco.length ? taxonomy.isco[occupation]! : -1;
  const languages = job.languages.map((requirement) => {
    const codeText = normaliseLanguageCode(requirement.code);
    return { code: index.languages.get(codeText), codeText, level: cefrRankOf(requirement.level), subSkills: [...new Set(requirement.skills.map(subSkillIndex))].sort((a, b) => a - b) };
  });
  const municipality = job.municipality ? municipalityKey(job.municipality) : "";
  const extent = extentCode(job.extent);
  const preferredLicences = licenceMask(job.licencesPreferred) & ~licenceMask(job.licencesRequired);
  const applies: Record<MatchCriterion, boolean> = {
    skills: skills.length > 0,
    occupation: occupation >= 0,
    languages: languages.length > 0,
    education: job.educationRank !== null && job.educationRank > 0,
    location: municipality !== "",
    extent: extent !== 0,
    licences: preferredLicences !== 0,
    start: job.startDate === null,
  };
  let sum = 0;
  for (const c of matchCriteria) if (applies[c]) sum += WEIGHTS[c];
  const weights = new Float64Array(matchCriteria.length);
  matchCriteria.forEach((c, i) => (weights[i] = applies[c] && sum > 0 ? WEIGHTS[c] / sum : 0));
  return {
    job,
    weights,
    skills,
    essentialCount: essential.length,
    skillWeights,
    skillDenominator: 4 * total,
    occupation,
    isco,
    languages,
    education: applies.education ? job.educationRank! : -1,
    municipality: municipality ? index.municipalities.get(municipality) : -1,
    requiredLicences: licenceMask(job.licencesRequired),
    preferredLicences,
    extent,
    startDay: job.startDate ? dayOf(job.startDate) : null,
    today: todayDay(options.today),
  };
}

/** Hard filters, given the candidate's flags, licences and start. */
export function passesHardFilters(job: PreparedJob, flags: number, licences: number, availableFrom: number) {
  return (flags & 7) === 3 && (licences & job.requiredLicences) === job.requiredLicences && (job.startDay === null || availableFrom <= job.startDay);
}

export function occupationLevel(taxonomy: MatchTaxonomy, job: PreparedJob, occupation: number): number {
  if (occupation === job.occupation) return OCCUPATION_LEVELS.same;
  if (job.isco < 0 || occupation >= taxonomy.isco.length) return 0;
  const code = taxonomy.isco[occupation]!;
  if (code < 0) return 0;
  if (code === job.isco) return OCCUPATION_LEVELS.unitGroup;
  if (Math.floor(code / 10) === Math.floor(job.isco / 10)) return OCCUPATION_LEVELS.minorGroup;
  if (Math.floor(code / 100) === Math.floor(job.isco / 100)) return OCCUPATION_LEVELS.subMajorGroup;
  return 0;
}

export const occupationFactor = (experience: boolean, years: number) =>
  experience ? EXPERIENCE_BASE + EXPERIENCE_PER_YEAR * Math.min(years, EXPERIENCE_YEARS_CAP) : WISH_FACTOR;

/** Best occupation entry: level × factor. `entries[from…]` are occupation id << 1 | experience, their years at `years[yearsFrom…]`. */
export function occupationScore(taxonomy: MatchTaxonomy, job: PreparedJob, entries: Uint32Array, from: number, years: Float32Array, yearsFrom: number, count: number): number {
  let best = 0;
  for (let i = 0; i < count; i++) {
    const entry = entries[from + i]!;
    const level = occupationLevel(taxonomy, job, entry >>> 1);
    if (level === 0) continue;
    const value = level * occupationFactor((entry & 1) === 1, years[yearsFrom + i]!);
    if (value > best) best = value;
  }
  return best;
}

export const gapScore = (gap: number) => (gap <= 0 ? 1 : LANGUAGE_GAP_SCORES[Math.min(gap, 4)]!);

/** Mean over the requirements of the mean over their sub-skills. `entries[from…]` are language id << 12 | levels. */
export function languageScore(job: PreparedJob, entries: Uint32Array, from: number, count: number): number {
  let total = 0;
  for (const requirement of job.languages) {
    let levels = 0;
    for (let i = 0; i < count; i++) {
      const entry = entries[from + i]!;
      if (entry >>> 12 === requirement.code) {
        levels = entry & 4095;
        break;
      }
    }
    let sum = 0;
    for (const subSkill of requirement.subSkills) sum += gapScore(requirement.level - levelOf(levels, subSkill));
    total += sum / requirement.subSkills.length;
  }
  return total / job.languages.length;
}

export const educationScore = (job: PreparedJob, education: number) => EDUCATION_GAP_SCORES[Math.min(3, Math.max(0, job.education - Math.max(0, education)))]!;

export function locationScore(job: PreparedJob, municipality: number, wishes: Uint32Array, from: number, count: number): number {
  if (job.municipality < 0) return 0;
  if (municipality === job.municipality) return LOCATION_SCORES.lives;
  for (let i = 0; i < count; i++) if (wishes[from + i] === job.municipality) return LOCATION_SCORES.wishes;
  return 0;
}

export const extentScore = (job: PreparedJob, extent: number) => (extent === 0 || extent === job.extent ? 1 : EXTENT_MISMATCH);

export const licenceScore = (job: PreparedJob, licences: number) => popcount(licences & job.preferredLicences) / popcount(job.preferredLicences);

export function startScore(job: PreparedJob, availableFrom: number): number {
  if (availableFrom === AVAILABLE_NOW) return 1;
  const late = availableFrom - job.today;
  if (late <= 0) return 1;
  for (const [days, score] of START_SCORES) if (late <= days) return score;
  return START_LATE;
}

/** Skill credits in quarters (4 held, 2 or 1 partly) weighted by the job's skill weights, as a share of the most. */
export const skillScore = (job: PreparedJob, weightedQuarters: number) => weightedQuarters / job.skillDenominator;
