import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { AppContext } from "../platform/context.ts";
import type { Actor, AnyActor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { createUserWithPassword } from "../platform/auth.ts";
import { networks } from "./tables.ts";
import { memberships } from "../users/tables.ts";
import { users } from "../platform/tables.ts";
import { createInvitation, sendInvitationMail } from "../users/service.ts";
import { copyFromTemplate } from "./template.ts";
import { placementTypes } from "../../shared/placements.ts";
import { publicStatsFigures } from "../../shared/public-stats.ts";
import type { PlacementType } from "../../shared/placements.ts";
import type { createNetworkSchema, networkPatchSchema, setupRequestSchema } from "../../shared/contracts.ts";

export type NetworkRow = typeof networks.$inferSelect;

export async function needsSetup(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: networks.id }).from(networks).limit(1);
  return !row;
}

async function insertNetwork(db: Db, input: { name: string; slug: string; municipality: string }) {
  const [existing] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, input.slug)).limit(1);
  if (existing) throw new AppError("conflict", `A network with the address name "${input.slug}" already exists.`, { errors: [{ path: "body.slug", message: "is taken" }] });
  const [network] = await db.insert(networks).values(input).returning();
  return network!;
}

/**
 * Creates a network and its first admin, who also becomes an instance administrator. The web's first-run page
 * may do this only on an empty installation (`onlyWhenEmpty`); the operator's `mangfold setup` may add networks.
 * One transaction: all of it or nothing.
 */
export async function setUpInstallation(ctx: AppContext, input: z.infer<typeof setupRequestSchema>, options = { onlyWhenEmpty: true }) {
  return ctx.db.transaction(async (tx) => {
    // Two set-ups racing on a PostgreSQL server: the second waits here, then sees the first network.
    await tx.execute(sql`select pg_advisory_xact_lock(72737)`);
    if (options.onlyWhenEmpty && !(await needsSetup(tx))) throw new AppError("already_set_up", "This installation already has a network. Sign in instead.");
    const network = await insertNetwork(tx, input.network);
    const [existingUser] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.admin.email)).limit(1);
    if (existingUser) throw new AppError("conflict", "A user with that e-mail already exists; invite them to the network instead.");
    const userId = await createUserWithPassword(tx, ctx.auth, { ...input.admin, instanceAdmin: true });
    await tx.insert(memberships).values({ tenantId: network.id, userId, role: "admin" });
    const system: AnyActor = { kind: "system", tenantId: network.id };
    await recordChange(tx, system, { action: "network.create", entityType: "network", entityId: network.id, after: { name: network.name, slug: network.slug } });
    await recordChange(tx, { ...system }, { action: "membership.create", entityType: "user", entityId: userId, after: { role: "admin", instanceAdmin: true } });
    return { network, userId };
  });
}

export async function getNetwork(db: Db, tenantId: string): Promise<NetworkRow> {
  const [network] = await db.select().from(networks).where(eq(networks.id, tenantId)).limit(1);
  if (!network) throw notFound("The network");
  return network;
}

export async function getNetworkBySlug(db: Db, slug: string): Promise<NetworkRow> {
  const [network] = await db.select().from(networks).where(eq(networks.slug, slug)).limit(1);
  if (!network) throw new AppError("not_found", `No network with the address name "${slug}".`);
  return network;
}

export async function updateNetworkSettings(db: Db, actor: Actor, patch: z.infer<typeof networkPatchSchema>) {
  return db.transaction(async (tx) => {
    const before = await getNetwork(tx, actor.tenantId);
    const [after] = await tx
      .update(networks)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(networks.id, actor.tenantId))
      .returning();
    const changed = Object.fromEntries(Object.keys(patch).map((key) => [key, before[key as keyof NetworkRow]]));
    await recordChange(tx, actor, { action: "network.update", entityType: "network", entityId: actor.tenantId, before: changed, after: patch });
    return after!;
  });
}

/**
 * An instance administrator creates another network, optionally from a template network (its settings, stages,
 * programme template, criteria and service types; never its people); its first admin is invited by e-mail.
 */
export async function createNetwork(ctx: AppContext, actor: Actor, input: z.infer<typeof createNetworkSchema>) {
  const created = await ctx.db.transaction(async (tx) => {
    const inserted = await insertNetwork(tx, { name: input.name, slug: input.slug, municipality: input.municipality });
    // From a template: the template network's way of working, never its people (template.ts).
    const copied = input.templateNetworkId ? await copyFromTemplate(tx, input.templateNetworkId, inserted.id) : null;
    const network = copied ? await getNetwork(tx, inserted.id) : inserted;
    await recordChange(tx, actor, {
      action: "network.create",
      entityType: "network",
      entityId: network.id,
      tenantId: network.id,
      after: { name: network.name, slug: network.slug, ...(copied ? { templateNetworkId: input.templateNetworkId, copied } : {}) },
    });
    const invitation = await createInvitation(tx, { ...actor, tenantId: network.id }, { email: input.admin.email, role: "admin" });
    return { network, invitation };
  });
  await sendInvitationMail(ctx, created.invitation);
  return created;
}

export function presentNetwork(network: NetworkRow) {
  return {
    id: network.id,
    name: network.name,
    slug: network.slug,
    municipality: network.municipality,
    themeColor: network.themeColor,
    requireTwoFactorForAdmins: network.requireTwoFactorForAdmins,
    goalTarget: network.goalTarget,
    goalDeadline: network.goalDeadline,
    exclusionCostNok: network.exclusionCostNok,
    goalPlacementTypes: network.goalPlacementTypes.filter((type): type is PlacementType => (placementTypes as readonly string[]).includes(type)),
    publicStats: {
      enabled: network.publicStats.enabled === true,
      figures: publicStatsFigures.filter((figure) => network.publicStats.figures?.includes(figure)),
    },
  };
}
