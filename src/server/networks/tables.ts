import { sql } from "drizzle-orm";
import { defaultPublicStats } from "../../shared/public-stats.ts";
import type { PublicStatsSettings } from "../../shared/public-stats.ts";
import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A network (tenant). Every tenant-owned table carries tenant_id referring to it. */
export const networks = pgTable("networks", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  municipality: text("municipality").notNull().default(""),
  themeColor: text("theme_color").notNull().default("#0062ba"),
  requireTwoFactorForAdmins: boolean("require_two_factor_for_admins").notNull().default(false),
  /** The network's main goal, e.g. 1000 people in work by a deadline. Goals get their own table in the reports issue. */
  goalTarget: integer("goal_target"),
  goalDeadline: date("goal_deadline"),
  goalPlacementTypes: jsonb("goal_placement_types").$type<string[]>().notNull().default(["ordinary_permanent", "ordinary_temporary"]),
  /** Estimated cost of one person outside work over a lifetime, NOK (the seed's 10 MNOK). */
  exclusionCostNok: integer("exclusion_cost_nok").notNull().default(10_000_000),
  /** Which headline figures the network publishes (public statistics, ADR 017); off until the network turns it on. */
  publicStats: jsonb("public_stats").$type<PublicStatsSettings>().notNull().default(defaultPublicStats),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
