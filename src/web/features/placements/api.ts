import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  employerResponses,
  followUpListItemSchema,
  jobSchema,
  placementFollowUpSchema,
  placementInputSchema,
  placementPatchSchema,
  placementSchema,
  sharedCandidateSchema,
} from "../../../shared/jobs.ts";
import { ordinaryPlacementTypes, placementTypes, type PlacementType } from "../../../shared/placements.ts";
import type { FairnessReport } from "../../../shared/reports.ts";
import type { JobMatch, jobMatchListSchema } from "../../../shared/matching.ts";
import { api } from "../../api.ts";
import type { Role } from "../../session.ts";
import { toSearch, type Concept, type Lang } from "../candidates/api.ts";

/*
 * Placements (hires), their follow-ups, the employer's view of shared candidates, the fairness report and a
 * candidate's matching jobs, as the web app uses them (contracts: src/shared/jobs.ts, placements.ts, reports.ts,
 * matching.ts). Types come from the shared zod schemas. The form's draft ↔ API mapping is pure and tested.
 */

export type Placement = z.infer<typeof placementSchema>;
export type PlacementInput = z.input<typeof placementInputSchema>;
export type PlacementPatch = z.input<typeof placementPatchSchema>;
export type FollowUp = z.infer<typeof placementFollowUpSchema>;
export type FollowUpItem = z.infer<typeof followUpListItemSchema>;
export type SharedCandidate = z.infer<typeof sharedCandidateSchema>;
export type EmployerResponse = (typeof employerResponses)[number];
export type Job = z.infer<typeof jobSchema>;
export type JobMatchList = z.infer<typeof jobMatchListSchema>;
export type { FairnessReport, JobMatch, PlacementType };
export { placementTypes };

/* Who sees what (the server's placements/policy.ts, reports/policy.ts and jobs/policy.ts decide). */
export const PLACEMENT_READERS: readonly Role[] = ["admin", "advisor", "hr"];
export const PLACEMENT_WRITERS: readonly Role[] = ["admin", "advisor"];
export const FOLLOW_UP_ROLES: readonly Role[] = ["admin", "advisor"];
export const MATCH_READERS: readonly Role[] = ["admin", "advisor", "hr"];
export const canWritePlacements = (role: Role) => PLACEMENT_WRITERS.includes(role);

const BASE = "/api/v1/placements";
export const placementPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export type PlacementFilters = { type?: PlacementType; from?: string; to?: string; countsTowardGoal?: "true" | "false"; candidateId?: string; employerId?: string };

/** The list's filters from the URL: only values the API accepts. */
export function placementFiltersFromSearch(s: Record<string, unknown>): PlacementFilters {
  const out: PlacementFilters = {};
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const type = str(s.type);
  if (type && (placementTypes as readonly string[]).includes(type)) out.type = type as PlacementType;
  const from = str(s.from);
  if (from && isIsoDate(from)) out.from = from;
  const to = str(s.to);
  if (to && isIsoDate(to)) out.to = to;
  const goal = str(s.countsTowardGoal);
  if (goal === "true" || goal === "false") out.countsTowardGoal = goal;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const candidateId = str(s.candidateId);
  if (candidateId && uuid.test(candidateId)) out.candidateId = candidateId;
  const employerId = str(s.employerId);
  if (employerId && uuid.test(employerId)) out.employerId = employerId;
  return out;
}

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function listPlacements(params: Record<string, string | number | undefined>, signal?: AbortSignal) {
  return api<{ items: Placement[]; nextCursor: string | null }>(`${BASE}${toSearch(params)}`, { signal });
}

export const placementQuery = (id: string, lang: Lang) =>
  queryOptions({ queryKey: ["placements", id, lang], queryFn: ({ signal }) => api<Placement>(`${placementPath(id)}${toSearch({ lang })}`, { signal }) });

export function listFollowUps(include: "due" | "all", cursor: string | undefined, signal?: AbortSignal) {
  return api<{ items: FollowUpItem[]; nextCursor: string | null }>(`/api/v1/placement-follow-ups${toSearch({ include, cursor, limit: 50 })}`, { signal });
}

export function answerFollowUp(id: string, stillEmployed: boolean, note: string) {
  return api<FollowUp>(`/api/v1/placement-follow-ups/${encodeURIComponent(id)}`, { method: "PATCH", body: { stillEmployed, note } });
}

export function listSharedCandidates(cursor: string | undefined, lang: Lang, signal?: AbortSignal) {
  return api<{ items: SharedCandidate[]; nextCursor: string | null }>(`/api/v1/employer-portal/candidates${toSearch({ cursor, lang, limit: 50 })}`, { signal });
}

export function respondToShared(entryId: string, response: EmployerResponse) {
  return api<{ entryId: string; employerResponse: EmployerResponse; employerRespondedAt: string }>(`/api/v1/employer-portal/candidates/${encodeURIComponent(entryId)}`, {
    method: "PATCH",
    body: { response },
  });
}

/** The CV link of a shared candidate (the server gives the path; the language is ours). */
export function sharedCvUrl(c: SharedCandidate, lang: Lang) {
  return `${c.cvUrl}${toSearch({ lang })}`;
}

export const fairnessQuery = (from: string | undefined, to: string | undefined, lang: Lang) =>
  queryOptions({
    queryKey: ["reports", "fairness", from ?? "", to ?? "", lang],
    queryFn: ({ signal }) => api<FairnessReport>(`/api/v1/reports/fairness${toSearch({ from, to, lang })}`, { signal }),
  });

export const candidateMatchesQuery = (candidateId: string, includeIneligible: boolean, lang: Lang) =>
  queryOptions({
    queryKey: ["candidates", candidateId, "matches", includeIneligible, lang],
    queryFn: ({ signal }) =>
      api<JobMatchList>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/matches${toSearch({ limit: 10, includeIneligible: includeIneligible ? "true" : undefined, lang })}`, { signal }),
  });

// ---------------------------------------------------------------------------------------------------------
// The placement form: draft (what the inputs hold) ↔ API
// ---------------------------------------------------------------------------------------------------------

export const isOrdinaryType = (type: PlacementType) => ordinaryPlacementTypes.includes(type);

export type PersonRef = { id: string; name: string };

export type PlacementDraft = {
  candidate: PersonRef | null;
  /** A registered employer of the network, or a name typed in (a municipal unit, an employer outside the network). */
  employerMode: "registered" | "other";
  employer: PersonRef | null;
  employerName: string;
  jobId: string;
  occupation: Concept[];
  type: PlacementType;
  /** Only for ordinary paid work (the server refuses a subsidy on other types). */
  wageSubsidy: boolean;
  wageSubsidyPercent: string;
  subsidyFrom: string;
  subsidyTo: string;
  hoursPerWeek: string;
  startDate: string;
  endDate: string;
};

export function emptyDraft(): PlacementDraft {
  return {
    candidate: null,
    employerMode: "registered",
    employer: null,
    employerName: "",
    jobId: "",
    occupation: [],
    type: "ordinary_permanent",
    wageSubsidy: false,
    wageSubsidyPercent: "",
    subsidyFrom: "",
    subsidyTo: "",
    hoursPerWeek: "",
    startDate: "",
    endDate: "",
  };
}

/** A stored placement as a draft, for editing. */
export function draftFromPlacement(p: Placement, lang: Lang): PlacementDraft {
  const hasSubsidy = p.wageSubsidyPercent !== null || p.subsidyFrom !== null || p.subsidyTo !== null;
  return {
    candidate: p.candidate,
    employerMode: p.employer ? "registered" : "other",
    employer: p.employer,
    employerName: p.employer ? "" : p.employerName,
    jobId: p.jobId ?? "",
    occupation: p.occupation ? [{ uri: p.occupation.uri, [lang]: p.occupation.label }] : [],
    type: p.type,
    wageSubsidy: hasSubsidy,
    wageSubsidyPercent: p.wageSubsidyPercent === null ? "" : String(p.wageSubsidyPercent),
    subsidyFrom: p.subsidyFrom ?? "",
    subsidyTo: p.subsidyTo ?? "",
    hoursPerWeek: p.hoursPerWeek === null ? "" : String(p.hoursPerWeek).replace(".", ","),
    startDate: p.startDate,
    endDate: p.endDate ?? "",
  };
}

/** Keys of client-side errors: the field and the message's i18n key under `placements.form.errors`. */
export type DraftErrors = Partial<Record<"candidateId" | "employerId" | "employerName" | "wageSubsidyPercent" | "subsidyFrom" | "subsidyTo" | "hoursPerWeek" | "startDate" | "endDate", string>>;

/** Parses "37,5" or "37.5"; null when empty, NaN when not a number. */
export function parseDecimal(v: string): number | null {
  const s = v.trim().replace(",", ".");
  if (!s) return null;
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * Checks a draft as the server would (placements/service.ts `resolvePlacement`) and maps it to the request body.
 * The subsidy fields are sent only for ordinary paid work and only when a subsidy is ticked; otherwise null.
 */
export function draftToInput(d: PlacementDraft) {
  const errors: DraftErrors = {};
  if (!d.candidate) errors.candidateId = "candidateRequired";
  if (d.employerMode === "registered" && !d.employer && !d.jobId) errors.employerId = "employerRequired";
  if (d.employerMode === "other" && !d.employerName.trim() && !d.jobId) errors.employerName = "employerNameRequired";
  if (!d.startDate) errors.startDate = "startRequired";
  else if (!isIsoDate(d.startDate)) errors.startDate = "dateInvalid";
  if (d.endDate && !isIsoDate(d.endDate)) errors.endDate = "dateInvalid";
  else if (d.endDate && d.startDate && d.endDate < d.startDate) errors.endDate = "endBeforeStart";

  const hours = parseDecimal(d.hoursPerWeek);
  if (hours !== null && (Number.isNaN(hours) || hours < 1 || hours > 60)) errors.hoursPerWeek = "hoursInvalid";

  const subsidy = isOrdinaryType(d.type) && d.wageSubsidy;
  let percent: number | null = null;
  if (subsidy) {
    const p = d.wageSubsidyPercent.trim();
    if (!p) errors.wageSubsidyPercent = "percentRequired";
    else if (!/^\d{1,3}$/.test(p) || Number(p) > 100) errors.wageSubsidyPercent = "percentInvalid";
    else percent = Number(p);
    if (d.subsidyFrom && !isIsoDate(d.subsidyFrom)) errors.subsidyFrom = "dateInvalid";
    else if (d.subsidyFrom && d.startDate && d.subsidyFrom < d.startDate) errors.subsidyFrom = "subsidyBeforeStart";
    if (d.subsidyTo && !isIsoDate(d.subsidyTo)) errors.subsidyTo = "dateInvalid";
    else if (d.subsidyTo && d.subsidyFrom && d.subsidyTo < d.subsidyFrom) errors.subsidyTo = "subsidyToBeforeFrom";
    else if (d.subsidyTo && d.endDate && d.subsidyTo > d.endDate) errors.subsidyTo = "subsidyAfterEnd";
  }

  const registered = d.employerMode === "registered";
  const input = {
    candidateId: d.candidate?.id ?? "",
    employerId: registered ? (d.employer?.id ?? null) : null,
    employerName: registered ? "" : d.employerName.trim(),
    jobId: d.jobId || null,
    occupationUri: d.occupation[0]?.uri ?? null,
    type: d.type,
    wageSubsidyPercent: subsidy ? percent : null,
    subsidyFrom: subsidy && d.subsidyFrom ? d.subsidyFrom : null,
    subsidyTo: subsidy && d.subsidyTo ? d.subsidyTo : null,
    hoursPerWeek: hours !== null && !Number.isNaN(hours) ? hours : null,
    startDate: d.startDate,
    endDate: d.endDate || null,
  };
  return { input: input satisfies PlacementInput, errors };
}

/** The PATCH body: every field but the candidate (a hire of someone else is a new placement). */
export function draftToPatch(d: PlacementDraft): { patch: PlacementPatch; errors: DraftErrors } {
  const { input, errors } = draftToInput(d);
  delete errors.candidateId;
  const { candidateId: _candidateId, ...patch } = input;
  return { patch, errors };
}

// ---------------------------------------------------------------------------------------------------------
// Follow-ups
// ---------------------------------------------------------------------------------------------------------

/** Today as YYYY-MM-DD in local time (due dates are calendar days). */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export type FollowUpState = "answered" | "overdue" | "due" | "upcoming";

/** Answered; overdue (the due day has passed); due (today or within a week); or later. */
export function followUpState(f: { dueOn: string; stillEmployed: boolean | null }, today: string): FollowUpState {
  if (f.stillEmployed !== null) return "answered";
  if (f.dueOn < today) return "overdue";
  const week = new Date(`${today}T00:00:00Z`);
  week.setUTCDate(week.getUTCDate() + 7);
  return f.dueOn <= week.toISOString().slice(0, 10) ? "due" : "upcoming";
}

/** Days between two calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A placement's follow-up summary for the list: the next unanswered one, and whether any is overdue. */
export function followUpSummary(followUps: readonly FollowUp[], today: string): { answered: number; total: number; next: FollowUp | null; overdue: boolean; notEmployed: boolean } {
  const open = followUps.filter((f) => f.stillEmployed === null).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return {
    answered: followUps.length - open.length,
    total: followUps.length,
    next: open[0] ?? null,
    overdue: open.some((f) => f.dueOn < today),
    notEmployed: followUps.some((f) => f.stillEmployed === false),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Fairness report
// ---------------------------------------------------------------------------------------------------------

/** A rate (0–1) as a percentage with one decimal, e.g. "12,5 %"; a dash when suppressed. */
export function formatRate(rate: number | null, lang: Lang): string {
  if (rate === null) return "–";
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
}

/** A ratio to two decimals, cut rather than rounded (0.798 is "0,79": a ratio below 0.8 never reads "0,80"). */
export function formatRatio(ratio: number | null, lang: Lang): string {
  if (ratio === null) return "–";
  const cut = Math.floor(ratio * 100 + 1e-9) / 100;
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cut);
}

/** A match score (0–1) as a whole percentage. */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)} %`;
}
