import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { createDemoNetwork } from "../demo/service.ts";
import { mentoringMeetings, mentors, mentorships } from "./tables.ts";
import { demoMentorCount } from "./demo.ts";

describe("the demo's mentoring", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("has 20 mentors from several organisations, relationships in every state with meetings, and a mentor login that sees its mentees; a re-run replaces them", async () => {
    await createDemoNetwork(t.ctx, { candidates: 60, employers: 5 });
    const { network, logins } = await createDemoNetwork(t.ctx, { candidates: 60, employers: 5 });
    const rows = await t.ctx.db.select().from(mentors).where(eq(mentors.tenantId, network.id));
    expect(rows).toHaveLength(demoMentorCount);
    expect(new Set(rows.map((m) => m.organisation)).size).toBeGreaterThanOrEqual(4);
    expect(rows.filter((m) => m.organisation.includes("Rotary")).length).toBeGreaterThanOrEqual(2);
    const relationships = await t.ctx.db.select().from(mentorships).where(eq(mentorships.tenantId, network.id));
    expect(new Set(relationships.map((r) => r.status))).toEqual(new Set(["proposed", "active", "ended", "declined"]));
    expect((await t.ctx.db.select().from(mentoringMeetings).where(eq(mentoringMeetings.tenantId, network.id))).length).toBeGreaterThan(10);

    const mentorLogin = logins.find((l) => l.role === "mentor")!;
    const mentor = await t.signIn(mentorLogin.email, mentorLogin.password);
    const mine = (await mentor.get("/api/v1/mentoring/relationships")).json().items as { status: string }[];
    expect(mine.map((r) => r.status).sort()).toEqual(["active", "ended", "proposed"]);
  }, 180_000);
});
