import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Dialog, Field, Fieldset, Heading, Label, Link, Paragraph, Radio, Select, Tag, Textarea, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState, StatusMessage, type StatusMessageValue } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { errorMessage } from "../errors.ts";
import {
  addGoal,
  addLog,
  createEvaluation,
  formatOre,
  parseKroner,
  patchEvaluation,
  patchGoal,
  patchTrainee,
  publishEvaluation,
  recordOutcome,
  setPlanItemDone,
  todayIso,
  traineeQuery,
  type Evaluation,
  type Trainee,
  type TraineeGoal,
} from "../features/trainee/programme-api.ts";
import { ProgrammeNav, TraineeStatusTag } from "../features/trainee/programme-components.tsx";
import { goalStatuses, outcomes, type Outcome } from "../../shared/trainee-programme.ts";

/**
 * One trainee (admin, hr; a supervisor their own): the plan as a timeline, goals, evaluations (a draft is seen by
 * its author only), the log, pay and subsidy (HR), and the outcome.
 */
export function TraineePage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useQuery(traineeQuery(id));
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const trainee = query.data;
  const title = trainee ? (trainee.candidate?.name ?? t("traineeProgramme.erased")) : t("traineeProgramme.trainee.loading");
  return (
    <Page title={title}>
      {trainee?.can.manage && <ProgrammeNav />}
      {trainee && !trainee.can.manage && (
        <Paragraph>
          <Link asChild>
            <RouterLink to="/trainee/mine">{t("traineeProgramme.trainee.backToMine")}</RouterLink>
          </Link>
        </Paragraph>
      )}
      <QueryState query={query} isEmpty={false} empty={null} />
      <StatusMessage message={message} />
      {trainee && (
        <>
          <Summary trainee={trainee} />
          <Plan trainee={trainee} onMessage={setMessage} />
          <Goals trainee={trainee} onMessage={setMessage} />
          <Evaluations trainee={trainee} onMessage={setMessage} />
          <Log trainee={trainee} onMessage={setMessage} />
          {trainee.wage && <Wage trainee={trainee} onMessage={setMessage} />}
          <OutcomeSection trainee={trainee} onMessage={setMessage} />
        </>
      )}
    </Page>
  );
}

type SectionProps = { trainee: Trainee; onMessage: (m: StatusMessageValue) => void };

function useRefresh(traineeId: string) {
  const queryClient = useQueryClient();
  return async (data?: Trainee) => {
    if (data) queryClient.setQueryData(traineeQuery(traineeId).queryKey, data);
    await queryClient.invalidateQueries({ queryKey: ["trainee"] });
  };
}

function Summary({ trainee }: { trainee: Trainee }) {
  const { t } = useTranslation();
  return (
    <dl className="programme-grid">
      <div>
        <dt>{t("traineeProgramme.fields.cohort")}</dt>
        <dd>
          {trainee.can.manage ? (
            <Link asChild>
              <RouterLink to="/trainee/cohorts/$id" params={{ id: trainee.cohortId }}>
                {trainee.cohortName}
              </RouterLink>
            </Link>
          ) : (
            trainee.cohortName
          )}
        </dd>
      </div>
      <div>
        <dt>{t("traineeProgramme.fields.unit")}</dt>
        <dd>
          {trainee.unit}
          {trainee.area && ` (${trainee.area})`}
        </dd>
      </div>
      <div>
        <dt>{t("traineeProgramme.fields.supervisor")}</dt>
        <dd>{trainee.supervisor?.name ?? "–"}</dd>
      </div>
      <div>
        <dt>{t("traineeProgramme.fields.period")}</dt>
        <dd>
          {trainee.startDate} – {trainee.endDate}
        </dd>
      </div>
      <div>
        <dt>{t("traineeProgramme.fields.status")}</dt>
        <dd>
          <TraineeStatusTag trainee={trainee} />
        </dd>
      </div>
    </dl>
  );
}

function Plan({ trainee, onMessage }: SectionProps) {
  const { t } = useTranslation();
  const refresh = useRefresh(trainee.id);
  const [busy, setBusy] = useState<string | null>(null);
  async function toggle(itemId: string, done: boolean, title: string) {
    setBusy(itemId);
    try {
      await refresh(await setPlanItemDone(itemId, done));
      onMessage({ kind: "success", text: t(done ? "traineeProgramme.plan.markedDone" : "traineeProgramme.plan.markedUndone", { title }) });
    } catch (e) {
      onMessage({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="programme-section" aria-labelledby="plan-heading">
      <Heading level={2} data-size="sm" id="plan-heading">
        {t("traineeProgramme.plan.title")}
      </Heading>
      <ol className="programme-timeline">
        {trainee.plan.map((item) => {
          const state = item.doneAt ? "done" : item.overdue ? "overdue" : "open";
          return (
            <li key={item.id} data-state={state}>
              <div className="programme-timeline__row">
                <strong>{item.dueOn}</strong>
                <span>{item.title}</span>
                <Tag data-color="neutral">{item.kind === "evaluation" ? t("traineeProgramme.plan.evaluation") : t(`traineeProgramme.activityKinds.${item.activityKind ?? "other"}`)}</Tag>
                {state === "done" && <Tag data-color="success">{t("traineeProgramme.plan.done")}</Tag>}
                {state === "overdue" && <Tag data-color="danger">{t("traineeProgramme.plan.overdue")}</Tag>}
                {item.kind === "activity" ? (
                  <Button data-size="sm" variant="tertiary" loading={busy === item.id} onClick={() => void toggle(item.id, !item.doneAt, item.title)} aria-label={t(item.doneAt ? "traineeProgramme.plan.undoNamed" : "traineeProgramme.plan.doneNamed", { title: item.title, date: item.dueOn })}>
                    {item.doneAt ? t("traineeProgramme.plan.undo") : t("traineeProgramme.plan.markDone")}
                  </Button>
                ) : (
                  !item.doneAt && <span className="muted small">{t("traineeProgramme.plan.evaluationHint")}</span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Goals({ trainee, onMessage }: SectionProps) {
  const { t } = useTranslation();
  const refresh = useRefresh(trainee.id);
  const form = useForm({ title: "goal-title" });
  const [title, setTitle] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return form.fail({ title: t("traineeProgramme.goals.titleRequired") });
    void form.run(async () => {
      await addGoal(trainee.id, { title: title.trim(), progress: 0, status: "not_started", notes: "" });
      setTitle("");
      await refresh();
      onMessage({ kind: "success", text: t("traineeProgramme.goals.added") });
    });
  }
  return (
    <section className="programme-section" aria-labelledby="goals-heading">
      <Heading level={2} data-size="sm" id="goals-heading">
        {t("traineeProgramme.goals.title")}
      </Heading>
      {trainee.goals.length === 0 && <Paragraph>{t("traineeProgramme.goals.none")}</Paragraph>}
      {trainee.goals.map((goal) => (
        <GoalCard key={goal.id} goal={goal} traineeId={trainee.id} onMessage={onMessage} />
      ))}
      <form onSubmit={submit} noValidate>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <div className="programme-grid">
          <Textfield id="goal-title" label={t("traineeProgramme.goals.new")} value={title} onChange={(e) => setTitle(e.target.value)} error={form.errors.title} maxLength={200} />
          <div>
            <Button type="submit" variant="secondary" loading={form.busy}>
              {t("traineeProgramme.goals.add")}
            </Button>
          </div>
        </div>
      </form>
    </section>
  );
}

function GoalCard({ goal, traineeId, onMessage }: { goal: TraineeGoal; traineeId: string; onMessage: (m: StatusMessageValue) => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(traineeId);
  const [progress, setProgress] = useState(String(goal.progress));
  const [status, setStatus] = useState<string>(goal.status);
  const [notes, setNotes] = useState(goal.notes);
  const form = useForm({ progress: `goal-progress-${goal.id}`, notes: `goal-notes-${goal.id}` });
  const headingId = `goal-${goal.id}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    const value = Number(progress);
    if (!/^\d+$/.test(progress.trim()) || value > 100) return form.fail({ progress: t("traineeProgramme.goals.progressInvalid") });
    void form.run(async () => {
      await patchGoal(goal.id, { progress: value, status, notes });
      await refresh();
      onMessage({ kind: "success", text: t("traineeProgramme.goals.saved", { title: goal.title }) });
    });
  }
  return (
    <form className="programme-card" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Heading level={3} data-size="2xs" id={headingId}>
        {goal.title}
      </Heading>
      <Paragraph data-size="sm">
        <label htmlFor={`goal-meter-${goal.id}`}>{t("traineeProgramme.goals.progress")}: </label>
        <progress id={`goal-meter-${goal.id}`} max={100} value={goal.progress}>
          {goal.progress} %
        </progress>{" "}
        {goal.progress} % · {t(`traineeProgramme.goalStatuses.${goal.status}`)}
      </Paragraph>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div className="programme-grid">
        <Textfield id={`goal-progress-${goal.id}`} label={t("traineeProgramme.goals.progressPercent")} inputMode="numeric" value={progress} onChange={(e) => setProgress(e.target.value)} error={form.errors.progress} />
        <Field>
          <Label htmlFor={`goal-status-${goal.id}`}>{t("traineeProgramme.fields.status")}</Label>
          <Select id={`goal-status-${goal.id}`} value={status} onChange={(e) => setStatus(e.target.value)}>
            {goalStatuses.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`traineeProgramme.goalStatuses.${s}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Textfield id={`goal-notes-${goal.id}`} label={t("traineeProgramme.goals.notes")} value={notes} onChange={(e) => setNotes(e.target.value)} error={form.errors.notes} maxLength={4000} />
        <div>
          <Button type="submit" variant="secondary" data-size="sm" loading={form.busy} aria-label={t("traineeProgramme.goals.saveNamed", { title: goal.title })}>
            {t("common.save")}
          </Button>
        </div>
      </div>
    </form>
  );
}

function Evaluations({ trainee, onMessage }: SectionProps) {
  const { t } = useTranslation();
  const isSupervisor = trainee.can.evaluate && !trainee.can.manage;
  const kinds: ("supervisor" | "self")[] = trainee.can.manage ? ["self"] : isSupervisor ? ["supervisor"] : [];
  return (
    <section className="programme-section" aria-labelledby="evaluations-heading">
      <Heading level={2} data-size="sm" id="evaluations-heading">
        {t("traineeProgramme.evaluations.title")}
      </Heading>
      <Paragraph data-size="sm">{t("traineeProgramme.evaluations.privacy")}</Paragraph>
      {trainee.evaluations.length === 0 && <Paragraph>{t("traineeProgramme.evaluations.none")}</Paragraph>}
      {trainee.evaluations.map((e) => (
        <EvaluationCard key={e.id} evaluation={e} trainee={trainee} onMessage={onMessage} />
      ))}
      {kinds.length > 0 && <EvaluationForm trainee={trainee} kind={kinds[0]!} onMessage={onMessage} />}
    </section>
  );
}

function EvaluationCard({ evaluation, trainee, onMessage }: { evaluation: Evaluation; trainee: Trainee; onMessage: (m: StatusMessageValue) => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(trainee.id);
  const [busy, setBusy] = useState(false);
  const label = t("traineeProgramme.evaluations.heading", { kind: t(`traineeProgramme.evaluationKinds.${evaluation.kind}`), month: evaluation.month });
  async function publish() {
    setBusy(true);
    try {
      await publishEvaluation(evaluation.id);
      await refresh();
      onMessage({ kind: "success", text: t("traineeProgramme.evaluations.published", { label }) });
    } catch (e) {
      onMessage({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <article className="programme-card" aria-labelledby={`evaluation-${evaluation.id}`}>
      <Heading level={3} data-size="2xs" id={`evaluation-${evaluation.id}`}>
        {label}
      </Heading>
      <Paragraph data-size="sm">
        {evaluation.publishedAt ? <Tag data-color="success">{t("traineeProgramme.evaluations.isPublished", { date: evaluation.publishedAt.slice(0, 10) })}</Tag> : <Tag data-color="warning">{t("traineeProgramme.evaluations.draft")}</Tag>}{" "}
        {evaluation.author && t("traineeProgramme.evaluations.by", { name: evaluation.author.name })}
      </Paragraph>
      <table className="programme-table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t("traineeProgramme.evaluations.criterion")}</th>
            <th scope="col" className="num">
              {t("traineeProgramme.evaluations.score")}
            </th>
          </tr>
        </thead>
        <tbody>
          {evaluation.ratings.map((r) => (
            <tr key={r.criterion}>
              <th scope="row">{r.criterion}</th>
              <td className="num">{r.score} / 5</td>
            </tr>
          ))}
        </tbody>
      </table>
      {evaluation.comment && <Paragraph>{evaluation.comment}</Paragraph>}
      {evaluation.mine && !evaluation.publishedAt && (
        <Button data-size="sm" onClick={() => void publish()} loading={busy} aria-label={t("traineeProgramme.evaluations.publishNamed", { label })}>
          {t("traineeProgramme.evaluations.publish")}
        </Button>
      )}
    </article>
  );
}

function EvaluationForm({ trainee, kind, onMessage }: { trainee: Trainee; kind: "supervisor" | "self"; onMessage: (m: StatusMessageValue) => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(trainee.id);
  const written = (month: number) => trainee.evaluations.find((e) => e.kind === kind && e.month === month && (e.mine || e.publishedAt));
  const open = trainee.evaluationMonths.filter((m) => !written(m)?.publishedAt);
  const [month, setMonth] = useState<number>(open[0] ?? trainee.evaluationMonths[0] ?? 1);
  const draft = written(month);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState("");
  const form = useForm({ ratings: `evaluation-${trainee.criteria[0] ? 0 : "none"}-1`, comment: "evaluation-comment" });
  if (open.length === 0) return <Paragraph>{t("traineeProgramme.evaluations.allPublished")}</Paragraph>;
  const scoreOf = (criterion: string) => scores[criterion] ?? draft?.ratings.find((r) => r.criterion === criterion)?.score;

  function submit(event: FormEvent) {
    event.preventDefault();
    const ratings = trainee.criteria.map((criterion) => ({ criterion, score: scoreOf(criterion) })).filter((r): r is { criterion: string; score: number } => r.score !== undefined);
    if (ratings.length === 0) return form.fail({ ratings: t("traineeProgramme.evaluations.rateOne") });
    const text = comment || draft?.comment || "";
    void form.run(async () => {
      if (draft) await patchEvaluation(draft.id, { ratings, comment: text });
      else await createEvaluation(trainee.id, { kind, month, ratings, comment: text });
      setScores({});
      setComment("");
      await refresh();
      onMessage({ kind: "success", text: t("traineeProgramme.evaluations.saved", { month }) });
    });
  }

  return (
    <form className="programme-card" onSubmit={submit} noValidate aria-labelledby="evaluation-form-heading">
      <Heading level={3} data-size="xs" id="evaluation-form-heading">
        {t(kind === "self" ? "traineeProgramme.evaluations.formSelf" : "traineeProgramme.evaluations.formSupervisor")}
      </Heading>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <Field>
        <Label htmlFor="evaluation-month">{t("traineeProgramme.evaluations.month")}</Label>
        <Select
          id="evaluation-month"
          value={String(month)}
          onChange={(e) => {
            setMonth(Number(e.target.value));
            setScores({});
            setComment("");
          }}
          width="auto"
        >
          {open.map((m) => (
            <Select.Option key={m} value={String(m)}>
              {t("traineeProgramme.evaluations.monthOption", { count: m })}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <div className="programme-ratings">
        {trainee.criteria.map((criterion, i) => (
          <Fieldset key={`${month}-${criterion}`}>
            <Fieldset.Legend>{criterion}</Fieldset.Legend>
            <div className="row">
              {[1, 2, 3, 4, 5].map((score) => (
                <Radio
                  key={score}
                  id={`evaluation-${i}-${score}`}
                  name={`evaluation-${i}`}
                  value={String(score)}
                  label={t(`traineeProgramme.scale.${score}`)}
                  checked={scoreOf(criterion) === score}
                  onChange={() => setScores((s) => ({ ...s, [criterion]: score }))}
                />
              ))}
            </div>
          </Fieldset>
        ))}
      </div>
      <Field>
        <Label htmlFor="evaluation-comment">{t("traineeProgramme.evaluations.comment")}</Label>
        <Textarea id="evaluation-comment" rows={4} value={comment || draft?.comment || ""} onChange={(e) => setComment(e.target.value)} maxLength={8000} />
      </Field>
      <div className="form-actions">
        <Button type="submit" loading={form.busy}>
          {t(draft ? "traineeProgramme.evaluations.saveDraft" : "traineeProgramme.evaluations.create")}
        </Button>
      </div>
      <Paragraph data-size="sm">{t("traineeProgramme.evaluations.publishHint")}</Paragraph>
    </form>
  );
}

function Log({ trainee, onMessage }: SectionProps) {
  const { t } = useTranslation();
  const refresh = useRefresh(trainee.id);
  const form = useForm({ occurredOn: "log-date", text: "log-text" });
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [text, setText] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!occurredOn) errors.occurredOn = t("traineeProgramme.log.dateRequired");
    if (!text.trim()) errors.text = t("traineeProgramme.log.textRequired");
    if (Object.keys(errors).length > 0) return form.fail(errors);
    void form.run(async () => {
      await addLog(trainee.id, { occurredOn, text: text.trim() });
      setText("");
      await refresh();
      onMessage({ kind: "success", text: t("traineeProgramme.log.added") });
    });
  }
  return (
    <section className="programme-section" aria-labelledby="log-heading">
      <Heading level={2} data-size="sm" id="log-heading">
        {t("traineeProgramme.log.title")}
      </Heading>
      {trainee.log.length === 0 ? (
        <Paragraph>{t("traineeProgramme.log.none")}</Paragraph>
      ) : (
        <ul>
          {trainee.log.map((entry) => (
            <li key={entry.id}>
              <strong>{entry.occurredOn}</strong> {entry.author && `(${entry.author.name})`}: {entry.text}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <div className="programme-grid">
          <Textfield id="log-date" type="date" label={t("traineeProgramme.log.date")} value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} error={form.errors.occurredOn} />
          <Textfield id="log-text" label={t("traineeProgramme.log.text")} value={text} onChange={(e) => setText(e.target.value)} error={form.errors.text} maxLength={4000} />
          <div>
            <Button type="submit" variant="secondary" loading={form.busy}>
              {t("traineeProgramme.log.add")}
            </Button>
          </div>
        </div>
      </form>
    </section>
  );
}

function Wage({ trainee, onMessage }: SectionProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "nb";
  const refresh = useRefresh(trainee.id);
  const wage = trainee.wage!;
  const form = useForm({ monthlySalaryOre: "wage-salary", subsidyPeriods: "wage-periods" });
  const [salary, setSalary] = useState((wage.monthlySalaryOre / 100).toFixed(2).replace(".", ","));
  const [periods, setPeriods] = useState(wage.subsidyPeriods.map((p) => `${p.from} ${p.to} ${p.percent}`).join("\n"));
  const money = (ore: number) => formatOre(ore, lang);
  function submit(event: FormEvent) {
    event.preventDefault();
    const ore = parseKroner(salary);
    const parsed = periods
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => /^(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})\s+(\d{1,3})\s*%?$/.exec(line));
    const errors: Record<string, string> = {};
    if (ore === null) errors.monthlySalaryOre = t("traineeProgramme.add.salaryInvalid");
    if (parsed.some((m) => !m)) errors.subsidyPeriods = t("traineeProgramme.wage.periodsInvalid");
    if (Object.keys(errors).length > 0) return form.fail(errors);
    void form.run(async () => {
      await refresh(await patchTrainee(trainee.id, { monthlySalaryOre: ore, subsidyPeriods: parsed.map((m) => ({ from: m![1], to: m![2], percent: Number(m![3]) })) }));
      onMessage({ kind: "success", text: t("traineeProgramme.wage.saved") });
    });
  }
  return (
    <section className="programme-section" aria-labelledby="wage-heading">
      <Heading level={2} data-size="sm" id="wage-heading">
        {t("traineeProgramme.wage.title")}
      </Heading>
      <Paragraph data-size="sm">{t("traineeProgramme.wage.rule")}</Paragraph>
      <div className="programme-table-wrap" role="region" aria-label={t("traineeProgramme.wage.caption")} tabIndex={0}>
        <table className="programme-table">
          <caption>{t("traineeProgramme.wage.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("traineeProgramme.wage.month")}</th>
              <th scope="col" className="num">
                {t("traineeProgramme.wage.days")}
              </th>
              <th scope="col" className="num">
                {t("traineeProgramme.wage.salary")}
              </th>
              <th scope="col" className="num">
                {t("traineeProgramme.wage.subsidy")}
              </th>
              <th scope="col" className="num">
                {t("traineeProgramme.wage.cost")}
              </th>
            </tr>
          </thead>
          <tbody>
            {wage.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td className="num">
                  {m.days} / {m.daysInMonth}
                </td>
                <td className="num">{money(m.salaryOre)}</td>
                <td className="num">{money(m.subsidyOre)}</td>
                <td className="num">{money(m.costOre)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("traineeProgramme.wage.total")}</th>
              <td />
              <td className="num">{money(wage.totals.salaryOre)}</td>
              <td className="num">{money(wage.totals.subsidyOre)}</td>
              <td className="num">{money(wage.totals.costOre)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <form onSubmit={submit} noValidate>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <div className="programme-grid">
          <Textfield id="wage-salary" label={t("traineeProgramme.fields.salary")} description={t("traineeProgramme.add.salaryHint")} inputMode="decimal" value={salary} onChange={(e) => setSalary(e.target.value)} error={form.errors.monthlySalaryOre} />
          <Field>
            <Label htmlFor="wage-periods">{t("traineeProgramme.wage.periods")}</Label>
            <Paragraph data-size="sm" id="wage-periods-hint">
              {t("traineeProgramme.wage.periodsHint")}
            </Paragraph>
            <Textarea id="wage-periods" rows={3} aria-describedby="wage-periods-hint" value={periods} onChange={(e) => setPeriods(e.target.value)} aria-invalid={form.errors.subsidyPeriods ? true : undefined} />
          </Field>
          <div>
            <Button type="submit" variant="secondary" loading={form.busy}>
              {t("traineeProgramme.wage.save")}
            </Button>
          </div>
        </div>
      </form>
    </section>
  );
}

function OutcomeSection({ trainee, onMessage }: SectionProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const o = trainee.outcomeDetails;
  return (
    <section className="programme-section" aria-labelledby="outcome-heading">
      <Heading level={2} data-size="sm" id="outcome-heading">
        {t("traineeProgramme.outcome.title")}
      </Heading>
      {o ? (
        <Paragraph>
          {t(`traineeProgramme.outcomes.${o.outcome}`)}
          {o.position && ` – ${t("traineeProgramme.outcome.positionFrom", { position: o.position, date: o.positionFrom })}`}
          {o.reason && ` – ${o.reason}`}
          {o.placementId && (
            <>
              {" "}
              ·{" "}
              <Link asChild>
                <RouterLink to="/placements">
                  {t("traineeProgramme.outcome.placement")}
                </RouterLink>
              </Link>
            </>
          )}
        </Paragraph>
      ) : (
        <Paragraph>{t("traineeProgramme.outcome.none")}</Paragraph>
      )}
      {trainee.can.manage && (
        <>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t("traineeProgramme.outcome.record")}
          </Button>
          {open && <OutcomeDialog trainee={trainee} onClose={() => setOpen(false)} onMessage={onMessage} />}
        </>
      )}
    </section>
  );
}

function OutcomeDialog({ trainee, onClose, onMessage }: { trainee: Trainee; onClose: () => void; onMessage: (m: StatusMessageValue) => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(trainee.id);
  const [outcome, setOutcome] = useState<Outcome>(trainee.outcome ?? "offered");
  const [position, setPosition] = useState("");
  const [positionFrom, setPositionFrom] = useState("");
  const [permanent, setPermanent] = useState(true);
  const [leftOn, setLeftOn] = useState("");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const form = useForm({ position: "outcome-position", positionFrom: "outcome-from", leftOn: "outcome-left-on", reason: "outcome-reason" });
  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (outcome === "offered" && !position.trim()) errors.position = t("traineeProgramme.outcome.positionRequired");
    if (outcome === "offered" && !positionFrom) errors.positionFrom = t("traineeProgramme.outcome.fromRequired");
    if (outcome === "left_early" && !leftOn) errors.leftOn = t("traineeProgramme.outcome.leftOnRequired");
    if (outcome === "left_early" && !reason.trim()) errors.reason = t("traineeProgramme.outcome.reasonRequired");
    if (Object.keys(errors).length > 0) return form.fail(errors);
    const body =
      outcome === "offered"
        ? { outcome, position: position.trim(), positionFrom, permanent, note }
        : outcome === "left_early"
          ? { outcome, leftOn, reason: reason.trim(), note }
          : { outcome, note };
    void form.run(async () => {
      await refresh(await recordOutcome(trainee.id, body));
      onMessage({ kind: "success", text: t("traineeProgramme.outcome.saved", { outcome: t(`traineeProgramme.outcomes.${outcome}`) }) });
      onClose();
    });
  }
  return (
    <Dialog open onClose={onClose} closeButton={t("common.close")} aria-labelledby="outcome-dialog-title">
      <Dialog.Block>
        <Heading level={2} data-size="xs" id="outcome-dialog-title">
          {t("traineeProgramme.outcome.record")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form onSubmit={submit} noValidate>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <Fieldset>
            <Fieldset.Legend>{t("traineeProgramme.outcome.which")}</Fieldset.Legend>
            {outcomes.map((o) => (
              <Radio key={o} id={`outcome-${o}`} name="outcome" value={o} label={t(`traineeProgramme.outcomes.${o}`)} checked={outcome === o} onChange={() => setOutcome(o)} />
            ))}
          </Fieldset>
          {outcome === "offered" && (
            <>
              <Textfield id="outcome-position" label={t("traineeProgramme.outcome.position")} value={position} onChange={(e) => setPosition(e.target.value)} error={form.errors.position} maxLength={200} />
              <Textfield id="outcome-from" type="date" label={t("traineeProgramme.outcome.from")} value={positionFrom} onChange={(e) => setPositionFrom(e.target.value)} error={form.errors.positionFrom} />
              <Fieldset>
                <Fieldset.Legend>{t("traineeProgramme.outcome.kind")}</Fieldset.Legend>
                <Radio id="outcome-permanent" name="permanent" value="yes" label={t("traineeProgramme.outcome.permanent")} checked={permanent} onChange={() => setPermanent(true)} />
                <Radio id="outcome-temporary" name="permanent" value="no" label={t("traineeProgramme.outcome.temporary")} checked={!permanent} onChange={() => setPermanent(false)} />
              </Fieldset>
              <Alert data-color="info">
                <Paragraph data-size="sm">{t("traineeProgramme.outcome.placementNote")}</Paragraph>
              </Alert>
            </>
          )}
          {outcome === "left_early" && (
            <>
              <Textfield id="outcome-left-on" type="date" label={t("traineeProgramme.outcome.leftOn")} value={leftOn} onChange={(e) => setLeftOn(e.target.value)} error={form.errors.leftOn} />
              <Textfield id="outcome-reason" label={t("traineeProgramme.outcome.reason")} value={reason} onChange={(e) => setReason(e.target.value)} error={form.errors.reason} maxLength={2000} />
            </>
          )}
          <Field>
            <Label htmlFor="outcome-note">{t("traineeProgramme.outcome.note")}</Label>
            <Textarea id="outcome-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </Field>
          <div className="form-actions">
            <Button type="submit" loading={form.busy}>
              {t("traineeProgramme.outcome.save")}
            </Button>
            <Button variant="secondary" onClick={onClose}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}
