import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { cohortsQuery, createCohort, traineesQuery } from "../features/trainee/programme-api.ts";
import { ProgrammeNav, TraineeTable } from "../features/trainee/programme-components.tsx";

const ids = { name: "cohort-name", startDate: "cohort-start", area: "cohort-area" };

/** Traineeprogram → Kull (admin, hr): the cohorts, a new cohort, and every trainee. */
export function TraineeCohortsPage() {
  const { t } = useTranslation();
  const cohorts = useQuery(cohortsQuery);
  const trainees = useQuery(traineesQuery());
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm(ids);
  const [name, setName] = useState("");
  const [startDate, setStartDate] = useState("");
  const [area, setArea] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = t("traineeProgramme.cohorts.nameRequired");
    if (!startDate) errors.startDate = t("traineeProgramme.cohorts.startRequired");
    if (Object.keys(errors).length > 0) return form.fail(errors);
    void form.run(async () => {
      const cohort = await createCohort({ name: name.trim(), startDate, area: area.trim() });
      await queryClient.invalidateQueries({ queryKey: ["trainee"] });
      await navigate({ to: "/trainee/cohorts/$id", params: { id: cohort.id } });
    });
  }

  const items = cohorts.data?.items ?? [];
  return (
    <Page title={t("traineeProgramme.cohorts.title")} lead={<Paragraph>{t("traineeProgramme.cohorts.lead")}</Paragraph>}>
      <ProgrammeNav />
      <QueryState query={cohorts} isEmpty={items.length === 0} empty={t("traineeProgramme.cohorts.none")} />
      {items.length > 0 && (
        <div className="programme-table-wrap" role="region" aria-label={t("traineeProgramme.cohorts.tableCaption")} tabIndex={0}>
          <table className="programme-table">
            <caption>{t("traineeProgramme.cohorts.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("traineeProgramme.fields.cohort")}</th>
                <th scope="col">{t("traineeProgramme.fields.startDate")}</th>
                <th scope="col">{t("traineeProgramme.fields.area")}</th>
                <th scope="col" className="num">
                  {t("traineeProgramme.fields.trainees")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link asChild>
                      <RouterLink to="/trainee/cohorts/$id" params={{ id: c.id }}>
                        {c.name}
                      </RouterLink>
                    </Link>
                  </th>
                  <td>{c.startDate}</td>
                  <td>{c.area || "–"}</td>
                  <td className="num">{c.trainees}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="programme-section" aria-labelledby="new-cohort-heading">
        <Heading level={2} data-size="sm" id="new-cohort-heading">
          {t("traineeProgramme.cohorts.new")}
        </Heading>
        <form onSubmit={submit} noValidate>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <div className="programme-grid">
            <Textfield id={ids.name} label={t("traineeProgramme.fields.cohortName")} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} maxLength={120} />
            <Textfield id={ids.startDate} type="date" label={t("traineeProgramme.fields.startDate")} value={startDate} onChange={(e) => setStartDate(e.target.value)} error={form.errors.startDate} />
            <Textfield id={ids.area} label={t("traineeProgramme.fields.area")} description={t("traineeProgramme.cohorts.areaHint")} value={area} onChange={(e) => setArea(e.target.value)} error={form.errors.area} maxLength={120} />
          </div>
          <div className="form-actions">
            <Button type="submit" loading={form.busy}>
              {t("traineeProgramme.cohorts.create")}
            </Button>
          </div>
        </form>
      </section>

      {(trainees.data?.items.length ?? 0) > 0 && (
        // The table's scrollable region carries the name; a labelled section around it would be a second landmark of the same name.
        <div className="programme-section">
          <Heading level={2} data-size="sm">
            {t("traineeProgramme.cohorts.allTrainees")}
          </Heading>
          <TraineeTable items={trainees.data!.items} caption={t("traineeProgramme.cohorts.allTrainees")} showCohort />
        </div>
      )}
    </Page>
  );
}
