import { useEffect, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Field, Fieldset, Heading, Label, Link, Paragraph, Radio, Spinner, Table, Textarea, Textfield } from "@digdir/designsystemet-react";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { useMe } from "../../session.ts";
import { errorMessage } from "../../errors.ts";
import { formatDateTime } from "../../format.ts";
import { uiLang } from "../candidates/pickers.tsx";
import { scoreMax, scoreMin } from "../../../shared/trainee-recruitment.ts";
import {
  canManageShortlist,
  interviewersQuery,
  moveEntry,
  recordDecision,
  removeEntry,
  scheduleInterview,
  scoresQuery,
  shortlistQuery,
  submitScores,
  type Need,
  type Scores,
  type ShortlistEntry,
} from "./recruitment-api.ts";
import { EntryStatusTag, ErrorAlert, ProgrammeFitText, RecruitmentDialog } from "./recruitment-components.tsx";
import { formatAverage, localToIso } from "./recruitment-form.ts";

type Action = "interview" | "scores" | "decision" | "remove" | "reopen";

/**
 * "Kortliste": the need's shortlist as a table — the candidate, education with its recognition and Norwegian, the
 * status, the interview and how many have scored — with the actions a row allows: schedule the interview, score it
 * (panel members), record the decision with its reason, reopen, or take the candidate off.
 */
export function ShortlistSection({ need }: { need: Need }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const manage = canManageShortlist(me.role);
  const list = useQuery(shortlistQuery(need.id));
  const [announcement, setAnnouncement] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [action, setAction] = useState<{ entry: ShortlistEntry; action: Action } | null>(null);
  const [busy, setBusy] = useState(false);
  /** A dialog's opener may be gone when it closes (the row changed): focus returns to the row's first button, or the heading. */
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const timer = setTimeout(() => {
      (document.querySelector<HTMLElement>(`[data-entry="${CSS.escape(refocus)}"] button`) ?? document.getElementById("shortlist-heading"))?.focus();
      setRefocus(null);
    }, 50);
    return () => clearTimeout(timer);
  }, [refocus, list.data]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["trainee-needs", need.id] });
    void queryClient.invalidateQueries({ queryKey: ["trainee-needs", "list"] });
  };
  const close = () => {
    if (action) setRefocus(action.entry.id);
    setAction(null);
  };
  const done = async (text: string) => {
    await refresh();
    setAnnouncement({ kind: "success", text });
    close();
  };

  async function remove(entry: ShortlistEntry) {
    setBusy(true);
    try {
      await removeEntry(need.id, entry.id);
      setAction(null);
      setRefocus("none");
      await done(t("traineeRecruitment.shortlist.removed", { name: entry.candidate.name }));
    } catch (e) {
      setAction(null);
      setAnnouncement({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(false);
    }
  }

  async function reopen(entry: ShortlistEntry) {
    setBusy(true);
    try {
      await moveEntry(need.id, entry.id, entry.interview ? "interviewed" : "shortlisted");
      await done(t("traineeRecruitment.shortlist.reopened", { name: entry.candidate.name }));
    } catch (e) {
      setAction(null);
      setAnnouncement({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(false);
    }
  }

  const items = list.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="shortlist-heading">
      <Heading level={2} data-size="sm" id="shortlist-heading" tabIndex={-1}>
        {t("traineeRecruitment.shortlist.title")}
      </Heading>
      <Paragraph data-size="sm">{manage ? t("traineeRecruitment.shortlist.lead") : t("traineeRecruitment.shortlist.leadAdvisor")}</Paragraph>
      <div role="status" aria-live="polite">
        {announcement && (
          <Alert data-color={announcement.kind}>
            <Paragraph>{announcement.text}</Paragraph>
          </Alert>
        )}
      </div>
      {list.isPending && <Spinner aria-label={t("common.loading")} />}
      {list.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, list.error)}</Paragraph>
        </Alert>
      )}
      {list.data && items.length === 0 && <Paragraph>{t("traineeRecruitment.shortlist.empty")}</Paragraph>}
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="shortlist-caption" tabIndex={0}>
          <Table zebra>
            <caption id="shortlist-caption" className="visually-hidden">
              {t("traineeRecruitment.shortlist.caption", { count: items.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("traineeRecruitment.shortlist.candidate")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.shortlist.fit")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.fields.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.shortlist.interview")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.shortlist.scores")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((entry) => {
                const decided = entry.decision !== null;
                return (
                  <Table.Row key={entry.id} data-entry={entry.id}>
                    <Table.Cell>
                      <Link asChild>
                        <RouterLink to="/candidates/$id" params={{ id: entry.candidate.id }}>
                          {entry.candidate.name}
                        </RouterLink>
                      </Link>
                    </Table.Cell>
                    <Table.Cell>
                      <ProgrammeFitText fit={entry.programme} />
                    </Table.Cell>
                    <Table.Cell>
                      <EntryStatusTag status={entry.status} />
                      {entry.decision && <div className="small">{entry.decision.reason}</div>}
                    </Table.Cell>
                    <Table.Cell>
                      {entry.interview ? (
                        <span className="fit">
                          <span>{formatDateTime(entry.interview.startsAt)}</span>
                          <span className="small">{entry.interview.interviewers.map((i) => i.name).join(", ")}</span>
                        </span>
                      ) : (
                        "–"
                      )}
                    </Table.Cell>
                    <Table.Cell>{t("traineeRecruitment.shortlist.submissions", { count: entry.scoring.submissions })}</Table.Cell>
                    <Table.Cell>
                      <div className="shortlist-actions">
                        {manage && !decided && (
                          <Button data-size="sm" variant="secondary" onClick={() => setAction({ entry, action: "interview" })} aria-label={`${t("traineeRecruitment.interview.open")} – ${entry.candidate.name}`}>
                            {t("traineeRecruitment.interview.open")}
                          </Button>
                        )}
                        {entry.interview && (
                          <Button data-size="sm" variant="secondary" onClick={() => setAction({ entry, action: "scores" })} aria-label={`${entry.scoring.onPanel && !entry.scoring.mineSubmitted && !decided ? t("traineeRecruitment.scores.give") : t("traineeRecruitment.scores.show")} – ${entry.candidate.name}`}>
                            {entry.scoring.onPanel && !entry.scoring.mineSubmitted && !decided ? t("traineeRecruitment.scores.give") : t("traineeRecruitment.scores.show")}
                          </Button>
                        )}
                        {manage && !decided && (
                          <Button data-size="sm" variant="secondary" onClick={() => setAction({ entry, action: "decision" })} aria-label={`${t("traineeRecruitment.decision.open")} – ${entry.candidate.name}`}>
                            {t("traineeRecruitment.decision.open")}
                          </Button>
                        )}
                        {manage && decided && (
                          <Button data-size="sm" variant="tertiary" onClick={() => setAction({ entry, action: "reopen" })} aria-label={`${t("traineeRecruitment.shortlist.reopen")} – ${entry.candidate.name}`}>
                            {t("traineeRecruitment.shortlist.reopen")}
                          </Button>
                        )}
                        {manage && !decided && entry.scoring.submissions === 0 && (
                          <Button data-size="sm" variant="tertiary" data-color="danger" onClick={() => setAction({ entry, action: "remove" })} aria-label={`${t("traineeRecruitment.shortlist.remove")} – ${entry.candidate.name}`}>
                            {t("traineeRecruitment.shortlist.remove")}
                          </Button>
                        )}
                      </div>
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
      {action?.action === "interview" && <InterviewDialog need={need} entry={action.entry} onClose={close} onDone={done} />}
      {action?.action === "scores" && <ScoresDialog need={need} entry={action.entry} onClose={close} onDone={done} />}
      {action?.action === "decision" && <DecisionDialog need={need} entry={action.entry} onClose={close} onDone={done} />}
      <ConfirmDialog
        open={action?.action === "remove"}
        title={t("traineeRecruitment.shortlist.removeTitle")}
        body={t("traineeRecruitment.shortlist.removeBody", { name: action?.entry.candidate.name ?? "" })}
        confirmLabel={t("traineeRecruitment.shortlist.remove")}
        danger
        busy={busy}
        onConfirm={() => action && void remove(action.entry)}
        onCancel={close}
      />
      <ConfirmDialog
        open={action?.action === "reopen"}
        title={t("traineeRecruitment.shortlist.reopenTitle")}
        body={t("traineeRecruitment.shortlist.reopenBody", { name: action?.entry.candidate.name ?? "" })}
        confirmLabel={t("traineeRecruitment.shortlist.reopen")}
        busy={busy}
        onConfirm={() => action && void reopen(action.entry)}
        onCancel={close}
      />
    </section>
  );
}

type DialogProps = { need: Need; entry: ShortlistEntry; onClose: () => void; onDone: (text: string) => Promise<void> };

/** Date and time, place or video link, and the panel (the network's hr, admin and advisor users); optionally e-mailed. */
function InterviewDialog({ need, entry, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const me = useMe();
  const interviewers = useQuery(interviewersQuery());
  const current = entry.interview;
  const [when, setWhen] = useState(current ? toLocalInput(current.startsAt) : "");
  const [duration, setDuration] = useState(String(current?.durationMinutes ?? 60));
  const [place, setPlace] = useState(current?.place ?? "");
  const [videoLink, setVideoLink] = useState(current?.videoLink ?? "");
  const [panel, setPanel] = useState<string[]>(current ? current.interviewers.map((i) => i.userId) : [me.user.id]);
  const [notify, setNotify] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (busy) return;
    const startsAt = localToIso(when);
    const minutes = Number(duration);
    if (!startsAt) return setError(t("traineeRecruitment.interview.errors.when"));
    if (!place.trim() && !videoLink.trim()) return setError(t("traineeRecruitment.interview.errors.place"));
    if (panel.length === 0) return setError(t("traineeRecruitment.interview.errors.panel"));
    if (!Number.isInteger(minutes) || minutes < 10 || minutes > 480) return setError(t("traineeRecruitment.interview.errors.duration"));
    setBusy(true);
    setError(null);
    try {
      await scheduleInterview(need.id, entry.id, { startsAt, durationMinutes: minutes, place: place.trim(), videoLink: videoLink.trim() || null, interviewerUserIds: panel, notify });
      await onDone(t(notify ? "traineeRecruitment.interview.scheduledNotified" : "traineeRecruitment.interview.scheduled", { name: entry.candidate.name }));
    } catch (e) {
      setError(errorMessage(t, e));
      setBusy(false);
    }
  }

  return (
    <RecruitmentDialog title={t("traineeRecruitment.interview.title", { name: entry.candidate.name })} onClose={onClose}>
      <div className="grid2">
        <Textfield id="interview-when" type="datetime-local" label={t("traineeRecruitment.interview.when")} value={when} onChange={(e) => setWhen(e.target.value)} required />
        <Textfield id="interview-duration" label={t("traineeRecruitment.interview.duration")} inputMode="numeric" value={duration} onChange={(e) => setDuration(e.target.value)} maxLength={3} />
      </div>
      <Textfield id="interview-place" label={t("traineeRecruitment.interview.place")} description={t("traineeRecruitment.interview.placeHint")} value={place} onChange={(e) => setPlace(e.target.value)} maxLength={200} />
      <Textfield id="interview-video" type="url" label={t("traineeRecruitment.interview.videoLink")} value={videoLink} onChange={(e) => setVideoLink(e.target.value)} maxLength={500} />
      <Fieldset>
        <Fieldset.Legend>{t("traineeRecruitment.interview.panel")}</Fieldset.Legend>
        <Fieldset.Description>{t("traineeRecruitment.interview.panelHint")}</Fieldset.Description>
        {interviewers.isPending && <Spinner aria-label={t("common.loading")} data-size="sm" />}
        {(interviewers.data?.items ?? []).map((u) => (
          <Checkbox
            key={u.userId}
            id={`interviewer-${u.userId}`}
            label={`${u.name} (${t(`roles.${u.role}`, { defaultValue: u.role })})`}
            checked={panel.includes(u.userId)}
            onChange={(e) => setPanel((p) => (e.target.checked ? [...p, u.userId] : p.filter((id) => id !== u.userId)))}
          />
        ))}
      </Fieldset>
      <Checkbox id="interview-notify" label={t("traineeRecruitment.interview.notify")} description={t("traineeRecruitment.interview.notifyHint")} checked={notify} onChange={(e) => setNotify(e.target.checked)} />
      <ErrorAlert error={error} />
      <div className="form-actions">
        <Button onClick={() => void submit()} loading={busy}>
          {t("traineeRecruitment.interview.save")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </div>
    </RecruitmentDialog>
  );
}

/** "2026-12-01T09:00:00.000Z" → the datetime-local value in the browser's zone. */
function toLocalInput(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The scoring form for a panel member who has not scored yet; after that (or for HR outside the panel) the scores. */
function ScoresDialog({ need, entry, onClose, onDone }: DialogProps) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const scores = useQuery(scoresQuery(need.id, entry.id, lang));
  return (
    <RecruitmentDialog title={t("traineeRecruitment.scores.title", { name: entry.candidate.name })} onClose={onClose}>
      {scores.isPending && <Spinner aria-label={t("common.loading")} />}
      {scores.isError && <ErrorAlert error={errorMessage(t, scores.error)} />}
      {scores.data && (scores.data.onPanel && !scores.data.mineSubmitted && entry.decision === null ? <ScoreForm need={need} entry={entry} scores={scores.data} onDone={onDone} onClose={onClose} /> : <ScoreSummary scores={scores.data} />)}
    </RecruitmentDialog>
  );
}

function ScoreForm({ need, entry, scores, onDone, onClose }: { need: Need; entry: ShortlistEntry; scores: Scores; onDone: (text: string) => Promise<void>; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const [values, setValues] = useState<Record<string, { score: number | null; comment: string }>>(() => Object.fromEntries(scores.criteria.map((c) => [c.key, { score: null, comment: "" }])));
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const range = Array.from({ length: scoreMax - scoreMin + 1 }, (_, i) => scoreMin + i);

  async function submit() {
    if (busy) return;
    const missing = scores.criteria.filter((c) => values[c.key]?.score === null);
    if (missing.length > 0) {
      setError(t("traineeRecruitment.scores.missing", { criteria: missing.map((c) => c.label).join(", ") }));
      document.getElementById(`score-${missing[0]!.key}-${scoreMin}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await submitScores(need.id, entry.id, { scores: scores.criteria.map((c) => ({ criterion: c.key, score: values[c.key]!.score!, comment: values[c.key]!.comment.trim() })), comment: comment.trim() }, lang);
      await onDone(t("traineeRecruitment.scores.submitted", { name: entry.candidate.name }));
    } catch (e) {
      setError(errorMessage(t, e));
      setBusy(false);
    }
  }

  return (
    <>
      <Paragraph data-size="sm">{t("traineeRecruitment.scores.lead", { count: scores.submissions })}</Paragraph>
      <div className="score-grid">
        {scores.criteria.map((c) => (
          <Fieldset key={c.key}>
            <Fieldset.Legend>{c.label}</Fieldset.Legend>
            <Fieldset.Description>{t("traineeRecruitment.scores.scale")}</Fieldset.Description>
            <div className="row">
              {range.map((n) => (
                <Radio key={n} id={`score-${c.key}-${n}`} name={`score-${c.key}`} label={String(n)} value={String(n)} checked={values[c.key]?.score === n} onChange={() => setValues((v) => ({ ...v, [c.key]: { ...v[c.key]!, score: n } }))} />
              ))}
            </div>
            <Field>
              <Label htmlFor={`score-${c.key}-comment`}>{t("traineeRecruitment.scores.commentOn", { criterion: c.label })}</Label>
              <Textarea id={`score-${c.key}-comment`} rows={2} maxLength={2000} value={values[c.key]?.comment ?? ""} onChange={(e) => setValues((v) => ({ ...v, [c.key]: { ...v[c.key]!, comment: e.target.value } }))} />
            </Field>
          </Fieldset>
        ))}
        <Field>
          <Label htmlFor="score-comment">{t("traineeRecruitment.scores.comment")}</Label>
          <Textarea id="score-comment" rows={3} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
      </div>
      <ErrorAlert error={error} />
      <div className="form-actions">
        <Button onClick={() => void submit()} loading={busy}>
          {t("traineeRecruitment.scores.submit")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </div>
    </>
  );
}

function ScoreSummary({ scores }: { scores: Scores }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  if (!scores.visible) {
    return <Paragraph>{scores.onPanel ? t("traineeRecruitment.scores.hiddenPanel", { count: scores.submissions }) : t("traineeRecruitment.scores.hidden", { count: scores.submissions })}</Paragraph>;
  }
  const labelOf = new Map(scores.criteria.map((c) => [c.key, c.label]));
  return (
    <>
      <Paragraph data-size="sm">{t("traineeRecruitment.scores.count", { count: scores.submissions })}</Paragraph>
      <Table>
        <caption>{t("traineeRecruitment.scores.summary")}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t("traineeRecruitment.scores.criterion")}</Table.HeaderCell>
            <Table.HeaderCell>{t("traineeRecruitment.scores.average")}</Table.HeaderCell>
            <Table.HeaderCell>{t("traineeRecruitment.scores.number")}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {scores.summary.map((s) => (
            <Table.Row key={s.criterion}>
              <Table.Cell>{s.label}</Table.Cell>
              <Table.Cell>{formatAverage(s.average, lang)}</Table.Cell>
              <Table.Cell>{s.count}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {scores.sheets.map((sheet) => (
        <section key={sheet.interviewer.userId} aria-label={t("traineeRecruitment.scores.sheetOf", { name: sheet.interviewer.name })}>
          <Heading level={3} data-size="2xs">
            {t("traineeRecruitment.scores.sheetOf", { name: sheet.interviewer.name })}
          </Heading>
          <ul>
            {sheet.scores.map((line) => (
              <li key={line.criterion}>
                {labelOf.get(line.criterion) ?? line.criterion}: <strong>{line.score}</strong>
                {line.comment && ` – ${line.comment}`}
              </li>
            ))}
          </ul>
          {sheet.comment && <Paragraph data-size="sm">{sheet.comment}</Paragraph>}
        </section>
      ))}
    </>
  );
}

/** Accepted or rejected, with the reason (required; kept in the audit trail). */
function DecisionDialog({ need, entry, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<"accepted" | "rejected" | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    if (busy) return;
    if (!decision) return setError(t("traineeRecruitment.decision.errors.choose"));
    if (!reason.trim()) {
      setError(t("traineeRecruitment.decision.errors.reason"));
      document.getElementById("decision-reason")?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await recordDecision(need.id, entry.id, { decision, reason: reason.trim() });
      await onDone(t(`traineeRecruitment.decision.done.${decision}`, { name: entry.candidate.name }));
    } catch (e) {
      setError(errorMessage(t, e));
      setBusy(false);
    }
  }
  return (
    <RecruitmentDialog title={t("traineeRecruitment.decision.title", { name: entry.candidate.name })} onClose={onClose}>
      <Paragraph data-size="sm">{t("traineeRecruitment.decision.lead", { count: entry.scoring.submissions })}</Paragraph>
      <Fieldset>
        <Fieldset.Legend>{t("traineeRecruitment.decision.choice")}</Fieldset.Legend>
        <Radio id="decision-accepted" name="decision" value="accepted" label={t("traineeRecruitment.entryStatuses.accepted")} checked={decision === "accepted"} onChange={() => setDecision("accepted")} />
        <Radio id="decision-rejected" name="decision" value="rejected" label={t("traineeRecruitment.entryStatuses.rejected")} checked={decision === "rejected"} onChange={() => setDecision("rejected")} />
      </Fieldset>
      <Field>
        <Label htmlFor="decision-reason">{t("traineeRecruitment.decision.reason")}</Label>
        <Field.Description>{t("traineeRecruitment.decision.reasonHint")}</Field.Description>
        <Textarea id="decision-reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      <ErrorAlert error={error} />
      <div className="form-actions">
        <Button onClick={() => void submit()} loading={busy}>
          {t("traineeRecruitment.decision.save")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t("common.cancel")}
        </Button>
      </div>
    </RecruitmentDialog>
  );
}
