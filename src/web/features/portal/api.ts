import type { z } from "zod";
import { api } from "../../api.ts";
import type {
  consentRequestSchema,
  myAccessLogSchema,
  myConsentSchema,
  myJobMatchSchema,
  MyProfile,
  MyProfilePatch,
  PortalLocale,
  portalStatusSchema,
  staffConsentRequestSchema,
} from "../../../shared/portal.ts";

/*
 * The candidate portal's API calls (/api/v1/my/…): the server finds the candidate from the signed-in user, so no
 * call names a candidate. The staff side's calls (invite, ask for consent) are at the end.
 */

export type { MyProfile, MyProfilePatch, PortalLocale };
export type ConsentRequest = z.infer<typeof consentRequestSchema>;
export type MyConsent = z.infer<typeof myConsentSchema>;
export type MyAccessLog = z.infer<typeof myAccessLogSchema>;
export type MyJobMatch = z.infer<typeof myJobMatchSchema>;
export type PortalStatus = z.infer<typeof portalStatusSchema>;
export type StaffConsentRequest = z.infer<typeof staffConsentRequestSchema>;

export const portalKeys = {
  all: ["portal"] as const,
  profile: (lang: string) => ["portal", "profile", lang] as const,
  requests: ["portal", "requests"] as const,
  consents: ["portal", "consents"] as const,
  log: ["portal", "access-log"] as const,
  matches: (lang: string) => ["portal", "matches", lang] as const,
};

export const getMyProfile = (lang: PortalLocale, signal?: AbortSignal) => api<MyProfile>(`/api/v1/my/profile?lang=${lang}`, { signal });
export const patchMyProfile = (lang: PortalLocale, body: MyProfilePatch) => api<MyProfile>(`/api/v1/my/profile?lang=${lang}`, { method: "PATCH", body });
export const requestErasure = () => api<void>("/api/v1/my/profile", { method: "DELETE" });
export const getMyRequests = (signal?: AbortSignal) => api<{ items: ConsentRequest[] }>("/api/v1/my/consent-requests", { signal });
export const answerRequest = (id: string, answer: "yes" | "no") =>
  api<ConsentRequest>(`/api/v1/my/consent-requests/${encodeURIComponent(id)}/answer`, { method: "POST", body: { answer } });
export const getMyConsents = (signal?: AbortSignal) => api<{ items: MyConsent[] }>("/api/v1/my/consents", { signal });
export const withdrawMyConsent = (id: string) => api<void>(`/api/v1/my/consents/${encodeURIComponent(id)}/withdraw`, { method: "POST" });
export const getMyAccessLog = (cursor: string | undefined, signal?: AbortSignal) =>
  api<MyAccessLog>(`/api/v1/my/access-log?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { signal });
export const getMyMatches = (lang: PortalLocale, signal?: AbortSignal) => api<{ items: MyJobMatch[] }>(`/api/v1/my/matches?limit=5&lang=${lang}`, { signal });
export const myCvUrl = (lang: "nb" | "en") => `/api/v1/my/cv.pdf?lang=${lang}`;
/** The copy of one's data: routes wired at merge to the access report (issue 10, another part). */
export const myDataExportUrl = "/api/v1/my/data-export";
export const myDataExportPdfUrl = "/api/v1/my/data-export.pdf";

// Staff side
export const getPortalStatus = (candidateId: string, signal?: AbortSignal) => api<PortalStatus>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/portal`, { signal });
export const inviteToPortal = (candidateId: string, email: string | undefined) =>
  api<{ id: string; email: string; expiresAt: string }>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/portal-invitation`, { method: "POST", body: email ? { email } : {} });
export const getStaffRequests = (candidateId: string, signal?: AbortSignal) =>
  api<{ items: StaffConsentRequest[] }>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/consent-requests`, { signal });
export const askForConsent = (candidateId: string, jobId: string) =>
  api<StaffConsentRequest>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/consent-requests`, { method: "POST", body: { jobId } });
