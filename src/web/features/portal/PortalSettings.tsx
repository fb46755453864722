import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, Fieldset, Heading, Paragraph } from "@digdir/designsystemet-react";
import { StatusMessage, type StatusMessageValue } from "../../components/QueryState.tsx";
import { api } from "../../api.ts";
import { errorMessage } from "../../errors.ts";
import { editableGroups, type EditableGroup } from "../../../shared/portal.ts";

/** Nettverksinnstillinger → Kandidatportalen: which parts of their profile candidates may change themselves. */
export function PortalSettings() {
  const settings = useQuery({ queryKey: ["portal-settings"], queryFn: ({ signal }) => api<{ editable: EditableGroup[] }>("/api/v1/portal-settings", { signal }) });
  return settings.data ? <PortalSettingsForm initial={settings.data.editable} /> : null;
}

function PortalSettingsForm({ initial }: { initial: EditableGroup[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<EditableGroup[]>(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await api("/api/v1/portal-settings", { method: "PUT", body: { editable: chosen } });
      await queryClient.invalidateQueries({ queryKey: ["portal-settings"] });
      setMessage({ kind: "success", text: t("candidatePortal.settings.saved") });
    } catch (err) {
      setMessage({ kind: "danger", text: errorMessage(t, err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="section" aria-labelledby="portal-settings-heading">
      <Heading level={2} data-size="sm" id="portal-settings-heading">
        {t("candidatePortal.title")}
      </Heading>
      <StatusMessage message={message} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Fieldset>
          <Fieldset.Legend>{t("candidatePortal.settings.legend")}</Fieldset.Legend>
          <Fieldset.Description>{t("candidatePortal.settings.description")}</Fieldset.Description>
          {editableGroups.map((g) => (
            <Checkbox
              key={g}
              id={`portal-editable-${g}`}
              label={t(`candidatePortal.settings.groups.${g}`)}
              checked={chosen.includes(g)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, g] : chosen.filter((x) => x !== g))}
            />
          ))}
        </Fieldset>
        <Paragraph>
          <Button type="submit" loading={busy}>
            {t("common.save")}
          </Button>
        </Paragraph>
      </form>
    </section>
  );
}
