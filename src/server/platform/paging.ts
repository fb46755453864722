import { and, eq, gt, lt, or } from "drizzle-orm";
import type { AnyColumn, SQL } from "drizzle-orm";
import { AppError } from "./errors.ts";

/** Keyset paging: the cursor is the (createdAt, id) of the last item seen, opaque to clients. */
export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw new AppError("validation_failed", "The cursor is not valid; start again without it.", { errors: [{ path: "query.cursor", message: "is not valid" }] });
  }
}

/** Turns limit+1 fetched rows into a page: at most `limit` items and the cursor of the next page. */
export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/**
 * The WHERE condition for the page after `cursor` in a list ordered by (createdAt, id), ascending or descending.
 * Undefined without a cursor (the first page).
 */
export function afterCursor(columns: { createdAt: AnyColumn; id: AnyColumn }, cursor: Cursor | undefined, direction: "asc" | "desc"): SQL | undefined {
  if (!cursor) return undefined;
  const beyond = direction === "asc" ? gt : lt;
  return or(beyond(columns.createdAt, cursor.createdAt), and(eq(columns.createdAt, cursor.createdAt), beyond(columns.id, cursor.id)));
}
