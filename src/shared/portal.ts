import { z } from "zod";
import { emailSchema, userLocaleSchema, uuidSchema } from "./contracts.ts";
import { candidateInputSchema, candidateLanguageSchema, jobWishesSchema, skillUriSchema } from "./candidates.ts";
import { consentPurposes } from "./jobs.ts";
import { matchMissingSchema, matchReasonSchema } from "./matching.ts";

/*
 * The candidate portal (issue 10): what a candidate sees and changes about themselves, in their own language.
 * Shared by the server (routes under /api/v1/my) and the web pages under /my.
 */

/** The portal's languages: bokmål first, then English, Arabic (right to left), Ukrainian, Polish, Tigrinya, Somali. */
export const portalLocaleSchema = userLocaleSchema;
export const portalLocales = portalLocaleSchema.options;
export type PortalLocale = z.infer<typeof portalLocaleSchema>;
/** Written right to left: the page gets dir="rtl". */
export const rtlLocales: readonly PortalLocale[] = ["ar"];

/** What the network lets candidates change themselves. Each group names the profile fields it covers. */
export const editableGroups = ["contact", "jobWishes", "languages", "skills", "availability"] as const;
export type EditableGroup = (typeof editableGroups)[number];
export const editableFieldsOf: Record<EditableGroup, readonly string[]> = {
  contact: ["email", "phone", "municipality"],
  jobWishes: ["jobWishes"],
  languages: ["languages"],
  skills: ["skillUris"],
  availability: ["availableFrom"],
};

export const portalSettingsSchema = z.strictObject({
  /** The groups candidates may edit; all by default. */
  editable: z.array(z.enum(editableGroups)).max(editableGroups.length),
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

/**
 * PATCH /api/v1/my/profile: only the fields a candidate may ever edit (anything else is 400). A field whose group
 * the network has turned off is refused with 403.
 */
const s = candidateInputSchema.shape;
export const myProfilePatchSchema = z.strictObject({
  email: s.email.removeDefault().optional(),
  phone: s.phone.removeDefault().optional(),
  municipality: s.municipality.removeDefault().optional(),
  jobWishes: jobWishesSchema.optional(),
  languages: z.array(candidateLanguageSchema).max(20).optional(),
  skillUris: z.array(skillUriSchema).max(200).optional(),
  availableFrom: s.availableFrom.removeDefault().optional(),
});
export type MyProfilePatch = z.infer<typeof myProfilePatchSchema>;

const labelled = z.object({ uri: z.string(), label: z.string() });

export const myProfileSchema = z.object({
  id: uuidSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  municipality: z.string(),
  summary: z.string(),
  languages: z.array(candidateLanguageSchema),
  skills: z.array(labelled),
  experience: z.array(z.object({ title: z.string(), employer: z.string(), years: z.number(), occupation: labelled })),
  education: z.array(z.object({ level: z.string(), field: z.string(), institution: z.string(), yearCompleted: z.number().nullable() })),
  jobWishes: z.object({ occupations: z.array(labelled), municipalities: z.array(z.string()), extent: z.string() }),
  availableFrom: z.string().nullable(),
  advisor: z.object({ name: z.string() }).nullable(),
  networkName: z.string(),
  editable: z.array(z.enum(editableGroups)),
  erasureRequestedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type MyProfile = z.infer<typeof myProfileSchema>;

/** What an employer gets to see when the candidate says yes. */
export const sharedParts = ["cv_anonymous", "cv_full_when_both_agree"] as const;

export const consentRequestStatuses = ["pending", "accepted", "declined", "cancelled"] as const;
export const consentRequestSchema = z.object({
  id: uuidSchema,
  status: z.enum(consentRequestStatuses),
  employer: z.object({ name: z.string() }),
  job: z.object({ title: z.string(), municipality: z.string() }),
  /** The consent text the candidate answers, in bokmål and English, with the names filled in. */
  text: z.object({ nb: z.string(), en: z.string() }),
  shares: z.array(z.enum(sharedParts)),
  requestedAt: z.string(),
  answeredAt: z.string().nullable(),
  /** The consent given by a yes (null until then, or after a no). */
  consentId: uuidSchema.nullable(),
});
export type ConsentRequest = z.infer<typeof consentRequestSchema>;
export const consentRequestListSchema = z.object({ items: z.array(consentRequestSchema) });
export const consentAnswerSchema = z.strictObject({ answer: z.enum(["yes", "no"]) });

/** A caseworker asks the candidate, in the portal, for consent to share with this job's employer. */
export const consentRequestInputSchema = z.strictObject({ jobId: uuidSchema });
export const staffConsentRequestSchema = z.object({
  id: uuidSchema,
  candidateId: uuidSchema,
  jobId: uuidSchema,
  status: z.enum(consentRequestStatuses),
  requestedAt: z.string(),
  answeredAt: z.string().nullable(),
});
export const staffConsentRequestListSchema = z.object({ items: z.array(staffConsentRequestSchema) });

export const myConsentSchema = z.object({
  id: uuidSchema,
  purpose: z.enum(consentPurposes),
  employer: z.object({ name: z.string() }).nullable(),
  job: z.object({ title: z.string() }).nullable(),
  text: z.object({ nb: z.string(), en: z.string() }),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
  valid: z.boolean(),
});
export const myConsentListSchema = z.object({ items: z.array(myConsentSchema) });

/** One read of the candidate's record, shown without staff names: the role and the organisation. */
export const myAccessLogEntrySchema = z.object({
  at: z.string(),
  purpose: z.string(),
  /** admin, advisor, … or "self" when the candidate read it, "integration" for an API token, "system". */
  role: z.string(),
  organisation: z.string(),
});
export const myAccessLogSchema = z.object({ items: z.array(myAccessLogEntrySchema), nextCursor: z.string().nullable() });

/** A suggested job for the candidate: title, employer, place, and the explanation; never another person's data. */
export const myJobMatchSchema = z.object({
  score: z.number(),
  eligible: z.boolean(),
  reasons: z.array(matchReasonSchema),
  missing: z.array(matchMissingSchema),
  job: z.object({ id: uuidSchema, title: z.string(), employer: z.string().nullable(), municipality: z.string(), deadline: z.string().nullable() }),
});
export const myJobMatchListSchema = z.object({ items: z.array(myJobMatchSchema) });

export const portalInvitationInputSchema = z.strictObject({ email: emailSchema.optional() });
export const portalInvitationSchema = z.object({ id: uuidSchema, email: z.string(), expiresAt: z.string() });
/** On the candidate's profile (staff side): is the candidate in the portal, or invited? */
export const portalStatusSchema = z.object({
  linked: z.boolean(),
  invitation: z.object({ email: z.string(), expiresAt: z.string() }).nullable(),
});
