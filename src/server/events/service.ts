import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { AppContext } from "../platform/context.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { afterCursor, decodeCursor } from "../platform/paging.ts";
import { networks } from "../networks/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { employerContacts, employers } from "../employers/tables.ts";
import { partners } from "../services/tables.ts";
import { checkPartners } from "../services/service.ts";
import { eventInvitees, eventPartners, events } from "./tables.ts";
import { eventIcs } from "./ics.ts";
import type { addInviteesSchema, eventInputSchema, eventListQuerySchema, eventPatchSchema, inviteePatchSchema } from "../../shared/events.ts";

/*
 * Events: create and change them, invite candidates and employers' contacts, send the invitations by e-mail with a
 * calendar file, record registrations, attendance and the outcome. Filtered by the actor's network; audited.
 */

export type EventRow = typeof events.$inferSelect;
export type InviteeRow = typeof eventInvitees.$inferSelect;

function invalid(errors: FieldError[]): never {
  throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
}

async function loadEvent(db: Db, tenantId: string, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(events).where(and(eq(events.tenantId, tenantId), eq(events.id, id))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The event");
  return row;
}

export async function getEvent(db: Db, tenantId: string, id: string) {
  return loadEvent(db, tenantId, id);
}

async function setPartners(tx: Db, tenantId: string, eventId: string, partnerIds: readonly string[]) {
  await tx.delete(eventPartners).where(eq(eventPartners.eventId, eventId));
  const unique = [...new Set(partnerIds)];
  if (unique.length) await tx.insert(eventPartners).values(unique.map((partnerId) => ({ tenantId, eventId, partnerId })));
}

export async function createEvent(db: Db, actor: Actor, input: z.infer<typeof eventInputSchema>) {
  return db.transaction(async (tx) => {
    const errors = await checkPartners(tx, actor.tenantId, input.partnerIds, "body.partnerIds");
    if (new Date(input.endsAt) < new Date(input.startsAt)) errors.push({ path: "body.endsAt", message: "must not be before the start" });
    if (errors.length) invalid(errors);
    const [row] = await tx
      .insert(events)
      .values({ tenantId: actor.tenantId, kind: input.kind, title: input.title, description: input.description, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), place: input.place, createdByUserId: actor.userId ?? null })
      .returning();
    await setPartners(tx, actor.tenantId, row!.id, input.partnerIds);
    await recordChange(tx, actor, { action: "event.create", entityType: "event", entityId: row!.id, after: { kind: row!.kind, title: row!.title } });
    return row!;
  });
}

export async function updateEvent(db: Db, actor: Actor, id: string, patch: z.infer<typeof eventPatchSchema>) {
  return db.transaction(async (tx) => {
    const before = await loadEvent(tx, actor.tenantId, id, { forUpdate: true });
    const errors = patch.partnerIds ? await checkPartners(tx, actor.tenantId, patch.partnerIds, "body.partnerIds") : [];
    const startsAt = patch.startsAt ? new Date(patch.startsAt) : before.startsAt;
    const endsAt = patch.endsAt ? new Date(patch.endsAt) : before.endsAt;
    if (endsAt < startsAt) errors.push({ path: "body.endsAt", message: "must not be before the start" });
    if (errors.length) invalid(errors);
    const { partnerIds, startsAt: _s, endsAt: _e, ...rest } = patch;
    // What an invitee's calendar shows: a change there raises the calendar file's SEQUENCE.
    const calendarChanged =
      startsAt.getTime() !== before.startsAt.getTime() ||
      endsAt.getTime() !== before.endsAt.getTime() ||
      (patch.title !== undefined && patch.title !== before.title) ||
      (patch.place !== undefined && patch.place !== before.place) ||
      (patch.description !== undefined && patch.description !== before.description);
    const [after] = await tx
      .update(events)
      .set({ ...rest, startsAt, endsAt, updatedAt: new Date(), sequence: calendarChanged ? before.sequence + 1 : before.sequence })
      .where(eq(events.id, id))
      .returning();
    if (partnerIds) await setPartners(tx, actor.tenantId, id, partnerIds);
    const fields = Object.keys(patch).filter((key) => patch[key as keyof typeof patch] !== undefined);
    await recordChange(tx, actor, { action: "event.update", entityType: "event", entityId: id, before: { fields }, after: { fields } });
    return after!;
  });
}

export async function deleteEvent(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const row = await loadEvent(tx, actor.tenantId, id, { forUpdate: true });
    await tx.delete(events).where(eq(events.id, id));
    await recordChange(tx, actor, { action: "event.delete", entityType: "event", entityId: id, before: { kind: row.kind, title: row.title } });
  });
}

/** Upcoming (soonest first), past (latest first) or all (latest first); keyset paging on (starts_at, id). */
export async function listEvents(db: Db, tenantId: string, query: z.infer<typeof eventListQuerySchema>, now = new Date()) {
  const cursor = decodeCursor(query.cursor);
  const direction = query.when === "upcoming" ? "asc" : "desc";
  const conditions: (SQL | undefined)[] = [eq(events.tenantId, tenantId), afterCursor({ createdAt: events.startsAt, id: events.id }, cursor, direction)];
  if (query.when === "upcoming") conditions.push(gte(events.endsAt, now));
  if (query.when === "past") conditions.push(lt(events.endsAt, now));
  const order = direction === "asc" ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)];
  return db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.limit + 1);
}

export async function eventPartnersOf(db: Db, eventIds: readonly string[]) {
  const byEvent = new Map<string, { id: string; name: string }[]>();
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .select({ eventId: eventPartners.eventId, id: partners.id, name: partners.name })
    .from(eventPartners)
    .innerJoin(partners, eq(partners.id, eventPartners.partnerId))
    .where(inArray(eventPartners.eventId, [...eventIds]))
    .orderBy(asc(partners.name));
  for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), { id: row.id, name: row.name }]);
  return byEvent;
}

export async function eventCounts(db: Db, eventIds: readonly string[]) {
  const byEvent = new Map<string, { invited: number; registered: number; attended: number }>();
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .select({
      eventId: eventInvitees.eventId,
      invited: sql<number>`count(*)::int`,
      registered: sql<number>`(count(*) filter (where ${eventInvitees.status} = 'registered'))::int`,
      attended: sql<number>`(count(*) filter (where ${eventInvitees.attended}))::int`,
    })
    .from(eventInvitees)
    .where(inArray(eventInvitees.eventId, [...eventIds]))
    .groupBy(eventInvitees.eventId);
  for (const row of rows) byEvent.set(row.eventId, { invited: Number(row.invited), registered: Number(row.registered), attended: Number(row.attended) });
  return byEvent;
}

// ---------------------------------------------------------------------------------------------------------
// Invitees
// ---------------------------------------------------------------------------------------------------------

type InviteeView = InviteeRow & { name: string; email: string | null; employer: { id: string; name: string } | null };

/** The event's invitees with names and addresses; reading the candidates among them is logged. */
export async function listInvitees(db: Db, actor: Actor | null, tenantId: string, eventId: string): Promise<InviteeView[]> {
  const rows = await db
    .select({
      invitee: eventInvitees,
      candidateFirst: candidates.firstName,
      candidateLast: candidates.lastName,
      candidateEmail: candidates.email,
      candidateErased: candidates.erasureRequestedAt,
      contactName: employerContacts.name,
      contactEmail: employerContacts.email,
      employerId: employers.id,
      employerName: employers.name,
    })
    .from(eventInvitees)
    .leftJoin(candidates, eq(candidates.id, eventInvitees.candidateId))
    .leftJoin(employerContacts, eq(employerContacts.id, eventInvitees.contactId))
    .leftJoin(employers, eq(employers.id, employerContacts.employerId))
    .where(and(eq(eventInvitees.tenantId, tenantId), eq(eventInvitees.eventId, eventId)))
    .orderBy(asc(eventInvitees.createdAt), asc(eventInvitees.id));
  if (actor) await recordAccess(db, actor, rows.filter((r) => r.invitee.candidateId).map((r) => ({ personType: "candidate", personId: r.invitee.candidateId!, purpose: "follow_up" })));
  return rows.map((r) => ({
    ...r.invitee,
    name: r.invitee.candidateId ? `${r.candidateFirst ?? ""} ${r.candidateLast ?? ""}`.trim() : (r.contactName ?? ""),
    // Someone who asked to be erased gets no more mail from the network.
    email: r.invitee.candidateId ? (r.candidateErased ? null : r.candidateEmail) : r.contactEmail,
    employer: r.employerId ? { id: r.employerId, name: r.employerName ?? "" } : null,
  }));
}

/** Invites candidates and contacts of the network (those already invited are left as they are). */
export async function addInvitees(db: Db, actor: Actor, eventId: string, input: z.infer<typeof addInviteesSchema>) {
  return db.transaction(async (tx) => {
    await loadEvent(tx, actor.tenantId, eventId, { forUpdate: true });
    const candidateIds = [...new Set(input.candidateIds)];
    const contactIds = [...new Set(input.contactIds)];
    const errors: FieldError[] = [];
    if (candidateIds.length) {
      const found = await tx.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.tenantId, actor.tenantId), inArray(candidates.id, candidateIds), isNull(candidates.erasureRequestedAt)));
      if (found.length !== candidateIds.length) errors.push({ path: "body.candidateIds", message: "names someone who is not a candidate of this network" });
    }
    if (contactIds.length) {
      const found = await tx.select({ id: employerContacts.id }).from(employerContacts).where(and(eq(employerContacts.tenantId, actor.tenantId), inArray(employerContacts.id, contactIds)));
      if (found.length !== contactIds.length) errors.push({ path: "body.contactIds", message: "names someone who is not an employer contact of this network" });
    }
    if (errors.length) invalid(errors);
    const added = [
      ...(candidateIds.length
        ? await tx
            .insert(eventInvitees)
            .values(candidateIds.map((candidateId) => ({ tenantId: actor.tenantId, eventId, candidateId })))
            .onConflictDoNothing()
            .returning({ id: eventInvitees.id })
        : []),
      ...(contactIds.length
        ? await tx
            .insert(eventInvitees)
            .values(contactIds.map((contactId) => ({ tenantId: actor.tenantId, eventId, contactId })))
            .onConflictDoNothing()
            .returning({ id: eventInvitees.id })
        : []),
    ];
    await recordChange(tx, actor, { action: "event.invite", entityType: "event", entityId: eventId, after: { candidateIds, contactIds, added: added.length } });
    return added.length;
  });
}

export async function updateInvitee(db: Db, actor: Actor, eventId: string, inviteeId: string, patch: z.infer<typeof inviteePatchSchema>) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(eventInvitees)
      .where(and(eq(eventInvitees.tenantId, actor.tenantId), eq(eventInvitees.eventId, eventId), eq(eventInvitees.id, inviteeId)))
      .limit(1)
      .for("update");
    if (!before) throw notFound("The invitee");
    const [after] = await tx
      .update(eventInvitees)
      .set({ ...(patch.status !== undefined ? { status: patch.status } : {}), ...(patch.attended !== undefined ? { attended: patch.attended } : {}) })
      .where(eq(eventInvitees.id, inviteeId))
      .returning();
    await recordChange(tx, actor, { action: "event.invitee_update", entityType: "event", entityId: eventId, before: { inviteeId, status: before.status, attended: before.attended }, after: { inviteeId, status: after!.status, attended: after!.attended } });
    return after!;
  });
}

export async function removeInvitee(db: Db, actor: Actor, eventId: string, inviteeId: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(eventInvitees)
      .where(and(eq(eventInvitees.tenantId, actor.tenantId), eq(eventInvitees.eventId, eventId), eq(eventInvitees.id, inviteeId)))
      .returning({ id: eventInvitees.id });
    if (deleted.length === 0) throw notFound("The invitee");
    await recordChange(tx, actor, { action: "event.invitee_remove", entityType: "event", entityId: eventId, before: { inviteeId } });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Invitations by e-mail, with the calendar file
// ---------------------------------------------------------------------------------------------------------

const timeFormat = new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", dateStyle: "full", timeStyle: "short" });
const timeFormatEn = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Oslo", dateStyle: "full", timeStyle: "short" });

/** The event's calendar file as invitees get it. */
export async function eventCalendar(ctx: AppContext, event: EventRow) {
  const [network] = await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, event.tenantId)).limit(1);
  return eventIcs({
    id: event.id,
    title: event.title,
    description: event.description,
    place: event.place,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    sequence: event.sequence,
    updatedAt: event.updatedAt,
    url: ctx.config.publicUrl,
    organiser: { name: network?.name ?? "Mangfold", email: `no-reply@${new URL(ctx.config.publicUrl).hostname}` },
  });
}

/**
 * Sends the invitation to every invitee with an e-mail address who has not had it yet (or to all, `resend`), each
 * as its own message with the event's calendar file. The mail names the event, not the other invitees. An invitee
 * is marked invited only when the mail was sent or kept in the outbox; a failed one is tried again next time.
 */
export async function sendInvitations(ctx: AppContext, actor: Actor, eventId: string, options: { resend: boolean }) {
  const event = await loadEvent(ctx.db, actor.tenantId, eventId);
  const invitees = await listInvitees(ctx.db, actor, actor.tenantId, eventId);
  const due = invitees.filter((i) => i.status !== "declined" && (options.resend || i.invitedAt === null));
  const withEmail = due.filter((i) => i.email);
  const ics = await eventCalendar(ctx, event);
  const [network] = await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, actor.tenantId)).limit(1);
  const when = timeFormat.format(event.startsAt);
  const whenEn = timeFormatEn.format(event.startsAt);
  const result = { sent: 0, stored: 0, failed: 0, withoutEmail: due.length - withEmail.length };
  const delivered: string[] = [];
  for (const invitee of withEmail) {
    const outcome = await ctx.mailer.send(ctx.db, {
      tenantId: actor.tenantId,
      to: invitee.email!,
      subject: `Invitasjon: ${event.title} / Invitation: ${event.title}`,
      text: [
        `Hei ${invitee.name},`,
        "",
        `${network?.name ?? "Nettverket"} inviterer deg til «${event.title}».`,
        `Tid: ${when}`,
        ...(event.place ? [`Sted: ${event.place}`] : []),
        ...(event.description ? ["", event.description] : []),
        "",
        "Kalenderfilen ligger ved. Svar kontaktpersonen din om du kommer.",
        "",
        "---",
        "",
        `${network?.name ?? "The network"} invites you to "${event.title}".`,
        `When: ${whenEn}`,
        ...(event.place ? [`Where: ${event.place}`] : []),
        "",
        "The calendar file is attached. Tell your contact person whether you are coming.",
      ].join("\n"),
      attachments: [{ filename: "invitasjon.ics", content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }],
    });
    if (outcome.status === "failed") result.failed++;
    else {
      result[outcome.status === "sent" ? "sent" : "stored"]++;
      delivered.push(invitee.id);
    }
  }
  await ctx.db.transaction(async (tx) => {
    if (delivered.length) await tx.update(eventInvitees).set({ invitedAt: new Date() }).where(and(eq(eventInvitees.tenantId, actor.tenantId), inArray(eventInvitees.id, delivered)));
    await recordChange(tx, actor, { action: "event.send_invitations", entityType: "event", entityId: eventId, after: result });
  });
  return result;
}
