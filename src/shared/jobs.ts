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
