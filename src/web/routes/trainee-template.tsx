import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Field, Heading, Label, Paragraph, Select, Textarea, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState, StatusMessage, type StatusMessageValue } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { saveTemplate, templateQuery, type Template } from "../features/trainee/programme-api.ts";
import { ProgrammeNav } from "../features/trainee/programme-components.tsx";
import { activityKinds, type ActivityKind } from "../../shared/trainee-programme.ts";

const ids = { evaluationMonths: "template-months", criteria: "template-criteria", reminderDaysBefore: "template-reminders", fullSubsidyMonths: "template-subsidy", activities: "template-activity-0-title" };
const numbers = (text: string) =>
  text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((n) => (/^\d+$/.test(n) ? Number(n) : Number.NaN));

/** Traineeprogram → Programmal (admin, hr): the activities, evaluation months, criteria and reminders new plans are made from. */
export function TraineeTemplatePage() {
  const { t } = useTranslation();
  const query = useQuery(templateQuery);
  return (
    <Page title={t("traineeProgramme.template.title")} lead={<Paragraph>{t("traineeProgramme.template.lead")}</Paragraph>}>
      <ProgrammeNav />
      <QueryState query={query} isEmpty={false} empty={null} />
      {query.data && <TemplateForm template={query.data} />}
    </Page>
  );
}

type ActivityDraft = { title: string; kind: ActivityKind; dayOffset: string };

function TemplateForm({ template }: { template: Template }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(ids);
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const [activities, setActivities] = useState<ActivityDraft[]>(template.activities.map((a) => ({ title: a.title, kind: a.kind, dayOffset: String(a.dayOffset) })));
  const [months, setMonths] = useState(template.evaluationMonths.join(", "));
  const [criteria, setCriteria] = useState(template.criteria.join("\n"));
  const [reminders, setReminders] = useState(template.reminderDaysBefore.join(", "));
  const [subsidy, setSubsidy] = useState(String(template.fullSubsidyMonths));
  const update = (i: number, patch: Partial<ActivityDraft>) => setActivities((list) => list.map((a, j) => (j === i ? { ...a, ...patch } : a)));

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const errors: Record<string, string> = {};
    const evaluationMonths = numbers(months);
    if (evaluationMonths.length === 0 || evaluationMonths.some((m) => Number.isNaN(m) || m < 1 || m > 24)) errors.evaluationMonths = t("traineeProgramme.template.monthsInvalid");
    const reminderDaysBefore = numbers(reminders);
    if (reminderDaysBefore.some((d) => Number.isNaN(d) || d > 60)) errors.reminderDaysBefore = t("traineeProgramme.template.remindersInvalid");
    const criteriaList = criteria
      .split("\n")
      .map((c) => c.trim())
      .filter(Boolean);
    if (criteriaList.length === 0) errors.criteria = t("traineeProgramme.template.criteriaRequired");
    if (!/^\d+$/.test(subsidy.trim()) || Number(subsidy) > 12) errors.fullSubsidyMonths = t("traineeProgramme.template.subsidyInvalid");
    if (activities.some((a) => !a.title.trim() || !/^\d+$/.test(a.dayOffset.trim()))) errors.activities = t("traineeProgramme.template.activitiesInvalid");
    if (Object.keys(errors).length > 0) return form.fail(errors);
    void form.run(async () => {
      await saveTemplate({
        activities: activities.map((a) => ({ title: a.title.trim(), kind: a.kind, dayOffset: Number(a.dayOffset) })),
        evaluationMonths,
        criteria: criteriaList,
        reminderDaysBefore,
        fullSubsidyMonths: Number(subsidy),
      });
      await queryClient.invalidateQueries({ queryKey: ["trainee", "template"] });
      setMessage({ kind: "success", text: t("traineeProgramme.template.saved") });
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <StatusMessage message={message} />
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <section className="programme-section" aria-labelledby="template-activities">
        <Heading level={2} data-size="sm" id="template-activities">
          {t("traineeProgramme.template.activities")}
        </Heading>
        <Paragraph data-size="sm">{t("traineeProgramme.template.activitiesHint")}</Paragraph>
        {activities.map((a, i) => (
          <div className="programme-grid programme-card" key={i} role="group" aria-label={t("traineeProgramme.template.activityN", { n: i + 1 })}>
            <Textfield id={`template-activity-${i}-title`} label={t("traineeProgramme.template.activityTitle")} value={a.title} onChange={(e) => update(i, { title: e.target.value })} maxLength={200} />
            <Field>
              <Label htmlFor={`template-activity-${i}-kind`}>{t("traineeProgramme.template.kind")}</Label>
              <Select id={`template-activity-${i}-kind`} value={a.kind} onChange={(e) => update(i, { kind: e.target.value as ActivityKind })}>
                {activityKinds.map((k) => (
                  <Select.Option key={k} value={k}>
                    {t(`traineeProgramme.activityKinds.${k}`)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Textfield id={`template-activity-${i}-day`} label={t("traineeProgramme.template.dayOffset")} inputMode="numeric" value={a.dayOffset} onChange={(e) => update(i, { dayOffset: e.target.value })} />
            <div>
              <Button type="button" variant="tertiary" data-size="sm" onClick={() => setActivities((list) => list.filter((_, j) => j !== i))} aria-label={t("traineeProgramme.template.removeNamed", { n: i + 1, title: a.title })}>
                {t("traineeProgramme.template.remove")}
              </Button>
            </div>
          </div>
        ))}
        <Button type="button" variant="secondary" onClick={() => setActivities((list) => [...list, { title: "", kind: "other", dayOffset: "0" }])}>
          {t("traineeProgramme.template.addActivity")}
        </Button>
      </section>
      <section className="programme-section" aria-labelledby="template-settings">
        <Heading level={2} data-size="sm" id="template-settings">
          {t("traineeProgramme.template.settings")}
        </Heading>
        <div className="programme-grid">
          <Textfield id={ids.evaluationMonths} label={t("traineeProgramme.template.months")} description={t("traineeProgramme.template.monthsHint")} value={months} onChange={(e) => setMonths(e.target.value)} error={form.errors.evaluationMonths} />
          <Textfield id={ids.reminderDaysBefore} label={t("traineeProgramme.template.reminders")} description={t("traineeProgramme.template.remindersHint")} value={reminders} onChange={(e) => setReminders(e.target.value)} error={form.errors.reminderDaysBefore} />
          <Textfield id={ids.fullSubsidyMonths} label={t("traineeProgramme.template.subsidy")} description={t("traineeProgramme.template.subsidyHint")} inputMode="numeric" value={subsidy} onChange={(e) => setSubsidy(e.target.value)} error={form.errors.fullSubsidyMonths} />
        </div>
        <Field>
          <Label htmlFor={ids.criteria}>{t("traineeProgramme.template.criteria")}</Label>
          <Paragraph data-size="sm" id="template-criteria-hint">
            {t("traineeProgramme.template.criteriaHint")}
          </Paragraph>
          <Textarea id={ids.criteria} rows={6} aria-describedby="template-criteria-hint" value={criteria} onChange={(e) => setCriteria(e.target.value)} aria-invalid={form.errors.criteria ? true : undefined} />
        </Field>
      </section>
      <div className="form-actions">
        <Button type="submit" loading={form.busy}>
          {t("traineeProgramme.template.save")}
        </Button>
      </div>
    </form>
  );
}
