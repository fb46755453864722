import { randomBytes } from "node:crypto";
import * as client from "openid-client";
import { and, asc, eq, gt, isNull, lt } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { AppContext } from "../platform/context.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { sha256 } from "../platform/auth.ts";
import { accounts, users } from "../platform/tables.ts";
import { networks } from "../networks/tables.ts";
import { invitations, memberships } from "../users/tables.ts";
import { employerContacts } from "../employers/tables.ts";
import { isRole } from "../../shared/roles.ts";
import type { Role } from "../../shared/roles.ts";
import type { OidcProvider, SignInOptions, oidcCallbackQuerySchema, oidcProviderInputSchema, oidcProviderPatchSchema } from "../../shared/oidc.ts";
import { oidcProviders, oidcSignInStates } from "./tables.ts";
import { openSecret, sealSecret } from "./secret-box.ts";

/*
 * Sign-in with the network's OpenID Connect provider (ADR 027): authorisation code flow with PKCE (S256), state
 * and nonce, by openid-client. The provider's discovery document (and with it its JWKS) is cached per provider;
 * openid-client checks the ID token's signature, issuer, audience, expiry and nonce. The identity is mapped to
 * an existing user (an account linked earlier, a verified e-mail address, or an open invitation); nobody
 * unknown gets an account.
 */

export type ProviderRow = typeof oidcProviders.$inferSelect;

/** How long a started sign-in may take at the provider. */
export const signInStateTtlMs = 10 * 60 * 1000;
/** How long a discovery document is trusted before it is fetched again. */
export const discoveryTtlMs = 60 * 60 * 1000;
/** Accounts rows of a provider are `oidc:<provider id>`, with the provider's subject as the account id. */
export const accountProviderId = (providerId: string) => `oidc:${providerId}`;

export const redirectUriOf = (ctx: AppContext) => `${ctx.config.publicUrl.replace(/\/$/, "")}/api/auth/oidc/callback`;

// ---------------------------------------------------------------------------------------------------------------
// Settings (admins)

export function presentProvider(ctx: AppContext, row: ProviderRow): OidcProvider {
  return {
    id: row.id,
    label: row.label,
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: row.clientSecretEncrypted.length > 0,
    scopes: row.scopes,
    roles: row.roles.filter(isRole),
    trustEmail: row.trustEmail,
    enabled: row.enabled,
    redirectUri: redirectUriOf(ctx),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a provider: never the secret. */
const auditView = (row: ProviderRow) => ({ label: row.label, issuer: row.issuer, clientId: row.clientId, scopes: row.scopes, roles: row.roles, trustEmail: row.trustEmail, enabled: row.enabled });

export async function listProviders(db: Db, tenantId: string) {
  return db.select().from(oidcProviders).where(eq(oidcProviders.tenantId, tenantId)).orderBy(asc(oidcProviders.createdAt));
}

export async function createProvider(ctx: AppContext, actor: Actor, input: z.infer<typeof oidcProviderInputSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(oidcProviders)
      .values({
        tenantId: actor.tenantId,
        label: input.label,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecretEncrypted: sealSecret(ctx.config.sessionSecret, input.clientSecret),
        scopes: input.scopes,
        roles: input.roles,
        trustEmail: input.trustEmail,
        enabled: input.enabled,
      })
      .returning();
    await recordChange(tx, actor, { action: "oidc_provider.create", entityType: "oidc_provider", entityId: row!.id, after: auditView(row!) });
    return row!;
  });
}

export async function updateProvider(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof oidcProviderPatchSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(oidcProviders).where(and(eq(oidcProviders.id, id), eq(oidcProviders.tenantId, actor.tenantId))).for("update");
    if (!before) throw notFound("The sign-in provider");
    const { clientSecret, ...rest } = patch;
    const values = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    const [row] = await tx
      .update(oidcProviders)
      .set({ ...values, ...(clientSecret ? { clientSecretEncrypted: sealSecret(ctx.config.sessionSecret, clientSecret) } : {}), updatedAt: new Date() })
      .where(eq(oidcProviders.id, id))
      .returning();
    await recordChange(tx, actor, {
      action: "oidc_provider.update",
      entityType: "oidc_provider",
      entityId: id,
      before: auditView(before),
      after: { ...auditView(row!), ...(clientSecret ? { clientSecretChanged: true } : {}) },
    });
    return row!;
  });
}

export async function deleteProvider(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(oidcProviders).where(and(eq(oidcProviders.id, id), eq(oidcProviders.tenantId, actor.tenantId))).returning();
    if (!row) throw notFound("The sign-in provider");
    await recordChange(tx, actor, { action: "oidc_provider.delete", entityType: "oidc_provider", entityId: id, before: auditView(row) });
  });
}

/** The sign-in page's buttons for a network, by its slug. */
export async function signInOptions(db: Db, slug: string): Promise<SignInOptions> {
  const [network] = await db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.slug, slug)).limit(1);
  if (!network) throw notFound("The network");
  const rows = await db
    .select({ id: oidcProviders.id, label: oidcProviders.label })
    .from(oidcProviders)
    .where(and(eq(oidcProviders.tenantId, network.id), eq(oidcProviders.enabled, true)))
    .orderBy(asc(oidcProviders.createdAt));
  return { networkName: network.name, providers: rows.map((row) => ({ ...row, startUrl: `/api/auth/oidc/${row.id}/start` })) };
}

// ---------------------------------------------------------------------------------------------------------------
// Discovery, cached per provider

type CachedConfiguration = { key: string; fetchedAt: number; configuration: client.Configuration };
const discovered = new Map<string, CachedConfiguration>();

const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

async function configurationFor(ctx: AppContext, provider: ProviderRow, log: (message: string) => void): Promise<client.Configuration> {
  const key = sha256(`${provider.issuer}\n${provider.clientId}\n${provider.clientSecretEncrypted}`);
  const cached = discovered.get(provider.id);
  if (cached && cached.key === key && Date.now() - cached.fetchedAt < discoveryTtlMs) return cached.configuration;
  let secret: string;
  try {
    secret = openSecret(ctx.config.sessionSecret, provider.clientSecretEncrypted);
  } catch {
    log("the stored client secret cannot be opened (was SESSION_SECRET changed?)");
    throw new AppError("oidc_provider_unavailable", "The sign-in provider is not set up correctly. Ask your network's coordinator.");
  }
  const issuer = new URL(provider.issuer);
  try {
    // Discovery checks that the document's issuer is exactly the configured one.
    const configuration = await client.discovery(issuer, provider.clientId, undefined, client.ClientSecretPost(secret), {
      timeout: 10,
      ...(issuer.protocol === "http:" && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
    });
    // openid-client trusts an ID token from the token endpoint by TLS alone unless told otherwise (OIDC Core
    // 3.1.3.7 allows that); we check its signature against the provider's JWKS as well.
    client.enableNonRepudiationChecks(configuration);
    discovered.set(provider.id, { key, fetchedAt: Date.now(), configuration });
    return configuration;
  } catch (error) {
    log(`discovery failed: ${describe(error)}`);
    throw new AppError("oidc_provider_unavailable", "The sign-in provider cannot be reached or is not set up correctly. Try again later, or sign in with your password.");
  }
}

/** An error's kind and message, for the log: never a token. */
function describe(error: unknown): string {
  if (error instanceof client.ResponseBodyError) return `${error.name}: ${error.error}${error.error_description ? ` (${error.error_description})` : ""}`;
  if (error instanceof Error) return `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}`;
  return String(error);
}

// ---------------------------------------------------------------------------------------------------------------
// The flow

export type StartedSignIn = { authorizationUrl: string; browserToken: string };

/** Step 1: remember state, nonce and PKCE verifier on the server, and send the browser to the provider. */
export async function startSignIn(ctx: AppContext, providerId: string, returnTo: string | undefined, log: (message: string) => void): Promise<StartedSignIn> {
  const [provider] = await ctx.db.select().from(oidcProviders).where(and(eq(oidcProviders.id, providerId), eq(oidcProviders.enabled, true))).limit(1);
  if (!provider) throw notFound("The sign-in provider");
  const configuration = await configurationFor(ctx, provider, log);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const browserToken = randomBytes(32).toString("base64url");
  // Started sign-ins that were never finished are of no use to anyone.
  await ctx.db.delete(oidcSignInStates).where(lt(oidcSignInStates.expiresAt, new Date()));
  await ctx.db.insert(oidcSignInStates).values({
    stateHash: sha256(state),
    providerId: provider.id,
    tenantId: provider.tenantId,
    browserHash: sha256(browserToken),
    nonce,
    codeVerifier,
    returnTo: returnTo ?? null,
    expiresAt: new Date(Date.now() + signInStateTtlMs),
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUriOf(ctx),
    scope: provider.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { authorizationUrl: url.href, browserToken };
}

export type SignedIn = { userId: string; tenantId: string; returnTo: string | null };

/**
 * Step 2: the provider sent the browser back. The state is used up here whatever happens next; the code is
 * exchanged with the PKCE verifier, the ID token checked, and the identity mapped to a user of the network.
 */
export async function completeSignIn(
  ctx: AppContext,
  query: z.infer<typeof oidcCallbackQuerySchema>,
  callbackUrl: URL,
  browserToken: string | undefined,
  log: (message: string) => void,
): Promise<SignedIn> {
  if (!query.state) throw new AppError("oidc_state_invalid", "The sign-in came back without its state. Start again.");
  const [started] = await ctx.db.delete(oidcSignInStates).where(eq(oidcSignInStates.stateHash, sha256(query.state))).returning();
  if (!started || started.expiresAt.getTime() < Date.now()) {
    throw new AppError("oidc_state_invalid", "This sign-in was already used or took too long. Start again.");
  }
  if (!browserToken || sha256(browserToken) !== started.browserHash) {
    throw new AppError("oidc_state_invalid", "This sign-in was started in another browser. Start again.");
  }
  if (query.error) {
    log(`the provider answered ${query.error}`);
    throw new AppError("oidc_denied", "The identity provider did not sign you in. Try again, or sign in with your password.");
  }
  const [provider] = await ctx.db.select().from(oidcProviders).where(and(eq(oidcProviders.id, started.providerId), eq(oidcProviders.enabled, true))).limit(1);
  if (!provider) throw new AppError("oidc_state_invalid", "This way of signing in has been turned off. Start again.");
  const configuration = await configurationFor(ctx, provider, log);

  let claims: Identity;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: query.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    const found = tokens.claims();
    if (!found) throw new Error("no ID token");
    claims = found;
    if (claims.email === undefined && configuration.serverMetadata().userinfo_endpoint) {
      // Many providers put the e-mail address in the userinfo answer only; its subject must be the ID token's.
      const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      claims = { ...claims, ...pick(info, ["email", "email_verified", "name"]) };
    }
  } catch (error) {
    log(`the provider's answer was refused: ${describe(error)}`);
    if (error instanceof TypeError || (error instanceof Error && error.name === "AbortError") || (error instanceof Error && error.name === "TimeoutError")) {
      throw new AppError("oidc_provider_unavailable", "The sign-in provider cannot be reached. Try again later, or sign in with your password.");
    }
    throw new AppError("oidc_token_invalid", "The answer from the identity provider could not be verified. Start again; if it happens again, tell your coordinator.");
  }
  const userId = await userForIdentity(ctx, provider, claims, log);
  return { userId, tenantId: provider.tenantId, returnTo: started.returnTo };
}

/** What the ID token (or the userinfo answer) says about the person. */
type Identity = { sub: string; [claim: string]: unknown };

const pick = (source: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));

const noAccount = () =>
  new AppError("oidc_no_account", "There is no account for this identity in this network. Ask your coordinator for an invitation, or sign in with your password.");

/**
 * Maps the provider's identity to a user: an account linked earlier (provider + subject), else a user with the
 * verified e-mail address, else an open invitation to this network for that address. Never anyone else.
 */
async function userForIdentity(ctx: AppContext, provider: ProviderRow, claims: Identity, log: (message: string) => void): Promise<string> {
  const allowedRoles = provider.roles.filter(isRole);
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : undefined;
  const emailVerified = claims.email_verified === true || provider.trustEmail;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : undefined;

  return ctx.db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ userId: accounts.userId })
      .from(accounts)
      .where(and(eq(accounts.providerId, accountProviderId(provider.id)), eq(accounts.accountId, claims.sub)))
      .limit(1);
    let userId = linked?.userId;
    if (!userId && email && emailVerified) {
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
      userId = user?.id;
    }

    const [membership] = userId
      ? await tx
          .select({ role: memberships.role, status: memberships.status })
          .from(memberships)
          .where(and(eq(memberships.tenantId, provider.tenantId), eq(memberships.userId, userId)))
          .limit(1)
      : [];
    if (membership) {
      if (membership.status !== "active") throw new AppError("account_disabled", "Your account is disabled. Ask your network's coordinator.");
      if (!allowedRoles.includes(membership.role as Role)) {
        log(`a ${membership.role} tried a provider for ${allowedRoles.join(", ")}`);
        throw new AppError("oidc_no_account", "This way of signing in is not for your role. Sign in with your password or the other button.");
      }
    } else {
      // Not (yet) a member of this network: only an open invitation for the verified address lets them in.
      if (!email || !emailVerified) throw noAccount();
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(
          and(
            eq(invitations.tenantId, provider.tenantId),
            eq(invitations.email, email),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        )
        .orderBy(asc(invitations.createdAt))
        .limit(1)
        .for("update");
      if (!invitation || !allowedRoles.includes(invitation.role as Role)) throw noAccount();
      if (!userId) {
        const [user] = await tx.insert(users).values({ name: name ?? email, email, emailVerified: true }).returning({ id: users.id });
        userId = user!.id;
      }
      await tx.insert(memberships).values({ tenantId: provider.tenantId, userId, role: invitation.role });
      await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
      const actor = { kind: "system" as const, tenantId: provider.tenantId, userId };
      if (invitation.employerContactId) {
        const contact = await tx
          .update(employerContacts)
          .set({ userId })
          .where(and(eq(employerContacts.tenantId, provider.tenantId), eq(employerContacts.id, invitation.employerContactId)))
          .returning({ employerId: employerContacts.employerId });
        if (contact[0]) {
          await recordChange(tx, actor, { action: "employer.contact_link", entityType: "employer", entityId: contact[0].employerId, after: { contactId: invitation.employerContactId, userId } });
        }
      }
      await recordChange(tx, actor, { action: "invitation.accept", entityType: "invitation", entityId: invitation.id, after: { role: invitation.role, userId, via: "oidc" } });
    }

    if (!userId) throw noAccount();
    if (!linked) {
      // From now on this provider's subject finds the user, whatever happens to the e-mail address.
      await tx.insert(accounts).values({ userId, providerId: accountProviderId(provider.id), accountId: claims.sub });
      await recordChange(tx, { kind: "system", tenantId: provider.tenantId, userId }, { action: "user.oidc_link", entityType: "user", entityId: userId, after: { providerId: provider.id } });
    }
    return userId;
  });
}
