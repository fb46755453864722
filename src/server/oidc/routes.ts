import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { fromNodeHeaders } from "better-auth/node";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, activeNetworkCookie, guard } from "../platform/authenticate.ts";
import { AppError, sendProblem, toAppError } from "../platform/errors.ts";
import { uuidSchema } from "../../shared/contracts.ts";
import {
  oidcCallbackQuerySchema,
  oidcProviderInputSchema,
  oidcProviderListSchema,
  oidcProviderPatchSchema,
  oidcProviderSchema,
  oidcStartQuerySchema,
  signInOptionsSchema,
} from "../../shared/oidc.ts";
import * as policy from "./policy.ts";
import { completeSignIn, createProvider, deleteProvider, listProviders, presentProvider, redirectUriOf, signInOptions, signInStateTtlMs, startSignIn, updateProvider } from "./service.ts";

const tags = ["sign-in"];
const idParams = z.strictObject({ id: uuidSchema });

/** Ties a started sign-in to the browser that started it (login CSRF). Only sent to the callback. */
const bindingCookie = "mangfold.oidc";
const bindingPath = "/api/auth/oidc";

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** Browsers get the sign-in page with the error's code; API clients get problem+json. */
const wantsPage = (request: FastifyRequest) => (request.headers.accept ?? "").includes("text/html");

export function registerOidcRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const manage = guard(ctx, policy.manage);
  const secure = ctx.config.https ? "; Secure" : "";
  const authLimit = { rateLimit: { max: ctx.rateLimits.auth, timeWindow: "1 minute" } };

  app.get(
    "/api/v1/settings/sign-in-providers",
    { onRequest: manage, schema: { tags, summary: "The network's OpenID Connect sign-in providers (the client secret is never returned)", response: { 200: oidcProviderListSchema } } },
    async (request) => ({ items: (await listProviders(ctx.db, actorOf(request).tenantId)).map((row) => presentProvider(ctx, row)), redirectUri: redirectUriOf(ctx) }),
  );

  app.post(
    "/api/v1/settings/sign-in-providers",
    { onRequest: manage, schema: { tags, summary: "Add an OpenID Connect sign-in provider (e.g. Entra ID for staff, ID-porten for candidates)", body: oidcProviderInputSchema, response: { 201: oidcProviderSchema } } },
    async (request, reply) => reply.status(201).send(presentProvider(ctx, await createProvider(ctx, actorOf(request), request.body))),
  );

  app.patch(
    "/api/v1/settings/sign-in-providers/:id",
    { onRequest: manage, schema: { tags, summary: "Change a sign-in provider; leave out clientSecret to keep the stored one", params: idParams, body: oidcProviderPatchSchema, response: { 200: oidcProviderSchema } } },
    async (request) => presentProvider(ctx, await updateProvider(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.delete("/api/v1/settings/sign-in-providers/:id", { onRequest: manage, schema: { tags, summary: "Remove a sign-in provider", params: idParams } }, async (request, reply) => {
    await deleteProvider(ctx.db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.get(
    "/api/public/networks/:slug/sign-in-options",
    { config: authLimit, schema: { tags, summary: "The sign-in page's buttons: the network's enabled OpenID Connect providers", params: z.strictObject({ slug: z.string().min(1).max(100) }), response: { 200: signInOptionsSchema } } },
    async (request) => signInOptions(ctx.db, request.params.slug),
  );

  app.get(
    "/api/auth/oidc/:id/start",
    { config: authLimit, schema: { hide: true, params: idParams, querystring: oidcStartQuerySchema } },
    async (request, reply) => {
      const started = await startSignIn(ctx, request.params.id, request.query.returnTo, (message) => request.log.warn({ providerId: request.params.id }, `OIDC start: ${message}`));
      reply.header("set-cookie", `${bindingCookie}=${started.browserToken}; Path=${bindingPath}; Max-Age=${signInStateTtlMs / 1000}; HttpOnly; SameSite=Lax${secure}`);
      return reply.redirect(started.authorizationUrl, 302);
    },
  );

  app.get("/api/auth/oidc/callback", { config: authLimit, schema: { hide: true, querystring: oidcCallbackQuerySchema } }, async (request, reply) => {
    const clearBinding = `${bindingCookie}=; Path=${bindingPath}; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
    try {
      const callbackUrl = new URL(request.url, ctx.config.publicUrl);
      const signedIn = await completeSignIn(ctx, request.query, callbackUrl, readCookie(request, bindingCookie), (message) => request.log.warn(`OIDC callback: ${message}`));
      // The request's headers give the session its user agent, as a password sign-in's has.
      const started = await ctx.auth.api.startSessionForUser({ body: { userId: signedIn.userId }, headers: fromNodeHeaders(request.headers), returnHeaders: true });
      const cookies = started.headers.getSetCookie();
      if (cookies.length === 0) throw new AppError("internal_error");
      reply.header("set-cookie", [
        ...cookies,
        clearBinding,
        `${activeNetworkCookie}=${signedIn.tenantId}; Path=/; SameSite=Lax; HttpOnly${secure}`,
      ]);
      return reply.redirect(signedIn.returnTo ?? "/", 302);
    } catch (error) {
      return failure(request, reply, toAppError(error), clearBinding);
    }
  });
}

function failure(request: FastifyRequest, reply: FastifyReply, error: AppError, clearBinding: string) {
  reply.header("set-cookie", clearBinding);
  if (wantsPage(request)) return reply.redirect(`/sign-in?oidcError=${encodeURIComponent(error.code)}`, 302);
  return sendProblem(reply, error);
}
