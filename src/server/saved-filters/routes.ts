import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { uuidSchema } from "../../shared/contracts.ts";
import { savedFilterInputSchema, savedFilterListQuerySchema, savedFilterListSchema, savedFilterSchema } from "../../shared/saved-filters.ts";
import type { SavedFilterPage } from "../../shared/saved-filters.ts";
import * as policy from "./policy.ts";
import { deleteSavedFilter, listSavedFilters, saveFilter } from "./service.ts";

const tags = ["saved-filters"];

const present = (row: { id: string; page: string; name: string; query: Record<string, string>; createdAt: Date }) => ({
  id: row.id,
  page: row.page as SavedFilterPage,
  name: row.name,
  query: row.query,
  createdAt: row.createdAt.toISOString(),
});

export function registerSavedFilterRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const own = guard(ctx, policy.own);

  app.get(
    "/api/v1/saved-filters",
    { onRequest: own, schema: { tags, summary: "My saved filters on a list page", querystring: savedFilterListQuerySchema, response: { 200: savedFilterListSchema } } },
    async (request) => ({ items: (await listSavedFilters(ctx.db, actorOf(request), request.query.page)).map(present) }),
  );

  app.post(
    "/api/v1/saved-filters",
    { onRequest: own, schema: { tags, summary: "Save a filter under a name (409 when the name is taken on that page)", body: savedFilterInputSchema, response: { 201: savedFilterSchema } } },
    async (request, reply) => reply.status(201).send(present(await saveFilter(ctx.db, actorOf(request), request.body))),
  );

  app.delete(
    "/api/v1/saved-filters/:id",
    { onRequest: own, schema: { tags, summary: "Delete one of my saved filters", params: z.strictObject({ id: uuidSchema }) } },
    async (request, reply) => {
      await deleteSavedFilter(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
