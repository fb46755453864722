import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  consentListSchema,
  consentSchema,
  jobListQuerySchema,
  jobSchema,
  JobInput,
  JobUpdate,
  pipelineEntrySchema,
  pipelineStageSchema,
  skillSuggestionsSchema,
  stageChangeSchema,
} from "../../../shared/jobs.ts";
import type { candidateMatchListSchema, CandidateMatch } from "../../../shared/matching.ts";
import { api } from "../../api.ts";
import type { Role } from "../../session.ts";
import { toSearch } from "../candidates/api.ts";

/*
 * The jobs, matching, candidate-list and consent API as the job pages use it (contracts: src/shared/jobs.ts and
 * src/shared/matching.ts). Types come from the shared zod schemas; nothing here redeclares them.
 */

export type Job = z.infer<typeof jobSchema>;
export type JobPage = { items: Job[]; nextCursor: string | null };
export type JobListQuery = Omit<Partial<z.input<typeof jobListQuerySchema>>, "limit"> & { limit?: number };
export type SkillSuggestions = z.infer<typeof skillSuggestionsSchema>;
export type PipelineEntry = z.infer<typeof pipelineEntrySchema>;
export type PipelineStage = z.infer<typeof pipelineStageSchema>;
export type StageChange = z.infer<typeof stageChangeSchema>;
export type Consent = z.infer<typeof consentSchema>;
export type ConsentList = z.infer<typeof consentListSchema>;
export type CandidateMatchList = z.infer<typeof candidateMatchListSchema>;
export type { CandidateMatch, JobInput, JobUpdate };
export type Lang = "nb" | "en";

/*
 * Who sees what (the server's jobs/policy.ts decides; these only hide what would be refused): staff, the steering
 * group and employer users read jobs (employers their own); admins, advisors and employer users write them. The
 * matches and the candidate list are for admins, advisors and HR; admins and advisors change the list and share.
 */
export const JOB_READERS: readonly Role[] = ["admin", "advisor", "hr", "viewer", "employer"];
export const JOB_WRITERS: readonly Role[] = ["admin", "advisor", "employer"];
export const canWriteJobs = (role: Role) => JOB_WRITERS.includes(role);
export const canSeeMatches = (role: Role) => role === "admin" || role === "advisor" || role === "hr";
export const canWritePipeline = (role: Role) => role === "admin" || role === "advisor";

const BASE = "/api/v1/jobs";
export const jobPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;
const entryPath = (jobId: string, entryId: string) => `${jobPath(jobId)}/pipeline/${encodeURIComponent(entryId)}`;

export function listJobs(params: JobListQuery, signal?: AbortSignal) {
  return api<JobPage>(`${BASE}${toSearch(params)}`, { signal });
}

export const jobQuery = (id: string, lang: Lang) =>
  queryOptions({ queryKey: ["jobs", id, lang], queryFn: ({ signal }) => api<Job>(`${jobPath(id)}${toSearch({ lang })}`, { signal }) });

export const skillSuggestionsQuery = (occupationUri: string, lang: Lang) =>
  queryOptions({
    queryKey: ["jobs", "skill-suggestions", occupationUri, lang],
    queryFn: ({ signal }) => api<SkillSuggestions>(`${BASE}/skill-suggestions${toSearch({ occupationUri, lang })}`, { signal }),
    staleTime: 10 * 60_000,
  });

export function createJob(body: JobInput | Omit<JobInput, "employerId" | "municipalUnit">, lang: Lang) {
  return api<Job>(`${BASE}${toSearch({ lang })}`, { method: "POST", body });
}

export function updateJob(id: string, body: JobUpdate, lang: Lang) {
  return api<Job>(`${jobPath(id)}${toSearch({ lang })}`, { method: "PATCH", body });
}

export function deleteJob(id: string) {
  return api(jobPath(id), { method: "DELETE" });
}

/** GET /jobs/{id}/matches: the engine's suggestions for the job (a person decides). */
export const matchesQuery = (id: string, limit: number, lang: Lang) =>
  queryOptions({
    queryKey: ["jobs", id, "matches", limit, lang],
    queryFn: ({ signal }) => api<CandidateMatchList>(`${jobPath(id)}/matches${toSearch({ limit, lang })}`, { signal }),
  });

export const stagesQuery = (lang: Lang) =>
  queryOptions({
    queryKey: ["pipeline-stages", lang],
    queryFn: ({ signal }) => api<{ items: PipelineStage[] }>(`/api/v1/pipeline-stages${toSearch({ lang })}`, { signal }),
    staleTime: 5 * 60_000,
  });

/** The whole candidate list (the server gives up to 200 a page; a job's list is far shorter in practice). */
export const pipelineQuery = (jobId: string, lang: Lang) =>
  queryOptions({
    queryKey: ["jobs", jobId, "pipeline", lang],
    queryFn: async ({ signal }) => {
      const items: PipelineEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await api<{ items: PipelineEntry[]; nextCursor: string | null }>(`${jobPath(jobId)}/pipeline${toSearch({ lang, limit: 200, cursor })}`, { signal });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < 2000);
      return items;
    },
  });

export const historyQuery = (jobId: string, entryId: string) =>
  queryOptions({
    queryKey: ["jobs", jobId, "pipeline", entryId, "history"],
    queryFn: ({ signal }) => api<{ items: StageChange[]; nextCursor: string | null }>(`${entryPath(jobId, entryId)}/history?limit=50`, { signal }),
  });

export function addToPipeline(jobId: string, body: { candidateId: string; matchScore?: number | null; note?: string }, lang: Lang) {
  return api<PipelineEntry>(`${jobPath(jobId)}/pipeline${toSearch({ lang })}`, { method: "POST", body });
}

export function moveEntry(jobId: string, entryId: string, stage: string, note: string, lang: Lang) {
  return api<PipelineEntry>(`${entryPath(jobId, entryId)}${toSearch({ lang })}`, { method: "PATCH", body: { stage, note } });
}

export function removeEntry(jobId: string, entryId: string) {
  return api(entryPath(jobId, entryId), { method: "DELETE" });
}

export function shareEntry(jobId: string, entryId: string, variant: "anonymous" | "full", lang: Lang) {
  return api<PipelineEntry>(`${entryPath(jobId, entryId)}/share${toSearch({ lang })}`, { method: "POST", body: { variant } });
}

/** The candidate's consents; the current texts come with the job's employer and title filled in. */
export const consentsQuery = (candidateId: string, jobId: string) =>
  queryOptions({
    queryKey: ["candidates", candidateId, "consents", jobId],
    queryFn: ({ signal }) => api<ConsentList>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/consents${toSearch({ jobId })}`, { signal }),
  });

export function recordShareConsent(candidateId: string, body: { employerId: string; jobId: string; method: "in_person" | "by_link"; givenAt?: string }) {
  return api<Consent>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/consents`, { method: "POST", body: { purpose: "share_with_employer", ...body } });
}

export type CandidateHit = { id: string; firstName: string; lastName: string; municipality: string };
export function searchCandidates(q: string, signal?: AbortSignal) {
  return api<{ items: CandidateHit[] }>(`/api/v1/candidates${toSearch({ q, limit: 10 })}`, { signal });
}

export type EmployerHit = { id: string; name: string; municipality: string };
export function searchEmployers(q: string, signal?: AbortSignal) {
  return api<{ items: EmployerHit[] }>(`/api/v1/employers${toSearch({ q, limit: 10 })}`, { signal });
}
