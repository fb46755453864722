import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { startSmtpCapture } from "../testing/smtp-capture.ts";
import { createMailer } from "../mail/service.ts";
import { accessLog, auditLog } from "../platform/tables.ts";
import { readRows } from "../platform/tabular.ts";
import { createApiToken } from "../platform/tokens.ts";
import { insertCandidate } from "../candidates/service.ts";
import { candidateInputSchema } from "../../shared/candidates.ts";
import { consentPurposes } from "../../shared/jobs.ts";
import { accessFlags, deniedRequests } from "./tables.ts";
import { memberships } from "../users/tables.ts";
import { auditReviewPurpose } from "./service.ts";
import { detectUnusualAccess, findBursts, notifyFlags } from "./unusual.ts";

type SignedIn = Awaited<ReturnType<TestApp["as"]>>;
const minutes = (n: number) => n * 60_000;

/** Waits for the denied-request rows that the app writes after the response. */
async function waitFor<T>(read: () => Promise<T[]>, count: number): Promise<T[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await read();
    if (rows.length >= count) return rows;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}

describe("audit views", () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let admin: SignedIn;
  let advisor: { userId: string };
  let otherAdmin: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ config: { smtpUrl: smtp.url }, mailer: createMailer({ smtpUrl: smtp.url, from: "Mangfold <no-reply@mangfold.test>" }) });
    admin = await t.as("admin");
    advisor = await t.createUser(admin.tenantId, "advisor", { name: "Ada Advisor" });
    otherAdmin = await t.as("admin");
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  describe("searching the audit trail and the access log", () => {
    const personA = randomUUID();
    const personB = randomUUID();
    beforeAll(async () => {
      const tenantId = admin.tenantId;
      await t.ctx.db.insert(auditLog).values([
        { tenantId, actorUserId: advisor.userId, action: "candidate.update", entityType: "candidate", entityId: personA, before: { phone: "1" }, after: { phone: "2" }, at: new Date("2026-03-01T10:00:00Z") },
        { tenantId, actorUserId: admin.userId, action: "candidate.create", entityType: "candidate", entityId: personB, after: { firstName: "Secret" }, at: new Date("2026-03-02T10:00:00Z") },
        { tenantId, actorUserId: admin.userId, action: "employer.update", entityType: "employer", entityId: "e-1", at: new Date("2026-03-03T10:00:00Z") },
        // 1 April 00:30 in Norway is still 31 March in UTC: the period is Norway's calendar.
        { tenantId, actorUserId: admin.userId, action: "employer.update", entityType: "employer", entityId: "e-2", at: new Date("2026-03-31T22:30:00Z") },
        { tenantId: otherAdmin.tenantId, actorUserId: otherAdmin.userId, action: "candidate.update", entityType: "candidate", entityId: personA, at: new Date("2026-03-01T11:00:00Z") },
      ]);
      await t.ctx.db.insert(accessLog).values([
        { tenantId, actorUserId: advisor.userId, personType: "candidate", personId: personA, purpose: "follow_up", at: new Date("2026-03-01T10:00:00Z") },
        { tenantId, actorUserId: advisor.userId, personType: "candidate", personId: personB, purpose: "matching", at: new Date("2026-03-02T10:00:00Z") },
        { tenantId, actorUserId: admin.userId, personType: "candidate", personId: personB, purpose: "follow_up", at: new Date("2026-03-03T10:00:00Z") },
        { tenantId: otherAdmin.tenantId, actorUserId: otherAdmin.userId, personType: "candidate", personId: personA, purpose: "follow_up", at: new Date("2026-03-01T10:00:00Z") },
      ]);
    });

    it("filters changes by user, action, entity, and period in Norway's calendar", async () => {
      const byUser = (await admin.get(`/api/v1/audit/changes?userId=${advisor.userId}`)).json();
      expect(byUser.items).toHaveLength(1);
      expect(byUser.items[0]).toMatchObject({ action: "candidate.update", entityId: personA, fields: ["phone"], who: { kind: "user", id: advisor.userId, name: "Ada Advisor" } });
      // The values stay in the database: only the field names are shown.
      expect(JSON.stringify(byUser)).not.toContain('"2"');
      expect((await admin.get("/api/v1/audit/changes?action=employer.update")).json().items.map((c: { entityId: string }) => c.entityId)).toEqual(["e-2", "e-1"]);
      expect((await admin.get(`/api/v1/audit/changes?entityType=candidate&entityId=${personB}`)).json().items).toHaveLength(1);
      const march = (await admin.get("/api/v1/audit/changes?from=2026-03-02&to=2026-03-31")).json().items.map((c: { entityId: string }) => c.entityId);
      expect(march).toEqual(["e-1", personB]);
      const april = (await admin.get("/api/v1/audit/changes?from=2026-04-01&to=2026-04-01")).json().items.map((c: { entityId: string }) => c.entityId);
      expect(april).toEqual(["e-2"]);
    });

    it("filters reads by purpose, user and person, and logs that the admin saw them", async () => {
      const reads = (await admin.get(`/api/v1/audit/reads?action=follow_up&to=2026-03-31`)).json().items;
      expect(reads.map((r: { personId: string }) => r.personId)).toEqual([personB, personA]);
      expect((await admin.get(`/api/v1/audit/reads?userId=${advisor.userId}&entityId=${personB}`)).json().items).toMatchObject([{ purpose: "matching", personType: "candidate" }]);
      const logged = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.actorUserId, admin.userId), eq(accessLog.purpose, auditReviewPurpose)));
      expect(new Set(logged.map((r) => r.personId))).toEqual(new Set([personA, personB]));
    });

    it("refuses a period that ends before it starts, a bad date and a bad cursor with 400", async () => {
      expect((await admin.get("/api/v1/audit/changes?from=2026-04-01&to=2026-03-01")).statusCode).toBe(400);
      expect((await admin.get("/api/v1/audit/reads?from=yesterday")).statusCode).toBe(400);
      const bad = await admin.get("/api/v1/audit/changes?cursor=nonsense");
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe("validation_failed");
    });

    it("pages through the trail with keyset cursors, without gaps or repeats", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await admin.get(`/api/v1/audit/changes?to=2026-04-30&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        expect(response.statusCode).toBe(200);
        const body = response.json() as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(2);
      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
    });

    it("exports the filtered rows as CSV and XLSX", async () => {
      const csv = await admin.get(`/api/v1/audit/changes/export?format=csv&action=employer.update`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.headers["content-disposition"]).toMatch(/attachment; filename="audit-trail-\d{4}-\d{2}-\d{2}\.csv"/);
      const lines = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n");
      expect(lines[0]).toBe("time,user_or_token,user_id,token_id,action,entity_type,entity_id,fields");
      expect(lines.slice(1).map((line) => line.split(",")[6])).toEqual(["e-2", "e-1"]);

      const xlsx = await admin.request("GET", `/api/v1/audit/reads/export?format=xlsx&userId=${advisor.userId}`);
      expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
      const rows = await readRows(xlsx.rawPayload);
      expect(rows[0]!.cells).toEqual(["time", "user_or_token", "user_id", "token_id", "purpose", "person_type", "person_id"]);
      expect(rows.slice(1).map((row) => [row.cells[1], row.cells[4], row.cells[6]])).toEqual([
        ["Ada Advisor", "matching", personB],
        ["Ada Advisor", "follow_up", personA],
      ]);
    });

    it("shows only the network's own rows", async () => {
      const theirs = (await otherAdmin.get("/api/v1/audit/changes")).json().items;
      expect(theirs).toHaveLength(1);
      expect(theirs[0].who.id).toBe(otherAdmin.userId);
      const csv = (await otherAdmin.get("/api/v1/audit/reads/export")).body;
      expect(csv).not.toContain(advisor.userId);
      expect((await otherAdmin.get(`/api/v1/audit/changes?userId=${advisor.userId}`)).json().items).toEqual([]);
    });
  });

  describe("denied requests", () => {
    it("records a 401 with the route pattern and code, and no token, query value or path value", async () => {
      const secretToken = `mgf_${"x".repeat(43)}`;
      const candidateId = randomUUID();
      const response = await t.bearer(secretToken).get(`/api/v1/candidates/${candidateId}?lang=nb&q=Fatima`);
      expect(response.statusCode).toBe(401);
      const rows = await waitFor(() => t.ctx.db.select().from(deniedRequests).where(and(isNull(deniedRequests.tenantId), eq(deniedRequests.code, "invalid_token"))), 1);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ method: "GET", route: "/api/v1/candidates/:id", status: 401, code: "invalid_token", actorUserId: null, actorTokenId: null });
      const text = JSON.stringify(rows);
      for (const secret of [secretToken, candidateId, "Fatima", "lang="]) expect(text).not.toContain(secret);
    });

    it("records a 403 with who it was, shown to the network's admins only", async () => {
      const viewer = await t.createUser(admin.tenantId, "viewer", { name: "Vera Viewer" });
      const client = await t.signIn(viewer.email, viewer.password);
      expect((await client.post("/api/v1/candidates", { firstName: "Hidden", lastName: "Person", email: "hidden@example.no" })).statusCode).toBe(403);
      const rows = await waitFor(() => t.ctx.db.select().from(deniedRequests).where(eq(deniedRequests.actorUserId, viewer.userId)), 1);
      expect(rows[0]).toMatchObject({ tenantId: admin.tenantId, method: "POST", route: "/api/v1/candidates", status: 403, code: "forbidden" });
      expect(JSON.stringify(rows)).not.toMatch(/Hidden|hidden@example/);

      const mine = (await admin.get("/api/v1/audit/denied")).json().items;
      expect(mine).toContainEqual(expect.objectContaining({ route: "/api/v1/candidates", status: 403, code: "forbidden", who: expect.objectContaining({ name: "Vera Viewer" }) }));
      expect((await otherAdmin.get("/api/v1/audit/denied")).json().items.map((d: { route: string }) => d.route)).not.toContain("/api/v1/candidates");
    });

    it("shows unknown callers' denied requests to instance administrators only", async () => {
      expect((await admin.get("/api/v1/audit/denied?scope=unauthenticated")).statusCode).toBe(403);
      const owner = await t.createUser(admin.tenantId, "admin", { instanceAdmin: true });
      const instanceAdmin = await t.signIn(owner.email, owner.password);
      const items = (await instanceAdmin.get("/api/v1/audit/denied?scope=unauthenticated")).json().items;
      expect(items).toContainEqual(expect.objectContaining({ route: "/api/v1/candidates/:id", code: "invalid_token", who: null }));
    });

    it("records a token refused for its role with the token, not its secret", async () => {
      const { token, id } = await createApiToken(t.ctx.db, { kind: "system", tenantId: admin.tenantId }, { tenantId: admin.tenantId, role: "viewer", name: "Board" });
      expect((await t.bearer(token).get("/api/v1/audit/changes")).statusCode).toBe(403);
      const rows = await waitFor(() => t.ctx.db.select().from(deniedRequests).where(eq(deniedRequests.actorTokenId, id)), 1);
      expect(rows[0]).toMatchObject({ tenantId: admin.tenantId, route: "/api/v1/audit/changes", code: "forbidden" });
      expect(JSON.stringify(rows)).not.toContain(token);
    });
  });

  describe("unusual access", () => {
    it("finds bursts over the threshold in a sliding window", () => {
      const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 8, 0) + minutes(m));
      const reads = Array.from({ length: 12 }, (_, i) => ({ person: `p${i}`, at: at(i) }));
      // 12 people over 11 minutes: at most 10 within any 10 minutes (the window is half-open).
      expect(findBursts(reads, 10, minutes(10))).toEqual([]);
      const bursts = findBursts(reads, 9, minutes(10));
      expect(bursts).toEqual([{ firstAt: at(0), lastAt: at(11), profiles: 10 }]);
      // The same person again and again is one person.
      expect(findBursts(Array.from({ length: 50 }, (_, i) => ({ person: "same", at: at(i / 10) })), 9, minutes(10))).toEqual([]);
    });

    it("raises one flag for a burst, mails the admins once without the people's names, and does not repeat", async () => {
      const tenantId = admin.tenantId;
      const reader = await t.createUser(tenantId, "advisor", { name: "Rask Leser" });
      const named = [];
      for (const lastName of ["Nordmann", "Hansen", "Olsen"]) {
        named.push((await insertCandidate(t.ctx.db, { kind: "system", tenantId }, tenantId, candidateInputSchema.parse({ firstName: "Kari", lastName }))).id);
      }
      const start = new Date(Date.now() - minutes(30));
      const people = [...named, ...Array.from({ length: 57 }, () => randomUUID())];
      await t.ctx.db.insert(accessLog).values(people.map((personId, i) => ({ tenantId, actorUserId: reader.userId, personType: "candidate", personId, purpose: "follow_up", at: new Date(start.getTime() + i * 5000) })));
      const mailsBefore = smtp.received.length;

      const raised = await detectUnusualAccess(t.ctx.db, tenantId, new Date(start.getTime() + minutes(6)));
      expect(raised).toHaveLength(1);
      // One mail to each admin of the network.
      const admins = await t.ctx.db.select().from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "admin")));
      expect(await notifyFlags(t.ctx, tenantId)).toBe(admins.length);
      const mails = smtp.received.slice(mailsBefore);
      expect(mails).toHaveLength(admins.length);
      expect(mails.flatMap((m) => m.to)).toContain(admin.email);
      expect(mails.flatMap((m) => m.to)).not.toContain(reader.email);
      expect(mails[0]!.text).toContain("Rask Leser");
      expect(mails[0]!.text).toContain("60");
      for (const name of ["Nordmann", "Hansen", "Olsen", "Kari"]) expect(mails[0]!.text).not.toContain(name);

      // Later checks over the same burst, and the burst going on, extend the flag: no new flag, no new mail.
      await t.ctx.db.insert(accessLog).values(Array.from({ length: 20 }, (_, i) => ({ tenantId, actorUserId: reader.userId, personType: "candidate", personId: randomUUID(), purpose: "follow_up", at: new Date(start.getTime() + minutes(6) + i * 1000) })));
      expect(await detectUnusualAccess(t.ctx.db, tenantId, new Date(start.getTime() + minutes(8)))).toEqual([]);
      expect(await detectUnusualAccess(t.ctx.db, tenantId, new Date(start.getTime() + minutes(20)))).toEqual([]);
      expect(await notifyFlags(t.ctx, tenantId)).toBe(0);
      expect(smtp.received.length).toBe(mailsBefore + admins.length);
      const flags = await t.ctx.db.select().from(accessFlags).where(eq(accessFlags.tenantId, tenantId));
      expect(flags).toHaveLength(1);
      expect(flags[0]!.profiles).toBeGreaterThan(60);

      const listed = (await admin.get("/api/v1/audit/flags")).json().items;
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ who: { name: "Rask Leser" }, maxProfiles: 50, windowMinutes: 10 });
      expect(listed[0].notifiedAt).not.toBeNull();
      expect((await otherAdmin.get("/api/v1/audit/flags")).json().items).toEqual([]);
    });

    it("ignores an admin reviewing the logs, and follows the network's threshold", async () => {
      const network = await t.as("admin");
      const reviewer = await t.createUser(network.tenantId, "admin");
      await t.ctx.db.insert(accessLog).values(Array.from({ length: 80 }, (_, i) => ({ tenantId: network.tenantId, actorUserId: reviewer.userId, personType: "candidate", personId: randomUUID(), purpose: auditReviewPurpose, at: new Date(Date.now() - minutes(5) + i * 1000) })));
      expect(await detectUnusualAccess(t.ctx.db, network.tenantId)).toEqual([]);

      expect((await network.patch("/api/v1/audit/settings", { maxProfiles: 1 })).statusCode).toBe(400);
      const changed = await network.patch("/api/v1/audit/settings", { maxProfiles: 5, windowMinutes: 2 });
      expect(changed.json()).toEqual({ maxProfiles: 5, windowMinutes: 2 });
      expect((await network.get("/api/v1/audit/settings")).json()).toEqual({ maxProfiles: 5, windowMinutes: 2 });
      await t.ctx.db.insert(accessLog).values(Array.from({ length: 6 }, (_, i) => ({ tenantId: network.tenantId, actorUserId: reviewer.userId, personType: "candidate", personId: randomUUID(), purpose: "matching", at: new Date(Date.now() - minutes(1) + i * 1000) })));
      expect(await detectUnusualAccess(t.ctx.db, network.tenantId)).toHaveLength(1);
    });
  });

  describe("record of processing activities", () => {
    it("lists every consent purpose, the special category, the recipients and retention, for admins and viewers", async () => {
      const viewer = await t.createUser(admin.tenantId, "viewer");
      const client = await t.signIn(viewer.email, viewer.password);
      const response = await client.get("/api/v1/audit/processing-record");
      expect(response.statusCode).toBe(200);
      const record = response.json();
      const keys = record.purposes.map((p: { key: string }) => p.key);
      for (const purpose of consentPurposes) expect(keys).toContain(purpose);
      for (const purpose of ["matching", "statistics", "trainee_programme"]) expect(keys).toContain(purpose);
      expect(record.purposes.find((p: { key: string }) => p.key === "registration").consentVersion).toBe("registration-v1");
      const background = record.dataCategories.find((c: { key: string }) => c.key === "background");
      expect(background).toMatchObject({ special: true });
      expect(background.fields).toContain("countryOfBirth");
      expect(record.recipients.map((r: { key: string }) => r.key)).toContain("employers");
      // The retention rules come from the network's settings (privacy/, default 60 months for the access log); the audit trail has none.
      expect(record.retention.find((r: { key: string }) => r.key === "access_log").months).toBe(60);
      expect(record.retention.find((r: { key: string }) => r.key === "audit_log").months).toBeNull();
      expect(record.controller.network).toBeTruthy();
      expect((await (await t.as("advisor")).get("/api/v1/audit/processing-record")).statusCode).toBe(403);
    });
  });
});
