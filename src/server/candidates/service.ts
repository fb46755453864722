import { and, arrayContains, asc, desc, eq, gt, gte, inArray, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { afterCursor } from "../platform/paging.ts";
import type { Cursor } from "../platform/paging.ts";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor, AnyActor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { accessLog, apiTokens, users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { unknownConcepts } from "../taxonomy/lookup.ts";
import { candidateBackgrounds, candidateDocuments, candidateNotes, candidates } from "./tables.ts";
import { candidateConsents, pipelineEntries } from "../jobs/tables.ts";
import { placements } from "../placements/tables.ts";
import { cefrRank, derivedColumns, educationRank, normaliseEmail, normaliseName, normaliseText, phoneDigitsOf } from "./derive.ts";
import { checkDocument } from "./files.ts";
import { candidateInputSchema, documentContentTypes } from "../../shared/candidates.ts";
import type { CandidateInput, CandidatePatch, accessPurposes, candidateListQuerySchema } from "../../shared/candidates.ts";

/*
 * The candidate registry's service functions. Every function filters by the actor's network; every change is
 * recorded in the audit trail (field names only: the values are personal data and stay out of the trail), and
 * every read of one candidate in the access log.
 */

export type CandidateRow = typeof candidates.$inferSelect;
export type BackgroundRow = typeof candidateBackgrounds.$inferSelect;
export type Purpose = (typeof accessPurposes)[number];

const personType = "candidate";

// ---------------------------------------------------------------------------------------------------------
// Validation against the network and the taxonomy
// ---------------------------------------------------------------------------------------------------------

/** Rejects ESCO URIs that are not in the taxonomy, naming the field path of each. */
export async function checkTaxonomy(db: Db, input: Partial<CandidateInput>, prefix = "body") {
  const errors: FieldError[] = [];
  const occupations: { path: string; uri: string }[] = [];
  input.experience?.forEach((e, i) => occupations.push({ path: `${prefix}.experience.${i}.occupationUri`, uri: e.occupationUri }));
  input.jobWishes?.occupationUris.forEach((uri, i) => occupations.push({ path: `${prefix}.jobWishes.occupationUris.${i}`, uri }));
  const skills = (input.skillUris ?? []).map((uri, i) => ({ path: `${prefix}.skillUris.${i}`, uri }));
  const unknownOccupations = new Set(await unknownConcepts(db, occupations.map((o) => o.uri), "occupation"));
  const unknownSkills = new Set(await unknownConcepts(db, skills.map((s) => s.uri), "skill"));
  for (const o of occupations) if (unknownOccupations.has(o.uri)) errors.push({ path: o.path, message: "is not an occupation in the taxonomy" });
  for (const s of skills) if (unknownSkills.has(s.uri)) errors.push({ path: s.path, message: "is not a skill in the taxonomy" });
  return errors;
}

/** The responsible advisor must be an active admin or advisor of the network. */
async function checkAdvisor(db: Db, tenantId: string, advisorUserId: string | null | undefined, prefix = "body"): Promise<FieldError[]> {
  if (!advisorUserId) return [];
  const [member] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, advisorUserId), eq(memberships.status, "active")))
    .limit(1);
  if (!member || (member.role !== "advisor" && member.role !== "admin")) return [{ path: `${prefix}.advisorUserId`, message: "is not an advisor or admin of this network" }];
  return [];
}

async function validateInput(db: Db, tenantId: string, input: Partial<CandidateInput>) {
  const errors = [...(await checkTaxonomy(db, input)), ...(await checkAdvisor(db, tenantId, input.advisorUserId))];
  if (errors.length > 0) throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
}

// ---------------------------------------------------------------------------------------------------------
// Duplicates
// ---------------------------------------------------------------------------------------------------------

export type DuplicateProbe = { email: string | null; phone: string | null; firstName: string; lastName: string; birthYear: number | null };
export type DuplicateMatch = { id: string; firstName: string; lastName: string; reasons: ("email" | "phone" | "name_birth_year")[] };

/** Candidates of the network with the same normalised e-mail, phone digits, or name and birth year. */
export async function findDuplicates(db: Db, tenantId: string, probe: DuplicateProbe, excludeId?: string): Promise<DuplicateMatch[]> {
  const email = normaliseEmail(probe.email);
  const phone = phoneDigitsOf(probe.phone);
  const name = normaliseName(probe.firstName, probe.lastName);
  const conditions: SQL[] = [];
  if (email) conditions.push(eq(candidates.emailNorm, email));
  if (phone) conditions.push(eq(candidates.phoneDigits, phone));
  if (probe.birthYear !== null) conditions.push(and(eq(candidates.nameNorm, name), eq(candidateBackgrounds.birthYear, probe.birthYear))!);
  if (conditions.length === 0) return [];
  const rows = await db
    .select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName, emailNorm: candidates.emailNorm, phoneDigits: candidates.phoneDigits, nameNorm: candidates.nameNorm, birthYear: candidateBackgrounds.birthYear })
    .from(candidates)
    .leftJoin(candidateBackgrounds, eq(candidateBackgrounds.candidateId, candidates.id))
    .where(and(eq(candidates.tenantId, tenantId), isNull(candidates.erasureRequestedAt), excludeId ? sql`${candidates.id} <> ${excludeId}` : undefined, or(...conditions)))
    .limit(20);
  return rows.map((row) => ({
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    reasons: [
      ...(email && row.emailNorm === email ? (["email"] as const) : []),
      ...(phone && row.phoneDigits === phone ? (["phone"] as const) : []),
      ...(probe.birthYear !== null && row.nameNorm === name && row.birthYear === probe.birthYear ? (["name_birth_year"] as const) : []),
    ],
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Create, read, update, erasure request
// ---------------------------------------------------------------------------------------------------------

function columnsOf(input: CandidateInput) {
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone,
    municipality: input.municipality,
    summary: input.summary,
    status: input.status,
    advisorUserId: input.advisorUserId,
    partnerOrganisation: input.partnerOrganisation,
    availableFrom: input.availableFrom,
    languages: input.languages,
    education: input.education,
    experience: input.experience,
    certificates: input.certificates,
    jobWishes: input.jobWishes,
    skillUris: [...new Set(input.skillUris)],
    drivingLicences: [...new Set(input.drivingLicences)],
    ...derivedColumns(input),
  };
}

/** A stored candidate in the shape of the input (for diffs and merges). */
export function inputOf(row: CandidateRow, background: BackgroundRow | null | undefined): CandidateInput {
  return {
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    municipality: row.municipality,
    summary: row.summary,
    background: {
      countryOfBirth: background?.countryOfBirth ?? null,
      arrivalYear: background?.arrivalYear ?? null,
      gender: (background?.gender ?? "unspecified") as CandidateInput["background"]["gender"],
      birthYear: background?.birthYear ?? null,
    },
    languages: row.languages,
    education: row.education,
    experience: row.experience,
    skillUris: row.skillUris,
    drivingLicences: row.drivingLicences as CandidateInput["drivingLicences"],
    certificates: row.certificates,
    jobWishes: row.jobWishes,
    availableFrom: row.availableFrom,
    status: row.status as CandidateInput["status"],
    advisorUserId: row.advisorUserId,
    partnerOrganisation: row.partnerOrganisation,
  };
}

/**
 * Writes a new candidate in the caller's transaction, without checks (the caller validated the input).
 * Used by create, the importer and the demo.
 */
export async function insertCandidate(tx: Db, actor: AnyActor, tenantId: string, input: CandidateInput, source: "api" | "import" | "demo" = "api") {
  const [row] = await tx.insert(candidates).values({ tenantId, ...columnsOf(input) }).returning();
  await tx.insert(candidateBackgrounds).values({ candidateId: row!.id, tenantId, ...input.background });
  await recordChange(tx, actor, { action: "candidate.create", entityType: personType, entityId: row!.id, tenantId, after: { fields: Object.keys(input), source } });
  return row!;
}

/** Writes many new candidates at once (the demo): two statements and one audit entry for the batch. */
export async function insertCandidatesInBulk(tx: Db, actor: AnyActor, tenantId: string, inputs: CandidateInput[], source: "import" | "demo") {
  const ids: string[] = [];
  for (let start = 0; start < inputs.length; start += 500) {
    const chunk = inputs.slice(start, start + 500);
    const rows = await tx.insert(candidates).values(chunk.map((input) => ({ tenantId, ...columnsOf(input) }))).returning({ id: candidates.id });
    await tx.insert(candidateBackgrounds).values(rows.map((row, i) => ({ candidateId: row.id, tenantId, ...chunk[i]!.background })));
    ids.push(...rows.map((row) => row.id));
  }
  await recordChange(tx, actor, { action: "candidate.create_many", entityType: personType, tenantId, after: { count: ids.length, source } });
  return ids;
}

export async function createCandidate(db: Db, actor: Actor, input: CandidateInput, options: { confirmNotDuplicate: boolean }) {
  await validateInput(db, actor.tenantId, input);
  return db.transaction(async (tx) => {
    if (!options.confirmNotDuplicate) {
      const duplicates = await findDuplicates(tx, actor.tenantId, { ...input, birthYear: input.background.birthYear });
      if (duplicates.length > 0) {
        throw new AppError("possible_duplicate", "A candidate with the same e-mail, phone, or name and birth year is already registered. Merge, or send again with ?confirmNotDuplicate=true.", {
          extensions: { duplicates },
        });
      }
    }
    const row = await insertCandidate(tx, actor, actor.tenantId, input);
    const [background] = await tx.select().from(candidateBackgrounds).where(eq(candidateBackgrounds.candidateId, row.id));
    return { row, background: background ?? null };
  });
}

async function loadCandidate(db: Db, tenantId: string, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(candidates).where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, id))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The candidate");
  const [background] = await db.select().from(candidateBackgrounds).where(eq(candidateBackgrounds.candidateId, id)).limit(1);
  return { row, background: background ?? null };
}

/** Throws not_found unless the candidate is in the actor's network. */
export async function requireCandidate(db: Db, actor: Actor, id: string) {
  const [row] = await db.select({ id: candidates.id, mergedIds: candidates.mergedIds }).from(candidates).where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, id))).limit(1);
  if (!row) throw notFound("The candidate");
  return row;
}

/** Other candidates of the network that look like the same person (for the profile's merge section). */
export async function findDuplicatesOf(db: Db, actor: Actor, id: string): Promise<DuplicateMatch[]> {
  const { row, background } = await loadCandidate(db, actor.tenantId, id);
  return findDuplicates(db, actor.tenantId, { email: row.email, phone: row.phone, firstName: row.firstName, lastName: row.lastName, birthYear: background?.birthYear ?? null }, id);
}

/** Reads one candidate and writes the access log (who, when, which person, why) in the same transaction. */
export async function getCandidate(db: Db, actor: Actor, id: string, purpose: Purpose) {
  return db.transaction(async (tx) => {
    const found = await loadCandidate(tx, actor.tenantId, id);
    await recordAccess(tx, actor, { personType, personId: id, purpose });
    return found;
  });
}

/** Names of the fields whose value differs. Values are personal data and never go into the audit trail. */
function changedFields(before: CandidateInput, patch: CandidatePatch): string[] {
  return Object.entries(patch)
    .filter(([key, value]) => value !== undefined && JSON.stringify(before[key as keyof CandidateInput]) !== JSON.stringify(value))
    .map(([key]) => key);
}

export async function updateCandidate(db: Db, actor: Actor, id: string, patch: CandidatePatch) {
  await validateInput(db, actor.tenantId, patch);
  return db.transaction(async (tx) => {
    const { row, background } = await loadCandidate(tx, actor.tenantId, id, { forUpdate: true });
    const before = inputOf(row, background);
    const fields = changedFields(before, patch);
    if (fields.length === 0) return { row, background };
    // Re-parse the merged input so that defaults inside replaced lists are applied the same way as on create.
    const merged = candidateInputSchema.parse({ ...before, ...patch });
    const [after] = await tx.update(candidates).set({ ...columnsOf(merged), updatedAt: new Date() }).where(eq(candidates.id, id)).returning();
    let newBackground = background;
    if (fields.includes("background")) {
      const [written] = await tx
        .insert(candidateBackgrounds)
        .values({ candidateId: id, tenantId: actor.tenantId, ...merged.background })
        .onConflictDoUpdate({ target: candidateBackgrounds.candidateId, set: merged.background })
        .returning();
      newBackground = written ?? null;
    }
    await recordChange(tx, actor, { action: "candidate.update", entityType: personType, entityId: id, before: { fields }, after: { fields } });
    return { row: after!, background: newBackground ?? null };
  });
}

/**
 * DELETE: a request to erase. The candidate is hidden from lists, matching and employers at once; the
 * anonymisation itself comes in a later issue (it must keep the aggregated statistics).
 */
export async function requestErasure(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const { row } = await loadCandidate(tx, actor.tenantId, id, { forUpdate: true });
    if (row.erasureRequestedAt) return;
    const now = new Date();
    await tx.update(candidates).set({ erasureRequestedAt: now, processingRestrictedAt: row.processingRestrictedAt ?? now, updatedAt: now }).where(eq(candidates.id, id));
    await recordChange(tx, actor, { action: "candidate.erasure_request", entityType: personType, entityId: id, after: { fields: ["erasureRequestedAt", "processingRestrictedAt"] } });
  });
}

// ---------------------------------------------------------------------------------------------------------
// List
// ---------------------------------------------------------------------------------------------------------

export type ListQuery = z.infer<typeof candidateListQuerySchema>;
type ListCursor = { sort: "name" | "updated"; key: string; id: string };

export function encodeListCursor(sort: "name" | "updated", row: CandidateRow): string {
  return Buffer.from(JSON.stringify([sort, sort === "name" ? row.sortName : row.updatedAt.toISOString(), row.id])).toString("base64url");
}

function decodeListCursor(cursor: string | undefined, sort: "name" | "updated"): ListCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [s, key, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string, string];
    if (s !== sort || typeof key !== "string" || typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad cursor");
    if (sort === "updated" && Number.isNaN(new Date(key).getTime())) throw new Error("bad cursor");
    return { sort, key, id };
  } catch {
    throw new AppError("validation_failed", "The cursor is not valid; start again without it.", { errors: [{ path: "query.cursor", message: "is not valid" }] });
  }
}

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Candidates of the network, filtered and sorted; those with erasure requested are left out. Returns limit+1 rows. */
export async function listCandidates(db: Db, actor: Actor, query: ListQuery) {
  const conditions: (SQL | undefined)[] = [eq(candidates.tenantId, actor.tenantId), isNull(candidates.erasureRequestedAt)];
  if (query.scope === "mine") {
    if (!actor.userId) throw new AppError("validation_failed", "scope=mine needs a signed-in person; an API token has no caseload.", { errors: [{ path: "query.scope", message: "needs a person" }] });
    conditions.push(eq(candidates.advisorUserId, actor.userId));
  }
  if (query.q && /^[+\d\s()-]+$/.test(query.q) && query.q.replace(/\D/g, "").length >= 3) {
    // A phone number, possibly written with spaces: match its digits.
    const digits = query.q.replace(/\D/g, "").replace(/^0047/, "");
    conditions.push(sql`${candidates.phoneDigits} like ${`%${digits}%`}`);
  } else if (query.q) {
    for (const term of query.q.split(/\s+/).filter(Boolean)) {
      const text = `%${likeEscape(normaliseText(term))}%`;
      const digits = term.replace(/\D/g, "");
      conditions.push(
        or(
          sql`${candidates.nameNorm} like ${text}`,
          sql`${candidates.emailNorm} like ${`%${likeEscape(term.toLowerCase())}%`}`,
          digits.length >= 3 ? sql`${candidates.phoneDigits} like ${`%${digits}%`}` : undefined,
        ),
      );
    }
  }
  if (query.status) conditions.push(eq(candidates.status, query.status));
  if (query.advisorUserId) conditions.push(eq(candidates.advisorUserId, query.advisorUserId));
  if (query.occupationUri) conditions.push(arrayContains(candidates.occupationUris, [query.occupationUri]));
  if (query.skillUri) conditions.push(arrayContains(candidates.skillUris, [query.skillUri]));
  if (query.drivingLicence) conditions.push(arrayContains(candidates.drivingLicences, [query.drivingLicence]));
  if (query.norwegianLevel) conditions.push(gte(candidates.norwegianRank, cefrRank(query.norwegianLevel)));
  if (query.educationLevel) conditions.push(gte(candidates.educationRank, educationRank(query.educationLevel)));
  if (query.municipality) conditions.push(sql`lower(${candidates.municipality}) = lower(${query.municipality})`);
  const cursor = decodeListCursor(query.cursor, query.sort);
  if (cursor && query.sort === "name") {
    conditions.push(or(gt(candidates.sortName, cursor.key), and(eq(candidates.sortName, cursor.key), gt(candidates.id, cursor.id))));
  } else if (cursor) {
    const at = new Date(cursor.key);
    conditions.push(or(lt(candidates.updatedAt, at), and(eq(candidates.updatedAt, at), lt(candidates.id, cursor.id))));
  }
  const order = query.sort === "name" ? [asc(candidates.sortName), asc(candidates.id)] : [desc(candidates.updatedAt), desc(candidates.id)];
  return db
    .select()
    .from(candidates)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.limit + 1);
}

/** Display names of users, for advisors, note authors and uploaders. */
export async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

// ---------------------------------------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------------------------------------

type Page = { limit: number; cursor?: Cursor | undefined };

export async function listNotes(db: Db, actor: Actor, candidateId: string, page: Page) {
  return db.transaction(async (tx) => {
    await requireCandidate(tx, actor, candidateId);
    const rows = await tx
      .select()
      .from(candidateNotes)
      .where(
        and(
          eq(candidateNotes.tenantId, actor.tenantId),
          eq(candidateNotes.candidateId, candidateId),
          afterCursor(candidateNotes, page.cursor, "desc"),
        ),
      )
      .orderBy(desc(candidateNotes.createdAt), desc(candidateNotes.id))
      .limit(page.limit + 1);
    await recordAccess(tx, actor, { personType, personId: candidateId, purpose: "follow_up" });
    return rows;
  });
}

export async function addNote(db: Db, actor: Actor, candidateId: string, text: string) {
  return db.transaction(async (tx) => {
    await requireCandidate(tx, actor, candidateId);
    const [note] = await tx.insert(candidateNotes).values({ tenantId: actor.tenantId, candidateId, authorUserId: actor.userId ?? null, text }).returning();
    await recordChange(tx, actor, { action: "candidate.note_add", entityType: personType, entityId: candidateId, after: { noteId: note!.id } });
    return note!;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------------------

const documentColumns = {
  id: candidateDocuments.id,
  name: candidateDocuments.name,
  contentType: candidateDocuments.contentType,
  size: candidateDocuments.size,
  uploadedByUserId: candidateDocuments.uploadedByUserId,
  createdAt: candidateDocuments.createdAt,
};

export async function listDocuments(db: Db, actor: Actor, candidateId: string, page: Page) {
  await requireCandidate(db, actor, candidateId);
  return db
    .select(documentColumns)
    .from(candidateDocuments)
    .where(
      and(
        eq(candidateDocuments.tenantId, actor.tenantId),
        eq(candidateDocuments.candidateId, candidateId),
        afterCursor(candidateDocuments, page.cursor, "desc"),
      ),
    )
    .orderBy(desc(candidateDocuments.createdAt), desc(candidateDocuments.id))
    .limit(page.limit + 1);
}

/** Stores a document whose type is judged by its content: PDF, DOCX, PNG or JPEG, at most 10 MB (files.ts checkDocument). */
export async function addDocument(db: Db, actor: Actor, candidateId: string, name: string, content: Buffer, declaredType?: string) {
  const kind = await checkDocument(content, name, declaredType);
  return db.transaction(async (tx) => {
    await requireCandidate(tx, actor, candidateId);
    const [row] = await tx
      .insert(candidateDocuments)
      .values({ tenantId: actor.tenantId, candidateId, name, contentType: documentContentTypes[kind], size: content.length, content, uploadedByUserId: actor.userId ?? null })
      .returning(documentColumns);
    await recordChange(tx, actor, { action: "candidate.document_add", entityType: personType, entityId: candidateId, after: { documentId: row!.id, contentType: row!.contentType, size: row!.size } });
    return row!;
  });
}

export async function getDocument(db: Db, actor: Actor, candidateId: string, documentId: string) {
  return db.transaction(async (tx) => {
    await requireCandidate(tx, actor, candidateId);
    const [row] = await tx
      .select()
      .from(candidateDocuments)
      .where(and(eq(candidateDocuments.tenantId, actor.tenantId), eq(candidateDocuments.candidateId, candidateId), eq(candidateDocuments.id, documentId)))
      .limit(1);
    if (!row) throw notFound("The document");
    await recordAccess(tx, actor, { personType, personId: candidateId, purpose: "follow_up" });
    return row;
  });
}

export async function deleteDocument(db: Db, actor: Actor, candidateId: string, documentId: string) {
  await db.transaction(async (tx) => {
    await requireCandidate(tx, actor, candidateId);
    const deleted = await tx
      .delete(candidateDocuments)
      .where(and(eq(candidateDocuments.tenantId, actor.tenantId), eq(candidateDocuments.candidateId, candidateId), eq(candidateDocuments.id, documentId)))
      .returning({ id: candidateDocuments.id });
    if (deleted.length === 0) throw notFound("The document");
    await recordChange(tx, actor, { action: "candidate.document_delete", entityType: personType, entityId: candidateId, before: { documentId } });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Access log
// ---------------------------------------------------------------------------------------------------------

/** Who read the candidate's record (also under the ids of candidates merged into it), newest first. */
export async function listAccessLog(db: Db, actor: Actor, candidateId: string, page: { limit: number; cursor?: { createdAt: Date; id: string } | undefined }) {
  const candidate = await requireCandidate(db, actor, candidateId);
  const cursorId = page.cursor ? Number(page.cursor.id) : undefined;
  const rows = await db
    .select({
      id: accessLog.id,
      at: accessLog.at,
      purpose: accessLog.purpose,
      userId: accessLog.actorUserId,
      tokenId: accessLog.actorTokenId,
      userName: users.name,
      role: memberships.role,
      tokenName: apiTokens.name,
      tokenRole: apiTokens.role,
    })
    .from(accessLog)
    .leftJoin(users, eq(users.id, accessLog.actorUserId))
    .leftJoin(memberships, and(eq(memberships.userId, accessLog.actorUserId), eq(memberships.tenantId, accessLog.tenantId)))
    .leftJoin(apiTokens, eq(apiTokens.id, accessLog.actorTokenId))
    .where(
      and(
        eq(accessLog.tenantId, actor.tenantId),
        eq(accessLog.personType, personType),
        inArray(accessLog.personId, [candidate.id, ...candidate.mergedIds]),
        page.cursor && cursorId !== undefined && Number.isSafeInteger(cursorId) ? lt(accessLog.id, cursorId) : undefined,
      ),
    )
    .orderBy(desc(accessLog.id))
    .limit(page.limit + 1);
  return rows.map((row) => ({ ...row, createdAt: row.at, id: String(row.id) }));
}

// ---------------------------------------------------------------------------------------------------------
// Merge
// ---------------------------------------------------------------------------------------------------------

const uniqueBy = <T>(items: T[], key: (item: T) => string) => {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/**
 * Merges the duplicate into the kept candidate, in one transaction: lists are joined (without repeats), empty
 * fields of the kept one are filled from the duplicate, notes and documents move over, the duplicate's access
 * log stays under its id and is shown with the kept one's. Then the duplicate is removed.
 */
export async function mergeCandidates(db: Db, actor: Actor, keepId: string, duplicateId: string) {
  if (keepId === duplicateId) throw new AppError("validation_failed", "A candidate cannot be merged into itself.", { errors: [{ path: "body.duplicateId", message: "is the same candidate" }] });
  return db.transaction(async (tx) => {
    const keep = await loadCandidate(tx, actor.tenantId, keepId, { forUpdate: true });
    const dup = await loadCandidate(tx, actor.tenantId, duplicateId, { forUpdate: true });
    const a = inputOf(keep.row, keep.background);
    const b = inputOf(dup.row, dup.background);
    const merged: CandidateInput = {
      ...a,
      email: a.email ?? b.email,
      phone: a.phone ?? b.phone,
      municipality: a.municipality || b.municipality,
      summary: [a.summary, b.summary].filter(Boolean).join("\n\n").slice(0, 2000),
      background: {
        countryOfBirth: a.background.countryOfBirth ?? b.background.countryOfBirth,
        arrivalYear: a.background.arrivalYear ?? b.background.arrivalYear,
        gender: a.background.gender !== "unspecified" ? a.background.gender : b.background.gender,
        birthYear: a.background.birthYear ?? b.background.birthYear,
      },
      languages: uniqueBy([...a.languages, ...b.languages], (l) => l.code).slice(0, 20),
      education: uniqueBy([...a.education, ...b.education], (e) => JSON.stringify(e)).slice(0, 20),
      experience: uniqueBy([...a.experience, ...b.experience], (e) => JSON.stringify(e)).slice(0, 30),
      skillUris: [...new Set([...a.skillUris, ...b.skillUris])].slice(0, 200),
      drivingLicences: [...new Set([...a.drivingLicences, ...b.drivingLicences])],
      certificates: uniqueBy([...a.certificates, ...b.certificates], (c) => JSON.stringify(c)).slice(0, 30),
      jobWishes: {
        occupationUris: [...new Set([...a.jobWishes.occupationUris, ...b.jobWishes.occupationUris])].slice(0, 20),
        municipalities: [...new Set([...a.jobWishes.municipalities, ...b.jobWishes.municipalities])].slice(0, 20),
        extent: a.jobWishes.extent !== "any" ? a.jobWishes.extent : b.jobWishes.extent,
      },
      availableFrom: a.availableFrom ?? b.availableFrom,
      advisorUserId: a.advisorUserId ?? b.advisorUserId,
      partnerOrganisation: a.partnerOrganisation || b.partnerOrganisation,
    };
    const now = new Date();
    await tx.update(candidateNotes).set({ candidateId: keepId }).where(and(eq(candidateNotes.tenantId, actor.tenantId), eq(candidateNotes.candidateId, duplicateId)));
    await tx.update(candidateDocuments).set({ candidateId: keepId }).where(and(eq(candidateDocuments.tenantId, actor.tenantId), eq(candidateDocuments.candidateId, duplicateId)));
    // Consents are evidence and hires are counted: both move whole. Candidate-list entries move unless the kept
    // candidate is already on that job's list (then the kept entry stands and the duplicate's goes with it).
    await tx.update(candidateConsents).set({ candidateId: keepId }).where(and(eq(candidateConsents.tenantId, actor.tenantId), eq(candidateConsents.candidateId, duplicateId)));
    await tx.update(placements).set({ candidateId: keepId }).where(and(eq(placements.tenantId, actor.tenantId), eq(placements.candidateId, duplicateId)));
    const keptJobs = tx.select({ jobId: pipelineEntries.jobId }).from(pipelineEntries).where(and(eq(pipelineEntries.tenantId, actor.tenantId), eq(pipelineEntries.candidateId, keepId)));
    await tx
      .update(pipelineEntries)
      .set({ candidateId: keepId })
      .where(and(eq(pipelineEntries.tenantId, actor.tenantId), eq(pipelineEntries.candidateId, duplicateId), notInArray(pipelineEntries.jobId, keptJobs)));
    const [row] = await tx
      .update(candidates)
      .set({
        ...columnsOf(merged),
        mergedIds: [...new Set([...keep.row.mergedIds, duplicateId, ...dup.row.mergedIds])],
        userId: keep.row.userId ?? dup.row.userId,
        updatedAt: now,
      })
      .where(eq(candidates.id, keepId))
      .returning();
    const [background] = await tx
      .insert(candidateBackgrounds)
      .values({ candidateId: keepId, tenantId: actor.tenantId, ...merged.background })
      .onConflictDoUpdate({ target: candidateBackgrounds.candidateId, set: merged.background })
      .returning();
    await tx.delete(candidates).where(eq(candidates.id, duplicateId));
    await recordChange(tx, actor, { action: "candidate.merge", entityType: personType, entityId: keepId, before: { duplicateId }, after: { fields: changedFields(a, merged) } });
    await recordChange(tx, actor, { action: "candidate.merged_into", entityType: personType, entityId: duplicateId, after: { keptId: keepId } });
    return { row: row!, background: background ?? null };
  });
}
