import { useState, type FormEvent, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Fieldset, Link, Paragraph, Radio, Select, Textfield, Field, Label } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { ConceptPicker, COMMON_LANGUAGES } from "../features/candidates/pickers.tsx";
import type { Concept } from "../features/candidates/api.ts";
import { isApiError } from "../api.ts";
import { getMyProfile, myCvUrl, patchMyProfile, portalKeys, type MyProfile, type MyProfilePatch } from "../features/portal/api.ts";
import { formatPortalDate, languageLabel } from "../features/portal/i18n.ts";
import { PortalQueryState, PortalSection, PortalStatus, usePortalT } from "../features/portal/components.tsx";
import type { EditableGroup } from "../../shared/portal.ts";

const CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
type Language = MyProfile["languages"][number];

/**
 * "Profilen min" (/my/profile): what the network has registered, the CV to download, and a small form for each part
 * the network lets the candidate change (contact, job wishes, languages, skills, availability).
 */
export function PortalProfilePage() {
  const { t, lang } = usePortalT();
  const profile = useQuery({ queryKey: portalKeys.profile(lang), queryFn: ({ signal }) => getMyProfile(lang, signal) });
  const p = profile.data;
  return (
    <Page title={t("profile.title")} lead={<Paragraph>{t("profile.lead")}</Paragraph>}>
      <PortalQueryState query={profile} />
      {p && <Profile p={p} />}
    </Page>
  );
}

function Profile({ p }: { p: MyProfile }) {
  const { t, lang } = usePortalT();
  const can = (g: EditableGroup) => p.editable.includes(g) && !p.erasureRequestedAt;
  return (
    <>
      <PortalSection id="cv-heading" title={t("profile.cv")}>
        <Paragraph>{t("profile.cvLead")}</Paragraph>
        <div className="portal-actions">
          <Link href={myCvUrl("nb")} download>
            {t("profile.cvNb")}
          </Link>
          <Link href={myCvUrl("en")} download>
            {t("profile.cvEn")}
          </Link>
        </div>
      </PortalSection>

      <Editable
        id="contact"
        title={t("profile.contact")}
        editable={can("contact")}
        view={<Dl rows={[[t("profile.email"), p.email], [t("profile.phone"), p.phone], [t("profile.municipality"), p.municipality]]} />}
        form={(done) => <ContactForm p={p} done={done} />}
      />
      <Editable
        id="wishes"
        title={t("profile.wishes")}
        editable={can("jobWishes")}
        view={
          <Dl
            rows={[
              [t("profile.occupations"), p.jobWishes.occupations.map((o) => o.label).join(", ")],
              [t("profile.municipalities"), p.jobWishes.municipalities.join(", ")],
              [t("profile.extent"), t(`profile.extents.${p.jobWishes.extent}`)],
            ]}
          />
        }
        form={(done) => <WishesForm p={p} done={done} />}
      />
      <Editable
        id="languages"
        title={t("profile.languages")}
        editable={can("languages")}
        view={<Dl rows={p.languages.map((l) => [languageLabel(l.code, lang), l.native ? t("profile.native") : (levelOf(l) ?? "")])} />}
        form={(done) => <LanguagesForm p={p} done={done} />}
      />
      <Editable
        id="skills"
        title={t("profile.skills")}
        editable={can("skills")}
        view={<Paragraph>{p.skills.length > 0 ? p.skills.map((s) => s.label).join(", ") : t("common.notSet")}</Paragraph>}
        form={(done) => <SkillsForm p={p} done={done} />}
      />
      <Editable
        id="availability"
        title={t("profile.availability")}
        editable={can("availability")}
        view={<Dl rows={[[t("profile.availableFrom"), formatPortalDate(p.availableFrom, lang)]]} />}
        form={(done) => <AvailabilityForm p={p} done={done} />}
      />

      <PortalSection id="experience-heading" title={t("profile.experience")}>
        <Dl rows={p.experience.map((e) => [e.occupation.label, [e.title, e.employer, t("profile.years", { years: e.years })].filter(Boolean).join(" · ")])} />
      </PortalSection>
      <PortalSection id="education-heading" title={t("profile.education")}>
        <Dl rows={p.education.map((e) => [e.field || e.level, [e.institution, e.yearCompleted].filter(Boolean).join(" · ")])} />
      </PortalSection>
    </>
  );
}

function levelOf(l: Language): string | null {
  const levels = [l.listening, l.reading, l.writing, l.speaking];
  return levels.every((x) => x && x === levels[0]) ? levels[0]! : (levels.find(Boolean) ?? null);
}

function Dl({ rows }: { rows: [string, ReactNode][] }) {
  const { t } = usePortalT();
  if (rows.length === 0) return <Paragraph>{t("common.notSet")}</Paragraph>;
  return (
    <dl className="portal-dl">
      {rows.map(([k, v], i) => (
        <div key={`${k}-${i}`} style={{ display: "contents" }}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === "" ? t("common.notSet") : v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A part of the profile: shown, with "Endre" that opens its form when the network allows it. */
function Editable({ id, title, editable, view, form }: { id: string; title: string; editable: boolean; view: ReactNode; form: (done: (saved: boolean) => void) => ReactNode }) {
  const { t } = usePortalT();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <PortalSection id={`${id}-heading`} title={title}>
      <PortalStatus message={saved ? { kind: "success", text: `${t("common.saved")} ${t("profile.savedNote")}` } : null} />
      {editing ? (
        form((ok) => {
          setEditing(false);
          setSaved(ok);
        })
      ) : (
        <>
          {view}
          {editable ? (
            <div className="portal-actions">
              <Button
                variant="secondary"
                aria-label={`${t("common.edit")}: ${title}`}
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t("common.edit")}
              </Button>
            </div>
          ) : (
            <Paragraph data-size="sm">{t("profile.advisorChanges")}</Paragraph>
          )}
        </>
      )}
    </PortalSection>
  );
}

/** Saves a change; on failure shows what the server said about the fields (or a general message). */
function useSave(done: (saved: boolean) => void) {
  const { t, lang } = usePortalT();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (patch: MyProfilePatch) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await patchMyProfile(lang, patch);
      await queryClient.invalidateQueries({ queryKey: portalKeys.all });
      done(true);
    } catch (e) {
      const fields = isApiError(e) ? (e.problem.errors ?? []).map((x) => x.path.replace(/^body\./, "")) : [];
      setError(fields.length > 0 ? `${t("common.fixErrors")} ${fields.join(", ")}` : t("common.error"));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, save };
}

function FormButtons({ busy, error, done }: { busy: boolean; error: string | null; done: (saved: boolean) => void }) {
  const { t } = usePortalT();
  return (
    <>
      <PortalStatus message={error ? { kind: "danger", text: error } : null} />
      <div className="portal-actions">
        <Button type="submit" loading={busy}>
          {t("common.save")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => done(false)}>
          {t("common.cancel")}
        </Button>
      </div>
    </>
  );
}

function ContactForm({ p, done }: { p: MyProfile; done: (saved: boolean) => void }) {
  const { t } = usePortalT();
  const { busy, error, save } = useSave(done);
  const [email, setEmail] = useState(p.email ?? "");
  const [phone, setPhone] = useState(p.phone ?? "");
  const [municipality, setMunicipality] = useState(p.municipality);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ email: email.trim() || null, phone: phone.trim() || null, municipality: municipality.trim() });
  };
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      <Textfield id="my-email" type="email" autoComplete="email" label={t("profile.email")} value={email} onChange={(e) => setEmail(e.target.value)} />
      <Textfield id="my-phone" type="tel" autoComplete="tel" label={t("profile.phone")} value={phone} onChange={(e) => setPhone(e.target.value)} />
      <Textfield id="my-municipality" label={t("profile.municipality")} value={municipality} onChange={(e) => setMunicipality(e.target.value)} />
      <FormButtons busy={busy} error={error} done={done} />
    </form>
  );
}

function WishesForm({ p, done }: { p: MyProfile; done: (saved: boolean) => void }) {
  const { t } = usePortalT();
  const { busy, error, save } = useSave(done);
  const [occupations, setOccupations] = useState<Concept[]>(p.jobWishes.occupations.map((o) => ({ uri: o.uri, nb: o.label })));
  const [places, setPlaces] = useState(p.jobWishes.municipalities.join(", "));
  const [extent, setExtent] = useState(p.jobWishes.extent as "full_time" | "part_time" | "any");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const municipalities = places
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    void save({ jobWishes: { occupationUris: occupations.map((o) => o.uri), municipalities, extent } });
  };
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      <ConceptPicker id="my-occupations" kind="occupations" label={t("profile.occupations")} value={occupations} onChange={setOccupations} max={20} />
      <Textfield id="my-places" label={t("profile.municipalities")} description={t("profile.municipalitiesHelp")} value={places} onChange={(e) => setPlaces(e.target.value)} />
      <Fieldset>
        <Fieldset.Legend>{t("profile.extent")}</Fieldset.Legend>
        {(["full_time", "part_time", "any"] as const).map((x) => (
          <Radio key={x} id={`my-extent-${x}`} name="my-extent" value={x} label={t(`profile.extents.${x}`)} checked={extent === x} onChange={() => setExtent(x)} />
        ))}
      </Fieldset>
      <FormButtons busy={busy} error={error} done={done} />
    </form>
  );
}

function LanguagesForm({ p, done }: { p: MyProfile; done: (saved: boolean) => void }) {
  const { t, lang } = usePortalT();
  const { busy, error, save } = useSave(done);
  const [languages, setLanguages] = useState<Language[]>(p.languages);
  const [adding, setAdding] = useState("");
  const setLevel = (i: number, level: string) => {
    const value = CEFR.find((c) => c === level) ?? null;
    setLanguages(languages.map((l, j) => (j === i ? { ...l, listening: value, reading: value, writing: value, speaking: value } : l)));
  };
  const add = (code: string) => {
    if (!code || languages.some((l) => l.code === code)) return;
    setLanguages([...languages, { code, native: false, listening: null, reading: null, writing: null, speaking: null, testName: null, testDate: null }]);
    setAdding("");
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ languages });
  };
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      {languages.map((l, i) => {
        const name = languageLabel(l.code, lang);
        return (
          <div key={l.code} className="portal-lang-row">
            {l.native ? (
              <Paragraph>
                <strong>{name}</strong> – {t("profile.native")}
              </Paragraph>
            ) : (
              <Field>
                <Label htmlFor={`my-lang-${l.code}`}>{t("profile.level", { language: name })}</Label>
                <Select id={`my-lang-${l.code}`} width="auto" value={levelOf(l) ?? ""} onChange={(e) => setLevel(i, e.target.value)}>
                  <Select.Option value="">{t("profile.levelUnknown")}</Select.Option>
                  {CEFR.map((c) => (
                    <Select.Option key={c} value={c}>
                      {c}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
            )}
            <Button type="button" variant="tertiary" onClick={() => setLanguages(languages.filter((_, j) => j !== i))}>
              {t("profile.removeLanguage", { language: name })}
            </Button>
          </div>
        );
      })}
      <Field>
        <Label htmlFor="my-lang-add">{t("profile.addLanguage")}</Label>
        <Select id="my-lang-add" width="auto" value={adding} onChange={(e) => add(e.target.value)}>
          <Select.Option value="">{t("profile.chooseLanguage")}</Select.Option>
          {COMMON_LANGUAGES.filter((c) => !languages.some((l) => l.code === c)).map((c) => (
            <Select.Option key={c} value={c}>
              {languageLabel(c, lang)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <FormButtons busy={busy} error={error} done={done} />
    </form>
  );
}

function SkillsForm({ p, done }: { p: MyProfile; done: (saved: boolean) => void }) {
  const { t } = usePortalT();
  const { busy, error, save } = useSave(done);
  const [skills, setSkills] = useState<Concept[]>(p.skills.map((s) => ({ uri: s.uri, nb: s.label })));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ skillUris: skills.map((s) => s.uri) });
  };
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      <ConceptPicker id="my-skills" kind="skills" label={t("profile.skills")} value={skills} onChange={setSkills} max={200} />
      <FormButtons busy={busy} error={error} done={done} />
    </form>
  );
}

function AvailabilityForm({ p, done }: { p: MyProfile; done: (saved: boolean) => void }) {
  const { t } = usePortalT();
  const { busy, error, save } = useSave(done);
  const [date, setDate] = useState(p.availableFrom ?? "");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ availableFrom: date || null });
  };
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      <Textfield id="my-available" type="date" label={t("profile.availableFrom")} value={date} onChange={(e) => setDate(e.target.value)} />
      <FormButtons busy={busy} error={error} done={done} />
    </form>
  );
}
