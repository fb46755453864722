import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { startSmtpCapture } from "../testing/smtp-capture.ts";
import { createMailer } from "../mail/service.ts";
import { mailOutbox } from "../mail/tables.ts";
import { auditLog } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { placementFollowUps } from "./tables.ts";
import { addDays, addMonths, sendPlacementFollowUpReminders } from "./service.ts";
import { osloDate } from "../platform/dates.ts";
import { makeCandidate } from "./test-fixtures.ts";

/** A start date whose `months` follow-up falls `days` from today. */
const startFor = (months: number, days: number) => addMonths(addDays(osloDate(new Date()), days), -months);

describe("placement follow-ups", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  let advisor: Awaited<ReturnType<TestApp["as"]>>;
  let colleague: Awaited<ReturnType<TestApp["as"]>>;
  let mine: { placementId: string; followUps: { id: string; months: number; dueOn: string }[] };
  let theirs: { placementId: string; followUps: { id: string; months: number; dueOn: string }[] };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    colleague = await t.as("advisor", admin.tenantId);
    const hire = async (advisorUserId: string, startDate: string) => {
      const candidate = await makeCandidate(t.ctx.db, admin.tenantId, { advisorUserId });
      const created = (await admin.post("/api/v1/placements", { candidateId: candidate.id, employerName: "Oppfølging AS", type: "ordinary_permanent", startDate })).json();
      return { placementId: created.id as string, followUps: created.followUps };
    };
    // Mine: the 3-month follow-up is due in 3 days; the 6-month one 3 months later (not yet due).
    mine = await hire(advisor.userId, startFor(3, 3));
    // The colleague's: the 3-month one overdue by 10 days.
    theirs = await hire(colleague.userId, startFor(3, -10));
  });
  afterAll(() => t.close());

  const ids = (response: { json(): { items: { id: string }[] } }) => response.json().items.map((f) => f.id);

  it("lists what is due within a week (soonest first): the whole network for admins, own candidates for advisors", async () => {
    const all = await admin.get("/api/v1/placement-follow-ups");
    expect(all.statusCode).toBe(200);
    expect(ids(all)).toEqual([theirs.followUps[0]!.id, mine.followUps[0]!.id]);
    expect(all.json().items[1]).toMatchObject({ months: 3, stillEmployed: null, placement: { id: mine.placementId, employerName: "Oppfølging AS", type: "ordinary_permanent" } });
    expect(all.json().items[1].placement.candidate.name).toMatch(/^Test Person/);
    expect(ids(await advisor.get("/api/v1/placement-follow-ups"))).toEqual([mine.followUps[0]!.id]);
    expect(ids(await colleague.get("/api/v1/placement-follow-ups"))).toEqual([theirs.followUps[0]!.id]);
    // include=all: every follow-up, answered or not, in due order, paged.
    const first = (await admin.get("/api/v1/placement-follow-ups?include=all&limit=4")).json();
    expect(first.items).toHaveLength(4);
    const second = (await admin.get(`/api/v1/placement-follow-ups?include=all&limit=4&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const dues = [...first.items, ...second.items].map((f: { dueOn: string }) => f.dueOn);
    expect(dues).toEqual([...dues].sort());
    expect((await admin.get("/api/v1/placement-follow-ups?include=soon")).statusCode).toBe(400);
  });

  it("answers once, then a changed answer is recorded as a change; a due list no longer shows it", async () => {
    const id = mine.followUps[0]!.id;
    const answered = await advisor.patch(`/api/v1/placement-follow-ups/${id}`, { stillEmployed: true, note: "Trives godt." });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ id, months: 3, stillEmployed: true, note: "Trives godt.", answeredBy: { userId: advisor.userId } });
    expect(ids(await advisor.get("/api/v1/placement-follow-ups"))).toEqual([]);
    const changed = await admin.patch(`/api/v1/placement-follow-ups/${id}`, { stillEmployed: false });
    expect(changed.json()).toMatchObject({ stillEmployed: false, note: "", answeredBy: { userId: admin.userId } });
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(["placement_follow_up.answer", "placement_follow_up.change_answer"]);
    expect(audit[1]!.before).toEqual({ answered: true, fields: ["stillEmployed", "note"] });
    // The same answer again changes nothing and writes nothing.
    expect((await admin.patch(`/api/v1/placement-follow-ups/${id}`, { stillEmployed: false })).statusCode).toBe(200);
    expect(await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id))).toHaveLength(2);
    for (const bad of [{}, { stillEmployed: "yes" }, { stillEmployed: true, note: "x".repeat(2001) }, { stillEmployed: true, extra: 1 }]) {
      expect((await admin.patch(`/api/v1/placement-follow-ups/${id}`, bad)).statusCode).toBe(400);
    }
    expect((await admin.patch("/api/v1/placement-follow-ups/00000000-0000-4000-8000-000000000000", { stillEmployed: true })).statusCode).toBe(404);
  });
});

describe("follow-up reminders", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(() => smtp.close());

  it("mails each advisor their due follow-ups once (no names), the admins those without an advisor, and not before they are due", async () => {
    const t = await createTestApp({ config: { smtpUrl: smtp.url }, mailer: createMailer({ smtpUrl: smtp.url, from: "Mangfold <no-reply@mangfold.test>" }) });
    try {
      const admin = await t.as("admin");
      const advisor = await t.as("advisor", admin.tenantId);
      const hire = async (advisorUserId: string | null, startDate: string) => {
        const candidate = await makeCandidate(t.ctx.db, admin.tenantId, { firstName: "Hemmelig", lastName: "Navnesen", advisorUserId });
        return (await admin.post("/api/v1/placements", { candidateId: candidate.id, employerName: "Påminnelse AS", type: "trainee", startDate })).json();
      };
      const dueSoon = await hire(advisor.userId, startFor(3, 5));
      const overdue = await hire(advisor.userId, startFor(6, -20));
      const orphan = await hire(null, startFor(3, 0));
      const later = await hire(advisor.userId, startFor(3, 30));

      const first = await sendPlacementFollowUpReminders(t.ctx);
      // Overdue: the 6-month one and the 3-month one before it (unanswered) — 2 — plus one due soon, plus the orphan's.
      expect(first).toEqual({ followUps: 4, mails: 2, failed: 0 });
      expect(smtp.received).toHaveLength(2);
      const toAdvisor = smtp.received.find((m) => m.to[0] === advisor.email)!;
      const toAdmin = smtp.received.find((m) => m.to[0] === admin.email)!;
      expect(toAdvisor.text).toContain("/placements/follow-ups");
      expect(toAdvisor.text).toContain(dueSoon.followUps[0].dueOn);
      expect(toAdvisor.text).toContain(overdue.followUps[1].dueOn);
      expect(toAdvisor.text).not.toContain(later.followUps[0].dueOn);
      expect(toAdmin.text).toContain(orphan.followUps[0].dueOn);
      for (const mail of smtp.received) expect(mail.data).not.toMatch(/Hemmelig|Navnesen|Påminnelse/);
      const reminded = await t.ctx.db.select().from(placementFollowUps).where(eq(placementFollowUps.placementId, dueSoon.id));
      expect(reminded.find((f) => f.months === 3)!.remindedAt).not.toBeNull();
      expect(reminded.find((f) => f.months === 6)!.remindedAt).toBeNull();

      // Idempotent: a second run sends nothing new.
      expect(await sendPlacementFollowUpReminders(t.ctx)).toEqual({ followUps: 0, mails: 0, failed: 0 });
      expect(smtp.received).toHaveLength(2);

      // A month later the next ones are due; an advisor who left the network is replaced by the admins.
      await t.ctx.db.update(memberships).set({ status: "disabled" }).where(and(eq(memberships.userId, advisor.userId), eq(memberships.tenantId, admin.tenantId)));
      const next = await sendPlacementFollowUpReminders(t.ctx, new Date(Date.now() + 31 * 24 * 3600 * 1000));
      expect(next.followUps).toBe(1);
      expect(smtp.received.at(-1)!.to).toEqual([admin.email]);
      expect(smtp.received.at(-1)!.text).toContain(later.followUps[0].dueOn);
      const outbox = await t.ctx.db.select().from(mailOutbox);
      expect(outbox.every((m) => m.status === "sent")).toBe(true);
    } finally {
      await t.close();
    }
  });

  it("releases the claim when the mail fails, so the next run tries again", async () => {
    const smtpUrl = "smtp://127.0.0.1:1";
    const t = await createTestApp({ config: { smtpUrl }, mailer: createMailer({ smtpUrl, from: "no-reply@mangfold.test" }) });
    try {
      const admin = await t.as("admin");
      const candidate = await makeCandidate(t.ctx.db, admin.tenantId, { advisorUserId: admin.userId });
      const created = (await admin.post("/api/v1/placements", { candidateId: candidate.id, employerName: "Feil AS", type: "trainee", startDate: startFor(3, 1) })).json();
      expect(await sendPlacementFollowUpReminders(t.ctx)).toEqual({ followUps: 0, mails: 0, failed: 1 });
      const [row] = await t.ctx.db.select().from(placementFollowUps).where(eq(placementFollowUps.id, created.followUps[0].id));
      expect(row!.remindedAt).toBeNull();
    } finally {
      await t.close();
    }
  });
});
