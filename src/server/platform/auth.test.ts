import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { clientFor, cookiesOf, createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { loginFailures, sessions, verifications } from "./tables.ts";
import { createMailer } from "../mail/service.ts";
import { startSmtpCapture } from "../testing/smtp-capture.ts";
import { mailOutbox } from "../mail/tables.ts";
import { networks } from "../networks/tables.ts";
import { recordSignInFailure, signInWaitMs } from "./throttle.ts";

describe("sign-in, sessions and cookies", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it("sets an HttpOnly, SameSite=Lax session cookie and no Secure flag on plain HTTP", async () => {
    const network = await t.createNetwork();
    const user = await t.createUser(network.id, "advisor");
    const response = await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "mangfold.session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.maxAge).toBe(30 * 60);
  });

  it("wrong password: 401 problem+json with a stable code, and no session", async () => {
    const network = await t.createNetwork();
    const user = await t.createUser(network.id, "advisor");
    const response = await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: "wrong-password!" });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().code).toBe("invalid_credentials");
    expect(response.cookies.some((c) => c.name === "mangfold.session")).toBe(false);
  });

  it("throttles password guessing per account, and lets the real user in after the wait", async () => {
    const network = await t.createNetwork();
    const user = await t.createUser(network.id, "advisor");
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: `guess-${i}-guess` })).statusCode).toBe(401);
    }
    // Even the right password waits now: the guesser cannot tell a hit.
    const blocked = await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe("too_many_sign_in_attempts");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(blocked.headers["retry-after"])).toBeLessThanOrEqual(30);
    // Another account is not affected.
    const other = await t.createUser(network.id, "viewer");
    expect((await t.anonymous.post("/api/auth/sign-in/email", { email: other.email, password: other.password })).statusCode).toBe(200);
    // The wait passes (move the failures back in time): the real user gets in, and the slate is wiped.
    await t.ctx.db.update(loginFailures).set({ at: sql`${loginFailures.at} - interval '1 minute'` });
    expect((await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password })).statusCode).toBe(200);
    expect(await signInWaitMs(t.ctx.db, user.email)).toBe(0);
  });

  it("never makes anyone wait longer than 15 minutes, however many failures", async () => {
    const email = "someone@example.no";
    expect(await signInWaitMs(t.ctx.db, email)).toBe(0);
    for (let i = 0; i < 30; i++) await recordSignInFailure(t.ctx.db, email);
    const wait = await signInWaitMs(t.ctx.db, email);
    expect(wait).toBeGreaterThan(14 * 60 * 1000);
    expect(wait).toBeLessThanOrEqual(15 * 60 * 1000);
    // Fifteen minutes after the last failure, the account is open again.
    expect(await signInWaitMs(t.ctx.db, email, new Date(Date.now() + 15 * 60 * 1000 + 1000))).toBe(0);
  });

  it("sign-out ends the session at once", async () => {
    const client = await t.as("advisor");
    expect((await client.get("/api/v1/me")).statusCode).toBe(200);
    expect((await client.post("/api/auth/sign-out", {})).statusCode).toBe(200);
    const after = await client.get("/api/v1/me");
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe("not_signed_in");
  });

  it("ends a session after 30 minutes without use (idle timeout)", async () => {
    const client = await t.as("advisor");
    await t.ctx.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
  });

  it("extends a session that is in use, and ends a staff session 12 hours after sign-in (absolute timeout)", async () => {
    const client = await t.as("advisor");
    const [before] = await t.ctx.db.select().from(sessions);
    // Used two minutes after the last extension: the session moves on by 30 minutes from now.
    await t.ctx.db.update(sessions).set({ updatedAt: new Date(Date.now() - 2 * 60_000), expiresAt: new Date(Date.now() + 28 * 60_000) });
    const used = await client.get("/api/v1/me");
    expect(used.statusCode).toBe(200);
    const [extended] = await t.ctx.db.select().from(sessions);
    expect(extended!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(used.cookies.some((c) => c.name === "mangfold.session" && c.maxAge === 30 * 60)).toBe(true);
    await t.ctx.db.update(sessions).set({ createdAt: new Date(before!.createdAt.getTime() - 12 * 60 * 60 * 1000 - 1000) });
    const expired = await client.get("/api/v1/me");
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe("session_expired");
    expect(await t.ctx.db.select().from(sessions)).toHaveLength(0);
  });

  it("disabling a user ends their sessions at once and keeps them out", async () => {
    const admin = await t.as("admin");
    const user = await t.createUser(admin.tenantId, "advisor");
    const client = await t.signIn(user.email, user.password);
    expect((await admin.patch(`/api/v1/users/${user.userId}`, { status: "disabled" })).statusCode).toBe(204);
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
    const again = await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe("account_disabled");
    expect(await t.ctx.db.select().from(sessions).where(eq(sessions.userId, user.userId))).toHaveLength(0);
  });

  it("public sign-up and other unused Better Auth endpoints are closed", async () => {
    const response = await t.anonymous.post("/api/auth/sign-up/email", { email: "x@example.no", password: "some-password-1", name: "X" });
    expect(response.statusCode).toBe(404);
    expect((await t.anonymous.post("/api/auth/delete-user", {})).statusCode).toBe(404);
  });
});

describe("behind HTTPS", () => {
  it("uses a __Host- cookie with Secure, and sends HSTS", async () => {
    const t = await createTestApp({ config: { publicUrl: "https://mangfold.example.no", https: true } });
    try {
      const network = await t.createNetwork();
      const user = await t.createUser(network.id, "admin");
      const response = await clientFor(t.app, { origin: "https://mangfold.example.no" }).post("/api/auth/sign-in/email", { email: user.email, password: user.password });
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((c) => c.name.startsWith("__Host-"))!;
      expect(cookie).toMatchObject({ name: "__Host-mangfold.session", secure: true, httpOnly: true, path: "/", sameSite: "Lax" });
      expect(cookie.domain).toBeUndefined();
      expect(response.headers["strict-transport-security"]).toContain("max-age=");
      const me = await clientFor(t.app, { origin: "https://mangfold.example.no", cookie: cookiesOf(response) }).get("/api/v1/me");
      expect(me.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe("password reset", () => {
  it("mails a link over SMTP that sets a new password once and ends old sessions; admins never see the link", async () => {
    const smtp = await startSmtpCapture();
    const t = await createTestApp({ config: { smtpUrl: smtp.url }, mailer: createMailer({ smtpUrl: smtp.url, from: "no-reply@mangfold.test" }) });
    try {
      const admin = await t.as("admin");
      const user = await t.createUser(admin.tenantId, "advisor");
      const old = await t.signIn(user.email, user.password);
      const request = await t.anonymous.post("/api/auth/request-password-reset", { email: user.email, redirectTo: "/reset-password" });
      expect(request.statusCode).toBe(200);
      // Unknown addresses get the same answer: no account enumeration.
      const unknown = await t.anonymous.post("/api/auth/request-password-reset", { email: "nobody@example.no", redirectTo: "/reset-password" });
      expect(unknown.statusCode).toBe(200);
      expect(unknown.body).toBe(request.body);

      const mail = smtp.received.find((m) => m.to.includes(user.email))!;
      const token = decodeURIComponent(/reset-password\?token=([^\s]+)/.exec(mail.text)![1]!);
      const reset = await t.anonymous.post("/api/auth/reset-password", { token, newPassword: "a-brand-new-password" });
      expect(reset.statusCode).toBe(200);
      expect((await old.get("/api/v1/me")).statusCode).toBe(401);
      expect((await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password })).statusCode).toBe(401);
      await t.signIn(user.email, "a-brand-new-password");
      // The link works once.
      const reuse = await t.anonymous.post("/api/auth/reset-password", { token, newPassword: "yet-another-password" });
      expect(reuse.statusCode).toBe(400);
      expect(reuse.headers["content-type"]).toContain("application/problem+json");
      // The token is stored only as a hash.
      expect(JSON.stringify(await t.ctx.db.select().from(verifications))).not.toContain(token);
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it("without SMTP, keeps the reset mail out of the admins' reach", async () => {
    const t = await createTestApp();
    try {
      const admin = await t.as("admin");
      const user = await t.createUser(admin.tenantId, "advisor");
      expect((await t.anonymous.post("/api/auth/request-password-reset", { email: user.email, redirectTo: "/reset-password" })).statusCode).toBe(200);
      const items = (await admin.get("/api/v1/outbox")).json().items;
      const mail = items.find((m: { recipient: string }) => m.recipient === user.email);
      expect(mail.status).toBe("stored");
      expect(mail.textBody).toBeNull();
      expect(JSON.stringify(await t.ctx.db.select().from(mailOutbox))).not.toContain("reset-password?token");
    } finally {
      await t.close();
    }
  });
});

describe("two-factor authentication (TOTP)", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const totpFor = (uri: string) => OTPAuth.URI.parse(uri) as OTPAuth.TOTP;

  it("enables TOTP and then asks for a code at sign-in", async () => {
    const user = await t.as("advisor");
    const enabled = await user.post("/api/auth/two-factor/enable", { password: user.password });
    expect(enabled.statusCode).toBe(200);
    const { totpURI, backupCodes } = enabled.json();
    expect(backupCodes.length).toBeGreaterThanOrEqual(5);
    const totp = totpFor(totpURI);
    const verified = await user.post("/api/auth/two-factor/verify-totp", { code: totp.generate() });
    expect(verified.statusCode).toBe(200);
    // Turning two-factor on rotates the session: the browser gets a new cookie.
    const rotated = clientFor(t.app, { cookie: cookiesOf(verified) });
    expect((await rotated.get("/api/v1/me")).json().user.twoFactorEnabled).toBe(true);

    const first = await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password });
    expect(first.statusCode).toBe(200);
    expect(first.json().twoFactorRedirect).toBe(true);
    expect(first.cookies.some((c) => c.name === "mangfold.session" && c.value)).toBe(false);
    const pending = clientFor(t.app, { cookie: cookiesOf(first) });
    const wrong = await pending.post("/api/auth/two-factor/verify-totp", { code: "000000" });
    expect(wrong.statusCode).toBe(401);
    const second = await pending.post("/api/auth/two-factor/verify-totp", { code: totp.generate() });
    expect(second.statusCode).toBe(200);
    const signedIn = clientFor(t.app, { cookie: cookiesOf(second) });
    expect((await signedIn.get("/api/v1/me")).statusCode).toBe(200);
  });

  it("an admin of a network that requires two-factor can reach only their profile until it is set up", async () => {
    const admin = await t.as("admin");
    await t.ctx.db.update(networks).set({ requireTwoFactorForAdmins: true }).where(eq(networks.id, admin.tenantId));
    const blocked = await admin.get("/api/v1/users");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe("two_factor_required");
    const me = await admin.get("/api/v1/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().twoFactorRequired).toBe(true);
    const { totpURI } = (await admin.post("/api/auth/two-factor/enable", { password: admin.password })).json();
    const verified = await admin.post("/api/auth/two-factor/verify-totp", { code: totpFor(totpURI).generate() });
    expect(verified.statusCode).toBe(200);
    const rotated = clientFor(t.app, { cookie: cookiesOf(verified) });
    expect((await rotated.get("/api/v1/me")).json().twoFactorRequired).toBe(false);
    expect((await rotated.get("/api/v1/users")).statusCode).toBe(200);
    // Other roles are not affected by the admin rule.
    const advisor = await t.as("advisor", admin.tenantId);
    expect((await advisor.get("/api/v1/network")).statusCode).toBe(200);
  });
});

describe("outbox", () => {
  it("holds invitations when there is no SMTP server", async () => {
    const t = await createTestApp();
    try {
      const admin = await t.as("admin");
      await admin.post("/api/v1/invitations", { email: "new@example.no", role: "mentor" });
      const rows = await t.ctx.db.select().from(mailOutbox);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ recipient: "new@example.no", status: "stored", tenantId: admin.tenantId });
      expect(rows[0]!.textBody).toContain("/invite/");
    } finally {
      await t.close();
    }
  });
});
