import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { traineeNeeds, traineeShortlistEntries } from "../trainee-recruitment/tables.ts";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { mailOutbox } from "../mail/tables.ts";
import { placements } from "../placements/tables.ts";
import { addDays, addMonths } from "../placements/service.ts";
import { osloDate } from "../platform/dates.ts";
import { makeCandidate } from "../placements/test-fixtures.ts";
import { traineePlanItems, trainees } from "./tables.ts";
import { sendTraineeReminders } from "./reminders.ts";
import { defaultTemplate } from "../../shared/trainee-programme.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

describe("trainee programme", () => {
  let t: TestApp;
  let hr: Signed;
  let supervisor: Signed;
  let other: Signed;
  let viewer: Signed;
  let advisor: Signed;
  let cohortId: string;
  let traineeId: string;
  let othersTraineeId: string;
  const ratings = defaultTemplate.criteria.map((criterion, i) => ({ criterion, score: (i % 5) + 1 }));
  const today = osloDate();

  beforeAll(async () => {
    t = await createTestApp();
    hr = await t.as("hr");
    supervisor = await t.as("supervisor", hr.tenantId);
    other = await t.as("supervisor", hr.tenantId);
    viewer = await t.as("viewer", hr.tenantId);
    advisor = await t.as("advisor", hr.tenantId);
    const cohort = await hr.post("/api/v1/trainee/cohorts", { name: "Kull 1", startDate: addMonths(today, -1), area: "IT" });
    expect(cohort.statusCode).toBe(201);
    cohortId = cohort.json().id;
    const add = async (supervisorUserId: string, unit: string) => {
      const candidate = await makeCandidate(t.ctx.db, hr.tenantId);
      const response = await hr.post("/api/v1/trainee/trainees", { cohortId, candidateId: candidate.id, supervisorUserId, unit, monthlySalaryOre: 4_500_000 });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    traineeId = await add(supervisor.userId, "Digitalisering");
    othersTraineeId = await add(other.userId, "Eiendom");
  });
  afterAll(() => t.close());

  it("creates a trainee with the plan from the template, a year long, 100 % subsidy for three months", async () => {
    const trainee = (await hr.get(`/api/v1/trainee/trainees/${traineeId}`)).json();
    const start = addMonths(today, -1);
    expect(trainee).toMatchObject({ startDate: start, endDate: addDays(addMonths(start, 12), -1), area: "IT", status: "active", recruitmentNeedId: null });
    expect(trainee.plan.filter((p: { kind: string }) => p.kind === "evaluation").map((p: { evaluationMonth: number }) => p.evaluationMonth)).toEqual([1, 3, 6, 9, 12]);
    expect(trainee.plan).toHaveLength(defaultTemplate.activities.length + 5);
    expect(trainee.wage.subsidyPeriods).toEqual([{ from: start, to: addDays(addMonths(start, 3), -1), percent: 100 }]);
    // The second month lies wholly in the first three: the unit pays nothing.
    expect(trainee.wage.months[1]).toMatchObject({ costOre: 0, subsidyOre: 4_500_000 });
    expect(trainee.overdueItems).toBeGreaterThan(0);
    expect((await hr.get("/api/v1/trainee/cohorts")).json().items).toMatchObject([{ id: cohortId, trainees: 2 }]);
    expect((await hr.get(`/api/v1/trainee/cohorts/${cohortId}`)).json().trainees).toBe(2);
    const listed = (await hr.get(`/api/v1/trainee/trainees?cohortId=${cohortId}`)).json().items.find((i: { id: string }) => i.id === traineeId);
    expect(listed).toMatchObject({ overdueItems: trainee.overdueItems, nextItem: trainee.nextItem, supervisor: { id: supervisor.userId } });
  });

  it("refuses bad input with problem+json and writes nothing", async () => {
    const candidate = await makeCandidate(t.ctx.db, hr.tenantId);
    const before = (await t.ctx.db.select().from(trainees)).length;
    const notSupervisor = await hr.post("/api/v1/trainee/trainees", { cohortId, candidateId: candidate.id, supervisorUserId: advisor.userId, unit: "X" });
    expect(notSupervisor.statusCode).toBe(400);
    expect(notSupervisor.json().errors).toEqual([{ path: "body.supervisorUserId", message: "is not an active supervisor of this network" }]);
    const badDates = await hr.post("/api/v1/trainee/trainees", { cohortId, candidateId: candidate.id, supervisorUserId: supervisor.userId, unit: "X", startDate: "2026-05-01", endDate: "2026-04-01" });
    expect(badDates.statusCode).toBe(400);
    const badPeriod = await hr.post("/api/v1/trainee/trainees", { cohortId, candidateId: candidate.id, supervisorUserId: supervisor.userId, unit: "X", startDate: "2026-05-01", subsidyPeriods: [{ from: "2026-04-01", to: "2026-06-01", percent: 100 }] });
    expect(badPeriod.statusCode).toBe(400);
    expect((await hr.post("/api/v1/trainee/cohorts", { name: "", startDate: "2026-13-01" })).json().code).toBe("validation_failed");
    expect((await t.ctx.db.select().from(trainees)).length).toBe(before);
  });

  it("scopes supervisors to their own trainees: another's is not found, the rest of the programme is forbidden", async () => {
    const mine = (await supervisor.get("/api/v1/trainee/trainees")).json().items.map((i: { id: string }) => i.id);
    expect(mine).toEqual([traineeId]);
    expect((await supervisor.get(`/api/v1/trainee/trainees/${othersTraineeId}`)).statusCode).toBe(404);
    expect((await supervisor.post(`/api/v1/trainee/trainees/${othersTraineeId}/log`, { occurredOn: today, text: "x" })).statusCode).toBe(404);
    expect((await supervisor.post(`/api/v1/trainee/trainees/${othersTraineeId}/goals`, { title: "x" })).statusCode).toBe(404);
    const othersItem = await t.ctx.db.select().from(traineePlanItems).where(eq(traineePlanItems.traineeId, othersTraineeId));
    expect((await supervisor.patch(`/api/v1/trainee/plan-items/${othersItem[0]!.id}`, { done: true })).statusCode).toBe(404);
    expect((await supervisor.get("/api/v1/trainee/cohorts")).statusCode).toBe(403);
    expect((await supervisor.get("/api/v1/trainee/overdue")).statusCode).toBe(403);
    expect((await supervisor.get("/api/v1/trainee/report")).statusCode).toBe(403);
    const own = (await supervisor.get(`/api/v1/trainee/trainees/${traineeId}`)).json();
    expect(own.wage).toBeNull();
    expect(own.can).toEqual({ manage: false, evaluate: true });
    expect((await advisor.get("/api/v1/trainee/trainees")).statusCode).toBe(403);
    expect((await viewer.get("/api/v1/trainee/report")).statusCode).toBe(200);
  });

  it("keeps an evaluation private to its author until published; then HR sees it and the plan item is done", async () => {
    const created = await supervisor.post(`/api/v1/trainee/trainees/${traineeId}/evaluations`, { kind: "supervisor", month: 1, ratings, comment: "Godt i gang." });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    // HR neither sees nor reaches the draft.
    expect((await hr.get(`/api/v1/trainee/trainees/${traineeId}`)).json().evaluations).toEqual([]);
    expect((await hr.patch(`/api/v1/trainee/evaluations/${id}`, { comment: "x" })).statusCode).toBe(404);
    expect((await hr.post(`/api/v1/trainee/evaluations/${id}/publish`)).statusCode).toBe(404);
    // HR cannot write the supervisor's evaluation; the supervisor cannot write the self-assessment.
    expect((await hr.post(`/api/v1/trainee/trainees/${traineeId}/evaluations`, { kind: "supervisor", month: 3, ratings })).statusCode).toBe(403);
    expect((await supervisor.post(`/api/v1/trainee/trainees/${traineeId}/evaluations`, { kind: "self", month: 1, ratings })).statusCode).toBe(403);
    // Unknown criteria, months not in the plan, a second evaluation of the same month.
    expect((await supervisor.post(`/api/v1/trainee/trainees/${traineeId}/evaluations`, { kind: "supervisor", month: 3, ratings: [{ criterion: "Noe annet", score: 3 }] })).statusCode).toBe(400);
    expect((await supervisor.post(`/api/v1/trainee/trainees/${traineeId}/evaluations`, { kind: "supervisor", month: 2, ratings })).statusCode).toBe(400);
    expect((await supervisor.post(`/api/v1/trainee/trainees/${traineeId}/evaluations`, { kind: "supervisor", month: 1, ratings })).statusCode).toBe(409);
    expect((await supervisor.patch(`/api/v1/trainee/evaluations/${id}`, { comment: "Svært godt i gang." })).statusCode).toBe(200);
    // The self-assessment, recorded by HR, is HR's draft: the supervisor does not see it.
    const self = await hr.post(`/api/v1/trainee/trainees/${traineeId}/evaluations`, { kind: "self", month: 1, ratings });
    expect(self.statusCode).toBe(201);
    expect((await supervisor.get(`/api/v1/trainee/trainees/${traineeId}`)).json().evaluations.map((e: { kind: string }) => e.kind)).toEqual(["supervisor"]);

    const published = await supervisor.post(`/api/v1/trainee/evaluations/${id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json().publishedAt).not.toBeNull();
    const seen = (await hr.get(`/api/v1/trainee/trainees/${traineeId}`)).json();
    expect(seen.evaluations.find((e: { kind: string }) => e.kind === "supervisor")).toMatchObject({ comment: "Svært godt i gang.", mine: false, month: 1 });
    expect(seen.plan.find((p: { evaluationMonth: number | null }) => p.evaluationMonth === 1).doneAt).not.toBeNull();
    expect((await supervisor.patch(`/api/v1/trainee/evaluations/${id}`, { comment: "changed" })).statusCode).toBe(422);
  });

  it("keeps goals with progress, the log and plan activities", async () => {
    const goal = await supervisor.post(`/api/v1/trainee/trainees/${traineeId}/goals`, { title: "Selvstendig saksbehandling", progress: 20, status: "in_progress" });
    expect(goal.statusCode).toBe(201);
    expect((await supervisor.patch(`/api/v1/trainee/goals/${goal.json().id}`, { progress: 60, notes: "Bra fremgang" })).json()).toMatchObject({ progress: 60, notes: "Bra fremgang" });
    expect((await supervisor.patch(`/api/v1/trainee/goals/${goal.json().id}`, { progress: 160 })).statusCode).toBe(400);
    expect((await supervisor.post(`/api/v1/trainee/trainees/${traineeId}/log`, { occurredOn: today, text: "Ledet sitt første møte." })).statusCode).toBe(201);
    const detail = (await hr.get(`/api/v1/trainee/trainees/${traineeId}`)).json();
    const activity = detail.plan.find((p: { kind: string }) => p.kind === "activity");
    const evaluation = detail.plan.find((p: { kind: string; doneAt: string | null }) => p.kind === "evaluation" && !p.doneAt);
    expect((await supervisor.patch(`/api/v1/trainee/plan-items/${activity.id}`, { done: true })).statusCode).toBe(200);
    expect((await supervisor.patch(`/api/v1/trainee/plan-items/${evaluation.id}`, { done: true })).statusCode).toBe(422);
    expect(detail.log[0]).toMatchObject({ text: "Ledet sitt første møte.", author: { id: supervisor.userId } });
  });

  it("lists overdue items for HR", async () => {
    const overdue = (await hr.get("/api/v1/trainee/overdue")).json().items;
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((o: { dueOn: string; daysOverdue: number }) => o.dueOn < today && o.daysOverdue > 0)).toBe(true);
  });

  it("reminds supervisor and HR before items are due, never twice", async () => {
    const [item] = await t.ctx.db.select().from(traineePlanItems).where(eq(traineePlanItems.traineeId, othersTraineeId)).limit(1);
    // Move one item to a week from now: the 7-day reminder is due; the rest of the plan is past or later.
    await t.ctx.db.update(traineePlanItems).set({ dueOn: addDays(today, 7) }).where(eq(traineePlanItems.id, item!.id));
    const mails = async () => (await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, hr.tenantId))).filter((m) => m.subject.includes("traineeplaner"));
    const before = (await mails()).length;
    const first = await sendTraineeReminders(t.ctx);
    expect(first.emails).toBeGreaterThan(0);
    const sent = await mails();
    expect(sent.length - before).toBe(first.emails);
    const recipients = sent.map((m) => m.recipient);
    expect(recipients).toContain(other.email);
    expect(recipients).toContain(hr.email);
    // The same run again, and one an hour later: nothing new.
    expect((await sendTraineeReminders(t.ctx)).emails).toBe(0);
    expect((await sendTraineeReminders(t.ctx, { now: new Date(Date.now() + 3_600_000) })).emails).toBe(0);
    // On the due day the "on the day" reminder goes, once.
    const dueDay = new Date(Date.now() + 7 * 86_400_000);
    const onTheDay = await sendTraineeReminders(t.ctx, { now: dueDay });
    expect(onTheDay.reminders).toBeGreaterThan(0);
    expect((await sendTraineeReminders(t.ctx, { now: dueDay })).emails).toBe(0);
    // The messages name no one.
    for (const m of await mails()) expect(m.textBody).not.toMatch(/Test Person/);
  });

  it("records the outcome; an offer records a hire that counts toward the goal", async () => {
    const bad = await hr.request("PUT", `/api/v1/trainee/trainees/${traineeId}/outcome`, { outcome: "offered", position: "" });
    expect(bad.statusCode).toBe(400);
    const response = await hr.request("PUT", `/api/v1/trainee/trainees/${traineeId}/outcome`, { outcome: "offered", position: "Rådgiver digitalisering", positionFrom: addMonths(today, 11) });
    expect(response.statusCode, response.body).toBe(200);
    const trainee = response.json();
    expect(trainee).toMatchObject({ status: "completed", outcome: "offered", outcomeDetails: { position: "Rådgiver digitalisering" } });
    const [placement] = await t.ctx.db.select().from(placements).where(eq(placements.id, trainee.outcomeDetails.placementId));
    expect(placement).toMatchObject({ type: "ordinary_permanent", employerName: "Digitalisering" });
    const goal = (await hr.get(`/api/v1/placements?countsTowardGoal=true`)).json().items.map((p: { id: string }) => p.id);
    expect(goal).toContain(placement!.id);
    // Recording again does not record a second hire.
    await hr.request("PUT", `/api/v1/trainee/trainees/${traineeId}/outcome`, { outcome: "offered", position: "Rådgiver", positionFrom: addMonths(today, 11) });
    expect((await t.ctx.db.select().from(placements)).length).toBe(1);
    const left = await hr.request("PUT", `/api/v1/trainee/trainees/${othersTraineeId}/outcome`, { outcome: "left_early", leftOn: today, reason: "Fikk annen jobb" });
    expect(left.json()).toMatchObject({ status: "left", outcome: "left_early", overdueItems: 0, nextItem: null, outcomeDetails: { reason: "Fikk annen jobb", placementId: null } });
    expect((await hr.get("/api/v1/trainee/overdue")).json().items.map((o: { traineeId: string }) => o.traineeId)).not.toContain(othersTraineeId);
  });

  it("reports aggregates with small counts suppressed, and unit shares before and after", async () => {
    expect((await hr.request("PUT", "/api/v1/trainee/units", { unit: "Digitalisering", employeesBefore: 40, immigrantsBefore: 3, employeesAfter: 10, immigrantsAfter: 20 })).statusCode).toBe(400);
    expect((await hr.request("PUT", "/api/v1/trainee/units", { unit: "Digitalisering", employeesBefore: 40, immigrantsBefore: 3, employeesAfter: 42, immigrantsAfter: 5 })).statusCode).toBe(200);
    expect((await hr.request("PUT", "/api/v1/trainee/units", { unit: "Eiendom", employeesBefore: 60, immigrantsBefore: 4, employeesAfter: 60, immigrantsAfter: 5 })).statusCode).toBe(200);
    expect((await hr.get("/api/v1/trainee/units")).json().items.map((u: { unit: string }) => u.unit)).toEqual(["Digitalisering", "Eiendom"]);
    const report = (await viewer.get("/api/v1/trainee/report")).json();
    expect(report.cohorts).toEqual([{ name: "Kull 1", startDate: addMonths(today, -1), trainees: { key: cohortId, count: null, suppression: "under_5" } }]);
    expect(report.byStatus.cells.find((c: { key: string }) => c.key === "completed")).toMatchObject({ count: null, suppression: "under_5" });
    // Two trainees: no one's pay may be read from the totals.
    expect(report.money).toBeNull();
    expect(report.units).toMatchObject({ units: 2, employeesBefore: 100, immigrantsBefore: { count: 7 }, employeesAfter: 102, immigrantsAfter: { count: 10 }, shareBefore: 0.07 });
  });

  it("lets HR change the template; new trainees get the new plan", async () => {
    const template = { ...defaultTemplate, evaluationMonths: [2, 4], activities: [{ title: "Oppstart", kind: "onboarding", dayOffset: 0 }] };
    expect((await hr.request("PUT", "/api/v1/trainee/template", template)).statusCode).toBe(200);
    expect((await hr.request("PUT", "/api/v1/trainee/template", { ...template, evaluationMonths: [2, 2] })).statusCode).toBe(400);
    expect((await supervisor.request("PUT", "/api/v1/trainee/template", template)).statusCode).toBe(403);
    const candidate = await makeCandidate(t.ctx.db, hr.tenantId);
    const created = (await hr.post("/api/v1/trainee/trainees", { cohortId, candidateId: candidate.id, supervisorUserId: supervisor.userId, unit: "Teknisk", startDate: "2026-01-31" })).json();
    expect(created.plan.map((p: { title: string; dueOn: string }) => [p.title, p.dueOn])).toEqual([
      ["Oppstart", "2026-01-31"],
      ["Evaluering etter 2 måneder", "2026-03-31"],
      ["Evaluering etter 4 måneder", "2026-05-31"],
    ]);
    // The earlier trainee's plan stays as it was.
    expect((await hr.get(`/api/v1/trainee/trainees/${traineeId}`)).json().evaluationMonths).toEqual([1, 3, 6, 9, 12]);
  });

  it("starts a trainee from a recruitment need only with a candidate the need accepted", async () => {
    const occupationUri = "http://data.europa.eu/esco/occupation/need-link-test";
    const [need] = await t.ctx.db.insert(traineeNeeds).values({ tenantId: hr.tenantId, unitName: "Digitalisering", area: "IT", title: "Utvikler", occupationUri }).returning();
    const accepted = await makeCandidate(t.ctx.db, hr.tenantId);
    const shortlisted = await makeCandidate(t.ctx.db, hr.tenantId);
    await t.ctx.db.insert(traineeShortlistEntries).values([
      { tenantId: hr.tenantId, needId: need!.id, candidateId: accepted.id, status: "accepted", decisionReason: "Sterk", decidedAt: new Date() },
      { tenantId: hr.tenantId, needId: need!.id, candidateId: shortlisted.id, status: "shortlisted" },
    ]);
    // A cohort of its own: the other tests count the first cohort's trainees.
    const needCohort = (await hr.post("/api/v1/trainee/cohorts", { name: "Kull fra behov", startDate: today, area: "IT" })).json().id as string;
    const body = (candidateId: string, recruitmentNeedId: string) => ({ cohortId: needCohort, candidateId, supervisorUserId: supervisor.userId, unit: "Digitalisering", recruitmentNeedId });
    const notAccepted = await hr.post("/api/v1/trainee/trainees", body(shortlisted.id, need!.id));
    expect(notAccepted.statusCode).toBe(400);
    expect(notAccepted.json().errors).toEqual([{ path: "body.candidateId", message: "was not accepted for this recruitment need" }]);
    const otherNetwork = await t.as("hr");
    const [othersNeed] = await t.ctx.db.insert(traineeNeeds).values({ tenantId: otherNetwork.tenantId, unitName: "X", area: "IT", title: "X", occupationUri }).returning();
    const foreignNeed = await hr.post("/api/v1/trainee/trainees", body(accepted.id, othersNeed!.id));
    expect(foreignNeed.statusCode).toBe(400);
    expect(foreignNeed.json().errors).toEqual([{ path: "body.recruitmentNeedId", message: "is not a recruitment need of this network" }]);
    const created = await hr.post("/api/v1/trainee/trainees", body(accepted.id, need!.id));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ recruitmentNeedId: need!.id });
  });
});
