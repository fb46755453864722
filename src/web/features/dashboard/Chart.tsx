import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Paragraph } from "@digdir/designsystemet-react";
import type { ChartDefinition, ChartLang } from "../../../shared/charts.ts";

/**
 * One chart from src/shared/charts.ts, drawn as SVG by Vega. Vega is imported only here, on demand, so the rest of
 * the app does not load it. The figure's caption is the chart's plain-language summary; the numbers are in the
 * data table next to it (DataTable), so the chart is never the only way to read them.
 */
export function Chart({ definition, lang, captionId }: { definition: ChartDefinition; lang: ChartLang; captionId: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el || width === 0) return;
    let cancelled = false;
    let finalize: (() => void) | undefined;
    import("./render.ts")
      .then(({ renderChart }) => {
        if (cancelled) return undefined;
        el.replaceChildren();
        return renderChart(el, definition.spec, lang, width);
      })
      .then((done) => {
        if (!done) return;
        if (cancelled) done();
        else {
          finalize = done;
          const svg = el.querySelector("svg");
          svg?.setAttribute("aria-label", typeof definition.spec.description === "string" ? definition.spec.description : definition.title);
          svg?.setAttribute("role", "graphics-document");
          setState("ready");
        }
      })
      .catch(() => {
        if (!cancelled) setState("error");
      });
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [definition, lang, width]);

  return (
    <figure className="chart" aria-describedby={captionId}>
      <div ref={box} className="chart__box">
        <div ref={canvas} className="chart__canvas" />
        {state === "loading" && <Paragraph className="muted small">{t("dashboard.loadingChart")}</Paragraph>}
        {state === "error" && <Paragraph className="muted small">{t("dashboard.chartFailed")}</Paragraph>}
      </div>
      <figcaption id={captionId} className="chart__summary">
        {definition.summary}
      </figcaption>
    </figure>
  );
}
