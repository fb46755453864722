import { createHash } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { twoFactor } from "better-auth/plugins";
import { and, eq } from "drizzle-orm";
import type { Config } from "../config.ts";
import { allowedOrigins } from "./security.ts";
import type { Db } from "./db.ts";
import type { Mailer } from "../mail/service.ts";
import { accounts, sessions, twoFactors, users, verifications } from "./tables.ts";
import { memberships } from "../users/tables.ts";
import { sessionForUser } from "./auth-session-plugin.ts";

/*
 * Identity is Better Auth's: users, password hashing, sessions in the database, password reset and TOTP.
 * Networks, memberships, invitations and API tokens are ours (ADR 003).
 */

/** 30 minutes idle: a session lives 30 minutes and is extended (at most once a minute) while it is used. */
export const sessionIdleSeconds = 30 * 60;
/** 12 hours absolute, checked on every request (authenticate.ts). */
export const sessionAbsoluteMs = 12 * 60 * 60 * 1000;

export function createAuth(options: { db: Db; config: Config; mailer: Mailer }) {
  const { db, config, mailer } = options;
  const sessionCookie = config.https ? "__Host-mangfold.session" : "mangfold.session";
  return betterAuth({
    appName: "Mangfold",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret: config.sessionSecret,
    trustedOrigins: [...allowedOrigins(config)],
    telemetry: { enabled: false },
    // Throttling is ours: per account in the database (throttle.ts) and per IP in @fastify/rate-limit.
    rateLimit: { enabled: false },
    logger: { disabled: true },
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications, twoFactor: twoFactors },
    }),
    // Reset tokens are kept only as hashes: a database dump does not hand out password resets.
    verification: { storeIdentifier: "hashed" },
    user: {
      additionalFields: {
        locale: { type: "string", required: false, defaultValue: "nb", input: false },
        instanceAdmin: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    emailAndPassword: {
      enabled: true,
      // Accounts come from set-up and invitations only.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => {
        const [membership] = await db
          .select({ tenantId: memberships.tenantId })
          .from(memberships)
          .where(and(eq(memberships.userId, user.id), eq(memberships.status, "active")))
          .limit(1);
        const url = `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
        await mailer.send(db, {
          tenantId: membership?.tenantId ?? null,
          // A reset link is the account: never shown in the admins' outbox (else an admin could take over accounts).
          confidential: true,
          to: user.email,
          subject: "Mangfold: nytt passord / new password",
          text:
            `Hei ${user.name},\n\nNoen (forhåpentligvis du) ba om å lage nytt passord i Mangfold. Åpne lenken innen en time:\n${url}\n\n` +
            `Someone (hopefully you) asked to reset your Mangfold password. Open the link within an hour:\n${url}\n\n` +
            `Ba du ikke om dette, kan du se bort fra e-posten. / If you did not ask for this, ignore this e-mail.`,
        });
      },
    },
    session: {
      expiresIn: sessionIdleSeconds,
      updateAge: 60,
      cookieCache: { enabled: false },
    },
    advanced: {
      database: { generateId: "uuid" },
      useSecureCookies: false,
      cookies: {
        session_token: {
          name: sessionCookie,
          attributes: { secure: config.https, sameSite: "lax", httpOnly: true, path: "/" },
        },
      },
      defaultCookieAttributes: { secure: config.https, sameSite: "lax", httpOnly: true, path: "/" },
      ipAddress: { ipAddressHeaders: [] },
    },
    plugins: [twoFactor({ issuer: "Mangfold" }), sessionForUser()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Hashes a password the way Better Auth verifies it at sign-in. */
export async function hashPassword(auth: Auth, password: string) {
  const ctx = await auth.$context;
  return ctx.password.hash(password);
}

/**
 * Creates a user with a password (set-up, accepted invitations, CLI, demo) inside the caller's transaction,
 * in the rows Better Auth reads: a user and a "credential" account. Returns the new user's id.
 */
export async function createUserWithPassword(
  db: Db,
  auth: Auth,
  input: { name: string; email: string; password: string; instanceAdmin?: boolean; locale?: string },
) {
  const passwordHash = await hashPassword(auth, input.password);
  const [user] = await db
    .insert(users)
    .values({ name: input.name, email: input.email.toLowerCase(), emailVerified: true, instanceAdmin: input.instanceAdmin ?? false, locale: input.locale ?? "nb" })
    .returning({ id: users.id });
  await db.insert(accounts).values({ userId: user!.id, providerId: "credential", accountId: user!.id, password: passwordHash });
  return user!.id;
}

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
