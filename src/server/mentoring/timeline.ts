import { and, eq, inArray } from "drizzle-orm";
import { mentoringMeetings, mentors, mentorships } from "./tables.ts";
import { dateAt, say } from "../services/timeline.ts";
import type { TimelineSource } from "../services/timeline.ts";

/**
 * The candidate's mentoring on the candidate's timeline (services/timeline.ts): proposed, declined, started, each
 * meeting, ended. For caseworkers only (admin, advisor): who mentors whom and what they talked about is the case
 * file, not for HR.
 */
export const mentoringTimelineSource: TimelineSource = {
  key: "mentoring",
  roles: ["admin", "advisor"],
  async entries(db, { tenantId, candidateId, lang }) {
    const rows = await db
      .select({ m: mentorships, mentorName: mentors.name, organisation: mentors.organisation })
      .from(mentorships)
      .innerJoin(mentors, eq(mentors.id, mentorships.mentorId))
      .where(and(eq(mentorships.tenantId, tenantId), eq(mentorships.candidateId, candidateId)));
    if (rows.length === 0) return [];
    const meetings = await db
      .select()
      .from(mentoringMeetings)
      .where(and(eq(mentoringMeetings.tenantId, tenantId), inArray(mentoringMeetings.mentorshipId, rows.map((r) => r.m.id))));
    const entry = (id: string, at: string, title: string, detail: string) => ({ id: `mentoring:${id}`, at, source: "mentoring", title, detail, link: null });
    return rows.flatMap(({ m, mentorName, organisation }) => {
      const who = organisation ? `${mentorName} (${organisation})` : mentorName;
      const entries = [entry(`${m.id}:proposed`, m.proposedAt.toISOString(), say(lang, "Mentor foreslått", "Mentor proposed"), `${who}${m.goals ? ` – ${say(lang, "mål", "goals")}: ${m.goals}` : ""}`)];
      if (m.status === "declined") entries.push(entry(`${m.id}:declined`, m.endedOn ? dateAt(m.endedOn) : m.updatedAt.toISOString(), say(lang, "Mentorforslag avslått", "Mentor proposal declined"), who));
      if (m.startDate) entries.push(entry(`${m.id}:started`, dateAt(m.startDate), say(lang, "Mentorordning startet", "Mentoring started"), `${who}, ${say(lang, "planlagt slutt", "planned end")} ${m.plannedEndDate ?? "–"}`));
      for (const meeting of meetings.filter((x) => x.mentorshipId === m.id)) {
        entries.push(entry(`meeting:${meeting.id}`, dateAt(meeting.metOn), say(lang, "Mentormøte", "Mentoring meeting"), meeting.nextStep ? `${meeting.topics} – ${say(lang, "neste steg", "next step")}: ${meeting.nextStep}` : meeting.topics));
      }
      if (m.status === "ended" && m.endedOn) entries.push(entry(`${m.id}:ended`, dateAt(m.endedOn), say(lang, "Mentorordning avsluttet", "Mentoring ended"), `${who}${m.endReason === "early" ? say(lang, " (avsluttet tidlig)", " (ended early)") : ""}`));
      return entries;
    });
  },
};
