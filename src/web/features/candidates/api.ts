import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  accessLogEntrySchema,
  candidateListItemSchema,
  candidateListQuerySchema,
  candidateSchema,
  CandidateInput,
  documentSchema,
  duplicateMatchSchema,
  ImportReport,
  noteSchema,
} from "../../../shared/candidates.ts";
import { api, ApiError } from "../../api.ts";
import type { Role } from "../../session.ts";

/*
 * The candidate API as the web app uses it (contract: src/shared/candidates.ts).
 * Types come from the shared zod schemas; nothing here redeclares them.
 */

export type Candidate = z.infer<typeof candidateSchema>;
export type CandidateListItem = z.infer<typeof candidateListItemSchema>;
export type CandidateListQuery = Partial<z.input<typeof candidateListQuerySchema>>;
export type { CandidateInput };

export type Duplicate = z.infer<typeof duplicateMatchSchema>;
export type Note = z.infer<typeof noteSchema>;
export type DocumentItem = z.infer<typeof documentSchema>;
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
export type ImportResult = ImportReport;
export type TaxonomyHit = { uri: string; label: string; lang: string; score: number };
export type Lang = "nb" | "en";

/** Roles with candidate pages; the first two may also change them. */
export const CANDIDATE_READERS: readonly Role[] = ["admin", "advisor", "hr"];
export const CANDIDATE_WRITERS: readonly Role[] = ["admin", "advisor"];
export const canWriteCandidates = (role: Role) => CANDIDATE_WRITERS.includes(role);

const BASE = "/api/v1/candidates";
export const candidatePath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** Turns a filter object into a query string, leaving out empty values. */
export function toSearch(params: Record<string, string | number | boolean | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    s.set(k, String(v));
  }
  const out = s.toString();
  return out ? `?${out}` : "";
}

export function candidateQuery(id: string, lang: Lang) {
  return queryOptions({
    queryKey: ["candidates", id, lang],
    queryFn: ({ signal }) => api<Candidate>(`${candidatePath(id)}${toSearch({ lang })}`, { signal }),
  });
}

export const notesQuery = (id: string) =>
  queryOptions({ queryKey: ["candidates", id, "notes"], queryFn: ({ signal }) => api<{ items: Note[] }>(`${candidatePath(id)}/notes`, { signal }) });

export const documentsQuery = (id: string) =>
  queryOptions({
    queryKey: ["candidates", id, "documents"],
    queryFn: ({ signal }) => api<{ items: DocumentItem[] }>(`${candidatePath(id)}/documents`, { signal }),
  });

export const accessLogQuery = (id: string) =>
  queryOptions({
    queryKey: ["candidates", id, "access-log"],
    queryFn: ({ signal }) => api<{ items: AccessLogEntry[] }>(`${candidatePath(id)}/access-log`, { signal }),
  });

export const duplicatesQuery = (id: string) =>
  queryOptions({
    queryKey: ["candidates", id, "duplicates"],
    queryFn: ({ signal }) => api<{ items: Duplicate[] }>(`${candidatePath(id)}/duplicates`, { signal }),
  });

export type Advisor = { userId: string; name: string };

/** Advisors to pick from: all active advisors and admins for an admin (who may list users), yourself otherwise. */
export function advisorsQuery(role: Role, me: Advisor) {
  return queryOptions({
    queryKey: ["advisors", role, me.userId],
    queryFn: async ({ signal }): Promise<Advisor[]> => {
      if (role !== "admin" && role !== "advisor") return [me];
      const caseworkers = await api<{ items: { userId: string; name: string; role: Role }[] }>("/api/v1/caseworkers", { signal });
      const list = caseworkers.items.map((u) => ({ userId: u.userId, name: u.name }));
      return list.some((a) => a.userId === me.userId) ? list : [me, ...list];
    },
    staleTime: 5 * 60_000,
  });
}

/** Sends a file as the raw request body (documents, import). Throws ApiError like api(). */
export function sendFile<T>(path: string, file: File, contentType?: string): Promise<T> {
  return api<T>(path, { method: "POST", file: { body: file, contentType: contentType || file.type || "application/octet-stream" } });
}

/** Registers a candidate; a possible_duplicate answer (409) gives the look-alikes instead of an error. */
export async function postCandidate(body: unknown, confirmNotDuplicate: boolean): Promise<{ created: Candidate } | { duplicates: Duplicate[] }> {
  try {
    return { created: await api<Candidate>(`${BASE}${confirmNotDuplicate ? "?confirmNotDuplicate=true" : ""}`, { method: "POST", body }) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.code === "possible_duplicate") {
      return { duplicates: (error.problem.duplicates as Duplicate[] | undefined) ?? [] };
    }
    throw error;
  }
}

/** Searches the taxonomy in one language. */
export function searchTaxonomy(kind: "occupations" | "skills", q: string, lang: Lang, signal?: AbortSignal) {
  return api<{ items: TaxonomyHit[] }>(`/api/v1/taxonomy/${kind}${toSearch({ q, lang, limit: 10 })}`, { signal });
}

/** A concept with its label in bokmål and English (either may be missing). */
export type Concept = { uri: string; nb?: string; en?: string };

/**
 * Searches in both languages at once and merges by URI, best first, so every option can show its bokmål and
 * English label side by side. A label missing in one language is looked up by a second, exact search.
 */
export async function searchBilingual(kind: "occupations" | "skills", q: string, signal?: AbortSignal): Promise<Concept[]> {
  const [nb, en] = await Promise.all([searchTaxonomy(kind, q, "nb", signal), searchTaxonomy(kind, q, "en", signal)]);
  const merged = new Map<string, Concept & { score: number }>();
  for (const [lang, result] of [["nb", nb], ["en", en]] as const) {
    for (const hit of result.items) {
      const c = merged.get(hit.uri) ?? { uri: hit.uri, score: 0 };
      c[lang] = hit.label;
      c.score = Math.max(c.score, hit.score);
      merged.set(hit.uri, c);
    }
  }
  return [...merged.values()].sort((a, b) => b.score - a.score).slice(0, 10).map(({ score: _score, ...c }) => c);
}

/** Label in the UI language first, then the other one. */
export function conceptLabels(c: Concept, lang: Lang): { main: string; other?: string; otherLang?: Lang } {
  const otherLang: Lang = lang === "nb" ? "en" : "nb";
  const main = c[lang] ?? c[otherLang] ?? c.uri;
  const other = c[lang] && c[otherLang] && c[otherLang] !== c[lang] ? c[otherLang] : undefined;
  return other ? { main, other, otherLang } : { main };
}

export function cvUrl(id: string, variant: "full" | "anonymous", lang: Lang) {
  return `${candidatePath(id)}/cv.pdf${toSearch({ variant, lang })}`;
}
