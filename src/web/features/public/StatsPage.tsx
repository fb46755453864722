import { useEffect, type CSSProperties } from "react";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { Paragraph, Spinner } from "@digdir/designsystemet-react";
import type { CountTable, Figure } from "../../../shared/dashboard.ts";
import { networkColour } from "./api.ts";
import { cellsToList, figureText, publicStatsQuery, sharePercent, withoutCode, type PublicStats } from "./stats.ts";
import { EmbedProblem, useEmbedPage, useReportHeight } from "./embed.tsx";
import "./public.css";

/*
 * /networks/{slug}/stats: the headline figures the network chose to publish, for its own website. Made to sit in
 * an iframe like the member list: no app header, the network's colour, and it tells the parent page its height
 * (postMessage {type: "mangfold:height", height}). ?lang=nb|en chooses the language. Aggregates only; counts under
 * 5 are "under 5" (the server's suppression).
 */


const formatDate = (date: string, lang: "nb" | "en") => new Date(`${date}T12:00:00Z`).toLocaleDateString(lang === "en" ? "en-GB" : "nb-NO", { dateStyle: "long" });

export function StatsPage() {
  const { slug, lang, t } = useEmbedPage();
  const stats = useQuery(publicStatsQuery(slug, lang));
  const ref = useReportHeight();

  useEffect(() => {
    if (stats.data) document.title = t("publicStats.page.documentTitle", { network: stats.data.network.name });
  }, [stats.data, t]);

  let content;
  if (stats.isPending) content = <Spinner aria-label={t("common.loading")} />;
  else if (stats.isError) content = <EmbedProblem error={stats.error} title={t("publicStats.page.notFoundTitle")} notFound={t("publicStats.page.notFound")} t={t} />; else content = <Stats stats={stats.data} lang={lang} t={t} />;
  return (
    <div ref={ref} lang={lang}>
      {content}
    </div>
  );
}

function Stats({ stats, lang, t }: { stats: PublicStats; lang: "nb" | "en"; t: TFunction }) {
  const headline = (["peopleInWork", "companies", "countries"] as const).filter((key) => stats[key] !== undefined);
  const jobs = [stats.occupationGroups && { id: "occupationGroups" as const, table: stats.occupationGroups }, stats.industries && { id: "industries" as const, table: stats.industries }].filter(
    (x): x is { id: "occupationGroups" | "industries"; table: CountTable } => Boolean(x),
  );
  const nothing = headline.length === 0 && !stats.genderSplit && jobs.length === 0;
  return (
    <div className="members" style={{ "--mf-network": networkColour(stats.network.themeColor) } as CSSProperties}>
      <header className="members__band">
        <h1>{stats.network.name}</h1>
        <p>{t("publicStats.page.lead")}</p>
      </header>
      <div className="members__body">
        {nothing && <Paragraph>{t("publicStats.page.empty")}</Paragraph>}
        {headline.length > 0 && (
          <section aria-labelledby="stats-headline">
            <h2 id="stats-headline" className="visually-hidden">
              {t("publicStats.page.headline")}
            </h2>
            <dl className="stats__figures">
              {headline.map((key) => (
                <div key={key} className="stats__figure">
                  <dt>{t(`publicStats.page.figureLabels.${key}`)}</dt>
                  <dd>{figureText(stats[key] as Figure, lang, stats.minimumGroupSize)}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
        {stats.genderSplit && <Breakdown id="stats-gender" title={t("publicStats.page.gender")} unit={t("publicStats.page.genderUnit")} table={stats.genderSplit} lang={lang} t={t} min={stats.minimumGroupSize} />}
        {jobs.length > 0 && (
          <section aria-labelledby="stats-jobs" className="stats__section">
            <h2 id="stats-jobs">{t("publicStats.page.jobs")}</h2>
            <p className="members__meta">{t("publicStats.page.jobsLead")}</p>
            {jobs.map(({ id, table }) => (
              <Breakdown key={id} id={`stats-${id}`} level={3} title={t(`publicStats.page.${id}`)} unit={t("publicStats.page.placementsUnit")} table={table} lang={lang} t={t} min={stats.minimumGroupSize} />
            ))}
          </section>
        )}
        <p className="members__foot">
          {t("publicStats.page.footer", { min: stats.minimumGroupSize, from: formatDate(stats.period.from, lang), to: formatDate(stats.period.to, lang) })}
        </p>
      </div>
    </div>
  );
}

function Breakdown({ id, title, unit, table, lang, t, min, level = 2 }: { id: string; title: string; unit: string; table: CountTable; lang: "nb" | "en"; t: TFunction; min: number; level?: 2 | 3 }) {
  const cells = cellsToList(table);
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className="stats__section">
      <Heading id={id}>{title}</Heading>
      <p className="members__meta">{unit}</p>
      {table.withheld ? (
        <Paragraph>{t("publicStats.page.withheld", { min })}</Paragraph>
      ) : cells.length === 0 ? (
        <Paragraph>{t("publicStats.page.none")}</Paragraph>
      ) : (
        <ul className="stats__bars">
          {cells.map((cell) => {
            const percent = sharePercent(cell);
            return (
              <li key={cell.key} className="stats__bar-row">
                <span className="stats__bar-label">{withoutCode(cell.label)}</span>
                <span className="stats__bar-value">
                  {figureText(cell, lang, min)}
                  {percent !== null && <span className="stats__bar-share"> ({percent} %)</span>}
                </span>
                <span className="stats__bar" aria-hidden="true">
                  <span style={{ width: `${percent ?? 0}%` }} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
