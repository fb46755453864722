import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { makeCandidate } from "../placements/test-fixtures.ts";

/** The activity report: aggregated by type and partner, small counts suppressed with the one rule. */
describe("activity report", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    const types = (await admin.get("/api/v1/services/types")).json().items as { id: string; key: string }[];
    const cv = types.find((x) => x.key === "cv_help")!;
    const interview = types.find((x) => x.key === "interview_training")!;
    const language = types.find((x) => x.key === "language_group")!;
    const nav = (await admin.post("/api/v1/services/partners", { name: "NAV Bærum", kind: "nav" })).json();
    const senior = (await admin.post("/api/v1/services/partners", { name: "Dønski seniorsenter", kind: "senior_centre" })).json();
    const people = [];
    for (let i = 0; i < 9; i++) people.push((await makeCandidate(t.ctx.db, admin.tenantId)).id);
    // CV help: 7 by NAV; interview training: 2 by NAV (a small cell).
    for (const id of people.slice(0, 7)) await admin.post(`/api/v1/candidates/${id}/services`, { serviceTypeId: cv.id, date: "2026-03-01", partnerId: nav.id });
    for (const id of people.slice(0, 2)) await admin.post(`/api/v1/candidates/${id}/services`, { serviceTypeId: interview.id, date: "2026-03-02", partnerId: nav.id });
    // Outside the period: not counted.
    await admin.post(`/api/v1/candidates/${people[0]}/services`, { serviceTypeId: cv.id, date: "2025-01-01", partnerId: nav.id });
    // A language group at the senior centre: 6 participants, two sessions; 10 present, 2 absent.
    const group = (await admin.post("/api/v1/services/groups", { name: "Språkkafé", serviceTypeId: language.id, partnerId: senior.id, capacity: 10 })).json();
    for (const id of people.slice(0, 6)) await admin.post(`/api/v1/services/groups/${group.id}/participants`, { candidateId: id });
    for (const startsAt of ["2026-03-03T16:00:00+01:00", "2026-03-10T16:00:00+01:00"]) {
      const session = (await admin.post(`/api/v1/services/groups/${group.id}/sessions`, { startsAt })).json();
      for (const [i, id] of people.slice(0, 6).entries()) await admin.request("PUT", `/api/v1/services/sessions/${session.id}/attendance/${id}`, { present: i !== 5 });
    }
    // A job fair with 6 registered, 3 who came, 2 interviews agreed.
    const event = (await admin.post("/api/v1/events", { kind: "job_fair", title: "Jobbmesse", startsAt: "2026-03-20T10:00:00+01:00", endsAt: "2026-03-20T14:00:00+01:00" })).json();
    const invitees = (await admin.post(`/api/v1/events/${event.id}/invitees`, { candidateIds: people.slice(0, 6) })).json().invitees;
    for (const [i, invitee] of invitees.entries()) await admin.patch(`/api/v1/events/${event.id}/invitees/${invitee.id}`, { status: "registered", attended: i < 3 });
    await admin.patch(`/api/v1/events/${event.id}`, { interviewsAgreed: 2 });
  });
  afterAll(() => t.close());

  it("counts services and attendance by type and partner, with small cells suppressed against the totals", async () => {
    const response = await admin.get("/api/v1/reports/activity?from=2026-01-01&to=2026-12-31");
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    const row = (rows: { label: string }[], label: string) => rows.find((r) => r.label === label) as Record<string, unknown>;
    // Services: CV help 7, interview training 2 (under 5), language group 0. The total (9) is published, so
    // the smallest shown cell of 5 or more (CV help) is hidden too: else 9 − 7 reveals the 2.
    expect(row(report.byType, "CV-hjelp").services).toEqual({ count: null, suppression: "suppressed" });
    expect(row(report.byType, "Intervjutrening").services).toEqual({ count: null, suppression: "under_5" });
    expect(row(report.byType, "Språkgruppe").services).toEqual({ count: 0, suppression: null });
    expect(report.totals.services).toEqual({ count: 9, suppression: null });
    // Attendance: 10 present, 2 absent in the language group. The absences are under 5; with only one type
    // having attendance the presences are hidden too, else the total would give the absences away.
    const language = row(report.byType, "Språkgruppe");
    expect(language.sessions).toBe(2);
    // Six in the group, one never came: five took part.
    expect(language.groupParticipants).toEqual({ count: 5, suppression: null });
    expect(language.absent).toEqual({ count: null, suppression: "under_5" });
    expect(language.attendanceRate).toBeNull();
    // By partner: NAV delivered all 9 services; the senior centre ran the sessions.
    expect(row(report.byPartner, "NAV Bærum").services).toEqual({ count: 9, suppression: null });
    expect(row(report.byPartner, "Dønski seniorsenter").sessions).toBe(2);
    // No cell anywhere shows a count of 1–4.
    const counts = JSON.stringify(report).match(/"count":(\d+)/g)!.map((m: string) => Number(m.split(":")[1]));
    expect(counts.filter((n: number) => n > 0 && n < 5)).toEqual([]);
  });

  it("reports events by kind with people counts suppressed", async () => {
    const report = (await admin.get("/api/v1/reports/activity?from=2026-01-01&to=2026-12-31")).json();
    expect(report.events).toEqual([
      { key: "job_fair", events: 1, registered: { count: 6, suppression: null }, attended: { count: null, suppression: "under_5" }, interviewsAgreed: { count: null, suppression: "under_5" } },
    ]);
  });

  it("defaults to the last year and refuses a bad date; viewers read it, advisors do not", async () => {
    const report = (await admin.get("/api/v1/reports/activity")).json();
    expect(report.period.from < report.period.to).toBe(true);
    expect((await admin.get("/api/v1/reports/activity?from=2026-13-01")).statusCode).toBe(400);
    const viewer = await t.as("viewer", admin.tenantId);
    expect((await viewer.get("/api/v1/reports/activity")).statusCode).toBe(200);
    const advisor = await t.as("advisor", admin.tenantId);
    expect((await advisor.get("/api/v1/reports/activity")).statusCode).toBe(403);
  });
});
