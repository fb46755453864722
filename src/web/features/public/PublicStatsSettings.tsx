import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Alert, Button, Checkbox, Fieldset, Heading, Link, Paragraph, Switch, Textarea, Field, Label, ValidationMessage } from "@digdir/designsystemet-react";
import { FormErrors } from "../../components/FormErrors.tsx";
import { useForm } from "../../components/useForm.ts";
import { api } from "../../api.ts";
import type { networkSchema } from "../../../shared/contracts.ts";
import { publicStatsFigures, type PublicStatsFigure } from "../../../shared/public-stats.ts";

/*
 * The network's choice of public statistics, on /settings: publish or not, and which headline figures. Saved with
 * PATCH /api/v1/network { publicStats }. When on, it links the public page and gives the code for an iframe.
 */

type Network = z.infer<typeof networkSchema>;

const IDS = { "publicStats.enabled": "public-stats-enabled", "publicStats.figures": `public-stats-figure-${publicStatsFigures[0]}` };

export function PublicStatsSettings() {
  const { t } = useTranslation();
  const network = useQuery({ queryKey: ["network"], queryFn: ({ signal }) => api<Network>("/api/v1/network", { signal }) });
  // Kept here: the form below starts afresh from the saved values, the message stays.
  const [saved, setSaved] = useState<"on" | "off" | null>(null);
  return (
    <section className="section" aria-labelledby="public-stats-heading">
      <Heading level={2} data-size="sm" id="public-stats-heading">
        {t("publicStats.settings.heading")}
      </Heading>
      <Paragraph>{t("publicStats.settings.lead")}</Paragraph>
      <div aria-live="polite" role="status">
        {saved && (
          <Alert data-color="success">
            <Paragraph>{saved === "on" ? t("publicStats.settings.savedOn") : t("publicStats.settings.savedOff")}</Paragraph>
          </Alert>
        )}
      </div>
      {network.data && <PublicStatsForm key={network.dataUpdatedAt} network={network.data} onSaving={() => setSaved(null)} onSaved={setSaved} />}
    </section>
  );
}

function PublicStatsForm({ network, onSaving, onSaved }: { network: Network; onSaving: () => void; onSaved: (state: "on" | "off") => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [enabled, setEnabled] = useState(network.publicStats.enabled);
  const [figures, setFigures] = useState<PublicStatsFigure[]>(network.publicStats.figures);
  const published = network.publicStats.enabled;
  const pageUrl = `${window.location.origin}/networks/${network.slug}/stats`;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    onSaving();
    if (enabled && figures.length === 0) return form.fail({ "publicStats.figures": t("publicStats.settings.figuresRequired") });
    await form.run(async () => {
      const updated = await api<Network>("/api/v1/network", { method: "PATCH", body: { publicStats: { enabled, figures: publicStatsFigures.filter((f) => figures.includes(f)) } } });
      onSaved(updated.publicStats.enabled ? "on" : "off");
      queryClient.setQueryData(["network"], updated);
    });
  }

  return (
    <>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Switch
          id={IDS["publicStats.enabled"]}
          label={t("publicStats.settings.enabled")}
          description={t("publicStats.settings.enabledHint")}
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <Fieldset>
          <Fieldset.Legend>{t("publicStats.settings.figures")}</Fieldset.Legend>
          <Fieldset.Description>{t("publicStats.settings.figuresHint")}</Fieldset.Description>
          {publicStatsFigures.map((figure) => (
            <Checkbox
              key={figure}
              id={`public-stats-figure-${figure}`}
              label={t(`publicStats.figures.${figure}`)}
              value={figure}
              checked={figures.includes(figure)}
              onChange={(e) => setFigures(e.target.checked ? [...figures, figure] : figures.filter((f) => f !== figure))}
              aria-invalid={form.errors["publicStats.figures"] ? true : undefined}
            />
          ))}
          {form.errors["publicStats.figures"] && <ValidationMessage>{form.errors["publicStats.figures"]}</ValidationMessage>}
        </Fieldset>
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("common.save")}
          </Button>
        </div>
      </form>
      {published && (
        <div className="stack">
          <Paragraph>
            <Link href={`/networks/${network.slug}/stats`} target="_blank" rel="noopener">
              {t("publicStats.settings.openPage")}
              <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
            </Link>
          </Paragraph>
          <Field>
            <Label htmlFor="public-stats-embed">{t("publicStats.settings.embedCode")}</Label>
            <Field.Description>{t("publicStats.settings.embedHint")}</Field.Description>
            <Textarea
              id="public-stats-embed"
              readOnly
              rows={3}
              value={`<iframe src="${pageUrl}" title="${t("publicStats.settings.embedTitle", { network: network.name })}" style="width:100%;height:640px;border:0"></iframe>`}
            />
          </Field>
        </div>
      )}
    </>
  );
}
