import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { eq } from "drizzle-orm";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { decodeCursor, toPage } from "../platform/paging.ts";
import { csvFile, xlsxFile } from "../platform/tabular.ts";
import { notFound } from "../platform/errors.ts";
import { contentDisposition } from "../candidates/files.ts";
import { networks } from "../networks/tables.ts";
import { listOf, pageQuerySchema } from "../../shared/contracts.ts";
import {
  accessFlagSchema,
  auditChangeSchema,
  auditExportQuerySchema,
  auditReadSchema,
  auditSearchQuerySchema,
  auditSettingsPatchSchema,
  auditSettingsSchema,
  deniedQuerySchema,
  deniedRequestSchema,
  processingRecordSchema,
} from "../../shared/audit.ts";
import * as policy from "./policy.ts";
import { exportChanges, exportReads, getAuditSettings, listDenied, listFlags, searchChanges, searchReads, updateAuditSettings } from "./service.ts";
import { processingRecord, processingRecordInputs } from "./processing-record.ts";
import { retentionSettingsOf } from "../privacy/retention.ts";

const tags = ["audit"];
const strip = <T extends { createdAt: Date }>({ createdAt: _createdAt, ...rest }: T) => rest;

export function registerAuditRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const logs = guard(ctx, policy.readLogs);

  app.get(
    "/api/v1/audit/changes",
    { onRequest: logs, schema: { tags, summary: "Search the audit trail: who changed what, when (newest first)", querystring: auditSearchQuerySchema, response: { 200: listOf(auditChangeSchema) } } },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = toPage(await searchChanges(ctx.db, actorOf(request), filter, { limit, cursor: decodeCursor(cursor) }), limit);
      return { items: page.items.map(strip), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/audit/reads",
    { onRequest: logs, schema: { tags, summary: "Search the access log: who read whose data, when and why (newest first)", querystring: auditSearchQuerySchema, response: { 200: listOf(auditReadSchema) } } },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = toPage(await searchReads(ctx.db, actorOf(request), filter, { limit, cursor: decodeCursor(cursor) }), limit);
      return { items: page.items.map(strip), nextCursor: page.nextCursor };
    },
  );

  for (const kind of ["changes", "reads"] as const) {
    app.get(
      `/api/v1/audit/${kind}/export`,
      { onRequest: logs, schema: { tags, summary: `The ${kind === "changes" ? "audit trail" : "access log"} with the same filters as CSV or XLSX (up to 100 000 rows)`, querystring: auditExportQuerySchema } },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        const actor = actorOf(request);
        const rows = kind === "changes" ? await exportChanges(ctx.db, actor, filter) : await exportReads(ctx.db, actor, filter);
        const name = `${kind === "changes" ? "audit-trail" : "access-log"}-${new Date().toISOString().slice(0, 10)}.${format}`;
        reply.header("content-disposition", contentDisposition(name)).header("cache-control", "no-store");
        if (format === "csv") return reply.type("text/csv; charset=utf-8").send(csvFile(rows));
        return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(xlsxFile(rows, kind));
      },
    );
  }

  app.get(
    "/api/v1/audit/denied",
    { onRequest: logs, schema: { tags, summary: "Requests answered 401 or 403 (the network's; unknown callers for instance administrators)", querystring: deniedQuerySchema, response: { 200: listOf(deniedRequestSchema) } } },
    async (request) => {
      const { limit, cursor, ...query } = request.query;
      const page = toPage(await listDenied(ctx.db, actorOf(request), query, { limit, cursor: decodeCursor(cursor) }), limit);
      return { items: page.items.map(strip), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/audit/flags",
    { onRequest: logs, schema: { tags, summary: "Flags of unusual access (one user reading many people in a short time)", querystring: pageQuerySchema, response: { 200: listOf(accessFlagSchema) } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const page = toPage(await listFlags(ctx.db, actorOf(request), { limit, cursor: decodeCursor(cursor) }), limit);
      return { items: page.items.map(strip), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/audit/settings",
    { onRequest: logs, schema: { tags, summary: "The network's threshold for unusual access", response: { 200: auditSettingsSchema } } },
    async (request) => {
      const { maxProfiles, windowMinutes } = await getAuditSettings(ctx.db, actorOf(request).tenantId);
      return { maxProfiles, windowMinutes };
    },
  );

  app.patch(
    "/api/v1/audit/settings",
    { onRequest: guard(ctx, policy.changeSettings), schema: { tags, summary: "Change the threshold for unusual access", body: auditSettingsPatchSchema, response: { 200: auditSettingsSchema } } },
    async (request) => updateAuditSettings(ctx.db, actorOf(request), request.body),
  );

  app.get(
    "/api/v1/audit/processing-record",
    { onRequest: guard(ctx, policy.readProcessingRecord), schema: { tags, summary: "The record of processing activities (GDPR art. 30), generated from the settings and the data model", response: { 200: processingRecordSchema } } },
    async (request) => {
      const tenantId = actorOf(request).tenantId;
      const [network] = await ctx.db.select().from(networks).where(eq(networks.id, tenantId)).limit(1);
      if (!network) throw notFound("The network");
      // The retention rules the network set (privacy/); the audit trail is kept without a time limit.
      const retention = await retentionSettingsOf(ctx.db, tenantId);
      return processingRecord(network, await processingRecordInputs(ctx.db, tenantId, { candidateInactiveMonths: retention.inactiveMonths, accessLogMonths: retention.accessLogMonths, auditLogMonths: null }));
    },
  );
}
