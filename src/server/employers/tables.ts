import { sql } from "drizzle-orm";
import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import type { CertificationRule } from "../../shared/employers.ts";

/*
 * The employer network (issue 4): employers and their contacts, the activity timeline (each activity may carry one
 * follow-up task), the membership status history, and certificates (membership and certification) with a public
 * verification code. Hires are placements (src/server/placements/).
 */

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const employers = pgTable(
  "employers",
  {
    id: id(),
    tenantId: tenantId(),
    /** Nine digits, check digit valid. Not unique: a coordinator may knowingly register a duplicate (confirmNotDuplicate). */
    orgNumber: text("org_number").notNull(),
    name: text("name").notNull(),
    /** lower(name) without accents, for search and sorting. */
    nameNorm: text("name_norm").notNull(),
    naceCode: text("nace_code"),
    naceSection: text("nace_section"),
    sizeBand: text("size_band").notNull().default("unknown"),
    municipality: text("municipality").notNull().default(""),
    address: text("address").notNull().default(""),
    postalCode: text("postal_code").notNull().default(""),
    postalPlace: text("postal_place").notNull().default(""),
    website: text("website").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    notes: text("notes").notNull().default(""),
    publicListing: boolean("public_listing").notNull().default(false),
    membershipStatus: text("membership_status").notNull().default("prospect"),
    membershipStatusChangedAt: at("membership_status_changed_at").notNull().defaultNow(),
    /** The latest activity's date, kept by the activity service for the "no contact for N days" filter. */
    lastContactAt: at("last_contact_at"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("employers_tenant_name_idx").on(t.tenantId, t.nameNorm, t.id),
    index("employers_tenant_updated_idx").on(t.tenantId, t.updatedAt, t.id),
    index("employers_tenant_org_idx").on(t.tenantId, t.orgNumber),
    index("employers_tenant_status_idx").on(t.tenantId, t.membershipStatus),
    index("employers_tenant_contact_idx").on(t.tenantId, t.lastContactAt),
    index("employers_tags_idx").using("gin", t.tags),
  ],
);

export const employerContacts = pgTable(
  "employer_contacts",
  {
    id: id(),
    tenantId: tenantId(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: text("role").notNull().default(""),
    email: text("email"),
    phone: text("phone"),
    /** Set when the contact accepts an invitation as an employer user: that user sees this employer only. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("employer_contacts_employer_idx").on(t.tenantId, t.employerId), index("employer_contacts_user_idx").on(t.tenantId, t.userId)],
);

/** The timeline: visits, calls, meetings, e-mails, events and notes; each may carry one follow-up task. */
export const employerActivities = pgTable(
  "employer_activities",
  {
    id: id(),
    tenantId: tenantId(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    summary: text("summary").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    followUpText: text("follow_up_text"),
    followUpDueOn: date("follow_up_due_on", { mode: "string" }),
    followUpAssigneeUserId: uuid("follow_up_assignee_user_id").references(() => users.id, { onDelete: "set null" }),
    followUpDoneAt: at("follow_up_done_at"),
    /** The reminder e-mail was sent (once per task). */
    followUpRemindedAt: at("follow_up_reminded_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("employer_activities_employer_idx").on(t.tenantId, t.employerId, t.occurredOn),
    index("employer_activities_task_idx").on(t.tenantId, t.followUpAssigneeUserId, t.followUpDueOn),
  ],
);

/** Every membership status change, with who and when. The first row is the status the employer was created with. */
export const employerStatusChanges = pgTable(
  "employer_status_changes",
  {
    id: id(),
    tenantId: tenantId(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    note: text("note").notNull().default(""),
    changedByUserId: uuid("changed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    changedAt: at("changed_at").notNull().defaultNow(),
  },
  (t) => [index("employer_status_changes_employer_idx").on(t.tenantId, t.employerId, t.changedAt)],
);

/** Membership certificates (medlemsbevis) and certifications, each with a public verification code. */
export const employerCertificates = pgTable(
  "employer_certificates",
  {
    id: id(),
    tenantId: tenantId(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    /** membership | certification */
    kind: text("kind").notNull(),
    /** Random, unguessable, printed on the PDF and in its QR code, e.g. "MF-7K2Q-9XWD-H3TP". */
    code: text("code").notNull(),
    issuedAt: at("issued_at").notNull().defaultNow(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    issuedByUserId: uuid("issued_by_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: at("revoked_at"),
    revokedReason: text("revoked_reason"),
  },
  (t) => [uniqueIndex("employer_certificates_code_idx").on(t.code), index("employer_certificates_employer_idx").on(t.tenantId, t.employerId)],
);

/** Per network: the certification rule. A missing row means the defaults. */
export const employerSettings = pgTable("employer_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => networks.id, { onDelete: "cascade" }),
  certificationRule: jsonb("certification_rule").$type<CertificationRule>().notNull(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** A user's named filter on a list page (employers, candidates), kept on the server so it follows the user. */
export const savedFilters = pgTable(
  "saved_filters",
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** employers | candidates */
    page: text("page").notNull(),
    name: text("name").notNull(),
    query: jsonb("query").$type<Record<string, string>>().notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("saved_filters_user_page_name_idx").on(t.tenantId, t.userId, t.page, t.name)],
);

