import { sql } from "drizzle-orm";
import { date, index, pgTable, real, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";

/**
 * A hire through the network. Whether it counts toward the goal is decided at read time from the network's
 * goal placement types, so changing that setting re-counts history. The jobs issue adds the job and the follow-ups.
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
  },
  (t) => [
    index("placements_tenant_start_idx").on(t.tenantId, t.startDate),
    index("placements_tenant_employer_idx").on(t.tenantId, t.employerId, t.startDate),
    index("placements_tenant_candidate_idx").on(t.tenantId, t.candidateId),
  ],
);
