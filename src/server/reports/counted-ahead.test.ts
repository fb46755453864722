import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { candidateBackgrounds, candidates } from "../candidates/tables.ts";
import { requestErasure } from "../candidates/service.ts";
import { employers } from "../employers/tables.ts";
import { goals } from "../goals/tables.ts";
import { placementFollowUps, placements } from "../placements/tables.ts";
import { taxonomyConcepts } from "../taxonomy/tables.ts";
import { anyOccupation, makeCandidate, makeEmployer } from "../placements/test-fixtures.ts";
import { dashboardReport, refreshDashboards } from "./dashboard.ts";
import { reportDataVersion } from "./counted-ahead.ts";
import { reportSnapshots } from "./tables.ts";

/*
 * Counting ahead of the read (ADR 031). The promise: a read never answers from counts that a change has made stale.
 * Every kind of change the dashboard counts is made by random sequences, and after each the dashboard read through
 * the snapshots must equal the dashboard counted at the read; unchanged data is answered from the snapshot; the
 * refresher counts stale snapshots again so the next read finds them current.
 */

const now = new Date("2026-06-15T10:00:00Z");
const period = { from: "2025-07-01", to: "2026-06-15" };
const types = ["ordinary_permanent", "ordinary_temporary", "work_practice", "summer_job"] as const;

describe("the dashboard counted ahead of the read", () => {
  let t: TestApp;
  let tenantId: string;
  let otherTenantId: string;
  const read = (options = {}) => dashboardReport(t.ctx.db, tenantId, { ...period, lang: "nb" }, now, options);
  const live = () => dashboardReport(t.ctx.db, tenantId, { ...period, lang: "nb" }, now, { countAhead: false });
  const snapshotsOf = (tenant: string) => t.ctx.db.select().from(reportSnapshots).where(eq(reportSnapshots.tenantId, tenant));

  beforeAll(async () => {
    t = await createTestApp();
    tenantId = (await t.createNetwork()).id;
    otherTenantId = (await t.createNetwork()).id;
    await t.ctx.db.insert(goals).values([
      { tenantId, name: "1000 i arbeid", kind: "deadline", target: 1000, startDate: "2025-01-01", deadline: "2027-12-31", placementTypes: ["ordinary_permanent", "ordinary_temporary"] },
      { tenantId, name: "NAVs folk i praksis", kind: "yearly", target: 50, startDate: "2024-01-01", placementTypes: ["work_practice"], partnerOrganisation: "NAV" },
    ]);
  });
  afterAll(() => t.close());

  it("answers unchanged data from the snapshot, and a change in another network leaves it current", async () => {
    await t.ctx.db.insert(placements).values({ tenantId, employerName: "Fjordkaffe AS", type: "ordinary_permanent", startDate: "2026-01-10" });
    const first = await read();
    const [kept] = await snapshotsOf(tenantId);
    expect(kept?.dataVersion).toBe(await reportDataVersion(t.ctx.db, tenantId));
    expect(await read()).toEqual(first);
    const [again] = await snapshotsOf(tenantId);
    expect(again!.countedAt).toEqual(kept!.countedAt);
    await t.ctx.db.insert(placements).values({ tenantId: otherTenantId, employerName: "Annen AS", type: "ordinary_permanent", startDate: "2026-01-10" });
    await read();
    expect((await snapshotsOf(tenantId))[0]!.countedAt).toEqual(kept!.countedAt);
  });

  it("raises the version once per transaction, at its commit, and not for a change that rolls back", async () => {
    const before = await reportDataVersion(t.ctx.db, tenantId);
    await t.ctx.db.transaction(async (tx) => {
      await tx.insert(placements).values({ tenantId, employerName: "A", type: "summer_job", startDate: "2026-02-01" });
      await tx.insert(placements).values({ tenantId, employerName: "B", type: "summer_job", startDate: "2026-02-02" });
    });
    expect(await reportDataVersion(t.ctx.db, tenantId)).toBe(before + 1);
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await tx.insert(placements).values({ tenantId, employerName: "C", type: "summer_job", startDate: "2026-02-03" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await reportDataVersion(t.ctx.db, tenantId)).toBe(before + 1);
  });

  it("sees each kind of change the dashboard counts at the next read", async () => {
    const occupation = await anyOccupation(t.ctx.db, 1);
    const employer = await makeEmployer(t.ctx.db, tenantId);
    const person = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "male", countryOfBirth: "AF", birthYear: 1980 } });
    const [placement] = await t.ctx.db
      .insert(placements)
      .values({ tenantId, candidateId: person.id, employerId: employer.id, employerName: employer.name, occupationUri: occupation, type: "work_practice", startDate: "2026-03-03" })
      .returning();
    const changes: [string, () => Promise<unknown>][] = [
      ["an employer's industry", () => t.ctx.db.update(employers).set({ naceSection: "Q" }).where(eq(employers.id, employer.id))],
      ["a candidate's partner organisation (a goal counts NAV's people only)", () => t.ctx.db.update(candidates).set({ partnerOrganisation: "NAV" }).where(eq(candidates.id, person.id))],
      ["a background", () => t.ctx.db.update(candidateBackgrounds).set({ countryOfBirth: "SY" }).where(eq(candidateBackgrounds.candidateId, person.id))],
      ["an occupation's ISCO group", () => t.ctx.db.update(taxonomyConcepts).set({ code: "9112" }).where(eq(taxonomyConcepts.uri, occupation))],
      ["an answered follow-up", () => t.ctx.db.insert(placementFollowUps).values({ tenantId, placementId: placement!.id, months: 3, dueOn: "2026-06-03", stillEmployed: true, answeredAt: now })],
      ["a placement's type", () => t.ctx.db.update(placements).set({ type: "ordinary_permanent" }).where(eq(placements.id, placement!.id))],
      ["an erasure request", () => requestErasure(t.ctx.db, { kind: "system", tenantId } as never, person.id)],
      ["a goal's placement types", () => t.ctx.db.update(goals).set({ placementTypes: ["work_practice"] }).where(and(eq(goals.tenantId, tenantId), eq(goals.kind, "deadline")))],
      ["a placement deleted", () => t.ctx.db.delete(placements).where(eq(placements.id, placement!.id))],
    ];
    for (const [what, make] of changes) {
      const before = await read();
      await make();
      const after = await read();
      expect(after, what).toEqual(await live());
      expect(after, `${what} changes a figure`).not.toEqual(before);
    }
  });

  it("never answers from stale counts, whatever changes (random sequences of every kind of change)", async () => {
    const occupation = await anyOccupation(t.ctx.db);
    const employer = await makeEmployer(t.ctx.db, tenantId);
    const change = fc.oneof(
      fc.record({ kind: fc.constant("place" as const), type: fc.constantFrom(...types), day: fc.integer({ min: 0, max: 500 }), partner: fc.constantFrom("", "NAV"), withEmployer: fc.boolean() }),
      fc.record({ kind: fc.constant("retype" as const), type: fc.constantFrom(...types), pick: fc.nat() }),
      fc.record({ kind: fc.constant("redate" as const), day: fc.integer({ min: 0, max: 500 }), pick: fc.nat() }),
      fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("followUp" as const), still: fc.boolean(), months: fc.constantFrom(3, 6, 12), pick: fc.nat() }),
      fc.record({ kind: fc.constant("industry" as const), nace: fc.constantFrom("Q", "I", "C", null) }),
      fc.record({ kind: fc.constant("partner" as const), partner: fc.constantFrom("", "NAV", "Røde Kors"), pick: fc.nat() }),
      fc.record({ kind: fc.constant("background" as const), gender: fc.constantFrom("female", "male", "other"), country: fc.constantFrom("SY", "UA", "SO"), pick: fc.nat() }),
      fc.record({ kind: fc.constant("erasure" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("occupationGroup" as const), code: fc.constantFrom("2221", "5120", "9112") }),
      fc.record({ kind: fc.constant("goal" as const), types: fc.subarray([...types], { minLength: 1 }) }),
    );
    const pick = async <T>(rows: T[], n: number) => (rows.length === 0 ? undefined : rows[n % rows.length]);
    const ours = () => t.ctx.db.select().from(placements).where(eq(placements.tenantId, tenantId)).orderBy(placements.id);
    const dateOf = (day: number) => new Date(Date.parse("2025-03-01") + day * 86_400_000).toISOString().slice(0, 10);
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 5 }), async (changes) => {
        await read();
        for (const c of changes) {
          const placed = await ours();
          const one = await pick(placed, "pick" in c ? c.pick : 0);
          const person = one?.candidateId ? one.candidateId : undefined;
          switch (c.kind) {
            case "place": {
              const candidate = await makeCandidate(t.ctx.db, tenantId, { partnerOrganisation: c.partner, background: { gender: "female", countryOfBirth: "ER", birthYear: 1990 } });
              await t.ctx.db.insert(placements).values({ tenantId, candidateId: candidate.id, employerId: c.withEmployer ? employer.id : null, employerName: employer.name, occupationUri: occupation, type: c.type, startDate: dateOf(c.day) });
              break;
            }
            case "retype":
              if (one) await t.ctx.db.update(placements).set({ type: c.type }).where(eq(placements.id, one.id));
              break;
            case "redate":
              if (one) await t.ctx.db.update(placements).set({ startDate: dateOf(c.day) }).where(eq(placements.id, one.id));
              break;
            case "remove":
              if (one) await t.ctx.db.delete(placements).where(eq(placements.id, one.id));
              break;
            case "followUp":
              if (one) {
                const due = new Date(Date.parse(one.startDate) + c.months * 30 * 86_400_000).toISOString().slice(0, 10);
                await t.ctx.db
                  .insert(placementFollowUps)
                  .values({ tenantId, placementId: one.id, months: c.months, dueOn: due, stillEmployed: c.still, answeredAt: now })
                  .onConflictDoUpdate({ target: [placementFollowUps.placementId, placementFollowUps.months], set: { stillEmployed: c.still } });
              }
              break;
            case "industry":
              await t.ctx.db.update(employers).set({ naceSection: c.nace }).where(eq(employers.id, employer.id));
              break;
            case "partner":
              if (person) await t.ctx.db.update(candidates).set({ partnerOrganisation: c.partner }).where(eq(candidates.id, person));
              break;
            case "background":
              if (person) await t.ctx.db.update(candidateBackgrounds).set({ gender: c.gender, countryOfBirth: c.country }).where(eq(candidateBackgrounds.candidateId, person));
              break;
            case "erasure":
              if (person) await requestErasure(t.ctx.db, { kind: "system", tenantId } as never, person);
              break;
            case "occupationGroup":
              await t.ctx.db.update(taxonomyConcepts).set({ code: c.code }).where(eq(taxonomyConcepts.uri, occupation));
              break;
            case "goal":
              await t.ctx.db.update(goals).set({ placementTypes: c.types }).where(and(eq(goals.tenantId, tenantId), eq(goals.kind, "deadline")));
              break;
          }
          expect(await read()).toEqual(await live());
        }
      }),
      { numRuns: 12, seed: 20261123 },
    );
  });

  it("the refresher counts a stale snapshot again, so the next read is answered from it", async () => {
    await read();
    await t.ctx.db.insert(placements).values({ tenantId, employerName: "Ny AS", type: "ordinary_temporary", startDate: "2026-05-05" });
    const version = await reportDataVersion(t.ctx.db, tenantId);
    const stale = (await snapshotsOf(tenantId)).filter((s) => s.periodFrom === period.from && s.periodTo === period.to);
    expect(stale.some((s) => s.dataVersion < version)).toBe(true);
    const { counted } = await refreshDashboards(t.ctx.db, now);
    expect(counted).toBeGreaterThanOrEqual(1);
    const fresh = (await snapshotsOf(tenantId)).filter((s) => s.periodFrom === period.from && s.periodTo === period.to);
    expect(fresh.length).toBe(1);
    expect(fresh[0]!.dataVersion).toBe(version);
    expect(await read()).toEqual(await live());
    expect((await snapshotsOf(tenantId)).find((s) => s.key === fresh[0]!.key)!.countedAt).toEqual(fresh[0]!.countedAt);
    // Nothing stale: nothing counted.
    expect((await refreshDashboards(t.ctx.db, now)).counted).toBe(0);
  });

  it("counts the default period of a new day ahead when yesterday's was read, and drops what nobody read for a week", async () => {
    const yesterday = new Date("2026-06-14T10:00:00Z");
    await dashboardReport(t.ctx.db, tenantId, { lang: "nb" }, yesterday);
    await refreshDashboards(t.ctx.db, now);
    const todays = (await snapshotsOf(tenantId)).filter((s) => s.periodTo === "2026-06-15" && s.periodFrom === "2025-06-16");
    expect(todays).toHaveLength(1);
    await t.ctx.db.update(reportSnapshots).set({ readAt: sql`now() - interval '8 days'` }).where(eq(reportSnapshots.tenantId, tenantId));
    await refreshDashboards(t.ctx.db, new Date());
    expect(await snapshotsOf(tenantId)).toHaveLength(0);
  });

  it("counts a partner's or a caseload's figures at the read, and keeps nothing for them", async () => {
    await t.ctx.db.delete(reportSnapshots);
    await dashboardReport(t.ctx.db, tenantId, { ...period, partnerOrganisation: "NAV", lang: "nb" }, now);
    await dashboardReport(t.ctx.db, tenantId, { ...period, advisorId: null, lang: "nb" }, now);
    expect(await snapshotsOf(tenantId)).toHaveLength(0);
  });
});
