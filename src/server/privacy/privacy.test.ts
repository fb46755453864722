import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { accessLog, auditLog } from "../platform/tables.ts";
import { candidateBackgrounds, candidateDocuments, candidateNotes, candidates } from "../candidates/tables.ts";
import { candidateConsents, matchLogs, pipelineEntries, pipelineStageChanges } from "../jobs/tables.ts";
import { candidateServices, serviceTypes } from "../services/tables.ts";
import { traineeNeeds, traineeShortlistEntries } from "../trainee-recruitment/tables.ts";
import { traineeCohorts, trainees } from "../trainee-programme/tables.ts";
import { mailOutbox } from "../mail/tables.ts";
import { insertMentor } from "../mentoring/test-fixtures.ts";
import { mentorships } from "../mentoring/tables.ts";
import { anyOccupation, makeCandidate, makeEmployer, makeJob } from "../placements/test-fixtures.ts";
import { linkEmployerUser } from "../jobs/test-fixtures.ts";
import { anonymisedOutcomes, scheduledJobs } from "./tables.ts";
import { runRetention } from "./retention.ts";
import { runDueRetention, retentionJobName } from "./schedule.ts";
import type { AccessReport } from "./access-report.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;
const day = 86_400_000;

/*
 * Privacy rights (issue 9): the access report holds every category and nothing of anyone else; the PDF reads;
 * the erasure waits for the network's delay, then deletes documents and notes, anonymises the row, writes the
 * residue and leaves the dashboard's totals alone; the job is idempotent and durable; only it may delete
 * access-log rows.
 */
describe("privacy rights", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let employerUser: Signed;
  let other: Signed;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    employerUser = await t.as("employer", admin.tenantId);
    other = await t.as("admin");
  });
  afterAll(() => t.close());

  /** The database refused the statement as the append-only rule says (drizzle wraps the driver's error). */
  async function refused(promise: Promise<unknown>) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(error, "the statement should have been refused").not.toBeNull();
    expect(`${error!.message} ${error!.cause?.message ?? ""}`).toMatch(/append-only/);
  }

  /** A candidate with one of everything, in the admin's network. */
  async function fullCandidate(tenantId: string, tag: string, staff: Signed = admin, reader: Signed = advisor) {
    const db = t.ctx.db;
    const person = await makeCandidate(db, tenantId, {
      firstName: `Amina${tag}`,
      lastName: `Haddad${tag}`,
      email: `amina${tag}@example.no`,
      summary: `Sammendrag ${tag}`,
      background: { countryOfBirth: "SY", gender: "female", birthYear: 1990, arrivalYear: 2016 },
    });
    await db.insert(candidateNotes).values({ tenantId, candidateId: person.id, text: `Notat om ${tag}`, authorUserId: advisor.userId });
    await db.insert(candidateDocuments).values({ tenantId, candidateId: person.id, name: `cv-${tag}.pdf`, contentType: "application/pdf", size: 9, content: Buffer.from("%PDF-1.4\n") });
    const employer = await makeEmployer(db, tenantId, `Arbeidsgiver ${tag}`);
    const job = await makeJob(db, tenantId, { employerId: employer.id });
    await db.insert(candidateConsents).values({ tenantId, candidateId: person.id, purpose: "registration", textVersion: "registration-v1", method: "in_person" });
    await db.insert(candidateConsents).values({ tenantId, candidateId: person.id, purpose: "share_with_employer", employerId: employer.id, jobId: job.id, textVersion: "share-v1", method: "in_person" });
    const [entry] = await db
      .insert(pipelineEntries)
      .values({ tenantId, jobId: job.id, candidateId: person.id, stage: "shared", sharedVariant: "anonymous", sharedAt: new Date() })
      .returning();
    await db.insert(pipelineStageChanges).values({ tenantId, entryId: entry!.id, fromStage: "suggested", toStage: "shared", note: `Stegnotat ${tag}` });
    await db.insert(matchLogs).values({ tenantId, direction: "candidates_for_job", subjectId: job.id, engineVersion: "test", results: [{ id: crypto.randomUUID(), score: 0.9 }, { id: person.id, score: 0.8 }], actorUserId: advisor.userId });
    await db.insert(matchLogs).values({ tenantId, direction: "jobs_for_candidate", subjectId: person.id, engineVersion: "test", results: [{ id: job.id, score: 0.8 }], actorUserId: advisor.userId });
    const [type] = await db.insert(serviceTypes).values({ tenantId, name: `CV-hjelp ${tag}` }).returning();
    await db.insert(candidateServices).values({ tenantId, candidateId: person.id, serviceTypeId: type!.id, date: "2026-01-15", outcome: `Tjenesteutfall ${tag}` });
    const placement = await staff.post("/api/v1/placements", { candidateId: person.id, employerId: employer.id, employerName: employer.name, type: "ordinary_permanent", startDate: "2026-02-01" });
    expect(placement.statusCode, placement.body).toBe(201);
    const [need] = await db.insert(traineeNeeds).values({ tenantId, unitName: `Enhet ${tag}`, area: "IT", title: `Traineebehov ${tag}`, occupationUri: await anyOccupation(db) }).returning();
    await db.insert(traineeShortlistEntries).values({ tenantId, needId: need!.id, candidateId: person.id, decisionReason: `Begrunnelse ${tag}` });
    const [cohort] = await db.insert(traineeCohorts).values({ tenantId, name: `Kull ${tag}`, startDate: "2026-03-01" }).returning();
    await db.insert(trainees).values({ tenantId, cohortId: cohort!.id, candidateId: person.id, unit: `Enhet ${tag}`, startDate: "2026-03-01", endDate: "2027-02-28", outcomeNote: `Traineenotat ${tag}` });
    const mentor = await insertMentor(db, tenantId);
    await db.insert(mentorships).values({ tenantId, mentorId: mentor.id, candidateId: person.id, status: "proposed", goals: `Mentormål ${tag}` });
    // Reads by an advisor and by an employer user of the company.
    if (tenantId === admin.tenantId) await linkEmployerUser(db, tenantId, employer.id, employerUser.userId);
    expect((await reader.get(`/api/v1/candidates/${person.id}`)).statusCode).toBe(200);
    await db.insert(accessLog).values({ tenantId, actorUserId: employerUser.userId, personType: "candidate", personId: person.id, purpose: "employer_view" });
    return { person, employer, job };
  }

  it("gathers every category about the candidate, names organisations and roles but no staff, and nothing of anyone else", async () => {
    const { person, employer } = await fullCandidate(admin.tenantId, "X");
    await fullCandidate(admin.tenantId, "Y");
    await fullCandidate(other.tenantId, "Z", other, other);

    const response = await advisor.get(`/api/v1/candidates/${person.id}/access-report`);
    expect(response.statusCode).toBe(200);
    const report = response.json() as AccessReport;
    expect(report.profile).toMatchObject({ firstName: "AminaX", lastName: "HaddadX", email: "aminax@example.no", summary: "Sammendrag X" });
    expect(report.background).toEqual({ countryOfBirth: "SY", arrivalYear: 2016, gender: "female", birthYear: 1990 });
    expect(report.documents).toEqual([expect.objectContaining({ name: "cv-X.pdf", contentType: "application/pdf", size: 9 })]);
    expect(report.notes).toEqual([expect.objectContaining({ text: "Notat om X", by: { role: "advisor", organisation: expect.any(String) } })]);
    expect(report.consents.map((c) => c.purpose).sort()).toEqual(["registration", "share_with_employer"]);
    const share = report.consents.find((c) => c.purpose === "share_with_employer")!;
    expect(share.textVersion).toBe("share-v1");
    expect(share.text).toContain(employer.name);
    expect(report.matches).toEqual([
      expect.objectContaining({ direction: "candidates_for_job", rank: 2, score: 0.8, employer: employer.name }),
      expect.objectContaining({ direction: "jobs_for_candidate", jobsShown: 1 }),
    ]);
    expect(report.candidateLists).toEqual([expect.objectContaining({ employer: employer.name, sharedVariant: "anonymous", stages: [expect.objectContaining({ to: "shared", note: "Stegnotat X" })] })]);
    expect(report.placements).toEqual([expect.objectContaining({ employer: employer.name, type: "ordinary_permanent", startDate: "2026-02-01" })]);
    expect(report.placements[0]!.followUps.map((f) => f.months)).toEqual([3, 6, 12]);
    expect(report.traineeRecruitment).toEqual([expect.objectContaining({ need: "Traineebehov X", decisionReason: "Begrunnelse X" })]);
    expect(report.traineeProgramme).toEqual([expect.objectContaining({ cohort: "Kull X", unit: "Enhet X" })]);
    const sources = new Set(report.timeline.map((e) => e.source));
    for (const source of ["service", "note", "placement", "mentoring"]) expect(sources).toContain(source);
    // The access log: the advisor's read and the employer's view, by role and organisation.
    expect(report.accessLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: "follow_up", role: "advisor", organisation: expect.stringContaining("Network") }),
        expect.objectContaining({ purpose: "employer_view", role: "employer", organisation: employer.name }),
      ]),
    );
    const text = JSON.stringify(report);
    for (const foreign of ["AminaY", "Notat om Y", "Stegnotat Y", "AminaZ", "Notat om Z", "Traineebehov Y", "Mentormål Y", "Begrunnelse Z"]) expect(text).not.toContain(foreign);
    // No staff names or e-mail addresses.
    for (const staff of [advisor.email, employerUser.email, "Test advisor", "Test employer"]) expect(text).not.toContain(staff);

    // The generation is itself logged.
    const logged = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.personId, person.id), eq(accessLog.purpose, "access_request")));
    expect(logged).toHaveLength(1);
    expect(logged[0]!.actorUserId).toBe(advisor.userId);

    // Another network's candidate is not found.
    expect((await other.get(`/api/v1/candidates/${person.id}/access-report`)).statusCode).toBe(404);

    // The PDF of the same report has every section filled.
    const pdf = await advisor.get(`/api/v1/candidates/${person.id}/access-report.pdf`);
    expect(pdf.statusCode).toBe(200);
    const pdfText = textOf(pdf.rawPayload);
    for (const expected of ["AminaX HaddadX", "cv-X.pdf", "Notat om X", "CV-hjelp X", "Deling med arbeidsgiver", "nr. 2", "Stegnotat X", "Etter 3 måneder", "Traineebehov X", "Kull X", "arbeidsgiver, Arbeidsgiver X"]) {
      expect(pdfText).toContain(expected);
    }
    expect(pdfText).not.toContain("AminaY");
  });

  it("renders a readable PDF in bokmål", async () => {
    const person = await makeCandidate(t.ctx.db, admin.tenantId, { firstName: "Ødegård", lastName: "محمد", background: { countryOfBirth: "IQ", gender: "male", birthYear: 1985 } });
    await t.ctx.db.insert(candidateNotes).values({ tenantId: admin.tenantId, candidateId: person.id, text: "Ønsker jobb på lager" });
    expect((await advisor.get(`/api/v1/candidates/${person.id}`)).statusCode).toBe(200);
    const response = await admin.get(`/api/v1/candidates/${person.id}/access-report.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = textOf(response.rawPayload);
    expect(text).toContain("Innsyn i egne opplysninger");
    expect(text).toContain("Ødegård");
    expect(text).toContain("Ønsker jobb på lager");
    expect(text).toContain("Hvem har lest opplysningene dine");
    expect(text).toMatch(/oppfølging – veileder, Network/);
  });

  it("carries out an erasure only after the network's delay: documents and notes gone, row anonymised, residue written, dashboard totals unchanged", async () => {
    const network = await t.createNetwork();
    const coordinator = await t.as("admin", network.id);
    const employer = await makeEmployer(t.ctx.db, network.id, "Lager AS");
    // Enough placed people that the dashboard publishes its figures.
    for (let i = 0; i < 6; i++) {
      const person = await makeCandidate(t.ctx.db, network.id, { background: { countryOfBirth: "SO", gender: "male", birthYear: 1980 + i } });
      expect((await coordinator.post("/api/v1/placements", { candidateId: person.id, employerId: employer.id, employerName: employer.name, type: "ordinary_permanent", startDate: "2026-03-0" + (i + 1) })).statusCode).toBe(201);
    }
    const person = await makeCandidate(t.ctx.db, network.id, { firstName: "Slett", lastName: "Meg", email: "slett@example.no", phone: "+47 900 00 000", summary: "Fri tekst", background: { countryOfBirth: "ER", gender: "female", birthYear: 1995 } });
    await t.ctx.db.insert(candidateNotes).values({ tenantId: network.id, candidateId: person.id, text: "Personlig notat" });
    await t.ctx.db.insert(candidateDocuments).values({ tenantId: network.id, candidateId: person.id, name: "pass.pdf", contentType: "application/pdf", size: 9, content: Buffer.from("%PDF-1.4\n") });
    expect((await coordinator.post("/api/v1/placements", { candidateId: person.id, employerId: employer.id, employerName: employer.name, type: "ordinary_temporary", startDate: "2026-04-01" })).statusCode).toBe(201);
    const dashboard = async () => {
      const body = (await coordinator.get("/api/v1/reports/dashboard?from=2026-01-01&to=2026-06-30")).json();
      return { placements: body.keyFigures.placements, peoplePlaced: body.keyFigures.peoplePlaced, peopleInWork: body.keyFigures.peopleInWork, companies: body.keyFigures.companiesWithHire };
    };
    const before = await dashboard();
    expect(before.placements.count).toBe(7);

    expect((await coordinator.delete(`/api/v1/candidates/${person.id}`)).statusCode).toBe(202);
    const [requested] = await t.ctx.db.select({ at: candidates.erasureRequestedAt }).from(candidates).where(eq(candidates.id, person.id));
    const requestedAt = requested!.at!.getTime();
    const residues = async () => t.ctx.db.select().from(anonymisedOutcomes).where(eq(anonymisedOutcomes.tenantId, network.id));

    // A day before the 30-day deadline: nothing happens.
    const early = await runRetention(t.ctx.db, { tenantId: network.id, now: new Date(requestedAt + 29 * day) });
    expect(early.erasuresExecuted).toBe(0);
    expect(await t.ctx.db.select().from(candidateNotes).where(eq(candidateNotes.candidateId, person.id))).toHaveLength(1);
    expect(await t.ctx.db.select().from(candidateDocuments).where(eq(candidateDocuments.candidateId, person.id))).toHaveLength(1);
    expect(await residues()).toHaveLength(0);

    // The dry run counts what the run will do and changes nothing.
    const after = new Date(requestedAt + 31 * day);
    const dry = await runRetention(t.ctx.db, { tenantId: network.id, now: after, dryRun: true });
    expect(dry).toMatchObject({ erasuresExecuted: 1, documentsDeleted: 1, notesDeleted: 1 });
    expect(await residues()).toHaveLength(0);

    const done = await runRetention(t.ctx.db, { tenantId: network.id, now: after });
    expect(done).toMatchObject({ erasuresExecuted: 1, documentsDeleted: 1, notesDeleted: 1, inactiveAnonymised: 0 });
    expect(await t.ctx.db.select().from(candidateNotes).where(eq(candidateNotes.candidateId, person.id))).toHaveLength(0);
    expect(await t.ctx.db.select().from(candidateDocuments).where(eq(candidateDocuments.candidateId, person.id))).toHaveLength(0);
    expect(await t.ctx.db.select().from(candidateBackgrounds).where(eq(candidateBackgrounds.candidateId, person.id))).toHaveLength(0);
    const [row] = await t.ctx.db.select().from(candidates).where(eq(candidates.id, person.id));
    expect(row).toMatchObject({ firstName: "Anonymisert", lastName: "", email: null, phone: null, summary: "", emailNorm: null, phoneDigits: null, languages: [], anonymisedAt: after });
    expect(JSON.stringify(row)).not.toMatch(/Slett|slett@|900 00/);
    // The residue: year, age band, gender, region and outcome; no candidate id, no date.
    const residue = await residues();
    expect(residue).toEqual([{ id: expect.any(String), tenantId: network.id, year: 2026, ageBand: "25-34", gender: "female", region: "sub_saharan_africa", outcome: "ordinary_temporary" }]);
    expect(Object.keys(residue[0]!).sort()).toEqual(["ageBand", "gender", "id", "outcome", "region", "tenantId", "year"]);
    // The dashboard counts the same.
    expect(await dashboard()).toEqual(before);
    // Recorded with counts only.
    const trail = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.tenantId, network.id), eq(auditLog.action, "candidate.anonymise")));
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail[0]!.after)).not.toMatch(/Slett|Personlig|pass\.pdf/);

    // Running again does nothing more.
    const again = await runRetention(t.ctx.db, { tenantId: network.id, now: new Date(after.getTime() + day) });
    expect(again).toMatchObject({ erasuresExecuted: 0, inactiveAnonymised: 0, documentsDeleted: 0, notesDeleted: 0 });
    expect(await residues()).toHaveLength(1);
    // The access report after the erasure shows only what is left.
    const report = (await coordinator.get(`/api/v1/candidates/${person.id}/access-report`)).json() as AccessReport;
    expect(report.notes).toEqual([]);
    expect(report.documents).toEqual([]);
    expect(report.background).toBeNull();
    expect(report.profile.anonymisedAt).toBe(after.toISOString());
  });

  it("leaves each candidate either untouched or fully erased when a run fails half-way, and the next run finishes", async () => {
    const network = await t.createNetwork();
    const coordinator = await t.as("admin", network.id);
    const people = [];
    for (const name of ["Først", "Feiler"]) {
      const person = await makeCandidate(t.ctx.db, network.id, { firstName: name, background: { countryOfBirth: "PL", gender: "male", birthYear: 1970 } });
      await t.ctx.db.insert(candidateNotes).values({ tenantId: network.id, candidateId: person.id, text: `Notat ${name}` });
      await t.ctx.db.insert(candidateDocuments).values({ tenantId: network.id, candidateId: person.id, name: `${name}.pdf`, contentType: "application/pdf", size: 9, content: Buffer.from("%PDF-1.4\n") });
      expect((await coordinator.delete(`/api/v1/candidates/${person.id}`)).statusCode).toBe(202);
      people.push(person);
    }
    const [first, failing] = people as [(typeof people)[0], (typeof people)[0]];
    // The last statement of the failing candidate's erasure (the row's update) fails, as a crash would stop it.
    await t.ctx.db.execute(sql.raw("create function privacy_test_fail() returns trigger language plpgsql as $$ begin raise exception 'simulated crash'; end $$"));
    await t.ctx.db.execute(
      sql.raw(`create trigger privacy_test_fail before update on candidates for each row when (old.id = '${failing.id}' and new.anonymised_at is not null) execute function privacy_test_fail()`),
    );
    const later = new Date(Date.now() + 31 * day);
    await expect(runRetention(t.ctx.db, { tenantId: network.id, now: later })).rejects.toThrow();
    const state = async (id: string) => ({
      notes: (await t.ctx.db.select().from(candidateNotes).where(eq(candidateNotes.candidateId, id))).length,
      documents: (await t.ctx.db.select().from(candidateDocuments).where(eq(candidateDocuments.candidateId, id))).length,
      background: (await t.ctx.db.select().from(candidateBackgrounds).where(eq(candidateBackgrounds.candidateId, id))).length,
      anonymised: (await t.ctx.db.select({ at: candidates.anonymisedAt }).from(candidates).where(eq(candidates.id, id)))[0]!.at !== null,
    });
    const residues = async () => (await t.ctx.db.select().from(anonymisedOutcomes).where(eq(anonymisedOutcomes.tenantId, network.id))).length;
    // Whichever came first is either fully done or untouched; the failing one is untouched, with no residue of its own.
    expect(await state(failing.id)).toEqual({ notes: 1, documents: 1, background: 1, anonymised: false });
    const firstState = await state(first.id);
    expect([JSON.stringify({ notes: 0, documents: 0, background: 0, anonymised: true }), JSON.stringify({ notes: 1, documents: 1, background: 1, anonymised: false })]).toContain(JSON.stringify(firstState));
    expect(await residues()).toBe(firstState.anonymised ? 1 : 0);

    await t.ctx.db.execute(sql.raw("drop trigger privacy_test_fail on candidates"));
    await t.ctx.db.execute(sql.raw("drop function privacy_test_fail()"));
    await runRetention(t.ctx.db, { tenantId: network.id, now: later });
    for (const person of people) expect(await state(person.id)).toEqual({ notes: 0, documents: 0, background: 0, anonymised: true });
    expect(await residues()).toBe(2);
  });

  it("anonymises candidates inactive for the network's months, and keeps the active ones", async () => {
    const network = await t.createNetwork();
    const coordinator = await t.as("admin", network.id);
    expect((await coordinator.request("PUT", "/api/v1/settings/retention", { erasureDelayDays: 10, inactiveMonths: 12, accessLogMonths: 24, outboxDays: 30 })).statusCode).toBe(200);
    const old = await makeCandidate(t.ctx.db, network.id, { firstName: "Gammel" });
    const active = await makeCandidate(t.ctx.db, network.id, { firstName: "Aktiv" });
    const now = new Date(Date.now() + 13 * 30 * day);
    // The active one got a note recently (in simulated time).
    await t.ctx.db.insert(candidateNotes).values({ tenantId: network.id, candidateId: active.id, text: "Ny samtale", createdAt: new Date(now.getTime() - 30 * day) });
    const counts = await runRetention(t.ctx.db, { tenantId: network.id, now });
    expect(counts).toMatchObject({ inactiveAnonymised: 1, erasuresExecuted: 0, notesDeleted: 0 });
    const rows = await t.ctx.db.select({ id: candidates.id, firstName: candidates.firstName, anonymisedAt: candidates.anonymisedAt }).from(candidates).where(eq(candidates.tenantId, network.id));
    expect(rows.find((r) => r.id === old.id)).toMatchObject({ firstName: "Anonymisert" });
    expect(rows.find((r) => r.id === active.id)).toMatchObject({ firstName: "Aktiv", anonymisedAt: null });
    // Hidden from the list at once.
    const list = (await coordinator.get("/api/v1/candidates")).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([active.id]);
  });

  it("lets only the retention job delete access-log entries, and only those older than the network's months", async () => {
    const network = await t.createNetwork();
    const coordinator = await t.as("admin", network.id);
    expect((await coordinator.request("PUT", "/api/v1/settings/retention", { erasureDelayDays: 30, inactiveMonths: 240, accessLogMonths: 6, outboxDays: 30 })).statusCode).toBe(200);
    const person = await makeCandidate(t.ctx.db, network.id);
    const old = new Date(Date.now() - 8 * 30 * day);
    await t.ctx.db.insert(accessLog).values([
      { tenantId: network.id, personType: "candidate", personId: person.id, purpose: "follow_up", at: old },
      { tenantId: network.id, personType: "candidate", personId: person.id, purpose: "follow_up" },
    ]);
    await t.ctx.db.insert(mailOutbox).values([
      { tenantId: network.id, recipient: "a@example.no", subject: "Gammel", status: "stored", createdAt: old },
      { tenantId: network.id, recipient: "b@example.no", subject: "Ny", status: "stored" },
    ]);
    // Ordinary deletes and updates are refused, in or out of a transaction.
    await refused(t.ctx.db.delete(accessLog).where(eq(accessLog.tenantId, network.id)));
    await refused(t.ctx.db.transaction((tx) => tx.delete(accessLog).where(eq(accessLog.tenantId, network.id))));
    await refused(t.ctx.db.update(accessLog).set({ purpose: "x" }).where(eq(accessLog.tenantId, network.id)));
    // The setting the job uses holds only in the job's own transaction.
    await refused(t.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('mangfold.retention_job', 'on', true)`);
      await tx.execute(sql`update access_log set purpose = 'x' where tenant_id = ${network.id}`);
    }));
    await refused(t.ctx.db.delete(auditLog).where(eq(auditLog.tenantId, network.id)));

    const counts = await runRetention(t.ctx.db, { tenantId: network.id });
    expect(counts).toMatchObject({ accessLogDeleted: 1, outboxDeleted: 1 });
    const left = await t.ctx.db.select().from(accessLog).where(eq(accessLog.tenantId, network.id));
    expect(left).toHaveLength(1);
    expect(left[0]!.at.getTime()).toBeGreaterThan(old.getTime());
    expect((await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, network.id))).map((m) => m.subject)).toEqual(["Ny"]);
    await refused(t.ctx.db.delete(accessLog).where(eq(accessLog.tenantId, network.id)));
    // The run is in the audit trail with counts.
    const [trail] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.tenantId, network.id), eq(auditLog.action, "retention.run")));
    expect(trail!.after).toMatchObject({ accessLogDeleted: 1, outboxDeleted: 1 });
  });

  it("runs once a day from the schedule in the database, whoever asks and whenever the process restarted", async () => {
    await t.ctx.db.delete(scheduledJobs).where(eq(scheduledJobs.name, retentionJobName));
    const start = new Date(Date.now() + 400 * day);
    expect(await runDueRetention(t.ctx.db, { now: start, owner: "a" })).not.toBeNull();
    // Not due again the same day, for this process or a restarted one.
    expect(await runDueRetention(t.ctx.db, { now: new Date(start.getTime() + 60_000), owner: "a" })).toBeNull();
    expect(await runDueRetention(t.ctx.db, { now: new Date(start.getTime() + 23 * 3_600_000), owner: "b" })).toBeNull();
    const [row] = await t.ctx.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, retentionJobName));
    expect(row!.nextRunAt.getTime()).toBe(start.getTime() + day);
    expect(row!.leaseOwner).toBeNull();
    expect(row!.lastResult).toMatchObject({ networks: expect.any(Number) });
    // Another process holds the lease: this one waits; a lease that ran out (a crash) is taken over.
    const next = new Date(start.getTime() + day + 60_000);
    await t.ctx.db.update(scheduledJobs).set({ leaseOwner: "crashed", leaseUntil: new Date(next.getTime() + 60_000) }).where(eq(scheduledJobs.name, retentionJobName));
    expect(await runDueRetention(t.ctx.db, { now: next, owner: "b" })).toBeNull();
    expect(await runDueRetention(t.ctx.db, { now: new Date(next.getTime() + 120_000), owner: "b" })).not.toBeNull();
  });

  it("reads and changes the retention settings (admin), refusing values out of range", async () => {
    const network = await t.createNetwork();
    const coordinator = await t.as("admin", network.id);
    const status = (await coordinator.get("/api/v1/settings/retention")).json();
    expect(status.settings).toEqual({ erasureDelayDays: 30, inactiveMonths: 24, accessLogMonths: 60, outboxDays: 90 });
    expect(status.pending).toEqual({ erasures: 0, inactive: 0, accessLogEntries: expect.any(Number), outboxMessages: 0 });
    const bad = await coordinator.request("PUT", "/api/v1/settings/retention", { erasureDelayDays: -1, inactiveMonths: 0, accessLogMonths: 60, outboxDays: 90 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("validation_failed");
    const good = await coordinator.request("PUT", "/api/v1/settings/retention", { erasureDelayDays: 14, inactiveMonths: 36, accessLogMonths: 48, outboxDays: 60 });
    expect(good.statusCode).toBe(200);
    expect((await coordinator.get("/api/v1/settings/retention")).json().settings).toEqual({ erasureDelayDays: 14, inactiveMonths: 36, accessLogMonths: 48, outboxDays: 60 });
    const [trail] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.tenantId, network.id), eq(auditLog.action, "retention_settings.update")));
    expect(trail!.before).toMatchObject({ erasureDelayDays: 30 });
    expect(trail!.after).toMatchObject({ erasureDelayDays: 14 });
  });
});

/** The PDF's text layer, by pdftotext (poppler-utils). */
function textOf(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "innsyn-"));
  try {
    fs.writeFileSync(path.join(dir, "innsyn.pdf"), pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", path.join(dir, "innsyn.pdf"), "-"]).toString();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
