import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Fieldset, Heading, Link, Paragraph, Radio, Tag, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { LoadMore, QueryState, StatusMessage, useKeysetList, type StatusMessageValue } from "../components/QueryState.tsx";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";
import { answerFollowUp, daysBetween, followUpState, listFollowUps, todayIso, type FollowUpItem } from "../features/placements/api.ts";
import "../features/placements/placements.css";

/**
 * "Still employed?" 3, 6 and 12 months after each hire. The reminder e-mails link here. Admins see the network's,
 * advisors their own candidates' (the server decides).
 */
export function PlacementFollowUpsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { include?: string };
  const include = search.include === "all" ? "all" : "due";
  const { list, items } = useKeysetList(["placements", "follow-ups", include], (cursor, signal) => listFollowUps(include, cursor, signal));
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const today = todayIso();
  const overdue = items.filter((f) => followUpState(f, today) === "overdue").length;

  return (
    <Page title={t("placements.followUps.title")} lead={<Paragraph>{t(me.role === "admin" ? "placements.followUps.leadAdmin" : "placements.followUps.leadAdvisor")}</Paragraph>}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/placements">{t("placements.followUps.toList")}</RouterLink>
        </Link>
      </div>
      <Fieldset>
        <Fieldset.Legend>{t("placements.followUps.show")}</Fieldset.Legend>
        <div className="row">
          <Radio id="follow-ups-due" name="include" value="due" label={t("placements.followUps.showDue")} checked={include === "due"} onChange={() => void navigate({ to: "/placements/follow-ups", search: {} })} />
          <Radio id="follow-ups-all" name="include" value="all" label={t("placements.followUps.showAll")} checked={include === "all"} onChange={() => void navigate({ to: "/placements/follow-ups", search: { include: "all" } })} />
        </div>
      </Fieldset>
      <StatusMessage message={message} />
      <QueryState query={list} isEmpty={items.length === 0} empty={include === "due" ? t("placements.followUps.noneDue") : t("placements.followUps.none")} />
      {overdue > 0 && (
        <Alert data-color="warning">
          <Paragraph>{t("placements.followUps.overdueCount", { count: overdue })}</Paragraph>
        </Alert>
      )}
      {items.length > 0 && (
        <section className="section" aria-labelledby="follow-ups-heading">
          <Heading level={2} data-size="xs" id="follow-ups-heading">
            {t(list.hasNextPage ? "placements.followUps.countMore" : "placements.followUps.count", { count: items.length })}
          </Heading>
          <ul className="placements-cards">
            {items.map((f) => (
              <FollowUpCard key={f.id} f={f} today={today} onDone={setMessage} />
            ))}
          </ul>
        </section>
      )}
      <LoadMore list={list} />
    </Page>
  );
}

function FollowUpCard({ f, today, onDone }: { f: FollowUpItem; today: string; onDone: (m: { kind: "success" | "danger"; text: string }) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const state = followUpState(f, today);
  const [note, setNote] = useState(f.note);
  const [editing, setEditing] = useState(f.stillEmployed === null);
  const name = f.placement.candidate?.name ?? t("placements.list.erased");
  const headingId = `follow-up-${f.id}`;
  const answer = useMutation({
    mutationFn: (stillEmployed: boolean) => answerFollowUp(f.id, stillEmployed, note.trim()),
    onSuccess: async (_r, stillEmployed) => {
      onDone({ kind: "success", text: t(stillEmployed ? "placements.followUps.savedYes" : "placements.followUps.savedNo", { name, months: f.months }) });
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: ["placements"] });
    },
    onError: (e) => onDone({ kind: "danger", text: errorMessage(t, e) }),
  });
  const late = state === "overdue" ? daysBetween(f.dueOn, today) : 0;
  return (
    <li className="placements-card" data-state={state} aria-labelledby={headingId}>
      <div className="placements-card__head">
        <Heading level={3} data-size="2xs" id={headingId}>
          {f.placement.candidate ? (
            <Link asChild>
              <RouterLink to="/candidates/$id" params={{ id: f.placement.candidate.id }}>
                {name}
              </RouterLink>
            </Link>
          ) : (
            name
          )}{" "}
          – {t("placements.followUps.after", { months: f.months })}
        </Heading>
        <div className="row row--tight">
          {state === "overdue" && <Tag data-color="danger">{t("placements.followUps.overdueBy", { count: late })}</Tag>}
          {state === "due" && <Tag data-color="warning">{t("placements.followUps.dueSoon")}</Tag>}
          {state === "answered" && <Tag data-color={f.stillEmployed ? "success" : "neutral"}>{f.stillEmployed ? t("placements.followUps.answeredYes") : t("placements.followUps.answeredNo")}</Tag>}
        </div>
      </div>
      <ul className="placements-meta">
        <li>
          {t("placements.fields.employer")}: {f.placement.employerName}
        </li>
        <li>{t(`placements.types.${f.placement.type}`)}</li>
        <li>{t("placements.followUps.started", { date: formatDate(f.placement.startDate) })}</li>
        <li>
          <strong>{t("placements.followUps.dueOn", { date: formatDate(f.dueOn) })}</strong>
        </li>
      </ul>
      {f.answeredAt && !editing && (
        <Paragraph data-size="sm">
          {t("placements.followUps.answeredBy", { name: f.answeredBy?.name ?? "–", date: formatDate(f.answeredAt) })}
          {f.note && (
            <>
              <br />
              {t("placements.followUps.noteShown", { note: f.note })}
            </>
          )}
        </Paragraph>
      )}
      {editing ? (
        <div className="placements-answer">
          <Textfield id={`follow-up-note-${f.id}`} label={t("placements.followUps.note")} description={t("placements.followUps.noteHint")} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          <div className="row row--tight" role="group" aria-label={t("placements.followUps.question", { name })}>
            <Button data-size="sm" onClick={() => answer.mutate(true)} loading={answer.isPending && answer.variables === true} aria-label={t("placements.followUps.yesNamed", { name, months: f.months })}>
              {t("placements.followUps.yes")}
            </Button>
            <Button data-size="sm" variant="secondary" onClick={() => answer.mutate(false)} loading={answer.isPending && answer.variables === false} aria-label={t("placements.followUps.noNamed", { name, months: f.months })}>
              {t("placements.followUps.no")}
            </Button>
            {f.stillEmployed !== null && (
              <Button data-size="sm" variant="tertiary" onClick={() => setEditing(false)}>
                {t("common.cancel")}
              </Button>
            )}
          </div>
        </div>
      ) : (
        <div>
          <Button data-size="sm" variant="tertiary" onClick={() => setEditing(true)} aria-label={t("placements.followUps.changeNamed", { name, months: f.months })}>
            {t("placements.followUps.change")}
          </Button>
        </div>
      )}
    </li>
  );
}
