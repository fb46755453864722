import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, Field, Fieldset, Label, Link, Paragraph, Select, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm, validEmail } from "../components/useForm.ts";
import { QueryState } from "../components/QueryState.tsx";
import { COMMON_LANGUAGES, ConceptPicker, languageName, uiLang } from "../features/candidates/pickers.tsx";
import type { Concept } from "../features/candidates/api.ts";
import { sectionLabel } from "../features/employers/components.tsx";
import { naceSections, type NaceSection } from "../../shared/nace.ts";
import { createMentor, getMentor, updateMentor, type Mentor } from "../features/mentoring/api.ts";

const IDS = {
  name: "mentor-name",
  email: "mentor-email",
  phone: "mentor-phone",
  organisation: "mentor-organisation",
  industry: "mentor-industry",
  occupationUri: "mentor-occupation",
  languages: "mentor-languages",
  municipality: "mentor-municipality",
  capacity: "mentor-capacity",
  availability: "mentor-availability",
};

/** Register a mentor (/mentoring/mentors/new), optionally inviting them to log in with the role mentor. */
export function MentorNewPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("mentoring.form.newTitle")} lead={<Paragraph>{t("mentoring.form.lead")}</Paragraph>}>
      <MentorForm mentor={null} />
    </Page>
  );
}

/** Change a mentor (/mentoring/mentors/{id}/edit). */
export function MentorEditPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useQuery({ queryKey: ["mentoring", "mentor", id, uiLang(i18n.resolvedLanguage)], queryFn: ({ signal }) => getMentor(id, uiLang(i18n.resolvedLanguage), signal) });
  return (
    <Page title={query.data ? t("mentoring.form.editTitle", { name: query.data.name }) : t("mentoring.form.editTitleEmpty")}>
      <QueryState query={query} isEmpty={false} empty={null} />
      {query.data && <MentorForm key={query.data.id} mentor={query.data} />}
    </Page>
  );
}

function MentorForm({ mentor }: { mentor: Mentor | null }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [v, setV] = useState({
    name: mentor?.name ?? "",
    email: mentor?.email ?? "",
    phone: mentor?.phone ?? "",
    organisation: mentor?.organisation ?? "",
    industry: (mentor?.industry ?? "") as NaceSection | "",
    occupation: mentor?.occupation ? [{ uri: mentor.occupation.uri, [lang]: mentor.occupation.label } as Concept] : ([] as Concept[]),
    languages: mentor?.languages ?? ["no"],
    municipality: mentor?.municipality ?? "",
    capacity: String(mentor?.capacity ?? 1),
    availability: mentor?.availability ?? "",
    active: mentor?.active ?? true,
    invite: !mentor?.hasAccount,
  });
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => setV((old) => ({ ...old, [key]: value }));
  const languages = [...new Set([...COMMON_LANGUAGES, ...v.languages])];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!v.name.trim()) errors.name = t("mentoring.form.nameRequired");
    if (!mentor && !validEmail(v.email)) errors.email = t("mentoring.form.emailInvalid");
    const capacity = Number(v.capacity);
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > 20) errors.capacity = t("mentoring.form.capacityInvalid");
    if (Object.keys(errors).length > 0) return form.fail(errors);
    const fields = {
      name: v.name.trim(),
      phone: v.phone.trim(),
      organisation: v.organisation.trim(),
      industry: v.industry || null,
      occupationUri: v.occupation[0]?.uri ?? null,
      languages: v.languages,
      municipality: v.municipality.trim(),
      capacity,
      availability: v.availability.trim(),
    };
    void form.run(async () => {
      const saved = mentor ? await updateMentor(mentor.id, { ...fields, active: v.active, invite: v.invite && !mentor.hasAccount }) : await createMentor({ ...fields, email: v.email.trim(), invite: v.invite });
      await queryClient.invalidateQueries({ queryKey: ["mentoring"] });
      await navigate({ to: "/mentoring/mentors/$id", params: { id: saved.id }, search: { saved: mentor ? "updated" : "created" } });
    });
  };

  return (
    <form onSubmit={submit} className="mentoring-form" noValidate>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <Textfield id={IDS.name} label={t("mentoring.mentorFields.name")} value={v.name} onChange={(e) => set("name", e.target.value)} error={form.errors.name} maxLength={120} autoComplete="off" />
      <Textfield id={IDS.email} type="email" label={t("mentoring.mentorFields.email")} description={mentor ? t("mentoring.form.emailFixed") : t("mentoring.form.emailHint")} value={v.email} readOnly={!!mentor} onChange={(e) => set("email", e.target.value)} error={form.errors.email} autoComplete="off" />
      <Textfield id={IDS.phone} type="tel" label={t("mentoring.mentorFields.phone")} value={v.phone} onChange={(e) => set("phone", e.target.value)} error={form.errors.phone} maxLength={30} autoComplete="off" />
      <Textfield id={IDS.organisation} label={t("mentoring.mentorFields.organisation")} description={t("mentoring.form.organisationHint")} value={v.organisation} onChange={(e) => set("organisation", e.target.value)} error={form.errors.organisation} maxLength={120} />
      <Field>
        <Label htmlFor={IDS.industry}>{t("mentoring.mentorFields.industry")}</Label>
        <Select id={IDS.industry} width="auto" value={v.industry} onChange={(e) => set("industry", e.target.value as NaceSection | "")}>
          <Select.Option value="">{t("mentoring.form.notGiven")}</Select.Option>
          {naceSections.map((s) => (
            <Select.Option key={s} value={s}>
              {sectionLabel(s, lang)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <ConceptPicker id={IDS.occupationUri} kind="occupations" label={t("mentoring.mentorFields.occupation")} description={t("mentoring.form.occupationHint")} value={v.occupation} onChange={(c) => set("occupation", c)} error={form.errors.occupationUri} max={1} />
      <Fieldset id={IDS.languages}>
        <Fieldset.Legend>{t("mentoring.mentorFields.languages")}</Fieldset.Legend>
        <div className="mentoring-fields">
          {languages.map((code) => (
            <Checkbox
              key={code}
              id={`${IDS.languages}-${code}`}
              label={languageName(code, lang)}
              checked={v.languages.includes(code)}
              onChange={(e) => set("languages", e.target.checked ? [...v.languages, code] : v.languages.filter((c) => c !== code))}
            />
          ))}
        </div>
      </Fieldset>
      <Textfield id={IDS.municipality} label={t("mentoring.mentorFields.municipality")} value={v.municipality} onChange={(e) => set("municipality", e.target.value)} error={form.errors.municipality} maxLength={80} />
      <Textfield id={IDS.capacity} type="number" min={0} max={20} label={t("mentoring.mentorFields.capacity")} description={t("mentoring.form.capacityHint")} value={v.capacity} onChange={(e) => set("capacity", e.target.value)} error={form.errors.capacity} />
      <Textfield id={IDS.availability} multiline rows={3} label={t("mentoring.mentorFields.availability")} description={t("mentoring.form.availabilityHint")} value={v.availability} onChange={(e) => set("availability", e.target.value)} error={form.errors.availability} maxLength={500} />
      {mentor && <Checkbox id="mentor-active" label={t("mentoring.mentorFields.active")} checked={v.active} onChange={(e) => set("active", e.target.checked)} />}
      {!mentor?.hasAccount && <Checkbox id="mentor-invite" label={t("mentoring.form.invite")} description={t("mentoring.form.inviteHint")} checked={v.invite} onChange={(e) => set("invite", e.target.checked)} />}
      <div className="row row--tight">
        <Button type="submit" loading={form.busy}>
          {mentor ? t("common.save") : t("mentoring.form.create")}
        </Button>
        <Link asChild>
          <RouterLink to={mentor ? "/mentoring/mentors/$id" : "/mentoring/mentors"} params={mentor ? { id: mentor.id } : {}}>
            {t("common.cancel")}
          </RouterLink>
        </Link>
      </div>
    </form>
  );
}
