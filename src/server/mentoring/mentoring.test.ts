import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import type { Actor } from "../platform/actor.ts";
import { accessLog, auditLog } from "../platform/tables.ts";
import { invitations } from "../users/tables.ts";
import { mailOutbox as outbox } from "../mail/tables.ts";
import { candidateConsents } from "../jobs/tables.ts";
import { placements } from "../placements/tables.ts";
import { osloDate } from "../platform/dates.ts";
import { addDays } from "../placements/service.ts";
import { makeCandidate } from "../placements/test-fixtures.ts";
import { mentorships, mentoringMeetings } from "./tables.ts";
import { getMentorship, listMentorships } from "./service.ts";
import { scorePair } from "./pairing.ts";
import { sendMentoringReminders } from "./reminders.ts";
import { currentDeclarationVersion } from "./texts.ts";

const occ = (id: string) => `http://data.europa.eu/esco/occupation/${id}`;
const shopAssistant = occ("0b15375e-dfdd-4047-9efb-096e0aaee7d2"); // ISCO 5223
const salesAssistant = occ("9ba74e8a-c40c-4228-9998-eb3c7a5c11df"); // 5223
const shopSupervisor = occ("bdfb48e0-79dc-4b63-8470-db2e03b37326"); // 5222
const cashier = occ("2b871272-bd61-4206-bd1a-0b96d7023098"); // 5230
const baker = occ("1aadb308-432a-4d01-b54b-b4f7f76dd419"); // 7512

describe("scorePair", () => {
  const context = { isco: new Map([[shopAssistant, "5223"], [salesAssistant, "5223"], [shopSupervisor, "5222"], [cashier, "5230"], [baker, "7512"]]), labels: new Map([[shopAssistant, "butikkmedarbeider"], [shopSupervisor, "butikkleder"]]), industriesByOccupation: new Map(), lang: "nb" as const };
  const candidate = { occupationUris: [shopAssistant], languageCodes: ["ar", "no"], municipality: "Bærum", wishedMunicipalities: ["Oslo"] };

  it("ranks by the ISCO hierarchy and explains each reason in words", () => {
    const same = scorePair({ occupationUri: shopAssistant, industry: null, languages: [], municipality: "" }, candidate, context);
    const minor = scorePair({ occupationUri: shopSupervisor, industry: null, languages: [], municipality: "" }, candidate, context);
    const subMajor = scorePair({ occupationUri: cashier, industry: null, languages: [], municipality: "" }, candidate, context);
    const none = scorePair({ occupationUri: baker, industry: null, languages: [], municipality: "" }, candidate, context);
    expect(same.score).toBeGreaterThan(minor.score);
    expect(minor.score).toBeGreaterThan(subMajor.score);
    expect(none.score).toBe(0);
    expect(same.reasons[0]!.detail).toBe("Samme yrke: butikkmedarbeider");
    expect(minor.reasons[0]!.detail).toBe("Beslektet yrke: mentor er butikkleder, mentee har butikkmedarbeider");
  });

  it("counts shared languages (another than Norwegian more) and the place", () => {
    const arabic = scorePair({ occupationUri: null, industry: null, languages: ["ar", "no"], municipality: "Bærum" }, candidate, context);
    expect(arabic.reasons.map((r) => [r.criterion, r.score, r.detail])).toEqual([
      ["languages", 1, "Felles språk: Arabisk, Norsk"],
      ["place", 1, "Bor i samme kommune: Bærum"],
    ]);
    const norwegianOnly = scorePair({ occupationUri: null, industry: null, languages: ["nb"], municipality: "Oslo" }, candidate, context);
    expect(norwegianOnly.reasons.map((r) => [r.criterion, r.score])).toEqual([
      ["languages", 0.5],
      ["place", 0.5],
    ]);
    expect(arabic.score).toBeGreaterThan(norwegianOnly.score);
  });
});

describe("mentoring API", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  let advisor: Awaited<ReturnType<TestApp["as"]>>;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    tenantId = admin.tenantId;
    advisor = await t.as("advisor", tenantId);
  });
  afterAll(() => t.close());

  let counter = 0;
  /** A mentor record with a signed-in mentor user (linked by e-mail), optionally having signed the declaration. */
  async function makeMentor(input: Record<string, unknown> = {}, options: { sign?: boolean } = { sign: true }) {
    const email = `mentor-${counter++}-${Date.now()}@rotary.example.no`;
    const created = await admin.post("/api/v1/mentoring/mentors", { name: `Mentor ${counter}`, email, organisation: "Bærum Rotary", capacity: 2, ...input });
    expect(created.statusCode, created.body).toBe(201);
    const user = await t.createUser(tenantId, "mentor", { email });
    const client = await t.signIn(user.email, user.password);
    if (options.sign) expect((await client.post("/api/v1/mentoring/me/declaration", { version: currentDeclarationVersion })).statusCode).toBe(204);
    const actor: Actor = { kind: "user", userId: user.userId, sessionId: "test", tenantId, role: "mentor", instanceAdmin: false, twoFactorPending: false };
    return { id: created.json().id as string, client, actor, email };
  }

  async function activePair(sharedFields: string[] = ["firstName", "languages"]) {
    const mentor = await makeMentor();
    const candidate = await makeCandidate(t.ctx.db, tenantId, { firstName: "Amal", lastName: "Haddad", email: "amal@example.no", phone: "+47 912 34 567", municipality: "Bærum", advisorUserId: advisor.userId, languages: [{ code: "ar", native: true }] as never });
    const proposed = await advisor.post("/api/v1/mentoring/relationships", { mentorId: mentor.id, candidateId: candidate.id, goals: "Jobb i butikk" });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json().id as string;
    const consent = await advisor.post(`/api/v1/mentoring/relationships/${id}/mentee-acceptance`, { sharedFields, method: "in_person" });
    expect(consent.statusCode, consent.body).toBe(200);
    const accepted = await mentor.client.post(`/api/v1/mentoring/relationships/${id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    return { mentor, candidate, id, relationship: accepted.json() };
  }

  it("registers a mentor and invites them with the role mentor; bad input is a clear 400, a second registration 409", async () => {
    const response = await admin.post("/api/v1/mentoring/mentors", {
      name: "Kari Nordmann",
      email: "Kari@Rotary.example.no",
      organisation: "Asker Rotary",
      industry: "G",
      occupationUri: shopSupervisor,
      languages: ["no", "en"],
      municipality: "Asker",
      capacity: 2,
      availability: "Tirsdager",
      invite: true,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ email: "kari@rotary.example.no", industry: "G", occupation: { uri: shopSupervisor }, hasAccount: false, declarationSignedAt: null, load: 0 });
    const [invitation] = await t.ctx.db.select().from(invitations).where(and(eq(invitations.tenantId, tenantId), eq(invitations.email, "kari@rotary.example.no")));
    expect(invitation!.role).toBe("mentor");
    expect((await t.ctx.db.select().from(outbox).where(eq(outbox.recipient, "kari@rotary.example.no"))).length).toBe(1);

    const again = await admin.post("/api/v1/mentoring/mentors", { name: "Kari", email: "kari@rotary.example.no" });
    expect(again.statusCode).toBe(409);
    const bad = await admin.post("/api/v1/mentoring/mentors", { name: "", email: "not-an-email", capacity: -1, industry: "Z" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(["body.capacity", "body.email", "body.industry", "body.name"]);
    const unknown = await admin.post("/api/v1/mentoring/mentors", { name: "X", email: "x@example.no", occupationUri: occ("00000000-0000-0000-0000-000000000000") });
    expect(unknown.statusCode).toBe(400);
  });

  it("shows a mentor nothing before the declaration is signed, and links the login by e-mail", async () => {
    const mentor = await makeMentor({}, { sign: false });
    const before = await mentor.client.get("/api/v1/mentoring/relationships");
    expect(before.statusCode).toBe(422);
    expect(before.json().code).toBe("rule_broken");
    const me = (await mentor.client.get("/api/v1/mentoring/me")).json();
    expect(me).toMatchObject({ mentor: { id: mentor.id, hasAccount: true }, signedAt: null, declaration: { version: currentDeclarationVersion } });
    // The coordinator cannot propose them either.
    const candidate = await makeCandidate(t.ctx.db, tenantId);
    const proposal = await advisor.post("/api/v1/mentoring/relationships", { mentorId: mentor.id, candidateId: candidate.id });
    expect(proposal.statusCode).toBe(422);
    expect((await mentor.client.post("/api/v1/mentoring/me/declaration", { version: "old" })).statusCode).toBe(422);
    expect((await mentor.client.post("/api/v1/mentoring/me/declaration", { version: currentDeclarationVersion })).statusCode).toBe(204);
    expect((await mentor.client.get("/api/v1/mentoring/relationships")).json().items).toEqual([]);
    expect((await mentor.client.get("/api/v1/mentoring/me")).json().signedAt).not.toBeNull();
  });

  it("suggests mentors for a candidate with reasons, leaving out mentors at capacity or without a signed declaration", async () => {
    const candidate = await makeCandidate(t.ctx.db, tenantId, { municipality: "Sandvika", languages: [{ code: "ti", native: true }] as never, jobWishes: { occupationUris: [shopAssistant], municipalities: [], extent: "any" } });
    const best = await makeMentor({ occupationUri: salesAssistant, languages: ["ti"], municipality: "Sandvika", name: "Best" });
    const related = await makeMentor({ occupationUri: shopSupervisor, name: "Related" });
    const full = await makeMentor({ occupationUri: shopAssistant, capacity: 0, name: "Full" });
    const unsigned = await makeMentor({ occupationUri: shopAssistant, name: "Unsigned" }, { sign: false });
    const response = await advisor.get(`/api/v1/mentoring/candidates/${candidate.id}/suggestions?lang=nb&limit=50`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { mentor: { id: string }; score: number; reasons: { criterion: string; detail: string }[] }[];
    const ids = items.map((i) => i.mentor.id);
    expect(ids).not.toContain(full.id);
    expect(ids).not.toContain(unsigned.id);
    expect(ids.indexOf(best.id)).toBe(0);
    expect(ids.indexOf(related.id)).toBeGreaterThan(0);
    expect(items[0]!.reasons.map((r) => r.criterion)).toEqual(["occupation", "languages", "place"]);
    expect(items[0]!.reasons[0]!.detail).toContain("samme yrkesgruppe");
    // And the other way: the candidate among the mentees suggested for the mentor.
    const mentees = await advisor.get(`/api/v1/mentoring/mentors/${best.id}/suggestions`);
    expect(mentees.statusCode).toBe(200);
    expect(mentees.json().items[0].candidate.id).toBe(candidate.id);
    expect((await advisor.get(`/api/v1/mentoring/mentors/${full.id}/suggestions`)).statusCode).toBe(422);
  });

  it("starts only when both have accepted; the mentor sees only their own mentees and only the agreed fields", async () => {
    const mentor = await makeMentor();
    const other = await makeMentor();
    const candidate = await makeCandidate(t.ctx.db, tenantId, { firstName: "Yonas", lastName: "Tesfay", email: "yonas@example.no", municipality: "Bærum", languages: [{ code: "ti", native: true }] as never });
    const proposed = await advisor.post("/api/v1/mentoring/relationships", { mentorId: mentor.id, candidateId: candidate.id, goals: "Fagbrev" });
    const id = proposed.json().id as string;
    expect(proposed.json().status).toBe("proposed");
    // A second proposal for the same candidate is refused.
    expect((await advisor.post("/api/v1/mentoring/relationships", { mentorId: other.id, candidateId: candidate.id })).statusCode).toBe(422);

    // Before the mentee's yes, the mentor sees the proposal but nothing of the person.
    const early = (await mentor.client.get(`/api/v1/mentoring/relationships/${id}`)).json();
    expect(early.mentee).toEqual({ candidateId: candidate.id, displayName: "Mentee" });
    expect((await mentor.client.post(`/api/v1/mentoring/relationships/${id}/accept`)).json().status).toBe("proposed");
    const consent = await advisor.post(`/api/v1/mentoring/relationships/${id}/mentee-acceptance`, { sharedFields: ["firstName", "languages"], method: "in_person" });
    const body = consent.json();
    expect(body.status).toBe("active");
    expect(body.startDate).toBe(osloDate());
    expect(body.plannedEndDate > body.startDate).toBe(true);
    const [givenConsent] = await t.ctx.db.select().from(candidateConsents).where(and(eq(candidateConsents.candidateId, candidate.id), eq(candidateConsents.purpose, "mentoring")));
    expect(givenConsent).toBeDefined();

    const seen = (await mentor.client.get(`/api/v1/mentoring/relationships/${id}`)).json();
    expect(seen.mentee).toEqual({ candidateId: candidate.id, displayName: "Yonas", firstName: "Yonas", languages: [{ code: "ti", native: true, speaking: null }] });
    expect(JSON.stringify(seen)).not.toContain("Tesfay");
    expect(JSON.stringify(seen)).not.toContain("yonas@example.no");
    const reads = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.personId, candidate.id), eq(accessLog.actorUserId, mentor.actor.userId!)));
    expect(reads.map((r) => r.purpose)).toContain("mentoring");

    // The other mentor: not in the list, 404 on the record, cannot log a meeting.
    expect((await other.client.get("/api/v1/mentoring/relationships")).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await other.client.get(`/api/v1/mentoring/relationships/${id}`)).statusCode).toBe(404);
    expect((await other.client.post(`/api/v1/mentoring/relationships/${id}/meetings`, { metOn: osloDate(), topics: "x" })).statusCode).toBe(404);
    // The coordinator sees everything.
    expect((await advisor.get(`/api/v1/mentoring/relationships/${id}`)).json().mentee.lastName).toBe("Tesfay");
  });

  it("logs meetings by either party, refuses future and empty ones, and ends with feedback from both", async () => {
    const { mentor, id } = await activePair();
    const today = osloDate();
    const bad = await mentor.client.post(`/api/v1/mentoring/relationships/${id}/meetings`, { metOn: addDays(today, 2), topics: "" });
    expect(bad.statusCode).toBe(400);
    expect((await mentor.client.post(`/api/v1/mentoring/relationships/${id}/meetings`, { metOn: addDays(today, 2), topics: "CV" })).statusCode).toBe(400);
    expect((await t.ctx.db.select().from(mentoringMeetings).where(eq(mentoringMeetings.mentorshipId, id))).length).toBe(0);
    expect((await mentor.client.post(`/api/v1/mentoring/relationships/${id}/meetings`, { metOn: today, topics: "CV og LinkedIn", nextStep: "Søke to jobber" })).statusCode).toBe(201);
    expect((await advisor.post(`/api/v1/mentoring/relationships/${id}/meetings`, { metOn: today, topics: "Intervjutrening" })).statusCode).toBe(201);
    const detail = (await mentor.client.get(`/api/v1/mentoring/relationships/${id}`)).json();
    expect(detail.meetingCount).toBe(2);
    expect(detail.meetings.map((m: { topics: string }) => m.topics).sort()).toEqual(["CV og LinkedIn", "Intervjutrening"]);

    expect((await mentor.client.post(`/api/v1/mentoring/relationships/${id}/feedback`, { rating: 5 })).statusCode).toBe(422);
    const ended = await mentor.client.post(`/api/v1/mentoring/relationships/${id}/end`, { endedOn: today, reason: "completed" });
    expect(ended.json()).toMatchObject({ status: "ended", endedOn: today, accessUntil: addDays(today, 84) });
    expect((await mentor.client.post(`/api/v1/mentoring/relationships/${id}/feedback`, { rating: 5, text: "Lærerikt" })).json().mentorFeedback).toMatchObject({ rating: 5, text: "Lærerikt" });
    const both = (await advisor.post(`/api/v1/mentoring/relationships/${id}/feedback`, { rating: 4, text: "Fikk mot" })).json();
    expect(both.menteeFeedback).toMatchObject({ rating: 4, text: "Fikk mot" });
    expect((await mentor.client.post(`/api/v1/mentoring/relationships/${id}/meetings`, { metOn: today, topics: "etter slutt" })).statusCode).toBe(422);
    const actions = (await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["mentorship.propose", "mentorship.mentee_accept", "mentorship.mentor_accept", "mentorship.start", "mentorship.log_meeting", "mentorship.end", "mentorship.feedback"]));
  });

  it("ends the mentor's access 12 weeks after the end, by a simulated clock, and at once when consent is withdrawn", async () => {
    const { mentor, id, candidate } = await activePair();
    const endedOn = osloDate();
    await mentor.client.post(`/api/v1/mentoring/relationships/${id}/end`, { endedOn });
    const at = (date: string) => new Date(`${date}T12:00:00Z`);
    await expect(getMentorship(t.ctx.db, mentor.actor, id, at(addDays(endedOn, 84)))).resolves.toMatchObject({ id });
    await expect(getMentorship(t.ctx.db, mentor.actor, id, at(addDays(endedOn, 85)))).rejects.toMatchObject({ code: "not_found" });
    expect((await listMentorships(t.ctx.db, mentor.actor, { limit: 50 }, at(addDays(endedOn, 85)))).items).toEqual([]);
    // The coordinator keeps the record.
    expect((await advisor.get(`/api/v1/mentoring/relationships/${id}`)).statusCode).toBe(200);

    // Withdrawn consent: gone for the mentor, whatever the date.
    const second = await activePair();
    const consents = (await advisor.get(`/api/v1/candidates/${second.candidate.id}/consents`)).json().items as { id: string; purpose: string }[];
    const mentoringConsent = consents.find((c) => c.purpose === "mentoring")!;
    expect((await advisor.post(`/api/v1/candidates/${second.candidate.id}/consents/${mentoringConsent.id}/withdraw`)).statusCode).toBe(200);
    expect((await second.mentor.client.get(`/api/v1/mentoring/relationships/${second.id}`)).statusCode).toBe(404);
    expect(candidate.id).not.toBe(second.candidate.id);
  });

  it("reminds the mentor and the advisor once after four weeks without a meeting, not twice", async () => {
    const { id, mentor } = await activePair();
    const [row] = await t.ctx.db.select().from(mentorships).where(eq(mentorships.id, id));
    const start = row!.startDate!;
    const at = (date: string) => new Date(`${date}T09:00:00Z`);
    expect((await sendMentoringReminders(t.ctx, { now: at(addDays(start, 27)), tenantId })).relationships).toBe(0);
    const first = await sendMentoringReminders(t.ctx, { now: at(addDays(start, 28)), tenantId });
    // Other tests' relationships in this network started today too: each gets its one reminder in this run.
    expect(first.failed).toBe(0);
    expect(first.mails).toBe(first.relationships * 2);
    expect((await t.ctx.db.select().from(mentorships).where(eq(mentorships.id, id)))[0]!.remindedFor).toBe(start);
    const mails = await t.ctx.db.select().from(outbox).where(eq(outbox.recipient, mentor.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.textBody).toContain(`/mentor/mentees/${id}`);
    expect(mails[0]!.textBody).not.toContain("Amal");
    expect((await t.ctx.db.select().from(outbox).where(eq(outbox.recipient, advisor.email))).length).toBeGreaterThanOrEqual(1);
    expect((await sendMentoringReminders(t.ctx, { now: at(addDays(start, 29)), tenantId })).relationships).toBe(0);
    expect((await sendMentoringReminders(t.ctx, { now: at(addDays(start, 60)), tenantId })).relationships).toBe(0);
    // A meeting starts a new quiet spell, reminded of once again four weeks later.
    await t.ctx.db.insert(mentoringMeetings).values({ tenantId, mentorshipId: id, metOn: addDays(start, 30), topics: "Møte" });
    expect((await sendMentoringReminders(t.ctx, { now: at(addDays(start, 57)), tenantId })).relationships).toBe(0);
    expect((await sendMentoringReminders(t.ctx, { now: at(addDays(start, 58)), tenantId })).relationships).toBe(1);
    expect(await t.ctx.db.select().from(outbox).where(eq(outbox.recipient, mentor.email))).toHaveLength(2);
    expect((await sendMentoringReminders(t.ctx, { now: at(addDays(start, 59)), tenantId })).relationships).toBe(0);
  });

  it("reports started, active, completed and in work within 6 months, suppressing small counts; timeline entries for the lead", async () => {
    const network = await t.createNetwork();
    const viewer = await t.as("viewer", network.id);
    const empty = (await viewer.get("/api/v1/reports/mentoring")).json();
    expect(empty).toMatchObject({ started: { count: 0 }, active: { count: 0, suppression: null }, gotWorkWithin6Months: { count: 0 } });

    const report = await admin.get("/api/v1/reports/mentoring");
    expect(report.statusCode, report.body).toBe(200);
    const body = report.json();
    // This network has a handful of relationships from the tests above: small counts are hidden.
    for (const key of ["active", "completed", "gotWorkWithin6Months"]) expect([null, "under_5", "suppressed"]).toContain(body[key].suppression);
    expect(body.active.count === null || body.active.count === 0 || body.active.count >= 5).toBe(true);

    const { id, candidate } = await activePair();
    await t.ctx.db.insert(placements).values({ tenantId, candidateId: candidate.id, employerName: "Butikk AS", type: "ordinary_permanent", startDate: osloDate() });
    await t.ctx.db.insert(mentoringMeetings).values({ tenantId, mentorshipId: id, metOn: osloDate(), topics: "Første møte", nextStep: "Søke" });
    // On the candidate's timeline, for caseworkers, not for HR.
    const timeline = await admin.get(`/api/v1/candidates/${candidate.id}/timeline`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    const mentoring = (timeline.json().items as { source: string; title: string; detail: string }[]).filter((e) => e.source === "mentoring");
    expect(mentoring.map((e) => e.title)).toEqual(expect.arrayContaining(["Mentor foreslått", "Mentorordning startet", "Mentormøte"]));
    expect(mentoring.find((e) => e.title === "Mentormøte")?.detail).toBe("Første møte – neste steg: Søke");
    const hr = await t.as("hr", tenantId);
    const hrTimeline = await hr.get(`/api/v1/candidates/${candidate.id}/timeline`);
    expect(hrTimeline.statusCode).toBe(200);
    expect((hrTimeline.json().items as { source: string }[]).some((e) => e.source === "mentoring")).toBe(false);
  });
});
