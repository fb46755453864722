import type { Actor } from "../platform/actor.ts";
import type { Db } from "../platform/db.ts";
import { osloDate } from "../platform/dates.ts";
import { userNames } from "../candidates/service.ts";
import * as policy from "./policy.ts";
import { wageOf } from "./service.ts";
import type { EvaluationRow, TraineeDetail, TraineeRow, listCohorts, listOverdue, listTrainees } from "./service.ts";
import type { Cohort, Evaluation, Outcome, Trainee, TraineeListItem } from "../../shared/trainee-programme.ts";

/* Rows → the shapes of shared/trainee-programme.ts. Raw rows are never returned. */

const iso = (d: Date) => d.toISOString();
const fullName = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(" ");

export const presentCohort = (row: Awaited<ReturnType<typeof listCohorts>>[number]): Cohort => ({
  id: row.cohort.id,
  name: row.cohort.name,
  startDate: row.cohort.startDate,
  area: row.cohort.area,
  trainees: Number(row.trainees),
  createdAt: iso(row.cohort.createdAt),
});

export const presentTraineeListItem = (row: Awaited<ReturnType<typeof listTrainees>>[number]): TraineeListItem => ({
  ...base(row.trainee),
  cohortName: row.cohortName,
  candidate: row.trainee.candidateId ? { id: row.trainee.candidateId, name: fullName(row.candidateFirst, row.candidateLast) } : null,
  supervisor: row.trainee.supervisorUserId && row.supervisorName ? { id: row.trainee.supervisorUserId, name: row.supervisorName } : null,
  overdueItems: Number(row.overdueItems),
  nextItem: row.nextTitle && row.nextDue ? { title: row.nextTitle, dueOn: row.nextDue } : null,
});

function base(t: TraineeRow) {
  return {
    id: t.id,
    cohortId: t.cohortId,
    unit: t.unit,
    area: t.area,
    startDate: t.startDate,
    endDate: t.endDate,
    status: t.status as TraineeListItem["status"],
    outcome: (t.outcome as Outcome | null) ?? null,
  };
}

export function presentEvaluation(row: EvaluationRow, actor: Actor, names: Map<string, string>): Evaluation {
  return {
    id: row.id,
    kind: row.kind as Evaluation["kind"],
    month: row.month,
    ratings: row.ratings,
    comment: row.comment,
    author: row.authorUserId ? { id: row.authorUserId, name: names.get(row.authorUserId) ?? "" } : null,
    mine: row.authorUserId !== null && row.authorUserId === actor.userId,
    publishedAt: row.publishedAt ? iso(row.publishedAt) : null,
    updatedAt: iso(row.updatedAt),
  };
}

export async function presentTrainee(db: Db, actor: Actor, d: TraineeDetail, now = new Date()): Promise<Trainee> {
  const today = osloDate(now);
  const t = d.trainee;
  const names = await userNames(db, [t.supervisorUserId, ...d.evaluations.map((e) => e.authorUserId), ...d.log.map((l) => l.authorUserId)]);
  const manage = policy.manage.includes(actor.role);
  const plan = d.plan.map((p) => ({
    id: p.id,
    kind: p.kind as "activity" | "evaluation",
    activityKind: (p.activityKind as Trainee["plan"][number]["activityKind"]) ?? null,
    title: p.title,
    dueOn: p.dueOn,
    evaluationMonth: p.evaluationMonth,
    doneAt: p.doneAt ? iso(p.doneAt) : null,
    overdue: t.status === "active" && p.doneAt === null && p.dueOn < today,
  }));
  const next = t.status === "active" ? plan.find((p) => p.doneAt === null && p.dueOn >= today) : undefined;
  return {
    ...base(t),
    recruitmentNeedId: t.recruitmentNeedId,
    cohortName: d.cohortName,
    candidate: d.candidate ? { id: d.candidate.id, name: fullName(d.candidate.firstName, d.candidate.lastName) } : null,
    supervisor: t.supervisorUserId ? { id: t.supervisorUserId, name: names.get(t.supervisorUserId) ?? "" } : null,
    overdueItems: plan.filter((p) => p.overdue).length,
    nextItem: next ? { title: next.title, dueOn: next.dueOn } : null,
    plan,
    goals: d.goals.map((g) => ({ id: g.id, title: g.title, progress: g.progress, status: g.status as Trainee["goals"][number]["status"], notes: g.notes, updatedAt: iso(g.updatedAt) })),
    evaluations: d.evaluations.map((e) => presentEvaluation(e, actor, names)),
    log: d.log.map((l) => ({ id: l.id, occurredOn: l.occurredOn, text: l.text, author: l.authorUserId ? { id: l.authorUserId, name: names.get(l.authorUserId) ?? "" } : null, createdAt: iso(l.createdAt) })),
    wage: manage ? wageOf(t) : null,
    outcomeDetails:
      t.outcome && t.outcomeAt
        ? { outcome: t.outcome as Outcome, position: t.outcomePosition, positionFrom: t.outcomePositionFrom, leftOn: t.outcomeLeftOn, reason: t.outcomeReason, note: t.outcomeNote, placementId: t.placementId, recordedAt: iso(t.outcomeAt) }
        : null,
    criteria: d.template.criteria,
    evaluationMonths: d.plan.filter((p) => p.kind === "evaluation" && p.evaluationMonth !== null).map((p) => p.evaluationMonth!),
    can: { manage, evaluate: actor.userId !== undefined && (t.supervisorUserId === actor.userId || manage) },
  };
}

export const presentOverdue = (row: Awaited<ReturnType<typeof listOverdue>>[number], today: string) => ({
  id: row.item.id,
  traineeId: row.item.traineeId,
  traineeName: fullName(row.firstName, row.lastName) || "–",
  supervisor: row.supervisor,
  kind: row.item.kind as "activity" | "evaluation",
  title: row.item.title,
  dueOn: row.item.dueOn,
  daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${row.item.dueOn}T00:00:00Z`)) / 86_400_000),
});
