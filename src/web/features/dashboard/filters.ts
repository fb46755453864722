/*
 * The dashboard's filters live in the URL (?from=…&to=…&partnerOrganisation=…&advisorId=…), so a view can be
 * bookmarked and shared. Invalid values are dropped rather than sent to the API.
 */

export type DashboardFilters = { from: string; to: string; partnerOrganisation: string; advisorId: string };

export const EMPTY_FILTERS: DashboardFilters = { from: "", to: "", partnerOrganisation: "", advisorId: "" };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const validDate = (v: unknown) => typeof v === "string" && ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

export function filtersFromSearch(search: Record<string, unknown>): DashboardFilters {
  const partner = typeof search.partnerOrganisation === "string" ? search.partnerOrganisation.trim().slice(0, 200) : "";
  return {
    from: validDate(search.from) ? (search.from as string) : "",
    to: validDate(search.to) ? (search.to as string) : "",
    partnerOrganisation: partner,
    advisorId: typeof search.advisorId === "string" && UUID.test(search.advisorId) ? search.advisorId.toLowerCase() : "",
  };
}

/** Only what is set, for the URL and the API query. */
export function filtersToSearch(f: DashboardFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(f)) if (value.trim()) out[key] = value.trim();
  return out;
}

/** Checks a draft before it goes into the URL: dates must be real and in order. Returns field → error key. */
export function checkFilters(f: DashboardFilters): Record<string, "dateInvalid" | "dateOrder"> {
  const errors: Record<string, "dateInvalid" | "dateOrder"> = {};
  if (f.from && !validDate(f.from)) errors.from = "dateInvalid";
  if (f.to && !validDate(f.to)) errors.to = "dateInvalid";
  if (!errors.from && !errors.to && f.from && f.to && f.from > f.to) errors.to = "dateOrder";
  return errors;
}
