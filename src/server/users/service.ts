import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { AppContext } from "../platform/context.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { createUserWithPassword, sha256 } from "../platform/auth.ts";
import { afterCursor } from "../platform/paging.ts";
import type { Cursor } from "../platform/paging.ts";
import { sessions, users } from "../platform/tables.ts";
import { networks } from "../networks/tables.ts";
import { invitations, memberships } from "./tables.ts";
import { employerContacts } from "../employers/tables.ts";
import { candidates } from "../candidates/tables.ts";
import type { Role } from "../../shared/roles.ts";
import type { acceptInvitationSchema, invitationRequestSchema, memberPatchSchema, mePatchSchema } from "../../shared/contracts.ts";

export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export async function getMe(db: Db, actor: Actor & { kind: "user" }) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) throw new AppError("not_signed_in");
  const all = await db
    .select({ id: networks.id, name: networks.name, slug: networks.slug, role: memberships.role, themeColor: networks.themeColor, municipality: networks.municipality })
    .from(memberships)
    .innerJoin(networks, eq(networks.id, memberships.tenantId))
    .where(and(eq(memberships.userId, actor.userId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.createdAt));
  const network = all.find((n) => n.id === actor.tenantId)!;
  return {
    user: { id: user.id, name: user.name, email: user.email, locale: user.locale, twoFactorEnabled: user.twoFactorEnabled, instanceAdmin: user.instanceAdmin },
    network: { id: network.id, name: network.name, slug: network.slug, themeColor: network.themeColor, municipality: network.municipality },
    role: actor.role,
    networks: all.map((n) => ({ id: n.id, name: n.name, slug: n.slug, role: n.role as Role })),
    twoFactorRequired: actor.twoFactorPending,
  };
}

export async function updateMe(db: Db, actor: Actor & { kind: "user" }, patch: z.infer<typeof mePatchSchema>) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    await recordChange(tx, actor, { action: "user.update_profile", entityType: "user", entityId: actor.userId, after: { fields: Object.keys(patch) } });
  });
}

export async function listMembers(db: Db, tenantId: string, page: { limit: number; cursor?: Cursor | undefined }) {
  return db
    .select({
      id: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      status: memberships.status,
      twoFactorEnabled: users.twoFactorEnabled,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), afterCursor(memberships, page.cursor, "asc")))
    .orderBy(asc(memberships.createdAt), asc(memberships.id))
    .limit(page.limit + 1);
}

/** The network's active caseworkers (admins and advisors), by name: whom a case, task or follow-up can be given to. */
export async function listCaseworkers(db: Db, tenantId: string): Promise<{ userId: string; name: string; role: Role }[]> {
  const rows = await db
    .select({ userId: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.status, "active"), inArray(memberships.role, ["admin", "advisor"])))
    .orderBy(asc(users.name), asc(users.id));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

/** Changes a member's role or disables them. Disabling ends their sessions at once. A network keeps one active admin. */
export async function updateMember(db: Db, actor: Actor, userId: string, patch: z.infer<typeof memberPatchSchema>) {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, actor.tenantId), eq(memberships.userId, userId)))
      .for("update")
      .limit(1);
    if (!member) throw notFound("The user");
    const losesAdmin = member.role === "admin" && member.status === "active" && ((patch.role && patch.role !== "admin") || patch.status === "disabled");
    if (losesAdmin) {
      const [{ admins } = { admins: 0 }] = await tx
        .select({ admins: sql<number>`count(*)::int` })
        .from(memberships)
        .where(and(eq(memberships.tenantId, actor.tenantId), eq(memberships.role, "admin"), eq(memberships.status, "active"), ne(memberships.userId, userId)));
      if (admins === 0) throw new AppError("rule_broken", "A network must keep at least one active admin.");
    }
    const [after] = await tx
      .update(memberships)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(memberships.id, member.id))
      .returning();
    if (patch.status === "disabled") await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordChange(tx, actor, {
      action: "membership.update",
      entityType: "user",
      entityId: userId,
      before: { role: member.role, status: member.status },
      after: { role: after!.role, status: after!.status },
    });
    return after!;
  });
}

export type CreatedInvitation = { id: string; tenantId: string; email: string; role: Role; expiresAt: Date; createdAt: Date; token: string };

/**
 * Records an invitation (the caller's transaction). Mail it with sendInvitationMail after the commit.
 * `employerContactId`: an employer contact invited as an employer user; accepting links the contact to the user.
 */
export async function createInvitation(db: Db, actor: Actor, input: z.infer<typeof invitationRequestSchema>, options: { employerContactId?: string } = {}): Promise<CreatedInvitation> {
  const [existing] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, actor.tenantId), eq(users.email, input.email)))
    .limit(1);
  if (existing) throw new AppError("conflict", "That person is already a member of this network.", { errors: [{ path: "body.email", message: "is already a member" }] });
  const token = randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(invitations)
    .values({
      tenantId: actor.tenantId,
      email: input.email,
      role: input.role,
      tokenHash: sha256(token),
      invitedByUserId: actor.userId ?? null,
      employerContactId: options.employerContactId ?? null,
      expiresAt: new Date(Date.now() + invitationLifetimeMs),
    })
    .returning();
  await recordChange(db, actor, { action: "invitation.create", entityType: "invitation", entityId: row!.id, after: { role: input.role } });
  return { id: row!.id, tenantId: row!.tenantId, email: row!.email, role: input.role, expiresAt: row!.expiresAt, createdAt: row!.createdAt, token };
}

export async function sendInvitationMail(ctx: AppContext, invitation: CreatedInvitation) {
  const network = (await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, invitation.tenantId)))[0];
  const url = `${ctx.config.publicUrl}/invite/${invitation.token}`;
  await ctx.mailer.send(ctx.db, {
    tenantId: invitation.tenantId,
    to: invitation.email,
    subject: `Invitasjon til ${network?.name ?? "Mangfold"} / Invitation`,
    text:
      `Hei!\n\nDu er invitert til ${network?.name ?? "et nettverk"} i Mangfold. Åpne lenken for å bli med (gyldig i 7 dager):\n${url}\n\n` +
      `You have been invited to ${network?.name ?? "a network"} in Mangfold. Open the link to join (valid for 7 days):\n${url}\n`,
  });
}

export async function listInvitations(db: Db, tenantId: string) {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

export async function revokeInvitation(db: Db, actor: Actor, invitationId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, invitationId), eq(invitations.tenantId, actor.tenantId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!row) throw notFound("The invitation");
    await recordChange(tx, actor, { action: "invitation.revoke", entityType: "invitation", entityId: invitationId });
  });
}

async function findOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ invitation: invitations, networkName: networks.name })
    .from(invitations)
    .innerJoin(networks, eq(networks.id, invitations.tenantId))
    .where(eq(invitations.tokenHash, sha256(token)))
    .limit(1);
  if (!row) throw new AppError("not_found", "This invitation link is not valid. Ask for a new invitation.");
  const { invitation } = row;
  if (invitation.acceptedAt) throw new AppError("invitation_invalid", "This invitation has already been used. Sign in instead.");
  if (invitation.revokedAt) throw new AppError("invitation_invalid", "This invitation was withdrawn. Ask for a new invitation.");
  if (invitation.expiresAt.getTime() < Date.now()) throw new AppError("invitation_invalid", "This invitation has expired. Ask for a new invitation.");
  return row;
}

export async function getPublicInvitation(db: Db, token: string) {
  const { invitation, networkName } = await findOpenInvitation(db, token);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).limit(1);
  return { networkName, email: invitation.email, role: invitation.role as Role, expiresAt: invitation.expiresAt.toISOString(), accountExists: Boolean(user) };
}

/**
 * Accepts an invitation. A new person sets a name and password here; a person who already has an account must
 * be signed in as the invited address. One transaction: the account, the membership and the acceptance together.
 */
export async function acceptInvitation(ctx: AppContext, token: string, input: z.infer<typeof acceptInvitationSchema>, signedInUserId: string | null) {
  return ctx.db.transaction(async (tx) => {
    const { invitation } = await findOpenInvitation(tx, token);
    const [locked] = await tx.select({ id: invitations.id }).from(invitations).where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt))).for("update");
    if (!locked) throw new AppError("invitation_invalid", "This invitation has already been used. Sign in instead.");
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).limit(1);
    let userId: string;
    if (existing) {
      if (signedInUserId !== existing.id) throw new AppError("not_signed_in", "You already have an account: sign in as the invited address to accept.");
      userId = existing.id;
    } else {
      if (!input.name || !input.password) {
        throw new AppError("validation_failed", "Give your name and a password to create your account.", {
          errors: [
            ...(input.name ? [] : [{ path: "body.name", message: "is required" }]),
            ...(input.password ? [] : [{ path: "body.password", message: "is required" }]),
          ],
        });
      }
      userId = await createUserWithPassword(tx, ctx.auth, { name: input.name, email: invitation.email, password: input.password });
    }
    const [member] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, invitation.tenantId), eq(memberships.userId, userId)))
      .limit(1);
    if (member) throw new AppError("conflict", "You are already a member of this network.");
    await tx.insert(memberships).values({ tenantId: invitation.tenantId, userId, role: invitation.role });
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
    const actor = { kind: "system" as const, tenantId: invitation.tenantId };
    if (invitation.employerContactId) {
      // An employer contact: from now on this user sees that company in the employer portal.
      const linked = await tx
        .update(employerContacts)
        .set({ userId })
        .where(and(eq(employerContacts.tenantId, invitation.tenantId), eq(employerContacts.id, invitation.employerContactId)))
        .returning({ employerId: employerContacts.employerId });
      if (linked[0]) {
        await recordChange(tx, { ...actor, userId }, { action: "employer.contact_link", entityType: "employer", entityId: linked[0].employerId, after: { contactId: invitation.employerContactId, userId } });
      }
    }
    if (invitation.candidateId) {
      // A candidate invited to the candidate portal: from now on this user sees that candidate record, and only it.
      const linked = await tx
        .update(candidates)
        .set({ userId })
        .where(and(eq(candidates.tenantId, invitation.tenantId), eq(candidates.id, invitation.candidateId), isNull(candidates.userId)))
        .returning({ id: candidates.id });
      if (linked[0]) await recordChange(tx, { ...actor, userId }, { action: "portal.link", entityType: "candidate", entityId: linked[0].id, after: { userId } });
    }
    await recordChange(tx, { ...actor, userId }, { action: "invitation.accept", entityType: "invitation", entityId: invitation.id, after: { role: invitation.role, userId } });
    return { networkId: invitation.tenantId, userId };
  });
}
