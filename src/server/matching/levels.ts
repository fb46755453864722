import { cefrLevels, educationLevels, extents, languageSubSkills } from "../../shared/candidates.ts";

/*
 * Levels as small integers, the way the index stores them: CEFR A1 = 1 … C2 = 6 (0 = unknown), a candidate's
 * four language sub-skills packed into 12 bits (3 per sub-skill, in the order listening, reading, writing,
 * speaking), extents as 0–2.
 */

export type CefrLevel = (typeof cefrLevels)[number];
export type LanguageSubSkill = (typeof languageSubSkills)[number];
export type Extent = (typeof extents)[number];
export type EducationLevel = (typeof educationLevels)[number];

export { cefrLevels, educationLevels, extents, languageSubSkills };

export const cefrRankOf = (level: CefrLevel | null | undefined) => (level ? cefrLevels.indexOf(level) + 1 : 0);
export const cefrOfRank = (rank: number): CefrLevel | null => (rank >= 1 && rank <= 6 ? cefrLevels[rank - 1]! : null);

/** Four ranks (0–6) → 12 bits. */
export function packLevels(ranks: readonly number[]): number {
  let packed = 0;
  for (let i = 0; i < 4; i++) packed |= (Math.max(0, Math.min(6, ranks[i] ?? 0)) & 7) << (3 * i);
  return packed;
}
export const levelOf = (packed: number, subSkill: number) => (packed >>> (3 * subSkill)) & 7;
export const subSkillIndex = (subSkill: LanguageSubSkill) => languageSubSkills.indexOf(subSkill);

export const extentCode = (extent: Extent | null) => (extent === "full_time" ? 1 : extent === "part_time" ? 2 : 0);

/** Norwegian is "no" everywhere in the engine: candidates and jobs may say nb or nn. */
export const normaliseLanguageCode = (code: string) => {
  const lower = code.trim().toLowerCase();
  return lower === "nb" || lower === "nn" || lower === "nob" || lower === "nno" || lower === "nor" ? "no" : lower;
};

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD, or a longer ISO timestamp: its date). */
export function dayOf(iso: string): number {
  if (/^\d{4}-\d{2}-\d{2}/.test(iso)) {
    const year = Number(iso.slice(0, 4));
    const month = Number(iso.slice(5, 7));
    const date = Number(iso.slice(8, 10));
    const time = Date.UTC(year, month - 1, date);
    if (month >= 1 && month <= 12 && date >= 1 && new Date(time).getUTCDate() === date) return time / 86_400_000;
  }
  const day = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day)) throw new Error(`not an ISO date: ${iso}`);
  return Math.floor(day / 86_400_000);
}
export const isoOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
