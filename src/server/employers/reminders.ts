import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { AppContext } from "../platform/context.ts";
import { recordChange } from "../platform/audit.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { networks } from "../networks/tables.ts";
import { employerActivities, employers } from "./tables.ts";
import { dueTasksCondition } from "./activities.ts";
import { osloDate, osloHour } from "../platform/dates.ts";

/*
 * Reminders of follow-up tasks by e-mail: one message per assignee listing their tasks that are due today or
 * overdue, not done, and not reminded of before. The state lives in the database (follow_up_reminded_at), so the
 * job can run as often as wanted, from the server's timer and from `mangfold tasks remind`, across restarts,
 * and never sends a task twice. Tasks are claimed before the message is sent (so two runners at once do not
 * both send); a message that fails is released to be tried again on the next run.
 */

/** The server runs the job every hour; it sends nothing before this hour of the morning (Norwegian time). */
export const reminderInterval = 60 * 60 * 1000;
export const firstReminderHour = 7;

export type ReminderResult = { emails: number; tasks: number; failed: number };

type DueTask = { id: string; tenantId: string; assignee: string; dueOn: string; text: string; employerName: string };

export async function sendTaskReminders(ctx: AppContext, options: { now?: Date; tenantId?: string } = {}): Promise<ReminderResult> {
  const now = options.now ?? new Date();
  const today = osloDate(now);
  const rows = await ctx.db
    .select({
      id: employerActivities.id,
      tenantId: employerActivities.tenantId,
      assignee: employerActivities.followUpAssigneeUserId,
      dueOn: employerActivities.followUpDueOn,
      text: employerActivities.followUpText,
      employerName: employers.name,
    })
    .from(employerActivities)
    .innerJoin(employers, eq(employers.id, employerActivities.employerId))
    .innerJoin(memberships, and(eq(memberships.tenantId, employerActivities.tenantId), eq(memberships.userId, employerActivities.followUpAssigneeUserId), eq(memberships.status, "active")))
    .where(and(dueTasksCondition(today), options.tenantId ? eq(employerActivities.tenantId, options.tenantId) : undefined))
    .orderBy(asc(employerActivities.followUpDueOn), asc(employerActivities.id))
    .limit(10_000);
  const groups = new Map<string, DueTask[]>();
  for (const row of rows) {
    const task = { ...row, assignee: row.assignee!, dueOn: row.dueOn!, text: row.text ?? "" };
    const key = `${task.tenantId} ${task.assignee}`;
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }

  const result: ReminderResult = { emails: 0, tasks: 0, failed: 0 };
  for (const tasks of groups.values()) {
    const { tenantId, assignee } = tasks[0]!;
    // Claim: only the tasks no other run has claimed meanwhile.
    const claimed = await ctx.db
      .update(employerActivities)
      .set({ followUpRemindedAt: now })
      .where(and(inArray(employerActivities.id, tasks.map((t) => t.id)), isNull(employerActivities.followUpRemindedAt), isNull(employerActivities.followUpDoneAt)))
      .returning({ id: employerActivities.id });
    const claimedIds = new Set(claimed.map((c) => c.id));
    const mine = tasks.filter((t) => claimedIds.has(t.id));
    if (mine.length === 0) continue;
    const [user] = await ctx.db.select({ name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(users.id, assignee)).limit(1);
    const [network] = await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, tenantId)).limit(1);
    const sent = user ? await ctx.mailer.send(ctx.db, { tenantId, to: user.email, ...reminderMessage(ctx.config.publicUrl, user, network?.name ?? "Mangfold", mine, today) }) : { status: "failed" as const };
    if (sent.status === "failed") {
      // Released, to be tried on the next run.
      await ctx.db.update(employerActivities).set({ followUpRemindedAt: null }).where(and(inArray(employerActivities.id, [...claimedIds]), eq(employerActivities.followUpRemindedAt, now)));
      result.failed++;
      continue;
    }
    await recordChange(ctx.db, { kind: "system", tenantId }, { action: "employer.task_reminder", entityType: "user", entityId: assignee, after: { tasks: mine.length } });
    result.emails++;
    result.tasks += mine.length;
  }
  return result;
}

function reminderMessage(publicUrl: string, user: { name: string; locale: string }, networkName: string, tasks: DueTask[], today: string) {
  const url = `${publicUrl}/tasks`;
  const en = user.locale === "en";
  const lines = tasks.map((t) => `- ${t.dueOn}${t.dueOn < today ? (en ? " (overdue)" : " (forfalt)") : en ? " (today)" : " (i dag)"} ${t.employerName}: ${t.text}`);
  if (en) {
    return {
      subject: `${networkName}: ${tasks.length} follow-up${tasks.length === 1 ? "" : "s"} due`,
      text: `Hello ${user.name},\n\nThese follow-ups in ${networkName} are due today or overdue:\n\n${lines.join("\n")}\n\nYour tasks: ${url}\n`,
    };
  }
  return {
    subject: `${networkName}: ${tasks.length} ${tasks.length === 1 ? "oppfølging forfaller" : "oppfølginger forfaller"}`,
    text: `Hei ${user.name}!\n\nDisse oppfølgingene i ${networkName} forfaller i dag eller er forfalt:\n\n${lines.join("\n")}\n\nDine oppgaver: ${url}\n`,
  };
}

/**
 * The server's timer: runs the job now and then every hour, from the morning on (Norwegian time). Returns a
 * function that stops it. Failures are logged without personal data and tried again on the next tick.
 */
export function scheduleTaskReminders(ctx: AppContext, log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void }, describe: (error: unknown) => object) {
  return scheduleHourly(
    async () => {
      const result = await sendTaskReminders(ctx);
      if (result.emails > 0 || result.failed > 0) log.info(result, "task reminders sent");
    },
    (error) => log.warn({ failure: describe(error) }, "task reminders failed"),
  );
}

/**
 * Runs a durable job (its state is in the database, so a restart loses nothing) 30 s after start and then every
 * hour, from the morning on (Norwegian time), never twice at once. Returns a function that stops it.
 */
export function scheduleHourly(job: () => Promise<void>, onError: (error: unknown) => void) {
  let running = false;
  const tick = async () => {
    if (running || osloHour() < firstReminderHour) return;
    running = true;
    try {
      await job();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 30_000);
  const timer = setInterval(() => void tick(), reminderInterval);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
