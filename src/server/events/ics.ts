import ical, { ICalCalendarMethod } from "ical-generator";

/*
 * An event as an iCalendar file (RFC 5545), made with ical-generator. The UID is stable per event and SEQUENCE
 * rises with each change, so a calendar that got an earlier invitation updates the entry instead of adding one.
 * Times are written in UTC: every calendar shows them in the reader's zone, and no VTIMEZONE is needed.
 * METHOD:PUBLISH, because answers come back through the network (registration), not by calendar replies.
 */

export type IcsEvent = {
  id: string;
  title: string;
  description: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  updatedAt: Date;
  url: string;
  organiser: { name: string; email: string };
};

/** The domain part of the UID: the installation's host, so two installations never share UIDs. */
function uidDomain(url: string) {
  try {
    return new URL(url).hostname || "mangfold";
  } catch {
    return "mangfold";
  }
}

export function eventIcs(event: IcsEvent): string {
  const calendar = ical({ prodId: { company: "Mangfold", product: "Mangfold", language: "NB" }, method: ICalCalendarMethod.PUBLISH, name: event.title });
  calendar.createEvent({
    id: `${event.id}@${uidDomain(event.url)}`,
    sequence: event.sequence,
    stamp: event.updatedAt,
    start: event.startsAt,
    end: event.endsAt,
    summary: event.title,
    description: event.description || null,
    location: event.place || null,
    url: event.url,
    organizer: event.organiser,
  });
  return calendar.toString();
}
