import type { higherEducationLevels, needStatuses, traineeAreas } from "../../../shared/trainee-recruitment.ts";
import { checkedCount, MAX_SKILLS, type LanguageRow, type SkillChoice } from "../jobs/form.ts";
import type { Need, NeedInput } from "./recruitment-api.ts";

/*
 * The need form's state and its mapping to and from the API. Skills and languages use the job form's parts
 * (features/jobs/requirements.tsx) and their rules.
 */

export type NeedValues = {
  unitName: string;
  area: (typeof traineeAreas)[number];
  title: string;
  description: string;
  occupation: { uri: string; nb?: string; en?: string } | null;
  skills: SkillChoice[];
  languages: LanguageRow[];
  educationLevel: (typeof higherEducationLevels)[number];
  educationField: string;
  /** Digits. */
  positions: string;
  startDate: string;
  offeredPosition: string;
  status: (typeof needStatuses)[number];
};

export const EMPTY_NEED: NeedValues = {
  unitName: "",
  area: "it",
  title: "",
  description: "",
  occupation: null,
  skills: [],
  languages: [{ code: "no", level: "B1", scope: "all", subSkills: [] }],
  educationLevel: "bachelor",
  educationField: "",
  positions: "1",
  startDate: "",
  offeredPosition: "",
  status: "open",
};

export function valuesFromNeed(need: Need, lang: "nb" | "en"): NeedValues {
  return {
    unitName: need.unitName,
    area: need.area,
    title: need.title,
    description: need.description,
    occupation: { uri: need.occupation.uri, [lang]: need.occupation.label },
    skills: [
      ...need.essentialSkills.map((s) => ({ uri: s.uri, label: s.label, kind: "essential" as const, checked: true, suggested: false })),
      ...need.optionalSkills.map((s) => ({ uri: s.uri, label: s.label, kind: "optional" as const, checked: true, suggested: false })),
    ],
    languages: need.languages.map((l) => ({ code: l.code, level: l.level, scope: l.subSkills.length === 0 || l.subSkills.length === 4 ? "all" : "some", subSkills: l.subSkills.length === 4 ? [] : [...l.subSkills] })),
    educationLevel: need.educationLevel,
    educationField: need.educationField,
    positions: String(need.positions),
    startDate: need.startDate ?? "",
    offeredPosition: need.offeredPosition,
    status: need.status,
  };
}

const digits = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : null);

/** Field errors found before sending (keys are API field names, so they land where the server's would). */
export function validateNeed(v: NeedValues): Record<string, "required" | "number" | "skills" | "subSkills"> {
  const errors: Record<string, "required" | "number" | "skills" | "subSkills"> = {};
  if (!v.unitName.trim()) errors.unitName = "required";
  if (!v.title.trim()) errors.title = "required";
  if (!v.occupation) errors.occupationUri = "required";
  if (checkedCount(v.skills) > MAX_SKILLS) errors.essentialSkillUris = "skills";
  v.languages.forEach((l, i) => {
    if (!/^[a-z]{2,3}$/.test(l.code)) errors[`languages.${i}.code`] = "required";
    if (l.scope === "some" && l.subSkills.length === 0) errors[`languages.${i}.subSkills`] = "subSkills";
  });
  const positions = digits(v.positions);
  if (positions === null || positions < 1 || positions > 50) errors.positions = "number";
  return errors;
}

/** The body of POST /trainee/needs, and of PATCH (every field: lists replace the whole list). */
export function toNeedInput(v: NeedValues): NeedInput {
  const checked = v.skills.filter((s) => s.checked);
  return {
    unitName: v.unitName.trim(),
    area: v.area,
    title: v.title.trim(),
    description: v.description.trim(),
    occupationUri: v.occupation?.uri ?? "",
    essentialSkillUris: checked.filter((s) => s.kind === "essential").map((s) => s.uri),
    optionalSkillUris: checked.filter((s) => s.kind === "optional").map((s) => s.uri),
    educationLevel: v.educationLevel,
    educationField: v.educationField.trim(),
    languages: v.languages.map((l) => ({ code: l.code, level: l.level, subSkills: l.scope === "all" || l.subSkills.length === 4 ? [] : [...l.subSkills] })),
    positions: digits(v.positions) ?? 1,
    startDate: v.startDate || null,
    offeredPosition: v.offeredPosition.trim(),
    status: v.status,
  };
}

/** The programme's summary of scores: the mean per criterion, one decimal, or "–". */
export const formatAverage = (average: number | null, lang: "nb" | "en") =>
  average === null ? "–" : new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);

/** A local date and time (the datetime-local input) as ISO 8601 with the browser's offset. */
export function localToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const at = new Date(local);
  if (Number.isNaN(at.getTime())) return null;
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, "0");
  return `${local}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** A new criterion's key from its Norwegian label: "Faglig kompetanse" → "faglig_kompetanse", unique among `taken`. */
export function criterionKeyOf(label: string, taken: readonly string[]): string {
  const base =
    label
      .toLowerCase()
      .replaceAll("æ", "ae")
      .replaceAll("ø", "o")
      .replaceAll("å", "a")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 36) || "kriterium";
  const start = /^[a-z]/.test(base) ? base : `k_${base}`.slice(0, 36);
  let key = start;
  for (let n = 2; taken.includes(key); n++) key = `${start}_${n}`;
  return key;
}
