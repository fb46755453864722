import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { QueryState } from "../../components/QueryState.tsx";
import { mentoringReportQuery } from "./api.ts";
import type { MentoringReport } from "./api.ts";

type Cell = MentoringReport["started"];

/** The mentoring section of the activity report (/reports/activity): relationships and work within six months. */
export function MentoringReportSection({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const report = useQuery(mentoringReportQuery({ from, to }));
  const text = (cell: Cell) => (cell.suppression === "under_5" ? t("activityReport.under5") : cell.suppression === "suppressed" ? t("activityReport.suppressed") : String(cell.count ?? ""));
  const r = report.data;
  return (
    <section className="section" aria-labelledby="mentoring-report-heading">
      <Heading level={2} data-size="sm" id="mentoring-report-heading">
        {t("activityReport.mentoring.heading")}
      </Heading>
      <QueryState query={report} isEmpty={false} empty="" />
      {r && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mentoring-report-caption">
          <Table zebra>
            <caption id="mentoring-report-caption">{t("activityReport.mentoring.caption")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("activityReport.mentoring.measure")}</Table.HeaderCell>
                <Table.HeaderCell>{t("activityReport.mentoring.count")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {(["started", "active", "completed", "gotWorkWithin6Months"] as const).map((key) => (
                <Table.Row key={key}>
                  <Table.HeaderCell scope="row">{t(`activityReport.mentoring.${key}`)}</Table.HeaderCell>
                  <Table.Cell>{text(r[key])}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <Paragraph data-size="sm" className="muted">
        {t("activityReport.mentoring.note")}
      </Paragraph>
    </section>
  );
}
