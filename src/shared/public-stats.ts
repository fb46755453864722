import { z } from "zod";
import { countTableSchema, figureSchema, goalStatuses } from "./dashboard.ts";

/*
 * Public statistics and the cross-network view (issue 6). The network chooses which headline figures it publishes
 * (`publicStats` on the network, changed with `PATCH /api/v1/network`); `GET /api/public/networks/{slug}/stats`
 * serves them without sign-in (CORS-open, cached), and the embeddable page `/networks/{slug}/stats` shows them.
 * Instance administrators see every network side by side: `GET /api/v1/admin/networks/stats`. Aggregates only,
 * every count through the one suppression rule (src/server/reports/suppression.ts). See
 * docs/decisions/017-public-statistics.md.
 */

/** The headline figures a network may publish, in the order the public page shows them. */
export const publicStatsFigures = ["peopleInWork", "companies", "countries", "genderSplit", "occupationGroups", "industries"] as const;
export type PublicStatsFigure = (typeof publicStatsFigures)[number];

/** The network's choice: whether it publishes at all, and which figures. */
export const publicStatsSettingsSchema = z.object({
  enabled: z.boolean(),
  figures: z.array(z.enum(publicStatsFigures)).refine((figures) => new Set(figures).size === figures.length, { error: "must not name a figure twice" }),
});
export type PublicStatsSettings = z.infer<typeof publicStatsSettingsSchema>;

export const defaultPublicStats: PublicStatsSettings = { enabled: false, figures: [...publicStatsFigures] };

export const publicStatsParamsSchema = z.strictObject({ slug: z.string().max(80) });
export const publicStatsQuerySchema = z.strictObject({ lang: z.enum(["nb", "en"]).optional() });

/**
 * The published figures. A figure the network did not choose is absent. Counted over the network's whole history
 * (its first placement up to today, at most 20 years), with the dashboard's definitions: people in work are
 * distinct people with a placement in ordinary work (permanent or temporary); companies are distinct employers
 * with at least one placement; countries are the distinct countries of birth of the people placed; the gender
 * split counts the people placed; occupation groups and industries count placements.
 */
export const publicStatsSchema = z.object({
  network: z.object({ name: z.string(), slug: z.string(), themeColor: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  /** Counts of 1 to minimumGroupSize − 1 are published as "under 5" (count null, suppression "under_5"). */
  minimumGroupSize: z.number().int(),
  /** When the figures were counted (they are kept up to five minutes). */
  countedAt: z.string(),
  peopleInWork: figureSchema.optional(),
  companies: figureSchema.optional(),
  countries: figureSchema.optional(),
  genderSplit: countTableSchema.optional(),
  occupationGroups: countTableSchema.optional(),
  industries: countTableSchema.optional(),
});
export type PublicStats = z.infer<typeof publicStatsSchema>;

/** One network in the instance administrator's overview. */
export const networkStatsRowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  municipality: z.string(),
  /** Over the network's whole history, as on the public page. */
  peopleInWork: figureSchema,
  companies: figureSchema,
  /** Placements that started in the last 12 months (up to today). */
  placementsLast12Months: figureSchema,
  /** The main goal: the network's oldest active goal; null when it has none. */
  mainGoal: z
    .object({
      name: z.string(),
      target: z.number().int(),
      window: z.object({ from: z.string(), to: z.string() }),
      people: figureSchema,
      /** people / target, from the published figure (null when hidden). */
      share: z.number().nullable(),
      status: z.enum(goalStatuses).nullable(),
    })
    .nullable(),
  publicStatsEnabled: z.boolean(),
});
export const networkStatsListSchema = z.object({ items: z.array(networkStatsRowSchema), minimumGroupSize: z.number().int() });
export type NetworkStatsRow = z.infer<typeof networkStatsRowSchema>;
export type NetworkStatsList = z.infer<typeof networkStatsListSchema>;
