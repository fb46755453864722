import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";

/*
 * Privacy rights (issue 9, ADR 025): the network's retention settings, the anonymised residue of erased
 * candidates, and the durable schedule of the retention job.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** How long the network keeps what. One row per network; a network without a row uses the defaults. */
export const retentionSettings = pgTable("retention_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => networks.id, { onDelete: "cascade" }),
  /** Days from an erasure request to its execution (time to undo a mistake, finish a placement's paperwork). */
  erasureDelayDays: integer("erasure_delay_days").notNull().default(30),
  /** Candidates with no activity for this many months are anonymised. */
  inactiveMonths: integer("inactive_months").notNull().default(24),
  /** Access-log entries older than this many months are deleted. */
  accessLogMonths: integer("access_log_months").notNull().default(60),
  /** Outbox messages older than this many days are deleted. */
  outboxDays: integer("outbox_days").notNull().default(90),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/**
 * What is left of an erased candidate for statistics: no candidate id, no name, no exact date, no creation time
 * (rows are identified by a random id only), so a row cannot be linked back to the person.
 */
export const anonymisedOutcomes = pgTable(
  "anonymised_outcomes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    /** The year of the latest placement's start, or of registration when never placed. */
    year: smallint("year").notNull(),
    /** One of ageBands (src/shared/reports.ts), at that year. */
    ageBand: text("age_band").notNull(),
    gender: text("gender").notNull(),
    /** One of regions (src/shared/regions.ts): never the country. */
    region: text("region").notNull(),
    /** The latest placement's type, or "no_placement". */
    outcome: text("outcome").notNull(),
  },
  (t) => [index("anonymised_outcomes_tenant_year_idx").on(t.tenantId, t.year)],
);

/**
 * Durable schedule of installation-wide jobs (the retention job): when each runs next and who holds it now. The
 * next run is read from here, never from memory, so a restart neither skips nor repeats a run; a lease that runs
 * out (a crashed process) lets another process take the job over.
 */
export const scheduledJobs = pgTable("scheduled_jobs", {
  name: text("name").primaryKey(),
  nextRunAt: at("next_run_at").notNull(),
  leaseUntil: at("lease_until"),
  leaseOwner: text("lease_owner"),
  lastStartedAt: at("last_started_at"),
  lastFinishedAt: at("last_finished_at"),
  /** Counts only, never personal data. */
  lastResult: jsonb("last_result"),
});
