import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  criteriaSchema,
  interviewerListSchema,
  Need,
  NeedInput,
  NeedMatch,
  needMatchListSchema,
  NeedUpdate,
  Scores,
  ScoreSheetInput,
  ShortlistEntry,
} from "../../../shared/trainee-recruitment.ts";
import { api } from "../../api.ts";
import type { Role } from "../../session.ts";
import { toSearch } from "../candidates/api.ts";

/*
 * The trainee recruitment API as its pages use it (contract: src/shared/trainee-recruitment.ts). Types come from
 * the shared zod schemas.
 */

export type { Need, NeedInput, NeedMatch, NeedUpdate, Scores, ScoreSheetInput, ShortlistEntry };
export type NeedMatchList = z.infer<typeof needMatchListSchema>;
export type Criterion = z.infer<typeof criteriaSchema>["items"][number];
export type Interviewer = z.infer<typeof interviewerListSchema>["items"][number];
export type Lang = "nb" | "en";

/* Who sees what (the server's trainee-recruitment/policy.ts decides; these only hide what would be refused). */
export const NEED_READERS: readonly Role[] = ["admin", "hr", "advisor"];
export const NEED_WRITERS: readonly Role[] = ["admin", "hr"];
export const canWriteNeeds = (role: Role) => NEED_WRITERS.includes(role);
/** Moving entries, interviews and decisions: HR and the coordinator. */
export const canManageShortlist = (role: Role) => NEED_WRITERS.includes(role);

const BASE = "/api/v1/trainee/needs";
export const needPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;
const entryPath = (needId: string, entryId: string) => `${needPath(needId)}/shortlist/${encodeURIComponent(entryId)}`;

export const needsQuery = (params: { status?: string; area?: string; q?: string }, lang: Lang) =>
  queryOptions({
    queryKey: ["trainee-needs", "list", params, lang],
    queryFn: ({ signal }) => api<{ items: Need[]; nextCursor: string | null }>(`${BASE}${toSearch({ ...params, lang, limit: 200 })}`, { signal }),
  });

export const needQuery = (id: string, lang: Lang) => queryOptions({ queryKey: ["trainee-needs", id, lang], queryFn: ({ signal }) => api<Need>(`${needPath(id)}${toSearch({ lang })}`, { signal }) });

export const createNeed = (body: NeedInput, lang: Lang) => api<Need>(`${BASE}${toSearch({ lang })}`, { method: "POST", body });
export const updateNeed = (id: string, body: NeedUpdate, lang: Lang) => api<Need>(`${needPath(id)}${toSearch({ lang })}`, { method: "PATCH", body });
export const deleteNeed = (id: string) => api(needPath(id), { method: "DELETE" });

export const needMatchesQuery = (id: string, limit: number, includeIneligible: boolean, lang: Lang) =>
  queryOptions({
    queryKey: ["trainee-needs", id, "matches", limit, includeIneligible, lang],
    queryFn: ({ signal }) => api<NeedMatchList>(`${needPath(id)}/matches${toSearch({ limit, includeIneligible, lang })}`, { signal }),
  });

export const shortlistQuery = (id: string) =>
  queryOptions({ queryKey: ["trainee-needs", id, "shortlist"], queryFn: ({ signal }) => api<{ items: ShortlistEntry[] }>(`${needPath(id)}/shortlist`, { signal }) });

export const addToShortlist = (needId: string, body: { candidateId: string; matchScore?: number | null }) => api<ShortlistEntry>(`${needPath(needId)}/shortlist`, { method: "POST", body });
export const moveEntry = (needId: string, entryId: string, status: "shortlisted" | "interview_scheduled" | "interviewed") => api<ShortlistEntry>(entryPath(needId, entryId), { method: "PATCH", body: { status } });
export const removeEntry = (needId: string, entryId: string) => api(entryPath(needId, entryId), { method: "DELETE" });
export const scheduleInterview = (needId: string, entryId: string, body: { startsAt: string; durationMinutes: number; place: string; videoLink: string | null; interviewerUserIds: string[]; notify: boolean }) =>
  api<ShortlistEntry>(`${entryPath(needId, entryId)}/interview`, { method: "PUT", body });
export const recordDecision = (needId: string, entryId: string, body: { decision: "accepted" | "rejected"; reason: string }) => api<ShortlistEntry>(`${entryPath(needId, entryId)}/decision`, { method: "POST", body });

export const scoresQuery = (needId: string, entryId: string, lang: Lang) =>
  queryOptions({ queryKey: ["trainee-needs", needId, "scores", entryId, lang], queryFn: ({ signal }) => api<Scores>(`${entryPath(needId, entryId)}/scores${toSearch({ lang })}`, { signal }) });
export const submitScores = (needId: string, entryId: string, body: ScoreSheetInput, lang: Lang) => api<Scores>(`${entryPath(needId, entryId)}/scores/mine${toSearch({ lang })}`, { method: "PUT", body });

export const interviewersQuery = () =>
  queryOptions({ queryKey: ["trainee-interviewers"], queryFn: ({ signal }) => api<{ items: Interviewer[] }>("/api/v1/trainee/interviewers", { signal }), staleTime: 60_000 });

export const criteriaQuery = (lang: Lang) =>
  queryOptions({ queryKey: ["trainee-criteria", lang], queryFn: ({ signal }) => api<{ items: Criterion[] }>(`/api/v1/trainee/criteria${toSearch({ lang })}`, { signal }) });
export const replaceCriteria = (criteria: { key: string; labelNb: string; labelEn: string }[], lang: Lang) =>
  api<{ items: Criterion[] }>(`/api/v1/trainee/criteria${toSearch({ lang })}`, { method: "PUT", body: { criteria } });
