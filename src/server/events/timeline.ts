import { and, eq } from "drizzle-orm";
import { eventInvitees, events } from "./tables.ts";
import { say } from "../services/timeline.ts";
import type { TimelineSource } from "../services/timeline.ts";

const statusText = {
  invited: ["invitert", "invited"],
  registered: ["påmeldt", "registered"],
  declined: ["takket nei", "declined"],
} as Record<string, [string, string]>;

/** The candidate's events on the timeline: invited, registered or declined, and whether they came. */
export const eventTimelineSource: TimelineSource = {
  key: "event",
  roles: ["admin", "advisor", "hr"],
  async entries(db, { tenantId, candidateId, lang }) {
    const rows = await db
      .select({ id: eventInvitees.id, status: eventInvitees.status, attended: eventInvitees.attended, eventId: events.id, title: events.title, startsAt: events.startsAt, place: events.place })
      .from(eventInvitees)
      .innerJoin(events, eq(events.id, eventInvitees.eventId))
      .where(and(eq(eventInvitees.tenantId, tenantId), eq(eventInvitees.candidateId, candidateId)));
    return rows.map((r) => {
      const [nb, en] = statusText[r.status] ?? [r.status, r.status];
      const came = r.attended === null ? "" : r.attended ? say(lang, ", møtte", ", attended") : say(lang, ", møtte ikke", ", did not attend");
      return {
        id: `event:${r.id}`,
        at: r.startsAt.toISOString(),
        source: "event",
        title: r.title,
        detail: `${say(lang, nb, en)}${came}${r.place ? ` · ${r.place}` : ""}`,
        link: { kind: "event" as const, id: r.eventId },
      };
    });
  },
};
