import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import { jobs } from "../jobs/tables.ts";

/**
 * A hire through the network. Whether it counts toward the goal is decided at read time from the network's
 * goal placement types, so changing that setting re-counts history.
 */
export const placements = pgTable(
  "placements",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    /** Null after the candidate is erased: the placement survives as an anonymous count. */
    candidateId: uuid("candidate_id").references(() => candidates.id, { onDelete: "set null" }),
    employerId: uuid("employer_id").references(() => employers.id, { onDelete: "set null" }),
    /** The employer's or municipal unit's name as it was at the hire. */
    employerName: text("employer_name").notNull(),
    /** The job the hire came from, when it came through a candidate list. */
    jobId: uuid("job_id").references(() => jobs.id, { onDelete: "set null" }),
    occupationUri: text("occupation_uri"),
    /** One of placementTypes (src/shared/placements.ts). */
    type: text("type").notNull(),
    wageSubsidyPercent: smallint("wage_subsidy_percent"),
    subsidyFrom: date("subsidy_from", { mode: "string" }),
    subsidyTo: date("subsidy_to", { mode: "string" }),
    hoursPerWeek: real("hours_per_week"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /*
     * The person's background as the dashboard counts it, copied from candidate_backgrounds by triggers (migration
     * 0009; ADR 024) so that the report reads no other table per person. Null when unknown: no candidate, no
     * background, or the candidate asked to be erased. Never written by the application.
     */
    personGender: text("person_gender"),
    /** ISO 3166-1 alpha-2, upper case. */
    personCountry: text("person_country"),
    personBirthYear: integer("person_birth_year"),
  },
  (t) => [
    index("placements_tenant_start_idx").on(t.tenantId, t.startDate),
    index("placements_tenant_employer_idx").on(t.tenantId, t.employerId, t.startDate),
    index("placements_tenant_candidate_idx").on(t.tenantId, t.candidateId),
  ],
);

/** "Still employed?" at 3, 6 and 12 months after the start: a task until answered; retention comes from the answers. */
export const placementFollowUps = pgTable(
  "placement_follow_ups",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    placementId: uuid("placement_id")
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    months: smallint("months").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    stillEmployed: boolean("still_employed"),
    note: text("note").notNull().default(""),
    answeredAt: timestamp("answered_at", { withTimezone: true, precision: 3 }),
    answeredByUserId: uuid("answered_by_user_id").references(() => users.id, { onDelete: "set null" }),
    remindedAt: timestamp("reminded_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex("placement_follow_ups_placement_months_idx").on(t.placementId, t.months),
    index("placement_follow_ups_due_idx").on(t.tenantId, t.dueOn),
    /** Retention for a period (reports): the follow-ups at 3, 6 or 12 months falling due in a range. */
    index("placement_follow_ups_months_due_idx").on(t.tenantId, t.months, t.dueOn),
  ],
);
