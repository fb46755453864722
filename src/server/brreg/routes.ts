import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { guard } from "../platform/authenticate.ts";
import { registerEntitySchema, registerLookupQuerySchema } from "../../shared/employers.ts";
import * as policy from "./policy.ts";
import { createRegisterClient } from "./client.ts";

const tags = ["employers"];

export function registerBrregRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const client = createRegisterClient({ baseUrl: ctx.config.brregUrl, timeoutMs: ctx.config.brregTimeoutMs });

  app.get(
    "/api/v1/register/entities",
    {
      onRequest: guard(ctx, policy.lookup),
      schema: {
        tags,
        summary: "Look up the Brønnøysund register (Enhetsregisteret) by organisation number or name; 503 register_unavailable when it cannot be reached",
        querystring: registerLookupQuerySchema,
        response: { 200: z.object({ items: z.array(registerEntitySchema) }) },
      },
    },
    async (request) => {
      const { orgNumber, q } = request.query;
      if (orgNumber !== undefined) {
        const entity = await client.lookup(orgNumber);
        return { items: entity ? [entity] : [] };
      }
      return { items: await client.search(q!) };
    },
  );
}
