import { queryOptions } from "@tanstack/react-query";
import type { Dashboard, DashboardTableId, Goal, GoalInput, GoalPatch } from "../../../shared/dashboard.ts";
import { api } from "../../api.ts";
import type { Role } from "../../session.ts";
import type { DashboardFilters } from "./filters.ts";
import { filtersToSearch } from "./filters.ts";

/*
 * The dashboard and goals API as the web app uses it (contract: src/shared/dashboard.ts; server: src/server/goals/,
 * src/server/reports/). Types come from the shared zod schemas.
 */

export type { Dashboard, DashboardTableId, Goal, GoalInput, GoalPatch };

/** The dashboard: admins and viewers see the network, advisors their own caseload (the server decides). */
export const DASHBOARD_READERS: readonly Role[] = ["admin", "viewer", "advisor"];
/** Roles that may pick any advisor's caseload (and whom GET /api/v1/caseworkers answers). */
export const canFilterByAdvisor = (role: Role) => role === "admin" || role === "viewer";

function query(filters: DashboardFilters, lang: "nb" | "en"): string {
  const params = new URLSearchParams({ ...filtersToSearch(filters), lang });
  return params.toString();
}

export const dashboardQuery = (filters: DashboardFilters, lang: "nb" | "en") =>
  queryOptions({
    queryKey: ["dashboard", filtersToSearch(filters), lang],
    queryFn: ({ signal }) => api<Dashboard>(`/api/v1/reports/dashboard?${query(filters, lang)}`, { signal }),
  });

/** A table's download (CSV or XLSX) with the page's filters. */
export const exportHref = (table: DashboardTableId, format: "csv" | "xlsx", filters: DashboardFilters, lang: "nb" | "en") =>
  `/api/v1/reports/dashboard/${table}.${format}?${query(filters, lang)}`;

export const boardReportHref = (filters: DashboardFilters, lang: "nb" | "en") => `/api/v1/reports/board-report.pdf?${query(filters, lang)}`;

export const goalsQuery = queryOptions({
  queryKey: ["goals"],
  queryFn: ({ signal }) => api<{ items: Goal[] }>("/api/v1/goals", { signal }),
});

export type Caseworker = { userId: string; name: string; role: Role };
export const caseworkersQuery = queryOptions({
  queryKey: ["caseworkers"],
  queryFn: ({ signal }) => api<{ items: Caseworker[] }>("/api/v1/caseworkers", { signal }),
  staleTime: 5 * 60_000,
});
