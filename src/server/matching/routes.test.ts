import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { accessLog } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { insertCandidate } from "../candidates/service.ts";
import { candidateInputSchema } from "../../shared/candidates.ts";
import { insertTestTaxonomy, testTaxonomy as tx } from "../candidates/test-taxonomy.ts";

const tx_ = tx;
import { taxonomyConcepts, taxonomyOccupationSkills } from "../taxonomy/tables.ts";
import { matchLogs } from "../jobs/tables.ts";
import { insertEmployer } from "../jobs/test-fixtures.ts";
import { createMatchingRegistry, pruneMatchingChanges } from "./registry.ts";
import { matchingChanges } from "./tables.ts";
import { ENGINE_VERSION } from "./score.ts";

/*
 * The matching routes: explained rankings both ways, logged; the index follows every change of a candidate
 * (on this instance and on another one, through the change feed) and of the taxonomy.
 */

type Signed = Awaited<ReturnType<TestApp["as"]>>;
type Match = { id: string; score: number; eligible: boolean; reasons: { criterion: string; detail: string }[]; missing: { key: string; detail: string; required: boolean }[] };

describe("matching routes", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let hr: Signed;
  let employerId: string;
  let jobId: string;
  let counter = 0;

  const candidate = async (extra: Record<string, unknown> = {}) => {
    const response = await advisor.post("/api/v1/candidates?confirmNotDuplicate=true", { firstName: "Amina", lastName: `Test${counter++}`, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const matchIds = async (id = jobId) => {
    const response = await advisor.get(`/api/v1/jobs/${id}/matches?limit=50`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as Match[]).map((m) => m.id);
  };

  let cook: string;
  let cleaner: string;
  let paused: string;

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    hr = await t.as("hr", admin.tenantId);
    employerId = (await insertEmployer(t.ctx.db, admin.tenantId, "Kantina AS")).id;
    const job = await advisor.post("/api/v1/jobs", {
      employerId,
      title: "Kokk",
      occupationUri: tx.cook.uri,
      essentialSkillUris: [tx.hygiene.uri],
      optionalSkillUris: [tx.forklift.uri],
      languages: [{ code: "no", level: "B1", subSkills: ["listening", "speaking"] }],
      municipality: "Bærum",
    });
    expect(job.statusCode, job.body).toBe(201);
    jobId = job.json().id;
    cook = await candidate({
      skillUris: [tx.hygiene.uri, tx.forklift.uri],
      experience: [{ occupationUri: tx.cook.uri, years: 3 }],
      languages: [{ code: "nb", listening: "B2", speaking: "B1" }],
      municipality: "Bærum",
    });
    cleaner = await candidate({ skillUris: [tx.hygiene.uri], experience: [{ occupationUri: tx.cleaner.uri, years: 2 }], languages: [{ code: "nb", listening: "A2", speaking: "A2" }] });
    paused = await candidate({ skillUris: [tx.hygiene.uri, tx.forklift.uri], experience: [{ occupationUri: tx.cook.uri, years: 5 }], status: "paused" });
  });
  afterAll(() => t.close());

  it("ranks the network's candidates for a job with reasons and what is missing, and says it is a suggestion", async () => {
    const response = await advisor.get(`/api/v1/jobs/${jobId}/matches?lang=en`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ engineVersion: ENGINE_VERSION, suggestion: true, rankingId: expect.any(String) });
    const ids = body.items.map((m: Match) => m.id);
    expect(ids).toEqual([cook, cleaner]);
    expect(ids).not.toContain(paused);
    const [best, second] = body.items;
    expect(best.candidate).toEqual({ id: cook, name: "Amina Test0", municipality: "Bærum" });
    expect(best.entry).toBeNull();
    expect(best.score).toBeGreaterThan(second.score);
    expect(best.reasons.find((r: Match["reasons"][number]) => r.criterion === "skills").detail).toMatch(/1 of 1 essential/);
    expect(second.missing).toContainEqual({ criterion: "languages", key: "language:no:0", required: true, detail: "Norwegian B1 oral — has A2" });
    expect(second.missing).toContainEqual(expect.objectContaining({ criterion: "skills", required: false, detail: "operate forklift" }));
  });

  it("logs every ranking shown (who, engine version, ids and scores) and each candidate shown as a read", async () => {
    const body = (await hr.get(`/api/v1/jobs/${jobId}/matches`)).json();
    const [log] = await t.ctx.db.select().from(matchLogs).where(eq(matchLogs.id, body.rankingId));
    expect(log).toMatchObject({ tenantId: admin.tenantId, actorUserId: hr.userId, direction: "candidates_for_job", subjectId: jobId, engineVersion: ENGINE_VERSION });
    expect(log!.results).toEqual(body.items.map((m: Match) => ({ id: m.id, score: m.score })));
    const reads = await t.ctx.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorUserId, hr.userId), eq(accessLog.purpose, "matching")));
    expect(reads.map((r) => r.personId).sort()).toEqual([cook, cleaner].sort());
  });

  it("shows where a suggested candidate already is on the job's list", async () => {
    const added = await advisor.post(`/api/v1/jobs/${jobId}/pipeline?lang=en`, { candidateId: cleaner, matchScore: 0.5 });
    expect(added.statusCode, added.body).toBe(201);
    const items = (await advisor.get(`/api/v1/jobs/${jobId}/matches?lang=en`)).json().items;
    expect(items.find((m: { id: string }) => m.id === cleaner).entry).toEqual({ id: added.json().id, stage: "suggested", stageLabel: "Suggested" });
  });

  it("follows every change of a candidate: new, changed, paused, restricted, deleted", async () => {
    const newcomer = await candidate({ skillUris: [tx.hygiene.uri] });
    expect(await matchIds()).toContain(newcomer);

    const resumed = await advisor.patch(`/api/v1/candidates/${paused}`, { status: "active" });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(await matchIds()).toContain(paused);

    expect((await advisor.patch(`/api/v1/candidates/${newcomer}`, { status: "in_work" })).statusCode).toBe(200);
    expect(await matchIds()).not.toContain(newcomer);

    await t.ctx.db.update(candidates).set({ processingRestrictedAt: new Date() }).where(eq(candidates.id, paused));
    expect(await matchIds()).not.toContain(paused);

    await t.ctx.db.delete(candidates).where(eq(candidates.id, newcomer));
    expect(await matchIds()).not.toContain(newcomer);
  });

  it("keeps another app instance's index current through the change feed", async () => {
    const other = createMatchingRegistry(t.ctx.db);
    const before = await other.indexFor(admin.tenantId);
    const count = before.count;
    await candidate({ skillUris: [tx.hygiene.uri] });
    const after = await other.indexFor(admin.tenantId);
    expect(after).toBe(before);
    expect(after.count).toBe(count + 1);
  });

  // Needs a second connection: PostgreSQL only (PGlite has one).
  it.skipIf(process.env.MANGFOLD_TEST_ENGINE !== "postgres")("sees a change whose transaction commits after a sync that ran while it was open", async () => {
    const other = createMatchingRegistry(t.ctx.db);
    const index = await other.indexFor(admin.tenantId);
    const count = index.count;
    await t.ctx.db.transaction(async (tx) => {
      const input = candidateInputSchema.parse({ firstName: "Late", lastName: "Commit", skillUris: [tx_.hygiene.uri] });
      await insertCandidate(tx, { kind: "system", tenantId: admin.tenantId }, admin.tenantId, input);
      // Another connection syncs while this transaction is open: it cannot see the row yet.
      expect((await other.indexFor(admin.tenantId)).count).toBe(count);
    });
    expect((await other.indexFor(admin.tenantId)).count).toBe(count + 1);
  });

  it("rebuilds the index with the new taxonomy after a taxonomy change", async () => {
    const registry = createMatchingRegistry(t.ctx.db);
    const before = await registry.indexFor(admin.tenantId);
    expect(before.taxonomy.skills.get("http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000099")).toBe(-1);
    await t.ctx.db.insert(taxonomyConcepts).values({ uri: "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000099", type: "skill", source: "test" });
    await t.ctx.db.insert(taxonomyOccupationSkills).values({ occupationUri: tx.cook.uri, skillUri: "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000099", relation: "essential" });
    const after = await registry.indexFor(admin.tenantId);
    expect(after).not.toBe(before);
    expect(after.taxonomy.skills.get("http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000099")).toBeGreaterThanOrEqual(0);
    expect(after.count).toBe(before.count);
  });

  it("ranks open jobs (deadline not passed) for a candidate; jobs the candidate cannot take yet only when asked, marked and explained", async () => {
    const truck = await advisor.post("/api/v1/jobs", { employerId, title: "Lagermedarbeider", occupationUri: tx.cleaner.uri, essentialSkillUris: [tx.forklift.uri], licences: [{ licence: "B", required: true }] });
    expect(truck.statusCode, truck.body).toBe(201);
    const closed = await advisor.post("/api/v1/jobs", { employerId, title: "Kokk (lukket)", occupationUri: tx.cook.uri, essentialSkillUris: [tx.hygiene.uri], status: "closed" });
    expect(closed.statusCode, closed.body).toBe(201);
    const expired = await advisor.post("/api/v1/jobs", { employerId, title: "Kokk (fristen gått ut)", occupationUri: tx.cook.uri, essentialSkillUris: [tx.hygiene.uri], deadline: "2025-01-31" });
    expect(expired.statusCode, expired.body).toBe(201);

    const response = await advisor.get(`/api/v1/candidates/${cook}/matches?lang=en`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ engineVersion: ENGINE_VERSION, suggestion: true });
    expect(body.items.map((m: { id: string }) => m.id)).toEqual([jobId]);
    expect(body.items[0].job).toMatchObject({ id: jobId, title: "Kokk", employer: { id: employerId, name: "Kantina AS" }, municipality: "Bærum" });

    const all = (await advisor.get(`/api/v1/candidates/${cook}/matches?lang=en&includeIneligible=true`)).json().items;
    expect(all.map((m: { id: string }) => m.id)).toEqual([jobId, truck.json().id]);
    expect(all[1]).toMatchObject({ eligible: false });
    expect(all[1].missing).toContainEqual(expect.objectContaining({ key: "licence:B", required: true }));

    const [log] = await t.ctx.db.select().from(matchLogs).where(eq(matchLogs.id, body.rankingId));
    expect(log).toMatchObject({ direction: "jobs_for_candidate", subjectId: cook, actorUserId: advisor.userId });
  });

  it("answers 404 for another network's job or candidate, and 400 for a bad query", async () => {
    const outsider = await t.as("advisor");
    expect((await outsider.get(`/api/v1/jobs/${jobId}/matches`)).statusCode).toBe(404);
    const missing = await outsider.get(`/api/v1/candidates/${cook}/matches`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("not_found");
    const bad = await advisor.get(`/api/v1/jobs/${jobId}/matches?limit=1000`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect((await advisor.get(`/api/v1/candidates/${cook}/matches?includeIneligible=maybe`)).statusCode).toBe(400);
  });

  it("refuses a job with more than 32 skills, which the engine cannot rank", async () => {
    const skills = Array.from({ length: 33 }, (_, i) => `http://data.europa.eu/esco/skill/10000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    await t.ctx.db.insert(taxonomyConcepts).values(skills.map((uri) => ({ uri, type: "skill", source: "test" })));
    const response = await advisor.post("/api/v1/jobs", { employerId, title: "Alt mulig", occupationUri: tx.cook.uri, essentialSkillUris: skills.slice(0, 20), optionalSkillUris: skills.slice(20) });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation_failed");
    expect(response.json().errors).toContainEqual(expect.objectContaining({ path: "body.optionalSkillUris", message: expect.stringContaining("at most 32") }));
    const patched = await advisor.patch(`/api/v1/jobs/${jobId}`, { optionalSkillUris: skills });
    expect(patched.statusCode).toBe(400);
  });

  it("prunes the change feed after a day", async () => {
    const rows = await t.ctx.db.select().from(matchingChanges);
    expect(rows.length).toBeGreaterThan(0);
    expect(await pruneMatchingChanges(t.ctx.db, new Date(Date.now() + 2 * 86_400_000))).toBe(rows.length);
    expect(await t.ctx.db.select().from(matchingChanges)).toHaveLength(0);
  });
});
