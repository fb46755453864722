import { describe, expect, it } from "vitest";
import { EMPTY_JOB_FILTERS, jobFiltersFromSearch, jobFiltersToSearch, jobListParams } from "./filters.ts";

const id = "0b6f2c1e-8a3d-4c5b-9e7f-1a2b3c4d5e6f";

describe("job list filters", () => {
  it("reads valid filters and drops the rest", () => {
    expect(jobFiltersFromSearch({ q: " kokk ", status: "open", employerId: id, employerName: "Firma" })).toEqual({ q: "kokk", status: "open", employerId: id, employerName: "Firma" });
    expect(jobFiltersFromSearch({ status: "nonsense", employerId: "x", employerName: "Firma" })).toEqual(EMPTY_JOB_FILTERS);
  });

  it("writes only what is set, and the name only with the id", () => {
    expect(jobFiltersToSearch({ ...EMPTY_JOB_FILTERS, q: "kokk", employerName: "Firma" })).toEqual({ q: "kokk" });
    expect(jobFiltersToSearch({ q: "", status: "draft", employerId: id, employerName: "Firma" })).toEqual({ status: "draft", employerId: id, employerName: "Firma" });
  });

  it("gives the API query without the name", () => {
    expect(jobListParams({ q: "kokk", status: "", employerId: id, employerName: "Firma" })).toEqual({ q: "kokk", employerId: id });
  });
});
