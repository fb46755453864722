import { z } from "zod";
import { textSchema, uuidSchema } from "./contracts.ts";
import { cefrSchema, educationLevels, occupationUriSchema, recognitionStatuses, skillUriSchema } from "./candidates.ts";
import { languageRequirementSchema, optionalWithoutDefaults } from "./jobs.ts";
import { matchResultSchema } from "./matching.ts";

/*
 * The trainee programme's recruitment (issue 7, recruitment half): the municipality's recruitment needs per unit,
 * candidate suggestions under the programme's rule (higher education), the shortlist with interviews, scores on
 * the network's criteria, and the decision. Shared by the server (validation, OpenAPI) and the web app.
 */

/** The municipality's areas with recruitment needs (the seed names IT, property, technical, digitalisation). */
export const traineeAreas = ["it", "property", "technical", "digitalisation", "finance", "administration", "health", "education", "other"] as const;
export const needStatuses = ["open", "filled", "closed"] as const;
/** The programme asks for higher education: bachelor or above. */
export const higherEducationLevels = ["bachelor", "master", "phd"] as const;
export const isHigherEducation = (level: string | null | undefined) => level !== null && level !== undefined && (higherEducationLevels as readonly string[]).includes(level);

/** A shortlist entry's way: shortlisted → interview scheduled → interviewed → accepted / rejected. */
export const shortlistStatuses = ["shortlisted", "interview_scheduled", "interviewed", "accepted", "rejected"] as const;
export type ShortlistStatus = (typeof shortlistStatuses)[number];
export const decisions = ["accepted", "rejected"] as const;
/** Statuses a person moves an entry between by hand; accepted and rejected come only with a decision and its reason. */
export const openShortlistStatuses = ["shortlisted", "interview_scheduled", "interviewed"] as const;

export const scoreMin = 1;
export const scoreMax = 5;

/** The programme's interview criteria when a network has not set its own (from the seed: competence, motivation, Norwegian, cooperation). */
export const defaultInterviewCriteria = [
  { key: "competence", labelNb: "Faglig kompetanse", labelEn: "Professional competence" },
  { key: "motivation", labelNb: "Motivasjon", labelEn: "Motivation" },
  { key: "norwegian", labelNb: "Norskferdigheter", labelEn: "Norwegian" },
  { key: "cooperation", labelNb: "Samarbeid", labelEn: "Cooperation" },
  { key: "potential", labelNb: "Potensial i stillingen", labelEn: "Potential in the position" },
] as const;

const langQuery = { lang: z.enum(["nb", "en"]).optional() };
const labelledUri = z.object({ uri: z.string(), label: z.string() });
const userRef = z.object({ userId: uuidSchema, name: z.string() });

// ---------------------------------------------------------------------------------------------------------
// Recruitment needs
// ---------------------------------------------------------------------------------------------------------

export const needInputSchema = z.strictObject({
  unitName: textSchema(160).min(1),
  area: z.enum(traineeAreas),
  title: textSchema(200).min(1),
  description: textSchema(5000).default(""),
  occupationUri: occupationUriSchema,
  essentialSkillUris: z.array(skillUriSchema).max(60).default([]),
  optionalSkillUris: z.array(skillUriSchema).max(60).default([]),
  /** The lowest education level asked for; the programme asks for higher education. */
  educationLevel: z.enum(higherEducationLevels).default("bachelor"),
  educationField: textSchema(160).default(""),
  languages: z.array(languageRequirementSchema).max(10).default([]),
  /** How many trainees the unit takes. */
  positions: z.number().int().min(1).max(50).default(1),
  startDate: z.iso.date().nullable().default(null),
  /** The position the trainee may be offered after the programme. */
  offeredPosition: textSchema(200).default(""),
  status: z.enum(needStatuses).default("open"),
});
export type NeedInput = z.infer<typeof needInputSchema>;
/** PATCH: any subset; omitted fields stay as they are (no defaults filled in). */
export const needUpdateSchema = z.strictObject(optionalWithoutDefaults(needInputSchema.shape));
export type NeedUpdate = z.infer<typeof needUpdateSchema>;

export const needSchema = z.object({
  id: uuidSchema,
  unitName: z.string(),
  area: z.enum(traineeAreas),
  title: z.string(),
  description: z.string(),
  occupation: labelledUri,
  essentialSkills: z.array(labelledUri),
  optionalSkills: z.array(labelledUri),
  educationLevel: z.enum(higherEducationLevels),
  educationField: z.string(),
  languages: z.array(languageRequirementSchema),
  positions: z.number().int(),
  startDate: z.string().nullable(),
  offeredPosition: z.string(),
  status: z.enum(needStatuses),
  /** Shortlist entries per status. */
  shortlistCounts: z.record(z.string(), z.number().int()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Need = z.infer<typeof needSchema>;

export const needListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(needStatuses).optional(),
  area: z.enum(traineeAreas).optional(),
  /** Words of the title or unit (each must occur). */
  q: z.string().trim().max(200).optional(),
  ...langQuery,
});
export const needReadQuerySchema = z.strictObject(langQuery);

// ---------------------------------------------------------------------------------------------------------
// Suggestions: the matching engine with the programme's rule
// ---------------------------------------------------------------------------------------------------------

export const needMatchesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Also candidates without higher education, marked not eligible, after the others. */
  includeIneligible: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  ...langQuery,
});

/** What the programme looks at beside the score: the highest education, its recognition in Norway, Norwegian. */
export const programmeFitSchema = z.object({
  /** Bachelor or above: the programme's rule. */
  higherEducation: z.boolean(),
  education: z.object({ level: z.enum(educationLevels), field: z.string(), recognition: z.enum(recognitionStatuses) }).nullable(),
  /** Lowest of the four Norwegian sub-skills; null when not all are known. */
  norwegianLevel: cefrSchema.nullable(),
});
export type ProgrammeFit = z.infer<typeof programmeFitSchema>;

export const needMatchSchema = matchResultSchema.extend({
  candidate: z.object({ id: z.string(), name: z.string(), municipality: z.string() }),
  programme: programmeFitSchema,
  /** Where the candidate already is on the need's shortlist. */
  entry: z.object({ id: z.string(), status: z.enum(shortlistStatuses) }).nullable(),
});
export type NeedMatch = z.infer<typeof needMatchSchema>;
export const needMatchListSchema = z.object({
  engineVersion: z.string(),
  /** The logged ranking (match_logs). */
  rankingId: z.string(),
  suggestion: z.literal(true),
  items: z.array(needMatchSchema),
});

// ---------------------------------------------------------------------------------------------------------
// Shortlist, interviews, decision
// ---------------------------------------------------------------------------------------------------------

export const shortlistAddSchema = z.strictObject({
  candidateId: uuidSchema,
  /** The score shown when the candidate was added from the suggestions (0–1). */
  matchScore: z.number().min(0).max(1).nullable().default(null),
});
export const shortlistMoveSchema = z.strictObject({ status: z.enum(openShortlistStatuses) });
export const decisionInputSchema = z.strictObject({
  decision: z.enum(decisions),
  /** Why: required, kept in the audit trail. */
  reason: textSchema(2000).min(1, { error: "give the reason for the decision" }),
});

export const interviewInputSchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(10).max(480).default(60),
  place: textSchema(200).default(""),
  videoLink: z
    .url({ protocol: /^https$/, error: "must be an https link" })
    .max(500)
    .nullable()
    .default(null),
  /** The network's hr, admin or advisor users who interview. */
  interviewerUserIds: z.array(uuidSchema).min(1, { error: "choose at least one interviewer" }).max(10),
  /** Send the interviewers an e-mail invitation (over the network's mail, or its outbox). */
  notify: z.boolean().default(false),
});
export type InterviewInput = z.infer<typeof interviewInputSchema>;

export const interviewSchema = z.object({
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  place: z.string(),
  videoLink: z.string().nullable(),
  interviewers: z.array(userRef),
  invitedAt: z.string().nullable(),
});

export const shortlistEntrySchema = z.object({
  id: uuidSchema,
  needId: uuidSchema,
  candidate: z.object({ id: uuidSchema, name: z.string() }),
  status: z.enum(shortlistStatuses),
  programme: programmeFitSchema,
  matchScore: z.number().nullable(),
  interview: interviewSchema.nullable(),
  /** Score sheets handed in, and whether the reader has handed in one and is on the panel. */
  scoring: z.object({ submissions: z.number().int(), mineSubmitted: z.boolean(), onPanel: z.boolean() }),
  decision: z.object({ decision: z.enum(decisions), reason: z.string(), at: z.string(), by: userRef.nullable() }).nullable(),
  addedBy: userRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ShortlistEntry = z.infer<typeof shortlistEntrySchema>;
export const shortlistSchema = z.object({ items: z.array(shortlistEntrySchema) });

// ---------------------------------------------------------------------------------------------------------
// Interview criteria and scores
// ---------------------------------------------------------------------------------------------------------

export const criterionKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "must be 1–40 lowercase letters, digits or underscores, starting with a letter" });
export const criterionSchema = z.object({ key: z.string(), labelNb: z.string(), labelEn: z.string(), label: z.string() });
export const criteriaSchema = z.object({ items: z.array(criterionSchema) });
export const criteriaInputSchema = z.strictObject({
  criteria: z
    .array(z.strictObject({ key: criterionKeySchema, labelNb: textSchema(80).min(1), labelEn: textSchema(80).min(1) }))
    .min(1)
    .max(12),
});

export const scoreSheetInputSchema = z.strictObject({
  scores: z
    .array(z.strictObject({ criterion: criterionKeySchema, score: z.number().int().min(scoreMin).max(scoreMax), comment: textSchema(2000).default("") }))
    .min(1)
    .max(12),
  comment: textSchema(4000).default(""),
});
export type ScoreSheetInput = z.infer<typeof scoreSheetInputSchema>;

const scoreLine = z.object({ criterion: z.string(), score: z.number().int(), comment: z.string() });
export const scoreSheetSchema = z.object({ interviewer: userRef, submittedAt: z.string(), scores: z.array(scoreLine), comment: z.string() });

export const scoresSchema = z.object({
  criteria: z.array(criterionSchema),
  onPanel: z.boolean(),
  mineSubmitted: z.boolean(),
  /** Whether the reader sees the others' scores: after handing in their own, or as HR/admin outside the panel. */
  visible: z.boolean(),
  submissions: z.number().int(),
  mine: scoreSheetSchema.nullable(),
  /** Every sheet (the reader's too); empty unless visible. */
  sheets: z.array(scoreSheetSchema),
  /** Average per criterion over the sheets; empty unless visible. */
  summary: z.array(z.object({ criterion: z.string(), label: z.string(), average: z.number().nullable(), count: z.number().int() })),
});
export type Scores = z.infer<typeof scoresSchema>;

export const interviewerListSchema = z.object({ items: z.array(z.object({ userId: uuidSchema, name: z.string(), role: z.string() })) });
