import { and, asc, count, desc, eq, isNull, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { createPlacement } from "../placements/service.ts";
import { placementInputSchema } from "../../shared/jobs.ts";
import {
  traineeCohorts,
  traineeEvaluations,
  traineeGoals,
  traineeLogEntries,
  traineePlanItems,
  traineeTemplates,
  traineeUnitFigures,
  trainees,
} from "./tables.ts";
import * as policy from "./policy.ts";
import { defaultEndDate, defaultSubsidyPeriods, generatePlan } from "./plan.ts";
import { defaultTemplate, wageTable } from "../../shared/trainee-programme.ts";
import type {
  cohortInputSchema,
  cohortPatchSchema,
  evaluationInputSchema,
  evaluationPatchSchema,
  goalInputSchema,
  goalPatchSchema,
  logInputSchema,
  OutcomeInput,
  SubsidyPeriod,
  TemplateInput,
  TraineeInput,
  traineePatchSchema,
  UnitFigures,
} from "../../shared/trainee-programme.ts";
import { traineeNeeds, traineeShortlistEntries } from "../trainee-recruitment/tables.ts";

/*
 * The trainee programme's services (ADR 021). Every function filters by the actor's network; supervisors are
 * narrowed to the trainees they supervise (another trainee is "not found", as another network's would be).
 * Changes are audited in the same transaction; reads of a trainee (a person) go to the access log.
 */

export type TraineeRow = typeof trainees.$inferSelect;
export type EvaluationRow = typeof traineeEvaluations.$inferSelect;

function invalid(errors: FieldError[]): never {
  throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
}

// ---------------------------------------------------------------------------------------------------------
// Template
// ---------------------------------------------------------------------------------------------------------

export async function getTemplate(db: Db, tenantId: string): Promise<TemplateInput & { updatedAt: Date | null }> {
  const [row] = await db.select().from(traineeTemplates).where(eq(traineeTemplates.tenantId, tenantId)).limit(1);
  if (!row) return { ...defaultTemplate, updatedAt: null };
  return { activities: row.activities, evaluationMonths: row.evaluationMonths, criteria: row.criteria, reminderDaysBefore: row.reminderDaysBefore, fullSubsidyMonths: row.fullSubsidyMonths, updatedAt: row.updatedAt };
}

/** Saves the template. Plans already generated stay as they are: a template change applies to new trainees. */
export async function saveTemplate(db: Db, actor: Actor, input: TemplateInput) {
  return db.transaction(async (tx) => {
    const values = { ...input, evaluationMonths: [...input.evaluationMonths].sort((a, b) => a - b), updatedAt: new Date() };
    await tx.insert(traineeTemplates).values({ tenantId: actor.tenantId, ...values }).onConflictDoUpdate({ target: traineeTemplates.tenantId, set: values });
    await recordChange(tx, actor, { action: "trainee_template.update", entityType: "trainee_template", entityId: actor.tenantId, after: { activities: input.activities.length, evaluationMonths: values.evaluationMonths } });
    return getTemplate(tx, actor.tenantId);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Cohorts
// ---------------------------------------------------------------------------------------------------------

/** The cohort's number of trainees (spelt out in SQL: drizzle leaves a column of the outer table unqualified in a subquery). */
const traineeCount = sql<number>`(select count(*)::int from "trainees" t where t."cohort_id" = "trainee_cohorts"."id")`;

export async function listCohorts(db: Db, actor: Actor) {
  return db
    .select({ cohort: traineeCohorts, trainees: traineeCount })
    .from(traineeCohorts)
    .where(eq(traineeCohorts.tenantId, actor.tenantId))
    .orderBy(desc(traineeCohorts.startDate), asc(traineeCohorts.name));
}

export async function getCohort(db: Db, actor: Actor, id: string) {
  const [row] = (await listCohortsWhere(db, actor, id));
  if (!row) throw notFound("The cohort");
  return row;
}

async function listCohortsWhere(db: Db, actor: Actor, id: string) {
  return db
    .select({ cohort: traineeCohorts, trainees: traineeCount })
    .from(traineeCohorts)
    .where(and(eq(traineeCohorts.tenantId, actor.tenantId), eq(traineeCohorts.id, id)))
    .limit(1);
}

export async function createCohort(db: Db, actor: Actor, input: z.infer<typeof cohortInputSchema>) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(traineeCohorts).values({ tenantId: actor.tenantId, ...input }).returning();
    await recordChange(tx, actor, { action: "trainee_cohort.create", entityType: "trainee_cohort", entityId: row!.id, after: input });
    return { cohort: row!, trainees: 0 };
  });
}

export async function updateCohort(db: Db, actor: Actor, id: string, patch: z.infer<typeof cohortPatchSchema>) {
  return db.transaction(async (tx) => {
    const before = await getCohort(tx, actor, id);
    await tx.update(traineeCohorts).set(patch).where(eq(traineeCohorts.id, id));
    await recordChange(tx, actor, { action: "trainee_cohort.update", entityType: "trainee_cohort", entityId: id, before: { name: before.cohort.name, startDate: before.cohort.startDate, area: before.cohort.area }, after: patch });
    return getCohort(tx, actor, id);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Trainees
// ---------------------------------------------------------------------------------------------------------

/** The active supervisors of the network (for the trainee form). */
export async function listSupervisors(db: Db, actor: Actor) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, actor.tenantId), eq(memberships.role, "supervisor"), eq(memberships.status, "active")))
    .orderBy(asc(users.name));
}

async function isSupervisor(db: Db, tenantId: string, userId: string) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), eq(memberships.role, "supervisor"), eq(memberships.status, "active")))
    .limit(1);
  return Boolean(row);
}

function checkPeriods(periods: readonly SubsidyPeriod[], startDate: string, endDate: string, errors: FieldError[]) {
  periods.forEach((p, i) => {
    if (p.to < p.from) errors.push({ path: `body.subsidyPeriods.${i}.to`, message: "must not be before its start" });
    if (p.from < startDate || p.to > endDate) errors.push({ path: `body.subsidyPeriods.${i}`, message: "must lie within the trainee's start and end dates" });
  });
}

/** Adds a trainee to a cohort, with the individual plan generated from the network's template. */
export async function createTrainee(db: Db, actor: Actor, input: TraineeInput) {
  return db.transaction(async (tx) => {
    const errors: FieldError[] = [];
    const [cohort] = await tx.select().from(traineeCohorts).where(and(eq(traineeCohorts.tenantId, actor.tenantId), eq(traineeCohorts.id, input.cohortId))).limit(1);
    if (!cohort) errors.push({ path: "body.cohortId", message: "is not a cohort of this network" });
    const [candidate] = await tx
      .select({ id: candidates.id, erasureRequestedAt: candidates.erasureRequestedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, input.candidateId)))
      .limit(1);
    if (!candidate) errors.push({ path: "body.candidateId", message: "is not a candidate of this network" });
    else if (candidate.erasureRequestedAt) errors.push({ path: "body.candidateId", message: "has asked to be erased" });
    if (!(await isSupervisor(tx, actor.tenantId, input.supervisorUserId))) errors.push({ path: "body.supervisorUserId", message: "is not an active supervisor of this network" });
    if (input.recruitmentNeedId !== undefined) {
      // A trainee started from a recruitment need must be one the need's decision accepted.
      const [need] = await tx.select({ id: traineeNeeds.id }).from(traineeNeeds).where(and(eq(traineeNeeds.tenantId, actor.tenantId), eq(traineeNeeds.id, input.recruitmentNeedId))).limit(1);
      if (!need) errors.push({ path: "body.recruitmentNeedId", message: "is not a recruitment need of this network" });
      else if (candidate) {
        const [accepted] = await tx
          .select({ id: traineeShortlistEntries.id })
          .from(traineeShortlistEntries)
          .where(and(eq(traineeShortlistEntries.tenantId, actor.tenantId), eq(traineeShortlistEntries.needId, need.id), eq(traineeShortlistEntries.candidateId, candidate.id), eq(traineeShortlistEntries.status, "accepted")))
          .limit(1);
        if (!accepted) errors.push({ path: "body.candidateId", message: "was not accepted for this recruitment need" });
      }
    }
    const startDate = input.startDate ?? cohort?.startDate ?? osloDate();
    const endDate = input.endDate ?? defaultEndDate(startDate);
    if (endDate < startDate) errors.push({ path: "body.endDate", message: "must not be before the start date" });
    const template = await getTemplate(tx, actor.tenantId);
    const subsidyPeriods = input.subsidyPeriods ?? defaultSubsidyPeriods(startDate, endDate, template.fullSubsidyMonths);
    checkPeriods(subsidyPeriods, startDate, endDate, errors);
    if (errors.length > 0) invalid(errors);

    const [row] = await tx
      .insert(trainees)
      .values({
        tenantId: actor.tenantId,
        cohortId: input.cohortId,
        candidateId: input.candidateId,
        recruitmentNeedId: input.recruitmentNeedId ?? null,
        supervisorUserId: input.supervisorUserId,
        unit: input.unit,
        area: input.area || cohort!.area,
        startDate,
        endDate,
        monthlySalaryOre: input.monthlySalaryOre,
        subsidyPeriods,
      })
      .returning();
    const plan = generatePlan(template, startDate, endDate);
    if (plan.length > 0) await tx.insert(traineePlanItems).values(plan.map((item) => ({ tenantId: actor.tenantId, traineeId: row!.id, ...item })));
    await recordChange(tx, actor, { action: "trainee.create", entityType: "trainee", entityId: row!.id, after: { cohortId: input.cohortId, unit: input.unit, startDate, endDate, planItems: plan.length } });
    return row!;
  });
}

/** A trainee the actor may reach: the network's for HR and admins, their own for a supervisor; else not found. */
export async function loadTrainee(db: Db, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(trainees)
    .where(and(eq(trainees.tenantId, actor.tenantId), eq(trainees.id, id), policy.seesAll.includes(actor.role) ? undefined : actor.userId ? eq(trainees.supervisorUserId, actor.userId) : sql`false`))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The trainee");
  return row;
}

export async function listTrainees(db: Db, actor: Actor, query: { cohortId?: string | undefined }, now = new Date()) {
  const today = osloDate(now);
  const rows = await db
    .select({
      trainee: trainees,
      cohortName: traineeCohorts.name,
      candidateFirst: candidates.firstName,
      candidateLast: candidates.lastName,
      supervisorName: users.name,
      // Overdue and next only while the programme runs; the outer table spelt out (see traineeCount).
      overdueItems: sql<number>`(select count(*)::int from "trainee_plan_items" p where p.trainee_id = "trainees"."id" and "trainees"."status" = 'active' and p.done_at is null and p.due_on < ${today}::date)`,
      nextTitle: sql<string | null>`(select p.title from "trainee_plan_items" p where p.trainee_id = "trainees"."id" and "trainees"."status" = 'active' and p.done_at is null and p.due_on >= ${today}::date order by p.due_on, p.id limit 1)`,
      nextDue: sql<string | null>`(select p.due_on::text from "trainee_plan_items" p where p.trainee_id = "trainees"."id" and "trainees"."status" = 'active' and p.done_at is null and p.due_on >= ${today}::date order by p.due_on, p.id limit 1)`,
    })
    .from(trainees)
    .innerJoin(traineeCohorts, eq(traineeCohorts.id, trainees.cohortId))
    .leftJoin(candidates, eq(candidates.id, trainees.candidateId))
    .leftJoin(users, eq(users.id, trainees.supervisorUserId))
    .where(
      and(
        eq(trainees.tenantId, actor.tenantId),
        query.cohortId ? eq(trainees.cohortId, query.cohortId) : undefined,
        policy.seesAll.includes(actor.role) ? undefined : actor.userId ? eq(trainees.supervisorUserId, actor.userId) : sql`false`,
      ),
    )
    .orderBy(asc(traineeCohorts.startDate), asc(candidates.lastName), asc(trainees.id))
    .limit(1000);
  const candidateIds = rows.map((r) => r.trainee.candidateId).filter((id): id is string => id !== null);
  if (candidateIds.length > 0) await recordAccess(db, actor, candidateIds.map((personId) => ({ personType: "candidate", personId, purpose: "trainee_programme" })));
  return rows;
}

export async function updateTrainee(db: Db, actor: Actor, id: string, patch: z.infer<typeof traineePatchSchema>) {
  return db.transaction(async (tx) => {
    const before = await loadTrainee(tx, actor, id, { forUpdate: true });
    const errors: FieldError[] = [];
    if (patch.supervisorUserId && patch.supervisorUserId !== before.supervisorUserId && !(await isSupervisor(tx, actor.tenantId, patch.supervisorUserId))) {
      errors.push({ path: "body.supervisorUserId", message: "is not an active supervisor of this network" });
    }
    const endDate = patch.endDate ?? before.endDate;
    if (endDate < before.startDate) errors.push({ path: "body.endDate", message: "must not be before the start date" });
    checkPeriods(patch.subsidyPeriods ?? before.subsidyPeriods, before.startDate, endDate, errors);
    if (errors.length > 0) invalid(errors);
    const fields = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined);
    await tx.update(trainees).set({ ...patch, updatedAt: new Date() }).where(eq(trainees.id, id));
    await recordChange(tx, actor, { action: "trainee.update", entityType: "trainee", entityId: id, before: { fields }, after: { fields } });
    return loadTrainee(tx, actor, id);
  });
}

/** Everything on the trainee's page, for the actor: evaluations they may see, pay only for HR and admins. */
export async function getTraineeDetail(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const trainee = await loadTrainee(tx, actor, id);
    // One after another: a transaction is one connection, which runs one query at a time.
    const plan = await tx.select().from(traineePlanItems).where(eq(traineePlanItems.traineeId, id)).orderBy(asc(traineePlanItems.dueOn), asc(traineePlanItems.kind), asc(traineePlanItems.id));
    const goalRows = await tx.select().from(traineeGoals).where(eq(traineeGoals.traineeId, id)).orderBy(asc(traineeGoals.createdAt));
    const evaluations = await tx
      .select()
      .from(traineeEvaluations)
      .where(and(eq(traineeEvaluations.traineeId, id), visibleEvaluation(actor)))
      .orderBy(asc(traineeEvaluations.month), asc(traineeEvaluations.kind));
    const log = await tx.select().from(traineeLogEntries).where(eq(traineeLogEntries.traineeId, id)).orderBy(desc(traineeLogEntries.occurredOn), desc(traineeLogEntries.createdAt));
    const template = await getTemplate(tx, actor.tenantId);
    const [cohort] = await tx.select({ name: traineeCohorts.name }).from(traineeCohorts).where(eq(traineeCohorts.id, trainee.cohortId));
    const [candidate] = trainee.candidateId ? await tx.select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName }).from(candidates).where(eq(candidates.id, trainee.candidateId)) : [];
    if (trainee.candidateId) await recordAccess(tx, actor, { personType: "candidate", personId: trainee.candidateId, purpose: "trainee_programme" });
    return { trainee, cohortName: cohort?.name ?? "", candidate: candidate ?? null, plan, goals: goalRows, evaluations, log, template };
  });
}

export type TraineeDetail = Awaited<ReturnType<typeof getTraineeDetail>>;

export const wageOf = (t: TraineeRow) => ({ monthlySalaryOre: t.monthlySalaryOre, subsidyPeriods: t.subsidyPeriods, ...wageTable(t) });

// ---------------------------------------------------------------------------------------------------------
// Plan items
// ---------------------------------------------------------------------------------------------------------

/** Ticks an activity off (or back on). Evaluations are done when the supervisor publishes theirs. */
export async function setPlanItemDone(db: Db, actor: Actor, itemId: string, done: boolean) {
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(traineePlanItems).where(and(eq(traineePlanItems.tenantId, actor.tenantId), eq(traineePlanItems.id, itemId))).limit(1);
    if (!item) throw notFound("The plan item");
    await loadTrainee(tx, actor, item.traineeId);
    if (item.kind === "evaluation") throw new AppError("rule_broken", "An evaluation is done when the supervisor publishes it.");
    if ((item.doneAt !== null) === done) return item;
    const [after] = await tx
      .update(traineePlanItems)
      .set({ doneAt: done ? new Date() : null, doneByUserId: done ? (actor.userId ?? null) : null })
      .where(eq(traineePlanItems.id, itemId))
      .returning();
    await recordChange(tx, actor, { action: done ? "trainee_plan_item.done" : "trainee_plan_item.undone", entityType: "trainee_plan_item", entityId: itemId, after: { traineeId: item.traineeId } });
    return after!;
  });
}

/** Plan items not done and past due, of active trainees: HR's overdue list. */
export async function listOverdue(db: Db, actor: Actor, now = new Date()) {
  const today = osloDate(now);
  return db
    .select({ item: traineePlanItems, firstName: candidates.firstName, lastName: candidates.lastName, supervisor: users.name })
    .from(traineePlanItems)
    .innerJoin(trainees, eq(trainees.id, traineePlanItems.traineeId))
    .leftJoin(candidates, eq(candidates.id, trainees.candidateId))
    .leftJoin(users, eq(users.id, trainees.supervisorUserId))
    .where(and(eq(traineePlanItems.tenantId, actor.tenantId), isNull(traineePlanItems.doneAt), lt(traineePlanItems.dueOn, today), eq(trainees.status, "active")))
    .orderBy(asc(traineePlanItems.dueOn), asc(traineePlanItems.id))
    .limit(500);
}

// ---------------------------------------------------------------------------------------------------------
// Goals and log
// ---------------------------------------------------------------------------------------------------------

export async function createGoal(db: Db, actor: Actor, traineeId: string, input: z.infer<typeof goalInputSchema>) {
  return db.transaction(async (tx) => {
    await loadTrainee(tx, actor, traineeId);
    const [row] = await tx.insert(traineeGoals).values({ tenantId: actor.tenantId, traineeId, ...input }).returning();
    await recordChange(tx, actor, { action: "trainee_goal.create", entityType: "trainee_goal", entityId: row!.id, after: { traineeId, progress: input.progress, status: input.status } });
    return row!;
  });
}

export async function updateGoal(db: Db, actor: Actor, goalId: string, patch: z.infer<typeof goalPatchSchema>) {
  return db.transaction(async (tx) => {
    const [goal] = await tx.select().from(traineeGoals).where(and(eq(traineeGoals.tenantId, actor.tenantId), eq(traineeGoals.id, goalId))).limit(1);
    if (!goal) throw notFound("The goal");
    await loadTrainee(tx, actor, goal.traineeId);
    const [after] = await tx.update(traineeGoals).set({ ...patch, updatedAt: new Date() }).where(eq(traineeGoals.id, goalId)).returning();
    await recordChange(tx, actor, { action: "trainee_goal.update", entityType: "trainee_goal", entityId: goalId, before: { progress: goal.progress, status: goal.status }, after: { progress: after!.progress, status: after!.status } });
    return after!;
  });
}

export async function addLogEntry(db: Db, actor: Actor, traineeId: string, input: z.infer<typeof logInputSchema>) {
  return db.transaction(async (tx) => {
    await loadTrainee(tx, actor, traineeId);
    const [row] = await tx.insert(traineeLogEntries).values({ tenantId: actor.tenantId, traineeId, authorUserId: actor.userId ?? null, ...input }).returning();
    await recordChange(tx, actor, { action: "trainee_log.create", entityType: "trainee_log_entry", entityId: row!.id, after: { traineeId } });
    return row!;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Evaluations: private to the author until published
// ---------------------------------------------------------------------------------------------------------

/** What the actor may see: published evaluations, and their own drafts. No role sees another's draft. */
function visibleEvaluation(actor: Actor) {
  return actor.userId
    ? sql`(${traineeEvaluations.publishedAt} is not null or ${traineeEvaluations.authorUserId} = ${actor.userId})`
    : sql`${traineeEvaluations.publishedAt} is not null`;
}

/**
 * Who writes which kind: the trainee's supervisor writes the supervisor's evaluation; HR (or an admin) records the
 * trainee's self-assessment on the trainee's behalf. An API token has no author and writes none.
 */
function checkAuthor(actor: Actor, trainee: TraineeRow, kind: "supervisor" | "self") {
  if (!actor.userId) throw new AppError("forbidden", "An evaluation has a person as its author; an API token cannot write one.");
  if (kind === "supervisor" && trainee.supervisorUserId !== actor.userId) throw new AppError("forbidden", "Only the trainee's supervisor writes the supervisor's evaluation.");
  if (kind === "self" && !policy.manage.includes(actor.role)) throw new AppError("forbidden", "HR records the trainee's self-assessment.");
}

async function checkRatings(db: Db, tenantId: string, ratings: readonly { criterion: string }[]) {
  const { criteria } = await getTemplate(db, tenantId);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  ratings.forEach((r, i) => {
    if (!criteria.includes(r.criterion)) errors.push({ path: `body.ratings.${i}.criterion`, message: "is not a criterion of the programme template" });
    if (seen.has(r.criterion)) errors.push({ path: `body.ratings.${i}.criterion`, message: "is rated twice" });
    seen.add(r.criterion);
  });
  if (errors.length > 0) invalid(errors);
}

export async function createEvaluation(db: Db, actor: Actor, traineeId: string, input: z.infer<typeof evaluationInputSchema>) {
  return db.transaction(async (tx) => {
    const trainee = await loadTrainee(tx, actor, traineeId);
    checkAuthor(actor, trainee, input.kind);
    const [due] = await tx
      .select({ id: traineePlanItems.id })
      .from(traineePlanItems)
      .where(and(eq(traineePlanItems.traineeId, traineeId), eq(traineePlanItems.kind, "evaluation"), eq(traineePlanItems.evaluationMonth, input.month)))
      .limit(1);
    if (!due) invalid([{ path: "body.month", message: "is not an evaluation month of this trainee's plan" }]);
    await checkRatings(tx, actor.tenantId, input.ratings);
    const [existing] = await tx
      .select({ id: traineeEvaluations.id })
      .from(traineeEvaluations)
      .where(and(eq(traineeEvaluations.traineeId, traineeId), eq(traineeEvaluations.kind, input.kind), eq(traineeEvaluations.month, input.month)))
      .limit(1);
    if (existing) throw new AppError("conflict", `There is already a ${input.kind} evaluation for month ${input.month}; change it instead.`);
    const [row] = await tx.insert(traineeEvaluations).values({ tenantId: actor.tenantId, traineeId, kind: input.kind, month: input.month, authorUserId: actor.userId!, ratings: input.ratings, comment: input.comment }).returning();
    await recordChange(tx, actor, { action: "trainee_evaluation.create", entityType: "trainee_evaluation", entityId: row!.id, after: { traineeId, kind: input.kind, month: input.month } });
    return row!;
  });
}

/** The actor's own evaluation; anyone else's (published or not) is not theirs to change, a draft not theirs to see. */
async function loadOwnEvaluation(tx: Db, actor: Actor, id: string) {
  const [row] = await tx.select().from(traineeEvaluations).where(and(eq(traineeEvaluations.tenantId, actor.tenantId), eq(traineeEvaluations.id, id), visibleEvaluation(actor))).limit(1).for("update");
  if (!row) throw notFound("The evaluation");
  await loadTrainee(tx, actor, row.traineeId);
  if (row.authorUserId !== actor.userId) throw new AppError("forbidden", "Only the author changes an evaluation.");
  return row;
}

export async function updateEvaluation(db: Db, actor: Actor, id: string, patch: z.infer<typeof evaluationPatchSchema>) {
  return db.transaction(async (tx) => {
    const before = await loadOwnEvaluation(tx, actor, id);
    if (before.publishedAt) throw new AppError("rule_broken", "A published evaluation cannot be changed.");
    if (patch.ratings) await checkRatings(tx, actor.tenantId, patch.ratings);
    const [after] = await tx.update(traineeEvaluations).set({ ...patch, updatedAt: new Date() }).where(eq(traineeEvaluations.id, id)).returning();
    await recordChange(tx, actor, { action: "trainee_evaluation.update", entityType: "trainee_evaluation", entityId: id, after: { fields: Object.keys(patch) } });
    return after!;
  });
}

/** Publishing shows the evaluation to HR (and the supervisor); the supervisor's publication completes the plan's evaluation item. */
export async function publishEvaluation(db: Db, actor: Actor, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const before = await loadOwnEvaluation(tx, actor, id);
    if (before.publishedAt) return before;
    const [after] = await tx.update(traineeEvaluations).set({ publishedAt: now, updatedAt: now }).where(eq(traineeEvaluations.id, id)).returning();
    if (before.kind === "supervisor") {
      await tx
        .update(traineePlanItems)
        .set({ doneAt: now, doneByUserId: actor.userId ?? null })
        .where(and(eq(traineePlanItems.traineeId, before.traineeId), eq(traineePlanItems.kind, "evaluation"), eq(traineePlanItems.evaluationMonth, before.month), isNull(traineePlanItems.doneAt)));
    }
    await recordChange(tx, actor, { action: "trainee_evaluation.publish", entityType: "trainee_evaluation", entityId: id, after: { traineeId: before.traineeId, kind: before.kind, month: before.month } });
    return after!;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Outcome
// ---------------------------------------------------------------------------------------------------------

/**
 * Records how the programme ended. An offer of a position records a hire (a placement of ordinary paid work in
 * the unit, which counts toward the network's goal by default) once: changing the outcome later keeps it, and
 * the placement is changed or deleted on the placements page.
 */
export async function recordOutcome(db: Db, actor: Actor, traineeId: string, input: OutcomeInput) {
  return db.transaction(async (tx) => {
    const trainee = await loadTrainee(tx, actor, traineeId, { forUpdate: true });
    let placementId = trainee.placementId;
    if (input.outcome === "offered" && !placementId) {
      if (!trainee.candidateId) throw new AppError("rule_broken", "The trainee's candidate record is erased; record the hire without a person.");
      const placement = await createPlacement(
        tx,
        actor,
        placementInputSchema.parse({ candidateId: trainee.candidateId, employerName: trainee.unit, type: input.permanent ? "ordinary_permanent" : "ordinary_temporary", startDate: input.positionFrom }),
      );
      placementId = placement.id;
    }
    const [after] = await tx
      .update(trainees)
      .set({
        outcome: input.outcome,
        status: input.outcome === "left_early" ? "left" : "completed",
        outcomePosition: input.outcome === "offered" ? input.position : null,
        outcomePositionFrom: input.outcome === "offered" ? input.positionFrom : null,
        outcomeLeftOn: input.outcome === "left_early" ? input.leftOn : null,
        outcomeReason: input.outcome === "left_early" ? input.reason : null,
        outcomeNote: input.note,
        outcomeAt: new Date(),
        placementId,
        updatedAt: new Date(),
      })
      .where(eq(trainees.id, traineeId))
      .returning();
    await recordChange(tx, actor, { action: "trainee.outcome", entityType: "trainee", entityId: traineeId, before: { outcome: trainee.outcome }, after: { outcome: input.outcome, placementId } });
    return after!;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Unit figures
// ---------------------------------------------------------------------------------------------------------

/** The units: those HR has figures for and those with trainees. */
export async function listUnitFigures(db: Db, actor: Actor): Promise<UnitFigures[]> {
  const [figures, units] = await Promise.all([
    db.select().from(traineeUnitFigures).where(eq(traineeUnitFigures.tenantId, actor.tenantId)),
    db.selectDistinct({ unit: trainees.unit }).from(trainees).where(eq(trainees.tenantId, actor.tenantId)),
  ]);
  const byUnit = new Map<string, UnitFigures>(units.map((u) => [u.unit, { unit: u.unit, employeesBefore: null, immigrantsBefore: null, employeesAfter: null, immigrantsAfter: null }]));
  for (const f of figures) byUnit.set(f.unit, { unit: f.unit, employeesBefore: f.employeesBefore, immigrantsBefore: f.immigrantsBefore, employeesAfter: f.employeesAfter, immigrantsAfter: f.immigrantsAfter });
  return [...byUnit.values()].sort((a, b) => a.unit.localeCompare(b.unit, "nb"));
}

export async function saveUnitFigures(db: Db, actor: Actor, input: UnitFigures) {
  const errors: FieldError[] = [];
  if (input.immigrantsBefore !== null && input.employeesBefore !== null && input.immigrantsBefore > input.employeesBefore) errors.push({ path: "body.immigrantsBefore", message: "must not be more than the employees" });
  if (input.immigrantsAfter !== null && input.employeesAfter !== null && input.immigrantsAfter > input.employeesAfter) errors.push({ path: "body.immigrantsAfter", message: "must not be more than the employees" });
  if (errors.length > 0) invalid(errors);
  return db.transaction(async (tx) => {
    const values = { employeesBefore: input.employeesBefore, immigrantsBefore: input.immigrantsBefore, employeesAfter: input.employeesAfter, immigrantsAfter: input.immigrantsAfter, updatedAt: new Date() };
    await tx.insert(traineeUnitFigures).values({ tenantId: actor.tenantId, unit: input.unit, ...values }).onConflictDoUpdate({ target: [traineeUnitFigures.tenantId, traineeUnitFigures.unit], set: values });
    await recordChange(tx, actor, { action: "trainee_unit_figures.update", entityType: "trainee_unit_figures", entityId: null, after: { unit: input.unit } });
    return input;
  });
}

// ---------------------------------------------------------------------------------------------------------
// For the report
// ---------------------------------------------------------------------------------------------------------

export async function reportRows(db: Db, tenantId: string) {
  const [cohorts, traineeRows, evaluationItems, figures] = await Promise.all([
    db
      .select({ id: traineeCohorts.id, name: traineeCohorts.name, startDate: traineeCohorts.startDate, trainees: count(trainees.id) })
      .from(traineeCohorts)
      .leftJoin(trainees, eq(trainees.cohortId, traineeCohorts.id))
      .where(eq(traineeCohorts.tenantId, tenantId))
      .groupBy(traineeCohorts.id)
      .orderBy(asc(traineeCohorts.startDate)),
    db.select().from(trainees).where(eq(trainees.tenantId, tenantId)),
    db.select({ dueOn: traineePlanItems.dueOn, doneAt: traineePlanItems.doneAt }).from(traineePlanItems).where(and(eq(traineePlanItems.tenantId, tenantId), eq(traineePlanItems.kind, "evaluation"))),
    db.select().from(traineeUnitFigures).where(eq(traineeUnitFigures.tenantId, tenantId)),
  ]);
  return { cohorts, trainees: traineeRows, evaluationItems, figures };
}
