import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Label,
  Link,
  Paragraph,
  Select,
  Spinner,
  Textfield,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { candidateStatuses, certificateTypes, cefrLevels, drivingLicenceClasses, educationLevels, extents, genders, recognitionStatuses } from "../../shared/candidates.ts";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { api, fieldNameOf, isApiError } from "../api.ts";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { advisorsQuery, candidatePath, candidateQuery, postCandidate, type Candidate, type Duplicate } from "../features/candidates/api.ts";
import {
  STEPS,
  STEP_OF_FIELD,
  draftFrom,
  emptyCertificate,
  emptyDraft,
  emptyEducation,
  emptyExperience,
  emptyLanguage,
  fieldId,
  toInput,
  validateStep,
  type Draft,
  type StepName,
} from "../features/candidates/draft.ts";
import { BilingualLabel, COMMON_LANGUAGES, ConceptPicker, CountrySelect, countryName, languageName, uiLang } from "../features/candidates/pickers.tsx";

/** Registration: the mapping interview for a new candidate. */
export function CandidateNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [initial] = useState(() => emptyDraft(me.user.id));
  return (
    <Page title={t("candidates.form.newTitle")}>
      <Interview initial={initial} />
    </Page>
  );
}

/** The same interview for an existing candidate; `?step=` opens a given step (from the profile's edit buttons). */
export function CandidateEditPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const lang = uiLang(i18n.resolvedLanguage);
  const other = lang === "nb" ? "en" : "nb";
  const main = useQuery(candidateQuery(id, lang));
  // The same record in the other language gives the taxonomy labels side by side.
  const second = useQuery(candidateQuery(id, other));
  const ready = main.data && (second.data || second.isError);
  return (
    <Page title={main.data ? t("candidates.form.editTitle", { name: `${main.data.firstName} ${main.data.lastName}` }) : t("candidates.form.editTitleLoading")}>
      {main.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, main.error)}</Paragraph>
        </Alert>
      )}
      {!ready && !main.isError && <Spinner aria-label={t("common.loading")} />}
      {ready && main.data && <Interview key={main.dataUpdatedAt} candidate={main.data} initial={draftFrom(main.data, second.data, lang)} />}
    </Page>
  );
}

function Interview({ initial, candidate }: { initial: Draft; candidate?: Candidate }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as { step?: number };
  const stepIndex = Math.min(Math.max((search.step ?? 1) - 1, 0), STEPS.length - 1);
  const step = STEPS[stepIndex]!;
  const [d, setD] = useState<Draft>(initial);
  const [furthest, setFurthest] = useState(candidate ? STEPS.length - 1 : 0);
  const [duplicates, setDuplicates] = useState<Duplicate[] | null>(null);
  const form = useForm({});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const lastStep = useRef(stepIndex);
  const canSeeBackground = !candidate || candidate.background !== null;

  // Focus the step heading when the step changes (not on first load: the page heading has it then).
  useEffect(() => {
    if (lastStep.current !== stepIndex) headingRef.current?.focus();
    lastStep.current = stepIndex;
  }, [stepIndex]);

  function goTo(index: number) {
    setFurthest((f) => Math.max(f, index));
    form.reset();
    void navigate({ to: ".", search: (prev: Record<string, unknown>) => ({ ...prev, step: index + 1 }) });
  }

  function next(event: FormEvent) {
    event.preventDefault();
    const errors = validateStep(step, d, t);
    if (Object.keys(errors).length) return form.fail(errors);
    if (step === "review") return void save(false);
    goTo(stepIndex + 1);
  }

  function jump(index: number) {
    if (index > stepIndex) {
      const errors = validateStep(step, d, t);
      if (Object.keys(errors).length) return form.fail(errors);
    }
    goTo(index);
  }

  async function save(confirmNotDuplicate: boolean) {
    // Every step once more: an edit may have jumped straight to the summary.
    for (let i = 0; i < STEPS.length; i++) {
      const errors = validateStep(STEPS[i]!, d, t);
      if (Object.keys(errors).length) {
        goTo(i);
        // Show the errors after the step has changed.
        setTimeout(() => form.fail(errors), 0);
        return;
      }
    }
    await form.run(async () => {
      try {
        let saved: Candidate;
        if (candidate) {
          saved = await api<Candidate>(candidatePath(candidate.id), { method: "PATCH", body: toInput(d, canSeeBackground) });
        } else {
          const result = await postCandidate(toInput(d), confirmNotDuplicate);
          if ("duplicates" in result) {
            setDuplicates(result.duplicates);
            return;
          }
          saved = result.created;
        }
        await queryClient.invalidateQueries({ queryKey: ["candidates"] });
        await navigate({ to: "/candidates/$id", params: { id: saved.id }, search: { saved: candidate ? "updated" : "created" } });
      } catch (e) {
        // Server field errors: open the step with the first one, and show them there.
        if (isApiError(e) && e.errors.length) {
          const first = fieldNameOf(e.errors[0]!.path).split(".")[0] ?? "";
          const target = STEP_OF_FIELD[first];
          if (target && target !== step) goTo(STEPS.indexOf(target));
        }
        throw e;
      }
    });
  }

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((prev) => ({ ...prev, [k]: v }));
  const err = (path: string) => form.errors[path];
  const stepTitle = t(`candidates.steps.${step}`);

  return (
    <div className="interview">
      <nav aria-label={t("candidates.form.stepsNav")} className="steps">
        <ol>
          {STEPS.map((s, i) => (
            <li key={s}>
              {i <= furthest && i !== stepIndex ? (
                <button type="button" className="steps__link" onClick={() => jump(i)}>
                  <span className="steps__num">{i + 1}</span> {t(`candidates.steps.${s}`)}
                </button>
              ) : (
                <span className="steps__item" aria-current={i === stepIndex ? "step" : undefined}>
                  <span className="steps__num">{i + 1}</span> {t(`candidates.steps.${s}`)}
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>

      <Heading level={2} data-size="sm" ref={headingRef} tabIndex={-1} id="step-heading">
        <span className="step-of">{t("candidates.form.stepOf", { n: stepIndex + 1, total: STEPS.length })}</span> {stepTitle}
      </Heading>

      <FormErrors
        errors={[...(form.general ? [{ message: form.general }] : []), ...Object.entries(form.errors).map(([k, m]) => ({ message: m, field: fieldId(k) }))]}
        attempt={form.attempt}
      />

      {duplicates && (
        <Alert data-color="warning" className="duplicates">
          <Heading level={3} data-size="xs">
            {t("candidates.duplicates.title")}
          </Heading>
          <Paragraph>{t("candidates.duplicates.lead")}</Paragraph>
          <ul>
            {duplicates.map((x) => (
              <li key={x.id}>
                <Link asChild>
                  <RouterLink to="/candidates/$id" params={{ id: x.id }} target="_blank">
                    {x.firstName} {x.lastName}
                    {" "}
                    <span className="visually-hidden">{t("common.opensInNewTab")}</span>
                  </RouterLink>
                </Link>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <Button onClick={() => void save(true)} loading={form.busy}>
              {t("candidates.duplicates.registerAnyway")}
            </Button>
            <Button variant="secondary" onClick={() => setDuplicates(null)}>
              {t("common.cancel")}
            </Button>
          </div>
        </Alert>
      )}

      <form className="form form--wide" noValidate onSubmit={next}>
        {step === "person" && (
          <>
            <div className="grid2">
              <Textfield id={fieldId("firstName")} label={t("candidates.fields.firstName")} value={d.firstName} onChange={(e) => set("firstName", e.target.value)} error={err("firstName")} autoComplete="off" maxLength={80} required />
              <Textfield id={fieldId("lastName")} label={t("candidates.fields.lastName")} value={d.lastName} onChange={(e) => set("lastName", e.target.value)} error={err("lastName")} autoComplete="off" maxLength={80} required />
              <Textfield id={fieldId("email")} type="email" label={t("candidates.fields.email")} value={d.email} onChange={(e) => set("email", e.target.value)} error={err("email")} autoComplete="off" />
              <Textfield id={fieldId("phone")} type="tel" label={t("candidates.fields.phone")} description={t("candidates.form.phoneHint")} value={d.phone} onChange={(e) => set("phone", e.target.value)} error={err("phone")} autoComplete="off" />
              <Textfield id={fieldId("municipality")} label={t("candidates.fields.municipality")} value={d.municipality} onChange={(e) => set("municipality", e.target.value)} error={err("municipality")} maxLength={80} />
              <Textfield id={fieldId("partnerOrganisation")} label={t("candidates.fields.partnerOrganisation")} description={t("candidates.form.partnerHint")} value={d.partnerOrganisation} onChange={(e) => set("partnerOrganisation", e.target.value)} error={err("partnerOrganisation")} maxLength={120} />
            </div>
            <AdvisorSelect value={d.advisorUserId} onChange={(v) => set("advisorUserId", v)} error={err("advisorUserId")} />
          </>
        )}

        {step === "background" &&
          (canSeeBackground ? (
            <>
              <Alert data-color="info">
                <Paragraph>{t("candidates.form.backgroundInfo")}</Paragraph>
              </Alert>
              <CountrySelect id={fieldId("countryOfBirth")} label={t("candidates.fields.countryOfBirth")} value={d.countryOfBirth} onChange={(v) => set("countryOfBirth", v)} error={err("countryOfBirth")} />
              <div className="grid2">
                <Textfield id={fieldId("birthYear")} label={t("candidates.fields.birthYear")} inputMode="numeric" value={d.birthYear} onChange={(e) => set("birthYear", e.target.value)} error={err("birthYear")} />
                <Textfield id={fieldId("arrivalYear")} label={t("candidates.fields.arrivalYear")} description={t("candidates.form.arrivalHint")} inputMode="numeric" value={d.arrivalYear} onChange={(e) => set("arrivalYear", e.target.value)} error={err("arrivalYear")} />
              </div>
              <Field>
                <Label htmlFor={fieldId("gender")}>{t("candidates.fields.gender")}</Label>
                <Select id={fieldId("gender")} width="auto" value={d.gender} onChange={(e) => set("gender", e.target.value as Draft["gender"])}>
                  {genders.map((g) => (
                    <Select.Option key={g} value={g}>
                      {t(`candidates.genders.${g}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
            </>
          ) : (
            <Paragraph>{t("candidates.form.backgroundHidden")}</Paragraph>
          ))}

        {step === "languages" && <LanguagesStep d={d} setD={setD} err={err} />}
        {step === "education" && <EducationStep d={d} setD={setD} err={err} />}
        {step === "experience" && <ExperienceStep d={d} setD={setD} err={err} />}

        {step === "skills" && (
          <>
            <ConceptPicker id={fieldId("skills")} kind="skills" label={t("candidates.fields.skills")} description={t("candidates.form.skillsHint")} value={d.skills} onChange={(v) => set("skills", v)} error={err("skills") ?? err("skillUris")} />
          </>
        )}

        {step === "licences" && <LicencesStep d={d} setD={setD} err={err} />}

        {step === "wishes" && (
          <>
            <ConceptPicker id={fieldId("wishOccupations")} kind="occupations" label={t("candidates.fields.wishOccupations")} description={t("candidates.form.wishOccupationsHint")} value={d.wishOccupations} onChange={(v) => set("wishOccupations", v)} error={err("wishOccupations") ?? err("jobWishes")} max={20} />
            <Textfield id={fieldId("wishMunicipalities")} label={t("candidates.fields.wishMunicipalities")} description={t("candidates.form.wishMunicipalitiesHint")} value={d.wishMunicipalities} onChange={(e) => set("wishMunicipalities", e.target.value)} error={err("wishMunicipalities")} />
            <div className="grid2">
              <Field>
                <Label htmlFor={fieldId("extent")}>{t("candidates.fields.extent")}</Label>
                <Select id={fieldId("extent")} width="auto" value={d.extent} onChange={(e) => set("extent", e.target.value as Draft["extent"])}>
                  {extents.map((x) => (
                    <Select.Option key={x} value={x}>
                      {t(`candidates.extents.${x}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
              <Textfield id={fieldId("availableFrom")} type="date" label={t("candidates.fields.availableFrom")} value={d.availableFrom} onChange={(e) => set("availableFrom", e.target.value)} error={err("availableFrom")} />
              <Field>
                <Label htmlFor={fieldId("status")}>{t("candidates.fields.status")}</Label>
                <Select id={fieldId("status")} width="auto" value={d.status} onChange={(e) => set("status", e.target.value as Draft["status"])}>
                  {candidateStatuses.map((x) => (
                    <Select.Option key={x} value={x}>
                      {t(`candidates.statuses.${x}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
            </div>
          </>
        )}

        {step === "review" && (
          <>
            <Textfield id={fieldId("summary")} multiline rows={4} label={t("candidates.fields.summary")} description={t("candidates.form.summaryHint")} value={d.summary} onChange={(e) => set("summary", e.target.value)} error={err("summary")} maxLength={2000} />
            <Review d={d} onEdit={(s) => goTo(STEPS.indexOf(s))} showBackground={canSeeBackground} />
          </>
        )}

        <div className="form-actions step-actions">
          {stepIndex > 0 && (
            <Button type="button" variant="secondary" onClick={() => goTo(stepIndex - 1)}>
              {t("candidates.form.back")}
            </Button>
          )}
          <Button type="submit" loading={form.busy}>
            {step === "review" ? (candidate ? t("candidates.form.saveChanges") : t("candidates.form.register")) : t("candidates.form.next")}
          </Button>
          {candidate && step !== "review" && (
            <Button type="button" variant="tertiary" onClick={() => jump(STEPS.length - 1)}>
              {t("candidates.form.toReview")}
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}

type StepProps = { d: Draft; setD: (f: (d: Draft) => Draft) => void; err: (path: string) => string | undefined };

function replaceAt<T>(list: T[], i: number, v: Partial<T>): T[] {
  return list.map((x, j) => (j === i ? { ...x, ...v } : x));
}

function AdvisorSelect({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const advisors = useQuery(advisorsQuery(me.role, { userId: me.user.id, name: me.user.name }));
  const list = advisors.data ?? [{ userId: me.user.id, name: me.user.name }];
  return (
    <Field>
      <Label htmlFor={fieldId("advisorUserId")}>{t("candidates.fields.advisor")}</Label>
      <Select id={fieldId("advisorUserId")} width="auto" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined}>
        <Select.Option value="">{t("candidates.form.noAdvisor")}</Select.Option>
        {list.map((a) => (
          <Select.Option key={a.userId} value={a.userId}>
            {a.name}
          </Select.Option>
        ))}
        {value && !list.some((a) => a.userId === value) && <Select.Option value={value}>{t("candidates.form.currentAdvisor")}</Select.Option>}
      </Select>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}

function RowHeader({ title, onRemove, removeLabel }: { title: string; onRemove: () => void; removeLabel: string }) {
  return (
    <div className="row-header">
      <Heading level={3} data-size="2xs">
        {title}
      </Heading>
      <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={onRemove} aria-label={removeLabel}>
        {removeLabel}
      </Button>
    </div>
  );
}

function CefrSelect({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} width="auto" value={value} onChange={(e) => onChange(e.target.value)}>
        <Select.Option value="">{t("candidates.form.notAssessed")}</Select.Option>
        {cefrLevels.map((l) => (
          <Select.Option key={l} value={l}>
            {l}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

function LanguagesStep({ d, setD, err }: StepProps) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const update = (i: number, v: Partial<Draft["languages"][number]>) => setD((p) => ({ ...p, languages: replaceAt(p.languages, i, v) }));
  return (
    <>
      <Paragraph>{t("candidates.form.languagesLead")}</Paragraph>
      <datalist id="language-codes">
        {COMMON_LANGUAGES.map((c) => (
          <option key={c} value={c}>
            {languageName(c, lang)}
          </option>
        ))}
      </datalist>
      {d.languages.map((l, i) => {
        const name = l.code ? languageName(l.code, lang) : t("candidates.form.languageN", { n: i + 1 });
        return (
          <Fieldset key={i} className="repeat">
            <Fieldset.Legend className="visually-hidden">{name}</Fieldset.Legend>
            <RowHeader title={name} removeLabel={t("candidates.form.removeLanguage", { name })} onRemove={() => setD((p) => ({ ...p, languages: p.languages.filter((_, j) => j !== i) }))} />
            <div className="grid2">
              <Textfield
                id={fieldId(`languages.${i}.code`)}
                label={t("candidates.fields.languageCode")}
                description={t("candidates.form.languageCodeHint")}
                list="language-codes"
                value={l.code}
                onChange={(e) => update(i, { code: e.target.value })}
                error={err(`languages.${i}.code`)}
                autoComplete="off"
                maxLength={3}
              />
              <Checkbox id={fieldId(`languages.${i}.native`)} label={t("candidates.fields.native")} checked={l.native} onChange={(e) => update(i, { native: e.target.checked })} />
            </div>
            <div className="grid4">
              {(["listening", "reading", "writing", "speaking"] as const).map((s) => (
                <CefrSelect key={s} id={fieldId(`languages.${i}.${s}`)} label={t(`candidates.subSkills.${s}`)} value={l[s]} onChange={(v) => update(i, { [s]: v } as Partial<Draft["languages"][number]>)} />
              ))}
            </div>
            <div className="grid2">
              <Textfield id={fieldId(`languages.${i}.testName`)} label={t("candidates.fields.testName")} description={t("candidates.form.testNameHint")} value={l.testName} onChange={(e) => update(i, { testName: e.target.value })} error={err(`languages.${i}.testName`)} maxLength={80} />
              <Textfield id={fieldId(`languages.${i}.testDate`)} type="date" label={t("candidates.fields.testDate")} value={l.testDate} onChange={(e) => update(i, { testDate: e.target.value })} error={err(`languages.${i}.testDate`)} />
            </div>
          </Fieldset>
        );
      })}
      <div>
        <Button type="button" variant="secondary" onClick={() => setD((p) => ({ ...p, languages: [...p.languages, emptyLanguage()] }))} disabled={d.languages.length >= 20}>
          {t("candidates.form.addLanguage")}
        </Button>
      </div>
    </>
  );
}

function EducationStep({ d, setD, err }: StepProps) {
  const { t } = useTranslation();
  const update = (i: number, v: Partial<Draft["education"][number]>) => setD((p) => ({ ...p, education: replaceAt(p.education, i, v) }));
  return (
    <>
      {d.education.length === 0 && <Paragraph>{t("candidates.form.noEducation")}</Paragraph>}
      {d.education.map((x, i) => {
        const title = t("candidates.form.educationN", { n: i + 1 });
        return (
          <Fieldset key={i} className="repeat">
            <Fieldset.Legend className="visually-hidden">{title}</Fieldset.Legend>
            <RowHeader title={title} removeLabel={t("candidates.form.remove", { what: title })} onRemove={() => setD((p) => ({ ...p, education: p.education.filter((_, j) => j !== i) }))} />
            <div className="grid2">
              <Field>
                <Label htmlFor={fieldId(`education.${i}.level`)}>{t("candidates.fields.educationLevel")}</Label>
                <Select id={fieldId(`education.${i}.level`)} width="auto" value={x.level} onChange={(e) => update(i, { level: e.target.value as Draft["education"][number]["level"] })} aria-invalid={err(`education.${i}.level`) ? true : undefined}>
                  <Select.Option value="">{t("candidates.form.choose")}</Select.Option>
                  {educationLevels.map((l) => (
                    <Select.Option key={l} value={l}>
                      {t(`candidates.educationLevels.${l}`)}
                    </Select.Option>
                  ))}
                </Select>
                {err(`education.${i}.level`) && <ValidationMessage>{err(`education.${i}.level`)}</ValidationMessage>}
              </Field>
              <Textfield id={fieldId(`education.${i}.field`)} label={t("candidates.fields.educationField")} value={x.field} onChange={(e) => update(i, { field: e.target.value })} error={err(`education.${i}.field`)} maxLength={160} />
              <Textfield id={fieldId(`education.${i}.institution`)} label={t("candidates.fields.institution")} value={x.institution} onChange={(e) => update(i, { institution: e.target.value })} error={err(`education.${i}.institution`)} maxLength={160} />
              <CountrySelect id={fieldId(`education.${i}.country`)} label={t("candidates.fields.country")} value={x.country} onChange={(v) => update(i, { country: v })} error={err(`education.${i}.country`)} />
              <Textfield id={fieldId(`education.${i}.yearCompleted`)} label={t("candidates.fields.yearCompleted")} inputMode="numeric" value={x.yearCompleted} onChange={(e) => update(i, { yearCompleted: e.target.value })} error={err(`education.${i}.yearCompleted`)} />
              <Field>
                <Label htmlFor={fieldId(`education.${i}.recognition`)}>{t("candidates.fields.recognition")}</Label>
                <Field.Description>{t("candidates.form.recognitionHint")}</Field.Description>
                <Select id={fieldId(`education.${i}.recognition`)} width="auto" value={x.recognition} onChange={(e) => update(i, { recognition: e.target.value as Draft["education"][number]["recognition"] })}>
                  {recognitionStatuses.map((r) => (
                    <Select.Option key={r} value={r}>
                      {t(`candidates.recognition.${r}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
            </div>
          </Fieldset>
        );
      })}
      <div>
        <Button type="button" variant="secondary" onClick={() => setD((p) => ({ ...p, education: [...p.education, emptyEducation()] }))} disabled={d.education.length >= 20}>
          {t("candidates.form.addEducation")}
        </Button>
      </div>
    </>
  );
}

function ExperienceStep({ d, setD, err }: StepProps) {
  const { t } = useTranslation();
  const update = (i: number, v: Partial<Draft["experience"][number]>) => setD((p) => ({ ...p, experience: replaceAt(p.experience, i, v) }));
  return (
    <>
      {d.experience.length === 0 && <Paragraph>{t("candidates.form.noExperience")}</Paragraph>}
      {d.experience.map((x, i) => {
        const title = t("candidates.form.experienceN", { n: i + 1 });
        return (
          <Fieldset key={i} className="repeat">
            <Fieldset.Legend className="visually-hidden">{title}</Fieldset.Legend>
            <RowHeader title={title} removeLabel={t("candidates.form.remove", { what: title })} onRemove={() => setD((p) => ({ ...p, experience: p.experience.filter((_, j) => j !== i) }))} />
            <ConceptPicker id={fieldId(`experience.${i}.occupation`)} kind="occupations" label={t("candidates.fields.occupation")} description={t("candidates.form.occupationHint")} value={x.occupation} onChange={(v) => update(i, { occupation: v })} error={err(`experience.${i}.occupation`) ?? err(`experience.${i}.occupationUri`)} max={1} />
            <div className="grid2">
              <Textfield id={fieldId(`experience.${i}.title`)} label={t("candidates.fields.jobTitle")} description={t("candidates.form.jobTitleHint")} value={x.title} onChange={(e) => update(i, { title: e.target.value })} error={err(`experience.${i}.title`)} maxLength={160} />
              <Textfield id={fieldId(`experience.${i}.employer`)} label={t("candidates.fields.employer")} value={x.employer} onChange={(e) => update(i, { employer: e.target.value })} error={err(`experience.${i}.employer`)} maxLength={160} />
              <Textfield id={fieldId(`experience.${i}.years`)} label={t("candidates.fields.years")} inputMode="decimal" value={x.years} onChange={(e) => update(i, { years: e.target.value })} error={err(`experience.${i}.years`)} />
              <CountrySelect id={fieldId(`experience.${i}.country`)} label={t("candidates.fields.country")} value={x.country} onChange={(v) => update(i, { country: v })} error={err(`experience.${i}.country`)} />
            </div>
            <Textfield id={fieldId(`experience.${i}.description`)} multiline rows={3} label={t("candidates.fields.description")} value={x.description} onChange={(e) => update(i, { description: e.target.value })} error={err(`experience.${i}.description`)} maxLength={2000} />
          </Fieldset>
        );
      })}
      <div>
        <Button type="button" variant="secondary" onClick={() => setD((p) => ({ ...p, experience: [...p.experience, emptyExperience()] }))} disabled={d.experience.length >= 30}>
          {t("candidates.form.addExperience")}
        </Button>
      </div>
    </>
  );
}

function LicencesStep({ d, setD, err }: StepProps) {
  const { t } = useTranslation();
  const update = (i: number, v: Partial<Draft["certificates"][number]>) => setD((p) => ({ ...p, certificates: replaceAt(p.certificates, i, v) }));
  return (
    <>
      <Fieldset>
        <Fieldset.Legend>{t("candidates.fields.drivingLicences")}</Fieldset.Legend>
        <Fieldset.Description>{t("candidates.form.drivingHint")}</Fieldset.Description>
        <div className="checks">
          {drivingLicenceClasses.map((c) => (
            <Checkbox
              key={c}
              id={fieldId(`drivingLicences.${c}`)}
              label={c}
              value={c}
              checked={d.drivingLicences.includes(c)}
              onChange={(e) =>
                setD((p) => ({ ...p, drivingLicences: e.target.checked ? drivingLicenceClasses.filter((x) => x === c || p.drivingLicences.includes(x)) : p.drivingLicences.filter((x) => x !== c) }))
              }
            />
          ))}
        </div>
      </Fieldset>
      <Heading level={3} data-size="xs">
        {t("candidates.fields.certificates")}
      </Heading>
      {d.certificates.length === 0 && <Paragraph>{t("candidates.form.noCertificates")}</Paragraph>}
      {d.certificates.map((c, i) => {
        const title = t("candidates.form.certificateN", { n: i + 1 });
        return (
          <Fieldset key={i} className="repeat">
            <Fieldset.Legend className="visually-hidden">{title}</Fieldset.Legend>
            <RowHeader title={title} removeLabel={t("candidates.form.remove", { what: title })} onRemove={() => setD((p) => ({ ...p, certificates: p.certificates.filter((_, j) => j !== i) }))} />
            <div className="grid2">
              <Field>
                <Label htmlFor={fieldId(`certificates.${i}.type`)}>{t("candidates.fields.certificateType")}</Label>
                <Select id={fieldId(`certificates.${i}.type`)} width="auto" value={c.type} onChange={(e) => update(i, { type: e.target.value as Draft["certificates"][number]["type"] })}>
                  {certificateTypes.map((x) => (
                    <Select.Option key={x} value={x}>
                      {t(`candidates.certificateTypes.${x}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
              <Textfield id={fieldId(`certificates.${i}.name`)} label={t("candidates.fields.certificateName")} description={t("candidates.form.certificateNameHint")} value={c.name} onChange={(e) => update(i, { name: e.target.value })} error={err(`certificates.${i}.name`)} maxLength={160} />
              <Textfield id={fieldId(`certificates.${i}.year`)} label={t("candidates.fields.year")} inputMode="numeric" value={c.year} onChange={(e) => update(i, { year: e.target.value })} error={err(`certificates.${i}.year`)} />
            </div>
          </Fieldset>
        );
      })}
      <div>
        <Button type="button" variant="secondary" onClick={() => setD((p) => ({ ...p, certificates: [...p.certificates, emptyCertificate()] }))} disabled={d.certificates.length >= 30}>
          {t("candidates.form.addCertificate")}
        </Button>
      </div>
    </>
  );
}

function ReviewSection({ title, step, onEdit, children }: { title: string; step: StepName; onEdit: (s: StepName) => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="review-section">
      <div className="row-header">
        <Heading level={3} data-size="2xs">
          {title}
        </Heading>
        <Button type="button" variant="tertiary" data-size="sm" onClick={() => onEdit(step)} aria-label={t("candidates.form.editSection", { section: title })}>
          {t("candidates.form.edit")}
        </Button>
      </div>
      {children}
    </section>
  );
}

function Dl({ rows }: { rows: [string, ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <dl className="dl">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === "" || v === null || v === undefined ? <span className="muted">{t("candidates.form.notGiven")}</span> : v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Review({ d, onEdit, showBackground }: { d: Draft; onEdit: (s: StepName) => void; showBackground: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const f = (k: string) => t(`candidates.fields.${k}`);
  const none = <span className="muted">{t("candidates.form.none")}</span>;
  return (
    <div className="review">
      <ReviewSection title={t("candidates.steps.person")} step="person" onEdit={onEdit}>
        <Dl rows={[[f("name"), `${d.firstName} ${d.lastName}`.trim()], [f("email"), d.email], [f("phone"), d.phone], [f("municipality"), d.municipality], [f("partnerOrganisation"), d.partnerOrganisation]]} />
      </ReviewSection>
      {showBackground && (
        <ReviewSection title={t("candidates.steps.background")} step="background" onEdit={onEdit}>
          <Dl rows={[[f("countryOfBirth"), countryName(d.countryOfBirth, lang)], [f("birthYear"), d.birthYear], [f("arrivalYear"), d.arrivalYear], [f("gender"), t(`candidates.genders.${d.gender}`)]]} />
        </ReviewSection>
      )}
      <ReviewSection title={t("candidates.steps.languages")} step="languages" onEdit={onEdit}>
        {d.languages.length === 0 ? none : (
          <ul className="plain">
            {d.languages.map((l, i) => (
              <li key={i}>
                <strong>{languageName(l.code, lang)}</strong>
                {l.native ? ` (${t("candidates.fields.native").toLowerCase()})` : ""}:{" "}
                {(["listening", "reading", "writing", "speaking"] as const).map((s) => `${t(`candidates.subSkills.${s}`)} ${l[s] || "–"}`).join(", ")}
                {l.testName ? `; ${l.testName}${l.testDate ? ` ${l.testDate}` : ""}` : ""}
              </li>
            ))}
          </ul>
        )}
      </ReviewSection>
      <ReviewSection title={t("candidates.steps.education")} step="education" onEdit={onEdit}>
        {d.education.length === 0 ? none : (
          <ul className="plain">
            {d.education.map((x, i) => (
              <li key={i}>
                {x.level ? t(`candidates.educationLevels.${x.level}`) : ""}
                {x.field ? `, ${x.field}` : ""}
                {x.institution ? `, ${x.institution}` : ""}
                {x.country ? `, ${countryName(x.country, lang)}` : ""}
                {x.yearCompleted ? ` (${x.yearCompleted})` : ""} – {t(`candidates.recognition.${x.recognition}`)}
              </li>
            ))}
          </ul>
        )}
      </ReviewSection>
      <ReviewSection title={t("candidates.steps.experience")} step="experience" onEdit={onEdit}>
        {d.experience.length === 0 ? none : (
          <ul className="plain">
            {d.experience.map((x, i) => (
              <li key={i}>
                {x.occupation[0] ? <BilingualLabel concept={x.occupation[0]} /> : null}
                {x.title ? ` – ${x.title}` : ""}
                {x.employer ? `, ${x.employer}` : ""}
                {x.country ? `, ${countryName(x.country, lang)}` : ""} ({t("candidates.yearsCount", { count: Number(x.years.replace(",", ".")) || 0 })})
              </li>
            ))}
          </ul>
        )}
      </ReviewSection>
      <ReviewSection title={t("candidates.steps.skills")} step="skills" onEdit={onEdit}>
        {d.skills.length === 0 ? none : (
          <ul className="chips">
            {d.skills.map((s) => (
              <li key={s.uri} className="chip">
                <BilingualLabel concept={s} />
              </li>
            ))}
          </ul>
        )}
      </ReviewSection>
      <ReviewSection title={t("candidates.steps.licences")} step="licences" onEdit={onEdit}>
        <Dl
          rows={[
            [f("drivingLicences"), d.drivingLicences.join(", ")],
            [f("certificates"), d.certificates.map((c) => `${t(`candidates.certificateTypes.${c.type}`)}: ${c.name}${c.year ? ` (${c.year})` : ""}`).join("; ")],
          ]}
        />
      </ReviewSection>
      <ReviewSection title={t("candidates.steps.wishes")} step="wishes" onEdit={onEdit}>
        <Dl
          rows={[
            [
              f("wishOccupations"),
              d.wishOccupations.length ? (
                <ul className="chips">
                  {d.wishOccupations.map((o) => (
                    <li key={o.uri} className="chip">
                      <BilingualLabel concept={o} />
                    </li>
                  ))}
                </ul>
              ) : (
                ""
              ),
            ],
            [f("wishMunicipalities"), d.wishMunicipalities],
            [f("extent"), t(`candidates.extents.${d.extent}`)],
            [f("availableFrom"), d.availableFrom],
            [f("status"), t(`candidates.statuses.${d.status}`)],
          ]}
        />
      </ReviewSection>
    </div>
  );
}
