import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { goals } from "./tables.ts";
import { placementTypes } from "../../shared/placements.ts";
import type { PlacementType } from "../../shared/placements.ts";
import type { Goal, GoalInput, GoalKind, GoalPatch } from "../../shared/dashboard.ts";

/*
 * The network's goals (issue 6). Admins write, with an audit entry in the same transaction; what counts toward a
 * goal is decided when read (goals/dashboard.ts). See docs/decisions/015-goals-and-dashboard.md.
 */

export type GoalRow = typeof goals.$inferSelect;

export function presentGoal(row: GoalRow): Goal {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as GoalKind,
    target: row.target,
    startDate: row.startDate,
    deadline: row.deadline,
    placementTypes: row.placementTypes.filter((type): type is PlacementType => (placementTypes as readonly string[]).includes(type)),
    partnerOrganisation: row.partnerOrganisation,
    programme: row.programme,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The whole goal's rules: a deadline goal has a deadline after its start, a yearly goal has none. */
function check(goal: GoalInput) {
  const errors: FieldError[] = [];
  if (goal.kind === "deadline") {
    if (goal.deadline === null) errors.push({ path: "body.deadline", message: "is required for a goal with a deadline" });
    else if (goal.deadline <= goal.startDate) errors.push({ path: "body.deadline", message: "must be after the start date" });
  } else if (goal.deadline !== null) {
    errors.push({ path: "body.deadline", message: "must be empty for a yearly goal (the target is per calendar year)" });
  }
  if (errors.length > 0) throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
}

const emptyToNull = (text: string | null) => (text === null || text.trim() === "" ? null : text.trim());

function columnsOf(goal: GoalInput) {
  return {
    name: goal.name.trim(),
    kind: goal.kind,
    target: goal.target,
    startDate: goal.startDate,
    deadline: goal.deadline,
    placementTypes: [...goal.placementTypes],
    partnerOrganisation: emptyToNull(goal.partnerOrganisation),
    programme: emptyToNull(goal.programme),
    active: goal.active,
  };
}

export async function listGoals(db: Db, tenantId: string, query: { active?: boolean | undefined } = {}) {
  return db
    .select()
    .from(goals)
    .where(and(eq(goals.tenantId, tenantId), query.active === undefined ? undefined : eq(goals.active, query.active)))
    .orderBy(asc(goals.createdAt), asc(goals.id));
}

async function loadGoal(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(goals)
    .where(and(eq(goals.tenantId, tenantId), eq(goals.id, id)))
    .limit(1)
    .for("update");
  if (!row) throw notFound("The goal");
  return row;
}

export async function createGoal(db: Db, actor: Actor, input: GoalInput) {
  check(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(goals)
      .values({ tenantId: actor.tenantId, ...columnsOf(input) })
      .returning();
    await recordChange(tx, actor, { action: "goal.create", entityType: "goal", entityId: row!.id, after: columnsOf(input) });
    return row!;
  });
}

export async function updateGoal(db: Db, actor: Actor, id: string, patch: GoalPatch) {
  return db.transaction(async (tx) => {
    const before = await loadGoal(tx, actor.tenantId, id);
    const current = presentGoal(before);
    const merged: GoalInput = {
      name: patch.name ?? current.name,
      kind: patch.kind ?? current.kind,
      target: patch.target ?? current.target,
      startDate: patch.startDate ?? current.startDate,
      // Switching to yearly drops the deadline unless one is sent (then it is refused).
      deadline: patch.deadline !== undefined ? patch.deadline : patch.kind === "yearly" ? null : current.deadline,
      placementTypes: patch.placementTypes ?? current.placementTypes,
      partnerOrganisation: patch.partnerOrganisation !== undefined ? patch.partnerOrganisation : current.partnerOrganisation,
      programme: patch.programme !== undefined ? patch.programme : current.programme,
      active: patch.active ?? current.active,
    };
    check(merged);
    const columns = columnsOf(merged);
    const old = columnsOf({ ...current });
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((key) => JSON.stringify(columns[key]) !== JSON.stringify(old[key]));
    if (changed.length === 0) return before;
    const [after] = await tx
      .update(goals)
      .set({ ...columns, updatedAt: new Date() })
      .where(eq(goals.id, id))
      .returning();
    await recordChange(tx, actor, {
      action: "goal.update",
      entityType: "goal",
      entityId: id,
      before: Object.fromEntries(changed.map((key) => [key, old[key]])),
      after: Object.fromEntries(changed.map((key) => [key, columns[key]])),
    });
    return after!;
  });
}

export async function deleteGoal(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const before = await loadGoal(tx, actor.tenantId, id);
    await tx.delete(goals).where(eq(goals.id, id));
    await recordChange(tx, actor, { action: "goal.delete", entityType: "goal", entityId: id, before: columnsOf(presentGoal(before)) });
  });
}
