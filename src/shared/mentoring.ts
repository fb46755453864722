import { z } from "zod";
import { emailSchema, pageQuerySchema, textSchema, uuidSchema } from "./contracts.ts";
import { naceSections } from "./nace.ts";
import { occupationUriSchema } from "./candidates.ts";
import { consentMethods } from "./jobs.ts";

/*
 * Mentoring (issue 8): volunteer mentors, mentor–mentee pairs, meetings and the end conversation. Shared by the
 * server (validation, OpenAPI) and the web app. See docs/decisions/023-mentoring-access.md.
 */

/** What a mentee may let the mentor see. Nothing else about the candidate ever reaches a mentor. */
export const menteeFields = ["firstName", "lastName", "languages", "jobWishes", "education", "experience", "municipality", "contact"] as const;
export type MenteeField = (typeof menteeFields)[number];

/** proposed → active (both accepted) → ended; or declined/cancelled before it starts. */
export const mentorshipStatuses = ["proposed", "active", "ended", "declined"] as const;
export type MentorshipStatus = (typeof mentorshipStatuses)[number];

/** A relationship lasts six months unless the coordinator plans otherwise. */
export const defaultMentorshipMonths = 6;
/** The mentor keeps access to the mentee's agreed fields this long after the relationship ends (12 weeks). */
export const accessAfterEndDays = 84;
/** A reminder goes to the mentor and the advisor when no meeting has been logged for this long (4 weeks). */
export const reminderAfterDays = 28;

const languageCode = z.string().regex(/^[a-z]{2,3}$/, { error: "must be a language code such as no, en or ar" });

export const mentorInputSchema = z.strictObject({
  name: textSchema(120).min(1),
  email: emailSchema,
  phone: textSchema(30).default(""),
  /** E.g. "Bærum Rotary". */
  organisation: textSchema(120).default(""),
  industry: z.enum(naceSections).nullable().default(null),
  occupationUri: occupationUriSchema.nullable().default(null),
  languages: z.array(languageCode).max(20).default([]),
  municipality: textSchema(80).default(""),
  capacity: z.number().int().min(0).max(20).default(1),
  availability: textSchema(500).default(""),
  active: z.boolean().default(true),
  /** Send an invitation with the role mentor to the e-mail address (the mentor's own login). */
  invite: z.boolean().default(false),
});
export type MentorInput = z.infer<typeof mentorInputSchema>;
export const mentorPatchSchema = z.strictObject({
  name: textSchema(120).min(1).optional(),
  phone: textSchema(30).optional(),
  organisation: textSchema(120).optional(),
  industry: z.enum(naceSections).nullable().optional(),
  occupationUri: occupationUriSchema.nullable().optional(),
  languages: z.array(languageCode).max(20).optional(),
  municipality: textSchema(80).optional(),
  capacity: z.number().int().min(0).max(20).optional(),
  availability: textSchema(500).optional(),
  active: z.boolean().optional(),
  invite: z.boolean().optional(),
});

const ref = z.object({ id: uuidSchema, name: z.string() });
const concept = z.object({ uri: z.string(), label: z.string() }).nullable();

export const mentorSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  organisation: z.string(),
  industry: z.enum(naceSections).nullable(),
  occupation: concept,
  languages: z.array(z.string()),
  municipality: z.string(),
  capacity: z.number().int(),
  availability: z.string(),
  active: z.boolean(),
  /** Whether the mentor has a login (a user with the role mentor). */
  hasAccount: z.boolean(),
  /** The current declaration's signature, or null when not signed (then no mentee is shown or proposed). */
  declarationSignedAt: z.string().nullable(),
  /** Proposed and active relationships. */
  load: z.number().int(),
  createdAt: z.string(),
});
export type Mentor = z.infer<typeof mentorSchema>;

export const mentorListQuerySchema = pageQuerySchema.extend({
  q: textSchema(80).optional(),
  organisation: textSchema(120).optional(),
  lang: z.enum(["nb", "en"]).optional(),
});

export const declarationSchema = z.object({ version: z.string(), nb: z.string(), en: z.string() });
export const mentorSelfSchema = z.object({
  mentor: mentorSchema.nullable(),
  declaration: declarationSchema,
  signedVersion: z.string().nullable(),
  signedAt: z.string().nullable(),
});
export const signDeclarationSchema = z.strictObject({ version: z.string().min(1).max(40) });

/** One ranked suggestion, with its reasons in words. */
export const pairReasonSchema = z.object({
  criterion: z.enum(["occupation", "industry", "languages", "place"]),
  score: z.number(),
  weight: z.number(),
  detail: z.string(),
});
export const pairSuggestionSchema = z.object({
  mentor: ref.extend({ organisation: z.string(), load: z.number().int(), capacity: z.number().int() }),
  candidate: ref,
  score: z.number(),
  reasons: z.array(pairReasonSchema),
});
export type PairSuggestion = z.infer<typeof pairSuggestionSchema>;
export const suggestionsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10), lang: z.enum(["nb", "en"]).optional() });

export const mentorshipProposalSchema = z.strictObject({
  mentorId: uuidSchema,
  candidateId: uuidSchema,
  goals: textSchema(2000).default(""),
  /** The fields the coordinator proposes to share; the mentee confirms them when accepting. */
  sharedFields: z.array(z.enum(menteeFields)).max(menteeFields.length).default(["firstName", "languages", "jobWishes"]),
  plannedEndDate: z.iso.date().nullable().default(null),
});
export const mentorshipPatchSchema = z.strictObject({
  goals: textSchema(2000).optional(),
  plannedEndDate: z.iso.date().optional(),
});
export const menteeConsentSchema = z.strictObject({
  sharedFields: z.array(z.enum(menteeFields)).max(menteeFields.length),
  /** How the mentee said yes: in person to the advisor, by link, or in the candidate's own portal. */
  method: z.enum(consentMethods).default("in_person"),
});
export const endMentorshipSchema = z.strictObject({
  endedOn: z.iso.date(),
  reason: z.enum(["completed", "early"]).default("completed"),
});
export const feedbackSchema = z.strictObject({
  /** 1 (poor) – 5 (very good). */
  rating: z.number().int().min(1).max(5),
  text: textSchema(2000).default(""),
});
export const meetingInputSchema = z.strictObject({
  metOn: z.iso.date(),
  topics: textSchema(2000).min(1),
  nextStep: textSchema(1000).default(""),
});

export const meetingSchema = z.object({
  id: uuidSchema,
  metOn: z.string(),
  topics: z.string(),
  nextStep: z.string(),
  loggedBy: ref.nullable(),
  createdAt: z.string(),
});

/** The mentee as the viewer may see them: for a mentor, only the agreed fields (others are absent). */
export const menteeViewSchema = z.object({
  candidateId: uuidSchema,
  /** A name to address the mentee by: their agreed name, or "Mentee" when no name is shared. */
  displayName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  municipality: z.string().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  languages: z.array(z.object({ code: z.string(), native: z.boolean(), speaking: z.string().nullable() })).optional(),
  jobWishes: z.object({ occupations: z.array(z.object({ uri: z.string(), label: z.string() })), municipalities: z.array(z.string()) }).optional(),
  education: z.array(z.object({ level: z.string(), field: z.string(), country: z.string().nullable() })).optional(),
  experience: z.array(z.object({ occupation: z.string(), years: z.number() })).optional(),
});

export const mentorshipSchema = z.object({
  id: uuidSchema,
  status: z.enum(mentorshipStatuses),
  mentor: ref.extend({ organisation: z.string() }),
  mentee: menteeViewSchema,
  goals: z.string(),
  sharedFields: z.array(z.enum(menteeFields)),
  proposedAt: z.string(),
  mentorAcceptedAt: z.string().nullable(),
  menteeAcceptedAt: z.string().nullable(),
  startDate: z.string().nullable(),
  plannedEndDate: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  /** The last day the mentor sees the mentee (12 weeks after the end), when an end is known. */
  accessUntil: z.string().nullable(),
  lastMeetingOn: z.string().nullable(),
  meetingCount: z.number().int(),
  mentorFeedback: z.object({ rating: z.number().int(), text: z.string(), at: z.string() }).nullable(),
  menteeFeedback: z.object({ rating: z.number().int(), text: z.string(), at: z.string() }).nullable(),
  meetings: z.array(meetingSchema).optional(),
});
export type Mentorship = z.infer<typeof mentorshipSchema>;

export const mentorshipListQuerySchema = pageQuerySchema.extend({
  status: z.enum(mentorshipStatuses).optional(),
  mentorId: uuidSchema.optional(),
  candidateId: uuidSchema.optional(),
  lang: z.enum(["nb", "en"]).optional(),
});

/** The aggregated report (GET /api/v1/reports/mentoring): counts with small counts suppressed. */
const reportCell = z.object({ count: z.number().int().nullable(), suppression: z.enum(["under_5", "suppressed"]).nullable() });
export const mentoringReportQuerySchema = z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() });
export const mentoringReportSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Relationships that started (both accepted) with a start date in the period. */
  started: reportCell,
  active: reportCell,
  completed: reportCell,
  /** Mentees with a placement starting within 6 months of the relationship's start. */
  gotWorkWithin6Months: reportCell,
});
export type MentoringReport = z.infer<typeof mentoringReportSchema>;


