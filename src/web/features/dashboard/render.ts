import { compile } from "vega-lite";
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { expressionInterpreter } from "vega-interpreter";
import { vegaLocales, type ChartLang } from "../../../shared/charts.ts";

/*
 * Vega in the browser, loaded only by the dashboard (dynamic import from Chart.tsx), so other pages do not pay for
 * it. Renders a chart spec from src/shared/charts.ts as SVG into a container, without eval (vega-interpreter), so the
 * app's Content-Security-Policy (script-src 'self') holds.
 */

// View's `locale` option takes the number and time definitions (vega-typings says formatters; Vega's View.js reads .number and .time).
const localeOf = (lang: ChartLang) => vegaLocales[lang] as unknown as vega.LocaleFormatters;

export async function renderChart(container: HTMLElement, spec: TopLevelSpec, lang: ChartLang, width: number): Promise<() => void> {
  // On a narrow screen the legend's entries go one under the other, so none is cut off.
  // Long group names are cut shorter there too (the full names are in the table).
  const narrow =
    width < 480 && spec.config
      ? { config: { ...spec.config, legend: { ...spec.config.legend, direction: "vertical" as const }, axis: { ...spec.config.axis, labelLimit: Math.round(width * 0.38) } } }
      : {};
  const compiled = compile({ ...spec, ...narrow, width } as TopLevelSpec, { logger: vega.logger(vega.Error) }).spec;
  // The app's Content-Security-Policy forbids eval: Vega's expressions are interpreted, not compiled to functions.
  const view = new vega.View(vega.parse(compiled, undefined, { ast: true }), { renderer: "svg", container, hover: false, locale: localeOf(lang), expr: expressionInterpreter });
  await view.runAsync();
  // The figure around it carries the label and the summary; the SVG's own structure is for screen readers that explore it.
  const svg = container.querySelector("svg");
  if (svg) {
    svg.setAttribute("focusable", "false");
    svg.removeAttribute("tabindex");
  }
  return () => view.finalize();
}
