import { useState, type ComponentType, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Heading, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { activityReportQuery, type ActivityReport } from "../features/services/api.ts";
import { MentoringReportSection } from "../features/mentoring/MentoringReportSection.tsx";

type Cell = { count: number | null; suppression: "under_5" | "suppressed" | null };
type Row = ActivityReport["byType"][number];

/** Further sections of the activity report, each given the period: a feature's own report adds its section here. */
export const activityReportSections: ComponentType<{ from: string; to: string }>[] = [MentoringReportSection];

function CellText({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  if (cell.suppression === "under_5") return <>{t("activityReport.under5")}</>;
  if (cell.suppression === "suppressed") return <>{t("activityReport.suppressed")}</>;
  return <>{cell.count ?? ""}</>;
}

function percent(rate: number | null) {
  return rate === null ? "–" : `${Math.round(rate * 100)} %`;
}

function ActivityTable({ id, caption, rows, totals, firstColumn }: { id: string; caption: string; rows: Row[]; totals: Row; firstColumn: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
      <Table zebra>
        <caption id={id}>{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{firstColumn}</Table.HeaderCell>
            <Table.HeaderCell>{t("activityReport.services")}</Table.HeaderCell>
            <Table.HeaderCell>{t("activityReport.sessions")}</Table.HeaderCell>
            <Table.HeaderCell>{t("activityReport.participants")}</Table.HeaderCell>
            <Table.HeaderCell>{t("activityReport.present")}</Table.HeaderCell>
            <Table.HeaderCell>{t("activityReport.absent")}</Table.HeaderCell>
            <Table.HeaderCell>{t("activityReport.rate")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {[...rows, totals].map((r) => (
            <Table.Row key={r.key}>
              <Table.HeaderCell scope="row">{r.key === "total" ? t("activityReport.total") : r.key === "none" ? t("activityReport.noPartner") : r.label}</Table.HeaderCell>
              <Table.Cell>
                <CellText cell={r.services} />
              </Table.Cell>
              <Table.Cell>{r.sessions}</Table.Cell>
              <Table.Cell>
                <CellText cell={r.groupParticipants} />
              </Table.Cell>
              <Table.Cell>
                <CellText cell={r.present} />
              </Table.Cell>
              <Table.Cell>
                <CellText cell={r.absent} />
              </Table.Cell>
              <Table.Cell>{percent(r.attendanceRate)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

/** Aktivitetsrapport: services and group attendance by type and partner, and event outcomes; aggregated and suppressed. */
export function ActivityReportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { from?: string; to?: string };
  const report = useQuery(activityReportQuery(search));
  const r = report.data;
  const [from, setFrom] = useState(search.from ?? "");
  const [to, setTo] = useState(search.to ?? "");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void navigate({ to: "/reports/activity", search: { ...(from ? { from } : {}), ...(to ? { to } : {}) } });
  }

  return (
    <Page title={t("activityReport.title")} lead={<Paragraph>{t("activityReport.lead")}</Paragraph>}>
      <form className="row" onSubmit={onSubmit} aria-label={t("activityReport.period")}>
        <Textfield id="report-from" type="date" label={t("activityReport.from")} value={from} onChange={(e) => setFrom(e.target.value)} />
        <Textfield id="report-to" type="date" label={t("activityReport.to")} value={to} onChange={(e) => setTo(e.target.value)} />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t("activityReport.show")}
          </Button>
        </div>
      </form>
      <QueryState query={report} isEmpty={false} empty="" />
      {r && (
        <>
          <Paragraph>{t("activityReport.periodText", { from: r.period.from, to: r.period.to })}</Paragraph>
          <Paragraph data-size="sm" className="muted">
            {t("activityReport.suppressionNote")}
          </Paragraph>
          <section className="section" aria-labelledby="by-type-heading">
            <Heading level={2} data-size="sm" id="by-type-heading">
              {t("activityReport.byType")}
            </Heading>
            {r.byType.length === 0 ? <Paragraph>{t("activityReport.nothing")}</Paragraph> : <ActivityTable id="by-type-caption" caption={t("activityReport.byTypeCaption")} rows={r.byType} totals={r.totals} firstColumn={t("activityReport.type")} />}
          </section>
          <section className="section" aria-labelledby="by-partner-heading">
            <Heading level={2} data-size="sm" id="by-partner-heading">
              {t("activityReport.byPartner")}
            </Heading>
            {r.byPartner.length === 0 ? <Paragraph>{t("activityReport.nothing")}</Paragraph> : <ActivityTable id="by-partner-caption" caption={t("activityReport.byPartnerCaption")} rows={r.byPartner} totals={r.totals} firstColumn={t("activityReport.partner")} />}
          </section>
          <section className="section" aria-labelledby="events-heading">
            <Heading level={2} data-size="sm" id="events-heading">
              {t("activityReport.events")}
            </Heading>
            {r.events.length === 0 ? (
              <Paragraph>{t("activityReport.noEvents")}</Paragraph>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="events-caption">
                <Table zebra>
                  <caption id="events-caption">{t("activityReport.eventsCaption")}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("activityReport.kind")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("activityReport.eventCount")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("activityReport.registered")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("activityReport.attended")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("activityReport.interviews")}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {r.events.map((e) => (
                      <Table.Row key={e.key}>
                        <Table.HeaderCell scope="row">{t(`events.kinds.${e.key}`)}</Table.HeaderCell>
                        <Table.Cell>{e.events}</Table.Cell>
                        <Table.Cell>
                          <CellText cell={e.registered} />
                        </Table.Cell>
                        <Table.Cell>
                          <CellText cell={e.attended} />
                        </Table.Cell>
                        <Table.Cell>
                          <CellText cell={e.interviewsAgreed} />
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            )}
          </section>
          {activityReportSections.map((Section, i) => (
            <Section key={i} from={r.period.from} to={r.period.to} />
          ))}
        </>
      )}
    </Page>
  );
}
