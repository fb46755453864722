import { describe, expect, it } from "vitest";
import { toAppError } from "./errors.ts";

/*
 * What the database refuses because of a value the request carried is the request's fault (4xx), whatever route
 * wrote it; anything else unexpected stays a 500 without details.
 */
describe("database errors as problems", () => {
  it("maps PostgreSQL's data exceptions and integrity violations to 400 or 409, directly or as Drizzle's cause", () => {
    expect(toAppError(Object.assign(new Error("invalid byte sequence for encoding \"UTF8\": 0x00"), { code: "22021" }))).toMatchObject({ code: "validation_failed", status: 400 });
    expect(toAppError(Object.assign(new Error("Failed query"), { cause: { code: "22003" } }))).toMatchObject({ code: "validation_failed", status: 400 });
    expect(toAppError(Object.assign(new Error("Failed query"), { cause: { code: "23503" } }))).toMatchObject({ code: "validation_failed", status: 400 });
    expect(toAppError(Object.assign(new Error("Failed query"), { cause: { code: "23514" } }))).toMatchObject({ code: "validation_failed", status: 400 });
    expect(toAppError(Object.assign(new Error("Failed query"), { cause: { code: "23505" } }))).toMatchObject({ code: "conflict", status: 409 });
  });

  it("keeps our own faults and the system's as 500 without details", () => {
    for (const code of ["P0001", "42P01", "40P01", "EPIPE", "ECONNRESET", undefined]) {
      const problem = toAppError(Object.assign(new Error("secret detail"), { code }));
      expect(problem).toMatchObject({ code: "internal_error", status: 500 });
      expect(problem.message).not.toContain("secret");
    }
  });
});
