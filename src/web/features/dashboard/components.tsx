import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Details, Heading, Link, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import type { ChartDefinition, ChartLang } from "../../../shared/charts.ts";
import { formatDay, formatNumber } from "../../../shared/charts.ts";
import type { CountTable, Dashboard, DashboardTableId, Figure, GoalProgress } from "../../../shared/dashboard.ts";
import { Chart } from "./Chart.tsx";
import { exportHref } from "./api.ts";
import type { DashboardFilters } from "./filters.ts";

export const SUPPRESSION_NOTE_ID = "suppression-note";

/** A count, or "under 5" / "skjult" for a hidden one. */
export function figureText(figure: Figure, t: TFunction, lang: ChartLang): string {
  if (figure.count !== null) return formatNumber(figure.count, lang);
  return t(`dashboard.suppression.${figure.suppression ?? "suppressed"}`);
}

export const percent = (share: number | null, lang: ChartLang) => (share === null ? "–" : `${formatNumber(share * 100, lang, share < 0.1 ? 1 : 0)} %`);

/** Amount in NOK, rounded to three significant digits ("1,04 milliarder kr"). */
export function nok(amount: number, lang: ChartLang): string {
  const n = new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { notation: "compact", compactDisplay: "long", maximumSignificantDigits: 3 }).format(amount);
  return lang === "en" ? `NOK ${n}` : `${n} kr`;
}

const DAY = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
const MONTH_DAYS = 30.44;

/** The forecast in plain language: will we make it, and when. */
export function forecastText(g: GoalProgress, t: TFunction, lang: ChartLang): string {
  const f = g.forecast;
  if (g.status === null || g.people.count === null) return t("dashboard.goals.forecastHidden");
  if (g.status === "not_started") return t("dashboard.goals.forecastNotStarted");
  if (g.status === "reached") return t("dashboard.goals.forecastReached");
  if (g.status === "missed") return t("dashboard.goals.forecastMissed");
  const pace = f.pacePerDay === null ? null : formatNumber(f.pacePerDay * MONTH_DAYS, lang, f.pacePerDay * MONTH_DAYS < 10 ? 1 : 0);
  if (f.projectedReachDate) return t("dashboard.goals.forecastWill", { days: f.paceDays, pace, date: formatDay(f.projectedReachDate, lang) });
  if (f.pacePerDay === 0) return t("dashboard.goals.forecastNoPace", { days: f.paceDays });
  if (f.projectedAtEnd === null) return t("dashboard.goals.forecastHidden");
  const projected = Math.round(f.projectedAtEnd);
  const daysLeft = Math.max(1, daysBetween(g.asOf, g.window.to));
  const needed = Math.max(0, g.target - g.people.count) / (daysLeft / MONTH_DAYS);
  return t("dashboard.goals.forecastWont", {
    days: f.paceDays,
    pace,
    projected: formatNumber(projected, lang),
    end: formatDay(g.window.to, lang),
    missing: formatNumber(Math.max(0, g.target - projected), lang),
    needed: formatNumber(needed, lang, needed < 10 ? 1 : 0),
  });
}

const STATUS_COLOUR = { not_started: "neutral", reached: "success", on_track: "success", behind: "warning", missed: "danger" } as const;

export function GoalCard({ progress, chart, lang }: { progress: GoalProgress; chart: ChartDefinition; lang: ChartLang }) {
  const { t } = useTranslation();
  const g = progress;
  const headingId = `goal-${g.goal.id}`;
  const ahead = g.aheadBy === null ? null : Math.round(g.aheadBy);
  const sharePct = g.share === null ? null : Math.min(100, g.share * 100);
  const expectedPct = Math.min(100, (g.expectedByNow / g.target) * 100);
  return (
    <article className="dashboard-card" aria-labelledby={headingId}>
      <Heading level={3} data-size="xs" id={headingId}>
        {g.goal.name}
      </Heading>
      <div className="row row--tight">
        {g.status && <Tag data-color={STATUS_COLOUR[g.status]}>{t(`dashboard.goals.status.${g.status}`)}</Tag>}
        <span className="muted small">
          {g.goal.kind === "yearly" ? `${t("dashboard.goals.yearly")} · ` : ""}
          {t("dashboard.goals.window", { from: formatDay(g.window.from, lang), to: formatDay(g.window.to, lang) })}
        </span>
      </div>
      <dl className="figures">
        <div>
          <dt>{t("dashboard.goals.people")}</dt>
          <dd>{figureText(g.people, t, lang)}</dd>
        </div>
        <div>
          <dt>{t("dashboard.goals.target")}</dt>
          <dd>{formatNumber(g.target, lang)}</dd>
        </div>
        <div>
          <dt>{t("dashboard.goals.share")}</dt>
          <dd>{percent(g.share, lang)}</dd>
        </div>
        <div>
          <dt>{t("dashboard.goals.expected")}</dt>
          <dd>{formatNumber(Math.round(g.expectedByNow), lang)}</dd>
        </div>
      </dl>
      {sharePct !== null && (
        <div className="progress-bar" aria-hidden="true">
          <div className="progress-bar__fill" style={{ width: `${sharePct}%` }} />
          <div className="progress-bar__expected" style={{ left: `calc(${expectedPct}% - 1px)` }} />
        </div>
      )}
      {ahead !== null && (
        <Paragraph>
          <strong>{ahead === 0 ? t("dashboard.goals.onLine") : ahead > 0 ? t("dashboard.goals.ahead", { count: ahead }) : t("dashboard.goals.behind", { count: -ahead })}</strong>
        </Paragraph>
      )}
      <div>
        <Heading level={4} data-size="2xs">
          {t("dashboard.goals.forecastHeading")}
        </Heading>
        <Paragraph>{forecastText(g, t, lang)}</Paragraph>
      </div>
      <Chart definition={chart} lang={lang} captionId={`${headingId}-summary`} />
    </article>
  );
}

export function Downloads({ table, title, filters, lang }: { table: DashboardTableId; title: string; filters: DashboardFilters; lang: ChartLang }) {
  const { t } = useTranslation();
  return (
    <ul className="downloads">
      <li>
        <Link href={exportHref(table, "csv", filters, lang)} download>
          {t("dashboard.downloadCsv", { table: title })}
        </Link>
      </li>
      <li>
        <Link href={exportHref(table, "xlsx", filters, lang)} download>
          {t("dashboard.downloadXlsx", { table: title })}
        </Link>
      </li>
    </ul>
  );
}

export function SuppressedNote({ show }: { show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Paragraph className="small">
      <Link href={`#${SUPPRESSION_NOTE_ID}`}>{t("dashboard.suppression.seeNote")}</Link>
    </Paragraph>
  );
}

/** A count table as a real table: caption, column headers, a row header per group, and the total. */
export function CountDataTable({ table, lang }: { table: CountTable; lang: ChartLang }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t("dashboard.table.regionLabel", { title: table.title })}>
      <Table zebra className="data-table">
        <caption>{table.title}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("dashboard.table.group")}</Table.HeaderCell>
            <Table.HeaderCell scope="col" className="num">
              {t("dashboard.table.count")}
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" className="num">
              {t("dashboard.table.share")}
            </Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {table.cells.map((c) => (
            <Table.Row key={c.key}>
              <Table.HeaderCell scope="row">{c.label}</Table.HeaderCell>
              <Table.Cell className="num">{c.count === null ? <em>{t(`dashboard.suppression.${c.suppression ?? "suppressed"}`)}</em> : formatNumber(c.count, lang)}</Table.Cell>
              <Table.Cell className="num">{percent(c.share, lang)}</Table.Cell>
            </Table.Row>
          ))}
          <Table.Row>
            <Table.HeaderCell scope="row">{t("dashboard.table.total")}</Table.HeaderCell>
            <Table.Cell className="num">{table.total === null ? <em>{t("dashboard.suppression.suppressed")}</em> : formatNumber(table.total, lang)}</Table.Cell>
            <Table.Cell className="num">{table.total === null ? "–" : "100 %"}</Table.Cell>
          </Table.Row>
        </Table.Body>
      </Table>
    </div>
  );
}

/** A chart with its summary, its data table behind a toggle, and the table's downloads. */
export function ChartSection({
  id,
  chart,
  table,
  filters,
  lang,
  headingLevel = 3,
}: {
  id: DashboardTableId;
  chart: ChartDefinition;
  table: CountTable;
  filters: DashboardFilters;
  lang: ChartLang;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const headingId = `chart-${id}`;
  const hasHidden = table.cells.some((c) => c.count === null) || table.total === null;
  return (
    <section className="dashboard-card" aria-labelledby={headingId}>
      <Heading level={headingLevel} data-size="xs" id={headingId}>
        {table.title}
      </Heading>
      <Chart definition={chart} lang={lang} captionId={`${headingId}-summary`} />
      <Details>
        <Details.Summary>{t("dashboard.showTable")}</Details.Summary>
        <Details.Content>
          <CountDataTable table={table} lang={lang} />
        </Details.Content>
      </Details>
      <SuppressedNote show={hasHidden} />
      <Downloads table={id} title={table.title} filters={filters} lang={lang} />
    </section>
  );
}

export type { Dashboard };
