import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, Field, Fieldset, Label, Paragraph, Select, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { eventKinds, type EventDetail, type EventKind } from "../features/events/api.ts";
import { localDateTime, partnersQuery } from "../features/services/api.ts";

const IDS = { kind: "event-kind", title: "event-title", date: "event-date", start: "event-start", end: "event-end", place: "event-place", description: "event-description", startsAt: "event-start", endsAt: "event-end", partnerIds: "event-partners" };

/** A new event: kind, title, time, place, partners. Invitations and outcomes are recorded on the event's page. */
export function EventNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partners = useQuery(partnersQuery);
  const form = useForm(IDS);
  const [d, setD] = useState({ kind: "network_meeting" as EventKind, title: "", date: "", start: "09:00", end: "11:00", place: "", description: "", partnerIds: [] as string[] });
  const set = <K extends keyof typeof d>(key: K, value: (typeof d)[K]) => setD((x) => ({ ...x, [key]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!d.title.trim()) errors.title = t("events.form.titleRequired");
    if (!d.date) errors.date = t("events.form.dateRequired");
    if (!d.start) errors.start = t("events.form.startRequired");
    if (!d.end) errors.end = t("events.form.endRequired");
    else if (d.end < d.start) errors.end = t("events.form.endBeforeStart");
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      const created = await api<EventDetail>("/api/v1/events", {
        method: "POST",
        body: { kind: d.kind, title: d.title.trim(), description: d.description.trim(), place: d.place.trim(), startsAt: localDateTime(d.date, d.start), endsAt: localDateTime(d.date, d.end), partnerIds: d.partnerIds },
      });
      await queryClient.invalidateQueries({ queryKey: ["events"] });
      await navigate({ to: "/events/$eventId", params: { eventId: created.id } });
    });
  }

  return (
    <Page title={t("events.form.title")} lead={<Paragraph>{t("events.form.lead")}</Paragraph>}>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Field>
          <Label htmlFor={IDS.kind}>{t("events.kind")}</Label>
          <Select id={IDS.kind} width="auto" value={d.kind} onChange={(e) => set("kind", e.target.value as EventKind)}>
            {eventKinds.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`events.kinds.${k}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Textfield id={IDS.title} label={t("events.eventTitle")} value={d.title} onChange={(e) => set("title", e.target.value)} error={form.errors.title} maxLength={200} />
        <div className="row">
          <Textfield id={IDS.date} type="date" label={t("events.form.date")} value={d.date} onChange={(e) => set("date", e.target.value)} error={form.errors.date} />
          <Textfield id={IDS.start} type="time" label={t("events.form.start")} value={d.start} onChange={(e) => set("start", e.target.value)} error={form.errors.start ?? form.errors.startsAt} />
          <Textfield id={IDS.end} type="time" label={t("events.form.end")} value={d.end} onChange={(e) => set("end", e.target.value)} error={form.errors.end ?? form.errors.endsAt} />
        </div>
        <Textfield id={IDS.place} label={t("events.place")} value={d.place} onChange={(e) => set("place", e.target.value)} maxLength={300} />
        <Textfield id={IDS.description} multiline rows={4} label={t("events.form.description")} value={d.description} onChange={(e) => set("description", e.target.value)} maxLength={4000} />
        {(partners.data?.items.length ?? 0) > 0 && (
          <Fieldset id={IDS.partnerIds}>
            <Fieldset.Legend>{t("events.partners")}</Fieldset.Legend>
            {partners.data!.items.map((p) => (
              <Checkbox
                key={p.id}
                id={`event-partner-${p.id}`}
                label={p.name}
                value={p.id}
                checked={d.partnerIds.includes(p.id)}
                onChange={(e) => set("partnerIds", e.target.checked ? [...d.partnerIds, p.id] : d.partnerIds.filter((id) => id !== p.id))}
              />
            ))}
          </Fieldset>
        )}
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("events.form.create")}
          </Button>
        </div>
      </form>
    </Page>
  );
}
