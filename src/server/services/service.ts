import { and, asc, count, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor, AnyActor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { candidates } from "../candidates/tables.ts";
import { requireCandidate } from "../candidates/service.ts";
import { memberships } from "../users/tables.ts";
import { candidateServices, groupAttendance, groupParticipants, groupSessions, partners, serviceGroups, serviceTypes } from "./tables.ts";
import { defaultServiceTypes } from "../../shared/services.ts";
import type {
  candidateServiceInputSchema,
  groupInputSchema,
  groupPatchSchema,
  groupSessionInputSchema,
  partnerInputSchema,
  partnerPatchSchema,
  serviceTypeInputSchema,
  serviceTypePatchSchema,
} from "../../shared/services.ts";

/*
 * Partners, service types, services on a candidate, and groups with their waiting list, sessions and attendance.
 * Every function filters by the actor's network; changes are audited in the same transaction; reads that name a
 * candidate go into the access log. See docs/decisions/022-services-events-timeline.md.
 */

export type PartnerRow = typeof partners.$inferSelect;
export type ServiceTypeRow = typeof serviceTypes.$inferSelect;
export type CandidateServiceRow = typeof candidateServices.$inferSelect;
export type GroupRow = typeof serviceGroups.$inferSelect;
export type SessionRow = typeof groupSessions.$inferSelect;

const personType = "candidate";

function invalid(errors: FieldError[]): never {
  throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
}

// ---------------------------------------------------------------------------------------------------------
// Partners
// ---------------------------------------------------------------------------------------------------------

export async function listPartners(db: Db, tenantId: string) {
  return db.select().from(partners).where(eq(partners.tenantId, tenantId)).orderBy(asc(partners.name));
}

async function assertPartnerNameFree(tx: Db, tenantId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.tenantId, tenantId), sql`lower(${partners.name}) = lower(${name})`))
    .limit(1);
  if (taken && taken.id !== exceptId) throw new AppError("conflict", "The network already has a partner with this name.", { errors: [{ path: "body.name", message: "is taken" }] });
}

export async function createPartner(db: Db, actor: Actor, input: z.infer<typeof partnerInputSchema>) {
  return db.transaction(async (tx) => {
    await assertPartnerNameFree(tx, actor.tenantId, input.name);
    const [row] = await tx.insert(partners).values({ tenantId: actor.tenantId, name: input.name, kind: input.kind }).returning();
    await recordChange(tx, actor, { action: "partner.create", entityType: "partner", entityId: row!.id, after: { name: row!.name, kind: row!.kind } });
    return row!;
  });
}

export async function updatePartner(db: Db, actor: Actor, id: string, patch: z.infer<typeof partnerPatchSchema>) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(partners).where(and(eq(partners.tenantId, actor.tenantId), eq(partners.id, id))).limit(1).for("update");
    if (!before) throw notFound("The partner");
    if (patch.name !== undefined) await assertPartnerNameFree(tx, actor.tenantId, patch.name, id);
    const [after] = await tx.update(partners).set(patch).where(eq(partners.id, id)).returning();
    await recordChange(tx, actor, { action: "partner.update", entityType: "partner", entityId: id, before: { name: before.name, kind: before.kind }, after: { name: after!.name, kind: after!.kind } });
    return after!;
  });
}

/** Checks that each named partner is the network's; returns the field errors. */
export async function checkPartners(tx: Db, tenantId: string, ids: readonly (string | null | undefined)[], path: string): Promise<FieldError[]> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return [];
  const found = await tx.select({ id: partners.id }).from(partners).where(and(eq(partners.tenantId, tenantId), inArray(partners.id, wanted)));
  return found.length === wanted.length ? [] : [{ path, message: "is not a partner of this network" }];
}

// ---------------------------------------------------------------------------------------------------------
// Service types
// ---------------------------------------------------------------------------------------------------------

/** The network's default service types, made on first use (a network made before this feature gets them too). */
export async function ensureDefaultServiceTypes(db: Db, tenantId: string) {
  const [any] = await db.select({ id: serviceTypes.id }).from(serviceTypes).where(eq(serviceTypes.tenantId, tenantId)).limit(1);
  if (any) return;
  await db
    .insert(serviceTypes)
    .values(defaultServiceTypes.map((type) => ({ tenantId, key: type.key, name: type.nb })))
    .onConflictDoNothing();
}

export async function listServiceTypes(db: Db, tenantId: string) {
  await ensureDefaultServiceTypes(db, tenantId);
  const rows = await db.select().from(serviceTypes).where(eq(serviceTypes.tenantId, tenantId)).orderBy(asc(serviceTypes.createdAt), asc(serviceTypes.name));
  // The defaults in their own order (they are made in one statement), then the network's own by age.
  const rank = (row: ServiceTypeRow) => {
    const i = defaultServiceTypes.findIndex((type) => type.key === row.key);
    return i < 0 ? defaultServiceTypes.length : i;
  };
  return rows.sort((a, b) => rank(a) - rank(b));
}

async function assertTypeNameFree(tx: Db, tenantId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: serviceTypes.id })
    .from(serviceTypes)
    .where(and(eq(serviceTypes.tenantId, tenantId), sql`lower(${serviceTypes.name}) = lower(${name})`))
    .limit(1);
  if (taken && taken.id !== exceptId) throw new AppError("conflict", "The network already has a service type with this name.", { errors: [{ path: "body.name", message: "is taken" }] });
}

export async function createServiceType(db: Db, actor: Actor, input: z.infer<typeof serviceTypeInputSchema>) {
  return db.transaction(async (tx) => {
    await ensureDefaultServiceTypes(tx, actor.tenantId);
    const errors = await checkPartners(tx, actor.tenantId, [input.defaultPartnerId], "body.defaultPartnerId");
    if (errors.length) invalid(errors);
    await assertTypeNameFree(tx, actor.tenantId, input.name);
    const [row] = await tx.insert(serviceTypes).values({ tenantId: actor.tenantId, name: input.name, defaultPartnerId: input.defaultPartnerId }).returning();
    await recordChange(tx, actor, { action: "service_type.create", entityType: "service_type", entityId: row!.id, after: { name: row!.name, defaultPartnerId: row!.defaultPartnerId } });
    return row!;
  });
}

export async function updateServiceType(db: Db, actor: Actor, id: string, patch: z.infer<typeof serviceTypePatchSchema>) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(serviceTypes).where(and(eq(serviceTypes.tenantId, actor.tenantId), eq(serviceTypes.id, id))).limit(1).for("update");
    if (!before) throw notFound("The service type");
    const errors = await checkPartners(tx, actor.tenantId, [patch.defaultPartnerId], "body.defaultPartnerId");
    if (errors.length) invalid(errors);
    if (patch.name !== undefined) await assertTypeNameFree(tx, actor.tenantId, patch.name, id);
    const [after] = await tx.update(serviceTypes).set(patch).where(eq(serviceTypes.id, id)).returning();
    const fields = Object.keys(patch).filter((key) => patch[key as keyof typeof patch] !== undefined);
    await recordChange(tx, actor, { action: "service_type.update", entityType: "service_type", entityId: id, before: { fields }, after: { fields } });
    return after!;
  });
}

async function loadServiceType(tx: Db, tenantId: string, id: string) {
  const [row] = await tx.select().from(serviceTypes).where(and(eq(serviceTypes.tenantId, tenantId), eq(serviceTypes.id, id))).limit(1);
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Services on a candidate
// ---------------------------------------------------------------------------------------------------------

/** A user of the network who may have delivered a service (any active member). */
async function checkUser(tx: Db, tenantId: string, userId: string | null, path: string): Promise<FieldError[]> {
  if (!userId) return [];
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .limit(1);
  return member ? [] : [{ path, message: "is not a user of this network" }];
}

export async function recordService(db: Db, actor: Actor, candidateId: string, input: z.infer<typeof candidateServiceInputSchema>) {
  return db.transaction(async (tx) => {
    await requireCandidate(tx, actor, candidateId);
    const type = await loadServiceType(tx, actor.tenantId, input.serviceTypeId);
    const errors: FieldError[] = [];
    if (!type) errors.push({ path: "body.serviceTypeId", message: "is not a service type of this network" });
    else if (type.archived) errors.push({ path: "body.serviceTypeId", message: "is archived" });
    const partnerId = input.partnerId === undefined ? (type?.defaultPartnerId ?? null) : input.partnerId;
    errors.push(...(await checkPartners(tx, actor.tenantId, [partnerId], "body.partnerId")), ...(await checkUser(tx, actor.tenantId, input.deliveredByUserId, "body.deliveredByUserId")));
    if (errors.length) invalid(errors);
    const [row] = await tx
      .insert(candidateServices)
      .values({ tenantId: actor.tenantId, candidateId, serviceTypeId: type!.id, date: input.date, partnerId, deliveredByUserId: input.deliveredByUserId, outcome: input.outcome, createdByUserId: actor.userId ?? null })
      .returning();
    await recordChange(tx, actor, { action: "candidate_service.create", entityType: personType, entityId: candidateId, after: { serviceId: row!.id, serviceTypeId: type!.id, partnerId } });
    return row!;
  });
}

export async function listCandidateServices(db: Db, actor: Actor, candidateId: string) {
  return db.transaction(async (tx) => {
    await requireCandidate(tx, actor, candidateId);
    const rows = await tx
      .select()
      .from(candidateServices)
      .where(and(eq(candidateServices.tenantId, actor.tenantId), eq(candidateServices.candidateId, candidateId)))
      .orderBy(desc(candidateServices.date), desc(candidateServices.createdAt));
    await recordAccess(tx, actor, { personType, personId: candidateId, purpose: "follow_up" });
    return rows;
  });
}

export async function deleteCandidateService(db: Db, actor: Actor, candidateId: string, serviceId: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(candidateServices)
      .where(and(eq(candidateServices.tenantId, actor.tenantId), eq(candidateServices.candidateId, candidateId), eq(candidateServices.id, serviceId)))
      .returning({ id: candidateServices.id, serviceTypeId: candidateServices.serviceTypeId });
    if (deleted.length === 0) throw notFound("The service");
    await recordChange(tx, actor, { action: "candidate_service.delete", entityType: personType, entityId: candidateId, before: { serviceId, serviceTypeId: deleted[0]!.serviceTypeId } });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------------------

export async function listGroups(db: Db, tenantId: string) {
  return db.select().from(serviceGroups).where(eq(serviceGroups.tenantId, tenantId)).orderBy(asc(serviceGroups.name), asc(serviceGroups.id));
}

/** Participants and waiting counts, and the next session, per group (for lists). */
export async function groupFigures(db: Db, tenantId: string, groupIds: readonly string[], now = new Date()) {
  const figures = new Map<string, { participants: number; waiting: number; nextSession: Date | null }>();
  if (groupIds.length === 0) return figures;
  for (const id of groupIds) figures.set(id, { participants: 0, waiting: 0, nextSession: null });
  const members = await db
    .select({ groupId: groupParticipants.groupId, status: groupParticipants.status, n: count() })
    .from(groupParticipants)
    .where(and(eq(groupParticipants.tenantId, tenantId), inArray(groupParticipants.groupId, [...groupIds])))
    .groupBy(groupParticipants.groupId, groupParticipants.status);
  for (const row of members) {
    const figure = figures.get(row.groupId)!;
    if (row.status === "active") figure.participants = Number(row.n);
    else figure.waiting = Number(row.n);
  }
  const next = await db
    .select({ groupId: groupSessions.groupId, next: sql<string>`min(${groupSessions.startsAt})` })
    .from(groupSessions)
    .where(and(eq(groupSessions.tenantId, tenantId), inArray(groupSessions.groupId, [...groupIds]), gte(groupSessions.startsAt, now)))
    .groupBy(groupSessions.groupId);
  for (const row of next) figures.get(row.groupId)!.nextSession = row.next ? new Date(row.next) : null;
  return figures;
}

async function checkGroupInput(tx: Db, tenantId: string, input: { serviceTypeId?: string | undefined; partnerId?: string | null | undefined }) {
  const errors: FieldError[] = [];
  if (input.serviceTypeId !== undefined && !(await loadServiceType(tx, tenantId, input.serviceTypeId))) errors.push({ path: "body.serviceTypeId", message: "is not a service type of this network" });
  errors.push(...(await checkPartners(tx, tenantId, [input.partnerId], "body.partnerId")));
  if (errors.length) invalid(errors);
}

export async function createGroup(db: Db, actor: Actor, input: z.infer<typeof groupInputSchema>) {
  return db.transaction(async (tx) => {
    await checkGroupInput(tx, actor.tenantId, input);
    const [row] = await tx.insert(serviceGroups).values({ tenantId: actor.tenantId, ...input }).returning();
    await recordChange(tx, actor, { action: "group.create", entityType: "group", entityId: row!.id, after: { name: row!.name, serviceTypeId: row!.serviceTypeId, capacity: row!.capacity } });
    return row!;
  });
}

async function lockGroup(tx: Db, tenantId: string, id: string) {
  const [row] = await tx.select().from(serviceGroups).where(and(eq(serviceGroups.tenantId, tenantId), eq(serviceGroups.id, id))).limit(1).for("update");
  if (!row) throw notFound("The group");
  return row;
}

export async function loadGroup(db: Db, tenantId: string, id: string) {
  const [row] = await db.select().from(serviceGroups).where(and(eq(serviceGroups.tenantId, tenantId), eq(serviceGroups.id, id))).limit(1);
  if (!row) throw notFound("The group");
  return row;
}

/**
 * Moves the first on the waiting list in while the group has room. Returns who moved in. Runs under the group's
 * row lock, so two leaving at once cannot both move the same person in or overfill the group.
 */
async function fillFromWaitingList(tx: Db, actor: AnyActor, group: GroupRow): Promise<string[]> {
  const [active] = await tx
    .select({ n: count() })
    .from(groupParticipants)
    .where(and(eq(groupParticipants.groupId, group.id), eq(groupParticipants.status, "active")));
  const room = group.capacity - Number(active?.n ?? 0);
  if (room <= 0) return [];
  const next = await tx
    .select({ candidateId: groupParticipants.candidateId })
    .from(groupParticipants)
    .where(and(eq(groupParticipants.groupId, group.id), eq(groupParticipants.status, "waiting")))
    .orderBy(asc(groupParticipants.queuePosition))
    .limit(room);
  if (next.length === 0) return [];
  const ids = next.map((n) => n.candidateId);
  await tx
    .update(groupParticipants)
    .set({ status: "active" })
    .where(and(eq(groupParticipants.groupId, group.id), inArray(groupParticipants.candidateId, ids)));
  for (const candidateId of ids) await recordChange(tx, actor, { action: "group.move_in_from_waiting_list", entityType: "group", entityId: group.id, after: { candidateId } });
  return ids;
}

export async function updateGroup(db: Db, actor: Actor, id: string, patch: z.infer<typeof groupPatchSchema>) {
  return db.transaction(async (tx) => {
    await lockGroup(tx, actor.tenantId, id);
    await checkGroupInput(tx, actor.tenantId, patch);
    const [after] = await tx.update(serviceGroups).set(patch).where(eq(serviceGroups.id, id)).returning();
    const fields = Object.keys(patch).filter((key) => patch[key as keyof typeof patch] !== undefined);
    await recordChange(tx, actor, { action: "group.update", entityType: "group", entityId: id, before: { fields }, after: { fields } });
    if (patch.capacity !== undefined) await fillFromWaitingList(tx, actor, after!);
    return after!;
  });
}

export async function deleteGroup(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const row = await lockGroup(tx, actor.tenantId, id);
    await tx.delete(serviceGroups).where(eq(serviceGroups.id, id));
    await recordChange(tx, actor, { action: "group.delete", entityType: "group", entityId: id, before: { name: row.name } });
  });
}

/** The group's participants and waiting list (waiting in order), with names; the read is logged for each person. */
export async function groupMembers(db: Db, actor: Actor, groupId: string) {
  const rows = await db
    .select({ candidateId: groupParticipants.candidateId, status: groupParticipants.status, queuePosition: groupParticipants.queuePosition, joinedAt: groupParticipants.joinedAt, firstName: candidates.firstName, lastName: candidates.lastName })
    .from(groupParticipants)
    .innerJoin(candidates, eq(candidates.id, groupParticipants.candidateId))
    .where(and(eq(groupParticipants.tenantId, actor.tenantId), eq(groupParticipants.groupId, groupId)))
    .orderBy(asc(groupParticipants.status), asc(groupParticipants.queuePosition));
  await recordAccess(db, actor, rows.map((r) => ({ personType, personId: r.candidateId, purpose: "follow_up" })));
  let waitingPosition = 0;
  return rows.map((r) => ({
    candidateId: r.candidateId,
    name: `${r.firstName} ${r.lastName}`,
    status: r.status as "active" | "waiting",
    waitingPosition: r.status === "waiting" ? ++waitingPosition : null,
    joinedAt: r.joinedAt.toISOString(),
  }));
}

/**
 * Adds a candidate to a group: a participant while there is room, else last on the waiting list. Someone already
 * in the group (or waiting) is a conflict.
 */
export async function addParticipant(db: Db, actor: Actor, groupId: string, candidateId: string) {
  return db.transaction(async (tx) => {
    const group = await lockGroup(tx, actor.tenantId, groupId);
    const [candidate] = await tx
      .select({ id: candidates.id, erasureRequestedAt: candidates.erasureRequestedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, candidateId)))
      .limit(1);
    if (!candidate) invalid([{ path: "body.candidateId", message: "is not a candidate of this network" }]);
    if (candidate.erasureRequestedAt) throw new AppError("rule_broken", "The candidate has asked to be erased.");
    const [already] = await tx
      .select({ status: groupParticipants.status })
      .from(groupParticipants)
      .where(and(eq(groupParticipants.groupId, groupId), eq(groupParticipants.candidateId, candidateId)))
      .limit(1);
    if (already) throw new AppError("conflict", already.status === "active" ? "The candidate is already in the group." : "The candidate is already on the waiting list.");
    const [active] = await tx
      .select({ n: count() })
      .from(groupParticipants)
      .where(and(eq(groupParticipants.groupId, groupId), eq(groupParticipants.status, "active")));
    const [waiting] = await tx
      .select({ n: count() })
      .from(groupParticipants)
      .where(and(eq(groupParticipants.groupId, groupId), eq(groupParticipants.status, "waiting")));
    // Room, and no one ahead in the queue: in. Otherwise behind everyone waiting.
    const status = Number(active?.n ?? 0) < group.capacity && Number(waiting?.n ?? 0) === 0 ? "active" : "waiting";
    const queuePosition = group.lastQueuePosition + 1;
    await tx.update(serviceGroups).set({ lastQueuePosition: queuePosition }).where(eq(serviceGroups.id, groupId));
    await tx.insert(groupParticipants).values({ tenantId: actor.tenantId, groupId, candidateId, status, queuePosition });
    await recordChange(tx, actor, { action: status === "active" ? "group.add_participant" : "group.add_to_waiting_list", entityType: "group", entityId: groupId, after: { candidateId } });
    return { status: status as "active" | "waiting", waitingPosition: status === "waiting" ? Number(waiting?.n ?? 0) + 1 : null };
  });
}

/** Takes a candidate out of the group or off its waiting list; a freed place goes to the first waiting. */
export async function removeParticipant(db: Db, actor: Actor, groupId: string, candidateId: string) {
  return db.transaction(async (tx) => {
    const group = await lockGroup(tx, actor.tenantId, groupId);
    const removed = await tx
      .delete(groupParticipants)
      .where(and(eq(groupParticipants.groupId, groupId), eq(groupParticipants.candidateId, candidateId)))
      .returning({ status: groupParticipants.status });
    if (removed.length === 0) throw notFound("The participant");
    await recordChange(tx, actor, { action: "group.remove_participant", entityType: "group", entityId: groupId, before: { candidateId, status: removed[0]!.status } });
    const [movedIn] = removed[0]!.status === "active" ? await fillFromWaitingList(tx, actor, group) : [];
    if (!movedIn) return { movedIn: null };
    const [person] = await tx.select({ firstName: candidates.firstName, lastName: candidates.lastName }).from(candidates).where(eq(candidates.id, movedIn)).limit(1);
    return { movedIn: { candidateId: movedIn, name: person ? `${person.firstName} ${person.lastName}` : "" } };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Sessions and attendance
// ---------------------------------------------------------------------------------------------------------

export async function listSessions(db: Db, tenantId: string, groupId: string) {
  const rows = await db
    .select({
      session: groupSessions,
      present: sql<number>`(select count(*) from ${groupAttendance} a where a.session_id = ${groupSessions.id} and a.present)::int`,
      absent: sql<number>`(select count(*) from ${groupAttendance} a where a.session_id = ${groupSessions.id} and not a.present)::int`,
    })
    .from(groupSessions)
    .where(and(eq(groupSessions.tenantId, tenantId), eq(groupSessions.groupId, groupId)))
    .orderBy(asc(groupSessions.startsAt), asc(groupSessions.id));
  return rows.map((r) => ({ ...r.session, present: Number(r.present), absent: Number(r.absent) }));
}

export async function addSession(db: Db, actor: Actor, groupId: string, input: z.infer<typeof groupSessionInputSchema>) {
  return db.transaction(async (tx) => {
    await lockGroup(tx, actor.tenantId, groupId);
    if (input.endsAt !== null && new Date(input.endsAt) < new Date(input.startsAt)) invalid([{ path: "body.endsAt", message: "must not be before the start" }]);
    const [row] = await tx
      .insert(groupSessions)
      .values({ tenantId: actor.tenantId, groupId, startsAt: new Date(input.startsAt), endsAt: input.endsAt ? new Date(input.endsAt) : null, note: input.note })
      .returning();
    await recordChange(tx, actor, { action: "group.add_session", entityType: "group", entityId: groupId, after: { sessionId: row!.id } });
    return { ...row!, present: 0, absent: 0 };
  });
}

export async function deleteSession(db: Db, actor: Actor, groupId: string, sessionId: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(groupSessions)
      .where(and(eq(groupSessions.tenantId, actor.tenantId), eq(groupSessions.groupId, groupId), eq(groupSessions.id, sessionId)))
      .returning({ id: groupSessions.id });
    if (deleted.length === 0) throw notFound("The session");
    await recordChange(tx, actor, { action: "group.delete_session", entityType: "group", entityId: groupId, before: { sessionId } });
  });
}

async function loadSession(db: Db, tenantId: string, sessionId: string) {
  const [row] = await db
    .select({ session: groupSessions, group: serviceGroups })
    .from(groupSessions)
    .innerJoin(serviceGroups, eq(serviceGroups.id, groupSessions.groupId))
    .where(and(eq(groupSessions.tenantId, tenantId), eq(groupSessions.id, sessionId)))
    .limit(1);
  if (!row) throw notFound("The session");
  return row;
}

/**
 * The attendance list at the door: the group's participants with what has been marked so far. Someone marked
 * who has since left the group is still listed (their mark stays).
 */
export async function getAttendance(db: Db, actor: Actor, sessionId: string) {
  return db.transaction(async (tx) => {
    const { session, group } = await loadSession(tx, actor.tenantId, sessionId);
    const rows = await tx
      .select({ candidateId: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName, present: groupAttendance.present, sortName: candidates.sortName })
      .from(candidates)
      .leftJoin(groupAttendance, and(eq(groupAttendance.sessionId, sessionId), eq(groupAttendance.candidateId, candidates.id)))
      .where(
        and(
          eq(candidates.tenantId, actor.tenantId),
          sql`(${candidates.id} in (select candidate_id from ${groupParticipants} where group_id = ${group.id} and status = 'active') or ${groupAttendance.candidateId} is not null)`,
        ),
      )
      .orderBy(asc(candidates.sortName), asc(candidates.id));
    await recordAccess(tx, actor, rows.map((r) => ({ personType, personId: r.candidateId, purpose: "follow_up" })));
    const present = rows.filter((r) => r.present === true).length;
    const absent = rows.filter((r) => r.present === false).length;
    return {
      session: { ...session, present, absent },
      group,
      participants: rows.map((r) => ({ candidateId: r.candidateId, name: `${r.firstName} ${r.lastName}`, present: r.present ?? null })),
    };
  });
}

/** Marks one participant present or absent at a session (saved on every tap; the last tap counts). */
export async function markAttendance(db: Db, actor: Actor, sessionId: string, candidateId: string, present: boolean) {
  return db.transaction(async (tx) => {
    const { group } = await loadSession(tx, actor.tenantId, sessionId);
    const [member] = await tx
      .select({ status: groupParticipants.status })
      .from(groupParticipants)
      .where(and(eq(groupParticipants.groupId, group.id), eq(groupParticipants.candidateId, candidateId)))
      .limit(1);
    const [marked] = await tx
      .select({ present: groupAttendance.present })
      .from(groupAttendance)
      .where(and(eq(groupAttendance.sessionId, sessionId), eq(groupAttendance.candidateId, candidateId)))
      .limit(1);
    // Only participants are marked; someone on the waiting list is not in the group yet. A mark made before a
    // participant left may still be corrected.
    if (!marked && member?.status !== "active") {
      if (member?.status === "waiting") throw new AppError("rule_broken", "The candidate is on the waiting list, not in the group.");
      throw notFound("The participant");
    }
    const now = new Date();
    await tx
      .insert(groupAttendance)
      .values({ tenantId: actor.tenantId, sessionId, candidateId, present, recordedByUserId: actor.userId ?? null, recordedAt: now })
      .onConflictDoUpdate({ target: [groupAttendance.sessionId, groupAttendance.candidateId], set: { present, recordedByUserId: actor.userId ?? null, recordedAt: now } });
    if (marked?.present !== present) await recordChange(tx, actor, { action: "group.attendance", entityType: "group", entityId: group.id, after: { sessionId, candidateId, present } });
    return { candidateId, present };
  });
}
