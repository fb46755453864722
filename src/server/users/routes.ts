import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { fromNodeHeaders } from "better-auth/node";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, activeMemberships, activeNetworkCookie, guard } from "../platform/authenticate.ts";
import { AppError } from "../platform/errors.ts";
import { decodeCursor, toPage } from "../platform/paging.ts";
import {
  acceptInvitationSchema,
  caseworkerListSchema,
  invitationRequestSchema,
  invitationSchema,
  listOf,
  memberPatchSchema,
  memberSchema,
  mePatchSchema,
  meSchema,
  pageQuerySchema,
  publicInvitationSchema,
  uuidSchema,
} from "../../shared/contracts.ts";
import { isRole } from "../../shared/roles.ts";
import * as policy from "./policy.ts";
import {
  acceptInvitation,
  createInvitation,
  getMe,
  getPublicInvitation,
  listCaseworkers,
  listInvitations,
  listMembers,
  revokeInvitation,
  sendInvitationMail,
  updateMe,
  updateMember,
} from "./service.ts";

const tags = ["users"];

function presentMember(row: Awaited<ReturnType<typeof listMembers>>[number]) {
  if (!isRole(row.role)) throw new AppError("internal_error");
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status === "disabled" ? ("disabled" as const) : ("active" as const),
    twoFactorEnabled: row.twoFactorEnabled,
    createdAt: row.createdAt.toISOString(),
  };
}

const presentInvitation = (row: { id: string; email: string; role: string; expiresAt: Date; createdAt: Date }) => ({
  id: row.id,
  email: row.email,
  role: isRole(row.role) ? row.role : ("viewer" as const),
  expiresAt: row.expiresAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
});

function requireUser(actor: ReturnType<typeof actorOf>) {
  if (actor.kind !== "user") throw new AppError("forbidden", "This is about a signed-in person; API tokens have no profile.");
  return actor;
}

export function registerUserRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ownProfile = guard(ctx, policy.ownProfile, { allowTwoFactorPending: true });
  const manageUsers = guard(ctx, policy.manageUsers);

  app.get("/api/v1/me", { onRequest: ownProfile, schema: { tags, summary: "The signed-in user, the active network and role", response: { 200: meSchema } } }, async (request) =>
    getMe(ctx.db, requireUser(actorOf(request))),
  );

  app.patch("/api/v1/me", { onRequest: ownProfile, schema: { tags, summary: "Change own name or language", body: mePatchSchema } }, async (request, reply) => {
    await updateMe(ctx.db, requireUser(actorOf(request)), request.body);
    return reply.status(204).send();
  });

  app.post(
    "/api/v1/me/network",
    { onRequest: ownProfile, schema: { tags, summary: "Switch the active network", body: z.strictObject({ networkId: uuidSchema }) } },
    async (request, reply) => {
      const actor = requireUser(actorOf(request));
      const all = await activeMemberships(ctx, actor.userId);
      if (!all.some((m) => m.tenantId === request.body.networkId)) throw new AppError("not_found", "You are not a member of that network.");
      reply.header("set-cookie", `${activeNetworkCookie}=${request.body.networkId}; Path=/; SameSite=Lax; HttpOnly${ctx.config.https ? "; Secure" : ""}`);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/users",
    { onRequest: manageUsers, schema: { tags, summary: "Members of the network", querystring: pageQuerySchema, response: { 200: listOf(memberSchema) } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listMembers(ctx.db, actor.tenantId, { limit: request.query.limit, cursor: decodeCursor(request.query.cursor) });
      const page = toPage(rows, request.query.limit);
      return { items: page.items.map(presentMember), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/caseworkers",
    { onRequest: guard(ctx, policy.listCaseworkers), schema: { tags, summary: "The network's active admins and advisors, by name: whom a case, task or follow-up can be assigned to", response: { 200: caseworkerListSchema } } },
    async (request) => ({ items: await listCaseworkers(ctx.db, actorOf(request).tenantId) }),
  );

  app.patch(
    "/api/v1/users/:userId",
    { onRequest: manageUsers, schema: { tags, summary: "Change a member's role, or disable / enable them", params: z.strictObject({ userId: uuidSchema }), body: memberPatchSchema } },
    async (request, reply) => {
      await updateMember(ctx.db, actorOf(request), request.params.userId, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/invitations",
    { onRequest: manageUsers, schema: { tags, summary: "Open invitations", response: { 200: listOf(invitationSchema) } } },
    async (request) => ({ items: (await listInvitations(ctx.db, actorOf(request).tenantId)).map(presentInvitation), nextCursor: null }),
  );

  app.post(
    "/api/v1/invitations",
    { onRequest: manageUsers, schema: { tags, summary: "Invite a person by e-mail", body: invitationRequestSchema, response: { 201: invitationSchema } } },
    async (request, reply) => {
      const invitation = await ctx.db.transaction((tx) => createInvitation(tx, actorOf(request), request.body));
      await sendInvitationMail(ctx, invitation);
      return reply.status(201).send(presentInvitation(invitation));
    },
  );

  app.delete(
    "/api/v1/invitations/:id",
    { onRequest: manageUsers, schema: { tags, summary: "Withdraw an invitation", params: z.strictObject({ id: uuidSchema }) } },
    async (request, reply) => {
      await revokeInvitation(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  const tokenParams = z.strictObject({ token: z.string().min(20).max(100) });
  app.get(
    "/api/public/invitations/:token",
    { schema: { tags, summary: "What an invitation link is for", params: tokenParams, response: { 200: publicInvitationSchema } } },
    async (request) => getPublicInvitation(ctx.db, request.params.token),
  );

  app.post(
    "/api/public/invitations/:token/accept",
    { config: { rateLimit: { max: ctx.rateLimits.sensitive, timeWindow: "1 minute" } }, schema: { tags, summary: "Accept an invitation", params: tokenParams, body: acceptInvitationSchema } },
    async (request) => {
      const session = await ctx.auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
      const result = await acceptInvitation(ctx, request.params.token, request.body, session?.user.id ?? null);
      return { networkId: result.networkId };
    },
  );
}
