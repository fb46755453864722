import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Spinner, Switch, Table, Tag, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { roles, type Role } from "../../shared/roles.ts";
import type { OidcProvider } from "../../shared/oidc.ts";
import { Page, FocusTarget } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { useMe } from "../session.ts";

type ProviderList = { items: OidcProvider[]; redirectUri: string };

const providersQuery = {
  queryKey: ["sign-in-providers"],
  queryFn: ({ signal }: { signal: AbortSignal }) => api<ProviderList>("/api/v1/settings/sign-in-providers", { signal }),
};

/** Settings → Sign-in (admin): the network's OpenID Connect providers (ADR 027). */
export function SignInSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const providers = useQuery(providersQuery);
  const [editing, setEditing] = useState<OidcProvider | "new" | null>(null);
  const [deleting, setDeleting] = useState<OidcProvider | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const signInLink = `${window.location.origin}/sign-in?network=${encodeURIComponent(me.network.slug)}`;

  async function confirmDelete() {
    if (!deleting) return;
    setBusy(true);
    try {
      await api(`/api/v1/settings/sign-in-providers/${encodeURIComponent(deleting.id)}`, { method: "DELETE" });
      setMessage({ kind: "success", text: t("oidc.settings.deleted", { label: deleting.label }) });
      await queryClient.invalidateQueries({ queryKey: ["sign-in-providers"] });
    } catch (e) {
      setMessage({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  }

  return (
    <Page title={t("oidc.settings.title")} lead={<Paragraph>{t("oidc.settings.lead")}</Paragraph>}>
      <div role="status" aria-live="polite">
        {message && (
          <FocusTarget>
            <Alert data-color={message.kind}>
              <Paragraph>{message.text}</Paragraph>
            </Alert>
          </FocusTarget>
        )}
      </div>
      {providers.data && (
        <section className="section" aria-labelledby="oidc-addresses">
          <Heading level={2} data-size="sm" id="oidc-addresses">
            {t("oidc.settings.addresses")}
          </Heading>
          <Paragraph>{t("oidc.settings.redirectUri")}</Paragraph>
          <Paragraph>
            <code>{providers.data.redirectUri}</code>
          </Paragraph>
          <Paragraph>{t("oidc.settings.signInLink")}</Paragraph>
          <Paragraph>
            <code>{signInLink}</code>
          </Paragraph>
        </section>
      )}
      {editing === null && (
        <div className="form-actions">
          <Button
            onClick={() => {
              setMessage(null);
              setEditing("new");
            }}
          >
            {t("oidc.settings.add")}
          </Button>
        </div>
      )}
      {editing !== null && (
        <ProviderForm
          key={editing === "new" ? "new" : editing.id}
          provider={editing === "new" ? null : editing}
          onDone={(text) => {
            setEditing(null);
            if (text) setMessage({ kind: "success", text });
          }}
        />
      )}
      <section className="section" aria-labelledby="oidc-list-heading">
        <Heading level={2} data-size="sm" id="oidc-list-heading">
          {t("oidc.settings.listHeading")}
        </Heading>
        {providers.isPending && <Spinner aria-label={t("common.loading")} />}
        {providers.isError && (
          <Alert data-color="danger">
            <Paragraph>{errorMessage(t, providers.error)}</Paragraph>
          </Alert>
        )}
        {providers.data && providers.data.items.length === 0 && <Paragraph>{t("oidc.settings.none")}</Paragraph>}
        {providers.data && providers.data.items.length > 0 && (
          <Table>
            <caption className="visually-hidden">{t("oidc.settings.listHeading")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("oidc.settings.label")}</Table.HeaderCell>
                <Table.HeaderCell>{t("oidc.settings.issuer")}</Table.HeaderCell>
                <Table.HeaderCell>{t("oidc.settings.roles")}</Table.HeaderCell>
                <Table.HeaderCell>{t("oidc.settings.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("oidc.settings.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {providers.data.items.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{p.label}</Table.Cell>
                  <Table.Cell>{p.issuer}</Table.Cell>
                  <Table.Cell>{p.roles.map((r) => t(`roles.${r}`)).join(", ")}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={p.enabled ? "success" : "neutral"}>{p.enabled ? t("oidc.settings.on") : t("oidc.settings.off")}</Tag>
                  </Table.Cell>
                  <Table.Cell>
                    <div className="form-actions">
                      <Button variant="secondary" data-size="sm" aria-label={`${t("oidc.settings.edit")}: ${p.label}`} onClick={() => setEditing(p)}>
                        {t("oidc.settings.edit")}
                      </Button>
                      <Button variant="tertiary" data-color="danger" data-size="sm" aria-label={`${t("oidc.settings.delete")}: ${p.label}`} onClick={() => setDeleting(p)}>
                        {t("oidc.settings.delete")}
                      </Button>
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={t("oidc.settings.confirmDelete.title")}
        body={t("oidc.settings.confirmDelete.body", { label: deleting?.label ?? "" })}
        confirmLabel={t("oidc.settings.confirmDelete.confirm")}
        danger
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
    </Page>
  );
}

const IDS: Record<string, string> = {
  label: "oidc-label",
  issuer: "oidc-issuer",
  clientId: "oidc-client-id",
  clientSecret: "oidc-client-secret",
  scopes: "oidc-scopes",
  roles: `oidc-role-${roles[0]}`,
  trustEmail: "oidc-trust-email",
  enabled: "oidc-enabled",
};

type Draft = { label: string; issuer: string; clientId: string; clientSecret: string; scopes: string; roles: Role[]; trustEmail: boolean; enabled: boolean };

function ProviderForm({ provider, onDone }: { provider: OidcProvider | null; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [d, setD] = useState<Draft>(() => ({
    label: provider?.label ?? "",
    issuer: provider?.issuer ?? "",
    clientId: provider?.clientId ?? "",
    clientSecret: "",
    scopes: provider?.scopes ?? "openid email profile",
    roles: provider?.roles ?? ["admin", "advisor", "hr"],
    trustEmail: provider?.trustEmail ?? false,
    enabled: provider?.enabled ?? true,
  }));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((x) => ({ ...x, [key]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!d.label.trim()) errors.label = t("oidc.settings.labelRequired");
    if (!/^https:\/\/\S+$/.test(d.issuer.trim()) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/\S*)?$/.test(d.issuer.trim())) errors.issuer = t("oidc.settings.issuerInvalid");
    if (!d.clientId.trim()) errors.clientId = t("oidc.settings.clientIdRequired");
    if (!provider && !d.clientSecret) errors.clientSecret = t("oidc.settings.clientSecretRequired");
    if (d.roles.length === 0) errors.roles = t("oidc.settings.rolesRequired");
    if (Object.keys(errors).length) return form.fail(errors);
    const body = {
      label: d.label.trim(),
      issuer: d.issuer.trim(),
      clientId: d.clientId.trim(),
      ...(d.clientSecret ? { clientSecret: d.clientSecret } : {}),
      scopes: d.scopes.trim(),
      roles: roles.filter((r) => d.roles.includes(r)),
      trustEmail: d.trustEmail,
      enabled: d.enabled,
    };
    await form.run(async () => {
      if (provider) await api(`/api/v1/settings/sign-in-providers/${encodeURIComponent(provider.id)}`, { method: "PATCH", body });
      else await api("/api/v1/settings/sign-in-providers", { method: "POST", body });
      await queryClient.invalidateQueries({ queryKey: ["sign-in-providers"] });
      onDone(t(provider ? "oidc.settings.updated" : "oidc.settings.created", { label: body.label }));
    });
  }

  return (
    <section className="section" aria-labelledby="oidc-form-heading">
      <FocusTarget>
        <Heading level={2} data-size="sm" id="oidc-form-heading">
          {provider ? t("oidc.settings.editHeading", { label: provider.label }) : t("oidc.settings.newHeading")}
        </Heading>
      </FocusTarget>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id={IDS.label} label={t("oidc.settings.label")} description={t("oidc.settings.labelHint")} value={d.label} onChange={(e) => set("label", e.target.value)} error={form.errors.label} maxLength={60} required />
        <Textfield id={IDS.issuer} label={t("oidc.settings.issuer")} description={t("oidc.settings.issuerHint")} type="url" value={d.issuer} onChange={(e) => set("issuer", e.target.value)} error={form.errors.issuer} maxLength={500} required />
        <Textfield id={IDS.clientId} label={t("oidc.settings.clientId")} value={d.clientId} onChange={(e) => set("clientId", e.target.value)} error={form.errors.clientId} maxLength={300} required autoComplete="off" />
        <Textfield
          id={IDS.clientSecret}
          label={t("oidc.settings.clientSecret")}
          description={provider ? t("oidc.settings.clientSecretKeep") : t("oidc.settings.clientSecretHint")}
          type="password"
          autoComplete="new-password"
          value={d.clientSecret}
          onChange={(e) => set("clientSecret", e.target.value)}
          error={form.errors.clientSecret}
          maxLength={1000}
          required={!provider}
        />
        <Textfield id={IDS.scopes} label={t("oidc.settings.scopes")} description={t("oidc.settings.scopesHint")} value={d.scopes} onChange={(e) => set("scopes", e.target.value)} error={form.errors.scopes} maxLength={300} />
        <Fieldset>
          <Fieldset.Legend>{t("oidc.settings.roles")}</Fieldset.Legend>
          <Fieldset.Description>{t("oidc.settings.rolesHint")}</Fieldset.Description>
          {roles.map((role) => (
            <Checkbox
              key={role}
              id={`oidc-role-${role}`}
              label={t(`roles.${role}`)}
              value={role}
              checked={d.roles.includes(role)}
              onChange={(e) => set("roles", e.target.checked ? [...d.roles, role] : d.roles.filter((x) => x !== role))}
            />
          ))}
          {form.errors.roles && <ValidationMessage>{form.errors.roles}</ValidationMessage>}
        </Fieldset>
        <Switch id={IDS.trustEmail} label={t("oidc.settings.trustEmail")} description={t("oidc.settings.trustEmailHint")} checked={d.trustEmail} onChange={(e) => set("trustEmail", e.target.checked)} />
        <Switch id={IDS.enabled} label={t("oidc.settings.enabled")} checked={d.enabled} onChange={(e) => set("enabled", e.target.checked)} />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("oidc.settings.save")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => onDone(null)}>
            {t("oidc.settings.cancel")}
          </Button>
        </div>
      </form>
    </section>
  );
}
