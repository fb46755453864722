import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";

/*
 * The audit views' own tables (ADR 026). The audit trail and the access log they read live in platform/tables.ts.
 */

/**
 * Requests on /api answered 401 or 403: who (when known), which route pattern, method, status, reason code, when.
 * Never the body, query values, path values, tokens or cookies. tenant_id is null when the caller is unknown.
 * Bounded by retention (service.ts: deniedRetentionDays), written off the request path (denied.ts).
 */
export const deniedRequests = pgTable(
  "denied_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id").references(() => networks.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id"),
    actorTokenId: uuid("actor_token_id"),
    method: text("method").notNull(),
    route: text("route").notNull(),
    status: smallint("status").notNull(),
    code: text("code").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("denied_requests_tenant_at_idx").on(t.tenantId, t.at), index("denied_requests_at_idx").on(t.at)],
);

/** The network's threshold for unusual access: more than `maxProfiles` distinct people read within `windowMinutes`. */
export const auditSettings = pgTable("audit_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => networks.id, { onDelete: "cascade" }),
  maxProfiles: integer("max_profiles").notNull().default(50),
  windowMinutes: integer("window_minutes").notNull().default(10),
  /** Up to when the access log has been checked; the next check starts a window before it. */
  checkedUntil: timestamp("checked_until", { withTimezone: true, precision: 3 }),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * A flag of unusual access: one user (or API token) read more distinct people than the threshold within the
 * window. A burst that goes on extends its flag rather than raising a new one; the admins get one e-mail per flag.
 */
export const accessFlags = pgTable(
  "access_flags",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id"),
    actorTokenId: uuid("actor_token_id"),
    kind: text("kind").notNull().default("many_profiles"),
    firstAt: timestamp("first_at", { withTimezone: true, precision: 3 }).notNull(),
    lastAt: timestamp("last_at", { withTimezone: true, precision: 3 }).notNull(),
    /** The most distinct people read within one window of the burst. */
    profiles: integer("profiles").notNull(),
    maxProfiles: integer("max_profiles").notNull(),
    windowMinutes: integer("window_minutes").notNull(),
    notifiedAt: timestamp("notified_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("access_flags_tenant_created_idx").on(t.tenantId, t.createdAt)],
);
