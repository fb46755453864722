import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { Role } from "../../session.ts";
import { api } from "../../api.ts";
import { partnerKinds } from "../../../shared/services.ts";
import type {
  ActivityReport,
  Attendance,
  CandidateService,
  Group,
  GroupDetail,
  Partner,
  PartnerKind,
  ServiceType,
  TimelineEntry,
  candidateServiceInputSchema,
  groupInputSchema,
  groupSessionInputSchema,
} from "../../../shared/services.ts";

/*
 * Services, groups, attendance, the candidate timeline and the activity report as the web app uses them
 * (contracts: src/shared/services.ts; who may do what: src/server/services/policy.ts).
 */

export type { ActivityReport, Attendance, CandidateService, Group, GroupDetail, Partner, PartnerKind, ServiceType, TimelineEntry };
export type CandidateServiceInput = z.input<typeof candidateServiceInputSchema>;
export type GroupInput = z.input<typeof groupInputSchema>;
export type SessionInput = z.input<typeof groupSessionInputSchema>;
export { partnerKinds };

export const SETTINGS_MANAGERS: readonly Role[] = ["admin"];
export const GROUP_ROLES: readonly Role[] = ["admin", "advisor"];
export const SERVICE_WRITERS: readonly Role[] = ["admin", "advisor"];
export const TIMELINE_READERS: readonly Role[] = ["admin", "advisor", "hr"];
export const REPORT_READERS: readonly Role[] = ["admin", "viewer"];

export const partnersQuery = queryOptions({
  queryKey: ["services", "partners"],
  queryFn: ({ signal }) => api<{ items: Partner[] }>("/api/v1/services/partners", { signal }),
});
export const serviceTypesQuery = queryOptions({
  queryKey: ["services", "types"],
  queryFn: ({ signal }) => api<{ items: ServiceType[] }>("/api/v1/services/types", { signal }),
});
export const groupsQuery = queryOptions({
  queryKey: ["services", "groups"],
  queryFn: ({ signal }) => api<{ items: Group[] }>("/api/v1/services/groups", { signal }),
});
export const groupQuery = (id: string) =>
  queryOptions({
    queryKey: ["services", "groups", id],
    queryFn: ({ signal }) => api<GroupDetail>(`/api/v1/services/groups/${encodeURIComponent(id)}`, { signal }),
  });
export const attendanceQuery = (sessionId: string) =>
  queryOptions({
    queryKey: ["services", "attendance", sessionId],
    queryFn: ({ signal }) => api<Attendance>(`/api/v1/services/sessions/${encodeURIComponent(sessionId)}/attendance`, { signal }),
  });
export const timelineQuery = (candidateId: string, lang: "nb" | "en") =>
  queryOptions({
    queryKey: ["candidates", candidateId, "timeline", lang],
    queryFn: ({ signal }) => api<{ items: TimelineEntry[]; sources: string[] }>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/timeline?lang=${lang}`, { signal }),
  });
export const activityReportQuery = (period: { from?: string | undefined; to?: string | undefined }) =>
  queryOptions({
    queryKey: ["reports", "activity", period.from ?? "", period.to ?? ""],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      if (period.from) params.set("from", period.from);
      if (period.to) params.set("to", period.to);
      const query = params.toString();
      return api<ActivityReport>(`/api/v1/reports/activity${query ? `?${query}` : ""}`, { signal });
    },
  });

/** A local date and time of day (from the form) as an ISO instant with the browser's offset. */
export function localDateTime(date: string, time: string): string {
  return new Date(`${date}T${time}`).toISOString();
}
