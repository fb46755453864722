import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { insertTestEmployer } from "../employers/test-fixtures.ts";

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe("a goal counts a hire in its window", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("counts one person hired 100 days ago toward a goal that started a year ago", async () => {
    const admin = await t.as("admin");
    const employer = await insertTestEmployer(t.ctx.db, admin.tenantId, { name: "Fjordkaffe AS" });
    const candidate = (await admin.post("/api/v1/candidates", { firstName: "Amina", lastName: "Yusuf" })).json();
    const hire = await admin.post("/api/v1/placements", { candidateId: candidate.id, employerId: employer.id, type: "ordinary_permanent", startDate: isoDaysAgo(100) });
    expect(hire.statusCode, hire.body).toBe(201);
    const start = isoDaysAgo(365);
    const goal = await admin.post("/api/v1/goals", { name: "1000", kind: "deadline", target: 1000, startDate: start, deadline: isoDaysAgo(-730), partnerOrganisation: "", programme: "" });
    expect(goal.statusCode, goal.body).toBe(201);
    const report = (await admin.get("/api/v1/reports/dashboard")).json();
    expect(report.goals[0].people).toEqual({ count: null, suppression: "under_5" });
    expect(report.keyFigures.peopleInWork).toEqual({ count: null, suppression: "under_5" });
  });
});
