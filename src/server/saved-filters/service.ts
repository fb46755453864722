import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { savedFilters } from "../employers/tables.ts";
import { maxSavedFiltersPerPage } from "../../shared/saved-filters.ts";
import type { SavedFilterInput, SavedFilterPage } from "../../shared/saved-filters.ts";

/*
 * A user's saved filters per list page. Each person sees and deletes only their own: another person's filter is
 * not found (404), like another network's record.
 */

function personOf(actor: Actor) {
  if (actor.kind !== "user") throw new AppError("forbidden", "Saved filters belong to a signed-in person; an API token has none.");
  return actor.userId;
}

export async function listSavedFilters(db: Db, actor: Actor, page: SavedFilterPage) {
  const userId = personOf(actor);
  return db
    .select()
    .from(savedFilters)
    .where(and(eq(savedFilters.tenantId, actor.tenantId), eq(savedFilters.userId, userId), eq(savedFilters.page, page)))
    .orderBy(asc(savedFilters.name), asc(savedFilters.id));
}

export async function saveFilter(db: Db, actor: Actor, input: SavedFilterInput) {
  const userId = personOf(actor);
  return db.transaction(async (tx) => {
    const mine = and(eq(savedFilters.tenantId, actor.tenantId), eq(savedFilters.userId, userId), eq(savedFilters.page, input.page));
    const [same] = await tx.select({ id: savedFilters.id }).from(savedFilters).where(and(mine, eq(savedFilters.name, input.name))).limit(1);
    if (same) throw new AppError("conflict", `You already have a saved filter called "${input.name}" on this page; pick another name or delete that one.`, { errors: [{ path: "body.name", message: "is taken" }] });
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(savedFilters).where(mine);
    if (n >= maxSavedFiltersPerPage) throw new AppError("rule_broken", `You can keep at most ${maxSavedFiltersPerPage} saved filters on a page; delete one first.`);
    const [row] = await tx.insert(savedFilters).values({ tenantId: actor.tenantId, userId, page: input.page, name: input.name, query: input.query }).returning();
    await recordChange(tx, actor, { action: "saved_filter.create", entityType: "saved_filter", entityId: row!.id, after: { page: input.page } });
    return row!;
  });
}

export async function deleteSavedFilter(db: Db, actor: Actor, id: string) {
  const userId = personOf(actor);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(savedFilters)
      .where(and(eq(savedFilters.tenantId, actor.tenantId), eq(savedFilters.userId, userId), eq(savedFilters.id, id)))
      .returning({ id: savedFilters.id });
    if (deleted.length === 0) throw notFound("The saved filter");
    await recordChange(tx, actor, { action: "saved_filter.delete", entityType: "saved_filter", entityId: id });
  });
}
