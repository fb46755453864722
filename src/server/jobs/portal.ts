import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { notFound } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { afterCursor } from "../platform/paging.ts";
import type { Cursor } from "../platform/paging.ts";
import { candidates } from "../candidates/tables.ts";
import { presentCandidate } from "../candidates/presenters.ts";
import type { CandidateView, Lang } from "../candidates/presenters.ts";
import { candidateBackgrounds } from "../candidates/tables.ts";
import { validShareConsentExists } from "../consents/service.ts";
import { jobs, pipelineEntries, pipelineStages } from "./tables.ts";
import { employerIdOfUser } from "../employers/portal.ts";
import type { employerResponses, sharedCandidateSchema } from "../../shared/jobs.ts";

/*
 * The employer's view: the candidates shared with the employer user's company. What is visible is decided on
 * every read, never stored: an entry shows only while it is shared, the candidate's processing is not restricted,
 * the stage is not a closed one, and a valid consent for this employer and this job exists. So a withdrawn consent
 * hides the candidate at once, even before anything else changes. Every read is in the candidate's access log.
 *
 * The anonymous variant shows what the anonymous CV shows (src/server/cv/render.ts): no name, contact details,
 * photo or background; experience and education abroad say "abroad" without the country or the employer's or
 * school's name; the candidate's name, e-mail and phone are masked in the summary.
 */

type SharedCandidate = z.infer<typeof sharedCandidateSchema>;
type Page = { limit: number; cursor?: Cursor | undefined };
const personType = "candidate";

function visibleTo(tenantId: string, employerId: string) {
  return and(
    eq(pipelineEntries.tenantId, tenantId),
    eq(jobs.employerId, employerId),
    isNotNull(pipelineEntries.sharedVariant),
    isNull(candidates.processingRestrictedAt),
    isNull(candidates.erasureRequestedAt),
    sql`coalesce(${pipelineStages.meaning}, 'open') <> 'closed'`,
    validShareConsentExists(pipelineEntries.candidateId, jobs.employerId, pipelineEntries.jobId),
  );
}

function visibleEntries(db: Db, tenantId: string, employerId: string, extra?: SQL) {
  return db
    .select({ entry: pipelineEntries, jobTitle: jobs.title, candidate: candidates, background: candidateBackgrounds })
    .from(pipelineEntries)
    .innerJoin(jobs, eq(jobs.id, pipelineEntries.jobId))
    .innerJoin(candidates, eq(candidates.id, pipelineEntries.candidateId))
    .leftJoin(candidateBackgrounds, eq(candidateBackgrounds.candidateId, candidates.id))
    .leftJoin(pipelineStages, and(eq(pipelineStages.tenantId, pipelineEntries.tenantId), eq(pipelineStages.key, pipelineEntries.stage)))
    .where(and(visibleTo(tenantId, employerId), extra));
}

export type VisibleEntry = Awaited<ReturnType<typeof visibleEntries>>[number];

/** The shared candidates, newest share first. Returns limit+1 rows; each one returned is logged as read. */
export async function listSharedCandidates(db: Db, actor: Actor, page: Page) {
  const employerId = await employerIdOfUser(db, actor);
  if (!employerId) return [];
  return db.transaction(async (tx) => {
    const rows = await visibleEntries(tx, actor.tenantId, employerId, afterCursor(pipelineEntries, page.cursor, "desc"))
      .orderBy(desc(pipelineEntries.createdAt), desc(pipelineEntries.id))
      .limit(page.limit + 1);
    await recordAccess(tx, actor, rows.slice(0, page.limit).map((r) => ({ personType, personId: r.candidate.id, purpose: "employer_view" })));
    return rows;
  });
}

/** One shared candidate, or not found (not shared, another company's, consent withdrawn, …). The read is logged. */
export async function getSharedCandidate(db: Db, actor: Actor, entryId: string, tx?: Db) {
  const employerId = await employerIdOfUser(db, actor);
  if (!employerId) throw notFound("The shared candidate");
  const run = async (t: Db) => {
    const [row] = await visibleEntries(t, actor.tenantId, employerId, eq(pipelineEntries.id, entryId)).limit(1);
    if (!row) throw notFound("The shared candidate");
    await recordAccess(t, actor, { personType, personId: row.candidate.id, purpose: "employer_view" });
    return row;
  };
  return tx ? run(tx) : db.transaction(run);
}

/** The employer's answer: interesting, not interesting, or hired. */
export async function respondToShare(db: Db, actor: Actor, entryId: string, response: (typeof employerResponses)[number]) {
  return db.transaction(async (tx) => {
    const row = await getSharedCandidate(tx, actor, entryId, tx);
    const now = new Date();
    await tx.update(pipelineEntries).set({ employerResponse: response, employerRespondedAt: now, updatedAt: now }).where(eq(pipelineEntries.id, row.entry.id));
    await recordChange(tx, actor, { action: "pipeline.employer_response", entityType: "pipeline_entry", entityId: row.entry.id, before: { employerResponse: row.entry.employerResponse }, after: { employerResponse: response } });
    return { entryId: row.entry.id, employerResponse: response, employerRespondedAt: now.toISOString() };
  });
}

/** The candidate's profile as the CV shows it (labels in the language; never the background). */
export async function candidateViewOf(db: Db, row: VisibleEntry, lang: Lang): Promise<CandidateView> {
  return presentCandidate(db, row.candidate, row.background, { lang, showBackground: false });
}

export const candidateReference = (candidateId: string) => `K-${candidateId.replace(/-/g, "").slice(0, 6)}`;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Masks the candidate's name (with the reference), e-mail addresses and phone number in free text, as the anonymous CV does. */
export function maskIdentity(candidate: Pick<CandidateView, "firstName" | "lastName" | "phone">, reference: string): (text: string) => string {
  const patterns: [RegExp, string][] = [[/[^\s@]+@[^\s@]+\.[^\s@]+/g, "[…]"]];
  const digits = (candidate.phone ?? "").replace(/\D/g, "").slice(-8);
  if (digits.length >= 5) patterns.push([new RegExp(`(\\+\\d{1,3}[\\s-]*)?${Array.from(digits).join("[\\s().-]*")}`, "g"), "[…]"]);
  for (const name of [`${candidate.firstName} ${candidate.lastName}`, candidate.lastName, candidate.firstName]) {
    const trimmed = name.trim();
    if (trimmed.length >= 2) patterns.push([new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, "giu"), reference]);
  }
  return (text) => patterns.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/** What the employer sees of one shared candidate, in the shared variant. */
export function presentShared(row: VisibleEntry, view: CandidateView): SharedCandidate {
  const full = row.entry.sharedVariant === "full";
  const reference = candidateReference(view.id);
  const mask = full ? (s: string) => s : maskIdentity(view, reference);
  const abroad = (country: string | null) => country !== null && country !== "NO";
  return {
    entryId: row.entry.id,
    job: { id: row.entry.jobId, title: row.jobTitle },
    variant: full ? "full" : "anonymous",
    sharedAt: row.entry.sharedAt?.toISOString() ?? null,
    employerResponse: row.entry.employerResponse as SharedCandidate["employerResponse"],
    employerRespondedAt: row.entry.employerRespondedAt?.toISOString() ?? null,
    candidate: {
      reference,
      name: full ? `${view.firstName} ${view.lastName}`.trim() : null,
      email: full ? view.email : null,
      phone: full ? view.phone : null,
      summary: mask(view.summary),
      experience: view.experience.map((e) => ({
        occupation: { uri: e.occupationUri, label: e.occupationLabel },
        title: mask(e.title),
        employer: !full && abroad(e.country) ? "" : mask(e.employer),
        abroad: abroad(e.country),
        country: !full && abroad(e.country) ? null : e.country,
        years: e.years,
      })),
      education: view.education.map((e) => ({
        level: e.level,
        field: e.field,
        institution: !full && abroad(e.country) ? "" : e.institution,
        abroad: abroad(e.country),
        country: !full && abroad(e.country) ? null : e.country,
        yearCompleted: e.yearCompleted,
        recognition: e.recognition,
      })),
      skills: view.skills,
      languages: view.languages.map((l) => ({ code: l.code, native: l.native, listening: l.listening, reading: l.reading, writing: l.writing, speaking: l.speaking })),
      drivingLicences: view.drivingLicences,
      certificates: view.certificates.map((c) => ({ type: c.type, name: c.name, year: c.year })),
      availableFrom: view.availableFrom,
    },
    cvUrl: `/api/v1/employer-portal/candidates/${row.entry.id}/cv.pdf`,
  };
}

