import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { createDemoNetwork } from "../demo/service.ts";
import { candidates } from "../candidates/tables.ts";
import { candidateConsents, jobs, matchLogs, pipelineEntries, pipelineStageChanges } from "../jobs/tables.ts";
import { placementFollowUps, placements } from "./tables.ts";
import { demoJobDescription } from "./demo.ts";
import { addMonths } from "./service.ts";
import { osloDate } from "../platform/dates.ts";
import { defaultPipelineStages } from "../../shared/jobs.ts";
import { placementTypes } from "../../shared/placements.ts";

// Builds the demo network several times (password hashes, 150 candidates each): slow on a busy machine.
describe("demo jobs, candidate lists and placements", { timeout: 180_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const snapshot = async (tenantId: string) =>
    (
      await t.ctx.db
        .select({ email: candidates.email, type: placements.type, employerName: placements.employerName, startDate: placements.startDate, endDate: placements.endDate, subsidy: placements.wageSubsidyPercent })
        .from(placements)
        .innerJoin(candidates, eq(candidates.id, placements.candidateId))
        .where(eq(placements.tenantId, tenantId))
    ).sort((a, b) => `${a.startDate}${a.email}${a.type}`.localeCompare(`${b.startDate}${b.email}${b.type}`));

  it("adds ~60 jobs, lists in every stage with history and consents, rankings, and ~150 placements over three years; the same again for the same seed", async () => {
    const started = performance.now();
    const { network } = await createDemoNetwork(t.ctx, { candidates: 150, seed: "placements" });
    const ms = performance.now() - started;
    const tenantId = network.id;
    const jobRows = await t.ctx.db.select().from(jobs).where(eq(jobs.tenantId, tenantId));
    expect(jobRows).toHaveLength(60);
    expect(jobRows.every((j) => j.description === demoJobDescription && (j.employerId !== null || j.municipalUnit !== ""))).toBe(true);

    const entries = await t.ctx.db.select().from(pipelineEntries).where(eq(pipelineEntries.tenantId, tenantId));
    expect(new Set(entries.map((e) => e.stage))).toEqual(new Set(defaultPipelineStages));
    const changes = await t.ctx.db.select().from(pipelineStageChanges).where(eq(pipelineStageChanges.tenantId, tenantId));
    for (const entry of entries) {
      const history = changes.filter((c) => c.entryId === entry.id).sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
      expect(history.at(-1)!.toStage).toBe(entry.stage);
      expect(history[0]!.fromStage).toBeNull();
    }
    const consents = await t.ctx.db.select().from(candidateConsents).where(eq(candidateConsents.tenantId, tenantId));
    for (const entry of entries.filter((e) => e.sharedAt !== null)) {
      const consent = consents.find((c) => c.candidateId === entry.candidateId && c.jobId === entry.jobId);
      expect(consent, "every shared entry has a consent").toBeDefined();
      expect(consent!.purpose).toBe("share_with_employer");
      expect(consent!.givenAt.getTime()).toBeLessThanOrEqual(entry.sharedAt!.getTime());
    }
    expect((await t.ctx.db.select().from(matchLogs).where(eq(matchLogs.tenantId, tenantId))).length).toBeGreaterThanOrEqual(60);

    const rows = await t.ctx.db.select().from(placements).where(eq(placements.tenantId, tenantId));
    expect(rows.length).toBeGreaterThanOrEqual(140);
    expect(rows.length).toBeLessThanOrEqual(170);
    expect(new Set(rows.map((p) => p.type))).toEqual(new Set(placementTypes));
    const today = osloDate(new Date());
    const threeYearsAgo = addMonths(today, -37);
    expect(rows.filter((p) => !(p.startDate <= today && p.startDate >= threeYearsAgo)).map((p) => [p.startDate, p.employerName, p.jobId])).toEqual([]);
    expect(rows.filter((p) => p.jobId !== null).length).toBeGreaterThan(0);
    expect(rows.every((p) => p.wageSubsidyPercent === null || p.type.startsWith("ordinary"))).toBe(true);
    const followUps = await t.ctx.db.select().from(placementFollowUps).where(eq(placementFollowUps.tenantId, tenantId));
    expect(followUps).toHaveLength(rows.length * 3);
    const past = followUps.filter((f) => f.dueOn < today);
    expect(past.filter((f) => f.stillEmployed !== null).length / past.length).toBeGreaterThan(0.9);
    expect(followUps.filter((f) => f.dueOn > today).every((f) => f.stillEmployed === null)).toBe(true);
    // Ordinary work that has not ended puts the candidate in work.
    const running = rows.filter((p) => p.type.startsWith("ordinary") && (p.endDate === null || p.endDate >= today)).map((p) => p.candidateId!);
    const statuses = await t.ctx.db.select({ status: candidates.status }).from(candidates).where(inArray(candidates.id, running));
    expect(statuses.every((s) => s.status === "in_work" || s.status === "left")).toBe(true);

    // The fairness report and the lists have data.
    const admin = await t.as("admin", tenantId);
    const report = (await admin.get(`/api/v1/reports/fairness?from=${addMonths(today, -36)}&to=${today}`)).json();
    const female = report.dimensions[0].groups.find((g: { key: string }) => g.key === "female");
    expect(female.top10.rate).toBeGreaterThan(0);
    expect(female.hired.rate).toBeGreaterThan(0);
    expect((await admin.get("/api/v1/placements?countsTowardGoal=true")).json().items.length).toBeGreaterThan(0);

    // Same seed, same placements; a re-run replaces instead of adding.
    const first = await snapshot(tenantId);
    await createDemoNetwork(t.ctx, { candidates: 150, seed: "placements" });
    expect(await snapshot(tenantId)).toEqual(first);
    expect(await t.ctx.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.tenantId, tenantId))).toHaveLength(60);
    expect(await t.ctx.db.select({ id: placements.id }).from(placements).where(and(eq(placements.tenantId, tenantId), isNull(placements.candidateId)))).toEqual([]);
    const other = await createDemoNetwork(t.ctx, { candidates: 150, seed: "another" }).then(() => snapshot(tenantId));
    expect(other).not.toEqual(first);
    console.log(`demo with jobs and placements: ${Math.round(ms)} ms`);
  });

  it("without candidates there are jobs but no lists or placements", async () => {
    const { network } = await createDemoNetwork(t.ctx, { candidates: 0, seed: "empty" });
    expect(await t.ctx.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.tenantId, network.id)).orderBy(asc(jobs.id))).toHaveLength(60);
    expect(await t.ctx.db.select().from(placements).where(eq(placements.tenantId, network.id))).toEqual([]);
    expect(await t.ctx.db.select().from(pipelineEntries).where(eq(pipelineEntries.tenantId, network.id))).toEqual([]);
  });
});
