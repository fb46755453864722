import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { createNetworkSchema, networkPatchSchema, networkSchema, setupRequestSchema } from "../../shared/contracts.ts";
import * as policy from "./policy.ts";
import { createNetwork, getNetwork, needsSetup, presentNetwork, setUpInstallation, updateNetworkSettings } from "./service.ts";
import { createDemoNetwork } from "../demo/service.ts";
import { AppError } from "../platform/errors.ts";

const tags = ["networks"];

export function registerNetworkRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get("/api/setup/status", { schema: { hide: true } }, async () => ({ needsSetup: await needsSetup(ctx.db) }));

  app.post(
    "/api/setup",
    { config: { rateLimit: { max: ctx.rateLimits.sensitive, timeWindow: "1 minute" } }, schema: { hide: true, body: setupRequestSchema } },
    async (request, reply) => {
      const { network } = await setUpInstallation(ctx, request.body);
      return reply.status(201).send({ network: presentNetwork(network) });
    },
  );

  app.post("/api/setup/demo", { config: { rateLimit: { max: ctx.rateLimits.sensitive, timeWindow: "1 minute" } }, schema: { hide: true } }, async (_request, reply) => {
    // Only on a fresh installation: afterwards the demo is the CLI's (`mangfold demo`).
    if (!(await needsSetup(ctx.db))) throw new AppError("already_set_up", "This installation already has a network. Sign in instead.");
    const demo = await createDemoNetwork(ctx, { instanceAdmin: true });
    return reply.status(201).send({ network: presentNetwork(demo.network), logins: demo.logins });
  });

  app.get("/api/v1/network", { onRequest: guard(ctx, policy.readNetwork), schema: { tags, summary: "The active network's settings", response: { 200: networkSchema } } }, async (request) =>
    presentNetwork(await getNetwork(ctx.db, actorOf(request).tenantId)),
  );

  app.patch(
    "/api/v1/network",
    { onRequest: guard(ctx, policy.updateNetwork), schema: { tags, summary: "Change the network's settings", body: networkPatchSchema, response: { 200: networkSchema } } },
    async (request) => presentNetwork(await updateNetworkSettings(ctx.db, actorOf(request), request.body)),
  );

  app.post(
    "/api/v1/networks",
    {
      onRequest: guard(ctx, [], { instanceAdmin: true }),
      schema: { tags, summary: "Create another network (instance administrators)", body: createNetworkSchema, response: { 201: z.object({ network: networkSchema }) } },
    },
    async (request, reply) => {
      const { network } = await createNetwork(ctx, actorOf(request), request.body);
      return reply.status(201).send({ network: presentNetwork(network) });
    },
  );
}
