import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { Client, TestApp } from "../testing/test-app.ts";
import { auditLog } from "../platform/tables.ts";
import { taxonomyLabels } from "../taxonomy/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { insertTestTaxonomy, testTaxonomy as tx } from "../candidates/test-taxonomy.ts";
import { insertEmployer, insertTestOccupationSkills } from "../jobs/test-fixtures.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;
const linkToken = (text: string) => /\/invite\/([A-Za-z0-9_-]+)/.exec(text)![1]!;

/*
 * The candidate portal end to end: an advisor invites the candidate, who signs in and sees only their own
 * record, edits what the network allows, answers consent requests, withdraws, reads the access log without staff
 * names, asks to be erased, and sees suggested jobs without anyone else's data.
 */
describe("candidate portal", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let acme: string;
  let cookJob: string;
  let amina: { id: string; client: Client; userId: string };
  let other: { id: string; client: Client; userId: string };

  let counter = 0;
  const createCandidate = async (firstName: string) => {
    const n = counter++;
    const response = await advisor.post("/api/v1/candidates?confirmNotDuplicate=true", {
      firstName,
      lastName: `Haddad${n}`,
      email: `${firstName.toLowerCase()}${n}@example.no`,
      phone: "+47 912 34 567",
      languages: [{ code: "ar", native: true }, { code: "no", listening: "B1", reading: "A2", writing: "A2", speaking: "B1" }],
      experience: [{ occupationUri: tx.cook.uri, title: "Kokk", employer: "Damaskus Hotell", country: "SY", years: 6 }],
      skillUris: [tx.hygiene.uri],
      jobWishes: { occupationUris: [tx.cook.uri], municipalities: ["Bærum"], extent: "any" },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; email: string };
  };
  /** Invites the candidate, accepts as them and signs in. */
  const joinPortal = async (firstName: string) => {
    const candidate = await createCandidate(firstName);
    const invited = await advisor.post(`/api/v1/candidates/${candidate.id}/portal-invitation`, {});
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json().email).toBe(candidate.email);
    const mail = (await admin.get("/api/v1/outbox")).json().items.find((m: { recipient: string }) => m.recipient === candidate.email);
    const token = linkToken(mail.textBody);
    const info = await t.anonymous.get(`/api/public/invitations/${token}`);
    expect(info.json().role).toBe("candidate");
    const accepted = await t.anonymous.post(`/api/public/invitations/${token}/accept`, { name: firstName, password: "candidate-password" });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const client = await t.signIn(candidate.email, "candidate-password");
    const [row] = await t.ctx.db.select({ userId: candidates.userId }).from(candidates).where(eq(candidates.id, candidate.id));
    return { id: candidate.id, client, userId: row!.userId! };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
    await insertTestOccupationSkills(t.ctx.db);
    // ESCO has an Arabic label for the cook, none for the hygiene skill: that one stays in bokmål.
    await t.ctx.db.insert(taxonomyLabels).values({ uri: tx.cook.uri, lang: "ar", label: "طباخ", kind: "preferred" });
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    acme = (await insertEmployer(t.ctx.db, admin.tenantId, "Acme Kantine AS")).id;
    const job = await advisor.post("/api/v1/jobs", { employerId: acme, title: "Kokk i kantina", occupationUri: tx.cook.uri, municipality: "Bærum" });
    expect(job.statusCode, job.body).toBe(201);
    cookJob = job.json().id;
    amina = await joinPortal("Amina");
    other = await joinPortal("Omar");
  });
  afterAll(() => t.close());

  it("links the invited candidate to their record; the advisor sees them in the portal; a second invitation is refused", async () => {
    expect((await advisor.get(`/api/v1/candidates/${amina.id}/portal`)).json()).toEqual({ linked: true, invitation: null });
    const again = await advisor.post(`/api/v1/candidates/${amina.id}/portal-invitation`, {});
    expect(again.statusCode).toBe(409);
    const noEmail = await advisor.post("/api/v1/candidates?confirmNotDuplicate=true", { firstName: "Uten", lastName: "Epost" });
    const missing = await advisor.post(`/api/v1/candidates/${noEmail.json().id}/portal-invitation`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe("body.email");
    const invited = await advisor.post(`/api/v1/candidates/${noEmail.json().id}/portal-invitation`, { email: "uten@example.no" });
    expect(invited.statusCode).toBe(201);
    expect((await advisor.get(`/api/v1/candidates/${noEmail.json().id}/portal`)).json()).toMatchObject({ linked: false, invitation: { email: "uten@example.no" } });
  });

  it("shows the candidate their own profile only, with ESCO labels in their language and bokmål where ESCO has none", async () => {
    const own = await amina.client.get("/api/v1/my/profile?lang=ar");
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ id: amina.id, firstName: "Amina", editable: ["contact", "jobWishes", "languages", "skills", "availability"] });
    expect(own.json().jobWishes.occupations).toEqual([{ uri: tx.cook.uri, label: "طباخ" }]);
    expect(own.json().skills).toEqual([{ uri: tx.hygiene.uri, label: tx.hygiene.no }]);
    // The language saved in the profile is used without ?lang=.
    expect((await amina.client.patch("/api/v1/me", { locale: "ar" })).statusCode).toBe(204);
    expect((await amina.client.get("/api/v1/my/profile")).json().jobWishes.occupations[0].label).toBe("طباخ");
    expect((await amina.client.patch("/api/v1/me", { locale: "xx" })).statusCode).toBe(400);
    expect((await other.client.get("/api/v1/my/profile")).json().id).toBe(other.id);
    // The staff routes stay closed to candidates, whoever's id they name.
    expect((await amina.client.get(`/api/v1/candidates/${other.id}`)).statusCode).toBe(403);
    expect((await amina.client.get(`/api/v1/candidates/${amina.id}`)).statusCode).toBe(403);
  });

  it("answers 404 to a candidate user who is not linked to a record", async () => {
    const lonely = await t.as("candidate", admin.tenantId);
    const response = await lonely.get("/api/v1/my/profile");
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("not_found");
  });

  it("lets the candidate edit job wishes, recorded with the candidate as actor and seen by the advisor", async () => {
    const wishes = { occupationUris: [tx.cook.uri, tx.cleaner.uri], municipalities: ["Bærum", "Asker"], extent: "part_time" };
    const patched = await amina.client.patch("/api/v1/my/profile?lang=nb", { jobWishes: wishes, availableFrom: "2026-12-01" });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().jobWishes.municipalities).toEqual(["Bærum", "Asker"]);
    const seen = await advisor.get(`/api/v1/candidates/${amina.id}`);
    expect(seen.json().jobWishes).toMatchObject({ occupationUris: wishes.occupationUris, municipalities: wishes.municipalities, extent: "part_time" });
    expect(seen.json().availableFrom).toBe("2026-12-01");
    const trail = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, amina.id), eq(auditLog.action, "candidate.update")));
    expect(trail.at(-1)!.actorUserId).toBe(amina.userId);
    expect(trail.at(-1)!.after).toEqual({ fields: ["jobWishes", "availableFrom"] });
  });

  it("refuses fields a candidate may never edit (400) and invalid values (400), changing nothing", async () => {
    for (const body of [{ firstName: "Someone" }, { summary: "x" }, { status: "in_work" }, { advisorUserId: advisor.userId }, { background: { gender: "male" } }]) {
      const response = await amina.client.patch("/api/v1/my/profile", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await amina.client.patch("/api/v1/my/profile", { skillUris: ["http://example.org/not-esco"] })).statusCode).toBe(400);
    expect((await amina.client.patch("/api/v1/my/profile", { jobWishes: { occupationUris: [tx.hygiene.uri] } })).statusCode).toBe(400);
    const [row] = await t.ctx.db.select().from(candidates).where(eq(candidates.id, amina.id));
    expect(row!.firstName).toBe("Amina");
    expect(row!.status).toBe("active");
  });

  it("refuses (403) the groups the network turned off, and only admins choose them", async () => {
    expect((await advisor.request("PUT", "/api/v1/portal-settings", { editable: ["jobWishes"] })).statusCode).toBe(403);
    const set = await admin.request("PUT", "/api/v1/portal-settings", { editable: ["jobWishes", "skills"] });
    expect(set.statusCode, set.body).toBe(200);
    expect((await advisor.get("/api/v1/portal-settings")).json()).toEqual({ editable: ["jobWishes", "skills"] });
    const phone = await amina.client.patch("/api/v1/my/profile", { phone: "+47 400 00 000" });
    expect(phone.statusCode).toBe(403);
    expect(phone.json().errors).toEqual([{ path: "body.phone", message: "is not editable in the portal" }]);
    expect((await amina.client.get("/api/v1/my/profile")).json()).toMatchObject({ phone: "+47 912 34 567", editable: ["jobWishes", "skills"] });
    expect((await amina.client.patch("/api/v1/my/profile", { skillUris: [tx.hygiene.uri, tx.forklift.uri] })).statusCode).toBe(200);
    expect((await admin.request("PUT", "/api/v1/portal-settings", { editable: ["contact", "jobWishes", "languages", "skills", "availability"] })).statusCode).toBe(200);
    expect((await amina.client.patch("/api/v1/my/profile", { phone: "+47 400 00 000" })).statusCode).toBe(200);
  });

  it("consent request: yes gives the share consent for that employer and job, seen by the advisor; answered once", async () => {
    const asked = await advisor.post(`/api/v1/candidates/${amina.id}/consent-requests`, { jobId: cookJob });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await advisor.post(`/api/v1/candidates/${amina.id}/consent-requests`, { jobId: cookJob })).statusCode).toBe(409);
    // Omar sees nothing of Amina's request, and cannot answer it.
    expect((await other.client.get("/api/v1/my/consent-requests")).json().items).toEqual([]);
    expect((await other.client.post(`/api/v1/my/consent-requests/${asked.json().id}/answer`, { answer: "yes" })).statusCode).toBe(404);
    const list = (await amina.client.get("/api/v1/my/consent-requests")).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: "pending", employer: { name: "Acme Kantine AS" }, job: { title: "Kokk i kantina" }, shares: ["cv_anonymous", "cv_full_when_both_agree"] });
    expect(list[0].text.nb).toContain("Acme Kantine AS");
    expect((await amina.client.post(`/api/v1/my/consent-requests/${list[0].id}/answer`, { answer: "maybe" })).statusCode).toBe(400);
    const yes = await amina.client.post(`/api/v1/my/consent-requests/${list[0].id}/answer`, { answer: "yes" });
    expect(yes.statusCode, yes.body).toBe(200);
    expect(yes.json().status).toBe("accepted");
    expect((await amina.client.post(`/api/v1/my/consent-requests/${list[0].id}/answer`, { answer: "no" })).statusCode).toBe(409);
    const consents = (await advisor.get(`/api/v1/candidates/${amina.id}/consents`)).json().items;
    expect(consents[0]).toMatchObject({ id: yes.json().consentId, purpose: "share_with_employer", employer: { id: acme }, job: { id: cookJob }, method: "portal", valid: true, recordedBy: { userId: amina.userId } });
    expect((await advisor.get(`/api/v1/candidates/${amina.id}/consent-requests`)).json().items[0]).toMatchObject({ status: "accepted", jobId: cookJob });
    // The advisor can now share: the consent is valid for this employer and job.
    const entry = await advisor.post(`/api/v1/jobs/${cookJob}/pipeline`, { candidateId: amina.id });
    expect((await advisor.post(`/api/v1/jobs/${cookJob}/pipeline/${entry.json().id}/share`, { variant: "anonymous" })).statusCode).toBe(200);

    // Withdrawn from the portal: at once invalid, and the share ends.
    const withdrawn = await amina.client.post(`/api/v1/my/consents/${yes.json().consentId}/withdraw`, {});
    expect(withdrawn.statusCode).toBe(204);
    expect((await advisor.get(`/api/v1/candidates/${amina.id}/consents`)).json().items[0]).toMatchObject({ valid: false });
    const pipeline = (await advisor.get(`/api/v1/jobs/${cookJob}/pipeline`)).json().items;
    expect(pipeline.find((e: { candidate: { id: string } }) => e.candidate.id === amina.id).sharedVariant).toBeNull();
    expect((await other.client.post(`/api/v1/my/consents/${yes.json().consentId}/withdraw`, {})).statusCode).toBe(404);
    const mine = (await amina.client.get("/api/v1/my/consents")).json().items;
    expect(mine[0]).toMatchObject({ purpose: "share_with_employer", employer: { name: "Acme Kantine AS" }, valid: false });
  });

  it("consent request: no records the refusal and gives no consent", async () => {
    const job2 = (await advisor.post("/api/v1/jobs", { employerId: acme, title: "Kokk på kveld", occupationUri: tx.cook.uri })).json().id;
    const asked = await advisor.post(`/api/v1/candidates/${other.id}/consent-requests`, { jobId: job2 });
    const no = await other.client.post(`/api/v1/my/consent-requests/${asked.json().id}/answer`, { answer: "no" });
    expect(no.statusCode).toBe(200);
    expect(no.json()).toMatchObject({ status: "declined", consentId: null });
    expect((await advisor.get(`/api/v1/candidates/${other.id}/consents`)).json().items).toEqual([]);
    const trail = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, other.id), eq(auditLog.action, "consent.request_decline")));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.actorUserId).toBe(other.userId);
    // A candidate outside the portal cannot be asked there.
    const outside = await createCandidate("Utenfor");
    expect((await advisor.post(`/api/v1/candidates/${outside.id}/consent-requests`, { jobId: job2 })).statusCode).toBe(422);
  });

  it("shows the access log with role and organisation, never staff names", async () => {
    await advisor.get(`/api/v1/candidates/${amina.id}`);
    const log = await amina.client.get("/api/v1/my/access-log?limit=200");
    expect(log.statusCode).toBe(200);
    const items = log.json().items as { role: string; organisation: string; purpose: string }[];
    expect(items.some((i) => i.role === "advisor" && i.organisation.length > 0)).toBe(true);
    expect(items.some((i) => i.role === "self")).toBe(true);
    expect(log.body).not.toContain("Test advisor");
    expect(log.body).not.toContain(advisor.userId);
  });

  it("suggests open jobs of the network with reasons and what is missing, and nothing about other people", async () => {
    const matches = await amina.client.get("/api/v1/my/matches?lang=en");
    expect(matches.statusCode, matches.body).toBe(200);
    const items = matches.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].job).toMatchObject({ title: expect.any(String), employer: "Acme Kantine AS" });
    expect(items[0].reasons.length).toBeGreaterThan(0);
    expect(Object.keys(items[0]).sort()).toEqual(["eligible", "job", "missing", "reasons", "score"]);
    expect(matches.body).not.toContain("Omar");
  });

  it("downloads the own CV as PDF in bokmål and English", async () => {
    for (const lang of ["nb", "en"]) {
      const cv = await amina.client.get(`/api/v1/my/cv.pdf?lang=${lang}`);
      expect(cv.statusCode).toBe(200);
      expect(cv.headers["content-type"]).toContain("application/pdf");
      expect(cv.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    }
    expect((await amina.client.get("/api/v1/my/cv.pdf?lang=ar")).statusCode).toBe(400);
  });

  it("downloads a copy of my own data as JSON and PDF, logged as an access request; never another candidate's", async () => {
    const json = await amina.client.get("/api/v1/my/data-export");
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers["content-disposition"]).toContain("attachment");
    const report = json.json();
    expect(JSON.stringify(report)).toContain("Amina");
    expect(JSON.stringify(report)).not.toContain("Omar");
    const pdf = await amina.client.get("/api/v1/my/data-export.pdf");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const log = (await amina.client.get("/api/v1/my/access-log")).json().items as { purpose: string }[];
    expect(log.some((entry) => entry.purpose === "access_request")).toBe(true);
    // The staff's route stays closed to a candidate, even for their own record.
    expect((await amina.client.get(`/api/v1/candidates/${amina.id}/access-report`)).statusCode).toBe(403);
  });

  it("asks for erasure: hidden at once, open requests end, no more edits or suggestions", async () => {
    const job3 = (await advisor.post("/api/v1/jobs", { employerId: acme, title: "Kokk i helg", occupationUri: tx.cook.uri })).json().id;
    await advisor.post(`/api/v1/candidates/${other.id}/consent-requests`, { jobId: job3 });
    expect((await other.client.delete("/api/v1/my/profile")).statusCode).toBe(204);
    expect((await advisor.get(`/api/v1/candidates/${other.id}`)).json().processingRestricted).toBe(true);
    expect((await other.client.get("/api/v1/my/profile")).json().erasureRequestedAt).not.toBeNull();
    expect((await other.client.get("/api/v1/my/consent-requests")).json().items.every((r: { status: string }) => r.status !== "pending")).toBe(true);
    expect((await other.client.patch("/api/v1/my/profile", { jobWishes: { occupationUris: [], municipalities: [], extent: "any" } })).statusCode).toBe(422);
    expect((await other.client.get("/api/v1/my/matches")).json().items).toEqual([]);
    expect((await advisor.post(`/api/v1/candidates/${other.id}/consent-requests`, { jobId: cookJob })).statusCode).toBe(422);
  });
});
