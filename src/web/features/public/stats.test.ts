import { describe, expect, it } from "vitest";
import { cellsToList, figureText, sharePercent, withoutCode } from "./stats.ts";

const cell = (key: string, count: number | null, suppression: "under_5" | "suppressed" | null = null, share: number | null = null) => ({ key, label: key, count, suppression, share });

describe("public statistics formatting", () => {
  it("writes figures in the language's style, small ones as under 5", () => {
    expect(figureText({ count: 1234, suppression: null }, "nb")).toBe("1\u00a0234");
    expect(figureText({ count: 1234, suppression: null }, "en")).toBe("1,234");
    expect(figureText({ count: 0, suppression: null }, "nb")).toBe("0");
    expect(figureText({ count: null, suppression: "under_5" }, "nb")).toBe("under 5");
    expect(figureText({ count: null, suppression: "under_5" }, "en")).toBe("under 5");
    expect(figureText({ count: null, suppression: "suppressed" }, "nb")).toBe("skjult");
    expect(figureText({ count: null, suppression: "suppressed" }, "en")).toBe("hidden");
  });

  it("gives shares as whole percentages, none for hidden cells", () => {
    expect(sharePercent({ share: 6 / 13 })).toBe(46);
    expect(sharePercent({ share: null })).toBeNull();
  });

  it("lists the largest first, hidden after, unknown last, and no empty cells", () => {
    const table = { withheld: false, cells: [cell("unknown", null, "under_5"), cell("C", null, "suppressed"), cell("A", 0), cell("Q", 6), cell("H", 9)] };
    expect(cellsToList(table).map((c) => c.key)).toEqual(["H", "Q", "C", "unknown"]);
    expect(cellsToList({ ...table, withheld: true })).toEqual([]);
  });

  it("drops the code from an industry or occupation group label", () => {
    expect(withoutCode("Q Helse- og sosialtjenester")).toBe("Helse- og sosialtjenester");
    expect(withoutCode("5 Salgs- og serviceyrker")).toBe("Salgs- og serviceyrker");
    expect(withoutCode("Ukjent")).toBe("Ukjent");
  });
});
