import { sql } from "drizzle-orm";
import { boolean, date, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { candidateConsents } from "../jobs/tables.ts";

/*
 * Mentoring (issue 8): volunteer mentors, their signed confidentiality declarations, mentor–mentee relationships
 * and the meetings logged in them. What a mentor may see is decided at read time (service.ts): the current
 * declaration signed, the relationship theirs, the mentee's mentoring consent valid, and not more than 12 weeks
 * after the relationship's end. See docs/decisions/023-mentoring-access.md.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" });

export const mentors = pgTable(
  "mentors",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: tenantId(),
    /** The mentor's login (a membership with the role mentor); linked by e-mail on the mentor's first visit. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** Lower-case. */
    email: text("email").notNull(),
    phone: text("phone").notNull().default(""),
    organisation: text("organisation").notNull().default(""),
    /** NACE section letter (src/shared/nace.ts). */
    industry: text("industry"),
    occupationUri: text("occupation_uri"),
    /** ISO 639 codes. */
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    municipality: text("municipality").notNull().default(""),
    capacity: smallint("capacity").notNull().default(1),
    availability: text("availability").notNull().default(""),
    active: boolean("active").notNull().default(true),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("mentors_tenant_email_idx").on(t.tenantId, t.email), index("mentors_tenant_user_idx").on(t.tenantId, t.userId), index("mentors_tenant_name_idx").on(t.tenantId, t.name, t.id)],
);

/** A mentor's signature of a version of the confidentiality declaration (texts.ts). Append-only. */
export const mentorDeclarations = pgTable(
  "mentor_declarations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: tenantId(),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => mentors.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    signedAt: at("signed_at").notNull().defaultNow(),
    signedByUserId: uuid("signed_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("mentor_declarations_mentor_version_idx").on(t.mentorId, t.version)],
);

export const mentorships = pgTable(
  "mentorships",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: tenantId(),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => mentors.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    /** proposed | active | ended | declined */
    status: text("status").notNull().default("proposed"),
    goals: text("goals").notNull().default(""),
    /** The mentee fields the mentor may see (src/shared/mentoring.ts menteeFields), as the mentee agreed. */
    sharedFields: text("shared_fields").array().notNull().default(sql`'{}'::text[]`),
    proposedAt: at("proposed_at").notNull().defaultNow(),
    proposedByUserId: uuid("proposed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    mentorAcceptedAt: at("mentor_accepted_at"),
    menteeAcceptedAt: at("mentee_accepted_at"),
    /** The mentee's mentoring consent: withdrawing it ends the mentor's view at once. */
    consentId: uuid("consent_id").references(() => candidateConsents.id, { onDelete: "set null" }),
    startDate: date("start_date", { mode: "string" }),
    plannedEndDate: date("planned_end_date", { mode: "string" }),
    endedOn: date("ended_on", { mode: "string" }),
    /** completed | early | declined */
    endReason: text("end_reason"),
    mentorRating: smallint("mentor_rating"),
    mentorFeedback: text("mentor_feedback"),
    mentorFeedbackAt: at("mentor_feedback_at"),
    menteeRating: smallint("mentee_rating"),
    menteeFeedback: text("mentee_feedback"),
    menteeFeedbackAt: at("mentee_feedback_at"),
    /** The date (last meeting, or the start) the 4-week reminder was sent for: one reminder per quiet spell. */
    remindedFor: date("reminded_for", { mode: "string" }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("mentorships_tenant_status_idx").on(t.tenantId, t.status, t.startDate),
    index("mentorships_tenant_mentor_idx").on(t.tenantId, t.mentorId),
    index("mentorships_tenant_candidate_idx").on(t.tenantId, t.candidateId),
  ],
);

export const mentoringMeetings = pgTable(
  "mentoring_meetings",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: tenantId(),
    mentorshipId: uuid("mentorship_id")
      .notNull()
      .references(() => mentorships.id, { onDelete: "cascade" }),
    metOn: date("met_on", { mode: "string" }).notNull(),
    topics: text("topics").notNull(),
    nextStep: text("next_step").notNull().default(""),
    loggedByUserId: uuid("logged_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("mentoring_meetings_mentorship_idx").on(t.tenantId, t.mentorshipId, t.metOn)],
);
