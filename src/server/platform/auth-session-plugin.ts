import { z } from "zod";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";

/*
 * A server-only Better Auth endpoint that starts the normal session for a user whom Mangfold has already
 * identified (sign-in with the network's OpenID Connect provider, ADR 027). It has no URL: only trusted server
 * code reaches it through `auth.api.startSessionForUser`. The session, cookie and timeouts are the same as after
 * a password sign-in, so everything downstream is unchanged.
 */
export const sessionForUser = () =>
  ({
    id: "mangfold-session-for-user",
    endpoints: {
      startSessionForUser: createAuthEndpoint.serverOnly({ method: "POST", body: z.object({ userId: z.string() }) }, async (c) => {
        const user = await c.context.internalAdapter.findUserById(c.body.userId);
        if (!user) throw c.error("NOT_FOUND", { message: "No such user" });
        const session = await c.context.internalAdapter.createSession(user.id);
        await setSessionCookie(c, { session, user });
        return c.json({ sessionId: session.id });
      }),
    },
  }) satisfies BetterAuthPlugin;
