import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { contentDisposition } from "../candidates/files.ts";
import { getNetwork } from "../networks/service.ts";
import { listCaseworkers } from "../users/service.ts";
import { dashboardQuerySchema } from "../../shared/dashboard.ts";
import * as policy from "./policy.ts";
import { dashboardFiltersFor } from "./dashboard-filters.ts";
import { dashboardReport } from "./dashboard.ts";

/*
 * GET /api/v1/reports/board-report.pdf: the dashboard as a PDF for the steering group (board-report.ts). The same
 * query, roles and caseload rule as GET /api/v1/reports/dashboard: admins and viewers see the network (and may pick
 * an advisor), an advisor only their own caseload.
 */

export function registerBoardReportRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/v1/reports/board-report.pdf",
    {
      onRequest: guard(ctx, policy.dashboard),
      schema: {
        tags: ["reports"],
        summary:
          "The board report as an A4 PDF: goal status with forecast, key figures, the estimated value to society, the main charts with their numbers, retention and the small-number rule, for the dashboard's period and filters; advisors get their own caseload",
        querystring: dashboardQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const filters = dashboardFiltersFor(actor, request.query, request.headers["accept-language"]);
      const [dashboard, network] = await Promise.all([dashboardReport(ctx.db, actor.tenantId, filters), getNetwork(ctx.db, actor.tenantId)]);
      const advisorName = filters.advisorId ? ((await listCaseworkers(ctx.db, actor.tenantId)).find((c) => c.userId === filters.advisorId)?.name ?? null) : null;
      // Loaded on first use: vega and the PDF engine are not needed to start the server.
      const { renderBoardReportPdf } = await import("./board-report.ts");
      const pdf = await renderBoardReportPdf({ dashboard, network: { name: network.name, themeColor: network.themeColor }, advisorName, ownCaseload: filters.advisorId === actor.userId, lang: filters.lang });
      const name = `${filters.lang === "nb" ? "styrerapport" : "board-report"}-${dashboard.period.from}-${dashboard.period.to}.pdf`;
      return reply.type("application/pdf").header("content-disposition", contentDisposition(name)).header("cache-control", "no-store").send(pdf);
    },
  );
}
