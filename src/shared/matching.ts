import { z } from "zod";
import { cefrSchema, languageSubSkills } from "./candidates.ts";

/*
 * The matching contract (issue 5), shared by the server (engine, routes, OpenAPI) and the web app: what a
 * ranked result looks like, why it ranks where it does (reasons) and what would close the gap (missing).
 * A ranking is a suggestion; a person decides.
 */

/** The soft criteria, in the order the engine adds them up and explains them. */
export const matchCriteria = ["skills", "occupation", "languages", "education", "location", "extent", "licences", "start"] as const;
export type MatchCriterion = (typeof matchCriteria)[number];

export const matchLangs = ["nb", "en"] as const;
export type MatchLang = (typeof matchLangs)[number];

/**
 * A language requirement as the engine reads it: e.g. Norwegian B1 oral is `{ code: "no", skills: ["listening",
 * "speaking"], level: "B1" }`. A job's form (jobs.ts, `subSkills`, empty meaning all four) maps onto it.
 */
export const matchLanguageRequirementSchema = z.strictObject({
  /** ISO 639-1; "no" for Norwegian (nb and nn count as no). */
  code: z.string().regex(/^[a-z]{2,3}$/, { error: "must be a language code such as no, en or ar" }),
  skills: z.array(z.enum(languageSubSkills)).min(1).max(4),
  level: cefrSchema,
});
export type LanguageRequirement = z.infer<typeof matchLanguageRequirementSchema>;

export const matchReasonSchema = z.object({
  criterion: z.enum(matchCriteria),
  /** The criterion's share of the score for this job (the weights of the criteria that apply add up to 1). */
  weight: z.number().min(0).max(1),
  /** How well the criterion is met, 0–1. */
  score: z.number().min(0).max(1),
  /** Readable, in the language asked for: "7 of 9 essential skills". */
  detail: z.string(),
});
export type MatchReason = z.infer<typeof matchReasonSchema>;

export const matchMissingSchema = z.object({
  criterion: z.enum(matchCriteria),
  /** Stable key of what is missing: `licence:B`, `skill:<ESCO URI>`, `language:no`, `education:bachelor`, `start`. */
  key: z.string(),
  /** Essential (required) or optional (preferred). */
  required: z.boolean(),
  /** Readable: "Driving licence B", "Norwegian B1 oral — has A2". */
  detail: z.string(),
});
export type MatchMissing = z.infer<typeof matchMissingSchema>;

export const matchResultSchema = z.object({
  /** The candidate's id (candidates for a job) or the job's id (jobs for a candidate). */
  id: z.string(),
  /** 0–1, rounded to 4 decimals. */
  score: z.number().min(0).max(1),
  /** False only when asked to include jobs the candidate cannot take yet (a required licence, a later start). */
  eligible: z.boolean(),
  reasons: z.array(matchReasonSchema),
  missing: z.array(matchMissingSchema),
});
export type MatchResult = z.infer<typeof matchResultSchema>;

export const matchListSchema = z.object({
  /** The engine's version (weights and rules); logged with every ranking shown. */
  engineVersion: z.string(),
  items: z.array(matchResultSchema),
});

// ---------------------------------------------------------------------------------------------------------
// The routes: GET /api/v1/jobs/{id}/matches and GET /api/v1/candidates/{id}/matches
// ---------------------------------------------------------------------------------------------------------

const langQuery = { lang: z.enum(matchLangs).optional() };

export const jobMatchesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  ...langQuery,
});

export const candidateMatchesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Also jobs the candidate cannot take yet (a required licence, a later start), after the others. */
  includeIneligible: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  ...langQuery,
});

/** Where a match already is on the job's candidate list, so the page shows "on the list" instead of "add". */
const listEntryRef = z.object({ id: z.string(), stage: z.string(), stageLabel: z.string() }).nullable();

/** A candidate suggested for a job: the engine's result with who it is. */
export const candidateMatchSchema = matchResultSchema.extend({
  candidate: z.object({ id: z.string(), name: z.string(), municipality: z.string() }),
  entry: listEntryRef,
});
export type CandidateMatch = z.infer<typeof candidateMatchSchema>;

/** A job suggested for a candidate: the engine's result with the job. */
export const jobMatchSchema = matchResultSchema.extend({
  job: z.object({
    id: z.string(),
    title: z.string(),
    employer: z.object({ id: z.string(), name: z.string() }).nullable(),
    municipalUnit: z.string(),
    municipality: z.string(),
    deadline: z.string().nullable(),
  }),
  entry: listEntryRef,
});
export type JobMatch = z.infer<typeof jobMatchSchema>;

const rankingMeta = {
  /** The engine's version (weights and rules). */
  engineVersion: z.string(),
  /** The id of the logged ranking (match_logs): every ranking shown to a user is kept. */
  rankingId: z.string(),
  /** Always true: a ranking is a suggestion; a person decides. The page says so. */
  suggestion: z.literal(true),
};
export const candidateMatchListSchema = z.object({ ...rankingMeta, items: z.array(candidateMatchSchema) });
export const jobMatchListSchema = z.object({ ...rankingMeta, items: z.array(jobMatchSchema) });
