import { z } from "zod";

/*
 * Reports (issue 5: the fairness report). Aggregates only; groups under five people are suppressed.
 */

export const minimumGroupSize = 5;
export const fairnessDimensions = ["gender", "ageBand", "region"] as const;
export const ageBands = ["under_18", "18-24", "25-34", "35-44", "45-54", "55+", "unknown"] as const;
export const fairnessMeasures = ["top10", "shared", "hired"] as const;
/** Shown instead of the size of a group under five people. */
export const underFive = "under 5" as const;
/** Shown instead of the size of a group hidden so that the totals cannot reveal a small group. */
export const suppressedSize = "suppressed" as const;

export const fairnessQuerySchema = z.strictObject({
  /** First day of the period (inclusive); default one year before `to`. */
  from: z.iso.date().optional(),
  /** Last day of the period (inclusive); default today. */
  to: z.iso.date().optional(),
  lang: z.enum(["nb", "en"]).optional(),
});

const measureSchema = z.object({
  /** Share of the group's members with the outcome in the period (0–1); null when suppressed. */
  rate: z.number().nullable(),
  /** The rate divided by the highest shown group's rate in the same dimension; null when suppressed or no group has the outcome. */
  ratio: z.number().nullable(),
  /** The four-fifths rule: the ratio is below 0.8. */
  belowFourFifths: z.boolean(),
});

export const fairnessGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  size: z.union([z.number().int(), z.literal(underFive), z.literal(suppressedSize)]),
  /** small_group: fewer than five people; complementary: hidden so that totals cannot reveal a small group. */
  suppressed: z.enum(["small_group", "complementary"]).nullable(),
  top10: measureSchema,
  shared: measureSchema,
  hired: measureSchema,
});

export const fairnessReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** Candidates of the network counted (not erased), or "under 5". */
  population: z.union([z.number().int(), z.literal(underFive)]),
  minimumGroupSize: z.number().int(),
  fourFifthsThreshold: z.number(),
  measures: z.object({ top10: z.string(), shared: z.string(), hired: z.string() }),
  dimensions: z.array(z.object({ dimension: z.enum(fairnessDimensions), groups: z.array(fairnessGroupSchema) })),
});
export type FairnessReport = z.infer<typeof fairnessReportSchema>;
