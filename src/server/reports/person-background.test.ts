import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { candidateBackgrounds, candidates } from "../candidates/tables.ts";
import { requestErasure, updateCandidate } from "../candidates/service.ts";
import { placements } from "../placements/tables.ts";
import { makeCandidate } from "../placements/test-fixtures.ts";

/*
 * The person's background on each placement (ADR 024) is what the dashboard counts. Triggers keep it; these tests
 * change the background by every path a writer can take and check the placements follow, so that the dashboard
 * never counts a stale gender or country, nor one a candidate has asked to have erased.
 */

describe("the person's background on placements", () => {
  let t: TestApp;
  let tenantId: string;
  const system = () => ({ kind: "system" as const, tenantId });
  const backgroundOf = async (placementId: string) => {
    const [row] = await t.ctx.db
      .select({ gender: placements.personGender, country: placements.personCountry, birthYear: placements.personBirthYear, candidateId: placements.candidateId })
      .from(placements)
      .where(eq(placements.id, placementId));
    return row!;
  };
  const place = async (candidateId: string | null) => {
    const [row] = await t.ctx.db.insert(placements).values({ tenantId, candidateId, employerName: "Fjordkaffe AS", type: "ordinary_permanent", startDate: "2026-03-01" }).returning();
    return row!.id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    tenantId = (await t.as("admin")).tenantId;
  });
  afterAll(() => t.close());

  it("is copied when the placement is written", async () => {
    const person = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "female", countryOfBirth: "SY", birthYear: 1990 } });
    const placement = await place(person.id);
    expect(await backgroundOf(placement)).toMatchObject({ gender: "female", country: "SY", birthYear: 1990 });
  });

  it("follows a change of the background through the service and a write by any other path", async () => {
    const person = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "male", countryOfBirth: "ER", birthYear: 2000 } });
    const placement = await place(person.id);
    await updateCandidate(t.ctx.db, system() as never, person.id, { background: { gender: "female", countryOfBirth: "UA", birthYear: 1985, arrivalYear: null } });
    expect(await backgroundOf(placement)).toMatchObject({ gender: "female", country: "UA", birthYear: 1985 });
    // Another writer may store the country in lower case; the dashboard counts it as one country.
    await t.ctx.db.update(candidateBackgrounds).set({ birthYear: 1986, countryOfBirth: "ua" }).where(eq(candidateBackgrounds.candidateId, person.id));
    expect(await backgroundOf(placement)).toMatchObject({ gender: "female", country: "UA", birthYear: 1986 });
    await t.ctx.db.delete(candidateBackgrounds).where(eq(candidateBackgrounds.candidateId, person.id));
    expect(await backgroundOf(placement)).toMatchObject({ gender: null, country: null, birthYear: null });
    await t.ctx.db.insert(candidateBackgrounds).values({ candidateId: person.id, tenantId, gender: "other", countryOfBirth: "PL", birthYear: 1960 });
    expect(await backgroundOf(placement)).toMatchObject({ gender: "other", country: "PL", birthYear: 1960 });
  });

  it("is hidden at once when the candidate asks to be erased, and back if the request is withdrawn", async () => {
    const person = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "female", countryOfBirth: "SO", birthYear: 1995 } });
    const placement = await place(person.id);
    await requestErasure(t.ctx.db, system() as never, person.id);
    expect(await backgroundOf(placement)).toMatchObject({ gender: null, country: null, birthYear: null });
    // A background written while the request stands stays hidden.
    await t.ctx.db.update(candidateBackgrounds).set({ birthYear: 1996 }).where(eq(candidateBackgrounds.candidateId, person.id));
    expect(await backgroundOf(placement)).toMatchObject({ gender: null, country: null, birthYear: null });
    expect(await backgroundOf(await place(person.id))).toMatchObject({ gender: null, country: null, birthYear: null });
    await t.ctx.db.update(candidates).set({ erasureRequestedAt: null }).where(eq(candidates.id, person.id));
    expect(await backgroundOf(placement)).toMatchObject({ gender: "female", country: "SO", birthYear: 1996 });
  });

  it("is gone when the candidate is deleted (the placement stays as an anonymous count)", async () => {
    const person = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "male", countryOfBirth: "AF", birthYear: 1999 } });
    const placement = await place(person.id);
    await t.ctx.db.delete(candidates).where(eq(candidates.id, person.id));
    expect(await backgroundOf(placement)).toEqual({ gender: null, country: null, birthYear: null, candidateId: null });
  });

  it("follows the placement to another candidate (a merge moves placements) and touches no one else's", async () => {
    const first = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "male", countryOfBirth: "IQ", birthYear: 1970 } });
    const second = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "female", countryOfBirth: "IR", birthYear: 1975 } });
    const moved = await place(first.id);
    const kept = await place(second.id);
    await t.ctx.db.update(placements).set({ candidateId: second.id }).where(eq(placements.id, moved));
    expect(await backgroundOf(moved)).toMatchObject({ gender: "female", country: "IR", birthYear: 1975 });
    await t.ctx.db.update(candidateBackgrounds).set({ gender: "male" }).where(eq(candidateBackgrounds.candidateId, first.id));
    expect(await backgroundOf(moved)).toMatchObject({ gender: "female" });
    expect(await backgroundOf(kept)).toMatchObject({ gender: "female" });
  });

  it("is null for a placement without a candidate and for a candidate without a background", async () => {
    expect(await backgroundOf(await place(null))).toMatchObject({ gender: null, country: null, birthYear: null });
    const person = await makeCandidate(t.ctx.db, tenantId);
    await t.ctx.db.delete(candidateBackgrounds).where(eq(candidateBackgrounds.candidateId, person.id));
    expect(await backgroundOf(await place(person.id))).toMatchObject({ gender: null, country: null, birthYear: null });
  });
});
