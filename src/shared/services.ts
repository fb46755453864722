import { z } from "zod";
import { textSchema, uuidSchema } from "./contracts.ts";

/*
 * Services (tiltak) and groups (issue 8): the network's partner organisations, the kinds of service they deliver,
 * one-off services recorded on a candidate, groups that meet over time with a waiting list and attendance, the
 * candidate's timeline across partners, and the activity report. See docs/decisions/022-services-events-timeline.md.
 */

export const partnerKinds = ["municipality", "nav", "adult_education", "business", "volunteer", "sports_club", "senior_centre", "other"] as const;
export type PartnerKind = (typeof partnerKinds)[number];

/** The service types every network starts with (keys are stable; names are the network's to change). */
export const defaultServiceTypes = [
  { key: "competence_mapping", nb: "Kompetansekartlegging", en: "Competence mapping" },
  { key: "cv_help", nb: "CV-hjelp", en: "CV help" },
  { key: "interview_training", nb: "Intervjutrening", en: "Interview training" },
  { key: "language_group", nb: "Språkgruppe", en: "Language group" },
  { key: "job_club", nb: "Jobbklubb", en: "Job club" },
  { key: "network_meeting", nb: "Nettverksmøte", en: "Network meeting" },
  { key: "company_visit", nb: "Bedriftsbesøk", en: "Company visit" },
  { key: "course", nb: "Kurs", en: "Course" },
] as const;

const named = z.object({ id: uuidSchema, name: z.string() });

// ---------------------------------------------------------------------------------------------------------
// Partners and service types
// ---------------------------------------------------------------------------------------------------------

export const partnerInputSchema = z.strictObject({
  name: textSchema(200).min(1),
  kind: z.enum(partnerKinds),
});
export const partnerPatchSchema = partnerInputSchema.partial().refine((patch) => Object.keys(patch).length > 0, { error: "give name or kind" });
export const partnerSchema = z.object({ id: uuidSchema, name: z.string(), kind: z.enum(partnerKinds), createdAt: z.string() });
export type Partner = z.infer<typeof partnerSchema>;

export const serviceTypeInputSchema = z.strictObject({
  name: textSchema(200).min(1),
  /** The partner that usually delivers this service; a recorded service defaults to it. */
  defaultPartnerId: uuidSchema.nullable().default(null),
});
export const serviceTypePatchSchema = z.strictObject({
  name: textSchema(200).min(1).optional(),
  defaultPartnerId: uuidSchema.nullable().optional(),
  /** Archived types are kept for history but not offered for new services. */
  archived: z.boolean().optional(),
});
export const serviceTypeSchema = z.object({
  id: uuidSchema,
  /** The default type's key (competence_mapping …), null for the network's own. */
  key: z.string().nullable(),
  name: z.string(),
  defaultPartner: named.nullable(),
  archived: z.boolean(),
});
export type ServiceType = z.infer<typeof serviceTypeSchema>;

// ---------------------------------------------------------------------------------------------------------
// One-off services on a candidate
// ---------------------------------------------------------------------------------------------------------

export const candidateServiceInputSchema = z.strictObject({
  serviceTypeId: uuidSchema,
  date: z.iso.date(),
  /** Omitted: the type's default partner. Null: no partner (delivered by a user of the network). */
  partnerId: uuidSchema.nullable().optional(),
  deliveredByUserId: uuidSchema.nullable().default(null),
  outcome: textSchema(2000).default(""),
});
export const candidateServiceSchema = z.object({
  id: uuidSchema,
  candidateId: uuidSchema,
  serviceType: named,
  date: z.string(),
  partner: named.nullable(),
  deliveredBy: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
  outcome: z.string(),
  createdAt: z.string(),
});
export type CandidateService = z.infer<typeof candidateServiceSchema>;

// ---------------------------------------------------------------------------------------------------------
// Groups, participants (with a waiting list), sessions and attendance
// ---------------------------------------------------------------------------------------------------------

export const groupInputSchema = z.strictObject({
  name: textSchema(200).min(1),
  serviceTypeId: uuidSchema,
  partnerId: uuidSchema.nullable().default(null),
  place: textSchema(300).default(""),
  capacity: z.number().int().min(1).max(1000),
});
export const groupPatchSchema = z.strictObject({
  name: textSchema(200).min(1).optional(),
  partnerId: uuidSchema.nullable().optional(),
  place: textSchema(300).optional(),
  /** Raising the capacity moves the first on the waiting list in; lowering it never removes anyone. */
  capacity: z.number().int().min(1).max(1000).optional(),
});
export const groupSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  serviceType: named,
  partner: named.nullable(),
  place: z.string(),
  capacity: z.number().int(),
  participants: z.number().int(),
  waiting: z.number().int(),
  nextSession: z.string().nullable(),
  createdAt: z.string(),
});
export type Group = z.infer<typeof groupSchema>;

export const participantStatuses = ["active", "waiting"] as const;
export const groupParticipantSchema = z.object({
  candidateId: uuidSchema,
  name: z.string(),
  status: z.enum(participantStatuses),
  /** Place on the waiting list (1 = next in); null for participants. */
  waitingPosition: z.number().int().nullable(),
  joinedAt: z.string(),
});
export type GroupParticipant = z.infer<typeof groupParticipantSchema>;

export const groupSessionInputSchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  note: textSchema(500).default(""),
});
export const groupSessionSchema = z.object({
  id: uuidSchema,
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  note: z.string(),
  present: z.number().int(),
  absent: z.number().int(),
});
export type GroupSession = z.infer<typeof groupSessionSchema>;

export const groupDetailSchema = groupSchema.extend({
  members: z.array(groupParticipantSchema),
  sessions: z.array(groupSessionSchema),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const addParticipantSchema = z.strictObject({ candidateId: uuidSchema });
export const participantResultSchema = z.object({ status: z.enum(participantStatuses), waitingPosition: z.number().int().nullable() });
export const leaveResultSchema = z.object({ movedIn: z.object({ candidateId: uuidSchema, name: z.string() }).nullable() });

export const attendanceSchema = z.object({
  session: groupSessionSchema,
  group: z.object({ id: uuidSchema, name: z.string(), place: z.string() }),
  /** The group's participants (not the waiting list), with what was recorded: null = not yet marked. */
  participants: z.array(z.object({ candidateId: uuidSchema, name: z.string(), present: z.boolean().nullable() })),
});
export type Attendance = z.infer<typeof attendanceSchema>;
export const attendanceMarkSchema = z.strictObject({ present: z.boolean() });

// ---------------------------------------------------------------------------------------------------------
// The candidate's timeline
// ---------------------------------------------------------------------------------------------------------

export const timelineQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  lang: z.enum(["nb", "en"]).optional(),
});
export const timelineEntrySchema = z.object({
  /** Stable within the timeline: the source and its record. */
  id: z.string(),
  at: z.string(),
  /** The source that contributed the entry (service, group_attendance, event, note, stage_change, share, placement, consent, …). */
  source: z.string(),
  title: z.string(),
  detail: z.string(),
  /** Where the entry's record lives in the app, when it has a page. */
  link: z.object({ kind: z.enum(["group", "event", "job", "placement"]), id: uuidSchema }).nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export const timelineSchema = z.object({ items: z.array(timelineEntrySchema), sources: z.array(z.string()) });

// ---------------------------------------------------------------------------------------------------------
// The activity report (services, attendance, events); aggregated and suppressed
// ---------------------------------------------------------------------------------------------------------

export const activityReportQuerySchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
/** A count of people or person-events: null when suppressed (see suppression). */
const suppressedCount = z.object({ count: z.number().int().nullable(), suppression: z.enum(["under_5", "suppressed"]).nullable() });
export const activityRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  services: suppressedCount,
  /** Distinct candidates who took part in a group of this kind in the period. */
  groupParticipants: suppressedCount,
  sessions: z.number().int(),
  present: suppressedCount,
  absent: suppressedCount,
  /** Present ÷ marked, from the shown cells only; null when either is hidden or nothing was marked. */
  attendanceRate: z.number().nullable(),
});
export const eventKindRowSchema = z.object({
  key: z.string(),
  events: z.number().int(),
  registered: suppressedCount,
  attended: suppressedCount,
  interviewsAgreed: suppressedCount,
});
export const activityReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  byType: z.array(activityRowSchema),
  byPartner: z.array(activityRowSchema),
  /** The column totals (published beside both tables, so the cells are suppressed against them). */
  totals: activityRowSchema,
  events: z.array(eventKindRowSchema),
});
export type ActivityReport = z.infer<typeof activityReportSchema>;
