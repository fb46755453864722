import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { createApiToken } from "../platform/tokens.ts";
import { maxSavedFiltersPerPage } from "../../shared/saved-filters.ts";

describe("saved filters", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("saves, lists per page and deletes a person's own filters", async () => {
    const me = await t.as("advisor");
    const saved = await me.post("/api/v1/saved-filters", { page: "employers", name: "Members in Bærum", query: { membershipStatus: "member", municipality: "Bærum" } });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ page: "employers", name: "Members in Bærum", query: { membershipStatus: "member", municipality: "Bærum" } });
    await me.post("/api/v1/saved-filters", { page: "employers", name: "Another", query: {} });
    await me.post("/api/v1/saved-filters", { page: "candidates", name: "Active", query: { status: "active" } });
    const employers = (await me.get("/api/v1/saved-filters?page=employers")).json().items;
    expect(employers.map((f: { name: string }) => f.name)).toEqual(["Another", "Members in Bærum"]);
    expect((await me.get("/api/v1/saved-filters?page=candidates")).json().items).toHaveLength(1);
    expect((await me.delete(`/api/v1/saved-filters/${saved.json().id}`)).statusCode).toBe(204);
    expect((await me.get("/api/v1/saved-filters?page=employers")).json().items).toHaveLength(1);
    expect((await me.delete(`/api/v1/saved-filters/${saved.json().id}`)).statusCode).toBe(404);
  });

  it("refuses bad input, a taken name and too many filters", async () => {
    const me = await t.as("admin");
    expect((await me.get("/api/v1/saved-filters")).statusCode).toBe(400);
    expect((await me.get("/api/v1/saved-filters?page=jobs")).statusCode).toBe(400);
    expect((await me.post("/api/v1/saved-filters", { page: "employers", name: "", query: {} })).statusCode).toBe(400);
    expect((await me.post("/api/v1/saved-filters", { page: "employers", name: "x", query: { q: 1 } })).statusCode).toBe(400);
    expect((await me.post("/api/v1/saved-filters", { page: "employers", name: "x", query: { "bad key": "1" } })).statusCode).toBe(400);
    expect((await me.post("/api/v1/saved-filters", { page: "employers", name: "Same", query: {} })).statusCode).toBe(201);
    const taken = await me.post("/api/v1/saved-filters", { page: "employers", name: "Same", query: { q: "x" } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].path).toBe("body.name");
    // The same name on another page is fine.
    expect((await me.post("/api/v1/saved-filters", { page: "candidates", name: "Same", query: {} })).statusCode).toBe(201);
    for (let i = 1; i < maxSavedFiltersPerPage; i++) await me.post("/api/v1/saved-filters", { page: "employers", name: `F${i}`, query: {} });
    expect((await me.post("/api/v1/saved-filters", { page: "employers", name: "One too many", query: {} })).statusCode).toBe(422);
  });

  it("another person's filter is not found, and is not listed; API tokens have none", async () => {
    const me = await t.as("advisor");
    const colleague = await t.as("advisor", me.tenantId);
    const mine = (await me.post("/api/v1/saved-filters", { page: "employers", name: "Mine", query: {} })).json();
    expect((await colleague.get("/api/v1/saved-filters?page=employers")).json().items).toEqual([]);
    expect((await colleague.delete(`/api/v1/saved-filters/${mine.id}`)).statusCode).toBe(404);
    expect((await me.get("/api/v1/saved-filters?page=employers")).json().items).toHaveLength(1);
    const token = (await createApiToken(t.ctx.db, { kind: "system", tenantId: me.tenantId }, { tenantId: me.tenantId, role: "admin", name: "x" })).token;
    expect((await t.bearer(token).get("/api/v1/saved-filters?page=employers")).statusCode).toBe(403);
  });
});
