import { z } from "zod";
import { textSchema, uuidSchema } from "./contracts.ts";
import { cefrSchema, drivingLicenceClasses, educationLevels, languageSubSkills, occupationUriSchema, skillUriSchema } from "./candidates.ts";
import { placementTypes } from "./placements.ts";

/*
 * Jobs, candidate lists (pipeline), consent to share, and placements (issue 5), shared by the server and the web.
 */

export const jobTypes = ["permanent", "temporary", "seasonal", "apprenticeship", "work_practice", "trainee"] as const;
export const jobExtents = ["full_time", "part_time"] as const;
export const jobStatuses = ["draft", "open", "filled", "closed"] as const;

export const languageRequirementSchema = z.strictObject({
  /** ISO 639-1, e.g. "no", "en". */
  code: z.string().regex(/^[a-z]{2,3}$/, { error: "must be a language code such as no or en" }),
  /** The sub-skills the level applies to; all four when empty ("Norwegian B1" in general). */
  subSkills: z.array(z.enum(languageSubSkills)).max(4).default([]),
  level: cefrSchema,
});
export const licenceRequirementSchema = z.strictObject({ licence: z.enum(drivingLicenceClasses), required: z.boolean().default(true) });

export const jobInputSchema = z.strictObject({
  /** The employer, or null for a municipal unit (then `municipalUnit` names it). */
  employerId: uuidSchema.nullable().default(null),
  municipalUnit: textSchema(160).default(""),
  title: textSchema(200).min(1),
  description: textSchema(10_000).default(""),
  occupationUri: occupationUriSchema,
  essentialSkillUris: z.array(skillUriSchema).max(60).default([]),
  optionalSkillUris: z.array(skillUriSchema).max(60).default([]),
  languages: z.array(languageRequirementSchema).max(10).default([]),
  educationLevel: z.enum(educationLevels).nullable().default(null),
  licences: z.array(licenceRequirementSchema).max(15).default([]),
  location: textSchema(200).default(""),
  municipality: textSchema(80).default(""),
  extent: z.enum(jobExtents).default("full_time"),
  /** Percentage of a full-time position, for part-time jobs. */
  extentPercent: z.number().int().min(1).max(100).nullable().default(null),
  type: z.enum(jobTypes).default("permanent"),
  wageSubsidyPossible: z.boolean().default(false),
  positions: z.number().int().min(1).max(500).default(1),
  startDate: z.iso.date().nullable().default(null),
  deadline: z.iso.date().nullable().default(null),
  status: z.enum(jobStatuses).default("open"),
});
export type JobInput = z.infer<typeof jobInputSchema>;
export const jobPatchSchema = jobInputSchema.partial().strict();

const labelledUri = z.object({ uri: z.string(), label: z.string() });
export const jobSchema = z.object({
  id: uuidSchema,
  employer: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  municipalUnit: z.string(),
  title: z.string(),
  description: z.string(),
  occupation: labelledUri,
  essentialSkills: z.array(labelledUri),
  optionalSkills: z.array(labelledUri),
  languages: z.array(languageRequirementSchema),
  educationLevel: z.enum(educationLevels).nullable(),
  licences: z.array(licenceRequirementSchema),
  location: z.string(),
  municipality: z.string(),
  extent: z.enum(jobExtents),
  extentPercent: z.number().int().nullable(),
  type: z.enum(jobTypes),
  wageSubsidyPossible: z.boolean(),
  positions: z.number().int(),
  startDate: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(jobStatuses),
  /** Candidates on the list per stage. */
  pipelineCounts: z.record(z.string(), z.number().int()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Default candidate-list stages; each network keeps its own as data (labels may change, keys stay). */
export const defaultPipelineStages = [
  "suggested",
  "contacted",
  "consent_requested",
  "shared",
  "interview",
  "offer",
  "hired",
  "not_selected",
  "withdrawn",
] as const;

export const consentPurposes = ["registration", "share_with_employer", "mentoring", "public_page"] as const;
export const consentMethods = ["in_person", "by_link", "portal"] as const;
export const employerResponses = ["interesting", "not_interesting", "hired"] as const;
export const shareVariants = ["anonymous", "full"] as const;

export const placementInputSchema = z.strictObject({
  candidateId: uuidSchema,
  employerId: uuidSchema.nullable().default(null),
  /** Required when there is no employer record (e.g. a municipal unit or an employer outside the network). */
  employerName: textSchema(200).default(""),
  jobId: uuidSchema.nullable().default(null),
  occupationUri: occupationUriSchema.nullable().default(null),
  type: z.enum(placementTypes),
  wageSubsidyPercent: z.number().int().min(0).max(100).nullable().default(null),
  subsidyFrom: z.iso.date().nullable().default(null),
  subsidyTo: z.iso.date().nullable().default(null),
  hoursPerWeek: z.number().min(1).max(60).nullable().default(null),
  startDate: z.iso.date(),
  endDate: z.iso.date().nullable().default(null),
});

// ---------------------------------------------------------------------------------------------------------
// Jobs: requests and responses of the routes (issue 5, jobs API)
// ---------------------------------------------------------------------------------------------------------

/**
 * PATCH /jobs/{id}: any subset of the fields; omitted fields stay as they are. (`jobPatchSchema` above keeps the
 * defaults of jobInputSchema, so parsing it fills every omitted field with its default: do not use it for PATCH.)
 */
export const jobUpdateSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(jobInputSchema.shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? (schema.removeDefault() as z.ZodType) : (schema as z.ZodType)).optional()]),
  ) as unknown as { [K in keyof typeof jobInputSchema.shape]: z.ZodOptional<(typeof jobInputSchema.shape)[K] extends z.ZodDefault<infer Inner> ? Inner : (typeof jobInputSchema.shape)[K]> },
);
export type JobUpdate = z.infer<typeof jobUpdateSchema>;

const langQuery = { lang: z.enum(["nb", "en"]).optional() };

export const jobListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  /** Words of the title (each must occur). */
  q: z.string().trim().max(200).optional(),
  status: z.enum(jobStatuses).optional(),
  employerId: uuidSchema.optional(),
  occupationUri: occupationUriSchema.optional(),
  municipality: z.string().trim().max(80).optional(),
  ...langQuery,
});
export const jobReadQuerySchema = z.strictObject(langQuery);

export const skillSuggestionsQuerySchema = z.strictObject({ occupationUri: occupationUriSchema, ...langQuery });
export const skillSuggestionsSchema = z.object({ essential: z.array(labelledUri), optional: z.array(labelledUri) });

// ---------------------------------------------------------------------------------------------------------
// Pipeline stages
// ---------------------------------------------------------------------------------------------------------

export const stageMeanings = ["open", "hired", "closed"] as const;
/** Labels of the default stages (a network renames them as it likes; the keys stay). */
export const defaultPipelineStageLabels: Record<(typeof defaultPipelineStages)[number], { nb: string; en: string }> = {
  suggested: { nb: "Foreslått", en: "Suggested" },
  contacted: { nb: "Kontaktet", en: "Contacted" },
  consent_requested: { nb: "Samtykke bedt om", en: "Consent requested" },
  shared: { nb: "Delt med arbeidsgiver", en: "Shared with employer" },
  interview: { nb: "Intervju", en: "Interview" },
  offer: { nb: "Tilbud", en: "Offer" },
  hired: { nb: "Ansatt", en: "Hired" },
  not_selected: { nb: "Ikke valgt", en: "Not selected" },
  withdrawn: { nb: "Trukket", en: "Withdrawn" },
};
/** Stages the application relies on: adding starts at "suggested", sharing moves to "shared", "hired" is a hire. */
export const requiredPipelineStages = ["suggested", "shared", "hired"] as const;

export const stageKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "must be 1–40 lowercase letters, digits or underscores, starting with a letter" });
export const pipelineStageSchema = z.object({ key: z.string(), labelNb: z.string(), labelEn: z.string(), label: z.string(), position: z.number().int(), meaning: z.enum(stageMeanings), inUse: z.number().int() });
export const pipelineStagesSchema = z.object({ items: z.array(pipelineStageSchema) });
/** PUT /pipeline-stages: the whole list in its new order. Known keys are renamed and moved, new keys added, left-out keys removed (only when no entry is in them). */
export const pipelineStagesInputSchema = z.strictObject({
  stages: z
    .array(z.strictObject({ key: stageKeySchema, labelNb: textSchema(60).min(1), labelEn: textSchema(60).min(1), meaning: z.enum(stageMeanings).optional() }))
    .min(1)
    .max(30),
});

// ---------------------------------------------------------------------------------------------------------
// Candidate lists (pipeline)
// ---------------------------------------------------------------------------------------------------------

export const consentStates = ["none", "valid", "withdrawn"] as const;
const userRef = z.object({ userId: uuidSchema, name: z.string() }).nullable();

export const pipelineEntrySchema = z.object({
  id: uuidSchema,
  jobId: uuidSchema,
  candidate: z.object({ id: uuidSchema, name: z.string() }),
  stage: z.object({ key: z.string(), label: z.string(), meaning: z.enum(stageMeanings) }),
  sharedVariant: z.enum(shareVariants).nullable(),
  sharedAt: z.string().nullable(),
  employerResponse: z.enum(employerResponses).nullable(),
  employerRespondedAt: z.string().nullable(),
  /** The consent to share with this job's employer for this job: none, valid, or withdrawn (the latest one). */
  consent: z.object({ state: z.enum(consentStates), consentId: uuidSchema.nullable(), givenAt: z.string().nullable(), withdrawnAt: z.string().nullable() }),
  matchScore: z.number().nullable(),
  lastChange: z.object({ at: z.string(), by: userRef, fromStage: z.string().nullable(), toStage: z.string(), note: z.string() }).nullable(),
  addedBy: userRef,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const pipelineListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(200),
  cursor: z.string().max(200).optional(),
  stage: z.string().max(40).optional(),
  ...langQuery,
});
export const pipelineAddSchema = z.strictObject({
  candidateId: uuidSchema,
  stage: stageKeySchema.optional(),
  /** The score shown when the candidate was added from the matches (0–1). */
  matchScore: z.number().min(0).max(1).nullable().default(null),
  note: textSchema(1000).default(""),
});
export const pipelineMoveSchema = z.strictObject({ stage: stageKeySchema, note: textSchema(1000).default("") });
export const pipelineShareSchema = z.strictObject({ variant: z.enum(shareVariants) });
export const stageChangeSchema = z.object({ id: uuidSchema, fromStage: z.string().nullable(), toStage: z.string(), note: z.string(), by: userRef, at: z.string() });

// ---------------------------------------------------------------------------------------------------------
// Consents
// ---------------------------------------------------------------------------------------------------------

export const consentInputSchema = z.strictObject({
  purpose: z.enum(consentPurposes),
  /** For share_with_employer: the employer and the job the consent is for (both required). */
  employerId: uuidSchema.nullable().default(null),
  jobId: uuidSchema.nullable().default(null),
  method: z.enum(consentMethods),
  /** When the candidate gave it; now when left out. Not in the future. */
  givenAt: z.iso.datetime({ offset: true }).optional(),
});
export const consentTextSchema = z.object({ purpose: z.enum(consentPurposes), version: z.string(), nb: z.string(), en: z.string() });
export const consentSchema = z.object({
  id: uuidSchema,
  purpose: z.enum(consentPurposes),
  employer: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  job: z.object({ id: uuidSchema, title: z.string() }).nullable(),
  textVersion: z.string(),
  /** The text the candidate agreed to, with the employer and job filled in. */
  text: z.object({ nb: z.string(), en: z.string() }),
  method: z.enum(consentMethods),
  givenAt: z.string(),
  recordedBy: userRef,
  withdrawnAt: z.string().nullable(),
  valid: z.boolean(),
});
export const consentListSchema = z.object({ items: z.array(consentSchema), nextCursor: z.string().nullable(), currentTexts: z.array(consentTextSchema) });

// ---------------------------------------------------------------------------------------------------------
// The employer's view of shared candidates
// ---------------------------------------------------------------------------------------------------------

export const employerResponseInputSchema = z.strictObject({ response: z.enum(employerResponses) });
export const sharedCandidateSchema = z.object({
  entryId: uuidSchema,
  job: z.object({ id: uuidSchema, title: z.string() }),
  variant: z.enum(shareVariants),
  sharedAt: z.string().nullable(),
  employerResponse: z.enum(employerResponses).nullable(),
  employerRespondedAt: z.string().nullable(),
  candidate: z.object({
    /** A neutral reference ("K-1a2b3c"), the same as on the anonymous CV. */
    reference: z.string(),
    /** Only when the full CV is shared. */
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    summary: z.string(),
    experience: z.array(z.object({ occupation: labelledUri, title: z.string(), employer: z.string(), abroad: z.boolean(), country: z.string().nullable(), years: z.number() })),
    education: z.array(z.object({ level: z.enum(educationLevels), field: z.string(), institution: z.string(), abroad: z.boolean(), country: z.string().nullable(), yearCompleted: z.number().nullable(), recognition: z.string() })),
    skills: z.array(labelledUri),
    languages: z.array(z.object({ code: z.string(), native: z.boolean(), listening: cefrSchema.nullable(), reading: cefrSchema.nullable(), writing: cefrSchema.nullable(), speaking: cefrSchema.nullable() })),
    drivingLicences: z.array(z.string()),
    certificates: z.array(z.object({ type: z.string(), name: z.string(), year: z.number().nullable() })),
    availableFrom: z.string().nullable(),
  }),
  /** The CV as PDF, in the shared variant. */
  cvUrl: z.string(),
});
export const employerResponseResultSchema = z.object({ entryId: uuidSchema, employerResponse: z.enum(employerResponses), employerRespondedAt: z.string() });
/*
 * Placements: request and response shapes (issue 5).
 */

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
/** Each field optional and without its default: a PATCH must not reset the fields it leaves out. */
export function optionalWithoutDefaults<S extends z.ZodRawShape>(shape: S) {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? (schema.removeDefault() as z.ZodType) : (schema as z.ZodType)).optional()]),
  ) as unknown as { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };
}

/** PATCH: any field of the input except the candidate (a hire of someone else is a new placement). */
export const placementPatchSchema = z.strictObject(optionalWithoutDefaults(placementInputSchema.omit({ candidateId: true }).shape));

export const placementFollowUpSchema = z.object({
  id: uuidSchema,
  months: z.number().int(),
  dueOn: z.string(),
  stillEmployed: z.boolean().nullable(),
  note: z.string(),
  answeredAt: z.string().nullable(),
  answeredBy: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
});

export const placementSchema = z.object({
  id: uuidSchema,
  /** Null when the candidate has been erased or asked to be: the placement stays as an anonymous count. */
  candidate: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  employer: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  /** The employer's or municipal unit's name as it was at the hire. */
  employerName: z.string(),
  jobId: uuidSchema.nullable(),
  occupation: z.object({ uri: z.string(), label: z.string() }).nullable(),
  type: z.enum(placementTypes),
  wageSubsidyPercent: z.number().int().nullable(),
  subsidyFrom: z.string().nullable(),
  subsidyTo: z.string().nullable(),
  hoursPerWeek: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** Whether the type counts toward the network's goal (the network's goal placement types, read now). */
  countsTowardGoal: z.boolean(),
  followUps: z.array(placementFollowUpSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const booleanQuery = z.enum(["true", "false"]).transform((value) => value === "true");

export const placementListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  candidateId: uuidSchema.optional(),
  employerId: uuidSchema.optional(),
  type: z.enum(placementTypes).optional(),
  /** Start date from (inclusive). */
  from: z.iso.date().optional(),
  /** Start date to (inclusive). */
  to: z.iso.date().optional(),
  countsTowardGoal: booleanQuery.optional(),
  lang: z.enum(["nb", "en"]).optional(),
});

export const followUpListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  /** due: unanswered and due within a week (or overdue); all: every follow-up, answered or not. */
  include: z.enum(["due", "all"]).default("due"),
});

export const followUpListItemSchema = placementFollowUpSchema.extend({
  remindedAt: z.string().nullable(),
  placement: z.object({
    id: uuidSchema,
    candidate: z.object({ id: uuidSchema, name: z.string() }).nullable(),
    employerName: z.string(),
    type: z.enum(placementTypes),
    startDate: z.string(),
  }),
});

export const followUpAnswerSchema = z.strictObject({
  stillEmployed: z.boolean(),
  note: textSchema(2000).default(""),
});
