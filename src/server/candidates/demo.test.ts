import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { createDemoNetwork } from "../demo/service.ts";
import { runOperation } from "../operations.ts";
import { candidateBackgrounds, candidates } from "./tables.ts";
import { insertTestTaxonomy, testTaxonomy } from "./test-taxonomy.ts";

describe("demo candidates", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
  });
  afterAll(() => t.close());

  const snapshot = async (tenantId: string) =>
    (
      await t.ctx.db
        .select({ firstName: candidates.firstName, lastName: candidates.lastName, email: candidates.email, experience: candidates.experience, skillUris: candidates.skillUris, advisorUserId: candidates.advisorUserId, b: candidateBackgrounds })
        .from(candidates)
        .innerJoin(candidateBackgrounds, eq(candidateBackgrounds.candidateId, candidates.id))
        // The demo candidate user's own record (the candidate portal's demo, portal/demo.ts) is not one of the ~300.
        .where(and(eq(candidates.tenantId, tenantId), isNull(candidates.userId)))
    ).sort((a, b) => a.email!.localeCompare(b.email!));

  it("creates ~300 varied, fictional candidates by default, the same for the same seed, replaced on a re-run", async () => {
    const started = performance.now();
    // Employers have their own demo test (employers/demo.test.ts).
    const first = await createDemoNetwork(t.ctx, { employers: 0 });
    const ms = performance.now() - started;
    const rows = await snapshot(first.network.id);
    expect(rows).toHaveLength(300);
    const year = new Date().getFullYear();
    const ages = rows.map((r) => year - r.b.birthYear!);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...ages)).toBeLessThanOrEqual(62);
    const countries = new Set(rows.map((r) => r.b.countryOfBirth));
    for (const c of ["SY", "ER", "PL", "UA", "AF", "SO"]) expect(countries).toContain(c);
    const genders = rows.filter((r) => r.b.gender === "female").length / rows.length;
    expect(genders).toBeGreaterThan(0.4);
    expect(genders).toBeLessThan(0.7);
    const known = new Set(Object.values(testTaxonomy).map((c) => c.uri));
    const used = rows.flatMap((r) => [...r.experience.map((e) => e.occupationUri), ...r.skillUris]);
    expect(used.length).toBeGreaterThan(100);
    expect(used.every((uri) => known.has(uri))).toBe(true);
    expect(rows.filter((r) => r.advisorUserId !== null).length).toBeGreaterThan(150);
    // Same seed, same people; a re-run replaces rather than adds.
    await createDemoNetwork(t.ctx, { employers: 0 });
    const again = await snapshot(first.network.id);
    expect(again.map((r) => [r.firstName, r.lastName, r.b.birthYear, r.b.countryOfBirth])).toEqual(rows.map((r) => [r.firstName, r.lastName, r.b.birthYear, r.b.countryOfBirth]));
    console.log(`demo: 300 candidates in ${Math.round(ms)} ms`);
  });

  it("takes --candidates and --seed from the CLI operation", async () => {
    const output = await runOperation(t.ctx, "demo", { candidates: "25", seed: "other" });
    expect(output).toContain("Demo network");
    const demo = await t.ctx.db.query.networks.findFirst({ where: (n, { eq }) => eq(n.slug, "demo") });
    const rows = await snapshot(demo!.id);
    expect(rows).toHaveLength(25);
    await expect(runOperation(t.ctx, "demo", { candidates: "-1" })).rejects.toThrow(/candidates/);
  });
});
