import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { createDemoNetwork } from "../demo/service.ts";
import { traineeCohorts, traineeEvaluations, trainees } from "./tables.ts";
import { programmeReport } from "./report.ts";

describe("the demo's trainee programme", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("has two cohorts of five with plans, evaluations and outcomes, the same after a re-run, and a report", async () => {
    await createDemoNetwork(t.ctx, { candidates: 40, employers: 5 });
    const { network, logins } = await createDemoNetwork(t.ctx, { candidates: 40, employers: 5 });
    const cohorts = await t.ctx.db.select().from(traineeCohorts).where(eq(traineeCohorts.tenantId, network.id));
    expect(cohorts).toHaveLength(2);
    const rows = await t.ctx.db.select().from(trainees).where(eq(trainees.tenantId, network.id));
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.outcome === "offered").every((r) => r.placementId !== null)).toBe(true);
    expect(rows.filter((r) => r.status === "active")).toHaveLength(5);
    const drafts = await t.ctx.db.select().from(traineeEvaluations).where(and(eq(traineeEvaluations.tenantId, network.id), eq(traineeEvaluations.kind, "supervisor")));
    expect(drafts.some((d) => d.publishedAt === null)).toBe(true);
    expect((await t.ctx.db.select().from(traineeEvaluations).where(isNotNull(traineeEvaluations.publishedAt))).length).toBeGreaterThan(10);
    // Every trainee reads back through the response schema (scores are whole numbers).
    const hr = logins.find((l) => l.role === "hr")!;
    const hrClient = await t.signIn(hr.email, hr.password);
    for (const row of rows) expect((await hrClient.get(`/api/v1/trainee/trainees/${row.id}`)).statusCode).toBe(200);
    const report = await programmeReport(t.ctx.db, network.id);
    expect(report.byStatus.total).toBe(10);
    expect(report.money).not.toBeNull();
    // The demo supervisor signs in and sees the ten trainees.
    const supervisor = logins.find((l) => l.role === "supervisor")!;
    const client = await t.signIn(supervisor.email, supervisor.password);
    expect((await client.get("/api/v1/trainee/trainees")).json().items).toHaveLength(10);
  }, 240_000);
});
