import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Field, Fieldset, Label, Paragraph, Radio, Select, Spinner, Textarea, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { drivingLicenceClasses, educationLevels } from "../../shared/candidates.ts";
import { jobExtents, jobStatuses, jobTypes } from "../../shared/jobs.ts";
import { Page } from "../components/Page.tsx";
import { FormErrors, type FormError } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { fieldNameOf } from "../api.ts";
import { ConceptPicker, uiLang } from "../features/candidates/pickers.tsx";
import { createJob, jobQuery, skillSuggestionsQuery, updateJob, type Job } from "../features/jobs/api.ts";
import { EMPTY_JOB, MAX_SKILLS, offerSuggestions, toJobInput, toJobUpdate, validateJob, valuesFromJob, type JobValues } from "../features/jobs/form.ts";
import { SearchPicker } from "../features/jobs/components.tsx";
import { LanguagesFieldset, SkillsFieldset } from "../features/jobs/requirements.tsx";

/** Input ids by API field name (error summary links; server errors land on the same fields). */
const ID: Record<string, string> = {
  employerId: "job-employer",
  municipalUnit: "job-unit",
  title: "job-title",
  description: "job-description",
  occupationUri: "job-occupation",
  essentialSkillUris: "job-skill-search",
  optionalSkillUris: "job-skill-search",
  languages: "job-add-language",
  educationLevel: "job-education",
  licences: "job-add-licence",
  location: "job-location",
  municipality: "job-municipality",
  extent: "job-extent",
  extentPercent: "job-extent-percent",
  type: "job-type",
  wageSubsidyPossible: "job-wage-subsidy",
  positions: "job-positions",
  startDate: "job-start",
  deadline: "job-deadline",
  status: "job-status",
};

/** The input of a field name, also for list items ("languages.0.code", "essentialSkillUris.3"). */
function idOf(name: string): string | undefined {
  const m = /^(languages|licences)\.(\d+)\.(\w+)/.exec(name);
  if (m) return m[1] === "languages" ? `job-lang-${m[2]}-${m[3] === "subSkills" ? "scope" : m[3] === "level" ? "level" : "code"}` : `job-licence-${m[2]}`;
  return ID[name.split(".")[0] ?? name];
}

export function JobNewPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("jobs.form.newTitle")} lead={<Paragraph>{t("jobs.form.newLead")}</Paragraph>}>
      <JobForm />
    </Page>
  );
}

export function JobEditPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { jobId } = useParams({ strict: false }) as { jobId: string };
  const job = useQuery(jobQuery(jobId, lang));
  return (
    <Page title={job.data ? t("jobs.form.editNamed", { title: job.data.title }) : t("jobs.form.editTitle")}>
      {job.isPending && <Spinner aria-label={t("common.loading")} />}
      {job.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, job.error)}</Paragraph>
        </Alert>
      )}
      {job.data && <JobForm key={job.data.id} job={job.data} />}
    </Page>
  );
}

function JobForm({ job }: { job?: Job }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const employerUser = me.role === "employer";
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [v, setV] = useState<JobValues>(() => (job ? valuesFromJob(job, lang) : EMPTY_JOB));
  const form = useForm(ID);
  const [skillMessage, setSkillMessage] = useState<string | null>(null);
  const [offering, setOffering] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const set = <K extends keyof JobValues>(k: K, value: JobValues[K]) => setV((p) => ({ ...p, [k]: value }));
  const err = (name: string) => form.errors[name];

  /** Fetches the occupation's skills from ESCO and offers them as checkboxes (essential ones checked on an empty list). */
  async function offerFor(uri: string) {
    setOffering({ busy: true, error: null });
    try {
      const data = await queryClient.fetchQuery(skillSuggestionsQuery(uri, lang));
      setV((p) => (p.occupation?.uri === uri ? { ...p, skills: offerSuggestions(p.skills, data) } : p));
      setSkillMessage(t("jobs.skills.offered", { essential: data.essential.length, optional: data.optional.length }));
      setOffering({ busy: false, error: null });
    } catch (e) {
      setOffering({ busy: false, error: e });
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const codes = validateJob(v, employerUser);
    if (Object.keys(codes).length > 0) {
      return form.fail(Object.fromEntries(Object.entries(codes).map(([name, code]) => [name, t(`jobs.form.errors.${code}`, { max: MAX_SKILLS })])));
    }
    await form.run(async () => {
      const saved = job ? await updateJob(job.id, toJobUpdate(v, employerUser), lang) : await createJob(toJobInput(v, employerUser), lang);
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
      await navigate({ to: "/jobs/$jobId", params: { jobId: saved.id }, search: { saved: job ? "updated" : "created" } });
    });
  }

  /** Field label for the error summary ("Tittel: is required"), so a server message says where it belongs. */
  function labelOf(name: string): string {
    const key = fieldNameOf(name).split(".")[0] ?? name;
    return t(`jobs.fields.${key}`, { defaultValue: key });
  }
  const summary: FormError[] = [
    ...(form.general ? [{ message: form.general }] : []),
    ...Object.entries(form.errors).map(([name, message]) => {
      const field = idOf(name);
      return field ? { message: `${labelOf(name)}: ${message}`, field } : { message: `${labelOf(name)}: ${message}` };
    }),
  ];
  const skillsError = Object.entries(form.errors).find(([name]) => name.startsWith("essentialSkillUris") || name.startsWith("optionalSkillUris"))?.[1];

  return (
    <div className="stack">
      <FormErrors errors={summary} attempt={form.attempt} />
      <form className="form form--wide" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={job ? t("jobs.form.editTitle") : t("jobs.form.newTitle")}>
        <Fieldset>
          <Fieldset.Legend>{t("jobs.form.who")}</Fieldset.Legend>
          {employerUser ? (
            <Fieldset.Description>{t("jobs.form.ownCompany")}</Fieldset.Description>
          ) : (
            <div className="stack">
              <div className="row">
                <Radio id="job-owner-employer" name="owner" label={t("jobs.form.ownerEmployer")} value="employer" checked={v.owner === "employer"} onChange={() => set("owner", "employer")} />
                <Radio id="job-owner-unit" name="owner" label={t("jobs.form.ownerUnit")} value="unit" checked={v.owner === "unit"} onChange={() => set("owner", "unit")} />
              </div>
              {v.owner === "employer" ? (
                <SearchPicker
                  id={ID.employerId!}
                  kind="employers"
                  label={t("jobs.fields.employer")}
                  description={t("jobs.form.employerHint")}
                  value={v.employer ? { ...v.employer, detail: "" } : null}
                  onChange={(h) => set("employer", h ? { id: h.id, name: h.name } : null)}
                  error={err("employerId")}
                />
              ) : (
                <Textfield id={ID.municipalUnit} label={t("jobs.fields.municipalUnit")} description={t("jobs.form.unitHint")} value={v.municipalUnit} onChange={(e) => set("municipalUnit", e.target.value)} error={err("municipalUnit")} maxLength={160} />
              )}
            </div>
          )}
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>{t("jobs.form.about")}</Fieldset.Legend>
          <div className="stack">
            <Textfield id={ID.title} label={t("jobs.fields.title")} value={v.title} onChange={(e) => set("title", e.target.value)} error={err("title")} required maxLength={200} />
            <Field>
              <Label htmlFor={ID.description}>{t("jobs.fields.description")}</Label>
              <Textarea id={ID.description} rows={5} value={v.description} onChange={(e) => set("description", e.target.value)} maxLength={10000} aria-invalid={err("description") ? true : undefined} />
              {err("description") && <ValidationMessage>{err("description")}</ValidationMessage>}
            </Field>
            <ConceptPicker
              id={ID.occupationUri!}
              kind="occupations"
              label={t("jobs.fields.occupationUri")}
              description={t("jobs.form.occupationHint")}
              value={v.occupation ? [v.occupation] : []}
              onChange={(list) => {
                const next = list[0] ?? null;
                set("occupation", next);
                if (next && next.uri !== v.occupation?.uri) void offerFor(next.uri);
              }}
              error={err("occupationUri")}
              max={1}
            />
          </div>
        </Fieldset>

        <SkillsFieldset
          occupationUri={v.occupation?.uri ?? null}
          skills={v.skills}
          onChange={(skills) => set("skills", skills)}
          error={skillsError}
          message={skillMessage}
          setMessage={setSkillMessage}
          offering={offering}
          onOffer={() => v.occupation && void offerFor(v.occupation.uri)}
        />

        <LanguagesFieldset languages={v.languages} setLanguages={(update) => setV((p) => ({ ...p, languages: update(p.languages) }))} err={err} />

        <Fieldset>
          <Fieldset.Legend>{t("jobs.form.qualifications")}</Fieldset.Legend>
          <div className="stack">
            <Field>
              <Label htmlFor={ID.educationLevel}>{t("jobs.fields.educationLevel")}</Label>
              <Select id={ID.educationLevel} width="auto" value={v.educationLevel} onChange={(e) => set("educationLevel", e.target.value as JobValues["educationLevel"])}>
                <Select.Option value="">{t("jobs.form.noEducationRequired")}</Select.Option>
                {educationLevels.map((l) => (
                  <Select.Option key={l} value={l}>
                    {t(`candidates.educationLevels.${l}`)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <LicencesPart v={v} setV={setV} err={err} />
          </div>
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>{t("jobs.form.terms")}</Fieldset.Legend>
          <div className="stack">
            <div className="grid2">
              <Textfield id={ID.location} label={t("jobs.fields.location")} description={t("jobs.form.locationHint")} value={v.location} onChange={(e) => set("location", e.target.value)} error={err("location")} maxLength={200} />
              <Textfield id={ID.municipality} label={t("jobs.fields.municipality")} value={v.municipality} onChange={(e) => set("municipality", e.target.value)} error={err("municipality")} maxLength={80} />
            </div>
            <div className="grid2">
              <Field>
                <Label htmlFor={ID.extent}>{t("jobs.fields.extent")}</Label>
                <Select id={ID.extent} width="auto" value={v.extent} onChange={(e) => set("extent", e.target.value as JobValues["extent"])}>
                  {jobExtents.map((x) => (
                    <Select.Option key={x} value={x}>
                      {t(`jobs.extents.${x}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
              {v.extent === "part_time" && (
                <Textfield id={ID.extentPercent} label={t("jobs.fields.extentPercent")} description={t("jobs.form.percentHint")} value={v.extentPercent} onChange={(e) => set("extentPercent", e.target.value)} error={err("extentPercent")} inputMode="numeric" maxLength={3} />
              )}
            </div>
            <div className="grid2">
              <Field>
                <Label htmlFor={ID.type}>{t("jobs.fields.type")}</Label>
                <Select id={ID.type} width="auto" value={v.type} onChange={(e) => set("type", e.target.value as JobValues["type"])}>
                  {jobTypes.map((x) => (
                    <Select.Option key={x} value={x}>
                      {t(`jobs.types.${x}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
              <Textfield id={ID.positions} label={t("jobs.fields.positions")} value={v.positions} onChange={(e) => set("positions", e.target.value)} error={err("positions")} inputMode="numeric" maxLength={3} />
            </div>
            <Checkbox id={ID.wageSubsidyPossible} label={t("jobs.fields.wageSubsidyPossible")} description={t("jobs.form.wageSubsidyHint")} checked={v.wageSubsidyPossible} onChange={(e) => set("wageSubsidyPossible", e.target.checked)} />
            <div className="grid2">
              <Textfield id={ID.startDate} type="date" label={t("jobs.fields.startDate")} value={v.startDate} onChange={(e) => set("startDate", e.target.value)} error={err("startDate")} />
              <Textfield id={ID.deadline} type="date" label={t("jobs.fields.deadline")} value={v.deadline} onChange={(e) => set("deadline", e.target.value)} error={err("deadline")} />
            </div>
            <Field>
              <Label htmlFor={ID.status}>{t("jobs.fields.status")}</Label>
              <Field.Description>{t("jobs.form.statusHint")}</Field.Description>
              <Select id={ID.status} width="auto" value={v.status} onChange={(e) => set("status", e.target.value as JobValues["status"])}>
                {jobStatuses.map((x) => (
                  <Select.Option key={x} value={x}>
                    {t(`jobs.statuses.${x}`)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
          </div>
        </Fieldset>

        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {job ? t("jobs.form.saveChanges") : t("jobs.form.create")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => void (job ? navigate({ to: "/jobs/$jobId", params: { jobId: job.id } }) : navigate({ to: "/jobs" }))}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
    </div>
  );
}

type PartProps = { v: JobValues; setV: React.Dispatch<React.SetStateAction<JobValues>>; err: (name: string) => string | undefined };

function LicencesPart({ v, setV, err }: PartProps) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<JobValues["licences"][number]>) => setV((p) => ({ ...p, licences: p.licences.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  const unused = drivingLicenceClasses.filter((c) => !v.licences.some((l) => l.licence === c));
  return (
    <Fieldset>
      <Fieldset.Legend>{t("jobs.fields.licences")}</Fieldset.Legend>
      <Fieldset.Description>{t("jobs.licences.lead")}</Fieldset.Description>
      <div className="stack">
        {v.licences.map((l, i) => (
          <div key={i} className="row">
            <Field>
              <Label htmlFor={`job-licence-${i}`}>{t("jobs.licences.class")}</Label>
              <Select id={`job-licence-${i}`} width="auto" value={l.licence} onChange={(e) => update(i, { licence: e.target.value as JobValues["licences"][number]["licence"] })}>
                {drivingLicenceClasses
                  .filter((c) => c === l.licence || !v.licences.some((x) => x.licence === c))
                  .map((c) => (
                    <Select.Option key={c} value={c}>
                      {c}
                    </Select.Option>
                  ))}
              </Select>
            </Field>
            <Field>
              <Label htmlFor={`job-licence-${i}-required`}>{t("jobs.licences.need", { licence: l.licence })}</Label>
              <Select id={`job-licence-${i}-required`} width="auto" value={l.required ? "required" : "preferred"} onChange={(e) => update(i, { required: e.target.value === "required" })}>
                <Select.Option value="required">{t("jobs.licences.required")}</Select.Option>
                <Select.Option value="preferred">{t("jobs.licences.preferred")}</Select.Option>
              </Select>
            </Field>
            <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={() => setV((p) => ({ ...p, licences: p.licences.filter((_, j) => j !== i) }))}>
              {t("jobs.licences.remove", { licence: l.licence })}
            </Button>
            {err(`licences.${i}.licence`) && <ValidationMessage>{err(`licences.${i}.licence`)}</ValidationMessage>}
          </div>
        ))}
        <div>
          <Button id="job-add-licence" type="button" variant="secondary" disabled={unused.length === 0 || v.licences.length >= 15} onClick={() => setV((p) => ({ ...p, licences: [...p.licences, { licence: unused.includes("B") ? "B" : unused[0]!, required: true }] }))}>
            {t("jobs.licences.add")}
          </Button>
        </div>
      </div>
    </Fieldset>
  );
}
