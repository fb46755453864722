import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { accessLog, auditLog } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { placementFollowUps, placements } from "./tables.ts";
import { addDays, addMonths, retention } from "./service.ts";
import { osloDate } from "../platform/dates.ts";
import { anyOccupation, makeCandidate, makeEmployer, makeJob } from "./test-fixtures.ts";

describe("dates", () => {
  it("adds months, keeping the day or the month's last day", () => {
    expect(addMonths("2026-01-15", 3)).toBe("2026-04-15");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(addMonths("2024-08-31", 6)).toBe("2025-02-28");
    expect(addMonths("2023-08-31", 6)).toBe("2024-02-29");
    expect(addMonths("2026-05-01", 12)).toBe("2027-05-01");
    expect(addMonths("2026-05-01", -12)).toBe("2025-05-01");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(osloDate(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });
});

describe("placements API", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  let advisor: Awaited<ReturnType<TestApp["as"]>>;
  let tenantId: string;
  let otherTenant: string;
  let occupation: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    tenantId = admin.tenantId;
    advisor = await t.as("advisor", tenantId);
    otherTenant = (await t.createNetwork()).id;
    occupation = await anyOccupation(t.ctx.db);
  });
  afterAll(() => t.close());

  const countPlacements = async () => (await t.ctx.db.select({ id: placements.id }).from(placements).where(eq(placements.tenantId, tenantId))).length;

  it("records a hire with its 3/6/12-month follow-ups, puts the candidate in work and writes the audit trail", async () => {
    const candidate = await makeCandidate(t.ctx.db, tenantId, { firstName: "Amal", lastName: "Haddad" });
    const employer = await makeEmployer(t.ctx.db, tenantId, "Bærum Bakeri AS");
    const response = await advisor.post("/api/v1/placements?lang=en", {
      candidateId: candidate.id,
      employerId: employer.id,
      occupationUri: occupation,
      type: "ordinary_permanent",
      wageSubsidyPercent: 40,
      subsidyFrom: "2026-01-31",
      subsidyTo: "2026-07-31",
      hoursPerWeek: 37.5,
      startDate: "2026-01-31",
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      candidate: { id: candidate.id, name: "Amal Haddad" },
      employer: { id: employer.id, name: "Bærum Bakeri AS" },
      employerName: "Bærum Bakeri AS",
      occupation: { uri: occupation },
      type: "ordinary_permanent",
      wageSubsidyPercent: 40,
      hoursPerWeek: 37.5,
      countsTowardGoal: true,
    });
    expect(body.followUps.map((f: { months: number; dueOn: string; stillEmployed: null }) => [f.months, f.dueOn, f.stillEmployed])).toEqual([
      [3, "2026-04-30", null],
      [6, "2026-07-31", null],
      [12, "2027-01-31", null],
    ]);
    const [after] = await t.ctx.db.select({ status: candidates.status }).from(candidates).where(eq(candidates.id, candidate.id));
    expect(after!.status).toBe("in_work");
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, body.id));
    expect(audit.map((a) => a.action)).toEqual(["placement.create"]);
    expect(await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, candidate.id), eq(auditLog.action, "candidate.update")))).toHaveLength(1);
  });

  it("takes the employer and occupation from the job, or the municipal unit's name; a trainee stays active", async () => {
    const candidate = await makeCandidate(t.ctx.db, tenantId);
    const employer = await makeEmployer(t.ctx.db, tenantId, "Jobb AS");
    const job = await makeJob(t.ctx.db, tenantId, { employerId: employer.id, occupationUri: occupation });
    const fromJob = (await admin.post("/api/v1/placements", { candidateId: candidate.id, jobId: job.id, type: "ordinary_temporary", startDate: "2025-03-01", endDate: "2025-09-01" })).json();
    expect(fromJob).toMatchObject({ employer: { id: employer.id }, employerName: "Jobb AS", jobId: job.id, occupation: { uri: occupation } });
    // Ended before today: not "in work".
    expect((await t.ctx.db.select({ status: candidates.status }).from(candidates).where(eq(candidates.id, candidate.id)))[0]!.status).toBe("active");
    const unit = await makeJob(t.ctx.db, tenantId, { municipalUnit: "Bærum sykehjem" });
    const trainee = await admin.post("/api/v1/placements", { candidateId: candidate.id, jobId: unit.id, type: "trainee", startDate: "2026-02-01" });
    expect(trainee.statusCode, trainee.body).toBe(201);
    expect(trainee.json()).toMatchObject({ employer: null, employerName: "Bærum sykehjem", countsTowardGoal: false });
    expect((await t.ctx.db.select({ status: candidates.status }).from(candidates).where(eq(candidates.id, candidate.id)))[0]!.status).toBe("active");
  });

  it("rejects invalid hires with field errors and writes nothing", async () => {
    const own = await makeCandidate(t.ctx.db, tenantId);
    const foreign = await makeCandidate(t.ctx.db, otherTenant);
    const foreignEmployer = await makeEmployer(t.ctx.db, otherTenant);
    const foreignJob = await makeJob(t.ctx.db, otherTenant);
    const erased = await makeCandidate(t.ctx.db, tenantId);
    await admin.delete(`/api/v1/candidates/${erased.id}`);
    const before = await countPlacements();
    const cases: [unknown, string][] = [
      [{ candidateId: foreign.id, employerName: "X", type: "trainee", startDate: "2026-01-01" }, "body.candidateId"],
      [{ candidateId: erased.id, employerName: "X", type: "trainee", startDate: "2026-01-01" }, "body.candidateId"],
      [{ candidateId: own.id, employerId: foreignEmployer.id, type: "trainee", startDate: "2026-01-01" }, "body.employerId"],
      [{ candidateId: own.id, jobId: foreignJob.id, employerName: "X", type: "trainee", startDate: "2026-01-01" }, "body.jobId"],
      [{ candidateId: own.id, type: "trainee", startDate: "2026-01-01" }, "body.employerName"],
      [{ candidateId: own.id, employerName: "X", type: "trainee", startDate: "2026-01-01", occupationUri: "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-999999999999" }, "body.occupationUri"],
      [{ candidateId: own.id, employerName: "X", type: "work_practice", wageSubsidyPercent: 50, startDate: "2026-01-01" }, "body.wageSubsidyPercent"],
      [{ candidateId: own.id, employerName: "X", type: "ordinary_permanent", subsidyFrom: "2026-01-01", startDate: "2026-01-01" }, "body.wageSubsidyPercent"],
      [{ candidateId: own.id, employerName: "X", type: "summer_job", startDate: "2026-06-01", endDate: "2026-05-01" }, "body.endDate"],
      [{ candidateId: own.id, employerName: "X", type: "ordinary_permanent", wageSubsidyPercent: 30, subsidyFrom: "2026-03-01", subsidyTo: "2026-02-01", startDate: "2026-01-01" }, "body.subsidyTo"],
      [{ candidateId: own.id, employerName: "X", type: "ordinary_permanent", wageSubsidyPercent: 30, subsidyFrom: "2025-12-01", startDate: "2026-01-01" }, "body.subsidyFrom"],
    ];
    for (const [body, path] of cases) {
      const response = await admin.post("/api/v1/placements", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    // Schema errors: unknown type, bad date, unknown field, percentage out of range.
    for (const body of [
      { candidateId: own.id, employerName: "X", type: "volunteering", startDate: "2026-01-01" },
      { candidateId: own.id, employerName: "X", type: "trainee", startDate: "2026-13-01" },
      { candidateId: own.id, employerName: "X", type: "trainee", startDate: "2026-01-01", salary: 1 },
      { candidateId: own.id, employerName: "X", type: "ordinary_permanent", startDate: "2026-01-01", wageSubsidyPercent: 101 },
    ]) {
      expect((await admin.post("/api/v1/placements", body)).statusCode).toBe(400);
    }
    expect(await countPlacements()).toBe(before);
    expect((await t.ctx.db.select({ status: candidates.status }).from(candidates).where(eq(candidates.id, own.id)))[0]!.status).toBe("active");
  });

  it("reads one placement with the read in the access log; an erased candidate shows as null", async () => {
    const candidate = await makeCandidate(t.ctx.db, tenantId);
    const created = (await admin.post("/api/v1/placements", { candidateId: candidate.id, employerName: "Asker kommune", type: "apprenticeship", startDate: "2024-08-15" })).json();
    const read = await advisor.get(`/api/v1/placements/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().candidate.id).toBe(candidate.id);
    const log = await t.ctx.db.select().from(accessLog).where(eq(accessLog.personId, candidate.id));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorUserId: advisor.userId, purpose: "placement", personType: "candidate" });
    await admin.delete(`/api/v1/candidates/${candidate.id}`);
    expect((await admin.get(`/api/v1/placements/${created.id}`)).json().candidate).toBeNull();
    // After the erasure itself (the row is gone) the placement stays as an anonymous count.
    await t.ctx.db.delete(candidates).where(eq(candidates.id, candidate.id));
    const anonymous = (await admin.get(`/api/v1/placements/${created.id}`)).json();
    expect(anonymous).toMatchObject({ candidate: null, employerName: "Asker kommune", type: "apprenticeship" });
    expect((await admin.get(`/api/v1/placements/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/placements/not-a-uuid`)).statusCode).toBe(400);
  });

  it("changes a placement: a new start moves the follow-ups, answers stay; the rules hold on change", async () => {
    const candidate = await makeCandidate(t.ctx.db, tenantId);
    const created = (await admin.post("/api/v1/placements", { candidateId: candidate.id, employerName: "Kafé", type: "ordinary_permanent", startDate: "2026-01-10" })).json();
    const three = created.followUps[0];
    expect((await admin.patch(`/api/v1/placement-follow-ups/${three.id}`, { stillEmployed: true })).statusCode).toBe(200);
    const patched = await advisor.patch(`/api/v1/placements/${created.id}`, { startDate: "2026-02-01", hoursPerWeek: 20 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().followUps.map((f: { dueOn: string; stillEmployed: boolean | null }) => [f.dueOn, f.stillEmployed])).toEqual([
      ["2026-05-01", true],
      ["2026-08-01", null],
      ["2027-02-01", null],
    ]);
    expect(patched.json()).toMatchObject({ hoursPerWeek: 20, employerName: "Kafé" });
    const bad = await admin.patch(`/api/v1/placements/${created.id}`, { type: "trainee", wageSubsidyPercent: 50 });
    expect(bad.statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/placements/${created.id}`, { endDate: "2026-01-01" })).json().errors[0].path).toBe("body.endDate");
    expect((await admin.patch(`/api/v1/placements/${created.id}`, { candidateId: candidate.id })).statusCode).toBe(400);
    const [row] = await t.ctx.db.select().from(placements).where(eq(placements.id, created.id));
    expect(row).toMatchObject({ type: "ordinary_permanent", wageSubsidyPercent: null, endDate: null, startDate: "2026-02-01" });
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "placement.update")));
    expect(audit).toHaveLength(1);
    expect((audit[0]!.after as { fields: string[] }).fields.sort()).toEqual(["hoursPerWeek", "startDate"]);
  });

  it("deletes a placement with its follow-ups", async () => {
    const candidate = await makeCandidate(t.ctx.db, tenantId);
    const created = (await admin.post("/api/v1/placements", { candidateId: candidate.id, employerName: "Kafé", type: "summer_job", startDate: "2026-06-20" })).json();
    expect((await advisor.delete(`/api/v1/placements/${created.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/placements/${created.id}`)).statusCode).toBe(404);
    expect(await t.ctx.db.select().from(placementFollowUps).where(eq(placementFollowUps.placementId, created.id))).toEqual([]);
    expect(await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "placement.delete")))).toHaveLength(1);
    expect((await advisor.delete(`/api/v1/placements/${created.id}`)).statusCode).toBe(404);
  });

  it("lists with filters and keyset paging; the goal setting decides what counts", async () => {
    const network = await t.createNetwork();
    const boss = await t.as("admin", network.id);
    const employer = await makeEmployer(t.ctx.db, network.id, "Filter AS");
    const person = await makeCandidate(t.ctx.db, network.id);
    const other = await makeCandidate(t.ctx.db, network.id);
    const made: string[] = [];
    const types = ["ordinary_permanent", "ordinary_temporary", "trainee", "summer_job", "work_practice", "apprenticeship"] as const;
    for (let i = 0; i < 12; i++) {
      const response = await boss.post("/api/v1/placements", {
        candidateId: i % 3 === 0 ? person.id : other.id,
        ...(i % 2 === 0 ? { employerId: employer.id } : { employerName: "Kommunen" }),
        type: types[i % types.length],
        startDate: `2025-${String(i + 1).padStart(2, "0")}-01`,
      });
      expect(response.statusCode, response.body).toBe(201);
      made.push(response.json().id);
    }
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await boss.get(`/api/v1/placements?limit=5${cursor ? `&cursor=${cursor}` : ""}`)).json();
      pages.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([...made].reverse());
    const ids = async (query: string) => (await boss.get(`/api/v1/placements?${query}`)).json().items.map((p: { id: string }) => p.id);
    expect(await ids(`candidateId=${person.id}`)).toEqual([made[9], made[6], made[3], made[0]]);
    expect(await ids(`employerId=${employer.id}`)).toHaveLength(6);
    expect(await ids("type=trainee")).toEqual([made[8], made[2]]);
    expect(await ids("from=2025-03-01&to=2025-05-31")).toEqual([made[4], made[3], made[2]]);
    expect(await ids("countsTowardGoal=true")).toEqual([made[7], made[6], made[1], made[0]]);
    expect(await ids("countsTowardGoal=false")).toHaveLength(8);
    // The network counts trainees too: history is re-counted.
    expect((await boss.patch("/api/v1/network", { goalPlacementTypes: ["ordinary_permanent", "ordinary_temporary", "trainee"] })).json().goalPlacementTypes).toEqual([
      "ordinary_permanent",
      "ordinary_temporary",
      "trainee",
    ]);
    expect(await ids("countsTowardGoal=true")).toHaveLength(6);
    expect((await boss.get(`/api/v1/placements/${made[2]}`)).json().countsTowardGoal).toBe(true);
    for (const bad of [{ goalPlacementTypes: [] }, { goalPlacementTypes: ["volunteering"] }, { goalPlacementTypes: ["trainee", "trainee"] }]) {
      expect((await boss.patch("/api/v1/network", bad)).statusCode).toBe(400);
    }
    // Once the network has goals, the active goals' types count (issue 6): here only work practice and summer jobs.
    const goal = await boss.post("/api/v1/goals", { name: "Arbeidstrening", kind: "yearly", target: 20, startDate: "2025-01-01", placementTypes: ["work_practice", "summer_job"] });
    expect(goal.statusCode, goal.body).toBe(201);
    expect((await ids("countsTowardGoal=true")).sort()).toEqual((await ids("type=work_practice")).concat(await ids("type=summer_job")).sort());
    expect((await boss.get(`/api/v1/placements/${made[2]}`)).json().countsTowardGoal).toBe(false);
    // An inactive goal does not count.
    expect((await boss.patch(`/api/v1/goals/${goal.json().id}`, { active: false })).statusCode).toBe(200);
    expect(await ids("countsTowardGoal=true")).toHaveLength(6);
    for (const bad of ["limit=0", "limit=201", "type=x", "from=yesterday", "countsTowardGoal=yes", "cursor=garbage", "unknown=1"]) {
      expect((await boss.get(`/api/v1/placements?${bad}`)).statusCode, bad).toBe(400);
    }
  });

  it("retention: answered, still employed and the rate per follow-up for placements that started in the period", async () => {
    const network = await t.createNetwork();
    const boss = await t.as("admin", network.id);
    const answers: [string, (boolean | null)[]][] = [
      ["2024-01-10", [true, true, false]],
      ["2024-02-10", [true, false, null]],
      ["2024-03-10", [false, null, null]],
      ["2024-04-10", [null, null, null]],
      ["2023-06-01", [true, true, true]],
    ];
    for (const [startDate, values] of answers) {
      const candidate = await makeCandidate(t.ctx.db, network.id);
      const created = (await boss.post("/api/v1/placements", { candidateId: candidate.id, employerName: "R AS", type: "ordinary_permanent", startDate })).json();
      for (const [i, value] of values.entries()) if (value !== null) expect((await boss.patch(`/api/v1/placement-follow-ups/${created.followUps[i].id}`, { stillEmployed: value })).statusCode).toBe(200);
    }
    expect(await retention(t.ctx.db, network.id, { from: "2024-01-01", to: "2024-12-31" })).toEqual([
      { months: 3, answered: 3, stillEmployed: 2, rate: 2 / 3 },
      { months: 6, answered: 2, stillEmployed: 1, rate: 0.5 },
      { months: 12, answered: 1, stillEmployed: 0, rate: 0 },
    ]);
    expect((await retention(t.ctx.db, network.id, { from: "2022-01-01", to: "2022-12-31" })).map((r) => r.rate)).toEqual([null, null, null]);
    expect((await retention(t.ctx.db, network.id, { from: "2024-01-01", to: "2024-12-31", types: ["trainee"] })).map((r) => r.answered)).toEqual([0, 0, 0]);
  });
});
