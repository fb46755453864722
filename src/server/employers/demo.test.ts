import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { createDemoNetwork } from "../demo/service.ts";
import { runOperation } from "../operations.ts";
import { users } from "../platform/tables.ts";
import { placements } from "../placements/tables.ts";
import { employerActivities, employerCertificates, employerContacts, employerStatusChanges, employers } from "./tables.ts";
import { insertTestEmployer } from "./test-fixtures.ts";
import { osloDate } from "../platform/dates.ts";
import { isValidOrgNumber } from "../../shared/orgnr.ts";

describe("demo employers", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const snapshot = async (tenantId: string) =>
    (await t.ctx.db.select().from(employers).where(eq(employers.tenantId, tenantId)).orderBy(asc(employers.orgNumber))).map((e) => [e.orgNumber, e.name, e.naceCode, e.membershipStatus]);

  it("creates ~200 fictional employers across industries and the pipeline, with contacts, timelines, tasks and hires; the same for a seed; replaced on a re-run", async () => {
    const started = performance.now();
    const demo = await createDemoNetwork(t.ctx, { candidates: 50 });
    const ms = performance.now() - started;
    const tenantId = demo.network.id;
    const rows = await t.ctx.db.select().from(employers).where(eq(employers.tenantId, tenantId));
    expect(rows).toHaveLength(200);
    expect(rows.every((e) => isValidOrgNumber(e.orgNumber) && e.orgNumber.startsWith("1"))).toBe(true);
    expect(new Set(rows.map((e) => e.orgNumber)).size).toBe(200);
    const sections = new Set(rows.map((e) => e.naceSection));
    for (const section of ["G", "N", "Q", "F", "B", "D", "M", "J", "I", "R"]) expect(sections, section).toContain(section);
    expect(rows.some((e) => e.name.includes("Fotballklubb"))).toBe(true);
    const statuses = new Set(rows.map((e) => e.membershipStatus));
    expect([...statuses].sort()).toEqual(["certified", "contacted", "lapsed", "member", "prospect"]);
    expect(rows.filter((e) => e.publicListing).length).toBeGreaterThan(10);

    const history = await t.ctx.db.select().from(employerStatusChanges).where(eq(employerStatusChanges.tenantId, tenantId));
    for (const e of rows.slice(0, 50)) {
      const own = history.filter((h) => h.employerId === e.id).sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
      expect(own[0]!.fromStatus).toBeNull();
      expect(own.at(-1)!.toStatus).toBe(e.membershipStatus);
    }
    const certified = rows.filter((e) => e.membershipStatus === "certified");
    const certificates = await t.ctx.db.select().from(employerCertificates).where(and(eq(employerCertificates.tenantId, tenantId), eq(employerCertificates.kind, "certification")));
    expect(certificates.length).toBe(certified.length);
    const hires = await t.ctx.db.select().from(placements).where(eq(placements.tenantId, tenantId));
    expect(hires.length).toBeGreaterThanOrEqual(certified.length);

    const contacts = await t.ctx.db.select().from(employerContacts).where(eq(employerContacts.tenantId, tenantId));
    expect(contacts.length).toBeGreaterThan(200);

    // Open and overdue follow-ups for the demo coordinator and advisor.
    const [advisor] = await t.ctx.db.select().from(users).where(eq(users.email, "advisor@demo.mangfold.example"));
    const open = await t.ctx.db
      .select()
      .from(employerActivities)
      .where(and(eq(employerActivities.followUpAssigneeUserId, advisor!.id), isNotNull(employerActivities.followUpDueOn), isNull(employerActivities.followUpDoneAt)));
    expect(open.filter((a) => a.followUpDueOn! < osloDate()).length).toBeGreaterThanOrEqual(2);

    // The demo employer user sees their company in the portal.
    const login = demo.logins.find((l) => l.role === "employer")!;
    const employerClient = await t.signIn(login.email, login.password);
    const portal = await employerClient.get("/api/v1/employer-portal");
    expect(portal.statusCode, portal.body).toBe(200);
    expect(["member", "certified"]).toContain(portal.json().employer.membershipStatus);

    // Someone's own employer in the demo network survives a refresh; the demo ones are replaced, the same again.
    const own = await insertTestEmployer(t.ctx.db, tenantId, { name: "Added By Hand AS" });
    const before = await snapshot(tenantId);
    const refreshed = await createDemoNetwork(t.ctx, { candidates: 50 });
    expect(await snapshot(tenantId)).toEqual(before);
    expect(await t.ctx.db.select().from(employers).where(eq(employers.id, own.id))).toHaveLength(1);
    const again = await t.signIn(login.email, refreshed.logins.find((l) => l.role === "employer")!.password);
    expect((await again.get("/api/v1/employer-portal")).statusCode).toBe(200);
    console.log(`demo: 200 employers (and 50 candidates) in ${Math.round(ms)} ms`);
  }, 180_000);

  it("takes --employers and --seed from the CLI operation", async () => {
    await runOperation(t.ctx, "demo", { candidates: "10", employers: "12", seed: "other" });
    const demo = await t.ctx.db.query.networks.findFirst({ where: (n, { eq }) => eq(n.slug, "demo") });
    const rows = await t.ctx.db.select().from(employers).where(and(eq(employers.tenantId, demo!.id)));
    expect(rows.filter((e) => e.website.endsWith(".demo.mangfold.example"))).toHaveLength(12);
    await expect(runOperation(t.ctx, "demo", { employers: "-1" })).rejects.toThrow(/employers/);
  }, 120_000);
});
