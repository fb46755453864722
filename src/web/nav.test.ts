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

describe("the home page's shortcuts", () => {
  it("have a label and a description in both languages for every menu item", async () => {
    const { NAV } = await import("./nav.ts");
    for (const lang of ["nb", "en"]) {
      const messages = (await import(`./i18n/${lang}.json`, { with: { type: "json" } })).default as Record<string, unknown>;
      const get = (key: string) => key.split(".").reduce<unknown>((o, part) => (o && typeof o === "object" ? (o as Record<string, unknown>)[part] : undefined), messages);
      for (const item of NAV) {
        expect(typeof get(item.label), `${lang} ${item.label}`).toBe("string");
        expect(typeof get(`${item.label}Description`), `${lang} ${item.label}Description`).toBe("string");
      }
    }
  });
});
