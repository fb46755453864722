import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Details, Heading, Paragraph, Spinner, Table, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";
import { uiLang } from "../features/candidates/pickers.tsx";
import type { Lang } from "../features/candidates/api.ts";
import { fairnessQuery, formatRate, formatRatio, isIsoDate, type FairnessReport } from "../features/placements/api.ts";
import { fairnessMeasures, suppressedSize, underFive } from "../../shared/reports.ts";
import "../features/placements/placements.css";

type Group = FairnessReport["dimensions"][number]["groups"][number];

/** The fairness report: selection rates by gender, age band and region of birth, with the four-fifths rule. */
export function FairnessReportPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { from?: string; to?: string };
  const from = search.from && isIsoDate(search.from) ? search.from : undefined;
  const to = search.to && isIsoDate(search.to) ? search.to : undefined;
  const report = useQuery(fairnessQuery(from, to, lang));
  const r = report.data;
  return (
    <Page title={t("fairness.title")} lead={<Paragraph>{t("fairness.lead")}</Paragraph>}>
      <section className="section" aria-labelledby="fairness-rule-heading">
        <Heading level={2} data-size="xs" id="fairness-rule-heading">
          {t("fairness.ruleHeading")}
        </Heading>
        <Paragraph>{t("fairness.rule1")}</Paragraph>
        <Paragraph>{t("fairness.rule2")}</Paragraph>
        <Paragraph>{t("fairness.rule3")}</Paragraph>
      </section>

      <section className="section" aria-labelledby="fairness-period-heading">
        <Heading level={2} data-size="xs" id="fairness-period-heading">
          {t("fairness.period")}
        </Heading>
        <PeriodForm key={`${from ?? ""}-${to ?? ""}-${r?.period.from ?? ""}-${r?.period.to ?? ""}`} from={from ?? r?.period.from ?? ""} to={to ?? r?.period.to ?? ""} onApply={(f, tt) => void navigate({ to: "/reports/fairness", search: { ...(f ? { from: f } : {}), ...(tt ? { to: tt } : {}) } })} />
      </section>

      {report.isPending && <Spinner aria-label={t("common.loading")} />}
      {report.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, report.error)}</Paragraph>
        </Alert>
      )}
      {r && <Report r={r} lang={lang} />}
    </Page>
  );
}

function PeriodForm({ from, to, onApply }: { from: string; to: string; onApply: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState(from);
  const [tt, setT] = useState(to);
  const [error, setError] = useState<string | undefined>();
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (f && tt && tt < f) {
      setError(t("fairness.periodOrder"));
      return;
    }
    setError(undefined);
    onApply(f, tt);
  }
  return (
    <form onSubmit={onSubmit} className="placements-filters" noValidate>
      <Textfield id="fairness-from" type="date" label={t("fairness.from")} value={f} onChange={(e) => setF(e.target.value)} />
      <Textfield id="fairness-to" type="date" label={t("fairness.to")} value={tt} onChange={(e) => setT(e.target.value)} error={error} />
      <Button type="submit" variant="secondary">
        {t("fairness.show")}
      </Button>
    </form>
  );
}

function Report({ r, lang }: { r: FairnessReport; lang: Lang }) {
  const { t } = useTranslation();
  const flagged = r.dimensions.flatMap((d) => d.groups.flatMap((g) => fairnessMeasures.filter((m) => g[m].belowFourFifths).map((m) => ({ d: d.dimension, g, m }))));
  return (
    <>
      <div role="status" aria-live="polite">
        <Paragraph>
          {t("fairness.summary", {
            from: formatDate(r.period.from),
            to: formatDate(r.period.to),
            population: r.population === underFive ? t("fairness.underFive") : r.population,
          })}
        </Paragraph>
      </div>
      {flagged.length > 0 ? (
        <Alert data-color="warning">
          <Heading level={2} data-size="xs">
            {t("fairness.flaggedHeading", { count: flagged.length })}
          </Heading>
          <ul>
            {flagged.map(({ d, g, m }) => (
              <li key={`${d}-${g.key}-${m}`}>
                {t("fairness.flaggedItem", { dimension: t(`fairness.dimensions.${d}`), group: g.label, measure: t(`fairness.measures.${m}`), ratio: formatRatio(g[m].ratio, lang) })}
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert data-color="info">
          <Paragraph>{t("fairness.noneFlagged")}</Paragraph>
        </Alert>
      )}

      <Details>
        <Details.Summary>{t("fairness.measuresHeading")}</Details.Summary>
        <Details.Content>
          <ul>
            {fairnessMeasures.map((m) => (
              <li key={m}>
                <strong>{t(`fairness.measures.${m}`)}:</strong> {r.measures[m]}
              </li>
            ))}
          </ul>
        </Details.Content>
      </Details>

      {r.dimensions.map((d) => (
        <section key={d.dimension} className="section">
          <Heading level={2} data-size="xs" id={`fairness-${d.dimension}`}>
            {t(`fairness.dimensions.${d.dimension}`)}
          </Heading>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`fairness-${d.dimension}`}>
            <Table zebra className="placements-table">
              <caption className="visually-hidden">{t("fairness.caption", { dimension: t(`fairness.dimensions.${d.dimension}`) })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("fairness.group")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("fairness.size")}</Table.HeaderCell>
                  {fairnessMeasures.map((m) => (
                    <Table.HeaderCell key={m} scope="col">
                      {t(`fairness.measures.${m}`)}
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {d.groups.map((g) => (
                  <GroupRow key={g.key} g={g} lang={lang} />
                ))}
              </Table.Body>
            </Table>
          </div>
        </section>
      ))}
    </>
  );
}

function GroupRow({ g, lang }: { g: Group; lang: Lang }) {
  const { t } = useTranslation();
  const size = g.size === underFive ? t("fairness.underFive") : g.size === suppressedSize ? t("fairness.hidden") : String(g.size);
  return (
    <Table.Row>
      <Table.HeaderCell scope="row">{g.label}</Table.HeaderCell>
      <Table.Cell>
        {size}
        {g.suppressed === "complementary" && <div className="muted small">{t("fairness.hiddenWhy")}</div>}
      </Table.Cell>
      {fairnessMeasures.map((m) => {
        const x = g[m];
        if (g.suppressed) return <Table.Cell key={m}>{t("fairness.notShown")}</Table.Cell>;
        return (
          <Table.Cell key={m}>
            <div>{formatRate(x.rate, lang)}</div>
            <div className={x.belowFourFifths ? "placements-below" : "muted small"}>
              {x.belowFourFifths && <span aria-hidden="true">⚠ </span>}
              {t("fairness.ratio", { ratio: formatRatio(x.ratio, lang) })}
              {x.belowFourFifths && <> – {t("fairness.below")}</>}
            </div>
          </Table.Cell>
        );
      })}
    </Table.Row>
  );
}
