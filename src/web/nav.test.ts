import { describe, expect, it } from "vitest";
import { hasNestedItem, navFor } from "./nav.ts";

describe("the main menu", () => {
  it("marks one item current: an item with another under it matches its own path only", () => {
    const employer = navFor("employer");
    const item = (to: string) => employer.find((i) => i.to === to)!;
    expect(hasNestedItem(item("/"), employer)).toBe(true);
    expect(hasNestedItem(item("/portal"), employer)).toBe(true);
    expect(hasNestedItem(item("/portal/candidates"), employer)).toBe(false);
    const advisor = navFor("advisor");
    // /placements/new and /placements/follow-ups are under "Ansettelser".
    expect(hasNestedItem(advisor.find((i) => i.to === "/placements")!, advisor)).toBe(false);
  });

  it("shows all networks to instance administrators only, whatever their role", () => {
    expect(navFor("admin").map((i) => i.to)).not.toContain("/admin/networks");
    expect(navFor("viewer", true).map((i) => i.to)).toContain("/admin/networks");
  });
});
