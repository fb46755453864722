import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "./testing/test-app.ts";
import type { TestApp } from "./testing/test-app.ts";
import { createApiToken } from "./platform/tokens.ts";
import { createInvitation } from "./users/service.ts";
import { insertCandidate } from "./candidates/service.ts";
import { candidateDocuments, candidateNotes } from "./candidates/tables.ts";
import { candidateInputSchema } from "../shared/candidates.ts";
import { placementFollowUps, placements } from "./placements/tables.ts";
import { followUpsFor } from "./placements/service.ts";
import { makeCandidate, makeEmployer, makeJob } from "./placements/test-fixtures.ts";

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

  it("answers 404 for another network's candidate, its notes, documents and access log, and never lists or exports it", async () => {
    const input = candidateInputSchema.parse({ firstName: "Bea", lastName: "Bnettverk", email: "bea@example.no", phone: "+47 955 55 555", background: { birthYear: 1990 } });
    const candidateB = await insertCandidate(t.ctx.db, { kind: "system", tenantId: networkB }, networkB, input);
    const [docB] = await t.ctx.db
      .insert(candidateDocuments)
      .values({ tenantId: networkB, candidateId: candidateB.id, name: "b.pdf", contentType: "application/pdf", size: 9, content: Buffer.from("%PDF-1.4\n") })
      .returning();
    await t.ctx.db.insert(candidateNotes).values({ tenantId: networkB, candidateId: candidateB.id, text: "B's note" });
    const own = (await adminA.post("/api/v1/candidates", { firstName: "Anne", lastName: "Anettverk" })).json();
    const base = `/api/v1/candidates/${candidateB.id}`;
    for (const client of [adminA, t.bearer(tokenA)]) {
      const responses = [
        await client.get(base),
        await client.patch(base, { status: "left" }),
        await client.delete(base),
        await client.get(`${base}/notes`),
        await client.post(`${base}/notes`, { text: "x" }),
        await client.get(`${base}/documents`),
        await client.get(`${base}/documents/${docB!.id}`),
        await client.delete(`${base}/documents/${docB!.id}`),
        await client.get(`${base}/access-log`),
        await client.get(`${base}/duplicates`),
        await client.get(`${base}/cv.pdf`),
        await client.post(`${base}/merge`, { duplicateId: own.id }),
        await client.post(`/api/v1/candidates/${own.id}/merge`, { duplicateId: candidateB.id }),
        await client.request("POST", `${base}/documents?name=a.pdf`, "%PDF-1.4\n", { "content-type": "application/pdf" }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      const list = (await client.get("/api/v1/candidates?q=bea")).json();
      expect(list.items).toEqual([]);
      expect((await client.get("/api/v1/candidates/export.csv")).body).not.toContain("Bnettverk");
    }
    // B's candidate is not a duplicate for A: the same e-mail registers without a 409.
    expect((await adminA.post("/api/v1/candidates", { firstName: "Bea", lastName: "Bnettverk", email: "bea@example.no" })).statusCode).toBe(201);
    const b = await t.ctx.db.query.candidates.findFirst({ where: (c, { eq }) => eq(c.id, candidateB.id) });
    expect(b!.status).toBe("active");
    expect(b!.erasureRequestedAt).toBeNull();
  });

  it("the other network's changes leave this network untouched", async () => {
    expect((await adminA.get("/api/v1/network")).json().id).toBe(adminA.tenantId);
    expect((await adminA.patch("/api/v1/network", { municipality: "Asker" })).statusCode).toBe(200);
    const b = await t.ctx.db.query.networks.findFirst({ where: (n, { eq }) => eq(n.id, networkB) });
    expect(b!.municipality).toBe("Bærum");
  });
  it("answers 404 for another network's placement and follow-up, never lists them, and cannot hire its people", async () => {
    const candidateB = await makeCandidate(t.ctx.db, networkB, { firstName: "Bo", lastName: "Bplassert", background: { gender: "male", birthYear: 1990 } });
    const [placementB] = await t.ctx.db.insert(placements).values({ tenantId: networkB, candidateId: candidateB.id, employerName: "B AS", type: "ordinary_permanent", startDate: "2026-01-01" }).returning();
    const [followUpB] = await t.ctx.db.insert(placementFollowUps).values(followUpsFor(networkB, placementB!.id, "2026-01-01")).returning();
    const employerB = await makeEmployer(t.ctx.db, networkB);
    const jobB = await makeJob(t.ctx.db, networkB);
    const ownCandidate = await makeCandidate(t.ctx.db, adminA.tenantId);
    for (const client of [adminA, t.bearer(tokenA)]) {
      const base = `/api/v1/placements/${placementB!.id}`;
      const responses = [
        await client.get(base),
        await client.patch(base, { hoursPerWeek: 10 }),
        await client.delete(base),
        await client.patch(`/api/v1/placement-follow-ups/${followUpB!.id}`, { stillEmployed: false }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      expect((await client.get("/api/v1/placements")).json().items.map((p: { id: string }) => p.id)).not.toContain(placementB!.id);
      expect((await client.get(`/api/v1/placements?candidateId=${candidateB.id}`)).json().items).toEqual([]);
      expect((await client.get("/api/v1/placement-follow-ups?include=all")).json().items.map((f: { id: string }) => f.id)).not.toContain(followUpB!.id);
      // B's candidate, employer and job cannot be named in A's hire.
      for (const body of [
        { candidateId: candidateB.id, employerName: "A AS", type: "trainee", startDate: "2026-01-01" },
        { candidateId: ownCandidate.id, employerId: employerB.id, type: "trainee", startDate: "2026-01-01" },
        { candidateId: ownCandidate.id, jobId: jobB.id, employerName: "A AS", type: "trainee", startDate: "2026-01-01" },
      ]) {
        expect((await client.post("/api/v1/placements", body)).statusCode).toBe(400);
      }
    }
    const [b] = await t.ctx.db.select().from(placementFollowUps).where(eq(placementFollowUps.id, followUpB!.id));
    expect(b!.stillEmployed).toBeNull();
    expect(await t.ctx.db.select().from(placements).where(eq(placements.id, placementB!.id))).toHaveLength(1);
  });
});
