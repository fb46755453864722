import { queryOptions } from "@tanstack/react-query";
import type { CountCell, CountTable, Figure } from "../../../shared/dashboard.ts";
import type { PublicStats } from "../../../shared/public-stats.ts";
import { api } from "../../api.ts";

/* The public statistics (contract: shared/public-stats.ts): the query and the pure formatting the page uses. */

export type { PublicStats };

export function publicStatsQuery(slug: string, lang: "nb" | "en") {
  return queryOptions({
    queryKey: ["public", "stats", slug, lang],
    queryFn: ({ signal }) => api<PublicStats>(`/api/public/networks/${encodeURIComponent(slug)}/stats?lang=${lang}`, { signal }),
    retry: false,
  });
}

type Texts = { under: string; hidden: string };
const words: Record<"nb" | "en", (min: number) => Texts> = {
  nb: (min) => ({ under: `under ${min}`, hidden: "skjult" }),
  en: (min) => ({ under: `under ${min}`, hidden: "hidden" }),
};

/** A published figure as text: the number in the language's style, "under 5" for 1–4, "hidden" for a secondary suppression. */
export function figureText(figure: Pick<Figure, "count" | "suppression">, lang: "nb" | "en", minimumGroupSize = 5): string {
  if (figure.count !== null) return figure.count.toLocaleString(lang === "nb" ? "nb-NO" : "en-GB");
  return figure.suppression === "under_5" ? words[lang](minimumGroupSize).under : words[lang](minimumGroupSize).hidden;
}

/** A cell's share of its table as a whole percentage (for the bar and its text), or null when the cell or total is hidden. */
export function sharePercent(cell: Pick<CountCell, "share">): number | null {
  return cell.share === null ? null : Math.round(cell.share * 100);
}

/**
 * The cells to list: shown counts largest first, then the hidden ones, "unknown" and "other" last; empty cells
 * left out (no one in them). A withheld table lists nothing.
 */
export function cellsToList(table: Pick<CountTable, "cells" | "withheld">): CountCell[] {
  if (table.withheld) return [];
  const rank = (cell: CountCell) => (cell.key === "unknown" || cell.key === "other" ? 2 : cell.count === null ? 1 : 0);
  return table.cells
    .filter((cell) => cell.count !== 0)
    .map((cell, index) => ({ cell, index }))
    .sort((a, b) => rank(a.cell) - rank(b.cell) || (b.cell.count ?? 0) - (a.cell.count ?? 0) || a.index - b.index)
    .map(({ cell }) => cell);
}

/** A label without its code ("Q Helse- og sosialtjenester" → "Helse- og sosialtjenester"; "5 Salgs- og serviceyrker" → "Salgs- og serviceyrker"). */
export const withoutCode = (label: string) => label.replace(/^(?:[A-U]|\d) (?=\S)/, "");
