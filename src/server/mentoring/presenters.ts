import { inArray } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { candidates } from "../candidates/tables.ts";
import { userNames } from "../candidates/service.ts";
import { labelsFor } from "../taxonomy/lookup.ts";
import { mentors } from "./tables.ts";
import { accessUntil, currentSignatures, meetingsOf, mentorLoads, visibleFields } from "./service.ts";
import type { MeetingRow, MentorRow, MentorshipRow } from "./service.ts";
import type { Mentor, Mentorship, menteeViewSchema } from "../../shared/mentoring.ts";
import type { NaceSection } from "../../shared/nace.ts";
import type { z } from "zod";

/*
 * Rows → responses. The mentee is built field by field from what the viewer may see (service.ts visibleFields):
 * a mentor's response never carries a field the mentee did not agree to, not even empty.
 */

type Lang = "nb" | "en";

export async function presentMentors(db: Db, tenantId: string, rows: readonly MentorRow[], lang: Lang): Promise<Mentor[]> {
  const ids = rows.map((r) => r.id);
  const [loads, signed, labels] = await Promise.all([
    mentorLoads(db, tenantId, ids),
    currentSignatures(db, tenantId, ids),
    labelsFor(db, rows.map((r) => r.occupationUri).filter((u): u is string => !!u), lang),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    organisation: r.organisation,
    industry: (r.industry as NaceSection | null) ?? null,
    occupation: r.occupationUri ? { uri: r.occupationUri, label: labels.get(r.occupationUri) ?? r.occupationUri } : null,
    languages: r.languages,
    municipality: r.municipality,
    capacity: r.capacity,
    availability: r.availability,
    active: r.active,
    hasAccount: r.userId !== null,
    declarationSignedAt: signed.get(r.id)?.toISOString() ?? null,
    load: loads.get(r.id) ?? 0,
    createdAt: r.createdAt.toISOString(),
  }));
}

type MenteeView = z.infer<typeof menteeViewSchema>;
type CandidateRow = typeof candidates.$inferSelect;

function menteeView(c: CandidateRow, fields: readonly string[] | "all", lang: Lang, labels: Map<string, string>): MenteeView {
  const may = (field: string) => fields === "all" || fields.includes(field);
  const view: MenteeView = { candidateId: c.id, displayName: may("firstName") ? (may("lastName") ? `${c.firstName} ${c.lastName}` : c.firstName) : "Mentee" };
  if (may("firstName")) view.firstName = c.firstName;
  if (may("lastName")) view.lastName = c.lastName;
  if (may("municipality")) view.municipality = c.municipality;
  if (may("contact")) {
    view.email = c.email;
    view.phone = c.phone;
  }
  if (may("languages")) view.languages = c.languages.map((l) => ({ code: l.code, native: l.native, speaking: l.speaking }));
  if (may("jobWishes")) view.jobWishes = { occupations: c.jobWishes.occupationUris.map((uri) => ({ uri, label: labels.get(uri) ?? uri })), municipalities: c.jobWishes.municipalities };
  if (may("education")) view.education = c.education.map((e) => ({ level: e.level, field: e.field, country: e.country }));
  if (may("experience")) view.experience = c.experience.map((e) => ({ occupation: labels.get(e.occupationUri) ?? e.title, years: e.years }));
  return view;
}

const feedback = (rating: number | null, text: string | null, at: Date | null) => (rating !== null && at ? { rating, text: text ?? "", at: at.toISOString() } : null);

export async function presentMentorships(db: Db, actor: Actor, rows: readonly MentorshipRow[], lang: Lang, options: { withMeetings?: boolean } = {}): Promise<Mentorship[]> {
  if (rows.length === 0) return [];
  const candidateRows = await db.select().from(candidates).where(inArray(candidates.id, [...new Set(rows.map((r) => r.candidateId))]));
  const mentorRows = await db.select({ id: mentors.id, name: mentors.name, organisation: mentors.organisation }).from(mentors).where(inArray(mentors.id, [...new Set(rows.map((r) => r.mentorId))]));
  const meetings = await meetingsOf(db, actor.tenantId, rows.map((r) => r.id));
  const uris = candidateRows.flatMap((c) => [...c.jobWishes.occupationUris, ...c.experience.map((e) => e.occupationUri)]);
  const labels = await labelsFor(db, uris, lang);
  const names = options.withMeetings ? await userNames(db, meetings.map((m) => m.loggedByUserId)) : new Map<string, string>();
  return rows.map((r) => {
    const candidate = candidateRows.find((c) => c.id === r.candidateId)!;
    const mentor = mentorRows.find((m) => m.id === r.mentorId)!;
    const own = meetings.filter((m) => m.mentorshipId === r.id);
    const result: Mentorship = {
      id: r.id,
      status: r.status as Mentorship["status"],
      mentor: { id: mentor.id, name: mentor.name, organisation: mentor.organisation },
      mentee: menteeView(candidate, visibleFields(actor, r), lang, labels),
      goals: r.goals,
      sharedFields: r.sharedFields as Mentorship["sharedFields"],
      proposedAt: r.proposedAt.toISOString(),
      mentorAcceptedAt: r.mentorAcceptedAt?.toISOString() ?? null,
      menteeAcceptedAt: r.menteeAcceptedAt?.toISOString() ?? null,
      startDate: r.startDate,
      plannedEndDate: r.plannedEndDate,
      endedOn: r.endedOn,
      endReason: r.endReason,
      accessUntil: r.status === "declined" ? null : accessUntil(r),
      lastMeetingOn: own[0]?.metOn ?? null,
      meetingCount: own.length,
      mentorFeedback: feedback(r.mentorRating, r.mentorFeedback, r.mentorFeedbackAt),
      menteeFeedback: feedback(r.menteeRating, r.menteeFeedback, r.menteeFeedbackAt),
    };
    if (options.withMeetings) result.meetings = own.map((m) => presentMeeting(m, names));
    return result;
  });
}

export function presentMeeting(m: MeetingRow, names: Map<string, string>) {
  return {
    id: m.id,
    metOn: m.metOn,
    topics: m.topics,
    nextStep: m.nextStep,
    loggedBy: m.loggedByUserId ? { id: m.loggedByUserId, name: names.get(m.loggedByUserId) ?? "–" } : null,
    createdAt: m.createdAt.toISOString(),
  };
}
