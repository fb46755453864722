import { afterEach, describe, expect, it, vi } from "vitest";
import { lookupRegister, saveEmployer } from "./api.ts";
import { ApiError } from "../../api.ts";

const answer = (status: number, body: unknown) =>
  vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" } })));

describe("saveEmployer", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("gives the existing employers of a possible_duplicate 409", async () => {
    const duplicates = [{ id: "0b0e6f0c-6c53-4c39-9d55-3e0b4f1e0a11", name: "Fjordkaffe AS", orgNumber: "921234562" }];
    answer(409, { status: 409, code: "possible_duplicate", detail: "x", duplicates });
    expect(await saveEmployer(null, { orgNumber: "921234562" }, false)).toEqual({ duplicates });
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe("/api/v1/employers?confirmNotDuplicate=false");
  });

  it("gives the created employer, and sends confirmNotDuplicate=true when asked", async () => {
    answer(201, { id: "e1" });
    expect(await saveEmployer(null, {}, true)).toEqual({ saved: { id: "e1" } });
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe("/api/v1/employers?confirmNotDuplicate=true");
  });

  it("changes an employer with PATCH, with the same duplicate check", async () => {
    const duplicates = [{ id: "0b0e6f0c-6c53-4c39-9d55-3e0b4f1e0a11", name: "Fjordkaffe AS", orgNumber: "921234562" }];
    answer(409, { status: 409, code: "possible_duplicate", detail: "x", duplicates });
    expect(await saveEmployer("e1", { orgNumber: "921234562" }, false)).toEqual({ duplicates });
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe("/api/v1/employers/e1?confirmNotDuplicate=false");
    expect(vi.mocked(fetch).mock.calls[0]![1]).toMatchObject({ method: "PATCH" });
  });

  it("throws other problems with their field errors", async () => {
    answer(400, { status: 400, code: "validation_failed", errors: [{ path: "body.orgNumber", message: "bad" }] });
    const error = await saveEmployer(null, {}, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errors[0]!.path).toBe("body.orgNumber");
  });
});

describe("lookupRegister", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks by organisation number or by name", async () => {
    answer(200, { items: [] });
    await lookupRegister({ orgNumber: "921234562" });
    await lookupRegister({ q: "fjord kaffe" });
    expect(vi.mocked(fetch).mock.calls.map((c) => c[0])).toEqual(["/api/v1/register/entities?orgNumber=921234562", "/api/v1/register/entities?q=fjord+kaffe"]);
  });

  it("says the register is unavailable on 503, so the form can be filled in by hand", async () => {
    answer(503, { status: 503, code: "register_unavailable", detail: "timeout" });
    expect(await lookupRegister({ orgNumber: "921234562" })).toEqual({ unavailable: true });
  });

  it("throws other errors", async () => {
    answer(400, { status: 400, code: "validation_failed" });
    await expect(lookupRegister({ q: "x" })).rejects.toBeInstanceOf(ApiError);
  });
});
