import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Field, Heading, Label, Paragraph, Select, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState, StatusMessage, type StatusMessageValue } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { useMe } from "../session.ts";
import { formatOre, reportQuery, saveUnit, unitsQuery, type ProgrammeReport, type UnitFigures } from "../features/trainee/programme-api.ts";
import { ProgrammeNav } from "../features/trainee/programme-components.tsx";
import "../features/trainee/programme.css";

type Cell = ProgrammeReport["byStatus"]["cells"][number];

/** Programrapport (admin, hr, viewer): aggregates only, every count under 5 hidden; HR enters the units' figures here. */
export function TraineeReportPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const manage = me.role === "admin" || me.role === "hr";
  const query = useQuery(reportQuery);
  const r = query.data;
  const lang = i18n.resolvedLanguage ?? "nb";
  const share = (value: number | null) => (value === null ? t("traineeProgramme.report.hidden") : new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { style: "percent", maximumFractionDigits: 1 }).format(value));
  const count = (cell: Pick<Cell, "count" | "suppression">) => (cell.count !== null ? String(cell.count) : cell.suppression === "under_5" ? t("traineeProgramme.report.under5") : t("traineeProgramme.report.suppressed"));
  return (
    <Page title={t("traineeProgramme.report.title")} lead={<Paragraph>{t("traineeProgramme.report.lead")}</Paragraph>}>
      {manage && <ProgrammeNav />}
      <QueryState query={query} isEmpty={false} empty={null} />
      {r && (
        <>
          <CountTable
            id="report-cohorts"
            caption={t("traineeProgramme.report.cohorts")}
            head={t("traineeProgramme.fields.cohort")}
            rows={r.cohorts.map((c) => ({ key: c.trainees.key, label: `${c.name} (${c.startDate})`, value: count(c.trainees) }))}
            total={null}
          />
          <CountTable id="report-status" caption={t("traineeProgramme.report.byStatus")} head={t("traineeProgramme.fields.status")} rows={r.byStatus.cells.map((c) => ({ key: c.key, label: t(`traineeProgramme.statuses.${c.key}`), value: count(c) }))} total={r.byStatus.total} />
          <CountTable id="report-area" caption={t("traineeProgramme.report.byArea")} head={t("traineeProgramme.fields.area")} rows={r.byArea.cells.map((c) => ({ key: c.key, label: c.key, value: count(c) }))} total={r.byArea.total} />
          <CountTable id="report-outcomes" caption={t("traineeProgramme.report.outcomes")} head={t("traineeProgramme.outcome.title")} rows={r.outcomes.cells.map((c) => ({ key: c.key, label: t(`traineeProgramme.outcomes.${c.key}`), value: count(c) }))} total={r.outcomes.total} />
          <CountTable
            id="report-evaluations"
            caption={t("traineeProgramme.report.evaluations")}
            head={t("traineeProgramme.report.evaluation")}
            rows={r.evaluations.cells.map((c) => ({ key: c.key, label: t(`traineeProgramme.report.evaluationStates.${c.key}`), value: count(c) }))}
            total={r.evaluations.total}
          />
          <Paragraph>{t("traineeProgramme.report.onTimeShare", { share: share(r.evaluationsOnTimeShare) })}</Paragraph>

          <section className="programme-section" aria-labelledby="report-money">
            <Heading level={2} data-size="sm" id="report-money">
              {t("traineeProgramme.report.money")}
            </Heading>
            {r.money ? (
              <dl className="programme-grid">
                <div>
                  <dt>{t("traineeProgramme.wage.salary")}</dt>
                  <dd>{formatOre(r.money.salaryOre, lang)}</dd>
                </div>
                <div>
                  <dt>{t("traineeProgramme.wage.subsidy")}</dt>
                  <dd>{formatOre(r.money.subsidyOre, lang)}</dd>
                </div>
                <div>
                  <dt>{t("traineeProgramme.wage.cost")}</dt>
                  <dd>{formatOre(r.money.costOre, lang)}</dd>
                </div>
              </dl>
            ) : (
              <Paragraph>{t("traineeProgramme.report.moneyHidden")}</Paragraph>
            )}
          </section>

          <section className="programme-section" aria-labelledby="report-units">
            <Heading level={2} data-size="sm" id="report-units">
              {t("traineeProgramme.report.units")}
            </Heading>
            <Paragraph>
              {t("traineeProgramme.report.unitsSummary", {
                units: r.units.units,
                before: share(r.units.shareBefore),
                after: share(r.units.shareAfter),
                employeesBefore: r.units.employeesBefore,
                employeesAfter: r.units.employeesAfter,
                immigrantsBefore: count(r.units.immigrantsBefore),
                immigrantsAfter: count(r.units.immigrantsAfter),
              })}
            </Paragraph>
          </section>
        </>
      )}
      {manage && <UnitFiguresForm />}
    </Page>
  );
}

function CountTable({ id, caption, head, rows, total }: { id: string; caption: string; head: string; rows: { key: string; label: string; value: string }[]; total: number | null }) {
  const { t } = useTranslation();
  return (
    <section className="programme-section" aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {caption}
      </Heading>
      {rows.length === 0 ? (
        <Paragraph>{t("traineeProgramme.report.empty")}</Paragraph>
      ) : (
        <table className="programme-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col" className="num">
                {t("traineeProgramme.report.count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="num">{row.value}</td>
              </tr>
            ))}
          </tbody>
          {total !== null && (
            <tfoot>
              <tr>
                <th scope="row">{t("traineeProgramme.wage.total")}</th>
                <td className="num">{total}</td>
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}

const unitIds = { unit: "unit-name", employeesBefore: "unit-employees-before", immigrantsBefore: "unit-immigrants-before", employeesAfter: "unit-employees-after", immigrantsAfter: "unit-immigrants-after" };
const numberFields = ["employeesBefore", "immigrantsBefore", "employeesAfter", "immigrantsAfter"] as const;

/** HR's figures per unit: employees and immigrant employees, before and after the programme. */
function UnitFiguresForm() {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery);
  const queryClient = useQueryClient();
  const form = useForm(unitIds);
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const [unit, setUnit] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const items = units.data?.items ?? [];
  function pick(name: string) {
    setUnit(name);
    const found = items.find((u) => u.unit === name);
    setValues(Object.fromEntries(numberFields.map((f) => [f, found?.[f] === null || found?.[f] === undefined ? "" : String(found[f])])));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!unit) errors.unit = t("traineeProgramme.units.unitRequired");
    const parsed: Partial<UnitFigures> = {};
    for (const f of numberFields) {
      const v = (values[f] ?? "").trim();
      if (v && !/^\d+$/.test(v)) errors[f] = t("traineeProgramme.units.numberInvalid");
      parsed[f] = v ? Number(v) : null;
    }
    if (Object.keys(errors).length > 0) return form.fail(errors);
    void form.run(async () => {
      await saveUnit({ unit, ...(parsed as Omit<UnitFigures, "unit">) });
      await queryClient.invalidateQueries({ queryKey: ["trainee"] });
      setMessage({ kind: "success", text: t("traineeProgramme.units.saved", { unit }) });
    });
  }
  return (
    <section className="programme-section" aria-labelledby="units-heading">
      <Heading level={2} data-size="sm" id="units-heading">
        {t("traineeProgramme.units.title")}
      </Heading>
      <Paragraph data-size="sm">{t("traineeProgramme.units.lead")}</Paragraph>
      <StatusMessage message={message} />
      <form onSubmit={submit} noValidate>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <div className="programme-grid">
          <Field>
            <Label htmlFor={unitIds.unit}>{t("traineeProgramme.fields.unit")}</Label>
            <Select id={unitIds.unit} value={unit} onChange={(e) => pick(e.target.value)} aria-invalid={form.errors.unit ? true : undefined}>
              <Select.Option value="">{t("traineeProgramme.units.choose")}</Select.Option>
              {items.map((u) => (
                <Select.Option key={u.unit} value={u.unit}>
                  {u.unit}
                </Select.Option>
              ))}
            </Select>
          </Field>
          {numberFields.map((f) => (
            <Textfield key={f} id={unitIds[f]} label={t(`traineeProgramme.units.${f}`)} inputMode="numeric" value={values[f] ?? ""} onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))} error={form.errors[f]} />
          ))}
        </div>
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={form.busy}>
            {t("traineeProgramme.units.save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
