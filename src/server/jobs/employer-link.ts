import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { employerContacts } from "../employers/tables.ts";

/*
 * Which company an employer user acts for: the employer whose contact person the user is (employer_contacts.user_id,
 * set when the contact accepts an invitation). Null when the user is linked to none (or the caller is a token).
 * The employers slice has its own; this one keeps the jobs slice independent until the two are reconciled.
 */
export async function employerIdOfUser(db: Db, actor: Actor): Promise<string | null> {
  if (!actor.userId) return null;
  const [row] = await db
    .select({ employerId: employerContacts.employerId })
    .from(employerContacts)
    .where(and(eq(employerContacts.tenantId, actor.tenantId), eq(employerContacts.userId, actor.userId)))
    .orderBy(asc(employerContacts.createdAt))
    .limit(1);
  return row?.employerId ?? null;
}
