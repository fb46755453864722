import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { afterCursor } from "../platform/paging.ts";
import type { Cursor } from "../platform/paging.ts";
import { candidates } from "../candidates/tables.ts";
import { candidateConsents, pipelineEntries, pipelineStageChanges } from "./tables.ts";
import { getJob } from "./service.ts";
import { ensureStages, requireStage } from "./stages.ts";
import type { StageRow } from "./stages.ts";
import type { shareVariants } from "../../shared/jobs.ts";

/*
 * The candidate list of a job: one entry per candidate with its stage, every stage change kept with who, when and
 * a note. Sharing with the job's employer is a step of its own: it needs the candidate's valid consent for that
 * employer and job, starts with the anonymous CV, and moves to the full CV only after the employer has answered
 * "interesting". Moving an entry to "hired" records the stage; the placement is recorded separately.
 */

export type EntryRow = typeof pipelineEntries.$inferSelect;
const entityType = "pipeline_entry";
type Page = { limit: number; cursor?: Cursor | undefined };

/** The candidate is hidden from employers and matching: consent withdrawn or erasure requested. */
const restricted = (c: { processingRestrictedAt: Date | null; erasureRequestedAt: Date | null }) => c.processingRestrictedAt !== null || c.erasureRequestedAt !== null;

/** The job's entries, oldest first; a candidate who asked to be erased is left out (as from every list). Returns limit+1 rows. */
export async function listEntries(db: Db, actor: Actor, jobId: string, query: Page & { stage?: string | undefined }) {
  await getJob(db, actor, jobId);
  const rows = await db
    .select({ entry: pipelineEntries })
    .from(pipelineEntries)
    .innerJoin(candidates, eq(candidates.id, pipelineEntries.candidateId))
    .where(
      and(
        eq(pipelineEntries.tenantId, actor.tenantId),
        eq(pipelineEntries.jobId, jobId),
        isNull(candidates.erasureRequestedAt),
        query.stage ? eq(pipelineEntries.stage, query.stage) : undefined,
        afterCursor(pipelineEntries, query.cursor, "asc"),
      ),
    )
    .orderBy(asc(pipelineEntries.createdAt), asc(pipelineEntries.id))
    .limit(query.limit + 1);
  return rows.map((row) => row.entry);
}

async function loadEntry(db: Db, actor: Actor, jobId: string, entryId: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(pipelineEntries)
    .where(and(eq(pipelineEntries.tenantId, actor.tenantId), eq(pipelineEntries.jobId, jobId), eq(pipelineEntries.id, entryId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The candidate-list entry");
  return row;
}

export async function getEntry(db: Db, actor: Actor, jobId: string, entryId: string) {
  await getJob(db, actor, jobId);
  return loadEntry(db, actor, jobId, entryId);
}

/** "shared" is reached by sharing (which checks the consent), not by moving the card. */
function checkMovable(stage: StageRow, path: string) {
  if (stage.key === "shared") throw new AppError("rule_broken", `Share the CV to move a candidate to "${stage.labelEn}" (POST …/share): it checks the candidate's consent.`, { errors: [{ path, message: "is reached by sharing" }] });
}

export async function addEntry(db: Db, actor: Actor, jobId: string, input: { candidateId: string; stage?: string | undefined; matchScore: number | null; note: string }) {
  return db.transaction(async (tx) => {
    await getJob(tx, actor, jobId);
    const stage = await requireStage(tx, actor.tenantId, input.stage ?? "suggested", "body.stage");
    checkMovable(stage, "body.stage");
    const [candidate] = await tx
      .select({ id: candidates.id, processingRestrictedAt: candidates.processingRestrictedAt, erasureRequestedAt: candidates.erasureRequestedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, input.candidateId)))
      .limit(1);
    if (!candidate) throw new AppError("validation_failed", "body.candidateId: is not a candidate of this network", { errors: [{ path: "body.candidateId", message: "is not a candidate of this network" }] });
    if (restricted(candidate)) throw new AppError("rule_broken", "The candidate's processing is restricted (consent withdrawn or erasure requested); they cannot be put on a candidate list.");
    const [row] = await tx
      .insert(pipelineEntries)
      .values({ tenantId: actor.tenantId, jobId, candidateId: input.candidateId, stage: stage.key, matchScore: input.matchScore, addedByUserId: actor.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("conflict", "The candidate is already on this job's list.");
    await tx.insert(pipelineStageChanges).values({ tenantId: actor.tenantId, entryId: row.id, fromStage: null, toStage: stage.key, note: input.note, changedByUserId: actor.userId ?? null });
    await recordChange(tx, actor, { action: "pipeline.add", entityType, entityId: row.id, after: { jobId, candidateId: input.candidateId, stage: stage.key, matchScore: input.matchScore } });
    return row;
  });
}

/** Moves an entry to a stage (or notes something on it in its current stage); the change is kept in the history. */
export async function moveEntry(db: Db, actor: Actor, jobId: string, entryId: string, input: { stage: string; note: string }) {
  return db.transaction(async (tx) => {
    await getJob(tx, actor, jobId);
    const entry = await loadEntry(tx, actor, jobId, entryId, { forUpdate: true });
    const stage = await requireStage(tx, actor.tenantId, input.stage, "body.stage");
    if (stage.key !== entry.stage) checkMovable(stage, "body.stage");
    if (stage.key === entry.stage && !input.note) return entry;
    const now = new Date();
    const [after] = await tx.update(pipelineEntries).set({ stage: stage.key, updatedAt: now }).where(eq(pipelineEntries.id, entryId)).returning();
    await tx.insert(pipelineStageChanges).values({ tenantId: actor.tenantId, entryId, fromStage: entry.stage, toStage: stage.key, note: input.note, changedByUserId: actor.userId ?? null, changedAt: now });
    await recordChange(tx, actor, { action: "pipeline.move", entityType, entityId: entryId, before: { stage: entry.stage }, after: { stage: stage.key, noted: input.note !== "" } });
    return after!;
  });
}

export async function deleteEntry(db: Db, actor: Actor, jobId: string, entryId: string) {
  await db.transaction(async (tx) => {
    await getJob(tx, actor, jobId);
    const entry = await loadEntry(tx, actor, jobId, entryId, { forUpdate: true });
    await tx.delete(pipelineEntries).where(eq(pipelineEntries.id, entryId));
    await recordChange(tx, actor, { action: "pipeline.remove", entityType, entityId: entryId, before: { jobId, candidateId: entry.candidateId, stage: entry.stage, sharedVariant: entry.sharedVariant } });
  });
}

export async function listHistory(db: Db, actor: Actor, jobId: string, entryId: string, page: Page) {
  await getEntry(db, actor, jobId, entryId);
  return db
    .select()
    .from(pipelineStageChanges)
    .where(
      and(
        eq(pipelineStageChanges.tenantId, actor.tenantId),
        eq(pipelineStageChanges.entryId, entryId),
        afterCursor({ createdAt: pipelineStageChanges.changedAt, id: pipelineStageChanges.id }, page.cursor, "desc"),
      ),
    )
    .orderBy(desc(pipelineStageChanges.changedAt), desc(pipelineStageChanges.id))
    .limit(page.limit + 1);
}

/**
 * Shares the candidate's CV with the job's employer. Needs a valid consent for this employer and this job; the
 * full CV only after the employer answered "interesting" to the anonymous one. The entry moves to "shared"
 * unless it is already further on.
 */
export async function shareEntry(db: Db, actor: Actor, jobId: string, entryId: string, variant: (typeof shareVariants)[number]) {
  return db.transaction(async (tx) => {
    const job = await getJob(tx, actor, jobId);
    const entry = await loadEntry(tx, actor, jobId, entryId, { forUpdate: true });
    if (!job.employerId) throw new AppError("rule_broken", "The job is a municipal unit's, not an employer's: there is no employer to share with.");
    // Locked, so that a consent withdrawn at the same moment (which locks the candidate too) waits or is seen.
    const [candidate] = await tx
      .select({ processingRestrictedAt: candidates.processingRestrictedAt, erasureRequestedAt: candidates.erasureRequestedAt })
      .from(candidates)
      .where(eq(candidates.id, entry.candidateId))
      .for("update");
    if (!candidate || restricted(candidate)) throw new AppError("rule_broken", "The candidate's processing is restricted (consent withdrawn or erasure requested); nothing can be shared.");
    const [consent] = await tx
      .select({ id: candidateConsents.id })
      .from(candidateConsents)
      .where(
        and(
          eq(candidateConsents.tenantId, actor.tenantId),
          eq(candidateConsents.candidateId, entry.candidateId),
          eq(candidateConsents.purpose, "share_with_employer"),
          eq(candidateConsents.employerId, job.employerId),
          eq(candidateConsents.jobId, jobId),
          isNull(candidateConsents.withdrawnAt),
        ),
      )
      .limit(1);
    if (!consent) {
      throw new AppError("rule_broken", "Consent missing: the candidate has no valid consent to share with this employer for this job. Record the consent first.", { extensions: { reason: "consent_missing" } });
    }
    if (variant === "full" && entry.employerResponse !== "interesting" && entry.employerResponse !== "hired") {
      throw new AppError("rule_broken", "Share the anonymous CV first; the full CV follows when the employer has answered “interesting”.", { extensions: { reason: "employer_not_interested_yet" } });
    }
    if (entry.sharedVariant === variant) return entry;
    const stages = await ensureStages(tx, actor.tenantId);
    const position = (key: string) => stages.find((s) => s.key === key)?.position ?? -1;
    const moveToShared = position(entry.stage) < position("shared");
    const now = new Date();
    const [after] = await tx
      .update(pipelineEntries)
      .set({ sharedVariant: variant, sharedAt: now, updatedAt: now, ...(moveToShared ? { stage: "shared" } : {}) })
      .where(eq(pipelineEntries.id, entryId))
      .returning();
    if (moveToShared) {
      await tx.insert(pipelineStageChanges).values({ tenantId: actor.tenantId, entryId, fromStage: entry.stage, toStage: "shared", note: "", changedByUserId: actor.userId ?? null, changedAt: now });
    }
    await recordChange(tx, actor, { action: "pipeline.share", entityType, entityId: entryId, before: { sharedVariant: entry.sharedVariant, stage: entry.stage }, after: { sharedVariant: variant, stage: after!.stage, employerId: job.employerId } });
    return after!;
  });
}

export type ConsentState = { state: "none" | "valid" | "withdrawn"; consentId: string | null; givenAt: string | null; withdrawnAt: string | null };

/** For each entry: the share consent for its candidate, this employer and this job (a valid one before a withdrawn one). */
export async function shareConsentStates(db: Db, tenantId: string, employerId: string | null, jobId: string, candidateIds: readonly string[]): Promise<Map<string, ConsentState>> {
  const states = new Map<string, ConsentState>();
  if (!employerId || candidateIds.length === 0) return states;
  const rows = await db
    .select()
    .from(candidateConsents)
    .where(
      and(
        eq(candidateConsents.tenantId, tenantId),
        eq(candidateConsents.purpose, "share_with_employer"),
        eq(candidateConsents.employerId, employerId),
        eq(candidateConsents.jobId, jobId),
        inArray(candidateConsents.candidateId, [...new Set(candidateIds)]),
      ),
    )
    .orderBy(desc(candidateConsents.givenAt));
  for (const id of candidateIds) {
    const own = rows.filter((r) => r.candidateId === id);
    const best = own.find((r) => r.withdrawnAt === null) ?? own[0];
    states.set(id, best ? { state: best.withdrawnAt ? "withdrawn" : "valid", consentId: best.id, givenAt: best.givenAt.toISOString(), withdrawnAt: best.withdrawnAt?.toISOString() ?? null } : { state: "none", consentId: null, givenAt: null, withdrawnAt: null });
  }
  return states;
}
