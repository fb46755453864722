import { sql } from "drizzle-orm";
import { customType, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import type { CandidateInput } from "../../shared/candidates.ts";

/*
 * The candidate registry (issue 3). See docs/decisions/008-candidate-model.md: the profile's lists (languages,
 * education, experience, certificates) are jsonb on the candidate, always read and written whole; the values the
 * list filters on are kept beside them in indexed columns (arrays with GIN indexes, levels as ranks), written by
 * the service from the same input. The background (statistics only) lives in its own table so that matching and
 * employer views never read it by accident.
 */

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const candidates = pgTable(
  "candidates",
  {
    id: id(),
    tenantId: tenantId(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    municipality: text("municipality").notNull().default(""),
    summary: text("summary").notNull().default(""),
    /** active | in_work | paused | left */
    status: text("status").notNull().default("active"),
    advisorUserId: uuid("advisor_user_id").references(() => users.id, { onDelete: "set null" }),
    partnerOrganisation: text("partner_organisation").notNull().default(""),
    availableFrom: date("available_from", { mode: "string" }),
    languages: jsonb("languages").$type<CandidateInput["languages"]>().notNull().default([]),
    education: jsonb("education").$type<CandidateInput["education"]>().notNull().default([]),
    experience: jsonb("experience").$type<CandidateInput["experience"]>().notNull().default([]),
    certificates: jsonb("certificates").$type<CandidateInput["certificates"]>().notNull().default([]),
    jobWishes: jsonb("job_wishes").$type<CandidateInput["jobWishes"]>().notNull().default({ occupationUris: [], municipalities: [], extent: "any" }),
    skillUris: text("skill_uris").array().notNull().default(sql`'{}'::text[]`),
    drivingLicences: text("driving_licences").array().notNull().default(sql`'{}'::text[]`),
    // Filter columns, derived from the lists above on every write.
    /** Occupations from experience and wishes. */
    occupationUris: text("occupation_uris").array().notNull().default(sql`'{}'::text[]`),
    /** Lowest of the four Norwegian sub-skills as a rank (A1 = 1 … C2 = 6); null when not all four are known. */
    norwegianRank: smallint("norwegian_rank"),
    /** Highest education level as a rank (none = 0 … phd = 8). */
    educationRank: smallint("education_rank"),
    /** lower("last first"), for sorting by name. */
    sortName: text("sort_name").notNull(),
    // Duplicate detection.
    emailNorm: text("email_norm"),
    phoneDigits: text("phone_digits"),
    /** Name without case, accents or extra spaces, "first last". */
    nameNorm: text("name_norm").notNull(),
    /** Candidates merged into this one: their access log stays under their old id. */
    mergedIds: uuid("merged_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** The candidate's own account (a later issue). */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** Consent withdrawn or erasure requested: hidden from lists, matching and employers. */
    processingRestrictedAt: timestamp("processing_restricted_at", { withTimezone: true, precision: 3 }),
    erasureRequestedAt: timestamp("erasure_requested_at", { withTimezone: true, precision: 3 }),
    /** The erasure carried out (privacy/retention.ts): personal data cleared, the row kept so counts stay. */
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("candidates_tenant_updated_idx").on(t.tenantId, t.updatedAt, t.id),
    index("candidates_tenant_name_idx").on(t.tenantId, t.sortName, t.id),
    /** With the id: a caseload's ids without reading the rows (reports). */
    index("candidates_tenant_advisor_idx").on(t.tenantId, t.advisorUserId, t.id),
    /** Reports filtered by partner organisation (the dashboard, goals of one partner). */
    index("candidates_tenant_partner_idx").on(t.tenantId, t.partnerOrganisation, t.id),
    index("candidates_tenant_status_idx").on(t.tenantId, t.status),
    index("candidates_tenant_municipality_idx").on(t.tenantId, t.municipality),
    index("candidates_tenant_norwegian_idx").on(t.tenantId, t.norwegianRank),
    index("candidates_tenant_education_idx").on(t.tenantId, t.educationRank),
    index("candidates_tenant_email_idx").on(t.tenantId, t.emailNorm),
    index("candidates_tenant_phone_idx").on(t.tenantId, t.phoneDigits),
    index("candidates_tenant_name_norm_idx").on(t.tenantId, t.nameNorm),
    index("candidates_occupations_idx").using("gin", t.occupationUris),
    index("candidates_skills_idx").using("gin", t.skillUris),
    index("candidates_licences_idx").using("gin", t.drivingLicences),
    /** The few who asked to be erased (reports leave their background out). */
    index("candidates_erasure_requested_idx")
      .on(t.tenantId, t.id)
      .where(sql`${t.erasureRequestedAt} is not null`),
  ],
);

/** Statistics only (country of birth, arrival year, gender, birth year). One row per candidate. */
export const candidateBackgrounds = pgTable(
  "candidate_backgrounds",
  {
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    tenantId: tenantId(),
    countryOfBirth: text("country_of_birth"),
    arrivalYear: integer("arrival_year"),
    gender: text("gender").notNull().default("unspecified"),
    birthYear: integer("birth_year"),
  },
  (t) => [primaryKey({ columns: [t.candidateId] }), index("candidate_backgrounds_tenant_idx").on(t.tenantId)],
);

export const candidateNotes = pgTable(
  "candidate_notes",
  {
    id: id(),
    tenantId: tenantId(),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("candidate_notes_candidate_idx").on(t.tenantId, t.candidateId, t.createdAt)],
);

export const candidateDocuments = pgTable(
  "candidate_documents",
  {
    id: id(),
    tenantId: tenantId(),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("candidate_documents_candidate_idx").on(t.tenantId, t.candidateId, t.createdAt)],
);
