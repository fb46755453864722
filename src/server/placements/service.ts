import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { AppContext } from "../platform/context.ts";
import type { Actor, AnyActor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { goals } from "../goals/tables.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { networks } from "../networks/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import { jobs } from "../jobs/tables.ts";
import { unknownConcepts } from "../taxonomy/lookup.ts";
import { placementFollowUps, placements } from "./tables.ts";
import * as policy from "./policy.ts";
import { defaultGoalPlacementTypes, followUpMonths, ordinaryPlacementTypes, placementTypes } from "../../shared/placements.ts";
import type { PlacementType } from "../../shared/placements.ts";
import type { followUpAnswerSchema, followUpListQuerySchema, placementInputSchema, placementListQuerySchema, placementPatchSchema } from "../../shared/jobs.ts";

/*
 * Placements (hires) and their "still employed?" follow-ups at 3, 6 and 12 months. Every function filters by the
 * actor's network, writes in one transaction with its audit entry, and logs reads of a placement (it names a
 * person) in the access log. See docs/decisions/013-placements-and-fairness.md.
 */

export type PlacementRow = typeof placements.$inferSelect;
export type FollowUpRow = typeof placementFollowUps.$inferSelect;
export type PlacementInput = z.infer<typeof placementInputSchema>;
export type PlacementPatch = z.infer<typeof placementPatchSchema>;
export type PlacementListQuery = z.infer<typeof placementListQuerySchema>;
export type FollowUpListQuery = z.infer<typeof followUpListQuerySchema>;
export type FollowUpAnswer = z.infer<typeof followUpAnswerSchema>;

// ---------------------------------------------------------------------------------------------------------
// Dates (calendar dates as YYYY-MM-DD strings; "today" is Norway's)
// ---------------------------------------------------------------------------------------------------------

/** `date` plus `months` calendar months; the 31st becomes the month's last day when the month is shorter. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------
// The network's goal rule
// ---------------------------------------------------------------------------------------------------------

/**
 * The placement types that count toward the network's goals: those of any active goal (goals/, issue 6); a
 * network without an active goal keeps its earlier single setting (ordinary paid work by default).
 */
export async function goalPlacementTypes(db: Db, tenantId: string): Promise<PlacementType[]> {
  const active = await db.select({ types: goals.placementTypes }).from(goals).where(and(eq(goals.tenantId, tenantId), eq(goals.active, true)));
  let types: string[];
  if (active.length > 0) types = [...new Set(active.flatMap((goal) => goal.types))];
  else {
    const [row] = await db.select({ types: networks.goalPlacementTypes }).from(networks).where(eq(networks.id, tenantId)).limit(1);
    types = row?.types ?? [...defaultGoalPlacementTypes];
  }
  return types.filter((type): type is PlacementType => (placementTypes as readonly string[]).includes(type));
}

export const isOrdinary = (type: string) => (ordinaryPlacementTypes as readonly string[]).includes(type);

// ---------------------------------------------------------------------------------------------------------
// Validation against the network and the taxonomy
// ---------------------------------------------------------------------------------------------------------

type Resolved = { employerId: string | null; employerName: string; occupationUri: string | null };

/**
 * Checks a whole placement (a new one, or the stored one with a patch applied) against the network: the
 * candidate, employer and job are the network's, the occupation is in the taxonomy, a wage subsidy only on
 * ordinary work, dates in order. Fills the employer and occupation from the job when they are not given.
 * `before` is the stored placement on a change (the employer's name is kept as it was at the hire unless the
 * employer changes).
 */
async function resolvePlacement(db: Db, tenantId: string, input: PlacementInput, before: PlacementRow | null): Promise<Resolved> {
  const errors: FieldError[] = [];
  if (!before) {
    const [candidate] = await db
      .select({ id: candidates.id, erasureRequestedAt: candidates.erasureRequestedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, input.candidateId)))
      .limit(1);
    if (!candidate) errors.push({ path: "body.candidateId", message: "is not a candidate of this network" });
    else if (candidate.erasureRequestedAt) errors.push({ path: "body.candidateId", message: "has asked to be erased; no new placements can be recorded" });
  }
  let job: { employerId: string | null; municipalUnit: string; occupationUri: string } | undefined;
  if (input.jobId) {
    [job] = await db
      .select({ employerId: jobs.employerId, municipalUnit: jobs.municipalUnit, occupationUri: jobs.occupationUri })
      .from(jobs)
      .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, input.jobId)))
      .limit(1);
    if (!job) errors.push({ path: "body.jobId", message: "is not a job of this network" });
  }
  let employerId = input.employerId ?? (before ? null : (job?.employerId ?? null));
  let employerName = input.employerName.trim();
  if (employerId) {
    const [employer] = await db
      .select({ id: employers.id, name: employers.name })
      .from(employers)
      .where(and(eq(employers.tenantId, tenantId), eq(employers.id, employerId)))
      .limit(1);
    if (!employer) {
      errors.push({ path: input.employerId ? "body.employerId" : "body.jobId", message: "is not an employer of this network" });
      employerId = null;
    } else if (!before || before.employerId !== employerId || !employerName) {
      employerName = employer.name;
    }
  } else if (!employerName && job?.municipalUnit) {
    employerName = job.municipalUnit;
  }
  if (!employerName) errors.push({ path: "body.employerName", message: "is required when there is no employer record" });

  const occupationUri = input.occupationUri ?? (before ? null : (job?.occupationUri ?? null));
  if (input.occupationUri && (await unknownConcepts(db, [input.occupationUri], "occupation")).length > 0) {
    errors.push({ path: "body.occupationUri", message: "is not an occupation in the taxonomy" });
  }

  const hasSubsidy = input.wageSubsidyPercent !== null || input.subsidyFrom !== null || input.subsidyTo !== null;
  if (hasSubsidy && !isOrdinary(input.type)) {
    errors.push({ path: "body.wageSubsidyPercent", message: "a wage subsidy applies only to ordinary paid work (ordinary_permanent, ordinary_temporary)" });
  } else if (hasSubsidy && input.wageSubsidyPercent === null) {
    errors.push({ path: "body.wageSubsidyPercent", message: "is required with a subsidy period" });
  }
  if (input.endDate !== null && input.endDate < input.startDate) errors.push({ path: "body.endDate", message: "must not be before the start date" });
  if (input.subsidyFrom !== null && input.subsidyFrom < input.startDate) errors.push({ path: "body.subsidyFrom", message: "must not be before the start date" });
  if (input.subsidyFrom !== null && input.subsidyTo !== null && input.subsidyTo < input.subsidyFrom) errors.push({ path: "body.subsidyTo", message: "must not be before the subsidy's start" });
  if (input.subsidyTo !== null && input.endDate !== null && input.subsidyTo > input.endDate) errors.push({ path: "body.subsidyTo", message: "must not be after the end date" });

  if (errors.length > 0) throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
  return { employerId, employerName, occupationUri };
}

function columnsOf(input: PlacementInput, resolved: Resolved) {
  return {
    employerId: resolved.employerId,
    employerName: resolved.employerName,
    jobId: input.jobId,
    occupationUri: resolved.occupationUri,
    type: input.type,
    wageSubsidyPercent: input.wageSubsidyPercent,
    subsidyFrom: input.subsidyFrom,
    subsidyTo: input.subsidyTo,
    hoursPerWeek: input.hoursPerWeek,
    startDate: input.startDate,
    endDate: input.endDate,
  };
}

/** A stored placement in the shape of the input (for patches and diffs). */
function inputOf(row: PlacementRow): PlacementInput {
  return {
    candidateId: row.candidateId ?? "00000000-0000-0000-0000-000000000000",
    employerId: row.employerId,
    employerName: row.employerName,
    jobId: row.jobId,
    occupationUri: row.occupationUri,
    type: row.type as PlacementType,
    wageSubsidyPercent: row.wageSubsidyPercent,
    subsidyFrom: row.subsidyFrom,
    subsidyTo: row.subsidyTo,
    hoursPerWeek: row.hoursPerWeek,
    startDate: row.startDate,
    endDate: row.endDate,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Create, read, change, delete
// ---------------------------------------------------------------------------------------------------------

/** The follow-up rows of a new placement: 3, 6 and 12 months after the start. */
export function followUpsFor(tenantId: string, placementId: string, startDate: string) {
  return followUpMonths.map((months) => ({ tenantId, placementId, months, dueOn: addMonths(startDate, months) }));
}

/**
 * Ordinary paid work that has not ended puts the candidate "in work" (from active or paused; a candidate who
 * left the programme keeps that status). Deleting or changing the placement does not undo it: the advisor
 * sets the status by hand.
 */
async function markInWork(tx: Db, actor: AnyActor, tenantId: string, candidateId: string, input: PlacementInput, today: string) {
  if (!isOrdinary(input.type) || (input.endDate !== null && input.endDate < today)) return;
  const changed = await tx
    .update(candidates)
    .set({ status: "in_work", updatedAt: new Date() })
    .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, candidateId), inArray(candidates.status, ["active", "paused"])))
    .returning({ id: candidates.id });
  if (changed.length > 0) await recordChange(tx, actor, { action: "candidate.update", entityType: "candidate", entityId: candidateId, before: { fields: ["status"] }, after: { fields: ["status"], source: "placement" } });
}

export async function createPlacement(db: Db, actor: Actor, input: PlacementInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const resolved = await resolvePlacement(tx, actor.tenantId, input, null);
    const [row] = await tx
      .insert(placements)
      .values({ tenantId: actor.tenantId, candidateId: input.candidateId, ...columnsOf(input, resolved), createdByUserId: actor.userId ?? null })
      .returning();
    await tx.insert(placementFollowUps).values(followUpsFor(actor.tenantId, row!.id, row!.startDate));
    await recordChange(tx, actor, { action: "placement.create", entityType: "placement", entityId: row!.id, after: { type: row!.type, jobId: row!.jobId, employerId: row!.employerId } });
    await markInWork(tx, actor, actor.tenantId, input.candidateId, input, osloDate(now));
    return row!;
  });
}

async function loadPlacement(db: Db, tenantId: string, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(placements).where(and(eq(placements.tenantId, tenantId), eq(placements.id, id))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The placement");
  return row;
}

/** Reads one placement; it names a person, so the read goes into the access log (purpose "placement"). */
export async function getPlacement(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const row = await loadPlacement(tx, actor.tenantId, id);
    if (row.candidateId) await recordAccess(tx, actor, { personType: "candidate", personId: row.candidateId, purpose: "placement" });
    return row;
  });
}

export async function updatePlacement(db: Db, actor: Actor, id: string, patch: PlacementPatch) {
  return db.transaction(async (tx) => {
    const before = await loadPlacement(tx, actor.tenantId, id, { forUpdate: true });
    const old = inputOf(before);
    const fields = Object.entries(patch)
      .filter(([key, value]) => value !== undefined && JSON.stringify(old[key as keyof PlacementInput]) !== JSON.stringify(value))
      .map(([key]) => key);
    if (fields.length === 0) return before;
    const merged: PlacementInput = { ...old, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) };
    const resolved = await resolvePlacement(tx, actor.tenantId, merged, before);
    const [after] = await tx
      .update(placements)
      .set({ ...columnsOf(merged, resolved), updatedAt: new Date() })
      .where(eq(placements.id, id))
      .returning();
    if (after!.startDate !== before.startDate) {
      // The follow-ups move with the start; answers stay, reminders of unanswered ones are sent again.
      for (const months of followUpMonths) {
        await tx
          .update(placementFollowUps)
          .set({ dueOn: addMonths(after!.startDate, months), remindedAt: sql`case when ${placementFollowUps.stillEmployed} is null then null else ${placementFollowUps.remindedAt} end` })
          .where(and(eq(placementFollowUps.placementId, id), eq(placementFollowUps.months, months)));
      }
    }
    await recordChange(tx, actor, { action: "placement.update", entityType: "placement", entityId: id, before: { fields }, after: { fields } });
    return after!;
  });
}

export async function deletePlacement(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const row = await loadPlacement(tx, actor.tenantId, id, { forUpdate: true });
    await tx.delete(placements).where(eq(placements.id, id));
    await recordChange(tx, actor, { action: "placement.delete", entityType: "placement", entityId: id, before: { type: row.type, startDate: row.startDate, jobId: row.jobId, employerId: row.employerId } });
  });
}

// ---------------------------------------------------------------------------------------------------------
// List (newest start first, keyset paging on start date and id)
// ---------------------------------------------------------------------------------------------------------

type DateCursor = { date: string; id: string };

export function encodeDateCursor(row: { date: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.date, row.id])).toString("base64url");
}

export function decodeDateCursor(cursor: string | undefined): DateCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [date, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [unknown, unknown];
    if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { date, id };
  } catch {
    throw new AppError("validation_failed", "The cursor is not valid; start again without it.", { errors: [{ path: "query.cursor", message: "is not valid" }] });
  }
}

/** Up to limit+1 placements of the network (the extra one tells whether there is a next page). */
export async function listPlacements(db: Db, actor: Actor, query: PlacementListQuery) {
  const cursor = decodeDateCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [eq(placements.tenantId, actor.tenantId)];
  if (query.candidateId) conditions.push(eq(placements.candidateId, query.candidateId));
  if (query.employerId) conditions.push(eq(placements.employerId, query.employerId));
  if (query.type) conditions.push(eq(placements.type, query.type));
  if (query.from) conditions.push(gte(placements.startDate, query.from));
  if (query.to) conditions.push(lte(placements.startDate, query.to));
  if (query.countsTowardGoal !== undefined) {
    const types = await goalPlacementTypes(db, actor.tenantId);
    if (query.countsTowardGoal) conditions.push(types.length ? inArray(placements.type, types) : sql`false`);
    else if (types.length) conditions.push(notInArray(placements.type, types));
  }
  if (cursor) conditions.push(sql`(${placements.startDate}, ${placements.id}) < (${cursor.date}::date, ${cursor.id}::uuid)`);
  return db
    .select()
    .from(placements)
    .where(and(...conditions))
    .orderBy(desc(placements.startDate), desc(placements.id))
    .limit(query.limit + 1);
}

export async function followUpsOf(db: Db, placementIds: readonly string[]): Promise<Map<string, FollowUpRow[]>> {
  const byPlacement = new Map<string, FollowUpRow[]>();
  if (placementIds.length === 0) return byPlacement;
  const rows = await db.select().from(placementFollowUps).where(inArray(placementFollowUps.placementId, [...placementIds])).orderBy(asc(placementFollowUps.months));
  for (const row of rows) byPlacement.set(row.placementId, [...(byPlacement.get(row.placementId) ?? []), row]);
  return byPlacement;
}

// ---------------------------------------------------------------------------------------------------------
// Follow-ups
// ---------------------------------------------------------------------------------------------------------

/** How far ahead a follow-up counts as due: a week, so that the advisor can plan the call. */
export const dueWithinDays = 7;

/**
 * The follow-up tasks: unanswered and due within a week (include=due, soonest first), or all of them. Admins see
 * the network's; advisors those of the candidates they are responsible for (an API token with a role other than
 * admin has no caseload and sees none).
 */
export async function listFollowUps(db: Db, actor: Actor, query: FollowUpListQuery, now = new Date()) {
  const cursor = decodeDateCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [eq(placementFollowUps.tenantId, actor.tenantId)];
  if (query.include === "due") conditions.push(isNull(placementFollowUps.stillEmployed), lte(placementFollowUps.dueOn, addDays(osloDate(now), dueWithinDays)));
  if (!policy.seesAllFollowUps.includes(actor.role)) conditions.push(actor.userId ? eq(candidates.advisorUserId, actor.userId) : sql`false`);
  if (cursor) conditions.push(sql`(${placementFollowUps.dueOn}, ${placementFollowUps.id}) > (${cursor.date}::date, ${cursor.id}::uuid)`);
  return db
    .select({ followUp: placementFollowUps, placement: placements })
    .from(placementFollowUps)
    .innerJoin(placements, eq(placements.id, placementFollowUps.placementId))
    .leftJoin(candidates, eq(candidates.id, placements.candidateId))
    .where(and(...conditions))
    .orderBy(asc(placementFollowUps.dueOn), asc(placementFollowUps.id))
    .limit(query.limit + 1);
}

/** Records "still employed?". An answer may be changed later; the audit trail tells an answer from a change. */
export async function answerFollowUp(db: Db, actor: Actor, id: string, answer: FollowUpAnswer) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(placementFollowUps)
      .where(and(eq(placementFollowUps.tenantId, actor.tenantId), eq(placementFollowUps.id, id)))
      .limit(1)
      .for("update");
    if (!before) throw notFound("The follow-up");
    const changed = before.answeredAt !== null;
    const fields = [...(before.stillEmployed !== answer.stillEmployed ? ["stillEmployed"] : []), ...(before.note !== answer.note ? ["note"] : [])];
    if (changed && fields.length === 0) return before;
    const [after] = await tx
      .update(placementFollowUps)
      .set({ stillEmployed: answer.stillEmployed, note: answer.note, answeredAt: new Date(), answeredByUserId: actor.userId ?? null })
      .where(eq(placementFollowUps.id, id))
      .returning();
    await recordChange(tx, actor, {
      action: changed ? "placement_follow_up.change_answer" : "placement_follow_up.answer",
      entityType: "placement_follow_up",
      entityId: id,
      before: { answered: changed, fields },
      after: { placementId: before.placementId, months: before.months, fields },
    });
    return after!;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reminders (the lead schedules this, e.g. once a day)
// ---------------------------------------------------------------------------------------------------------

const monthsText = { 3: ["3 måneder", "3 months"], 6: ["6 måneder", "6 months"], 12: ["12 måneder", "12 months"] } as Record<number, [string, string]>;

/**
 * E-mails each advisor the follow-ups of their candidates that are unanswered and due within a week, once per
 * follow-up (reminded_at). Follow-ups of a candidate without an advisor go to the network's admins. The message
 * holds no names, only dates and a link: the outbox may keep it. A follow-up is claimed before its mail is sent,
 * so two runs at once do not both send it; when the mail fails, the claim is released for the next run.
 */
export async function sendPlacementFollowUpReminders(ctx: AppContext, now = new Date()) {
  const horizon = addDays(osloDate(now), dueWithinDays);
  const claimed = await ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: placementFollowUps.id, tenantId: placementFollowUps.tenantId, months: placementFollowUps.months, dueOn: placementFollowUps.dueOn, advisorUserId: candidates.advisorUserId })
      .from(placementFollowUps)
      .innerJoin(placements, eq(placements.id, placementFollowUps.placementId))
      .leftJoin(candidates, eq(candidates.id, placements.candidateId))
      .where(and(isNull(placementFollowUps.stillEmployed), isNull(placementFollowUps.remindedAt), lte(placementFollowUps.dueOn, horizon)))
      .orderBy(asc(placementFollowUps.dueOn), asc(placementFollowUps.id))
      .limit(5000);
    if (due.length === 0) return [];
    const taken = new Set(
      (
        await tx
          .update(placementFollowUps)
          .set({ remindedAt: now })
          .where(and(inArray(placementFollowUps.id, due.map((d) => d.id)), isNull(placementFollowUps.remindedAt)))
          .returning({ id: placementFollowUps.id })
      ).map((r) => r.id),
    );
    return due.filter((d) => taken.has(d.id));
  });

  // Who gets what: the candidate's advisor while still an active admin or advisor of the network, else the admins.
  const tenantIds = [...new Set(claimed.map((c) => c.tenantId))];
  const staff = tenantIds.length
    ? await ctx.db
        .select({ tenantId: memberships.tenantId, userId: memberships.userId, role: memberships.role, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(inArray(memberships.tenantId, tenantIds), eq(memberships.status, "active"), inArray(memberships.role, ["admin", "advisor"])))
    : [];
  const mails = new Map<string, { tenantId: string; to: string; items: typeof claimed }>();
  const unsent: string[] = [];
  for (const item of claimed) {
    const advisor = staff.find((s) => s.tenantId === item.tenantId && s.userId === item.advisorUserId);
    const recipients = advisor ? [advisor] : staff.filter((s) => s.tenantId === item.tenantId && s.role === "admin");
    if (recipients.length === 0) unsent.push(item.id);
    for (const r of recipients) {
      const key = `${item.tenantId} ${r.email}`;
      const mail = mails.get(key) ?? { tenantId: item.tenantId, to: r.email, items: [] };
      mail.items.push(item);
      mails.set(key, mail);
    }
  }
  let sent = 0;
  for (const mail of mails.values()) {
    const link = `${ctx.config.publicUrl}/placements/follow-ups`;
    const lines = mail.items.map((item) => `- ${monthsText[item.months]?.[0] ?? `${item.months} mnd`}: ${item.dueOn}`);
    const linesEn = mail.items.map((item) => `- ${monthsText[item.months]?.[1] ?? `${item.months} months`}: ${item.dueOn}`);
    const result = await ctx.mailer.send(ctx.db, {
      tenantId: mail.tenantId,
      to: mail.to,
      subject: `Oppfølging av formidlinger: ${mail.items.length} forfaller / Placement follow-ups due: ${mail.items.length}`,
      text: [
        `Du har ${mail.items.length} oppfølging(er) av formidlinger («fortsatt i jobb?») som forfaller innen en uke eller har forfalt:`,
        ...lines,
        "",
        `Svar i Mangfold: ${link}`,
        "",
        `You have ${mail.items.length} placement follow-up(s) ("still employed?") due within a week or overdue:`,
        ...linesEn,
        "",
        `Answer in Mangfold: ${link}`,
      ].join("\n"),
    });
    if (result.status === "failed") unsent.push(...mail.items.map((item) => item.id));
    else sent++;
  }
  if (unsent.length > 0) await ctx.db.update(placementFollowUps).set({ remindedAt: null }).where(and(inArray(placementFollowUps.id, [...new Set(unsent)]), isNotNull(placementFollowUps.remindedAt)));
  return { followUps: claimed.length - new Set(unsent).size, mails: sent, failed: new Set(unsent).size };
}

// ---------------------------------------------------------------------------------------------------------
// Retention (for reports)
// ---------------------------------------------------------------------------------------------------------

export type RetentionFigure = { months: 3 | 6 | 12; answered: number; stillEmployed: number; rate: number | null };

/**
 * Of the placements that started in [from, to]: per follow-up (3, 6, 12 months) how many were answered, how many
 * were still employed, and the share (null when none was answered). Optionally only some placement types.
 */
export async function retention(
  db: Db,
  tenantId: string,
  period: { from: string; to: string; types?: readonly string[]; advisorUserId?: string | null | undefined; partnerOrganisation?: string | undefined },
): Promise<RetentionFigure[]> {
  // Optionally only an advisor's caseload (null: no one) or one partner organisation's candidates (reports).
  const byCandidate = period.advisorUserId !== undefined || period.partnerOrganisation !== undefined;
  const query = db
    .select({
      months: placementFollowUps.months,
      answered: sql<number>`(count(*) filter (where ${placementFollowUps.stillEmployed} is not null))::int`,
      stillEmployed: sql<number>`(count(*) filter (where ${placementFollowUps.stillEmployed}))::int`,
    })
    .from(placementFollowUps)
    .innerJoin(placements, eq(placements.id, placementFollowUps.placementId))
    .$dynamic();
  if (byCandidate) query.innerJoin(candidates, eq(candidates.id, placements.candidateId));
  query.where(
      and(
        eq(placementFollowUps.tenantId, tenantId),
        gte(placements.startDate, period.from),
        lte(placements.startDate, period.to),
        // The follow-ups of those placements fall due in these ranges (an index range per follow-up; the start date
        // above decides): this reads a period's follow-ups, not the network's.
        or(...followUpMonths.map((months) => and(eq(placementFollowUps.months, months), gte(placementFollowUps.dueOn, addMonths(period.from, months)), lte(placementFollowUps.dueOn, addMonths(period.to, months))))),
        period.types ? (period.types.length ? inArray(placements.type, [...period.types]) : sql`false`) : undefined,
        period.advisorUserId === undefined ? undefined : period.advisorUserId === null ? sql`false` : eq(candidates.advisorUserId, period.advisorUserId),
        period.partnerOrganisation === undefined ? undefined : eq(candidates.partnerOrganisation, period.partnerOrganisation),
      ),
    )
    .groupBy(placementFollowUps.months);
  const rows = await query;
  return followUpMonths.map((months) => {
    const row = rows.find((r) => r.months === months);
    const answered = Number(row?.answered ?? 0);
    const still = Number(row?.stillEmployed ?? 0);
    return { months, answered, stillEmployed: still, rate: answered > 0 ? still / answered : null };
  });
}
