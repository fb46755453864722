import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { clientFor, cookiesOf, createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { invitations } from "./tables.ts";
import { auditLog } from "../platform/tables.ts";

const linkToken = (text: string) => /\/invite\/([A-Za-z0-9_-]+)/.exec(text)![1]!;

describe("invitations", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  async function inviteAndReadLink(admin: Awaited<ReturnType<TestApp["as"]>>, email: string, role = "advisor") {
    const response = await admin.post("/api/v1/invitations", { email, role });
    expect(response.statusCode).toBe(201);
    const mail = (await admin.get("/api/v1/outbox")).json().items.find((m: { recipient: string }) => m.recipient === email.toLowerCase());
    return { invitation: response.json(), token: linkToken(mail.textBody) };
  }

  it("invite → accept with a new account → sign in as the invited user with the invited role", async () => {
    const admin = await t.as("admin");
    const { invitation, token } = await inviteAndReadLink(admin, "New.Colleague@Example.no");
    expect(invitation).toMatchObject({ email: "new.colleague@example.no", role: "advisor" });
    expect((await admin.get("/api/v1/invitations")).json().items).toHaveLength(1);

    const info = await t.anonymous.get(`/api/public/invitations/${token}`);
    expect(info.json()).toMatchObject({ email: "new.colleague@example.no", role: "advisor", accountExists: false });

    const missing = await t.anonymous.post(`/api/public/invitations/${token}/accept`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(["body.name", "body.password"]);

    const accepted = await t.anonymous.post(`/api/public/invitations/${token}/accept`, { name: "Ny Kollega", password: "colleague-password" });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().networkId).toBe(admin.tenantId);
    const colleague = await t.signIn("new.colleague@example.no", "colleague-password");
    expect((await colleague.get("/api/v1/me")).json()).toMatchObject({ role: "advisor", user: { name: "Ny Kollega" } });

    // Used once only; no longer listed as open.
    const again = await t.anonymous.post(`/api/public/invitations/${token}/accept`, { name: "X", password: "colleague-password" });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe("invitation_invalid");
    expect((await admin.get("/api/v1/invitations")).json().items).toHaveLength(0);
    const users = (await admin.get("/api/v1/users")).json().items;
    expect(users.map((u: { email: string }) => u.email)).toContain("new.colleague@example.no");
  });

  it("a person with an account in another network accepts while signed in, and then has both networks", async () => {
    const admin = await t.as("admin");
    const other = await t.as("mentor");
    const { token } = await inviteAndReadLink(admin, other.email, "viewer");
    expect((await t.anonymous.get(`/api/public/invitations/${token}`)).json().accountExists).toBe(true);
    // Not signed in: refused, and nothing changes.
    const anonymous = await t.anonymous.post(`/api/public/invitations/${token}/accept`, {});
    expect(anonymous.statusCode).toBe(401);
    // Signed in as someone else: refused too.
    const wrongPerson = await t.as("viewer");
    expect((await wrongPerson.post(`/api/public/invitations/${token}/accept`, {})).statusCode).toBe(401);

    expect((await other.post(`/api/public/invitations/${token}/accept`, {})).statusCode).toBe(200);
    const me = (await other.get("/api/v1/me")).json();
    expect(me.networks.map((n: { id: string }) => n.id).sort()).toEqual([admin.tenantId, other.tenantId].sort());
    const switched = await other.post("/api/v1/me/network", { networkId: admin.tenantId });
    expect(switched.statusCode).toBe(204);
    const inA = clientFor(t.app, { cookie: `${other.cookie}; ${cookiesOf(switched)}` });
    expect((await inA.get("/api/v1/me")).json()).toMatchObject({ role: "viewer", network: { id: admin.tenantId } });
  });

  it("refuses revoked, expired, unknown and duplicate invitations with clear codes", async () => {
    const admin = await t.as("admin");
    const { invitation, token } = await inviteAndReadLink(admin, "revoked@example.no");
    expect((await admin.delete(`/api/v1/invitations/${invitation.id}`)).statusCode).toBe(204);
    expect((await t.anonymous.get(`/api/public/invitations/${token}`)).json().code).toBe("invitation_invalid");

    const expired = await inviteAndReadLink(admin, "expired@example.no");
    await t.ctx.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.invitation.id));
    const response = await t.anonymous.post(`/api/public/invitations/${expired.token}/accept`, { name: "X", password: "long-enough-pw" });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toContain("expired");

    expect((await t.anonymous.get(`/api/public/invitations/${"x".repeat(43)}`)).statusCode).toBe(404);
    const member = await admin.post("/api/v1/invitations", { email: admin.email, role: "viewer" });
    expect(member.statusCode).toBe(409);
  });
});

describe("user administration", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it("changes a role, which takes effect on the next request, and audits it", async () => {
    const admin = await t.as("admin");
    const user = await t.createUser(admin.tenantId, "viewer");
    const client = await t.signIn(user.email, user.password);
    expect((await client.get("/api/v1/users")).statusCode).toBe(403);
    expect((await admin.patch(`/api/v1/users/${user.userId}`, { role: "admin" })).statusCode).toBe(204);
    expect((await client.get("/api/v1/users")).statusCode).toBe(200);
    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, "membership.update"));
    expect(row).toMatchObject({ tenantId: admin.tenantId, actorUserId: admin.userId, entityId: user.userId, before: { role: "viewer", status: "active" }, after: { role: "admin", status: "active" } });
  });

  it("keeps at least one active admin", async () => {
    const admin = await t.as("admin");
    const demote = await admin.patch(`/api/v1/users/${admin.userId}`, { role: "viewer" });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().code).toBe("rule_broken");
    expect((await admin.patch(`/api/v1/users/${admin.userId}`, { status: "disabled" })).statusCode).toBe(422);
    expect((await admin.get("/api/v1/me")).json().role).toBe("admin");
  });

  it("lets caseworkers see whom they can assign: active admins and advisors, names and roles only", async () => {
    const admin = await t.as("admin");
    const advisor = await t.as("advisor", admin.tenantId);
    const away = await t.createUser(admin.tenantId, "advisor");
    await admin.patch(`/api/v1/users/${away.userId}`, { status: "disabled" });
    await t.createUser(admin.tenantId, "viewer");
    await t.as("advisor"); // another network's advisor
    const response = await advisor.get("/api/v1/caseworkers");
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { userId: string; name: string; role: string }[];
    expect(items.map((i) => i.userId).sort()).toEqual([admin.userId, advisor.userId].sort());
    expect(Object.keys(items[0]!).sort()).toEqual(["name", "role", "userId"]);
  });

  it("re-enables a disabled user", async () => {
    const admin = await t.as("admin");
    const user = await t.createUser(admin.tenantId, "advisor");
    await admin.patch(`/api/v1/users/${user.userId}`, { status: "disabled" });
    expect((await t.anonymous.post("/api/auth/sign-in/email", { email: user.email, password: user.password })).statusCode).toBe(403);
    await admin.patch(`/api/v1/users/${user.userId}`, { status: "active" });
    await t.signIn(user.email, user.password);
    const listed = (await admin.get("/api/v1/users")).json().items.find((u: { userId: string }) => u.userId === user.userId);
    expect(listed.status).toBe("active");
  });

  it("pages through members with a cursor and rejects a broken cursor", async () => {
    const admin = await t.as("admin");
    for (let i = 0; i < 4; i++) await t.createUser(admin.tenantId, "viewer");
    const first = (await admin.get("/api/v1/users?limit=2")).json();
    expect(first.items).toHaveLength(2);
    const second = (await admin.get(`/api/v1/users?limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await admin.get(`/api/v1/users?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((u: { userId: string }) => u.userId);
    expect(new Set(ids).size).toBe(5);
    expect((await admin.get("/api/v1/users?cursor=garbage")).json().code).toBe("validation_failed");
    expect((await admin.get("/api/v1/users?limit=500")).statusCode).toBe(400);
  });

  it("lets a user change their own name and language", async () => {
    const user = await t.as("candidate");
    expect((await user.patch("/api/v1/me", { name: "Amal A.", locale: "en" })).statusCode).toBe(204);
    expect((await user.get("/api/v1/me")).json().user).toMatchObject({ name: "Amal A.", locale: "en" });
    expect((await user.patch("/api/v1/me", { locale: "xx" })).statusCode).toBe(400);
  });

  it("an instance administrator creates a second network whose admin is invited", async () => {
    const network = await t.createNetwork();
    const founder = await t.createUser(network.id, "admin", { instanceAdmin: true });
    const client = await t.signIn(founder.email, founder.password);
    const created = await client.post("/api/v1/networks", { name: "Globale Asker", slug: "asker", municipality: "Asker", admin: { email: "leder@asker.example.no" } });
    expect(created.statusCode).toBe(201);
    const duplicate = await client.post("/api/v1/networks", { name: "Again", slug: "asker", municipality: "", admin: { email: "x@example.no" } });
    expect(duplicate.statusCode).toBe(409);
    const mails = await t.ctx.db.query.mailOutbox.findMany();
    const mail = mails.find((m) => m.recipient === "leder@asker.example.no")!;
    expect(mail.tenantId).toBe(created.json().network.id);
    const token = linkToken(mail.textBody!);
    expect((await t.anonymous.post(`/api/public/invitations/${token}/accept`, { name: "Leder", password: "asker-password" })).statusCode).toBe(200);
    const leader = await t.signIn("leder@asker.example.no", "asker-password");
    expect((await leader.get("/api/v1/me")).json()).toMatchObject({ role: "admin", network: { slug: "asker" } });
  });
});
