import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  activitySchema,
  certificateSchema,
  certificationProposalSchema,
  CertificationRule,
  contactSchema,
  employerDuplicateSchema,
  EmployerImportReport,
  employerListItemSchema,
  employerPortalSchema,
  employerSchema,
  MembershipStatus,
  registerEntitySchema,
  statusChangeSchema,
  taskSchema,
} from "../../../shared/employers.ts";
import type { savedFilterSchema } from "../../../shared/saved-filters.ts";
import { api, ApiError } from "../../api.ts";
import type { Role } from "../../session.ts";
import { toSearch } from "../candidates/api.ts";

/*
 * The employer API as the web app uses it (contract: src/shared/employers.ts). Types come from the shared zod
 * schemas; nothing here redeclares them.
 */

export type Employer = z.infer<typeof employerSchema>;
export type EmployerListItem = z.infer<typeof employerListItemSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Activity = z.infer<typeof activitySchema>;
export type Task = z.infer<typeof taskSchema>;
export type Certificate = z.infer<typeof certificateSchema>;
export type StatusChange = z.infer<typeof statusChangeSchema>;
export type Proposal = z.infer<typeof certificationProposalSchema>;
export type RegisterEntity = z.infer<typeof registerEntitySchema>;
export type { CertificationRule, MembershipStatus };
export type EmployerPage = { items: EmployerListItem[]; nextCursor: string | null };
export type SavedFilter = z.infer<typeof savedFilterSchema>;
export type DuplicateEmployer = z.infer<typeof employerDuplicateSchema>;
/**
 * GET /api/v1/employer-portal: the employer user's own company without the network's internal fields (notes, tags,
 * timeline, who changed the status and why), and its certificates.
 */
export type Portal = z.infer<typeof employerPortalSchema>;
export type PortalEmployer = Portal["employer"];
export type { EmployerImportReport };

/*
 * Who sees what (the server's employers/policy.ts and certificates/policy.ts decide; these only hide what would be
 * refused): admins and advisors run the relationships; hr and viewers read, viewers without the internal timeline.
 * Advisors issue membership certificates; the coordinator (admin) confirms certifications, revokes, sets the rule.
 */
export const EMPLOYER_READERS: readonly Role[] = ["admin", "advisor", "viewer", "hr"];
export const EMPLOYER_WRITERS: readonly Role[] = ["admin", "advisor"];
export const canWriteEmployers = (role: Role) => EMPLOYER_WRITERS.includes(role);
export const canReadTimeline = (role: Role) => role === "admin" || role === "advisor" || role === "hr";
export const canIssueMembership = (role: Role) => role === "admin" || role === "advisor";
export const canCertify = (role: Role) => role === "admin";
export const canDownloadCertificates = (role: Role) => role === "admin" || role === "advisor" || role === "employer";

const BASE = "/api/v1/employers";
export const employerPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;
export const contactPath = (id: string, contactId: string) => `${employerPath(id)}/contacts/${encodeURIComponent(contactId)}`;

export function listEmployers(params: Record<string, string | number | undefined>, signal?: AbortSignal) {
  return api<EmployerPage>(`${BASE}${toSearch(params)}`, { signal });
}

export const employerQuery = (id: string) =>
  queryOptions({ queryKey: ["employers", id], queryFn: ({ signal }) => api<Employer>(employerPath(id), { signal }) });

export const activitiesKey = (id: string) => ["employers", id, "activities"] as const;
export function listActivities(id: string, cursor: string | undefined, signal?: AbortSignal) {
  return api<{ items: Activity[]; nextCursor: string | null }>(`${employerPath(id)}/activities${toSearch({ limit: 20, cursor })}`, { signal });
}

export const tasksQuery = (scope: "mine" | "all", include: "open" | "done") =>
  queryOptions({
    queryKey: ["tasks", scope, include],
    queryFn: ({ signal }) => api<{ items: Task[] }>(`/api/v1/tasks${toSearch({ scope, include })}`, { signal }),
  });

export const savedFiltersQuery = queryOptions({
  queryKey: ["saved-filters", "employers"],
  queryFn: ({ signal }) => api<{ items: SavedFilter[] }>("/api/v1/saved-filters?page=employers", { signal }),
});

export const certificationRuleQuery = queryOptions({
  queryKey: ["employers", "certification-rule"],
  queryFn: ({ signal }) => api<CertificationRule>(`${BASE}/certification-rule`, { signal }),
});

export const proposalsQuery = queryOptions({
  queryKey: ["employers", "certification-proposals"],
  queryFn: ({ signal }) => api<{ items: Proposal[] }>(`${BASE}/certification-proposals`, { signal }),
});

export const portalQuery = queryOptions({
  queryKey: ["employer-portal"],
  queryFn: ({ signal }) => api<Portal>("/api/v1/employer-portal", { signal }),
});

/**
 * Registers an employer (no id) or changes one; a possible_duplicate answer (409: another employer of the network
 * has the organisation number) gives the existing employers instead of an error.
 */
export async function saveEmployer(id: string | null, body: unknown, confirmNotDuplicate: boolean): Promise<{ saved: Employer } | { duplicates: DuplicateEmployer[] }> {
  const query = `?confirmNotDuplicate=${confirmNotDuplicate ? "true" : "false"}`;
  try {
    return { saved: await api<Employer>(id ? `${employerPath(id)}${query}` : `${BASE}${query}`, { method: id ? "PATCH" : "POST", body }) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.code === "possible_duplicate") {
      return { duplicates: (error.problem.duplicates as DuplicateEmployer[] | undefined) ?? [] };
    }
    throw error;
  }
}

/**
 * Looks up Enhetsregisteret by organisation number or name. When the register cannot be reached (503
 * register_unavailable), says so instead of throwing: the form stays usable and is filled in by hand.
 */
export async function lookupRegister(by: { orgNumber: string } | { q: string }, signal?: AbortSignal): Promise<{ items: RegisterEntity[] } | { unavailable: true }> {
  try {
    return await api<{ items: RegisterEntity[] }>(`/api/v1/register/entities${toSearch(by)}`, { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.code === "register_unavailable" || error.status === 503 || error.status === 0)) return { unavailable: true };
    throw error;
  }
}

export function changeStatus(id: string, status: MembershipStatus, note = "") {
  return api<Employer>(`${employerPath(id)}/status`, { method: "POST", body: { status, note } });
}

/** Confirms a certification: issues the certificate and makes the employer certified (422 rule_broken otherwise). */
export function confirmCertification(id: string) {
  return api<Certificate>(`${employerPath(id)}/certification`, { method: "POST", body: {} });
}

export function issueMembershipCertificate(id: string) {
  return api<Certificate>(`${employerPath(id)}/certificates`, { method: "POST", body: { kind: "membership" } });
}

export function revokeCertificate(id: string, certificateId: string, reason: string) {
  return api<Certificate>(`${employerPath(id)}/certificates/${encodeURIComponent(certificateId)}/revoke`, { method: "POST", body: { reason } });
}

export function certificatePdfUrl(id: string, kind: "membership" | "certification", lang: "nb" | "en") {
  return `${employerPath(id)}/certificate.pdf${toSearch({ kind, lang })}`;
}

export const verifyPath = (code: string) => `/verify/${encodeURIComponent(code)}`;
