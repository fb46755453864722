import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Paragraph } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { traineesQuery } from "../features/trainee/programme-api.ts";
import { TraineeTable } from "../features/trainee/programme-components.tsx";
import "../features/trainee/programme.css";

/** Mine traineer (supervisor): the trainees they supervise, with what is overdue and what comes next. */
export function MyTraineesPage() {
  const { t } = useTranslation();
  const query = useQuery(traineesQuery());
  const items = query.data?.items ?? [];
  return (
    <Page title={t("traineeProgramme.mine.title")} lead={<Paragraph>{t("traineeProgramme.mine.lead")}</Paragraph>}>
      <QueryState query={query} isEmpty={items.length === 0} empty={t("traineeProgramme.mine.none")} />
      {items.length > 0 && <TraineeTable items={items} caption={t("traineeProgramme.mine.caption")} />}
    </Page>
  );
}
