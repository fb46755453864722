import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, Field, Heading, Label, Link, Paragraph, Select, Table, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState, StatusMessage, type StatusMessageValue } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { formatDateTime } from "../format.ts";
import { EntityCombobox, searchCandidates, searchEmployers } from "../features/placements/components.tsx";
import type { PersonRef } from "../features/placements/api.ts";
import { employerQuery } from "../features/employers/api.ts";
import { eventPath, eventQuery, inviteeStatuses, type EventDetail, type Invitee, type SendResult } from "../features/events/api.ts";

/** One event: what, when, where; who is invited (candidates and employers' contacts), the e-mail invitations, registrations, attendance and the outcome. */
export function EventPage() {
  const { t } = useTranslation();
  const { eventId } = useParams({ strict: false }) as { eventId: string };
  const event = useQuery(eventQuery(eventId));
  const e = event.data;
  return (
    <Page title={e ? e.title : t("events.detail.loading")}>
      <QueryState query={event} isEmpty={false} empty="" />
      {e && <EventBody e={e} />}
    </Page>
  );
}

function EventBody({ e }: { e: EventDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="dl">
        <dt>{t("events.kind")}</dt>
        <dd>{t(`events.kinds.${e.kind}`)}</dd>
        <dt>{t("events.when")}</dt>
        <dd>
          {formatDateTime(e.startsAt)} – {formatDateTime(e.endsAt)}
        </dd>
        <dt>{t("events.place")}</dt>
        <dd>{e.place || "–"}</dd>
        <dt>{t("events.partners")}</dt>
        <dd>{e.partners.map((p) => p.name).join(", ") || "–"}</dd>
      </dl>
      {e.description && <Paragraph className="prewrap">{e.description}</Paragraph>}
      <Paragraph>
        <Link href={`${eventPath(e.id)}/calendar.ics`} download>
          {t("events.detail.calendar")}
        </Link>
      </Paragraph>
      <InviteesSection e={e} />
      <OutcomeSection e={e} />
    </>
  );
}

function InviteesSection({ e }: { e: EventDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const [candidate, setCandidate] = useState<PersonRef | null>(null);
  const [employer, setEmployer] = useState<PersonRef | null>(null);
  const [contactId, setContactId] = useState("");
  const contacts = useQuery({ ...employerQuery(employer?.id ?? ""), enabled: Boolean(employer) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["events"] });
  const fail = (err: unknown) => setMessage({ kind: "danger", text: errorMessage(t, err) });

  const invite = useMutation({
    mutationFn: (body: { candidateIds?: string[]; contactIds?: string[]; name: string }) => api(`${eventPath(e.id)}/invitees`, { method: "POST", body: { candidateIds: body.candidateIds ?? [], contactIds: body.contactIds ?? [] } }),
    onSuccess: async (_r, body) => {
      setMessage({ kind: "success", text: t("events.detail.invited", { name: body.name }) });
      setCandidate(null);
      setContactId("");
      await refresh();
    },
    onError: fail,
  });
  const change = useMutation({
    mutationFn: ({ invitee, patch }: { invitee: Invitee; patch: { status?: string; attended?: boolean | null } }) => api(`${eventPath(e.id)}/invitees/${invitee.id}`, { method: "PATCH", body: patch }),
    onSuccess: async (_r, { invitee }) => {
      setMessage({ kind: "success", text: t("events.detail.saved", { name: invitee.name }) });
      await refresh();
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (invitee: Invitee) => api(`${eventPath(e.id)}/invitees/${invitee.id}`, { method: "DELETE" }),
    onSuccess: async (_r, invitee) => {
      setMessage({ kind: "success", text: t("events.detail.removed", { name: invitee.name }) });
      await refresh();
    },
    onError: fail,
  });
  const send = useMutation({
    mutationFn: (resend: boolean) => api<SendResult>(`${eventPath(e.id)}/invitations`, { method: "POST", body: { resend } }),
    onSuccess: async (r) => {
      setMessage({ kind: r.failed > 0 ? "danger" : "success", text: t("events.detail.sendResult", { sent: r.sent + r.stored, failed: r.failed, withoutEmail: r.withoutEmail }) });
      await refresh();
    },
    onError: fail,
  });

  const notYetInvited = e.invitees.filter((i) => i.hasEmail && !i.invitedAt && i.status !== "declined").length;
  const contactOptions = contacts.data?.contacts ?? [];

  return (
    <section className="section" aria-labelledby="invitees-heading">
      <Heading level={2} data-size="sm" id="invitees-heading">
        {t("events.detail.invitees", { count: e.invitees.length })}
      </Heading>
      <Paragraph>{t("events.detail.counts", { invited: e.counts.invited, registered: e.counts.registered, attended: e.counts.attended })}</Paragraph>
      <StatusMessage message={message} />
      {e.invitees.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="invitees-caption">
          <Table zebra>
            <caption id="invitees-caption" className="visually-hidden">
              {t("events.detail.caption", { count: e.invitees.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("events.detail.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("events.detail.invitation")}</Table.HeaderCell>
                <Table.HeaderCell>{t("events.detail.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("events.detail.attended")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {e.invitees.map((i) => (
                <Table.Row key={i.id}>
                  <Table.Cell>
                    {i.name}
                    <div className="muted small">{i.employer ? i.employer.name : t("events.detail.candidate")}</div>
                  </Table.Cell>
                  <Table.Cell>{i.invitedAt ? t("events.detail.sentAt", { when: formatDateTime(i.invitedAt) }) : i.hasEmail ? t("events.detail.notSent") : t("events.detail.noEmail")}</Table.Cell>
                  <Table.Cell>
                    <Select id={`status-${i.id}`} aria-label={t("events.detail.statusFor", { name: i.name })} width="auto" value={i.status} onChange={(ev) => change.mutate({ invitee: i, patch: { status: ev.target.value } })}>
                      {inviteeStatuses.map((s) => (
                        <Select.Option key={s} value={s}>
                          {t(`events.statuses.${s}`)}
                        </Select.Option>
                      ))}
                    </Select>
                  </Table.Cell>
                  <Table.Cell>
                    <Checkbox id={`attended-${i.id}`} label={t("events.detail.attendedNamed", { name: i.name })} checked={i.attended === true} onChange={(ev) => change.mutate({ invitee: i, patch: { attended: ev.target.checked } })} />
                  </Table.Cell>
                  <Table.Cell>
                    <Button variant="tertiary" data-size="sm" onClick={() => remove.mutate(i)} aria-label={t("events.detail.removeNamed", { name: i.name })}>
                      {t("events.detail.remove")}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {e.invitees.length > 0 && (
        <>
          <div className="row">
            <Button onClick={() => send.mutate(false)} loading={send.isPending && !send.variables}>
              {t("events.detail.send", { count: notYetInvited })}
            </Button>
            <Button variant="secondary" onClick={() => send.mutate(true)} loading={send.isPending && send.variables === true}>
              {t("events.detail.resend")}
            </Button>
          </div>
          <Paragraph data-size="sm" className="muted">
            {t("events.detail.sendHint")}
          </Paragraph>
        </>
      )}

      <Heading level={3} data-size="xs">
        {t("events.detail.inviteCandidate")}
      </Heading>
      <div className="form">
        <EntityCombobox id="event-candidate" kind="event-candidate" label={t("events.detail.candidateLabel")} search={searchCandidates} value={candidate} onChange={setCandidate} />
        {candidate && (
          <div className="form-actions">
            <Button onClick={() => invite.mutate({ candidateIds: [candidate.id], name: candidate.name })} loading={invite.isPending}>
              {t("events.detail.invite")}
            </Button>
          </div>
        )}
      </div>
      <Heading level={3} data-size="xs">
        {t("events.detail.inviteContact")}
      </Heading>
      <div className="form">
        <EntityCombobox id="event-employer" kind="event-employer" label={t("events.detail.employerLabel")} search={searchEmployers} value={employer} onChange={(v) => { setEmployer(v); setContactId(""); }} />
        {employer && contacts.data && (
          contactOptions.length === 0 ? (
            <Paragraph className="muted">{t("events.detail.noContacts")}</Paragraph>
          ) : (
            <>
              <Field>
                <Label htmlFor="event-contact">{t("events.detail.contactLabel")}</Label>
                <Select id="event-contact" width="auto" value={contactId || contactOptions[0]!.id} onChange={(ev) => setContactId(ev.target.value)}>
                  {contactOptions.map((c) => (
                    <Select.Option key={c.id} value={c.id}>
                      {c.name}
                      {c.role ? ` (${c.role})` : ""}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
              <div className="form-actions">
                <Button
                  onClick={() => {
                    const id = contactId || contactOptions[0]!.id;
                    invite.mutate({ contactIds: [id], name: contactOptions.find((c) => c.id === id)?.name ?? "" });
                  }}
                  loading={invite.isPending}
                >
                  {t("events.detail.invite")}
                </Button>
              </div>
            </>
          )
        )}
      </div>
    </section>
  );
}

function OutcomeSection({ e }: { e: EventDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ interviewsAgreed: "event-interviews", outcomeNotes: "event-outcome" });
  const [interviews, setInterviews] = useState(e.interviewsAgreed === null ? "" : String(e.interviewsAgreed));
  const [notes, setNotes] = useState(e.outcomeNotes);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const n = interviews.trim() === "" ? null : Number(interviews);
    if (n !== null && (!Number.isInteger(n) || n < 0)) return form.fail({ interviewsAgreed: t("events.outcome.interviewsInvalid") });
    await form.run(async () => {
      await api(eventPath(e.id), { method: "PATCH", body: { interviewsAgreed: n, outcomeNotes: notes.trim() } });
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ["events"] });
    });
  }

  return (
    <section className="section" aria-labelledby="outcome-heading">
      <Heading level={2} data-size="sm" id="outcome-heading">
        {t("events.outcome.title")}
      </Heading>
      <div role="status" aria-live="polite">
        {saved && <Paragraph>{t("events.outcome.saved")}</Paragraph>}
      </div>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id="event-interviews" label={t("events.outcome.interviews")} description={t("events.outcome.interviewsHint")} inputMode="numeric" value={interviews} onChange={(ev) => setInterviews(ev.target.value)} error={form.errors.interviewsAgreed} />
        <Textfield id="event-outcome" multiline rows={3} label={t("events.outcome.notes")} value={notes} onChange={(ev) => setNotes(ev.target.value)} maxLength={4000} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={form.busy}>
            {t("events.outcome.save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
