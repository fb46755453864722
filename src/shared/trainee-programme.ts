import { z } from "zod";
import { uuidSchema } from "./contracts.ts";

/*
 * The trainee programme (issue 7, the programme half): the network's programme template, cohorts, trainees with
 * their individual plan, goals, evaluations, log, wage and subsidy, outcome, the overdue list and the programme
 * report. Pure helpers used by both sides live here too (the wage table). See docs/decisions/021-trainee-programme.md.
 */

const isoDate = z.iso.date({ error: "must be a date (YYYY-MM-DD)" });
const text = (max: number) => z.string().trim().max(max);

export const activityKinds = ["onboarding", "course", "norwegian", "goal", "feedback", "other"] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const planItemKinds = ["activity", "evaluation"] as const;

export const templateActivitySchema = z.strictObject({
  title: text(200).min(1),
  kind: z.enum(activityKinds),
  /** Days after the trainee's start (0 = the first day). */
  dayOffset: z.int().min(0).max(730),
});

export const templateSchema = z.object({
  activities: z.array(templateActivitySchema),
  /** Months after the start at which a structured evaluation is due. */
  evaluationMonths: z.array(z.int()),
  /** What an evaluation rates, each on the scale 1–5. */
  criteria: z.array(z.string()),
  /** Reminders go this many days before an item is due (0 = on the day). */
  reminderDaysBefore: z.array(z.int()),
  /** Months at 100 % wage subsidy from the start (the default subsidy period). */
  fullSubsidyMonths: z.int(),
  updatedAt: z.string().nullable(),
});
export type Template = z.infer<typeof templateSchema>;

export const templateInputSchema = z.strictObject({
  activities: z.array(templateActivitySchema).max(100),
  evaluationMonths: z
    .array(z.int().min(1).max(24))
    .min(1)
    .max(24)
    .refine((m) => new Set(m).size === m.length, { error: "must not repeat a month" }),
  criteria: z.array(text(120).min(1)).min(1).max(20),
  reminderDaysBefore: z
    .array(z.int().min(0).max(60))
    .max(5)
    .refine((d) => new Set(d).size === d.length, { error: "must not repeat a day" }),
  fullSubsidyMonths: z.int().min(0).max(12),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

/** The template a network has until HR changes it: the seed's programme (a year, evaluations at 1, 3, 6, 9, 12 months). */
export const defaultTemplate: TemplateInput = {
  activities: [
    { title: "Velkomst og introduksjon på enheten", kind: "onboarding", dayOffset: 0 },
    { title: "Tilgang til IT-systemer og HMS-opplæring", kind: "onboarding", dayOffset: 2 },
    { title: "Sette mål for traineeåret", kind: "goal", dayOffset: 14 },
    { title: "Oppstart norskopplæring (voksenopplæringen)", kind: "norwegian", dayOffset: 21 },
    { title: "Kurs: forvaltning og saksbehandling i kommunen", kind: "course", dayOffset: 45 },
    { title: "Tilbakemeldingssamtale", kind: "feedback", dayOffset: 60 },
    { title: "Tilbakemeldingssamtale", kind: "feedback", dayOffset: 135 },
    { title: "Gjennomgang av mål", kind: "goal", dayOffset: 180 },
    { title: "Tilbakemeldingssamtale", kind: "feedback", dayOffset: 225 },
    { title: "Tilbakemeldingssamtale", kind: "feedback", dayOffset: 315 },
  ],
  evaluationMonths: [1, 3, 6, 9, 12],
  criteria: ["Faglig kompetanse", "Samarbeid", "Kommunikasjon på norsk", "Selvstendighet", "Kjennskap til kommunen"],
  reminderDaysBefore: [7, 0],
  fullSubsidyMonths: 3,
};

// ---------------------------------------------------------------------------------------------------------
// Cohorts
// ---------------------------------------------------------------------------------------------------------

export const cohortInputSchema = z.strictObject({ name: text(120).min(1), startDate: isoDate, area: text(120).default("") });
export const cohortPatchSchema = cohortInputSchema.partial();
export const cohortSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  startDate: z.string(),
  area: z.string(),
  trainees: z.int(),
  createdAt: z.string(),
});
export type Cohort = z.infer<typeof cohortSchema>;

// ---------------------------------------------------------------------------------------------------------
// Trainees
// ---------------------------------------------------------------------------------------------------------

export const traineeStatuses = ["active", "completed", "left"] as const;
export const outcomes = ["offered", "qualified_no_position", "not_qualified", "left_early"] as const;
export type Outcome = (typeof outcomes)[number];

export const subsidyPeriodSchema = z.strictObject({ from: isoDate, to: isoDate, percent: z.int().min(0).max(100) });
export type SubsidyPeriod = z.infer<typeof subsidyPeriodSchema>;

export const traineeInputSchema = z.strictObject({
  cohortId: uuidSchema,
  candidateId: uuidSchema,
  supervisorUserId: uuidSchema,
  /** The recruitment need the candidate was accepted for (trainee recruitment), if the trainee comes from one. */
  recruitmentNeedId: uuidSchema.optional(),
  unit: text(160).min(1),
  area: text(120).default(""),
  /** Defaults to the cohort's start. */
  startDate: isoDate.optional(),
  /** Defaults to a year after the start (the day before the anniversary). */
  endDate: isoDate.optional(),
  /** Monthly salary in øre. */
  monthlySalaryOre: z.int().min(0).max(100_000_000).default(0),
  /** Defaults to 100 % for the template's first months. */
  subsidyPeriods: z.array(subsidyPeriodSchema).max(24).optional(),
});
export type TraineeInput = z.infer<typeof traineeInputSchema>;

export const traineePatchSchema = z.strictObject({
  supervisorUserId: uuidSchema.optional(),
  unit: text(160).min(1).optional(),
  area: text(120).optional(),
  endDate: isoDate.optional(),
  monthlySalaryOre: z.int().min(0).max(100_000_000).optional(),
  subsidyPeriods: z.array(subsidyPeriodSchema).max(24).optional(),
});

export const outcomeInputSchema = z.discriminatedUnion("outcome", [
  z.strictObject({ outcome: z.literal("offered"), position: text(200).min(1), positionFrom: isoDate, permanent: z.boolean().default(true), note: text(2000).default("") }),
  z.strictObject({ outcome: z.literal("qualified_no_position"), note: text(2000).default("") }),
  z.strictObject({ outcome: z.literal("not_qualified"), note: text(2000).default("") }),
  z.strictObject({ outcome: z.literal("left_early"), leftOn: isoDate, reason: text(2000).min(1), note: text(2000).default("") }),
]);
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;

const person = z.object({ id: uuidSchema, name: z.string() });

export const traineeListItemSchema = z.object({
  id: uuidSchema,
  cohortId: uuidSchema,
  cohortName: z.string(),
  candidate: person.nullable(),
  supervisor: person.nullable(),
  unit: z.string(),
  area: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(traineeStatuses),
  outcome: z.enum(outcomes).nullable(),
  overdueItems: z.int(),
  nextItem: z.object({ title: z.string(), dueOn: z.string() }).nullable(),
});
export type TraineeListItem = z.infer<typeof traineeListItemSchema>;

export const planItemSchema = z.object({
  id: uuidSchema,
  kind: z.enum(planItemKinds),
  activityKind: z.enum(activityKinds).nullable(),
  title: z.string(),
  dueOn: z.string(),
  evaluationMonth: z.int().nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

export const goalStatuses = ["not_started", "in_progress", "achieved", "dropped"] as const;
export const goalInputSchema = z.strictObject({
  title: text(200).min(1),
  progress: z.int().min(0).max(100).default(0),
  status: z.enum(goalStatuses).default("not_started"),
  notes: text(4000).default(""),
});
export const goalPatchSchema = z.strictObject({
  title: text(200).min(1).optional(),
  progress: z.int().min(0).max(100).optional(),
  status: z.enum(goalStatuses).optional(),
  notes: text(4000).optional(),
});
export const goalSchema = z.object({ id: uuidSchema, title: z.string(), progress: z.int(), status: z.enum(goalStatuses), notes: z.string(), updatedAt: z.string() });
export type TraineeGoal = z.infer<typeof goalSchema>;

export const evaluationKinds = ["supervisor", "self"] as const;
export type EvaluationKind = (typeof evaluationKinds)[number];
export const ratingSchema = z.strictObject({ criterion: text(120).min(1), score: z.int().min(1).max(5) });
export const evaluationInputSchema = z.strictObject({
  kind: z.enum(evaluationKinds),
  month: z.int().min(1).max(24),
  ratings: z.array(ratingSchema).min(1).max(20),
  comment: text(8000).default(""),
});
export const evaluationPatchSchema = z.strictObject({ ratings: z.array(ratingSchema).min(1).max(20).optional(), comment: text(8000).optional() });
export const evaluationSchema = z.object({
  id: uuidSchema,
  kind: z.enum(evaluationKinds),
  month: z.int(),
  ratings: z.array(z.object({ criterion: z.string(), score: z.int() })),
  comment: z.string(),
  author: person.nullable(),
  mine: z.boolean(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const logInputSchema = z.strictObject({ occurredOn: isoDate, text: text(4000).min(1) });
export const logEntrySchema = z.object({ id: uuidSchema, occurredOn: z.string(), text: z.string(), author: person.nullable(), createdAt: z.string() });

export const wageMonthSchema = z.object({
  month: z.string(),
  days: z.int(),
  daysInMonth: z.int(),
  salaryOre: z.int(),
  subsidyOre: z.int(),
  costOre: z.int(),
});
export type WageMonth = z.infer<typeof wageMonthSchema>;
export const wageSchema = z.object({
  monthlySalaryOre: z.int(),
  subsidyPeriods: z.array(subsidyPeriodSchema),
  months: z.array(wageMonthSchema),
  totals: z.object({ salaryOre: z.int(), subsidyOre: z.int(), costOre: z.int() }),
});

export const traineeOutcomeSchema = z.object({
  outcome: z.enum(outcomes),
  position: z.string().nullable(),
  positionFrom: z.string().nullable(),
  leftOn: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string(),
  placementId: uuidSchema.nullable(),
  recordedAt: z.string(),
});

export const traineeSchema = traineeListItemSchema.extend({
  recruitmentNeedId: uuidSchema.nullable(),
  plan: z.array(planItemSchema),
  goals: z.array(goalSchema),
  evaluations: z.array(evaluationSchema),
  log: z.array(logEntrySchema),
  /** Null for supervisors: pay is HR's. */
  wage: wageSchema.nullable(),
  outcomeDetails: traineeOutcomeSchema.nullable(),
  criteria: z.array(z.string()),
  evaluationMonths: z.array(z.int()),
  /** What the caller may do (the server checks again). */
  can: z.object({ manage: z.boolean(), evaluate: z.boolean() }),
});
export type Trainee = z.infer<typeof traineeSchema>;

export const traineeListQuerySchema = z.strictObject({ cohortId: uuidSchema.optional() });
export const planItemPatchSchema = z.strictObject({ done: z.boolean() });

export const overdueItemSchema = z.object({
  id: uuidSchema,
  traineeId: uuidSchema,
  traineeName: z.string(),
  supervisor: z.string().nullable(),
  kind: z.enum(planItemKinds),
  title: z.string(),
  dueOn: z.string(),
  daysOverdue: z.int(),
});

// ---------------------------------------------------------------------------------------------------------
// Units and the report
// ---------------------------------------------------------------------------------------------------------

export const unitFiguresSchema = z.strictObject({
  unit: text(160).min(1),
  employeesBefore: z.int().min(0).max(1_000_000).nullable(),
  immigrantsBefore: z.int().min(0).max(1_000_000).nullable(),
  employeesAfter: z.int().min(0).max(1_000_000).nullable(),
  immigrantsAfter: z.int().min(0).max(1_000_000).nullable(),
});
export type UnitFigures = z.infer<typeof unitFiguresSchema>;
export const unitFiguresListSchema = z.object({ items: z.array(unitFiguresSchema) });

const publishedCount = z.object({ key: z.string(), count: z.int().nullable(), suppression: z.enum(["under_5", "suppressed"]).nullable() });
const publishedTable = z.object({ cells: z.array(publishedCount), total: z.int().nullable(), totalSuppressed: z.boolean() });

export const programmeReportSchema = z.object({
  cohorts: z.array(z.object({ name: z.string(), startDate: z.string(), trainees: publishedCount })),
  byStatus: publishedTable,
  byArea: publishedTable,
  outcomes: publishedTable,
  /** Evaluations due so far (supervisor's): published by the due date, later, or not yet. */
  evaluations: publishedTable,
  /** Share published on time, from the published cells (null when a cell is hidden or none is due). */
  evaluationsOnTimeShare: z.number().nullable(),
  /** Null when fewer than five trainees are counted: one person's pay would show. */
  money: z.object({ salaryOre: z.int(), subsidyOre: z.int(), costOre: z.int() }).nullable(),
  units: z.object({
    units: z.int(),
    employeesBefore: z.int(),
    immigrantsBefore: publishedCount,
    employeesAfter: z.int(),
    immigrantsAfter: publishedCount,
    shareBefore: z.number().nullable(),
    shareAfter: z.number().nullable(),
  }),
});
export type ProgrammeReport = z.infer<typeof programmeReportSchema>;

// ---------------------------------------------------------------------------------------------------------
// Wage and subsidy arithmetic (pure; the server's wage table and the report use it)
// ---------------------------------------------------------------------------------------------------------

/** a × b / c rounded half up, exactly (bigint), for non-negative integers. */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c <= 0) return 0;
  const num = BigInt(a) * BigInt(b) * 2n + BigInt(c);
  return Number(num / (BigInt(c) * 2n));
}

const daysInMonthOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/**
 * The wage table: for every calendar month from start to end, the salary (prorated by the days employed that
 * month out of the month's days), the NAV subsidy (the salary's share by each day's subsidy percentage) and the
 * cost to the unit (salary − subsidy). Each figure is rounded half up to a whole øre once per month, from exact
 * integers: salary = round(monthly × days / daysInMonth); subsidy = round(monthly × Σ percent over the days /
 * (100 × daysInMonth)). A full month at 100 % is thus subsidised to the øre; totals are sums of the months.
 * Where periods overlap, the later period in the list wins for those days.
 */
export function wageTable(input: { startDate: string; endDate: string; monthlySalaryOre: number; subsidyPeriods: readonly SubsidyPeriod[] }) {
  const months: WageMonth[] = [];
  if (input.endDate < input.startDate) return { months, totals: { salaryOre: 0, subsidyOre: 0, costOre: 0 } };
  const start = dayNumber(input.startDate);
  const end = dayNumber(input.endDate);
  const periods = input.subsidyPeriods.map((p) => ({ from: dayNumber(p.from), to: dayNumber(p.to), percent: p.percent }));
  let [year, month] = input.startDate.split("-").map(Number) as [number, number];
  for (;;) {
    const first = dayNumber(`${year}-${String(month).padStart(2, "0")}-01`);
    if (first > end) break;
    const dim = daysInMonthOf(year, month);
    const last = first + dim - 1;
    const from = Math.max(first, start);
    const to = Math.min(last, end);
    let days = 0;
    let percentDays = 0;
    for (let day = from; day <= to; day++) {
      days++;
      let percent = 0;
      for (const p of periods) if (day >= p.from && day <= p.to) percent = p.percent;
      percentDays += percent;
    }
    const salaryOre = mulDivRound(input.monthlySalaryOre, days, dim);
    const subsidyOre = Math.min(salaryOre, mulDivRound(input.monthlySalaryOre, percentDays, 100 * dim));
    months.push({ month: `${year}-${String(month).padStart(2, "0")}`, days, daysInMonth: dim, salaryOre, subsidyOre, costOre: salaryOre - subsidyOre });
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  const totals = months.reduce((sum, m) => ({ salaryOre: sum.salaryOre + m.salaryOre, subsidyOre: sum.subsidyOre + m.subsidyOre, costOre: sum.costOre + m.costOre }), { salaryOre: 0, subsidyOre: 0, costOre: 0 });
  return { months, totals };
}
