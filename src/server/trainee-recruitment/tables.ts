import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import type { NeedInput } from "../../shared/trainee-recruitment.ts";

/*
 * The trainee programme's recruitment (issue 7): the municipality's needs per unit, a shortlist per need (one entry
 * per candidate) with its interview, the interviewers' score sheets, and the network's interview criteria.
 * docs/decisions/020-trainee-recruitment.md.
 */

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const traineeNeeds = pgTable(
  "trainee_needs",
  {
    id: id(),
    tenantId: tenantId(),
    unitName: text("unit_name").notNull(),
    area: text("area").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    occupationUri: text("occupation_uri").notNull(),
    essentialSkillUris: text("essential_skill_uris").array().notNull().default(sql`'{}'::text[]`),
    optionalSkillUris: text("optional_skill_uris").array().notNull().default(sql`'{}'::text[]`),
    educationLevel: text("education_level").notNull().default("bachelor"),
    educationField: text("education_field").notNull().default(""),
    languages: jsonb("languages").$type<NeedInput["languages"]>().notNull().default([]),
    positions: integer("positions").notNull().default(1),
    startDate: date("start_date", { mode: "string" }),
    offeredPosition: text("offered_position").notNull().default(""),
    status: text("status").notNull().default("open"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [index("trainee_needs_tenant_created_idx").on(t.tenantId, t.createdAt, t.id)],
);

export const traineeShortlistEntries = pgTable(
  "trainee_shortlist_entries",
  {
    id: id(),
    tenantId: tenantId(),
    needId: uuid("need_id")
      .notNull()
      .references(() => traineeNeeds.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    /** shortlisted | interview_scheduled | interviewed | accepted | rejected */
    status: text("status").notNull().default("shortlisted"),
    /** The score shown when added from the suggestions. */
    matchScore: real("match_score"),
    decisionReason: text("decision_reason"),
    decidedAt: at("decided_at"),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    addedByUserId: uuid("added_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("trainee_shortlist_need_candidate_idx").on(t.tenantId, t.needId, t.candidateId), index("trainee_shortlist_candidate_idx").on(t.tenantId, t.candidateId)],
);

/** The interview of a shortlist entry (one; rescheduling changes it). */
export const traineeInterviews = pgTable(
  "trainee_interviews",
  {
    id: id(),
    tenantId: tenantId(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => traineeShortlistEntries.id, { onDelete: "cascade" }),
    startsAt: at("starts_at").notNull(),
    durationMinutes: smallint("duration_minutes").notNull().default(60),
    place: text("place").notNull().default(""),
    videoLink: text("video_link"),
    /** Users of the network (hr, admin, advisor) on the panel. */
    interviewerUserIds: uuid("interviewer_user_ids").array().notNull(),
    invitedAt: at("invited_at"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("trainee_interviews_entry_idx").on(t.tenantId, t.entryId)],
);

/** One interviewer's scores for one entry, handed in once: what the others see only after handing in their own. */
export const traineeScoreSheets = pgTable(
  "trainee_score_sheets",
  {
    id: id(),
    tenantId: tenantId(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => traineeShortlistEntries.id, { onDelete: "cascade" }),
    interviewerUserId: uuid("interviewer_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scores: jsonb("scores").$type<{ criterion: string; score: number; comment: string }[]>().notNull(),
    comment: text("comment").notNull().default(""),
    submittedAt: at("submitted_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("trainee_score_sheets_entry_interviewer_idx").on(t.tenantId, t.entryId, t.interviewerUserId)],
);

/** The network's interview criteria, as data (defaults in shared/trainee-recruitment.ts). */
export const traineeInterviewCriteria = pgTable(
  "trainee_interview_criteria",
  {
    tenantId: tenantId(),
    key: text("key").notNull(),
    labelNb: text("label_nb").notNull(),
    labelEn: text("label_en").notNull(),
    position: smallint("position").notNull(),
  },
  (t) => [uniqueIndex("trainee_interview_criteria_key_idx").on(t.tenantId, t.key)],
);
