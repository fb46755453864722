import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatOrgNumber, isValidOrgNumber, normaliseOrgNumber, orgNumberCheckDigit, orgNumberProblem } from "./orgnr.ts";
import { orgNumberSchema } from "./employers.ts";

/** Valid organisation numbers: eight digits whose check digit exists, plus that digit. */
const validOrgNumber = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
  .map((digits) => digits.join(""))
  .filter((firstEight) => orgNumberCheckDigit(firstEight) !== null)
  .map((firstEight) => `${firstEight}${orgNumberCheckDigit(firstEight)}`);

describe("organisation numbers (modulus 11)", () => {
  it("accepts known valid numbers and rejects known invalid ones", () => {
    // Brønnøysundregistrene's own and two other well-known numbers.
    for (const valid of ["974760673", "923609016", "985399077"]) expect(orgNumberProblem(valid)).toBeNull();
    expect(orgNumberProblem("974760674")).toBe("wrong_check_digit");
    expect(orgNumberProblem("97476067")).toBe("not_nine_digits");
    expect(orgNumberProblem("97476067a")).toBe("not_nine_digits");
  });

  it("every valid number passes, written in any of the usual ways", () => {
    fc.assert(
      fc.property(validOrgNumber, (digits) => {
        expect(isValidOrgNumber(digits)).toBe(true);
        expect(isValidOrgNumber(formatOrgNumber(digits))).toBe(true);
        expect(isValidOrgNumber(`NO${digits}MVA`)).toBe(true);
        expect(orgNumberSchema.parse(formatOrgNumber(digits))).toBe(digits);
      }),
      { numRuns: 2000 },
    );
  });

  it("every single-digit change of a valid number fails", () => {
    fc.assert(
      fc.property(validOrgNumber, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (digits, position, delta) => {
        const changed = `${digits.slice(0, position)}${(Number(digits[position]) + delta) % 10}${digits.slice(position + 1)}`;
        expect(changed).not.toBe(digits);
        expect(orgNumberProblem(changed)).toBe("wrong_check_digit");
        const parsed = orgNumberSchema.safeParse(changed);
        expect(parsed.success).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it("every number whose remainder would need check digit 10 is never valid", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }), (digits) => {
        const firstEight = digits.join("");
        if (orgNumberCheckDigit(firstEight) !== null) return;
        for (let last = 0; last <= 9; last++) expect(orgNumberProblem(`${firstEight}${last}`)).toBe("wrong_check_digit");
      }),
    );
  });

  it("normalises spaces, dots, dashes and the VAT form", () => {
    expect(normaliseOrgNumber(" 974 760 673 ")).toBe("974760673");
    expect(normaliseOrgNumber("974.760.673")).toBe("974760673");
    expect(normaliseOrgNumber("no974760673mva")).toBe("974760673");
    expect(formatOrgNumber("974760673")).toBe("974 760 673");
  });
});
