import { useMemo, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Spinner, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { dashboardCharts, formatDay, formatNumber } from "../../shared/charts.ts";
import type { Dashboard } from "../../shared/dashboard.ts";
import { Page } from "../components/Page.tsx";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { boardReportHref, canFilterByAdvisor, caseworkersQuery, dashboardQuery } from "../features/dashboard/api.ts";
import { checkFilters, EMPTY_FILTERS, filtersFromSearch, filtersToSearch, type DashboardFilters } from "../features/dashboard/filters.ts";
import { ChartSection, Downloads, figureText, GoalCard, nok, percent, SUPPRESSION_NOTE_ID } from "../features/dashboard/components.tsx";
import "../features/dashboard/dashboard.css";

/**
 * Måloppnåelse (issue 6): the network's goals, key figures, value to society, placements per month, retention and
 * who has found work. Admins and viewers see the network; advisors their own caseload (the server forces it).
 * Every chart has a summary and its numbers as a table; every table can be downloaded; the board report is a PDF.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === "en" ? "en" : "nb";
  const me = useMe();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const applied = filtersFromSearch(search);
  // An advisor always sees their own caseload: the advisor filter is not theirs to set.
  const effective: DashboardFilters = canFilterByAdvisor(me.role) ? applied : { ...applied, advisorId: "" };
  const report = useQuery(dashboardQuery(effective, lang));
  const caseworkers = useQuery({ ...caseworkersQuery, enabled: canFilterByAdvisor(me.role) });

  function apply(f: DashboardFilters) {
    void navigate({ to: "/dashboard", search: filtersToSearch(f) });
  }

  const advisorName = effective.advisorId ? caseworkers.data?.items.find((c) => c.userId === effective.advisorId)?.name : undefined;

  return (
    <Page title={t("dashboard.title")} lead={<Paragraph>{t("dashboard.lead")}</Paragraph>}>
      {me.role === "advisor" && (
        <Alert data-color="info">
          <Heading level={2} data-size="xs">
            {t("dashboard.caseload")}
          </Heading>
          <Paragraph>{t("dashboard.caseloadText")}</Paragraph>
        </Alert>
      )}
      <div className="form-actions">
        <Button asChild variant="secondary">
          <a href={boardReportHref(effective, lang)} download>
            {t("dashboard.boardReport")}
          </a>
        </Button>
      </div>

      <section className="section" aria-labelledby="dashboard-filters-heading">
        <Heading level={2} data-size="xs" id="dashboard-filters-heading">
          {t("dashboard.filters.heading")}
        </Heading>
        <FilterForm key={JSON.stringify(filtersToSearch(effective))} initial={effective} onApply={apply} advisors={caseworkers.data?.items ?? null} />
      </section>

      <div role="status" aria-live="polite">
        {report.data && (
          <Paragraph>
            <strong>{t("dashboard.period", { from: formatDay(report.data.period.from, lang), to: formatDay(report.data.period.to, lang) })}</strong>
            {report.data.filters.partnerOrganisation ? ` · ${t("dashboard.filters.partner")}: ${report.data.filters.partnerOrganisation}` : ""}
            {advisorName ? ` · ${t("dashboard.advisorCaseload", { name: advisorName })}` : ""}
          </Paragraph>
        )}
      </div>
      {report.isPending && <Spinner aria-label={t("common.loading")} />}
      {report.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, report.error)}</Paragraph>
        </Alert>
      )}
      {report.data && <DashboardBody data={report.data} filters={effective} lang={lang} isAdmin={me.role === "admin"} />}
    </Page>
  );
}

function DashboardBody({ data, filters, lang, isAdmin }: { data: Dashboard; filters: DashboardFilters; lang: "nb" | "en"; isAdmin: boolean }) {
  const { t } = useTranslation();
  const charts = useMemo(() => dashboardCharts(data, lang), [data, lang]);
  const months = data.tables.find((x) => x.id === "placementsByMonth");
  const k = data.keyFigures;
  const v = data.valueToSociety;

  return (
    <>
      <section className="section" aria-labelledby="goals-heading">
        <Heading level={2} data-size="sm" id="goals-heading">
          {t("dashboard.goals.heading")}
        </Heading>
        {data.goals.length === 0 ? (
          <Paragraph>
            {t("dashboard.goals.none")}{" "}
            {isAdmin && (
              <Link asChild>
                <RouterLink to="/settings/goals">{t("dashboard.goals.settingsLink")}</RouterLink>
              </Link>
            )}
          </Paragraph>
        ) : (
          <div className="dashboard-grid dashboard-grid--2">
            {data.goals.map((g, i) => (
              <GoalCard key={g.goal.id} progress={g} chart={charts.goals[i]!} lang={lang} />
            ))}
          </div>
        )}
        <Downloads table="goals" title={t("dashboard.goals.heading")} filters={filters} lang={lang} />
      </section>

      <section className="section" aria-labelledby="key-heading">
        <Heading level={2} data-size="sm" id="key-heading">
          {t("dashboard.key.heading")}
        </Heading>
        <dl className="figures">
          {(
            [
              ["peopleInWork", k.peopleInWork],
              ["peoplePlaced", k.peoplePlaced],
              ["placements", k.placements],
              ["companiesWithHire", k.companiesWithHire],
              ["countriesOfBirth", k.countriesOfBirth],
            ] as const
          ).map(([key, figure]) => (
            <div key={key}>
              <dt>{t(`dashboard.key.${key}`)}</dt>
              <dd>{figureText(figure, t, lang)}</dd>
            </div>
          ))}
          <div>
            <dt>{t("dashboard.key.ageRange")}</dt>
            <dd>{k.ageRange.label ?? "–"}</dd>
          </div>
        </dl>
        <Downloads table="keyFigures" title={t("dashboard.key.tableTitle")} filters={filters} lang={lang} />
      </section>

      <section className="section dashboard-card" aria-labelledby="value-heading">
        <div className="row row--tight">
          <Heading level={2} data-size="sm" id="value-heading">
            {v.label}
          </Heading>
          <Tag data-color="warning">{t("dashboard.value.estimate")}</Tag>
        </div>
        <Paragraph data-size="lg">
          <strong>{v.estimateNok === null ? t("dashboard.value.hidden") : t("dashboard.value.amount", { amount: nok(v.estimateNok, lang) })}</strong>
        </Paragraph>
        <Paragraph>{v.assumption}</Paragraph>
      </section>

      {months && charts.placementsByMonth && <ChartSection id="placementsByMonth" chart={charts.placementsByMonth} table={months} filters={filters} lang={lang} headingLevel={2} />}

      <section className="section" aria-labelledby="retention-heading">
        <Heading level={2} data-size="sm" id="retention-heading">
          {t("dashboard.retention.heading")}
        </Heading>
        <Paragraph>{t("dashboard.retention.lead")}</Paragraph>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("dashboard.table.regionLabel", { title: t("dashboard.retention.caption") })}>
          <Table zebra className="data-table">
            <caption>{t("dashboard.retention.caption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("dashboard.retention.after")}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t("dashboard.retention.answered")}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t("dashboard.retention.stillEmployed")}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t("dashboard.retention.notEmployed")}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t("dashboard.retention.rate")}
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.retention.map((r) => (
                <Table.Row key={r.months}>
                  <Table.HeaderCell scope="row">{t("dashboard.retention.months", { count: r.months })}</Table.HeaderCell>
                  <Table.Cell className="num">{cell(r.answered)}</Table.Cell>
                  <Table.Cell className="num">{cell(r.stillEmployed)}</Table.Cell>
                  <Table.Cell className="num">{cell(r.notEmployed)}</Table.Cell>
                  <Table.Cell className="num">{percent(r.rate, lang)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
        <Downloads table="retention" title={t("dashboard.retention.heading")} filters={filters} lang={lang} />
      </section>

      <section className="section" aria-labelledby="breakdowns-heading">
        <Heading level={2} data-size="sm" id="breakdowns-heading">
          {t("dashboard.breakdowns.heading")}
        </Heading>
        <div className="dashboard-grid dashboard-grid--2">
          {charts.breakdowns.map((chart) => {
            const table = data.tables.find((x) => x.id === chart.id)!;
            return <ChartSection key={chart.id} id={table.id} chart={chart} table={table} filters={filters} lang={lang} />;
          })}
        </div>
      </section>

      <section className="section" aria-labelledby={SUPPRESSION_NOTE_ID}>
        <Heading level={2} data-size="xs" id={SUPPRESSION_NOTE_ID} tabIndex={-1}>
          {t("dashboard.suppression.note")}
        </Heading>
        <Paragraph>{t("dashboard.suppression.rule")}</Paragraph>
      </section>
    </>
  );

  function cell(figure: Dashboard["retention"][number]["answered"]) {
    return figure.count === null ? <em>{figureText(figure, t, lang)}</em> : formatNumber(figure.count, lang);
  }
}

function FilterForm({ initial, onApply, advisors }: { initial: DashboardFilters; onApply: (f: DashboardFilters) => void; advisors: { userId: string; name: string }[] | null }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DashboardFilters>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof DashboardFilters>(key: K, value: DashboardFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = checkFilters(draft);
    const messages = Object.fromEntries(Object.entries(found).map(([k, v]) => [k, t(`dashboard.filters.${v}`)]));
    setErrors(messages);
    if (Object.keys(messages).length) {
      document.getElementById(messages.from ? "dashboard-from" : "dashboard-to")?.focus();
      return;
    }
    onApply(draft);
  }

  return (
    <form className="filters" noValidate onSubmit={onSubmit} role="search" aria-labelledby="dashboard-filters-heading">
      <div className="grid2">
        <Textfield id="dashboard-from" label={t("dashboard.filters.from")} description={t("dashboard.filters.periodHint")} type="date" value={draft.from} onChange={(e) => set("from", e.target.value)} error={errors.from} />
        <Textfield id="dashboard-to" label={t("dashboard.filters.to")} type="date" value={draft.to} onChange={(e) => set("to", e.target.value)} error={errors.to} />
        <Textfield
          id="dashboard-partner"
          label={t("dashboard.filters.partner")}
          description={t("dashboard.filters.partnerHint")}
          value={draft.partnerOrganisation}
          onChange={(e) => set("partnerOrganisation", e.target.value)}
          maxLength={200}
        />
        {advisors && (
          <Field>
            <Label htmlFor="dashboard-advisor">{t("dashboard.filters.advisor")}</Label>
            <Select id="dashboard-advisor" width="auto" value={draft.advisorId} onChange={(e) => set("advisorId", e.target.value)}>
              <Select.Option value="">{t("dashboard.filters.anyAdvisor")}</Select.Option>
              {advisors.map((a) => (
                <Select.Option key={a.userId} value={a.userId}>
                  {a.name}
                </Select.Option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <div className="form-actions">
        <Button type="submit">{t("dashboard.filters.apply")}</Button>
        <Button
          type="button"
          variant="tertiary"
          onClick={() => {
            setDraft(EMPTY_FILTERS);
            setErrors({});
            onApply(EMPTY_FILTERS);
          }}
        >
          {t("dashboard.filters.clear")}
        </Button>
      </div>
    </form>
  );
}
