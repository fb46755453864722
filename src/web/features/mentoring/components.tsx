import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, Fieldset, Heading, Link, Paragraph, Radio, Tag, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { FormErrors } from "../../components/FormErrors.tsx";
import { useForm } from "../../components/useForm.ts";
import { StatusMessage, type StatusMessageValue } from "../../components/QueryState.tsx";
import { errorMessage } from "../../errors.ts";
import { formatDate } from "../../format.ts";
import { languageName, uiLang } from "../candidates/pickers.tsx";
import {
  acceptAsMentor,
  declineMentorship,
  endMentorship,
  giveFeedback,
  logMeeting,
  menteeFields,
  proposeMentorship,
  recordMenteeAcceptance,
  todayIso,
  type MenteeField,
  type Mentorship,
  type MentorshipStatus,
  type PairSuggestion,
} from "./api.ts";
import "./mentoring.css";

/*
 * What the mentoring pages share: the status tag, the mentee's agreed fields, the suggestions with their reasons
 * and the proposal form, and the relationship with its actions (for the coordinator and for the mentor; the
 * server decides what each may do and see).
 */

const STATUS_COLOURS: Record<MentorshipStatus, "info" | "success" | "neutral" | "warning"> = { proposed: "info", active: "success", ended: "neutral", declined: "warning" };

export function MentorshipStatusTag({ status }: { status: MentorshipStatus }) {
  const { t } = useTranslation();
  return <Tag data-color={STATUS_COLOURS[status]}>{t(`mentoring.statuses.${status}`)}</Tag>;
}

/** Checkboxes for the mentee fields the mentor may see. */
export function SharedFieldsPicker({ id, value, onChange, legend, description }: { id: string; value: MenteeField[]; onChange: (v: MenteeField[]) => void; legend: string; description?: string }) {
  const { t } = useTranslation();
  return (
    <Fieldset id={id}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {description && <Fieldset.Description>{description}</Fieldset.Description>}
      <div className="mentoring-fields">
        {menteeFields.map((field) => (
          <Checkbox
            key={field}
            id={`${id}-${field}`}
            label={t(`mentoring.fields.${field}`)}
            checked={value.includes(field)}
            onChange={(e) => onChange(e.target.checked ? [...value, field] : value.filter((f) => f !== field))}
          />
        ))}
      </div>
    </Fieldset>
  );
}

/** The mentee as the viewer may see them: only the fields present in the response. */
export function MenteeDetails({ mentee }: { mentee: Mentorship["mentee"] }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const rows: [string, string][] = [];
  if (mentee.firstName !== undefined || mentee.lastName !== undefined) rows.push([t("mentoring.mentee.name"), [mentee.firstName, mentee.lastName].filter(Boolean).join(" ")]);
  if (mentee.municipality !== undefined) rows.push([t("mentoring.fields.municipality"), mentee.municipality || "–"]);
  if (mentee.email !== undefined) rows.push([t("mentoring.mentee.email"), mentee.email ?? "–"]);
  if (mentee.phone !== undefined) rows.push([t("mentoring.mentee.phone"), mentee.phone ?? "–"]);
  if (mentee.languages) rows.push([t("mentoring.fields.languages"), mentee.languages.map((l) => `${languageName(l.code, lang)}${l.native ? ` (${t("mentoring.mentee.native")})` : l.speaking ? ` (${l.speaking})` : ""}`).join(", ") || "–"]);
  if (mentee.jobWishes) rows.push([t("mentoring.fields.jobWishes"), [...mentee.jobWishes.occupations.map((o) => o.label), ...mentee.jobWishes.municipalities].join(", ") || "–"]);
  if (mentee.education) rows.push([t("mentoring.fields.education"), mentee.education.map((e) => [t(`candidates.educationLevels.${e.level}`, { defaultValue: e.level }), e.field].filter(Boolean).join(", ")).join("; ") || "–"]);
  if (mentee.experience) rows.push([t("mentoring.fields.experience"), mentee.experience.map((e) => t("mentoring.mentee.years", { occupation: e.occupation, count: e.years })).join("; ") || "–"]);
  if (rows.length === 0) return <Paragraph>{t("mentoring.mentee.nothingShared")}</Paragraph>;
  return (
    <dl className="mentoring-dl">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Ranked suggestions with their reasons; each can be proposed with goals and the fields to share. */
export function SuggestionList({ items, show, onProposed }: { items: PairSuggestion[]; show: "mentor" | "candidate"; onProposed: (m: Mentorship) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  if (items.length === 0) return <Paragraph>{t("mentoring.suggestions.none")}</Paragraph>;
  return (
    <ol className="mentoring-cards">
      {items.map((s) => {
        const key = `${s.mentor.id}-${s.candidate.id}`;
        const name = show === "mentor" ? s.mentor.name : s.candidate.name;
        return (
          <li key={key} className="mentoring-card" aria-labelledby={`suggestion-${key}`}>
            <div className="mentoring-card__head">
              <Heading level={3} data-size="2xs" id={`suggestion-${key}`}>
                {name}
                {show === "mentor" && s.mentor.organisation && <span className="muted"> · {s.mentor.organisation}</span>}
              </Heading>
              <Tag data-color="info">{t("mentoring.suggestions.score", { score: Math.round(s.score * 100) })}</Tag>
            </div>
            {show === "mentor" && <Paragraph data-size="sm">{t("mentoring.suggestions.load", { load: s.mentor.load, capacity: s.mentor.capacity })}</Paragraph>}
            <ul className="mentoring-reasons" aria-label={t("mentoring.suggestions.reasons", { name })}>
              {s.reasons.map((r) => (
                <li key={r.criterion}>{r.detail}</li>
              ))}
            </ul>
            {open === key ? (
              <ProposeForm suggestion={s} onCancel={() => setOpen(null)} onDone={(m) => (setOpen(null), onProposed(m))} />
            ) : (
              <div>
                <Button data-size="sm" onClick={() => setOpen(key)} aria-label={t("mentoring.suggestions.proposeNamed", { mentor: s.mentor.name, candidate: s.candidate.name })}>
                  {t("mentoring.suggestions.propose")}
                </Button>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function ProposeForm({ suggestion, onCancel, onDone }: { suggestion: PairSuggestion; onCancel: () => void; onDone: (m: Mentorship) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const base = `propose-${suggestion.mentor.id}-${suggestion.candidate.id}`;
  const ids = { goals: `${base}-goals`, sharedFields: `${base}-fields` };
  const form = useForm(ids);
  const [goals, setGoals] = useState("");
  const [fields, setFields] = useState<MenteeField[]>(["firstName", "languages", "jobWishes"]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      const created = await proposeMentorship({ mentorId: suggestion.mentor.id, candidateId: suggestion.candidate.id, goals: goals.trim(), sharedFields: fields });
      await queryClient.invalidateQueries({ queryKey: ["mentoring"] });
      onDone(created);
    });
  };
  return (
    <form onSubmit={submit} className="mentoring-form" noValidate>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <Textfield id={ids.goals} multiline rows={3} label={t("mentoring.propose.goals")} description={t("mentoring.propose.goalsHint")} value={goals} onChange={(e) => setGoals(e.target.value)} error={form.errors.goals} maxLength={2000} />
      <SharedFieldsPicker id={ids.sharedFields} legend={t("mentoring.propose.fields")} description={t("mentoring.propose.fieldsHint")} value={fields} onChange={setFields} />
      <div className="row row--tight">
        <Button type="submit" data-size="sm" loading={form.busy}>
          {t("mentoring.propose.submit")}
        </Button>
        <Button type="button" variant="tertiary" data-size="sm" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * One relationship: its state, the mentee's agreed fields, the meetings, and what the viewer may do now.
 * `as`: the coordinator records the mentee's yes and the mentee's feedback; the mentor accepts and gives their own.
 */
export function RelationshipView({ m, as }: { m: Mentorship; as: "coordinator" | "mentor" }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const queryClient = useQueryClient();
  const done = async (text: string) => {
    setMessage({ kind: "success", text });
    await queryClient.invalidateQueries({ queryKey: ["mentoring"] });
  };
  const fail = (e: unknown) => setMessage({ kind: "danger", text: errorMessage(t, e) });
  const accept = useMutation({ mutationFn: () => acceptAsMentor(m.id), onSuccess: () => done(t("mentoring.relationship.accepted")), onError: fail });
  const decline = useMutation({ mutationFn: () => declineMentorship(m.id), onSuccess: () => done(t(as === "mentor" ? "mentoring.relationship.declined" : "mentoring.relationship.withdrawn")), onError: fail });

  return (
    <div className="mentoring-relationship">
      <StatusMessage message={message} />
      <div className="row row--tight">
        <MentorshipStatusTag status={m.status} />
        {m.status === "proposed" && <Tag data-color={m.mentorAcceptedAt ? "success" : "neutral"}>{m.mentorAcceptedAt ? t("mentoring.relationship.mentorYes") : t("mentoring.relationship.mentorWaiting")}</Tag>}
        {m.status === "proposed" && <Tag data-color={m.menteeAcceptedAt ? "success" : "neutral"}>{m.menteeAcceptedAt ? t("mentoring.relationship.menteeYes") : t("mentoring.relationship.menteeWaiting")}</Tag>}
      </div>
      <dl className="mentoring-dl">
        <div>
          <dt>{t("mentoring.relationship.mentor")}</dt>
          <dd>{m.mentor.organisation ? `${m.mentor.name} (${m.mentor.organisation})` : m.mentor.name}</dd>
        </div>
        <div>
          <dt>{t("mentoring.relationship.goals")}</dt>
          <dd>{m.goals || "–"}</dd>
        </div>
        <div>
          <dt>{t("mentoring.relationship.period")}</dt>
          <dd>{m.startDate ? t("mentoring.relationship.periodText", { start: formatDate(m.startDate), end: formatDate(m.endedOn ?? m.plannedEndDate) }) : t("mentoring.relationship.notStarted")}</dd>
        </div>
        {m.accessUntil && as === "mentor" && (
          <div>
            <dt>{t("mentoring.relationship.accessUntil")}</dt>
            <dd>{formatDate(m.accessUntil)}</dd>
          </div>
        )}
      </dl>

      <section className="section" aria-labelledby={`mentee-${m.id}`}>
        <Heading level={2} data-size="xs" id={`mentee-${m.id}`}>
          {t("mentoring.relationship.mentee")}
        </Heading>
        <MenteeDetails mentee={m.mentee} />
        {as === "coordinator" && m.menteeAcceptedAt && <Paragraph data-size="sm">{t("mentoring.relationship.sharedFields", { fields: m.sharedFields.map((f) => t(`mentoring.fields.${f}`)).join(", ") || "–" })}</Paragraph>}
      </section>

      {m.status === "proposed" && as === "coordinator" && !m.menteeAcceptedAt && <MenteeAcceptanceForm m={m} onDone={done} />}
      {m.status === "proposed" && as === "mentor" && !m.mentorAcceptedAt && (
        <section className="section" aria-labelledby={`answer-${m.id}`}>
          <Heading level={2} data-size="xs" id={`answer-${m.id}`}>
            {t("mentoring.relationship.answer")}
          </Heading>
          <Paragraph>{t("mentoring.relationship.answerLead")}</Paragraph>
          <div className="row row--tight">
            <Button onClick={() => accept.mutate()} loading={accept.isPending}>
              {t("mentoring.relationship.accept")}
            </Button>
            <Button variant="secondary" onClick={() => decline.mutate()} loading={decline.isPending}>
              {t("mentoring.relationship.decline")}
            </Button>
          </div>
        </section>
      )}
      {m.status === "proposed" && as === "coordinator" && (
        <div>
          <Button variant="tertiary" data-size="sm" onClick={() => decline.mutate()} loading={decline.isPending}>
            {t("mentoring.relationship.withdraw")}
          </Button>
        </div>
      )}

      {m.status === "active" && <MeetingForm id={m.id} onDone={done} />}
      {(m.status === "active" || m.status === "ended") && <MeetingList m={m} />}
      {m.status === "active" && <EndForm id={m.id} onDone={done} />}
      {m.status === "ended" && <FeedbackSection m={m} as={as} onDone={done} />}
    </div>
  );
}

function MenteeAcceptanceForm({ m, onDone }: { m: Mentorship; onDone: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const ids = { sharedFields: `consent-fields-${m.id}`, method: `consent-method-${m.id}` };
  const form = useForm(ids);
  const [fields, setFields] = useState<MenteeField[]>(m.sharedFields);
  const [method, setMethod] = useState<"in_person" | "by_link">("in_person");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      await recordMenteeAcceptance(m.id, { sharedFields: fields, method });
      await onDone(t("mentoring.consent.saved"));
    });
  };
  return (
    <section className="section" aria-labelledby={`consent-${m.id}`}>
      <Heading level={2} data-size="xs" id={`consent-${m.id}`}>
        {t("mentoring.consent.title")}
      </Heading>
      <Paragraph>{t("mentoring.consent.lead")}</Paragraph>
      <form onSubmit={submit} className="mentoring-form" noValidate>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <SharedFieldsPicker id={ids.sharedFields} legend={t("mentoring.consent.fields")} value={fields} onChange={setFields} />
        <Fieldset id={ids.method}>
          <Fieldset.Legend>{t("mentoring.consent.method")}</Fieldset.Legend>
          <Radio id={`${ids.method}-in_person`} name={ids.method} value="in_person" label={t("mentoring.consent.inPerson")} checked={method === "in_person"} onChange={() => setMethod("in_person")} />
          <Radio id={`${ids.method}-by_link`} name={ids.method} value="by_link" label={t("mentoring.consent.byLink")} checked={method === "by_link"} onChange={() => setMethod("by_link")} />
        </Fieldset>
        <div>
          <Button type="submit" loading={form.busy}>
            {t("mentoring.consent.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}

function MeetingForm({ id, onDone }: { id: string; onDone: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const ids = { metOn: `meeting-date-${id}`, topics: `meeting-topics-${id}`, nextStep: `meeting-next-${id}` };
  const form = useForm(ids);
  const [metOn, setMetOn] = useState(todayIso());
  const [topics, setTopics] = useState("");
  const [nextStep, setNextStep] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!topics.trim()) return form.fail({ topics: t("mentoring.meeting.topicsRequired") });
    void form.run(async () => {
      await logMeeting(id, { metOn, topics: topics.trim(), nextStep: nextStep.trim() });
      setTopics("");
      setNextStep("");
      await onDone(t("mentoring.meeting.saved"));
    });
  };
  return (
    <section className="section" aria-labelledby={`meeting-${id}`}>
      <Heading level={2} data-size="xs" id={`meeting-${id}`}>
        {t("mentoring.meeting.title")}
      </Heading>
      <form onSubmit={submit} className="mentoring-form" noValidate>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <Textfield id={ids.metOn} type="date" label={t("mentoring.meeting.date")} value={metOn} max={todayIso()} onChange={(e) => setMetOn(e.target.value)} error={form.errors.metOn} />
        <Textfield id={ids.topics} multiline rows={3} label={t("mentoring.meeting.topics")} value={topics} onChange={(e) => setTopics(e.target.value)} error={form.errors.topics} maxLength={2000} />
        <Textfield id={ids.nextStep} label={t("mentoring.meeting.nextStep")} value={nextStep} onChange={(e) => setNextStep(e.target.value)} error={form.errors.nextStep} maxLength={1000} />
        <div>
          <Button type="submit" loading={form.busy}>
            {t("mentoring.meeting.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}

function MeetingList({ m }: { m: Mentorship }) {
  const { t } = useTranslation();
  const meetings = m.meetings ?? [];
  return (
    <section className="section" aria-labelledby={`meetings-${m.id}`}>
      <Heading level={2} data-size="xs" id={`meetings-${m.id}`}>
        {t("mentoring.meeting.list", { count: meetings.length })}
      </Heading>
      {meetings.length === 0 ? (
        <Paragraph>{t("mentoring.meeting.none")}</Paragraph>
      ) : (
        <ul className="mentoring-cards">
          {meetings.map((meeting) => (
            <li key={meeting.id} className="mentoring-card">
              <strong>{formatDate(meeting.metOn)}</strong>
              <span>{meeting.topics}</span>
              {meeting.nextStep && <span>{t("mentoring.meeting.nextStepShown", { step: meeting.nextStep })}</span>}
              {meeting.loggedBy && <span className="muted small">{t("mentoring.meeting.loggedBy", { name: meeting.loggedBy.name })}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EndForm({ id, onDone }: { id: string; onDone: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const ids = { endedOn: `end-date-${id}`, reason: `end-reason-${id}` };
  const form = useForm(ids);
  const [open, setOpen] = useState(false);
  const [endedOn, setEndedOn] = useState(todayIso());
  const [reason, setReason] = useState<"completed" | "early">("completed");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.run(async () => {
      await endMentorship(id, { endedOn, reason });
      await onDone(t("mentoring.end.saved"));
    });
  };
  return (
    <section className="section" aria-labelledby={`end-${id}`}>
      <Heading level={2} data-size="xs" id={`end-${id}`}>
        {t("mentoring.end.title")}
      </Heading>
      <Paragraph>{t("mentoring.end.lead")}</Paragraph>
      {open ? (
        <form onSubmit={submit} className="mentoring-form" noValidate>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <Textfield id={ids.endedOn} type="date" label={t("mentoring.end.date")} value={endedOn} max={todayIso()} onChange={(e) => setEndedOn(e.target.value)} error={form.errors.endedOn} />
          <Fieldset id={ids.reason}>
            <Fieldset.Legend>{t("mentoring.end.reason")}</Fieldset.Legend>
            <Radio id={`${ids.reason}-completed`} name={ids.reason} value="completed" label={t("mentoring.end.completed")} checked={reason === "completed"} onChange={() => setReason("completed")} />
            <Radio id={`${ids.reason}-early`} name={ids.reason} value="early" label={t("mentoring.end.early")} checked={reason === "early"} onChange={() => setReason("early")} />
          </Fieldset>
          <div className="row row--tight">
            <Button type="submit" loading={form.busy}>
              {t("mentoring.end.submit")}
            </Button>
            <Button type="button" variant="tertiary" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <div>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t("mentoring.end.open")}
          </Button>
        </div>
      )}
    </section>
  );
}

function FeedbackSection({ m, as, onDone }: { m: Mentorship; as: "coordinator" | "mentor"; onDone: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const own = as === "mentor" ? m.mentorFeedback : m.menteeFeedback;
  const ids = { rating: `feedback-rating-${m.id}`, text: `feedback-text-${m.id}` };
  const form = useForm(ids);
  const [rating, setRating] = useState<number>(own?.rating ?? 0);
  const [text, setText] = useState(own?.text ?? "");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating < 1) return form.fail({ rating: t("mentoring.feedback.ratingRequired") });
    void form.run(async () => {
      await giveFeedback(m.id, { rating, text: text.trim() });
      await onDone(t("mentoring.feedback.saved"));
    });
  };
  return (
    <section className="section" aria-labelledby={`feedback-${m.id}`}>
      <Heading level={2} data-size="xs" id={`feedback-${m.id}`}>
        {t("mentoring.feedback.title")}
      </Heading>
      <dl className="mentoring-dl">
        <div>
          <dt>{t("mentoring.feedback.mentor")}</dt>
          <dd>{m.mentorFeedback ? t("mentoring.feedback.shown", { rating: m.mentorFeedback.rating, text: m.mentorFeedback.text || "–" }) : t("mentoring.feedback.missing")}</dd>
        </div>
        {as === "coordinator" && (
          <div>
            <dt>{t("mentoring.feedback.mentee")}</dt>
            <dd>{m.menteeFeedback ? t("mentoring.feedback.shown", { rating: m.menteeFeedback.rating, text: m.menteeFeedback.text || "–" }) : t("mentoring.feedback.missing")}</dd>
          </div>
        )}
      </dl>
      <form onSubmit={submit} className="mentoring-form" noValidate>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <Fieldset id={ids.rating}>
          <Fieldset.Legend>{t(as === "mentor" ? "mentoring.feedback.ratingMentor" : "mentoring.feedback.ratingMentee")}</Fieldset.Legend>
          <div className="row row--tight">
            {[1, 2, 3, 4, 5].map((n) => (
              <Radio key={n} id={`${ids.rating}-${n}`} name={ids.rating} value={String(n)} label={t(`mentoring.feedback.ratings.${n}`)} checked={rating === n} onChange={() => setRating(n)} />
            ))}
          </div>
          {form.errors.rating && <ValidationMessage>{form.errors.rating}</ValidationMessage>}
        </Fieldset>
        <Textfield id={ids.text} multiline rows={3} label={t("mentoring.feedback.text")} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
        <div>
          <Button type="submit" loading={form.busy}>
            {t("mentoring.feedback.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** A list of relationships as cards linking to each one (coordinator: /mentoring/relationships/…, mentor: /mentor/mentees/…). */
export function RelationshipCards({ items, as }: { items: Mentorship[]; as: "coordinator" | "mentor" }) {
  const { t } = useTranslation();
  return (
    <ul className="mentoring-cards">
      {items.map((m) => (
        <li key={m.id} className="mentoring-card">
          <div className="mentoring-card__head">
            <Heading level={3} data-size="2xs">
              <Link asChild>
                {as === "mentor" ? (
                  <RouterLink to="/mentor/mentees/$id" params={{ id: m.id }}>
                    {m.mentee.displayName}
                  </RouterLink>
                ) : (
                  <RouterLink to="/mentoring/relationships/$id" params={{ id: m.id }}>
                    {t("mentoring.list.pair", { mentee: m.mentee.displayName, mentor: m.mentor.name })}
                  </RouterLink>
                )}
              </Link>
            </Heading>
            <MentorshipStatusTag status={m.status} />
          </div>
          <span className="small">
            {m.startDate ? t("mentoring.relationship.periodText", { start: formatDate(m.startDate), end: formatDate(m.endedOn ?? m.plannedEndDate) }) : t("mentoring.list.proposedOn", { date: formatDate(m.proposedAt) })}
            {" · "}
            {m.lastMeetingOn ? t("mentoring.list.lastMeeting", { date: formatDate(m.lastMeetingOn) }) : t("mentoring.list.noMeetings")}
          </span>
          {as === "mentor" && m.status === "proposed" && !m.mentorAcceptedAt && <Tag data-color="warning">{t("mentoring.list.awaitsYou")}</Tag>}
        </li>
      ))}
    </ul>
  );
}
