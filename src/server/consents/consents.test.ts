import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { accessLog, auditLog } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { insertTestTaxonomy, testTaxonomy as tx } from "../candidates/test-taxonomy.ts";
import { insertEmployer, linkEmployerUser } from "../jobs/test-fixtures.ts";
import { candidateConsents, pipelineEntries } from "../jobs/tables.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

/*
 * Consent, sharing and the employer's view, end to end: no consent no share; anonymous first, full after
 * "interesting"; withdrawal hides at once; one company never sees another's shares.
 */
describe("consents and sharing with employers", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let hr: Signed;
  let acmeUser: Signed;
  let boltUser: Signed;
  let acme: string;
  let bolt: string;
  let acmeJob: string;
  let acmeJob2: string;
  let boltJob: string;

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    hr = await t.as("hr", admin.tenantId);
    acmeUser = await t.as("employer", admin.tenantId);
    boltUser = await t.as("employer", admin.tenantId);
    acme = (await insertEmployer(t.ctx.db, admin.tenantId, "Acme AS")).id;
    bolt = (await insertEmployer(t.ctx.db, admin.tenantId, "Bolt AS")).id;
    await linkEmployerUser(t.ctx.db, admin.tenantId, acme, acmeUser.userId);
    await linkEmployerUser(t.ctx.db, admin.tenantId, bolt, boltUser.userId);
    const job = async (employerId: string, title: string) => (await advisor.post("/api/v1/jobs", { employerId, title, occupationUri: tx.cook.uri })).json().id as string;
    acmeJob = await job(acme, "Kokk hos Acme");
    acmeJob2 = await job(acme, "Kokk nummer to");
    boltJob = await job(bolt, "Kokk hos Bolt");
  });
  afterAll(() => t.close());

  let counter = 0;
  const candidate = async () => {
    const n = counter++;
    const response = await advisor.post("/api/v1/candidates?confirmNotDuplicate=true", {
      firstName: "Yonas",
      lastName: `Gebre${n}`,
      email: `yonas${n}@example.no`,
      phone: "+47 912 34 567",
      summary: `Yonas Gebre${n} har jobbet som kokk i ti år. Skriv til yonas${n}@example.no eller ring 912 34 567.`,
      background: { countryOfBirth: "ER", arrivalYear: 2015, gender: "male", birthYear: 1988 },
      languages: [{ code: "ti", native: true }, { code: "no", listening: "B1", reading: "B1", writing: "A2", speaking: "B1" }],
      experience: [
        { occupationUri: tx.cook.uri, title: "Kokk", employer: "Asmara Palace Hotel", country: "ER", years: 8 },
        { occupationUri: tx.cook.uri, title: "Lærling", employer: "Kantina Oslo", country: "NO", years: 1 },
      ],
      education: [{ level: "vocational", field: "Matlaging", institution: "Asmara Technical School", country: "ER", yearCompleted: 2008, recognition: "pending" }],
      skillUris: [tx.hygiene.uri],
      drivingLicences: ["B"],
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const addTo = async (jobId: string, candidateId: string) => {
    const response = await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const consent = async (candidateId: string, body: Record<string, unknown>) => advisor.post(`/api/v1/candidates/${candidateId}/consents`, { method: "in_person", ...body });
  const share = (jobId: string, entryId: string, variant: "anonymous" | "full") => advisor.post(`/api/v1/jobs/${jobId}/pipeline/${entryId}/share`, { variant });
  const portal = async (client: Signed) => {
    const response = await client.get("/api/v1/employer-portal/candidates?lang=en");
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as { entryId: string; variant: string; candidate: Record<string, unknown>; cvUrl: string }[];
  };

  it("records consents with the versioned text, and validates what a share consent is for", async () => {
    const id = await candidate();
    const missing = await consent(id, { purpose: "share_with_employer" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(["body.employerId", "body.jobId"]);
    const wrongEmployer = await consent(id, { purpose: "share_with_employer", employerId: bolt, jobId: acmeJob });
    expect(wrongEmployer.statusCode).toBe(400);
    expect(wrongEmployer.json().errors[0].path).toBe("body.employerId");
    expect((await consent(id, { purpose: "registration", employerId: acme })).statusCode).toBe(400);
    expect((await consent(id, { purpose: "registration", method: "by_pigeon" })).statusCode).toBe(400);
    expect((await consent(id, { purpose: "registration", givenAt: "2099-01-01T00:00:00Z" })).statusCode).toBe(400);
    const given = await consent(id, { purpose: "share_with_employer", employerId: acme, jobId: acmeJob, method: "by_link", givenAt: "2026-01-05T10:00:00+01:00" });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({
      purpose: "share_with_employer",
      employer: { id: acme, name: "Acme AS" },
      job: { id: acmeJob, title: "Kokk hos Acme" },
      textVersion: "share-v1",
      method: "by_link",
      givenAt: "2026-01-05T09:00:00.000Z",
      recordedBy: { userId: advisor.userId },
      withdrawnAt: null,
      valid: true,
    });
    expect(given.json().text.nb).toContain("Acme AS");
    expect(given.json().text.en).toContain("“Kokk hos Acme”");
    const list = await admin.get(`/api/v1/candidates/${id}/consents`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().currentTexts.map((c: { purpose: string; version: string }) => `${c.purpose}:${c.version}`)).toContain("share_with_employer:share-v1");
    // Reading the consents is a read of the person's data.
    const reads = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.personId, id), eq(accessLog.actorUserId, admin.userId)));
    expect(reads.map((r) => r.purpose)).toEqual(["follow_up"]);
    // For a job: the text the candidate is asked to agree to names the job's employer and title.
    const forJob = (await admin.get(`/api/v1/candidates/${id}/consents?jobId=${acmeJob}`)).json().currentTexts.find((c: { purpose: string }) => c.purpose === "share_with_employer");
    expect(forJob.nb).toContain("med Acme AS for stillingen «Kokk hos Acme»");
    expect((await admin.get(`/api/v1/candidates/${id}/consents?jobId=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await hr.get(`/api/v1/candidates/${id}/consents`)).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/candidates/00000000-0000-4000-8000-000000000000/consents`)).statusCode).toBe(404);
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "consent.give")));
    expect(audit).toHaveLength(1);
  });

  it("shares only with a valid consent for this employer and this job", async () => {
    const id = await candidate();
    const entry = await addTo(acmeJob, id);
    const none = await share(acmeJob, entry, "anonymous");
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: "rule_broken", reason: "consent_missing" });
    expect(none.json().detail).toContain("Consent missing");
    // A consent for another job of the same employer, or for another employer, does not count.
    expect((await consent(id, { purpose: "share_with_employer", employerId: acme, jobId: acmeJob2 })).statusCode).toBe(201);
    expect((await consent(id, { purpose: "share_with_employer", employerId: bolt, jobId: boltJob })).statusCode).toBe(201);
    expect((await share(acmeJob, entry, "anonymous")).statusCode).toBe(422);
    // A withdrawn one neither.
    const withdrawn = (await consent(id, { purpose: "share_with_employer", employerId: acme, jobId: acmeJob })).json();
    expect((await advisor.post(`/api/v1/candidates/${id}/consents/${withdrawn.id}/withdraw`)).statusCode).toBe(200);
    expect((await share(acmeJob, entry, "anonymous")).statusCode).toBe(422);
    const state = (await advisor.get(`/api/v1/jobs/${acmeJob}/pipeline`)).json().items.find((e: { id: string }) => e.id === entry);
    expect(state.consent).toMatchObject({ state: "withdrawn", consentId: withdrawn.id });
    const [row] = await t.ctx.db.select().from(pipelineEntries).where(eq(pipelineEntries.id, entry));
    expect(row).toMatchObject({ sharedVariant: null, stage: "suggested" });
    expect(await portal(acmeUser)).toEqual([]);
  });

  it("shares the anonymous CV first, the full one after the employer answered interesting", async () => {
    const id = await candidate();
    const entry = await addTo(acmeJob, id);
    const given = (await consent(id, { purpose: "share_with_employer", employerId: acme, jobId: acmeJob })).json();
    expect((await share(acmeJob, entry, "full")).json()).toMatchObject({ code: "rule_broken", reason: "employer_not_interested_yet" });
    const shared = await share(acmeJob, entry, "anonymous");
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ sharedVariant: "anonymous", stage: { key: "shared" }, consent: { state: "valid", consentId: given.id }, lastChange: { fromStage: "suggested", toStage: "shared" } });

    // The employer sees what the anonymous CV shows: no name, contact or background; abroad without names.
    const seen = (await portal(acmeUser)).find((c) => c.entryId === entry)!;
    expect(seen.variant).toBe("anonymous");
    expect(seen.cvUrl).toBe(`/api/v1/employer-portal/candidates/${entry}/cv.pdf`);
    const c = seen.candidate as Record<string, unknown> & { summary: string; experience: Record<string, unknown>[]; education: Record<string, unknown>[]; reference: string };
    expect(c).toMatchObject({ name: null, email: null, phone: null, reference: `K-${id.replace(/-/g, "").slice(0, 6)}` });
    const text = JSON.stringify(c);
    for (const secret of ["Yonas", "Gebre", "example.no", "912", "ER", "Asmara", "1988", "male", "2015"]) expect(text, secret).not.toContain(secret);
    expect(c.summary).toContain(c.reference);
    expect(c.experience).toEqual([
      { occupation: { uri: tx.cook.uri, label: "cook" }, title: "Kokk", employer: "", abroad: true, country: null, years: 8 },
      { occupation: { uri: tx.cook.uri, label: "cook" }, title: "Lærling", employer: "Kantina Oslo", abroad: false, country: "NO", years: 1 },
    ]);
    expect(c.education[0]).toMatchObject({ level: "vocational", field: "Matlaging", institution: "", abroad: true, country: null });
    expect(c).toMatchObject({ skills: [{ uri: tx.hygiene.uri, label: "follow hygiene procedures" }], drivingLicences: ["B"] });
    const pdf = await acmeUser.get(seen.cvUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toContain("anonymous");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // Every read by the employer is in the candidate's access log.
    const reads = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.personId, id), eq(accessLog.actorUserId, acmeUser.userId)));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(new Set(reads.map((r) => r.purpose))).toEqual(new Set(["employer_view"]));

    // Bolt sees nothing of Acme's shares.
    expect((await portal(boltUser)).map((s) => s.entryId)).not.toContain(entry);
    expect((await boltUser.get(seen.cvUrl)).statusCode).toBe(404);
    expect((await boltUser.patch(`/api/v1/employer-portal/candidates/${entry}`, { response: "interesting" })).statusCode).toBe(404);
    // Staff do not use the employer portal.
    expect((await advisor.get("/api/v1/employer-portal/candidates")).statusCode).toBe(403);

    const answer = await acmeUser.patch(`/api/v1/employer-portal/candidates/${entry}`, { response: "interesting" });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ entryId: entry, employerResponse: "interesting" });
    expect((await acmeUser.patch(`/api/v1/employer-portal/candidates/${entry}`, { response: "maybe" })).statusCode).toBe(400);
    const full = await share(acmeJob, entry, "full");
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json()).toMatchObject({ sharedVariant: "full", employerResponse: "interesting" });
    const named = (await portal(acmeUser)).find((s) => s.entryId === entry)!;
    expect(named.candidate).toMatchObject({ name: expect.stringContaining("Yonas Gebre"), email: expect.stringContaining("@example.no"), phone: "+47 912 34 567" });
    expect((named.candidate as { experience: { employer: string }[] }).experience[0]!.employer).toBe("Asmara Palace Hotel");
    const fullPdf = await acmeUser.get(named.cvUrl);
    expect(fullPdf.headers["content-disposition"]).not.toContain("anonymous");
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, entry), eq(auditLog.action, "pipeline.share")));
    expect(audit).toHaveLength(2);
    // A closed stage takes the candidate out of the employer's view.
    await advisor.patch(`/api/v1/jobs/${acmeJob}/pipeline/${entry}`, { stage: "not_selected" });
    expect((await portal(acmeUser)).map((s) => s.entryId)).not.toContain(entry);
  });

  it("a withdrawn consent hides the candidate from the employer at once, and ends the share", async () => {
    const id = await candidate();
    const entry = await addTo(acmeJob, id);
    const given = (await consent(id, { purpose: "share_with_employer", employerId: acme, jobId: acmeJob })).json();
    expect((await share(acmeJob, entry, "anonymous")).statusCode).toBe(200);
    expect((await portal(acmeUser)).map((s) => s.entryId)).toContain(entry);
    const withdrawn = await advisor.post(`/api/v1/candidates/${id}/consents/${given.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ valid: false, withdrawnAt: expect.any(String) });
    expect((await portal(acmeUser)).map((s) => s.entryId)).not.toContain(entry);
    expect((await acmeUser.get(`/api/v1/employer-portal/candidates/${entry}/cv.pdf`)).statusCode).toBe(404);
    expect((await acmeUser.patch(`/api/v1/employer-portal/candidates/${entry}`, { response: "hired" })).statusCode).toBe(404);
    const [row] = await t.ctx.db.select().from(pipelineEntries).where(eq(pipelineEntries.id, entry));
    expect(row).toMatchObject({ sharedVariant: null, sharedAt: null, employerResponse: null });
    const unshare = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, entry), eq(auditLog.action, "pipeline.unshare")));
    expect(unshare).toHaveLength(1);
    // Withdrawing again changes nothing.
    expect((await advisor.post(`/api/v1/candidates/${id}/consents/${given.id}/withdraw`)).json().withdrawnAt).toBe(withdrawn.json().withdrawnAt);
    expect((await advisor.post(`/api/v1/candidates/${id}/consents/00000000-0000-4000-8000-000000000000/withdraw`)).statusCode).toBe(404);
  });

  it("decides visibility on every read: a consent withdrawn outside this API hides at once too", async () => {
    const id = await candidate();
    const entry = await addTo(acmeJob, id);
    const given = (await consent(id, { purpose: "share_with_employer", employerId: acme, jobId: acmeJob })).json();
    await share(acmeJob, entry, "anonymous");
    await t.ctx.db.update(candidateConsents).set({ withdrawnAt: new Date() }).where(eq(candidateConsents.id, given.id));
    expect((await portal(acmeUser)).map((s) => s.entryId)).not.toContain(entry);
    // Restricted processing hides as well.
    const other = await candidate();
    const otherEntry = await addTo(acmeJob, other);
    await consent(other, { purpose: "share_with_employer", employerId: acme, jobId: acmeJob });
    await share(acmeJob, otherEntry, "anonymous");
    expect((await portal(acmeUser)).map((s) => s.entryId)).toContain(otherEntry);
    await t.ctx.db.update(candidates).set({ processingRestrictedAt: new Date() }).where(eq(candidates.id, other));
    expect((await portal(acmeUser)).map((s) => s.entryId)).not.toContain(otherEntry);
    expect((await share(acmeJob, otherEntry, "anonymous")).statusCode).toBe(422);
  });

  it("withdrawing the registration consent restricts processing and ends every share", async () => {
    const id = await candidate();
    const entry = await addTo(acmeJob, id);
    await consent(id, { purpose: "share_with_employer", employerId: acme, jobId: acmeJob });
    await share(acmeJob, entry, "anonymous");
    const registration = (await consent(id, { purpose: "registration" })).json();
    expect(registration.textVersion).toBe("registration-v1");
    expect((await advisor.post(`/api/v1/candidates/${id}/consents/${registration.id}/withdraw`)).statusCode).toBe(200);
    const [row] = await t.ctx.db.select().from(candidates).where(eq(candidates.id, id));
    expect(row!.processingRestrictedAt).not.toBeNull();
    expect((await portal(acmeUser)).map((s) => s.entryId)).not.toContain(entry);
    const [after] = await t.ctx.db.select().from(pipelineEntries).where(eq(pipelineEntries.id, entry));
    expect(after!.sharedVariant).toBeNull();
    // An erased candidate gets no new consent.
    const erased = await candidate();
    await advisor.delete(`/api/v1/candidates/${erased}`);
    expect((await consent(erased, { purpose: "registration" })).statusCode).toBe(422);
  });

  it("an employer user linked to no company sees no candidates", async () => {
    const loose = await t.as("employer", admin.tenantId);
    expect(await portal(loose)).toEqual([]);
  });
});
