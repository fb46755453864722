import { membershipStatuses, type MembershipStatus } from "../../../shared/employers.ts";
import { naceSections, type NaceSection } from "../../../shared/nace.ts";

/*
 * The employer list's filters live in the URL (?q=…&membershipStatus=…), so a filtered list can be bookmarked,
 * shared and saved on the server as a plain string map. These functions turn one into the other and drop anything
 * the API would refuse.
 */

export const SORTS = ["name", "updated", "lastContact"] as const;
export type Sort = (typeof SORTS)[number];

export type EmployerFilters = {
  q: string;
  membershipStatus: MembershipStatus | "";
  naceSection: NaceSection | "";
  municipality: string;
  tag: string;
  hasHired: "true" | "false" | "";
  /** Digits only, or "". */
  lastContactOlderThanDays: string;
  sort: Sort;
};

export const EMPTY_FILTERS: EmployerFilters = {
  q: "",
  membershipStatus: "",
  naceSection: "",
  municipality: "",
  tag: "",
  hasHired: "",
  lastContactOlderThanDays: "",
  sort: "name",
};

const text = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : typeof v === "number" ? String(v) : "");
const oneOf = <T extends string>(v: unknown, list: readonly T[]): T | "" => (typeof v === "string" && (list as readonly string[]).includes(v) ? (v as T) : "");

/** Reads filters from URL search params (or a saved filter's query); unknown or invalid values are dropped. */
export function filtersFromSearch(search: Record<string, unknown>): EmployerFilters {
  const days = text(search.lastContactOlderThanDays, 4);
  const n = Number(days);
  return {
    q: text(search.q, 120),
    membershipStatus: oneOf(search.membershipStatus, membershipStatuses),
    naceSection: oneOf(search.naceSection, naceSections),
    municipality: text(search.municipality, 80),
    tag: text(search.tag, 40),
    hasHired: oneOf(search.hasHired, ["true", "false"] as const),
    lastContactOlderThanDays: /^\d+$/.test(days) && n >= 1 && n <= 3650 ? String(n) : "",
    sort: oneOf(search.sort, SORTS) || "name",
  };
}

/** The filters as URL search params / a saved filter's query: only what is set, and sort only when not the default. */
export function filtersToSearch(f: EmployerFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(f) as [keyof EmployerFilters, string][]) {
    const v = value.trim();
    if (!v || (key === "sort" && v === "name")) continue;
    out[key] = v;
  }
  return out;
}

/** How many filters (not counting search text and sort) are set. */
export function activeFilterCount(f: EmployerFilters): number {
  return (["membershipStatus", "naceSection", "municipality", "tag", "hasHired", "lastContactOlderThanDays"] as const).filter((k) => f[k] !== "").length;
}
