import { useRef, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Fieldset, Field, Heading, Label, Link, Paragraph, Select, Switch, Tag, Textfield } from "@digdir/designsystemet-react";
import { membershipStatuses, sizeBands, suggestedEmployerTags, type MembershipStatus } from "../../../shared/employers.ts";
import { naceCodePattern, naceSectionOf } from "../../../shared/nace.ts";
import { formatOrgNumber, normaliseOrgNumber, orgNumberProblem } from "../../../shared/orgnr.ts";
import { FocusTarget } from "../../components/Page.tsx";
import { FormErrors } from "../../components/FormErrors.tsx";
import { useForm } from "../../components/useForm.ts";
import { lookupRegister, saveEmployer, type DuplicateEmployer, type Employer, type RegisterEntity } from "./api.ts";
import { sectionLabel, uiLang, useTagLabel } from "./components.tsx";

/*
 * The employer form, for registering (with the register lookup and the duplicate check) and for editing.
 */

export type Values = {
  orgNumber: string;
  name: string;
  naceCode: string;
  sizeBand: (typeof sizeBands)[number];
  municipality: string;
  address: string;
  postalCode: string;
  postalPlace: string;
  website: string;
  /** Suggested tags that are ticked. */
  tags: string[];
  /** Any other tags, comma-separated. */
  otherTags: string;
  notes: string;
  publicListing: boolean;
  membershipStatus: MembershipStatus;
};

export const IDS: Record<string, string> = {
  orgNumber: "emp-orgNumber",
  name: "emp-name",
  naceCode: "emp-naceCode",
  sizeBand: "emp-sizeBand",
  municipality: "emp-municipality",
  address: "emp-address",
  postalCode: "emp-postalCode",
  postalPlace: "emp-postalPlace",
  website: "emp-website",
  tags: "emp-otherTags",
  otherTags: "emp-otherTags",
  notes: "emp-notes",
  publicListing: "emp-publicListing",
  membershipStatus: "emp-membershipStatus",
};

export const EMPTY_VALUES: Values = {
  orgNumber: "",
  name: "",
  naceCode: "",
  sizeBand: "unknown",
  municipality: "",
  address: "",
  postalCode: "",
  postalPlace: "",
  website: "",
  tags: [],
  otherTags: "",
  notes: "",
  publicListing: false,
  membershipStatus: "prospect",
};

const SUGGESTED: readonly string[] = suggestedEmployerTags;

export function valuesOf(e: Employer): Values {
  return {
    orgNumber: formatOrgNumber(e.orgNumber),
    name: e.name,
    naceCode: e.naceCode ?? "",
    sizeBand: e.sizeBand,
    municipality: e.municipality,
    address: e.address,
    postalCode: e.postalCode,
    postalPlace: e.postalPlace,
    website: e.website,
    tags: e.tags.filter((tag) => SUGGESTED.includes(tag)),
    otherTags: e.tags.filter((tag) => !SUGGESTED.includes(tag)).join(", "),
    notes: e.notes,
    publicListing: e.publicListing,
    membershipStatus: e.membershipStatus,
  };
}

/** Fills the form from a register entry; what the register does not say is kept. */
export function fromRegister(v: Values, r: RegisterEntity): Values {
  return {
    ...v,
    orgNumber: formatOrgNumber(r.orgNumber),
    name: r.name,
    naceCode: r.naceCode ?? v.naceCode,
    sizeBand: r.sizeBand !== "unknown" ? r.sizeBand : v.sizeBand,
    municipality: r.municipality || v.municipality,
    address: r.address || v.address,
    postalCode: r.postalCode || v.postalCode,
    postalPlace: r.postalPlace || v.postalPlace,
    website: r.website || v.website,
  };
}

export function tagsOf(v: Values): string[] {
  const other = v.otherTags
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set([...v.tags, ...other])];
}

/** The request body: the create body has the starting status, an edit leaves status to the status route. */
export function toInput(v: Values, creating: boolean) {
  return {
    orgNumber: normaliseOrgNumber(v.orgNumber),
    name: v.name.trim(),
    naceCode: v.naceCode.trim() || null,
    sizeBand: v.sizeBand,
    municipality: v.municipality.trim(),
    address: v.address.trim(),
    postalCode: v.postalCode.trim(),
    postalPlace: v.postalPlace.trim(),
    website: v.website.trim(),
    tags: tagsOf(v),
    notes: v.notes.trim(),
    publicListing: v.publicListing,
    ...(creating ? { membershipStatus: v.membershipStatus } : {}),
  };
}

type T = (key: string, options?: Record<string, unknown>) => string;

export function orgNumberMessage(t: T, value: string): string | undefined {
  const problem = orgNumberProblem(normaliseOrgNumber(value));
  if (problem === "not_nine_digits") return t("employers.form.orgNumberNotNine");
  if (problem === "wrong_check_digit") return t("employers.form.orgNumberCheckDigit");
  return undefined;
}

export function validate(v: Values, t: T): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.orgNumber.trim()) errors.orgNumber = t("employers.form.orgNumberRequired");
  else {
    const m = orgNumberMessage(t, v.orgNumber);
    if (m) errors.orgNumber = m;
  }
  if (!v.name.trim()) errors.name = t("employers.form.nameRequired");
  const code = v.naceCode.trim();
  if (code && (!naceCodePattern.test(code) || naceSectionOf(code) === null)) errors.naceCode = t("employers.form.naceInvalid");
  if (v.postalCode.trim() && !/^\d{4}$/.test(v.postalCode.trim())) errors.postalCode = t("employers.form.postalCodeInvalid");
  const site = v.website.trim();
  if (site && !URL.canParse(/^https?:\/\//i.test(site) ? site : `https://${site}`)) errors.website = t("employers.form.websiteInvalid");
  return errors;
}

export function EmployerForm({ employer }: { employer?: Employer }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tagLabel = useTagLabel();
  const creating = !employer;
  const [v, setV] = useState<Values>(() => (employer ? valuesOf(employer) : EMPTY_VALUES));
  const [orgTouched, setOrgTouched] = useState(false);
  const [duplicates, setDuplicates] = useState<DuplicateEmployer[] | null>(null);
  const [filled, setFilled] = useState<RegisterEntity | null>(null);
  const form = useForm(IDS);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((p) => ({ ...p, [k]: value }));

  const digits = normaliseOrgNumber(v.orgNumber);
  // Live: say what is wrong once nine digits are typed (or the field is left), and that it is fine when it is.
  const liveOrgError = (orgTouched || digits.length >= 9) && v.orgNumber.trim() ? orgNumberMessage(t, v.orgNumber) : undefined;
  const orgOk = orgNumberProblem(digits) === null;
  const section = naceCodePattern.test(v.naceCode.trim()) ? naceSectionOf(v.naceCode.trim()) : null;

  async function save(confirmNotDuplicate: boolean) {
    const errors = validate(v, t);
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      const result = await saveEmployer(employer?.id ?? null, toInput(v, !employer), confirmNotDuplicate);
      if ("duplicates" in result) {
        setDuplicates(result.duplicates);
        return;
      }
      const saved = result.saved;
      setDuplicates(null);
      await queryClient.invalidateQueries({ queryKey: ["employers"] });
      await navigate({ to: "/employers/$id", params: { id: saved.id }, search: { saved: creating ? "created" : "updated" } });
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(false);
  }

  function pick(r: RegisterEntity) {
    setV((p) => fromRegister(p, r));
    setOrgTouched(true);
    setFilled(r);
    form.reset();
  }

  return (
    <div className="stack">
      {creating && <RegisterSearch onPick={pick} />}
      {filled && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t("employers.register.filled", { name: filled.name })}</Paragraph>
            {(filled.deleted || filled.bankrupt) && <Paragraph>{t(filled.deleted ? "employers.register.deletedWarning" : "employers.register.bankruptWarning")}</Paragraph>}
          </Alert>
        </FocusTarget>
      )}
      <FormErrors errors={form.summary} attempt={form.attempt} />
      {duplicates && (
        <FocusTarget>
          <Alert data-color="warning" className="duplicates">
            <Heading level={2} data-size="xs">
              {t("employers.duplicates.title")}
            </Heading>
            <Paragraph>{t("employers.duplicates.lead")}</Paragraph>
            <ul>
              {duplicates.map((d) => (
                <li key={d.id}>
                  <Link asChild>
                    <RouterLink to="/employers/$id" params={{ id: d.id }}>
                      {d.name}
                    </RouterLink>
                  </Link>{" "}
                  ({t("employers.fields.orgNumber").toLowerCase()} {formatOrgNumber(d.orgNumber)})
                </li>
              ))}
            </ul>
            <div className="form-actions">
              <Button onClick={() => void save(true)} loading={form.busy}>
                {t("employers.duplicates.registerAnyway")}
              </Button>
              <Button variant="secondary" onClick={() => setDuplicates(null)}>
                {t("common.cancel")}
              </Button>
            </div>
          </Alert>
        </FocusTarget>
      )}
      <form className="form form--wide" noValidate onSubmit={onSubmit} aria-label={creating ? t("employers.form.newTitle") : t("employers.form.editTitle")}>
        <Fieldset>
          <Fieldset.Legend>{t("employers.form.company")}</Fieldset.Legend>
          <div className="stack">
            <OrgNumberField
              value={v.orgNumber}
              onChange={(value) => set("orgNumber", value)}
              onBlur={() => setOrgTouched(true)}
              error={form.errors.orgNumber ?? liveOrgError}
              ok={orgOk}
              onPick={creating ? pick : undefined}
            />
            <Textfield id={IDS.name} label={t("employers.fields.name")} value={v.name} onChange={(e) => set("name", e.target.value)} error={form.errors.name} required maxLength={200} autoComplete="organization" />
            <div className="grid2">
              <Textfield
                id={IDS.naceCode}
                label={t("employers.fields.naceCode")}
                description={section ? t("employers.form.naceSection", { section: sectionLabel(section, lang) }) : t("employers.form.naceHint")}
                value={v.naceCode}
                onChange={(e) => set("naceCode", e.target.value)}
                error={form.errors.naceCode}
                inputMode="decimal"
                maxLength={6}
              />
              <Field>
                <Label htmlFor={IDS.sizeBand}>{t("employers.fields.sizeBand")}</Label>
                <Select id={IDS.sizeBand} width="auto" value={v.sizeBand} onChange={(e) => set("sizeBand", e.target.value as Values["sizeBand"])}>
                  {sizeBands.map((b) => (
                    <Select.Option key={b} value={b}>
                      {b === "unknown" ? t("employers.form.sizeUnknown") : t("employers.form.employees", { band: b })}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
            </div>
            <Textfield id={IDS.website} label={t("employers.fields.website")} value={v.website} onChange={(e) => set("website", e.target.value)} error={form.errors.website} type="url" inputMode="url" maxLength={300} />
          </div>
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>{t("employers.form.location")}</Fieldset.Legend>
          <div className="stack">
            <Textfield id={IDS.address} label={t("employers.fields.address")} value={v.address} onChange={(e) => set("address", e.target.value)} error={form.errors.address} maxLength={200} autoComplete="street-address" />
            <div className="grid2">
              <Textfield id={IDS.postalCode} label={t("employers.fields.postalCode")} value={v.postalCode} onChange={(e) => set("postalCode", e.target.value)} error={form.errors.postalCode} inputMode="numeric" maxLength={4} autoComplete="postal-code" />
              <Textfield id={IDS.postalPlace} label={t("employers.fields.postalPlace")} value={v.postalPlace} onChange={(e) => set("postalPlace", e.target.value)} error={form.errors.postalPlace} maxLength={80} />
            </div>
            <Textfield id={IDS.municipality} label={t("employers.fields.municipality")} value={v.municipality} onChange={(e) => set("municipality", e.target.value)} error={form.errors.municipality} maxLength={80} />
          </div>
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>{t("employers.form.network")}</Fieldset.Legend>
          <div className="stack">
            {creating && (
              <Field>
                <Label htmlFor={IDS.membershipStatus}>{t("employers.fields.membershipStatus")}</Label>
                <Field.Description>{t("employers.form.statusHint")}</Field.Description>
                <Select id={IDS.membershipStatus} width="auto" value={v.membershipStatus} onChange={(e) => set("membershipStatus", e.target.value as MembershipStatus)}>
                  {membershipStatuses
                    .filter((s) => s !== "certified")
                    .map((s) => (
                      <Select.Option key={s} value={s}>
                        {t(`employers.statuses.${s}`)}
                      </Select.Option>
                    ))}
                </Select>
              </Field>
            )}
            <Fieldset>
              <Fieldset.Legend>{t("employers.fields.tags")}</Fieldset.Legend>
              <div className="row">
                {SUGGESTED.map((tag) => (
                  <Checkbox
                    key={tag}
                    id={`emp-tag-${tag}`}
                    label={tagLabel(tag)}
                    value={tag}
                    checked={v.tags.includes(tag)}
                    onChange={(e) => set("tags", e.target.checked ? [...v.tags, tag] : v.tags.filter((x) => x !== tag))}
                  />
                ))}
              </div>
            </Fieldset>
            <Textfield id={IDS.otherTags} label={t("employers.form.otherTags")} description={t("employers.form.otherTagsHint")} value={v.otherTags} onChange={(e) => set("otherTags", e.target.value)} error={form.errors.tags} maxLength={400} />
            <Switch id={IDS.publicListing} label={t("employers.fields.publicListing")} description={t("employers.form.publicListingHint")} checked={v.publicListing} onChange={(e) => set("publicListing", e.target.checked)} />
            <Textfield id={IDS.notes} multiline rows={4} label={t("employers.fields.notes")} description={t("employers.form.notesHint")} value={v.notes} onChange={(e) => set("notes", e.target.value)} error={form.errors.notes} maxLength={5000} />
          </div>
        </Fieldset>

        <div className="form-actions">
          <Button type="submit" loading={form.busy && !duplicates}>
            {creating ? t("employers.form.create") : t("employers.form.save")}
          </Button>
          <Button asChild variant="tertiary">
            {employer ? (
              <RouterLink to="/employers/$id" params={{ id: employer.id }}>
                {t("common.cancel")}
              </RouterLink>
            ) : (
              <RouterLink to="/employers">{t("common.cancel")}</RouterLink>
            )}
          </Button>
        </div>
      </form>
    </div>
  );
}

/** The organisation number with its live check and, when registering, a lookup in the register by number. */
function OrgNumberField(props: { value: string; onChange: (v: string) => void; onBlur: () => void; error?: string; ok: boolean; onPick?: (r: RegisterEntity) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "info" | "warning" | "danger"; text: string } | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function lookUp() {
    if (!props.onPick || busy) return;
    const problem = orgNumberMessage(t, props.value);
    if (problem) return setMessage({ kind: "danger", text: problem });
    controller.current?.abort();
    controller.current = new AbortController();
    setBusy(true);
    setMessage(null);
    try {
      const result = await lookupRegister({ orgNumber: normaliseOrgNumber(props.value) }, controller.current.signal);
      if ("unavailable" in result) setMessage({ kind: "warning", text: t("employers.register.unavailable") });
      else if (result.items.length === 0) setMessage({ kind: "info", text: t("employers.register.notFound", { orgNumber: formatOrgNumber(normaliseOrgNumber(props.value)) }) });
      else props.onPick(result.items[0]!);
    } catch (e) {
      if (!(e instanceof DOMException && e.name === "AbortError")) setMessage({ kind: "danger", text: t("employers.register.failed") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <div className="row">
        <Textfield
          id={IDS.orgNumber}
          label={t("employers.fields.orgNumber")}
          description={props.ok ? t("employers.form.orgNumberOk", { orgNumber: formatOrgNumber(normaliseOrgNumber(props.value)) }) : t("employers.form.orgNumberHint")}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onBlur={props.onBlur}
          error={props.error}
          inputMode="numeric"
          maxLength={20}
          required
          className="orgnr-field"
        />
        {props.onPick && (
          <Button type="button" variant="secondary" onClick={() => void lookUp()} loading={busy}>
            {t("employers.register.lookUp")}
          </Button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {message && (
          <Alert data-color={message.kind}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        )}
      </div>
    </div>
  );
}

/** Name search in Enhetsregisteret; each hit can fill the form. Its own form, outside the employer form. */
function RegisterSearch({ onPick }: { onPick: (r: RegisterEntity) => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const [q, setQ] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<{ items: RegisterEntity[] } | { unavailable: true } | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function search(event: FormEvent) {
    event.preventDefault();
    if (q.trim().length < 2) return setError(t("employers.register.queryTooShort"));
    setError(undefined);
    controller.current?.abort();
    controller.current = new AbortController();
    setBusy(true);
    try {
      setResult(await lookupRegister({ q: q.trim() }, controller.current.signal));
    } catch (e) {
      if (!(e instanceof DOMException && e.name === "AbortError")) setResult({ unavailable: true });
    } finally {
      setBusy(false);
    }
  }

  let status = "";
  if (result && "unavailable" in result) status = t("employers.register.unavailable");
  else if (result) status = result.items.length === 0 ? t("employers.register.noHits") : t("employers.register.hits", { count: result.items.length });

  return (
    <section className="section register-search" aria-labelledby="register-heading">
      <Heading level={2} data-size="xs" id="register-heading">
        {t("employers.register.title")}
      </Heading>
      <Paragraph data-size="sm">{t("employers.register.lead")}</Paragraph>
      <form className="row" role="search" aria-labelledby="register-heading" noValidate onSubmit={(e) => void search(e)}>
        <Textfield id="register-q" label={t("employers.register.byName")} value={q} onChange={(e) => setQ(e.target.value)} error={error} maxLength={120} type="search" />
        <Button type="submit" variant="secondary" loading={busy}>
          {t("employers.register.search")}
        </Button>
      </form>
      <div role="status" aria-live="polite">
        {status && (result && "unavailable" in result ? <Alert data-color="warning"><Paragraph>{status}</Paragraph></Alert> : <Paragraph>{status}</Paragraph>)}
      </div>
      {result && "items" in result && result.items.length > 0 && (
        <ul className="plain register-hits">
          {result.items.map((r) => (
            <li key={r.orgNumber} className="register-hit">
              <div>
                <strong>{r.name}</strong> <span className="muted">{formatOrgNumber(r.orgNumber)}</span>{" "}
                {r.deleted && <Tag data-color="danger">{t("employers.register.deleted")}</Tag>}
                {r.bankrupt && <Tag data-color="warning">{t("employers.register.bankrupt")}</Tag>}
                <div className="muted">
                  {[r.naceCode && naceSectionOf(r.naceCode) ? `${r.naceCode} ${r.naceDescription ?? sectionLabel(naceSectionOf(r.naceCode)!, lang)}` : "", [r.postalPlace, r.municipality].filter(Boolean).join(", ")]
                    .filter(Boolean)
                    .join(" · ")}
                </div>
              </div>
              <Button type="button" variant="secondary" data-size="sm" onClick={() => onPick(r)} aria-label={t("employers.register.useNamed", { name: r.name })}>
                {t("employers.register.use")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
