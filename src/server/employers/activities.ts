import { and, asc, desc, eq, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, forbidden, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { memberships } from "../users/tables.ts";
import { employerActivities, employers } from "./tables.ts";
import { loadEmployer } from "./service.ts";
import { startOfDate } from "../platform/dates.ts";
import * as policy from "./policy.ts";
import type { activityInputSchema, taskQuerySchema } from "../../shared/employers.ts";

/*
 * The timeline of an employer (visits, calls, meetings, e-mails, events, notes), each activity with an optional
 * follow-up task, and the task lists. "Due" and "overdue" are judged by the date in Norway.
 */

export type ActivityRow = typeof employerActivities.$inferSelect;
export type ActivityInput = z.infer<typeof activityInputSchema>;
export type TaskQuery = z.infer<typeof taskQuerySchema>;

type ActivityCursor = { occurredOn: string; createdAt: Date; id: string };

export function encodeActivityCursor(row: ActivityRow): string {
  return Buffer.from(JSON.stringify([row.occurredOn, row.createdAt.toISOString(), row.id])).toString("base64url");
}

function decodeActivityCursor(cursor: string | undefined): ActivityCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [occurredOn, createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string, string];
    const at = new Date(createdAt);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn) || Number.isNaN(at.getTime()) || typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad cursor");
    return { occurredOn, createdAt: at, id };
  } catch {
    throw new AppError("validation_failed", "The cursor is not valid; start again without it.", { errors: [{ path: "query.cursor", message: "is not valid" }] });
  }
}

/** The employer's timeline, newest first (by date, then by when it was written). Returns limit+1 rows. */
export async function listActivities(db: Db, actor: Actor, employerId: string, page: { limit: number; cursor?: string | undefined }) {
  await loadEmployer(db, actor.tenantId, employerId);
  const cursor = decodeActivityCursor(page.cursor);
  return db
    .select()
    .from(employerActivities)
    .where(
      and(
        eq(employerActivities.tenantId, actor.tenantId),
        eq(employerActivities.employerId, employerId),
        cursor
          ? or(
              lt(employerActivities.occurredOn, cursor.occurredOn),
              and(eq(employerActivities.occurredOn, cursor.occurredOn), lt(employerActivities.createdAt, cursor.createdAt)),
              and(eq(employerActivities.occurredOn, cursor.occurredOn), eq(employerActivities.createdAt, cursor.createdAt), lt(employerActivities.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(employerActivities.occurredOn), desc(employerActivities.createdAt), desc(employerActivities.id))
    .limit(page.limit + 1);
}

/** A follow-up's assignee must be an active admin or advisor of the network. */
async function checkAssignee(db: Db, tenantId: string, userId: string) {
  const [member] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), eq(memberships.status, "active")))
    .limit(1);
  if (!member || !policy.assignable.includes(member.role as never)) {
    throw new AppError("validation_failed", "The follow-up's assignee must be an admin or advisor of this network.", {
      errors: [{ path: "body.followUp.assigneeUserId", message: "is not an admin or advisor of this network" }],
    });
  }
}

/**
 * Adds an activity to the timeline, with its follow-up task if given (assigned to the author unless someone else
 * is named), and moves the employer's last contact to the activity's date when that is later.
 */
export async function addActivity(db: Db, actor: Actor, employerId: string, input: ActivityInput) {
  let assignee: string | null = null;
  if (input.followUp) {
    assignee = input.followUp.assigneeUserId ?? actor.userId ?? null;
    if (!assignee) {
      throw new AppError("validation_failed", "An API token has no person to assign the follow-up to: name the assignee.", {
        errors: [{ path: "body.followUp.assigneeUserId", message: "is required when an API token writes" }],
      });
    }
    await checkAssignee(db, actor.tenantId, assignee);
  }
  return db.transaction(async (tx) => {
    await loadEmployer(tx, actor.tenantId, employerId, { forUpdate: true });
    const [row] = await tx
      .insert(employerActivities)
      .values({
        tenantId: actor.tenantId,
        employerId,
        kind: input.kind,
        occurredOn: input.occurredOn,
        summary: input.summary,
        authorUserId: actor.userId ?? null,
        followUpText: input.followUp?.text ?? null,
        followUpDueOn: input.followUp?.dueOn ?? null,
        followUpAssigneeUserId: assignee,
      })
      .returning();
    const occurred = startOfDate(input.occurredOn);
    await tx
      .update(employers)
      .set({ lastContactAt: sql`greatest(${employers.lastContactAt}, ${occurred.toISOString()}::timestamptz)`, updatedAt: new Date() })
      .where(eq(employers.id, employerId));
    await recordChange(tx, actor, { action: "employer.activity_add", entityType: "employer", entityId: employerId, after: { activityId: row!.id, kind: input.kind, followUp: input.followUp !== null } });
    return row!;
  });
}

/** The follow-up tasks: mine (assigned to me) or all (admins), open or done. Open ones by due date, overdue first. */
export async function listTasks(db: Db, actor: Actor, query: TaskQuery) {
  if (query.scope === "all" && !policy.allTasks.includes(actor.role)) throw forbidden("Only admins see everyone's tasks; ask for scope=mine.");
  if (query.scope === "mine" && !actor.userId) {
    throw new AppError("validation_failed", "scope=mine needs a signed-in person; an API token has no tasks of its own.", { errors: [{ path: "query.scope", message: "needs a person" }] });
  }
  const rows = await db
    .select({ activity: employerActivities, employerName: employers.name })
    .from(employerActivities)
    .innerJoin(employers, eq(employers.id, employerActivities.employerId))
    .where(
      and(
        eq(employerActivities.tenantId, actor.tenantId),
        isNotNull(employerActivities.followUpDueOn),
        query.scope === "mine" ? eq(employerActivities.followUpAssigneeUserId, actor.userId!) : undefined,
        query.include === "open" ? isNull(employerActivities.followUpDoneAt) : isNotNull(employerActivities.followUpDoneAt),
      ),
    )
    .orderBy(
      ...(query.include === "open"
        ? [asc(employerActivities.followUpDueOn), asc(employerActivities.createdAt), asc(employerActivities.id)]
        : [desc(employerActivities.followUpDoneAt), desc(employerActivities.id)]),
    )
    .limit(500);
  return rows;
}

export async function setTaskDone(db: Db, actor: Actor, activityId: string, done: boolean) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ activity: employerActivities, employerName: employers.name })
      .from(employerActivities)
      .innerJoin(employers, eq(employers.id, employerActivities.employerId))
      .where(and(eq(employerActivities.tenantId, actor.tenantId), eq(employerActivities.id, activityId), isNotNull(employerActivities.followUpDueOn)))
      .for("update")
      .limit(1);
    if (!row) throw notFound("The task");
    if ((row.activity.followUpDoneAt !== null) === done) return row;
    const [activity] = await tx
      .update(employerActivities)
      // Reopened: it may be reminded of again.
      .set(done ? { followUpDoneAt: new Date() } : { followUpDoneAt: null, followUpRemindedAt: null })
      .where(eq(employerActivities.id, activityId))
      .returning();
    await recordChange(tx, actor, { action: done ? "employer.task_done" : "employer.task_reopen", entityType: "employer", entityId: row.activity.employerId, after: { activityId } });
    return { activity: activity!, employerName: row.employerName };
  });
}

/** Open tasks due on or before `today` that nobody has been reminded of (for the reminder job). */
export function dueTasksCondition(today: string) {
  return and(isNotNull(employerActivities.followUpDueOn), lte(employerActivities.followUpDueOn, today), isNull(employerActivities.followUpDoneAt), isNull(employerActivities.followUpRemindedAt), isNotNull(employerActivities.followUpAssigneeUserId));
}
