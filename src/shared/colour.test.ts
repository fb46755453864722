import { describe, expect, it } from "vitest";
import { carriesWhiteText, contrastRatio } from "./colour.ts";

describe("theme colour contrast", () => {
  it("computes the WCAG ratio of black on white as 21", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });
  it("accepts a dark blue and refuses yellow for white text", () => {
    expect(carriesWhiteText("#0062ba")).toBe(true);
    expect(carriesWhiteText("#ffd700")).toBe(false);
  });
  it("refuses what is not a six-digit hex colour", () => {
    expect(carriesWhiteText("blue")).toBe(false);
    expect(carriesWhiteText("#000")).toBe(false);
  });
});
