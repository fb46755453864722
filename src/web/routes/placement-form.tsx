import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Field, Fieldset, Heading, Label, Link, Paragraph, Radio, Select, Spinner, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { toSearch, type Lang } from "../features/candidates/api.ts";
import { ConceptPicker, uiLang } from "../features/candidates/pickers.tsx";
import {
  draftFromPlacement,
  draftToInput,
  draftToPatch,
  emptyDraft,
  isOrdinaryType,
  placementPath,
  placementQuery,
  placementTypes,
  type DraftErrors,
  type Job,
  type Placement,
  type PlacementDraft,
} from "../features/placements/api.ts";
import { EntityCombobox, searchCandidates, searchEmployers } from "../features/placements/components.tsx";

/** Input ids of the form's fields, for the error summary's links (API field name → id). */
const IDS: Record<string, string> = {
  candidateId: "placement-candidate",
  employerId: "placement-employer",
  employerName: "placement-employer-name",
  jobId: "placement-job",
  occupationUri: "placement-occupation",
  type: "placement-type",
  wageSubsidyPercent: "placement-subsidy-percent",
  subsidyFrom: "placement-subsidy-from",
  subsidyTo: "placement-subsidy-to",
  hoursPerWeek: "placement-hours",
  startDate: "placement-start",
  endDate: "placement-end",
};

type Prefill = { candidateId?: string; jobId?: string; employerId?: string };

/** Record a hire: from a job's list (`?candidateId=&jobId=&employerId=`) or directly. */
export function PlacementNewPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const search = useSearch({ strict: false }) as Prefill;
  const prefill = useQuery({
    queryKey: ["placements", "prefill", search.candidateId ?? "", search.jobId ?? "", search.employerId ?? "", lang],
    queryFn: ({ signal }) => prefillDraft(search, lang, signal),
  });
  return (
    <Page title={t("placements.form.newTitle")} lead={<Paragraph>{t("placements.form.lead")}</Paragraph>}>
      {prefill.isPending && <Spinner aria-label={t("common.loading")} />}
      {prefill.data && <PlacementForm initial={prefill.data.draft} jobs={prefill.data.job ? [prefill.data.job] : []} lang={lang} />}
      {prefill.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, prefill.error)}</Paragraph>
        </Alert>
      )}
    </Page>
  );
}

/** Builds the first draft from the query string: the candidate's name, the job's employer and occupation. */
async function prefillDraft(p: Prefill, lang: Lang, signal?: AbortSignal): Promise<{ draft: PlacementDraft; job: Job | null }> {
  const draft = emptyDraft();
  const [candidate, job, employer] = await Promise.all([
    p.candidateId ? api<{ id: string; firstName: string; lastName: string }>(`/api/v1/candidates/${encodeURIComponent(p.candidateId)}${toSearch({ lang })}`, { signal }).catch(() => null) : null,
    p.jobId ? api<Job>(`/api/v1/jobs/${encodeURIComponent(p.jobId)}${toSearch({ lang })}`, { signal }).catch(() => null) : null,
    p.employerId ? api<{ id: string; name: string }>(`/api/v1/employers/${encodeURIComponent(p.employerId)}`, { signal }).catch(() => null) : null,
  ]);
  if (candidate) draft.candidate = { id: candidate.id, name: `${candidate.firstName} ${candidate.lastName}`.trim() };
  if (employer) draft.employer = { id: employer.id, name: employer.name };
  if (job) {
    draft.jobId = job.id;
    if (job.employer && !draft.employer) draft.employer = job.employer;
    if (!job.employer && job.municipalUnit) {
      draft.employerMode = "other";
      draft.employerName = job.municipalUnit;
    }
    draft.occupation = [{ uri: job.occupation.uri, [lang]: job.occupation.label }];
    draft.type = jobTypeToPlacementType(job.type);
    if (job.startDate) draft.startDate = job.startDate;
  }
  return { draft, job };
}

/** The nearest placement type for a job's type (a suggestion the person can change). */
function jobTypeToPlacementType(type: Job["type"]): PlacementDraft["type"] {
  switch (type) {
    case "permanent":
      return "ordinary_permanent";
    case "temporary":
      return "ordinary_temporary";
    case "seasonal":
      return "summer_job";
    default:
      return type;
  }
}

export function PlacementEditPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { placementId } = useParams({ strict: false }) as { placementId: string };
  const placement = useQuery(placementQuery(placementId, lang));
  const job = useQuery({
    queryKey: ["jobs", placement.data?.jobId ?? "", lang],
    queryFn: ({ signal }) => api<Job>(`/api/v1/jobs/${encodeURIComponent(placement.data!.jobId!)}${toSearch({ lang })}`, { signal }),
    enabled: !!placement.data?.jobId,
  });
  const p = placement.data;
  const ready = p && (!p.jobId || !job.isPending);
  return (
    <Page title={t("placements.form.editTitle")}>
      {(placement.isPending || (p && !ready)) && <Spinner aria-label={t("common.loading")} />}
      {placement.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, placement.error)}</Paragraph>
        </Alert>
      )}
      {p && ready && <PlacementForm initial={draftFromPlacement(p, lang)} placement={p} jobs={job.data ? [job.data] : []} lang={lang} />}
      {p && ready && <DeletePlacement p={p} />}
    </Page>
  );
}

function PlacementForm({ initial, placement, jobs: knownJobs, lang }: { initial: PlacementDraft; placement?: Placement; jobs: Job[]; lang: Lang }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [d, setD] = useState<PlacementDraft>(initial);
  const set = <K extends keyof PlacementDraft>(k: K, v: PlacementDraft[K]) => setD((p) => ({ ...p, [k]: v }));
  const ordinary = isOrdinaryType(d.type);
  const err = (k: string) => form.errors[k];

  // The employer's jobs (or all open jobs when none is chosen), to link the hire to one.
  const employerId = d.employerMode === "registered" ? d.employer?.id : undefined;
  const jobs = useQuery({
    queryKey: ["jobs", "for-placement", employerId ?? "", lang],
    queryFn: ({ signal }) => api<{ items: Job[] }>(`/api/v1/jobs${toSearch({ employerId, status: employerId ? undefined : "open", limit: 200, lang })}`, { signal }),
  });
  const jobOptions = [...knownJobs.filter((j) => !(jobs.data?.items ?? []).some((x) => x.id === j.id)), ...(jobs.data?.items ?? [])];
  const chosenJob = jobOptions.find((j) => j.id === d.jobId);

  /** Choosing an employer drops a job of another employer; choosing a job fills in its employer. */
  function setEmployer(v: PlacementDraft["employer"]) {
    setD((p) => ({ ...p, employer: v, jobId: v && chosenJob?.employer && chosenJob.employer.id !== v.id ? "" : p.jobId }));
  }
  function setJob(id: string) {
    const job = jobOptions.find((j) => j.id === id);
    setD((p) => ({ ...p, jobId: id, ...(job?.employer && p.employerMode === "registered" && !p.employer ? { employer: job.employer } : {}) }));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const checked = placement ? draftToPatch(d) : draftToInput(d);
    const errs: DraftErrors = checked.errors;
    if (Object.keys(errs).length > 0) {
      form.fail(Object.fromEntries(Object.entries(errs).map(([k, v]) => [k, t(`placements.form.errors.${v}`)])));
      return;
    }
    void form.run(async () => {
      const body = "patch" in checked ? checked.patch : checked.input;
      const saved = await api<Placement>(`${placement ? placementPath(placement.id) : "/api/v1/placements"}${toSearch({ lang })}`, { method: placement ? "PATCH" : "POST", body });
      await queryClient.invalidateQueries({ queryKey: ["placements"] });
      await queryClient.invalidateQueries({ queryKey: ["candidates", saved.candidate?.id ?? ""] });
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
      void navigate({ to: "/placements", search: { saved: placement ? "updated" : "created" } });
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="form form--wide placement-form">
      <FormErrors errors={form.summary} attempt={form.attempt} />

      <EntityCombobox
        id={IDS.candidateId!}
        kind="candidates"
        label={t("placements.fields.candidate")}
        description={t("placements.form.candidateHint")}
        search={searchCandidates}
        value={d.candidate}
        onChange={(v) => set("candidate", v)}
        error={err("candidateId")}
        readOnly={!!placement}
      />

      <Fieldset>
        <Fieldset.Legend>{t("placements.fields.employer")}</Fieldset.Legend>
        <div className="row">
          <Radio id="placement-employer-registered" name="employerMode" label={t("placements.form.employerRegistered")} value="registered" checked={d.employerMode === "registered"} onChange={() => set("employerMode", "registered")} />
          <Radio id="placement-employer-other" name="employerMode" label={t("placements.form.employerOther")} value="other" checked={d.employerMode === "other"} onChange={() => set("employerMode", "other")} />
        </div>
      </Fieldset>
      {d.employerMode === "registered" ? (
        <EntityCombobox id={IDS.employerId!} kind="employers" label={t("placements.form.employerPick")} description={t("placements.form.employerPickHint")} search={searchEmployers} value={d.employer} onChange={setEmployer} error={err("employerId")} />
      ) : (
        <Textfield id={IDS.employerName} label={t("placements.form.employerName")} description={t("placements.form.employerNameHint")} value={d.employerName} onChange={(e) => set("employerName", e.target.value)} error={err("employerName")} maxLength={200} />
      )}

      <Field>
        <Label htmlFor={IDS.jobId}>{t("placements.fields.job")}</Label>
        <Field.Description>{t("placements.form.jobHint")}</Field.Description>
        <Select id={IDS.jobId} width="auto" value={d.jobId} onChange={(e) => setJob(e.target.value)} aria-invalid={err("jobId") ? true : undefined}>
          <Select.Option value="">{t("placements.form.noJob")}</Select.Option>
          {jobOptions.map((j) => (
            <Select.Option key={j.id} value={j.id}>
              {j.employer && !employerId ? `${j.title} – ${j.employer.name}` : j.title}
            </Select.Option>
          ))}
        </Select>
        {err("jobId") && <ValidationMessage>{err("jobId")}</ValidationMessage>}
      </Field>

      <ConceptPicker
        id={IDS.occupationUri!}
        kind="occupations"
        label={t("placements.fields.occupation")}
        description={t("placements.form.occupationHint")}
        value={d.occupation}
        onChange={(v) => set("occupation", v)}
        error={err("occupationUri")}
        max={1}
      />

      <Field>
        <Label htmlFor={IDS.type}>{t("placements.fields.type")}</Label>
        <Field.Description>{t("placements.form.typeHint")}</Field.Description>
        <Select id={IDS.type} width="auto" value={d.type} onChange={(e) => set("type", e.target.value as PlacementDraft["type"])}>
          {placementTypes.map((type) => (
            <Select.Option key={type} value={type}>
              {t(`placements.types.${type}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>

      <Fieldset>
        <Fieldset.Legend>{t("placements.form.subsidy")}</Fieldset.Legend>
        {ordinary ? (
          <>
            <Checkbox id="placement-subsidy" label={t("placements.form.subsidyYes")} checked={d.wageSubsidy} onChange={(e) => set("wageSubsidy", e.target.checked)} />
            {d.wageSubsidy && (
              <div className="placements-grid3">
                <Textfield id={IDS.wageSubsidyPercent} label={t("placements.fields.wageSubsidyPercent")} inputMode="numeric" value={d.wageSubsidyPercent} onChange={(e) => set("wageSubsidyPercent", e.target.value)} error={err("wageSubsidyPercent")} />
                <Textfield id={IDS.subsidyFrom} type="date" label={t("placements.fields.subsidyFrom")} value={d.subsidyFrom} onChange={(e) => set("subsidyFrom", e.target.value)} error={err("subsidyFrom")} />
                <Textfield id={IDS.subsidyTo} type="date" label={t("placements.fields.subsidyTo")} value={d.subsidyTo} onChange={(e) => set("subsidyTo", e.target.value)} error={err("subsidyTo")} />
              </div>
            )}
          </>
        ) : (
          <Paragraph data-size="sm" className="muted" id={IDS.wageSubsidyPercent} tabIndex={-1}>
            {t("placements.form.subsidyOnlyOrdinary")}
          </Paragraph>
        )}
        {!ordinary && err("wageSubsidyPercent") && <Paragraph data-size="sm">{err("wageSubsidyPercent")}</Paragraph>}
      </Fieldset>

      <div className="placements-grid3">
        <Textfield id={IDS.hoursPerWeek} label={t("placements.fields.hoursPerWeek")} description={t("placements.form.hoursHint")} inputMode="decimal" value={d.hoursPerWeek} onChange={(e) => set("hoursPerWeek", e.target.value)} error={err("hoursPerWeek")} />
        <Textfield id={IDS.startDate} type="date" label={t("placements.fields.startDate")} value={d.startDate} onChange={(e) => set("startDate", e.target.value)} error={err("startDate")} required />
        <Textfield id={IDS.endDate} type="date" label={t("placements.fields.endDate")} description={t("placements.form.endHint")} value={d.endDate} onChange={(e) => set("endDate", e.target.value)} error={err("endDate")} />
      </div>
      {!placement && <Paragraph data-size="sm">{t("placements.form.followUpsNote")}</Paragraph>}

      <div className="form-actions">
        <Button type="submit" loading={form.busy}>
          {placement ? t("common.save") : t("placements.form.submit")}
        </Button>
        <Link asChild>
          <RouterLink to="/placements">{t("common.cancel")}</RouterLink>
        </Link>
      </div>
    </form>
  );
}

/** Deletes a hire recorded by mistake, with its follow-ups, after a confirmation. */
function DeletePlacement({ p }: { p: Placement }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => api(placementPath(p.id), { method: "DELETE" }),
    onSuccess: async () => {
      setOpen(false);
      // Leave first: refetching the deleted placement would show "not found" on the way out.
      queryClient.removeQueries({ queryKey: ["placements", p.id] });
      await navigate({ to: "/placements", search: { saved: "deleted" } });
      await queryClient.invalidateQueries({ queryKey: ["placements"] });
    },
  });
  return (
    <section className="section" aria-labelledby="placement-delete-heading">
      <Heading level={2} data-size="xs" id="placement-delete-heading">
        {t("placements.delete.heading")}
      </Heading>
      <Paragraph data-size="sm">{t("placements.delete.text")}</Paragraph>
      {remove.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, remove.error)}</Paragraph>
        </Alert>
      )}
      <div>
        <Button variant="secondary" data-color="danger" onClick={() => setOpen(true)}>
          {t("placements.delete.button")}
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        title={t("placements.delete.confirmTitle", { name: p.candidate?.name ?? t("placements.list.erased") })}
        body={t("placements.delete.confirmBody")}
        confirmLabel={t("placements.delete.button")}
        danger
        busy={remove.isPending}
        onCancel={() => setOpen(false)}
        onConfirm={() => remove.mutate()}
      />
    </section>
  );
}
