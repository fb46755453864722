import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Link, Paragraph } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { overdueQuery } from "../features/trainee/programme-api.ts";
import { ProgrammeNav } from "../features/trainee/programme-components.tsx";

/** Traineeprogram → Forfalt (admin, hr): plan items past due and not done, oldest first. */
export function TraineeOverduePage() {
  const { t } = useTranslation();
  const query = useQuery(overdueQuery);
  const items = query.data?.items ?? [];
  return (
    <Page title={t("traineeProgramme.overdue.title")} lead={<Paragraph>{t("traineeProgramme.overdue.lead")}</Paragraph>}>
      <ProgrammeNav />
      <QueryState query={query} isEmpty={items.length === 0} empty={t("traineeProgramme.overdue.none")} />
      {items.length > 0 && (
        <div className="programme-table-wrap" role="region" aria-label={t("traineeProgramme.overdue.caption")} tabIndex={0}>
          <table className="programme-table">
            <caption>{t("traineeProgramme.overdue.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("traineeProgramme.overdue.due")}</th>
                <th scope="col">{t("traineeProgramme.fields.trainee")}</th>
                <th scope="col">{t("traineeProgramme.overdue.item")}</th>
                <th scope="col">{t("traineeProgramme.fields.supervisor")}</th>
                <th scope="col" className="num">
                  {t("traineeProgramme.overdue.days")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.dueOn}</td>
                  <th scope="row">
                    <Link asChild>
                      <RouterLink to="/trainee/trainees/$id" params={{ id: item.traineeId }}>
                        {item.traineeName}
                      </RouterLink>
                    </Link>
                  </th>
                  <td>{item.title}</td>
                  <td>{item.supervisor ?? "–"}</td>
                  <td className="num">{item.daysOverdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
