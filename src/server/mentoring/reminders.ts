import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { AppContext } from "../platform/context.ts";
import { recordChange } from "../platform/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { addDays } from "../placements/service.ts";
import { mentoringMeetings, mentors, mentorships } from "./tables.ts";
import { reminderAfterDays } from "../../shared/mentoring.ts";

/*
 * The 4-week reminder: when an active relationship has had no meeting logged for four weeks (since its last
 * meeting, or its start), the mentor and the mentee's advisor (the network's admins when there is none) get one
 * e-mail. The quiet spell is named by its last date (`reminded_for`), so each spell is reminded of once, however
 * often the job runs (hourly in the server, and `mangfold tasks remind`); a new meeting starts a new spell. The
 * spell is claimed before the mail goes, and released when the mail fails. The mail names no one: only the date
 * and a link.
 */

export type MentoringReminderResult = { relationships: number; mails: number; failed: number };

export async function sendMentoringReminders(ctx: AppContext, options: { now?: Date; tenantId?: string } = {}): Promise<MentoringReminderResult> {
  const now = options.now ?? new Date();
  const cutoff = addDays(osloDate(now), -reminderAfterDays);
  const lastMeeting = sql<string>`coalesce((select max(${mentoringMeetings.metOn}) from ${mentoringMeetings} where ${mentoringMeetings.mentorshipId} = ${mentorships.id}), ${mentorships.startDate})::text`;
  const due = await ctx.db
    .select({ id: mentorships.id, tenantId: mentorships.tenantId, remindedFor: mentorships.remindedFor, anchor: lastMeeting, mentorEmail: mentors.email, advisorUserId: candidates.advisorUserId })
    .from(mentorships)
    .innerJoin(mentors, eq(mentors.id, mentorships.mentorId))
    .innerJoin(candidates, eq(candidates.id, mentorships.candidateId))
    .where(and(eq(mentorships.status, "active"), options.tenantId ? eq(mentorships.tenantId, options.tenantId) : undefined, sql`${lastMeeting} <= ${cutoff}`, or(isNull(mentorships.remindedFor), sql`${mentorships.remindedFor} <> ${lastMeeting}::date`)))
    .limit(5000);
  const result: MentoringReminderResult = { relationships: 0, mails: 0, failed: 0 };
  for (const item of due) {
    const anchor = item.anchor.slice(0, 10);
    // Claim this spell; another run that claimed it meanwhile wins.
    const claimed = await ctx.db
      .update(mentorships)
      .set({ remindedFor: anchor })
      .where(and(eq(mentorships.id, item.id), item.remindedFor === null ? isNull(mentorships.remindedFor) : eq(mentorships.remindedFor, item.remindedFor)))
      .returning({ id: mentorships.id });
    if (claimed.length === 0) continue;
    const staff = await ctx.db
      .select({ userId: memberships.userId, role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, item.tenantId), eq(memberships.status, "active"), inArray(memberships.role, ["admin", "advisor"])));
    const advisor = staff.find((s) => s.userId === item.advisorUserId);
    const coordinators = advisor ? [advisor] : staff.filter((s) => s.role === "admin");
    const recipients = [
      { to: item.mentorEmail, link: `${ctx.config.publicUrl}/mentor/mentees/${item.id}` },
      ...coordinators.map((c) => ({ to: c.email, link: `${ctx.config.publicUrl}/mentoring/relationships/${item.id}` })),
    ];
    let failed = false;
    for (const recipient of recipients) {
      const sent = await ctx.mailer.send(ctx.db, { tenantId: item.tenantId, to: recipient.to, ...reminderMessage(anchor, recipient.link) });
      if (sent.status === "failed") failed = true;
      else result.mails++;
    }
    if (failed) {
      await ctx.db.update(mentorships).set({ remindedFor: item.remindedFor }).where(and(eq(mentorships.id, item.id), eq(mentorships.remindedFor, anchor)));
      result.failed++;
      continue;
    }
    await recordChange(ctx.db, { kind: "system", tenantId: item.tenantId }, { action: "mentorship.reminder", entityType: "mentorship", entityId: item.id, after: { since: anchor, recipients: recipients.length } });
    result.relationships++;
  }
  return result;
}

function reminderMessage(since: string, link: string) {
  return {
    subject: "Mentorordning: ingen møter på fire uker / Mentoring: no meeting for four weeks",
    text: [
      `Det er ikke registrert noe mentormøte siden ${since}. Avtal gjerne et nytt møte, og registrer det i Mangfold:`,
      link,
      "",
      `No mentoring meeting has been logged since ${since}. Please arrange a new meeting and log it in Mangfold:`,
      link,
    ].join("\n"),
  };
}
