import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, Fieldset, Label, Paragraph, Select, Spinner, Textarea, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { higherEducationLevels, needStatuses, traineeAreas } from "../../shared/trainee-recruitment.ts";
import { Page } from "../components/Page.tsx";
import { FormErrors, type FormError } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { errorMessage } from "../errors.ts";
import { fieldNameOf } from "../api.ts";
import { ConceptPicker, uiLang } from "../features/candidates/pickers.tsx";
import { skillSuggestionsQuery } from "../features/jobs/api.ts";
import { MAX_SKILLS, offerSuggestions } from "../features/jobs/form.ts";
import { LanguagesFieldset, SkillsFieldset } from "../features/jobs/requirements.tsx";
import { createNeed, needQuery, updateNeed, type Need } from "../features/trainee/recruitment-api.ts";
import { EMPTY_NEED, toNeedInput, validateNeed, valuesFromNeed, type NeedValues } from "../features/trainee/recruitment-form.ts";

/** Input ids by API field name (error summary links; server errors land on the same fields). */
const ID: Record<string, string> = {
  unitName: "need-unit",
  area: "need-area",
  title: "need-title",
  description: "need-description",
  occupationUri: "need-occupation",
  essentialSkillUris: "job-skill-search",
  optionalSkillUris: "job-skill-search",
  languages: "job-add-language",
  educationLevel: "need-education",
  educationField: "need-field",
  positions: "need-positions",
  startDate: "need-start",
  offeredPosition: "need-offered",
  status: "need-status",
};

function idOf(name: string): string | undefined {
  const m = /^languages\.(\d+)\.(\w+)/.exec(name);
  if (m) return `job-lang-${m[1]}-${m[2] === "subSkills" ? "scope" : m[2] === "level" ? "level" : "code"}`;
  return ID[name.split(".")[0] ?? name];
}

export function TraineeNeedNewPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("traineeRecruitment.form.newTitle")} lead={<Paragraph>{t("traineeRecruitment.form.newLead")}</Paragraph>}>
      <NeedForm />
    </Page>
  );
}

export function TraineeNeedEditPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { needId } = useParams({ strict: false }) as { needId: string };
  const need = useQuery(needQuery(needId, lang));
  return (
    <Page title={need.data ? t("traineeRecruitment.form.editNamed", { title: need.data.title }) : t("traineeRecruitment.form.editTitle")}>
      {need.isPending && <Spinner aria-label={t("common.loading")} />}
      {need.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, need.error)}</Paragraph>
        </Alert>
      )}
      {need.data && <NeedForm key={need.data.id} need={need.data} />}
    </Page>
  );
}

function NeedForm({ need }: { need?: Need }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [v, setV] = useState<NeedValues>(() => (need ? valuesFromNeed(need, lang) : EMPTY_NEED));
  const form = useForm(ID);
  const [skillMessage, setSkillMessage] = useState<string | null>(null);
  const [offering, setOffering] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const set = <K extends keyof NeedValues>(k: K, value: NeedValues[K]) => setV((p) => ({ ...p, [k]: value }));
  const err = (name: string) => form.errors[name];

  /** The occupation's skills from ESCO, offered as checkboxes (as on the job form). */
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
    const codes = validateNeed(v);
    if (Object.keys(codes).length > 0) {
      return form.fail(Object.fromEntries(Object.entries(codes).map(([name, code]) => [name, t(`traineeRecruitment.form.errors.${code}`, { max: MAX_SKILLS })])));
    }
    await form.run(async () => {
      const saved = need ? await updateNeed(need.id, toNeedInput(v), lang) : await createNeed(toNeedInput(v), lang);
      await queryClient.invalidateQueries({ queryKey: ["trainee-needs"] });
      await navigate({ to: "/trainee/needs/$needId", params: { needId: saved.id }, search: { saved: need ? "updated" : "created" } });
    });
  }

  const labelOf = (name: string) => {
    const key = fieldNameOf(name).split(".")[0] ?? name;
    return t(`traineeRecruitment.fields.${key}`, { defaultValue: key });
  };
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
      <form className="form form--wide" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={need ? t("traineeRecruitment.form.editTitle") : t("traineeRecruitment.form.newTitle")}>
        <Fieldset>
          <Fieldset.Legend>{t("traineeRecruitment.form.unit")}</Fieldset.Legend>
          <div className="stack">
            <div className="grid2">
              <Textfield id={ID.unitName} label={t("traineeRecruitment.fields.unitName")} description={t("traineeRecruitment.form.unitHint")} value={v.unitName} onChange={(e) => set("unitName", e.target.value)} error={err("unitName")} required maxLength={160} />
              <Field>
                <Label htmlFor={ID.area}>{t("traineeRecruitment.fields.area")}</Label>
                <Select id={ID.area} width="auto" value={v.area} onChange={(e) => set("area", e.target.value as NeedValues["area"])}>
                  {traineeAreas.map((a) => (
                    <Select.Option key={a} value={a}>
                      {t(`traineeRecruitment.areas.${a}`)}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
            </div>
            <Textfield id={ID.title} label={t("traineeRecruitment.fields.title")} value={v.title} onChange={(e) => set("title", e.target.value)} error={err("title")} required maxLength={200} />
            <Field>
              <Label htmlFor={ID.description}>{t("traineeRecruitment.fields.description")}</Label>
              <Textarea id={ID.description} rows={4} value={v.description} onChange={(e) => set("description", e.target.value)} maxLength={5000} aria-invalid={err("description") ? true : undefined} />
              {err("description") && <ValidationMessage>{err("description")}</ValidationMessage>}
            </Field>
            <ConceptPicker
              id={ID.occupationUri!}
              kind="occupations"
              label={t("traineeRecruitment.fields.occupationUri")}
              description={t("traineeRecruitment.form.occupationHint")}
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

        <Fieldset>
          <Fieldset.Legend>{t("traineeRecruitment.form.education")}</Fieldset.Legend>
          <Fieldset.Description>{t("traineeRecruitment.form.educationHint")}</Fieldset.Description>
          <div className="grid2">
            <Field>
              <Label htmlFor={ID.educationLevel}>{t("traineeRecruitment.fields.educationLevel")}</Label>
              <Select id={ID.educationLevel} width="auto" value={v.educationLevel} onChange={(e) => set("educationLevel", e.target.value as NeedValues["educationLevel"])}>
                {higherEducationLevels.map((l) => (
                  <Select.Option key={l} value={l}>
                    {t(`candidates.educationLevels.${l}`)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Textfield id={ID.educationField} label={t("traineeRecruitment.fields.educationField")} description={t("traineeRecruitment.form.fieldHint")} value={v.educationField} onChange={(e) => set("educationField", e.target.value)} error={err("educationField")} maxLength={160} />
          </div>
        </Fieldset>

        <LanguagesFieldset languages={v.languages} setLanguages={(update) => setV((p) => ({ ...p, languages: update(p.languages) }))} err={err} />

        <Fieldset>
          <Fieldset.Legend>{t("traineeRecruitment.form.terms")}</Fieldset.Legend>
          <div className="stack">
            <div className="grid2">
              <Textfield id={ID.positions} label={t("traineeRecruitment.fields.positions")} value={v.positions} onChange={(e) => set("positions", e.target.value)} error={err("positions")} inputMode="numeric" maxLength={2} />
              <Textfield id={ID.startDate} type="date" label={t("traineeRecruitment.fields.startDate")} value={v.startDate} onChange={(e) => set("startDate", e.target.value)} error={err("startDate")} />
            </div>
            <Textfield id={ID.offeredPosition} label={t("traineeRecruitment.fields.offeredPosition")} description={t("traineeRecruitment.form.offeredHint")} value={v.offeredPosition} onChange={(e) => set("offeredPosition", e.target.value)} error={err("offeredPosition")} maxLength={200} />
            <Field>
              <Label htmlFor={ID.status}>{t("traineeRecruitment.fields.status")}</Label>
              <Select id={ID.status} width="auto" value={v.status} onChange={(e) => set("status", e.target.value as NeedValues["status"])}>
                {needStatuses.map((s) => (
                  <Select.Option key={s} value={s}>
                    {t(`traineeRecruitment.statuses.${s}`)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
          </div>
        </Fieldset>

        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {need ? t("traineeRecruitment.form.save") : t("traineeRecruitment.form.create")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => void (need ? navigate({ to: "/trainee/needs/$needId", params: { needId: need.id } }) : navigate({ to: "/trainee/needs" }))}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
    </div>
  );
}
