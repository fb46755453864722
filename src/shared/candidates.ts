import { z } from "zod";
import { emailSchema, textSchema, uuidSchema } from "./contracts.ts";

/*
 * The candidate contract (issue 3), shared by the server (validation, OpenAPI) and the web app (forms).
 * Background (country of birth, arrival year, gender, birth year) is kept apart: used only for statistics,
 * never by matching and never shown to employers.
 */

export const cefrLevels = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
export const cefrSchema = z.enum(cefrLevels);
export const languageSubSkills = ["listening", "reading", "writing", "speaking"] as const;

export const candidateStatuses = ["active", "in_work", "paused", "left"] as const;
export const genders = ["female", "male", "other", "unspecified"] as const;
export const educationLevels = ["none", "primary", "lower_secondary", "upper_secondary", "vocational", "tertiary_vocational", "bachelor", "master", "phd"] as const;
export const recognitionStatuses = ["not_applied", "pending", "recognised", "partially_recognised", "not_recognised", "not_needed"] as const;
export const drivingLicenceClasses = ["AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "T"] as const;
export const certificateTypes = ["trade_certificate", "journeyman_certificate", "safety_card", "machine_card", "hse_card", "other"] as const;
export const extents = ["full_time", "part_time", "any"] as const;

const escoUri = (kind: "occupation" | "skill") =>
  z.string().regex(new RegExp(`^http://data\\.europa\\.eu/esco/${kind}/[0-9a-f-]{36}$`), { error: `must be an ESCO ${kind} URI` });
export const occupationUriSchema = escoUri("occupation");
export const skillUriSchema = escoUri("skill");
const countrySchema = z.string().regex(/^[A-Z]{2}$/, { error: "must be a two-letter country code (ISO 3166-1), e.g. SY" });
const yearSchema = z.number().int().min(1940).max(2100);

export const candidateLanguageSchema = z.strictObject({
  /** ISO 639-1, e.g. "no" (Norwegian), "en", "ar", "ti". */
  code: z.string().regex(/^[a-z]{2,3}$/, { error: "must be a language code such as no, en or ar" }),
  native: z.boolean().default(false),
  listening: cefrSchema.nullable().default(null),
  reading: cefrSchema.nullable().default(null),
  writing: cefrSchema.nullable().default(null),
  speaking: cefrSchema.nullable().default(null),
  /** A test taken, e.g. "Norskprøven", with its date; the levels above are then the test's results. */
  testName: textSchema(80).nullable().default(null),
  testDate: z.iso.date().nullable().default(null),
});

export const educationSchema = z.strictObject({
  level: z.enum(educationLevels),
  field: textSchema(160).default(""),
  institution: textSchema(160).default(""),
  country: countrySchema.nullable().default(null),
  yearCompleted: yearSchema.nullable().default(null),
  recognition: z.enum(recognitionStatuses).default("not_applied"),
});

export const experienceSchema = z.strictObject({
  occupationUri: occupationUriSchema,
  title: textSchema(160).default(""),
  employer: textSchema(160).default(""),
  country: countrySchema.nullable().default(null),
  years: z.number().min(0).max(60),
  description: textSchema(2000).default(""),
});

export const certificateSchema = z.strictObject({
  type: z.enum(certificateTypes),
  name: textSchema(160).min(1),
  year: yearSchema.nullable().default(null),
});

export const jobWishesSchema = z.strictObject({
  occupationUris: z.array(occupationUriSchema).max(20).default([]),
  municipalities: z.array(textSchema(80).min(1)).max(20).default([]),
  extent: z.enum(extents).default("any"),
});

export const backgroundSchema = z.strictObject({
  countryOfBirth: countrySchema.nullable().default(null),
  arrivalYear: yearSchema.nullable().default(null),
  gender: z.enum(genders).default("unspecified"),
  birthYear: yearSchema.nullable().default(null),
});

/** What an advisor writes when registering or mapping a candidate. */
export const candidateInputSchema = z.strictObject({
  firstName: textSchema(80).min(1),
  lastName: textSchema(80).min(1),
  email: emailSchema.nullable().default(null),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{5,20}$/, { error: "must be a phone number, e.g. +47 912 34 567" })
    .nullable()
    .default(null),
  municipality: textSchema(80).default(""),
  summary: textSchema(2000).default(""),
  background: backgroundSchema.default({ countryOfBirth: null, arrivalYear: null, gender: "unspecified", birthYear: null }),
  languages: z.array(candidateLanguageSchema).max(20).default([]),
  education: z.array(educationSchema).max(20).default([]),
  experience: z.array(experienceSchema).max(30).default([]),
  skillUris: z.array(skillUriSchema).max(200).default([]),
  drivingLicences: z.array(z.enum(drivingLicenceClasses)).max(15).default([]),
  certificates: z.array(certificateSchema).max(30).default([]),
  jobWishes: jobWishesSchema.default({ occupationUris: [], municipalities: [], extent: "any" }),
  availableFrom: z.iso.date().nullable().default(null),
  status: z.enum(candidateStatuses).default("active"),
  advisorUserId: uuidSchema.nullable().default(null),
  partnerOrganisation: textSchema(120).default(""),
});
export type CandidateInput = z.infer<typeof candidateInputSchema>;

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
/** The shape with each field's default removed and made optional: a PATCH must not reset omitted fields. */
function optionalWithoutDefaults<S extends z.ZodRawShape>(shape: S) {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? (schema.removeDefault() as z.ZodType) : (schema as z.ZodType)).optional()]),
  ) as unknown as { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };
}

/** PATCH: any subset of the fields; arrays (and the background object) replace the whole value. Omitted fields stay. */
export const candidatePatchSchema = z.strictObject(optionalWithoutDefaults(candidateInputSchema.shape));
export type CandidatePatch = z.infer<typeof candidatePatchSchema>;

const labelled = { label: z.string() };
export const candidateSchema = z.object({
  id: uuidSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  municipality: z.string(),
  summary: z.string(),
  /** Present only for roles that may see it (admin, advisor); null otherwise. */
  background: backgroundSchema.nullable(),
  languages: z.array(candidateLanguageSchema),
  education: z.array(educationSchema),
  experience: z.array(experienceSchema.extend({ occupationLabel: z.string() })),
  skills: z.array(z.object({ uri: z.string(), ...labelled })),
  drivingLicences: z.array(z.string()),
  certificates: z.array(certificateSchema),
  jobWishes: jobWishesSchema.extend({ occupations: z.array(z.object({ uri: z.string(), ...labelled })) }),
  availableFrom: z.string().nullable(),
  status: z.enum(candidateStatuses),
  advisor: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
  partnerOrganisation: z.string(),
  /** Erasure requested or consent withdrawn: hidden from matching, lists and employers. */
  processingRestricted: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const candidateListItemSchema = z.object({
  id: uuidSchema,
  firstName: z.string(),
  lastName: z.string(),
  municipality: z.string(),
  status: z.enum(candidateStatuses),
  norwegianLevel: cefrSchema.nullable(),
  occupations: z.array(z.object({ uri: z.string(), ...labelled })),
  advisor: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
  updatedAt: z.string(),
});

export const candidateListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
  /** Free text over name, e-mail and phone. */
  q: textSchema(120).optional(),
  scope: z.enum(["mine", "all"]).default("all"),
  status: z.enum(candidateStatuses).optional(),
  advisorUserId: uuidSchema.optional(),
  occupationUri: occupationUriSchema.optional(),
  skillUri: skillUriSchema.optional(),
  /** At least this level of Norwegian (lowest of the four sub-skills). */
  norwegianLevel: cefrSchema.optional(),
  educationLevel: z.enum(educationLevels).optional(),
  drivingLicence: z.enum(drivingLicenceClasses).optional(),
  municipality: textSchema(80).optional(),
  sort: z.enum(["name", "updated"]).default("updated"),
  lang: z.enum(["nb", "en"]).optional(),
});

/** Why a person's record is read; written to the access log with every read of one candidate. */
export const accessPurposes = ["follow_up", "mapping", "matching", "cv", "placement", "statistics", "export", "candidate_request", "employer_view"] as const;
export const candidateReadQuerySchema = z.strictObject({
  purpose: z.enum(accessPurposes).default("follow_up"),
  lang: z.enum(["nb", "en"]).optional(),
});

/** POST /candidates: `confirmNotDuplicate=true` creates the candidate even when it looks like a duplicate. */
export const candidateCreateQuerySchema = z.strictObject({
  confirmNotDuplicate: z.enum(["true", "false"]).default("false"),
  lang: z.enum(["nb", "en"]).optional(),
});

/** One possible duplicate, in the 409 possible_duplicate problem's `duplicates`. */
export const duplicateMatchSchema = z.object({
  id: uuidSchema,
  firstName: z.string(),
  lastName: z.string(),
  reasons: z.array(z.enum(["email", "phone", "name_birth_year"])),
});

export const mergeRequestSchema = z.strictObject({ duplicateId: uuidSchema });

/** Shown with every note form and returned with every note list: notes are read by colleagues. */
export const noteWarning = {
  nb: "Ikke skriv helseopplysninger eller andre sensitive opplysninger (religion, etnisitet, politisk syn, seksualitet, straffbare forhold) i notater.",
  en: "Do not write health details or other sensitive information (religion, ethnicity, political views, sexuality, criminal matters) in notes.",
} as const;
export const noteInputSchema = z.strictObject({ text: textSchema(5000).min(1) });
export const noteSchema = z.object({
  id: uuidSchema,
  text: z.string(),
  author: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
  createdAt: z.string(),
});
export const noteListSchema = z.object({ items: z.array(noteSchema), nextCursor: z.string().nullable(), warning: z.string() });

/** Documents: PDF, DOCX, PNG, JPEG, checked by their content; at most 10 MB. */
export const documentMaxBytes = 10 * 1024 * 1024;
export const documentContentTypes = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpeg: "image/jpeg",
} as const;
export const documentUploadQuerySchema = z.strictObject({ name: textSchema(200).min(1).refine((s) => !/[\\/]/.test(s), { error: "must be a file name without folders" }) });
export const documentSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: z.object({ userId: uuidSchema, name: z.string() }).nullable(),
  createdAt: z.string(),
});

export const accessLogEntrySchema = z.object({
  at: z.string(),
  /** The person or API token that read the record. */
  reader: z.object({ kind: z.enum(["user", "token", "system"]), id: z.string().nullable(), name: z.string(), role: z.string().nullable() }),
  purpose: z.string(),
});

export const importQuerySchema = z.strictObject({
  dryRun: z.enum(["true", "false"]).default("true"),
  skipInvalid: z.enum(["true", "false"]).default("false"),
});
export const importReportSchema = z.object({
  dryRun: z.boolean(),
  /** Rows read (empty rows not counted). */
  rows: z.number().int(),
  /** Rows imported (or that would be, in a dry run). */
  imported: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  unknownColumns: z.array(z.string()),
  /** Rows that look like a candidate already registered, or like an earlier row of the file (they are rejected). */
  duplicates: z.array(z.object({ line: z.number().int(), candidateId: uuidSchema.nullable(), reasons: z.array(z.string()) })),
  /** True when the candidates were written. */
  committed: z.boolean(),
});
export type ImportReport = z.infer<typeof importReportSchema>;
