import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { auditLog } from "../platform/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { insertTestTaxonomy, testTaxonomy as tx } from "../candidates/test-taxonomy.ts";
import { insertEmployer } from "./test-fixtures.ts";
import { pipelineEntries, pipelineStageChanges, pipelineStages } from "./tables.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

describe("candidate lists and stages", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let hr: Signed;
  let jobId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    hr = await t.as("hr", admin.tenantId);
    const employer = await insertEmployer(t.ctx.db, admin.tenantId, "Kantina AS");
    jobId = (await advisor.post("/api/v1/jobs", { employerId: employer.id, title: "Kokk", occupationUri: tx.cook.uri })).json().id;
  });
  afterAll(() => t.close());

  let counter = 0;
  const candidate = async (extra: Record<string, unknown> = {}) => {
    const response = await advisor.post("/api/v1/candidates?confirmNotDuplicate=true", { firstName: "Sara", lastName: `Tesfay${counter++}`, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  it("gives a network the default stages on first use, labelled in the asked language", async () => {
    const nb = (await hr.get("/api/v1/pipeline-stages")).json().items;
    expect(nb.map((s: { key: string }) => s.key)).toEqual(["suggested", "contacted", "consent_requested", "shared", "interview", "offer", "hired", "not_selected", "withdrawn"]);
    expect(nb[0]).toMatchObject({ key: "suggested", label: "Foreslått", meaning: "open", position: 0, inUse: 0 });
    expect(nb.find((s: { key: string }) => s.key === "hired").meaning).toBe("hired");
    expect(nb.filter((s: { meaning: string }) => s.meaning === "closed").map((s: { key: string }) => s.key)).toEqual(["not_selected", "withdrawn"]);
    const en = (await hr.get("/api/v1/pipeline-stages?lang=en")).json().items;
    expect(en[3].label).toBe("Shared with employer");
    // A second read does not add them again.
    expect(await t.ctx.db.select().from(pipelineStages).where(eq(pipelineStages.tenantId, admin.tenantId))).toHaveLength(9);
  });

  it("adds a candidate to the list with history and audit; a second time is a conflict", async () => {
    const id = await candidate();
    const response = await advisor.post(`/api/v1/jobs/${jobId}/pipeline?lang=en`, { candidateId: id, matchScore: 0.82, note: "From the matches" });
    expect(response.statusCode, response.body).toBe(201);
    const entry = response.json();
    expect(entry).toMatchObject({
      jobId,
      candidate: { id, name: expect.stringContaining("Sara Tesfay") },
      stage: { key: "suggested", label: "Suggested", meaning: "open" },
      sharedVariant: null,
      employerResponse: null,
      consent: { state: "none", consentId: null },
      matchScore: 0.82,
      lastChange: { fromStage: null, toStage: "suggested", note: "From the matches", by: { userId: advisor.userId } },
      addedBy: { userId: advisor.userId },
    });
    const again = await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: id });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("conflict");
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, entry.id), eq(auditLog.action, "pipeline.add")));
    expect(audit).toHaveLength(1);
    expect((await hr.get(`/api/v1/jobs/${jobId}`)).json().pipelineCounts.suggested).toBeGreaterThanOrEqual(1);
  });

  it("refuses restricted, unknown and invalid candidates, unknown stages, and 'shared' without sharing; writes nothing", async () => {
    const restricted = await candidate();
    await t.ctx.db.update(candidates).set({ processingRestrictedAt: new Date() }).where(eq(candidates.id, restricted));
    const r1 = await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: restricted });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().code).toBe("rule_broken");
    const erased = await candidate();
    expect((await advisor.delete(`/api/v1/candidates/${erased}`)).statusCode).toBe(202);
    expect((await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: erased })).statusCode).toBe(422);
    const unknown = await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe("body.candidateId");
    const ok = await candidate();
    const stage = await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: ok, stage: "nowhere" });
    expect(stage.statusCode).toBe(400);
    expect(stage.json().errors[0].path).toBe("body.stage");
    expect((await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: ok, stage: "shared" })).statusCode).toBe(422);
    expect((await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: ok, matchScore: 1.5 })).statusCode).toBe(400);
    expect((await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: "nope" })).statusCode).toBe(400);
    expect((await advisor.post(`/api/v1/jobs/00000000-0000-4000-8000-000000000000/pipeline`, { candidateId: ok })).statusCode).toBe(404);
    const written = await t.ctx.db.select().from(pipelineEntries).where(eq(pipelineEntries.jobId, jobId));
    expect(written.map((e) => e.candidateId)).not.toContain(ok);
    expect(written.map((e) => e.candidateId)).not.toContain(restricted);
    expect((await hr.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: ok })).statusCode).toBe(403);
  });

  it("moves an entry through the stages, keeping each change with who, when and the note", async () => {
    const id = await candidate();
    const entry = (await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: id, stage: "contacted" })).json();
    const moved = await advisor.patch(`/api/v1/jobs/${jobId}/pipeline/${entry.id}`, { stage: "interview", note: "Intervju tirsdag" });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ stage: { key: "interview" }, lastChange: { fromStage: "contacted", toStage: "interview", note: "Intervju tirsdag" } });
    // A note without a move is kept too; the same stage without a note changes nothing.
    expect((await advisor.patch(`/api/v1/jobs/${jobId}/pipeline/${entry.id}`, { stage: "interview", note: "Gikk bra" })).json().lastChange.note).toBe("Gikk bra");
    expect((await advisor.patch(`/api/v1/jobs/${jobId}/pipeline/${entry.id}`, { stage: "interview" })).statusCode).toBe(200);
    // Hired is recorded as a stage; no placement is made here.
    expect((await admin.patch(`/api/v1/jobs/${jobId}/pipeline/${entry.id}`, { stage: "hired" })).json().stage).toMatchObject({ key: "hired", meaning: "hired" });
    expect((await advisor.patch(`/api/v1/jobs/${jobId}/pipeline/${entry.id}`, { stage: "shared" })).statusCode).toBe(422);
    expect((await advisor.patch(`/api/v1/jobs/${jobId}/pipeline/${entry.id}`, { stage: "nowhere" })).statusCode).toBe(400);
    const history = await hr.get(`/api/v1/jobs/${jobId}/pipeline/${entry.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items.map((h: { fromStage: string | null; toStage: string }) => `${h.fromStage}→${h.toStage}`)).toEqual(["interview→hired", "interview→interview", "contacted→interview", "null→contacted"]);
    expect(history.json().items[0].by).toMatchObject({ userId: admin.userId });
    const paged = (await hr.get(`/api/v1/jobs/${jobId}/pipeline/${entry.id}/history?limit=3`)).json();
    expect(paged.items).toHaveLength(3);
    expect((await hr.get(`/api/v1/jobs/${jobId}/pipeline/${entry.id}/history?limit=3&cursor=${paged.nextCursor}`)).json().items.map((h: { toStage: string }) => h.toStage)).toEqual(["contacted"]);
    const moves = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, entry.id), eq(auditLog.action, "pipeline.move")));
    expect(moves).toHaveLength(3);
  });

  it("lists the job's entries (board), filtered by stage and paged; deletes an entry with its history", async () => {
    const otherJob = (await advisor.post("/api/v1/jobs", { municipalUnit: "Bærum sykehjem", title: "Assistent", occupationUri: tx.nurse.uri })).json().id;
    const ids = [await candidate(), await candidate(), await candidate()];
    const entries = [];
    for (const id of ids) entries.push((await advisor.post(`/api/v1/jobs/${otherJob}/pipeline`, { candidateId: id })).json());
    await advisor.patch(`/api/v1/jobs/${otherJob}/pipeline/${entries[2].id}`, { stage: "offer" });
    const all = (await hr.get(`/api/v1/jobs/${otherJob}/pipeline`)).json();
    expect(all.items.map((e: { candidate: { id: string } }) => e.candidate.id)).toEqual(ids);
    expect(all.items[0].consent.state).toBe("none");
    expect((await hr.get(`/api/v1/jobs/${otherJob}/pipeline?stage=offer`)).json().items.map((e: { id: string }) => e.id)).toEqual([entries[2].id]);
    const page1 = (await hr.get(`/api/v1/jobs/${otherJob}/pipeline?limit=2`)).json();
    const page2 = (await hr.get(`/api/v1/jobs/${otherJob}/pipeline?limit=2&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((e: { id: string }) => e.id)).toEqual(entries.map((e) => e.id));
    expect(page2.nextCursor).toBeNull();
    // A candidate who asks to be erased leaves the list at once.
    const leaving = await candidate();
    const leavingEntry = (await advisor.post(`/api/v1/jobs/${otherJob}/pipeline`, { candidateId: leaving })).json();
    expect((await hr.get(`/api/v1/jobs/${otherJob}/pipeline`)).json().items.map((e: { id: string }) => e.id)).toContain(leavingEntry.id);
    await advisor.delete(`/api/v1/candidates/${leaving}`);
    expect((await hr.get(`/api/v1/jobs/${otherJob}/pipeline`)).json().items.map((e: { id: string }) => e.id)).not.toContain(leavingEntry.id);
    expect((await advisor.delete(`/api/v1/jobs/${otherJob}/pipeline/${entries[0].id}`)).statusCode).toBe(204);
    expect((await advisor.delete(`/api/v1/jobs/${otherJob}/pipeline/${entries[0].id}`)).statusCode).toBe(404);
    expect(await t.ctx.db.select().from(pipelineStageChanges).where(eq(pipelineStageChanges.entryId, entries[0].id))).toEqual([]);
    // An entry is reached only under its own job.
    expect((await hr.get(`/api/v1/jobs/${jobId}/pipeline/${entries[1].id}/history`)).statusCode).toBe(404);
    // A municipal unit's job has no employer to share with.
    const share = await advisor.post(`/api/v1/jobs/${otherJob}/pipeline/${entries[1].id}/share`, { variant: "anonymous" });
    expect(share.statusCode).toBe(422);
  });

  it("lets admins rename, reorder and add stages, but not remove one in use or one the application needs", async () => {
    const current = (await admin.get("/api/v1/pipeline-stages")).json().items as { key: string; labelNb: string; labelEn: string; inUse: number }[];
    const body = (stages: { key: string; labelNb: string; labelEn: string; meaning?: string }[]) => ({ stages });
    const strip = (s: { key: string; labelNb: string; labelEn: string }) => ({ key: s.key, labelNb: s.labelNb, labelEn: s.labelEn });
    // Rename "contacted", move "offer" before "interview", add "trial", drop unused "consent_requested".
    const renamed = current
      .filter((s) => s.key !== "consent_requested")
      .map((s) => (s.key === "contacted" ? { ...strip(s), labelNb: "Ringt", labelEn: "Called" } : strip(s)));
    const offerAt = renamed.findIndex((s) => s.key === "offer");
    const [offer] = renamed.splice(offerAt, 1);
    renamed.splice(renamed.findIndex((s) => s.key === "interview"), 0, offer!);
    renamed.splice(renamed.length - 2, 0, { key: "trial", labelNb: "Arbeidsutprøving", labelEn: "Work trial" });
    const response = await admin.request("PUT", "/api/v1/pipeline-stages?lang=en", body(renamed));
    expect(response.statusCode, response.body).toBe(200);
    const keys = response.json().items.map((s: { key: string }) => s.key);
    expect(keys).toEqual(["suggested", "contacted", "shared", "offer", "interview", "hired", "trial", "not_selected", "withdrawn"]);
    expect(response.json().items[1]).toMatchObject({ key: "contacted", label: "Called", labelNb: "Ringt" });
    expect(response.json().items.find((s: { key: string }) => s.key === "trial").meaning).toBe("open");
    // "offer" is in use (an entry above is in it); "shared" is needed by the application.
    const withoutOffer = renamed.filter((s) => s.key !== "offer");
    const inUse = await admin.request("PUT", "/api/v1/pipeline-stages", body(withoutOffer));
    expect(inUse.statusCode).toBe(422);
    expect(inUse.json().detail).toContain("offer");
    const withoutShared = renamed.filter((s) => s.key !== "shared");
    expect((await admin.request("PUT", "/api/v1/pipeline-stages", body(withoutShared))).statusCode).toBe(422);
    const twice = await admin.request("PUT", "/api/v1/pipeline-stages", body([...renamed, renamed[0]!]));
    expect(twice.statusCode).toBe(400);
    const meaning = await admin.request("PUT", "/api/v1/pipeline-stages", body(renamed.map((s) => (s.key === "hired" ? { ...s, meaning: "open" } : s))));
    expect(meaning.statusCode).toBe(400);
    expect((await admin.request("PUT", "/api/v1/pipeline-stages", body(renamed.map((s) => (s.key === "suggested" ? { ...s, key: "Bad Key" } : s))))).statusCode).toBe(400);
    expect((await advisor.request("PUT", "/api/v1/pipeline-stages", body(renamed))).statusCode).toBe(403);
    // Nothing of the refused attempts was written.
    expect((await admin.get("/api/v1/pipeline-stages")).json().items.map((s: { key: string }) => s.key)).toEqual(keys);
    // The new stage is usable at once.
    const id = await candidate();
    expect((await advisor.post(`/api/v1/jobs/${jobId}/pipeline`, { candidateId: id, stage: "trial" })).json().stage).toMatchObject({ key: "trial", label: "Arbeidsutprøving" });
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.tenantId, admin.tenantId), eq(auditLog.action, "pipeline_stages.replace")));
    expect(audit).toHaveLength(1);
  });
});
