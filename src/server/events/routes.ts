import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { encodeCursor } from "../platform/paging.ts";
import { listOf, uuidSchema } from "../../shared/contracts.ts";
import {
  addInviteesSchema,
  eventDetailSchema,
  eventInputSchema,
  eventListQuerySchema,
  eventPatchSchema,
  eventSchema,
  inviteePatchSchema,
  sendInvitationsResultSchema,
  sendInvitationsSchema,
} from "../../shared/events.ts";
import type { Event, EventKind, Invitee } from "../../shared/events.ts";
import * as policy from "./policy.ts";
import {
  addInvitees,
  createEvent,
  deleteEvent,
  eventCalendar,
  eventCounts,
  eventPartnersOf,
  getEvent,
  listEvents,
  listInvitees,
  removeInvitee,
  sendInvitations,
  updateEvent,
  updateInvitee,
} from "./service.ts";
import type { EventRow } from "./service.ts";

const tags = ["events"];
const idParams = z.strictObject({ id: uuidSchema });
const inviteeParams = z.strictObject({ id: uuidSchema, inviteeId: uuidSchema });

async function presentEvents(db: Db, rows: EventRow[]): Promise<Event[]> {
  const ids = rows.map((r) => r.id);
  const partnersOf = await eventPartnersOf(db, ids);
  const counts = await eventCounts(db, ids);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as EventKind,
    title: row.title,
    description: row.description,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    place: row.place,
    partners: partnersOf.get(row.id) ?? [],
    interviewsAgreed: row.interviewsAgreed,
    outcomeNotes: row.outcomeNotes,
    counts: counts.get(row.id) ?? { invited: 0, registered: 0, attended: 0 },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

async function presentDetail(db: Db, actor: Actor, row: EventRow) {
  const [event] = await presentEvents(db, [row]);
  const invitees = await db.transaction((tx) => listInvitees(tx, actor, actor.tenantId, row.id));
  return {
    ...event!,
    invitees: invitees.map(
      (i): Invitee => ({
        id: i.id,
        kind: i.candidateId ? "candidate" : "contact",
        candidateId: i.candidateId,
        contactId: i.contactId,
        name: i.name,
        employer: i.employer,
        hasEmail: Boolean(i.email),
        status: i.status as Invitee["status"],
        invitedAt: i.invitedAt?.toISOString() ?? null,
        attended: i.attended,
      }),
    ),
  };
}

export function registerEventRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = guard(ctx, policy.read);
  const write = guard(ctx, policy.write);

  app.get(
    "/api/v1/events",
    { onRequest: read, schema: { tags, summary: "Events: upcoming (soonest first), past or all (latest first)", querystring: eventListQuerySchema, response: { 200: listOf(eventSchema) } } },
    async (request) => {
      const rows = await listEvents(ctx.db, actorOf(request).tenantId, request.query);
      const page = rows.slice(0, request.query.limit);
      const last = page.at(-1);
      return { items: await presentEvents(ctx.db, page), nextCursor: rows.length > request.query.limit && last ? encodeCursor({ createdAt: last.startsAt, id: last.id }) : null };
    },
  );
  app.post("/api/v1/events", { onRequest: write, schema: { tags, summary: "Create an event", body: eventInputSchema, response: { 201: eventDetailSchema } } }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.status(201).send(await presentDetail(ctx.db, actor, await createEvent(ctx.db, actor, request.body)));
  });
  app.get("/api/v1/events/:id", { onRequest: read, schema: { tags, summary: "An event with its invitees (reading the candidates among them is logged)", params: idParams, response: { 200: eventDetailSchema } } }, async (request) => {
    const actor = actorOf(request);
    return presentDetail(ctx.db, actor, await getEvent(ctx.db, actor.tenantId, request.params.id));
  });
  app.patch("/api/v1/events/:id", { onRequest: write, schema: { tags, summary: "Change an event, or record its outcome", params: idParams, body: eventPatchSchema, response: { 200: eventDetailSchema } } }, async (request) => {
    const actor = actorOf(request);
    return presentDetail(ctx.db, actor, await updateEvent(ctx.db, actor, request.params.id, request.body));
  });
  app.delete("/api/v1/events/:id", { onRequest: write, schema: { tags, summary: "Delete an event with its invitees", params: idParams } }, async (request, reply) => {
    await deleteEvent(ctx.db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  app.get(
    "/api/v1/events/:id/calendar.ics",
    { onRequest: read, schema: { tags, summary: "The event as an iCalendar file (what invitees get attached)", params: idParams } },
    async (request, reply) => {
      const event = await getEvent(ctx.db, actorOf(request).tenantId, request.params.id);
      return reply.type("text/calendar; charset=utf-8").header("content-disposition", 'attachment; filename="arrangement.ics"').send(await eventCalendar(ctx, event));
    },
  );
  app.post(
    "/api/v1/events/:id/invitees",
    { onRequest: write, schema: { tags, summary: "Invite candidates and employers' contacts (those already invited stay as they are)", params: idParams, body: addInviteesSchema, response: { 201: eventDetailSchema } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await addInvitees(ctx.db, actor, request.params.id, request.body);
      return reply.status(201).send(await presentDetail(ctx.db, actor, await getEvent(ctx.db, actor.tenantId, request.params.id)));
    },
  );
  app.patch(
    "/api/v1/events/:id/invitees/:inviteeId",
    { onRequest: write, schema: { tags, summary: "Record a registration, a refusal or attendance", params: inviteeParams, body: inviteePatchSchema, response: { 200: z.object({ id: uuidSchema, status: z.string(), attended: z.boolean().nullable() }) } } },
    async (request) => {
      const row = await updateInvitee(ctx.db, actorOf(request), request.params.id, request.params.inviteeId, request.body);
      return { id: row.id, status: row.status, attended: row.attended };
    },
  );
  app.delete("/api/v1/events/:id/invitees/:inviteeId", { onRequest: write, schema: { tags, summary: "Take someone off the invitation list", params: inviteeParams } }, async (request, reply) => {
    await removeInvitee(ctx.db, actorOf(request), request.params.id, request.params.inviteeId);
    return reply.status(204).send();
  });
  app.post(
    "/api/v1/events/:id/invitations",
    { onRequest: write, schema: { tags, summary: "E-mail the invitation with a calendar file to everyone not yet invited (or to all, resend)", params: idParams, body: sendInvitationsSchema, response: { 200: sendInvitationsResultSchema } } },
    async (request) => sendInvitations(ctx, actorOf(request), request.params.id, request.body),
  );
}
