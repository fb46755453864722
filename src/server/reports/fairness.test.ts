import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { matchLogs, pipelineEntries } from "../jobs/tables.ts";
import { placements } from "../placements/tables.ts";
import { makeCandidate, makeJob } from "../placements/test-fixtures.ts";
import { ageBandOf, fairnessGroups, suppress } from "./fairness.ts";
import type { Member } from "./fairness.ts";
import { regionOf } from "../../shared/regions.ts";

describe("fairness: pure parts", () => {
  it("maps countries to regions and birth years to age bands", () => {
    expect(["NO", "SE", "PL", "SY", "ER", "AF", "BR", "AU", "XX", null].map(regionOf)).toEqual([
      "nordic",
      "nordic",
      "rest_of_europe",
      "middle_east_north_africa",
      "sub_saharan_africa",
      "asia",
      "americas",
      "oceania",
      "unknown",
      "unknown",
    ]);
    expect([2010, 2008, 2002, 2001, 1992, 1991, 1982, 1981, 1972, 1971, null].map((y) => ageBandOf(y, 2026))).toEqual([
      "under_18",
      "18-24",
      "18-24",
      "25-34",
      "25-34",
      "35-44",
      "35-44",
      "45-54",
      "45-54",
      "55+",
      "unknown",
    ]);
  });

  it("suppresses groups under five, then more until the totals cannot reveal them", () => {
    const hide = (sizes: Record<string, number>) => Object.fromEntries(suppress(new Map(Object.entries(sizes))));
    expect(hide({ a: 10, b: 7 })).toEqual({});
    // One small group: the smallest other group goes too, or a + the total would reveal it.
    expect(hide({ a: 10, b: 7, c: 3 })).toEqual({ c: "small_group", b: "complementary" });
    // Two small groups that add up to five or more: enough.
    expect(hide({ a: 10, b: 3, c: 2 })).toEqual({ b: "small_group", c: "small_group" });
    // Two small groups that add up to three: 1 + 2 or 2 + 1, neither can be computed.
    expect(hide({ a: 10, b: 9, c: 1, d: 2 })).toEqual({ c: "small_group", d: "small_group" });
    // Two groups of one: 1 + 1 is the only way to make two, so another one goes.
    expect(hide({ a: 10, b: 9, c: 1, d: 1 })).toEqual({ c: "small_group", d: "small_group", b: "complementary" });
    // Everything small: everything hidden.
    expect(hide({ a: 1, b: 2 })).toEqual({ a: "small_group", b: "small_group" });
    expect(hide({ a: 4 })).toEqual({ a: "small_group" });
  });

  it("computes rates, ratios to the highest shown group and the four-fifths flag", () => {
    const members: Member[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ id: `f${i}`, gender: "female", ageBand: "25-34" as const, region: "asia" })),
      ...Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, gender: "male", ageBand: "25-34" as const, region: "asia" })),
    ];
    const hired = new Set(["f0", "f1", "f2", "f3", "m0", "m1"]);
    const [gender] = fairnessGroups(members, { top10: new Set(), shared: new Set(["f0"]), hired }, "en");
    const female = gender!.groups.find((g) => g.key === "female")!;
    const male = gender!.groups.find((g) => g.key === "male")!;
    expect(female).toMatchObject({ size: 10, label: "Female", hired: { rate: 0.4, ratio: 1, belowFourFifths: false }, shared: { rate: 0.1, ratio: 1 } });
    expect(male).toMatchObject({ size: 5, hired: { rate: 0.4, ratio: 1, belowFourFifths: false }, shared: { rate: 0, ratio: 0, belowFourFifths: true } });
    // Nobody had the outcome: no ratio, no flag.
    expect(female.top10).toEqual({ rate: 0, ratio: null, belowFourFifths: false });
  });
});

describe("GET /api/v1/reports/fairness", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    const tenantId = admin.tenantId;
    // 30 people: 10 women, 12 men, 2 "other", 6 unstated; ages and regions spread (see below).
    const ages = [...Array(10).fill(30), ...Array(9).fill(40), ...Array(5).fill(60), ...Array(3).fill(20), ...Array(3).fill(50)] as number[];
    for (let i = 0; i < 30; i++) {
      const gender = i < 10 ? "female" : i < 22 ? "male" : i < 24 ? "other" : "unspecified";
      const countryOfBirth = i < 15 ? "SY" : i < 25 ? "ER" : "PL";
      const row = await makeCandidate(t.ctx.db, tenantId, { background: { gender, birthYear: 2026 - ages[i]!, countryOfBirth } });
      ids.push(row.id);
    }
    // Not counted: someone who asked to be erased, and another network's people.
    const erased = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "female" } });
    await admin.delete(`/api/v1/candidates/${erased.id}`);
    const other = await t.createNetwork();
    for (let i = 0; i < 6; i++) await makeCandidate(t.ctx.db, other.id, { background: { gender: "female" } });

    const at = new Date("2026-03-01T10:00:00Z");
    const job = await makeJob(t.ctx.db, tenantId, { municipalUnit: "Enhet" });
    const result = (list: number[]) => list.map((i, n) => ({ id: ids[i]!, score: 1 - n / 100 }));
    await t.ctx.db.insert(matchLogs).values([
      // Ten men in the top ten; a woman 11th (not counted).
      { tenantId, direction: "candidates_for_job", subjectId: job.id, engineVersion: "test", results: result([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0]), createdAt: at },
      { tenantId, direction: "candidates_for_job", subjectId: job.id, engineVersion: "test", results: result([0, 1, 2]), createdAt: at },
      // Jobs for a candidate list jobs, not people; a ranking outside the period does not count.
      { tenantId, direction: "jobs_for_candidate", subjectId: ids[3]!, engineVersion: "test", results: [{ id: ids[4]!, score: 0.5 }], createdAt: at },
      { tenantId, direction: "candidates_for_job", subjectId: job.id, engineVersion: "test", results: result([3, 4, 5, 6, 7, 8, 9]), createdAt: new Date("2025-06-01T10:00:00Z") },
    ]);
    // Shared: five women and five men in the period; one woman before it.
    await t.ctx.db.insert(pipelineEntries).values([
      ...[0, 1, 2, 3, 4, 10, 11, 12, 13, 14].map((i) => ({ tenantId, jobId: job.id, candidateId: ids[i]!, stage: "shared", sharedVariant: "anonymous", sharedAt: at })),
      { tenantId, jobId: job.id, candidateId: ids[5]!, stage: "shared", sharedVariant: "anonymous", sharedAt: new Date("2025-12-31T10:00:00Z") },
      { tenantId, jobId: job.id, candidateId: ids[6]!, stage: "suggested" },
    ]);
    // Hired: two women, six men (one man twice), one unstated; a man hired before the period.
    await t.ctx.db.insert(placements).values(
      [0, 1, 10, 11, 12, 13, 14, 15, 15, 24, 16].map((i, n) => ({ tenantId, candidateId: ids[i]!, employerName: "AS", type: "ordinary_permanent", startDate: n === 10 ? "2025-11-01" : "2026-02-01" })),
    );
  });
  afterAll(() => t.close());

  it("reports rates, ratios, flags and sizes per group, with small groups and their complements suppressed", async () => {
    const response = await admin.get("/api/v1/reports/fairness?from=2026-01-01&to=2026-06-30&lang=en");
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ period: { from: "2026-01-01", to: "2026-06-30" }, population: 30, minimumGroupSize: 5, fourFifthsThreshold: 0.8 });
    const dimension = (name: string) => report.dimensions.find((d: { dimension: string }) => d.dimension === name).groups as Record<string, unknown>[];
    const gender = dimension("gender");
    expect(gender.map((g) => [g.key, g.size, g.suppressed])).toEqual([
      ["female", 10, null],
      ["male", 12, null],
      ["other", "under 5", "small_group"],
      ["unspecified", "suppressed", "complementary"],
    ]);
    const [female, male, other, unstated] = gender as { top10: { rate: number; ratio: number; belowFourFifths: boolean }; shared: { rate: number; ratio: number; belowFourFifths: boolean }; hired: { rate: number; ratio: number; belowFourFifths: boolean } }[];
    expect(female!.top10.rate).toBeCloseTo(0.3);
    expect(male!.top10.rate).toBeCloseTo(10 / 12);
    expect(female!.top10.ratio).toBeCloseTo(0.3 / (10 / 12));
    expect(female!.top10.belowFourFifths).toBe(true);
    expect(male!.top10).toMatchObject({ ratio: 1, belowFourFifths: false });
    expect(female!.shared.rate).toBeCloseTo(0.5);
    expect(male!.shared.rate).toBeCloseTo(5 / 12);
    expect(male!.shared.ratio).toBeCloseTo(5 / 12 / 0.5);
    expect(male!.shared.belowFourFifths).toBe(false);
    expect(female!.hired.rate).toBeCloseTo(0.2);
    expect(male!.hired.rate).toBeCloseTo(0.5);
    expect(female!.hired).toMatchObject({ ratio: 0.4, belowFourFifths: true });
    for (const hidden of [other, unstated]) expect(hidden).toMatchObject({ top10: { rate: null, ratio: null }, shared: { rate: null, ratio: null }, hired: { rate: null, ratio: null } });

    expect(dimension("ageBand").map((g) => [g.key, g.label, g.size, g.suppressed])).toEqual([
      ["18-24", "18–24", "under 5", "small_group"],
      ["25-34", "25–34", 10, null],
      ["35-44", "35–44", 9, null],
      ["45-54", "45–54", "under 5", "small_group"],
      ["55+", "55+", 5, null],
    ]);
    expect(dimension("region").map((g) => [g.key, g.label, g.size])).toEqual([
      ["rest_of_europe", "Rest of Europe", 5],
      ["middle_east_north_africa", "Middle East & North Africa", 15],
      ["sub_saharan_africa", "Sub-Saharan Africa", 10],
    ]);
    // The totals cannot reveal the hidden gender groups: population − shown = 8, two groups.
    expect(report.measures.top10).toMatch(/first ten/);
  });

  it("defaults to the last year, answers in bokmål, and rejects a reversed period", async () => {
    const report = (await admin.get("/api/v1/reports/fairness")).json();
    expect(report.period.to > report.period.from).toBe(true);
    expect(report.dimensions[0].groups[0].label).toBe("Kvinne");
    const bad = await admin.get("/api/v1/reports/fairness?from=2026-06-30&to=2026-01-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("query.from");
    expect((await admin.get("/api/v1/reports/fairness?from=last-year")).statusCode).toBe(400);
  });

  it("shows a network with under five people as under 5, with every group hidden", async () => {
    const small = await t.createNetwork();
    const boss = await t.as("admin", small.id);
    for (const gender of ["female", "female", "male"] as const) await makeCandidate(t.ctx.db, small.id, { background: { gender, countryOfBirth: "SY" } });
    const report = (await boss.get("/api/v1/reports/fairness")).json();
    expect(report.population).toBe("under 5");
    for (const d of report.dimensions) for (const g of d.groups) expect(g.suppressed).not.toBeNull();
  });
});
