import { z } from "zod";
import { placementTypes } from "./placements.ts";

/*
 * Goals and the goal dashboard (issue 6). The server side: `GET/POST /api/v1/goals`, `PATCH/DELETE
 * /api/v1/goals/{id}`, `GET /api/v1/reports/dashboard`, and the exports `GET /api/v1/reports/dashboard/{table}.csv`
 * and `.xlsx`. Aggregates only: every count is published through the one suppression rule
 * (src/server/reports/suppression.ts): a cell of 1–4 shows as "under 5", a further cell is "suppressed" when a
 * total would reveal it. Shares are computed from published cells only. No ids or names of people, ever.
 * See docs/decisions/015-goals-and-dashboard.md.
 */

const uuid = z.uuid();

// ---------------------------------------------------------------------------------------------------------
// Goals
// ---------------------------------------------------------------------------------------------------------

/** deadline: `target` people from `startDate` to `deadline`. yearly: `target` people every calendar year from `startDate`. */
export const goalKinds = ["deadline", "yearly"] as const;
export type GoalKind = (typeof goalKinds)[number];

export const goalSchema = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(goalKinds),
  target: z.number().int(),
  startDate: z.string(),
  /** The last day of a deadline goal; null for a yearly goal. */
  deadline: z.string().nullable(),
  /** Placement types that count toward the goal. */
  placementTypes: z.array(z.enum(placementTypes)),
  /** Only candidates of this partner organisation count (candidates.partnerOrganisation); null: everyone. */
  partnerOrganisation: z.string().nullable(),
  /** A programme's name, as the network calls it (descriptive: placements do not record a programme yet). */
  programme: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Goal = z.infer<typeof goalSchema>;

const goalFields = {
  name: z.string().trim().min(1).max(200),
  target: z.number().int().min(1).max(10_000_000),
  startDate: z.iso.date(),
  deadline: z.iso.date().nullable(),
  placementTypes: z
    .array(z.enum(placementTypes))
    .min(1, { error: "must name at least one placement type" })
    .refine((types) => new Set(types).size === types.length, { error: "must not name a type twice" }),
  partnerOrganisation: z.string().trim().max(200).nullable(),
  programme: z.string().trim().max(200).nullable(),
  active: z.boolean(),
};

/**
 * A new goal. `kind: "deadline"` needs a `deadline` after `startDate`; `kind: "yearly"` has none (the target is
 * per calendar year). Checked by the server (400 with the field's path).
 */
export const goalInputSchema = z.strictObject({
  name: goalFields.name,
  kind: z.enum(goalKinds),
  target: goalFields.target,
  startDate: goalFields.startDate,
  deadline: goalFields.deadline.default(null),
  placementTypes: goalFields.placementTypes.default(["ordinary_permanent", "ordinary_temporary"]),
  partnerOrganisation: goalFields.partnerOrganisation.default(null),
  programme: goalFields.programme.default(null),
  active: goalFields.active.default(true),
});
export type GoalInput = z.infer<typeof goalInputSchema>;

/** A change: any of the fields; the merged goal is checked as a whole. */
export const goalPatchSchema = z.strictObject({
  name: goalFields.name.optional(),
  kind: z.enum(goalKinds).optional(),
  target: goalFields.target.optional(),
  startDate: goalFields.startDate.optional(),
  deadline: goalFields.deadline.optional(),
  placementTypes: goalFields.placementTypes.optional(),
  partnerOrganisation: goalFields.partnerOrganisation.optional(),
  programme: goalFields.programme.optional(),
  active: goalFields.active.optional(),
});
export type GoalPatch = z.infer<typeof goalPatchSchema>;

export const goalListQuerySchema = z.strictObject({
  /** Only active goals (true) or only inactive ones (false); default all. */
  active: z.enum(["true", "false"]).optional(),
});
export const goalListSchema = z.object({ items: z.array(goalSchema) });

// ---------------------------------------------------------------------------------------------------------
// Dashboard
// ---------------------------------------------------------------------------------------------------------

export const dashboardQuerySchema = z.strictObject({
  /** First day of the period (inclusive); default one year before `to`. */
  from: z.iso.date().optional(),
  /** Last day of the period (inclusive); default today (Norway). Goals are measured as of this day. */
  to: z.iso.date().optional(),
  /** Only candidates of this partner organisation (exact match). */
  partnerOrganisation: z.string().trim().min(1).max(200).optional(),
  /** Only this advisor's caseload (candidates whose advisor is this user). An advisor is always limited to their own. */
  advisorId: uuid.optional(),
  lang: z.enum(["nb", "en"]).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const suppressionSchema = z.enum(["under_5", "suppressed"]);
/** under_5: a count of 1–4 (exports write "under 5"); suppressed: hidden so that a total cannot reveal a small count (exports write "suppressed"). */
/** A single published figure: the count, or null with the reason it is hidden. */
export const figureSchema = z.object({ count: z.number().int().nullable(), suppression: suppressionSchema.nullable() });
export type Figure = z.infer<typeof figureSchema>;

/** The exportable tables, in the order the page shows them. Each is `GET /api/v1/reports/dashboard/{id}.csv|.xlsx`. */
export const dashboardTableIds = [
  "goals",
  "keyFigures",
  "placementsByMonth",
  "retention",
  "countryOfBirth",
  "regionOfBirth",
  "gender",
  "ageBand",
  "industry",
  "occupationGroup",
  "placementType",
] as const;
export type DashboardTableId = (typeof dashboardTableIds)[number];
/** The count tables (cells of people or placements that partition a total). */
export const countTableIds = ["placementsByMonth", "countryOfBirth", "regionOfBirth", "gender", "ageBand", "industry", "occupationGroup", "placementType"] as const;
export type CountTableId = (typeof countTableIds)[number];
export const dashboardExportFormats = ["csv", "xlsx"] as const;
export const dashboardExportFiles = dashboardTableIds.flatMap((id) => dashboardExportFormats.map((format) => `${id}.${format}` as const));

export const countCellSchema = z.object({
  /** Stable key: a country code, region, gender, age band, NACE section letter, ISCO-08 major group digit, placement type, month (YYYY-MM), or "other"/"unknown". */
  key: z.string(),
  label: z.string(),
  count: z.number().int().nullable(),
  suppression: suppressionSchema.nullable(),
  /** count / total, from published figures only (null when the cell or the total is hidden). */
  share: z.number().nullable(),
});
export type CountCell = z.infer<typeof countCellSchema>;

export const countTableSchema = z.object({
  id: z.enum(countTableIds),
  title: z.string(),
  /** people: distinct people placed in the period (a placement without a candidate is one person); placements: placements started in the period. */
  unit: z.enum(["people", "placements"]),
  cells: z.array(countCellSchema),
  /** The sum of all cells, or null when it had to be hidden. */
  total: z.number().int().nullable(),
  totalSuppressed: z.boolean(),
  /**
   * True when no cell can be shown: the total is known (from the headline figure) and hiding cells cannot keep a
   * small cell from being computed (e.g. five people in five different industries). Every cell is then "suppressed".
   */
  withheld: z.boolean(),
});
export type CountTable = z.infer<typeof countTableSchema>;

export const goalStatuses = ["not_started", "reached", "on_track", "behind", "missed"] as const;

export const goalProgressSchema = z.object({
  goal: goalSchema,
  /** The window counted now: a deadline goal's start to deadline; a yearly goal's calendar year (from the start date at the earliest). */
  window: z.object({ from: z.string(), to: z.string() }),
  /** Measured as of this day (the period's end, not after the window's end). */
  asOf: z.string(),
  /** Distinct people with a placement of a counting type in the window up to asOf (filters applied). */
  people: figureSchema,
  target: z.number().int(),
  /** people / target (null when people is hidden). */
  share: z.number().nullable(),
  /** The straight line from the window's start (0) to its end (target), read at asOf. */
  expectedByNow: z.number(),
  /** people − expectedByNow (null when people is hidden). */
  aheadBy: z.number().nullable(),
  forecast: z.object({
    /** Days of recent pace used (up to 90, not before the window's start). */
    paceDays: z.number().int(),
    /** People counted in those days. */
    recentPeople: figureSchema,
    /** People per day over paceDays (null when hidden). */
    pacePerDay: z.number().nullable(),
    /** people + pace × days left to the window's end (null when hidden). */
    projectedAtEnd: z.number().nullable(),
    /** The day the target is reached at the recent pace; null when already reached, never at this pace (zero pace, or after the window's end), or hidden. */
    projectedReachDate: z.string().nullable(),
  }),
  /** null when people is hidden. */
  status: z.enum(goalStatuses).nullable(),
});
export type GoalProgress = z.infer<typeof goalProgressSchema>;

export const retentionRowSchema = z.object({
  months: z.union([z.literal(3), z.literal(6), z.literal(12)]),
  /** Follow-ups answered, of placements started in the period. */
  answered: figureSchema,
  stillEmployed: figureSchema,
  notEmployed: figureSchema,
  /** stillEmployed / answered from published figures (null when hidden or none answered). */
  rate: z.number().nullable(),
});

export const dashboardSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  filters: z.object({
    partnerOrganisation: z.string().nullable(),
    advisorId: z.string().nullable(),
    /** True when the figures are an advisor's own caseload (forced for advisors). */
    caseload: z.boolean(),
  }),
  minimumGroupSize: z.number().int(),
  goals: z.array(goalProgressSchema),
  keyFigures: z.object({
    /** Distinct people with a placement that started in the period (any type). */
    peoplePlaced: figureSchema,
    /** Distinct people with ordinary paid work (permanent or temporary) that started in the period. */
    peopleInWork: figureSchema,
    placements: figureSchema,
    /** Distinct employers (the employer record, else the name) with at least one placement in the period. */
    companiesWithHire: figureSchema,
    /** Distinct countries of birth among the people placed. */
    countriesOfBirth: figureSchema,
    /** Youngest and oldest age band with published people placed (from the ageBand table's published cells). */
    ageRange: z.object({ from: z.string().nullable(), to: z.string().nullable(), label: z.string().nullable() }),
  }),
  /** Estimated value to society: people in work × the network's estimated lifetime cost of one person outside work. An estimate. */
  valueToSociety: z.object({
    peopleInWork: figureSchema,
    costPerPersonNok: z.number().int(),
    /** null when peopleInWork is hidden. */
    estimateNok: z.number().nullable(),
    isEstimate: z.literal(true),
    label: z.string(),
    assumption: z.string(),
  }),
  retention: z.array(retentionRowSchema),
  /** The count tables, in dashboardTableIds order (gender split, age bands, countries, ...). */
  tables: z.array(countTableSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const dashboardExportParamsSchema = z.strictObject({ file: z.enum(dashboardExportFiles as unknown as [string, ...string[]]) });
