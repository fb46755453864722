import { and, desc, eq, like } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { candidateConsents } from "../jobs/tables.ts";
import { osloDate } from "../platform/dates.ts";
import { addMonths } from "../placements/service.ts";
import { makeCandidate } from "../placements/test-fixtures.ts";
import { mentorDeclarations, mentors, mentorships } from "./tables.ts";
import { currentDeclarationVersion } from "./texts.ts";

/*
 * Mentoring records written straight to the database, for the authorisation and tenancy tables.
 */

let counter = 0;

/** A mentor with the current declaration signed and room for many mentees; linked to `userId` when given. */
export async function insertMentor(db: Db, tenantId: string, input: { userId?: string; email?: string } = {}) {
  const [row] = await db
    .insert(mentors)
    .values({ tenantId, userId: input.userId ?? null, name: `Table mentor ${counter}`, email: input.email ?? `table-mentor-${counter++}@example.no`, organisation: "Table Rotary", capacity: 20 })
    .returning();
  await db.insert(mentorDeclarations).values({ tenantId, mentorId: row!.id, version: currentDeclarationVersion });
  return row!;
}

/**
 * The mentor record of the network's newest signed-in mentor of the test helper (`t.as("mentor")`, e-mail
 * mentor-…), made when first asked for. Other users may have been given the role mentor by other rows.
 */
export async function mentorOfNewestMentorUser(db: Db, tenantId: string) {
  const [member] = await db
    .select({ userId: memberships.userId, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "mentor"), like(users.email, "mentor-%")))
    .orderBy(desc(users.createdAt))
    .limit(1);
  if (!member) throw new Error("no mentor user in the network");
  const [existing] = await db.select().from(mentors).where(and(eq(mentors.tenantId, tenantId), eq(mentors.userId, member.userId))).limit(1);
  return existing ?? insertMentor(db, tenantId, { userId: member.userId, email: member.email });
}

/** A relationship in the given state, with a fresh candidate (and the mentee's consent once accepted). */
export async function insertMentorship(db: Db, tenantId: string, mentorId: string, status: "proposed" | "active" | "ended") {
  const candidate = await makeCandidate(db, tenantId);
  const today = osloDate();
  const accepted = status !== "proposed";
  const [consent] = accepted ? await db.insert(candidateConsents).values({ tenantId, candidateId: candidate.id, purpose: "mentoring", textVersion: "mentoring-v1", method: "in_person" }).returning() : [];
  const [row] = await db
    .insert(mentorships)
    .values({
      tenantId,
      mentorId,
      candidateId: candidate.id,
      status,
      sharedFields: ["firstName"],
      mentorAcceptedAt: accepted ? new Date() : null,
      menteeAcceptedAt: accepted ? new Date() : null,
      consentId: consent?.id ?? null,
      startDate: accepted ? today : null,
      plannedEndDate: accepted ? addMonths(today, 6) : null,
      endedOn: status === "ended" ? today : null,
      endReason: status === "ended" ? "completed" : null,
    })
    .returning();
  return row!;
}
