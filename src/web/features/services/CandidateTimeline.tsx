import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Details, Field, Heading, Label, Link, Paragraph, Select, Textfield } from "@digdir/designsystemet-react";
import { FormErrors } from "../../components/FormErrors.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useForm } from "../../components/useForm.ts";
import { api } from "../../api.ts";
import { formatDate, formatDateTime } from "../../format.ts";
import type { Role } from "../../session.ts";
import { partnersQuery, serviceTypesQuery, SERVICE_WRITERS, TIMELINE_READERS, timelineQuery, type TimelineEntry } from "./api.ts";
import "./services.css";

/** Date-only sources (services, placements) sit at noon UTC: show the date alone. */
const dateOnly = (entry: TimelineEntry) => entry.at.endsWith("T12:00:00.000Z") && (entry.source === "service" || entry.source === "placement");

function EntryLink({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  if (!entry.link) return null;
  const label = t("timeline.open");
  switch (entry.link.kind) {
    case "group":
      return (
        <Link asChild>
          <RouterLink to="/groups/$groupId" params={{ groupId: entry.link.id }} aria-label={`${label}: ${entry.title}`}>
            {label}
          </RouterLink>
        </Link>
      );
    case "event":
      return (
        <Link asChild>
          <RouterLink to="/events/$eventId" params={{ eventId: entry.link.id }} aria-label={`${label}: ${entry.title}`}>
            {label}
          </RouterLink>
        </Link>
      );
    case "job":
      return (
        <Link asChild>
          <RouterLink to="/jobs/$jobId" params={{ jobId: entry.link.id }} aria-label={`${label}: ${entry.title}`}>
            {label}
          </RouterLink>
        </Link>
      );
    default:
      return null;
  }
}

/**
 * "Tidslinje" on the candidate's profile: everything that happened with the candidate across partners, newest
 * first, as far as the viewer's role may see; caseworkers record a service here.
 */
export function CandidateTimeline({ candidateId, lang, role }: { candidateId: string; lang: "nb" | "en"; role: Role }) {
  const { t } = useTranslation();
  const timeline = useQuery({ ...timelineQuery(candidateId, lang), enabled: TIMELINE_READERS.includes(role) });
  if (!TIMELINE_READERS.includes(role)) return null;
  const items = timeline.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="timeline-heading">
      <Heading level={2} data-size="xs" id="timeline-heading">
        {t("timeline.title")}
      </Heading>
      <Paragraph data-size="sm" className="muted">
        {t("timeline.lead")}
      </Paragraph>
      {SERVICE_WRITERS.includes(role) && <RecordService candidateId={candidateId} />}
      <QueryState query={timeline} isEmpty={items.length === 0} empty={t("timeline.none")} />
      {items.length > 0 && (
        <ol className="timeline" aria-labelledby="timeline-heading">
          {items.map((entry) => (
            <li key={entry.id}>
              <div className="muted small">
                {dateOnly(entry) ? formatDate(entry.at) : formatDateTime(entry.at)} · {t(`timeline.sources.${entry.source}`, { defaultValue: entry.source })}
              </div>
              <div className="timeline__title">{entry.title}</div>
              {entry.detail && <div className="prewrap">{entry.detail}</div>}
              <EntryLink entry={entry} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function RecordService({ candidateId }: { candidateId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const types = useQuery(serviceTypesQuery);
  const partners = useQuery(partnersQuery);
  const form = useForm({ serviceTypeId: "service-type", date: "service-date", partnerId: "service-partner", outcome: "service-outcome" });
  const active = (types.data?.items ?? []).filter((x) => !x.archived);
  const [typeId, setTypeId] = useState("");
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  // "default": the type's default partner; "" none; else a partner's id.
  const [partnerId, setPartnerId] = useState("default");
  const [outcome, setOutcome] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const chosen = active.find((x) => x.id === typeId) ?? active[0];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (!chosen) return form.fail({ serviceTypeId: t("timeline.service.typeRequired") });
    if (!date) return form.fail({ date: t("timeline.service.dateRequired") });
    await form.run(async () => {
      await api(`/api/v1/candidates/${encodeURIComponent(candidateId)}/services`, {
        method: "POST",
        body: { serviceTypeId: chosen.id, date, outcome: outcome.trim(), ...(partnerId === "default" ? {} : { partnerId: partnerId || null }) },
      });
      setSaved(chosen.name);
      setOutcome("");
      await queryClient.invalidateQueries({ queryKey: ["candidates", candidateId, "timeline"] });
    });
  }

  return (
    <Details>
      <Details.Summary>{t("timeline.service.title")}</Details.Summary>
      <Details.Content>
        <div role="status" aria-live="polite">
          {saved && <Paragraph>{t("timeline.service.saved", { name: saved })}</Paragraph>}
        </div>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <form className="form" noValidate onSubmit={onSubmit}>
          <Field>
            <Label htmlFor="service-type">{t("timeline.service.type")}</Label>
            <Select id="service-type" width="auto" value={chosen?.id ?? ""} onChange={(e) => setTypeId(e.target.value)}>
              {active.map((x) => (
                <Select.Option key={x.id} value={x.id}>
                  {x.name}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield id="service-date" type="date" label={t("timeline.service.date")} value={date} onChange={(e) => setDate(e.target.value)} error={form.errors.date} />
          <Field>
            <Label htmlFor="service-partner">{t("timeline.service.partner")}</Label>
            <Select id="service-partner" width="auto" value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
              <Select.Option value="default">{chosen?.defaultPartner ? t("timeline.service.defaultPartner", { name: chosen.defaultPartner.name }) : t("timeline.service.noDefault")}</Select.Option>
              <Select.Option value="">{t("timeline.service.noPartner")}</Select.Option>
              {(partners.data?.items ?? []).map((p) => (
                <Select.Option key={p.id} value={p.id}>
                  {p.name}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield id="service-outcome" multiline rows={2} label={t("timeline.service.outcome")} value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={2000} />
          <div className="form-actions">
            <Button type="submit" variant="secondary" loading={form.busy}>
              {t("timeline.service.save")}
            </Button>
          </div>
        </form>
      </Details.Content>
    </Details>
  );
}
