import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "@tanstack/react-router";
import { Alert, Button, Field, Heading, Input, Label, Link, Paragraph, Select, Spinner, Switch, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm, validEmail } from "../components/useForm.ts";
import { api, fieldNameOf, isApiError } from "../api.ts";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { SLUG_PATTERN, slugify } from "../slug.ts";
import { PublicStatsSettings } from "../features/public/PublicStatsSettings.tsx";
import type { NetworkStatsList } from "../../shared/public-stats.ts";
import { PortalSettings } from "../features/portal/PortalSettings.tsx";
import { RetentionSettingsSection } from "../features/privacy/RetentionSettings.tsx";

type Network = {
  id: string;
  name: string;
  slug: string;
  municipality: string | null;
  themeColor: string | null;
  requireTwoFactorForAdmins: boolean;
  goalTarget: number | null;
  goalDeadline: string | null;
};

const networkQuery = {
  queryKey: ["network"],
  queryFn: ({ signal }: { signal: AbortSignal }) => api<Network>("/api/v1/network", { signal }),
};

const IDS = {
  name: "settings-name",
  municipality: "settings-municipality",
  themeColor: "settings-theme-color",
  requireTwoFactorForAdmins: "settings-require-2fa",
};

const HEX6 = /^#[0-9a-f]{6}$/i;

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const network = useQuery(networkQuery);
  return (
    <Page title={t("settings.title")}>
      {network.isPending && <Spinner aria-label={t("common.loading")} />}
      {network.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, network.error)}</Paragraph>
        </Alert>
      )}
      {/* Keyed by the values it edits: fresh server values remount the form instead of syncing state in an effect,
          and saving another section of the page (which refetches the network) leaves unsaved edits here alone. */}
      {network.data && <SettingsForm key={formKey(network.data)} network={network.data} />}
      <PublicStatsSettings />
      <PortalSettings />
      <RetentionSettingsSection />
      <section className="section" aria-labelledby="settings-more">
        <Heading level={2} data-size="sm" id="settings-more">
          {t("settings.more")}
        </Heading>
        <ul className="link-list">
          <li>
            <Link asChild>
              <RouterLink to="/settings/goals">{t("goals.settingsLink")}</RouterLink>
            </Link>
            <Paragraph data-size="sm">{t("goals.settingsLinkDescription")}</Paragraph>
          </li>
          <li>
            <Link asChild>
              <RouterLink to="/settings/stages">{t("stages.link")}</RouterLink>
            </Link>
            <Paragraph data-size="sm">{t("stages.linkHint")}</Paragraph>
          </li>
          <li>
            <Link asChild>
              <RouterLink to="/settings/sign-in">{t("oidc.settings.link")}</RouterLink>
            </Link>
            <Paragraph data-size="sm">{t("oidc.settings.linkHint")}</Paragraph>
          </li>
        </ul>
      </section>
      {me.user.instanceAdmin && <CreateNetwork />}
    </Page>
  );
}

const formKey = (n: Network) => JSON.stringify([n.name, n.municipality, n.themeColor, n.requireTwoFactorForAdmins]);

type Values = { name: string; municipality: string; themeColor: string; requireTwoFactorForAdmins: boolean };

function toValues(n: Network): Values {
  return {
    name: n.name,
    municipality: n.municipality ?? "",
    themeColor: n.themeColor ?? "#1f4e79",
    requireTwoFactorForAdmins: n.requireTwoFactorForAdmins,
  };
}

function SettingsForm({ network }: { network: Network }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [v, setV] = useState<Values>(() => toValues(network));
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const errors: Record<string, string> = {};
    if (!v.name.trim()) errors.name = t("setup.errors.nameRequired");
    if (!HEX6.test(v.themeColor)) errors.themeColor = t("settings.colorInvalid");
    if (Object.keys(errors).length) return form.fail(errors);

    const before = toValues(network);
    const patch: Record<string, unknown> = {};
    if (v.name.trim() !== before.name) patch.name = v.name.trim();
    if (v.municipality.trim() !== before.municipality) patch.municipality = v.municipality.trim();
    if (v.themeColor.toLowerCase() !== before.themeColor.toLowerCase()) patch.themeColor = v.themeColor.toLowerCase();
    if (v.requireTwoFactorForAdmins !== before.requireTwoFactorForAdmins) patch.requireTwoFactorForAdmins = v.requireTwoFactorForAdmins;
    if (Object.keys(patch).length === 0) {
      setSaved(true);
      return;
    }
    await form.run(async () => {
      const updated = await api<Network>("/api/v1/network", { method: "PATCH", body: patch }).catch((e: unknown) => {
        // The server explains low contrast in English; say it in the user's language.
        if (isApiError(e)) {
          for (const issue of e.errors) {
            if (fieldNameOf(issue.path) === "themeColor") issue.message = t("settings.colorContrast");
          }
        }
        throw e;
      });
      if (updated && typeof updated === "object" && "id" in updated) queryClient.setQueryData(networkQuery.queryKey, updated);
      await queryClient.invalidateQueries({ queryKey: ["network"] });
      await queryClient.invalidateQueries({ queryKey: ["me"] });
      setSaved(true);
    });
  }

  return (
    <>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div aria-live="polite" role="status">
        {saved && (
          <Alert data-color="success">
            <Paragraph>{t("settings.saved")}</Paragraph>
          </Alert>
        )}
      </div>
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id={IDS.name} label={t("setup.networkName")} value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} error={form.errors.name} required />
        <Textfield id="settings-slug" label={t("setup.slug")} description={t("settings.slugReadOnly")} value={network.slug} readOnly />
        <Textfield
          id={IDS.municipality}
          label={t("setup.municipality")}
          value={v.municipality}
          onChange={(e) => setV({ ...v, municipality: e.target.value })}
          error={form.errors.municipality}
        />
        <Field>
          <Label htmlFor={IDS.themeColor}>{t("settings.themeColor")}</Label>
          <Field.Description>{t("settings.themeColorHint")}</Field.Description>
          <div className="color-row">
            <Input
              id={IDS.themeColor}
              type="color"
              className="color-input"
              value={HEX6.test(v.themeColor) ? v.themeColor : "#1f4e79"}
              onChange={(e) => setV({ ...v, themeColor: e.target.value })}
              aria-invalid={form.errors.themeColor ? true : undefined}
            />
            <code>{v.themeColor}</code>
          </div>
          {form.errors.themeColor && <ValidationMessage>{form.errors.themeColor}</ValidationMessage>}
        </Field>
        <Switch
          id={IDS.requireTwoFactorForAdmins}
          label={t("settings.requireTwoFactor")}
          description={t("settings.requireTwoFactorHint")}
          checked={v.requireTwoFactorForAdmins}
          onChange={(e) => setV({ ...v, requireTwoFactorForAdmins: e.target.checked })}
        />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("common.save")}
          </Button>
        </div>
      </form>
    </>
  );
}

const CREATE_IDS: Record<string, string> = {
  name: "new-network-name",
  slug: "new-network-slug",
  municipality: "new-network-municipality",
  "admin.email": "new-network-admin-email",
  templateNetworkId: "new-network-template",
};

function CreateNetwork() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(CREATE_IDS);
  const [v, setV] = useState({ name: "", slug: "", municipality: "", email: "", template: "" });
  // The networks a new one can copy its way of working from (instance administrators see them all).
  const templates = useQuery({ queryKey: ["admin", "networks", "templates"], queryFn: ({ signal }) => api<NetworkStatsList>("/api/v1/admin/networks/stats", { signal }) });
  const [slugEdited, setSlugEdited] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const errors: Record<string, string> = {};
    if (!v.name.trim()) errors.name = t("setup.errors.nameRequired");
    if (!SLUG_PATTERN.test(v.slug)) errors.slug = t("setup.errors.slugInvalid");
    if (!v.municipality.trim()) errors.municipality = t("setup.errors.municipalityRequired");
    if (!validEmail(v.email)) errors["admin.email"] = t("form.emailInvalid");
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      await api("/api/v1/networks", {
        method: "POST",
        body: {
          name: v.name.trim(),
          slug: v.slug,
          municipality: v.municipality.trim(),
          admin: { email: v.email.trim() },
          ...(v.template ? { templateNetworkId: v.template } : {}),
        },
      });
      setCreated(t("settings.networkCreated", { name: v.name.trim(), email: v.email.trim() }));
      setV({ name: "", slug: "", municipality: "", email: "", template: "" });
      setSlugEdited(false);
      await queryClient.invalidateQueries({ queryKey: ["me"] });
    });
  }

  return (
    <section className="section">
      <Heading level={2} data-size="sm" id="create-network-heading">
        {t("settings.createNetwork")}
      </Heading>
      <Paragraph>{t("settings.createNetworkLead")}</Paragraph>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div aria-live="polite" role="status">
        {created && (
          <Alert data-color="success">
            <Paragraph>{created}</Paragraph>
          </Alert>
        )}
      </div>
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield
          id={CREATE_IDS.name}
          label={t("setup.networkName")}
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value, slug: slugEdited ? v.slug : slugify(e.target.value) })}
          error={form.errors.name}
          required
        />
        <Textfield
          id={CREATE_IDS.slug}
          label={t("setup.slug")}
          description={t("setup.slugHint")}
          value={v.slug}
          onChange={(e) => {
            setSlugEdited(true);
            setV({ ...v, slug: e.target.value });
          }}
          error={form.errors.slug}
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <Textfield
          id={CREATE_IDS.municipality}
          label={t("setup.municipality")}
          value={v.municipality}
          onChange={(e) => setV({ ...v, municipality: e.target.value })}
          error={form.errors.municipality}
          required
        />
        <Field>
          <Label htmlFor={CREATE_IDS.templateNetworkId}>{t("settings.template")}</Label>
          <Field.Description>{t("settings.templateHint")}</Field.Description>
          <Select id={CREATE_IDS.templateNetworkId} width="auto" value={v.template} onChange={(e) => setV({ ...v, template: e.target.value })}>
            <Select.Option value="">{t("settings.templateNone")}</Select.Option>
            {(templates.data?.items ?? []).map((network) => (
              <Select.Option key={network.id} value={network.id}>
                {network.name}
              </Select.Option>
            ))}
          </Select>
          {form.errors.templateNetworkId && <ValidationMessage>{form.errors.templateNetworkId}</ValidationMessage>}
        </Field>
        <Textfield
          id={CREATE_IDS["admin.email"]}
          label={t("settings.newAdminEmail")}
          description={t("settings.newAdminEmailHint")}
          type="email"
          value={v.email}
          onChange={(e) => setV({ ...v, email: e.target.value })}
          error={form.errors["admin.email"]}
          required
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={form.busy}>
            {t("settings.createNetworkSubmit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
