import { and, arrayContains, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { AppContext } from "../platform/context.ts";
import type { Actor, AnyActor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { invitations } from "../users/tables.ts";
import { createInvitation, sendInvitationMail } from "../users/service.ts";
import { normaliseText } from "../candidates/derive.ts";
import { employerContacts, employerStatusChanges, employers } from "./tables.ts";
import { changeMembershipStatus } from "./membership.ts";
import { naceSectionOf } from "../../shared/nace.ts";
import type { EmployerInput, MembershipStatus, contactInputSchema, contactPatchSchema, employerListQuerySchema, employerPatchSchema } from "../../shared/employers.ts";

/*
 * The employer register: employers, their contacts and membership status. Every function filters by the actor's
 * network and records each change in the audit trail in the same transaction. Employers are businesses, and
 * their contacts business contacts: reads are not access-logged (ADR 009).
 */

export type EmployerRow = typeof employers.$inferSelect;
export type ContactRow = typeof employerContacts.$inferSelect;
export type EmployerPatch = z.infer<typeof employerPatchSchema>;
export type ContactInput = z.infer<typeof contactInputSchema>;
export type ContactPatch = z.infer<typeof contactPatchSchema>;
export type ListQuery = z.infer<typeof employerListQuerySchema>;

const entityType = "employer";

/** The stored columns of an employer's input (all but the status, which has its own route and history). */
function columnsOf(input: Omit<EmployerInput, "membershipStatus">) {
  return {
    orgNumber: input.orgNumber,
    name: input.name,
    nameNorm: normaliseText(input.name),
    naceCode: input.naceCode,
    naceSection: input.naceCode ? naceSectionOf(input.naceCode) : null,
    sizeBand: input.sizeBand,
    municipality: input.municipality,
    address: input.address,
    postalCode: input.postalCode,
    postalPlace: input.postalPlace,
    website: input.website,
    tags: [...new Set(input.tags)],
    notes: input.notes,
    publicListing: input.publicListing,
  };
}

/** A stored employer in the shape of the input. */
export function inputOf(row: EmployerRow): EmployerInput {
  return {
    orgNumber: row.orgNumber,
    name: row.name,
    naceCode: row.naceCode,
    sizeBand: row.sizeBand as EmployerInput["sizeBand"],
    municipality: row.municipality,
    address: row.address,
    postalCode: row.postalCode,
    postalPlace: row.postalPlace,
    website: row.website,
    tags: row.tags,
    notes: row.notes,
    publicListing: row.publicListing,
    membershipStatus: row.membershipStatus as MembershipStatus,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Duplicates, create, read, update, delete
// ---------------------------------------------------------------------------------------------------------

/** Employers of the network with this organisation number. */
export async function findEmployersByOrgNumber(db: Db, tenantId: string, orgNumber: string, excludeId?: string) {
  return db
    .select({ id: employers.id, name: employers.name, orgNumber: employers.orgNumber })
    .from(employers)
    .where(and(eq(employers.tenantId, tenantId), eq(employers.orgNumber, orgNumber), excludeId ? sql`${employers.id} <> ${excludeId}` : undefined))
    .orderBy(asc(employers.createdAt))
    .limit(20);
}

/**
 * Writes a new employer in the caller's transaction, without checks (the caller validated the input), with the
 * first row of its status history (from nothing to the status it starts with). Used by create, import and demo.
 */
export async function insertEmployer(tx: Db, actor: AnyActor, tenantId: string, input: EmployerInput, source: "api" | "import" | "demo" = "api", at = new Date()) {
  if (input.membershipStatus === "certified") throw new AppError("rule_broken", "An employer becomes certified by confirming a certification, which issues the certificate; register it as a member first.");
  const [row] = await tx
    .insert(employers)
    .values({ tenantId, ...columnsOf(input), membershipStatus: input.membershipStatus, membershipStatusChangedAt: at, createdAt: at, updatedAt: at })
    .returning();
  await tx.insert(employerStatusChanges).values({ tenantId, employerId: row!.id, fromStatus: null, toStatus: input.membershipStatus, changedByUserId: actor.userId ?? null, changedAt: at });
  await recordChange(tx, actor, { action: "employer.create", entityType, entityId: row!.id, tenantId, after: { orgNumber: input.orgNumber, status: input.membershipStatus, source } });
  return row!;
}

/** 409 possible_duplicate when another employer of the network has the organisation number. */
async function refuseDuplicate(db: Db, tenantId: string, orgNumber: string, excludeId?: string) {
  const duplicates = await findEmployersByOrgNumber(db, tenantId, orgNumber, excludeId);
  if (duplicates.length > 0) {
    throw new AppError("possible_duplicate", `An employer with organisation number ${orgNumber} is already registered in this network. Open it, or send again with ?confirmNotDuplicate=true.`, {
      extensions: { duplicates },
    });
  }
}

export async function createEmployer(db: Db, actor: Actor, input: EmployerInput, options: { confirmNotDuplicate: boolean }) {
  return db.transaction(async (tx) => {
    if (!options.confirmNotDuplicate) await refuseDuplicate(tx, actor.tenantId, input.orgNumber);
    return insertEmployer(tx, actor, actor.tenantId, input);
  });
}

export async function loadEmployer(db: Db, tenantId: string, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(employers).where(and(eq(employers.tenantId, tenantId), eq(employers.id, id))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The employer");
  return row;
}

/** Names of the fields whose value differs. */
function changedFields(before: EmployerInput, patch: EmployerPatch): string[] {
  return Object.entries(patch)
    .filter(([key, value]) => value !== undefined && JSON.stringify(before[key as keyof EmployerInput]) !== JSON.stringify(value))
    .map(([key]) => key);
}

export async function updateEmployer(db: Db, actor: Actor, id: string, patch: EmployerPatch, options: { confirmNotDuplicate: boolean } = { confirmNotDuplicate: false }) {
  return db.transaction(async (tx) => {
    const row = await loadEmployer(tx, actor.tenantId, id, { forUpdate: true });
    const before = inputOf(row);
    const fields = changedFields(before, patch);
    if (fields.length === 0) return row;
    if (fields.includes("orgNumber") && patch.orgNumber && !options.confirmNotDuplicate) await refuseDuplicate(tx, actor.tenantId, patch.orgNumber, id);
    const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) } as EmployerInput;
    const [after] = await tx
      .update(employers)
      .set({ ...columnsOf(merged), updatedAt: new Date() })
      .where(eq(employers.id, id))
      .returning();
    await recordChange(tx, actor, { action: "employer.update", entityType, entityId: id, before: { fields }, after: { fields } });
    return after!;
  });
}

/** Deletes an employer with its contacts, timeline, history and certificates; hires keep the employer's name. */
export async function deleteEmployer(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const row = await loadEmployer(tx, actor.tenantId, id, { forUpdate: true });
    const contactIds = (await tx.select({ id: employerContacts.id }).from(employerContacts).where(eq(employerContacts.employerId, id))).map((c) => c.id);
    if (contactIds.length > 0) await revokeContactInvitations(tx, actor.tenantId, contactIds);
    await tx.delete(employers).where(eq(employers.id, id));
    await recordChange(tx, actor, { action: "employer.delete", entityType, entityId: id, before: { orgNumber: row.orgNumber, name: row.name } });
  });
}

/** Moves the employer to another membership status (with history and audit), then returns the employer. */
export async function setEmployerStatus(db: Db, actor: Actor, id: string, change: { status: MembershipStatus; note: string }) {
  return db.transaction(async (tx) => {
    await changeMembershipStatus(tx, actor, id, { to: change.status, note: change.note });
    return loadEmployer(tx, actor.tenantId, id);
  });
}

// ---------------------------------------------------------------------------------------------------------
// List
// ---------------------------------------------------------------------------------------------------------

type ListCursor = { key: string | null; id: string };

/** The cursor of the page after `row` in the list sorted by `sort`. */
export function encodeListCursor(sort: ListQuery["sort"], row: EmployerRow): string {
  const key = sort === "name" ? row.nameNorm : sort === "updated" ? row.updatedAt.toISOString() : (row.lastContactAt?.toISOString() ?? null);
  return Buffer.from(JSON.stringify([sort, key, row.id])).toString("base64url");
}

function decodeListCursor(cursor: string | undefined, sort: ListQuery["sort"]): ListCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [cursorSort, key, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string | null, string];
    if (cursorSort !== sort || typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad cursor");
    if (sort === "name" && typeof key !== "string") throw new Error("bad cursor");
    if (sort !== "name" && key !== null && Number.isNaN(new Date(String(key)).getTime())) throw new Error("bad cursor");
    if (sort === "updated" && key === null) throw new Error("bad cursor");
    return { key, id };
  } catch {
    throw new AppError("validation_failed", "The cursor is not valid for this sort order; start again without it.", { errors: [{ path: "query.cursor", message: "is not valid" }] });
  }
}

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

// Correlated subqueries name the outer table in full: a bare column would resolve to the inner table.
const hiresOf = sql<number>`(select count(*)::int from placements p where p.employer_id = "employers"."id")`;
const nextFollowUpOf = sql<string | null>`(select min(a.follow_up_due_on)::text from employer_activities a where a.employer_id = "employers"."id" and a.follow_up_due_on is not null and a.follow_up_done_at is null)`;
const hasHired = sql`exists (select 1 from placements p where p.employer_id = "employers"."id")`;

export type EmployerListRow = EmployerRow & { hires: number; nextFollowUpOn: string | null };

/**
 * Employers of the network, filtered and sorted, with their hires and next open follow-up. Returns limit+1 rows.
 * Sorts: name (A–Z), updated (newest first), lastContact (longest without contact first; never contacted first).
 */
export async function listEmployers(db: Db, actor: Actor, query: ListQuery): Promise<EmployerListRow[]> {
  const conditions: (SQL | undefined)[] = [eq(employers.tenantId, actor.tenantId)];
  if (query.q) {
    for (const term of query.q.split(/\s+/).filter(Boolean)) {
      const digits = term.replace(/\D/g, "");
      conditions.push(
        or(
          sql`${employers.nameNorm} like ${`%${likeEscape(normaliseText(term))}%`}`,
          digits.length >= 3 && /^[\d\s.-]+$/.test(term) ? sql`${employers.orgNumber} like ${`%${digits}%`}` : undefined,
        ),
      );
    }
  }
  if (query.membershipStatus) conditions.push(eq(employers.membershipStatus, query.membershipStatus));
  if (query.naceSection) conditions.push(eq(employers.naceSection, query.naceSection));
  if (query.municipality) conditions.push(sql`lower(${employers.municipality}) = lower(${query.municipality})`);
  if (query.tag) conditions.push(arrayContains(employers.tags, [query.tag.toLowerCase()]));
  if (query.hasHired === "true") conditions.push(hasHired);
  if (query.hasHired === "false") conditions.push(sql`not ${hasHired}`);
  if (query.lastContactOlderThanDays !== undefined) {
    const before = new Date(Date.now() - query.lastContactOlderThanDays * 24 * 60 * 60 * 1000);
    conditions.push(or(isNull(employers.lastContactAt), lt(employers.lastContactAt, before)));
  }
  const cursor = decodeListCursor(query.cursor, query.sort);
  let order: SQL[];
  if (query.sort === "name") {
    if (cursor) conditions.push(or(gt(employers.nameNorm, cursor.key!), and(eq(employers.nameNorm, cursor.key!), gt(employers.id, cursor.id))));
    order = [asc(employers.nameNorm), asc(employers.id)];
  } else if (query.sort === "updated") {
    if (cursor) {
      const at = new Date(cursor.key!);
      conditions.push(or(lt(employers.updatedAt, at), and(eq(employers.updatedAt, at), lt(employers.id, cursor.id))));
    }
    order = [desc(employers.updatedAt), desc(employers.id)];
  } else {
    // Never contacted first, then the longest since the last contact.
    if (cursor && cursor.key === null) conditions.push(or(and(isNull(employers.lastContactAt), gt(employers.id, cursor.id)), isNotNull(employers.lastContactAt)));
    if (cursor && cursor.key !== null) {
      const at = new Date(cursor.key);
      conditions.push(or(gt(employers.lastContactAt, at), and(eq(employers.lastContactAt, at), gt(employers.id, cursor.id))));
    }
    order = [sql`${employers.lastContactAt} asc nulls first`, asc(employers.id)];
  }
  const rows = await db
    .select({ employer: employers, hires: hiresOf, nextFollowUpOn: nextFollowUpOf })
    .from(employers)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.limit + 1);
  return rows.map((row) => ({ ...row.employer, hires: Number(row.hires), nextFollowUpOn: row.nextFollowUpOn }));
}

// ---------------------------------------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------------------------------------

async function loadContact(db: Db, tenantId: string, employerId: string, contactId: string) {
  await loadEmployer(db, tenantId, employerId);
  const [row] = await db
    .select()
    .from(employerContacts)
    .where(and(eq(employerContacts.tenantId, tenantId), eq(employerContacts.employerId, employerId), eq(employerContacts.id, contactId)))
    .limit(1);
  if (!row) throw notFound("The contact");
  return row;
}

const touch = (tx: Db, employerId: string) => tx.update(employers).set({ updatedAt: new Date() }).where(eq(employers.id, employerId));

export async function addContact(db: Db, actor: Actor, employerId: string, input: ContactInput) {
  return db.transaction(async (tx) => {
    await loadEmployer(tx, actor.tenantId, employerId, { forUpdate: true });
    const [row] = await tx.insert(employerContacts).values({ tenantId: actor.tenantId, employerId, ...input }).returning();
    await touch(tx, employerId);
    await recordChange(tx, actor, { action: "employer.contact_add", entityType, entityId: employerId, after: { contactId: row!.id } });
    return row!;
  });
}

export async function updateContact(db: Db, actor: Actor, employerId: string, contactId: string, patch: ContactPatch) {
  return db.transaction(async (tx) => {
    const before = await loadContact(tx, actor.tenantId, employerId, contactId);
    const fields = Object.entries(patch)
      .filter(([key, value]) => value !== undefined && before[key as keyof ContactRow] !== value)
      .map(([key]) => key);
    if (fields.length === 0) return before;
    const [row] = await tx.update(employerContacts).set(patch).where(eq(employerContacts.id, contactId)).returning();
    await touch(tx, employerId);
    await recordChange(tx, actor, { action: "employer.contact_update", entityType, entityId: employerId, after: { contactId, fields } });
    return row!;
  });
}

/** Withdraws the open invitations sent to these contacts. */
async function revokeContactInvitations(tx: Db, tenantId: string, contactIds: string[]) {
  await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.tenantId, tenantId), inArray(invitations.employerContactId, contactIds), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
}

/** Removes a contact. Their open invitation is withdrawn; an employer user linked to it no longer sees the company. */
export async function deleteContact(db: Db, actor: Actor, employerId: string, contactId: string) {
  await db.transaction(async (tx) => {
    const contact = await loadContact(tx, actor.tenantId, employerId, contactId);
    await revokeContactInvitations(tx, actor.tenantId, [contactId]);
    await tx.delete(employerContacts).where(eq(employerContacts.id, contactId));
    await touch(tx, employerId);
    await recordChange(tx, actor, { action: "employer.contact_delete", entityType, entityId: employerId, before: { contactId, linkedUserId: contact.userId } });
  });
}

/**
 * Invites a contact as an employer user: the invitation machinery of users/ with the contact remembered, so that
 * accepting links the contact to the new (or existing) user, who then sees this company in the portal.
 */
export async function inviteContact(ctx: AppContext, actor: Actor, employerId: string, contactId: string) {
  const { invitation, contact } = await ctx.db.transaction(async (tx) => {
    const contact = await loadContact(tx, actor.tenantId, employerId, contactId);
    if (!contact.email) throw new AppError("rule_broken", "The contact has no e-mail address; add one before inviting them.", { errors: [{ path: "contact.email", message: "is missing" }] });
    if (contact.userId) throw new AppError("conflict", "The contact already signs in as an employer user.");
    // A new invitation replaces an open one (a resend).
    await revokeContactInvitations(tx, actor.tenantId, [contactId]);
    const invitation = await createInvitation(tx, actor, { email: contact.email, role: "employer" }, { employerContactId: contactId });
    await recordChange(tx, actor, { action: "employer.contact_invite", entityType, entityId: employerId, after: { contactId, invitationId: invitation.id } });
    return { invitation, contact };
  });
  await sendInvitationMail(ctx, invitation);
  return contact;
}

/** Contacts of the employers, with whether each signs in (user) or has an open invitation (invited). */
export async function contactsOf(db: Db, tenantId: string, employerIds: string[]) {
  if (employerIds.length === 0) return [];
  const rows = await db
    .select()
    .from(employerContacts)
    .where(and(eq(employerContacts.tenantId, tenantId), inArray(employerContacts.employerId, employerIds)))
    .orderBy(asc(employerContacts.createdAt), asc(employerContacts.id));
  const open = rows.length
    ? await db
        .select({ contactId: invitations.employerContactId })
        .from(invitations)
        .where(
          and(
            eq(invitations.tenantId, tenantId),
            inArray(
              invitations.employerContactId,
              rows.map((r) => r.id),
            ),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        )
    : [];
  const invited = new Set(open.map((o) => o.contactId));
  return rows.map((row) => ({ ...row, access: row.userId ? ("user" as const) : invited.has(row.id) ? ("invited" as const) : ("none" as const) }));
}
