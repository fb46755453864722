import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { decodeCursor, toPage } from "../platform/paging.ts";
import { listOf, outboxItemSchema, pageQuerySchema } from "../../shared/contracts.ts";
import { listOutbox } from "./service.ts";
import * as policy from "./policy.ts";


export function registerMailRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/v1/outbox",
    { onRequest: guard(ctx, policy.readOutbox), schema: { tags: ["mail"], summary: "E-mail the network has sent or holds", querystring: pageQuerySchema, response: { 200: listOf(outboxItemSchema) } } },
    async (request) => {
      const rows = await listOutbox(ctx.db, actorOf(request).tenantId, { limit: request.query.limit, cursor: decodeCursor(request.query.cursor) });
      const page = toPage(rows, request.query.limit);
      return {
        items: page.items.map((row) => ({
          id: row.id,
          recipient: row.recipient,
          subject: row.subject,
          textBody: row.textBody,
          status: row.status as "stored" | "sent" | "failed",
          error: row.error,
          createdAt: row.createdAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
