import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import { candidateConsents, jobs } from "../jobs/tables.ts";

/*
 * The candidate portal (issue 10, ADR 030). A candidate user is linked to their record by candidates.user_id
 * (set when they accept a portal invitation, invitations.candidate_id). Consent requests are what a caseworker
 * asks and the candidate answers in the portal; the network's portal settings say what candidates may edit.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** One question to the candidate: "may we share your CV with this employer for this job?" */
export const portalConsentRequests = pgTable(
  "portal_consent_requests",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    /** pending | accepted | declined | cancelled */
    status: text("status").notNull().default("pending"),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
    requestedAt: at("requested_at").notNull().defaultNow(),
    answeredAt: at("answered_at"),
    /** The share consent a yes gave. */
    consentId: uuid("consent_id").references(() => candidateConsents.id, { onDelete: "set null" }),
  },
  (t) => [index("portal_consent_requests_candidate_idx").on(t.tenantId, t.candidateId, t.requestedAt)],
);

/** Per network: which parts of their profile candidates may edit in the portal (all by default, no row). */
export const portalSettings = pgTable("portal_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => networks.id, { onDelete: "cascade" }),
  editable: text("editable").array().notNull(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});
