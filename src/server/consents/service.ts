import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { afterCursor } from "../platform/paging.ts";
import type { Cursor } from "../platform/paging.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import { candidateConsents, jobs, pipelineEntries } from "../jobs/tables.ts";
import { currentConsentVersion } from "./texts.ts";
import type { consentInputSchema } from "../../shared/jobs.ts";

/*
 * A candidate's consents: recorded with when and how they were given and the text version agreed to, and
 * withdrawn with immediate effect. Sharing with an employer needs a valid (not withdrawn) consent for that
 * employer and that job; the employer's view checks it on every read, and a withdrawal also clears the share in
 * the same transaction, so nothing shared outlives its consent.
 */

export type ConsentRow = typeof candidateConsents.$inferSelect;
type ConsentInput = z.infer<typeof consentInputSchema>;
const personType = "candidate";

async function loadCandidate(db: Db, actor: Actor, candidateId: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ id: candidates.id, processingRestrictedAt: candidates.processingRestrictedAt, erasureRequestedAt: candidates.erasureRequestedAt })
    .from(candidates)
    .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, candidateId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The candidate");
  return row;
}

/** The candidate's consents, newest first, with the employer's and job's names. The read is logged. */
export async function listConsents(db: Db, actor: Actor, candidateId: string, page: { limit: number; cursor?: Cursor | undefined }) {
  return db.transaction(async (tx) => {
    await loadCandidate(tx, actor, candidateId);
    const rows = await tx
      .select({ consent: candidateConsents, employerName: employers.name, jobTitle: jobs.title })
      .from(candidateConsents)
      .leftJoin(employers, eq(employers.id, candidateConsents.employerId))
      .leftJoin(jobs, eq(jobs.id, candidateConsents.jobId))
      .where(
        and(
          eq(candidateConsents.tenantId, actor.tenantId),
          eq(candidateConsents.candidateId, candidateId),
          afterCursor({ createdAt: candidateConsents.givenAt, id: candidateConsents.id }, page.cursor, "desc"),
        ),
      )
      .orderBy(desc(candidateConsents.givenAt), desc(candidateConsents.id))
      .limit(page.limit + 1);
    await recordAccess(tx, actor, { personType, personId: candidateId, purpose: "follow_up" });
    return rows;
  });
}

async function loadConsentWithNames(db: Db, tenantId: string, consentId: string) {
  const [row] = await db
    .select({ consent: candidateConsents, employerName: employers.name, jobTitle: jobs.title })
    .from(candidateConsents)
    .leftJoin(employers, eq(employers.id, candidateConsents.employerId))
    .leftJoin(jobs, eq(jobs.id, candidateConsents.jobId))
    .where(and(eq(candidateConsents.tenantId, tenantId), eq(candidateConsents.id, consentId)))
    .limit(1);
  return row!;
}

const invalid = (errors: FieldError[]) => new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });

/** Records a consent the candidate gave (in person, by a link, or in the candidate portal). */
/** A job of the network's employer name and title, for the consent text; not found for another network's job. */
export async function jobNames(db: Db, tenantId: string, jobId: string): Promise<{ employer: string | null; job: string }> {
  const [row] = await db
    .select({ job: jobs.title, employer: employers.name, unit: jobs.municipalUnit })
    .from(jobs)
    .leftJoin(employers, eq(employers.id, jobs.employerId))
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId)))
    .limit(1);
  if (!row) throw notFound("The job");
  return { employer: row.employer ?? (row.unit || null), job: row.job };
}

export async function giveConsent(db: Db, actor: Actor, candidateId: string, input: ConsentInput) {
  const errors: FieldError[] = [];
  if (input.purpose === "share_with_employer") {
    if (!input.employerId) errors.push({ path: "body.employerId", message: "is required for share_with_employer" });
    if (!input.jobId) errors.push({ path: "body.jobId", message: "is required for share_with_employer" });
  } else {
    if (input.employerId) errors.push({ path: "body.employerId", message: "is only for share_with_employer" });
    if (input.jobId) errors.push({ path: "body.jobId", message: "is only for share_with_employer" });
  }
  const givenAt = input.givenAt ? new Date(input.givenAt) : new Date();
  if (givenAt.getTime() > Date.now() + 5 * 60_000) errors.push({ path: "body.givenAt", message: "is in the future" });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction(async (tx) => {
    const candidate = await loadCandidate(tx, actor, candidateId, { forUpdate: true });
    if (candidate.erasureRequestedAt) throw new AppError("rule_broken", "The candidate has asked to be erased; no new consent can be recorded.");
    if (input.jobId) {
      const [job] = await tx.select({ employerId: jobs.employerId }).from(jobs).where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, input.jobId))).limit(1);
      if (!job) throw invalid([{ path: "body.jobId", message: "is not a job of this network" }]);
      if (job.employerId !== input.employerId) throw invalid([{ path: "body.employerId", message: "is not the employer of this job" }]);
    }
    const [row] = await tx
      .insert(candidateConsents)
      .values({
        tenantId: actor.tenantId,
        candidateId,
        purpose: input.purpose,
        employerId: input.employerId,
        jobId: input.jobId,
        textVersion: currentConsentVersion[input.purpose],
        method: input.method,
        givenAt,
        recordedByUserId: actor.userId ?? null,
      })
      .returning();
    await recordChange(tx, actor, {
      action: "consent.give",
      entityType: personType,
      entityId: candidateId,
      after: { consentId: row!.id, purpose: row!.purpose, employerId: row!.employerId, jobId: row!.jobId, textVersion: row!.textVersion, method: row!.method },
    });
    return loadConsentWithNames(tx, actor.tenantId, row!.id);
  });
}

/** The condition "a valid share consent for the entry's candidate, this employer and this job exists". */
export const validShareConsentExists = (candidateId: unknown, employerId: unknown, jobId: unknown) => sql`exists (
  select 1 from ${candidateConsents}
  where ${candidateConsents.candidateId} = ${candidateId}
    and ${candidateConsents.purpose} = 'share_with_employer'
    and ${candidateConsents.employerId} = ${employerId}
    and ${candidateConsents.jobId} = ${jobId}
    and ${candidateConsents.withdrawnAt} is null)`;

/**
 * Withdraws a consent at once. For a share consent, the candidate's shares for that job end in the same
 * transaction (unless another valid consent for the same employer and job remains); withdrawing the registration
 * consent restricts processing: the candidate is hidden from lists, matching and every employer.
 */
export async function withdrawConsent(db: Db, actor: Actor, candidateId: string, consentId: string) {
  return db.transaction(async (tx) => {
    await loadCandidate(tx, actor, candidateId, { forUpdate: true });
    const [consent] = await tx
      .select()
      .from(candidateConsents)
      .where(and(eq(candidateConsents.tenantId, actor.tenantId), eq(candidateConsents.candidateId, candidateId), eq(candidateConsents.id, consentId)))
      .for("update");
    if (!consent) throw notFound("The consent");
    if (consent.withdrawnAt) return loadConsentWithNames(tx, actor.tenantId, consentId);
    const now = new Date();
    await tx.update(candidateConsents).set({ withdrawnAt: now }).where(eq(candidateConsents.id, consentId));
    await recordChange(tx, actor, { action: "consent.withdraw", entityType: personType, entityId: candidateId, after: { consentId, purpose: consent.purpose, employerId: consent.employerId, jobId: consent.jobId } });
    if (consent.purpose === "share_with_employer" && consent.jobId) {
      await endSharesWithoutConsent(tx, actor, candidateId, [consent.jobId]);
    }
    if (consent.purpose === "registration") {
      await tx
        .update(candidates)
        .set({ processingRestrictedAt: now, updatedAt: now })
        .where(and(eq(candidates.id, candidateId), isNull(candidates.processingRestrictedAt)));
      await recordChange(tx, actor, { action: "candidate.processing_restrict", entityType: personType, entityId: candidateId, after: { reason: "registration consent withdrawn" } });
      await endAllShares(tx, actor, candidateId);
    }
    return loadConsentWithNames(tx, actor.tenantId, consentId);
  });
}

/** Ends the candidate's shares on these jobs that no valid consent covers any more; each end is in the audit trail. */
export async function endSharesWithoutConsent(tx: Db, actor: Actor, candidateId: string, jobIds: string[]) {
  const ended = await tx
    .update(pipelineEntries)
    .set({ sharedVariant: null, sharedAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(pipelineEntries.tenantId, actor.tenantId),
        eq(pipelineEntries.candidateId, candidateId),
        inArray(pipelineEntries.jobId, jobIds),
        isNotNull(pipelineEntries.sharedVariant),
        sql`not ${validShareConsentExists(pipelineEntries.candidateId, sql`(select ${jobs.employerId} from ${jobs} where ${jobs.id} = ${pipelineEntries.jobId})`, pipelineEntries.jobId)}`,
      ),
    )
    .returning({ id: pipelineEntries.id, jobId: pipelineEntries.jobId });
  for (const entry of ended) {
    await recordChange(tx, actor, { action: "pipeline.unshare", entityType: "pipeline_entry", entityId: entry.id, after: { jobId: entry.jobId, candidateId, reason: "consent withdrawn" } });
  }
  return ended;
}

async function endAllShares(tx: Db, actor: Actor, candidateId: string) {
  const ended = await tx
    .update(pipelineEntries)
    .set({ sharedVariant: null, sharedAt: null, updatedAt: new Date() })
    .where(and(eq(pipelineEntries.tenantId, actor.tenantId), eq(pipelineEntries.candidateId, candidateId), isNotNull(pipelineEntries.sharedVariant)))
    .returning({ id: pipelineEntries.id, jobId: pipelineEntries.jobId });
  for (const entry of ended) {
    await recordChange(tx, actor, { action: "pipeline.unshare", entityType: "pipeline_entry", entityId: entry.id, after: { jobId: entry.jobId, candidateId, reason: "processing restricted" } });
  }
}

export type ConsentWithNames = Awaited<ReturnType<typeof loadConsentWithNames>>;
