import { minimumGroupSize } from "../../shared/reports.ts";

/*
 * Small-count suppression for every published figure (reports, exports, PDFs, public statistics).
 *
 * A cell counting 1–4 people is shown as "under 5" (primary suppression); 0 is shown, it is no one. When the
 * table's total is published, a reader could subtract the shown cells from it, so more cells are hidden
 * (secondary suppression, shown as "suppressed") until no primary cell can be computed; when no cell is left to
 * hide, the total is hidden too.
 *
 * What a reader is assumed to know, and what the property test checks by enumeration: every shown cell and the
 * total exactly, that an "under 5" cell is 1–4, that a "suppressed" cell is 5 or more, and that the cells add up
 * to the total. Given one equation and those bounds, the values a hidden cell can take form the interval
 * [max(lo, S − Σ others' hi), min(hi, S − Σ others' lo)], where S is the total minus the shown cells. A primary
 * cell is safe when that interval holds at least two values.
 *
 * Figures derived from counts (shares, rates) must be derived from the published cells: a hidden cell's share is
 * hidden too.
 */

export type Suppression = "under_5" | "suppressed";
export type PublishedCell<K extends string = string> = { key: K; count: number | null; suppression: Suppression | null };
export type PublishedTable<K extends string = string> = { cells: PublishedCell<K>[]; total: number | null; totalSuppressed: boolean };

const isSmall = (count: number) => count > 0 && count < minimumGroupSize;

function bounds(suppression: Suppression): [number, number] {
  return suppression === "under_5" ? [1, minimumGroupSize - 1] : [minimumGroupSize, Number.POSITIVE_INFINITY];
}

/** The values hidden cell `i` can take for a reader who knows the rest of the table; see above. */
export function feasibleRange(hidden: readonly { suppression: Suppression }[], i: number, hiddenSum: number): [number, number] {
  let othersLo = 0;
  let othersHi = 0;
  hidden.forEach((cell, j) => {
    if (j === i) return;
    const [lo, hi] = bounds(cell.suppression);
    othersLo += lo;
    othersHi += hi;
  });
  const [lo, hi] = bounds(hidden[i]!.suppression);
  return [Math.max(lo, hiddenSum - othersHi), Math.min(hi, hiddenSum - othersLo)];
}

/**
 * Suppresses one table of counts (a partition of a population, e.g. people by gender). `publishTotal`: whether
 * the total is shown beside the cells (a total shown elsewhere on the same page counts as shown).
 */
export function suppressTable<K extends string>(cells: readonly { key: K; count: number }[], options: { publishTotal: boolean } = { publishTotal: true }): PublishedTable<K> {
  const total = cells.reduce((sum, cell) => sum + cell.count, 0);
  const suppression = new Map<number, Suppression>();
  cells.forEach((cell, i) => {
    if (isSmall(cell.count)) suppression.set(i, "under_5");
  });
  let totalSuppressed = false;
  if (suppression.size > 0 && options.publishTotal) {
    for (;;) {
      const hiddenIndexes = [...suppression.keys()];
      const hidden = hiddenIndexes.map((i) => ({ count: cells[i]!.count, suppression: suppression.get(i)! }));
      const hiddenSum = hidden.reduce((sum, cell) => sum + cell.count, 0);
      const revealed = hidden.some((cell, h) => {
        if (cell.suppression !== "under_5") return false;
        const [lo, hi] = feasibleRange(hidden, h, hiddenSum);
        return hi - lo < 1;
      });
      if (!revealed) break;
      // Hide the smallest shown cell of five or more (the least information lost); none left: hide the total.
      let next = -1;
      cells.forEach((cell, i) => {
        if (suppression.has(i) || cell.count < minimumGroupSize) return;
        if (next < 0 || cell.count < cells[next]!.count) next = i;
      });
      if (next < 0) {
        totalSuppressed = true;
        break;
      }
      suppression.set(next, "suppressed");
    }
  }
  return {
    cells: cells.map((cell, i) => {
      const s = suppression.get(i) ?? null;
      return { key: cell.key, count: s ? null : cell.count, suppression: s };
    }),
    total: options.publishTotal && !totalSuppressed ? total : null,
    totalSuppressed: options.publishTotal && totalSuppressed,
  };
}

/** A single figure about people (e.g. "people in work"): shown from five, else "under 5". */
export function suppressCount(count: number): { count: number | null; suppression: Suppression | null } {
  return isSmall(count) ? { count: null, suppression: "under_5" } : { count, suppression: null };
}
