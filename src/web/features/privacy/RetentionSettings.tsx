import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Paragraph, Spinner, Textfield } from "@digdir/designsystemet-react";
import { FormErrors } from "../../components/FormErrors.tsx";
import { useForm } from "../../components/useForm.ts";
import { api } from "../../api.ts";
import { errorMessage } from "../../errors.ts";
import type { RetentionSettings, RetentionStatus } from "../../../shared/privacy.ts";

/*
 * Oppbevaring (retention) on /settings, for admins: how long the network keeps what, when the daily job ran and
 * runs next, and what it would do now. Saved with PUT /api/v1/settings/retention.
 */

type Key = keyof RetentionSettings;
const keys: Key[] = ["erasureDelayDays", "inactiveMonths", "accessLogMonths", "outboxDays"];
const IDS: Record<Key, string> = { erasureDelayDays: "retention-erasure-delay", inactiveMonths: "retention-inactive", accessLogMonths: "retention-access-log", outboxDays: "retention-outbox" };
const limits: Record<Key, [number, number]> = { erasureDelayDays: [0, 365], inactiveMonths: [1, 240], accessLogMonths: [1, 240], outboxDays: [1, 3650] };
const queryKey = ["settings", "retention"];

export function RetentionSettingsSection() {
  const { t } = useTranslation();
  const status = useQuery({ queryKey, queryFn: ({ signal }) => api<RetentionStatus>("/api/v1/settings/retention", { signal }) });
  const [saved, setSaved] = useState(false);
  return (
    <section className="section" aria-labelledby="retention-heading">
      <Heading level={2} data-size="sm" id="retention-heading">
        {t("privacy.retention.heading")}
      </Heading>
      <Paragraph>{t("privacy.retention.lead")}</Paragraph>
      <div aria-live="polite" role="status">
        {saved && (
          <Alert data-color="success">
            <Paragraph>{t("privacy.retention.saved")}</Paragraph>
          </Alert>
        )}
      </div>
      {status.isPending && <Spinner aria-label={t("common.loading")} />}
      {status.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, status.error)}</Paragraph>
        </Alert>
      )}
      {status.data && (
        <>
          <RetentionForm key={JSON.stringify(status.data.settings)} settings={status.data.settings} onSaving={() => setSaved(false)} onSaved={() => setSaved(true)} />
          <Paragraph data-size="sm">
            {status.data.lastRunAt ? t("privacy.retention.lastRun", { at: new Date(status.data.lastRunAt).toLocaleString("nb-NO") }) : t("privacy.retention.neverRun")}{" "}
            {status.data.nextRunAt && t("privacy.retention.nextRun", { at: new Date(status.data.nextRunAt).toLocaleString("nb-NO") })}
          </Paragraph>
          <Paragraph data-size="sm">{t("privacy.retention.pending", status.data.pending)}</Paragraph>
        </>
      )}
    </section>
  );
}

function RetentionForm({ settings, onSaving, onSaved }: { settings: RetentionSettings; onSaving: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [draft, setDraft] = useState<Record<Key, string>>(() => Object.fromEntries(keys.map((k) => [k, String(settings[k])])) as Record<Key, string>);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    onSaving();
    const errors: Partial<Record<Key, string>> = {};
    const body = {} as RetentionSettings;
    for (const key of keys) {
      const value = Number(draft[key]);
      const [min, max] = limits[key];
      if (draft[key].trim() === "" || !Number.isInteger(value) || value < min || value > max) errors[key] = t("privacy.retention.range", { min, max });
      else body[key] = value;
    }
    if (Object.keys(errors).length > 0) return form.fail(errors);
    await form.run(async () => {
      await api<RetentionSettings>("/api/v1/settings/retention", { method: "PUT", body });
      onSaved();
      await queryClient.invalidateQueries({ queryKey });
    });
  }

  return (
    <>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        {keys.map((key) => (
          <Textfield
            key={key}
            id={IDS[key]}
            label={t(`privacy.retention.${key}`)}
            description={t(`privacy.retention.${key}Hint`)}
            type="number"
            inputMode="numeric"
            min={limits[key][0]}
            max={limits[key][1]}
            value={draft[key]}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            error={form.errors[key]}
            required
          />
        ))}
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("common.save")}
          </Button>
        </div>
      </form>
    </>
  );
}
