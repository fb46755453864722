import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { mentoringMeetings, mentors, mentorships } from "./tables.ts";
import type { MentoringTimelineEntry } from "../../shared/mentoring.ts";

/**
 * The candidate's mentoring as timeline entries (proposed, started, each meeting, ended), newest first, for the
 * candidate's timeline (the lead wires it in). For caseworkers only: the caller's route guards the candidate.
 */
export async function mentoringTimelineEntries(db: Db, actor: Actor, candidateId: string): Promise<MentoringTimelineEntry[]> {
  const rows = await db
    .select({ m: mentorships, mentorName: mentors.name, organisation: mentors.organisation })
    .from(mentorships)
    .innerJoin(mentors, eq(mentors.id, mentorships.mentorId))
    .where(and(eq(mentorships.tenantId, actor.tenantId), eq(mentorships.candidateId, candidateId)));
  if (rows.length === 0) return [];
  const meetings = await db
    .select()
    .from(mentoringMeetings)
    .where(and(eq(mentoringMeetings.tenantId, actor.tenantId), inArray(mentoringMeetings.mentorshipId, rows.map((r) => r.m.id))))
    .orderBy(desc(mentoringMeetings.metOn));
  const entries: MentoringTimelineEntry[] = [];
  for (const { m, mentorName, organisation } of rows) {
    const who = organisation ? `${mentorName} (${organisation})` : mentorName;
    entries.push({ date: m.proposedAt.toISOString().slice(0, 10), kind: "mentoring", title: "Mentor foreslått", summary: `${who}${m.goals ? ` – mål: ${m.goals}` : ""}` });
    if (m.status === "declined") entries.push({ date: m.endedOn ?? m.updatedAt.toISOString().slice(0, 10), kind: "mentoring", title: "Mentorforslag avslått", summary: who });
    if (m.startDate) entries.push({ date: m.startDate, kind: "mentoring", title: "Mentorordning startet", summary: `${who}, planlagt slutt ${m.plannedEndDate ?? "–"}` });
    for (const meeting of meetings.filter((x) => x.mentorshipId === m.id)) {
      entries.push({ date: meeting.metOn, kind: "mentoring", title: "Mentormøte", summary: meeting.nextStep ? `${meeting.topics} – neste steg: ${meeting.nextStep}` : meeting.topics });
    }
    if (m.status === "ended" && m.endedOn) entries.push({ date: m.endedOn, kind: "mentoring", title: "Mentorordning avsluttet", summary: `${who}${m.endReason === "early" ? " (avsluttet tidlig)" : ""}` });
  }
  return entries.sort((a, b) => b.date.localeCompare(a.date));
}
