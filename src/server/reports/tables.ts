import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";

/**
 * The version of a network's reporting data: raised by database triggers, at the commit of every transaction that
 * changes what the dashboard counts (placements, their follow-ups, an employer's industry, a candidate's partner
 * organisation, the taxonomy's occupation groups). ADR 031.
 */
export const reportDataVersions = pgTable("report_data_versions", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => networks.id, { onDelete: "cascade" }),
  version: bigint("version", { mode: "number" }).notNull().default(1),
});

/**
 * The dashboard's counts for the whole network, counted ahead of the read: one row per period and set of goals
 * (`key`), valid while `data_version` equals the network's version. Only aggregates (no person), computed by
 * the same statements as a live read; suppression and labels are applied when read. ADR 031.
 */
export const reportSnapshots = pgTable(
  "report_snapshots",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** The period the counts are for: the refresher counts it again when the data changes. */
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    dataVersion: bigint("data_version", { mode: "number" }).notNull(),
    counts: jsonb("counts").notNull(),
    countedAt: timestamp("counted_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Last read (at most hourly precision): snapshots nobody reads are neither refreshed nor kept. */
    readAt: timestamp("read_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), index("report_snapshots_read_idx").on(t.readAt)],
);
