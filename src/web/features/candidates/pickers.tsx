import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button, Field, Label, Select, ValidationMessage } from "@digdir/designsystemet-react";
import { Combobox } from "../../components/Combobox.tsx";
import { conceptLabels, searchBilingual, type Concept, type Lang } from "./api.ts";

/** ISO 3166-1 alpha-2 codes of countries and territories (values); names come from Intl.DisplayNames. */
const COUNTRY_CODES =
  "AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW".split(
    " ",
  );

/** Languages offered first in the language step (ISO 639-1); any other code can be typed. */
export const COMMON_LANGUAGES = ["no", "en", "ar", "ti", "so", "uk", "pl", "fa", "prs", "ps", "ru", "es", "fr", "de", "tr", "ku", "am", "ur", "sv", "da"];

/** The UI language as a label language: bokmål unless English is chosen. The one copy every feature uses. */
export function uiLang(language: string | undefined): Lang {
  return language === "en" ? "en" : "nb";
}

function displayNames(lang: Lang, type: "region" | "language") {
  try {
    return new Intl.DisplayNames([lang === "en" ? "en-GB" : "nb-NO"], { type, fallback: "code" });
  } catch {
    return null;
  }
}

export function countryName(code: string | null | undefined, lang: Lang): string {
  if (!code) return "";
  return displayNames(lang, "region")?.of(code) ?? code;
}

export function languageName(code: string, lang: Lang): string {
  const code2 = code === "no" ? "nb" : code;
  try {
    return displayNames(lang, "language")?.of(code2) ?? code;
  } catch {
    return code;
  }
}

/** Country picker: names in the UI language, sorted by them; ISO codes as values. */
export function CountrySelect(props: { id: string; label: string; value: string | null; onChange: (v: string | null) => void; error?: string; description?: string }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const options = useMemo(() => {
    const collator = new Intl.Collator(lang === "en" ? "en" : "nb");
    return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, lang) })).sort((a, b) => collator.compare(a.name, b.name));
  }, [lang]);
  return (
    <Field>
      <Label htmlFor={props.id}>{props.label}</Label>
      {props.description && <Field.Description>{props.description}</Field.Description>}
      <Select id={props.id} width="auto" value={props.value ?? ""} onChange={(e) => props.onChange(e.target.value || null)} aria-invalid={props.error ? true : undefined}>
        <Select.Option value="">{t("candidates.form.notGiven")}</Select.Option>
        {options.map((o) => (
          <Select.Option key={o.code} value={o.code}>
            {o.name}
          </Select.Option>
        ))}
      </Select>
      {props.error && <ValidationMessage>{props.error}</ValidationMessage>}
    </Field>
  );
}

/** A concept's label in the UI language, with the other language beside it (marked with its lang). */
export function BilingualLabel({ concept }: { concept: Concept }) {
  const { i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const l = conceptLabels(concept, lang);
  return (
    <span className="bilingual">
      <span lang={lang === "nb" ? "nb" : "en"}>{l.main}</span>
      {l.other && (
        <span className="bilingual__other" lang={l.otherLang}>
          {l.other}
        </span>
      )}
    </span>
  );
}

/**
 * Typeahead over the ESCO taxonomy (the shared combobox). Options and chosen chips show the
 * bokmål and English labels side by side. `max` 1 makes it a single choice (picking replaces).
 */
export function ConceptPicker(props: {
  id: string;
  kind: "occupations" | "skills";
  label: string;
  description?: string;
  value: Concept[];
  onChange: (v: Concept[]) => void;
  error?: string;
  max?: number;
}) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const chosen = new Set(props.value.map((c) => c.uri));
  const max = props.max ?? Infinity;

  function remove(c: Concept) {
    props.onChange(props.value.filter((x) => x.uri !== c.uri));
    inputRef.current?.focus();
  }

  return (
    <Combobox<Concept>
      id={props.id}
      label={props.label}
      description={props.description}
      error={props.error}
      placeholder={t("candidates.picker.placeholder")}
      messages="candidates.picker"
      queryKey={["taxonomy", props.kind]}
      search={(q, signal) => searchBilingual(props.kind, q, signal)}
      staleTime={5 * 60_000}
      optionKey={(c) => c.uri}
      renderOption={(c) => <BilingualLabel concept={c} />}
      isChosen={(c) => chosen.has(c.uri)}
      onPick={(c) => props.onChange(max === 1 ? [c] : [...props.value, c].slice(0, max))}
      focusAfterPick
      inputRef={inputRef}
      chosen={
        props.value.length > 0 && (
          <ul className="chips" aria-label={t("candidates.picker.chosen", { label: props.label })}>
            {props.value.map((c) => (
              <li key={c.uri} className="chip">
                <BilingualLabel concept={c} />
                <Button variant="tertiary" data-size="sm" icon aria-label={t("candidates.picker.remove", { label: c.nb ?? c.en ?? c.uri })} onClick={() => remove(c)}>
                  <span aria-hidden="true">✕</span>
                </Button>
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}
