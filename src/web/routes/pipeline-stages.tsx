import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Spinner, Tag, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { slugify } from "../slug.ts";
import { stagesQuery, type PipelineStage } from "../features/jobs/api.ts";
import { uiLang } from "../features/candidates/pickers.tsx";
import { requiredPipelineStages } from "../../shared/jobs.ts";

/*
 * The network's candidate-list stages (admin): rename, reorder, add and remove. Keys stay; stages with candidates
 * in them and the stages the application needs (suggested, shared, hired) cannot be removed — the server checks
 * that too. Reordering is by buttons, so it works by keyboard.
 */

type Row = { key: string; labelNb: string; labelEn: string; inUse: number; isNew: boolean };

const toRows = (items: PipelineStage[]): Row[] => items.map((s) => ({ key: s.key, labelNb: s.labelNb, labelEn: s.labelEn, inUse: s.inUse, isNew: false }));

/** A key for a new stage from its Norwegian name: lowercase letters, digits and underscores, unique. */
export function newStageKey(label: string, taken: readonly string[]): string {
  const base = (slugify(label).replaceAll("-", "_").replace(/^[^a-z]+/, "") || "stage").slice(0, 36);
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}

export function PipelineStagesPage() {
  const { t, i18n } = useTranslation();
  const stages = useQuery(stagesQuery(uiLang(i18n.resolvedLanguage)));
  return (
    <Page title={t("stages.title")}>
      <Paragraph>{t("stages.lead")}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/settings">{t("stages.backToSettings")}</RouterLink>
        </Link>
      </Paragraph>
      {stages.isPending && <Spinner aria-label={t("common.loading")} />}
      {stages.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, stages.error)}</Paragraph>
        </Alert>
      )}
      {stages.data && <StagesForm key={stages.dataUpdatedAt} initial={toRows(stages.data.items)} />}
    </Page>
  );
}

function StagesForm({ initial }: { initial: Row[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(initial);
  const [announcement, setAnnouncement] = useState("");
  const [saved, setSaved] = useState(false);
  const ids = Object.fromEntries(rows.flatMap((r, i) => [[`stages.${i}.labelNb`, `stage-${i}-nb`], [`stages.${i}.labelEn`, `stage-${i}-en`]]));
  const form = useForm(ids);

  const update = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  function move(i: number, by: -1 | 1) {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setRows(next);
    setAnnouncement(t("stages.moved", { name: rows[i]!.labelNb, position: j + 1, count: rows.length }));
    // Keep focus on the same button of the moved row.
    requestAnimationFrame(() => document.getElementById(`stage-${j}-${by < 0 ? "up" : "down"}`)?.focus());
  }
  function remove(i: number) {
    setAnnouncement(t("stages.removed", { name: rows[i]!.labelNb }));
    setRows((all) => all.filter((_, j) => j !== i));
  }
  function add() {
    setRows((all) => [...all, { key: "", labelNb: "", labelEn: "", inUse: 0, isNew: true }]);
    requestAnimationFrame(() => document.getElementById(`stage-${rows.length}-nb`)?.focus());
  }

  async function save() {
    setSaved(false);
    const errors: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (!r.labelNb.trim()) errors[`stages.${i}.labelNb`] = t("stages.nameRequired");
      if (!r.labelEn.trim()) errors[`stages.${i}.labelEn`] = t("stages.nameRequired");
    });
    if (Object.keys(errors).length) return form.fail(errors);
    const taken = rows.filter((r) => !r.isNew).map((r) => r.key);
    const stages = rows.map((r) => {
      const key = r.isNew ? newStageKey(r.labelNb, taken) : r.key;
      if (r.isNew) taken.push(key);
      return { key, labelNb: r.labelNb.trim(), labelEn: r.labelEn.trim() };
    });
    await form.run(async () => {
      await api("/api/v1/pipeline-stages", { method: "PUT", body: { stages } });
      await queryClient.invalidateQueries({ queryKey: ["pipeline-stages"] });
      setSaved(true);
    });
  }

  return (
    <div className="stack">
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div aria-live="polite" role="status">
        {saved && (
          <Alert data-color="success">
            <Paragraph>{t("stages.saved")}</Paragraph>
          </Alert>
        )}
      </div>
      <div aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
      <ol className="stage-list">
        {rows.map((r, i) => {
          const fixed = (requiredPipelineStages as readonly string[]).includes(r.key);
          const name = r.labelNb || t("stages.newStage");
          return (
            <li key={r.isNew ? `new-${i}` : r.key} className="stage-list__item">
              <Heading level={2} data-size="2xs">
                {t("stages.position", { position: i + 1 })} {name}
              </Heading>
              <div className="row">
                <Textfield id={`stage-${i}-nb`} label={t("stages.labelNb")} value={r.labelNb} onChange={(e) => update(i, { labelNb: e.target.value })} error={form.errors[`stages.${i}.labelNb`]} maxLength={60} />
                <Textfield id={`stage-${i}-en`} label={t("stages.labelEn")} value={r.labelEn} onChange={(e) => update(i, { labelEn: e.target.value })} error={form.errors[`stages.${i}.labelEn`]} maxLength={60} />
              </div>
              <div className="row row--tight">
                {r.inUse > 0 && <Tag data-color="info">{t("stages.inUse", { count: r.inUse })}</Tag>}
                {fixed && <Tag data-color="neutral">{t("stages.needed")}</Tag>}
                <Button id={`stage-${i}-up`} variant="tertiary" data-size="sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("stages.upNamed", { name })}>
                  {t("stages.up")}
                </Button>
                <Button id={`stage-${i}-down`} variant="tertiary" data-size="sm" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t("stages.downNamed", { name })}>
                  {t("stages.down")}
                </Button>
                {!fixed && r.inUse === 0 && (
                  <Button variant="tertiary" data-color="danger" data-size="sm" onClick={() => remove(i)} aria-label={t("stages.removeNamed", { name })}>
                    {t("stages.remove")}
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="form-actions">
        <Button variant="secondary" onClick={add} disabled={rows.length >= 30}>
          {t("stages.add")}
        </Button>
        <Button onClick={() => void save()} loading={form.busy}>
          {t("common.save")}
        </Button>
      </div>
    </div>
  );
}
