import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Link, Tag } from "@digdir/designsystemet-react";
import type { TraineeListItem } from "./programme-api.ts";
import "./programme.css";

/** The programme's own menu for HR: cohorts, overdue, report, template. The router marks the current page (aria-current). */
export function ProgrammeNav() {
  const { t } = useTranslation();
  const items = [
    { to: "/trainee", label: t("traineeProgramme.sub.cohorts") },
    { to: "/trainee/overdue", label: t("traineeProgramme.sub.overdue") },
    { to: "/trainee/report", label: t("traineeProgramme.sub.report") },
    { to: "/trainee/template", label: t("traineeProgramme.sub.template") },
  ];
  return (
    <nav aria-label={t("traineeProgramme.sub.label")} className="programme-nav">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link asChild>
              <RouterLink to={item.to} activeOptions={{ exact: true }}>
                {item.label}
              </RouterLink>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The trainee's status and outcome in words (never by colour alone). */
export function TraineeStatusTag({ trainee }: { trainee: Pick<TraineeListItem, "status" | "outcome"> }) {
  const { t } = useTranslation();
  if (trainee.outcome) return <Tag data-color={trainee.outcome === "offered" ? "success" : "neutral"}>{t(`traineeProgramme.outcomes.${trainee.outcome}`)}</Tag>;
  return <Tag data-color="info">{t(`traineeProgramme.statuses.${trainee.status}`)}</Tag>;
}

/** A list of trainees as a table: name (link), unit, supervisor, dates, status, overdue and next item. */
export function TraineeTable({ items, caption, showCohort }: { items: TraineeListItem[]; caption: string; showCohort?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="programme-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="programme-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("traineeProgramme.fields.trainee")}</th>
            {showCohort && <th scope="col">{t("traineeProgramme.fields.cohort")}</th>}
            <th scope="col">{t("traineeProgramme.fields.unit")}</th>
            <th scope="col">{t("traineeProgramme.fields.supervisor")}</th>
            <th scope="col">{t("traineeProgramme.fields.period")}</th>
            <th scope="col">{t("traineeProgramme.fields.status")}</th>
            <th scope="col">{t("traineeProgramme.fields.next")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <Link asChild>
                  <RouterLink to="/trainee/trainees/$id" params={{ id: item.id }}>
                    {item.candidate?.name ?? t("traineeProgramme.erased")}
                  </RouterLink>
                </Link>
              </th>
              {showCohort && <td>{item.cohortName}</td>}
              <td>{item.unit}</td>
              <td>{item.supervisor?.name ?? "–"}</td>
              <td className="nowrap">
                {item.startDate} –<br />
                {item.endDate}
              </td>
              <td>
                <TraineeStatusTag trainee={item} />
                {item.overdueItems > 0 && (
                  <>
                    {" "}
                    <Tag data-color="danger">{t("traineeProgramme.overdueCount", { count: item.overdueItems })}</Tag>
                  </>
                )}
              </td>
              <td>{item.nextItem ? `${item.nextItem.dueOn}: ${item.nextItem.title}` : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
