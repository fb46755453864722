import { AVAILABLE_NOW } from "./candidate-index.ts";
import type { CandidateIndex, EncodedCandidate } from "./candidate-index.ts";
import { cefrOfRank, educationLevels, languageSubSkills, levelOf } from "./levels.ts";
import { licencesOfMask } from "./licences.ts";
import {
  CRITERION,
  educationScore,
  extentScore,
  languageScore,
  licenceScore,
  locationScore,
  occupationFactor,
  occupationLevel,
  OCCUPATION_LEVELS,
  occupationScore,
  passesHardFilters,
  skillScore,
  startScore,
} from "./score.ts";
import type { PreparedJob } from "./score.ts";
import {
  educationText,
  extentText,
  languageRequirementText,
  licenceMissingText,
  licencesText,
  locationText,
  occupationText,
  skillMissingText,
  skillsText,
  startMissingText,
  startText,
} from "./texts.ts";
import type { OccupationMatch } from "./texts.ts";
import type { MatchCriterion, MatchLang, MatchMissing, MatchReason, MatchResult } from "../../shared/matching.ts";

/*
 * The full score of one (job, candidate) pair with its reasons and what is missing: computed for the top k
 * only, with the same rule functions as the ranking loop (score.ts), so the number is the same to the bit.
 *
 * Skill credits come either from the job side (the job's expansion: which skills and occupations count for
 * which job skill — ranking candidates for a job) or from the candidate side (the candidate's expansion —
 * ranking jobs for a candidate). The relations are symmetric, so both give the same credits; the source shown
 * for a partial credit is picked by the same rule (more credit, then occupation before skill, then lower id).
 */

export type Via = { kind: "skill" | "occupation"; id: number };
/** Job-side expansion (see engine.ts expandJob): masks by skill id (3 words) and occupation id (2 words), with the ids that have any. */
export type JobSide = {
  skillMasks: Uint32Array;
  skillFlags: Uint8Array;
  skills: number[];
  occupationMasks: Uint32Array;
  occupationFlags: Uint8Array;
  occupations: number[];
};
/** Candidate-side expansion (see engine.ts candidateSide). */
export type CandidateSide = { held: Set<number>; partial: Map<number, { quarters: number; via: Via }> };
/** Credit per job skill in quarters (4 held, 2 or 1 partly, 0 not), with the source of a partial credit. */
export type Credits = { quarters: Uint8Array; via: (Via | null)[] };

/** Whether (quarters, via) beats (otherQuarters, otherVia). */
export function better(quarters: number, via: Via | null, otherQuarters: number, otherVia: Via | null): boolean {
  if (quarters !== otherQuarters) return quarters > otherQuarters;
  if (!via || !otherVia) return via === null && otherVia !== null;
  if (via.kind !== otherVia.kind) return via.kind === "occupation";
  return via.id < otherVia.id;
}

export function creditsFromJobSide(job: PreparedJob, expansion: JobSide, candidate: EncodedCandidate): Credits {
  const n = job.skills.length;
  const credits: Credits = { quarters: new Uint8Array(n), via: new Array<Via | null>(n).fill(null) };
  const offer = (mask: number, quarters: number, via: Via | null) => {
    for (let j = 0; j < n; j++) {
      if (((mask >>> j) & 1) === 0 || !better(quarters, via, credits.quarters[j]!, credits.via[j]!)) continue;
      credits.quarters[j] = quarters;
      credits.via[j] = via;
    }
  };
  for (const skill of candidate.skills) {
    if (expansion.skillFlags[skill] !== 1) continue;
    offer(expansion.skillMasks[skill * 3]!, 4, null);
    offer(expansion.skillMasks[skill * 3 + 1]!, 2, { kind: "skill", id: skill });
    offer(expansion.skillMasks[skill * 3 + 2]!, 1, { kind: "skill", id: skill });
  }
  for (const entry of candidate.occupations) {
    const occupation = entry >>> 1;
    if ((entry & 1) === 0 || expansion.occupationFlags[occupation] !== 1) continue;
    offer(expansion.occupationMasks[occupation * 2]!, 2, { kind: "occupation", id: occupation });
    offer(expansion.occupationMasks[occupation * 2 + 1]!, 1, { kind: "occupation", id: occupation });
  }
  return credits;
}

export function creditsFromCandidateSide(job: PreparedJob, side: CandidateSide): Credits {
  const n = job.skills.length;
  const credits: Credits = { quarters: new Uint8Array(n), via: new Array<Via | null>(n).fill(null) };
  job.skills.forEach((skill, j) => {
    if (side.held.has(skill)) credits.quarters[j] = 4;
    else {
      const partial = side.partial.get(skill);
      if (partial) {
        credits.quarters[j] = partial.quarters;
        credits.via[j] = partial.via;
      }
    }
  });
  return credits;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const occupationMatches: [number, OccupationMatch][] = [
  [OCCUPATION_LEVELS.same, "same"],
  [OCCUPATION_LEVELS.unitGroup, "unitGroup"],
  [OCCUPATION_LEVELS.minorGroup, "minorGroup"],
  [OCCUPATION_LEVELS.subMajorGroup, "subMajorGroup"],
];

export function explainMatch(
  index: CandidateIndex,
  job: PreparedJob,
  candidate: EncodedCandidate,
  credits: Credits,
  lang: MatchLang,
  id: string,
): MatchResult & { raw: number } {
  const { taxonomy } = index;
  const label = (uri: string) => taxonomy.graph.label(uri, lang) ?? uri;
  const w = job.weights;
  const reasons: MatchReason[] = [];
  const missing: MatchMissing[] = [];
  const reason = (criterion: MatchCriterion, score: number, detail: string) =>
    reasons.push({ criterion, weight: round(w[CRITERION[criterion]]!, 3), score: round(score, 3), detail });
  let score = 0;

  if (w[CRITERION.skills]! > 0) {
    let quarters = 0;
    const figures = { essentialHeld: 0, essential: job.essentialCount, optionalHeld: 0, optional: job.skills.length - job.essentialCount, partly: 0 };
    job.skills.forEach((skill, j) => {
      const credit = credits.quarters[j]!;
      quarters += credit * job.skillWeights[j]!;
      const essential = j < job.essentialCount;
      if (credit === 4) {
        if (essential) figures.essentialHeld++;
        else figures.optionalHeld++;
        return;
      }
      if (credit > 0) figures.partly++;
      const via = credits.via[j];
      const viaLabel = via ? label(via.kind === "skill" ? taxonomy.skills.keys[via.id]! : taxonomy.occupations.keys[via.id]!) : "";
      const uri = taxonomy.skills.keys[skill]!;
      missing.push({ criterion: "skills", key: `skill:${uri}`, required: essential, detail: skillMissingText(label(uri), via ? { kind: via.kind, label: viaLabel } : null, lang) });
    });
    const s = skillScore(job, quarters);
    score += w[CRITERION.skills]! * s;
    reason("skills", s, skillsText(figures, lang));
  }

  if (w[CRITERION.occupation]! > 0) {
    const s = occupationScore(taxonomy, job, candidate.occupations, 0, candidate.years, 0, candidate.occupations.length);
    score += w[CRITERION.occupation]! * s;
    let best: Parameters<typeof occupationText>[0] = null;
    let bestValue = 0;
    candidate.occupations.forEach((entry, i) => {
      const occupation = entry >>> 1;
      const level = occupationLevel(taxonomy, job, occupation);
      const value = level * occupationFactor((entry & 1) === 1, candidate.years[i]!);
      if (level === 0 || value <= bestValue) return;
      bestValue = value;
      const code = occupation < taxonomy.isco.length && taxonomy.isco[occupation]! >= 0 ? String(taxonomy.isco[occupation]).padStart(4, "0") : "";
      best = { label: label(taxonomy.occupations.keys[occupation]!), experience: (entry & 1) === 1, years: round(candidate.years[i]!, 1), match: occupationMatches.find(([l]) => l === level)![1], code };
    });
    reason("occupation", s, occupationText(best, lang));
  }

  if (w[CRITERION.languages]! > 0) {
    const s = languageScore(job, candidate.languages, 0, candidate.languages.length);
    score += w[CRITERION.languages]! * s;
    const texts = job.languages.map((requirement, r) => {
      const entry = candidate.languages.find((e) => e >>> 12 === requirement.code);
      const levels = entry === undefined ? 0 : entry & 4095;
      const has = Math.min(...requirement.subSkills.map((subSkill) => levelOf(levels, subSkill)));
      const met = has >= requirement.level;
      const subSkills = requirement.subSkills.map((i) => languageSubSkills[i]!);
      const text = languageRequirementText(requirement.codeText, cefrOfRank(requirement.level)!, subSkills, cefrOfRank(has), met, lang);
      if (!met) missing.push({ criterion: "languages", key: `language:${requirement.codeText}:${r}`, required: true, detail: text });
      return text;
    });
    reason("languages", s, texts.join("; "));
  }

  if (w[CRITERION.education]! > 0) {
    const s = educationScore(job, candidate.education);
    score += w[CRITERION.education]! * s;
    const required = educationLevels[job.education]!;
    const text = educationText(required, candidate.education >= 0 ? educationLevels[candidate.education]! : null, lang);
    if (candidate.education < job.education) missing.push({ criterion: "education", key: `education:${required}`, required: true, detail: text });
    reason("education", s, text);
  }

  if (w[CRITERION.location]! > 0) {
    const s = locationScore(job, candidate.municipality, candidate.wishes, 0, candidate.wishes.length);
    score += w[CRITERION.location]! * s;
    const jobName = job.job.municipality ?? "";
    const kind = s === 1 ? "lives" : s > 0 ? "wishes" : candidate.municipality >= 0 ? "elsewhere" : "unknown";
    reason("location", s, locationText(kind, jobName, index.municipalityNames[candidate.municipality] ?? "", lang));
  }

  if (w[CRITERION.extent]! > 0) {
    const s = extentScore(job, candidate.extent);
    score += w[CRITERION.extent]! * s;
    reason("extent", s, extentText(job.extent, candidate.extent, lang));
  }

  if (w[CRITERION.licences]! > 0) {
    const s = licenceScore(job, candidate.licences);
    score += w[CRITERION.licences]! * s;
    reason("licences", s, licencesText(licencesOfMask(candidate.licences & job.preferredLicences), licencesOfMask(job.preferredLicences), lang));
  }
  for (const licence of licencesOfMask(job.requiredLicences & ~candidate.licences)) {
    missing.push({ criterion: "licences", key: `licence:${licence}`, required: true, detail: licenceMissingText(licence, true, lang) });
  }
  for (const licence of licencesOfMask(job.preferredLicences & ~candidate.licences)) {
    missing.push({ criterion: "licences", key: `licence:${licence}`, required: false, detail: licenceMissingText(licence, false, lang) });
  }

  if (w[CRITERION.start]! > 0) {
    const s = startScore(job, candidate.availableFrom);
    score += w[CRITERION.start]! * s;
    reason("start", s, startText(candidate.availableFrom === AVAILABLE_NOW || candidate.availableFrom <= job.today ? null : candidate.availableFrom, lang));
  }
  if (job.startDay !== null && candidate.availableFrom !== AVAILABLE_NOW && candidate.availableFrom > job.startDay) {
    missing.push({ criterion: "start", key: "start", required: true, detail: startMissingText(candidate.availableFrom, job.startDay, lang) });
  }

  return {
    id,
    score: round(Math.min(1, Math.max(0, score)), 4),
    raw: score,
    eligible: passesHardFilters(job, candidate.flags, candidate.licences, candidate.availableFrom),
    reasons,
    missing,
  };
}
