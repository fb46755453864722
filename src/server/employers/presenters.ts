import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import { placements } from "../placements/tables.ts";
import { userNames } from "../candidates/service.ts";
import { employerCertificates, employerStatusChanges } from "./tables.ts";
import { contactsOf } from "./service.ts";
import type { EmployerListRow, EmployerRow } from "./service.ts";
import type { ActivityRow } from "./activities.ts";
import { osloDate } from "../platform/dates.ts";
import type {
  MembershipStatus,
  activitySchema,
  certificateSchema,
  contactSchema,
  employerListItemSchema,
  employerPortalSchema,
  employerSchema,
  taskSchema,
} from "../../shared/employers.ts";
import type { NaceSection } from "../../shared/nace.ts";

/*
 * Rows → response shapes. Never return raw rows. `internal: false` (viewers) blanks the internal notes and the
 * notes on status changes; the portal's view (employer users) leaves out every internal field.
 */

export type EmployerView = z.infer<typeof employerSchema>;
type CertificateView = z.infer<typeof certificateSchema>;
type ContactView = z.infer<typeof contactSchema>;

export function presentCertificate(row: typeof employerCertificates.$inferSelect, today = osloDate()): CertificateView {
  return {
    id: row.id,
    kind: row.kind as CertificateView["kind"],
    code: row.code,
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
    state: row.revokedAt ? "revoked" : row.validUntil < today ? "expired" : "valid",
  };
}

const presentContact = (row: Awaited<ReturnType<typeof contactsOf>>[number]): ContactView => ({
  id: row.id,
  name: row.name,
  role: row.role,
  email: row.email,
  phone: row.phone,
  access: row.access,
});

export async function hiresOf(db: Db, employerId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(placements).where(eq(placements.employerId, employerId));
  return Number(row?.n ?? 0);
}

async function detailsOf(db: Db, row: EmployerRow) {
  const contacts = await contactsOf(db, row.tenantId, [row.id]);
  const history = await db
    .select()
    .from(employerStatusChanges)
    .where(and(eq(employerStatusChanges.tenantId, row.tenantId), eq(employerStatusChanges.employerId, row.id)))
    .orderBy(asc(employerStatusChanges.changedAt), asc(employerStatusChanges.id));
  const certificates = await db
    .select()
    .from(employerCertificates)
    .where(and(eq(employerCertificates.tenantId, row.tenantId), eq(employerCertificates.employerId, row.id)))
    .orderBy(desc(employerCertificates.issuedAt), desc(employerCertificates.id));
  return { contacts, history, certificates, hires: await hiresOf(db, row.id) };
}

export async function presentEmployer(db: Db, row: EmployerRow, options: { internal: boolean }): Promise<EmployerView> {
  const { contacts, history, certificates, hires } = await detailsOf(db, row);
  const names = await userNames(db, history.map((h) => h.changedByUserId));
  const today = osloDate();
  return {
    id: row.id,
    orgNumber: row.orgNumber,
    name: row.name,
    naceCode: row.naceCode,
    naceSection: row.naceSection as NaceSection | null,
    sizeBand: row.sizeBand as EmployerView["sizeBand"],
    municipality: row.municipality,
    address: row.address,
    postalCode: row.postalCode,
    postalPlace: row.postalPlace,
    website: row.website,
    tags: row.tags,
    notes: options.internal ? row.notes : "",
    publicListing: row.publicListing,
    membershipStatus: row.membershipStatus as MembershipStatus,
    membershipStatusChangedAt: row.membershipStatusChangedAt.toISOString(),
    lastContactAt: row.lastContactAt?.toISOString() ?? null,
    hires,
    contacts: contacts.map(presentContact),
    statusHistory: history.map((h) => ({
      from: h.fromStatus as MembershipStatus | null,
      to: h.toStatus as MembershipStatus,
      changedAt: h.changedAt.toISOString(),
      by: h.changedByUserId ? { userId: h.changedByUserId, name: names.get(h.changedByUserId) ?? "" } : null,
      note: options.internal ? h.note : "",
    })),
    certificates: certificates.map((c) => presentCertificate(c, today)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentListItem(row: EmployerListRow): z.infer<typeof employerListItemSchema> {
  return {
    id: row.id,
    orgNumber: row.orgNumber,
    name: row.name,
    naceCode: row.naceCode,
    naceSection: row.naceSection as NaceSection | null,
    municipality: row.municipality,
    tags: row.tags,
    membershipStatus: row.membershipStatus as MembershipStatus,
    lastContactAt: row.lastContactAt?.toISOString() ?? null,
    hires: row.hires,
    nextFollowUpOn: row.nextFollowUpOn,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The employer portal: the company's own record without internal fields. */
export async function presentPortal(db: Db, row: EmployerRow): Promise<z.infer<typeof employerPortalSchema>> {
  const { contacts, history, certificates, hires } = await detailsOf(db, row);
  const today = osloDate();
  return {
    employer: {
      id: row.id,
      orgNumber: row.orgNumber,
      name: row.name,
      naceCode: row.naceCode,
      naceSection: row.naceSection as NaceSection | null,
      sizeBand: row.sizeBand as EmployerView["sizeBand"],
      municipality: row.municipality,
      address: row.address,
      postalCode: row.postalCode,
      postalPlace: row.postalPlace,
      website: row.website,
      publicListing: row.publicListing,
      membershipStatus: row.membershipStatus as MembershipStatus,
      membershipStatusChangedAt: row.membershipStatusChangedAt.toISOString(),
      hires,
      contacts: contacts.map(presentContact),
      statusHistory: history.map((h) => ({ from: h.fromStatus as MembershipStatus | null, to: h.toStatus as MembershipStatus, changedAt: h.changedAt.toISOString() })),
    },
    certificates: certificates.map((c) => presentCertificate(c, today)),
  };
}

export function presentActivity(names: Map<string, string>) {
  return (row: ActivityRow): z.infer<typeof activitySchema> => ({
    id: row.id,
    kind: row.kind as z.infer<typeof activitySchema>["kind"],
    occurredOn: row.occurredOn,
    summary: row.summary,
    author: row.authorUserId ? { userId: row.authorUserId, name: names.get(row.authorUserId) ?? "" } : null,
    followUp:
      row.followUpDueOn !== null
        ? {
            text: row.followUpText ?? "",
            dueOn: row.followUpDueOn,
            assignee: row.followUpAssigneeUserId ? { userId: row.followUpAssigneeUserId, name: names.get(row.followUpAssigneeUserId) ?? "" } : null,
            doneAt: row.followUpDoneAt?.toISOString() ?? null,
          }
        : null,
    createdAt: row.createdAt.toISOString(),
  });
}

export const namesInActivities = (db: Db, rows: ActivityRow[]) => userNames(db, rows.flatMap((r) => [r.authorUserId, r.followUpAssigneeUserId]));

export function presentTask(row: { activity: ActivityRow; employerName: string }, today = osloDate()): z.infer<typeof taskSchema> {
  const a = row.activity;
  return {
    activityId: a.id,
    employer: { id: a.employerId, name: row.employerName },
    text: a.followUpText ?? "",
    dueOn: a.followUpDueOn!,
    overdue: a.followUpDoneAt === null && a.followUpDueOn! < today,
    doneAt: a.followUpDoneAt?.toISOString() ?? null,
  };
}
