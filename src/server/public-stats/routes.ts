import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { guard } from "../platform/authenticate.ts";
import { langOf } from "../candidates/presenters.ts";
import { networkStatsListSchema, publicStatsParamsSchema, publicStatsQuerySchema, publicStatsSchema } from "../../shared/public-stats.ts";
import { dashboardQuerySchema } from "../../shared/dashboard.ts";
import * as policy from "./policy.ts";
import { createStatsCache, etagOf, matchesEtag, networksOverview, presentPublicStats, publishingNetwork } from "./service.ts";

const maxAgeSeconds = 300;

export function registerPublicStatsRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Per app: the counted figures of each network and language, for five minutes.
  const cache = createStatsCache(ctx.db);

  // ---- Public: no sign-in. Counted by the API rate limit like every other /api route.
  app.get(
    "/api/public/networks/:slug/stats",
    {
      schema: {
        tags: ["public"],
        summary:
          "The headline figures the network chose to publish (people in work, companies with a hire, countries of birth, gender split, occupation groups, industries) over its whole history; aggregates with counts under 5 shown as under 5. CORS-open, cached five minutes, ETag. 404 for an unknown network or one that does not publish.",
        security: [],
        params: publicStatsParamsSchema,
        querystring: publicStatsQuerySchema,
        response: { 200: publicStatsSchema, 304: z.null().describe("Not modified: the figures are the same as the ETag in If-None-Match") },
      },
    },
    async (request, reply) => {
      // Open to every site, read-only and without credentials; set before anything can fail, so errors are readable too.
      reply.header("access-control-allow-origin", "*").header("access-control-allow-methods", "GET").header("access-control-expose-headers", "etag").header("cross-origin-resource-policy", "cross-origin");
      const network = await publishingNetwork(ctx.db, request.params.slug);
      const lang = request.query.lang ?? "nb";
      const { report, countedAt } = await cache.history(network.id, lang);
      const body = presentPublicStats(network, report, countedAt);
      const etag = etagOf(body);
      reply.header("cache-control", `public, max-age=${maxAgeSeconds}`).header("etag", etag);
      if (matchesEtag(request.headers["if-none-match"], etag)) return reply.status(304).send(null);
      return reply.send(body);
    },
  );

  app.get(
    "/api/v1/admin/networks/stats",
    {
      onRequest: guard(ctx, policy.overview, { instanceAdmin: true }),
      schema: {
        tags: ["reports"],
        summary:
          "Every network side by side, by name (instance administrators): people in work and companies over the whole history, placements in the last 12 months, and the main goal's progress; aggregates with counts under 5 suppressed",
        querystring: dashboardQuerySchema.pick({ lang: true }),
        response: { 200: networkStatsListSchema },
      },
    },
    async (request) => networksOverview(ctx.db, cache, langOf(request.query.lang, request.headers["accept-language"])),
  );
}
