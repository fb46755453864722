import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError } from "../platform/errors.ts";
import { employerContacts, employers } from "./tables.ts";

/*
 * The employer portal: an employer user sees their own company, found from the contact that their invitation
 * linked to their account (employer_contacts.user_id) in their active network. No request parameter names the
 * company, so there is no id with which to ask for another one.
 */

/** The employer user's company (the first linked, should a person be the contact of several). */
export async function portalEmployer(db: Db, actor: Actor) {
  if (actor.kind !== "user") throw new AppError("forbidden", "The employer portal is for a signed-in employer user; an API token has no company.");
  const [row] = await db
    .select({ employer: employers })
    .from(employerContacts)
    .innerJoin(employers, eq(employers.id, employerContacts.employerId))
    .where(and(eq(employerContacts.tenantId, actor.tenantId), eq(employers.tenantId, actor.tenantId), eq(employerContacts.userId, actor.userId)))
    .orderBy(asc(employerContacts.createdAt), asc(employerContacts.id))
    .limit(1);
  if (!row) throw new AppError("not_found", "No company is linked to your account; ask the network's coordinator to invite you as one of its contacts.");
  return row.employer;
}
