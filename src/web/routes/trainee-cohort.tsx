import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Field, Heading, Label, Paragraph, Select, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { EntityCombobox, searchCandidates } from "../features/placements/components.tsx";
import type { PersonRef } from "../features/placements/api.ts";
import { cohortQuery, createTrainee, parseKroner, supervisorsQuery, traineesQuery } from "../features/trainee/programme-api.ts";
import { ProgrammeNav, TraineeTable } from "../features/trainee/programme-components.tsx";
import { needsQuery, shortlistQuery } from "../features/trainee/recruitment-api.ts";
import { uiLang } from "../features/candidates/pickers.tsx";

const ids = { candidateId: "trainee-candidate", supervisorUserId: "trainee-supervisor", unit: "trainee-unit", area: "trainee-area", startDate: "trainee-start", monthlySalaryOre: "trainee-salary" };

/** One cohort (admin, hr): its trainees, and adding a trainee with a supervisor; the plan is made from the template. */
export function TraineeCohortPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { id } = useParams({ strict: false }) as { id: string };
  const cohort = useQuery(cohortQuery(id));
  const trainees = useQuery(traineesQuery(id));
  const supervisors = useQuery(supervisorsQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm(ids);
  const [candidate, setCandidate] = useState<PersonRef | null>(null);
  const [supervisor, setSupervisor] = useState("");
  const [unit, setUnit] = useState("");
  const [area, setArea] = useState("");
  const [startDate, setStartDate] = useState("");
  const [salary, setSalary] = useState("");
  // Starting from a recruitment need: its accepted candidates to choose from, and the need's unit and area.
  const [needId, setNeedId] = useState("");
  const needs = useQuery(needsQuery({}, lang));
  const shortlist = useQuery({ ...shortlistQuery(needId), enabled: needId !== "" });
  const acceptedFromNeed = (shortlist.data?.items ?? []).filter((entry) => entry.status === "accepted");
  function chooseNeed(id: string) {
    setNeedId(id);
    setCandidate(null);
    const need = needs.data?.items.find((n) => n.id === id);
    if (need) {
      setUnit(need.unitName);
      setArea(t(`traineeRecruitment.areas.${need.area}`));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!candidate) errors.candidateId = t("traineeProgramme.add.candidateRequired");
    if (!supervisor) errors.supervisorUserId = t("traineeProgramme.add.supervisorRequired");
    if (!unit.trim()) errors.unit = t("traineeProgramme.add.unitRequired");
    const ore = salary.trim() ? parseKroner(salary) : 0;
    if (ore === null) errors.monthlySalaryOre = t("traineeProgramme.add.salaryInvalid");
    if (Object.keys(errors).length > 0) return form.fail(errors);
    void form.run(async () => {
      const created = await createTrainee({
        cohortId: id,
        candidateId: candidate!.id,
        ...(needId ? { recruitmentNeedId: needId } : {}),
        supervisorUserId: supervisor,
        unit: unit.trim(),
        area: area.trim(),
        ...(startDate ? { startDate } : {}),
        monthlySalaryOre: ore ?? 0,
      });
      await queryClient.invalidateQueries({ queryKey: ["trainee"] });
      await navigate({ to: "/trainee/trainees/$id", params: { id: created.id } });
    });
  }

  const title = cohort.data ? t("traineeProgramme.cohort.title", { name: cohort.data.name }) : t("traineeProgramme.cohort.loading");
  const items = trainees.data?.items ?? [];
  return (
    <Page title={title}>
      <ProgrammeNav />
      <QueryState query={cohort} isEmpty={false} empty={null} />
      {cohort.data && (
        <Paragraph>
          {t("traineeProgramme.cohort.summary", { start: cohort.data.startDate, area: cohort.data.area || "–", count: cohort.data.trainees })}
        </Paragraph>
      )}
      {items.length > 0 ? <TraineeTable items={items} caption={t("traineeProgramme.cohort.trainees")} /> : trainees.isSuccess && <Paragraph>{t("traineeProgramme.cohort.noTrainees")}</Paragraph>}

      <section className="programme-section" aria-labelledby="add-trainee-heading">
        <Heading level={2} data-size="sm" id="add-trainee-heading">
          {t("traineeProgramme.add.title")}
        </Heading>
        <Paragraph data-size="sm">{t("traineeProgramme.add.lead")}</Paragraph>
        <form onSubmit={submit} noValidate>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <div className="programme-grid">
            <Field>
              <Label htmlFor="trainee-need">{t("traineeProgramme.add.need")}</Label>
              <Select id="trainee-need" value={needId} onChange={(e) => chooseNeed(e.target.value)}>
                <Select.Option value="">{t("traineeProgramme.add.noNeed")}</Select.Option>
                {(needs.data?.items ?? []).map((n) => (
                  <Select.Option key={n.id} value={n.id}>
                    {`${n.title} – ${n.unitName}`}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            {needId ? (
              <Field>
                <Label htmlFor={ids.candidateId}>{t("traineeProgramme.fields.candidate")}</Label>
                <Select
                  id={ids.candidateId}
                  value={candidate?.id ?? ""}
                  onChange={(e) => setCandidate(acceptedFromNeed.map((entry) => entry.candidate).find((c) => c.id === e.target.value) ?? null)}
                  aria-invalid={form.errors.candidateId ? true : undefined}
                >
                  <Select.Option value="">{acceptedFromNeed.length > 0 ? t("traineeProgramme.add.chooseAccepted") : t("traineeProgramme.add.noneAccepted")}</Select.Option>
                  {acceptedFromNeed.map((entry) => (
                    <Select.Option key={entry.candidate.id} value={entry.candidate.id}>
                      {entry.candidate.name}
                    </Select.Option>
                  ))}
                </Select>
                {form.errors.candidateId && <ValidationMessage>{form.errors.candidateId}</ValidationMessage>}
              </Field>
            ) : (
              <EntityCombobox id={ids.candidateId} label={t("traineeProgramme.fields.candidate")} kind="candidate" search={searchCandidates} value={candidate} onChange={setCandidate} error={form.errors.candidateId} />
            )}
            <Field>
              <Label htmlFor={ids.supervisorUserId}>{t("traineeProgramme.fields.supervisor")}</Label>
              <Select id={ids.supervisorUserId} value={supervisor} onChange={(e) => setSupervisor(e.target.value)} aria-invalid={form.errors.supervisorUserId ? true : undefined}>
                <Select.Option value="">{t("traineeProgramme.add.chooseSupervisor")}</Select.Option>
                {(supervisors.data?.items ?? []).map((s) => (
                  <Select.Option key={s.id} value={s.id}>
                    {s.name}
                  </Select.Option>
                ))}
              </Select>
              {form.errors.supervisorUserId && <ValidationMessage>{form.errors.supervisorUserId}</ValidationMessage>}
            </Field>
            <Textfield id={ids.unit} label={t("traineeProgramme.fields.unit")} value={unit} onChange={(e) => setUnit(e.target.value)} error={form.errors.unit} maxLength={160} />
            <Textfield id={ids.area} label={t("traineeProgramme.fields.area")} description={t("traineeProgramme.add.areaHint")} value={area} onChange={(e) => setArea(e.target.value)} error={form.errors.area} maxLength={120} />
            <Textfield id={ids.startDate} type="date" label={t("traineeProgramme.fields.startDate")} description={t("traineeProgramme.add.startHint")} value={startDate} onChange={(e) => setStartDate(e.target.value)} error={form.errors.startDate} />
            <Textfield id={ids.monthlySalaryOre} label={t("traineeProgramme.fields.salary")} description={t("traineeProgramme.add.salaryHint")} inputMode="decimal" value={salary} onChange={(e) => setSalary(e.target.value)} error={form.errors.monthlySalaryOre} />
          </div>
          {supervisors.isSuccess && supervisors.data.items.length === 0 && <Paragraph data-size="sm">{t("traineeProgramme.add.noSupervisors")}</Paragraph>}
          <div className="form-actions">
            <Button type="submit" loading={form.busy}>
              {t("traineeProgramme.add.submit")}
            </Button>
          </div>
        </form>
      </section>
    </Page>
  );
}
