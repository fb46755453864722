import { accessLog, auditLog } from "./tables.ts";
import type { Db } from "./db.ts";
import type { AnyActor } from "./actor.ts";

/*
 * The one audit mechanism every feature uses. Call recordChange inside the same transaction as the change,
 * so a change and its trail are written together or not at all. Never put secrets in before/after.
 */

export type Change = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides the actor's network, for installation-wide events such as creating a network. */
  tenantId?: string | null;
};

export async function recordChange(db: Db, actor: AnyActor, change: Change) {
  await db.insert(auditLog).values({
    tenantId: change.tenantId !== undefined ? change.tenantId : actor.tenantId,
    actorUserId: actor.userId ?? null,
    actorTokenId: actor.kind === "token" ? actor.tokenId : null,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  });
}

export type Read = { personType: string; personId: string; purpose: string };

/** Logs a read of a person's data: who read which person, when, for what purpose. */
export async function recordAccess(db: Db, actor: AnyActor, reads: Read | Read[]) {
  const rows = (Array.isArray(reads) ? reads : [reads]).map((read) => ({
    tenantId: actor.tenantId as string,
    actorUserId: actor.userId ?? null,
    actorTokenId: actor.kind === "token" ? actor.tokenId : null,
    ...read,
  }));
  if (rows.length > 0) await db.insert(accessLog).values(rows);
}
