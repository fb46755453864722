import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Details, Fieldset, Heading, Paragraph, Spinner, Textfield } from "@digdir/designsystemet-react";
import { StatusMessage, type StatusMessageValue } from "../../components/QueryState.tsx";
import { errorMessage } from "../../errors.ts";
import { uiLang } from "../candidates/pickers.tsx";
import { criteriaQuery, replaceCriteria, type Criterion } from "./recruitment-api.ts";
import { criterionKeyOf } from "./recruitment-form.ts";

type Row = { key: string | null; labelNb: string; labelEn: string };
const MAX = 12;

/**
 * Intervjukriterier: the network's interview criteria (the programme's defaults until changed), renamed, added,
 * removed and saved as one list. Score sheets already handed in keep their scores.
 */
export function CriteriaSection() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const criteria = useQuery(criteriaQuery(lang));
  return (
    <section className="section" aria-labelledby="criteria-heading">
      <Heading level={2} data-size="xs" id="criteria-heading">
        {t("traineeRecruitment.criteria.title")}
      </Heading>
      <Details>
        <Details.Summary>{t("traineeRecruitment.criteria.summary")}</Details.Summary>
        <Details.Content>
          {criteria.isPending && <Spinner aria-label={t("common.loading")} data-size="sm" />}
          {criteria.data && <CriteriaForm key={criteria.data.items.map((c) => c.key).join()} items={criteria.data.items} />}
        </Details.Content>
      </Details>
    </section>
  );
}

function CriteriaForm({ items }: { items: Criterion[] }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => items.map((c) => ({ key: c.key, labelNb: c.labelNb, labelEn: c.labelEn })));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const update = (i: number, patch: Partial<Row>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  async function save() {
    if (rows.some((r) => !r.labelNb.trim() || !r.labelEn.trim())) return setMessage({ kind: "danger", text: t("traineeRecruitment.criteria.errors.labels") });
    setBusy(true);
    setMessage(null);
    try {
      const taken: string[] = rows.flatMap((r) => (r.key ? [r.key] : []));
      const criteria = rows.map((r) => {
        const key = r.key ?? criterionKeyOf(r.labelNb, taken);
        taken.push(key);
        return { key, labelNb: r.labelNb.trim(), labelEn: r.labelEn.trim() };
      });
      await replaceCriteria(criteria, lang);
      await queryClient.invalidateQueries({ queryKey: ["trainee-criteria"] });
      setMessage({ kind: "success", text: t("traineeRecruitment.criteria.saved") });
    } catch (e) {
      setMessage({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <Paragraph data-size="sm">{t("traineeRecruitment.criteria.lead")}</Paragraph>
      {rows.map((row, i) => (
        <Fieldset key={row.key ?? `new-${i}`} className="repeat">
          <Fieldset.Legend>{t("traineeRecruitment.criteria.n", { n: i + 1 })}</Fieldset.Legend>
          <div className="grid2">
            <Textfield id={`criterion-${i}-nb`} label={t("traineeRecruitment.criteria.labelNb")} value={row.labelNb} onChange={(e) => update(i, { labelNb: e.target.value })} maxLength={80} />
            <Textfield id={`criterion-${i}-en`} label={t("traineeRecruitment.criteria.labelEn")} value={row.labelEn} onChange={(e) => update(i, { labelEn: e.target.value })} maxLength={80} />
          </div>
          <div>
            <Button variant="tertiary" data-size="sm" data-color="danger" disabled={rows.length <= 1} onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>
              {t("traineeRecruitment.criteria.remove", { label: row.labelNb || t("traineeRecruitment.criteria.n", { n: i + 1 }) })}
            </Button>
          </div>
        </Fieldset>
      ))}
      <div className="form-actions">
        <Button variant="secondary" disabled={rows.length >= MAX} onClick={() => setRows((r) => [...r, { key: null, labelNb: "", labelEn: "" }])}>
          {t("traineeRecruitment.criteria.add")}
        </Button>
        <Button onClick={() => void save()} loading={busy}>
          {t("traineeRecruitment.criteria.save")}
        </Button>
      </div>
      <StatusMessage message={message} />
    </div>
  );
}
