import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Spinner, ValidationMessage } from "@digdir/designsystemet-react";
import { cefrLevels, languageSubSkills } from "../../../shared/candidates.ts";
import { errorMessage } from "../../errors.ts";
import { COMMON_LANGUAGES, ConceptPicker, uiLang } from "../candidates/pickers.tsx";
import { addSkill, checkedCount, MAX_SKILLS, setSkillKind, toggleSkill, type LanguageRow, type SkillChoice, type SkillKind } from "./form.ts";
import { requirementLanguageName } from "./components.tsx";

/*
 * What a position asks for, as form parts: the skills (ESCO suggestions for the occupation, others by search,
 * essential or optional) and the language requirements. The job form and the trainee need form share them.
 */

/**
 * The skills: the occupation's suggestions from ESCO as checkboxes (essential ones checked as a start), others added
 * by search; each checked skill is essential ("must have") or optional ("nice to have"). At most MAX_SKILLS.
 */
export function SkillsFieldset(props: {
  occupationUri: string | null;
  skills: SkillChoice[];
  onChange: (s: SkillChoice[]) => void;
  error?: string;
  message: string | null;
  setMessage: (m: string | null) => void;
  offering: { busy: boolean; error: unknown };
  onOffer: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { occupationUri, skills, onChange, error, message, setMessage } = props;
  const [addAs, setAddAs] = useState<SkillKind>("essential");
  // An existing job: offer the occupation's suggestions beside the saved skills, on request.
  const canOffer = Boolean(occupationUri && !props.offering.busy && !skills.some((s) => s.suggested));
  const count = checkedCount(skills);
  const refuse = () => setMessage(t("jobs.skills.limit", { max: MAX_SKILLS }));
  const toggle = (uri: string, checked: boolean) => {
    const r = toggleSkill(skills, uri, checked);
    if (r.refused) refuse();
    else {
      setMessage(null);
      onChange(r.skills);
    }
  };
  const groups: [SkillKind, SkillChoice[]][] = [
    ["essential", skills.filter((s) => s.kind === "essential")],
    ["optional", skills.filter((s) => s.kind === "optional")],
  ];

  return (
    <Fieldset>
      <Fieldset.Legend>{t("jobs.skills.title")}</Fieldset.Legend>
      <Fieldset.Description>{t("jobs.skills.lead", { max: MAX_SKILLS })}</Fieldset.Description>
      <div className="stack">
        <Paragraph data-size="sm">
          <strong>{t("jobs.skills.count", { count, max: MAX_SKILLS })}</strong>
        </Paragraph>
        <div role="status" aria-live="polite">
          {message && (
            <Alert data-color={message === t("jobs.skills.limit", { max: MAX_SKILLS }) ? "warning" : "info"} data-size="sm">
              <Paragraph data-size="sm">{message}</Paragraph>
            </Alert>
          )}
        </div>
        {error && <ValidationMessage>{error}</ValidationMessage>}
        {!occupationUri && skills.length === 0 && <Paragraph data-size="sm" className="muted">{t("jobs.skills.chooseOccupation")}</Paragraph>}
        {props.offering.busy && <Spinner aria-label={t("jobs.skills.loading")} data-size="sm" />}
        {props.offering.error !== null && (
          <Alert data-color="warning" data-size="sm">
            <Paragraph data-size="sm">{errorMessage(t, props.offering.error)}</Paragraph>
          </Alert>
        )}
        {canOffer && (
          <div>
            <Button
              type="button"
              variant="secondary"
              data-size="sm"
              onClick={props.onOffer}
            >
              {t("jobs.skills.showSuggestions")}
            </Button>
          </div>
        )}
        {groups.map(([kind, list]) =>
          list.length === 0 ? null : (
            <div key={kind}>
              <Heading level={2} data-size="2xs" id={`skills-${kind}`}>
                {t(`jobs.skills.${kind}`)}
              </Heading>
              <ul className="skill-list" aria-labelledby={`skills-${kind}`}>
                {list.map((s) => (
                  <li key={s.uri} className="skill-row">
                    <Checkbox id={`skill-${s.uri}`} label={s.label} checked={s.checked} onChange={(e) => toggle(s.uri, e.target.checked)} data-size="sm" />
                    {s.checked && (
                      <Select
                        data-size="sm"
                        width="auto"
                        aria-label={t("jobs.skills.kindOf", { skill: s.label })}
                        value={s.kind}
                        onChange={(e) => onChange(setSkillKind(skills, s.uri, e.target.value as SkillKind))}
                      >
                        <Select.Option value="essential">{t("jobs.skills.essentialShort")}</Select.Option>
                        <Select.Option value="optional">{t("jobs.skills.optionalShort")}</Select.Option>
                      </Select>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ),
        )}
        <div className="subform">
          <ConceptPicker
            id="job-skill-search"
            kind="skills"
            label={t("jobs.skills.add")}
            description={t("jobs.skills.addHint")}
            value={[]}
            onChange={(list) => {
              const c = list[0];
              if (!c) return;
              const r = addSkill(skills, { uri: c.uri, label: c[lang] ?? c.nb ?? c.en ?? c.uri }, addAs);
              if (r.refused) refuse();
              else {
                onChange(r.skills);
                setMessage(t("jobs.skills.added", { skill: c[lang] ?? c.nb ?? c.en ?? c.uri, kind: t(`jobs.skills.${addAs}Short`) }));
              }
            }}
          />
          <div className="row">
            <Radio id="skill-add-essential" name="skill-add-as" label={t("jobs.skills.addAsEssential")} value="essential" checked={addAs === "essential"} onChange={() => setAddAs("essential")} />
            <Radio id="skill-add-optional" name="skill-add-as" label={t("jobs.skills.addAsOptional")} value="optional" checked={addAs === "optional"} onChange={() => setAddAs("optional")} />
          </div>
        </div>
      </div>
    </Fieldset>
  );
}

/** The language requirements (Norwegian B1 in general, or for some sub-skills), for jobs and trainee needs alike. */
export function LanguagesFieldset({ languages, setLanguages, err }: { languages: LanguageRow[]; setLanguages: (update: (rows: LanguageRow[]) => LanguageRow[]) => void; err: (name: string) => string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const update = (i: number, patch: Partial<LanguageRow>) => setLanguages((rows) => rows.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <Fieldset>
      <Fieldset.Legend>{t("jobs.languages.title")}</Fieldset.Legend>
      <Fieldset.Description>{t("jobs.languages.lead")}</Fieldset.Description>
      <div className="stack">
        {languages.map((l, i) => {
          const name = l.code ? requirementLanguageName(l.code, lang) : t("jobs.languages.n", { n: i + 1 });
          return (
            <Fieldset key={i} className="repeat">
              <Fieldset.Legend className="visually-hidden">{name}</Fieldset.Legend>
              <div className="grid2">
                <Field>
                  <Label htmlFor={`job-lang-${i}-code`}>{t("jobs.languages.language")}</Label>
                  <Select id={`job-lang-${i}-code`} width="auto" value={l.code} onChange={(e) => update(i, { code: e.target.value })} aria-invalid={err(`languages.${i}.code`) ? true : undefined}>
                    <Select.Option value="">{t("jobs.languages.choose")}</Select.Option>
                    {[...new Set([...COMMON_LANGUAGES, l.code].filter(Boolean))].map((c) => (
                      <Select.Option key={c} value={c}>
                        {requirementLanguageName(c, lang)}
                      </Select.Option>
                    ))}
                  </Select>
                  {err(`languages.${i}.code`) && <ValidationMessage>{err(`languages.${i}.code`)}</ValidationMessage>}
                </Field>
                <Field>
                  <Label htmlFor={`job-lang-${i}-level`}>{t("jobs.languages.level")}</Label>
                  <Select id={`job-lang-${i}-level`} width="auto" value={l.level} onChange={(e) => update(i, { level: e.target.value as (typeof cefrLevels)[number] })}>
                    {cefrLevels.map((c) => (
                      <Select.Option key={c} value={c}>
                        {c}
                      </Select.Option>
                    ))}
                  </Select>
                </Field>
              </div>
              <Fieldset>
                <Fieldset.Legend>{t("jobs.languages.appliesTo", { language: name })}</Fieldset.Legend>
                <div className="row">
                  <Radio id={`job-lang-${i}-scope`} name={`lang-${i}-scope`} label={t("jobs.languages.all")} value="all" checked={l.scope === "all"} onChange={() => update(i, { scope: "all" })} />
                  <Radio id={`job-lang-${i}-scope-some`} name={`lang-${i}-scope`} label={t("jobs.languages.some")} value="some" checked={l.scope === "some"} onChange={() => update(i, { scope: "some" })} />
                </div>
                {l.scope === "some" && (
                  <div className="checks" style={{ gridTemplateColumns: "repeat(auto-fill, minmax(8rem, 1fr))" }}>
                    {languageSubSkills.map((s) => (
                      <Checkbox
                        key={s}
                        id={`job-lang-${i}-${s}`}
                        label={t(`candidates.subSkills.${s}`)}
                        checked={l.subSkills.includes(s)}
                        onChange={(e) => update(i, { subSkills: e.target.checked ? languageSubSkills.filter((x) => x === s || l.subSkills.includes(x)) : l.subSkills.filter((x) => x !== s) })}
                      />
                    ))}
                  </div>
                )}
                {err(`languages.${i}.subSkills`) && <ValidationMessage>{err(`languages.${i}.subSkills`)}</ValidationMessage>}
              </Fieldset>
              <div>
                <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={() => setLanguages((rows) => rows.filter((_, j) => j !== i))}>
                  {t("jobs.languages.remove", { language: name })}
                </Button>
              </div>
            </Fieldset>
          );
        })}
        <div>
          <Button id="job-add-language" type="button" variant="secondary" disabled={languages.length >= 10} onClick={() => setLanguages((rows) => [...rows, { code: rows.length === 0 ? "no" : "", level: "B1", scope: "all", subSkills: [] }])}>
            {t("jobs.languages.add")}
          </Button>
        </div>
      </div>
    </Fieldset>
  );
}

