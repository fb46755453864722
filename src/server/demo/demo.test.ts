import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { taxonomyConcepts } from "../taxonomy/tables.ts";
import { invalidateTaxonomyIndex } from "../taxonomy/service.ts";
import { jobs } from "../jobs/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { goals } from "../goals/tables.ts";
import { dashboardReport } from "../reports/dashboard.ts";
import { createDemoNetwork } from "./service.ts";
import { traineeNeeds, traineeScoreSheets, traineeShortlistEntries } from "../trainee-recruitment/tables.ts";
import { demoServiceCounts } from "../services/demo.ts";
import { activityReport } from "../services/activity-report.ts";

/* `mangfold demo` on a data directory the server has never started: no taxonomy has been loaded yet. */
describe("the demo on a fresh database", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.ctx.db.delete(taxonomyConcepts);
    invalidateTaxonomyIndex(t.ctx.db);
  });
  afterAll(() => t.close());

  it("loads the starter taxonomy first, so candidates have occupations and the jobs are there", async () => {
    const { network } = await createDemoNetwork(t.ctx, { candidates: 30, employers: 10 });
    const [jobCount] = await t.ctx.db.select({ n: count() }).from(jobs).where(eq(jobs.tenantId, network.id));
    expect(jobCount!.n).toBeGreaterThan(0);
    const people = await t.ctx.db.select({ occupations: candidates.occupationUris }).from(candidates).where(eq(candidates.tenantId, network.id));
    expect(people.some((p) => p.occupations.length > 0)).toBe(true);
  });

  it("has partners, services, two language groups with sessions and attendance, and events, once", async () => {
    const { network } = await createDemoNetwork(t.ctx, { candidates: 60, employers: 10 });
    const first = await demoServiceCounts(t.ctx.db, network.id);
    expect(first).toMatchObject({ groups: 2, sessions: 16, events: 4 });
    expect(first.services).toBeGreaterThan(0);
    // A refresh replaces them rather than adding more, also with fewer candidates than the groups' places (the
    // second group is then empty).
    await createDemoNetwork(t.ctx, { candidates: 10, employers: 10 });
    expect(await demoServiceCounts(t.ctx.db, network.id)).toMatchObject({ groups: 2, sessions: 16, events: 4 });
    const report = await activityReport(t.ctx.db, network.id, {});
    expect(report.byType.find((r) => r.label === "Språkgruppe")!.sessions).toBeGreaterThan(0);
    expect(report.events.map((e) => e.key)).toEqual(expect.arrayContaining(["network_meeting", "job_fair"]));
  }, 120_000);

  it("has two goals, once, and a dashboard with them", async () => {
    const { network } = await createDemoNetwork(t.ctx, { candidates: 30, employers: 10 });
    expect((await t.ctx.db.select().from(goals).where(eq(goals.tenantId, network.id))).map((g) => g.kind)).toEqual(["deadline", "yearly"]);
    const report = await dashboardReport(t.ctx.db, network.id, { lang: "nb" });
    expect(report.goals).toHaveLength(2);
  });
});

describe("the demo's trainee recruitment", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("has needs for IT, property and technical services with shortlists, scores and a decision, replaced on a re-run", async () => {
    await createDemoNetwork(t.ctx, { candidates: 60, employers: 5 });
    const { network } = await createDemoNetwork(t.ctx, { candidates: 60, employers: 5 });
    const needs = await t.ctx.db.select().from(traineeNeeds).where(eq(traineeNeeds.tenantId, network.id));
    expect(needs.map((n) => n.area).sort()).toEqual(["it", "property", "technical"]);
    const entries = await t.ctx.db.select().from(traineeShortlistEntries).where(eq(traineeShortlistEntries.tenantId, network.id));
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(entries.some((e) => e.status === "accepted" && e.decisionReason)).toBe(true);
    const [sheets] = await t.ctx.db.select({ n: count() }).from(traineeScoreSheets).where(eq(traineeScoreSheets.tenantId, network.id));
    expect(sheets!.n).toBeGreaterThan(0);
  });
});
