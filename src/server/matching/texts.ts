import type { EducationLevel, LanguageSubSkill } from "./levels.ts";
import type { MatchLang } from "../../shared/matching.ts";

/*
 * The explanation texts, in bokmål and English. Plain functions of the figures, so a test can read them.
 */

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

const numberFormats = { nb: new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 1 }), en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }) };
const dateFormats = {
  nb: new Intl.DateTimeFormat("nb-NO", { dateStyle: "long", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }),
};
const languageNames = { nb: new Intl.DisplayNames(["nb"], { type: "language", fallback: "code" }), en: new Intl.DisplayNames(["en"], { type: "language", fallback: "code" }) };

export const formatDay = (day: number, lang: MatchLang) => dateFormats[lang].format(new Date(day * 86_400_000));

export function languageName(code: string, lang: MatchLang): string {
  if (code === "no") return lang === "nb" ? "Norsk" : "Norwegian";
  try {
    return capitalise(languageNames[lang].of(code) ?? code);
  } catch {
    return code;
  }
}

const subSkillNames: Record<MatchLang, Record<LanguageSubSkill, string>> = {
  nb: { listening: "lytting", reading: "lesing", writing: "skriving", speaking: "snakking" },
  en: { listening: "listening", reading: "reading", writing: "writing", speaking: "speaking" },
};

/** "oral" for listening + speaking, "written" for reading + writing, nothing for all four. */
export function subSkillsText(subSkills: readonly LanguageSubSkill[], lang: MatchLang): string {
  const set = new Set(subSkills);
  if (set.size === 4) return "";
  if (set.size === 2 && set.has("listening") && set.has("speaking")) return lang === "nb" ? "muntlig" : "oral";
  if (set.size === 2 && set.has("reading") && set.has("writing")) return lang === "nb" ? "skriftlig" : "written";
  const names = [...set].map((s) => subSkillNames[lang][s]);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} ${lang === "nb" ? "og" : "and"} ${names.at(-1)}`;
}

/** "Norwegian B1 oral — has A2", "Norsk B1 muntlig — oppfylt". `has` null: nothing stated. */
export function languageRequirementText(code: string, level: string, subSkills: readonly LanguageSubSkill[], has: string | null, met: boolean, lang: MatchLang): string {
  const what = [languageName(code, lang), level, subSkillsText(subSkills, lang)].filter(Boolean).join(" ");
  if (met) return `${what} — ${lang === "nb" ? "oppfylt" : "met"}`;
  return `${what} — ${has ? `${lang === "nb" ? "har" : "has"} ${has}` : lang === "nb" ? "ikke oppgitt" : "not stated"}`;
}

export function skillsText(figures: { essentialHeld: number; essential: number; optionalHeld: number; optional: number; partly: number }, lang: MatchLang): string {
  const { essentialHeld, essential, optionalHeld, optional, partly } = figures;
  const nb = lang === "nb";
  const parts: string[] = [];
  if (essential > 0) parts.push(nb ? `${essentialHeld} av ${essential} nødvendige ferdigheter` : `${essentialHeld} of ${essential} essential skills`);
  if (optional > 0) {
    if (essential > 0) parts.push(nb ? `${optionalHeld} av ${optional} ønskede` : `${optionalHeld} of ${optional} optional`);
    else parts.push(nb ? `${optionalHeld} av ${optional} ønskede ferdigheter` : `${optionalHeld} of ${optional} optional skills`);
  }
  let text = parts.join(", ");
  if (partly > 0) text += nb ? `; ${partly} til delvis (beslektede ferdigheter eller erfaring)` : `; ${partly} more partly (related skills or experience)`;
  return text;
}

export type OccupationMatch = "same" | "unitGroup" | "minorGroup" | "subMajorGroup";

export function occupationText(best: { label: string; experience: boolean; years: number; match: OccupationMatch; code: string } | null, lang: MatchLang): string {
  const nb = lang === "nb";
  if (!best) return nb ? "Ingen erfaring eller ønske innen dette yrkesfeltet" : "No experience or wish in this occupational field";
  const years = numberFormats[lang].format(best.years);
  const head = best.experience
    ? nb
      ? `Har jobbet som ${best.label} (${years} år)`
      : `Has worked as ${best.label} (${years} ${best.years === 1 ? "year" : "years"})`
    : nb
      ? `Ønsker å jobbe som ${best.label}`
      : `Wants to work as ${best.label}`;
  const tail = {
    same: nb ? "samme yrke" : "same occupation",
    unitGroup: nb ? `samme yrkesgruppe (ISCO ${best.code})` : `same occupational group (ISCO ${best.code})`,
    minorGroup: nb ? `beslektet yrkesgruppe (ISCO ${best.code.slice(0, 3)})` : `related occupational group (ISCO ${best.code.slice(0, 3)})`,
    subMajorGroup: nb ? `samme yrkesområde (ISCO ${best.code.slice(0, 2)})` : `same occupational field (ISCO ${best.code.slice(0, 2)})`,
  }[best.match];
  return `${head} — ${tail}`;
}

const educationNames: Record<MatchLang, Record<EducationLevel, string>> = {
  nb: {
    none: "ingen",
    primary: "barneskole",
    lower_secondary: "ungdomsskole",
    upper_secondary: "videregående",
    vocational: "fagbrev eller yrkesfag",
    tertiary_vocational: "fagskole",
    bachelor: "bachelor",
    master: "master",
    phd: "doktorgrad",
  },
  en: {
    none: "none",
    primary: "primary school",
    lower_secondary: "lower secondary school",
    upper_secondary: "upper secondary school",
    vocational: "vocational training",
    tertiary_vocational: "tertiary vocational",
    bachelor: "bachelor's degree",
    master: "master's degree",
    phd: "PhD",
  },
};

export function educationText(required: EducationLevel, has: EducationLevel | null, lang: MatchLang): string {
  const nb = lang === "nb";
  const what = nb ? `Utdanning: ${educationNames.nb[required]} eller høyere` : `Education: ${educationNames.en[required]} or higher`;
  return `${what} — ${has === null ? (nb ? "ikke oppgitt" : "not stated") : `${nb ? "har" : "has"} ${educationNames[lang][has]}`}`;
}

export function locationText(kind: "lives" | "wishes" | "elsewhere" | "unknown", job: string, candidate: string, lang: MatchLang): string {
  const nb = lang === "nb";
  switch (kind) {
    case "lives":
      return nb ? `Bor i ${job}` : `Lives in ${job}`;
    case "wishes":
      return nb ? `Ønsker å jobbe i ${job}` : `Wants to work in ${job}`;
    case "elsewhere":
      return nb ? `Bor i ${candidate} — jobben er i ${job}` : `Lives in ${candidate} — the job is in ${job}`;
    case "unknown":
      return nb ? `Bosted ikke oppgitt — jobben er i ${job}` : `Municipality not stated — the job is in ${job}`;
  }
}

const extentNames = { nb: ["heltid eller deltid", "heltid", "deltid"], en: ["full-time or part-time", "full-time", "part-time"] } as const;

export function extentText(job: number, candidate: number, lang: MatchLang): string {
  const nb = lang === "nb";
  const wants = nb ? `ønsker ${extentNames.nb[candidate]}` : `wants ${extentNames.en[candidate]}`;
  const jobText = nb ? (job === 1 ? "Heltidsstilling" : "Deltidsstilling") : job === 1 ? "Full-time job" : "Part-time job";
  return `${jobText} — ${wants}`;
}

export function licencesText(held: string[], preferred: string[], lang: MatchLang): string {
  return lang === "nb"
    ? `Har ${held.length} av ${preferred.length} ønskede førerkortklasser (${preferred.join(", ")})`
    : `Has ${held.length} of ${preferred.length} preferred driving licences (${preferred.join(", ")})`;
}

export function licenceMissingText(licence: string, required: boolean, lang: MatchLang): string {
  if (lang === "nb") return `Førerkort klasse ${licence}${required ? "" : " (ønsket)"}`;
  return `Driving licence ${licence}${required ? "" : " (preferred)"}`;
}

export function startText(availableFrom: number | null, lang: MatchLang): string {
  if (availableFrom === null) return lang === "nb" ? "Kan begynne nå" : "Available now";
  return lang === "nb" ? `Kan begynne ${formatDay(availableFrom, lang)}` : `Available from ${formatDay(availableFrom, lang)}`;
}

export function startMissingText(availableFrom: number, jobStart: number, lang: MatchLang): string {
  return lang === "nb"
    ? `Kan begynne ${formatDay(availableFrom, lang)} — jobben starter ${formatDay(jobStart, lang)}`
    : `Available from ${formatDay(availableFrom, lang)} — the job starts ${formatDay(jobStart, lang)}`;
}

export function skillMissingText(label: string, via: { kind: "skill" | "occupation"; label: string } | null, lang: MatchLang): string {
  if (!via) return label;
  if (via.kind === "skill") return lang === "nb" ? `${label} — delvis: beslektet med ${via.label}` : `${label} — partly: related to ${via.label}`;
  return lang === "nb" ? `${label} — delvis: fra erfaring som ${via.label}` : `${label} — partly: from experience as ${via.label}`;
}
