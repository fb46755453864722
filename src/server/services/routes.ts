import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { uuidSchema } from "../../shared/contracts.ts";
import { langOf } from "../candidates/presenters.ts";
import {
  activityReportQuerySchema,
  activityReportSchema,
  addParticipantSchema,
  attendanceMarkSchema,
  attendanceSchema,
  candidateServiceInputSchema,
  candidateServiceSchema,
  groupDetailSchema,
  groupInputSchema,
  groupPatchSchema,
  groupSchema,
  groupSessionInputSchema,
  groupSessionSchema,
  leaveResultSchema,
  participantResultSchema,
  partnerInputSchema,
  partnerPatchSchema,
  partnerSchema,
  serviceTypeInputSchema,
  serviceTypePatchSchema,
  serviceTypeSchema,
  timelineQuerySchema,
  timelineSchema,
} from "../../shared/services.ts";
import * as policy from "./policy.ts";
import {
  addParticipant,
  addSession,
  createGroup,
  createPartner,
  createServiceType,
  deleteCandidateService,
  deleteGroup,
  deleteSession,
  getAttendance,
  groupMembers,
  listCandidateServices,
  listGroups,
  listPartners,
  listServiceTypes,
  listSessions,
  loadGroup,
  markAttendance,
  recordService,
  removeParticipant,
  updateGroup,
  updatePartner,
  updateServiceType,
} from "./service.ts";
import { presentCandidateServices, presentGroups, presentPartner, presentServiceTypes, presentSession } from "./presenters.ts";
import { candidateTimeline } from "./timeline.ts";
import { timelineSources } from "./timeline-sources.ts";
import { activityReport } from "./activity-report.ts";

const tags = ["services"];
const idParams = z.strictObject({ id: uuidSchema });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export function registerServiceRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const readSettings = guard(ctx, policy.readSettings);
  const manageSettings = guard(ctx, policy.manageSettings);
  const readServices = guard(ctx, policy.readCandidateServices);
  const recordServices = guard(ctx, policy.recordServices);
  const groups = guard(ctx, policy.groups);
  const attendance = guard(ctx, policy.attendance);

  // Partners -------------------------------------------------------------------------------------------
  app.get("/api/v1/services/partners", { onRequest: readSettings, schema: { tags, summary: "The network's partner organisations, by name", response: { 200: items(partnerSchema) } } }, async (request) => ({
    items: (await listPartners(ctx.db, actorOf(request).tenantId)).map(presentPartner),
  }));
  app.post("/api/v1/services/partners", { onRequest: manageSettings, schema: { tags, summary: "Add a partner organisation (names are unique in the network)", body: partnerInputSchema, response: { 201: partnerSchema } } }, async (request, reply) =>
    reply.status(201).send(presentPartner(await createPartner(ctx.db, actorOf(request), request.body))),
  );
  app.patch("/api/v1/services/partners/:id", { onRequest: manageSettings, schema: { tags, summary: "Rename a partner or change its kind", params: idParams, body: partnerPatchSchema, response: { 200: partnerSchema } } }, async (request) =>
    presentPartner(await updatePartner(ctx.db, actorOf(request), request.params.id, request.body)),
  );

  // Service types --------------------------------------------------------------------------------------
  app.get("/api/v1/services/types", { onRequest: readSettings, schema: { tags, summary: "The network's service types (the defaults are made on first use)", response: { 200: items(serviceTypeSchema) } } }, async (request) => {
    const tenantId = actorOf(request).tenantId;
    return { items: await presentServiceTypes(ctx.db, tenantId, await listServiceTypes(ctx.db, tenantId)) };
  });
  app.post("/api/v1/services/types", { onRequest: manageSettings, schema: { tags, summary: "Add a service type with its default delivering partner", body: serviceTypeInputSchema, response: { 201: serviceTypeSchema } } }, async (request, reply) => {
    const actor = actorOf(request);
    const [view] = await presentServiceTypes(ctx.db, actor.tenantId, [await createServiceType(ctx.db, actor, request.body)]);
    return reply.status(201).send(view!);
  });
  app.patch("/api/v1/services/types/:id", { onRequest: manageSettings, schema: { tags, summary: "Rename a service type, change its default partner, or archive it", params: idParams, body: serviceTypePatchSchema, response: { 200: serviceTypeSchema } } }, async (request) => {
    const actor = actorOf(request);
    const [view] = await presentServiceTypes(ctx.db, actor.tenantId, [await updateServiceType(ctx.db, actor, request.params.id, request.body)]);
    return view!;
  });

  // Services on a candidate ----------------------------------------------------------------------------
  app.get("/api/v1/candidates/:id/services", { onRequest: readServices, schema: { tags, summary: "The services a candidate has had, newest first (the read is logged)", params: idParams, response: { 200: items(candidateServiceSchema) } } }, async (request) => {
    const actor = actorOf(request);
    return { items: await presentCandidateServices(ctx.db, actor.tenantId, await listCandidateServices(ctx.db, actor, request.params.id)) };
  });
  app.post(
    "/api/v1/candidates/:id/services",
    { onRequest: recordServices, schema: { tags, summary: "Record a service delivered to the candidate (the partner defaults to the type's)", params: idParams, body: candidateServiceInputSchema, response: { 201: candidateServiceSchema } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const [view] = await presentCandidateServices(ctx.db, actor.tenantId, [await recordService(ctx.db, actor, request.params.id, request.body)]);
      return reply.status(201).send(view!);
    },
  );
  app.delete(
    "/api/v1/candidates/:id/services/:serviceId",
    { onRequest: recordServices, schema: { tags, summary: "Delete a service recorded by mistake", params: z.strictObject({ id: uuidSchema, serviceId: uuidSchema }) } },
    async (request, reply) => {
      await deleteCandidateService(ctx.db, actorOf(request), request.params.id, request.params.serviceId);
      return reply.status(204).send();
    },
  );

  // The candidate's timeline ---------------------------------------------------------------------------
  app.get(
    "/api/v1/candidates/:id/timeline",
    {
      onRequest: guard(ctx, policy.timeline),
      schema: { tags, summary: "Everything that happened with the candidate across partners, newest first, as far as the role may see (the read is logged)", params: idParams, querystring: timelineQuerySchema, response: { 200: timelineSchema } },
    },
    async (request) =>
      candidateTimeline(ctx.db, actorOf(request), request.params.id, { limit: request.query.limit, lang: langOf(request.query.lang, request.headers["accept-language"]) }, timelineSources),
  );

  // Groups ---------------------------------------------------------------------------------------------
  app.get("/api/v1/services/groups", { onRequest: groups, schema: { tags, summary: "The network's groups, by name, with participants, waiting list and next session", response: { 200: items(groupSchema) } } }, async (request) => {
    const tenantId = actorOf(request).tenantId;
    return { items: await presentGroups(ctx.db, tenantId, await listGroups(ctx.db, tenantId)) };
  });
  app.post("/api/v1/services/groups", { onRequest: groups, schema: { tags, summary: "Start a group (e.g. a language group at a senior centre)", body: groupInputSchema, response: { 201: groupSchema } } }, async (request, reply) => {
    const actor = actorOf(request);
    const [view] = await presentGroups(ctx.db, actor.tenantId, [await createGroup(ctx.db, actor, request.body)]);
    return reply.status(201).send(view!);
  });
  app.get("/api/v1/services/groups/:id", { onRequest: groups, schema: { tags, summary: "A group with its participants, waiting list (in order) and sessions (the read is logged)", params: idParams, response: { 200: groupDetailSchema } } }, async (request) => {
    const actor = actorOf(request);
    const row = await loadGroup(ctx.db, actor.tenantId, request.params.id);
    const [view] = await presentGroups(ctx.db, actor.tenantId, [row]);
    const members = await ctx.db.transaction((tx) => groupMembers(tx, actor, row.id));
    return { ...view!, members, sessions: (await listSessions(ctx.db, actor.tenantId, row.id)).map(presentSession) };
  });
  app.patch("/api/v1/services/groups/:id", { onRequest: groups, schema: { tags, summary: "Change a group; more places move the first waiting in", params: idParams, body: groupPatchSchema, response: { 200: groupSchema } } }, async (request) => {
    const actor = actorOf(request);
    const [view] = await presentGroups(ctx.db, actor.tenantId, [await updateGroup(ctx.db, actor, request.params.id, request.body)]);
    return view!;
  });
  app.delete("/api/v1/services/groups/:id", { onRequest: groups, schema: { tags, summary: "Delete a group with its sessions and attendance", params: idParams } }, async (request, reply) => {
    await deleteGroup(ctx.db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  app.post(
    "/api/v1/services/groups/:id/participants",
    { onRequest: groups, schema: { tags, summary: "Add a candidate: in the group while there is room, else last on the waiting list", params: idParams, body: addParticipantSchema, response: { 201: participantResultSchema } } },
    async (request, reply) => reply.status(201).send(await addParticipant(ctx.db, actorOf(request), request.params.id, request.body.candidateId)),
  );
  app.delete(
    "/api/v1/services/groups/:id/participants/:candidateId",
    { onRequest: groups, schema: { tags, summary: "Take a candidate out of the group or off the waiting list; the first waiting moves into a freed place", params: z.strictObject({ id: uuidSchema, candidateId: uuidSchema }), response: { 200: leaveResultSchema } } },
    async (request) => removeParticipant(ctx.db, actorOf(request), request.params.id, request.params.candidateId),
  );
  app.post(
    "/api/v1/services/groups/:id/sessions",
    { onRequest: groups, schema: { tags, summary: "Add a session (a meeting of the group)", params: idParams, body: groupSessionInputSchema, response: { 201: groupSessionSchema } } },
    async (request, reply) => reply.status(201).send(presentSession(await addSession(ctx.db, actorOf(request), request.params.id, request.body))),
  );
  app.delete(
    "/api/v1/services/groups/:id/sessions/:sessionId",
    { onRequest: groups, schema: { tags, summary: "Delete a session with its attendance", params: z.strictObject({ id: uuidSchema, sessionId: uuidSchema }) } },
    async (request, reply) => {
      await deleteSession(ctx.db, actorOf(request), request.params.id, request.params.sessionId);
      return reply.status(204).send();
    },
  );

  // Attendance at the door -----------------------------------------------------------------------------
  app.get(
    "/api/v1/services/sessions/:id/attendance",
    { onRequest: attendance, schema: { tags, summary: "The attendance list of a session: the group's participants and what is marked", params: idParams, response: { 200: attendanceSchema } } },
    async (request) => {
      const result = await getAttendance(ctx.db, actorOf(request), request.params.id);
      return { session: presentSession(result.session), group: { id: result.group.id, name: result.group.name, place: result.group.place }, participants: result.participants };
    },
  );
  app.put(
    "/api/v1/services/sessions/:id/attendance/:candidateId",
    {
      onRequest: attendance,
      schema: { tags, summary: "Mark a participant present or absent (saved on every tap)", params: z.strictObject({ id: uuidSchema, candidateId: uuidSchema }), body: attendanceMarkSchema, response: { 200: z.object({ candidateId: uuidSchema, present: z.boolean() }) } },
    },
    async (request) => markAttendance(ctx.db, actorOf(request), request.params.id, request.params.candidateId, request.body.present),
  );

  // The activity report --------------------------------------------------------------------------------
  app.get(
    "/api/v1/reports/activity",
    { onRequest: guard(ctx, policy.report), schema: { tags: ["reports"], summary: "Services and group attendance by type and partner, and event outcomes by kind; aggregated, small counts suppressed", querystring: activityReportQuerySchema, response: { 200: activityReportSchema } } },
    async (request) => activityReport(ctx.db, actorOf(request).tenantId, request.query),
  );
}
