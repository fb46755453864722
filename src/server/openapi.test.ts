import { describe, expect, it } from "vitest";
import { createTestApp } from "./testing/test-app.ts";

describe("API description", () => {
  it("serves OpenAPI 3.1 for /api/v1 and /api/public, and renders it at /api/docs", async () => {
    const t = await createTestApp();
    try {
      const response = await t.anonymous.get("/api/openapi.json");
      expect(response.statusCode).toBe(200);
      const spec = response.json();
      expect(spec.openapi).toBe("3.1.0");
      const paths = Object.keys(spec.paths);
      expect(paths).toEqual(expect.arrayContaining(["/api/v1/me", "/api/v1/users", "/api/v1/users/{userId}", "/api/v1/invitations", "/api/public/invitations/{token}", "/api/v1/network", "/api/v1/outbox"]));
      expect(paths.every((p) => p.startsWith("/api/v1") || p.startsWith("/api/public"))).toBe(true);
      // Request schemas come from the same zod contracts the server validates with.
      const invite = spec.paths["/api/v1/invitations"].post.requestBody.content["application/json"].schema;
      expect(invite.required).toEqual(expect.arrayContaining(["email", "role"]));
      expect(invite.additionalProperties).toBe(false);
      const docs = await t.anonymous.get("/api/docs/static/index.html");
      expect([200, 302]).toContain(docs.statusCode);
      expect((await t.anonymous.get("/api/docs/json")).json().openapi).toBe("3.1.0");
    } finally {
      await t.close();
    }
  });
});
