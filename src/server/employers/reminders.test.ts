import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { startSmtpCapture } from "../testing/smtp-capture.ts";
import { createMailer } from "../mail/service.ts";
import { memberships } from "../users/tables.ts";
import { runOperation } from "../operations.ts";
import { employerActivities } from "./tables.ts";
import { sendTaskReminders } from "./reminders.ts";
import { insertTestActivity, insertTestEmployer } from "./test-fixtures.ts";
import { osloDate } from "../platform/dates.ts";

const day = 24 * 60 * 60 * 1000;

/** Reminders travel over real SMTP; the state that makes them idempotent is in the database. */
describe("task reminders by e-mail", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ config: { smtpUrl: smtp.url }, mailer: createMailer({ smtpUrl: smtp.url, from: "Mangfold <no-reply@mangfold.test>" }) });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("sends one message per assignee with their due and overdue tasks, once, and only what is new on the next run", async () => {
    const network = await t.createNetwork({ name: "Globale Testby" });
    const advisor = await t.createUser(network.id, "advisor", { name: "Ola Veileder", email: "ola@example.no" });
    const admin = await t.createUser(network.id, "admin", { name: "Kari Koordinator", email: "kari@example.no" });
    const gone = await t.createUser(network.id, "advisor", { email: "gone@example.no" });
    await t.ctx.db.update(memberships).set({ status: "disabled" }).where(eq(memberships.userId, gone.userId));
    const employer = await insertTestEmployer(t.ctx.db, network.id, { name: "Bakeriet på Hjørnet AS" });
    const now = new Date();
    const today = osloDate(now);
    const yesterday = osloDate(new Date(now.getTime() - day));
    const tomorrow = osloDate(new Date(now.getTime() + day));
    const task = (assignee: string, text: string, dueOn: string, extra: Partial<typeof employerActivities.$inferInsert> = {}) =>
      insertTestActivity(t.ctx.db, network.id, employer.id, { followUpText: text, followUpDueOn: dueOn, followUpAssigneeUserId: assignee, ...extra });
    await task(advisor.userId, "Send CVs", yesterday);
    await task(advisor.userId, "Call about the contract", today);
    await task(advisor.userId, "Not yet", tomorrow);
    await task(advisor.userId, "Already done", yesterday, { followUpDoneAt: new Date() });
    await task(admin.userId, "Visit the bakery", today);
    await task(gone.userId, "Nobody will read this", yesterday);

    const first = await sendTaskReminders(t.ctx, { now });
    expect(first).toEqual({ emails: 2, tasks: 3, failed: 0 });
    const toOla = smtp.received.find((m) => m.to.includes("ola@example.no"))!;
    expect(toOla.data).toMatch(/Subject: /);
    expect(toOla.text).toContain("Globale Testby");
    expect(toOla.text).toContain("Send CVs");
    expect(toOla.text).toContain("Call about the contract");
    expect(toOla.text).toContain("(forfalt)");
    expect(toOla.text).not.toContain("Not yet");
    expect(toOla.text).not.toContain("Already done");
    expect(toOla.text).toContain("/tasks");
    expect(smtp.received.some((m) => m.to.includes("gone@example.no"))).toBe(false);

    // Run again (a restart, a second timer, the CLI): nothing new to send.
    expect(await sendTaskReminders(t.ctx, { now })).toEqual({ emails: 0, tasks: 0, failed: 0 });
    expect(await runOperation(t.ctx, "tasks remind", {})).toMatch(/0 e-mails/);
    expect(smtp.received).toHaveLength(2);

    // The next day the task due "tomorrow" is due: only it is sent.
    const later = new Date(now.getTime() + day);
    expect(await sendTaskReminders(t.ctx, { now: later })).toEqual({ emails: 1, tasks: 1, failed: 0 });
    expect(smtp.received.at(-1)!.text).toContain("Not yet");
    expect(smtp.received.at(-1)!.text).not.toContain("Send CVs");
  });

  it("leaves a task to be reminded of again when the message could not be sent", async () => {
    const broken = await createTestApp({ config: { smtpUrl: "smtp://127.0.0.1:1" }, mailer: createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "no-reply@mangfold.test" }) });
    try {
      const network = await broken.createNetwork();
      const advisor = await broken.createUser(network.id, "advisor");
      const employer = await insertTestEmployer(broken.ctx.db, network.id);
      const row = await insertTestActivity(broken.ctx.db, network.id, employer.id, { followUpText: "x", followUpDueOn: osloDate(), followUpAssigneeUserId: advisor.userId });
      expect(await sendTaskReminders(broken.ctx)).toEqual({ emails: 0, tasks: 0, failed: 1 });
      const [after] = await broken.ctx.db.select().from(employerActivities).where(eq(employerActivities.id, row.id));
      expect(after!.followUpRemindedAt).toBeNull();
    } finally {
      await broken.close();
    }
  });
});
