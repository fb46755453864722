import { and, asc, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import type { AppContext } from "../platform/context.ts";
import { recordChange } from "../platform/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { networks } from "../networks/tables.ts";
import { addDays } from "../placements/service.ts";
import { traineePlanItems, traineePlanReminders, trainees } from "./tables.ts";
import { getTemplate } from "./service.ts";

/*
 * E-mail reminders of the trainee plan: before each plan item is due (the template's days, by default 7 days
 * before and on the day), to the trainee's supervisor and the network's HR (admins when it has no HR user). Run by
 * the server's hourly job and `mangfold tasks remind`. Never twice: a reminder is a row keyed by item × days
 * before × recipient, claimed (inserted) before the mail is sent and deleted again when the mail fails. A reminder
 * whose day was missed (the server was down) still goes while the item is not yet more than a week overdue; after
 * that the item is on HR's overdue list instead. The message names no one: dates, activity titles and a link.
 */

export type TraineeReminderResult = { emails: number; reminders: number; failed: number };

/** An item more overdue than this gets no more reminders (it is on the overdue list). */
const staleAfterDays = 7;

export async function sendTraineeReminders(ctx: AppContext, options: { now?: Date; tenantId?: string } = {}): Promise<TraineeReminderResult> {
  const now = options.now ?? new Date();
  const today = osloDate(now);
  const result: TraineeReminderResult = { emails: 0, reminders: 0, failed: 0 };
  const items = await ctx.db
    .select({ id: traineePlanItems.id, tenantId: traineePlanItems.tenantId, traineeId: traineePlanItems.traineeId, title: traineePlanItems.title, dueOn: traineePlanItems.dueOn, supervisorUserId: trainees.supervisorUserId })
    .from(traineePlanItems)
    .innerJoin(trainees, eq(trainees.id, traineePlanItems.traineeId))
    .where(
      and(
        isNull(traineePlanItems.doneAt),
        eq(trainees.status, "active"),
        gte(traineePlanItems.dueOn, addDays(today, -staleAfterDays)),
        // The longest reminder lead time any template may set (templateInputSchema: 60 days).
        lte(traineePlanItems.dueOn, addDays(today, 60)),
        options.tenantId ? eq(traineePlanItems.tenantId, options.tenantId) : undefined,
      ),
    )
    .orderBy(asc(traineePlanItems.dueOn), asc(traineePlanItems.id))
    .limit(20_000);
  if (items.length === 0) return result;

  const tenantIds = [...new Set(items.map((i) => i.tenantId))];
  const staff = await ctx.db
    .select({ tenantId: memberships.tenantId, userId: memberships.userId, role: memberships.role, email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.tenantId, tenantIds), eq(memberships.status, "active"), inArray(memberships.role, ["hr", "admin", "supervisor"])));
  const templates = new Map(await Promise.all(tenantIds.map(async (id) => [id, await getTemplate(ctx.db, id)] as const)));

  // Per recipient: the (item, days before) reminders now due.
  type Pending = { item: (typeof items)[number]; daysBefore: number };
  const byRecipient = new Map<string, { tenantId: string; user: (typeof staff)[number]; pending: Pending[] }>();
  for (const item of items) {
    const days = templates.get(item.tenantId)!.reminderDaysBefore;
    // The latest stage reached (the smallest lead time whose day has come) is the one to send.
    const reached = days.filter((d) => today >= addDays(item.dueOn, -d));
    if (reached.length === 0) continue;
    const daysBefore = Math.min(...reached);
    const hr = staff.filter((s) => s.tenantId === item.tenantId && s.role === "hr");
    const recipients = [
      ...staff.filter((s) => s.tenantId === item.tenantId && s.role === "supervisor" && s.userId === item.supervisorUserId),
      ...(hr.length > 0 ? hr : staff.filter((s) => s.tenantId === item.tenantId && s.role === "admin")),
    ];
    for (const user of recipients) {
      const key = `${item.tenantId} ${user.userId}`;
      const entry = byRecipient.get(key) ?? { tenantId: item.tenantId, user, pending: [] };
      entry.pending.push({ item, daysBefore });
      byRecipient.set(key, entry);
    }
  }

  for (const { tenantId, user, pending } of byRecipient.values()) {
    // Claim: a reminder already sent (or being sent by another run) is skipped.
    const claimed = await ctx.db
      .insert(traineePlanReminders)
      .values(pending.map((p) => ({ planItemId: p.item.id, daysBefore: p.daysBefore, userId: user.userId, tenantId, sentAt: now })))
      .onConflictDoNothing()
      .returning({ planItemId: traineePlanReminders.planItemId, daysBefore: traineePlanReminders.daysBefore });
    const mine = pending.filter((p) => claimed.some((c) => c.planItemId === p.item.id && c.daysBefore === p.daysBefore));
    if (mine.length === 0) continue;
    const [network] = await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, tenantId)).limit(1);
    const sent = await ctx.mailer.send(ctx.db, { tenantId, to: user.email, ...message(ctx.config.publicUrl, user, network?.name ?? "Mangfold", mine, today) });
    if (sent.status === "failed") {
      await ctx.db
        .delete(traineePlanReminders)
        .where(and(eq(traineePlanReminders.userId, user.userId), inArray(traineePlanReminders.planItemId, mine.map((p) => p.item.id)), eq(traineePlanReminders.sentAt, now)));
      result.failed++;
      continue;
    }
    await recordChange(ctx.db, { kind: "system", tenantId }, { action: "trainee.plan_reminder", entityType: "user", entityId: user.userId, after: { items: mine.length } });
    result.emails++;
    result.reminders += mine.length;
  }
  return result;
}

function message(publicUrl: string, user: { name: string; locale: string }, networkName: string, pending: { item: { traineeId: string; title: string; dueOn: string } }[], today: string) {
  const en = user.locale === "en";
  const when = (dueOn: string) => (dueOn < today ? (en ? "overdue" : "forfalt") : dueOn === today ? (en ? "today" : "i dag") : en ? "due" : "frist");
  const lines = pending.map(({ item }) => `- ${item.dueOn} (${when(item.dueOn)}): ${item.title}\n  ${publicUrl}/trainee/trainees/${item.traineeId}`);
  if (en) {
    return {
      subject: `${networkName}: ${pending.length} trainee plan item${pending.length === 1 ? "" : "s"} due`,
      text: `Hello ${user.name},\n\nThese items of trainee plans in ${networkName} are due soon, today or overdue:\n\n${lines.join("\n")}\n`,
    };
  }
  return {
    subject: `${networkName}: ${pending.length} ${pending.length === 1 ? "punkt" : "punkter"} i traineeplaner forfaller`,
    text: `Hei ${user.name}!\n\nDisse punktene i traineeplaner i ${networkName} forfaller snart, i dag eller er forfalt:\n\n${lines.join("\n")}\n`,
  };
}
