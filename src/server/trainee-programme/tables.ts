import { sql } from "drizzle-orm";
import { bigint, date, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { placements } from "../placements/tables.ts";
import { traineeNeeds } from "../trainee-recruitment/tables.ts";
import type { ActivityKind, SubsidyPeriod } from "../../shared/trainee-programme.ts";

/*
 * The trainee programme (issue 7, the programme half; ADR 021). A network's programme template; cohorts of
 * trainees; each trainee's individual plan generated from the template; goals, evaluations (private to the author
 * until published), a log; wage and subsidy; the outcome; HR's unit figures for the report.
 */

/** One per network; a network without a row uses the default template (shared/trainee-programme.ts). */
export const traineeTemplates = pgTable("trainee_templates", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => networks.id, { onDelete: "cascade" }),
  activities: jsonb("activities").$type<{ title: string; kind: ActivityKind; dayOffset: number }[]>().notNull(),
  evaluationMonths: jsonb("evaluation_months").$type<number[]>().notNull(),
  criteria: jsonb("criteria").$type<string[]>().notNull(),
  reminderDaysBefore: jsonb("reminder_days_before").$type<number[]>().notNull(),
  fullSubsidyMonths: smallint("full_subsidy_months").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const traineeCohorts = pgTable(
  "trainee_cohorts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    area: text("area").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("trainee_cohorts_tenant_start_idx").on(t.tenantId, t.startDate)],
);

export const trainees = pgTable(
  "trainees",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    cohortId: uuid("cohort_id")
      .notNull()
      .references(() => traineeCohorts.id, { onDelete: "cascade" }),
    /** Null after the candidate is erased: the trainee stays as an anonymous count in the report. */
    candidateId: uuid("candidate_id").references(() => candidates.id, { onDelete: "set null" }),
    /** The recruitment need the trainee was accepted for, when HR started the trainee from one. */
    recruitmentNeedId: uuid("recruitment_need_id").references(() => traineeNeeds.id, { onDelete: "set null" }),
    supervisorUserId: uuid("supervisor_user_id").references(() => users.id, { onDelete: "set null" }),
    unit: text("unit").notNull(),
    area: text("area").notNull().default(""),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    monthlySalaryOre: bigint("monthly_salary_ore", { mode: "number" }).notNull().default(0),
    subsidyPeriods: jsonb("subsidy_periods").$type<SubsidyPeriod[]>().notNull().default([]),
    /** active | completed | left */
    status: text("status").notNull().default("active"),
    /** offered | qualified_no_position | not_qualified | left_early */
    outcome: text("outcome"),
    outcomePosition: text("outcome_position"),
    outcomePositionFrom: date("outcome_position_from", { mode: "string" }),
    outcomeLeftOn: date("outcome_left_on", { mode: "string" }),
    outcomeReason: text("outcome_reason"),
    outcomeNote: text("outcome_note").notNull().default(""),
    outcomeAt: timestamp("outcome_at", { withTimezone: true, precision: 3 }),
    placementId: uuid("placement_id").references(() => placements.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("trainees_tenant_cohort_idx").on(t.tenantId, t.cohortId),
    index("trainees_tenant_supervisor_idx").on(t.tenantId, t.supervisorUserId),
  ],
);

/** The individual plan: activities at day offsets and evaluations at months from the start, generated from the template. */
export const traineePlanItems = pgTable(
  "trainee_plan_items",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    traineeId: uuid("trainee_id")
      .notNull()
      .references(() => trainees.id, { onDelete: "cascade" }),
    /** activity | evaluation */
    kind: text("kind").notNull(),
    activityKind: text("activity_kind"),
    title: text("title").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    evaluationMonth: smallint("evaluation_month"),
    doneAt: timestamp("done_at", { withTimezone: true, precision: 3 }),
    doneByUserId: uuid("done_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("trainee_plan_items_trainee_idx").on(t.traineeId, t.dueOn), index("trainee_plan_items_tenant_due_idx").on(t.tenantId, t.dueOn)],
);

/** One row per reminder sent (item × days before × recipient): the unique key is what makes reminders never go twice. */
export const traineePlanReminders = pgTable(
  "trainee_plan_reminders",
  {
    planItemId: uuid("plan_item_id")
      .notNull()
      .references(() => traineePlanItems.id, { onDelete: "cascade" }),
    daysBefore: smallint("days_before").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("trainee_plan_reminders_item_days_user_idx").on(t.planItemId, t.daysBefore, t.userId)],
);

export const traineeGoals = pgTable(
  "trainee_goals",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    traineeId: uuid("trainee_id")
      .notNull()
      .references(() => trainees.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    progress: smallint("progress").notNull().default(0),
    status: text("status").notNull().default("not_started"),
    notes: text("notes").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("trainee_goals_trainee_idx").on(t.traineeId)],
);

/** A structured evaluation; only its author sees it until published_at is set. */
export const traineeEvaluations = pgTable(
  "trainee_evaluations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    traineeId: uuid("trainee_id")
      .notNull()
      .references(() => trainees.id, { onDelete: "cascade" }),
    /** supervisor | self */
    kind: text("kind").notNull(),
    month: smallint("month").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    ratings: jsonb("ratings").$type<{ criterion: string; score: number }[]>().notNull(),
    comment: text("comment").notNull().default(""),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("trainee_evaluations_trainee_kind_month_idx").on(t.traineeId, t.kind, t.month)],
);

/** Observations between evaluations. */
export const traineeLogEntries = pgTable(
  "trainee_log_entries",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    traineeId: uuid("trainee_id")
      .notNull()
      .references(() => trainees.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("trainee_log_entries_trainee_idx").on(t.traineeId, t.occurredOn)],
);

/** HR's figures per municipal unit, before and after the programme: the share of immigrants among employees. */
export const traineeUnitFigures = pgTable(
  "trainee_unit_figures",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    unit: text("unit").notNull(),
    employeesBefore: bigint("employees_before", { mode: "number" }),
    immigrantsBefore: bigint("immigrants_before", { mode: "number" }),
    employeesAfter: bigint("employees_after", { mode: "number" }),
    immigrantsAfter: bigint("immigrants_after", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("trainee_unit_figures_tenant_unit_idx").on(t.tenantId, t.unit)],
);
