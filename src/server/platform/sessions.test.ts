import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { clientFor, cookiesOf, createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { sessions } from "./tables.ts";

/*
 * Sessions (issue 9, "Security proven by tests"): an old cookie is worthless after the user changes their own
 * password, and the idle (30 minutes) and absolute (12 hours) timeouts hold under a simulated clock. Logout and
 * disabling are in auth.test.ts, the foreign Origin for other routes in security.test.ts.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

describe("replaying an old session cookie", () => {
  it("after the user changes their own password: 401 on every device, also the one that changed it; the new cookie works", async () => {
    const network = await t.createNetwork();
    const user = await t.createUser(network.id, "advisor");
    const laptop = await t.signIn(user.email, user.password);
    const phone = await t.signIn(user.email, user.password);
    // The client does not ask to end the other sessions: the server does so anyway.
    const changed = await laptop.post("/api/auth/change-password", { currentPassword: user.password, newPassword: "a-brand-new-password", revokeOtherSessions: false });
    expect(changed.statusCode, changed.body).toBe(200);
    for (const old of [laptop, phone]) {
      const replay = await old.get("/api/v1/me");
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe("not_signed_in");
      expect((await old.patch("/api/v1/me", { name: "Replayed" })).statusCode).toBe(401);
    }
    const renewed = clientFor(t.app, { cookie: cookiesOf(changed) });
    expect((await renewed.get("/api/v1/me")).statusCode).toBe(200);
    expect(await t.ctx.db.select().from(sessions).where(eq(sessions.userId, user.userId))).toHaveLength(1);
    // The old password no longer signs in; the new one does.
    expect((await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: "a-brand-new-password" })).statusCode).toBe(200);
  });

  it("after sign-out, a copy of the cookie kept elsewhere is refused on reads and writes", async () => {
    const client = await t.as("advisor");
    const copy = clientFor(t.app, { cookie: client.cookie });
    expect((await client.post("/api/auth/sign-out", {})).statusCode).toBe(200);
    expect((await copy.get("/api/v1/me")).statusCode).toBe(401);
    expect((await copy.patch("/api/v1/me", { name: "Replayed" })).statusCode).toBe(401);
    expect((await copy.get("/api/auth/list-sessions")).statusCode).toBe(401);
  });
});

describe("timeouts under a simulated clock", () => {
  const minutes = (n: number) => n * 60_000;

  it("idle: 29 minutes without use is fine and extends the session; 31 minutes ends it", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const client = await t.as("advisor");
    vi.setSystemTime(start + minutes(29));
    expect((await client.get("/api/v1/me")).statusCode).toBe(200);
    // Used at 29 minutes: it lives until 59 minutes now.
    vi.setSystemTime(start + minutes(58));
    expect((await client.get("/api/v1/me")).statusCode).toBe(200);
    vi.setSystemTime(start + minutes(58 + 31));
    const idle = await client.get("/api/v1/me");
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe("not_signed_in");
  });

  it("absolute: a session in steady use still ends 12 hours after sign-in, and the user can sign in again", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const network = await t.createNetwork();
    const user = await t.createUser(network.id, "admin");
    const client = await t.signIn(user.email, user.password);
    // Every 20 minutes for 11 h 40 min: never idle, always allowed.
    for (let at = minutes(20); at <= minutes(11 * 60 + 40); at += minutes(20)) {
      vi.setSystemTime(start + at);
      const used = await client.get("/api/v1/me");
      expect(used.statusCode, `at ${at / 60_000} minutes`).toBe(200);
    }
    vi.setSystemTime(start + minutes(12 * 60) + 1000);
    const expired = await client.get("/api/v1/me");
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe("session_expired");
    expect(await t.ctx.db.select().from(sessions).where(eq(sessions.userId, user.userId))).toHaveLength(0);
    const again = await t.signIn(user.email, user.password);
    expect((await again.get("/api/v1/me")).statusCode).toBe(200);
  });
});

describe("cross-site requests", () => {
  it("a state-changing request with a session cookie from a foreign Origin gets 403, and changes nothing", async () => {
    const network = await t.createNetwork();
    const user = await t.createUser(network.id, "advisor", { name: "Original Name" });
    const client = await t.signIn(user.email, user.password);
    const evil = clientFor(t.app, { cookie: client.cookie, origin: "https://evil.example" });
    for (const response of [
      await evil.patch("/api/v1/me", { name: "Hijacked" }),
      await evil.post("/api/auth/change-password", { currentPassword: user.password, newPassword: "attacker-chosen-pw" }),
      await evil.request("POST", "/api/auth/revoke-other-sessions", {}, { referer: "https://evil.example/page" }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("csrf_origin_mismatch");
    }
    const me = await client.get("/api/v1/me");
    expect(me.json().user.name).toBe("Original Name");
    expect((await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password })).statusCode).toBe(200);
  });
});
