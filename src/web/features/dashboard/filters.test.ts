import { describe, expect, it } from "vitest";
import { checkFilters, EMPTY_FILTERS, filtersFromSearch, filtersToSearch } from "./filters.ts";

describe("dashboard filters", () => {
  it("reads valid values from the URL and drops the rest", () => {
    expect(filtersFromSearch({ from: "2026-01-01", to: "nope", partnerOrganisation: "  NAV Bærum ", advisorId: "x" })).toEqual({
      from: "2026-01-01",
      to: "",
      partnerOrganisation: "NAV Bærum",
      advisorId: "",
    });
  });
  it("writes only what is set", () => {
    expect(filtersToSearch({ ...EMPTY_FILTERS, to: "2026-06-30" })).toEqual({ to: "2026-06-30" });
  });
  it("wants from before to", () => {
    expect(checkFilters({ ...EMPTY_FILTERS, from: "2026-06-30", to: "2026-01-01" })).toEqual({ to: "dateOrder" });
    expect(checkFilters({ ...EMPTY_FILTERS, from: "2026-01-01", to: "2026-06-30" })).toEqual({});
  });
});
