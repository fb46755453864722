import { CandidatePortalSection } from "../features/portal/CandidatePortalSection.tsx";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, Heading, Input, Label, Link, Paragraph, Select, Spinner, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { useMe } from "../session.ts";
import { AccessReportSection } from "../features/privacy/AccessReportSection.tsx";
import { errorMessage } from "../errors.ts";
import { formatDate, formatDateTime } from "../format.ts";
import {
  accessLogQuery,
  canWriteCandidates,
  candidatePath,
  candidateQuery,
  cvUrl,
  documentsQuery,
  duplicatesQuery,
  notesQuery,
  sendFile,
  type Candidate,
  type DocumentItem,
  type Duplicate,
  type Lang,
} from "../features/candidates/api.ts";
import { STEPS, type StepName } from "../features/candidates/draft.ts";
import { countryName, languageName, uiLang } from "../features/candidates/pickers.tsx";
import { CandidateJobMatches } from "../features/placements/CandidateJobMatches.tsx";
import { CandidateTimeline } from "../features/services/CandidateTimeline.tsx";

const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const DOCUMENT_TYPES = ".pdf,.docx,.png,.jpg,.jpeg,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg";

export function CandidateProfilePage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as { saved?: string };
  const lang = uiLang(i18n.resolvedLanguage);
  const candidate = useQuery(candidateQuery(id, lang));
  const c = candidate.data;
  return (
    <Page title={c ? `${c.firstName} ${c.lastName}` : t("candidates.profile.loadingTitle")}>
      {search.saved && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t(search.saved === "created" ? "candidates.profile.created" : "candidates.profile.updated")}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {candidate.isPending && <Spinner aria-label={t("common.loading")} />}
      {candidate.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, candidate.error)}</Paragraph>
        </Alert>
      )}
      {c && <Profile c={c} lang={lang} />}
    </Page>
  );
}

function Profile({ c, lang }: { c: Candidate; lang: Lang }) {
  const { t } = useTranslation();
  const me = useMe();
  const write = canWriteCandidates(me.role);
  const f = (k: string) => t(`candidates.fields.${k}`);
  return (
    <>
      <div className="row">
        <Tag data-color={c.status === "active" ? "success" : "neutral"}>{t(`candidates.statuses.${c.status}`)}</Tag>
        {c.processingRestricted && <Tag data-color="warning">{t("candidates.profile.restricted")}</Tag>}
        <span className="muted">{t("candidates.profile.updatedAt", { date: formatDateTime(c.updatedAt) })}</span>
      </div>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/candidates">{t("candidates.profile.backToList")}</RouterLink>
        </Link>
      </div>

      <Section title={t("candidates.steps.person")} id={c.id} step="person" write={write}>
        <Dl
          rows={[
            [f("email"), c.email ?? ""],
            [f("phone"), c.phone ?? ""],
            [f("municipality"), c.municipality],
            [f("advisor"), c.advisor?.name ?? ""],
            [f("partnerOrganisation"), c.partnerOrganisation],
          ]}
        />
      </Section>

      {c.background && (
        <Section title={t("candidates.steps.background")} id={c.id} step="background" write={write}>
          <Paragraph data-size="sm" className="muted">
            {t("candidates.profile.backgroundNote")}
          </Paragraph>
          <Dl
            rows={[
              [f("countryOfBirth"), countryName(c.background.countryOfBirth, lang)],
              [f("birthYear"), c.background.birthYear ? String(c.background.birthYear) : ""],
              [f("arrivalYear"), c.background.arrivalYear ? String(c.background.arrivalYear) : ""],
              [f("gender"), t(`candidates.genders.${c.background.gender}`)],
            ]}
          />
        </Section>
      )}

      <Section title={t("candidates.steps.languages")} id={c.id} step="languages" write={write}>
        {c.languages.length === 0 ? (
          <None />
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t("candidates.steps.languages")}>
            <Table>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("candidates.fields.language")}</Table.HeaderCell>
                  {(["listening", "reading", "writing", "speaking"] as const).map((s) => (
                    <Table.HeaderCell key={s}>{t(`candidates.subSkills.${s}`)}</Table.HeaderCell>
                  ))}
                  <Table.HeaderCell>{t("candidates.fields.testName")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {c.languages.map((l) => (
                  <Table.Row key={l.code}>
                    <Table.Cell>
                      {languageName(l.code, lang)}
                      {l.native ? ` (${t("candidates.fields.native").toLowerCase()})` : ""}
                    </Table.Cell>
                    {(["listening", "reading", "writing", "speaking"] as const).map((s) => (
                      <Table.Cell key={s}>{l[s] ?? "–"}</Table.Cell>
                    ))}
                    <Table.Cell>{l.testName ? `${l.testName}${l.testDate ? `, ${formatDate(l.testDate)}` : ""}` : "–"}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Section>

      <Section title={t("candidates.steps.education")} id={c.id} step="education" write={write}>
        {c.education.length === 0 ? (
          <None />
        ) : (
          <ul className="plain">
            {c.education.map((e, i) => (
              <li key={i}>
                <strong>{t(`candidates.educationLevels.${e.level}`)}</strong>
                {e.field ? `, ${e.field}` : ""}
                {e.institution ? `, ${e.institution}` : ""}
                {e.country ? `, ${countryName(e.country, lang)}` : ""}
                {e.yearCompleted ? ` (${e.yearCompleted})` : ""}. {t("candidates.fields.recognition")}: {t(`candidates.recognition.${e.recognition}`)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("candidates.steps.experience")} id={c.id} step="experience" write={write}>
        {c.experience.length === 0 ? (
          <None />
        ) : (
          <ul className="plain">
            {c.experience.map((e, i) => (
              <li key={i}>
                <strong>{e.occupationLabel}</strong>
                {e.title ? ` – ${e.title}` : ""}
                {e.employer ? `, ${e.employer}` : ""}
                {e.country ? `, ${countryName(e.country, lang)}` : ""} ({t("candidates.yearsCount", { count: e.years })})
                {e.description && <Paragraph data-size="sm">{e.description}</Paragraph>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("candidates.steps.skills")} id={c.id} step="skills" write={write}>
        {c.skills.length === 0 ? (
          <None />
        ) : (
          <ul className="chips">
            {c.skills.map((s) => (
              <li key={s.uri} className="chip">
                {s.label}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("candidates.steps.licences")} id={c.id} step="licences" write={write}>
        <Dl
          rows={[
            [f("drivingLicences"), c.drivingLicences.join(", ")],
            [f("certificates"), c.certificates.map((x) => `${t(`candidates.certificateTypes.${x.type}`)}: ${x.name}${x.year ? ` (${x.year})` : ""}`).join("; ")],
          ]}
        />
      </Section>

      <Section title={t("candidates.steps.wishes")} id={c.id} step="wishes" write={write}>
        <Dl
          rows={[
            [f("wishOccupations"), c.jobWishes.occupations.map((o) => o.label).join(", ")],
            [f("wishMunicipalities"), c.jobWishes.municipalities.join(", ")],
            [f("extent"), t(`candidates.extents.${c.jobWishes.extent}`)],
            [f("availableFrom"), c.availableFrom ? formatDate(c.availableFrom) : ""],
          ]}
        />
      </Section>

      <Section title={f("summary")} id={c.id} step="review" write={write}>
        {c.summary ? <Paragraph className="prewrap">{c.summary}</Paragraph> : <None />}
      </Section>

      <CvSection c={c} lang={lang} />
      <CandidateJobMatches candidateId={c.id} lang={lang} role={me.role} />
      <CandidateTimeline candidateId={c.id} lang={lang} role={me.role} />
      <NotesSection id={c.id} write={write} />
      <DocumentsSection id={c.id} write={write} />
      <AccessLogSection id={c.id} />
      {write && <CandidatePortalSection candidateId={c.id} email={c.email} />}
      {write && <AccessReportSection id={c.id} />}
      {write && <DuplicatesSection c={c} />}
      {write && <ErasureSection c={c} />}
    </>
  );
}

function None() {
  const { t } = useTranslation();
  return <Paragraph className="muted">{t("candidates.form.none")}</Paragraph>;
}

function Dl({ rows }: { rows: [string, ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <dl className="dl">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === "" || v === null ? <span className="muted">{t("candidates.form.notGiven")}</span> : v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ title, id, step, write, children }: { title: string; id: string; step: StepName; write: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const headingId = `section-${step}`;
  return (
    <section className="section profile-section">
      <div className="row-header">
        <Heading level={2} data-size="xs" id={headingId}>
          {title}
        </Heading>
        {write && (
          <Button asChild variant="tertiary" data-size="sm">
            <RouterLink to="/candidates/$id/edit" params={{ id }} search={{ step: STEPS.indexOf(step) + 1 }} aria-label={t("candidates.form.editSection", { section: title })}>
              {t("candidates.form.edit")}
            </RouterLink>
          </Button>
        )}
      </div>
      {children}
    </section>
  );
}

function CvSection({ c, lang }: { c: Candidate; lang: Lang }) {
  const { t } = useTranslation();
  const [variant, setVariant] = useState<"full" | "anonymous">("full");
  const [cvLang, setCvLang] = useState<Lang>(lang);
  const [show, setShow] = useState(false);
  const name = `${c.firstName} ${c.lastName}`;
  return (
    <section className="section" aria-labelledby="cv-heading">
      <Heading level={2} data-size="xs" id="cv-heading">
        {t("candidates.cv.title")}
      </Heading>
      <Paragraph>{t("candidates.cv.lead")}</Paragraph>
      <ul className="plain cv-links">
        {(["full", "anonymous"] as const).flatMap((v) =>
          (["nb", "en"] as const).map((l) => (
            <li key={`${v}-${l}`}>
              <Link href={cvUrl(c.id, v, l)} download={`cv-${v === "anonymous" ? "anonymous" : `${c.firstName}-${c.lastName}`.toLowerCase().replace(/\s+/g, "-")}-${l}.pdf`} data-cv={`${v}-${l}`}>
                {t("candidates.cv.download", { variant: t(`candidates.cv.variants.${v}`), language: t(`languages.${l}`) })}
              </Link>
            </li>
          )),
        )}
      </ul>
      <div className="row">
        <Field>
          <Label htmlFor="cv-variant">{t("candidates.cv.variant")}</Label>
          <Select id="cv-variant" width="auto" value={variant} onChange={(e) => setVariant(e.target.value === "anonymous" ? "anonymous" : "full")}>
            <Select.Option value="full">{t("candidates.cv.variants.full")}</Select.Option>
            <Select.Option value="anonymous">{t("candidates.cv.variants.anonymous")}</Select.Option>
          </Select>
        </Field>
        <Field>
          <Label htmlFor="cv-lang">{t("layout.language")}</Label>
          <Select id="cv-lang" width="auto" value={cvLang} onChange={(e) => setCvLang(e.target.value === "en" ? "en" : "nb")}>
            <Select.Option value="nb">{t("languages.nb")}</Select.Option>
            <Select.Option value="en">{t("languages.en")}</Select.Option>
          </Select>
        </Field>
        <Button variant="secondary" onClick={() => setShow((s) => !s)} aria-expanded={show} aria-controls="cv-preview">
          {show ? t("candidates.cv.hide") : t("candidates.cv.preview")}
        </Button>
      </div>
      <div id="cv-preview">
        {show && (
          <iframe
            className="cv-frame"
            title={t("candidates.cv.frameTitle", { name: variant === "anonymous" ? t("candidates.cv.variants.anonymous") : name, language: t(`languages.${cvLang}`) })}
            src={cvUrl(c.id, variant, cvLang)}
          />
        )}
      </div>
    </section>
  );
}

function NotesSection({ id, write }: { id: string; write: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notes = useQuery(notesQuery(id));
  const form = useForm({ text: "note-text" });
  const [text, setText] = useState("");
  const [added, setAdded] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setAdded(false);
    if (!text.trim()) return form.fail({ text: t("candidates.notes.required") });
    await form.run(async () => {
      await api(`${candidatePath(id)}/notes`, { method: "POST", body: { text: text.trim() } });
      setText("");
      setAdded(true);
      await queryClient.invalidateQueries({ queryKey: ["candidates", id, "notes"] });
    });
  }

  return (
    <section className="section" aria-labelledby="notes-heading">
      <Heading level={2} data-size="xs" id="notes-heading">
        {t("candidates.notes.title")}
      </Heading>
      {notes.isPending && <Spinner aria-label={t("common.loading")} />}
      {notes.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, notes.error)}</Paragraph>
        </Alert>
      )}
      {notes.data && notes.data.items.length === 0 && <Paragraph className="muted">{t("candidates.notes.none")}</Paragraph>}
      {notes.data && notes.data.items.length > 0 && (
        <ul className="plain notes">
          {notes.data.items.map((n) => (
            <li key={n.id}>
              <Paragraph className="prewrap">{n.text}</Paragraph>
              <Paragraph data-size="sm" className="muted">
                {n.author?.name ?? t("candidates.notes.unknownAuthor")}, {formatDateTime(n.createdAt)}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      {write && (
        <>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <div role="status" aria-live="polite">
            {added && (
              <Alert data-color="success">
                <Paragraph>{t("candidates.notes.added")}</Paragraph>
              </Alert>
            )}
          </div>
          <form className="form" noValidate onSubmit={onSubmit}>
            <Alert data-color="warning">
              <Paragraph>{t("candidates.notes.warning")}</Paragraph>
            </Alert>
            <Textfield id="note-text" multiline rows={3} label={t("candidates.notes.new")} value={text} onChange={(e) => setText(e.target.value)} error={form.errors.text} maxLength={4000} />
            <div className="form-actions">
              <Button type="submit" variant="secondary" loading={form.busy}>
                {t("candidates.notes.add")}
              </Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function DocumentsSection({ id, write }: { id: string; write: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const documents = useQuery(documentsQuery(id));
  const form = useForm({ file: "document-file" });
  const fileRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [confirm, setConfirm] = useState<DocumentItem | null>(null);
  const remove = useMutation({
    mutationFn: (d: DocumentItem) => api(`${candidatePath(id)}/documents/${encodeURIComponent(d.id)}`, { method: "DELETE" }),
    onSuccess: async (_r, d) => {
      setMessage({ kind: "success", text: t("candidates.documents.deleted", { name: d.name }) });
      await queryClient.invalidateQueries({ queryKey: ["candidates", id, "documents"] });
    },
    onError: (e) => setMessage({ kind: "danger", text: errorMessage(t, e) }),
    onSettled: () => setConfirm(null),
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const file = fileRef.current?.files?.[0];
    if (!file) return form.fail({ file: t("candidates.documents.chooseFile") });
    if (file.size > MAX_DOCUMENT_BYTES) return form.fail({ file: t("candidates.documents.tooLarge", { max: "10 MB" }) });
    await form.run(async () => {
      await sendFile(`${candidatePath(id)}/documents?name=${encodeURIComponent(file.name)}`, file);
      if (fileRef.current) fileRef.current.value = "";
      setMessage({ kind: "success", text: t("candidates.documents.uploaded", { name: file.name }) });
      await queryClient.invalidateQueries({ queryKey: ["candidates", id, "documents"] });
    });
  }

  return (
    <section className="section" aria-labelledby="documents-heading">
      <Heading level={2} data-size="xs" id="documents-heading">
        {t("candidates.documents.title")}
      </Heading>
      <div role="status" aria-live="polite">
        {message && (
          <Alert data-color={message.kind}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        )}
      </div>
      {documents.isPending && <Spinner aria-label={t("common.loading")} />}
      {documents.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, documents.error)}</Paragraph>
        </Alert>
      )}
      {documents.data && documents.data.items.length === 0 && <Paragraph className="muted">{t("candidates.documents.none")}</Paragraph>}
      {documents.data && documents.data.items.length > 0 && (
        <ul className="plain documents">
          {documents.data.items.map((d) => (
            <li key={d.id} className="row">
              <Link href={`${candidatePath(id)}/documents/${encodeURIComponent(d.id)}`} download={d.name}>
                {d.name}
              </Link>
              <span className="muted">
                {formatSize(d.size)}, {formatDate(d.createdAt)}
              </span>
              {write && (
                <Button variant="tertiary" data-size="sm" data-color="danger" onClick={() => setConfirm(d)} aria-label={t("candidates.documents.deleteNamed", { name: d.name })}>
                  {t("candidates.documents.delete")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {write && (
        <>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <form className="form" noValidate onSubmit={onSubmit}>
            <Field>
              <Label htmlFor="document-file">{t("candidates.documents.file")}</Label>
              <Field.Description>{t("candidates.documents.fileHint")}</Field.Description>
              <Input id="document-file" type="file" ref={fileRef} accept={DOCUMENT_TYPES} aria-invalid={form.errors.file ? true : undefined} />
              {form.errors.file && <Paragraph data-size="sm" className="field-error">{form.errors.file}</Paragraph>}
            </Field>
            <div className="form-actions">
              <Button type="submit" variant="secondary" loading={form.busy}>
                {t("candidates.documents.upload")}
              </Button>
            </div>
          </form>
        </>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={t("candidates.documents.confirmTitle", { name: confirm?.name ?? "" })}
        body={t("candidates.documents.confirmBody")}
        confirmLabel={t("candidates.documents.delete")}
        danger
        busy={remove.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && remove.mutate(confirm)}
      />
    </section>
  );
}

function AccessLogSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const log = useQuery(accessLogQuery(id));
  return (
    <section className="section">
      <Heading level={2} data-size="xs" id="access-heading">
        {t("candidates.access.title")}
      </Heading>
      <Paragraph data-size="sm" className="muted">
        {t("candidates.access.lead")}
      </Paragraph>
      {log.isPending && <Spinner aria-label={t("common.loading")} />}
      {log.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, log.error)}</Paragraph>
        </Alert>
      )}
      {log.data && log.data.items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="access-heading">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("candidates.access.when")}</Table.HeaderCell>
                <Table.HeaderCell>{t("candidates.access.who")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.role")}</Table.HeaderCell>
                <Table.HeaderCell>{t("candidates.access.purpose")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {log.data.items.map((e, i) => (
                <Table.Row key={`${e.at}-${i}`}>
                  <Table.Cell className="nowrap">{formatDateTime(e.at)}</Table.Cell>
                  <Table.Cell>{e.reader.name}</Table.Cell>
                  <Table.Cell>{e.reader.role ? t(`roles.${e.reader.role}`, { defaultValue: e.reader.role }) : ""}</Table.Cell>
                  <Table.Cell>{t(`candidates.access.purposes.${e.purpose}`, { defaultValue: e.purpose })}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}

function ErasureSection({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const erase = useMutation({
    mutationFn: () => api(candidatePath(c.id), { method: "DELETE" }),
    onSuccess: async () => {
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: ["candidates"] });
    },
    onSettled: () => setOpen(false),
  });
  return (
    <section className="section" aria-labelledby="erasure-heading">
      <Heading level={2} data-size="xs" id="erasure-heading">
        {t("candidates.erasure.title")}
      </Heading>
      <Paragraph>{t("candidates.erasure.lead")}</Paragraph>
      {done && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t("candidates.erasure.done")}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {erase.isError && (
        <FocusTarget>
          <Alert data-color="danger">
            <Paragraph>{errorMessage(t, erase.error)}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {!done && !c.processingRestricted && (
        <div>
          <Button variant="secondary" data-color="danger" onClick={() => setOpen(true)}>
            {t("candidates.erasure.request")}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={open}
        title={t("candidates.erasure.confirmTitle", { name: `${c.firstName} ${c.lastName}` })}
        body={t("candidates.erasure.confirmBody")}
        confirmLabel={t("candidates.erasure.confirm")}
        danger
        busy={erase.isPending}
        onCancel={() => setOpen(false)}
        onConfirm={() => erase.mutate()}
      />
    </section>
  );
}

/**
 * Other profiles that look like the same person (same e-mail, phone, or name and birth year). Merging moves
 * everything of the other profile into this one, and the other profile disappears.
 */
function DuplicatesSection({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const duplicates = useQuery(duplicatesQuery(c.id));
  const [chosen, setChosen] = useState<Duplicate | null>(null);
  const [merged, setMerged] = useState<string | null>(null);
  const merge = useMutation({
    mutationFn: (d: Duplicate) => api(`${candidatePath(c.id)}/merge`, { method: "POST", body: { duplicateId: d.id } }),
    onSuccess: async (_result, d) => {
      setMerged(`${d.firstName} ${d.lastName}`);
      await queryClient.invalidateQueries({ queryKey: ["candidates"] });
    },
    onSettled: () => setChosen(null),
  });
  const items = duplicates.data?.items ?? [];
  if (items.length === 0 && !merged && !merge.isError) return null;
  return (
    <section className="section" aria-labelledby="duplicates-heading">
      <Heading level={2} data-size="xs" id="duplicates-heading">
        {t("candidates.merge.title")}
      </Heading>
      <Paragraph>{t("candidates.merge.lead")}</Paragraph>
      {merged && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t("candidates.merge.done", { name: merged })}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {merge.isError && (
        <FocusTarget>
          <Alert data-color="danger">
            <Paragraph>{errorMessage(t, merge.error)}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      <ul className="plain-list">
        {items.map((d) => (
          <li key={d.id}>
            <Link asChild>
              <RouterLink to="/candidates/$id" params={{ id: d.id }}>
                {d.firstName} {d.lastName}
              </RouterLink>
            </Link>{" "}
            ({d.reasons.map((r) => t(`candidates.merge.reasons.${r}`)).join(", ")}){" "}
            <Button variant="secondary" data-size="sm" onClick={() => setChosen(d)}>
              {t("candidates.merge.action", { name: `${d.firstName} ${d.lastName}` })}
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={chosen !== null}
        title={t("candidates.merge.confirmTitle")}
        body={t("candidates.merge.confirmBody", { other: chosen ? `${chosen.firstName} ${chosen.lastName}` : "", name: `${c.firstName} ${c.lastName}` })}
        confirmLabel={t("candidates.merge.confirm")}
        busy={merge.isPending}
        onCancel={() => setChosen(null)}
        onConfirm={() => chosen && merge.mutate(chosen)}
      />
    </section>
  );
}
