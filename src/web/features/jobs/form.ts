import type { cefrLevels, drivingLicenceClasses, educationLevels, languageSubSkills } from "../../../shared/candidates.ts";
import type { jobExtents, jobStatuses, jobTypes } from "../../../shared/jobs.ts";
import type { Job, JobInput, JobUpdate } from "./api.ts";

/*
 * The job form's state and its mapping to and from the API (POST takes JobInput, PATCH JobUpdate), and the rule
 * that a job names at most MAX_SKILLS skills in all (essential + optional): the matching engine explains a match
 * skill by skill, and a longer list makes every candidate look like a poor match.
 */

export const MAX_SKILLS = 32;

export type SkillKind = "essential" | "optional";
/** A skill offered on the form: suggested for the occupation or added by hand; only checked ones are saved. */
export type SkillChoice = { uri: string; label: string; kind: SkillKind; checked: boolean; suggested: boolean };

export type LanguageRow = {
  code: string;
  level: (typeof cefrLevels)[number];
  /** "all": the level applies to all four sub-skills (sent as an empty list). */
  scope: "all" | "some";
  subSkills: (typeof languageSubSkills)[number][];
};
export type LicenceRow = { licence: (typeof drivingLicenceClasses)[number]; required: boolean };

export type JobValues = {
  /** "employer": an employer of the network; "unit": a municipal unit named in `municipalUnit`. */
  owner: "employer" | "unit";
  employer: { id: string; name: string } | null;
  municipalUnit: string;
  title: string;
  description: string;
  occupation: { uri: string; nb?: string; en?: string } | null;
  skills: SkillChoice[];
  languages: LanguageRow[];
  educationLevel: (typeof educationLevels)[number] | "";
  licences: LicenceRow[];
  location: string;
  municipality: string;
  extent: (typeof jobExtents)[number];
  /** Digits, or "". */
  extentPercent: string;
  type: (typeof jobTypes)[number];
  wageSubsidyPossible: boolean;
  /** Digits. */
  positions: string;
  startDate: string;
  deadline: string;
  status: (typeof jobStatuses)[number];
};

export const EMPTY_JOB: JobValues = {
  owner: "employer",
  employer: null,
  municipalUnit: "",
  title: "",
  description: "",
  occupation: null,
  skills: [],
  languages: [],
  educationLevel: "",
  licences: [],
  location: "",
  municipality: "",
  extent: "full_time",
  extentPercent: "",
  type: "permanent",
  wageSubsidyPossible: false,
  positions: "1",
  startDate: "",
  deadline: "",
  status: "open",
};

/** The form's values for a job read from the API (labels in `lang`). */
export function valuesFromJob(job: Job, lang: "nb" | "en"): JobValues {
  return {
    owner: job.employer ? "employer" : "unit",
    employer: job.employer,
    municipalUnit: job.municipalUnit,
    title: job.title,
    description: job.description,
    occupation: { uri: job.occupation.uri, [lang]: job.occupation.label },
    skills: [
      ...job.essentialSkills.map((s) => ({ uri: s.uri, label: s.label, kind: "essential" as const, checked: true, suggested: false })),
      ...job.optionalSkills.map((s) => ({ uri: s.uri, label: s.label, kind: "optional" as const, checked: true, suggested: false })),
    ],
    languages: job.languages.map((l) => ({ code: l.code, level: l.level, scope: l.subSkills.length === 0 || l.subSkills.length === 4 ? "all" : "some", subSkills: l.subSkills.length === 4 ? [] : [...l.subSkills] })),
    educationLevel: job.educationLevel ?? "",
    licences: job.licences.map((l) => ({ ...l })),
    location: job.location,
    municipality: job.municipality,
    extent: job.extent,
    extentPercent: job.extentPercent === null ? "" : String(job.extentPercent),
    type: job.type,
    wageSubsidyPossible: job.wageSubsidyPossible,
    positions: String(job.positions),
    startDate: job.startDate ?? "",
    deadline: job.deadline ?? "",
    status: job.status,
  };
}

export const checkedCount = (skills: SkillChoice[]) => skills.filter((s) => s.checked).length;

/**
 * Checks or unchecks a skill. Checking one more than MAX_SKILLS is refused: the list comes back unchanged with
 * `refused` true, so the form can say why.
 */
export function toggleSkill(skills: SkillChoice[], uri: string, checked: boolean): { skills: SkillChoice[]; refused: boolean } {
  const skill = skills.find((s) => s.uri === uri);
  if (!skill || skill.checked === checked) return { skills, refused: false };
  if (checked && checkedCount(skills) >= MAX_SKILLS) return { skills, refused: true };
  return { skills: skills.map((s) => (s.uri === uri ? { ...s, checked } : s)), refused: false };
}

/** Adds a skill found by search, checked, as essential or optional; refused beyond MAX_SKILLS. One already offered is checked and moved. */
export function addSkill(skills: SkillChoice[], skill: { uri: string; label: string }, kind: SkillKind): { skills: SkillChoice[]; refused: boolean } {
  const existing = skills.find((s) => s.uri === skill.uri);
  if (existing?.checked && existing.kind === kind) return { skills, refused: false };
  if (!existing?.checked && checkedCount(skills) >= MAX_SKILLS) return { skills, refused: true };
  if (existing) return { skills: skills.map((s) => (s.uri === skill.uri ? { ...s, kind, checked: true } : s)), refused: false };
  return { skills: [...skills, { uri: skill.uri, label: skill.label, kind, checked: true, suggested: false }], refused: false };
}

/** Moves a skill between essential and optional. */
export function setSkillKind(skills: SkillChoice[], uri: string, kind: SkillKind): SkillChoice[] {
  return skills.map((s) => (s.uri === uri ? { ...s, kind } : s));
}

/**
 * Offers the occupation's suggested skills: the skills already checked stay (whatever occupation they came from),
 * unchecked suggestions of an earlier occupation go, and the new suggestions are added unchecked — except that the
 * essential ones are checked while there is room, as a start the user edits.
 */
export function offerSuggestions(skills: SkillChoice[], suggestions: { essential: { uri: string; label: string }[]; optional: { uri: string; label: string }[] }): SkillChoice[] {
  const kept = skills.filter((s) => s.checked);
  const known = new Set(kept.map((s) => s.uri));
  let room = MAX_SKILLS - kept.length;
  const fresh = kept.length === 0;
  const out = [...kept];
  for (const [kind, list] of [["essential", suggestions.essential], ["optional", suggestions.optional]] as const) {
    for (const s of list) {
      if (known.has(s.uri)) continue;
      known.add(s.uri);
      const checked = fresh && kind === "essential" && room > 0;
      if (checked) room -= 1;
      out.push({ uri: s.uri, label: s.label, kind, checked, suggested: true });
    }
  }
  return out;
}

const digits = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : null);

/** Field errors found before sending (keys are API field names, so they land where the server's would). */
export function validateJob(v: JobValues, employerUser: boolean): Record<string, "required" | "number" | "skills" | "subSkills"> {
  const errors: Record<string, "required" | "number" | "skills" | "subSkills"> = {};
  if (!employerUser) {
    if (v.owner === "employer" && !v.employer) errors.employerId = "required";
    if (v.owner === "unit" && !v.municipalUnit.trim()) errors.municipalUnit = "required";
  }
  if (!v.title.trim()) errors.title = "required";
  if (!v.occupation) errors.occupationUri = "required";
  if (checkedCount(v.skills) > MAX_SKILLS) errors.essentialSkillUris = "skills";
  v.languages.forEach((l, i) => {
    if (!/^[a-z]{2,3}$/.test(l.code)) errors[`languages.${i}.code`] = "required";
    if (l.scope === "some" && l.subSkills.length === 0) errors[`languages.${i}.subSkills`] = "subSkills";
  });
  if (v.extent === "part_time" && v.extentPercent.trim()) {
    const n = digits(v.extentPercent);
    if (n === null || n < 1 || n > 100) errors.extentPercent = "number";
  }
  const positions = digits(v.positions);
  if (positions === null || positions < 1 || positions > 500) errors.positions = "number";
  return errors;
}

/** The body of POST /jobs. An employer user sends no employer: the server sets the own company. */
export function toJobInput(v: JobValues, employerUser: boolean): JobInput {
  const checked = v.skills.filter((s) => s.checked);
  const input: JobInput = {
    employerId: v.owner === "employer" ? (v.employer?.id ?? null) : null,
    municipalUnit: v.owner === "unit" ? v.municipalUnit.trim() : "",
    title: v.title.trim(),
    description: v.description.trim(),
    occupationUri: v.occupation?.uri ?? "",
    essentialSkillUris: checked.filter((s) => s.kind === "essential").map((s) => s.uri),
    optionalSkillUris: checked.filter((s) => s.kind === "optional").map((s) => s.uri),
    languages: v.languages.map((l) => ({ code: l.code, level: l.level, subSkills: l.scope === "all" || l.subSkills.length === 4 ? [] : [...l.subSkills] })),
    educationLevel: v.educationLevel || null,
    licences: v.licences.map((l) => ({ licence: l.licence, required: l.required })),
    location: v.location.trim(),
    municipality: v.municipality.trim(),
    extent: v.extent,
    extentPercent: v.extent === "part_time" ? digits(v.extentPercent) : null,
    type: v.type,
    wageSubsidyPossible: v.wageSubsidyPossible,
    positions: digits(v.positions) ?? 1,
    startDate: v.startDate || null,
    deadline: v.deadline || null,
    status: v.status,
  };
  if (employerUser) {
    input.employerId = null;
    input.municipalUnit = "";
  }
  return input;
}

/** The body of PATCH /jobs/{id}: every field (lists replace the whole list); an employer user leaves the employer out. */
export function toJobUpdate(v: JobValues, employerUser: boolean): JobUpdate {
  const { employerId, municipalUnit, ...rest } = toJobInput(v, employerUser);
  return employerUser ? rest : { employerId, municipalUnit, ...rest };
}
