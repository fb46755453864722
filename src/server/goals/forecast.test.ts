import { describe, expect, it } from "vitest";
import { countingDays, forecastGoal, goalWindow } from "./forecast.ts";

const threeYears = { from: "2026-01-01", to: "2028-12-31" }; // 1096 days

describe("goal windows", () => {
  it("is the start to the deadline for a deadline goal", () => {
    expect(goalWindow({ kind: "deadline", startDate: "2026-01-01", deadline: "2028-12-31" }, "2026-05-01")).toEqual(threeYears);
  });
  it("is the calendar year of the day for a yearly goal, not before its start", () => {
    const goal = { kind: "yearly" as const, startDate: "2026-03-15", deadline: null };
    expect(goalWindow(goal, "2026-06-01")).toEqual({ from: "2026-03-15", to: "2026-12-31" });
    expect(goalWindow(goal, "2027-06-01")).toEqual({ from: "2027-01-01", to: "2027-12-31" });
    expect(goalWindow(goal, "2025-06-01")).toEqual({ from: "2026-03-15", to: "2026-12-31" });
  });
  it("reads the pace from the last 90 days, not before the window's start", () => {
    expect(countingDays(threeYears, "2026-12-31")).toEqual({ until: "2026-12-31", recentFrom: "2026-10-03", paceDays: 90 });
    expect(countingDays(threeYears, "2026-01-10")).toEqual({ until: "2026-01-10", recentFrom: "2026-01-01", paceDays: 10 });
    expect(countingDays(threeYears, "2030-01-01")).toEqual({ until: "2028-12-31", recentFrom: "2028-10-03", paceDays: 90 });
    expect(countingDays(threeYears, "2025-12-31")).toEqual({ until: null, recentFrom: null, paceDays: 0 });
  });
});

describe("forecastGoal", () => {
  it("with no placements: on the line's start, no pace, never reached", () => {
    const f = forecastGoal({ window: threeYears, asOf: "2026-01-01", target: 1000, people: 0, recentPeople: 0 });
    expect(f).toMatchObject({ share: 0, pacePerDay: 0, projectedAtEnd: 0, projectedReachDate: null, status: "behind" });
    expect(f.expectedByNow).toBeCloseTo(1000 / 1096, 2);
  });
  it("reads the straight line and carries the recent pace to the deadline", () => {
    // Halfway (day 548 of 1096): 500 expected; 450 people, 90 in the last 90 days = 1 a day, 548 days left.
    const f = forecastGoal({ window: threeYears, asOf: "2027-07-02", target: 1000, people: 450, recentPeople: 90 });
    expect(f.expectedByNow).toBe(500);
    expect(f.aheadBy).toBe(-50);
    expect(f.pacePerDay).toBe(1);
    expect(f.projectedAtEnd).toBe(450 + 548);
    expect(f.status).toBe("behind");
    // 550 more at one a day: 550 days after 2027-07-02 is after the deadline.
    expect(f.projectedReachDate).toBeNull();
    const faster = forecastGoal({ window: threeYears, asOf: "2027-07-02", target: 1000, people: 450, recentPeople: 180 });
    expect(faster).toMatchObject({ pacePerDay: 2, projectedAtEnd: 450 + 1096, status: "on_track", projectedReachDate: "2028-04-02" });
  });
  it("already reached: status reached, no reach date", () => {
    const f = forecastGoal({ window: threeYears, asOf: "2027-01-01", target: 100, people: 120, recentPeople: 30 });
    expect(f).toMatchObject({ status: "reached", projectedReachDate: null, share: 1.2 });
  });
  it("past the deadline: counted to the deadline, missed or reached, no projection beyond", () => {
    const missed = forecastGoal({ window: threeYears, asOf: "2029-03-01", target: 1000, people: 800, recentPeople: 90 });
    expect(missed).toMatchObject({ expectedByNow: 1000, status: "missed", projectedAtEnd: 800, projectedReachDate: null });
    expect(forecastGoal({ window: threeYears, asOf: "2029-03-01", target: 500, people: 800, recentPeople: 90 }).status).toBe("reached");
  });
  it("before the start: not started, nothing expected", () => {
    expect(forecastGoal({ window: threeYears, asOf: "2025-06-01", target: 1000, people: 0, recentPeople: 0 })).toMatchObject({ expectedByNow: 0, status: "not_started", projectedReachDate: null });
  });
  it("a yearly goal reads its line within the calendar year", () => {
    const window = goalWindow({ kind: "yearly", startDate: "2024-01-01", deadline: null }, "2026-07-02");
    // Day 183 of 365: 100.27 of 200 expected; 90 people, 45 in 90 days (0.5 a day), 182 days left → 181.
    const f = forecastGoal({ window, asOf: "2026-07-02", target: 200, people: 90, recentPeople: 45 });
    expect(f.expectedByNow).toBeCloseTo(100.27, 2);
    expect(f).toMatchObject({ pacePerDay: 0.5, projectedAtEnd: 181, status: "behind", projectedReachDate: null });
  });
  it("hides what a hidden count would reveal", () => {
    expect(forecastGoal({ window: threeYears, asOf: "2026-06-01", target: 1000, people: null, recentPeople: null })).toMatchObject({ share: null, aheadBy: null, pacePerDay: null, projectedAtEnd: null, projectedReachDate: null, status: null });
    const recentHidden = forecastGoal({ window: threeYears, asOf: "2026-06-01", target: 1000, people: 20, recentPeople: null });
    expect(recentHidden).toMatchObject({ share: 0.02, pacePerDay: null, projectedAtEnd: null, status: null });
  });
});
