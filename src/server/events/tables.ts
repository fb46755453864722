import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "../networks/tables.ts";
import { users } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { employerContacts } from "../employers/tables.ts";
import { partners } from "../services/tables.ts";

/*
 * Events (issue 8): network meetings, job fairs, recruitment days, stands. Invitees are candidates or employers'
 * contacts; each has a status (invited → registered or declined), when the e-mail went out, and attendance.
 */

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => networks.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const events = pgTable(
  "events",
  {
    id: id(),
    tenantId: tenantId(),
    /** One of eventKinds (src/shared/events.ts). */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    place: text("place").notNull().default(""),
    interviewsAgreed: integer("interviews_agreed"),
    outcomeNotes: text("outcome_notes").notNull().default(""),
    /** Raised on every change that invitees should know about: the calendar file's SEQUENCE. */
    sequence: integer("sequence").notNull().default(0),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [index("events_tenant_starts_idx").on(t.tenantId, t.startsAt, t.id)],
);

export const eventPartners = pgTable(
  "event_partners",
  {
    tenantId: tenantId(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.partnerId] })],
);

export const eventInvitees = pgTable(
  "event_invitees",
  {
    id: id(),
    tenantId: tenantId(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** Exactly one of candidate and contact (checked by hand in the migration). */
    candidateId: uuid("candidate_id").references(() => candidates.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => employerContacts.id, { onDelete: "cascade" }),
    /** invited | registered | declined */
    status: text("status").notNull().default("invited"),
    invitedAt: at("invited_at"),
    attended: boolean("attended"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("event_invitees_candidate_idx").on(t.eventId, t.candidateId),
    uniqueIndex("event_invitees_contact_idx").on(t.eventId, t.contactId),
    index("event_invitees_tenant_candidate_idx").on(t.tenantId, t.candidateId),
  ],
);
