import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../platform/context.ts";
import { guard } from "../platform/authenticate.ts";
import { handbookContentsSchema, handbookPageParamsSchema, handbookPageSchema } from "../../shared/handbook.ts";
import * as policy from "./policy.ts";
import { handbookContents, handbookPage } from "./service.ts";

const tags = ["handbook"];

export function registerHandbookRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = guard(ctx, policy.read);

  app.get("/api/v1/handbook", { onRequest: read, schema: { tags, summary: "The coordinators' handbook: its pages, in order", response: { 200: handbookContentsSchema } } }, async () => ({
    pages: await handbookContents(),
  }));

  app.get(
    "/api/v1/handbook/:slug",
    { onRequest: read, schema: { tags, summary: "One page of the handbook, as Markdown (bokmål); `index` is the start page", params: handbookPageParamsSchema, response: { 200: handbookPageSchema } } },
    async (request) => handbookPage(request.params.slug),
  );
}
