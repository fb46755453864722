import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { createTestApp, cookiesOf, clientFor } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { networks } from "./tables.ts";
import { users } from "../platform/tables.ts";
import { auditLog } from "../platform/tables.ts";
import { createUserWithPassword } from "../platform/auth.ts";

const setupBody = {
  network: { name: "Globale Asker", slug: "asker", municipality: "Asker" },
  admin: { name: "Kari Nordmann", email: "Kari@Example.no", password: "a-long-password" },
};

describe("first-run set-up", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it("offers set-up on an empty database, creates the network and its admin, then refuses a second set-up", async () => {
    expect((await t.anonymous.get("/api/setup/status")).json()).toEqual({ needsSetup: true });
    const created = await t.anonymous.post("/api/setup", setupBody);
    expect(created.statusCode).toBe(201);
    expect(created.json().network).toMatchObject({ name: "Globale Asker", slug: "asker", municipality: "Asker" });
    expect((await t.anonymous.get("/api/setup/status")).json()).toEqual({ needsSetup: false });

    // The admin signs in (the e-mail is case-insensitive) and is an admin and instance administrator.
    const signIn = await t.anonymous.post("/api/auth/sign-in/email", { email: "kari@example.no", password: "a-long-password" });
    expect(signIn.statusCode).toBe(200);
    const admin = clientFor(t.app, { cookie: cookiesOf(signIn) });
    const me = (await admin.get("/api/v1/me")).json();
    expect(me).toMatchObject({ role: "admin", network: { slug: "asker" }, user: { email: "kari@example.no", instanceAdmin: true } });

    const again = await t.anonymous.post("/api/setup", { ...setupBody, network: { ...setupBody.network, slug: "other" } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("already_set_up");
    expect((await t.anonymous.post("/api/setup/demo")).json().code).toBe("already_set_up");
  });

  it("rejects bad input field by field and writes nothing", async () => {
    const response = await t.anonymous.post("/api/setup", {
      network: { name: "X", slug: "Not A Slug", municipality: "" },
      admin: { name: "", email: "not-an-email", password: "short" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const problem = response.json();
    expect(problem.code).toBe("validation_failed");
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.network.name", "body.network.slug", "body.admin.email", "body.admin.password"]));
    expect((await t.ctx.db.select({ n: count() }).from(networks))[0]!.n).toBe(0);
    expect((await t.ctx.db.select({ n: count() }).from(users))[0]!.n).toBe(0);
  });

  it("leaves no network behind when its admin cannot be created (one transaction)", async () => {
    // A user with the same address exists (no network yet): the admin insert fails after the network insert.
    await createUserWithPassword(t.ctx.db, t.ctx.auth, { name: "Someone", email: "kari@example.no", password: "another-password" });
    const response = await t.anonymous.post("/api/setup", setupBody);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("conflict");
    expect((await t.ctx.db.select({ n: count() }).from(networks))[0]!.n).toBe(0);
    expect((await t.ctx.db.select({ n: count() }).from(auditLog))[0]!.n).toBe(0);
    expect((await t.anonymous.get("/api/setup/status")).json()).toEqual({ needsSetup: true });
  });

  it("records the set-up in the audit trail without the password", async () => {
    expect((await t.anonymous.post("/api/setup", setupBody)).statusCode).toBe(201);
    const rows = await t.ctx.db.select().from(auditLog);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["network.create", "membership.create"]));
    expect(JSON.stringify(rows)).not.toContain("a-long-password");
  });

  it("creates the demo network with a login for every role", async () => {
    const response = await t.anonymous.post("/api/setup/demo");
    expect(response.statusCode).toBe(201);
    const { network, logins } = response.json();
    expect(network).toMatchObject({ slug: "demo", name: "Globale Bærum (demo)" });
    expect(logins.map((l: { role: string }) => l.role).sort()).toEqual(["admin", "advisor", "candidate", "employer", "hr", "mentor", "supervisor", "viewer"]);
    const advisor = logins.find((l: { role: string }) => l.role === "advisor");
    const client = await t.signIn(advisor.email, advisor.password);
    expect((await client.get("/api/v1/me")).json().role).toBe("advisor");
  });
});
