import { cefrLevels, educationLevels } from "../../shared/candidates.ts";
import type { CandidateInput } from "../../shared/candidates.ts";

/*
 * Pure helpers: the values the list filters and the duplicate check use, derived from a candidate's input.
 */

export const cefrRank = (level: string) => cefrLevels.indexOf(level as (typeof cefrLevels)[number]) + 1;
export const cefrOfRank = (rank: number | null) => (rank && rank >= 1 && rank <= cefrLevels.length ? cefrLevels[rank - 1]! : null);
export const educationRank = (level: string) => educationLevels.indexOf(level as (typeof educationLevels)[number]);

/** Lower case, no accents, single spaces: "  Åse  Ødegård " → "ase odegard" (ø, æ and đ folded by hand: NFD keeps them). */
export function normaliseText(value: string): string {
  return value
    .toLowerCase()
    .replaceAll("ø", "o")
    .replaceAll("æ", "ae")
    .replaceAll("đ", "d")
    .replaceAll("ß", "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

export const normaliseName = (firstName: string, lastName: string) => normaliseText(`${firstName} ${lastName}`);
export const normaliseEmail = (email: string | null) => (email ? email.trim().toLowerCase() : null);

/** The digits of a phone number without the Norwegian country code: "+47 912 34 567" → "91234567". */
export function phoneDigitsOf(phone: string | null): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, "");
  if (digits.startsWith("0047")) digits = digits.slice(4);
  else if (digits.length === 10 && digits.startsWith("47")) digits = digits.slice(2);
  return digits.length >= 5 ? digits : null;
}

type Lists = Pick<CandidateInput, "languages" | "education" | "experience" | "jobWishes">;

/** Lowest of the four Norwegian sub-skills, as a rank; null unless all four are known. */
export function norwegianRankOf(languages: CandidateInput["languages"]): number | null {
  const no = languages.find((language) => language.code === "no" || language.code === "nb" || language.code === "nn");
  if (!no) return null;
  const levels = [no.listening, no.reading, no.writing, no.speaking];
  if (levels.some((level) => level === null)) return null;
  return Math.min(...levels.map((level) => cefrRank(level!)));
}

export function derivedColumns(input: Lists & Pick<CandidateInput, "firstName" | "lastName" | "email" | "phone">) {
  const occupationUris = [...new Set([...input.experience.map((e) => e.occupationUri), ...input.jobWishes.occupationUris])];
  const ranks = input.education.map((e) => educationRank(e.level));
  return {
    occupationUris,
    norwegianRank: norwegianRankOf(input.languages),
    educationRank: ranks.length > 0 ? Math.max(...ranks) : null,
    sortName: `${input.lastName} ${input.firstName}`.toLowerCase(),
    nameNorm: normaliseName(input.firstName, input.lastName),
    emailNorm: normaliseEmail(input.email),
    phoneDigits: phoneDigitsOf(input.phone),
  };
}
