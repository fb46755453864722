import { and, eq, gte, isNull } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { AnyActor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { employerCertificates, employerStatusChanges, employers } from "./tables.ts";
import type { MembershipStatus } from "../../shared/employers.ts";

/*
 * Membership status: prospect → contacted → member → certified, or lapsed. The coordinator may move an employer
 * to any status (the board allows dragging anywhere; the history keeps every step), with two rules:
 *  - "certified" is reached only by confirming a certification (certificates/), which issues the certificate;
 *  - leaving "certified" revokes the valid certification, and lapsing revokes every valid certificate, so that a
 *    certificate never says more than the register does.
 */

export type StatusChange = { to: MembershipStatus; note?: string; viaCertification?: boolean };

/** Changes the status inside the caller's transaction; records the history row and the audit entry. */
export async function changeMembershipStatus(tx: Db, actor: AnyActor, employerId: string, change: StatusChange) {
  const tenantId = actor.tenantId;
  if (!tenantId) throw new Error("changeMembershipStatus needs an actor in a network");
  const [employer] = await tx
    .select({ id: employers.id, status: employers.membershipStatus })
    .from(employers)
    .where(and(eq(employers.id, employerId), eq(employers.tenantId, tenantId)))
    .for("update");
  if (!employer) throw notFound("The employer");
  const from = employer.status as MembershipStatus;
  if (from === change.to) return { changed: false as const, from };
  if (change.to === "certified" && !change.viaCertification)
    throw new AppError("rule_broken", "An employer becomes certified by confirming a certification, which issues the certificate.");

  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const revokeKinds = change.to === "lapsed" ? ["membership", "certification"] : from === "certified" ? ["certification"] : [];
  for (const kind of revokeKinds) {
    const revoked = await tx
      .update(employerCertificates)
      .set({ revokedAt: now, revokedReason: change.to === "lapsed" ? "membership lapsed" : `status changed to ${change.to}` })
      .where(
        and(
          eq(employerCertificates.tenantId, tenantId),
          eq(employerCertificates.employerId, employerId),
          eq(employerCertificates.kind, kind),
          isNull(employerCertificates.revokedAt),
          gte(employerCertificates.validUntil, today),
        ),
      )
      .returning({ id: employerCertificates.id });
    for (const { id } of revoked)
      await recordChange(tx, actor, { action: "certificate.revoke", entityType: "employer_certificate", entityId: id, after: { reason: "status change" } });
  }

  await tx.update(employers).set({ membershipStatus: change.to, membershipStatusChangedAt: now, updatedAt: now }).where(eq(employers.id, employerId));
  await tx.insert(employerStatusChanges).values({
    tenantId,
    employerId,
    fromStatus: from,
    toStatus: change.to,
    note: change.note ?? "",
    changedByUserId: actor.userId ?? null,
    changedAt: now,
  });
  await recordChange(tx, actor, { action: "employer.status", entityType: "employer", entityId: employerId, before: { status: from }, after: { status: change.to } });
  return { changed: true as const, from };
}
