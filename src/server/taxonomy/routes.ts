import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../platform/context.ts";
import { guard } from "../platform/authenticate.ts";
import { taxonomySearchQuerySchema, taxonomySearchResultSchema } from "../../shared/taxonomy.ts";
import { searchTaxonomy } from "./service.ts";
import type { SearchType } from "./service.ts";
import { ensureStarterTaxonomy } from "./starter/load.ts";
import * as policy from "./policy.ts";

/** The label language: `?lang=`, else the first language of Accept-Language, else bokmål. */
function languageOf(request: FastifyRequest, lang: string | undefined): string {
  const wanted = lang ?? request.headers["accept-language"]?.split(",")[0]?.split(";")[0]?.trim().split("-")[0]?.toLowerCase();
  if (!wanted || wanted === "*" || wanted === "no" || wanted === "nn") return "nb";
  return wanted;
}

export function registerTaxonomyRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // A fresh installation gets the built-in starter taxonomy (one cheap query when a taxonomy is there).
  app.addHook("onReady", async () => {
    await ensureStarterTaxonomy(ctx.db);
  });
  const tags = ["taxonomy"];
  const search = (type: SearchType, path: string, summary: string) =>
    app.get(
      path,
      { onRequest: guard(ctx, policy.searchTaxonomy), schema: { tags, summary, querystring: taxonomySearchQuerySchema, response: { 200: taxonomySearchResultSchema } } },
      async (request) => {
        const { q, lang, limit } = request.query;
        return { items: await searchTaxonomy(ctx.db, type, q, languageOf(request, lang), limit) };
      },
    );
  search("occupation", "/api/v1/taxonomy/occupations", "Search ESCO occupations (typo-tolerant, any language), best first");
  search("skill", "/api/v1/taxonomy/skills", "Search ESCO skills (typo-tolerant, any language), best first");
}
