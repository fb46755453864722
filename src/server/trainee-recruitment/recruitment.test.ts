import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { accessLog, auditLog } from "../platform/tables.ts";
import type { Actor } from "../platform/actor.ts";
import { candidates } from "../candidates/tables.ts";
import { mailOutbox } from "../mail/tables.ts";
import { matchLogs } from "../jobs/tables.ts";
import { insertTestTaxonomy, testTaxonomy as tx } from "../candidates/test-taxonomy.ts";
import { acceptedCandidatesForNeed } from "./service.ts";
import { traineeShortlistEntries } from "./tables.ts";
import { defaultInterviewCriteria } from "../../shared/trainee-recruitment.ts";

/*
 * Trainee recruitment (issue 7): needs, suggestions under the programme's rule, the shortlist, interviews, scores
 * that stay hidden until one's own are in, and decisions with reasons.
 */

type Signed = Awaited<ReturnType<TestApp["as"]>>;
type Match = { id: string; eligible: boolean; programme: { higherEducation: boolean; education: { recognition: string } | null; norwegianLevel: string | null }; missing: { key: string }[] };

const allScores = (score: number) => ({ scores: defaultInterviewCriteria.map((c) => ({ criterion: c.key, score, comment: `${c.key} ${score}` })) });
const actorOf = (user: Signed, role: Actor["role"]): Actor => ({ kind: "user", userId: user.userId, sessionId: "test", tenantId: user.tenantId, role, instanceAdmin: false, twoFactorPending: false });

describe("trainee recruitment", () => {
  let t: TestApp;
  let admin: Signed;
  let hr: Signed;
  let hr2: Signed;
  let advisor: Signed;
  let advisor2: Signed;
  let viewer: Signed;
  let needId: string;
  let master: string;
  let bachelor: string;
  let school: string;
  let counter = 0;

  const candidate = async (extra: Record<string, unknown>) => {
    const response = await advisor.post("/api/v1/candidates?confirmNotDuplicate=true", { firstName: "Samira", lastName: `Trainee${counter++}`, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const need = (extra: Record<string, unknown> = {}) => ({
    unitName: "Eiendom, forvaltning",
    area: "property",
    title: "Trainee økonomi og forvaltning",
    occupationUri: tx.economist.uri,
    essentialSkillUris: [tx.hygiene.uri],
    languages: [{ code: "no", level: "B1" }],
    positions: 2,
    startDate: "2027-01-04",
    offeredPosition: "Rådgiver, eiendomsforvaltning",
    ...extra,
  });
  const shortlist = async (id: string, candidateId: string) => {
    const response = await hr.post(`/api/v1/trainee/needs/${id}/shortlist`, { candidateId, matchScore: 0.5 });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const schedule = (id: string, entryId: string, panel: string[], extra: Record<string, unknown> = {}) =>
    hr.request("PUT", `/api/v1/trainee/needs/${id}/shortlist/${entryId}/interview`, { startsAt: "2026-12-01T10:00:00+01:00", place: "Rådhuset, møterom 3", interviewerUserIds: panel, ...extra });

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
    admin = await t.as("admin");
    hr = await t.as("hr", admin.tenantId);
    hr2 = await t.as("hr", admin.tenantId);
    advisor = await t.as("advisor", admin.tenantId);
    advisor2 = await t.as("advisor", admin.tenantId);
    viewer = await t.as("viewer", admin.tenantId);
    const norwegian = { code: "nb", listening: "B2", reading: "B2", writing: "B1", speaking: "B2" };
    master = await candidate({
      experience: [{ occupationUri: tx.economist.uri, years: 4 }],
      skillUris: [tx.hygiene.uri],
      education: [{ level: "master", field: "Økonomi", recognition: "recognised" }, { level: "upper_secondary" }],
      languages: [norwegian],
    });
    bachelor = await candidate({ experience: [{ occupationUri: tx.economist.uri, years: 1 }], education: [{ level: "bachelor", field: "Regnskap", recognition: "pending" }] });
    school = await candidate({ experience: [{ occupationUri: tx.economist.uri, years: 6 }], skillUris: [tx.hygiene.uri], education: [{ level: "upper_secondary" }], languages: [norwegian] });
    const created = await hr.post("/api/v1/trainee/needs?lang=en", need());
    expect(created.statusCode, created.body).toBe(201);
    needId = created.json().id;
  });
  afterAll(() => t.close());

  it("registers a need with taxonomy labels, defaults to higher education, and records it in the audit trail", async () => {
    const body = (await hr.get(`/api/v1/trainee/needs/${needId}?lang=en`)).json();
    expect(body).toMatchObject({ unitName: "Eiendom, forvaltning", area: "property", occupation: { uri: tx.economist.uri, label: "economist" }, educationLevel: "bachelor", positions: 2, status: "open", shortlistCounts: {} });
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, needId), eq(auditLog.action, "trainee_need.create")));
    expect(audit).toHaveLength(1);
    const list = (await advisor.get("/api/v1/trainee/needs?area=property")).json();
    expect(list.items.map((n: { id: string }) => n.id)).toContain(needId);
    expect((await advisor.get("/api/v1/trainee/needs?area=it")).json().items).toEqual([]);
  });

  it("rejects bad needs with the fields named, changes only what a PATCH names, and deletes only needs without a shortlist", async () => {
    const bad = await hr.post("/api/v1/trainee/needs", need({ unitName: "", occupationUri: "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-999999999999" }));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const unknown = await hr.post("/api/v1/trainee/needs", need({ occupationUri: "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-999999999999" }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: { path: string }) => e.path)).toEqual(["body.occupationUri"]);
    expect((await hr.post("/api/v1/trainee/needs", need({ educationLevel: "upper_secondary" }))).statusCode).toBe(400);
    const other = (await hr.post("/api/v1/trainee/needs", need({ title: "Trainee IT", area: "it" }))).json();
    const patched = await hr.patch(`/api/v1/trainee/needs/${other.id}`, { positions: 3 });
    expect(patched.json()).toMatchObject({ positions: 3, title: "Trainee IT", area: "it", startDate: "2027-01-04" });
    expect((await hr.patch(`/api/v1/trainee/needs/${other.id}`, { positions: 0 })).statusCode).toBe(400);
    expect((await advisor.patch(`/api/v1/trainee/needs/${other.id}`, { positions: 1 })).statusCode).toBe(403);
    expect((await viewer.get("/api/v1/trainee/needs")).statusCode).toBe(403);
    expect((await hr.delete(`/api/v1/trainee/needs/${other.id}`)).statusCode).toBe(204);
    expect((await hr.get(`/api/v1/trainee/needs/${other.id}`)).statusCode).toBe(404);
  });

  it("suggests candidates with higher education, explained, with recognition and Norwegian, and logs the ranking and each read", async () => {
    const response = await advisor.get(`/api/v1/trainee/needs/${needId}/matches?lang=en`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const ids = body.items.map((m: Match) => m.id);
    expect(ids).toEqual([master, bachelor]);
    expect(ids).not.toContain(school);
    const best: Match = body.items[0];
    expect(best.eligible).toBe(true);
    expect(best.programme).toEqual({ higherEducation: true, education: { level: "master", field: "Økonomi", recognition: "recognised" }, norwegianLevel: "B1" });
    expect(body.items[1].programme.education.recognition).toBe("pending");
    const [log] = await t.ctx.db.select().from(matchLogs).where(eq(matchLogs.id, body.rankingId));
    expect(log).toMatchObject({ direction: "candidates_for_trainee_need", subjectId: needId, actorUserId: advisor.userId });
    const reads = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.actorUserId, advisor.userId), eq(accessLog.purpose, "matching")));
    expect(reads.map((r) => r.personId)).toEqual(expect.arrayContaining([master, bachelor]));
    expect(reads.map((r) => r.personId)).not.toContain(school);
  });

  it("shows candidates without higher education only when asked, after the others and marked not eligible", async () => {
    const body = (await hr.get(`/api/v1/trainee/needs/${needId}/matches?includeIneligible=true`)).json();
    expect(body.items.map((m: Match) => m.id)).toEqual([master, bachelor, school]);
    const last: Match = body.items[2];
    expect(last.eligible).toBe(false);
    expect(last.programme.higherEducation).toBe(false);
    expect(last.missing[0]!.key).toBe("programme:higher_education");
    expect((await viewer.get(`/api/v1/trainee/needs/${needId}/matches`)).statusCode).toBe(403);
  });

  it("shortlists the programme's candidates only: not twice, not without higher education, not another network's, not a restricted one", async () => {
    const proposed = await advisor.post(`/api/v1/trainee/needs/${needId}/shortlist`, { candidateId: bachelor });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ status: "shortlisted", candidate: { id: bachelor }, programme: { higherEducation: true }, interview: null, decision: null });
    expect((await advisor.post(`/api/v1/trainee/needs/${needId}/shortlist`, { candidateId: bachelor })).statusCode).toBe(409);
    const noDegree = await hr.post(`/api/v1/trainee/needs/${needId}/shortlist`, { candidateId: school });
    expect(noDegree.statusCode).toBe(422);
    expect(noDegree.json().code).toBe("rule_broken");
    const elsewhere = await t.as("advisor");
    const foreign = (await elsewhere.post("/api/v1/candidates?confirmNotDuplicate=true", { firstName: "Other", lastName: "Network", education: [{ level: "master" }] })).json().id;
    const missing = await hr.post(`/api/v1/trainee/needs/${needId}/shortlist`, { candidateId: foreign });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe("body.candidateId");
    const restricted = await candidate({ education: [{ level: "phd" }] });
    await t.ctx.db.update(candidates).set({ processingRestrictedAt: new Date() }).where(eq(candidates.id, restricted));
    expect((await hr.post(`/api/v1/trainee/needs/${needId}/shortlist`, { candidateId: restricted })).statusCode).toBe(422);
    const rows = await t.ctx.db.select().from(traineeShortlistEntries).where(eq(traineeShortlistEntries.needId, needId));
    expect(rows.map((r) => r.candidateId)).toEqual([bachelor]);
    // An advisor proposes; moving, interviews and decisions are HR's.
    const entryId = proposed.json().id;
    expect((await advisor.patch(`/api/v1/trainee/needs/${needId}/shortlist/${entryId}`, { status: "interviewed" })).statusCode).toBe(403);
    expect((await advisor.post(`/api/v1/trainee/needs/${needId}/shortlist/${entryId}/decision`, { decision: "rejected", reason: "x" })).statusCode).toBe(403);
    const list = (await advisor.get(`/api/v1/trainee/needs/${needId}/shortlist`)).json();
    expect(list.items).toHaveLength(1);
    const reads = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.actorUserId, advisor.userId), eq(accessLog.purpose, "trainee_recruitment")));
    expect(reads.map((r) => r.personId)).toContain(bachelor);
  });

  it("schedules an interview with a panel of the network's hr, admin or advisor users and invites them by e-mail without naming the candidate", async () => {
    const entryId = await shortlist(needId, master);
    const noPlace = await schedule(needId, entryId, [hr.userId], { place: "" });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().errors[0].path).toBe("body.place");
    const wrongPanel = await schedule(needId, entryId, [hr.userId, viewer.userId]);
    expect(wrongPanel.statusCode).toBe(400);
    expect(wrongPanel.json().errors[0].path).toBe("body.interviewerUserIds.1");
    expect((await schedule(needId, entryId, [hr.userId], { videoLink: "http://insecure.example" })).statusCode).toBe(400);
    const ok = await schedule(needId, entryId, [hr.userId, advisor2.userId], { notify: true, videoLink: "https://meet.example.no/abc" });
    expect(ok.statusCode, ok.body).toBe(200);
    const entry = ok.json();
    expect(entry.status).toBe("interview_scheduled");
    expect(entry.interview).toMatchObject({ place: "Rådhuset, møterom 3", videoLink: "https://meet.example.no/abc", invitedAt: expect.any(String) });
    expect(entry.interview.interviewers.map((i: { userId: string }) => i.userId).sort()).toEqual([hr.userId, advisor2.userId].sort());
    const mails = await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, admin.tenantId));
    const invitations = mails.filter((m) => m.subject.startsWith("Intervju, traineeprogram"));
    expect(invitations.map((m) => m.recipient).sort()).toEqual([hr.email, advisor2.email].sort());
    expect(invitations[0]!.textBody).toContain(`/trainee/needs/${needId}`);
    expect(invitations[0]!.textBody).not.toContain("Samira");
  });

  it("hides the others' scores from an interviewer until their own are in, and sums them up per criterion", async () => {
    const entryId = (await hr.get(`/api/v1/trainee/needs/${needId}/shortlist`)).json().items.find((e: { candidate: { id: string } }) => e.candidate.id === master).id;
    const url = `/api/v1/trainee/needs/${needId}/shortlist/${entryId}/scores`;
    // Not on the panel: an advisor may not score, and sees only how many have.
    expect((await advisor.request("PUT", `${url}/mine`, allScores(3))).statusCode).toBe(403);
    // Bad sheets: a missing criterion, an unknown one, a score out of range.
    const partial = await hr.request("PUT", `${url}/mine`, { scores: [{ criterion: "competence", score: 4 }] });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().errors[0].message).toMatch(/motivation is missing/);
    expect((await hr.request("PUT", `${url}/mine`, { scores: [...allScores(3).scores, { criterion: "charm", score: 5 }] })).statusCode).toBe(400);
    expect((await hr.request("PUT", `${url}/mine`, allScores(6))).statusCode).toBe(400);

    const first = await hr.request("PUT", `${url}/mine`, allScores(4));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ onPanel: true, mineSubmitted: true, visible: true, submissions: 1 });
    // The other panel member has not handed in: sees the count, not the scores.
    const before = (await advisor2.get(url)).json();
    expect(before).toMatchObject({ onPanel: true, mineSubmitted: false, visible: false, submissions: 1, mine: null, sheets: [], summary: [] });
    expect(JSON.stringify(before)).not.toContain("competence 4");
    expect((await advisor.get(url)).json()).toMatchObject({ onPanel: false, visible: false, sheets: [] });
    const second = (await advisor2.request("PUT", `${url}/mine`, allScores(2))).json();
    expect(second.visible).toBe(true);
    expect(second.sheets).toHaveLength(2);
    expect(second.summary.find((s: { criterion: string }) => s.criterion === "competence")).toMatchObject({ average: 3, count: 2 });
    // Handed in once.
    expect((await hr.request("PUT", `${url}/mine`, allScores(5))).statusCode).toBe(409);
    // HR outside the panel decides, and sees every sheet.
    expect((await hr2.get(url)).json()).toMatchObject({ onPanel: false, visible: true, submissions: 2 });
    const entry = (await hr.get(`/api/v1/trainee/needs/${needId}/shortlist`)).json().items.find((e: { id: string }) => e.id === entryId);
    expect(entry).toMatchObject({ status: "interviewed", scoring: { submissions: 2, mineSubmitted: true, onPanel: true } });
  });

  it("records a decision only with its reason, accepts only after an interview, and gives the programme the accepted candidates", async () => {
    const items = (await hr.get(`/api/v1/trainee/needs/${needId}/shortlist`)).json().items as { id: string; candidate: { id: string } }[];
    const masterEntry = items.find((e) => e.candidate.id === master)!.id;
    const bachelorEntry = items.find((e) => e.candidate.id === bachelor)!.id;
    const decision = (entryId: string, body: unknown) => hr.post(`/api/v1/trainee/needs/${needId}/shortlist/${entryId}/decision`, body);
    const noReason = await decision(masterEntry, { decision: "accepted", reason: " " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe("body.reason");
    expect((await decision(bachelorEntry, { decision: "accepted", reason: "Sterk" })).statusCode).toBe(422);
    const accepted = await decision(masterEntry, { decision: "accepted", reason: "Sterk faglig, god motivasjon" });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: "accepted", decision: { decision: "accepted", reason: "Sterk faglig, god motivasjon", by: { userId: hr.userId } } });
    expect((await decision(bachelorEntry, { decision: "rejected", reason: "Mangler erfaring i forvaltning" })).statusCode).toBe(200);
    const trail = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, masterEntry), eq(auditLog.action, "trainee_shortlist.decide")));
    expect(trail[0]!.after).toMatchObject({ status: "accepted", reason: "Sterk faglig, god motivasjon" });
    // Decided: no more scores, no removal.
    expect((await advisor2.request("PUT", `/api/v1/trainee/needs/${needId}/shortlist/${bachelorEntry}/scores/mine`, allScores(3))).statusCode).toBe(403);
    expect((await hr.delete(`/api/v1/trainee/needs/${needId}/shortlist/${masterEntry}`)).statusCode).toBe(422);
    expect((await hr.delete(`/api/v1/trainee/needs/${needId}`)).statusCode).toBe(422);
    expect((await hr.get(`/api/v1/trainee/needs/${needId}`)).json().shortlistCounts).toEqual({ accepted: 1, rejected: 1 });

    const names = await acceptedCandidatesForNeed(t.ctx.db, actorOf(hr, "hr"), needId);
    expect(names).toEqual([{ id: master, name: expect.stringMatching(/^Samira Trainee/) }]);
    const stranger = await t.as("hr");
    await expect(acceptedCandidatesForNeed(t.ctx.db, actorOf(stranger, "hr"), needId)).rejects.toMatchObject({ code: "not_found" });
    // Moving back to the shortlist reopens it (the decision stays in the trail).
    // No interview was scheduled for the bachelor: "interviewed" is refused, the shortlist is not.
    expect((await hr.patch(`/api/v1/trainee/needs/${needId}/shortlist/${bachelorEntry}`, { status: "interviewed" })).statusCode).toBe(422);
    const reopened = (await hr.patch(`/api/v1/trainee/needs/${needId}/shortlist/${bachelorEntry}`, { status: "shortlisted" })).json();
    expect(reopened).toMatchObject({ status: "shortlisted", decision: null });
    expect((await hr.delete(`/api/v1/trainee/needs/${needId}/shortlist/${bachelorEntry}`)).statusCode).toBe(204);
  });

  it("keeps the network's interview criteria: the programme's defaults, replaced by HR, checked for repeats", async () => {
    const defaults = (await advisor.get("/api/v1/trainee/criteria?lang=en")).json().items;
    expect(defaults.map((c: { key: string }) => c.key)).toEqual(defaultInterviewCriteria.map((c) => c.key));
    expect(defaults[0].label).toBe("Professional competence");
    const twice = await hr.request("PUT", "/api/v1/trainee/criteria", { criteria: [{ key: "a", labelNb: "A", labelEn: "A" }, { key: "a", labelNb: "B", labelEn: "B" }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].path).toBe("body.criteria.1.key");
    expect((await advisor.request("PUT", "/api/v1/trainee/criteria", { criteria: [{ key: "a", labelNb: "A", labelEn: "A" }] })).statusCode).toBe(403);
    const replaced = await hr.request("PUT", "/api/v1/trainee/criteria", { criteria: [{ key: "competence", labelNb: "Fag", labelEn: "Field" }, { key: "language", labelNb: "Språk", labelEn: "Language" }] });
    expect(replaced.json().items.map((c: { label: string }) => c.label)).toEqual(["Fag", "Språk"]);
    const interviewers = (await hr.get("/api/v1/trainee/interviewers")).json().items.map((u: { userId: string }) => u.userId);
    expect(interviewers).toEqual(expect.arrayContaining([admin.userId, hr.userId, advisor.userId]));
    expect(interviewers).not.toContain(viewer.userId);
  });
});
