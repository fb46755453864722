import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { uuidSchema } from "../../shared/contracts.ts";
import { candidateMatchesQuerySchema, candidateMatchListSchema, jobMatchesQuerySchema, jobMatchListSchema } from "../../shared/matching.ts";
import { langOf } from "../candidates/presenters.ts";
import * as policy from "./policy.ts";
import { matchesForCandidate, matchesForJob } from "./service.ts";

const tags = ["matching"];
const idParams = z.strictObject({ id: uuidSchema });

export function registerMatchingRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/v1/jobs/:id/matches",
    {
      onRequest: guard(ctx, policy.candidatesForJob),
      schema: {
        tags,
        summary: "Suggested candidates for the job, best first, each with its reasons and what is missing (a suggestion: a person decides; every ranking shown is logged)",
        params: idParams,
        querystring: jobMatchesQuerySchema,
        response: { 200: candidateMatchListSchema },
      },
    },
    async (request) => matchesForJob(ctx, actorOf(request), request.params.id, { limit: request.query.limit, lang: langOf(request.query.lang, request.headers["accept-language"]) }),
  );

  app.get(
    "/api/v1/candidates/:id/matches",
    {
      onRequest: guard(ctx, policy.jobsForCandidate),
      schema: {
        tags,
        summary: "The network's open jobs that suit the candidate best, with reasons and what would close the gap (a suggestion; every ranking shown is logged)",
        params: idParams,
        querystring: candidateMatchesQuerySchema,
        response: { 200: jobMatchListSchema },
      },
    },
    async (request) =>
      matchesForCandidate(ctx, actorOf(request), request.params.id, {
        limit: request.query.limit,
        lang: langOf(request.query.lang, request.headers["accept-language"]),
        includeIneligible: request.query.includeIneligible,
      }),
  );
}
