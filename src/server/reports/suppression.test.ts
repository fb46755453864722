import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { suppressCount, suppressTable } from "./suppression.ts";
import type { PublishedTable } from "./suppression.ts";

/*
 * Suppression, checked against a reader who knows every shown cell and the total, that "under 5" is 1–4 and
 * "suppressed" is 5 or more, and enumerates every table that fits: no hidden cell under five may have one value.
 */

/** Every value each hidden cell can take in some table consistent with what is published. */
function possibleValues(table: PublishedTable): Map<number, Set<number>> {
  const hidden = table.cells.flatMap((cell, i) => (cell.suppression ? [{ i, lo: cell.suppression === "under_5" ? 1 : 5, under5: cell.suppression === "under_5" }] : []));
  const shown = table.cells.reduce((sum, cell) => sum + (cell.count ?? 0), 0);
  const values = new Map(hidden.map((h) => [h.i, new Set<number>()]));
  if (table.total === null) {
    // Without a total the only knowledge is the bounds: an "under 5" cell can be any of 1–4.
    for (const h of hidden) for (let v = h.lo; v <= (h.under5 ? 4 : h.lo + 3); v++) values.get(h.i)!.add(v);
    return values;
  }
  const rest = table.total - shown;
  const chosen: number[] = [];
  const walk = (k: number, left: number) => {
    if (k === hidden.length) {
      if (left === 0) hidden.forEach((h, j) => values.get(h.i)!.add(chosen[j]!));
      return;
    }
    const h = hidden[k]!;
    const hi = h.under5 ? Math.min(4, left) : left;
    for (let v = h.lo; v <= hi; v++) {
      chosen[k] = v;
      walk(k + 1, left - v);
    }
  };
  walk(0, rest);
  return values;
}

const cellsArbitrary = fc.array(fc.nat({ max: 14 }), { minLength: 1, maxLength: 6 }).map((counts) => counts.map((count, i) => ({ key: `k${i}`, count })));

describe("small-count suppression", () => {
  it("shows cells of five or more and zero, and hides 1–4 as under 5", () => {
    const table = suppressTable(
      [
        { key: "a", count: 0 },
        { key: "b", count: 12 },
        { key: "c", count: 30 },
      ],
      { publishTotal: true },
    );
    expect(table).toEqual({
      cells: [
        { key: "a", count: 0, suppression: null },
        { key: "b", count: 12, suppression: null },
        { key: "c", count: 30, suppression: null },
      ],
      total: 42,
      totalSuppressed: false,
    });
  });

  it("hides a second cell when the total would reveal a single small one", () => {
    const table = suppressTable([
      { key: "women", count: 40 },
      { key: "men", count: 37 },
      { key: "other", count: 2 },
    ]);
    expect(table.cells.map((c) => c.suppression)).toEqual([null, "suppressed", "under_5"]);
    expect(table.total).toBe(79);
  });

  it("hides the total when no cell is left to hide", () => {
    const table = suppressTable([
      { key: "a", count: 3 },
      { key: "b", count: 0 },
    ]);
    expect(table).toMatchObject({ total: null, totalSuppressed: true });
    expect(table.cells[0]).toEqual({ key: "a", count: null, suppression: "under_5" });
  });

  it("never lets a reader compute a hidden cell under five from the published cells and total (property)", () => {
    fc.assert(
      fc.property(cellsArbitrary, fc.boolean(), (cells, publishTotal) => {
        const table = suppressTable(cells, { publishTotal });
        const possible = possibleValues(table);
        cells.forEach((cell, i) => {
          const published = table.cells[i]!;
          if (cell.count >= 1 && cell.count <= 4) expect(published).toEqual({ key: cell.key, count: null, suppression: "under_5" });
          if (published.suppression === null) expect(published.count).toBe(cell.count);
          if (published.suppression === "under_5") {
            const values = possible.get(i)!;
            // The truth is among them, and it is not the only one.
            expect(values.has(cell.count)).toBe(true);
            expect(values.size).toBeGreaterThan(1);
          }
        });
        if (table.total !== null) expect(table.total).toBe(cells.reduce((sum, c) => sum + c.count, 0));
      }),
      { numRuns: 2000 },
    );
  });

  it("suppresses a single figure under five", () => {
    expect(suppressCount(4)).toEqual({ count: null, suppression: "under_5" });
    expect(suppressCount(5)).toEqual({ count: 5, suppression: null });
    expect(suppressCount(0)).toEqual({ count: 0, suppression: null });
  });
});
