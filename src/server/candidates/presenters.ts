import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { labelsFor } from "../taxonomy/lookup.ts";
import { cefrOfRank } from "./derive.ts";
import { getCandidate, userNames } from "./service.ts";
import type { BackgroundRow, CandidateRow } from "./service.ts";
import type { candidateListItemSchema, candidateSchema } from "../../shared/candidates.ts";
import type { CandidateInput } from "../../shared/candidates.ts";
import * as policy from "./policy.ts";

/*
 * Rows → response shapes, with taxonomy labels in the asked language. Never return raw rows.
 */

export type Lang = "nb" | "en";
export type CandidateView = z.infer<typeof candidateSchema>;
export type CandidateListItem = z.infer<typeof candidateListItemSchema>;

/** `?lang=` first, then the first of nb/en in Accept-Language, else bokmål. */
export function langOf(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === "nb" || query === "en") return query;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.trim().split(";")[0]!.toLowerCase();
    if (tag.startsWith("en")) return "en";
    if (tag.startsWith("nb") || tag.startsWith("no") || tag.startsWith("nn")) return "nb";
  }
  return "nb";
}

export async function presentCandidate(db: Db, row: CandidateRow, background: BackgroundRow | null, options: { lang: Lang; showBackground: boolean }): Promise<CandidateView> {
  const labels = await labelsFor(db, [...row.experience.map((e) => e.occupationUri), ...row.jobWishes.occupationUris, ...row.skillUris], options.lang);
  const names = await userNames(db, [row.advisorUserId]);
  const label = (uri: string) => labels.get(uri) ?? uri;
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    municipality: row.municipality,
    summary: row.summary,
    background: options.showBackground
      ? {
          countryOfBirth: background?.countryOfBirth ?? null,
          arrivalYear: background?.arrivalYear ?? null,
          gender: (background?.gender ?? "unspecified") as CandidateInput["background"]["gender"],
          birthYear: background?.birthYear ?? null,
        }
      : null,
    languages: row.languages,
    education: row.education,
    experience: row.experience.map((e) => ({ ...e, occupationLabel: label(e.occupationUri) })),
    skills: row.skillUris.map((uri) => ({ uri, label: label(uri) })),
    drivingLicences: row.drivingLicences,
    certificates: row.certificates,
    jobWishes: { ...row.jobWishes, occupations: row.jobWishes.occupationUris.map((uri) => ({ uri, label: label(uri) })) },
    availableFrom: row.availableFrom,
    status: row.status as CandidateView["status"],
    advisor: row.advisorUserId ? { userId: row.advisorUserId, name: names.get(row.advisorUserId) ?? "" } : null,
    partnerOrganisation: row.partnerOrganisation,
    processingRestricted: row.processingRestrictedAt !== null || row.erasureRequestedAt !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function presentListItems(db: Db, rows: CandidateRow[], lang: Lang): Promise<CandidateListItem[]> {
  const labels = await labelsFor(db, rows.flatMap((row) => row.experience.map((e) => e.occupationUri)), lang);
  const names = await userNames(db, rows.map((row) => row.advisorUserId));
  return rows.map((row) => ({
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    municipality: row.municipality,
    status: row.status as CandidateListItem["status"],
    norwegianLevel: cefrOfRank(row.norwegianRank),
    occupations: [...new Set(row.experience.map((e) => e.occupationUri))].map((uri) => ({ uri, label: labels.get(uri) ?? uri })),
    advisor: row.advisorUserId ? { userId: row.advisorUserId, name: names.get(row.advisorUserId) ?? "" } : null,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export const seesBackground = (actor: Actor) => policy.seesBackground.includes(actor.role);

/**
 * For the CV: the candidate's profile with labels in the CV's language, read with purpose "cv" (logged).
 * The background is left out: a CV never shows it.
 */
export async function getCandidateForCv(db: Db, actor: Actor, candidateId: string, lang: Lang): Promise<CandidateView> {
  const { row, background } = await getCandidate(db, actor, candidateId, "cv");
  return presentCandidate(db, row, background, { lang, showBackground: false });
}
