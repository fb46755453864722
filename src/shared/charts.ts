import type { TopLevelSpec } from "vega-lite";
import type { CountTable, Dashboard, GoalProgress } from "./dashboard.ts";

/*
 * The dashboard's charts as Vega-Lite specs (issue 6), one definition for the browser (rendered to SVG by
 * src/web/features/dashboard/Chart.tsx) and for the board report PDF (rendered to SVG on the server by
 * src/server/reports/board-report.ts). Pure functions of the dashboard data: no DOM, no vega runtime here.
 *
 * Readable in colour-blind eyes and in greyscale print: one series per chart is one dark blue; the goal chart's
 * three lines differ in lightness (dark blue, mid orange, grey) and in dash pattern, never red against green.
 * Every chart carries a `description` (Vega puts it on the SVG as its ARIA label) and a plain-language `summary`
 * for the page. Suppressed cells (count null: "under 5" or hidden) are left out of the drawing — never drawn as
 * zero — and the summary says how many were left out.
 */

export type ChartLang = "nb" | "en";

/** Colour-blind-safe ink with distinct lightness (prints as three greys). */
export const chartPalette = {
  /** The data: dark blue (lightness ≈ 32). */
  primary: "#1f4e79",
  /** The straight line (expected): mid grey, dashed. */
  expected: "#6b6b6b",
  /** The forecast: orange from the Okabe–Ito set (lightness ≈ 73), dotted. */
  forecast: "#d55e00",
  /** Target line. */
  target: "#111111",
  text: "#1b1f23",
  grid: "#d0d4d8",
} as const;

export const chartFont = "Noto Sans, Inter, system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";

export type ChartId = "goal" | "placementsByMonth" | "gender" | "ageBand" | "regionOfBirth" | "countryOfBirth" | "industry" | "occupationGroup" | "placementType";

export type ChartDefinition = {
  id: ChartId;
  title: string;
  /** The Vega-Lite spec; `description` is its ARIA label. */
  spec: TopLevelSpec;
  /** A plain-language summary of what the chart shows, including what was left out. */
  summary: string;
  /** Labels of the cells not drawn because they are suppressed. */
  omitted: string[];
};

const texts = {
  nb: {
    locale: "nb-NO",
    count: "Antall",
    people: "personer",
    placements: "formidlinger",
    month: "Måned",
    date: "Dato",
    actual: "Faktisk",
    expected: "Rett linje mot målet",
    forecast: "Prognose",
    target: "Mål",
    barChart: (title: string) => `Stolpediagram: ${title}.`,
    lineChart: (title: string) => `Linjediagram: ${title}.`,
    largest: (label: string, n: string) => `Størst er ${label} med ${n}.`,
    shown: (n: number, unit: string, total: string | null) => (total === null ? `${n} grupper vises. Totalen er skjult.` : `${n} grupper vises, til sammen ${total} ${unit}.`),
    omitted: (labels: string[]) =>
      `${labels.length === 1 ? "1 gruppe er" : `${labels.length} grupper er`} ikke tegnet fordi tallet er under 5 eller skjult for å verne om enkeltpersoner: ${labels.join(", ")}.`,
    nothing: "Ingen tall å vise for perioden.",
    withheld: "Tabellen er holdt tilbake: gruppene er så små at ingen av dem kan vises uten at noen kan regnes ut.",
    monthsSummary: (months: number, total: string, peak: string, peakN: string) => `${months} måneder, til sammen ${total} formidlinger. Flest i ${peak} (${peakN}).`,
    goalHidden: (name: string) => `${name}: antallet er under 5 eller skjult, så kurven tegnes ikke.`,
    goalSummary: (g: { name: string; people: string; target: string; expected: string; asOf: string; ahead: string }) =>
      `${g.name}: ${g.people} av ${g.target} per ${g.asOf}. Etter den rette linjen skulle det vært ${g.expected}. ${g.ahead}`,
    ahead: (n: string) => `Det er ${n} foran linjen.`,
    behind: (n: string) => `Det er ${n} bak linjen.`,
    onLine: "Det er akkurat på linjen.",
    forecastAt: (n: string, date: string) => `Med farten de siste månedene blir det omtrent ${n} innen ${date}.`,
  },
  en: {
    locale: "en-GB",
    count: "Count",
    people: "people",
    placements: "placements",
    month: "Month",
    date: "Date",
    actual: "Actual",
    expected: "Straight line to the target",
    forecast: "Forecast",
    target: "Target",
    barChart: (title: string) => `Bar chart: ${title}.`,
    lineChart: (title: string) => `Line chart: ${title}.`,
    largest: (label: string, n: string) => `The largest is ${label} with ${n}.`,
    shown: (n: number, unit: string, total: string | null) => (total === null ? `${n} groups shown. The total is hidden.` : `${n} groups shown, ${total} ${unit} in all.`),
    omitted: (labels: string[]) =>
      `${labels.length === 1 ? "1 group is" : `${labels.length} groups are`} not drawn because the number is under 5 or hidden to protect individuals: ${labels.join(", ")}.`,
    nothing: "No figures to show for the period.",
    withheld: "The table is withheld: the groups are so small that none can be shown without one being computable.",
    monthsSummary: (months: number, total: string, peak: string, peakN: string) => `${months} months, ${total} placements in all. Most in ${peak} (${peakN}).`,
    goalHidden: (name: string) => `${name}: the number is under 5 or hidden, so the curve is not drawn.`,
    goalSummary: (g: { name: string; people: string; target: string; expected: string; asOf: string; ahead: string }) =>
      `${g.name}: ${g.people} of ${g.target} as of ${g.asOf}. On the straight line it would be ${g.expected}. ${g.ahead}`,
    ahead: (n: string) => `That is ${n} ahead of the line.`,
    behind: (n: string) => `That is ${n} behind the line.`,
    onLine: "That is exactly on the line.",
    forecastAt: (n: string, date: string) => `At the pace of recent months it will be about ${n} by ${date}.`,
  },
} as const;

export function formatNumber(n: number, lang: ChartLang, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(texts[lang].locale, { maximumFractionDigits }).format(n);
}

export function formatDay(date: string, lang: ChartLang): string {
  return new Intl.DateTimeFormat(texts[lang].locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

/** Shared look: readable sizes (12–14 px at 100 %), quiet grid, no chart border; SVG ARIA on. */
export function chartConfig() {
  return {
    font: chartFont,
    background: "#ffffff",
    view: { stroke: null },
    axis: {
      labelFontSize: 13,
      titleFontSize: 13,
      titleFontWeight: 600 as const,
      labelColor: chartPalette.text,
      titleColor: chartPalette.text,
      gridColor: chartPalette.grid,
      domainColor: "#888888",
      tickColor: "#888888",
      labelLimit: 180,
    },
    legend: { labelFontSize: 13, titleFontSize: 13, labelColor: chartPalette.text, titleColor: chartPalette.text, orient: "bottom" as const, symbolStrokeWidth: 3, labelLimit: 260 },
    text: { fontSize: 12, color: chartPalette.text },
    bar: { color: chartPalette.primary },
    aria: true,
  };
}

function unitWord(table: CountTable, lang: ChartLang) {
  return table.unit === "people" ? texts[lang].people : texts[lang].placements;
}

/** Splits a table into drawn cells and the labels of suppressed ones. */
export function drawableCells(table: CountTable) {
  const drawn = table.cells.filter((c): c is typeof c & { count: number } => c.count !== null);
  const omitted = table.cells.filter((c) => c.count === null).map((c) => c.label);
  return { drawn, omitted };
}

/** A horizontal bar chart of one count table: one bar per published cell, in the table's order, with its number. */
export function breakdownChart(table: CountTable, lang: ChartLang, options: { width?: number } = {}): ChartDefinition {
  const t = texts[lang];
  const { drawn, omitted } = drawableCells(table);
  const values = drawn.map((c, i) => ({ order: i, label: c.label, count: c.count, text: formatNumber(c.count, lang) }));
  const parts: string[] = [];
  if (table.withheld) parts.push(t.withheld);
  else if (drawn.length === 0) parts.push(t.nothing);
  else {
    const top = drawn.reduce((a, b) => (b.count > a.count ? b : a));
    parts.push(t.shown(drawn.length, unitWord(table, lang), table.total === null ? null : formatNumber(table.total, lang)));
    parts.push(t.largest(top.label, formatNumber(top.count, lang)));
  }
  if (omitted.length && !table.withheld) parts.push(t.omitted(omitted));
  const summary = parts.join(" ");
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `${t.barChart(table.title)} ${summary}`,
    width: options.width ?? 480,
    height: { step: 26 },
    // Room on the right for the number at the end of the longest bar.
    padding: { left: 4, top: 4, bottom: 4, right: 32 },
    config: chartConfig(),
    // The width is the whole chart's, axis labels included, so it fits its column.
    autosize: { type: "fit-x", contains: "padding" },
    data: { values },
    encoding: {
      // The table's own order (sort: null keeps the data's order).
      y: { field: "label", type: "nominal", sort: null, title: null, axis: { labelFontSize: 13 } },
      x: { field: "count", type: "quantitative", title: `${t.count} ${unitWord(table, lang)}`, axis: { tickMinStep: 1, format: "d" } },
    },
    layer: [
      { mark: { type: "bar", color: chartPalette.primary, cornerRadiusEnd: 2 }, encoding: { description: { field: "text" } } },
      { mark: { type: "text", align: "left", dx: 4, fontSize: 12, color: chartPalette.text, aria: false }, encoding: { text: { field: "text" } } },
    ],
  };
  return { id: table.id as ChartId, title: table.title, spec, summary, omitted };
}

/** Placements per month as vertical bars (months in order); suppressed months are left out. */
export function monthlyChart(table: CountTable, lang: ChartLang, options: { width?: number } = {}): ChartDefinition {
  const t = texts[lang];
  const { drawn, omitted } = drawableCells(table);
  const values = drawn.map((c) => ({ key: c.key, label: c.label, count: c.count, text: formatNumber(c.count, lang) }));
  const parts: string[] = [];
  if (drawn.length === 0) parts.push(t.nothing);
  else {
    const sum = drawn.reduce((s, c) => s + c.count, 0);
    const peak = drawn.reduce((a, b) => (b.count > a.count ? b : a));
    parts.push(t.monthsSummary(table.cells.length, formatNumber(table.total ?? sum, lang), peak.label, formatNumber(peak.count, lang)));
  }
  if (omitted.length) parts.push(t.omitted(omitted));
  const summary = parts.join(" ");
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `${t.barChart(table.title)} ${summary}`,
    width: options.width ?? 560,
    height: 220,
    config: chartConfig(),
    // The width is the whole chart's, axis labels included, so it fits its column.
    autosize: { type: "fit-x", contains: "padding" },
    data: { values },
    mark: { type: "bar", color: chartPalette.primary },
    encoding: {
      x: {
        field: "key",
        type: "ordinal",
        title: t.month,
        // Every month keeps its slot (a hidden month is a gap, not a zero).
        scale: { domain: table.cells.map((c) => c.key) },
        axis: { labelExpr: labelExprFor(table), labelAngle: -45, labelFontSize: 12 },
      },
      y: { field: "count", type: "quantitative", title: `${t.count} ${t.placements}`, axis: { tickMinStep: 1, format: "d" } },
      description: { field: "text" },
    },
  };
  return { id: "placementsByMonth", title: table.title, spec, summary, omitted };
}

/** A Vega expression mapping a cell key to its label (the server's month names). */
function labelExprFor(table: CountTable): string {
  const map = Object.fromEntries(table.cells.map((c) => [c.key, c.label]));
  return `${JSON.stringify(map)}[datum.value] || datum.value`;
}

/**
 * A goal's progress: the actual count from the window's start to today, the straight line from 0 to the target
 * at the window's end, and the forecast from today at the recent pace. Lines differ in colour lightness and dash.
 */
export function goalChart(progress: GoalProgress, lang: ChartLang, options: { width?: number } = {}): ChartDefinition {
  const t = texts[lang];
  const { goal, window, asOf, people, target, expectedByNow, forecast } = progress;
  const title = goal.name;
  if (people.count === null) {
    const summary = t.goalHidden(goal.name);
    return {
      id: "goal",
      title,
      summary,
      omitted: [goal.name],
      spec: {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        description: `${t.lineChart(title)} ${summary}`,
        width: options.width ?? 480,
        height: 200,
        config: chartConfig(),
        autosize: { type: "fit-x", contains: "padding" },
        data: { values: [{ date: window.from, value: 0, series: t.expected }, { date: window.to, value: target, series: t.expected }] },
        mark: { type: "line", strokeDash: [6, 4], color: chartPalette.expected, strokeWidth: 2 },
        encoding: { x: { field: "date", type: "temporal", title: t.date }, y: { field: "value", type: "quantitative", title: t.count } },
      },
    };
  }
  const values: { date: string; value: number; series: string }[] = [
    { date: window.from, value: 0, series: t.expected },
    { date: window.to, value: target, series: t.expected },
    { date: window.from, value: 0, series: t.actual },
    { date: asOf, value: people.count, series: t.actual },
  ];
  const hasForecast = forecast.projectedAtEnd !== null && asOf < window.to;
  if (hasForecast) values.push({ date: asOf, value: people.count, series: t.forecast }, { date: window.to, value: Math.round(forecast.projectedAtEnd!), series: t.forecast });
  // Only the lines drawn are in the legend.
  const series = hasForecast ? [t.actual, t.expected, t.forecast] : [t.actual, t.expected];
  const colours = [chartPalette.primary, chartPalette.expected, chartPalette.forecast].slice(0, series.length);
  const dashes = [[1, 0], [8, 5], [2, 3]].slice(0, series.length);
  const ahead = progress.aheadBy ?? 0;
  const aheadText = Math.round(ahead) === 0 ? t.onLine : ahead > 0 ? t.ahead(formatNumber(Math.round(ahead), lang)) : t.behind(formatNumber(Math.round(-ahead), lang));
  let summary = t.goalSummary({
    name: goal.name,
    people: formatNumber(people.count, lang),
    target: formatNumber(target, lang),
    expected: formatNumber(Math.round(expectedByNow), lang),
    asOf: formatDay(asOf, lang),
    ahead: aheadText,
  });
  if (forecast.projectedAtEnd !== null && asOf < window.to) summary += ` ${t.forecastAt(formatNumber(Math.round(forecast.projectedAtEnd), lang), formatDay(window.to, lang))}`;
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `${t.lineChart(title)} ${summary}`,
    width: options.width ?? 480,
    height: 220,
    config: chartConfig(),
    // The width is the whole chart's, axis labels included, so it fits its column.
    autosize: { type: "fit-x", contains: "padding" },
    layer: [
      {
        data: { values },
        mark: { type: "line", strokeWidth: 3, point: { filled: true, size: 50 } },
        encoding: {
          x: { field: "date", type: "temporal", title: t.date, axis: { format: "%b %Y", labelFontSize: 12, tickCount: 5 } },
          y: { field: "value", type: "quantitative", title: t.count, scale: { domainMin: 0 } },
          color: {
            field: "series",
            type: "nominal",
            title: null,
            scale: { domain: series, range: colours },
            // A line in the legend, so its dash shows (the key for greyscale print).
            legend: { symbolType: "stroke", symbolSize: 500, symbolStrokeWidth: 3 },
          },
          strokeDash: { field: "series", type: "nominal", title: null, scale: { domain: series, range: dashes } },
          description: { field: "series" },
        },
      },
      {
        data: { values: [{ value: target, label: `${t.target}: ${formatNumber(target, lang)}` }] },
        layer: [
          { mark: { type: "rule", color: chartPalette.target, strokeWidth: 1, aria: false }, encoding: { y: { field: "value", type: "quantitative" } } },
          {
            mark: { type: "text", align: "left", dx: 4, dy: -8, x: 0, fontSize: 12, color: chartPalette.target, aria: false },
            encoding: { y: { field: "value", type: "quantitative" }, text: { field: "label" } },
          },
        ],
      },
    ],
  };
  return { id: "goal", title, spec, summary, omitted: [] };
}

/** The breakdown tables that get a chart, in page order. */
export const breakdownChartIds = ["gender", "ageBand", "regionOfBirth", "countryOfBirth", "industry", "occupationGroup", "placementType"] as const;

/** Every chart of a dashboard: one per goal, placements per month, and each breakdown. */
export function dashboardCharts(dashboard: Dashboard, lang: ChartLang, options: { width?: number } = {}) {
  const table = (id: string) => dashboard.tables.find((x) => x.id === id);
  const months = table("placementsByMonth");
  return {
    goals: dashboard.goals.map((g) => goalChart(g, lang, options)),
    placementsByMonth: months ? monthlyChart(months, lang, options) : null,
    breakdowns: breakdownChartIds.flatMap((id) => {
      const x = table(id);
      return x ? [breakdownChart(x, lang, options)] : [];
    }),
  };
}

/** Vega number and time locales for nb (the server and the browser give them to vega's View). */
export const vegaLocales = {
  nb: {
    number: { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"] as [string, string] },
    time: {
      dateTime: "%A %e. %B %Y kl. %X",
      date: "%d.%m.%Y",
      time: "%H:%M:%S",
      periods: ["AM", "PM"] as [string, string],
      days: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"] as [string, string, string, string, string, string, string],
      shortDays: ["søn.", "man.", "tir.", "ons.", "tor.", "fre.", "lør."] as [string, string, string, string, string, string, string],
      months: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"] as [
        string, string, string, string, string, string, string, string, string, string, string, string,
      ],
      shortMonths: ["jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."] as [
        string, string, string, string, string, string, string, string, string, string, string, string,
      ],
    },
  },
  en: {
    number: { decimal: ".", thousands: ",", grouping: [3], currency: ["NOK\u00a0", ""] as [string, string] },
    time: {
      dateTime: "%a %e %B %Y %X",
      date: "%d/%m/%Y",
      time: "%H:%M:%S",
      periods: ["AM", "PM"] as [string, string],
      days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as [string, string, string, string, string, string, string],
      shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as [string, string, string, string, string, string, string],
      months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as [
        string, string, string, string, string, string, string, string, string, string, string, string,
      ],
      shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as [string, string, string, string, string, string, string, string, string, string, string, string],
    },
  },
};
