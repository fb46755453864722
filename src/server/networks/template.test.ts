import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import type { Client } from "../testing/test-app.ts";
import { networks } from "./tables.ts";
import { auditLog } from "../platform/tables.ts";
import { employerSettings, employers } from "../employers/tables.ts";
import { pipelineStages } from "../jobs/tables.ts";
import { ensureStages } from "../jobs/stages.ts";
import { traineeTemplates } from "../trainee-programme/tables.ts";
import { traineeInterviewCriteria } from "../trainee-recruitment/tables.ts";
import { ensureCriteria } from "../trainee-recruitment/shortlist.ts";
import { partners, serviceTypes } from "../services/tables.ts";
import { ensureDefaultServiceTypes } from "../services/service.ts";
import { retentionSettings } from "../privacy/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { goals } from "../goals/tables.ts";
import { memberships, invitations } from "../users/tables.ts";
import { placements } from "../placements/tables.ts";
import { defaultTemplate } from "../../shared/trainee-programme.ts";
import { makeCandidate, makeEmployer } from "../placements/test-fixtures.ts";

/*
 * A neighbouring municipality starts its own network from an existing one (issue 10): the way the template works
 * is copied, its people never are.
 */

describe("a new network from a template", () => {
  let t: TestApp;
  let template: string;
  let instanceAdmin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    template = (await t.createNetwork({ name: "Globale Bærum", slug: "globale-baerum" })).id;
    const db = t.ctx.db;
    await db.update(networks).set({ themeColor: "#1d4f2a", exclusionCostNok: 12_000_000, requireTwoFactorForAdmins: true, publicStats: { enabled: true, figures: ["peopleInWork", "companies"] } }).where(eq(networks.id, template));
    await db.insert(employerSettings).values({ tenantId: template, certificationRule: { minHires: 3, windowMonths: 12, validityMonths: 36 } });
    await db.insert(retentionSettings).values({ tenantId: template, erasureDelayDays: 14, inactiveMonths: 18, accessLogMonths: 36, outboxDays: 30 });
    await ensureStages(db, template);
    await db.update(pipelineStages).set({ labelNb: "Første samtale" }).where(and(eq(pipelineStages.tenantId, template), eq(pipelineStages.position, 1)));
    await db.insert(traineeTemplates).values({ tenantId: template, ...defaultTemplate, activities: [{ title: "Velkomst i Bærum", kind: "onboarding", dayOffset: 0 }] });
    await ensureCriteria(db, template);
    const [partner] = await db.insert(partners).values({ tenantId: template, name: "NAV Bærum", kind: "nav" }).returning();
    await ensureDefaultServiceTypes(db, template);
    await db.insert(serviceTypes).values({ tenantId: template, name: "Sykkelopplæring", defaultPartnerId: partner!.id });
    await db.insert(serviceTypes).values({ tenantId: template, name: "Nedlagt tilbud", archived: true });
    // People and organisations, which must stay behind.
    const person = await makeCandidate(db, template, { firstName: "Amina" });
    await makeEmployer(db, template, "Fjordkaffe AS");
    await db.insert(placements).values({ tenantId: template, candidateId: person.id, employerName: "Fjordkaffe AS", type: "ordinary_permanent", startDate: "2026-01-05" });
    await db.insert(goals).values({ tenantId: template, name: "1000 i arbeid", kind: "deadline", target: 1000, startDate: "2025-01-01", deadline: "2027-12-31", placementTypes: ["ordinary_permanent"] });
    const admin = await t.createUser((await t.createNetwork()).id, "admin", { instanceAdmin: true });
    instanceAdmin = await t.signIn(admin.email, admin.password);
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) =>
    instanceAdmin.post("/api/v1/networks", { name: "Globale Asker", slug: "globale-asker", municipality: "Asker", admin: { email: "leder@asker.example" }, ...body });

  it("copies the settings, the certification rule, stages, programme template, criteria and service types — and no one", async () => {
    const response = await create({ templateNetworkId: template });
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().network.id as string;
    expect(response.json().network).toMatchObject({ themeColor: "#1d4f2a", exclusionCostNok: 12_000_000, requireTwoFactorForAdmins: true, publicStats: { enabled: false, figures: ["peopleInWork", "companies"] } });
    const db = t.ctx.db;
    expect((await db.select().from(employerSettings).where(eq(employerSettings.tenantId, id)))[0]?.certificationRule).toEqual({ minHires: 3, windowMonths: 12, validityMonths: 36 });
    expect((await db.select().from(retentionSettings).where(eq(retentionSettings.tenantId, id)))[0]).toMatchObject({ erasureDelayDays: 14, inactiveMonths: 18, accessLogMonths: 36, outboxDays: 30 });
    const stages = async (tenant: string) => (await db.select().from(pipelineStages).where(eq(pipelineStages.tenantId, tenant)).orderBy(asc(pipelineStages.position))).map(({ key, labelNb, labelEn, position, meaning }) => ({ key, labelNb, labelEn, position, meaning }));
    expect(await stages(id)).toEqual(await stages(template));
    expect((await stages(id)).some((stage) => stage.labelNb === "Første samtale")).toBe(true);
    expect((await db.select().from(traineeTemplates).where(eq(traineeTemplates.tenantId, id)))[0]?.activities).toEqual([{ title: "Velkomst i Bærum", kind: "onboarding", dayOffset: 0 }]);
    const criteria = async (tenant: string) => (await db.select().from(traineeInterviewCriteria).where(eq(traineeInterviewCriteria.tenantId, tenant)).orderBy(asc(traineeInterviewCriteria.position))).map((c) => c.labelNb);
    expect(await criteria(id)).toEqual(await criteria(template));
    const types = await db.select().from(serviceTypes).where(eq(serviceTypes.tenantId, id));
    expect(types.map((type) => type.name)).toContain("Sykkelopplæring");
    expect(types.map((type) => type.name)).not.toContain("Nedlagt tilbud");
    expect(types.every((type) => type.defaultPartnerId === null)).toBe(true);
    // Nobody and nothing of the template's people and organisations.
    for (const table of [candidates, employers, partners, goals, placements, memberships] as const) {
      expect((await db.select({ n: count() }).from(table).where(eq(table.tenantId, id)))[0]!.n).toBe(0);
    }
    expect((await db.select().from(invitations).where(eq(invitations.tenantId, id))).map((i) => [i.email, i.role])).toEqual([["leder@asker.example", "admin"]]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "network.create"), eq(auditLog.entityId, id)));
    expect(audit?.after).toMatchObject({ templateNetworkId: template, copied: { pipelineStages: (await stages(template)).length, serviceTypes: types.length } });
  });

  it("leaves the template as it was", async () => {
    expect((await t.ctx.db.select().from(networks).where(eq(networks.id, template)))[0]).toMatchObject({ themeColor: "#1d4f2a", publicStats: { enabled: true } });
    expect((await t.ctx.db.select({ n: count() }).from(candidates).where(eq(candidates.tenantId, template)))[0]!.n).toBe(1);
  });

  it("refuses an unknown template with a clear error, and creates nothing", async () => {
    const response = await create({ slug: "globale-drammen", templateNetworkId: "00000000-0000-4000-8000-000000000000" });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "body.templateNetworkId" }] });
    expect(await t.ctx.db.select().from(networks).where(eq(networks.slug, "globale-drammen"))).toEqual([]);
  });

  it("without a template, starts with the defaults", async () => {
    const response = await create({ slug: "globale-lier" });
    expect(response.statusCode).toBe(201);
    expect(response.json().network).toMatchObject({ themeColor: "#0062ba", exclusionCostNok: 10_000_000 });
  });
});
