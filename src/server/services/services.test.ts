import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { accessLog } from "../platform/tables.ts";
import { candidateNotes } from "../candidates/tables.ts";
import { candidateConsents } from "../jobs/tables.ts";
import { makeCandidate } from "../placements/test-fixtures.ts";
import { groupParticipants } from "./tables.ts";

type Admin = Awaited<ReturnType<TestApp["as"]>>;

describe("partners and service types", () => {
  let t: TestApp;
  let admin: Admin;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
  });
  afterAll(() => t.close());

  it("starts every network with the default service types, and lets the admin give each a default partner", async () => {
    const types = (await admin.get("/api/v1/services/types")).json().items;
    expect(types.map((x: { key: string }) => x.key)).toEqual(["competence_mapping", "cv_help", "interview_training", "language_group", "job_club", "network_meeting", "company_visit", "course"]);
    const partner = await admin.post("/api/v1/services/partners", { name: "Bærum frivilligsentral", kind: "volunteer" });
    expect(partner.statusCode).toBe(201);
    const cv = types.find((x: { key: string }) => x.key === "cv_help");
    const patched = await admin.patch(`/api/v1/services/types/${cv.id}`, { defaultPartnerId: partner.json().id });
    expect(patched.json().defaultPartner).toEqual({ id: partner.json().id, name: "Bærum frivilligsentral" });
  });

  it("refuses a second partner of the same name, an unknown kind and another network's partner", async () => {
    expect((await admin.post("/api/v1/services/partners", { name: "NAV Bærum", kind: "nav" })).statusCode).toBe(201);
    const twice = await admin.post("/api/v1/services/partners", { name: "nav bærum", kind: "nav" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("conflict");
    const kind = await admin.post("/api/v1/services/partners", { name: "X", kind: "church" });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0].path).toBe("body.kind");
    const other = await t.as("admin");
    const theirs = (await other.post("/api/v1/services/partners", { name: "Their partner", kind: "other" })).json();
    const type = await admin.post("/api/v1/services/types", { name: "Sykkelkurs", defaultPartnerId: theirs.id });
    expect(type.statusCode).toBe(400);
    expect(type.json().errors[0].path).toBe("body.defaultPartnerId");
    expect((await admin.patch(`/api/v1/services/partners/${theirs.id}`, { name: "Mine now" })).statusCode).toBe(404);
  });
});

describe("services on a candidate", () => {
  let t: TestApp;
  let admin: Admin;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
  });
  afterAll(() => t.close());

  it("records a service with the type's default partner, lists it, and logs the read", async () => {
    const candidate = await makeCandidate(t.ctx.db, admin.tenantId);
    const partner = (await admin.post("/api/v1/services/partners", { name: "Voksenopplæringen", kind: "adult_education" })).json();
    const types = (await admin.get("/api/v1/services/types")).json().items;
    const mapping = types.find((x: { key: string }) => x.key === "competence_mapping");
    await admin.patch(`/api/v1/services/types/${mapping.id}`, { defaultPartnerId: partner.id });
    const created = await admin.post(`/api/v1/candidates/${candidate.id}/services`, { serviceTypeId: mapping.id, date: "2026-03-02", outcome: "Kartlagt; trenger CV." });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ serviceType: { name: "Kompetansekartlegging" }, partner: { id: partner.id }, date: "2026-03-02", outcome: "Kartlagt; trenger CV." });
    // Partner null: delivered by a user of the network.
    const byUser = await admin.post(`/api/v1/candidates/${candidate.id}/services`, { serviceTypeId: mapping.id, date: "2026-03-03", partnerId: null, deliveredByUserId: admin.userId });
    expect(byUser.json()).toMatchObject({ partner: null, deliveredBy: { userId: admin.userId } });
    const list = (await admin.get(`/api/v1/candidates/${candidate.id}/services`)).json().items;
    expect(list.map((s: { date: string }) => s.date)).toEqual(["2026-03-03", "2026-03-02"]);
    const reads = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.personId, candidate.id), eq(accessLog.actorUserId, admin.userId)));
    expect(reads.length).toBeGreaterThan(0);
  });

  it("refuses another network's service type, a user outside the network, and another network's candidate", async () => {
    const candidate = await makeCandidate(t.ctx.db, admin.tenantId);
    const other = await t.as("admin");
    const theirType = (await other.get("/api/v1/services/types")).json().items[0];
    const bad = await admin.post(`/api/v1/candidates/${candidate.id}/services`, { serviceTypeId: theirType.id, date: "2026-03-02", deliveredByUserId: other.userId });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(["body.deliveredByUserId", "body.serviceTypeId"]);
    const theirCandidate = await makeCandidate(t.ctx.db, other.tenantId);
    const mine = (await admin.get("/api/v1/services/types")).json().items[0];
    expect((await admin.post(`/api/v1/candidates/${theirCandidate.id}/services`, { serviceTypeId: mine.id, date: "2026-03-02" })).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/candidates/${candidate.id}/services`)).json().items).toEqual([]);
  });
});

describe("groups: waiting list", () => {
  let t: TestApp;
  let admin: Admin;
  let groupId: string;
  const people: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    const language = (await admin.get("/api/v1/services/types")).json().items.find((x: { key: string }) => x.key === "language_group");
    const partner = (await admin.post("/api/v1/services/partners", { name: "Dønski seniorsenter", kind: "senior_centre" })).json();
    const group = await admin.post("/api/v1/services/groups", { name: "Språkkafé tirsdag", serviceTypeId: language.id, partnerId: partner.id, place: "Dønski seniorsenter", capacity: 2 });
    expect(group.statusCode).toBe(201);
    groupId = group.json().id;
    for (let i = 0; i < 5; i++) people.push((await makeCandidate(t.ctx.db, admin.tenantId, { firstName: `P${i}` })).id);
  });
  afterAll(() => t.close());

  it("fills the group to its capacity, then puts newcomers on the waiting list in order", async () => {
    const results = [];
    for (const id of people.slice(0, 4)) results.push((await admin.post(`/api/v1/services/groups/${groupId}/participants`, { candidateId: id })).json());
    expect(results).toEqual([
      { status: "active", waitingPosition: null },
      { status: "active", waitingPosition: null },
      { status: "waiting", waitingPosition: 1 },
      { status: "waiting", waitingPosition: 2 },
    ]);
    const again = await admin.post(`/api/v1/services/groups/${groupId}/participants`, { candidateId: people[2] });
    expect(again.statusCode).toBe(409);
    const detail = (await admin.get(`/api/v1/services/groups/${groupId}`)).json();
    expect(detail).toMatchObject({ participants: 2, waiting: 2 });
    expect(detail.members.filter((m: { status: string }) => m.status === "waiting").map((m: { candidateId: string }) => m.candidateId)).toEqual([people[2], people[3]]);
  });

  it("moves the first waiting in when a participant leaves, and no one when someone waiting leaves", async () => {
    const left = await admin.delete(`/api/v1/services/groups/${groupId}/participants/${people[0]}`);
    expect(left.statusCode).toBe(200);
    expect(left.json().movedIn.candidateId).toBe(people[2]);
    // Someone leaving the waiting list frees no place.
    expect((await admin.delete(`/api/v1/services/groups/${groupId}/participants/${people[3]}`)).json()).toEqual({ movedIn: null });
    // A newcomer while the group is full still waits; the one who left and came back is last.
    expect((await admin.post(`/api/v1/services/groups/${groupId}/participants`, { candidateId: people[4] })).json()).toEqual({ status: "waiting", waitingPosition: 1 });
    expect((await admin.post(`/api/v1/services/groups/${groupId}/participants`, { candidateId: people[0] })).json()).toEqual({ status: "waiting", waitingPosition: 2 });
    const rows = await t.ctx.db.select().from(groupParticipants).where(eq(groupParticipants.groupId, groupId));
    expect(rows.filter((r) => r.status === "active").map((r) => r.candidateId).sort()).toEqual([people[1], people[2]].sort());
  });

  it("moves the waiting in, in order, when the capacity is raised", async () => {
    const patched = await admin.patch(`/api/v1/services/groups/${groupId}`, { capacity: 3 });
    expect(patched.json()).toMatchObject({ participants: 3, waiting: 1 });
    const members = (await admin.get(`/api/v1/services/groups/${groupId}`)).json().members;
    expect(members.find((m: { candidateId: string }) => m.candidateId === people[4]).status).toBe("active");
    expect(members.find((m: { candidateId: string }) => m.candidateId === people[0])).toMatchObject({ status: "waiting", waitingPosition: 1 });
  });

  it("answers 404 for a participant who is not in the group, and 400 for an unknown candidate", async () => {
    expect((await admin.delete(`/api/v1/services/groups/${groupId}/participants/${people[3]}`)).statusCode).toBe(404);
    const unknown = await admin.post(`/api/v1/services/groups/${groupId}/participants`, { candidateId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe("body.candidateId");
  });
});

describe("groups: sessions and attendance", () => {
  let t: TestApp;
  let admin: Admin;
  let groupId: string;
  let sessionId: string;
  let inGroup: string[];
  let waiting: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    const language = (await admin.get("/api/v1/services/types")).json().items.find((x: { key: string }) => x.key === "language_group");
    groupId = (await admin.post("/api/v1/services/groups", { name: "Norsk i praksis", serviceTypeId: language.id, capacity: 2 })).json().id;
    inGroup = [(await makeCandidate(t.ctx.db, admin.tenantId, { firstName: "Amina" })).id, (await makeCandidate(t.ctx.db, admin.tenantId, { firstName: "Bashir" })).id];
    waiting = (await makeCandidate(t.ctx.db, admin.tenantId, { firstName: "Chen" })).id;
    for (const id of [...inGroup, waiting]) await admin.post(`/api/v1/services/groups/${groupId}/participants`, { candidateId: id });
    const session = await admin.post(`/api/v1/services/groups/${groupId}/sessions`, { startsAt: "2026-04-07T16:00:00+02:00", endsAt: "2026-04-07T17:30:00+02:00", note: "Tema: jobbintervju" });
    expect(session.statusCode).toBe(201);
    sessionId = session.json().id;
  });
  afterAll(() => t.close());

  it("lists the participants (not the waiting list) unmarked, saves each tap, and the last tap counts", async () => {
    const list = (await admin.get(`/api/v1/services/sessions/${sessionId}/attendance`)).json();
    expect(list.participants.map((p: { candidateId: string; present: null }) => [p.candidateId, p.present]).sort()).toEqual(inGroup.map((id) => [id, null]).sort());
    expect((await admin.request("PUT", `/api/v1/services/sessions/${sessionId}/attendance/${inGroup[0]}`, { present: true })).statusCode).toBe(200);
    await admin.request("PUT", `/api/v1/services/sessions/${sessionId}/attendance/${inGroup[1]}`, { present: true });
    await admin.request("PUT", `/api/v1/services/sessions/${sessionId}/attendance/${inGroup[1]}`, { present: false });
    const after = (await admin.get(`/api/v1/services/sessions/${sessionId}/attendance`)).json();
    expect(after.session).toMatchObject({ present: 1, absent: 1 });
    expect(Object.fromEntries(after.participants.map((p: { candidateId: string; present: boolean }) => [p.candidateId, p.present]))).toEqual({ [inGroup[0]!]: true, [inGroup[1]!]: false });
    const detail = (await admin.get(`/api/v1/services/groups/${groupId}`)).json();
    expect(detail.sessions[0]).toMatchObject({ present: 1, absent: 1, note: "Tema: jobbintervju" });
  });

  it("refuses to mark someone on the waiting list, and keeps the mark of someone who has left", async () => {
    const refused = await admin.request("PUT", `/api/v1/services/sessions/${sessionId}/attendance/${waiting}`, { present: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("rule_broken");
    await admin.delete(`/api/v1/services/groups/${groupId}/participants/${inGroup[0]}`);
    const list = (await admin.get(`/api/v1/services/sessions/${sessionId}/attendance`)).json();
    // The one who left keeps their mark; the waiting one moved in and is unmarked.
    expect(list.participants.find((p: { candidateId: string }) => p.candidateId === inGroup[0]).present).toBe(true);
    expect(list.participants.find((p: { candidateId: string }) => p.candidateId === waiting).present).toBeNull();
    expect((await admin.request("PUT", `/api/v1/services/sessions/${sessionId}/attendance/${waiting}`, { present: true })).statusCode).toBe(200);
  });

  it("refuses a session that ends before it starts, and bad marks", async () => {
    const bad = await admin.post(`/api/v1/services/groups/${groupId}/sessions`, { startsAt: "2026-04-07T16:00:00+02:00", endsAt: "2026-04-07T15:00:00+02:00" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("body.endsAt");
    expect((await admin.request("PUT", `/api/v1/services/sessions/${sessionId}/attendance/${inGroup[1]}`, { present: "yes" })).statusCode).toBe(400);
  });
});

describe("the candidate timeline", () => {
  let t: TestApp;
  let admin: Admin;
  let hr: Admin;
  let candidateId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    hr = await t.as("hr", admin.tenantId);
    candidateId = (await makeCandidate(t.ctx.db, admin.tenantId)).id;
    const types = (await admin.get("/api/v1/services/types")).json().items;
    await admin.post(`/api/v1/candidates/${candidateId}/services`, { serviceTypeId: types[1].id, date: "2026-02-10", outcome: "Ny CV" });
    const group = (await admin.post("/api/v1/services/groups", { name: "Språkgruppe Sandvika", serviceTypeId: types[3].id, capacity: 5 })).json();
    await admin.post(`/api/v1/services/groups/${group.id}/participants`, { candidateId });
    const session = (await admin.post(`/api/v1/services/groups/${group.id}/sessions`, { startsAt: "2026-02-12T10:00:00+01:00" })).json();
    await admin.request("PUT", `/api/v1/services/sessions/${session.id}/attendance/${candidateId}`, { present: true });
    const event = (await admin.post("/api/v1/events", { kind: "job_fair", title: "Jobbmesse Fornebu", startsAt: "2026-02-20T10:00:00+01:00", endsAt: "2026-02-20T14:00:00+01:00" })).json();
    await admin.post(`/api/v1/events/${event.id}/invitees`, { candidateIds: [candidateId] });
    await t.ctx.db.insert(candidateNotes).values({ tenantId: admin.tenantId, candidateId, text: "Fortrolig notat", createdAt: new Date("2026-02-15T09:00:00Z") });
    await t.ctx.db.insert(candidateConsents).values({ tenantId: admin.tenantId, candidateId, purpose: "registration", textVersion: "registration-1", method: "in_person", givenAt: new Date("2026-02-01T09:00:00Z") });
  });
  afterAll(() => t.close());

  it("unites the sources, newest first, for caseworkers", async () => {
    const response = await admin.get(`/api/v1/candidates/${candidateId}/timeline?lang=nb`);
    expect(response.statusCode).toBe(200);
    const { items, sources } = response.json();
    expect(sources).toEqual(expect.arrayContaining(["service", "group", "event", "note", "consent"]));
    const seen = items.map((i: { source: string; title: string }) => `${i.source}:${i.title}`);
    expect(seen).toEqual(
      expect.arrayContaining(["event:Jobbmesse Fornebu", "note:Notat", "group:Språkgruppe Sandvika: til stede", "service:CV-hjelp", "consent:Samtykke gitt"]),
    );
    const times = items.map((i: { at: string }) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("leaves the case file (notes, consents, shares) out for HR, and logs the read", async () => {
    const { items, sources } = (await hr.get(`/api/v1/candidates/${candidateId}/timeline`)).json();
    expect(sources).not.toContain("note");
    expect(sources).not.toContain("consent");
    expect(sources).not.toContain("share");
    expect(items.some((i: { source: string }) => i.source === "note" || i.source === "consent")).toBe(false);
    expect(items.some((i: { source: string }) => i.source === "service")).toBe(true);
    const reads = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.personId, candidateId), eq(accessLog.actorUserId, hr.userId)));
    expect(reads).toHaveLength(1);
  });

  it("answers 404 for another network's candidate and 403 for roles without access", async () => {
    const other = await t.as("admin");
    expect((await other.get(`/api/v1/candidates/${candidateId}/timeline`)).statusCode).toBe(404);
    const viewer = await t.as("viewer", admin.tenantId);
    expect((await viewer.get(`/api/v1/candidates/${candidateId}/timeline`)).statusCode).toBe(403);
  });
});
