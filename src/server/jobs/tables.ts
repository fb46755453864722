import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import type { JobInput } from "../../shared/jobs.ts";

/*
 * Jobs and their candidate lists (issue 5). A job belongs to an employer or to a municipal unit. The candidate
 * list is one entry per (job, candidate) with its current stage; every stage change is kept.
 */

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    tenantId: tenantId(),
    employerId: uuid("employer_id").references(() => employers.id, { onDelete: "cascade" }),
    municipalUnit: text("municipal_unit").notNull().default(""),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    occupationUri: text("occupation_uri").notNull(),
    essentialSkillUris: text("essential_skill_uris").array().notNull().default(sql`'{}'::text[]`),
    optionalSkillUris: text("optional_skill_uris").array().notNull().default(sql`'{}'::text[]`),
    languages: jsonb("languages").$type<JobInput["languages"]>().notNull().default([]),
    educationLevel: text("education_level"),
    licences: jsonb("licences").$type<JobInput["licences"]>().notNull().default([]),
    location: text("location").notNull().default(""),
    municipality: text("municipality").notNull().default(""),
    extent: text("extent").notNull().default("full_time"),
    extentPercent: smallint("extent_percent"),
    type: text("type").notNull().default("permanent"),
    wageSubsidyPossible: boolean("wage_subsidy_possible").notNull().default(false),
    positions: integer("positions").notNull().default(1),
    startDate: date("start_date", { mode: "string" }),
    deadline: date("deadline", { mode: "string" }),
    status: text("status").notNull().default("open"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("jobs_tenant_updated_idx").on(t.tenantId, t.updatedAt, t.id),
    index("jobs_tenant_employer_idx").on(t.tenantId, t.employerId),
    index("jobs_tenant_status_idx").on(t.tenantId, t.status),
  ],
);

/** The network's candidate-list stages, as data: keys are stable, labels are the network's own. */
export const pipelineStages = pgTable(
  "pipeline_stages",
  {
    tenantId: tenantId(),
    key: text("key").notNull(),
    labelNb: text("label_nb").notNull(),
    labelEn: text("label_en").notNull(),
    position: smallint("position").notNull(),
    /** open | hired | closed: what the stage means for counting and for the employer's view. */
    meaning: text("meaning").notNull().default("open"),
  },
  (t) => [uniqueIndex("pipeline_stages_key_idx").on(t.tenantId, t.key)],
);

export const pipelineEntries = pgTable(
  "pipeline_entries",
  {
    id: id(),
    tenantId: tenantId(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    stage: text("stage").notNull(),
    /** What the employer sees: null (nothing), anonymous CV, or the full CV. Requires a valid consent. */
    sharedVariant: text("shared_variant"),
    sharedAt: at("shared_at"),
    /** interesting | not_interesting | hired, from the employer user. */
    employerResponse: text("employer_response"),
    employerRespondedAt: at("employer_responded_at"),
    /** The score when added from matches (for the fairness report). */
    matchScore: real("match_score"),
    addedByUserId: uuid("added_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pipeline_entries_job_candidate_idx").on(t.tenantId, t.jobId, t.candidateId), index("pipeline_entries_candidate_idx").on(t.tenantId, t.candidateId)],
);

export const pipelineStageChanges = pgTable(
  "pipeline_stage_changes",
  {
    id: id(),
    tenantId: tenantId(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => pipelineEntries.id, { onDelete: "cascade" }),
    fromStage: text("from_stage"),
    toStage: text("to_stage").notNull(),
    note: text("note").notNull().default(""),
    changedByUserId: uuid("changed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    changedAt: at("changed_at").notNull().defaultNow(),
  },
  (t) => [index("pipeline_stage_changes_entry_idx").on(t.tenantId, t.entryId, t.changedAt)],
);

/**
 * A candidate's consent for one purpose; for sharing, with a named employer for a named job. Withdrawal takes
 * effect at once (withdrawn_at); rows are never deleted while the candidate exists, so the history is provable.
 */
export const candidateConsents = pgTable(
  "candidate_consents",
  {
    id: id(),
    tenantId: tenantId(),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    employerId: uuid("employer_id").references(() => employers.id, { onDelete: "cascade" }),
    jobId: uuid("job_id").references(() => jobs.id, { onDelete: "cascade" }),
    /** The consent text's version the candidate agreed to. */
    textVersion: text("text_version").notNull(),
    /** in_person | by_link | portal */
    method: text("method").notNull(),
    givenAt: at("given_at").notNull().defaultNow(),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    withdrawnAt: at("withdrawn_at"),
  },
  (t) => [index("candidate_consents_candidate_idx").on(t.tenantId, t.candidateId, t.purpose)],
);

/** Every ranking shown to a user: who, when, for what, engine version, the ids and scores shown. Append-only. */
export const matchLogs = pgTable(
  "match_logs",
  {
    id: id(),
    // No foreign key, like the audit trail: the log outlives what it mentions and is never cascaded away.
    tenantId: uuid("tenant_id").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorTokenId: uuid("actor_token_id"),
    /** candidates_for_job | jobs_for_candidate */
    direction: text("direction").notNull(),
    subjectId: uuid("subject_id").notNull(),
    engineVersion: text("engine_version").notNull(),
    results: jsonb("results").$type<{ id: string; score: number }[]>().notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("match_logs_tenant_created_idx").on(t.tenantId, t.createdAt)],
);
