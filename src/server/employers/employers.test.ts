import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { auditLog } from "../platform/tables.ts";
import { invitations } from "../users/tables.ts";
import { placements } from "../placements/tables.ts";
import { employerCertificates, employerContacts, employerStatusChanges, employers } from "./tables.ts";
import { insertTestActivity, insertTestEmployer, testOrgNumber } from "./test-fixtures.ts";
import { osloDate } from "../platform/dates.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

const daysFromToday = (days: number) => osloDate(new Date(Date.now() + days * 24 * 60 * 60 * 1000));

describe("employers", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let viewer: Signed;
  let hr: Signed;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    viewer = await t.as("viewer", admin.tenantId);
    hr = await t.as("hr", admin.tenantId);
  });
  afterAll(() => t.close());

  const create = (client: Signed, body: Record<string, unknown>, query = "") => client.post(`/api/v1/employers${query}`, body);

  describe("register, read, change, delete", () => {
    it("registers an employer with the first status history row, derived industry section and normalised org number", async () => {
      const orgNumber = testOrgNumber();
      const response = await create(advisor, {
        orgNumber: `${orgNumber.slice(0, 3)} ${orgNumber.slice(3, 6)} ${orgNumber.slice(6)}`,
        name: "Fjordbakeriet AS",
        naceCode: "10.711",
        municipality: "Bærum",
        website: "fjordbakeriet.example",
        tags: ["Pioneer", "partner"],
        notes: "Met the owner at the business breakfast.",
        membershipStatus: "contacted",
      });
      expect(response.statusCode, response.body).toBe(201);
      const employer = response.json();
      expect(employer).toMatchObject({
        orgNumber,
        name: "Fjordbakeriet AS",
        naceCode: "10.711",
        naceSection: "C",
        website: "https://fjordbakeriet.example",
        tags: ["pioneer", "partner"],
        membershipStatus: "contacted",
        hires: 0,
        contacts: [],
        certificates: [],
        lastContactAt: null,
      });
      expect(employer.statusHistory).toEqual([{ from: null, to: "contacted", changedAt: expect.any(String), by: { userId: advisor.userId, name: "Test advisor" }, note: "" }]);
      const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, employer.id), eq(auditLog.action, "employer.create")));
      expect(audit).toHaveLength(1);
    });

    it("refuses a wrong check digit, a short number and an unknown industry with clear messages", async () => {
      const valid = testOrgNumber();
      const wrong = `${valid.slice(0, 8)}${(Number(valid[8]) + 1) % 10}`;
      const bad = await create(admin, { orgNumber: wrong, name: "Typo AS" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([{ path: "body.orgNumber", message: expect.stringMatching(/check digit/) }]);
      const short = await create(admin, { orgNumber: "12345", name: "Short AS" });
      expect(short.json().errors[0].message).toMatch(/9 digits/);
      const nace = await create(admin, { orgNumber: testOrgNumber(), name: "Nace AS", naceCode: "04.1" });
      expect(nace.statusCode).toBe(400);
      expect(nace.json().errors[0].path).toBe("body.naceCode");
      const unknownField = await create(admin, { orgNumber: testOrgNumber(), name: "Extra AS", secret: 1 });
      expect(unknownField.statusCode).toBe(400);
    });

    it("flags a duplicate organisation number with 409 and the duplicates, and registers it when confirmed", async () => {
      const orgNumber = testOrgNumber();
      const first = (await create(admin, { orgNumber, name: "Original AS" })).json();
      const again = await create(admin, { orgNumber, name: "Original Avd. Sandvika" });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: "possible_duplicate", duplicates: [{ id: first.id, name: "Original AS", orgNumber }] });
      expect(await t.ctx.db.select().from(employers).where(eq(employers.orgNumber, orgNumber))).toHaveLength(1);
      const confirmed = await create(admin, { orgNumber, name: "Original Avd. Sandvika" }, "?confirmNotDuplicate=true");
      expect(confirmed.statusCode).toBe(201);
      expect((await create(admin, { orgNumber, name: "X" }, "?confirmNotDuplicate=maybe")).statusCode).toBe(400);
    });

    it("flags a changed organisation number that another employer has, unless confirmed; keeping the own number is no duplicate", async () => {
      const orgNumber = testOrgNumber();
      const taken = (await create(admin, { orgNumber, name: "Taken AS" })).json();
      const other = (await create(admin, { orgNumber: testOrgNumber(), name: "Other AS" })).json();
      const clash = await admin.patch(`/api/v1/employers/${other.id}`, { orgNumber });
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ code: "possible_duplicate", duplicates: [{ id: taken.id, name: "Taken AS", orgNumber }] });
      expect((await admin.get(`/api/v1/employers/${other.id}`)).json().orgNumber).not.toBe(orgNumber);
      const own = await admin.patch(`/api/v1/employers/${taken.id}`, { orgNumber, name: "Taken og Sønner AS" });
      expect(own.statusCode, own.body).toBe(200);
      const confirmed = await admin.patch(`/api/v1/employers/${other.id}?confirmNotDuplicate=true`, { orgNumber });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json().orgNumber).toBe(orgNumber);
    });

    it("does not create an employer as certified: that is the certification's job", async () => {
      const response = await create(admin, { orgNumber: testOrgNumber(), name: "Shortcut AS", membershipStatus: "certified" });
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe("rule_broken");
    });

    it("changes fields, keeps the status out of PATCH, and audits field names", async () => {
      const employer = (await create(admin, { orgNumber: testOrgNumber(), name: "Old Name AS" })).json();
      const patched = await advisor.patch(`/api/v1/employers/${employer.id}`, { name: "Ny Æra AS", naceCode: "62.010", tags: ["steering_group"], publicListing: true });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({ name: "Ny Æra AS", naceSection: "J", tags: ["steering_group"], publicListing: true });
      const [row] = await t.ctx.db.select().from(employers).where(eq(employers.id, employer.id));
      expect(row!.nameNorm).toBe("ny aera as");
      expect((await advisor.patch(`/api/v1/employers/${employer.id}`, { membershipStatus: "member" })).statusCode).toBe(400);
      const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, employer.id), eq(auditLog.action, "employer.update")));
      expect(audit[0]!.after).toEqual({ fields: ["name", "naceCode", "tags", "publicListing"] });
    });

    it("deletes (admins) with contacts and timeline; hires keep the employer's name", async () => {
      const employer = (await create(admin, { orgNumber: testOrgNumber(), name: "Gone AS" })).json();
      await admin.post(`/api/v1/employers/${employer.id}/contacts`, { name: "Per", email: "per@gone.example" });
      await admin.post(`/api/v1/employers/${employer.id}/activities`, { kind: "visit", occurredOn: "2024-03-01", summary: "Visit" });
      const [hire] = await t.ctx.db.insert(placements).values({ tenantId: admin.tenantId, employerId: employer.id, employerName: "Gone AS", type: "ordinary_permanent", startDate: "2024-04-01" }).returning();
      expect((await advisor.delete(`/api/v1/employers/${employer.id}`)).statusCode).toBe(403);
      expect((await admin.delete(`/api/v1/employers/${employer.id}`)).statusCode).toBe(204);
      expect((await admin.get(`/api/v1/employers/${employer.id}`)).statusCode).toBe(404);
      expect(await t.ctx.db.select().from(employerContacts).where(eq(employerContacts.employerId, employer.id))).toEqual([]);
      const [kept] = await t.ctx.db.select().from(placements).where(eq(placements.id, hire!.id));
      expect(kept).toMatchObject({ employerId: null, employerName: "Gone AS" });
      expect((await admin.delete(`/api/v1/employers/${employer.id}`)).statusCode).toBe(404);
    });

    it("shows viewers the record without internal notes, and refuses them the timeline", async () => {
      const employer = (await create(admin, { orgNumber: testOrgNumber(), name: "Viewed AS", notes: "Internal: CEO is difficult." })).json();
      await admin.post(`/api/v1/employers/${employer.id}/status`, { status: "contacted", note: "Phoned the CEO." });
      const seen = (await viewer.get(`/api/v1/employers/${employer.id}`)).json();
      expect(seen.notes).toBe("");
      expect(seen.statusHistory.map((h: { note: string }) => h.note)).toEqual(["", ""]);
      expect((await viewer.get(`/api/v1/employers/${employer.id}/activities`)).statusCode).toBe(403);
      const byHr = (await hr.get(`/api/v1/employers/${employer.id}`)).json();
      expect(byHr.notes).toBe("Internal: CEO is difficult.");
      expect((await hr.get(`/api/v1/employers/${employer.id}/activities`)).statusCode).toBe(200);
      expect((await hr.patch(`/api/v1/employers/${employer.id}`, { name: "x" })).statusCode).toBe(403);
    });

    it("reads certificates with their state, and hires from placements", async () => {
      const employer = await insertTestEmployer(t.ctx.db, admin.tenantId, { name: "Certified Example AS", membershipStatus: "member" });
      await t.ctx.db.insert(employerCertificates).values([
        { tenantId: admin.tenantId, employerId: employer.id, kind: "membership", code: `MF-T1-${employer.id.slice(0, 8)}`, validUntil: daysFromToday(300) },
        { tenantId: admin.tenantId, employerId: employer.id, kind: "membership", code: `MF-T2-${employer.id.slice(0, 8)}`, validUntil: daysFromToday(-1) },
        { tenantId: admin.tenantId, employerId: employer.id, kind: "certification", code: `MF-T3-${employer.id.slice(0, 8)}`, validUntil: daysFromToday(300), revokedAt: new Date(), revokedReason: "test" },
      ]);
      await t.ctx.db.insert(placements).values([
        { tenantId: admin.tenantId, employerId: employer.id, employerName: employer.name, type: "ordinary_permanent", startDate: "2024-01-01" },
        { tenantId: admin.tenantId, employerId: employer.id, employerName: employer.name, type: "trainee", startDate: "2024-02-01" },
      ]);
      const view = (await admin.get(`/api/v1/employers/${employer.id}`)).json();
      expect(view.hires).toBe(2);
      expect(view.certificates.map((c: { state: string }) => c.state).sort()).toEqual(["expired", "revoked", "valid"]);
    });
  });

  describe("membership status", () => {
    it("moves through the pipeline with history, refuses certified, and does nothing for the same status", async () => {
      const employer = (await create(admin, { orgNumber: testOrgNumber(), name: "Pipeline AS" })).json();
      const contacted = await advisor.post(`/api/v1/employers/${employer.id}/status`, { status: "contacted", note: "First call" });
      expect(contacted.statusCode).toBe(200);
      const member = (await advisor.post(`/api/v1/employers/${employer.id}/status`, { status: "member" })).json();
      expect(member.membershipStatus).toBe("member");
      expect(member.statusHistory.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
        [null, "prospect"],
        ["prospect", "contacted"],
        ["contacted", "member"],
      ]);
      expect(member.statusHistory[1].note).toBe("First call");
      const certified = await advisor.post(`/api/v1/employers/${employer.id}/status`, { status: "certified" });
      expect(certified.statusCode).toBe(422);
      expect(certified.json().code).toBe("rule_broken");
      const same = (await advisor.post(`/api/v1/employers/${employer.id}/status`, { status: "member" })).json();
      expect(same.statusHistory).toHaveLength(3);
      expect((await advisor.post(`/api/v1/employers/${employer.id}/status`, { status: "gold" })).statusCode).toBe(400);
    });

    it("lapsing revokes valid certificates", async () => {
      const employer = await insertTestEmployer(t.ctx.db, admin.tenantId, { membershipStatus: "member" });
      await t.ctx.db.insert(employerCertificates).values({ tenantId: admin.tenantId, employerId: employer.id, kind: "membership", code: `MF-L-${employer.id.slice(0, 8)}`, validUntil: daysFromToday(100) });
      const lapsed = (await admin.post(`/api/v1/employers/${employer.id}/status`, { status: "lapsed", note: "No longer active" })).json();
      expect(lapsed.certificates[0].state).toBe("revoked");
    });
  });

  describe("list", () => {
    let net: Signed;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      net = await t.as("admin");
      const db = t.ctx.db;
      const tenantId = net.tenantId;
      const make = async (key: string, input: Record<string, unknown>) => (ids[key] = (await insertTestEmployer(db, tenantId, input)).id);
      await make("bakery", { name: "Åsens Bakeri AS", naceCode: "10.711", municipality: "Bærum", tags: ["pioneer"], membershipStatus: "member", orgNumber: testOrgNumber(9876543) });
      await make("cleaning", { name: "Rent og Pent AS", naceCode: "81.210", municipality: "Asker", membershipStatus: "contacted" });
      await make("it", { name: "Kode Kompaniet AS", naceCode: "62.010", municipality: "bærum", tags: ["partner", "pioneer"] });
      await make("hotel", { name: "Hotell Fjordgløtt", naceCode: "55.101", municipality: "Oslo", membershipStatus: "lapsed" });
      await make("none", { name: "Zeta Consulting", municipality: "Oslo" });
      await db.insert(placements).values({ tenantId, employerId: ids.cleaning!, employerName: "Rent og Pent AS", type: "ordinary_permanent", startDate: "2024-05-01" });
      const now = Date.now();
      await db.update(employers).set({ lastContactAt: new Date(now - 10 * 86_400_000) }).where(eq(employers.id, ids.bakery!));
      await db.update(employers).set({ lastContactAt: new Date(now - 100 * 86_400_000) }).where(eq(employers.id, ids.cleaning!));
      await db.update(employers).set({ lastContactAt: new Date(now - 40 * 86_400_000) }).where(eq(employers.id, ids.it!));
      await insertTestActivity(db, tenantId, ids.it!, { followUpText: "Send contract", followUpDueOn: "2030-01-01", followUpAssigneeUserId: net.userId });
      await insertTestActivity(db, tenantId, ids.it!, { followUpText: "Earlier", followUpDueOn: "2029-06-01", followUpAssigneeUserId: net.userId });
      await insertTestActivity(db, tenantId, ids.it!, { followUpText: "Done", followUpDueOn: "2020-06-01", followUpDoneAt: new Date() });
    });
    const names = async (query: string) => (await net.get(`/api/v1/employers?${query}`)).json().items.map((e: { id: string }) => Object.entries(ids).find(([, id]) => id === e.id)?.[0]);

    it("sorts by name by default (accents folded) and filters", async () => {
      expect(await names("")).toEqual(["bakery", "hotel", "it", "cleaning", "none"]);
      expect(await names("q=bakeri")).toEqual(["bakery"]);
      expect(await names("q=asens")).toEqual(["bakery"]);
      expect(await names("q=198%20765")).toEqual(["bakery"]);
      expect(await names("q=kode%20kompaniet")).toEqual(["it"]);
      expect(await names("membershipStatus=member")).toEqual(["bakery"]);
      expect(await names("naceSection=N")).toEqual(["cleaning"]);
      expect(await names("municipality=B%C3%A6rum")).toEqual(["bakery", "it"]);
      expect(await names("tag=pioneer")).toEqual(["bakery", "it"]);
      expect(await names("tag=PARTNER")).toEqual(["it"]);
      expect(await names("hasHired=true")).toEqual(["cleaning"]);
      expect(await names("hasHired=false")).toEqual(["bakery", "hotel", "it", "none"]);
      expect(await names("lastContactOlderThanDays=30")).toEqual(["hotel", "it", "cleaning", "none"]);
      expect(await names("lastContactOlderThanDays=60&municipality=asker")).toEqual(["cleaning"]);
    });

    it("gives hires and the next open follow-up in the list", async () => {
      const items = (await net.get("/api/v1/employers")).json().items;
      const it_ = items.find((e: { id: string }) => e.id === ids.it);
      expect(it_).toMatchObject({ nextFollowUpOn: "2029-06-01", hires: 0, naceSection: "J", tags: ["partner", "pioneer"] });
      expect(items.find((e: { id: string }) => e.id === ids.cleaning).hires).toBe(1);
    });

    it("sorts by last contact (never first, then longest ago) and by update, and pages without gaps or repeats", async () => {
      const never = ["hotel", "none"].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
      expect(await names("sort=lastContact")).toEqual([...never, "cleaning", "it", "bakery"]);
      for (const sort of ["name", "updated", "lastContact"]) {
        const all = await names(`sort=${sort}&limit=200`);
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { id: string }[]; nextCursor: string | null } = (await net.get(`/api/v1/employers?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json();
          paged.push(...page.items.map((e) => Object.entries(ids).find(([, id]) => id === e.id)![0]));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged, sort).toEqual(all);
        expect(all).toHaveLength(5);
      }
    });

    it("refuses a bad cursor, a cursor of another sort and bad filters with 400", async () => {
      expect((await net.get("/api/v1/employers?cursor=nonsense")).statusCode).toBe(400);
      const page = (await net.get("/api/v1/employers?limit=1&sort=name")).json();
      expect((await net.get(`/api/v1/employers?sort=updated&cursor=${page.nextCursor}`)).statusCode).toBe(400);
      expect((await net.get("/api/v1/employers?naceSection=Z")).statusCode).toBe(400);
      expect((await net.get("/api/v1/employers?lastContactOlderThanDays=0")).statusCode).toBe(400);
      expect((await net.get("/api/v1/employers?limit=201")).statusCode).toBe(400);
    });
  });

  it("pages by name past an employer with a 200-character name", async () => {
    const own = await t.as("admin");
    const long = `${"Æ".repeat(100)}${"漢".repeat(99)}X`;
    await insertTestEmployer(t.ctx.db, own.tenantId, { name: long });
    await insertTestEmployer(t.ctx.db, own.tenantId, { name: "Ølstue" });
    const first = (await own.get("/api/v1/employers?limit=1")).json();
    expect(first.items[0].name).toBe(long);
    const second = await own.get(`/api/v1/employers?limit=1&cursor=${first.nextCursor}`);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items[0].name).toBe("Ølstue");
  });

  describe("contacts and invitations", () => {
    it("adds, changes and removes contacts; refuses bad e-mail and phone", async () => {
      const employer = (await create(admin, { orgNumber: testOrgNumber(), name: "Contacts AS" })).json();
      const base = `/api/v1/employers/${employer.id}/contacts`;
      const added = await advisor.post(base, { name: "Kari Hansen", role: "Daglig leder", email: "Kari@Contacts.example", phone: "+47 912 34 567" });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({ name: "Kari Hansen", email: "kari@contacts.example", access: "none" });
      expect((await advisor.post(base, { name: "Bad", email: "nope" })).statusCode).toBe(400);
      expect((await advisor.post(base, { name: "Bad", phone: "call me" })).statusCode).toBe(400);
      expect((await advisor.post(base, { name: "" })).statusCode).toBe(400);
      const contactId = added.json().id;
      const patched = await advisor.patch(`${base}/${contactId}`, { role: "HR-leder", phone: null });
      expect(patched.json()).toMatchObject({ role: "HR-leder", phone: null });
      expect((await advisor.get(`/api/v1/employers/${employer.id}`)).json().contacts).toHaveLength(1);
      expect((await advisor.delete(`${base}/${contactId}`)).statusCode).toBe(204);
      expect((await advisor.delete(`${base}/${contactId}`)).statusCode).toBe(404);
      expect((await advisor.patch(`${base}/${contactId}`, { name: "x" })).statusCode).toBe(404);
      // A contact of another employer is not found under this one.
      const other = (await create(admin, { orgNumber: testOrgNumber(), name: "Other AS" })).json();
      const otherContact = (await advisor.post(`/api/v1/employers/${other.id}/contacts`, { name: "Ola" })).json();
      expect((await advisor.patch(`${base}/${otherContact.id}`, { name: "x" })).statusCode).toBe(404);
    });

    it("invites a contact as an employer user; accepting links the contact, who then sees the company in the portal", async () => {
      const employer = (await create(admin, { orgNumber: testOrgNumber(), name: "Portal AS", notes: "secret internal note", tags: ["pioneer"] })).json();
      await admin.post(`/api/v1/employers/${employer.id}/status`, { status: "contacted", note: "internal status note" });
      const base = `/api/v1/employers/${employer.id}/contacts`;
      const noEmail = (await advisor.post(base, { name: "No Mail" })).json();
      const refused = await advisor.post(`${base}/${noEmail.id}/invite`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().detail).toMatch(/no e-mail/);

      const contact = (await advisor.post(base, { name: "Lise Leder", email: "lise@portal.example" })).json();
      const invited = await advisor.post(`${base}/${contact.id}/invite`);
      expect(invited.statusCode, invited.body).toBe(201);
      expect(invited.json().access).toBe("invited");
      // A resend replaces the open invitation.
      expect((await advisor.post(`${base}/${contact.id}/invite`)).statusCode).toBe(201);
      const open = await t.ctx.db.select().from(invitations).where(eq(invitations.employerContactId, contact.id));
      expect(open.filter((i) => i.revokedAt === null)).toHaveLength(1);
      expect(open[0]!.role).toBe("employer");

      const mails = (await admin.get("/api/v1/outbox")).json().items.filter((m: { recipient: string }) => m.recipient === "lise@portal.example");
      const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mails[0].textBody)![1]!;
      const accepted = await t.anonymous.post(`/api/public/invitations/${token}/accept`, { name: "Lise Leder", password: "lise-password-1" });
      expect(accepted.statusCode, accepted.body).toBe(200);
      const [linked] = await t.ctx.db.select().from(employerContacts).where(eq(employerContacts.id, contact.id));
      expect(linked!.userId).not.toBeNull();
      expect((await admin.get(`/api/v1/employers/${employer.id}`)).json().contacts.find((c: { id: string }) => c.id === contact.id).access).toBe("user");
      expect((await advisor.post(`${base}/${contact.id}/invite`)).statusCode).toBe(409);

      const lise = await t.signIn("lise@portal.example", "lise-password-1");
      const portal = await lise.get("/api/v1/employer-portal");
      expect(portal.statusCode, portal.body).toBe(200);
      const body = portal.json();
      expect(body.employer).toMatchObject({ id: employer.id, name: "Portal AS", membershipStatus: "contacted" });
      expect(body.employer.statusHistory).toEqual([
        { from: null, to: "prospect", changedAt: expect.any(String) },
        { from: "prospect", to: "contacted", changedAt: expect.any(String) },
      ]);
      expect(portal.body).not.toContain("secret internal note");
      expect(portal.body).not.toContain("internal status note");
      expect(portal.body).not.toContain("pioneer");
      expect(body.employer).not.toHaveProperty("notes");
      expect(body.employer).not.toHaveProperty("tags");

      // The contact removed: the user no longer sees the company.
      expect((await admin.delete(`${base}/${contact.id}`)).statusCode).toBe(204);
      expect((await lise.get("/api/v1/employer-portal")).statusCode).toBe(404);
    });

    it("an employer user never sees another company: coordinator routes are refused, the portal shows only their own", async () => {
      const own = await insertTestEmployer(t.ctx.db, admin.tenantId, { name: "Own Company AS" });
      const other = await insertTestEmployer(t.ctx.db, admin.tenantId, { name: "Competitor AS" });
      const user = await t.as("employer", admin.tenantId);
      expect((await user.get("/api/v1/employer-portal")).statusCode).toBe(404);
      await t.ctx.db.insert(employerContacts).values({ tenantId: admin.tenantId, employerId: own.id, name: "Emp", userId: user.userId });
      const portal = await user.get("/api/v1/employer-portal");
      expect(portal.json().employer.id).toBe(own.id);
      expect(portal.body).not.toContain("Competitor");
      const refused = [
        await user.get("/api/v1/employers"),
        await user.get(`/api/v1/employers/${other.id}`),
        await user.get(`/api/v1/employers/${own.id}`),
        await user.get(`/api/v1/employers/${other.id}/activities`),
        await user.patch(`/api/v1/employers/${other.id}`, { name: "Hacked" }),
        await user.post(`/api/v1/employers/${other.id}/contacts`, { name: "Me" }),
        await user.get("/api/v1/employers/export.csv"),
        await user.get("/api/v1/tasks"),
      ];
      expect(refused.map((r) => r.statusCode)).toEqual(refused.map(() => 403));
      // The same person linked in another network does not carry that company over.
      const elsewhere = await t.createNetwork();
      const foreign = await insertTestEmployer(t.ctx.db, elsewhere.id, { name: "Foreign AS" });
      await t.ctx.db.insert(employerContacts).values({ tenantId: elsewhere.id, employerId: foreign.id, name: "Emp", userId: user.userId });
      expect((await user.get("/api/v1/employer-portal")).json().employer.id).toBe(own.id);
      // Other roles have no portal.
      expect((await admin.get("/api/v1/employer-portal")).statusCode).toBe(403);
    });
  });

  describe("timeline and tasks", () => {
    it("logs activities newest first with paging, keeps the last contact at the latest date, and assigns the follow-up", async () => {
      const employer = (await create(admin, { orgNumber: testOrgNumber(), name: "Timeline AS" })).json();
      const base = `/api/v1/employers/${employer.id}/activities`;
      const visit = await advisor.post(base, { kind: "visit", occurredOn: "2024-05-02", summary: "Visited the warehouse", followUp: { text: "Send CVs", dueOn: "2024-05-10" } });
      expect(visit.statusCode, visit.body).toBe(201);
      expect(visit.json()).toMatchObject({ kind: "visit", author: { userId: advisor.userId }, followUp: { text: "Send CVs", dueOn: "2024-05-10", assignee: { userId: advisor.userId, name: "Test advisor" }, doneAt: null } });
      await advisor.post(base, { kind: "call", occurredOn: "2024-04-01", summary: "Earlier call, logged late" });
      await advisor.post(base, { kind: "email", occurredOn: "2024-06-01", summary: "Sent the agreement", followUp: { text: "Check signature", dueOn: "2024-06-15", assigneeUserId: admin.userId } });
      await advisor.post(base, { kind: "note", occurredOn: "2024-06-01", summary: "Same day, written later" });
      const [row] = await t.ctx.db.select().from(employers).where(eq(employers.id, employer.id));
      expect(row!.lastContactAt!.toISOString()).toBe("2024-06-01T00:00:00.000Z");
      const first = (await advisor.get(`${base}?limit=3`)).json();
      expect(first.items.map((a: { summary: string }) => a.summary)).toEqual(["Same day, written later", "Sent the agreement", "Visited the warehouse"]);
      const second = (await advisor.get(`${base}?limit=3&cursor=${first.nextCursor}`)).json();
      expect(second.items.map((a: { summary: string }) => a.summary)).toEqual(["Earlier call, logged late"]);
      expect(second.nextCursor).toBeNull();
      expect((await advisor.get(`${base}?cursor=bad`)).statusCode).toBe(400);
    });

    it("refuses an assignee who is not an admin or advisor of the network, and bad dates", async () => {
      const employer = (await create(admin, { orgNumber: testOrgNumber(), name: "Assignee AS" })).json();
      const base = `/api/v1/employers/${employer.id}/activities`;
      const outsider = await t.as("advisor");
      for (const assigneeUserId of [viewer.userId, outsider.userId, "00000000-0000-4000-8000-000000000000"]) {
        const response = await advisor.post(base, { kind: "call", occurredOn: "2024-05-02", summary: "x", followUp: { text: "y", dueOn: "2024-05-03", assigneeUserId } });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors[0].path).toBe("body.followUp.assigneeUserId");
      }
      expect((await advisor.post(base, { kind: "call", occurredOn: "2024-02-30", summary: "x" })).statusCode).toBe(400);
      expect((await advisor.post(base, { kind: "fax", occurredOn: "2024-02-01", summary: "x" })).statusCode).toBe(400);
      expect((await advisor.get(`/api/v1/employers/${employer.id}/activities`)).json().items).toEqual([]);
      expect((await viewer.post(base, { kind: "call", occurredOn: "2024-05-02", summary: "x" })).statusCode).toBe(403);
    });

    it("lists my open tasks by due date (overdue first), everyone's for admins, done ones, and marks them done", async () => {
      const lead = await t.as("admin");
      const colleague = await t.as("advisor", lead.tenantId);
      const employer = (await create(lead, { orgNumber: testOrgNumber(), name: "Tasks AS" })).json();
      const base = `/api/v1/employers/${employer.id}/activities`;
      const post = (client: Signed, text: string, dueOn: string, assigneeUserId?: string) =>
        client.post(base, { kind: "call", occurredOn: "2024-01-01", summary: text, followUp: { text, dueOn, ...(assigneeUserId ? { assigneeUserId } : {}) } });
      await post(colleague, "future", daysFromToday(5));
      await post(colleague, "overdue", daysFromToday(-3));
      await post(colleague, "today", daysFromToday(0));
      await post(colleague, "for the lead", daysFromToday(1), lead.userId);
      const mine = (await colleague.get("/api/v1/tasks")).json().items;
      expect(mine.map((task: { text: string; overdue: boolean }) => [task.text, task.overdue])).toEqual([
        ["overdue", true],
        ["today", false],
        ["future", false],
      ]);
      expect(mine[0].employer).toEqual({ id: employer.id, name: "Tasks AS" });
      expect((await colleague.get("/api/v1/tasks?scope=all")).statusCode).toBe(403);
      expect((await lead.get("/api/v1/tasks?scope=all")).json().items.map((task: { text: string }) => task.text)).toEqual(["overdue", "today", "for the lead", "future"]);

      const done = await colleague.patch(`/api/v1/tasks/${mine[0].activityId}`, { done: true });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ text: "overdue", overdue: false, doneAt: expect.any(String) });
      expect((await colleague.get("/api/v1/tasks")).json().items.map((task: { text: string }) => task.text)).toEqual(["today", "future"]);
      expect((await colleague.get("/api/v1/tasks?include=done")).json().items.map((task: { text: string }) => task.text)).toEqual(["overdue"]);
      const reopened = (await colleague.patch(`/api/v1/tasks/${mine[0].activityId}`, { done: false })).json();
      expect(reopened).toMatchObject({ overdue: true, doneAt: null });

      // An activity without a follow-up is no task; an unknown id neither.
      const plain = (await colleague.post(base, { kind: "note", occurredOn: "2024-01-01", summary: "just a note" })).json();
      expect((await colleague.patch(`/api/v1/tasks/${plain.id}`, { done: true })).statusCode).toBe(404);
      expect((await colleague.patch("/api/v1/tasks/00000000-0000-4000-8000-000000000000", { done: true })).statusCode).toBe(404);
      expect((await colleague.patch(`/api/v1/tasks/${mine[1].activityId}`, { done: "yes" })).statusCode).toBe(400);
      // The list's next follow-up follows the open tasks.
      expect((await lead.get("/api/v1/employers?q=tasks")).json().items[0].nextFollowUpOn).toBe(daysFromToday(-3));
    });
  });

  describe("export", () => {
    it("exports every employer with contacts flattened, safe against formulas, for admins", async () => {
      const net = await t.as("admin");
      const employer = await insertTestEmployer(t.ctx.db, net.tenantId, { name: "=HYPERLINK(\"http://evil\")", naceCode: "47.111", tags: ["pioneer", "partner"] });
      await t.ctx.db.insert(employerContacts).values([
        { tenantId: net.tenantId, employerId: employer.id, name: "Anne, HR", email: "anne@example.no", phone: "+47 22 33 44 55" },
        { tenantId: net.tenantId, employerId: employer.id, name: "@Bob", email: null },
      ]);
      await insertTestEmployer(t.ctx.db, net.tenantId, { name: "Alone AS" });
      const response = await net.get("/api/v1/employers/export.csv");
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("text/csv");
      expect(response.headers["content-disposition"]).toMatch(/employers-\d{4}-\d{2}-\d{2}\.csv/);
      const lines = response.body.replace(/^\uFEFF/, "").trim().split("\r\n");
      expect(lines[0]).toBe("orgNumber,name,industry,municipality,website,contactName,contactEmail,contactPhone,membershipStatus,contactRole,sizeBand,address,postalCode,postalPlace,tags,publicListing,lastContactAt,createdAt");
      expect(lines).toHaveLength(4);
      expect(lines.filter((line) => /^\d{9},Alone AS,,/.test(line))).toHaveLength(1);
      const anne = lines.find((line) => line.includes("Anne"))!;
      expect(anne).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(anne).toContain('"Anne, HR",anne@example.no,+47 22 33 44 55,prospect');
      expect(anne).toContain("pioneer|partner");
      expect(lines.find((line) => line.includes("Bob"))).toContain(",'@Bob,");
      expect((await (await t.as("advisor", net.tenantId)).get("/api/v1/employers/export.csv")).statusCode).toBe(403);
    });
  });

  it("writes nothing when a status change fails half-way", async () => {
    const employer = await insertTestEmployer(t.ctx.db, admin.tenantId, {});
    const before = await t.ctx.db.select().from(employerStatusChanges).where(eq(employerStatusChanges.employerId, employer.id));
    expect((await admin.post(`/api/v1/employers/${employer.id}/status`, { status: "certified" })).statusCode).toBe(422);
    const after = await t.ctx.db.select().from(employerStatusChanges).where(eq(employerStatusChanges.employerId, employer.id));
    expect(after).toEqual(before);
  });
});
