import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Paragraph, Spinner } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { errorMessage } from "../errors.ts";
import { employerQuery } from "../features/employers/api.ts";
import { EmployerForm } from "../features/employers/form.tsx";

export function EmployerNewPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("employers.form.newTitle")} lead={<Paragraph>{t("employers.form.newLead")}</Paragraph>}>
      <EmployerForm />
    </Page>
  );
}

export function EmployerEditPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const employer = useQuery(employerQuery(id));
  return (
    <Page title={employer.data ? t("employers.form.editNamed", { name: employer.data.name }) : t("employers.form.editTitle")}>
      {employer.isPending && <Spinner aria-label={t("common.loading")} />}
      {employer.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, employer.error)}</Paragraph>
        </Alert>
      )}
      {employer.data && <EmployerForm key={employer.dataUpdatedAt} employer={employer.data} />}
    </Page>
  );
}
