import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Alert, Button, Dialog, Dropdown, Field, Fieldset, Heading, Label, Link, Paragraph, Radio, Spinner, Tag, Textarea, Textfield } from "@digdir/designsystemet-react";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { useMe } from "../../session.ts";
import { errorMessage } from "../../errors.ts";
import { isApiError } from "../../api.ts";
import { formatDate, formatDateTime } from "../../format.ts";
import { addToPipeline, canWritePipeline, consentsQuery, historyQuery, moveEntry, pipelineQuery, recordShareConsent, removeEntry, shareEntry, stagesQuery, type Job, type PipelineEntry, type PipelineStage } from "./api.ts";
import { percent, SearchPicker } from "./components.tsx";
import { uiLang } from "../candidates/pickers.tsx";
import { groupByStage, shareState } from "./board.ts";

type Announce = (kind: "success" | "danger", text: string) => void;
type Action = { kind: "move"; to: PipelineStage } | { kind: "history" } | { kind: "consent" } | { kind: "remove" };

/** A problem+json of the share route in plain words (consent missing, full CV before the employer's answer). */
export function shareError(t: TFunction, e: unknown): string {
  if (isApiError(e)) {
    const reason = e.problem.reason;
    if (reason === "consent_missing") return t("jobs.pipeline.errors.consentMissing");
    if (reason === "employer_not_interested_yet") return t("jobs.pipeline.errors.notInterestedYet");
  }
  return errorMessage(t, e);
}

/**
 * "Kandidatliste": the job's candidate list as a board, one column per stage of the network. Each card moves with
 * its "Flytt til" menu (with an optional note); its other actions record the candidate's consent, share the CV,
 * show the history, register the hire, or take the candidate off the list.
 */
export function PipelineSection({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const queryClient = useQueryClient();
  const write = canWritePipeline(me.role);
  const stages = useQuery(stagesQuery(lang));
  const entries = useQuery(pipelineQuery(job.id, lang));
  const [announcement, setAnnouncement] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [action, setAction] = useState<{ entry: PipelineEntry; action: Action } | null>(null);
  const announce: Announce = (kind, text) => setAnnouncement({ kind, text });
  /** After a dialog or menu action the opener is gone (the menu closed, the card moved): focus returns to the card, or to the heading. */
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const timer = setTimeout(() => {
      const target = document.querySelector<HTMLElement>(`[data-entry="${CSS.escape(refocus)}"] button`) ?? document.getElementById("pipeline-heading");
      target?.focus();
      setRefocus(null);
    }, 50);
    return () => clearTimeout(timer);
  }, [refocus, entries.data]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["jobs", job.id, "pipeline"] });
    void queryClient.invalidateQueries({ queryKey: ["jobs", job.id, "matches"] });
    void queryClient.invalidateQueries({ queryKey: ["jobs", "list"] });
    void queryClient.invalidateQueries({ queryKey: ["jobs", job.id, lang], exact: true });
  };

  async function addFromSearch(candidate: { id: string; name: string }) {
    setAnnouncement(null);
    try {
      const entry = await addToPipeline(job.id, { candidateId: candidate.id }, lang);
      await refresh();
      announce("success", t("jobs.matches.added", { name: candidate.name, stage: entry.stage.label }));
    } catch (e) {
      announce("danger", t("jobs.matches.addFailed", { name: candidate.name, reason: isApiError(e) && e.code === "conflict" ? t("jobs.pipeline.alreadyOnList") : errorMessage(t, e) }));
    }
  }

  async function share(entry: PipelineEntry, variant: "anonymous" | "full") {
    setAnnouncement(null);
    setRefocus(entry.id);
    try {
      await shareEntry(job.id, entry.id, variant, lang);
      await refresh();
      announce("success", t(variant === "full" ? "jobs.pipeline.sharedFull" : "jobs.pipeline.sharedAnonymous", { name: entry.candidate.name, employer: job.employer?.name ?? "" }));
    } catch (e) {
      announce("danger", t("jobs.pipeline.shareFailed", { name: entry.candidate.name, reason: shareError(t, e) }));
    }
  }

  const closeAction = () => {
    if (action) setRefocus(action.entry.id);
    setAction(null);
  };

  const columns = stages.data && entries.data ? groupByStage(stages.data.items, entries.data) : [];
  const failed = stages.error ?? entries.error;

  return (
    <section className="section" aria-labelledby="pipeline-heading">
      <Heading level={2} data-size="sm" id="pipeline-heading" tabIndex={-1}>
        {t("jobs.pipeline.title")}
      </Heading>
      <Paragraph data-size="sm">{write ? t("jobs.pipeline.lead") : t("jobs.pipeline.leadReadOnly")}</Paragraph>
      {write && (
        <div className="subform" style={{ maxWidth: "36rem" }}>
          <SearchPicker id="pipeline-add" kind="candidates" label={t("jobs.pipeline.addFromSearch")} description={t("jobs.pipeline.addHint")} value={null} clearOnPick onChange={(h) => h && void addFromSearch(h)} />
        </div>
      )}
      <div role="status" aria-live="polite" className="board-announcement">
        {announcement && (
          <Alert data-color={announcement.kind}>
            <Paragraph>{announcement.text}</Paragraph>
          </Alert>
        )}
      </div>
      {(stages.isPending || entries.isPending) && <Spinner aria-label={t("common.loading")} />}
      {failed && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, failed)}</Paragraph>
        </Alert>
      )}
      {entries.data && entries.data.length === 0 && <Paragraph>{t("jobs.pipeline.empty")}</Paragraph>}
      {columns.length > 0 && (
        <div className="board job-board">
          {columns.map(({ stage, cards }) => {
            const headingId = `stage-${stage.key}`;
            return (
              <section key={stage.key} className="board__column" aria-labelledby={headingId}>
                <Heading level={3} data-size="2xs" id={headingId} className="board__heading">
                  {stage.label} <span className="board__count">{cards.length}</span>
                </Heading>
                {cards.length === 0 && (
                  <Paragraph data-size="sm" className="muted">
                    {t("jobs.pipeline.columnEmpty")}
                  </Paragraph>
                )}
                <ul className="board__cards">
                  {cards.map((entry) => (
                    <EntryCard key={entry.id} job={job} entry={entry} stages={stages.data?.items ?? []} write={write} onAction={(a) => setAction({ entry, action: a })} onShare={(variant) => void share(entry, variant)} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}

      {action?.action.kind === "move" && (
        <MoveDialog
          job={job}
          entry={action.entry}
          to={action.action.to}
          onClose={closeAction}
          onDone={async (text) => {
            const id = action.entry.id;
            setAction(null);
            await refresh();
            announce("success", text);
            setRefocus(id);
          }}
        />
      )}
      {action?.action.kind === "history" && <HistoryDialog job={job} entry={action.entry} stages={stages.data?.items ?? []} onClose={closeAction} />}
      {action?.action.kind === "consent" && (
        <ConsentDialog
          job={job}
          entry={action.entry}
          onClose={closeAction}
          onDone={async () => {
            const { id, candidate } = action.entry;
            setAction(null);
            await refresh();
            announce("success", t("jobs.consent.recorded", { name: candidate.name }));
            setRefocus(id);
          }}
        />
      )}
      {action?.action.kind === "remove" && (
        <RemoveDialog
          job={job}
          entry={action.entry}
          onClose={closeAction}
          onDone={async (text, kind) => {
            const id = action.entry.id;
            setAction(null);
            await refresh();
            announce(kind, text);
            setRefocus(id);
          }}
        />
      )}
    </section>
  );
}

function EntryCard(props: { job: Job; entry: PipelineEntry; stages: PipelineStage[]; write: boolean; onAction: (a: Action) => void; onShare: (variant: "anonymous" | "full") => void }) {
  const { t } = useTranslation();
  const { job, entry, write } = props;
  const [moveOpen, setMoveOpen] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  const name = entry.candidate.name;
  const sharing = shareState(job, entry);
  const targets = props.stages.filter((s) => s.key !== entry.stage.key && s.key !== "shared");
  const consentColour = entry.consent.state === "valid" ? "success" : entry.consent.state === "withdrawn" ? "danger" : "neutral";
  const placementHref = `/placements/new?${new URLSearchParams({ candidateId: entry.candidate.id, jobId: job.id, ...(job.employer ? { employerId: job.employer.id } : {}) }).toString()}`;

  const item = (label: string, onClick: () => void, disabled?: boolean): ReactNode => (
    <Dropdown.Item key={label}>
      <Dropdown.Button
        disabled={disabled}
        onClick={() => {
          setMoreOpen(false);
          onClick();
        }}
      >
        {label}
      </Dropdown.Button>
    </Dropdown.Item>
  );

  return (
    <li className="board__card" data-entry={entry.id}>
      <Link asChild>
        <RouterLink to="/candidates/$id" params={{ id: entry.candidate.id }}>
          {name}
        </RouterLink>
      </Link>
      <div className="job-card__meta">
        {entry.matchScore !== null && <span className="small">{t("jobs.pipeline.match", { score: percent(entry.matchScore) })}</span>}
      </div>
      <div className="job-card__meta">
        {job.employer && (
          <Tag data-color={consentColour} data-size="sm">
            {t(`jobs.pipeline.consent.${entry.consent.state}`)}
          </Tag>
        )}
        {entry.sharedVariant && (
          <Tag data-color="info" data-size="sm">
            {t(`jobs.pipeline.shared.${entry.sharedVariant}`)}
          </Tag>
        )}
        {entry.employerResponse && (
          <Tag data-color={entry.employerResponse === "not_interesting" ? "warning" : "success"} data-size="sm">
            {t(`jobs.pipeline.response.${entry.employerResponse}`)}
          </Tag>
        )}
      </div>
      {entry.lastChange?.note && <div className="muted small">«{entry.lastChange.note}»</div>}
      <div className="job-card__actions">
        {write && (
          <Dropdown.TriggerContext>
            <Dropdown.Trigger variant="tertiary" data-size="sm" onClick={() => setMoveOpen((o) => !o)} aria-label={t("jobs.pipeline.moveNamed", { name })}>
              {t("jobs.pipeline.moveTo")}
            </Dropdown.Trigger>
            <Dropdown open={moveOpen} onClose={() => setMoveOpen(false)} placement="bottom-start">
              <Dropdown.List>
                {targets.map((s) => (
                  <Dropdown.Item key={s.key}>
                    <Dropdown.Button
                      onClick={() => {
                        setMoveOpen(false);
                        props.onAction({ kind: "move", to: s });
                      }}
                    >
                      {s.label}
                    </Dropdown.Button>
                  </Dropdown.Item>
                ))}
              </Dropdown.List>
            </Dropdown>
          </Dropdown.TriggerContext>
        )}
        <Dropdown.TriggerContext>
          <Dropdown.Trigger variant="tertiary" data-size="sm" onClick={() => setMoreOpen((o) => !o)} aria-label={t("jobs.pipeline.actionsNamed", { name })}>
            {t("jobs.pipeline.actions")}
          </Dropdown.Trigger>
          <Dropdown open={moreOpen} onClose={() => setMoreOpen(false)} placement="bottom-start">
            <Dropdown.List>
              {item(t("jobs.pipeline.history"), () => props.onAction({ kind: "history" }))}
              {write && job.employer && item(t("jobs.pipeline.recordConsent"), () => props.onAction({ kind: "consent" }))}
              {write && job.employer && sharing.anonymous && item(t("jobs.pipeline.shareAnonymous"), () => props.onShare("anonymous"))}
              {write && job.employer && sharing.full && item(t("jobs.pipeline.shareFull"), () => props.onShare("full"))}
              {write && (
                <Dropdown.Item>
                  <Dropdown.Button asChild>
                    <a href={placementHref}>{t("jobs.pipeline.registerHire")}</a>
                  </Dropdown.Button>
                </Dropdown.Item>
              )}
              {write && item(t("jobs.pipeline.remove"), () => props.onAction({ kind: "remove" }))}
            </Dropdown.List>
          </Dropdown>
        </Dropdown.TriggerContext>
      </div>
      {write && job.employer && sharing.fullWaiting && <div className="muted small">{t("jobs.pipeline.fullWaiting")}</div>}
    </li>
  );
}

function ActionDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Dialog open onClose={onClose} closeButton={t("common.close")} aria-labelledby={titleId}>
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <div className="stack">{children}</div>
      </Dialog.Block>
    </Dialog>
  );
}

function ErrorBox({ error }: { error: string | null }) {
  return (
    <div role="alert">
      {error && (
        <Alert data-color="danger">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
    </div>
  );
}

function MoveDialog({ job, entry, to, onClose, onDone }: { job: Job; entry: PipelineEntry; to: PipelineStage; onClose: () => void; onDone: (text: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await moveEntry(job.id, entry.id, to.key, note.trim(), lang);
      await onDone(t("jobs.pipeline.moved", { name: entry.candidate.name, stage: to.label }));
    } catch (e) {
      setError(errorMessage(t, e));
      setBusy(false);
    }
  }
  return (
    <ActionDialog title={t("jobs.pipeline.moveTitle", { name: entry.candidate.name, stage: to.label })} onClose={onClose}>
      <Paragraph>{t("jobs.pipeline.moveFrom", { from: entry.stage.label, to: to.label })}</Paragraph>
      <Field>
        <Label htmlFor="move-note">{t("jobs.pipeline.note")}</Label>
        <Field.Description>{t("jobs.pipeline.noteHint")}</Field.Description>
        <Textarea id="move-note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <ErrorBox error={error} />
      <div className="form-actions">
        <Button onClick={() => void submit()} loading={busy}>
          {t("jobs.pipeline.moveConfirm", { stage: to.label })}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </div>
    </ActionDialog>
  );
}

function HistoryDialog({ job, entry, stages, onClose }: { job: Job; entry: PipelineEntry; stages: PipelineStage[]; onClose: () => void }) {
  const { t } = useTranslation();
  const history = useQuery(historyQuery(job.id, entry.id));
  const label = (key: string | null) => (key ? (stages.find((s) => s.key === key)?.label ?? key) : "");
  return (
    <ActionDialog title={t("jobs.pipeline.historyTitle", { name: entry.candidate.name })} onClose={onClose}>
      {history.isPending && <Spinner aria-label={t("common.loading")} />}
      {history.isError && <ErrorBox error={errorMessage(t, history.error)} />}
      {history.data && (
        <ol className="timeline plain-list">
          {history.data.items.map((c) => (
            <li key={c.id}>
              <strong>{c.fromStage ? t("jobs.pipeline.change", { from: label(c.fromStage), to: label(c.toStage) }) : t("jobs.pipeline.addedTo", { to: label(c.toStage) })}</strong>
              <div className="muted small">
                {formatDateTime(c.at)}
                {c.by ? ` · ${c.by.name}` : ""}
              </div>
              {c.note && <div>«{c.note}»</div>}
            </li>
          ))}
        </ol>
      )}
      <div className="form-actions">
        <Button variant="secondary" onClick={onClose}>
          {t("common.close")}
        </Button>
      </div>
    </ActionDialog>
  );
}

/** Records the candidate's consent to share with this job's employer, for this job; shows the text they agree to. */
function ConsentDialog({ job, entry, onClose, onDone }: { job: Job; entry: PipelineEntry; onClose: () => void; onDone: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const consents = useQuery(consentsQuery(entry.candidate.id, job.id));
  const [method, setMethod] = useState<"in_person" | "by_link">("in_person");
  const [givenAt, setGivenAt] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const text = consents.data?.currentTexts.find((c) => c.purpose === "share_with_employer");
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  async function submit() {
    if (busy || !job.employer) return;
    let iso: string | undefined;
    if (givenAt) {
      const d = new Date(givenAt);
      if (Number.isNaN(d.getTime()) || d.getTime() > Date.now() + 60_000) return setError(t("jobs.consent.givenAtInvalid"));
      iso = d.toISOString();
    }
    setBusy(true);
    setError(null);
    try {
      await recordShareConsent(entry.candidate.id, { employerId: job.employer.id, jobId: job.id, method, ...(iso ? { givenAt: iso } : {}) });
      await onDone();
    } catch (e) {
      if (mounted.current) {
        setError(errorMessage(t, e));
        setBusy(false);
      }
    }
  }

  return (
    <ActionDialog title={t("jobs.consent.title", { name: entry.candidate.name })} onClose={onClose}>
      <Paragraph>{t("jobs.consent.lead", { employer: job.employer?.name ?? "", job: job.title })}</Paragraph>
      {entry.consent.state === "valid" && entry.consent.givenAt && (
        <Alert data-color="info">
          <Paragraph>{t("jobs.consent.already", { date: formatDate(entry.consent.givenAt) })}</Paragraph>
        </Alert>
      )}
      {consents.isPending && <Spinner aria-label={t("common.loading")} />}
      {consents.isError && <ErrorBox error={errorMessage(t, consents.error)} />}
      {text && (
        <figure style={{ margin: 0 }}>
          <figcaption className="small">{t("jobs.consent.textCaption", { version: text.version })}</figcaption>
          <blockquote className="consent-text" lang={lang === "en" ? "en" : "nb"}>
            {lang === "en" ? text.en : text.nb}
          </blockquote>
        </figure>
      )}
      <Fieldset>
        <Fieldset.Legend>{t("jobs.consent.method")}</Fieldset.Legend>
        <Radio id="consent-in-person" name="consent-method" label={t("jobs.consent.methods.in_person")} value="in_person" checked={method === "in_person"} onChange={() => setMethod("in_person")} />
        <Radio id="consent-by-link" name="consent-method" label={t("jobs.consent.methods.by_link")} value="by_link" checked={method === "by_link"} onChange={() => setMethod("by_link")} />
      </Fieldset>
      <Textfield id="consent-given-at" type="datetime-local" label={t("jobs.consent.givenAt")} description={t("jobs.consent.givenAtHint")} value={givenAt} onChange={(e) => setGivenAt(e.target.value)} />
      <ErrorBox error={error} />
      <div className="form-actions">
        <Button onClick={() => void submit()} loading={busy} disabled={!text}>
          {t("jobs.consent.record")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </div>
    </ActionDialog>
  );
}

function RemoveDialog({ job, entry, onClose, onDone }: { job: Job; entry: PipelineEntry; onClose: () => void; onDone: (text: string, kind: "success" | "danger") => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    try {
      await removeEntry(job.id, entry.id);
      await onDone(t("jobs.pipeline.removed", { name: entry.candidate.name }), "success");
    } catch (e) {
      await onDone(errorMessage(t, e), "danger");
    }
  }
  return (
    <ConfirmDialog
      open
      title={t("jobs.pipeline.removeTitle", { name: entry.candidate.name })}
      body={entry.sharedVariant ? t("jobs.pipeline.removeBodyShared") : t("jobs.pipeline.removeBody")}
      confirmLabel={t("jobs.pipeline.remove")}
      danger
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    />
  );
}

