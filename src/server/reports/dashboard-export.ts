import { suppressedSize, underFive } from "../../shared/reports.ts";
import type { Dashboard, DashboardTableId, Figure } from "../../shared/dashboard.ts";

/*
 * The dashboard's tables as rows for CSV and XLSX (platform/tabular.ts): the very figures of the API response, so
 * the same suppression; a hidden cell reads "under 5" or "suppressed".
 */

type Lang = "nb" | "en";
type Cell = string | number | null;

const head = {
  nb: {
    goals: ["Mål", "Type", "Fra", "Til", "Målt per", "Mål (antall)", "Personer", "Forventet nå (rett linje)", "Foran (+) / bak (−)", "Prognose ved slutt", "Prognose: mål nådd", "Status"],
    keyFigures: ["Tall", "Verdi"],
    retention: ["Måneder etter start", "Besvart", "Fortsatt i jobb", "Ikke i jobb", "Andel fortsatt i jobb"],
    count: ["Nøkkel", "Gruppe", "Antall", "Andel"],
    total: "Sum",
    kinds: { deadline: "Frist", yearly: "Hvert år" },
    figures: {
      peoplePlaced: "Personer formidlet",
      peopleInWork: "Personer i ordinært arbeid",
      placements: "Formidlinger",
      companiesWithHire: "Virksomheter med minst én ansettelse",
      countriesOfBirth: "Fødeland",
      ageRange: "Aldersspenn",
      period: "Periode",
    },
    statuses: { not_started: "Ikke startet", reached: "Nådd", on_track: "I rute", behind: "Bak", missed: "Ikke nådd" },
  },
  en: {
    goals: ["Goal", "Kind", "From", "To", "As of", "Target", "People", "Expected now (straight line)", "Ahead (+) / behind (−)", "Projected at end", "Projected date reached", "Status"],
    keyFigures: ["Figure", "Value"],
    retention: ["Months after start", "Answered", "Still employed", "Not employed", "Share still employed"],
    count: ["Key", "Group", "Count", "Share"],
    total: "Total",
    kinds: { deadline: "Deadline", yearly: "Every year" },
    figures: {
      peoplePlaced: "People placed",
      peopleInWork: "People in ordinary paid work",
      placements: "Placements",
      companiesWithHire: "Companies with at least one hire",
      countriesOfBirth: "Countries of birth",
      ageRange: "Age range",
      period: "Period",
    },
    statuses: { not_started: "Not started", reached: "Reached", on_track: "On track", behind: "Behind", missed: "Missed" },
  },
} as const;

/** A published count as a cell: the number, or why it is hidden. */
export const countCell = (figure: Figure | { count: number | null; suppression: string | null }): Cell =>
  figure.count !== null ? figure.count : figure.suppression === "under_5" ? underFive : figure.suppression ? suppressedSize : null;
const share = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

export function dashboardTableRows(report: Dashboard, id: DashboardTableId, lang: Lang): Cell[][] {
  const h = head[lang];
  if (id === "goals") {
    return [
      [...h.goals],
      ...report.goals.map((g) => [
        g.goal.name,
        h.kinds[g.goal.kind],
        g.window.from,
        g.window.to,
        g.asOf,
        g.target,
        countCell(g.people),
        g.expectedByNow,
        g.aheadBy,
        g.forecast.projectedAtEnd,
        g.forecast.projectedReachDate,
        g.status ? h.statuses[g.status] : null,
      ]),
    ];
  }
  if (id === "keyFigures") {
    const k = report.keyFigures;
    return [
      [...h.keyFigures],
      [h.figures.period, `${report.period.from} – ${report.period.to}`],
      [h.figures.peoplePlaced, countCell(k.peoplePlaced)],
      [h.figures.peopleInWork, countCell(k.peopleInWork)],
      [h.figures.placements, countCell(k.placements)],
      [h.figures.companiesWithHire, countCell(k.companiesWithHire)],
      [h.figures.countriesOfBirth, countCell(k.countriesOfBirth)],
      [h.figures.ageRange, k.ageRange.label],
      [`${report.valueToSociety.label} (NOK)`, report.valueToSociety.estimateNok ?? countCell(report.valueToSociety.peopleInWork)],
      [report.valueToSociety.label, report.valueToSociety.assumption],
    ];
  }
  if (id === "retention") {
    return [[...h.retention], ...report.retention.map((r) => [r.months, countCell(r.answered), countCell(r.stillEmployed), countCell(r.notEmployed), share(r.rate)])];
  }
  const table = report.tables.find((t) => t.id === id)!;
  return [
    [...h.count],
    ...table.cells.map((cell) => [cell.key, cell.label, countCell(cell), share(cell.share)]),
    ["total", h.total, table.total ?? suppressedSize, table.total === null ? null : 1],
  ];
}

/** The export's file name: dashboard-<table>-<from>-<to>.<format>. */
export const exportFileName = (report: Dashboard, id: DashboardTableId, format: "csv" | "xlsx") => `dashboard-${id}-${report.period.from}-${report.period.to}.${format}`;
