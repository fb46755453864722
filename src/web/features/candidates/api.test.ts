import { afterEach, describe, expect, it, vi } from "vitest";
import { postCandidate } from "./api.ts";
import { ApiError } from "../../api.ts";

/** The registration call as the interview uses it: a duplicate warning is an answer, other errors are errors. */
describe("postCandidate", () => {
  afterEach(() => vi.unstubAllGlobals());
  const answer = (status: number, body: unknown) =>
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" } })));

  it("gives the look-alikes of a possible_duplicate 409", async () => {
    const duplicates = [{ id: "0b0e6f0c-6c53-4c39-9d55-3e0b4f1e0a11", firstName: "Samir", lastName: "Haddad", reasons: ["email"] }];
    answer(409, { type: "urn:mangfold:problem:possible-duplicate", title: "x", status: 409, detail: "x", code: "possible_duplicate", duplicates });
    expect(await postCandidate({ firstName: "Samir" }, false)).toEqual({ duplicates });
  });

  it("gives the created candidate, and sends confirmNotDuplicate when asked", async () => {
    answer(201, { id: "c1" });
    expect(await postCandidate({ firstName: "Samir" }, true)).toEqual({ created: { id: "c1" } });
    expect(vi.mocked(fetch).mock.calls[0]![0]).toBe("/api/v1/candidates?confirmNotDuplicate=true");
  });

  it("throws other problems as ApiError with their field errors", async () => {
    answer(400, { status: 400, code: "validation_failed", detail: "bad", errors: [{ path: "body.firstName", message: "is required" }] });
    const error = await postCandidate({}, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errors[0]!.path).toBe("body.firstName");
  });
});
