import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Heading, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState, StatusMessage, type StatusMessageValue } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { formatDateTime } from "../format.ts";
import { EntityCombobox, searchCandidates } from "../features/placements/components.tsx";
import type { PersonRef } from "../features/placements/api.ts";
import { groupQuery, localDateTime, type GroupDetail } from "../features/services/api.ts";

/** One group: its participants and waiting list (in order), adding and removing people, and its sessions. */
export function GroupPage() {
  const { t } = useTranslation();
  const { groupId } = useParams({ strict: false }) as { groupId: string };
  const group = useQuery(groupQuery(groupId));
  const g = group.data;
  return (
    <Page title={g ? g.name : t("groups.detail.loading")}>
      <QueryState query={group} isEmpty={false} empty="" />
      {g && <GroupBody g={g} />}
    </Page>
  );
}

function GroupBody({ g }: { g: GroupDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const [candidate, setCandidate] = useState<PersonRef | null>(null);
  const active = g.members.filter((m) => m.status === "active");
  const waiting = g.members.filter((m) => m.status === "waiting");
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["services", "groups"] });

  const add = useMutation({
    mutationFn: (person: PersonRef) => api<{ status: "active" | "waiting"; waitingPosition: number | null }>(`/api/v1/services/groups/${g.id}/participants`, { method: "POST", body: { candidateId: person.id } }),
    onSuccess: async (result, person) => {
      setCandidate(null);
      setMessage({ kind: "success", text: result.status === "active" ? t("groups.detail.added", { name: person.name }) : t("groups.detail.addedWaiting", { name: person.name, position: result.waitingPosition }) });
      await refresh();
    },
    onError: (e) => setMessage({ kind: "danger", text: errorMessage(t, e) }),
  });
  const remove = useMutation({
    mutationFn: (member: { candidateId: string; name: string }) => api<{ movedIn: { name: string } | null }>(`/api/v1/services/groups/${g.id}/participants/${member.candidateId}`, { method: "DELETE" }),
    onSuccess: async (result, member) => {
      setMessage({ kind: "success", text: result.movedIn ? t("groups.detail.removedMovedIn", { name: member.name, movedIn: result.movedIn.name }) : t("groups.detail.removed", { name: member.name }) });
      await refresh();
    },
    onError: (e) => setMessage({ kind: "danger", text: errorMessage(t, e) }),
  });

  return (
    <>
      <dl className="dl">
        <dt>{t("groups.type")}</dt>
        <dd>{g.serviceType.name}</dd>
        <dt>{t("groups.partner")}</dt>
        <dd>{g.partner?.name ?? t("groups.form.noPartner")}</dd>
        <dt>{t("groups.place")}</dt>
        <dd>{g.place || "–"}</dd>
        <dt>{t("groups.places")}</dt>
        <dd>{t("groups.placesTaken", { taken: g.participants, capacity: g.capacity })}</dd>
      </dl>
      <StatusMessage message={message} />

      <section className="section" aria-labelledby="participants-heading">
        <Heading level={2} data-size="sm" id="participants-heading">
          {t("groups.detail.participants", { count: active.length })}
        </Heading>
        {active.length === 0 ? (
          <Paragraph className="muted">{t("groups.detail.noParticipants")}</Paragraph>
        ) : (
          <ul className="plain member-list">
            {active.map((m) => (
              <li key={m.candidateId} className="row">
                <Link asChild>
                  <RouterLink to="/candidates/$id" params={{ id: m.candidateId }}>
                    {m.name}
                  </RouterLink>
                </Link>
                <Button variant="tertiary" data-size="sm" onClick={() => remove.mutate(m)} aria-label={t("groups.detail.removeNamed", { name: m.name })}>
                  {t("groups.detail.remove")}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <Heading level={3} data-size="xs" id="waiting-heading">
          {t("groups.detail.waitingList", { count: waiting.length })}
        </Heading>
        {waiting.length === 0 ? (
          <Paragraph className="muted">{t("groups.detail.noWaiting")}</Paragraph>
        ) : (
          <ol className="member-list" aria-labelledby="waiting-heading">
            {waiting.map((m) => (
              <li key={m.candidateId}>
                <span className="row">
                  <span>{m.name}</span>
                  <Button variant="tertiary" data-size="sm" onClick={() => remove.mutate(m)} aria-label={t("groups.detail.removeWaitingNamed", { name: m.name })}>
                    {t("groups.detail.removeWaiting")}
                  </Button>
                </span>
              </li>
            ))}
          </ol>
        )}
        <div className="form">
          <EntityCombobox id="group-add-candidate" kind="group-candidate" label={t("groups.detail.addLabel")} description={t("groups.detail.addHint")} search={searchCandidates} value={candidate} onChange={setCandidate} />
          {candidate && (
            <div className="form-actions">
              <Button onClick={() => add.mutate(candidate)} loading={add.isPending}>
                {t("groups.detail.add")}
              </Button>
            </div>
          )}
        </div>
      </section>

      <CapacityForm g={g} onSaved={(text) => setMessage({ kind: "success", text })} />
      <SessionsSection g={g} />
    </>
  );
}

/** More places move the first on the waiting list in; fewer never remove anyone. */
function CapacityForm({ g, onSaved }: { g: GroupDetail; onSaved: (text: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ capacity: "group-capacity-edit" });
  const [capacity, setCapacity] = useState(String(g.capacity));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const n = Number(capacity);
    if (!Number.isInteger(n) || n < 1) return form.fail({ capacity: t("groups.form.capacityInvalid") });
    await form.run(async () => {
      const after = await api<{ participants: number; waiting: number }>(`/api/v1/services/groups/${g.id}`, { method: "PATCH", body: { capacity: n } });
      onSaved(t("groups.detail.capacitySaved", { capacity: n, participants: after.participants, waiting: after.waiting }));
      await queryClient.invalidateQueries({ queryKey: ["services", "groups"] });
    });
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="capacity-heading">
      <Heading level={2} data-size="sm" id="capacity-heading">
        {t("groups.detail.capacityTitle")}
      </Heading>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <Textfield id="group-capacity-edit" label={t("groups.capacity")} description={t("groups.detail.capacityHint")} inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.target.value)} error={form.errors.capacity} />
      <div className="form-actions">
        <Button type="submit" variant="secondary" loading={form.busy}>
          {t("groups.detail.capacitySave")}
        </Button>
      </div>
    </form>
  );
}

function SessionsSection({ g }: { g: GroupDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ date: "session-date", start: "session-start", end: "session-end", note: "session-note" });
  const [draft, setDraft] = useState({ date: "", start: "18:00", end: "19:30", note: "" });
  const [added, setAdded] = useState(false);
  const set = (key: keyof typeof draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setAdded(false);
    const errors: Record<string, string> = {};
    if (!draft.date) errors.date = t("groups.sessions.dateRequired");
    if (!draft.start) errors.start = t("groups.sessions.startRequired");
    if (draft.start && draft.end && draft.end < draft.start) errors.end = t("groups.sessions.endBeforeStart");
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      await api(`/api/v1/services/groups/${g.id}/sessions`, {
        method: "POST",
        body: { startsAt: localDateTime(draft.date, draft.start), endsAt: draft.end ? localDateTime(draft.date, draft.end) : null, note: draft.note.trim() },
      });
      setAdded(true);
      setDraft((d) => ({ ...d, date: "", note: "" }));
      await queryClient.invalidateQueries({ queryKey: ["services", "groups"] });
    });
  }

  return (
    <section className="section" aria-labelledby="sessions-heading">
      <Heading level={2} data-size="sm" id="sessions-heading">
        {t("groups.sessions.title")}
      </Heading>
      {g.sessions.length === 0 ? (
        <Paragraph className="muted">{t("groups.sessions.none")}</Paragraph>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="sessions-caption">
          <Table zebra>
            <caption id="sessions-caption" className="visually-hidden">
              {t("groups.sessions.caption", { count: g.sessions.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("groups.sessions.when")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.sessions.note")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.sessions.attendance")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {g.sessions.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>{formatDateTime(s.startsAt)}</Table.Cell>
                  <Table.Cell>{s.note}</Table.Cell>
                  <Table.Cell>{t("groups.sessions.counts", { present: s.present, absent: s.absent })}</Table.Cell>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to="/groups/$groupId/sessions/$sessionId" params={{ groupId: g.id, sessionId: s.id }} aria-label={t("groups.sessions.takeNamed", { when: formatDateTime(s.startsAt) })}>
                        {t("groups.sessions.take")}
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <div role="status" aria-live="polite">
        {added && <Paragraph>{t("groups.sessions.added")}</Paragraph>}
      </div>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="session-add-heading">
        <Heading level={3} data-size="xs" id="session-add-heading">
          {t("groups.sessions.add")}
        </Heading>
        <div className="row">
          <Textfield id="session-date" type="date" label={t("groups.sessions.date")} value={draft.date} onChange={(e) => set("date", e.target.value)} error={form.errors.date} />
          <Textfield id="session-start" type="time" label={t("groups.sessions.start")} value={draft.start} onChange={(e) => set("start", e.target.value)} error={form.errors.start} />
          <Textfield id="session-end" type="time" label={t("groups.sessions.end")} value={draft.end} onChange={(e) => set("end", e.target.value)} error={form.errors.end} />
        </div>
        <Textfield id="session-note" label={t("groups.sessions.note")} value={draft.note} onChange={(e) => set("note", e.target.value)} maxLength={500} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={form.busy}>
            {t("groups.sessions.addButton")}
          </Button>
        </div>
      </form>
    </section>
  );
}
