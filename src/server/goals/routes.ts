import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { uuidSchema } from "../../shared/contracts.ts";
import { goalInputSchema, goalListQuerySchema, goalListSchema, goalPatchSchema, goalSchema } from "../../shared/dashboard.ts";
import * as policy from "./policy.ts";
import { createGoal, deleteGoal, listGoals, presentGoal, updateGoal } from "./service.ts";

const tags = ["goals"];
const idParams = z.strictObject({ id: uuidSchema });

export function registerGoalRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = guard(ctx, policy.read);
  const write = guard(ctx, policy.write);

  app.get(
    "/api/v1/goals",
    { onRequest: read, schema: { tags, summary: "The network's goals, oldest first", querystring: goalListQuerySchema, response: { 200: goalListSchema } } },
    async (request) => {
      const active = request.query.active === undefined ? undefined : request.query.active === "true";
      return { items: (await listGoals(ctx.db, actorOf(request).tenantId, { active })).map(presentGoal) };
    },
  );

  app.post(
    "/api/v1/goals",
    {
      onRequest: write,
      schema: { tags, summary: "Add a goal: a target by a deadline, or a target every calendar year, with the placement types that count", body: goalInputSchema, response: { 201: goalSchema } },
    },
    async (request, reply) => reply.status(201).send(presentGoal(await createGoal(ctx.db, actorOf(request), request.body))),
  );

  app.patch(
    "/api/v1/goals/:id",
    { onRequest: write, schema: { tags, summary: "Change a goal (checked as a whole)", params: idParams, body: goalPatchSchema, response: { 200: goalSchema } } },
    async (request) => presentGoal(await updateGoal(ctx.db, actorOf(request), request.params.id, request.body)),
  );

  app.delete("/api/v1/goals/:id", { onRequest: write, schema: { tags, summary: "Delete a goal (its history is counted from placements, nothing else is lost)", params: idParams } }, async (request, reply) => {
    await deleteGoal(ctx.db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
}
