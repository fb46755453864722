import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { clientFor, cookiesOf, createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { startTestProvider } from "./test-provider.ts";
import type { TestProvider } from "./test-provider.ts";
import { oidcProviders, oidcSignInStates } from "./tables.ts";
import { accounts, auditLog, sessions, users } from "../platform/tables.ts";
import { invitations, memberships } from "../users/tables.ts";
import { createInvitation } from "../users/service.ts";
import { sha256 } from "../platform/auth.ts";
import type { Role } from "../../shared/roles.ts";

/*
 * Sign-in with an OpenID Connect provider, against a real provider (oidc-provider) running inside the test.
 */

let t: TestApp;
let idp: TestProvider;
let tenantId: string;
let slug: string;
let staffProviderId: string;
let counter = 0;
const next = () => `${Date.now().toString(36)}${counter++}`;

beforeAll(async () => {
  t = await createTestApp();
  idp = await startTestProvider({ redirectUri: `${t.config.publicUrl}/api/auth/oidc/callback` });
  const network = await t.createNetwork();
  tenantId = network.id;
  slug = network.slug;
  const admin = await t.signIn(...(await adminLogin()));
  const created = await admin.post("/api/v1/settings/sign-in-providers", {
    label: "Bærum kommune",
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    roles: ["admin", "advisor", "hr"],
  });
  expect(created.statusCode, created.body).toBe(201);
  staffProviderId = created.json().id;
});

afterAll(async () => {
  await idp?.close();
  await t?.close();
});

afterEach(() => idp.tamperIdToken(null));

async function adminLogin(): Promise<[string, string]> {
  const admin = await t.createUser(tenantId, "admin");
  return [admin.email, admin.password];
}

/** Starts a sign-in as a browser would: the app's redirect, then the provider's pages, back to the callback. */
async function startAndAuthorize(providerId = staffProviderId, returnTo?: string) {
  const start = await t.anonymous.get(`/api/auth/oidc/${providerId}/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`);
  expect(start.statusCode, start.body).toBe(302);
  const binding = start.cookies.find((c) => c.name === "mangfold.oidc");
  expect(binding?.httpOnly).toBe(true);
  const authorizationUrl = new URL(start.headers.location as string);
  const callbackUrl = await idp.authorize(authorizationUrl.href);
  return { authorizationUrl, callbackUrl, bindingCookie: `mangfold.oidc=${binding!.value}` };
}

async function callback(callbackUrl: URL, cookie: string, accept?: string) {
  return clientFor(t.app, { cookie, ...(accept ? { accept } : {}) }).get(`${callbackUrl.pathname}${callbackUrl.search}`);
}

async function signInWith(identity: { sub: string; email?: string; email_verified?: boolean; name?: string }, providerId = staffProviderId) {
  idp.loginAs(identity);
  const { callbackUrl, bindingCookie } = await startAndAuthorize(providerId);
  return callback(callbackUrl, bindingCookie);
}

async function member(role: Role) {
  return t.createUser(tenantId, role, { email: `${role}-${next()}@baerum.kommune.no` });
}

describe("OpenID Connect sign-in (a real provider in the test)", () => {
  it("sends the browser to the provider with PKCE (S256), state and nonce", async () => {
    idp.loginAs({ sub: `sub-${next()}` });
    const start = await t.anonymous.get(`/api/auth/oidc/${staffProviderId}/start`);
    const url = new URL(start.headers.location as string);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")!.length).toBeGreaterThanOrEqual(43);
    expect(url.searchParams.get("nonce")!.length).toBeGreaterThanOrEqual(43);
    expect(url.searchParams.get("redirect_uri")).toBe(`${t.config.publicUrl}/api/auth/oidc/callback`);
    // The state is kept on the server only as a hash, with a short lifetime.
    const [row] = await t.ctx.db.select().from(oidcSignInStates).where(eq(oidcSignInStates.stateHash, sha256(url.searchParams.get("state")!)));
    expect(row!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
  });

  it("happy path: a staff member signs in and gets the normal session with their role", async () => {
    const advisor = await member("advisor");
    idp.loginAs({ sub: `advisor-${next()}`, email: advisor.email.toUpperCase(), email_verified: true });
    const { callbackUrl, bindingCookie } = await startAndAuthorize(staffProviderId, "/candidates?status=active");
    const response = await callback(callbackUrl, bindingCookie);
    expect(response.statusCode, response.body).toBe(302);
    expect(response.headers.location).toBe("/candidates?status=active");
    const session = response.cookies.find((c) => c.name === "mangfold.session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const me = await clientFor(t.app, { cookie: cookiesOf(response) }).get("/api/v1/me");
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: "advisor", network: { id: tenantId }, user: { email: advisor.email } });
    // The same 30-minute idle lifetime as a password sign-in.
    const [row] = await t.ctx.db.select().from(sessions).where(eq(sessions.userId, advisor.userId));
    expect(Math.abs(row!.expiresAt.getTime() - Date.now() - 30 * 60 * 1000)).toBeLessThan(5_000);
    // Linked: next time the provider's subject finds the user even if the address changed.
    const [linked] = await t.ctx.db.select().from(accounts).where(and(eq(accounts.userId, advisor.userId), eq(accounts.providerId, `oidc:${staffProviderId}`)));
    expect(linked).toBeDefined();
    const again = await signInWith({ sub: linked!.accountId, email: `renamed-${next()}@example.no`, email_verified: true });
    expect(again.statusCode, again.body).toBe(302);
  });

  it("an unknown e-mail address is refused and nobody is created", async () => {
    const email = `stranger-${next()}@example.no`;
    const response = await signInWith({ sub: `stranger-${next()}`, email, email_verified: true });
    expect(response.statusCode).toBe(403);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().code).toBe("oidc_no_account");
    expect(response.cookies.find((c) => c.name === "mangfold.session")).toBeUndefined();
    expect(await t.ctx.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it("an e-mail address the provider has not verified does not match a user", async () => {
    const advisor = await member("advisor");
    const response = await signInWith({ sub: `unverified-${next()}`, email: advisor.email, email_verified: false });
    expect(response.json().code).toBe("oidc_no_account");
  });

  it("a member whose role the provider is not for is refused; a disabled member too", async () => {
    const mentor = await member("mentor");
    expect((await signInWith({ sub: `mentor-${next()}`, email: mentor.email, email_verified: true })).json().code).toBe("oidc_no_account");
    const hr = await member("hr");
    await t.ctx.db.update(memberships).set({ status: "disabled" }).where(eq(memberships.userId, hr.userId));
    const disabled = await signInWith({ sub: `hr-${next()}`, email: hr.email, email_verified: true });
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json().code).toBe("account_disabled");
  });

  it("a member of another network only is refused by this network's provider", async () => {
    const elsewhere = await t.createNetwork();
    const outsider = await t.createUser(elsewhere.id, "advisor");
    const response = await signInWith({ sub: `outsider-${next()}`, email: outsider.email, email_verified: true });
    expect(response.json().code).toBe("oidc_no_account");
    expect(await t.ctx.db.select().from(memberships).where(and(eq(memberships.userId, outsider.userId), eq(memberships.tenantId, tenantId)))).toHaveLength(0);
  });

  it("an open invitation lets the invited address in with the invited role; the invitation is then used", async () => {
    const email = `invited-${next()}@baerum.kommune.no`;
    const { id } = await t.ctx.db.transaction((tx) => createInvitation(tx, { kind: "system", tenantId } as never, { email, role: "hr" }));
    const response = await signInWith({ sub: `invited-${next()}`, email, email_verified: true, name: "Ida Invitert" });
    expect(response.statusCode, response.body).toBe(302);
    const me = await clientFor(t.app, { cookie: cookiesOf(response) }).get("/api/v1/me");
    expect(me.json()).toMatchObject({ role: "hr", user: { email, name: "Ida Invitert" } });
    const [invitation] = await t.ctx.db.select().from(invitations).where(eq(invitations.id, id));
    expect(invitation!.acceptedAt).not.toBeNull();
    // An invitation for a role the provider is not for does not count.
    const other = `invited-${next()}@example.no`;
    await t.ctx.db.transaction((tx) => createInvitation(tx, { kind: "system", tenantId } as never, { email: other, role: "candidate" }));
    expect((await signInWith({ sub: `cand-${next()}`, email: other, email_verified: true })).json().code).toBe("oidc_no_account");
  });

  it("a replayed state is refused", async () => {
    const advisor = await member("advisor");
    idp.loginAs({ sub: `replay-${next()}`, email: advisor.email, email_verified: true });
    const { callbackUrl, bindingCookie } = await startAndAuthorize();
    expect((await callback(callbackUrl, bindingCookie)).statusCode).toBe(302);
    const replay = await callback(callbackUrl, bindingCookie);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe("oidc_state_invalid");
    expect(replay.cookies.find((c) => c.name === "mangfold.session")).toBeUndefined();
  });

  it("a callback in another browser (no binding cookie), an unknown state or an expired state is refused", async () => {
    const advisor = await member("advisor");
    idp.loginAs({ sub: `csrf-${next()}`, email: advisor.email, email_verified: true });
    const first = await startAndAuthorize();
    expect((await callback(first.callbackUrl, "")).json().code).toBe("oidc_state_invalid");
    // The state was used up by that attempt: the right browser cannot use it afterwards either.
    expect((await callback(first.callbackUrl, first.bindingCookie)).json().code).toBe("oidc_state_invalid");

    const forged = new URL(first.callbackUrl);
    forged.searchParams.set("state", "made-up-state");
    expect((await callback(forged, first.bindingCookie)).json().code).toBe("oidc_state_invalid");

    const late = await startAndAuthorize();
    await t.ctx.db.update(oidcSignInStates).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oidcSignInStates.stateHash, sha256(late.callbackUrl.searchParams.get("state")!)));
    expect((await callback(late.callbackUrl, late.bindingCookie)).json().code).toBe("oidc_state_invalid");
  });

  it("a browser is sent back to the sign-in page with the error's code", async () => {
    const { callbackUrl } = await (async () => {
      idp.loginAs({ sub: `page-${next()}`, email: "nobody@example.no", email_verified: true });
      return startAndAuthorize();
    })();
    const response = await callback(callbackUrl, "", "text/html,application/xhtml+xml");
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/sign-in?oidcError=oidc_state_invalid");
  });

  it("a PKCE verifier that does not match the challenge is refused by the provider", async () => {
    const advisor = await member("advisor");
    idp.loginAs({ sub: `pkce-${next()}`, email: advisor.email, email_verified: true });
    const { callbackUrl, bindingCookie } = await startAndAuthorize();
    await t.ctx.db
      .update(oidcSignInStates)
      .set({ codeVerifier: "a-different-verifier-of-enough-length-0123456789abcdef" })
      .where(eq(oidcSignInStates.stateHash, sha256(callbackUrl.searchParams.get("state")!)));
    const response = await callback(callbackUrl, bindingCookie);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("oidc_token_invalid");
    expect(await t.ctx.db.select().from(sessions).where(eq(sessions.userId, advisor.userId))).toHaveLength(0);
  });

  describe("the ID token is checked", () => {
    const refused = async (rewrite: (idToken: string) => Promise<string>) => {
      const advisor = await member("advisor");
      idp.tamperIdToken(rewrite);
      const response = await signInWith({ sub: `tamper-${next()}`, email: advisor.email, email_verified: true });
      expect(response.statusCode, response.body).toBe(401);
      expect(response.json().code).toBe("oidc_token_invalid");
      expect(await t.ctx.db.select().from(sessions).where(eq(sessions.userId, advisor.userId))).toHaveLength(0);
    };

    it("passes untouched when re-signed by the provider's own key (the harness itself is sound)", async () => {
      const advisor = await member("advisor");
      idp.tamperIdToken((token) => idp.resign(token, {}));
      const response = await signInWith({ sub: `resigned-${next()}`, email: advisor.email, email_verified: true });
      expect(response.statusCode, response.body).toBe(302);
    });

    it("wrong issuer", () => refused((token) => idp.resign(token, { iss: "https://login.example.invalid" })));
    it("bad signature (another key under the provider's key id)", () => refused((token) => idp.resign(token, {}, { foreignKey: true })));
    it("tampered claims with the old signature", () =>
      refused(async (token) => {
        const [header, , signature] = token.split(".");
        const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
        return `${header}.${Buffer.from(JSON.stringify({ ...payload, email: "admin@example.no" })).toString("base64url")}.${signature}`;
      }));
    it("expired", () => {
      const now = Math.floor(Date.now() / 1000);
      return refused((token) => idp.resign(token, { iat: now - 7200, exp: now - 3600 }));
    });
    it("wrong audience", () => refused((token) => idp.resign(token, { aud: "some-other-client" })));
    it("wrong nonce", () => refused((token) => idp.resign(token, { nonce: "not-the-nonce" })));
  });

  it("a provider whose discovery document names another issuer is not trusted", async () => {
    const admin = await t.signIn(...(await adminLogin()));
    const created = await admin.post("/api/v1/settings/sign-in-providers", {
      label: "Feil utsteder",
      issuer: idp.issuer.replace("127.0.0.1", "localhost"),
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      roles: ["advisor"],
    });
    const response = await t.anonymous.get(`/api/auth/oidc/${created.json().id}/start`);
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe("oidc_provider_unavailable");
  });
});

describe("sign-in provider settings", () => {
  it("stores the client secret encrypted and never returns or audits it", async () => {
    const admin = await t.signIn(...(await adminLogin()));
    const secret = `super-secret-${next()}`;
    const created = await admin.post("/api/v1/settings/sign-in-providers", { label: "ID-porten", issuer: "https://idporten.no", clientId: "abc", clientSecret: secret, roles: ["candidate"] });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(secret);
    expect(created.json()).toMatchObject({ hasClientSecret: true, scopes: "openid email profile", trustEmail: false, enabled: true });
    const list = await admin.get("/api/v1/settings/sign-in-providers");
    expect(list.body).not.toContain(secret);
    const [row] = await t.ctx.db.select().from(oidcProviders).where(eq(oidcProviders.id, created.json().id));
    expect(row!.clientSecretEncrypted).not.toContain(secret);
    const patched = await admin.patch(`/api/v1/settings/sign-in-providers/${created.json().id}`, { label: "ID-porten (innbyggere)", clientSecret: `${secret}-2` });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).not.toContain(secret);
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, created.json().id));
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect((await admin.delete(`/api/v1/settings/sign-in-providers/${created.json().id}`)).statusCode).toBe(204);
  });

  it("refuses an http issuer outside this machine, scopes without openid, an unknown role and an open redirect", async () => {
    const admin = await t.signIn(...(await adminLogin()));
    const base = { label: "X", issuer: "https://login.example.no", clientId: "abc", clientSecret: "s", roles: ["advisor"] };
    for (const body of [{ ...base, issuer: "http://login.example.no" }, { ...base, scopes: "email profile" }, { ...base, roles: ["root"] }, { ...base, roles: [] }]) {
      const response = await admin.post("/api/v1/settings/sign-in-providers", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe("validation_failed");
    }
    expect((await t.anonymous.get(`/api/auth/oidc/${staffProviderId}/start?returnTo=${encodeURIComponent("//evil.example")}`)).statusCode).toBe(400);
    expect((await t.anonymous.get(`/api/auth/oidc/${staffProviderId}/start?returnTo=${encodeURIComponent("https://evil.example/")}`)).statusCode).toBe(400);
  });

  it("the sign-in page lists the network's enabled providers, without secrets", async () => {
    const response = await t.anonymous.get(`/api/public/networks/${slug}/sign-in-options`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.providers).toContainEqual({ id: staffProviderId, label: "Bærum kommune", startUrl: `/api/auth/oidc/${staffProviderId}/start` });
    expect(response.body).not.toContain(idp.clientSecret);
    expect((await t.anonymous.get("/api/public/networks/no-such-network/sign-in-options")).statusCode).toBe(404);
  });

  it("a disabled provider is not offered and cannot be started", async () => {
    const admin = await t.signIn(...(await adminLogin()));
    const created = await admin.post("/api/v1/settings/sign-in-providers", { label: "Av", issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, roles: ["advisor"], enabled: false });
    const options = await t.anonymous.get(`/api/public/networks/${slug}/sign-in-options`);
    expect(options.json().providers.map((p: { id: string }) => p.id)).not.toContain(created.json().id);
    expect((await t.anonymous.get(`/api/auth/oidc/${created.json().id}/start`)).statusCode).toBe(404);
  });
});
