import { jobStatuses } from "../../../shared/jobs.ts";

/*
 * The job list's filters live in the URL (?q=…&status=…&employerId=…), like the employer list's, so a filtered
 * list can be bookmarked and shared. These turn one into the other and drop anything the API would refuse.
 */

export type JobFilters = {
  q: string;
  status: (typeof jobStatuses)[number] | "";
  employerId: string;
  /** Shown in the employer picker; kept in the URL beside the id so the name needs no extra request. */
  employerName: string;
};

export const EMPTY_JOB_FILTERS: JobFilters = { q: "", status: "", employerId: "", employerName: "" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : typeof v === "number" ? String(v) : "");

export function jobFiltersFromSearch(search: Record<string, unknown>): JobFilters {
  const status = text(search.status, 20);
  const employerId = text(search.employerId, 40);
  const valid = UUID.test(employerId);
  return {
    q: text(search.q, 200),
    status: (jobStatuses as readonly string[]).includes(status) ? (status as JobFilters["status"]) : "",
    employerId: valid ? employerId.toLowerCase() : "",
    employerName: valid ? text(search.employerName, 200) : "",
  };
}

/** Only what is set. */
export function jobFiltersToSearch(f: JobFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(f) as [keyof JobFilters, string][]) {
    const v = value.trim();
    if (v) out[key] = v;
  }
  if (!out.employerId) delete out.employerName;
  return out;
}

/** The API's query for these filters (the name is for the page only). */
export function jobListParams(f: JobFilters): { q?: string; status?: Exclude<JobFilters["status"], "">; employerId?: string } {
  return {
    ...(f.q ? { q: f.q } : {}),
    ...(f.status !== "" ? { status: f.status } : {}),
    ...(f.employerId ? { employerId: f.employerId } : {}),
  };
}
