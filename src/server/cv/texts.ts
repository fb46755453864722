import type { certificateTypes, educationLevels, extents, languageSubSkills, recognitionStatuses } from "../../shared/candidates.ts";

/*
 * The fixed texts of the CV in bokmål and English. Country and language names come from Intl.DisplayNames
 * (the ICU data in Node), so every ISO code has a name in both languages without a list kept here.
 */

export type CvLang = "nb" | "en";

export type CvTexts = {
  locale: string;
  title: string;
  anonymousTitle: string;
  /** The neutral reference shown instead of the name in the anonymous variant. */
  candidateRef: (ref: string) => string;
  /** Replaces the candidate's own name where it occurs in free text in the anonymous variant. */
  theCandidate: string;
  anonymousNote: string;
  contactVia: (advisor: string | null, network: string | null) => string;
  email: string;
  phone: string;
  municipality: string;
  headings: {
    summary: string;
    experience: string;
    education: string;
    skills: string;
    languages: string;
    licences: string;
    wishes: string;
  };
  years: (n: number) => string;
  yearCompleted: (year: number) => string;
  educationLevels: Record<(typeof educationLevels)[number], string>;
  recognition: Record<(typeof recognitionStatuses)[number], string>;
  recognitionLabel: string;
  subSkills: Record<(typeof languageSubSkills)[number], string>;
  language: string;
  native: string;
  test: (name: string, date: string | null) => string;
  cefrLegend: string;
  drivingLicence: string;
  certificateTypes: Record<(typeof certificateTypes)[number], string>;
  extents: Record<(typeof extents)[number], string>;
  wishedOccupations: string;
  wishedPlaces: string;
  extent: string;
  availableFrom: string;
  availableNow: string;
  abroad: string;
  preparedBy: (network: string | null, date: string) => string;
  page: (n: number, of: number) => string;
  empty: string;
};

const nb: CvTexts = {
  locale: "nb-NO",
  title: "Curriculum vitae",
  anonymousTitle: "Anonymisert CV",
  candidateRef: (ref) => `Kandidat ${ref}`,
  theCandidate: "kandidaten",
  anonymousNote: "Navn, alder, kjønn, opprinnelsesland og kontaktopplysninger er utelatt.",
  contactVia: (advisor, network) => `Kontakt: ${[advisor, network].filter(Boolean).join(", ")}`,
  email: "E-post",
  phone: "Telefon",
  municipality: "Bosted",
  headings: {
    summary: "Sammendrag",
    experience: "Arbeidserfaring",
    education: "Utdanning",
    skills: "Ferdigheter",
    languages: "Språk",
    licences: "Førerkort og sertifikater",
    wishes: "Ønsket arbeid",
  },
  years: (n) => `${new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 1 }).format(n)} år`,
  yearCompleted: (year) => `Fullført ${year}`,
  educationLevels: {
    none: "Ingen formell utdanning",
    primary: "Grunnskole (barnetrinn)",
    lower_secondary: "Grunnskole (ungdomstrinn)",
    upper_secondary: "Videregående skole",
    vocational: "Yrkesfaglig utdanning",
    tertiary_vocational: "Fagskole",
    bachelor: "Bachelorgrad",
    master: "Mastergrad",
    phd: "Doktorgrad (ph.d.)",
  },
  recognition: {
    not_applied: "ikke søkt godkjenning i Norge",
    pending: "godkjenning i Norge er søkt",
    recognised: "godkjent i Norge",
    partially_recognised: "delvis godkjent i Norge",
    not_recognised: "ikke godkjent i Norge",
    not_needed: "godkjenning ikke nødvendig",
  },
  recognitionLabel: "Godkjenning",
  subSkills: { listening: "Lytte", reading: "Lese", writing: "Skrive", speaking: "Snakke" },
  language: "Språk",
  native: "Morsmål",
  test: (name, date) => (date ? `Test: ${name} (${date})` : `Test: ${name}`),
  cefrLegend: "Nivåer etter Det felles europeiske rammeverket for språk (CEFR): A1–A2 grunnleggende, B1–B2 selvstendig, C1–C2 avansert.",
  drivingLicence: "Førerkort klasse",
  certificateTypes: {
    trade_certificate: "Fagbrev",
    journeyman_certificate: "Svennebrev",
    safety_card: "Sikkerhetskort",
    machine_card: "Maskinførerbevis",
    hse_card: "HMS-kort",
    other: "Sertifikat",
  },
  extents: { full_time: "Heltid", part_time: "Deltid", any: "Heltid eller deltid" },
  wishedOccupations: "Yrker",
  wishedPlaces: "Steder",
  extent: "Stillingsomfang",
  availableFrom: "Tilgjengelig fra",
  availableNow: "Tilgjengelig nå",
  abroad: "utlandet",
  preparedBy: (network, date) => (network ? `Utarbeidet av ${network}, ${date}` : `Utarbeidet ${date}`),
  page: (n, of) => `Side ${n} av ${of}`,
  empty: "Profilen har ennå ingen opplysninger om kompetanse.",
};

const en: CvTexts = {
  locale: "en-GB",
  title: "Curriculum vitae",
  anonymousTitle: "Anonymised CV",
  candidateRef: (ref) => `Candidate ${ref}`,
  theCandidate: "the candidate",
  anonymousNote: "Name, age, gender, country of origin and contact details are left out.",
  contactVia: (advisor, network) => `Contact: ${[advisor, network].filter(Boolean).join(", ")}`,
  email: "E-mail",
  phone: "Phone",
  municipality: "Lives in",
  headings: {
    summary: "Summary",
    experience: "Work experience",
    education: "Education",
    skills: "Skills",
    languages: "Languages",
    licences: "Driving licences and certificates",
    wishes: "Job wishes",
  },
  years: (n) => `${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(n)} ${n === 1 ? "year" : "years"}`,
  yearCompleted: (year) => `Completed ${year}`,
  educationLevels: {
    none: "No formal education",
    primary: "Primary school",
    lower_secondary: "Lower secondary school",
    upper_secondary: "Upper secondary school",
    vocational: "Vocational education",
    tertiary_vocational: "Tertiary vocational education",
    bachelor: "Bachelor's degree",
    master: "Master's degree",
    phd: "Doctorate (PhD)",
  },
  recognition: {
    not_applied: "recognition in Norway not applied for",
    pending: "recognition in Norway applied for",
    recognised: "recognised in Norway",
    partially_recognised: "partially recognised in Norway",
    not_recognised: "not recognised in Norway",
    not_needed: "recognition not needed",
  },
  recognitionLabel: "Recognition",
  subSkills: { listening: "Listening", reading: "Reading", writing: "Writing", speaking: "Speaking" },
  language: "Language",
  native: "Mother tongue",
  test: (name, date) => (date ? `Test: ${name} (${date})` : `Test: ${name}`),
  cefrLegend: "Levels of the Common European Framework of Reference for Languages (CEFR): A1–A2 basic, B1–B2 independent, C1–C2 proficient user.",
  drivingLicence: "Driving licence class",
  certificateTypes: {
    trade_certificate: "Trade certificate",
    journeyman_certificate: "Journeyman's certificate",
    safety_card: "Safety card",
    machine_card: "Machine operator card",
    hse_card: "HSE card",
    other: "Certificate",
  },
  extents: { full_time: "Full time", part_time: "Part time", any: "Full or part time" },
  wishedOccupations: "Occupations",
  wishedPlaces: "Places",
  extent: "Extent",
  availableFrom: "Available from",
  availableNow: "Available now",
  abroad: "abroad",
  preparedBy: (network, date) => (network ? `Prepared by ${network}, ${date}` : `Prepared on ${date}`),
  page: (n, of) => `Page ${n} of ${of}`,
  empty: "The profile has no competence details yet.",
};

export const cvTexts: Record<CvLang, CvTexts> = { nb, en };

const capitalise = (s: string, locale: string) => (s ? s.charAt(0).toLocaleUpperCase(locale) + s.slice(1) : s);

const displayNames = new Map<string, Intl.DisplayNames>();
function names(lang: CvLang, type: "language" | "region"): Intl.DisplayNames {
  const key = `${lang}:${type}`;
  let d = displayNames.get(key);
  if (!d) {
    d = new Intl.DisplayNames([lang], { type, fallback: "code" });
    displayNames.set(key, d);
  }
  return d;
}

/** "SY" → "Syria"; an unknown code comes back as the code. */
export function countryName(code: string, lang: CvLang): string {
  return names(lang, "region").of(code) ?? code;
}

/** "ar" → "Arabisk" / "Arabic", "ti" → "Tigrinja" / "Tigrinya"; capitalised as a heading in a list. */
export function languageName(code: string, lang: CvLang): string {
  let name: string | undefined;
  try {
    name = names(lang, "language").of(code);
  } catch {
    name = code;
  }
  return capitalise(name ?? code, cvTexts[lang].locale);
}

const dateFormats: Record<CvLang, Intl.DateTimeFormat> = {
  nb: new Intl.DateTimeFormat("nb-NO", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

/** An ISO date (yyyy-mm-dd) in the locale's long form: "1. mars 2026" / "1 March 2026". */
export function formatDate(iso: string, lang: CvLang): string {
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormats[lang].format(date);
}
