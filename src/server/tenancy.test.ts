import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "./testing/test-app.ts";
import { networks } from "./networks/tables.ts";
import type { TestApp } from "./testing/test-app.ts";
import { createApiToken } from "./platform/tokens.ts";
import { createInvitation } from "./users/service.ts";
import { insertCandidate } from "./candidates/service.ts";
import { candidateDocuments, candidateNotes, candidates } from "./candidates/tables.ts";
import { portalConsentRequests } from "./portal/tables.ts";
import { candidateInputSchema } from "../shared/candidates.ts";
import { insertTestActivity, insertTestContact, insertTestEmployer, testOrgNumber } from "./employers/test-fixtures.ts";
import { employers, savedFilters } from "./employers/tables.ts";
import { insertEmployer, insertHire } from "./certificates/test-fixtures.ts";
import { employerCertificates, employerSettings } from "./employers/tables.ts";
import { generateCode } from "./certificates/codes.ts";
import { candidateConsents, jobs, pipelineEntries } from "./jobs/tables.ts";
import { linkEmployerUser } from "./jobs/test-fixtures.ts";
import { placementFollowUps, placements } from "./placements/tables.ts";
import { followUpsFor } from "./placements/service.ts";
import { makeCandidate, makeEmployer, makeJob } from "./placements/test-fixtures.ts";
import { goals } from "./goals/tables.ts";
import { traineeCohorts, traineeEvaluations, traineeGoals, traineePlanItems, trainees, traineeUnitFigures } from "./trainee-programme/tables.ts";
import { traineeInterviews, traineeNeeds, traineeShortlistEntries } from "./trainee-recruitment/tables.ts";
import { acceptedCandidatesForNeed } from "./trainee-recruitment/service.ts";
import { candidateServices, groupAttendance, groupParticipants, groupSessions, partners, serviceGroups, serviceTypes } from "./services/tables.ts";
import { eventInvitees, events } from "./events/tables.ts";
import { insertMentor, insertMentorship } from "./mentoring/test-fixtures.ts";
import { accessLog, auditLog } from "./platform/tables.ts";
import { accessFlags, auditSettings, deniedRequests } from "./audit-views/tables.ts";
import { oidcProviders } from "./oidc/tables.ts";

/** A user of network A never sees or touches a record of network B: every such request answers 404. */
describe("tenant isolation", () => {
  let t: TestApp;
  let adminA: Awaited<ReturnType<TestApp["as"]>>;
  let networkB: string;
  let userB: string;
  let invitationB: string;
  let tokenA: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminA = await t.as("admin");
    networkB = (await t.createNetwork()).id;
    userB = (await t.createUser(networkB, "advisor")).userId;
    await t.createUser(networkB, "admin");
    invitationB = (await t.ctx.db.transaction((tx) => createInvitation(tx, { kind: "system", tenantId: networkB } as never, { email: "b-invitee@example.no", role: "viewer" }))).id;
    await t.ctx.mailer.send(t.ctx.db, { tenantId: networkB, to: "secret@example.no", subject: "B only", text: "for B" });
    tokenA = (await createApiToken(t.ctx.db, { kind: "system", tenantId: adminA.tenantId }, { tenantId: adminA.tenantId, role: "admin", name: "A" })).token;
  });
  afterAll(() => t.close());

  it("answers 404 for another network's user and invitation, by session and by token", async () => {
    for (const client of [adminA, t.bearer(tokenA)]) {
      const patch = await client.patch(`/api/v1/users/${userB}`, { role: "viewer" });
      expect(patch.statusCode).toBe(404);
      expect(patch.json().code).toBe("not_found");
      expect((await client.delete(`/api/v1/invitations/${invitationB}`)).statusCode).toBe(404);
    }
  });

  it("lists only the own network's users, invitations and mail", async () => {
    const users = (await adminA.get("/api/v1/users")).json().items;
    expect(users.map((u: { userId: string }) => u.userId)).not.toContain(userB);
    expect(users).toHaveLength(1);
    expect((await adminA.get("/api/v1/invitations")).json().items).toEqual([]);
    expect((await adminA.get("/api/v1/outbox")).json().items.map((m: { subject: string }) => m.subject)).not.toContain("B only");
  });

  it("answers 404 for another network's sign-in provider, never lists it, and leaves it unchanged", async () => {
    const [providerB] = await t.ctx.db
      .insert(oidcProviders)
      .values({ tenantId: networkB, label: "B's IdP", issuer: "https://login.b.example.no", clientId: "b", clientSecretEncrypted: "sealed", roles: ["advisor"] })
      .returning();
    for (const client of [adminA, t.bearer(tokenA)]) {
      expect((await client.patch(`/api/v1/settings/sign-in-providers/${providerB!.id}`, { label: "Taken over" })).statusCode).toBe(404);
      expect((await client.delete(`/api/v1/settings/sign-in-providers/${providerB!.id}`)).statusCode).toBe(404);
      expect((await client.get("/api/v1/settings/sign-in-providers")).json().items.map((p: { id: string }) => p.id)).not.toContain(providerB!.id);
    }
    const [after] = await t.ctx.db.select().from(oidcProviders).where(eq(oidcProviders.id, providerB!.id));
    expect(after!.label).toBe("B's IdP");
  });

  it("cannot switch into a network the user is not a member of", async () => {
    const response = await adminA.post("/api/v1/me/network", { networkId: networkB });
    expect(response.statusCode).toBe(404);
    // A forged network cookie is ignored: the user stays in their own network.
    const forged = await adminA.request("GET", "/api/v1/me", undefined, { cookie: `${adminA.cookie}; mangfold.network=${networkB}` });
    expect(forged.json().network.id).toBe(adminA.tenantId);
  });

  it("answers 404 for another network's candidate, its notes, documents and access log, and never lists or exports it", async () => {
    const input = candidateInputSchema.parse({ firstName: "Bea", lastName: "Bnettverk", email: "bea@example.no", phone: "+47 955 55 555", background: { birthYear: 1990 } });
    const candidateB = await insertCandidate(t.ctx.db, { kind: "system", tenantId: networkB }, networkB, input);
    const [docB] = await t.ctx.db
      .insert(candidateDocuments)
      .values({ tenantId: networkB, candidateId: candidateB.id, name: "b.pdf", contentType: "application/pdf", size: 9, content: Buffer.from("%PDF-1.4\n") })
      .returning();
    await t.ctx.db.insert(candidateNotes).values({ tenantId: networkB, candidateId: candidateB.id, text: "B's note" });
    const own = (await adminA.post("/api/v1/candidates", { firstName: "Anne", lastName: "Anettverk" })).json();
    const base = `/api/v1/candidates/${candidateB.id}`;
    for (const client of [adminA, t.bearer(tokenA)]) {
      const responses = [
        await client.get(base),
        await client.patch(base, { status: "left" }),
        await client.delete(base),
        await client.get(`${base}/notes`),
        await client.post(`${base}/notes`, { text: "x" }),
        await client.get(`${base}/documents`),
        await client.get(`${base}/documents/${docB!.id}`),
        await client.delete(`${base}/documents/${docB!.id}`),
        await client.get(`${base}/access-log`),
        await client.get(`${base}/duplicates`),
        await client.get(`${base}/cv.pdf`),
        await client.post(`${base}/merge`, { duplicateId: own.id }),
        await client.post(`/api/v1/candidates/${own.id}/merge`, { duplicateId: candidateB.id }),
        await client.request("POST", `${base}/documents?name=a.pdf`, "%PDF-1.4\n", { "content-type": "application/pdf" }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      const list = (await client.get("/api/v1/candidates?q=bea")).json();
      expect(list.items).toEqual([]);
      expect((await client.get("/api/v1/candidates/export.csv")).body).not.toContain("Bnettverk");
    }
    // B's candidate is not a duplicate for A: the same e-mail registers without a 409.
    expect((await adminA.post("/api/v1/candidates", { firstName: "Bea", lastName: "Bnettverk", email: "bea@example.no" })).statusCode).toBe(201);
    const b = await t.ctx.db.query.candidates.findFirst({ where: (c, { eq }) => eq(c.id, candidateB.id) });
    expect(b!.status).toBe("active");
    expect(b!.erasureRequestedAt).toBeNull();
  });

  it("answers 404 for another network's employer, its contacts, timeline and tasks, and never lists, exports or counts it as a duplicate", async () => {
    const employerB = await insertTestEmployer(t.ctx.db, networkB, { name: "Bedrift Bnettverk AS", orgNumber: testOrgNumber() });
    const contactB = await insertTestContact(t.ctx.db, networkB, employerB.id, { name: "Kontakt B" });
    const taskB = await insertTestActivity(t.ctx.db, networkB, employerB.id, { followUpText: "B's task", followUpDueOn: "2020-01-01", followUpAssigneeUserId: userB });
    const ownEmployer = (await adminA.post("/api/v1/employers", { orgNumber: testOrgNumber(), name: "Own AS" })).json();
    const base = `/api/v1/employers/${employerB.id}`;
    for (const client of [adminA, t.bearer(tokenA)]) {
      const responses = [
        await client.get(base),
        await client.patch(base, { name: "Taken over" }),
        await client.delete(base),
        await client.post(`${base}/status`, { status: "lapsed" }),
        await client.post(`${base}/contacts`, { name: "Intruder" }),
        await client.patch(`${base}/contacts/${contactB.id}`, { name: "x" }),
        await client.delete(`${base}/contacts/${contactB.id}`),
        await client.post(`${base}/contacts/${contactB.id}/invite`),
        // B's contact under A's own employer is not found either.
        await client.patch(`/api/v1/employers/${ownEmployer.id}/contacts/${contactB.id}`, { name: "x" }),
        await client.get(`${base}/activities`),
        await client.post(`${base}/activities`, { kind: "call", occurredOn: "2024-01-01", summary: "x" }),
        await client.patch(`/api/v1/tasks/${taskB.id}`, { done: true }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      expect((await client.get("/api/v1/employers?q=bnettverk")).json().items).toEqual([]);
      expect((await client.get(`/api/v1/employers?q=${employerB.orgNumber}`)).json().items).toEqual([]);
      expect((await client.get("/api/v1/employers/export.csv")).body).not.toContain("Bnettverk");
    }
    expect((await adminA.get("/api/v1/tasks?scope=all")).json().items.map((task: { text: string }) => task.text)).not.toContain("B's task");
    // The same organisation number in A is no duplicate of B's, by hand or by import.
    expect((await adminA.post("/api/v1/employers", { orgNumber: employerB.orgNumber, name: "Bedrift A-avdeling" })).statusCode).toBe(201);
    const imported = await t.app.inject({
      method: "POST",
      url: "/api/v1/employers/import?dryRun=true",
      headers: { origin: "http://127.0.0.1:3000", cookie: adminA.cookie, "content-type": "text/csv" },
      payload: `orgNumber,name\n${testOrgNumber()},Fresh AS\n`,
    });
    expect(imported.json()).toMatchObject({ rejected: [], duplicates: [] });
    // A's follow-up cannot be assigned to B's advisor.
    const assigned = await adminA.post(`/api/v1/employers/${ownEmployer.id}/activities`, { kind: "call", occurredOn: "2024-01-01", summary: "x", followUp: { text: "y", dueOn: "2024-02-01", assigneeUserId: userB } });
    expect(assigned.statusCode).toBe(400);
    const [b] = await t.ctx.db.select().from(employers).where(eq(employers.id, employerB.id));
    expect(b).toMatchObject({ name: "Bedrift Bnettverk AS", membershipStatus: "prospect" });
  });

  it("answers 404 for another network's saved filter", async () => {
    const [filterB] = await t.ctx.db.insert(savedFilters).values({ tenantId: networkB, userId: userB, page: "employers", name: "B's filter", query: {} }).returning();
    expect((await adminA.delete(`/api/v1/saved-filters/${filterB!.id}`)).statusCode).toBe(404);
    expect((await adminA.get("/api/v1/saved-filters?page=employers")).json().items).toEqual([]);
  });

  it("answers 404 for another network's employer certificates, never proposes its employers, and keeps its rule", async () => {
    const employerB = await insertEmployer(t.ctx.db, networkB, { name: "Bedrift i B AS", status: "member" });
    await insertHire(t.ctx.db, networkB, employerB.id, new Date().toISOString().slice(0, 10));
    const [certificateB] = await t.ctx.db.insert(employerCertificates).values({ tenantId: networkB, employerId: employerB.id, kind: "membership", code: generateCode(), validUntil: "2099-12-31" }).returning();
    const ownA = await insertEmployer(t.ctx.db, adminA.tenantId, { name: "Bedrift i A AS", status: "member" });
    const base = `/api/v1/employers/${employerB.id}`;
    for (const client of [adminA, t.bearer(tokenA)]) {
      const responses = [
        await client.post(`${base}/certification`, {}),
        await client.post(`${base}/certificates`, { kind: "membership" }),
        await client.post(`${base}/certificates/${certificateB!.id}/revoke`, { reason: "x" }),
        await client.post(`/api/v1/employers/${ownA.id}/certificates/${certificateB!.id}/revoke`, { reason: "x" }),
        await client.get(`${base}/certificate.pdf`),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      expect((await client.get("/api/v1/employers/certification-proposals")).json().items).toEqual([]);
    }
    const [still] = await t.ctx.db.select().from(employerCertificates).where(eq(employerCertificates.id, certificateB!.id));
    expect(still!.revokedAt).toBeNull();
    expect((await adminA.request("PUT", "/api/v1/employers/certification-rule", { minHires: 3 })).statusCode).toBe(200);
    expect(await t.ctx.db.select().from(employerSettings).where(eq(employerSettings.tenantId, networkB))).toEqual([]);
  });

  it("answers 404 for another network's job, its candidate list, entries and consents, and never lists them", async () => {
    const occupationUri = "http://data.europa.eu/esco/occupation/303a1e34-cb16-4054-b323-81e5eec17397";
    const employerB = await insertTestEmployer(t.ctx.db, networkB, { name: "B employer AS" });
    const [jobB] = await t.ctx.db.insert(jobs).values({ tenantId: networkB, employerId: employerB.id, title: "B job", occupationUri }).returning();
    const candidateB = await insertCandidate(t.ctx.db, { kind: "system", tenantId: networkB }, networkB, candidateInputSchema.parse({ firstName: "Bo", lastName: "Bjobb" }));
    const [entryB] = await t.ctx.db.insert(pipelineEntries).values({ tenantId: networkB, jobId: jobB!.id, candidateId: candidateB.id, stage: "shared", sharedVariant: "full", sharedAt: new Date() }).returning();
    const [consentB] = await t.ctx.db
      .insert(candidateConsents)
      .values({ tenantId: networkB, candidateId: candidateB.id, purpose: "share_with_employer", employerId: employerB.id, jobId: jobB!.id, textVersion: "share-v1", method: "in_person" })
      .returning();
    // Network A's own job, candidate and employer: B's records must not be reachable through them either.
    const employerA = await insertTestEmployer(t.ctx.db, adminA.tenantId, { name: "A employer AS" });
    const ownJob = (await adminA.post("/api/v1/jobs", { employerId: employerA.id, title: "A job", occupationUri })).json();
    const ownCandidate = (await adminA.post("/api/v1/candidates", { firstName: "Ada", lastName: "Ajobb" })).json();
    const jobBase = `/api/v1/jobs/${jobB!.id}`;
    for (const client of [adminA, t.bearer(tokenA)]) {
      const responses = [
        await client.get(jobBase),
        await client.patch(jobBase, { title: "x" }),
        await client.delete(jobBase),
        await client.get(`${jobBase}/pipeline`),
        await client.get(`${jobBase}/matches`),
        await client.get(`/api/v1/candidates/${candidateB.id}/matches`),
        await client.post(`${jobBase}/pipeline`, { candidateId: ownCandidate.id }),
        await client.patch(`${jobBase}/pipeline/${entryB!.id}`, { stage: "interview" }),
        await client.delete(`${jobBase}/pipeline/${entryB!.id}`),
        await client.get(`${jobBase}/pipeline/${entryB!.id}/history`),
        await client.post(`${jobBase}/pipeline/${entryB!.id}/share`, { variant: "anonymous" }),
        // B's entry under A's job is not found either.
        await client.patch(`/api/v1/jobs/${ownJob.id}/pipeline/${entryB!.id}`, { stage: "interview" }),
        await client.get(`/api/v1/candidates/${candidateB.id}/consents`),
        await client.post(`/api/v1/candidates/${candidateB.id}/consents`, { purpose: "registration", method: "in_person" }),
        await client.post(`/api/v1/candidates/${candidateB.id}/consents/${consentB!.id}/withdraw`),
        await client.post(`/api/v1/candidates/${ownCandidate.id}/consents/${consentB!.id}/withdraw`),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      // References to B's records in a body are unknown in A.
      const added = await client.post(`/api/v1/jobs/${ownJob.id}/pipeline`, { candidateId: candidateB.id });
      expect(added.statusCode).toBe(400);
      expect(added.json().errors[0].path).toBe("body.candidateId");
      const consent = await client.post(`/api/v1/candidates/${ownCandidate.id}/consents`, { purpose: "share_with_employer", employerId: employerB.id, jobId: jobB!.id, method: "in_person" });
      expect(consent.statusCode).toBe(400);
      expect((await client.post("/api/v1/jobs", { employerId: employerB.id, title: "x", occupationUri })).statusCode).toBe(400);
      expect((await client.get("/api/v1/jobs?limit=200")).json().items.map((j: { id: string }) => j.id)).not.toContain(jobB!.id);
    }
    // An employer user of A linked to A's employer never sees B's shares.
    const employerUserA = await t.as("employer", adminA.tenantId);
    await linkEmployerUser(t.ctx.db, adminA.tenantId, employerA.id, employerUserA.userId);
    expect((await employerUserA.get("/api/v1/employer-portal/candidates")).json().items).toEqual([]);
    expect((await employerUserA.get(`/api/v1/employer-portal/candidates/${entryB!.id}/cv.pdf`)).statusCode).toBe(404);
    expect((await employerUserA.patch(`/api/v1/employer-portal/candidates/${entryB!.id}`, { response: "interesting" })).statusCode).toBe(404);
    expect((await employerUserA.get(jobBase)).statusCode).toBe(404);
    const [after] = await t.ctx.db.select().from(pipelineEntries).where(eq(pipelineEntries.id, entryB!.id));
    expect(after).toMatchObject({ stage: "shared", sharedVariant: "full", employerResponse: null });
    const [consentAfter] = await t.ctx.db.select().from(candidateConsents).where(eq(candidateConsents.id, consentB!.id));
    expect(consentAfter!.withdrawnAt).toBeNull();
  });

  it("the other network's changes leave this network untouched", async () => {
    expect((await adminA.get("/api/v1/network")).json().id).toBe(adminA.tenantId);
    expect((await adminA.patch("/api/v1/network", { municipality: "Asker" })).statusCode).toBe(200);
    const b = await t.ctx.db.query.networks.findFirst({ where: (n, { eq }) => eq(n.id, networkB) });
    expect(b!.municipality).toBe("Bærum");
  });

  it("answers 404 for another network's placement and follow-up, never lists them, and cannot hire its people", async () => {
    const candidateB = await makeCandidate(t.ctx.db, networkB, { firstName: "Bo", lastName: "Bplassert", background: { gender: "male", birthYear: 1990 } });
    const [placementB] = await t.ctx.db.insert(placements).values({ tenantId: networkB, candidateId: candidateB.id, employerName: "B AS", type: "ordinary_permanent", startDate: "2026-01-01" }).returning();
    const [followUpB] = await t.ctx.db.insert(placementFollowUps).values(followUpsFor(networkB, placementB!.id, "2026-01-01")).returning();
    const employerB = await makeEmployer(t.ctx.db, networkB);
    const jobB = await makeJob(t.ctx.db, networkB);
    const ownCandidate = await makeCandidate(t.ctx.db, adminA.tenantId);
    for (const client of [adminA, t.bearer(tokenA)]) {
      const base = `/api/v1/placements/${placementB!.id}`;
      const responses = [
        await client.get(base),
        await client.patch(base, { hoursPerWeek: 10 }),
        await client.delete(base),
        await client.patch(`/api/v1/placement-follow-ups/${followUpB!.id}`, { stillEmployed: false }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      expect((await client.get("/api/v1/placements")).json().items.map((p: { id: string }) => p.id)).not.toContain(placementB!.id);
      expect((await client.get(`/api/v1/placements?candidateId=${candidateB.id}`)).json().items).toEqual([]);
      expect((await client.get("/api/v1/placement-follow-ups?include=all")).json().items.map((f: { id: string }) => f.id)).not.toContain(followUpB!.id);
      // B's candidate, employer and job cannot be named in A's hire.
      for (const body of [
        { candidateId: candidateB.id, employerName: "A AS", type: "trainee", startDate: "2026-01-01" },
        { candidateId: ownCandidate.id, employerId: employerB.id, type: "trainee", startDate: "2026-01-01" },
        { candidateId: ownCandidate.id, jobId: jobB.id, employerName: "A AS", type: "trainee", startDate: "2026-01-01" },
      ]) {
        expect((await client.post("/api/v1/placements", body)).statusCode).toBe(400);
      }
    }
    const [b] = await t.ctx.db.select().from(placementFollowUps).where(eq(placementFollowUps.id, followUpB!.id));
    expect(b!.stillEmployed).toBeNull();
    expect(await t.ctx.db.select().from(placements).where(eq(placements.id, placementB!.id))).toHaveLength(1);
  });

  it("the board report PDF counts only the own network, even when asked for another network's advisor", async () => {
    const networkBName = (await t.ctx.db.select().from(networks).where(eq(networks.id, networkB)))[0]!.name;
    const networkAName = (await t.ctx.db.select().from(networks).where(eq(networks.id, adminA.tenantId)))[0]!.name;
    for (let i = 0; i < 6; i++) {
      const candidate = await makeCandidate(t.ctx.db, networkB, { firstName: "Board", lastName: `B${i}`, background: { gender: "female", birthYear: 1990 } });
      await t.ctx.db.insert(placements).values({ tenantId: networkB, candidateId: candidate.id, employerName: "B Hemmelig AS", type: "ordinary_permanent", startDate: "2026-03-01" });
    }
    for (const client of [adminA, t.bearer(tokenA)]) {
      for (const query of ["from=2026-01-01&to=2026-06-30", `from=2026-01-01&to=2026-06-30&advisorId=${userB}`]) {
        const response = await client.get(`/api/v1/reports/board-report.pdf?${query}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers["content-type"]).toContain("application/pdf");
        expect(response.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
        const text = pdfText(response.rawPayload);
        if (text === null) continue;
        expect(text).toContain(networkAName);
        expect(text).not.toContain(networkBName);
        // Network A has no placements: its first row of key figures (people in work, people placed, placements) is all zero.
        expect(text).toMatch(/^0\s+0\s+0\s*$/m);
      }
    }
  });

  it("answers 404 for another network's goal, never lists it, and counts none of its placements on the dashboard", async () => {
    const [goalB] = await t.ctx.db.insert(goals).values({ tenantId: networkB, name: "B's goal", kind: "yearly", target: 10, startDate: "2026-01-01", placementTypes: ["ordinary_permanent"] }).returning();
    for (let i = 0; i < 6; i++) {
      const candidateB = await makeCandidate(t.ctx.db, networkB, { background: { gender: "female", countryOfBirth: "SY", birthYear: 1990 } });
      await t.ctx.db.insert(placements).values({ tenantId: networkB, candidateId: candidateB.id, employerName: "B AS", type: "ordinary_permanent", startDate: "2026-02-01" });
    }
    for (const client of [adminA, t.bearer(tokenA)]) {
      expect((await client.patch(`/api/v1/goals/${goalB!.id}`, { target: 1 })).statusCode).toBe(404);
      expect((await client.delete(`/api/v1/goals/${goalB!.id}`)).statusCode).toBe(404);
      expect((await client.get("/api/v1/goals")).json().items.map((g: { id: string }) => g.id)).not.toContain(goalB!.id);
      const report = (await client.get("/api/v1/reports/dashboard?from=2026-01-01&to=2026-06-30")).json();
      expect(report.goals.map((g: { goal: { id: string } }) => g.goal.id)).not.toContain(goalB!.id);
      expect(report.keyFigures.placements).toEqual({ count: 0, suppression: null });
      expect((await client.get("/api/v1/reports/dashboard/gender.csv?from=2026-01-01&to=2026-06-30")).body).not.toContain("Female");
    }
    const [b] = await t.ctx.db.select().from(goals).where(eq(goals.id, goalB!.id));
    expect(b!.target).toBe(10);
  });

  it("answers 404 for another network's recruitment need, its suggestions, shortlist, interview, scores and decisions, and never lists them", async () => {
    const occupationUri = "http://data.europa.eu/esco/occupation/303a1e34-cb16-4054-b323-81e5eec17397";
    const [needB] = await t.ctx.db.insert(traineeNeeds).values({ tenantId: networkB, unitName: "B unit", area: "it", title: "B need", occupationUri }).returning();
    const candidateB = await makeCandidate(t.ctx.db, networkB);
    const [entryB] = await t.ctx.db.insert(traineeShortlistEntries).values({ tenantId: networkB, needId: needB!.id, candidateId: candidateB.id, status: "interview_scheduled" }).returning();
    await t.ctx.db.insert(traineeInterviews).values({ tenantId: networkB, entryId: entryB!.id, startsAt: new Date(), place: "B", interviewerUserIds: [userB] });
    const ownNeed = (await adminA.post("/api/v1/trainee/needs", { unitName: "A unit", area: "it", title: "A need", occupationUri })).json();
    const ownCandidate = await makeCandidate(t.ctx.db, adminA.tenantId);
    const [ownEntry] = await t.ctx.db.insert(traineeShortlistEntries).values({ tenantId: adminA.tenantId, needId: ownNeed.id, candidateId: ownCandidate.id }).returning();
    const base = `/api/v1/trainee/needs/${needB!.id}`;
    const entry = `${base}/shortlist/${entryB!.id}`;
    for (const client of [adminA, t.bearer(tokenA)]) {
      const responses = [
        await client.get(base),
        await client.patch(base, { positions: 3 }),
        await client.delete(base),
        await client.get(`${base}/matches`),
        await client.get(`${base}/shortlist`),
        await client.post(`${base}/shortlist`, { candidateId: ownCandidate.id }),
        await client.patch(entry, { status: "interviewed" }),
        await client.request("PUT", `${entry}/interview`, { startsAt: "2026-12-01T10:00:00+01:00", place: "A", interviewerUserIds: [adminA.userId] }),
        await client.post(`${entry}/decision`, { decision: "rejected", reason: "x" }),
        await client.get(`${entry}/scores`),
        // B's entry under A's own need is not found either.
        await client.patch(`/api/v1/trainee/needs/${ownNeed.id}/shortlist/${entryB!.id}`, { status: "interviewed" }),
        await client.delete(entry),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      expect((await client.get("/api/v1/trainee/needs?limit=200")).json().items.map((n: { id: string }) => n.id)).not.toContain(needB!.id);
      // B's candidate and B's users are unknown in A.
      const added = await client.post(`/api/v1/trainee/needs/${ownNeed.id}/shortlist`, { candidateId: candidateB.id });
      expect(added.statusCode).toBe(400);
      expect(added.json().errors[0].path).toBe("body.candidateId");
      const panel = await client.request("PUT", `/api/v1/trainee/needs/${ownNeed.id}/shortlist/${ownEntry!.id}/interview`, { startsAt: "2026-12-01T10:00:00+01:00", place: "A", interviewerUserIds: [userB] });
      expect(panel.statusCode).toBe(400);
      expect((await client.get("/api/v1/trainee/interviewers")).json().items.map((u: { userId: string }) => u.userId)).not.toContain(userB);
    }
    await expect(acceptedCandidatesForNeed(t.ctx.db, { kind: "token", tokenId: "00000000-0000-4000-8000-000000000000", tenantId: adminA.tenantId, role: "admin", instanceAdmin: false, twoFactorPending: false }, needB!.id)).rejects.toMatchObject({ code: "not_found" });
    const [b] = await t.ctx.db.select().from(traineeShortlistEntries).where(eq(traineeShortlistEntries.id, entryB!.id));
    expect(b!.status).toBe("interview_scheduled");
  });

  it("publishes only its own network's figures, and changes only its own network's choice", async () => {
    const [b] = await t.ctx.db.select().from(networks).where(eq(networks.id, networkB));
    const [a] = await t.ctx.db.select().from(networks).where(eq(networks.id, adminA.tenantId));
    // A publishes; B does not: B's figures stay private, and A's choice is no way to change B's.
    expect((await adminA.patch("/api/v1/network", { publicStats: { enabled: true, figures: ["peopleInWork", "genderSplit"] } })).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/public/networks/${b!.slug}/stats`)).statusCode).toBe(404);
    const [bAfter] = await t.ctx.db.select().from(networks).where(eq(networks.id, networkB));
    expect(bAfter!.publicStats.enabled).toBe(false);
    // A's public figures count none of B's placements (B has six women in ordinary work above).
    const stats = (await t.anonymous.get(`/api/public/networks/${a!.slug}/stats`)).json();
    expect(stats.network.slug).toBe(a!.slug);
    expect(stats.peopleInWork).toEqual({ count: 0, suppression: null });
    expect(stats.genderSplit.cells).toEqual([]);
    // The overview of every network is not for a network's own admin or token.
    expect((await adminA.get("/api/v1/admin/networks/stats")).statusCode).toBe(403);
    expect((await t.bearer(tokenA).get("/api/v1/admin/networks/stats")).statusCode).toBe(403);
  });

  it("keeps another network's trainee programme out of reach: cohorts, trainees, plans, goals, evaluations, units, report", async () => {
    const supervisorB = (await t.createUser(networkB, "supervisor")).userId;
    const candidateB = await makeCandidate(t.ctx.db, networkB);
    const [cohortB] = await t.ctx.db.insert(traineeCohorts).values({ tenantId: networkB, name: "B-kull", startDate: "2026-01-05", area: "B-område" }).returning();
    const [traineeB] = await t.ctx.db
      .insert(trainees)
      .values({ tenantId: networkB, cohortId: cohortB!.id, candidateId: candidateB.id, supervisorUserId: supervisorB, unit: "B-enhet", startDate: "2026-01-05", endDate: "2027-01-04" })
      .returning();
    const [itemB] = await t.ctx.db.insert(traineePlanItems).values({ tenantId: networkB, traineeId: traineeB!.id, kind: "activity", title: "B", dueOn: "2026-01-06" }).returning();
    const [goalB] = await t.ctx.db.insert(traineeGoals).values({ tenantId: networkB, traineeId: traineeB!.id, title: "B-mål" }).returning();
    const [evaluationB] = await t.ctx.db.insert(traineeEvaluations).values({ tenantId: networkB, traineeId: traineeB!.id, kind: "supervisor", month: 1, authorUserId: supervisorB, ratings: [], publishedAt: new Date() }).returning();
    await t.ctx.db.insert(traineeUnitFigures).values({ tenantId: networkB, unit: "B-enhet", employeesBefore: 100, immigrantsBefore: 50, employeesAfter: 100, immigrantsAfter: 60 });
    const supervisorA = await t.as("supervisor", adminA.tenantId);
    for (const client of [adminA, t.bearer(tokenA)]) {
      expect((await client.get(`/api/v1/trainee/cohorts/${cohortB!.id}`)).statusCode).toBe(404);
      expect((await client.patch(`/api/v1/trainee/cohorts/${cohortB!.id}`, { name: "x" })).statusCode).toBe(404);
      expect((await client.get(`/api/v1/trainee/trainees/${traineeB!.id}`)).statusCode).toBe(404);
      expect((await client.patch(`/api/v1/trainee/trainees/${traineeB!.id}`, { unit: "x" })).statusCode).toBe(404);
      expect((await client.request("PUT", `/api/v1/trainee/trainees/${traineeB!.id}/outcome`, { outcome: "not_qualified" })).statusCode).toBe(404);
      expect((await client.patch(`/api/v1/trainee/plan-items/${itemB!.id}`, { done: true })).statusCode).toBe(404);
      expect((await client.post(`/api/v1/trainee/trainees/${traineeB!.id}/goals`, { title: "x" })).statusCode).toBe(404);
      expect((await client.patch(`/api/v1/trainee/goals/${goalB!.id}`, { progress: 5 })).statusCode).toBe(404);
      expect((await client.post(`/api/v1/trainee/trainees/${traineeB!.id}/log`, { occurredOn: "2026-02-01", text: "x" })).statusCode).toBe(404);
      expect((await client.patch(`/api/v1/trainee/evaluations/${evaluationB!.id}`, { comment: "x" })).statusCode).toBe(404);
      expect((await client.post(`/api/v1/trainee/evaluations/${evaluationB!.id}/publish`)).statusCode).toBe(404);
      expect((await client.get("/api/v1/trainee/cohorts")).json().items.map((c: { id: string }) => c.id)).not.toContain(cohortB!.id);
      expect((await client.get("/api/v1/trainee/trainees")).json().items.map((c: { id: string }) => c.id)).not.toContain(traineeB!.id);
      expect((await client.get("/api/v1/trainee/overdue")).json().items.map((c: { traineeId: string }) => c.traineeId)).not.toContain(traineeB!.id);
      expect((await client.get("/api/v1/trainee/units")).json().items.map((u: { unit: string }) => u.unit)).not.toContain("B-enhet");
      expect((await client.get("/api/v1/trainee/report")).json()).toMatchObject({ cohorts: [], units: { units: 0 } });
      expect((await client.get("/api/v1/trainee/supervisors")).json().items.map((u: { id: string }) => u.id)).not.toContain(supervisorB);
      // A trainee of network A cannot be made from B's cohort, candidate or supervisor.
      const body = { cohortId: cohortB!.id, candidateId: candidateB.id, supervisorUserId: supervisorB, unit: "x" };
      const refused = await client.post("/api/v1/trainee/trainees", body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(["body.candidateId", "body.cohortId", "body.supervisorUserId"]);
    }
    expect((await supervisorA.get(`/api/v1/trainee/trainees/${traineeB!.id}`)).statusCode).toBe(404);
    expect((await supervisorA.get("/api/v1/trainee/trainees")).json().items).toEqual([]);
  });

  it("answers 404 for another network's mentors and mentoring relationships, and never lists, suggests or counts them", async () => {
    const mentorB = await insertMentor(t.ctx.db, networkB);
    const activeB = await insertMentorship(t.ctx.db, networkB, mentorB.id, "active");
    const proposedB = await insertMentorship(t.ctx.db, networkB, mentorB.id, "proposed");
    const candidateA = await makeCandidate(t.ctx.db, adminA.tenantId);
    for (const client of [adminA, t.bearer(tokenA)]) {
      expect((await client.get(`/api/v1/mentoring/mentors/${mentorB.id}`)).statusCode).toBe(404);
      expect((await client.patch(`/api/v1/mentoring/mentors/${mentorB.id}`, { capacity: 1 })).statusCode).toBe(404);
      expect((await client.get(`/api/v1/mentoring/mentors/${mentorB.id}/suggestions`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/mentoring/candidates/${activeB.candidateId}/suggestions`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/mentoring/relationships/${activeB.id}`)).statusCode).toBe(404);
      expect((await client.patch(`/api/v1/mentoring/relationships/${activeB.id}`, { goals: "x" })).statusCode).toBe(404);
      expect((await client.post(`/api/v1/mentoring/relationships/${proposedB.id}/mentee-acceptance`, { sharedFields: [] })).statusCode).toBe(404);
      expect((await client.post(`/api/v1/mentoring/relationships/${proposedB.id}/decline`)).statusCode).toBe(404);
      expect((await client.post(`/api/v1/mentoring/relationships/${activeB.id}/meetings`, { metOn: activeB.startDate, topics: "x" })).statusCode).toBe(404);
      expect((await client.post(`/api/v1/mentoring/relationships/${activeB.id}/end`, { endedOn: activeB.startDate })).statusCode).toBe(404);
      // B's mentor cannot be proposed for A's candidate.
      const proposal = await client.post("/api/v1/mentoring/relationships", { mentorId: mentorB.id, candidateId: candidateA.id });
      expect(proposal.statusCode).toBe(400);
      expect((await client.get("/api/v1/mentoring/mentors")).json().items.map((m: { id: string }) => m.id)).not.toContain(mentorB.id);
      expect((await client.get("/api/v1/mentoring/relationships")).json().items).toEqual([]);
      expect((await client.get(`/api/v1/mentoring/candidates/${candidateA.id}/suggestions`)).json().items).toEqual([]);
      expect((await client.get("/api/v1/reports/mentoring")).json().started).toEqual({ count: 0, suppression: null });
    }
  });

  it("keeps the audit trail, access log, denied requests, flags and record of processing to the network", async () => {
    const db = t.ctx.db;
    const personB = "00000000-0000-4000-8000-0000000000b1";
    await db.insert(auditLog).values({ tenantId: networkB, actorUserId: userB, action: "candidate.update", entityType: "candidate", entityId: personB });
    await db.insert(accessLog).values({ tenantId: networkB, actorUserId: userB, personType: "candidate", personId: personB, purpose: "follow_up" });
    await db.insert(deniedRequests).values({ tenantId: networkB, actorUserId: userB, method: "GET", route: "/api/v1/b-only", status: 403, code: "forbidden" });
    await db.insert(accessFlags).values({ tenantId: networkB, actorUserId: userB, firstAt: new Date(), lastAt: new Date(), profiles: 99, maxProfiles: 50, windowMinutes: 10 });
    await db.insert(auditSettings).values({ tenantId: networkB, maxProfiles: 7, windowMinutes: 3 });
    for (const client of [adminA, t.bearer(tokenA)]) {
      expect((await client.get(`/api/v1/audit/changes?userId=${userB}`)).json().items).toEqual([]);
      expect((await client.get(`/api/v1/audit/changes?entityId=${personB}`)).json().items).toEqual([]);
      expect((await client.get(`/api/v1/audit/reads?entityId=${personB}`)).json().items).toEqual([]);
      expect((await client.get("/api/v1/audit/reads/export")).body).not.toContain(personB);
      expect((await client.get("/api/v1/audit/changes/export")).body).not.toContain(personB);
      expect((await client.get("/api/v1/audit/denied")).json().items.map((d: { route: string }) => d.route)).not.toContain("/api/v1/b-only");
      expect((await client.get("/api/v1/audit/flags")).json().items.map((f: { profiles: number }) => f.profiles)).not.toContain(99);
      expect((await client.get("/api/v1/audit/settings")).json().maxProfiles).not.toBe(7);
      const record = (await client.get("/api/v1/audit/processing-record")).json();
      expect(record.controller.network).not.toBe((await db.select().from(networks).where(eq(networks.id, networkB)))[0]!.name);
    }
    // Changing A's threshold leaves B's alone.
    expect((await adminA.patch("/api/v1/audit/settings", { maxProfiles: 40 })).statusCode).toBe(200);
    expect((await db.select().from(auditSettings).where(eq(auditSettings.tenantId, networkB)))[0]!.maxProfiles).toBe(7);
  });

  it("answers 404 for another network's access report, and keeps retention settings and runs to the own network", async () => {
    const input = candidateInputSchema.parse({ firstName: "Bea", lastName: "Innsyn", background: { birthYear: 1990 } });
    const candidateB = await insertCandidate(t.ctx.db, { kind: "system", tenantId: networkB }, networkB, input);
    for (const client of [adminA, t.bearer(tokenA)]) {
      expect((await client.get(`/api/v1/candidates/${candidateB.id}/access-report`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/candidates/${candidateB.id}/access-report.pdf`)).statusCode).toBe(404);
    }
    expect((await adminA.request("PUT", "/api/v1/settings/retention", { erasureDelayDays: 0, inactiveMonths: 1, accessLogMonths: 1, outboxDays: 1 })).statusCode).toBe(200);
    // A's settings are A's: B keeps the defaults, and a run for A leaves B's candidate alone.
    const { retentionSettingsOf, runRetention } = await import("./privacy/retention.ts");
    expect(await retentionSettingsOf(t.ctx.db, networkB)).toEqual({ erasureDelayDays: 30, inactiveMonths: 24, accessLogMonths: 60, outboxDays: 90 });
    await runRetention(t.ctx.db, { tenantId: adminA.tenantId, now: new Date(Date.now() + 400 * 86_400_000) });
    const [still] = await t.ctx.db.select().from(candidates).where(eq(candidates.id, candidateB.id));
    expect(still).toMatchObject({ firstName: "Bea", anonymisedAt: null });
  });
});

describe("tenant isolation: services, groups, events and the timeline", () => {
  let t: TestApp;
  afterAll(() => t.close());

  it("answers 404 for another network's partners, types, services, groups, sessions and events, and never lists or counts them", async () => {
    t = await createTestApp();
    const adminA = await t.as("admin");
    const networkB = (await t.createNetwork()).id;
    const db = t.ctx.db;
    const candidateB = await makeCandidate(db, networkB, { firstName: "Bjørn" });
    const [partnerB] = await db.insert(partners).values({ tenantId: networkB, name: "B's partner", kind: "other" }).returning();
    const [typeB] = await db.insert(serviceTypes).values({ tenantId: networkB, name: "B's type" }).returning();
    const [serviceB] = await db.insert(candidateServices).values({ tenantId: networkB, candidateId: candidateB.id, serviceTypeId: typeB!.id, date: "2026-03-01" }).returning();
    const [groupB] = await db.insert(serviceGroups).values({ tenantId: networkB, name: "B's group", serviceTypeId: typeB!.id, capacity: 5 }).returning();
    await db.insert(groupParticipants).values({ tenantId: networkB, groupId: groupB!.id, candidateId: candidateB.id, status: "active", queuePosition: 1 });
    const [sessionB] = await db.insert(groupSessions).values({ tenantId: networkB, groupId: groupB!.id, startsAt: new Date("2026-03-02T10:00:00Z") }).returning();
    await db.insert(groupAttendance).values({ tenantId: networkB, sessionId: sessionB!.id, candidateId: candidateB.id, present: true });
    const [eventB] = await db.insert(events).values({ tenantId: networkB, kind: "job_fair", title: "B's fair", startsAt: new Date("2026-03-05T10:00:00Z"), endsAt: new Date("2026-03-05T12:00:00Z") }).returning();
    const [inviteeB] = await db.insert(eventInvitees).values({ tenantId: networkB, eventId: eventB!.id, candidateId: candidateB.id }).returning();
    const candidateA = await makeCandidate(db, adminA.tenantId);

    const notFound = [
      ["PATCH", `/api/v1/services/partners/${partnerB!.id}`, { kind: "nav" }],
      ["PATCH", `/api/v1/services/types/${typeB!.id}`, { archived: true }],
      ["GET", `/api/v1/candidates/${candidateB.id}/services`],
      ["GET", `/api/v1/candidates/${candidateB.id}/timeline`],
      ["POST", `/api/v1/candidates/${candidateB.id}/services`, { serviceTypeId: typeB!.id, date: "2026-03-01" }],
      ["DELETE", `/api/v1/candidates/${candidateB.id}/services/${serviceB!.id}`],
      ["GET", `/api/v1/services/groups/${groupB!.id}`],
      ["PATCH", `/api/v1/services/groups/${groupB!.id}`, { capacity: 1 }],
      ["POST", `/api/v1/services/groups/${groupB!.id}/participants`, { candidateId: candidateA.id }],
      ["DELETE", `/api/v1/services/groups/${groupB!.id}/participants/${candidateB.id}`],
      ["POST", `/api/v1/services/groups/${groupB!.id}/sessions`, { startsAt: "2026-04-01T10:00:00Z" }],
      ["GET", `/api/v1/services/sessions/${sessionB!.id}/attendance`],
      ["PUT", `/api/v1/services/sessions/${sessionB!.id}/attendance/${candidateB.id}`, { present: false }],
      ["GET", `/api/v1/events/${eventB!.id}`],
      ["GET", `/api/v1/events/${eventB!.id}/calendar.ics`],
      ["PATCH", `/api/v1/events/${eventB!.id}`, { title: "Mine" }],
      ["POST", `/api/v1/events/${eventB!.id}/invitees`, { candidateIds: [candidateA.id] }],
      ["PATCH", `/api/v1/events/${eventB!.id}/invitees/${inviteeB!.id}`, { attended: false }],
      ["POST", `/api/v1/events/${eventB!.id}/invitations`, {}],
      ["DELETE", `/api/v1/services/groups/${groupB!.id}/sessions/${sessionB!.id}`],
      ["DELETE", `/api/v1/events/${eventB!.id}/invitees/${inviteeB!.id}`],
      ["DELETE", `/api/v1/events/${eventB!.id}`],
      ["DELETE", `/api/v1/services/groups/${groupB!.id}`],
    ] as const;
    for (const [method, url, body] of notFound) {
      const response = await adminA.request(method, url, body);
      expect(`${method} ${url} ${response.statusCode}`).toBe(`${method} ${url} 404`);
    }
    // An event of A cannot invite B's candidate; A's group cannot take B's candidate.
    const eventA = (await adminA.post("/api/v1/events", { kind: "stand", title: "A", startsAt: "2026-03-05T10:00:00Z", endsAt: "2026-03-05T12:00:00Z" })).json();
    expect((await adminA.post(`/api/v1/events/${eventA.id}/invitees`, { candidateIds: [candidateB.id] })).statusCode).toBe(400);
    const typeA = (await adminA.get("/api/v1/services/types")).json().items[0];
    const groupA = (await adminA.post("/api/v1/services/groups", { name: "A", serviceTypeId: typeA.id, capacity: 3 })).json();
    expect((await adminA.post(`/api/v1/services/groups/${groupA.id}/participants`, { candidateId: candidateB.id })).statusCode).toBe(400);
    // Lists and the report hold only A's own.
    expect((await adminA.get("/api/v1/services/partners")).json().items).toEqual([]);
    expect((await adminA.get("/api/v1/services/types")).json().items.map((x: { name: string }) => x.name)).not.toContain("B's type");
    expect((await adminA.get("/api/v1/services/groups")).json().items.map((g: { name: string }) => g.name)).toEqual(["A"]);
    expect((await adminA.get("/api/v1/events?when=all")).json().items.map((e: { title: string }) => e.title)).toEqual(["A"]);
    const report = (await adminA.get("/api/v1/reports/activity?from=2026-01-01&to=2026-12-31")).json();
    expect(report.byPartner).toEqual([]);
    expect(report.totals.services).toEqual({ count: 0, suppression: null });
    expect(report.events).toEqual([{ key: "stand", events: 1, registered: { count: 0, suppression: null }, attended: { count: 0, suppression: null }, interviewsAgreed: { count: 0, suppression: null } }]);
    // B's records are all still there.
    expect(await db.select().from(serviceGroups).where(eq(serviceGroups.id, groupB!.id))).toHaveLength(1);
    expect(await db.select().from(events).where(eq(events.id, eventB!.id))).toHaveLength(1);
  });

});

describe("tenant isolation: the candidate portal", () => {
  let t: TestApp;
  let adminA: Awaited<ReturnType<TestApp["as"]>>;
  let networkB: string;
  let tokenA: string;
  beforeAll(async () => {
    t = await createTestApp();
    adminA = await t.as("admin");
    networkB = (await t.createNetwork()).id;
    tokenA = (await createApiToken(t.ctx.db, { kind: "system", tenantId: adminA.tenantId }, { tenantId: adminA.tenantId, role: "admin", name: "A" })).token;
  });
  afterAll(() => t.close());

  it("keeps the candidate portal in its network: a candidate of A never reaches B's requests or consents; caseworkers of A never reach B's candidates", async () => {
    const db = t.ctx.db;
    const candidateA = await makeCandidate(db, adminA.tenantId, { firstName: "Portal", lastName: "A" });
    const candidateUserA = await t.as("candidate", adminA.tenantId);
    await db.update(candidates).set({ userId: candidateUserA.userId }).where(eq(candidates.id, candidateA.id));
    const candidateB = await makeCandidate(db, networkB, { firstName: "Portal", lastName: "B" });
    const candidateUserB = await t.createUser(networkB, "candidate");
    await db.update(candidates).set({ userId: candidateUserB.userId }).where(eq(candidates.id, candidateB.id));
    const employerB = await makeEmployer(db, networkB, "B Portal AS");
    const jobB = await makeJob(db, networkB, { employerId: employerB.id });
    const [requestB] = await db.insert(portalConsentRequests).values({ tenantId: networkB, candidateId: candidateB.id, employerId: employerB.id, jobId: jobB.id }).returning();
    const [consentB] = await db.insert(candidateConsents).values({ tenantId: networkB, candidateId: candidateB.id, purpose: "registration", textVersion: "registration-v1", method: "in_person" }).returning();
    // The candidate of A: own record only; B's request and consent are not found, and untouched.
    expect((await candidateUserA.get("/api/v1/my/profile")).json().id).toBe(candidateA.id);
    expect((await candidateUserA.get("/api/v1/my/consent-requests")).json().items).toEqual([]);
    expect((await candidateUserA.post(`/api/v1/my/consent-requests/${requestB!.id}/answer`, { answer: "yes" })).statusCode).toBe(404);
    expect((await candidateUserA.post(`/api/v1/my/consents/${consentB!.id}/withdraw`)).statusCode).toBe(404);
    // Caseworkers of A (session and token): B's candidate is not found; B's job cannot be asked about.
    for (const client of [adminA, t.bearer(tokenA)]) {
      expect((await client.get(`/api/v1/candidates/${candidateB.id}/portal`)).statusCode).toBe(404);
      expect((await client.post(`/api/v1/candidates/${candidateB.id}/portal-invitation`, { email: "b-portal@example.no" })).statusCode).toBe(404);
      expect((await client.get(`/api/v1/candidates/${candidateB.id}/consent-requests`)).statusCode).toBe(404);
      expect((await client.post(`/api/v1/candidates/${candidateB.id}/consent-requests`, { jobId: jobB.id })).statusCode).toBe(404);
      expect((await client.post(`/api/v1/candidates/${candidateA.id}/consent-requests`, { jobId: jobB.id })).statusCode).toBe(400);
    }
    // Settings are per network.
    expect((await adminA.request("PUT", "/api/v1/portal-settings", { editable: ["jobWishes"] })).statusCode).toBe(200);
    expect((await candidateUserA.patch("/api/v1/my/profile", { phone: "+47 400 00 000" })).statusCode).toBe(403);
    const [requestAfter] = await db.select().from(portalConsentRequests).where(eq(portalConsentRequests.id, requestB!.id));
    expect(requestAfter!.status).toBe("pending");
    const [consentAfter] = await db.select().from(candidateConsents).where(eq(candidateConsents.id, consentB!.id));
    expect(consentAfter!.withdrawnAt).toBeNull();
  });
});

/** The PDF's text by pdftotext (poppler-utils), or null where it is not installed. */
function pdfText(pdf: Buffer): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-tenancy-"));
  try {
    fs.writeFileSync(path.join(dir, "r.pdf"), pdf);
    return execFileSync("pdftotext", ["-layout", path.join(dir, "r.pdf"), "-"], { encoding: "utf8" });
  } catch {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
