import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Radio, Spinner, Switch, Tag, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { placementTypes, type PlacementType } from "../../shared/placements.ts";
import { formatDay, formatNumber } from "../../shared/charts.ts";
import { Page, FocusTarget } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { goalsQuery, type Goal, type GoalInput } from "../features/dashboard/api.ts";
import "../features/dashboard/dashboard.css";

/** Settings → Goals (admin): the network's goals, and the estimated cost of one person outside work. */
export function GoalSettingsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === "en" ? "en" : "nb";
  const queryClient = useQueryClient();
  const goals = useQuery(goalsQuery);
  const [editing, setEditing] = useState<Goal | "new" | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [deleting, setDeleting] = useState<Goal | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirmDelete() {
    if (!deleting) return;
    setBusy(true);
    try {
      await api(`/api/v1/goals/${encodeURIComponent(deleting.id)}`, { method: "DELETE" });
      setMessage({ kind: "success", text: t("goals.form.deleted", { name: deleting.name }) });
      await queryClient.invalidateQueries({ queryKey: ["goals"] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    } catch (e) {
      setMessage({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  }

  const typeLabel = (type: PlacementType) => t(`goals.placementTypes.${type}`);

  return (
    <Page title={t("goals.title")} lead={<Paragraph>{t("goals.lead")}</Paragraph>}>
      <div role="status" aria-live="polite">
        {message && (
          <FocusTarget>
            <Alert data-color={message.kind}>
              <Paragraph>{message.text}</Paragraph>
            </Alert>
          </FocusTarget>
        )}
      </div>
      {editing === null && (
        <div className="form-actions">
          <Button
            onClick={() => {
              setMessage(null);
              setEditing("new");
            }}
          >
            {t("goals.new")}
          </Button>
        </div>
      )}
      {editing !== null && (
        <GoalForm
          key={editing === "new" ? "new" : editing.id}
          goal={editing === "new" ? null : editing}
          onDone={(text) => {
            setEditing(null);
            if (text) setMessage({ kind: "success", text });
          }}
        />
      )}

      <section className="section" aria-labelledby="goal-list-heading">
        <Heading level={2} data-size="sm" id="goal-list-heading">
          {t("goals.list")}
        </Heading>
        {goals.isPending && <Spinner aria-label={t("common.loading")} />}
        {goals.isError && (
          <Alert data-color="danger">
            <Paragraph>{errorMessage(t, goals.error)}</Paragraph>
          </Alert>
        )}
        {goals.data && goals.data.items.length === 0 && <Paragraph>{t("goals.none")}</Paragraph>}
        {goals.data && goals.data.items.length > 0 && (
          <ul className="goal-list">
            {goals.data.items.map((g) => (
              <li key={g.id} className="dashboard-card">
                <div className="row row--tight">
                  <Heading level={3} data-size="xs">
                    {g.name}
                  </Heading>
                  <Tag data-color={g.active ? "success" : "neutral"}>{g.active ? t("goals.active") : t("goals.inactive")}</Tag>
                </div>
                <Paragraph>
                  {g.kind === "deadline"
                    ? t("goals.deadlineGoal", { target: formatNumber(g.target, lang), start: formatDay(g.startDate, lang), deadline: g.deadline ? formatDay(g.deadline, lang) : "–" })
                    : t("goals.yearlyGoal", { target: formatNumber(g.target, lang), start: formatDay(g.startDate, lang) })}
                </Paragraph>
                <Paragraph className="small muted">
                  {t("goals.countsTypes", { types: g.placementTypes.map(typeLabel).join(", ") })}
                  {g.partnerOrganisation ? ` · ${t("goals.partnerOnly", { partner: g.partnerOrganisation })}` : ""}
                  {g.programme ? ` · ${t("goals.programme", { programme: g.programme })}` : ""}
                </Paragraph>
                <div className="form-actions">
                  <Button
                    variant="secondary"
                    data-size="sm"
                    aria-label={`${t("goals.edit")}: ${g.name}`}
                    onClick={() => {
                      setMessage(null);
                      setEditing(g);
                    }}
                  >
                    {t("goals.edit")}
                  </Button>
                  <Button variant="tertiary" data-color="danger" data-size="sm" aria-label={`${t("goals.delete")}: ${g.name}`} onClick={() => setDeleting(g)}>
                    {t("goals.delete")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <CostSetting />

      <ConfirmDialog
        open={deleting !== null}
        title={t("goals.confirmDelete.title")}
        body={t("goals.confirmDelete.body", { name: deleting?.name ?? "" })}
        confirmLabel={t("goals.confirmDelete.confirm")}
        danger
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
    </Page>
  );
}

const IDS: Record<string, string> = {
  name: "goal-name",
  kind: "goal-kind-deadline",
  target: "goal-target",
  startDate: "goal-start",
  deadline: "goal-deadline",
  placementTypes: `goal-type-${placementTypes[0]}`,
  partnerOrganisation: "goal-partner",
  programme: "goal-programme",
  active: "goal-active",
};

type Draft = {
  name: string;
  kind: "deadline" | "yearly";
  target: string;
  startDate: string;
  deadline: string;
  placementTypes: PlacementType[];
  partnerOrganisation: string;
  programme: string;
  active: boolean;
};

function draftOf(goal: Goal | null): Draft {
  return {
    name: goal?.name ?? "",
    kind: goal?.kind ?? "deadline",
    target: goal ? String(goal.target) : "",
    startDate: goal?.startDate ?? "",
    deadline: goal?.deadline ?? "",
    placementTypes: goal?.placementTypes ?? ["ordinary_permanent", "ordinary_temporary"],
    partnerOrganisation: goal?.partnerOrganisation ?? "",
    programme: goal?.programme ?? "",
    active: goal?.active ?? true,
  };
}

function GoalForm({ goal, onDone }: { goal: Goal | null; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [d, setD] = useState<Draft>(() => draftOf(goal));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((x) => ({ ...x, [key]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!d.name.trim()) errors.name = t("goals.form.nameRequired");
    const target = Number(d.target);
    if (!(Number.isInteger(target) && target >= 1)) errors.target = t("goals.form.targetInvalid");
    if (!d.startDate) errors.startDate = t("goals.form.startRequired");
    if (d.kind === "deadline" && !d.deadline) errors.deadline = t("goals.form.deadlineRequired");
    else if (d.kind === "deadline" && d.startDate && d.deadline <= d.startDate) errors.deadline = t("goals.form.deadlineOrder");
    if (d.placementTypes.length === 0) errors.placementTypes = t("goals.form.typesRequired");
    if (Object.keys(errors).length) return form.fail(errors);
    const body: GoalInput = {
      name: d.name.trim(),
      kind: d.kind,
      target,
      startDate: d.startDate,
      deadline: d.kind === "deadline" ? d.deadline : null,
      placementTypes: placementTypes.filter((p) => d.placementTypes.includes(p)),
      partnerOrganisation: d.partnerOrganisation.trim() || null,
      programme: d.programme.trim() || null,
      active: d.active,
    };
    await form.run(async () => {
      if (goal) await api(`/api/v1/goals/${encodeURIComponent(goal.id)}`, { method: "PATCH", body });
      else await api("/api/v1/goals", { method: "POST", body });
      await queryClient.invalidateQueries({ queryKey: ["goals"] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
      onDone(t(goal ? "goals.form.updated" : "goals.form.created", { name: body.name }));
    });
  }

  return (
    <section className="section dashboard-card" aria-labelledby="goal-form-heading">
      <FocusTarget>
        <Heading level={2} data-size="sm" id="goal-form-heading">
          {goal ? t("goals.form.editHeading", { name: goal.name }) : t("goals.form.newHeading")}
        </Heading>
      </FocusTarget>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id={IDS.name} label={t("goals.form.name")} description={t("goals.form.nameHint")} value={d.name} onChange={(e) => set("name", e.target.value)} error={form.errors.name} maxLength={200} required />
        <Fieldset>
          <Fieldset.Legend>{t("goals.form.kind")}</Fieldset.Legend>
          <Radio id="goal-kind-deadline" name="goal-kind" label={t("goals.form.kindDeadline")} value="deadline" checked={d.kind === "deadline"} onChange={() => set("kind", "deadline")} />
          <Radio id="goal-kind-yearly" name="goal-kind" label={t("goals.form.kindYearly")} value="yearly" checked={d.kind === "yearly"} onChange={() => set("kind", "yearly")} />
        </Fieldset>
        <Textfield id={IDS.target} label={t("goals.form.target")} type="number" inputMode="numeric" min={1} value={d.target} onChange={(e) => set("target", e.target.value)} error={form.errors.target} required />
        <div className="grid2">
          <Textfield id={IDS.startDate} label={t("goals.form.start")} type="date" value={d.startDate} onChange={(e) => set("startDate", e.target.value)} error={form.errors.startDate} required />
          {d.kind === "deadline" && (
            <Textfield id={IDS.deadline} label={t("goals.form.deadline")} type="date" value={d.deadline} onChange={(e) => set("deadline", e.target.value)} error={form.errors.deadline} required />
          )}
        </div>
        <Fieldset>
          <Fieldset.Legend>{t("goals.form.placementTypes")}</Fieldset.Legend>
          {placementTypes.map((type) => (
            <Checkbox
              key={type}
              id={`goal-type-${type}`}
              label={t(`goals.placementTypes.${type}`)}
              value={type}
              checked={d.placementTypes.includes(type)}
              onChange={(e) => set("placementTypes", e.target.checked ? [...d.placementTypes, type] : d.placementTypes.filter((x) => x !== type))}
            />
          ))}
          {form.errors.placementTypes && <ValidationMessage>{form.errors.placementTypes}</ValidationMessage>}
        </Fieldset>
        <Textfield id={IDS.partnerOrganisation} label={t("goals.form.partner")} description={t("goals.form.partnerHint")} value={d.partnerOrganisation} onChange={(e) => set("partnerOrganisation", e.target.value)} error={form.errors.partnerOrganisation} maxLength={200} />
        <Textfield id={IDS.programme} label={t("goals.form.programme")} description={t("goals.form.programmeHint")} value={d.programme} onChange={(e) => set("programme", e.target.value)} error={form.errors.programme} maxLength={200} />
        <Switch id={IDS.active} label={t("goals.form.activeLabel")} checked={d.active} onChange={(e) => set("active", e.target.checked)} />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("goals.form.save")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => onDone(null)}>
            {t("goals.form.cancel")}
          </Button>
        </div>
      </form>
    </section>
  );
}

type NetworkCost = { exclusionCostNok: number };

function CostSetting() {
  const { t } = useTranslation();
  const network = useQuery({ queryKey: ["network"], queryFn: ({ signal }) => api<NetworkCost>("/api/v1/network", { signal }) });
  return (
    <section className="section" aria-labelledby="cost-heading">
      <Heading level={2} data-size="sm" id="cost-heading">
        {t("goals.cost.heading")}
      </Heading>
      <Paragraph>{t("goals.cost.lead")}</Paragraph>
      {network.isPending && <Spinner aria-label={t("common.loading")} />}
      {network.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, network.error)}</Paragraph>
        </Alert>
      )}
      {/* Not keyed by fetch time: saving refetches the network, and the form must keep its "saved" message. */}
      {network.data && <CostForm initial={network.data.exclusionCostNok} />}
    </section>
  );
}

function CostForm({ initial }: { initial: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ exclusionCostNok: "goal-cost" });
  const [value, setValue] = useState(String(initial));
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const n = Number(value);
    if (value.trim() === "" || !Number.isInteger(n) || n < 0) return form.fail({ exclusionCostNok: t("goals.cost.invalid") });
    await form.run(async () => {
      await api("/api/v1/network", { method: "PATCH", body: { exclusionCostNok: n } });
      await queryClient.invalidateQueries({ queryKey: ["network"] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
      setSaved(true);
    });
  }

  return (
    <>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div aria-live="polite" role="status">
        {saved && (
          <Alert data-color="success">
            <Paragraph>{t("goals.cost.saved")}</Paragraph>
          </Alert>
        )}
      </div>
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id="goal-cost" label={t("goals.cost.label")} type="number" inputMode="numeric" min={0} step={1} value={value} onChange={(e) => setValue(e.target.value)} error={form.errors.exclusionCostNok} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={form.busy}>
            {t("common.save")}
          </Button>
        </div>
      </form>
    </>
  );
}
