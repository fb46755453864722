import { describe, expect, it } from "vitest";
import { compile } from "vega-lite";
import { Error as errorLevel, logger, parse, View } from "vega";
import { breakdownChart, chartPalette, dashboardCharts, goalChart, monthlyChart } from "./charts.ts";
import { fixtureDashboard, fixtureGoal } from "./charts.fixture.ts";
import { contrastRatio } from "./colour.ts";

const tableOf = (id: string) => fixtureDashboard.tables.find((t) => t.id === id)!;
const valuesOf = (spec: unknown): Record<string, unknown>[] => {
  const s = spec as { data?: { values: Record<string, unknown>[] }; layer?: { data?: { values: Record<string, unknown>[] } }[] };
  return s.data?.values ?? s.layer?.[0]?.data?.values ?? [];
};

async function svgOf(spec: Parameters<typeof compile>[0]) {
  const view = new View(parse(compile(spec, { logger: logger(errorLevel) }).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

describe("breakdownChart", () => {
  it("draws published cells only and names the suppressed ones in the summary", () => {
    const chart = breakdownChart(tableOf("gender"), "nb");
    expect(valuesOf(chart.spec).map((v) => v.label)).toEqual(["Kvinne", "Mann"]);
    expect(valuesOf(chart.spec).every((v) => typeof v.count === "number")).toBe(true);
    expect(chart.omitted).toEqual(["Annet", "Ikke oppgitt"]);
    expect(chart.summary).toContain("2 grupper er ikke tegnet");
    expect(chart.summary).toContain("Annet, Ikke oppgitt");
    expect(chart.summary).toContain("Størst er Kvinne med 66");
    expect(chart.spec.description).toContain(chart.summary);
  });

  it("says so when the total is hidden, and when nothing can be drawn", () => {
    const hidden = { ...tableOf("gender"), total: null, totalSuppressed: true };
    expect(breakdownChart(hidden, "en").summary).toContain("The total is hidden");
    const none = { ...tableOf("gender"), cells: tableOf("gender").cells.map((c) => ({ ...c, count: null, suppression: "suppressed" as const })) };
    const chart = breakdownChart(none, "en");
    expect(valuesOf(chart.spec)).toEqual([]);
    expect(chart.summary).toMatch(/^No figures to show/);
  });

  it("says a withheld table is withheld", () => {
    const withheld = { ...tableOf("industry"), withheld: true, cells: tableOf("industry").cells.map((c) => ({ ...c, count: null, suppression: "suppressed" as const })) };
    expect(breakdownChart(withheld, "nb").summary).toMatch(/^Tabellen er holdt tilbake/);
  });

  it("renders to an SVG with its ARIA label", async () => {
    const svg = await svgOf(breakdownChart(tableOf("industry"), "nb").spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('aria-roledescription="bar"');
  });
});

describe("monthlyChart", () => {
  it("keeps every month on the axis but leaves hidden months out of the bars", async () => {
    const chart = monthlyChart(tableOf("placementsByMonth"), "nb");
    expect(valuesOf(chart.spec).map((v) => v.key)).toEqual(["2026-01", "2026-02", "2026-04", "2026-06"]);
    expect(chart.omitted).toEqual(["mar. 2026", "mai 2026"]);
    expect(chart.summary).toContain("6 måneder, til sammen 140 formidlinger");
    expect(chart.summary).toContain("Flest i jun. 2026 (45)");
    const svg = await svgOf(chart.spec);
    expect(svg).toContain("mar. 2026");
  });
});

describe("goalChart", () => {
  it("draws actual, the straight line and the forecast, and says ahead or behind", async () => {
    const chart = goalChart(fixtureGoal, "nb");
    const series = new Set(valuesOf(chart.spec).map((v) => v.series));
    expect(series).toEqual(new Set(["Faktisk", "Rett linje mot målet", "Prognose"]));
    expect(chart.summary.replace(/\s/g, " ")).toContain("412 av 1 000");
    expect(chart.summary).toContain("88 bak linjen");
    expect(chart.summary).toContain("omtrent 775");
    const svg = await svgOf(chart.spec);
    expect(svg.replace(/\u00a0/g, " ")).toContain("Mål: 1 000");
  });

  it("draws no actual line when the count is hidden", () => {
    const chart = goalChart({ ...fixtureGoal, people: { count: null, suppression: "under_5" }, aheadBy: null, share: null, status: null }, "en");
    expect(valuesOf(chart.spec).some((v) => v.series === "Actual")).toBe(false);
    expect(chart.summary).toContain("under 5 or hidden");
  });
});

describe("dashboardCharts", () => {
  it("builds every chart, in English too", async () => {
    const charts = dashboardCharts(fixtureDashboard, "en");
    expect(charts.goals).toHaveLength(1);
    expect(charts.breakdowns.map((c) => c.id)).toEqual(["gender", "ageBand", "regionOfBirth", "countryOfBirth", "industry", "occupationGroup", "placementType"]);
    for (const chart of [...charts.goals, charts.placementsByMonth!, ...charts.breakdowns]) expect(await svgOf(chart.spec)).toMatch(/^<svg/);
  });
});

describe("palette", () => {
  it("has data colours dark enough on white and distinct in lightness (greyscale print)", () => {
    expect(contrastRatio(chartPalette.primary, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(chartPalette.expected, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(chartPalette.forecast, "#ffffff")).toBeGreaterThanOrEqual(3);
    const lum = [chartPalette.primary, chartPalette.expected, chartPalette.forecast].map((c) => contrastRatio(c, "#000000"));
    expect(new Set(lum.map((l) => Math.round(l))).size).toBe(3);
  });
});
