import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { listOf, uuidSchema } from "../../shared/contracts.ts";
import {
  followUpAnswerSchema,
  followUpListItemSchema,
  followUpListQuerySchema,
  placementFollowUpSchema,
  placementInputSchema,
  placementListQuerySchema,
  placementPatchSchema,
  placementSchema,
} from "../../shared/jobs.ts";
import { langOf } from "../candidates/presenters.ts";
import { userNames } from "../candidates/service.ts";
import * as policy from "./policy.ts";
import { answerFollowUp, createPlacement, deletePlacement, encodeDateCursor, getPlacement, listFollowUps, listPlacements, updatePlacement } from "./service.ts";
import { presentFollowUp, presentFollowUpItems, presentPlacement, presentPlacements } from "./presenters.ts";

const tags = ["placements"];
const idParams = z.strictObject({ id: uuidSchema });
const langQuery = z.strictObject({ lang: z.enum(["nb", "en"]).optional() });

export function registerPlacementRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = guard(ctx, policy.read);
  const write = guard(ctx, policy.write);
  const followUps = guard(ctx, policy.followUps);

  app.get(
    "/api/v1/placements",
    {
      onRequest: read,
      schema: { tags, summary: "Placements (hires), newest start first; filters by candidate, employer, type, start date and whether they count toward the goal", querystring: placementListQuerySchema, response: { 200: listOf(placementSchema) } },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listPlacements(ctx.db, actor, request.query);
      const items = rows.slice(0, request.query.limit);
      const last = items.at(-1);
      return {
        items: await presentPlacements(ctx.db, actor.tenantId, items, langOf(request.query.lang, request.headers["accept-language"])),
        nextCursor: rows.length > request.query.limit && last ? encodeDateCursor({ date: last.startDate, id: last.id }) : null,
      };
    },
  );

  app.post(
    "/api/v1/placements",
    {
      onRequest: write,
      schema: { tags, summary: "Record a hire, with its follow-ups at 3, 6 and 12 months; ordinary paid work puts the candidate in work", querystring: langQuery, body: placementInputSchema, response: { 201: placementSchema } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await createPlacement(ctx.db, actor, request.body);
      return reply.status(201).send(await presentPlacement(ctx.db, actor.tenantId, row, langOf(request.query.lang, request.headers["accept-language"])));
    },
  );

  app.get(
    "/api/v1/placements/:id",
    { onRequest: read, schema: { tags, summary: "One placement with its follow-ups (the read is logged)", params: idParams, querystring: langQuery, response: { 200: placementSchema } } },
    async (request) => {
      const actor = actorOf(request);
      const row = await getPlacement(ctx.db, actor, request.params.id);
      return presentPlacement(ctx.db, actor.tenantId, row, langOf(request.query.lang, request.headers["accept-language"]));
    },
  );

  app.patch(
    "/api/v1/placements/:id",
    { onRequest: write, schema: { tags, summary: "Change a placement; a new start date moves its follow-ups", params: idParams, querystring: langQuery, body: placementPatchSchema, response: { 200: placementSchema } } },
    async (request) => {
      const actor = actorOf(request);
      const row = await updatePlacement(ctx.db, actor, request.params.id, request.body);
      return presentPlacement(ctx.db, actor.tenantId, row, langOf(request.query.lang, request.headers["accept-language"]));
    },
  );

  app.delete("/api/v1/placements/:id", { onRequest: write, schema: { tags, summary: "Delete a placement recorded by mistake, with its follow-ups", params: idParams } }, async (request, reply) => {
    await deletePlacement(ctx.db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.get(
    "/api/v1/placement-follow-ups",
    {
      onRequest: followUps,
      schema: {
        tags,
        summary: "Follow-ups (\"still employed?\"): due within a week and unanswered (include=due), or all; admins see the network's, advisors their own candidates'",
        querystring: followUpListQuerySchema,
        response: { 200: listOf(followUpListItemSchema) },
      },
    },
    async (request) => {
      const rows = await listFollowUps(ctx.db, actorOf(request), request.query);
      const items = rows.slice(0, request.query.limit);
      const last = items.at(-1);
      return {
        items: await presentFollowUpItems(ctx.db, items),
        nextCursor: rows.length > request.query.limit && last ? encodeDateCursor({ date: last.followUp.dueOn, id: last.followUp.id }) : null,
      };
    },
  );

  app.patch(
    "/api/v1/placement-follow-ups/:id",
    { onRequest: followUps, schema: { tags, summary: "Answer a follow-up, or change the answer (audited)", params: idParams, body: followUpAnswerSchema, response: { 200: placementFollowUpSchema } } },
    async (request) => {
      const row = await answerFollowUp(ctx.db, actorOf(request), request.params.id, request.body);
      return presentFollowUp(row, await userNames(ctx.db, [row.answeredByUserId]));
    },
  );
}
