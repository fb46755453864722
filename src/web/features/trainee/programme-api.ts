import { queryOptions } from "@tanstack/react-query";
import { api } from "../../api.ts";
import type { Cohort, Evaluation, OutcomeInput, ProgrammeReport, Template, TemplateInput, Trainee, TraineeGoal, TraineeListItem, UnitFigures } from "../../../shared/trainee-programme.ts";

/* The trainee programme's API calls and query keys (the programme half of issue 7). Everything is under ["trainee"]. */

export type { Cohort, Evaluation, ProgrammeReport, Template, TemplateInput, Trainee, TraineeGoal, TraineeListItem, UnitFigures };
export type OverdueItem = { id: string; traineeId: string; traineeName: string; supervisor: string | null; kind: "activity" | "evaluation"; title: string; dueOn: string; daysOverdue: number };

const id = encodeURIComponent;

export const cohortsQuery = queryOptions({ queryKey: ["trainee", "cohorts"], queryFn: ({ signal }) => api<{ items: Cohort[] }>("/api/v1/trainee/cohorts", { signal }) });
export const cohortQuery = (cohortId: string) => queryOptions({ queryKey: ["trainee", "cohorts", cohortId], queryFn: ({ signal }) => api<Cohort>(`/api/v1/trainee/cohorts/${id(cohortId)}`, { signal }) });
export const traineesQuery = (cohortId?: string) =>
  queryOptions({ queryKey: ["trainee", "trainees", cohortId ?? "all"], queryFn: ({ signal }) => api<{ items: TraineeListItem[] }>(`/api/v1/trainee/trainees${cohortId ? `?cohortId=${id(cohortId)}` : ""}`, { signal }) });
export const traineeQuery = (traineeId: string) => queryOptions({ queryKey: ["trainee", "trainee", traineeId], queryFn: ({ signal }) => api<Trainee>(`/api/v1/trainee/trainees/${id(traineeId)}`, { signal }) });
export const supervisorsQuery = queryOptions({ queryKey: ["trainee", "supervisors"], queryFn: ({ signal }) => api<{ items: { id: string; name: string }[] }>("/api/v1/trainee/supervisors", { signal }) });
export const templateQuery = queryOptions({ queryKey: ["trainee", "template"], queryFn: ({ signal }) => api<Template>("/api/v1/trainee/template", { signal }) });
export const overdueQuery = queryOptions({ queryKey: ["trainee", "overdue"], queryFn: ({ signal }) => api<{ items: OverdueItem[] }>("/api/v1/trainee/overdue", { signal }) });
export const reportQuery = queryOptions({ queryKey: ["trainee", "report"], queryFn: ({ signal }) => api<ProgrammeReport>("/api/v1/trainee/report", { signal }) });
export const unitsQuery = queryOptions({ queryKey: ["trainee", "units"], queryFn: ({ signal }) => api<{ items: UnitFigures[] }>("/api/v1/trainee/units", { signal }) });

export const createCohort = (body: { name: string; startDate: string; area: string }) => api<Cohort>("/api/v1/trainee/cohorts", { method: "POST", body });
export const createTrainee = (body: { cohortId: string; candidateId: string; supervisorUserId: string; recruitmentNeedId?: string; unit: string; area: string; startDate?: string; monthlySalaryOre: number }) =>
  api<Trainee>("/api/v1/trainee/trainees", { method: "POST", body });
export const patchTrainee = (traineeId: string, body: Record<string, unknown>) => api<Trainee>(`/api/v1/trainee/trainees/${id(traineeId)}`, { method: "PATCH", body });
export const setPlanItemDone = (itemId: string, done: boolean) => api<Trainee>(`/api/v1/trainee/plan-items/${id(itemId)}`, { method: "PATCH", body: { done } });
export const addGoal = (traineeId: string, body: { title: string; progress: number; status: string; notes: string }) => api<TraineeGoal>(`/api/v1/trainee/trainees/${id(traineeId)}/goals`, { method: "POST", body });
export const patchGoal = (goalId: string, body: Partial<{ title: string; progress: number; status: string; notes: string }>) => api<TraineeGoal>(`/api/v1/trainee/goals/${id(goalId)}`, { method: "PATCH", body });
export const addLog = (traineeId: string, body: { occurredOn: string; text: string }) => api(`/api/v1/trainee/trainees/${id(traineeId)}/log`, { method: "POST", body });
export const createEvaluation = (traineeId: string, body: { kind: "supervisor" | "self"; month: number; ratings: { criterion: string; score: number }[]; comment: string }) =>
  api<Evaluation>(`/api/v1/trainee/trainees/${id(traineeId)}/evaluations`, { method: "POST", body });
export const patchEvaluation = (evaluationId: string, body: { ratings: { criterion: string; score: number }[]; comment: string }) => api<Evaluation>(`/api/v1/trainee/evaluations/${id(evaluationId)}`, { method: "PATCH", body });
export const publishEvaluation = (evaluationId: string) => api<Evaluation>(`/api/v1/trainee/evaluations/${id(evaluationId)}/publish`, { method: "POST", body: {} });
export const recordOutcome = (traineeId: string, body: OutcomeInput) => api<Trainee>(`/api/v1/trainee/trainees/${id(traineeId)}/outcome`, { method: "PUT", body });
export const saveTemplate = (body: TemplateInput) => api<Template>("/api/v1/trainee/template", { method: "PUT", body });
export const saveUnit = (body: UnitFigures) => api<UnitFigures>("/api/v1/trainee/units", { method: "PUT", body });

/** Øre as kroner with two decimals, Norwegian style ("45 000,00 kr"). */
export function formatOre(ore: number, lang: string): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { style: "currency", currency: "NOK", minimumFractionDigits: 2 }).format(ore / 100);
}

/** "45 000" or "45000,50" kroner typed by a person → øre, or null when it is not an amount. */
export function parseKroner(text: string): number | null {
  const clean = text.replace(/[\s\u00a0]/g, "").replace(/kr$/i, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, frac = ""] = clean.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export const todayIso = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
