import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./testing/test-app.ts";
import type { TestApp } from "./testing/test-app.ts";
import { createApiToken } from "./platform/tokens.ts";
import { createInvitation } from "./users/service.ts";

/** A user of network A never sees or touches a record of network B: every such request answers 404. */
describe("tenant isolation", () => {
  let t: TestApp;
  let adminA: Awaited<ReturnType<TestApp["as"]>>;
  let networkB: string;
  let userB: string;
  let invitationB: string;
  let tokenA: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminA = await t.as("admin");
    networkB = (await t.createNetwork()).id;
    userB = (await t.createUser(networkB, "advisor")).userId;
    await t.createUser(networkB, "admin");
    invitationB = (await t.ctx.db.transaction((tx) => createInvitation(tx, { kind: "system", tenantId: networkB } as never, { email: "b-invitee@example.no", role: "viewer" }))).id;
    await t.ctx.mailer.send(t.ctx.db, { tenantId: networkB, to: "secret@example.no", subject: "B only", text: "for B" });
    tokenA = (await createApiToken(t.ctx.db, { kind: "system", tenantId: adminA.tenantId }, { tenantId: adminA.tenantId, role: "admin", name: "A" })).token;
  });
  afterAll(() => t.close());

  it("answers 404 for another network's user and invitation, by session and by token", async () => {
    for (const client of [adminA, t.bearer(tokenA)]) {
      const patch = await client.patch(`/api/v1/users/${userB}`, { role: "viewer" });
      expect(patch.statusCode).toBe(404);
      expect(patch.json().code).toBe("not_found");
      expect((await client.delete(`/api/v1/invitations/${invitationB}`)).statusCode).toBe(404);
    }
  });

  it("lists only the own network's users, invitations and mail", async () => {
    const users = (await adminA.get("/api/v1/users")).json().items;
    expect(users.map((u: { userId: string }) => u.userId)).not.toContain(userB);
    expect(users).toHaveLength(1);
    expect((await adminA.get("/api/v1/invitations")).json().items).toEqual([]);
    expect((await adminA.get("/api/v1/outbox")).json().items.map((m: { subject: string }) => m.subject)).not.toContain("B only");
  });

  it("cannot switch into a network the user is not a member of", async () => {
    const response = await adminA.post("/api/v1/me/network", { networkId: networkB });
    expect(response.statusCode).toBe(404);
    // A forged network cookie is ignored: the user stays in their own network.
    const forged = await adminA.request("GET", "/api/v1/me", undefined, { cookie: `${adminA.cookie}; mangfold.network=${networkB}` });
    expect(forged.json().network.id).toBe(adminA.tenantId);
  });

  it("the other network's changes leave this network untouched", async () => {
    expect((await adminA.get("/api/v1/network")).json().id).toBe(adminA.tenantId);
    expect((await adminA.patch("/api/v1/network", { municipality: "Asker" })).statusCode).toBe(200);
    const b = await t.ctx.db.query.networks.findFirst({ where: (n, { eq }) => eq(n.id, networkB) });
    expect(b!.municipality).toBe("Bærum");
  });
});
