import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import type { Actor } from "../platform/actor.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { listOf, pageQuerySchema, uuidSchema } from "../../shared/contracts.ts";
import {
  activityInputSchema,
  activitySchema,
  contactInputSchema,
  contactPatchSchema,
  contactSchema,
  employerCreateQuerySchema,
  employerImportQuerySchema,
  employerImportReportSchema,
  employerInputSchema,
  employerListItemSchema,
  employerListQuerySchema,
  employerPatchSchema,
  employerPortalSchema,
  employerSchema,
  statusChangeInputSchema,
  taskPatchSchema,
  taskQuerySchema,
  taskSchema,
} from "../../shared/employers.ts";
import { contentDisposition } from "../candidates/files.ts";
import * as policy from "./policy.ts";
import {
  addContact,
  contactsOf,
  createEmployer,
  deleteContact,
  deleteEmployer,
  encodeListCursor,
  inviteContact,
  listEmployers,
  loadEmployer,
  setEmployerStatus,
  updateContact,
  updateEmployer,
} from "./service.ts";
import type { ContactRow } from "./service.ts";
import { addActivity, encodeActivityCursor, listActivities, listTasks, setTaskDone } from "./activities.ts";
import { namesInActivities, presentActivity, presentEmployer, presentListItem, presentPortal, presentTask } from "./presenters.ts";
import { importEmployers } from "./import.ts";
import { exportEmployersCsv } from "./export.ts";
import { portalEmployer } from "./portal.ts";
import { osloDate } from "../platform/dates.ts";

const tags = ["employers"];
const idParams = z.strictObject({ id: uuidSchema });
const contactParams = z.strictObject({ id: uuidSchema, contactId: uuidSchema });

/** Import files: read as raw bytes, only in this plugin. */
const fileContentTypes = ["text/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];
const importMaxBytes = 10 * 1024 * 1024;

const internal = (actor: Actor) => policy.readInternal.includes(actor.role);

export function registerEmployerRoutes(fastify: FastifyInstance, ctx: AppContext) {
  fastify.register(async (scope) => {
    scope.addContentTypeParser(fileContentTypes, { parseAs: "buffer", bodyLimit: importMaxBytes }, (_request, body, done) => done(null, body));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const read = guard(ctx, policy.read);
    const readInternal = guard(ctx, policy.readInternal);
    const write = guard(ctx, policy.write);
    const tasks = guard(ctx, policy.tasks);

    const employerView = async (actor: Actor, id: string) => presentEmployer(ctx.db, await loadEmployer(ctx.db, actor.tenantId, id), { internal: internal(actor) });
    const presentContact = async (actor: Actor, row: ContactRow) => {
      const [contact] = await contactsOf(ctx.db, actor.tenantId, [row.employerId]).then((all) => all.filter((c) => c.id === row.id));
      const c = contact ?? { ...row, access: "none" as const };
      return { id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone, access: c.access };
    };

    app.get(
      "/api/v1/employers",
      { onRequest: read, schema: { tags, summary: "Employers of the network: search, filters, sorting, paging", querystring: employerListQuerySchema, response: { 200: listOf(employerListItemSchema) } } },
      async (request) => {
        const rows = await listEmployers(ctx.db, actorOf(request), request.query);
        const items = rows.slice(0, request.query.limit);
        const last = items.at(-1);
        return { items: items.map(presentListItem), nextCursor: rows.length > request.query.limit && last ? encodeListCursor(request.query.sort, last) : null };
      },
    );

    app.post(
      "/api/v1/employers",
      {
        onRequest: write,
        schema: { tags, summary: "Register an employer (409 possible_duplicate when the organisation number is registered, unless confirmNotDuplicate=true)", querystring: employerCreateQuerySchema, body: employerInputSchema, response: { 201: employerSchema } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const row = await createEmployer(ctx.db, actor, request.body, { confirmNotDuplicate: request.query.confirmNotDuplicate === "true" });
        return reply.status(201).send(await presentEmployer(ctx.db, row, { internal: true }));
      },
    );

    app.get(
      "/api/v1/employers/export.csv",
      { onRequest: guard(ctx, policy.exportAll), schema: { tags, summary: "All employers of the network with their contacts as CSV" } },
      async (request, reply) => {
        const csv = await exportEmployersCsv(ctx.db, actorOf(request));
        return reply.type("text/csv; charset=utf-8").header("content-disposition", contentDisposition(`employers-${osloDate()}.csv`)).send(csv);
      },
    );

    app.post(
      "/api/v1/employers/import",
      {
        onRequest: guard(ctx, policy.importFile),
        schema: { tags, summary: "Import employers from a CSV or XLSX file (the raw body); dryRun lists every rejected row", querystring: employerImportQuerySchema, response: { 200: employerImportReportSchema } },
      },
      async (request) => {
        const body = request.body;
        const file = Buffer.isBuffer(body) ? body : typeof body === "string" ? Buffer.from(body) : Buffer.alloc(0);
        const actor = actorOf(request);
        return importEmployers(ctx.db, actor, actor.tenantId, file, { dryRun: request.query.dryRun === "true", skipInvalid: request.query.skipInvalid === "true" });
      },
    );

    app.get(
      "/api/v1/employers/:id",
      { onRequest: read, schema: { tags, summary: "One employer with contacts, status history, certificates and hires", params: idParams, response: { 200: employerSchema } } },
      async (request) => employerView(actorOf(request), request.params.id),
    );

    app.patch(
      "/api/v1/employers/:id",
      {
        onRequest: write,
        schema: {
          tags,
          summary: "Change an employer (the status has its own route); a new organisation number that another employer has is 409 possible_duplicate, unless confirmNotDuplicate=true",
          params: idParams,
          querystring: employerCreateQuerySchema,
          body: employerPatchSchema,
          response: { 200: employerSchema },
        },
      },
      async (request) =>
        presentEmployer(ctx.db, await updateEmployer(ctx.db, actorOf(request), request.params.id, request.body, { confirmNotDuplicate: request.query.confirmNotDuplicate === "true" }), { internal: true }),
    );

    app.delete(
      "/api/v1/employers/:id",
      { onRequest: guard(ctx, policy.remove), schema: { tags, summary: "Delete an employer with its contacts, timeline and certificates (hires keep the name)", params: idParams } },
      async (request, reply) => {
        await deleteEmployer(ctx.db, actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      "/api/v1/employers/:id/status",
      {
        onRequest: write,
        schema: { tags, summary: "Change the membership status (kept in the history; certified only by confirming a certification)", params: idParams, body: statusChangeInputSchema, response: { 200: employerSchema } },
      },
      async (request) => presentEmployer(ctx.db, await setEmployerStatus(ctx.db, actorOf(request), request.params.id, request.body), { internal: true }),
    );

    app.post(
      "/api/v1/employers/:id/contacts",
      { onRequest: write, schema: { tags, summary: "Add a contact person", params: idParams, body: contactInputSchema, response: { 201: contactSchema } } },
      async (request, reply) => {
        const actor = actorOf(request);
        return reply.status(201).send(await presentContact(actor, await addContact(ctx.db, actor, request.params.id, request.body)));
      },
    );

    app.patch(
      "/api/v1/employers/:id/contacts/:contactId",
      { onRequest: write, schema: { tags, summary: "Change a contact person", params: contactParams, body: contactPatchSchema, response: { 200: contactSchema } } },
      async (request) => {
        const actor = actorOf(request);
        return presentContact(actor, await updateContact(ctx.db, actor, request.params.id, request.params.contactId, request.body));
      },
    );

    app.delete(
      "/api/v1/employers/:id/contacts/:contactId",
      { onRequest: write, schema: { tags, summary: "Remove a contact person (an open invitation is withdrawn; a linked employer user no longer sees the company)", params: contactParams } },
      async (request, reply) => {
        await deleteContact(ctx.db, actorOf(request), request.params.id, request.params.contactId);
        return reply.status(204).send();
      },
    );

    app.post(
      "/api/v1/employers/:id/contacts/:contactId/invite",
      { onRequest: write, schema: { tags, summary: "Invite the contact by e-mail as an employer user of this company (422 without an e-mail address)", params: contactParams, response: { 201: contactSchema } } },
      async (request, reply) => {
        const actor = actorOf(request);
        const contact = await inviteContact(ctx, actor, request.params.id, request.params.contactId);
        return reply.status(201).send(await presentContact(actor, contact));
      },
    );

    app.get(
      "/api/v1/employers/:id/activities",
      { onRequest: readInternal, schema: { tags, summary: "The employer's timeline, newest first", params: idParams, querystring: pageQuerySchema.extend({ cursor: z.string().max(300).optional() }), response: { 200: listOf(activitySchema) } } },
      async (request) => {
        const rows = await listActivities(ctx.db, actorOf(request), request.params.id, request.query);
        const items = rows.slice(0, request.query.limit);
        const last = items.at(-1);
        return { items: items.map(presentActivity(await namesInActivities(ctx.db, items))), nextCursor: rows.length > request.query.limit && last ? encodeActivityCursor(last) : null };
      },
    );

    app.post(
      "/api/v1/employers/:id/activities",
      { onRequest: write, schema: { tags, summary: "Log a visit, call, meeting, e-mail, event or note, with an optional follow-up task", params: idParams, body: activityInputSchema, response: { 201: activitySchema } } },
      async (request, reply) => {
        const row = await addActivity(ctx.db, actorOf(request), request.params.id, request.body);
        return reply.status(201).send(presentActivity(await namesInActivities(ctx.db, [row]))(row));
      },
    );

    app.get(
      "/api/v1/tasks",
      { onRequest: tasks, schema: { tags, summary: "Follow-up tasks: mine or (admins) everyone's, open or done; open ones by due date, overdue first", querystring: taskQuerySchema, response: { 200: z.object({ items: z.array(taskSchema) }) } } },
      async (request) => {
        const today = osloDate();
        return { items: (await listTasks(ctx.db, actorOf(request), request.query)).map((row) => presentTask(row, today)) };
      },
    );

    app.patch(
      "/api/v1/tasks/:activityId",
      { onRequest: tasks, schema: { tags, summary: "Mark a follow-up task done, or open it again", params: z.strictObject({ activityId: uuidSchema }), body: taskPatchSchema, response: { 200: taskSchema } } },
      async (request) => presentTask(await setTaskDone(ctx.db, actorOf(request), request.params.activityId, request.body.done)),
    );

    app.get(
      "/api/v1/employer-portal",
      { onRequest: guard(ctx, policy.portal), schema: { tags, summary: "For an employer user: their own company, contacts, membership and certificates", response: { 200: employerPortalSchema } } },
      async (request) => presentPortal(ctx.db, await portalEmployer(ctx.db, actorOf(request))),
    );
  });
}
