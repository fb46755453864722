import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";

/*
 * Services and groups (issue 8; docs/decisions/022-services-events-timeline.md). Partners are the network's
 * partner organisations as records (the candidate's free-text partner_organisation stays as it is); a service
 * type names what a partner delivers; a service is one delivery to one candidate; a group meets over time with a
 * capacity, a waiting list in order, sessions and attendance.
 */

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const partners = pgTable(
  "partners",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    /** One of partnerKinds (src/shared/services.ts). */
    kind: text("kind").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("partners_tenant_name_idx").on(t.tenantId, sql`lower(${t.name})`)],
);

export const serviceTypes = pgTable(
  "service_types",
  {
    id: id(),
    tenantId: tenantId(),
    /** The default type's stable key; null for a type the network added. */
    key: text("key"),
    name: text("name").notNull(),
    defaultPartnerId: uuid("default_partner_id").references(() => partners.id, { onDelete: "set null" }),
    archived: boolean("archived").notNull().default(false),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("service_types_tenant_name_idx").on(t.tenantId, sql`lower(${t.name})`), uniqueIndex("service_types_tenant_key_idx").on(t.tenantId, t.key)],
);

/** One delivery of a service to one candidate (CV help on a date, by a partner and/or a user). */
export const candidateServices = pgTable(
  "candidate_services",
  {
    id: id(),
    tenantId: tenantId(),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    serviceTypeId: uuid("service_type_id")
      .notNull()
      .references(() => serviceTypes.id, { onDelete: "restrict" }),
    date: date("date", { mode: "string" }).notNull(),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "set null" }),
    deliveredByUserId: uuid("delivered_by_user_id").references(() => users.id, { onDelete: "set null" }),
    outcome: text("outcome").notNull().default(""),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("candidate_services_candidate_idx").on(t.tenantId, t.candidateId, t.date), index("candidate_services_tenant_date_idx").on(t.tenantId, t.date)],
);

export const serviceGroups = pgTable(
  "service_groups",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    serviceTypeId: uuid("service_type_id")
      .notNull()
      .references(() => serviceTypes.id, { onDelete: "restrict" }),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "set null" }),
    place: text("place").notNull().default(""),
    capacity: integer("capacity").notNull(),
    /** Hands out waiting-list places in order (the next place is this + 1), under the group's row lock. */
    lastQueuePosition: integer("last_queue_position").notNull().default(0),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("service_groups_tenant_idx").on(t.tenantId, t.createdAt)],
);

/**
 * A candidate in a group: a participant (active) or on the waiting list (waiting, ordered by queue_position).
 * Leaving deletes the row (the attendance already taken stays).
 */
export const groupParticipants = pgTable(
  "group_participants",
  {
    tenantId: tenantId(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => serviceGroups.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    /** active | waiting */
    status: text("status").notNull(),
    queuePosition: integer("queue_position").notNull(),
    joinedAt: at("joined_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.candidateId] }), index("group_participants_candidate_idx").on(t.tenantId, t.candidateId)],
);

export const groupSessions = pgTable(
  "group_sessions",
  {
    id: id(),
    tenantId: tenantId(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => serviceGroups.id, { onDelete: "cascade" }),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at"),
    note: text("note").notNull().default(""),
  },
  (t) => [index("group_sessions_group_idx").on(t.tenantId, t.groupId, t.startsAt), index("group_sessions_tenant_starts_idx").on(t.tenantId, t.startsAt)],
);

/** Attendance at one session, marked at the door; one row per candidate per session, changed on every tap. */
export const groupAttendance = pgTable(
  "group_attendance",
  {
    tenantId: tenantId(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => groupSessions.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    present: boolean("present").notNull(),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    recordedAt: at("recorded_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.candidateId] }), index("group_attendance_candidate_idx").on(t.tenantId, t.candidateId)],
);
