import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { auditLog } from "../platform/tables.ts";
import { insertTestTaxonomy, testTaxonomy as tx } from "../candidates/test-taxonomy.ts";
import { insertEmployer, insertTestOccupationSkills, linkEmployerUser } from "./test-fixtures.ts";
import { jobs } from "./tables.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;
const unknownOccupation = "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-999999999999";

describe("jobs", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let viewer: Signed;
  let employerUser: Signed;
  let otherEmployerUser: Signed;
  let unlinkedEmployerUser: Signed;
  let acme: string;
  let bolt: string;

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
    await insertTestOccupationSkills(t.ctx.db);
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    viewer = await t.as("viewer", admin.tenantId);
    employerUser = await t.as("employer", admin.tenantId);
    otherEmployerUser = await t.as("employer", admin.tenantId);
    unlinkedEmployerUser = await t.as("employer", admin.tenantId);
    acme = (await insertEmployer(t.ctx.db, admin.tenantId, "Acme Kantine AS")).id;
    bolt = (await insertEmployer(t.ctx.db, admin.tenantId, "Bolt Bygg AS")).id;
    await linkEmployerUser(t.ctx.db, admin.tenantId, acme, employerUser.userId);
    await linkEmployerUser(t.ctx.db, admin.tenantId, bolt, otherEmployerUser.userId);
  });
  afterAll(() => t.close());

  const job = (extra: Record<string, unknown> = {}) => ({
    employerId: acme,
    title: "Kokk i kantina",
    occupationUri: tx.cook.uri,
    essentialSkillUris: [tx.hygiene.uri],
    optionalSkillUris: [tx.forklift.uri, tx.hygiene.uri],
    languages: [{ code: "no", subSkills: ["speaking"], level: "B1" }],
    licences: [{ licence: "B", required: false }],
    municipality: "Bærum",
    extent: "part_time",
    extentPercent: 80,
    ...extra,
  });

  it("registers a job with taxonomy labels in the asked language, and records it in the audit trail", async () => {
    const response = await advisor.post("/api/v1/jobs?lang=en", job());
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      employer: { id: acme, name: "Acme Kantine AS" },
      occupation: { uri: tx.cook.uri, label: "cook" },
      essentialSkills: [{ uri: tx.hygiene.uri, label: "follow hygiene procedures" }],
      // A skill is essential or optional, not both.
      optionalSkills: [{ uri: tx.forklift.uri, label: "operate forklift" }],
      status: "open",
      extentPercent: 80,
      pipelineCounts: {},
    });
    const nb = (await advisor.get(`/api/v1/jobs/${created.id}`)).json();
    expect(nb.occupation.label).toBe("Kokk");
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "job.create")));
    expect(audit).toHaveLength(1);
  });

  it("rejects unknown ESCO concepts, another network's employer and a job for no one, naming the fields", async () => {
    const otherNetwork = await t.createNetwork();
    const foreign = (await insertEmployer(t.ctx.db, otherNetwork.id)).id;
    const unknownSkill = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-999999999999";
    const response = await advisor.post("/api/v1/jobs", job({ occupationUri: unknownOccupation, essentialSkillUris: [unknownSkill], employerId: foreign }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(["body.employerId", "body.essentialSkillUris.0", "body.occupationUri"]);
    const none = await advisor.post("/api/v1/jobs", job({ employerId: null }));
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe("body.employerId");
    const bad = await advisor.post("/api/v1/jobs", { ...job(), title: "", unknownField: 1 });
    expect(bad.statusCode).toBe(400);
    const municipal = await advisor.post("/api/v1/jobs", job({ employerId: null, municipalUnit: "Bærum sykehjem" }));
    expect(municipal.statusCode, municipal.body).toBe(201);
    expect(municipal.json().employer).toBeNull();
    const count = await t.ctx.db.select().from(jobs).where(eq(jobs.tenantId, otherNetwork.id));
    expect(count).toEqual([]);
  });

  it("lists with filters and keyset paging; viewers read", async () => {
    const ids: string[] = [];
    for (const [i, extra] of [
      { title: "Renholder natt", occupationUri: tx.cleaner.uri, essentialSkillUris: [], optionalSkillUris: [], municipality: "Asker", status: "draft" },
      { title: "Renholder dag", occupationUri: tx.cleaner.uri, essentialSkillUris: [], optionalSkillUris: [], municipality: "asker", employerId: bolt },
      { title: "Kokk lørdag", municipality: "Oslo" },
    ].entries()) {
      const r = await advisor.post("/api/v1/jobs", job(extra));
      expect(r.statusCode, `${i}: ${r.body}`).toBe(201);
      ids.push(r.json().id);
    }
    const titles = async (query: string) => ((await viewer.get(`/api/v1/jobs?${query}`)).json().items as { title: string }[]).map((j) => j.title);
    expect(await titles("q=renholder")).toEqual(["Renholder dag", "Renholder natt"]);
    expect(await titles("q=renholder%20natt")).toEqual(["Renholder natt"]);
    expect(await titles("status=draft")).toEqual(["Renholder natt"]);
    expect(await titles(`employerId=${bolt}`)).toEqual(["Renholder dag"]);
    expect(await titles(`occupationUri=${encodeURIComponent(tx.cleaner.uri)}`)).toEqual(["Renholder dag", "Renholder natt"]);
    expect(await titles("municipality=ASKER")).toEqual(["Renholder dag", "Renholder natt"]);
    const first = (await viewer.get("/api/v1/jobs?limit=2")).json();
    expect(first.items).toHaveLength(2);
    const second = (await viewer.get(`/api/v1/jobs?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).not.toBe(first.items[1].id);
    expect(new Set([...first.items, ...second.items].map((j: { id: string }) => j.id)).size).toBe(4);
    expect((await viewer.get("/api/v1/jobs?cursor=garbage")).statusCode).toBe(400);
    expect((await viewer.get("/api/v1/jobs?status=nope")).statusCode).toBe(400);
    expect((await viewer.post("/api/v1/jobs", job())).statusCode).toBe(403);
  });

  it("changes only the given fields, and keeps omitted ones", async () => {
    const created = (await advisor.post("/api/v1/jobs", job({ description: "Lunsj for 300", positions: 2 }))).json();
    const response = await advisor.patch(`/api/v1/jobs/${created.id}`, { status: "filled", positions: 3 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "filled", positions: 3, description: "Lunsj for 300", extentPercent: 80, employer: { id: acme } });
    const unchanged = await advisor.patch(`/api/v1/jobs/${created.id}`, { status: "filled" });
    expect(unchanged.json().updatedAt).toBe(response.json().updatedAt);
    const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "job.update")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ fields: ["positions", "status"] });
    expect((await advisor.patch(`/api/v1/jobs/${created.id}`, { employerId: null })).statusCode).toBe(400);
    expect((await advisor.patch(`/api/v1/jobs/${created.id}`, { occupationUri: "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-999999999999" })).statusCode).toBe(400);
    expect((await advisor.patch(`/api/v1/jobs/00000000-0000-4000-8000-000000000000`, { status: "open" })).statusCode).toBe(404);
    expect((await advisor.patch(`/api/v1/jobs/not-a-uuid`, { status: "open" })).statusCode).toBe(400);
  });

  it("deletes a job without a candidate list, and refuses one with candidates (close it instead)", async () => {
    const empty = (await advisor.post("/api/v1/jobs", job())).json();
    expect((await advisor.delete(`/api/v1/jobs/${empty.id}`)).statusCode).toBe(204);
    expect((await advisor.get(`/api/v1/jobs/${empty.id}`)).statusCode).toBe(404);
    const used = (await advisor.post("/api/v1/jobs", job())).json();
    const candidate = (await advisor.post("/api/v1/candidates", { firstName: "Li", lastName: "Stet" })).json();
    expect((await advisor.post(`/api/v1/jobs/${used.id}/pipeline`, { candidateId: candidate.id })).statusCode).toBe(201);
    const refused = await advisor.delete(`/api/v1/jobs/${used.id}`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("rule_broken");
    expect((await advisor.get(`/api/v1/jobs/${used.id}`)).json().pipelineCounts).toEqual({ suggested: 1 });
  });

  it("an employer user writes and reads only the own company's jobs", async () => {
    const own = await employerUser.post("/api/v1/jobs", job({ employerId: null, title: "Oppvasker" }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().employer.id).toBe(acme);
    expect((await employerUser.post("/api/v1/jobs", job({ employerId: bolt }))).statusCode).toBe(403);
    expect((await unlinkedEmployerUser.post("/api/v1/jobs", job({ employerId: null }))).statusCode).toBe(403);
    const boltJob = (await advisor.post("/api/v1/jobs", job({ employerId: bolt, title: "Snekker" }))).json();
    // Another company's job does not exist for them.
    expect((await employerUser.get(`/api/v1/jobs/${boltJob.id}`)).statusCode).toBe(404);
    expect((await employerUser.patch(`/api/v1/jobs/${boltJob.id}`, { title: "Mine" })).statusCode).toBe(404);
    expect((await employerUser.delete(`/api/v1/jobs/${boltJob.id}`)).statusCode).toBe(404);
    const list = (await employerUser.get("/api/v1/jobs?limit=200")).json().items as { employer: { id: string }; pipelineCounts: object }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((j) => j.employer.id === acme)).toBe(true);
    expect(list.every((j) => Object.keys(j.pipelineCounts).length === 0)).toBe(true);
    expect((await employerUser.get(`/api/v1/jobs?employerId=${bolt}`)).json().items).toEqual([]);
    expect((await unlinkedEmployerUser.get("/api/v1/jobs")).json().items).toEqual([]);
    // Their own: change it, but not hand it to another company or a municipal unit.
    expect((await employerUser.patch(`/api/v1/jobs/${own.json().id}`, { title: "Oppvasker (deltid)" })).json().title).toBe("Oppvasker (deltid)");
    expect((await employerUser.patch(`/api/v1/jobs/${own.json().id}`, { employerId: bolt })).statusCode).toBe(403);
    expect((await employerUser.patch(`/api/v1/jobs/${own.json().id}`, { employerId: null, municipalUnit: "Rådhuset" })).statusCode).toBe(403);
    expect((await employerUser.delete(`/api/v1/jobs/${own.json().id}`)).statusCode).toBe(204);
  });

  it("suggests the occupation's essential and optional skills with labels", async () => {
    const nb = await advisor.get(`/api/v1/jobs/skill-suggestions?occupationUri=${encodeURIComponent(tx.cook.uri)}`);
    expect(nb.statusCode, nb.body).toBe(200);
    expect(nb.json()).toEqual({ essential: [{ uri: tx.hygiene.uri, label: "Følge hygienerutiner" }], optional: [{ uri: tx.forklift.uri, label: "Kjøre truck" }] });
    const en = await employerUser.request("GET", `/api/v1/jobs/skill-suggestions?occupationUri=${encodeURIComponent(tx.cook.uri)}`, undefined, { "accept-language": "en-GB,en;q=0.8" });
    expect(en.json().essential[0].label).toBe("follow hygiene procedures");
    expect((await advisor.get(`/api/v1/jobs/skill-suggestions?occupationUri=${encodeURIComponent(tx.cleaner.uri)}`)).json()).toEqual({ essential: [], optional: [] });
    expect((await advisor.get(`/api/v1/jobs/skill-suggestions?occupationUri=${encodeURIComponent(unknownOccupation)}`)).statusCode).toBe(404);
    expect((await advisor.get(`/api/v1/jobs/skill-suggestions?occupationUri=nope`)).statusCode).toBe(400);
  });
});
