import { z } from "zod";
import { textSchema, uuidSchema } from "./contracts.ts";

/*
 * Events (arrangementer, issue 8): network meetings, job fairs, recruitment days, stands. Employers' contacts and
 * candidates are invited (by e-mail with a calendar file), register, attend; the event's outcome is recorded.
 */

export const eventKinds = ["network_meeting", "job_fair", "recruitment_day", "stand", "other"] as const;
export type EventKind = (typeof eventKinds)[number];
export const inviteeStatuses = ["invited", "registered", "declined"] as const;

const named = z.object({ id: uuidSchema, name: z.string() });

const eventFields = {
  kind: z.enum(eventKinds),
  title: textSchema(200).min(1),
  description: textSchema(4000).default(""),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  place: textSchema(300).default(""),
  partnerIds: z.array(uuidSchema).max(50).default([]),
};
export const eventInputSchema = z.strictObject(eventFields);
export const eventPatchSchema = z.strictObject({
  kind: eventFields.kind.optional(),
  title: eventFields.title.optional(),
  description: textSchema(4000).optional(),
  startsAt: eventFields.startsAt.optional(),
  endsAt: eventFields.endsAt.optional(),
  place: textSchema(300).optional(),
  partnerIds: z.array(uuidSchema).max(50).optional(),
  /** The outcome: how many interviews were agreed at the event, and notes. */
  interviewsAgreed: z.number().int().min(0).max(100_000).nullable().optional(),
  outcomeNotes: textSchema(4000).optional(),
});

export const eventListQuerySchema = z.strictObject({
  when: z.enum(["upcoming", "past", "all"]).default("upcoming"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const eventSchema = z.object({
  id: uuidSchema,
  kind: z.enum(eventKinds),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  partners: z.array(named),
  interviewsAgreed: z.number().int().nullable(),
  outcomeNotes: z.string(),
  counts: z.object({ invited: z.number().int(), registered: z.number().int(), attended: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Event = z.infer<typeof eventSchema>;

export const inviteeSchema = z.object({
  id: uuidSchema,
  kind: z.enum(["candidate", "contact"]),
  candidateId: uuidSchema.nullable(),
  contactId: uuidSchema.nullable(),
  name: z.string(),
  /** The contact's company. */
  employer: named.nullable(),
  hasEmail: z.boolean(),
  status: z.enum(inviteeStatuses),
  /** When the invitation e-mail was last sent; null when not yet. */
  invitedAt: z.string().nullable(),
  /** Null until attendance is taken. */
  attended: z.boolean().nullable(),
});
export type Invitee = z.infer<typeof inviteeSchema>;

export const eventDetailSchema = eventSchema.extend({ invitees: z.array(inviteeSchema) });
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const addInviteesSchema = z
  .strictObject({ candidateIds: z.array(uuidSchema).max(500).default([]), contactIds: z.array(uuidSchema).max(500).default([]) })
  .refine((v) => v.candidateIds.length + v.contactIds.length > 0, { error: "name at least one candidate or contact", path: ["candidateIds"] });
export const inviteePatchSchema = z.strictObject({ status: z.enum(inviteeStatuses).optional(), attended: z.boolean().nullable().optional() });

export const sendInvitationsSchema = z.strictObject({
  /** Also send again to those already invited (e.g. after the time changed). */
  resend: z.boolean().default(false),
});
export const sendInvitationsResultSchema = z.object({
  sent: z.number().int(),
  stored: z.number().int(),
  failed: z.number().int(),
  /** Invitees without an e-mail address: invite them another way. */
  withoutEmail: z.number().int(),
});
