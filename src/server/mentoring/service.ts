import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { candidateConsents } from "../jobs/tables.ts";
import { unknownConcepts } from "../taxonomy/lookup.ts";
import { giveConsent } from "../consents/service.ts";
import { createInvitation, sendInvitationMail } from "../users/service.ts";
import type { CreatedInvitation } from "../users/service.ts";
import { addDays, addMonths } from "../placements/service.ts";
import { mentorDeclarations, mentoringMeetings, mentors, mentorships } from "./tables.ts";
import { currentDeclarationVersion } from "./texts.ts";
import * as policy from "./policy.ts";
import { accessAfterEndDays, defaultMentorshipMonths } from "../../shared/mentoring.ts";
import type { z } from "zod";
import type {
  MentorInput,
  endMentorshipSchema,
  feedbackSchema,
  meetingInputSchema,
  menteeConsentSchema,
  mentorListQuerySchema,
  mentorPatchSchema,
  mentorshipListQuerySchema,
  mentorshipPatchSchema,
  mentorshipProposalSchema,
} from "../../shared/mentoring.ts";

/*
 * Mentoring: mentors, the confidentiality declaration, relationships (proposed → active → ended) and meetings.
 * Every function filters by the actor's network and writes in one transaction with its audit entry.
 *
 * What a mentor sees is decided here, at read time, from the clock passed in (`now`), so the 12-week rule needs
 * no scheduled job and tests can move the clock: a mentor sees a relationship only when it is theirs, they have
 * signed the current declaration, the mentee's mentoring consent is not withdrawn, and today is at most 12 weeks
 * after the relationship's end (the day it ended, or its planned end while it runs). Of the mentee they see only
 * the fields the mentee agreed to, and nothing before the mentee has said yes. See ADR 023.
 */

export type MentorRow = typeof mentors.$inferSelect;
export type MentorshipRow = typeof mentorships.$inferSelect;
export type MeetingRow = typeof mentoringMeetings.$inferSelect;

const isCoordinator = (actor: Actor) => policy.coordinate.includes(actor.role);
const invalid = (path: string, message: string) => new AppError("validation_failed", `${path}: ${message}`, { errors: [{ path, message }] });

// ---------------------------------------------------------------------------------------------------------
// Mentors
// ---------------------------------------------------------------------------------------------------------

/** How many proposed and active relationships each mentor has (their load against their capacity). */
export async function mentorLoads(db: Db, tenantId: string, mentorIds?: readonly string[]): Promise<Map<string, number>> {
  if (mentorIds && mentorIds.length === 0) return new Map();
  const rows = await db
    .select({ mentorId: mentorships.mentorId, n: sql<number>`count(*)::int` })
    .from(mentorships)
    .where(and(eq(mentorships.tenantId, tenantId), inArray(mentorships.status, ["proposed", "active"]), mentorIds ? inArray(mentorships.mentorId, [...mentorIds]) : undefined))
    .groupBy(mentorships.mentorId);
  return new Map(rows.map((r) => [r.mentorId, Number(r.n)]));
}

/** When each mentor signed the current declaration (absent: not signed). */
export async function currentSignatures(db: Db, tenantId: string, mentorIds: readonly string[]): Promise<Map<string, Date>> {
  if (mentorIds.length === 0) return new Map();
  const rows = await db
    .select({ mentorId: mentorDeclarations.mentorId, signedAt: mentorDeclarations.signedAt })
    .from(mentorDeclarations)
    .where(and(eq(mentorDeclarations.tenantId, tenantId), eq(mentorDeclarations.version, currentDeclarationVersion), inArray(mentorDeclarations.mentorId, [...mentorIds])));
  return new Map(rows.map((r) => [r.mentorId, r.signedAt]));
}

async function checkMentorInput(db: Db, input: { occupationUri?: string | null | undefined }) {
  if (input.occupationUri && (await unknownConcepts(db, [input.occupationUri], "occupation")).length > 0) throw invalid("body.occupationUri", "is not an occupation in the taxonomy");
}

/**
 * Links the mentor record to the user with its e-mail who is a mentor of the network, or invites the address with
 * the role mentor (the existing invitation flow). Returns the invitation to mail after the commit.
 */
async function connectAccount(tx: Db, actor: Actor, mentor: MentorRow): Promise<CreatedInvitation | null> {
  if (mentor.userId) return null;
  const [member] = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, actor.tenantId), eq(users.email, mentor.email)))
    .limit(1);
  if (member) {
    if (member.role !== "mentor") throw new AppError("conflict", "That e-mail address belongs to a user with another role in this network.", { errors: [{ path: "body.email", message: "is a user with another role" }] });
    await tx.update(mentors).set({ userId: member.userId }).where(eq(mentors.id, mentor.id));
    return null;
  }
  return createInvitation(tx, actor, { email: mentor.email, role: "mentor" });
}

export async function createMentor(ctx: AppContext, actor: Actor, input: MentorInput) {
  await checkMentorInput(ctx.db, input);
  const { row, invitation } = await ctx.db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: mentors.id }).from(mentors).where(and(eq(mentors.tenantId, actor.tenantId), eq(mentors.email, input.email))).limit(1);
    if (clash) throw new AppError("conflict", "A mentor with this e-mail address is already registered.", { errors: [{ path: "body.email", message: "is already a mentor" }] });
    const { invite, ...fields } = input;
    const [row] = await tx.insert(mentors).values({ tenantId: actor.tenantId, ...fields }).returning();
    await recordChange(tx, actor, { action: "mentor.create", entityType: "mentor", entityId: row!.id, after: { organisation: row!.organisation, capacity: row!.capacity, invite } });
    const invitation = invite ? await connectAccount(tx, actor, row!) : null;
    return { row: row!, invitation };
  });
  if (invitation) await sendInvitationMail(ctx, invitation);
  return loadMentor(ctx.db, actor.tenantId, row.id);
}

export async function updateMentor(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof mentorPatchSchema>) {
  await checkMentorInput(ctx.db, patch);
  const invitation = await ctx.db.transaction(async (tx) => {
    const before = await loadMentor(tx, actor.tenantId, id, { forUpdate: true });
    const { invite, ...fields } = patch;
    const changed = Object.entries(fields)
      .filter(([key, value]) => value !== undefined && JSON.stringify(before[key as keyof MentorRow]) !== JSON.stringify(value))
      .map(([key]) => key);
    if (changed.length > 0) {
      await tx.update(mentors).set({ ...fields, updatedAt: new Date() }).where(eq(mentors.id, id));
      await recordChange(tx, actor, { action: "mentor.update", entityType: "mentor", entityId: id, before: { fields: changed }, after: { fields: changed } });
    }
    return invite ? connectAccount(tx, actor, before) : null;
  });
  if (invitation) await sendInvitationMail(ctx, invitation);
  return loadMentor(ctx.db, actor.tenantId, id);
}

export async function loadMentor(db: Db, tenantId: string, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(mentors).where(and(eq(mentors.tenantId, tenantId), eq(mentors.id, id))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The mentor");
  return row;
}

export async function listMentors(db: Db, actor: Actor, query: z.infer<typeof mentorListQuerySchema>) {
  const conditions: (SQL | undefined)[] = [eq(mentors.tenantId, actor.tenantId)];
  if (query.q) conditions.push(or(ilike(mentors.name, `%${query.q}%`), ilike(mentors.organisation, `%${query.q}%`)));
  if (query.organisation) conditions.push(eq(mentors.organisation, query.organisation));
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor);
    conditions.push(sql`(${mentors.name}, ${mentors.id}) > (${name}, ${id}::uuid)`);
  }
  return db
    .select()
    .from(mentors)
    .where(and(...conditions))
    .orderBy(asc(mentors.name), asc(mentors.id))
    .limit(query.limit + 1);
}

export const encodeCursor = (a: string, b: string) => Buffer.from(JSON.stringify([a, b])).toString("base64url");
function decodeCursor(cursor: string): [string, string] {
  try {
    const [a, b] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [unknown, unknown];
    if (typeof a !== "string" || typeof b !== "string" || !/^[0-9a-f-]{36}$/i.test(b)) throw new Error("bad cursor");
    return [a, b];
  } catch {
    throw invalid("query.cursor", "is not valid");
  }
}

/**
 * The mentor record of a signed-in mentor: by the user, or, the first time, by the user's e-mail address (the
 * invitation went to it), which links the two. Null when the user is no registered mentor.
 */
export async function mentorOfUser(db: Db, actor: Actor): Promise<MentorRow | null> {
  if (actor.role !== "mentor" || !actor.userId) return null;
  const [linked] = await db.select().from(mentors).where(and(eq(mentors.tenantId, actor.tenantId), eq(mentors.userId, actor.userId))).limit(1);
  if (linked) return linked;
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) return null;
  const [byEmail] = await db
    .update(mentors)
    .set({ userId: actor.userId })
    .where(and(eq(mentors.tenantId, actor.tenantId), eq(mentors.email, user.email.toLowerCase()), isNull(mentors.userId)))
    .returning();
  if (byEmail) await recordChange(db, actor, { action: "mentor.link_account", entityType: "mentor", entityId: byEmail.id });
  return byEmail ?? null;
}

export async function signDeclaration(db: Db, actor: Actor, version: string) {
  if (version !== currentDeclarationVersion) throw new AppError("rule_broken", "That is not the current declaration; reload the page and read the current text.", { errors: [{ path: "body.version", message: "is not the current version" }] });
  return db.transaction(async (tx) => {
    const mentor = await mentorOfUser(tx, actor);
    if (!mentor) throw notFound("Your mentor record");
    const [row] = await tx
      .insert(mentorDeclarations)
      .values({ tenantId: actor.tenantId, mentorId: mentor.id, version, signedByUserId: actor.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (row) await recordChange(tx, actor, { action: "mentor.sign_declaration", entityType: "mentor", entityId: mentor.id, after: { version } });
    return mentor;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Who sees a relationship
// ---------------------------------------------------------------------------------------------------------

/** The day the relationship ends: the day it ended, or while it runs its planned end. */
export const effectiveEnd = (row: Pick<MentorshipRow, "endedOn" | "plannedEndDate">) => row.endedOn ?? row.plannedEndDate;
/** The last day the mentor sees the mentee: 12 weeks after the end; null while no end is known. */
export function accessUntil(row: Pick<MentorshipRow, "endedOn" | "plannedEndDate">): string | null {
  const end = effectiveEnd(row);
  return end ? addDays(end, accessAfterEndDays) : null;
}

/** Whether the mentor may see the relationship today (their own: checked by the caller's query). */
export function mentorMaySee(row: MentorshipRow, consentValid: boolean, today: string): boolean {
  if (row.status === "declined") return false;
  if (row.status === "proposed") return true;
  if (row.menteeAcceptedAt && !consentValid) return false;
  const until = accessUntil(row);
  return until === null || today <= until;
}

/** The fields of the mentee the actor may see in this relationship: all for coordinators and the mentee. */
export function visibleFields(actor: Actor, row: MentorshipRow): readonly string[] | "all" {
  if (actor.role !== "mentor") return "all";
  return row.menteeAcceptedAt ? row.sharedFields : [];
}

type Scope = { actor: Actor; mentor: MentorRow | null; candidateId: string | null };

/**
 * Who the actor is in mentoring: a coordinator (the network), a mentor (their own relationships; the declaration
 * must be signed, else rule_broken) or a candidate user (their own record).
 */
async function scopeOf(db: Db, actor: Actor): Promise<Scope> {
  if (isCoordinator(actor)) return { actor, mentor: null, candidateId: null };
  if (actor.role === "mentor") {
    const mentor = await mentorOfUser(db, actor);
    if (!mentor) return { actor, mentor: null, candidateId: null };
    if (!(await currentSignatures(db, actor.tenantId, [mentor.id])).has(mentor.id)) {
      throw new AppError("rule_broken", "Sign the confidentiality declaration before you can see your mentees.", { errors: [{ path: "declaration", message: "is not signed" }] });
    }
    return { actor, mentor, candidateId: null };
  }
  if (actor.role === "candidate" && actor.userId) {
    const [own] = await db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.userId, actor.userId))).limit(1);
    return { actor, mentor: null, candidateId: own?.id ?? null };
  }
  return { actor, mentor: null, candidateId: null };
}

/** The SQL condition of what the scope may read (before the per-row date and consent checks for mentors). */
function scopeCondition(scope: Scope): SQL | undefined {
  if (isCoordinator(scope.actor)) return undefined;
  if (scope.mentor) return eq(mentorships.mentorId, scope.mentor.id);
  if (scope.candidateId) return eq(mentorships.candidateId, scope.candidateId);
  return sql`false`;
}

async function consentValidity(db: Db, rows: readonly MentorshipRow[]): Promise<Map<string, boolean>> {
  const ids = rows.map((r) => r.consentId).filter((id): id is string => id !== null);
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: candidateConsents.id, withdrawnAt: candidateConsents.withdrawnAt }).from(candidateConsents).where(inArray(candidateConsents.id, ids));
  return new Map(found.map((c) => [c.id, c.withdrawnAt === null]));
}

async function visibleRows(db: Db, scope: Scope, rows: MentorshipRow[], now: Date): Promise<MentorshipRow[]> {
  if (!scope.mentor) return rows;
  const valid = await consentValidity(db, rows);
  const today = osloDate(now);
  // A mentee whose processing is restricted (registration consent withdrawn, erasure requested) is hidden from the mentor at once.
  const ids = [...new Set(rows.map((r) => r.candidateId))];
  const restricted = new Set(
    ids.length === 0
      ? []
      : (await db.select({ id: candidates.id }).from(candidates).where(and(inArray(candidates.id, ids), or(isNotNull(candidates.processingRestrictedAt), isNotNull(candidates.erasureRequestedAt))))).map((r) => r.id),
  );
  return rows.filter((row) => !restricted.has(row.candidateId) && mentorMaySee(row, row.consentId ? (valid.get(row.consentId) ?? false) : false, today));
}

// ---------------------------------------------------------------------------------------------------------
// Relationships
// ---------------------------------------------------------------------------------------------------------

export async function listMentorships(db: Db, actor: Actor, query: z.infer<typeof mentorshipListQuerySchema>, now = new Date()) {
  const scope = await scopeOf(db, actor);
  const conditions: (SQL | undefined)[] = [eq(mentorships.tenantId, actor.tenantId), scopeCondition(scope)];
  if (query.status) conditions.push(eq(mentorships.status, query.status));
  if (query.mentorId) conditions.push(eq(mentorships.mentorId, query.mentorId));
  if (query.candidateId) conditions.push(eq(mentorships.candidateId, query.candidateId));
  if (query.cursor) {
    const [proposedAt, id] = decodeCursor(query.cursor);
    conditions.push(sql`(${mentorships.proposedAt}, ${mentorships.id}) < (${proposedAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select()
    .from(mentorships)
    .where(and(...conditions))
    .orderBy(desc(mentorships.proposedAt), desc(mentorships.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const items = await visibleRows(db, scope, page, now);
  // A mentor's list names their mentees: each read goes into the mentee's access log.
  if (scope.mentor) {
    await recordAccess(
      db,
      actor,
      items.filter((r) => r.menteeAcceptedAt).map((r) => ({ personType: "candidate", personId: r.candidateId, purpose: "mentoring" })),
    );
  }
  const last = page.at(-1);
  return { items, nextCursor: more && last ? encodeCursor(last.proposedAt.toISOString(), last.id) : null };
}

/** One relationship the actor may see, or not_found (another mentor's, expired, withdrawn, another network's). */
export async function getMentorship(db: Db, actor: Actor, id: string, now = new Date(), options: { logRead?: boolean } = { logRead: true }) {
  const scope = await scopeOf(db, actor);
  const [row] = await db
    .select()
    .from(mentorships)
    .where(and(eq(mentorships.tenantId, actor.tenantId), eq(mentorships.id, id), scopeCondition(scope)))
    .limit(1);
  if (!row) throw notFound("The mentoring relationship");
  const [visible] = await visibleRows(db, scope, [row], now);
  if (!visible) throw notFound("The mentoring relationship");
  if (options.logRead && (scope.mentor === null || row.menteeAcceptedAt)) await recordAccess(db, actor, { personType: "candidate", personId: row.candidateId, purpose: "mentoring" });
  return visible;
}

export async function meetingsOf(db: Db, tenantId: string, mentorshipIds: readonly string[]): Promise<MeetingRow[]> {
  if (mentorshipIds.length === 0) return [];
  return db
    .select()
    .from(mentoringMeetings)
    .where(and(eq(mentoringMeetings.tenantId, tenantId), inArray(mentoringMeetings.mentorshipId, [...mentorshipIds])))
    .orderBy(desc(mentoringMeetings.metOn), desc(mentoringMeetings.createdAt));
}

async function lockMentorship(tx: Db, tenantId: string, id: string) {
  const [row] = await tx.select().from(mentorships).where(and(eq(mentorships.tenantId, tenantId), eq(mentorships.id, id))).limit(1).for("update");
  if (!row) throw notFound("The mentoring relationship");
  return row;
}

/** Mentors without capacity or a signed declaration cannot be proposed (nor inactive ones). */
export async function checkMentorAvailable(tx: Db, tenantId: string, mentor: MentorRow) {
  if (!mentor.active) throw new AppError("rule_broken", "The mentor is not active.");
  if (!(await currentSignatures(tx, tenantId, [mentor.id])).has(mentor.id)) throw new AppError("rule_broken", "The mentor has not signed the confidentiality declaration yet.");
  const load = (await mentorLoads(tx, tenantId, [mentor.id])).get(mentor.id) ?? 0;
  if (load >= mentor.capacity) throw new AppError("rule_broken", `The mentor has no free place (${load} of ${mentor.capacity}).`);
}

export async function proposeMentorship(db: Db, actor: Actor, input: z.infer<typeof mentorshipProposalSchema>) {
  return db.transaction(async (tx) => {
    const mentor = await loadMentor(tx, actor.tenantId, input.mentorId, { forUpdate: true }).catch(() => {
      throw invalid("body.mentorId", "is not a mentor of this network");
    });
    const [candidate] = await tx
      .select({ id: candidates.id, erasureRequestedAt: candidates.erasureRequestedAt, processingRestrictedAt: candidates.processingRestrictedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, input.candidateId)))
      .limit(1);
    if (!candidate) throw invalid("body.candidateId", "is not a candidate of this network");
    if (candidate.erasureRequestedAt || candidate.processingRestrictedAt) throw new AppError("rule_broken", "The candidate's data may not be processed; no mentor can be proposed.");
    if (input.plannedEndDate && input.plannedEndDate < osloDate()) throw invalid("body.plannedEndDate", "must not be in the past");
    await checkMentorAvailable(tx, actor.tenantId, mentor);
    const [open] = await tx
      .select({ id: mentorships.id })
      .from(mentorships)
      .where(and(eq(mentorships.tenantId, actor.tenantId), eq(mentorships.candidateId, input.candidateId), inArray(mentorships.status, ["proposed", "active"])))
      .limit(1);
    if (open) throw new AppError("rule_broken", "The candidate already has a proposed or active mentor.");
    const [row] = await tx
      .insert(mentorships)
      .values({ tenantId: actor.tenantId, mentorId: mentor.id, candidateId: input.candidateId, goals: input.goals, sharedFields: [...new Set(input.sharedFields)], plannedEndDate: input.plannedEndDate, proposedByUserId: actor.userId ?? null })
      .returning();
    await recordChange(tx, actor, { action: "mentorship.propose", entityType: "mentorship", entityId: row!.id, after: { mentorId: mentor.id, candidateId: input.candidateId, sharedFields: row!.sharedFields } });
    return row!;
  });
}

/** When both have said yes the relationship starts today, planned to end after six months unless set. */
async function startWhenBothAccepted(tx: Db, actor: Actor, row: MentorshipRow, now: Date): Promise<MentorshipRow> {
  if (!row.mentorAcceptedAt || !row.menteeAcceptedAt || row.status !== "proposed") return row;
  const startDate = osloDate(now);
  const plannedEndDate = row.plannedEndDate && row.plannedEndDate > startDate ? row.plannedEndDate : addMonths(startDate, defaultMentorshipMonths);
  const [after] = await tx.update(mentorships).set({ status: "active", startDate, plannedEndDate, updatedAt: now }).where(eq(mentorships.id, row.id)).returning();
  await recordChange(tx, actor, { action: "mentorship.start", entityType: "mentorship", entityId: row.id, after: { startDate, plannedEndDate } });
  return after!;
}

/** The mentee's yes, with the fields they let the mentor see: recorded as their mentoring consent. */
export async function recordMenteeAcceptance(db: Db, actor: Actor, id: string, input: z.infer<typeof menteeConsentSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const scope = await scopeOf(tx, actor);
    const row = await lockMentorship(tx, actor.tenantId, id);
    if (!isCoordinator(actor) && scope.candidateId !== row.candidateId) throw notFound("The mentoring relationship");
    if (row.status !== "proposed") throw new AppError("rule_broken", "Only a proposed relationship can be accepted.");
    if (row.menteeAcceptedAt) throw new AppError("rule_broken", "The mentee has already accepted.");
    const method = actor.role === "candidate" ? "portal" : input.method;
    const consent = await giveConsent(tx, actor, row.candidateId, { purpose: "mentoring", method, employerId: null, jobId: null });
    const [after] = await tx
      .update(mentorships)
      .set({ menteeAcceptedAt: now, sharedFields: [...new Set(input.sharedFields)], consentId: consent.consent.id, updatedAt: now })
      .where(eq(mentorships.id, id))
      .returning();
    await recordChange(tx, actor, { action: "mentorship.mentee_accept", entityType: "mentorship", entityId: id, after: { sharedFields: after!.sharedFields, consentId: consent.consent.id, method } });
    return startWhenBothAccepted(tx, actor, after!, now);
  });
}

export async function acceptAsMentor(db: Db, actor: Actor, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const scope = await scopeOf(tx, actor);
    const row = await lockMentorship(tx, actor.tenantId, id);
    if (!scope.mentor || row.mentorId !== scope.mentor.id) throw notFound("The mentoring relationship");
    if (row.status !== "proposed") throw new AppError("rule_broken", "Only a proposed relationship can be accepted.");
    if (row.mentorAcceptedAt) return row;
    const [after] = await tx.update(mentorships).set({ mentorAcceptedAt: now, updatedAt: now }).where(eq(mentorships.id, id)).returning();
    await recordChange(tx, actor, { action: "mentorship.mentor_accept", entityType: "mentorship", entityId: id });
    return startWhenBothAccepted(tx, actor, after!, now);
  });
}

/** The mentor says no, or the coordinator withdraws the proposal: the relationship never starts. */
export async function declineMentorship(db: Db, actor: Actor, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const scope = await scopeOf(tx, actor);
    const row = await lockMentorship(tx, actor.tenantId, id);
    if (!isCoordinator(actor) && (!scope.mentor || row.mentorId !== scope.mentor.id)) throw notFound("The mentoring relationship");
    if (row.status !== "proposed") throw new AppError("rule_broken", "Only a proposed relationship can be declined; end an active one instead.");
    const [after] = await tx.update(mentorships).set({ status: "declined", endReason: "declined", endedOn: osloDate(now), updatedAt: now }).where(eq(mentorships.id, id)).returning();
    await recordChange(tx, actor, { action: "mentorship.decline", entityType: "mentorship", entityId: id, after: { by: actor.role } });
    return after!;
  });
}

export async function updateMentorship(db: Db, actor: Actor, id: string, patch: z.infer<typeof mentorshipPatchSchema>) {
  return db.transaction(async (tx) => {
    const before = await lockMentorship(tx, actor.tenantId, id);
    if (before.status === "ended" || before.status === "declined") throw new AppError("rule_broken", "The relationship has ended.");
    const start = before.startDate ?? osloDate();
    if (patch.plannedEndDate !== undefined && patch.plannedEndDate <= start) throw invalid("body.plannedEndDate", "must be after the start");
    const fields = Object.entries(patch).filter(([key, value]) => value !== undefined && before[key as keyof MentorshipRow] !== value).map(([key]) => key);
    if (fields.length === 0) return before;
    const [after] = await tx.update(mentorships).set({ ...patch, updatedAt: new Date() }).where(eq(mentorships.id, id)).returning();
    await recordChange(tx, actor, { action: "mentorship.update", entityType: "mentorship", entityId: id, before: { fields }, after: { fields } });
    return after!;
  });
}

/** A row the actor takes part in (coordinator: any of the network's; mentor: their own and still visible). */
async function participatingRow(tx: Db, actor: Actor, id: string, now: Date) {
  const row = await getMentorship(tx, actor, id, now, { logRead: false });
  return lockMentorship(tx, actor.tenantId, row.id);
}

export async function logMeeting(db: Db, actor: Actor, id: string, input: z.infer<typeof meetingInputSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await participatingRow(tx, actor, id, now);
    if (row.status !== "active") throw new AppError("rule_broken", "Meetings are logged in an active relationship.");
    if (input.metOn > osloDate(now)) throw invalid("body.metOn", "must not be in the future");
    if (row.startDate && input.metOn < row.startDate) throw invalid("body.metOn", "must not be before the relationship started");
    const [meeting] = await tx.insert(mentoringMeetings).values({ tenantId: actor.tenantId, mentorshipId: id, ...input, loggedByUserId: actor.userId ?? null }).returning();
    await tx.update(mentorships).set({ updatedAt: now }).where(eq(mentorships.id, id));
    await recordChange(tx, actor, { action: "mentorship.log_meeting", entityType: "mentorship", entityId: id, after: { meetingId: meeting!.id, metOn: meeting!.metOn } });
    return meeting!;
  });
}

export async function endMentorship(db: Db, actor: Actor, id: string, input: z.infer<typeof endMentorshipSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await participatingRow(tx, actor, id, now);
    if (row.status !== "active") throw new AppError("rule_broken", "Only an active relationship can be ended.");
    if (input.endedOn > osloDate(now)) throw invalid("body.endedOn", "must not be in the future");
    if (row.startDate && input.endedOn < row.startDate) throw invalid("body.endedOn", "must not be before the start");
    const [after] = await tx.update(mentorships).set({ status: "ended", endedOn: input.endedOn, endReason: input.reason, updatedAt: now }).where(eq(mentorships.id, id)).returning();
    await recordChange(tx, actor, { action: "mentorship.end", entityType: "mentorship", entityId: id, after: { endedOn: input.endedOn, reason: input.reason } });
    return after!;
  });
}

/**
 * The end conversation's feedback: the mentor gives their own; a coordinator (or the candidate user) records the
 * mentee's. Once per party; a second answer replaces the first (audited).
 */
export async function giveFeedback(db: Db, actor: Actor, id: string, input: z.infer<typeof feedbackSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await participatingRow(tx, actor, id, now);
    if (row.status !== "ended") throw new AppError("rule_broken", "Feedback is given at the end conversation, after the relationship has ended.");
    const party = actor.role === "mentor" ? "mentor" : "mentee";
    const set = party === "mentor" ? { mentorRating: input.rating, mentorFeedback: input.text, mentorFeedbackAt: now } : { menteeRating: input.rating, menteeFeedback: input.text, menteeFeedbackAt: now };
    const [after] = await tx.update(mentorships).set({ ...set, updatedAt: now }).where(eq(mentorships.id, id)).returning();
    await recordChange(tx, actor, { action: "mentorship.feedback", entityType: "mentorship", entityId: id, after: { party, rating: input.rating, replaced: (party === "mentor" ? row.mentorFeedbackAt : row.menteeFeedbackAt) !== null } });
    return after!;
  });
}

/** The mentor's own page: their record, the declaration to sign, and whether they have signed it. */
export async function mentorSelf(db: Db, actor: Actor) {
  const mentor = await mentorOfUser(db, actor);
  const signedAt = mentor ? ((await currentSignatures(db, actor.tenantId, [mentor.id])).get(mentor.id) ?? null) : null;
  return { mentor, signedAt };
}
