import { and, desc, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import type { AnyColumn, SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import type { Read } from "../platform/audit.ts";
import { accessLog, apiTokens, auditLog, users } from "../platform/tables.ts";
import { AppError } from "../platform/errors.ts";
import { osloMidnight, startOfDate } from "../platform/dates.ts";
import type { Cursor } from "../platform/paging.ts";
import { accessFlags, auditSettings, deniedRequests } from "./tables.ts";
import { defaultAuditSettings } from "../../shared/audit.ts";
import type { AuditChange, AuditFilter, AuditRead, AccessFlag, DeniedRequest, Who } from "../../shared/audit.ts";

/*
 * Searching the audit trail and the access log for the network's admins (ADR 026). Every query filters by the
 * actor's network. Rows that name a person (a change to a candidate, a read of one) are themselves logged as
 * reads with the purpose `audit_review`, so the person's own access log shows that their trail was looked at.
 */

/** The purpose of reads logged when an admin looks at the logs. Left out of the check for unusual access. */
export const auditReviewPurpose = "audit_review";
/** Entity types of the audit trail that are people: a change to one names the person. */
export const personEntityTypes = ["candidate"];
/** The most rows one export holds. */
export const exportMaxRows = 100_000;
/** Denied requests are kept this long, then deleted (pruneDeniedRequests). */
export const deniedRetentionDays = 90;

const dayAfter = (date: string) => new Date(startOfDate(date).getTime() + 86_400_000).toISOString().slice(0, 10);

/** The period filter on a timestamp column: from the start of `from` to the end of `to`, in Norway's time. */
function period(column: AnyColumn, filter: { from?: string | undefined; to?: string | undefined }): SQL[] {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError("validation_failed", "The period ends before it starts.", { errors: [{ path: "query.to", message: "is before from" }] });
  }
  return [filter.from ? gte(column, osloMidnight(filter.from)) : undefined, filter.to ? lt(column, osloMidnight(dayAfter(filter.to))) : undefined].filter((c): c is SQL => c !== undefined);
}

/** Keyset condition for (at, id) descending, with the bigint id carried as text in the cursor. */
function before(columns: { at: AnyColumn; id: AnyColumn }, cursor: Cursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const id = Number(cursor.id);
  if (!Number.isSafeInteger(id)) throw new AppError("validation_failed", "The cursor is not valid; start again without it.", { errors: [{ path: "query.cursor", message: "is not valid" }] });
  return or(lt(columns.at, cursor.createdAt), and(eq(columns.at, cursor.createdAt), lt(columns.id, id)));
}

export function whoOf(row: { userId: string | null; userName: string | null; tokenId: string | null; tokenName: string | null }): Who {
  if (row.userId) return { kind: "user", id: row.userId, name: row.userName ?? "" };
  if (row.tokenId) return { kind: "token", id: row.tokenId, name: `API token ${row.tokenName ?? ""}`.trim() };
  return { kind: "system", id: null, name: "system" };
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

// ---------------------------------------------------------------------------------------------------------
// Changes (audit trail)
// ---------------------------------------------------------------------------------------------------------

function fieldsOf(before: unknown, after: unknown): string[] {
  const keys = new Set<string>();
  for (const value of [before, after]) if (value && typeof value === "object" && !Array.isArray(value)) for (const key of Object.keys(value)) keys.add(key);
  return [...keys].sort();
}

export async function searchChanges(db: Db, actor: Actor, filter: AuditFilter, page: { limit: number; cursor?: Cursor | undefined }) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      userId: auditLog.actorUserId,
      tokenId: auditLog.actorTokenId,
      userName: users.name,
      tokenName: apiTokens.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, auditLog.actorTokenId))
    .where(
      and(
        eq(auditLog.tenantId, actor.tenantId),
        ...period(auditLog.at, filter),
        filter.userId ? eq(auditLog.actorUserId, filter.userId) : undefined,
        filter.action ? eq(auditLog.action, filter.action) : undefined,
        filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
        filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
        before(auditLog, page.cursor),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit + 1);
  const changes: (AuditChange & { createdAt: Date })[] = rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    createdAt: row.at,
    who: whoOf(row),
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    fields: fieldsOf(row.before, row.after),
  }));
  await logReview(db, actor, changes.slice(0, page.limit).filter((c) => c.entityId && personEntityTypes.includes(c.entityType) && isUuid(c.entityId)).map((c) => ({ personType: c.entityType, personId: c.entityId! })));
  return changes;
}

// ---------------------------------------------------------------------------------------------------------
// Reads (access log)
// ---------------------------------------------------------------------------------------------------------

export async function searchReads(db: Db, actor: Actor, filter: AuditFilter, page: { limit: number; cursor?: Cursor | undefined }) {
  if (filter.entityId && !isUuid(filter.entityId)) return [];
  const rows = await db
    .select({
      id: accessLog.id,
      at: accessLog.at,
      purpose: accessLog.purpose,
      personType: accessLog.personType,
      personId: accessLog.personId,
      userId: accessLog.actorUserId,
      tokenId: accessLog.actorTokenId,
      userName: users.name,
      tokenName: apiTokens.name,
    })
    .from(accessLog)
    .leftJoin(users, eq(users.id, accessLog.actorUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, accessLog.actorTokenId))
    .where(
      and(
        eq(accessLog.tenantId, actor.tenantId),
        ...period(accessLog.at, filter),
        filter.userId ? eq(accessLog.actorUserId, filter.userId) : undefined,
        filter.action ? eq(accessLog.purpose, filter.action) : undefined,
        filter.entityType ? eq(accessLog.personType, filter.entityType) : undefined,
        filter.entityId ? eq(accessLog.personId, filter.entityId) : undefined,
        before(accessLog, page.cursor),
      ),
    )
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .limit(page.limit + 1);
  const reads: (AuditRead & { createdAt: Date })[] = rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    createdAt: row.at,
    who: whoOf(row),
    purpose: row.purpose,
    personType: row.personType,
    personId: row.personId,
  }));
  await logReview(db, actor, reads.slice(0, page.limit).map((r) => ({ personType: r.personType, personId: r.personId })));
  return reads;
}

/** Logs, once per person, that an admin saw rows naming them. */
async function logReview(db: Db, actor: Actor, people: { personType: string; personId: string }[]) {
  const seen = new Map<string, Read>();
  for (const p of people) seen.set(`${p.personType}:${p.personId}`, { ...p, purpose: auditReviewPurpose });
  const reads = [...seen.values()];
  for (let i = 0; i < reads.length; i += 1000) await recordAccess(db, actor, reads.slice(i, i + 1000));
}

// ---------------------------------------------------------------------------------------------------------
// Exports: every row the filters match (up to exportMaxRows), as lines of cells
// ---------------------------------------------------------------------------------------------------------

async function collect<T extends { createdAt: Date; id: string }>(fetch: (cursor: Cursor | undefined) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const rows = await fetch(cursor);
    const page = rows.slice(0, 5000);
    all.push(...page);
    if (rows.length <= 5000 || all.length >= exportMaxRows) break;
    const last = page.at(-1)!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
  return all.slice(0, exportMaxRows);
}

export const changeColumns = ["time", "user_or_token", "user_id", "token_id", "action", "entity_type", "entity_id", "fields"];
export const readColumns = ["time", "user_or_token", "user_id", "token_id", "purpose", "person_type", "person_id"];

export async function exportChanges(db: Db, actor: Actor, filter: AuditFilter) {
  const rows = await collect((cursor) => searchChanges(db, actor, filter, { limit: 5000, cursor }));
  return [
    changeColumns,
    ...rows.map((r) => [r.at, r.who.name, r.who.kind === "user" ? r.who.id : null, r.who.kind === "token" ? r.who.id : null, r.action, r.entityType, r.entityId, r.fields.join("|")]),
  ];
}

export async function exportReads(db: Db, actor: Actor, filter: AuditFilter) {
  const rows = await collect((cursor) => searchReads(db, actor, filter, { limit: 5000, cursor }));
  return [readColumns, ...rows.map((r) => [r.at, r.who.name, r.who.kind === "user" ? r.who.id : null, r.who.kind === "token" ? r.who.id : null, r.purpose, r.personType, r.personId])];
}

// ---------------------------------------------------------------------------------------------------------
// Denied requests
// ---------------------------------------------------------------------------------------------------------

/** The network's denied requests; `unauthenticated` (instance administrators only): those of unknown callers. */
export async function listDenied(db: Db, actor: Actor, query: { scope: "network" | "unauthenticated"; from?: string | undefined; to?: string | undefined }, page: { limit: number; cursor?: Cursor | undefined }) {
  if (query.scope === "unauthenticated" && !actor.instanceAdmin) throw new AppError("forbidden", "Only the installation's administrators see requests from unknown callers.");
  const rows = await db
    .select({
      id: deniedRequests.id,
      at: deniedRequests.at,
      method: deniedRequests.method,
      route: deniedRequests.route,
      status: deniedRequests.status,
      code: deniedRequests.code,
      userId: deniedRequests.actorUserId,
      tokenId: deniedRequests.actorTokenId,
      userName: users.name,
      tokenName: apiTokens.name,
    })
    .from(deniedRequests)
    .leftJoin(users, eq(users.id, deniedRequests.actorUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, deniedRequests.actorTokenId))
    .where(
      and(
        query.scope === "unauthenticated" ? isNull(deniedRequests.tenantId) : eq(deniedRequests.tenantId, actor.tenantId),
        ...period(deniedRequests.at, query),
        before(deniedRequests, page.cursor),
      ),
    )
    .orderBy(desc(deniedRequests.at), desc(deniedRequests.id))
    .limit(page.limit + 1);
  return rows.map((row): DeniedRequest & { createdAt: Date } => ({
    id: String(row.id),
    at: row.at.toISOString(),
    createdAt: row.at,
    who: row.userId || row.tokenId ? whoOf(row) : null,
    method: row.method,
    route: row.route,
    status: row.status,
    code: row.code,
  }));
}

/** Deletes denied requests older than the retention period. */
export async function pruneDeniedRequests(db: Db, now = new Date()) {
  const cutoff = new Date(now.getTime() - deniedRetentionDays * 86_400_000);
  const deleted = await db.delete(deniedRequests).where(lt(deniedRequests.at, cutoff)).returning({ id: deniedRequests.id });
  return deleted.length;
}

// ---------------------------------------------------------------------------------------------------------
// Flags and the threshold
// ---------------------------------------------------------------------------------------------------------

export async function listFlags(db: Db, actor: Actor, page: { limit: number; cursor?: Cursor | undefined }) {
  const cursorCondition = page.cursor
    ? or(lt(accessFlags.createdAt, page.cursor.createdAt), and(eq(accessFlags.createdAt, page.cursor.createdAt), lt(accessFlags.id, page.cursor.id)))
    : undefined;
  const rows = await db
    .select({
      flag: accessFlags,
      userName: users.name,
      tokenName: apiTokens.name,
    })
    .from(accessFlags)
    .leftJoin(users, eq(users.id, accessFlags.actorUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, accessFlags.actorTokenId))
    .where(and(eq(accessFlags.tenantId, actor.tenantId), cursorCondition))
    .orderBy(desc(accessFlags.createdAt), desc(accessFlags.id))
    .limit(page.limit + 1);
  return rows.map(({ flag, userName, tokenName }): AccessFlag & { createdAt: Date } => ({
    id: flag.id,
    createdAt: flag.createdAt,
    who: whoOf({ userId: flag.actorUserId, userName, tokenId: flag.actorTokenId, tokenName }),
    kind: flag.kind,
    firstAt: flag.firstAt.toISOString(),
    lastAt: flag.lastAt.toISOString(),
    profiles: flag.profiles,
    maxProfiles: flag.maxProfiles,
    windowMinutes: flag.windowMinutes,
    notifiedAt: flag.notifiedAt?.toISOString() ?? null,
  }));
}

export async function getAuditSettings(db: Db, tenantId: string) {
  const [row] = await db.select().from(auditSettings).where(eq(auditSettings.tenantId, tenantId)).limit(1);
  return { maxProfiles: row?.maxProfiles ?? defaultAuditSettings.maxProfiles, windowMinutes: row?.windowMinutes ?? defaultAuditSettings.windowMinutes, checkedUntil: row?.checkedUntil ?? null };
}

export async function updateAuditSettings(db: Db, actor: Actor, patch: { maxProfiles?: number | undefined; windowMinutes?: number | undefined }) {
  return db.transaction(async (tx) => {
    const before = await getAuditSettings(tx, actor.tenantId);
    const next = { maxProfiles: patch.maxProfiles ?? before.maxProfiles, windowMinutes: patch.windowMinutes ?? before.windowMinutes };
    await tx
      .insert(auditSettings)
      .values({ tenantId: actor.tenantId, ...next })
      .onConflictDoUpdate({ target: auditSettings.tenantId, set: { ...next, updatedAt: sql`now()` } });
    await recordChange(tx, actor, {
      action: "audit.settings_update",
      entityType: "network",
      entityId: actor.tenantId,
      before: { maxProfiles: before.maxProfiles, windowMinutes: before.windowMinutes },
      after: next,
    });
    return next;
  });
}

