import type { TFunction } from "i18next";
import { drivingLicenceClasses } from "../../../shared/candidates.ts";
import type { candidateStatuses, certificateTypes, cefrLevels, educationLevels, extents, genders, recognitionStatuses } from "../../../shared/candidates.ts";
import type { Candidate, CandidateInput, Concept } from "./api.ts";

/*
 * The interview's working copy: what the form holds while the advisor moves between steps (numbers as typed
 * text, concepts with both labels), and its conversion to and from the API's shapes.
 */

export type Cefr = (typeof cefrLevels)[number];
export type LanguageDraft = {
  code: string;
  native: boolean;
  listening: Cefr | "";
  reading: Cefr | "";
  writing: Cefr | "";
  speaking: Cefr | "";
  testName: string;
  testDate: string;
};
export type EducationDraft = {
  level: (typeof educationLevels)[number] | "";
  field: string;
  institution: string;
  country: string | null;
  yearCompleted: string;
  recognition: (typeof recognitionStatuses)[number];
};
export type ExperienceDraft = { occupation: Concept[]; title: string; employer: string; country: string | null; years: string; description: string };
export type CertificateDraft = { type: (typeof certificateTypes)[number]; name: string; year: string };

export type Draft = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  municipality: string;
  advisorUserId: string;
  partnerOrganisation: string;
  countryOfBirth: string | null;
  arrivalYear: string;
  gender: (typeof genders)[number];
  birthYear: string;
  languages: LanguageDraft[];
  education: EducationDraft[];
  experience: ExperienceDraft[];
  skills: Concept[];
  drivingLicences: (typeof drivingLicenceClasses)[number][];
  certificates: CertificateDraft[];
  wishOccupations: Concept[];
  wishMunicipalities: string;
  extent: (typeof extents)[number];
  availableFrom: string;
  status: (typeof candidateStatuses)[number];
  summary: string;
};

export const STEPS = ["person", "background", "languages", "education", "experience", "skills", "licences", "wishes", "review"] as const;
export type StepName = (typeof STEPS)[number];

/** Which step a field (by its API path's first segment) is edited in. */
export const STEP_OF_FIELD: Record<string, StepName> = {
  firstName: "person",
  lastName: "person",
  email: "person",
  phone: "person",
  municipality: "person",
  advisorUserId: "person",
  partnerOrganisation: "person",
  background: "background",
  countryOfBirth: "background",
  arrivalYear: "background",
  gender: "background",
  birthYear: "background",
  languages: "languages",
  education: "education",
  experience: "experience",
  skillUris: "skills",
  skills: "skills",
  drivingLicences: "licences",
  certificates: "licences",
  jobWishes: "wishes",
  wishOccupations: "wishes",
  wishMunicipalities: "wishes",
  extent: "wishes",
  availableFrom: "wishes",
  status: "wishes",
  summary: "review",
};

/** Input id for a field path such as "languages.0.reading". */
export const fieldId = (path: string) => `cand-${path.replace(/\./g, "-")}`;

export function emptyLanguage(code = ""): LanguageDraft {
  return { code, native: false, listening: "", reading: "", writing: "", speaking: "", testName: "", testDate: "" };
}
export function emptyEducation(): EducationDraft {
  return { level: "", field: "", institution: "", country: null, yearCompleted: "", recognition: "not_applied" };
}
export function emptyExperience(): ExperienceDraft {
  return { occupation: [], title: "", employer: "", country: null, years: "", description: "" };
}
export function emptyCertificate(): CertificateDraft {
  return { type: "trade_certificate", name: "", year: "" };
}

export function emptyDraft(advisorUserId: string): Draft {
  return {
    firstName: "",
    lastName: "",
    email: "",
    phone: "",
    municipality: "",
    advisorUserId,
    partnerOrganisation: "",
    countryOfBirth: null,
    arrivalYear: "",
    gender: "unspecified",
    birthYear: "",
    languages: [emptyLanguage("no")],
    education: [],
    experience: [],
    skills: [],
    drivingLicences: [],
    certificates: [],
    wishOccupations: [],
    wishMunicipalities: "",
    extent: "any",
    availableFrom: "",
    status: "active",
    summary: "",
  };
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** Builds the working copy from a candidate read in both languages (for the labels side by side). */
export function draftFrom(c: Candidate, other: Candidate | undefined, uiLang: "nb" | "en"): Draft {
  const otherLang = uiLang === "nb" ? "en" : "nb";
  const otherSkill = new Map(other?.skills.map((s) => [s.uri, s.label]) ?? []);
  const otherOcc = new Map<string, string>();
  for (const e of other?.experience ?? []) otherOcc.set(e.occupationUri, e.occupationLabel);
  for (const o of other?.jobWishes.occupations ?? []) otherOcc.set(o.uri, o.label);
  const concept = (uri: string, label: string, others: Map<string, string>): Concept => {
    const c: Concept = { uri, [uiLang]: label };
    const o = others.get(uri);
    if (o) c[otherLang] = o;
    return c;
  };
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email ?? "",
    phone: c.phone ?? "",
    municipality: c.municipality,
    advisorUserId: c.advisor?.userId ?? "",
    partnerOrganisation: c.partnerOrganisation,
    countryOfBirth: c.background?.countryOfBirth ?? null,
    arrivalYear: str(c.background?.arrivalYear),
    gender: c.background?.gender ?? "unspecified",
    birthYear: str(c.background?.birthYear),
    languages: c.languages.map((l) => ({
      code: l.code,
      native: l.native,
      listening: l.listening ?? "",
      reading: l.reading ?? "",
      writing: l.writing ?? "",
      speaking: l.speaking ?? "",
      testName: l.testName ?? "",
      testDate: l.testDate ?? "",
    })),
    education: c.education.map((e) => ({ ...e, yearCompleted: str(e.yearCompleted) })),
    experience: c.experience.map((e) => ({
      occupation: [concept(e.occupationUri, e.occupationLabel, otherOcc)],
      title: e.title,
      employer: e.employer,
      country: e.country,
      years: str(e.years),
      description: e.description,
    })),
    skills: c.skills.map((s) => concept(s.uri, s.label, otherSkill)),
    drivingLicences: c.drivingLicences.filter((d): d is Draft["drivingLicences"][number] => (drivingLicenceClasses as readonly string[]).includes(d)),
    certificates: c.certificates.map((x) => ({ type: x.type, name: x.name, year: str(x.year) })),
    wishOccupations: c.jobWishes.occupations.map((o) => concept(o.uri, o.label, otherOcc)),
    wishMunicipalities: c.jobWishes.municipalities.join(", "),
    extent: c.jobWishes.extent,
    availableFrom: c.availableFrom ?? "",
    status: c.status,
    summary: c.summary,
  };
}

const num = (s: string) => (s.trim() === "" ? null : Number(s.replace(",", ".")));
const orNull = <T>(v: T | "") => (v === "" ? null : v);

/** The request body (candidateInputSchema). `withBackground` false leaves background out (PATCH by others). */
export function toInput(d: Draft, withBackground = true): Partial<CandidateInput> {
  const body: Partial<CandidateInput> = {
    firstName: d.firstName.trim(),
    lastName: d.lastName.trim(),
    email: d.email.trim() === "" ? null : d.email.trim(),
    phone: d.phone.trim() === "" ? null : d.phone.trim(),
    municipality: d.municipality.trim(),
    summary: d.summary.trim(),
    languages: d.languages.map((l) => ({
      code: l.code.trim().toLowerCase(),
      native: l.native,
      listening: orNull(l.listening),
      reading: orNull(l.reading),
      writing: orNull(l.writing),
      speaking: orNull(l.speaking),
      testName: l.testName.trim() === "" ? null : l.testName.trim(),
      testDate: orNull(l.testDate),
    })),
    education: d.education.map((e) => ({
      level: e.level === "" ? "none" : e.level,
      field: e.field.trim(),
      institution: e.institution.trim(),
      country: e.country,
      yearCompleted: num(e.yearCompleted),
      recognition: e.recognition,
    })),
    experience: d.experience.map((e) => ({
      occupationUri: e.occupation[0]?.uri ?? "",
      title: e.title.trim(),
      employer: e.employer.trim(),
      country: e.country,
      years: num(e.years) ?? 0,
      description: e.description.trim(),
    })),
    skillUris: d.skills.map((s) => s.uri),
    drivingLicences: d.drivingLicences,
    certificates: d.certificates.map((c) => ({ type: c.type, name: c.name.trim(), year: num(c.year) })),
    jobWishes: {
      occupationUris: d.wishOccupations.map((o) => o.uri),
      municipalities: d.wishMunicipalities
        .split(/[,;\n]/)
        .map((m) => m.trim())
        .filter(Boolean),
      extent: d.extent,
    },
    availableFrom: orNull(d.availableFrom),
    status: d.status,
    advisorUserId: d.advisorUserId === "" ? null : d.advisorUserId,
    partnerOrganisation: d.partnerOrganisation.trim(),
  };
  if (withBackground) {
    body.background = { countryOfBirth: d.countryOfBirth, arrivalYear: num(d.arrivalYear), gender: d.gender, birthYear: num(d.birthYear) };
  }
  return body;
}

const YEAR_NOW = new Date().getFullYear();
function yearError(t: TFunction, v: string, min = 1940, max = YEAR_NOW + 1): string | undefined {
  if (v.trim() === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) return t("candidates.form.errors.year", { min, max });
  return undefined;
}

/** Client-side checks of one step; keys are field paths (see fieldId). Mirrors the shared zod contract. */
export function validateStep(step: StepName, d: Draft, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  const set = (k: string, m: string | undefined) => {
    if (m) e[k] = m;
  };
  switch (step) {
    case "person":
      if (!d.firstName.trim()) e.firstName = t("candidates.form.errors.firstName");
      if (!d.lastName.trim()) e.lastName = t("candidates.form.errors.lastName");
      if (d.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) e.email = t("form.emailInvalid");
      if (d.phone.trim() && !/^\+?[0-9 ()-]{5,20}$/.test(d.phone.trim())) e.phone = t("candidates.form.errors.phone");
      break;
    case "background":
      set("birthYear", yearError(t, d.birthYear, 1940, YEAR_NOW - 14));
      set("arrivalYear", yearError(t, d.arrivalYear, 1940, YEAR_NOW));
      if (!e.birthYear && !e.arrivalYear && d.birthYear && d.arrivalYear && Number(d.arrivalYear) < Number(d.birthYear))
        e.arrivalYear = t("candidates.form.errors.arrivalBeforeBirth");
      break;
    case "languages":
      d.languages.forEach((l, i) => {
        if (!/^[a-z]{2,3}$/.test(l.code.trim().toLowerCase())) e[`languages.${i}.code`] = t("candidates.form.errors.languageCode");
        if (l.testDate && !/^\d{4}-\d{2}-\d{2}$/.test(l.testDate)) e[`languages.${i}.testDate`] = t("candidates.form.errors.date");
      });
      {
        const seen = new Set<string>();
        d.languages.forEach((l, i) => {
          const c = l.code.trim().toLowerCase();
          if (c && seen.has(c) && !e[`languages.${i}.code`]) e[`languages.${i}.code`] = t("candidates.form.errors.languageTwice");
          seen.add(c);
        });
      }
      break;
    case "education":
      d.education.forEach((x, i) => {
        if (!x.level) e[`education.${i}.level`] = t("candidates.form.errors.educationLevel");
        set(`education.${i}.yearCompleted`, yearError(t, x.yearCompleted));
      });
      break;
    case "experience":
      d.experience.forEach((x, i) => {
        if (x.occupation.length === 0) e[`experience.${i}.occupation`] = t("candidates.form.errors.occupation");
        const y = num(x.years);
        if (y === null || Number.isNaN(y) || y < 0 || y > 60) e[`experience.${i}.years`] = t("candidates.form.errors.years");
      });
      break;
    case "licences":
      d.certificates.forEach((c, i) => {
        if (!c.name.trim()) e[`certificates.${i}.name`] = t("candidates.form.errors.certificateName");
        set(`certificates.${i}.year`, yearError(t, c.year));
      });
      break;
    case "wishes":
      if (d.availableFrom && !/^\d{4}-\d{2}-\d{2}$/.test(d.availableFrom)) e.availableFrom = t("candidates.form.errors.date");
      break;
    default:
      break;
  }
  return e;
}
