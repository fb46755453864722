import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { langOf } from "../candidates/presenters.ts";
import { fairnessQuerySchema, fairnessReportSchema } from "../../shared/reports.ts";
import * as policy from "./policy.ts";
import { fairnessReport } from "./fairness.ts";

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
}
