import type { CefrLevel, Extent, LanguageSubSkill } from "./levels.ts";
import type { DrivingLicence } from "./licences.ts";
import type { LanguageRequirement } from "../../shared/matching.ts";

/*
 * The engine's input. Protected attributes cannot enter ranking because they are not here: a MatchCandidate has
 * no name, gender, age, birth year, country (of birth, of education or of experience) or arrival year — only
 * what a job asks for. `matching.test.ts` checks this at the type level and by changing those attributes on
 * every candidate of a ranking. Build one with `toMatchCandidate` (from-db.ts), never by spreading a record.
 */

export type MatchCandidateLanguage = {
  /** ISO 639-1; nb and nn are stored as "no". */
  code: string;
  /** Null when not known. A native speaker's unknown sub-skills count as C2 (see toMatchCandidate). */
  listening: CefrLevel | null;
  reading: CefrLevel | null;
  writing: CefrLevel | null;
  speaking: CefrLevel | null;
};

export type MatchCandidate = {
  id: string;
  /** Status "active" (not in work, paused or gone). */
  active: boolean;
  /** ISO date (YYYY-MM-DD) from which the candidate can start; null: now. */
  availableFrom: string | null;
  /** Consent withdrawn or erasure requested: never matched. */
  restricted: boolean;
  licences: readonly DrivingLicence[];
  /** Occupations the candidate has worked in, with years (ESCO occupation URIs). */
  experience: readonly { occupationUri: string; years: number }[];
  /** Occupations the candidate wishes to work in. */
  wishedOccupationUris: readonly string[];
  /** ESCO skill URIs. */
  skillUris: readonly string[];
  languages: readonly MatchCandidateLanguage[];
  /** Highest education level as a rank (none = 0 … phd = 8); null when not known. */
  educationRank: number | null;
  /** Where the candidate lives (municipality name or number); "" when not known. */
  municipality: string;
  wishedMunicipalities: readonly string[];
  extent: Extent;
};

export type MatchJob = {
  id: string;
  /** ESCO occupation URI. */
  occupationUri: string | null;
  essentialSkillUris: readonly string[];
  optionalSkillUris: readonly string[];
  languages: readonly LanguageRequirement[];
  /** Lowest education level as a rank (none = 0 … phd = 8); null: not asked. */
  educationRank: number | null;
  licencesRequired: readonly DrivingLicence[];
  licencesPreferred: readonly DrivingLicence[];
  municipality: string | null;
  extent: Extent | null;
  /** ISO date; null: as soon as possible. */
  startDate: string | null;
};

export type { CefrLevel, Extent, LanguageSubSkill, DrivingLicence };
