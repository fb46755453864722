import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { fromNodeHeaders } from "better-auth/node";
import { and, asc, eq, isNull } from "drizzle-orm";
import { AppError } from "./errors.ts";
import type { Actor } from "./actor.ts";
import type { AppContext } from "./context.ts";
import { apiTokens, sessions } from "./tables.ts";
import { memberships } from "../users/tables.ts";
import { networks } from "../networks/tables.ts";
import { sessionAbsoluteMs, sha256 } from "./auth.ts";
import { isRole } from "../../shared/roles.ts";
import type { Role } from "../../shared/roles.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The cookie that remembers which of the user's networks is active. Not a secret: membership is checked. */
export const activeNetworkCookie = "mangfold.network";

function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

async function authenticateToken(ctx: AppContext, token: string): Promise<Actor> {
  const [row] = await ctx.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row || !isRole(row.role)) throw new AppError("invalid_token", "The API token is unknown or revoked.");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await ctx.db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  }
  return { kind: "token", tokenId: row.id, tenantId: row.tenantId, role: row.role, instanceAdmin: false, twoFactorPending: false };
}

export type UserMembership = { tenantId: string; role: Role; requireTwoFactorForAdmins: boolean };

export async function activeMemberships(ctx: AppContext, userId: string): Promise<UserMembership[]> {
  const rows = await ctx.db
    .select({ tenantId: memberships.tenantId, role: memberships.role, requireTwoFactorForAdmins: networks.requireTwoFactorForAdmins })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.createdAt));
  return rows.filter((row): row is UserMembership => isRole(row.role));
}

/** Resolves who is asking: an API token, or a Better Auth session in the user's active network. */
export async function authenticate(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<Actor> {
  if (request.actor) return request.actor;
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError("invalid_token", "Use 'Authorization: Bearer <token>'.");
    request.actor = await authenticateToken(ctx, match[1]!);
    return request.actor;
  }
  const result = await ctx.auth.api.getSession({ headers: fromNodeHeaders(request.headers), returnHeaders: true });
  // A used session is extended; pass the refreshed cookie on so the browser's copy lives as long.
  const setCookie = result.headers?.get("set-cookie");
  if (setCookie) reply.header("set-cookie", setCookie);
  const found = result.response;
  if (!found) throw new AppError("not_signed_in");
  const userId = found.user.id;
  const all = await activeMemberships(ctx, userId);
  if (all.length === 0) {
    // Disabled everywhere (or never a member): the session must not live on.
    await ctx.db.delete(sessions).where(eq(sessions.userId, userId));
    throw new AppError("not_signed_in", "Your account has no active membership in any network.");
  }
  const wanted = readCookie(request, activeNetworkCookie);
  const membership = all.find((m) => m.tenantId === wanted) ?? all[0]!;
  // Every role sees personal data (mentors their mentees, candidates their own): 12 hours for all.
  if (Date.now() - new Date(found.session.createdAt).getTime() > sessionAbsoluteMs) {
    await ctx.db.delete(sessions).where(eq(sessions.id, found.session.id));
    throw new AppError("session_expired", "Sessions end 12 hours after sign-in; sign in again.");
  }
  const user = found.user as typeof found.user & { instanceAdmin?: boolean; twoFactorEnabled?: boolean | null };
  request.actor = {
    kind: "user",
    userId,
    sessionId: found.session.id,
    tenantId: membership.tenantId,
    role: membership.role,
    instanceAdmin: user.instanceAdmin === true,
    twoFactorPending: membership.role === "admin" && membership.requireTwoFactorForAdmins && !user.twoFactorEnabled,
  };
  return request.actor;
}

export type GuardOptions = {
  /** Routes an admin must reach to set up the two-factor that the network requires (own profile). */
  allowTwoFactorPending?: boolean;
  /** Routes for the installation's administrators rather than a role in a network. */
  instanceAdmin?: boolean;
};

/**
 * The first two steps of every route's pipeline: authenticate, then authorise against the roles a feature's
 * policy names. Runs in onRequest, so an unauthorised caller learns nothing from validation errors.
 */
export function guard(ctx: AppContext, allowed: readonly Role[], options: GuardOptions = {}): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const actor = await authenticate(ctx, request, reply);
    if (actor.twoFactorPending && !options.allowTwoFactorPending) {
      throw new AppError("two_factor_required", "Your network requires two-factor authentication for admins. Set it up on your profile page.");
    }
    if (options.instanceAdmin ? !actor.instanceAdmin : !allowed.includes(actor.role)) throw new AppError("forbidden");
  };
}

/** The authenticated actor of a guarded route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("not_signed_in");
  return request.actor;
}
