import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultEndDate, defaultSubsidyPeriods, generatePlan } from "./plan.ts";
import { osloDate } from "../platform/dates.ts";
import { defaultTemplate, mulDivRound, wageTable } from "../../shared/trainee-programme.ts";

describe("plan generation from the template", () => {
  it("puts activities at day offsets and evaluations at calendar months from the start", () => {
    const plan = generatePlan(defaultTemplate, "2026-01-31", defaultEndDate("2026-01-31"));
    const evaluations = plan.filter((p) => p.kind === "evaluation").map((p) => [p.evaluationMonth, p.dueOn]);
    // 31 Jan + 1 month is the last day of February; + 3 months the 30th of April (no 31st).
    expect(evaluations).toEqual([
      [1, "2026-02-28"],
      [3, "2026-04-30"],
      [6, "2026-07-31"],
      [9, "2026-10-31"],
      [12, "2027-01-30"],
    ]);
    expect(plan.find((p) => p.title.startsWith("Velkomst"))!.dueOn).toBe("2026-01-31");
    expect(plan.find((p) => p.title.startsWith("Oppstart norsk"))!.dueOn).toBe("2026-02-21");
  });

  it("handles leap years: 31 Jan 2028 + 1 month is 29 Feb; 29 Feb 2028 ends the day before 28 Feb 2029", () => {
    expect(generatePlan({ activities: [], evaluationMonths: [1] }, "2028-01-31", "2028-12-31")[0]!.dueOn).toBe("2028-02-29");
    expect(defaultEndDate("2028-02-29")).toBe("2029-02-27");
    expect(defaultEndDate("2026-01-05")).toBe("2027-01-04");
  });

  it("keeps nothing after the end date: the 12-month evaluation of a one-year programme is on its last day", () => {
    const plan = generatePlan(defaultTemplate, "2026-03-15", defaultEndDate("2026-03-15"));
    expect(plan.every((p) => p.dueOn <= "2027-03-14")).toBe(true);
    expect(plan.at(-1)).toMatchObject({ kind: "evaluation", evaluationMonth: 12, dueOn: "2027-03-14" });
  });

  it("is not moved by daylight saving time: days across the spring and autumn changes are whole days", () => {
    // 2026-03-29 and 2026-10-25 are the change days in Norway.
    const plan = generatePlan({ activities: [{ title: "a", kind: "other", dayOffset: 1 }, { title: "b", kind: "other", dayOffset: 212 }], evaluationMonths: [7] }, "2026-03-28", "2027-03-27");
    expect(plan.map((p) => p.dueOn)).toEqual(["2026-03-29", "2026-10-26", "2026-10-28"]);
    // "Today" is Norway's date: 23:30 UTC on 28 March (summer time starts that night) is 29 March in Oslo.
    expect(osloDate(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29");
    expect(osloDate(new Date("2026-10-24T22:30:00Z"))).toBe("2026-10-25");
    expect(osloDate(new Date("2026-10-25T22:30:00Z"))).toBe("2026-10-25");
  });

  it("every evaluation date is within the programme and in order, for any start date", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2035-12-31"), noInvalidDate: true }), (d) => {
        const start = d.toISOString().slice(0, 10);
        const end = defaultEndDate(start);
        const plan = generatePlan(defaultTemplate, start, end);
        const dates = plan.map((p) => p.dueOn);
        expect([...dates].sort()).toEqual(dates);
        expect(dates.every((x) => x >= start && x <= end)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("gives 100 % subsidy for the template's first months by default", () => {
    expect(defaultSubsidyPeriods("2026-01-31", "2027-01-30", 3)).toEqual([{ from: "2026-01-31", to: "2026-04-29", percent: 100 }]);
    expect(defaultSubsidyPeriods("2026-01-01", "2026-02-15", 3)).toEqual([{ from: "2026-01-01", to: "2026-02-15", percent: 100 }]);
    expect(defaultSubsidyPeriods("2026-01-01", "2026-12-31", 0)).toEqual([]);
  });
});

describe("wage and subsidy arithmetic (øre, exact)", () => {
  it("rounds a × b / c half up exactly, beyond the safe range of doubles in between", () => {
    expect(mulDivRound(10, 1, 4)).toBe(3); // 2.5 → 3
    expect(mulDivRound(10, 1, 3)).toBe(3); // 3.33 → 3
    expect(mulDivRound(5_000_000, 50, 3100)).toBe(80645); // 80 645.16
    expect(mulDivRound(99_999_999, 31 * 100, 3100)).toBe(99_999_999);
  });

  it("subsidises full months at 100 % to the øre, prorates partial months by days", () => {
    const { months, totals } = wageTable({ startDate: "2026-01-15", endDate: "2026-05-14", monthlySalaryOre: 4_500_000, subsidyPeriods: [{ from: "2026-01-15", to: "2026-04-14", percent: 100 }] });
    expect(months.map((m) => [m.month, m.days, m.salaryOre, m.subsidyOre, m.costOre])).toEqual([
      // 17 of 31 days: 4 500 000 × 17 / 31 = 2 467 741.9 → 2 467 742
      ["2026-01", 17, 2_467_742, 2_467_742, 0],
      ["2026-02", 28, 4_500_000, 4_500_000, 0],
      ["2026-03", 31, 4_500_000, 4_500_000, 0],
      // April: 30 days paid, 14 subsidised: 4 500 000 × 1400 / 3000 = 2 100 000
      ["2026-04", 30, 4_500_000, 2_100_000, 2_400_000],
      // 14 of 31 days: 2 032 258.06 → 2 032 258
      ["2026-05", 14, 2_032_258, 0, 2_032_258],
    ]);
    expect(totals).toEqual({ salaryOre: 18_000_000, subsidyOre: 13_567_742, costOre: 4_432_258 });
  });

  it("applies agreed percentages after the first months; later periods win where they overlap", () => {
    const { months } = wageTable({
      startDate: "2026-01-01",
      endDate: "2026-02-28",
      monthlySalaryOre: 3_000_000,
      subsidyPeriods: [
        { from: "2026-01-01", to: "2026-02-28", percent: 100 },
        { from: "2026-02-01", to: "2026-02-28", percent: 40 },
      ],
    });
    expect(months.map((m) => m.subsidyOre)).toEqual([3_000_000, 1_200_000]);
  });

  it("holds for any salary and periods: integers, subsidy ≤ salary, cost = salary − subsidy, totals are sums", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 400 }), (salary, percent, length) => {
        const start = "2026-01-17";
        const end = new Date(Date.UTC(2026, 0, 17 + length)).toISOString().slice(0, 10);
        const { months, totals } = wageTable({ startDate: start, endDate: end, monthlySalaryOre: salary, subsidyPeriods: [{ from: start, to: end, percent }] });
        for (const m of months) {
          expect(Number.isInteger(m.salaryOre) && Number.isInteger(m.subsidyOre)).toBe(true);
          expect(m.subsidyOre).toBeLessThanOrEqual(m.salaryOre);
          expect(m.costOre).toBe(m.salaryOre - m.subsidyOre);
        }
        expect(totals.salaryOre).toBe(months.reduce((s, m) => s + m.salaryOre, 0));
        expect(totals.costOre).toBe(totals.salaryOre - totals.subsidyOre);
        if (percent === 100) expect(totals.costOre).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
