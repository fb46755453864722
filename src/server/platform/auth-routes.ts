import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { eq } from "drizzle-orm";
import { AppError, sendProblem } from "./errors.ts";
import type { ErrorCode } from "./errors.ts";
import type { AppContext } from "./context.ts";
import { clearSignInFailures, recordSignInFailure, signInWaitMs } from "./throttle.ts";
import { activeMemberships } from "./authenticate.ts";
import { sessions, users } from "./tables.ts";

/**
 * Better Auth's endpoints that Mangfold uses, mounted under /api/auth. Everything else Better Auth offers
 * (sign-up, account deletion, e-mail change, …) answers 404: accounts come from set-up and invitations.
 */
export const authEndpoints = [
  ["POST", "/api/auth/sign-in/email"],
  ["POST", "/api/auth/sign-out"],
  ["GET", "/api/auth/get-session"],
  ["POST", "/api/auth/request-password-reset"],
  ["POST", "/api/auth/reset-password"],
  ["POST", "/api/auth/change-password"],
  ["GET", "/api/auth/list-sessions"],
  ["POST", "/api/auth/revoke-other-sessions"],
  ["POST", "/api/auth/two-factor/enable"],
  ["POST", "/api/auth/two-factor/disable"],
  ["POST", "/api/auth/two-factor/get-totp-uri"],
  ["POST", "/api/auth/two-factor/verify-totp"],
  ["POST", "/api/auth/two-factor/verify-backup-code"],
  ["POST", "/api/auth/two-factor/generate-backup-codes"],
] as const;

const codeForStatus: Record<number, ErrorCode> = {
  400: "validation_failed",
  401: "invalid_credentials",
  403: "forbidden",
  404: "not_found",
  422: "rule_broken",
  429: "rate_limited",
};

async function callBetterAuth(ctx: AppContext, request: FastifyRequest): Promise<Response> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined || key === "content-length") continue;
    headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return ctx.auth.handler(
    new Request(new URL(request.url, ctx.config.publicUrl), {
      method: request.method,
      headers,
      body: hasBody ? JSON.stringify(request.body ?? {}) : undefined,
    }),
  );
}

/** Sends Better Auth's answer on: success as it is, errors as problem+json with our stable codes. */
async function relay(reply: FastifyReply, response: Response) {
  for (const cookie of response.headers.getSetCookie()) reply.header("set-cookie", cookie);
  const text = await response.text();
  if (response.status >= 400) {
    let message: string | undefined;
    try {
      message = (JSON.parse(text) as { message?: string }).message;
    } catch {
      message = undefined;
    }
    return sendProblem(reply, new AppError(codeForStatus[response.status] ?? "validation_failed", message));
  }
  reply.status(response.status);
  const location = response.headers.get("location");
  if (location) reply.header("location", location);
  return reply.type(response.headers.get("content-type") ?? "application/json").send(text);
}

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext) {
  const config = { rateLimit: { max: ctx.rateLimits.auth, timeWindow: "1 minute" } };
  for (const [method, url] of authEndpoints) {
    if (url === "/api/auth/sign-in/email") continue;
    if (url === "/api/auth/change-password") {
      // A changed password ends every session of the user, whatever the client asks: an old cookie (a stolen one,
      // or one on a shared computer) stops working at once. The device that changed it gets a new session.
      app.route({
        method,
        url,
        config,
        schema: { hide: true },
        handler: async (request, reply) => {
          request.body = { ...(typeof request.body === "object" && request.body !== null ? request.body : {}), revokeOtherSessions: true };
          return relay(reply, await callBetterAuth(ctx, request));
        },
      });
      continue;
    }
    app.route({ method, url, config, schema: { hide: true }, handler: async (request, reply) => relay(reply, await callBetterAuth(ctx, request)) });
  }

  app.post("/api/auth/sign-in/email", { config, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as { email?: unknown };
    const email = typeof body.email === "string" ? body.email : "";
    const wait = await signInWaitMs(ctx.db, email);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      return sendProblem(
        reply,
        new AppError("too_many_sign_in_attempts", `Too many failed attempts for this account. Try again in ${Math.ceil(seconds / 60)} minute(s).`, {
          headers: { "retry-after": String(seconds) },
        }),
      );
    }
    const response = await callBetterAuth(ctx, request);
    if (response.status === 401) {
      await recordSignInFailure(ctx.db, email);
      return relay(reply, response);
    }
    if (response.ok) {
      await clearSignInFailures(ctx.db, email);
      const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
      if (user && (await activeMemberships(ctx, user.id)).length === 0) {
        // Right password, but an admin disabled the account: end the session Better Auth just made.
        await ctx.db.delete(sessions).where(eq(sessions.userId, user.id));
        return sendProblem(reply, new AppError("account_disabled", "Your account is disabled. Ask your network's coordinator."));
      }
    }
    return relay(reply, response);
  });
}
