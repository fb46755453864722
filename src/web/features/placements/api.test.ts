import { describe, expect, it } from "vitest";
import { placementInputSchema, placementPatchSchema } from "../../../shared/jobs.ts";
import {
  daysBetween,
  draftFromPlacement,
  draftToInput,
  draftToPatch,
  emptyDraft,
  followUpState,
  followUpSummary,
  formatRate,
  formatRatio,
  formatScore,
  isIsoDate,
  parseDecimal,
  placementFiltersFromSearch,
  todayIso,
  type Placement,
  type PlacementDraft,
} from "./api.ts";

const candidate = { id: "11111111-1111-4111-8111-111111111111", name: "Amina Ali" };
const employer = { id: "22222222-2222-4222-8222-222222222222", name: "Bærum Bygg AS" };
const jobId = "33333333-3333-4333-8333-333333333333";

function draft(over: Partial<PlacementDraft> = {}): PlacementDraft {
  return { ...emptyDraft(), candidate, employer, startDate: "2026-01-05", ...over };
}

describe("draftToInput", () => {
  it("maps a plain hire to a body the server's schema accepts", () => {
    const { input, errors } = draftToInput(draft({ hoursPerWeek: "37,5", endDate: "2026-12-31", occupation: [{ uri: "http://data.europa.eu/esco/occupation/5a6a4f59-3f7c-4f3a-9a1a-1f2e3d4c5b6a", nb: "Snekker" }] }));
    expect(errors).toEqual({});
    expect(input).toEqual({
      candidateId: candidate.id,
      employerId: employer.id,
      employerName: "",
      jobId: null,
      occupationUri: "http://data.europa.eu/esco/occupation/5a6a4f59-3f7c-4f3a-9a1a-1f2e3d4c5b6a",
      type: "ordinary_permanent",
      wageSubsidyPercent: null,
      subsidyFrom: null,
      subsidyTo: null,
      hoursPerWeek: 37.5,
      startDate: "2026-01-05",
      endDate: "2026-12-31",
    });
    expect(placementInputSchema.safeParse(input).success).toBe(true);
  });

  it("sends the subsidy only for ordinary paid work with the box ticked", () => {
    const withSubsidy = { wageSubsidy: true, wageSubsidyPercent: "40", subsidyFrom: "2026-01-05", subsidyTo: "2026-06-30" };
    expect(draftToInput(draft(withSubsidy)).input).toMatchObject({ wageSubsidyPercent: 40, subsidyFrom: "2026-01-05", subsidyTo: "2026-06-30" });
    // Another type: the fields the form hides are not sent, so the server's rule cannot be broken.
    const trainee = draftToInput(draft({ ...withSubsidy, type: "trainee" }));
    expect(trainee.errors).toEqual({});
    expect(trainee.input).toMatchObject({ wageSubsidyPercent: null, subsidyFrom: null, subsidyTo: null });
    // Unticked: nothing is sent even if the fields hold values.
    expect(draftToInput(draft({ ...withSubsidy, wageSubsidy: false })).input).toMatchObject({ wageSubsidyPercent: null, subsidyFrom: null, subsidyTo: null });
  });

  it("asks for the percentage with a subsidy and checks the subsidy's dates as the server does", () => {
    expect(draftToInput(draft({ wageSubsidy: true })).errors).toEqual({ wageSubsidyPercent: "percentRequired" });
    expect(draftToInput(draft({ wageSubsidy: true, wageSubsidyPercent: "101" })).errors).toEqual({ wageSubsidyPercent: "percentInvalid" });
    expect(draftToInput(draft({ wageSubsidy: true, wageSubsidyPercent: "12.5" })).errors).toEqual({ wageSubsidyPercent: "percentInvalid" });
    expect(draftToInput(draft({ wageSubsidy: true, wageSubsidyPercent: "50", subsidyFrom: "2026-01-01" })).errors).toEqual({ subsidyFrom: "subsidyBeforeStart" });
    expect(draftToInput(draft({ wageSubsidy: true, wageSubsidyPercent: "50", subsidyFrom: "2026-03-01", subsidyTo: "2026-02-01" })).errors).toEqual({ subsidyTo: "subsidyToBeforeFrom" });
    expect(draftToInput(draft({ wageSubsidy: true, wageSubsidyPercent: "50", subsidyTo: "2027-02-01", endDate: "2026-12-31" })).errors).toEqual({ subsidyTo: "subsidyAfterEnd" });
  });

  it("requires a candidate, a start date and an employer (or a job that has one)", () => {
    const { errors } = draftToInput({ ...emptyDraft() });
    expect(errors).toEqual({ candidateId: "candidateRequired", employerId: "employerRequired", startDate: "startRequired" });
    // A job is enough: the server takes the employer from it.
    expect(draftToInput(draft({ employer: null, jobId })).errors).toEqual({});
    expect(draftToInput(draft({ employerMode: "other", employerName: "  " })).errors).toEqual({ employerName: "employerNameRequired" });
  });

  it("sends a typed-in employer name without an employer id", () => {
    const { input } = draftToInput(draft({ employerMode: "other", employerName: " Bærum kommune, Helsehuset " }));
    expect(input).toMatchObject({ employerId: null, employerName: "Bærum kommune, Helsehuset" });
  });

  it("checks dates and hours", () => {
    expect(draftToInput(draft({ endDate: "2025-12-31" })).errors).toEqual({ endDate: "endBeforeStart" });
    expect(draftToInput(draft({ startDate: "2026-02-30" })).errors).toEqual({ startDate: "dateInvalid" });
    expect(draftToInput(draft({ hoursPerWeek: "61" })).errors).toEqual({ hoursPerWeek: "hoursInvalid" });
    expect(draftToInput(draft({ hoursPerWeek: "mye" })).errors).toEqual({ hoursPerWeek: "hoursInvalid" });
    expect(draftToInput(draft({ hoursPerWeek: "" })).input.hoursPerWeek).toBeNull();
  });
});

describe("draftToPatch and draftFromPlacement", () => {
  const stored: Placement = {
    id: "44444444-4444-4444-8444-444444444444",
    candidate,
    employer: null,
    employerName: "Helsehuset",
    jobId: null,
    occupation: { uri: "http://data.europa.eu/esco/occupation/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", label: "Helsefagarbeider" },
    type: "ordinary_temporary",
    wageSubsidyPercent: 30,
    subsidyFrom: null,
    subsidyTo: null,
    hoursPerWeek: 22.5,
    startDate: "2026-02-01",
    endDate: null,
    countsTowardGoal: true,
    followUps: [],
    createdAt: "2026-02-01T10:00:00Z",
    updatedAt: "2026-02-01T10:00:00Z",
  };

  it("round-trips a stored placement to a PATCH body without the candidate", () => {
    const d = draftFromPlacement(stored, "nb");
    expect(d).toMatchObject({ employerMode: "other", employerName: "Helsehuset", wageSubsidy: true, wageSubsidyPercent: "30", hoursPerWeek: "22,5", occupation: [{ uri: stored.occupation!.uri, nb: "Helsefagarbeider" }] });
    const { patch, errors } = draftToPatch(d);
    expect(errors).toEqual({});
    expect(patch).not.toHaveProperty("candidateId");
    expect(patch).toMatchObject({ employerId: null, employerName: "Helsehuset", type: "ordinary_temporary", wageSubsidyPercent: 30, hoursPerWeek: 22.5, startDate: "2026-02-01", endDate: null });
    expect(placementPatchSchema.safeParse(patch).success).toBe(true);
  });

  it("clears the subsidy when the type changes to one that cannot have it", () => {
    const d = { ...draftFromPlacement(stored, "nb"), type: "work_practice" as const };
    expect(draftToPatch(d).patch).toMatchObject({ wageSubsidyPercent: null, subsidyFrom: null, subsidyTo: null });
  });
});

describe("follow-ups", () => {
  it("tells answered, overdue, due within a week and later apart", () => {
    expect(followUpState({ dueOn: "2026-01-01", stillEmployed: true }, "2026-03-01")).toBe("answered");
    expect(followUpState({ dueOn: "2026-02-28", stillEmployed: null }, "2026-03-01")).toBe("overdue");
    expect(followUpState({ dueOn: "2026-03-01", stillEmployed: null }, "2026-03-01")).toBe("due");
    expect(followUpState({ dueOn: "2026-03-08", stillEmployed: null }, "2026-03-01")).toBe("due");
    expect(followUpState({ dueOn: "2026-03-09", stillEmployed: null }, "2026-03-01")).toBe("upcoming");
  });

  it("sums up a placement's follow-ups", () => {
    const f = (months: number, dueOn: string, stillEmployed: boolean | null) => ({ id: String(months), months, dueOn, stillEmployed, note: "", answeredAt: null, answeredBy: null });
    const s = followUpSummary([f(12, "2027-01-01", null), f(3, "2026-04-01", true), f(6, "2026-07-01", null)], "2026-08-01");
    expect(s).toMatchObject({ answered: 1, total: 3, overdue: true, notEmployed: false });
    expect(s.next?.months).toBe(6);
    expect(followUpSummary([f(3, "2026-04-01", false)], "2026-08-01")).toMatchObject({ next: null, overdue: false, notEmployed: true });
  });

  it("counts days and formats today", () => {
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(todayIso(new Date(2026, 0, 9, 23, 30))).toBe("2026-01-09");
  });
});

describe("small helpers", () => {
  it("reads the list's filters from the URL, dropping what the API would refuse", () => {
    expect(placementFiltersFromSearch({ type: "trainee", from: "2026-01-01", to: "2026-13-01", countsTowardGoal: "true", employerId: "x", candidateId: candidate.id })).toEqual({
      type: "trainee",
      from: "2026-01-01",
      countsTowardGoal: "true",
      candidateId: candidate.id,
    });
    expect(placementFiltersFromSearch({ type: "boss" })).toEqual({});
  });

  it("parses and formats numbers", () => {
    expect(parseDecimal("37,5")).toBe(37.5);
    expect(parseDecimal(" ")).toBeNull();
    expect(Number.isNaN(parseDecimal("1e3"))).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(formatRate(0.125, "en")).toBe("12.5%");
    expect(formatRate(null, "nb")).toBe("–");
    expect(formatRatio(0.756, "en")).toBe("0.75");
    expect(formatRatio(0.7999, "en")).toBe("0.79");
    expect(formatRatio(0.8, "en")).toBe("0.80");
    expect(formatRatio(1, "nb")).toBe("1,00");
    expect(formatScore(0.8349)).toBe("83 %");
  });
});
