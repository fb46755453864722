import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { insertTestTaxonomy, testTaxonomy as tx } from "../candidates/test-taxonomy.ts";
import { insertEmployer, linkEmployerUser } from "../jobs/test-fixtures.ts";
import { candidateConsents, pipelineEntries } from "../jobs/tables.ts";
import { insertMentorship, mentorOfNewestMentorUser } from "../mentoring/test-fixtures.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

/*
 * An erasure request blocks processing at once (issue 9), on every path that shows a person to someone: the
 * candidate list and its export, job suggestions, trainee-need suggestions, the employer's shared candidates and
 * the mentor's mentees. Each is checked before (the person is there) and after the request (gone).
 */
describe("an erasure request hides the candidate everywhere at once", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let hr: Signed;
  let employerUser: Signed;
  let mentorUser: Signed;
  let jobId: string;
  let needId: string;
  let person: string;
  let entryId: string;
  let mentorshipId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    hr = await t.as("hr", admin.tenantId);
    employerUser = await t.as("employer", admin.tenantId);
    mentorUser = await t.as("mentor", admin.tenantId);
    const employerId = (await insertEmployer(t.ctx.db, admin.tenantId, "Kantina AS")).id;
    await linkEmployerUser(t.ctx.db, admin.tenantId, employerId, employerUser.userId);
    const job = await advisor.post("/api/v1/jobs", { employerId, title: "Økonom", occupationUri: tx.economist.uri });
    expect(job.statusCode, job.body).toBe(201);
    jobId = job.json().id;
    const need = await hr.post("/api/v1/trainee/needs", { unitName: "Økonomi", area: "finance", title: "Trainee økonomi", occupationUri: tx.economist.uri, positions: 1 });
    expect(need.statusCode, need.body).toBe(201);
    needId = need.json().id;
    const created = await advisor.post("/api/v1/candidates?confirmNotDuplicate=true", {
      firstName: "Slettes",
      lastName: "Snart",
      experience: [{ occupationUri: tx.economist.uri, years: 4 }],
      education: [{ level: "master", field: "Økonomi", recognition: "recognised" }],
    });
    expect(created.statusCode, created.body).toBe(201);
    person = created.json().id;
    const [consent] = await t.ctx.db.insert(candidateConsents).values({ tenantId: admin.tenantId, candidateId: person, purpose: "share_with_employer", employerId, jobId, textVersion: "share-v1", method: "in_person" }).returning();
    expect(consent).toBeDefined();
    const [entry] = await t.ctx.db.insert(pipelineEntries).values({ tenantId: admin.tenantId, jobId, candidateId: person, stage: "shared", sharedVariant: "anonymous", sharedAt: new Date() }).returning();
    entryId = entry!.id;
    const mentor = await mentorOfNewestMentorUser(t.ctx.db, admin.tenantId);
    const mentorship = await insertMentorship(t.ctx.db, admin.tenantId, mentor.id, "active");
    mentorshipId = mentorship.id;
    // The mentee of that relationship asks to be erased along with the person.
    expect((await advisor.delete(`/api/v1/candidates/${mentorship.candidateId}`)).statusCode).toBe(202);
  });
  afterAll(() => t.close());

  const ok = async (client: Signed, url: string) => {
    const response = await client.get(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response;
  };
  const has = async (client: Signed, url: string, pick: (item: { id?: string; entryId?: string }) => string | undefined) =>
    ((await ok(client, url)).json().items as { id?: string; entryId?: string }[]).some((item) => pick(item) === (url.includes("portal") ? entryId : person));
  const seen = async () => ({
    list: await has(advisor, "/api/v1/candidates?limit=200", (c) => c.id),
    export: (await ok(admin, "/api/v1/candidates/export.csv")).body.includes("Slettes"),
    jobMatches: await has(advisor, `/api/v1/jobs/${jobId}/matches?limit=50`, (m) => m.id),
    needMatches: await has(hr, `/api/v1/trainee/needs/${needId}/matches?limit=50&includeIneligible=true`, (m) => m.id),
    portal: await has(employerUser, "/api/v1/employer-portal/candidates", (s) => s.entryId),
  });

  it("shows the candidate before the request and nowhere after it; the mentor no longer sees a mentee who asked", async () => {
    expect(await seen()).toEqual({ list: true, export: true, jobMatches: true, needMatches: true, portal: true });
    expect((await advisor.delete(`/api/v1/candidates/${person}`)).statusCode).toBe(202);
    expect(await seen()).toEqual({ list: false, export: false, jobMatches: false, needMatches: false, portal: false });
    // The staff's own record stays readable (for the access report and the erasure itself).
    expect((await advisor.get(`/api/v1/candidates/${person}`)).statusCode).toBe(200);

    const mentees = await mentorUser.get("/api/v1/mentoring/relationships");
    expect(mentees.statusCode, mentees.body).toBe(200);
    expect(mentees.json().items.map((m: { id: string }) => m.id)).not.toContain(mentorshipId);
    expect((await mentorUser.get(`/api/v1/mentoring/relationships/${mentorshipId}`)).statusCode).toBe(404);
  });
});
