import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";

/**
 * A network's goal (issue 6): "1000 immigrants in work within 3 years" (kind deadline) or "200 refugees in work
 * practice every year" (kind yearly: the target per calendar year). What counts: placement types, optionally only
 * candidates of one partner organisation. Counted when read, so a change re-counts history.
 */
export const goals = pgTable(
  "goals",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** deadline | yearly */
    kind: text("kind").notNull(),
    target: integer("target").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Required for kind deadline (after the start date), null for yearly. */
    deadline: date("deadline", { mode: "string" }),
    placementTypes: jsonb("placement_types").$type<string[]>().notNull(),
    partnerOrganisation: text("partner_organisation"),
    programme: text("programme"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("goals_tenant_idx").on(t.tenantId, t.createdAt)],
);
