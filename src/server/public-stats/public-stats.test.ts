import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { Client, TestApp } from "../testing/test-app.ts";
import { employers } from "../employers/tables.ts";
import { placements } from "../placements/tables.ts";
import { addDays } from "../placements/service.ts";
import { osloDate } from "../platform/dates.ts";
import { makeCandidate, makeEmployer } from "../placements/test-fixtures.ts";
import { networkStatsListSchema, publicStatsSchema } from "../../shared/public-stats.ts";
import type { CountTable } from "../../shared/dashboard.ts";
import { matchesEtag } from "./service.ts";

/*
 * Public statistics against a small network counted by hand (dates relative to today, in Norway):
 *
 * | who                          | placement                                                            | when          |
 * |------------------------------|----------------------------------------------------------------------|---------------|
 * | 6 women, Syria               | ordinary permanent at Omsorg AS (NACE Q), security guard (ISCO 5)     | 400 days ago  |
 * | 5 men, Eritrea               | ordinary temporary at Transport AS (NACE C), driver (ISCO 8)          | 100 days ago  |
 * | 2 "other", Poland            | summer job at "Sommer AS" (no employer record, no occupation)         | 50 days ago   |
 *
 * Whole history: 13 people placed, 11 in ordinary work, 3 companies (under 5), 3 countries (under 5). Gender:
 * women 6, men hidden (suppressed: else the 2 "other" could be computed from the total), other under 5. Industries
 * and occupation groups (placements): 6, suppressed, unknown under 5. Last 12 months: 7 placements. Another
 * network's placements never count.
 */

const cargoDriver = "http://data.europa.eu/esco/occupation/45037d43-a8f5-4f46-b332-b2935bc305f4"; // ISCO 8332
const securityGuard = "http://data.europa.eu/esco/occupation/31808988-fc0a-4bc3-9e47-27216d6759f5"; // ISCO 5414
const cells = (table: CountTable | undefined) => Object.fromEntries(table!.cells.map((c) => [c.key, c.count ?? c.suppression]));

describe("public statistics", () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  let instanceAdmin: Client;
  let slug: string;
  const today = osloDate(new Date());

  beforeAll(async () => {
    t = await createTestApp();
    const network = await t.createNetwork({ name: "Aaa Telle-nettverk" });
    slug = network.slug;
    admin = await t.as("admin", network.id);
    const tenantId = network.id;
    const q = await makeEmployer(t.ctx.db, tenantId, "Omsorg AS");
    const c = await makeEmployer(t.ctx.db, tenantId, "Transport AS");
    await t.ctx.db.update(employers).set({ naceCode: "87.101", naceSection: "Q" }).where(eq(employers.id, q.id));
    await t.ctx.db.update(employers).set({ naceCode: "10.110", naceSection: "C" }).where(eq(employers.id, c.id));
    const rows: (typeof placements.$inferInsert)[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "female", countryOfBirth: "SY", birthYear: 1990 } });
      rows.push({ tenantId, candidateId: p.id, employerId: q.id, employerName: "Omsorg AS", occupationUri: securityGuard, type: "ordinary_permanent", startDate: addDays(today, -400) });
    }
    for (let i = 0; i < 5; i++) {
      const p = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "male", countryOfBirth: "ER", birthYear: 2000 } });
      rows.push({ tenantId, candidateId: p.id, employerId: c.id, employerName: "Transport AS", occupationUri: cargoDriver, type: "ordinary_temporary", startDate: addDays(today, -100) });
    }
    for (let i = 0; i < 2; i++) {
      const p = await makeCandidate(t.ctx.db, tenantId, { background: { gender: "other", countryOfBirth: "PL", birthYear: 1960 } });
      rows.push({ tenantId, candidateId: p.id, employerName: "Sommer AS", type: "summer_job", startDate: addDays(today, -50) });
    }
    await t.ctx.db.insert(placements).values(rows);
    expect(
      (await admin.post("/api/v1/goals", { name: "100 i arbeid", kind: "deadline", target: 100, startDate: addDays(today, -500), deadline: addDays(today, 300) })).statusCode,
    ).toBe(201);

    // Another network that publishes, with placements of its own.
    const other = await t.createNetwork({ name: "Bbb Annet nettverk" });
    const otherAdmin = await t.as("admin", other.id);
    for (let i = 0; i < 10; i++) {
      const p = await makeCandidate(t.ctx.db, other.id, { background: { gender: "female", countryOfBirth: "SY", birthYear: 1990 } });
      await t.ctx.db.insert(placements).values({ tenantId: other.id, candidateId: p.id, employerName: "B AS", type: "ordinary_permanent", startDate: addDays(today, -30) });
    }
    expect((await otherAdmin.patch("/api/v1/network", { publicStats: { enabled: true, figures: ["peopleInWork"] } })).statusCode).toBe(200);

    const user = await t.createUser(tenantId, "viewer", { instanceAdmin: true });
    instanceAdmin = await t.signIn(user.email, user.password);
  });
  afterAll(() => t.close());

  it("is off until the network publishes: 404 problem+json, as for an unknown network", async () => {
    for (const path of [`/api/public/networks/${slug}/stats`, "/api/public/networks/no-such-network/stats"]) {
      const response = await t.anonymous.get(path);
      expect(response.statusCode).toBe(404);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().code).toBe("not_found");
      expect(response.headers["access-control-allow-origin"]).toBe("*");
    }
    expect((await admin.get("/api/v1/network")).json().publicStats).toEqual({
      enabled: false,
      figures: ["peopleInWork", "companies", "countries", "genderSplit", "occupationGroups", "industries"],
    });
  });

  it("the network chooses its figures through PATCH /api/v1/network (checked)", async () => {
    expect((await admin.patch("/api/v1/network", { publicStats: { enabled: true, figures: ["peopleInWork", "peopleInWork"] } })).statusCode).toBe(400);
    expect((await admin.patch("/api/v1/network", { publicStats: { enabled: true, figures: ["salaries"] } })).statusCode).toBe(400);
    expect((await admin.patch("/api/v1/network", { publicStats: { enabled: true } })).statusCode).toBe(400);
    const viewer = await t.as("viewer", admin.tenantId);
    expect((await viewer.patch("/api/v1/network", { publicStats: { enabled: true, figures: [] } })).statusCode).toBe(403);
    const response = await admin.patch("/api/v1/network", { publicStats: { enabled: true, figures: ["industries", "peopleInWork", "companies", "countries", "genderSplit"] } });
    expect(response.statusCode, response.body).toBe(200);
    // Kept in the page's order.
    expect(response.json().publicStats).toEqual({ enabled: true, figures: ["peopleInWork", "companies", "countries", "genderSplit", "industries"] });
  });

  it("equals the hand count, suppressed, and only the chosen figures", async () => {
    const response = await t.anonymous.get(`/api/public/networks/${slug}/stats?lang=en`);
    expect(response.statusCode, response.body).toBe(200);
    const stats = publicStatsSchema.parse(response.json());
    expect(stats.network.slug).toBe(slug);
    expect(stats.period).toEqual({ from: addDays(today, -400), to: today });
    expect(stats.minimumGroupSize).toBe(5);
    expect(stats.peopleInWork).toEqual({ count: 11, suppression: null });
    expect(stats.companies).toEqual({ count: null, suppression: "under_5" });
    expect(stats.countries).toEqual({ count: null, suppression: "under_5" });
    expect(cells(stats.genderSplit)).toEqual({ female: 6, male: "suppressed", other: "under_5" });
    expect(stats.genderSplit!.total).toBe(13);
    expect(stats.genderSplit!.cells.find((cell) => cell.key === "female")!.label).toBe("Female");
    expect(cells(stats.industries)).toEqual({ Q: 6, C: "suppressed", unknown: "under_5" });
    expect(stats.occupationGroups).toBeUndefined();
    // No person's name or id anywhere.
    expect(response.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const nb = publicStatsSchema.parse((await t.anonymous.get(`/api/public/networks/${slug}/stats`)).json());
    expect(nb.genderSplit!.cells.find((cell) => cell.key === "female")!.label).toBe("Kvinne");
  });

  it("is open to every site (GET, no credentials) and cached: cache-control, ETag and 304", async () => {
    const first = await t.anonymous.request("GET", `/api/public/networks/${slug}/stats`, undefined, { origin: "https://example.org" });
    expect(first.statusCode).toBe(200);
    expect(first.headers["access-control-allow-origin"]).toBe("*");
    expect(first.headers["access-control-allow-methods"]).toBe("GET");
    expect(first.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.anonymous.request("GET", `/api/public/networks/${slug}/stats`, undefined, { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    expect(again.headers["cache-control"]).toBe("public, max-age=300");
    expect((await t.anonymous.request("GET", `/api/public/networks/${slug}/stats`, undefined, { "if-none-match": '"other"' })).statusCode).toBe(200);
    // Another language is another body.
    expect((await t.anonymous.request("GET", `/api/public/networks/${slug}/stats?lang=en`, undefined, { "if-none-match": etag })).statusCode).toBe(200);

    // A new placement: the counted figures are kept for five minutes (same ETag) ...
    const p = await makeCandidate(t.ctx.db, admin.tenantId, { background: { gender: "female", countryOfBirth: "SY", birthYear: 1990 } });
    await t.ctx.db.insert(placements).values({ tenantId: admin.tenantId, candidateId: p.id, employerName: "Omsorg AS", type: "ordinary_permanent", startDate: addDays(today, -10) });
    expect((await t.anonymous.get(`/api/public/networks/${slug}/stats`)).headers.etag).toBe(etag);
    // ... but a change of the network's choice shows at once, and turning it off answers 404 at once.
    expect((await admin.patch("/api/v1/network", { publicStats: { enabled: true, figures: ["peopleInWork"] } })).statusCode).toBe(200);
    const fewer = await t.anonymous.get(`/api/public/networks/${slug}/stats`);
    expect(Object.keys(fewer.json()).sort()).toEqual(["countedAt", "minimumGroupSize", "network", "peopleInWork", "period"]);
    expect(fewer.headers.etag).not.toBe(etag);
    expect((await admin.patch("/api/v1/network", { publicStats: { enabled: false, figures: ["peopleInWork"] } })).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/public/networks/${slug}/stats`)).statusCode).toBe(404);
    expect((await admin.patch("/api/v1/network", { publicStats: { enabled: true, figures: ["peopleInWork", "genderSplit"] } })).statusCode).toBe(200);
  });

  it("is in the OpenAPI description, without sign-in", async () => {
    const spec = (await t.anonymous.get("/api/openapi.json")).json();
    expect(spec.paths["/api/public/networks/{slug}/stats"].get.security).toEqual([]);
    expect(spec.paths["/api/v1/admin/networks/stats"].get).toBeDefined();
  });

  it("matchesEtag: lists, weak tags and *", () => {
    expect(matchesEtag('"a", "b"', '"b"')).toBe(true);
    expect(matchesEtag('W/"b"', '"b"')).toBe(true);
    expect(matchesEtag("*", '"b"')).toBe(true);
    expect(matchesEtag('"a"', '"b"')).toBe(false);
    expect(matchesEtag(undefined, '"b"')).toBe(false);
  });

  it("every network side by side, for instance administrators only", async () => {
    expect((await admin.get("/api/v1/admin/networks/stats")).statusCode).toBe(403);
    expect((await t.anonymous.get("/api/v1/admin/networks/stats")).statusCode).toBe(401);
    const response = await instanceAdmin.get("/api/v1/admin/networks/stats?lang=en");
    expect(response.statusCode, response.body).toBe(200);
    const list = networkStatsListSchema.parse(response.json());
    const names = list.items.map((item) => item.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
    const mine = list.items.find((item) => item.slug === slug)!;
    // 11 from the hand count and the one added above (the whole-history figures may be the cached ones).
    expect([11, 12]).toContain(mine.peopleInWork.count);
    expect(mine.companies).toEqual({ count: null, suppression: "under_5" });
    expect(mine.placementsLast12Months).toEqual({ count: 8, suppression: null });
    expect(mine.mainGoal).toMatchObject({ name: "100 i arbeid", target: 100, people: { count: 12, suppression: null }, share: 0.12 });
    expect(mine.publicStatsEnabled).toBe(true);
    const other = list.items.find((item) => item.name === "Bbb Annet nettverk")!;
    expect(other.peopleInWork).toEqual({ count: 10, suppression: null });
    expect(other.mainGoal).toBeNull();
  });
});

describe("framing the statistics page", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("lets other sites frame /networks/{slug}/stats (as the member list), and not its look-alikes", async () => {
    for (const path of ["/networks/globale-asker/stats", "/networks/globale-asker/stats?lang=en"]) {
      const embed = await t.anonymous.get(path);
      expect(embed.headers["x-frame-options"], path).toBeUndefined();
      expect(embed.headers["content-security-policy"], path).toContain("frame-ancestors *");
    }
    for (const other of ["/networks/x/stats-evil", "/networks/x/stats/../../sign-in", "/admin/networks", "/settings"]) {
      const response = await t.anonymous.get(other);
      expect(response.headers["x-frame-options"], other).toBe("SAMEORIGIN");
      expect(response.headers["content-security-policy"], other).toContain("frame-ancestors 'none'");
    }
  });
});
