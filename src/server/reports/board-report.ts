import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import * as vega from "vega";
import { compile } from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import { fonts } from "../cv/render.ts";
import { breakdownChart, formatDay, formatNumber, goalChart, monthlyChart, vegaLocales } from "../../shared/charts.ts";
import type { ChartDefinition, ChartLang } from "../../shared/charts.ts";
import type { CountTable, Dashboard, Figure, GoalProgress } from "../../shared/dashboard.ts";

/*
 * The board report (styrerapport, issue 6): the dashboard on A4 for a steering-group meeting — network, period
 * and filters, where each goal stands and the forecast, key figures, the value to society as an estimate with its
 * assumption, the main charts with their numbers, retention, and the small-number rule. The charts are the same
 * Vega-Lite specs as on the page (src/shared/charts.ts), rendered to SVG on the server (vega's View with the
 * "none" renderer) and drawn as vectors with svg-to-pdfkit. Noto Sans from the CV's embedded fonts.
 * Aggregates only, already suppressed by the dashboard service: the PDF shows exactly what the API publishes.
 */

export type BoardReportInput = {
  dashboard: Dashboard;
  network: { name: string; themeColor: string };
  /** The advisor whose caseload is shown, by name (null: the whole network, or a name not found). */
  advisorName: string | null;
  /** True when the caseload is the caller's own (an advisor). */
  ownCaseload?: boolean;
  lang: ChartLang;
  now?: Date;
};

const texts = {
  nb: {
    locale: "nb-NO",
    title: "Styrerapport: måloppnåelse",
    period: "Periode",
    filters: "Utvalg",
    wholeNetwork: "Hele nettverket",
    partner: (p: string) => `samarbeidspartner «${p}»`,
    caseload: (name: string) => `saksfeltet til ${name}`,
    ownCaseload: "eget saksfelt",
    someCaseload: "saksfeltet til én rådgiver",
    made: (date: string) => `Laget ${date} i Mangfold. Bare samletall; tall under 5 vises ikke.`,
    goals: "Mål",
    noGoals: "Nettverket har ingen aktive mål.",
    goalLine: (people: string, target: string, share: string, asOf: string) => `${people} av ${target} (${share}) per ${asOf}.`,
    expected: (n: string) => `Forventet etter rett linje: ${n}.`,
    ahead: (n: string) => `${n} foran linjen.`,
    behind: (n: string) => `${n} bak linjen.`,
    onLine: "Akkurat på linjen.",
    status: { not_started: "Ikke startet", reached: "Nådd", on_track: "I rute", behind: "Bak skjema", missed: "Ikke nådd" },
    window: (from: string, to: string) => `Måles fra ${from} til ${to}.`,
    forecastReached: "Målet er nådd.",
    forecastMissed: "Fristen er ute, og målet ble ikke nådd.",
    forecastNotStarted: "Målet har ikke startet ennå.",
    forecastHidden: "Prognosen vises ikke fordi tallene er for små.",
    forecastWill: (days: number, date: string) => `Prognose: med farten de siste ${days} dagene når vi målet rundt ${date}.`,
    forecastWont: (days: number, n: string, end: string) => `Prognose: med farten de siste ${days} dagene blir det omtrent ${n} innen ${end} – målet nås ikke uten høyere tempo.`,
    forecastNoPace: (days: number) => `Prognose: ingen nye de siste ${days} dagene, så målet nås ikke i denne farten.`,
    keyFigures: "Nøkkeltall",
    key: {
      peopleInWork: "Personer i ordinært arbeid",
      peoplePlaced: "Personer som har startet i jobb eller tiltak",
      placements: "Formidlinger",
      companiesWithHire: "Bedrifter som har ansatt minst én",
      countriesOfBirth: "Fødeland",
      ageRange: "Aldersspenn",
    },
    estimate: "anslag",
    valueHidden: "Anslaget vises ikke fordi antallet er under 5.",
    amount: (n: string) => `Omtrent ${n} kr`,
    charts: "Utvikling og fordeling",
    numbers: "Tallene",
    retention: "Fortsatt i jobb",
    retentionRow: (months: number, still: string, answered: string, rate: string) => `Etter ${months} måneder: ${still} av ${answered} fulgt opp er fortsatt i jobb (${rate}).`,
    under_5: "under 5",
    suppressed: "skjult",
    ruleHeading: "Om små tall",
    rule: "For å verne enkeltpersoner vises aldri tall fra 1 til 4: de står som «under 5». Der en sum ellers ville avsløre et slikt tall, er også et annet tall «skjult». Skjulte tall er ikke tegnet i diagrammene – de er ikke null.",
    page: (n: number, of: number) => `Side ${n} av ${of}`,
  },
  en: {
    locale: "en-GB",
    title: "Board report: goal progress",
    period: "Period",
    filters: "Selection",
    wholeNetwork: "The whole network",
    partner: (p: string) => `partner organisation "${p}"`,
    caseload: (name: string) => `the caseload of ${name}`,
    ownCaseload: "own caseload",
    someCaseload: "the caseload of one advisor",
    made: (date: string) => `Made ${date} in Mangfold. Totals only; numbers under 5 are not shown.`,
    goals: "Goals",
    noGoals: "The network has no active goals.",
    goalLine: (people: string, target: string, share: string, asOf: string) => `${people} of ${target} (${share}) as of ${asOf}.`,
    expected: (n: string) => `Expected on the straight line: ${n}.`,
    ahead: (n: string) => `${n} ahead of the line.`,
    behind: (n: string) => `${n} behind the line.`,
    onLine: "Exactly on the line.",
    status: { not_started: "Not started", reached: "Reached", on_track: "On track", behind: "Behind", missed: "Missed" },
    window: (from: string, to: string) => `Measured from ${from} to ${to}.`,
    forecastReached: "The goal is reached.",
    forecastMissed: "The deadline has passed and the goal was not reached.",
    forecastNotStarted: "The goal has not started yet.",
    forecastHidden: "The forecast is not shown because the numbers are too small.",
    forecastWill: (days: number, date: string) => `Forecast: at the pace of the last ${days} days we reach the goal around ${date}.`,
    forecastWont: (days: number, n: string, end: string) => `Forecast: at the pace of the last ${days} days it will be about ${n} by ${end} – the goal is not reached without a faster pace.`,
    forecastNoPace: (days: number) => `Forecast: no one new in the last ${days} days, so the goal is not reached at this pace.`,
    keyFigures: "Key figures",
    key: {
      peopleInWork: "People in ordinary paid work",
      peoplePlaced: "People who started a job or placement",
      placements: "Placements",
      companiesWithHire: "Companies that hired at least one",
      countriesOfBirth: "Countries of birth",
      ageRange: "Age range",
    },
    estimate: "estimate",
    valueHidden: "The estimate is not shown because the number is under 5.",
    amount: (n: string) => `About NOK ${n}`,
    charts: "Development and breakdown",
    numbers: "The figures",
    retention: "Still in work",
    retentionRow: (months: number, still: string, answered: string, rate: string) => `After ${months} months: ${still} of ${answered} followed up are still in work (${rate}).`,
    under_5: "under 5",
    suppressed: "suppressed",
    ruleHeading: "About small numbers",
    rule: "To protect individuals, numbers from 1 to 4 are never shown: they read \"under 5\". Where a total would otherwise reveal such a number, another number is \"suppressed\" as well. Hidden numbers are not drawn in the charts – they are not zero.",
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
} as const;

/*
 * Without a canvas, Vega guesses text widths (0.8 × size per character), which truncates axis labels that would fit.
 * The PDF draws the text in Noto Sans, so measure it with that font's own advance widths.
 */
let measuring = false;
function measureTextWithNotoSans() {
  if (measuring) return;
  measuring = true;
  const font = fonts().latin;
  const metrics = (vega as unknown as { textMetrics: { width: (item: { fontSize?: number }, text: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const value = Array.isArray(text) ? text.join(" ") : text == null ? "" : String(text);
    const size = item.fontSize ?? 11;
    return (font.layout(value).advanceWidth / font.unitsPerEm) * size;
  };
}

/** A chart spec as an SVG string, laid out `width` CSS pixels wide. */
export async function chartSvg(spec: TopLevelSpec, lang: ChartLang, width: number): Promise<{ svg: string; width: number; height: number }> {
  measureTextWithNotoSans();
  // View's `locale` option takes the number and time definitions (vega-typings says formatters; Vega's View.js reads .number and .time).
  const locale = vegaLocales[lang] as unknown as vega.LocaleFormatters;
  const view = new vega.View(vega.parse(compile({ ...spec, width } as TopLevelSpec, { logger: vega.logger(vega.Error) }).spec), { renderer: "none", locale });
  try {
    // A solid line's dash "1,0" (Vega's way to say solid in a dash scale) is refused by pdfkit: drop it.
    const svg = (await view.toSVG()).replace(/ stroke-dasharray="(\d+(?:\.\d+)?),0"/g, "");
    const w = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? width);
    const h = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? width / 2);
    return { svg, width: w, height: h };
  } finally {
    view.finalize();
  }
}

const page = { width: 595.28, height: 841.89, margin: 50 };
const ink = { text: "#1b1f23", muted: "#56606b", rule: "#c9ced3" };
const hex = /^#[0-9a-f]{6}$/i;

export async function renderBoardReportPdf(input: BoardReportInput): Promise<Buffer> {
  const { dashboard: d, lang } = input;
  const t = texts[lang];
  const accent = hex.test(input.network.themeColor) ? input.network.themeColor : "#1f4e79";
  const now = input.now ?? new Date();
  const loaded = fonts();
  const periodText = `${formatDay(d.period.from, lang)} – ${formatDay(d.period.to, lang)}`;
  const doc = new PDFDocument({
    size: "A4",
    margin: page.margin,
    bufferPages: true,
    font: loaded.latin as unknown as string,
    lang: t.locale,
    displayTitle: true,
    info: { Title: `${t.title} – ${input.network.name}`, Author: input.network.name, Subject: `${t.period} ${periodText}`, Creator: "Mangfold", CreationDate: now },
  });
  doc.registerFont("regular", loaded.latin as unknown as string);
  doc.registerFont("semibold", loaded.latinSemibold as unknown as string);
  doc.registerFont("bold", loaded.latinBold as unknown as string);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = page.margin;
  const width = page.width - 2 * page.margin;
  const bottom = page.height - page.margin - 20;
  const ensure = (height: number) => {
    if (doc.y + height > bottom) doc.addPage();
  };
  const heading = (text: string, size = 14) => {
    ensure(size * 3);
    doc.moveDown(0.6).font("bold").fontSize(size).fillColor(accent).text(text, left, doc.y, { width });
    doc.moveDown(0.25).fillColor(ink.text);
  };
  const para = (text: string, options: { font?: string; size?: number; colour?: string } = {}) => {
    doc.font(options.font ?? "regular").fontSize(options.size ?? 10.5).fillColor(options.colour ?? ink.text).text(text, left, doc.y, { width, lineGap: 2 });
  };
  const fig = (f: Figure) => (f.count === null ? t[f.suppression ?? "suppressed"] : formatNumber(f.count, lang));
  const pct = (share: number | null) => (share === null ? "–" : `${formatNumber(share * 100, lang)} %`);

  const drawChart = async (chart: ChartDefinition, drawWidth = width) => {
    const rendered = await chartSvg(chart.spec, lang, Math.round(drawWidth));
    const scale = drawWidth / rendered.width;
    const h = rendered.height * scale;
    ensure(h + 10);
    SVGtoPDF(doc, rendered.svg, left, doc.y, {
      width: drawWidth,
      height: h,
      preserveAspectRatio: "xMinYMin meet",
      fontCallback: (_family, bold) => (bold ? "semibold" : "regular"),
      warningCallback: () => undefined,
    });
    doc.y += h + 6;
    para(chart.summary, { size: 9.5, colour: ink.muted });
  };

  /** The chart's numbers as two aligned columns, hidden cells in words. */
  const numbers = (table: CountTable) => {
    doc.moveDown(0.3);
    const col = width / 2;
    const rowH = 13;
    const rows = [...table.cells.map((c) => [c.label, c.count === null ? t[c.suppression ?? "suppressed"] : formatNumber(c.count, lang)] as const)];
    const half = Math.ceil(rows.length / 2);
    ensure(Math.min(half, 12) * rowH + 10);
    const top = doc.y;
    rows.forEach(([label, value], i) => {
      const x = left + (i < half ? 0 : col);
      const y = top + (i % half) * rowH;
      doc.font("regular").fontSize(9.5).fillColor(ink.text).text(label, x, y, { width: col - 60, lineBreak: false, ellipsis: true });
      doc.font("semibold").text(value, x + col - 60, y, { width: 50, align: "right", lineBreak: false });
    });
    doc.x = left;
    doc.y = top + half * rowH + 4;
  };

  // ---- Head: network, title, period, selection
  doc.rect(0, 0, page.width, 8).fill(accent);
  doc.font("semibold").fontSize(11).fillColor(ink.muted).text(input.network.name, left, 36, { width });
  doc.font("bold").fontSize(22).fillColor(ink.text).text(t.title, left, doc.y + 2, { width });
  doc.moveDown(0.3);
  const selection = [
    d.filters.caseload ? (input.ownCaseload ? t.ownCaseload : input.advisorName ? t.caseload(input.advisorName) : t.someCaseload) : t.wholeNetwork,
    ...(d.filters.partnerOrganisation ? [t.partner(d.filters.partnerOrganisation)] : []),
  ].join(", ");
  para(`${t.period}: ${periodText}`, { font: "semibold", size: 12 });
  para(`${t.filters}: ${selection.charAt(0).toUpperCase()}${selection.slice(1)}`);
  para(t.made(new Intl.DateTimeFormat(t.locale, { dateStyle: "long", timeZone: "Europe/Oslo" }).format(now)), { size: 9, colour: ink.muted });
  doc.moveTo(left, doc.y + 6).lineTo(left + width, doc.y + 6).lineWidth(0.5).strokeColor(ink.rule).stroke();
  doc.y += 8;

  // ---- Goals
  heading(t.goals);
  if (d.goals.length === 0) para(t.noGoals);
  for (const [i, g] of d.goals.entries()) {
    ensure(80);
    doc.font("bold").fontSize(12).fillColor(ink.text).text(`${g.goal.name}${g.status ? ` – ${t.status[g.status]}` : ""}`, left, doc.y + 4, { width });
    para(t.window(formatDay(g.window.from, lang), formatDay(g.window.to, lang)), { size: 9.5, colour: ink.muted });
    const ahead = g.aheadBy === null ? "" : Math.round(g.aheadBy) === 0 ? t.onLine : g.aheadBy > 0 ? t.ahead(formatNumber(Math.round(g.aheadBy), lang)) : t.behind(formatNumber(Math.round(-g.aheadBy), lang));
    para(`${t.goalLine(fig(g.people), formatNumber(g.target, lang), pct(g.share), formatDay(g.asOf, lang))} ${t.expected(formatNumber(Math.round(g.expectedByNow), lang))} ${ahead}`.trim(), { font: "semibold" });
    para(forecastLine(g, lang));
    // The first two goals get their chart; more would crowd out the figures.
    if (i < 2 && g.people.count !== null) {
      doc.moveDown(0.3);
      await drawChart(goalChart(g, lang), width * 0.7);
    }
    doc.moveDown(0.4);
  }

  // ---- Key figures, in two columns
  heading(t.keyFigures);
  const k = d.keyFigures;
  const figures: [string, string][] = [
    [t.key.peopleInWork, fig(k.peopleInWork)],
    [t.key.peoplePlaced, fig(k.peoplePlaced)],
    [t.key.placements, fig(k.placements)],
    [t.key.companiesWithHire, fig(k.companiesWithHire)],
    [t.key.countriesOfBirth, fig(k.countriesOfBirth)],
    [t.key.ageRange, k.ageRange.label ?? "–"],
  ];
  ensure(3 * 34);
  const top = doc.y;
  figures.forEach(([label, value], i) => {
    const x = left + (i % 3) * (width / 3);
    const y = top + Math.floor(i / 3) * 46;
    doc.font("bold").fontSize(16).fillColor(ink.text).text(value, x, y, { width: width / 3 - 10, lineBreak: false });
    doc.font("regular").fontSize(9).fillColor(ink.muted).text(label, x, y + 19, { width: width / 3 - 10 });
  });
  doc.x = left;
  doc.y = top + 2 * 46 + 4;

  // ---- Value to society (an estimate)
  const v = d.valueToSociety;
  heading(`${v.label} (${t.estimate})`, 12);
  para(v.estimateNok === null ? t.valueHidden : t.amount(formatNumber(v.estimateNok, lang)), { font: "bold", size: 13 });
  para(v.assumption, { size: 9.5, colour: ink.muted });

  // ---- The main charts with their numbers
  doc.addPage();
  heading(t.charts);
  const tableOf = (id: string) => d.tables.find((x) => x.id === id);
  const months = tableOf("placementsByMonth");
  if (months) {
    doc.font("semibold").fontSize(11.5).fillColor(ink.text).text(months.title, left, doc.y, { width });
    doc.moveDown(0.2);
    await drawChart(monthlyChart(months, lang));
    numbers(months);
  }
  for (const id of ["gender", "placementType"] as const) {
    const table = tableOf(id);
    if (!table) continue;
    ensure(140);
    doc.moveDown(0.6);
    doc.font("semibold").fontSize(11.5).fillColor(ink.text).text(table.title, left, doc.y, { width });
    doc.moveDown(0.2);
    await drawChart(breakdownChart(table, lang));
    numbers(table);
  }

  // ---- Retention
  heading(t.retention, 12);
  for (const r of d.retention) para(t.retentionRow(r.months, fig(r.stillEmployed), fig(r.answered), pct(r.rate)));

  // ---- The small-number rule
  heading(t.ruleHeading, 11);
  para(t.rule, { size: 9.5 });

  // ---- Page numbers (in the bottom margin: without it, pdfkit would start a new page for the footer)
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(8.5).fillColor(ink.muted);
    doc.text(`${input.network.name} · ${t.title} · ${periodText}`, left, page.height - page.margin + 10, { width: width - 80, lineBreak: false });
    doc.text(t.page(i + 1, range.count), left + width - 80, page.height - page.margin + 10, { width: 80, align: "right", lineBreak: false });
  }
  doc.end();
  return done;
}

function forecastLine(g: GoalProgress, lang: ChartLang): string {
  const t = texts[lang];
  const f = g.forecast;
  if (g.status === null || g.people.count === null) return t.forecastHidden;
  if (g.status === "not_started") return t.forecastNotStarted;
  if (g.status === "reached") return t.forecastReached;
  if (g.status === "missed") return t.forecastMissed;
  if (f.projectedReachDate) return t.forecastWill(f.paceDays, formatDay(f.projectedReachDate, lang));
  if (f.pacePerDay === 0) return t.forecastNoPace(f.paceDays);
  if (f.projectedAtEnd === null) return t.forecastHidden;
  return t.forecastWont(f.paceDays, formatNumber(Math.round(f.projectedAtEnd), lang), formatDay(g.window.to, lang));
}
