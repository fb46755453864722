import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { createDemoNetwork } from "../demo/service.ts";

/* `mangfold demo` gives the candidate user a record of her own in the candidate portal, also after a refresh. */
describe("the demo's candidate portal", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("links the demo candidate user to a candidate with a consent request waiting and suggested jobs, once", async () => {
    await createDemoNetwork(t.ctx, { candidates: 20, employers: 5 });
    const { logins } = await createDemoNetwork(t.ctx, { candidates: 20, employers: 5 });
    const login = logins.find((l) => l.role === "candidate")!;
    const candidate = await t.signIn(login.email, login.password);
    const profile = await candidate.get("/api/v1/my/profile");
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json()).toMatchObject({ firstName: "Amal", lastName: "Kandidat", networkName: "Globale Bærum (demo)" });
    const requests = (await candidate.get("/api/v1/my/consent-requests")).json().items;
    expect(requests.filter((r: { status: string }) => r.status === "pending")).toHaveLength(1);
    const matches = await candidate.get("/api/v1/my/matches?lang=nb");
    expect(matches.statusCode).toBe(200);
    expect(matches.json().items.length).toBeGreaterThan(0);
  });
});
