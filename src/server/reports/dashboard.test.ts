import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { employers } from "../employers/tables.ts";
import { placementFollowUps, placements } from "../placements/tables.ts";
import { makeCandidate, makeEmployer } from "../placements/test-fixtures.ts";
import { readRows } from "../platform/tabular.ts";
import { auditLog } from "../platform/tables.ts";
import { dashboardSchema } from "../../shared/dashboard.ts";
import type { CountTable, Dashboard } from "../../shared/dashboard.ts";

/*
 * The dashboard against a small network counted by hand (period 2026-01-01 – 2026-06-30):
 *
 * | who                          | placements in the period                                   | advisor | partner |
 * |------------------------------|------------------------------------------------------------|---------|---------|
 * | 6 women, Syria, born 1990    | ordinary permanent at Q-employer, security guard (ISCO 5); | adv1    | NAV     |
 * |                              | 3 in Feb, 3 in Mar; one of them also work practice in Apr  |         |         |
 * | 7 men, Eritrea, born 2000    | 5 ordinary temporary at C-employer, driver (ISCO 8), Apr;  | –       | –       |
 * |                              | 2 work practice at a municipal unit, Apr                   |         |         |
 * | 2 "other", Poland, born 1960 | summer job at "Sommer AS", May                             | adv1    | –       |
 * | 1 erased (no candidate)      | ordinary permanent at C-employer, driver, May              | –       | –       |
 *
 * Outside the period: a man's placement in Dec 2025. Another network: 10 placements.
 */

const cargoDriver = "http://data.europa.eu/esco/occupation/45037d43-a8f5-4f46-b332-b2935bc305f4"; // ISCO 8332
const securityGuard = "http://data.europa.eu/esco/occupation/31808988-fc0a-4bc3-9e47-27216d6759f5"; // ISCO 5414
const period = "from=2026-01-01&to=2026-06-30&lang=en";

const cells = (table: CountTable | undefined) => Object.fromEntries(table!.cells.map((c) => [c.key, c.count ?? c.suppression]));
const tableOf = (report: Dashboard, id: string) => report.tables.find((t) => t.id === id);

describe("GET /api/v1/reports/dashboard", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  let adv1: Awaited<ReturnType<TestApp["as"]>>;
  let viewer: Awaited<ReturnType<TestApp["as"]>>;
  const personIds: string[] = [];
  const names: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    const tenantId = admin.tenantId;
    adv1 = await t.as("advisor", tenantId);
    viewer = await t.as("viewer", tenantId);
    const q = await makeEmployer(t.ctx.db, tenantId, "Omsorg AS");
    const c = await makeEmployer(t.ctx.db, tenantId, "Transport AS");
    await t.ctx.db.update(employers).set({ naceCode: "87.101", naceSection: "Q" }).where(eq(employers.id, q.id));
    await t.ctx.db.update(employers).set({ naceCode: "10.110", naceSection: "C" }).where(eq(employers.id, c.id));
    const person = async (input: Parameters<typeof makeCandidate>[2]) => {
      const row = await makeCandidate(t.ctx.db, tenantId, input);
      personIds.push(row.id);
      names.push(row.lastName);
      return row.id;
    };
    const rows: (typeof placements.$inferInsert)[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await person({ advisorUserId: adv1.userId, partnerOrganisation: "NAV", background: { gender: "female", countryOfBirth: "SY", birthYear: 1990 } });
      rows.push({ tenantId, candidateId: id, employerId: q.id, employerName: "Omsorg AS", occupationUri: securityGuard, type: "ordinary_permanent", startDate: i < 3 ? "2026-02-01" : "2026-03-01" });
      if (i === 0) rows.push({ tenantId, candidateId: id, employerId: q.id, employerName: "Omsorg AS", type: "work_practice", startDate: "2026-04-20" });
    }
    for (let i = 0; i < 7; i++) {
      const id = await person({ background: { gender: "male", countryOfBirth: "ER", birthYear: 2000 } });
      rows.push(
        i < 5
          ? { tenantId, candidateId: id, employerId: c.id, employerName: "Transport AS", occupationUri: cargoDriver, type: "ordinary_temporary", startDate: "2026-04-10" }
          : { tenantId, candidateId: id, employerName: "Kommune enhet", type: "work_practice", startDate: "2026-04-10" },
      );
      if (i === 6) rows.push({ tenantId, candidateId: id, employerId: c.id, employerName: "Transport AS", type: "ordinary_permanent", startDate: "2025-12-15" });
    }
    for (let i = 0; i < 2; i++) {
      const id = await person({ advisorUserId: adv1.userId, background: { gender: "other", countryOfBirth: "PL", birthYear: 1960 } });
      rows.push({ tenantId, candidateId: id, employerName: "Sommer AS", type: "summer_job", startDate: "2026-05-05" });
    }
    rows.push({ tenantId, candidateId: null, employerId: c.id, employerName: "Transport AS", occupationUri: cargoDriver, type: "ordinary_permanent", startDate: "2026-05-20" });
    const inserted = await t.ctx.db.insert(placements).values(rows).returning();
    // 3-month follow-ups of the women's ordinary work: five still employed, one not.
    const women = inserted.filter((p) => p.type === "ordinary_permanent" && p.employerId === q.id);
    await t.ctx.db.insert(placementFollowUps).values(women.map((p, i) => ({ tenantId, placementId: p.id, months: 3, dueOn: "2026-06-01", stillEmployed: i < 5, answeredAt: new Date() })));

    // Another network's placements never count.
    const other = await t.createNetwork();
    for (let i = 0; i < 10; i++) {
      const row = await makeCandidate(t.ctx.db, other.id, { background: { gender: "female", countryOfBirth: "SY", birthYear: 1990 } });
      await t.ctx.db.insert(placements).values({ tenantId: other.id, candidateId: row.id, employerName: "B AS", type: "ordinary_permanent", startDate: "2026-03-01" });
    }

    // Goals: 100 in ordinary work over two years; 20 NAV candidates in work practice every year.
    expect((await admin.post("/api/v1/goals", { name: "100 i arbeid", kind: "deadline", target: 100, startDate: "2026-01-01", deadline: "2027-12-31" })).statusCode).toBe(201);
    expect((await admin.post("/api/v1/goals", { name: "20 i praksis", kind: "yearly", target: 20, startDate: "2025-01-01", placementTypes: ["work_practice"], partnerOrganisation: "NAV" })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("equals the hand count: key figures, tables with suppression, goals with the line and forecast, retention", async () => {
    const response = await admin.get(`/api/v1/reports/dashboard?${period}`);
    expect(response.statusCode, response.body).toBe(200);
    const report = dashboardSchema.parse(response.json());
    expect(report.period).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(report.filters).toEqual({ partnerOrganisation: null, advisorId: null, caseload: false });
    expect(report.keyFigures).toEqual({
      peoplePlaced: { count: 16, suppression: null },
      peopleInWork: { count: 12, suppression: null },
      placements: { count: 17, suppression: null },
      // Omsorg AS, Transport AS, Kommune enhet, Sommer AS: four.
      companiesWithHire: { count: null, suppression: "under_5" },
      countriesOfBirth: { count: null, suppression: "under_5" },
      ageRange: { from: "25-34", to: "35-44", label: "25–34 to 35–44" },
    });
    expect(report.valueToSociety).toMatchObject({ peopleInWork: { count: 12 }, costPerPersonNok: 10_000_000, estimateNok: 120_000_000, isEstimate: true });
    expect(report.valueToSociety.assumption).toContain("estimate");

    expect(cells(tableOf(report, "gender"))).toEqual({ female: 6, male: 7, other: "under_5", unspecified: "under_5" });
    expect(tableOf(report, "gender")).toMatchObject({ total: 16, withheld: false, unit: "people" });
    expect(tableOf(report, "gender")!.cells[0]!.share).toBe(6 / 16);
    expect(tableOf(report, "gender")!.cells[2]!.share).toBeNull();
    // Most people first.
    expect(tableOf(report, "countryOfBirth")!.cells.map((c) => [c.key, c.label, c.count ?? c.suppression])).toEqual([
      ["ER", "Eritrea", 7],
      ["SY", "Syria", 6],
      ["other", "Other countries", "under_5"],
      ["unknown", "Unknown", "under_5"],
    ]);
    expect(cells(tableOf(report, "regionOfBirth"))).toEqual({ rest_of_europe: "under_5", middle_east_north_africa: 6, sub_saharan_africa: 7, unknown: "under_5" });
    expect(cells(tableOf(report, "ageBand"))).toEqual({ "25-34": 7, "35-44": 6, "55+": "under_5", unknown: "under_5" });
    // Four placements without an industry alone would be revealed by the total: the smallest shown cell goes too.
    expect(cells(tableOf(report, "industry"))).toEqual({ C: "suppressed", Q: 7, unknown: "under_5" });
    expect(tableOf(report, "industry")).toMatchObject({ total: 17, unit: "placements" });
    expect(cells(tableOf(report, "occupationGroup"))).toEqual({ "5": 6, "8": 6, unknown: 5 });
    expect(cells(tableOf(report, "placementType"))).toEqual({ ordinary_permanent: 7, ordinary_temporary: 5, trainee: 0, apprenticeship: 0, work_practice: "under_5", summer_job: "under_5" });
    expect(cells(tableOf(report, "placementsByMonth"))).toEqual({ "2026-01": 0, "2026-02": "under_5", "2026-03": "under_5", "2026-04": 8, "2026-05": "under_5", "2026-06": 0 });

    const [deadline, yearly] = report.goals;
    expect(deadline).toMatchObject({
      window: { from: "2026-01-01", to: "2027-12-31" },
      asOf: "2026-06-30",
      people: { count: 12, suppression: null },
      target: 100,
      share: 0.12,
      expectedByNow: 24.79,
      aheadBy: -12.79,
      forecast: { paceDays: 90, recentPeople: { count: 6, suppression: null }, pacePerDay: 0.0667, projectedAtEnd: 48.6, projectedReachDate: null },
      status: "behind",
    });
    // One NAV candidate in work practice this year: hidden, and so is all that would reveal it.
    expect(yearly).toMatchObject({ window: { from: "2026-01-01", to: "2026-12-31" }, people: { count: null, suppression: "under_5" }, share: null, status: null, forecast: { projectedAtEnd: null } });

    // 3 months: 6 answered, 5 still employed, 1 not. The one is under 5; hiding the five too does not help (6 is
    // published and the five is at least 5, so the other is 1): the pair is withheld.
    expect(report.retention[0]).toEqual({ months: 3, answered: { count: 6, suppression: null }, stillEmployed: { count: null, suppression: "suppressed" }, notEmployed: { count: null, suppression: "suppressed" }, rate: null });
    expect(report.retention[1]).toMatchObject({ months: 6, answered: { count: 0 }, rate: null });
  });

  it("never names a person: no candidate id or name in the response", async () => {
    const body = (await admin.get(`/api/v1/reports/dashboard?${period}`)).body;
    for (const id of personIds) expect(body).not.toContain(id);
    for (const name of names) expect(body).not.toContain(name);
  });

  it("defaults to the last twelve months", async () => {
    const response = await admin.get("/api/v1/reports/dashboard");
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.period.to > report.period.from).toBe(true);
    expect(report.tables.find((table: CountTable) => table.id === "placementsByMonth").cells).toHaveLength(13);
  });

  it("filters by partner organisation and by advisor", async () => {
    const nav = dashboardSchema.parse((await admin.get(`/api/v1/reports/dashboard?${period}&partnerOrganisation=NAV`)).json());
    expect(nav.keyFigures.peoplePlaced).toEqual({ count: 6, suppression: null });
    expect(nav.keyFigures.placements).toEqual({ count: 7, suppression: null });
    const byAdvisor = dashboardSchema.parse((await admin.get(`/api/v1/reports/dashboard?${period}&advisorId=${adv1.userId}`)).json());
    expect(byAdvisor.filters).toEqual({ partnerOrganisation: null, advisorId: adv1.userId, caseload: true });
    expect(byAdvisor.keyFigures.peoplePlaced).toEqual({ count: 8, suppression: null });
    expect(byAdvisor.keyFigures.placements).toEqual({ count: 9, suppression: null });
  });

  it("shows an advisor their own caseload only, and refuses another advisor's", async () => {
    const own = await adv1.get(`/api/v1/reports/dashboard?${period}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().filters).toMatchObject({ advisorId: adv1.userId, caseload: true });
    expect(own.json().keyFigures.peoplePlaced).toEqual({ count: 8, suppression: null });
    // Two "other" beside six women: the six would give the two away with the total, so they are hidden too.
    expect(cells(own.json().tables.find((table: CountTable) => table.id === "gender"))).toEqual({ female: "suppressed", other: "under_5" });
    const other = await t.createUser(admin.tenantId, "advisor");
    const refused = await adv1.get(`/api/v1/reports/dashboard?${period}&advisorId=${other.userId}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect((await adv1.get(`/api/v1/reports/dashboard/gender.csv?${period}&advisorId=${other.userId}`)).statusCode).toBe(403);
    expect((await adv1.get(`/api/v1/reports/dashboard?${period}&advisorId=${adv1.userId}`)).statusCode).toBe(200);
  });

  it("lets a viewer read the dashboard and the goals but not change them", async () => {
    expect((await viewer.get(`/api/v1/reports/dashboard?${period}`)).statusCode).toBe(200);
    const goals = (await viewer.get("/api/v1/goals")).json().items;
    expect(goals.map((g: { name: string }) => g.name)).toEqual(["100 i arbeid", "20 i praksis"]);
    expect((await viewer.post("/api/v1/goals", { name: "x", kind: "yearly", target: 1, startDate: "2026-01-01" })).statusCode).toBe(403);
    expect((await viewer.patch(`/api/v1/goals/${goals[0].id}`, { target: 5 })).statusCode).toBe(403);
    expect((await viewer.delete(`/api/v1/goals/${goals[0].id}`)).statusCode).toBe(403);
  });

  it("exports each table as CSV and XLSX with the same suppression", async () => {
    const csv = await admin.get(`/api/v1/reports/dashboard/industry.csv?${period}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain('filename="dashboard-industry-2026-01-01-2026-06-30.csv"');
    const lines = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toEqual(["Key,Group,Count,Share", "C,C Manufacturing,suppressed,", "Q,Q Human health and social work activities,7,0.4118", "unknown,Unknown,under 5,", "total,Total,17,1"]);
    const gender = (await admin.get(`/api/v1/reports/dashboard/gender.csv?from=2026-01-01&to=2026-06-30&lang=nb`)).body;
    expect(gender).toContain("other,Annet,under 5,");
    const xlsx = await admin.get(`/api/v1/reports/dashboard/retention.xlsx?${period}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-disposition"]).toContain("dashboard-retention-2026-01-01-2026-06-30.xlsx");
    const rows = await readRows(xlsx.rawPayload);
    expect(rows.map((r) => r.cells)).toEqual([
      ["Months after start", "Answered", "Still employed", "Not employed", "Share still employed"],
      ["3", "6", "suppressed", "suppressed", ""],
      ["6", "0", "0", "0", ""],
      ["12", "0", "0", "0", ""],
    ]);
    for (const file of ["goals.csv", "keyFigures.csv", "placementsByMonth.xlsx", "countryOfBirth.csv", "regionOfBirth.xlsx", "ageBand.csv", "occupationGroup.csv", "placementType.xlsx"]) {
      expect((await admin.get(`/api/v1/reports/dashboard/${file}?${period}`)).statusCode, file).toBe(200);
    }
    const goals = (await admin.get(`/api/v1/reports/dashboard/goals.csv?${period}`)).body;
    expect(goals).toContain("100 i arbeid,Deadline,2026-01-01,2027-12-31,2026-06-30,100,12,24.79,-12.79,48.6,,Behind");
    expect(goals).toContain("20 i praksis,Every year,2026-01-01,2026-12-31,2026-06-30,20,under 5,");
    expect((await admin.get(`/api/v1/reports/dashboard/nothing.csv?${period}`)).statusCode).toBe(400);
  });

  it("refuses a period that ends before it starts", async () => {
    const response = await admin.get("/api/v1/reports/dashboard?from=2026-06-01&to=2026-01-01");
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation_failed");
  });
});

describe("goals", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
  });
  afterAll(() => t.close());

  it("creates, changes and deletes a goal, with audit entries", async () => {
    const created = await admin.post("/api/v1/goals", { name: "1000 i arbeid innen 3 år", kind: "deadline", target: 1000, startDate: "2026-01-01", deadline: "2028-12-31", programme: "Jobbsjansen" });
    expect(created.statusCode, created.body).toBe(201);
    const goal = created.json();
    expect(goal).toMatchObject({ kind: "deadline", target: 1000, placementTypes: ["ordinary_permanent", "ordinary_temporary"], partnerOrganisation: null, programme: "Jobbsjansen", active: true });
    const changed = await admin.patch(`/api/v1/goals/${goal.id}`, { target: 900, active: false });
    expect(changed.json()).toMatchObject({ target: 900, active: false });
    expect((await admin.get("/api/v1/goals?active=true")).json().items).toEqual([]);
    expect((await admin.get("/api/v1/goals?active=false")).json().items).toHaveLength(1);
    const yearly = await admin.patch(`/api/v1/goals/${goal.id}`, { kind: "yearly" });
    expect(yearly.json()).toMatchObject({ kind: "yearly", deadline: null });
    expect((await admin.delete(`/api/v1/goals/${goal.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/goals/${goal.id}`)).statusCode).toBe(404);
    const trail = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, goal.id));
    expect(trail.map((e) => e.action).sort()).toEqual(["goal.create", "goal.delete", "goal.update", "goal.update"]);
    expect(trail.find((e) => e.action === "goal.update" && JSON.stringify(e.after).includes("900"))!.after).toEqual({ target: 900, active: false });
  });

  it("validates: a deadline after the start, none for a yearly goal, known placement types", async () => {
    const cases: [unknown, string][] = [
      [{ name: "x", kind: "deadline", target: 10, startDate: "2026-01-01" }, "body.deadline"],
      [{ name: "x", kind: "deadline", target: 10, startDate: "2026-01-01", deadline: "2026-01-01" }, "body.deadline"],
      [{ name: "x", kind: "yearly", target: 10, startDate: "2026-01-01", deadline: "2027-01-01" }, "body.deadline"],
      [{ name: "x", kind: "yearly", target: 0, startDate: "2026-01-01" }, "body.target"],
      [{ name: "x", kind: "yearly", target: 10, startDate: "2026-01-01", placementTypes: [] }, "body.placementTypes"],
      [{ name: "x", kind: "yearly", target: 10, startDate: "2026-01-01", placementTypes: ["trainee", "trainee"] }, "body.placementTypes"],
      [{ name: "", kind: "yearly", target: 10, startDate: "2026-01-01" }, "body.name"],
    ];
    for (const [body, path] of cases) {
      const response = await admin.post("/api/v1/goals", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const goal = (await admin.post("/api/v1/goals", { name: "x", kind: "deadline", target: 10, startDate: "2026-01-01", deadline: "2026-12-31" })).json();
    const bad = await admin.patch(`/api/v1/goals/${goal.id}`, { startDate: "2027-01-01" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("body.deadline");
  });

  it("the network's cost setting is changed through the network's settings", async () => {
    const response = await admin.patch("/api/v1/network", { exclusionCostNok: 8_000_000 });
    expect(response.json().exclusionCostNok).toBe(8_000_000);
    expect((await admin.get("/api/v1/reports/dashboard")).json().valueToSociety.costPerPersonNok).toBe(8_000_000);
  });
});
