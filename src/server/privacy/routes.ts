import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { uuidSchema } from "../../shared/contracts.ts";
import { retentionSettingsSchema, retentionStatusSchema } from "../../shared/privacy.ts";
import { contentDisposition } from "../candidates/files.ts";
import * as policy from "./policy.ts";
import { buildAccessReport } from "./access-report.ts";
import { getRetentionStatus, updateRetentionSettings } from "./service.ts";

const tags = ["privacy"];
const idParams = z.strictObject({ id: uuidSchema });

export function registerPrivacyRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const accessReport = guard(ctx, policy.accessReport);
  const retention = guard(ctx, policy.retention);

  app.get(
    "/api/v1/candidates/:id/access-report",
    { onRequest: accessReport, schema: { tags, summary: "Right of access: everything the network holds about the candidate, as JSON (logged with purpose access_request)", params: idParams } },
    async (request, reply) => {
      const report = await buildAccessReport(ctx.db, actorOf(request), request.params.id);
      return reply.header("content-disposition", contentDisposition(`innsyn-${report.generatedAt.slice(0, 10)}.json`)).header("cache-control", "no-store").send(report);
    },
  );

  app.get(
    "/api/v1/candidates/:id/access-report.pdf",
    { onRequest: accessReport, schema: { tags, summary: "Right of access: the same report as a readable PDF in bokmål (logged with purpose access_request)", params: idParams } },
    async (request, reply) => {
      const report = await buildAccessReport(ctx.db, actorOf(request), request.params.id);
      // Loaded on first use: the PDF engine and its fonts are not needed to start the server.
      const { renderAccessReportPdf } = await import("./access-report-pdf.ts");
      const pdf = await renderAccessReportPdf(report);
      return reply.type("application/pdf").header("content-disposition", contentDisposition(`innsyn-${report.generatedAt.slice(0, 10)}.pdf`)).header("cache-control", "no-store").send(pdf);
    },
  );

  app.get(
    "/api/v1/settings/retention",
    { onRequest: retention, schema: { tags, summary: "The network's retention settings, the job's last and next run, and what it would do now", response: { 200: retentionStatusSchema } } },
    async (request) => getRetentionStatus(ctx.db, actorOf(request)),
  );

  app.put(
    "/api/v1/settings/retention",
    { onRequest: retention, schema: { tags, summary: "Change the network's retention settings", body: retentionSettingsSchema, response: { 200: retentionSettingsSchema } } },
    async (request) => updateRetentionSettings(ctx.db, actorOf(request), request.body),
  );
}
