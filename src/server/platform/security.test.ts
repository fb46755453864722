import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, sql } from "drizzle-orm";
import { clientFor, createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { auditLog, accessLog, users } from "./tables.ts";
import { invitations } from "../users/tables.ts";
import { recordAccess, recordChange } from "./audit.ts";

describe("bad input and faults", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
  });
  afterAll(() => t.close());

  const invitationCount = async () => (await t.ctx.db.select({ n: count() }).from(invitations))[0]!.n;

  it("malformed JSON → 400 malformed_json, nothing written", async () => {
    const response = await admin.request("POST", "/api/v1/invitations", '{"email": "a@b.no", "role": ', { "content-type": "application/json" });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ code: "malformed_json", status: 400, type: expect.stringContaining("malformed-json"), title: expect.any(String), detail: expect.any(String) });
    expect(await invitationCount()).toBe(0);
  });

  it("wrong types and unknown fields → 400 validation_failed with paths", async () => {
    const wrongType = await admin.post("/api/v1/invitations", { email: 42, role: "advisor" });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].path).toBe("body.email");
    const unknown = await admin.post("/api/v1/invitations", { email: "a@example.no", role: "advisor", isAdmin: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe("validation_failed");
    const badRole = await admin.post("/api/v1/invitations", { email: "a@example.no", role: "superuser" });
    expect(badRole.json().errors[0].path).toBe("body.role");
    const badId = await admin.patch("/api/v1/users/not-a-uuid", { role: "viewer" });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toBe("params.userId");
    expect(await invitationCount()).toBe(0);
  });

  it("a wrong Content-Type → 415", async () => {
    const response = await admin.request("POST", "/api/v1/invitations", "email=a@b.no&role=advisor", { "content-type": "application/x-www-form-urlencoded" });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe("unsupported_media_type");
    const xml = await admin.request("PATCH", "/api/v1/network", "<network/>", { "content-type": "text/xml" });
    expect(xml.statusCode).toBe(415);
  });

  it("an oversized body → 413", async () => {
    const response = await admin.post("/api/v1/invitations", { email: "a@example.no", role: "advisor", padding: "x".repeat(300 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe("body_too_large");
  });

  it("a cookie request from a foreign Origin → 403 csrf_origin_mismatch, nothing changes", async () => {
    const evil = clientFor(t.app, { cookie: admin.cookie, origin: "https://evil.example" });
    const response = await evil.post("/api/v1/invitations", { email: "csrf@example.no", role: "admin" });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("csrf_origin_mismatch");
    const noOrigin = await t.app.inject({ method: "PATCH", url: "/api/v1/network", headers: { cookie: admin.cookie, "content-type": "application/json" }, payload: { municipality: "X" } });
    expect(noOrigin.statusCode).toBe(403);
    // Also for Better Auth's endpoints, e.g. sign-out.
    expect((await evil.post("/api/auth/sign-out", {})).statusCode).toBe(403);
    expect(await invitationCount()).toBe(0);
    expect((await admin.get("/api/v1/me")).statusCode).toBe(200);
  });

  it("stores SQL and script fragments as plain text", async () => {
    const name = `Robert'); DROP TABLE users; -- <script>alert(1)</script>`;
    expect((await admin.patch("/api/v1/me", { name })).statusCode).toBe(204);
    expect((await admin.get("/api/v1/me")).json().user.name).toBe(name);
    expect((await t.ctx.db.select({ n: count() }).from(users))[0]!.n).toBeGreaterThan(0);
    const municipality = `' OR 1=1 --`;
    expect((await admin.patch("/api/v1/network", { municipality })).json().municipality).toBe(municipality);
    const control = await admin.patch("/api/v1/me", { name: "bad\u0000name" });
    expect(control.statusCode).toBe(400);
  });

  it("keeps SQL and script fragments literal in every text field a user can write", async () => {
    const fragments = [`x'); DELETE FROM memberships; --`, `<img src=x onerror=alert(1)>`, `"; DROP TABLE networks; --`];
    for (const fragment of fragments) {
      // Network name and municipality (admin), own name (everyone), invitation acceptance name (public).
      const network = await admin.patch("/api/v1/network", { name: `N ${fragment}`, municipality: fragment });
      expect(network.statusCode).toBe(200);
      expect(network.json()).toMatchObject({ name: `N ${fragment}`, municipality: fragment });
      expect((await admin.patch("/api/v1/me", { name: fragment })).statusCode).toBe(204);
      expect((await admin.get("/api/v1/me")).json().user.name).toBe(fragment);
      // Fragments in e-mail fields and identifiers are refused by their format, never executed.
      expect((await admin.post("/api/v1/invitations", { email: fragment, role: "viewer" })).statusCode).toBe(400);
      expect((await admin.patch(`/api/v1/users/${encodeURIComponent(fragment)}`, { role: "viewer" })).statusCode).toBe(400);
      expect((await t.anonymous.get(`/api/public/invitations/${encodeURIComponent(fragment.padEnd(30, "x"))}`)).statusCode).toBe(404);
    }
    const invited = await admin.post("/api/v1/invitations", { email: "fragment@example.no", role: "viewer" });
    const mail = (await admin.get("/api/v1/outbox")).json().items.find((m: { recipient: string }) => m.recipient === "fragment@example.no");
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail.textBody)![1]!;
    expect(invited.statusCode).toBe(201);
    expect((await t.anonymous.post(`/api/public/invitations/${token}/accept`, { name: fragments[0], password: "long-enough-pw" })).statusCode).toBe(200);
    const members = (await admin.get("/api/v1/users")).json().items;
    expect(members.map((m: { name: string }) => m.name)).toContain(fragments[0]);
    expect((await t.ctx.db.select({ n: count() }).from(users))[0]!.n).toBe(2);
  });

  it("refuses a theme colour that white text cannot be read on", async () => {
    const response = await admin.patch("/api/v1/network", { themeColor: "#ffee00" });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ path: "body.themeColor" });
    expect((await admin.patch("/api/v1/network", { themeColor: "#1a5e20" })).json().themeColor).toBe("#1a5e20");
  });

  it("an unknown route → 404 problem+json; never a stack trace", async () => {
    const response = await admin.get("/api/v1/nothing-here");
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("not_found");
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it("sends security headers, and no-store on the API", async () => {
    const response = await admin.get("/api/v1/me");
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(response.headers["cache-control"]).toBe("no-store");
    // HSTS only behind HTTPS (tested in auth.test.ts).
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("rate limits", () => {
  it("answers 429 problem+json past the per-IP limit", async () => {
    const t = await createTestApp({ rateLimits: { api: 5, auth: 3, sensitive: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await t.anonymous.get("/api/setup/status")).statusCode);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const limited = await t.anonymous.get("/api/setup/status");
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe("rate_limited");
      expect(limited.headers["retry-after"]).toBeDefined();
    } finally {
      await t.close();
    }
  });
});

describe("audit trail and access log", () => {
  it("are append-only: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    const t = await createTestApp();
    try {
      const network = await t.createNetwork();
      const actor = { kind: "system" as const, tenantId: network.id };
      await recordChange(t.ctx.db, actor, { action: "test.change", entityType: "thing", entityId: "1", before: { a: 1 }, after: { a: 2 } });
      await recordAccess(t.ctx.db, actor, { personType: "candidate", personId: network.id, purpose: "follow-up" });
      for (const statement of [
        sql`update audit_log set action = 'forged'`,
        sql`delete from audit_log`,
        sql`truncate audit_log`,
        sql`update access_log set purpose = 'forged'`,
        sql`delete from access_log`,
        sql`truncate access_log`,
      ]) {
        await expect(t.ctx.db.execute(statement)).rejects.toThrow();
      }
      expect((await t.ctx.db.select().from(auditLog)).map((r) => r.action)).toEqual(["test.change"]);
      expect(await t.ctx.db.select().from(accessLog)).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
