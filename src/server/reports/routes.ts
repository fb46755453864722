import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { langOf } from "../candidates/presenters.ts";
import { fairnessQuerySchema, fairnessReportSchema } from "../../shared/reports.ts";
import * as policy from "./policy.ts";
import { dashboardFiltersFor } from "./dashboard-filters.ts";
import { fairnessReport } from "./fairness.ts";
import { dashboardReport } from "./dashboard.ts";
import { dashboardTableRows, exportFileName } from "./dashboard-export.ts";
import { dashboardExportParamsSchema, dashboardQuerySchema, dashboardSchema } from "../../shared/dashboard.ts";
import type { DashboardTableId } from "../../shared/dashboard.ts";
import { csvFile, xlsxFile } from "../platform/tabular.ts";
import { contentDisposition } from "../candidates/files.ts";

const tags = ["reports"];

export function registerReportRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/v1/reports/fairness",
    {
      onRequest: guard(ctx, policy.fairness),
      schema: {
        tags,
        summary: "Selection rates by gender, age band and region of birth (top-10 suggestions, shared, hired), with the impact ratio and group sizes; groups under 5 suppressed",
        querystring: fairnessQuerySchema,
        response: { 200: fairnessReportSchema },
      },
    },
    async (request) => fairnessReport(ctx.db, actorOf(request).tenantId, { from: request.query.from, to: request.query.to, lang: langOf(request.query.lang, request.headers["accept-language"]) }),
  );

  app.get(
    "/api/v1/reports/dashboard",
    {
      onRequest: guard(ctx, policy.dashboard),
      schema: {
        tags,
        summary:
          "The goal dashboard: people toward each active goal with the straight line and the forecast, key figures, retention, and breakdowns by country and region of birth, gender, age band, industry, occupation group, placement type and month; aggregates with counts under 5 suppressed; advisors see their own caseload",
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema },
      },
    },
    async (request) => dashboardReport(ctx.db, actorOf(request).tenantId, dashboardFiltersFor(actorOf(request), request.query, request.headers["accept-language"])),
  );

  app.get(
    "/api/v1/reports/dashboard/:file",
    {
      onRequest: guard(ctx, policy.dashboard),
      schema: {
        tags,
        summary: "One table of the dashboard as CSV or XLSX (e.g. gender.csv, ageBand.xlsx), with the same filters and suppression: hidden cells read \"under 5\" or \"suppressed\"",
        params: dashboardExportParamsSchema,
        querystring: dashboardQuerySchema,
      },
    },
    async (request, reply) => {
      const filters = dashboardFiltersFor(actorOf(request), request.query, request.headers["accept-language"]);
      const report = await dashboardReport(ctx.db, actorOf(request).tenantId, filters);
      const [id, format] = request.params.file.split(".") as [DashboardTableId, "csv" | "xlsx"];
      const rows = dashboardTableRows(report, id, filters.lang);
      const name = exportFileName(report, id, format);
      reply.header("content-disposition", contentDisposition(name)).header("cache-control", "no-store");
      if (format === "csv") return reply.type("text/csv; charset=utf-8").send(csvFile(rows));
      return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(xlsxFile(rows, id));
    },
  );
}
