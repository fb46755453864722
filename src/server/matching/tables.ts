import { sql } from "drizzle-orm";
import { bigint, bigserial, index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";

/*
 * The change feed that keeps every app instance's matching index current (docs/decisions/014-matching-index-sync.md).
 * Triggers write it (migration 0006): a row per changed candidate (insert, update, delete) and, for a change to
 * the taxonomy, a row with neither tenant nor candidate (every index is rebuilt). Rows carry the writing
 * transaction's id, so a reader that remembers its snapshot's xmin misses nothing committed late.
 */
export const matchingChanges = pgTable(
  "matching_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign keys: a deleted candidate's row must outlive it, so every instance drops it from its index.
    tenantId: uuid("tenant_id"),
    candidateId: uuid("candidate_id"),
    /** pg_current_xact_id() of the writing transaction (as bigint). */
    xid: bigint("xid", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("matching_changes_xid_idx").on(t.xid), index("matching_changes_created_idx").on(t.createdAt)],
);
