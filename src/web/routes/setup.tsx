import { useState, type FormEvent } from "react";
import { Link as RouterLink, useNavigate } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Card, Divider, Fieldset, Heading, Link, Paragraph, Table, Textfield } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm, validEmail } from "../components/useForm.ts";
import { api } from "../api.ts";
import { setupStatusQuery } from "../session.ts";
import { signInWithPassword } from "../signin.ts";
import { SLUG_PATTERN, slugify } from "../slug.ts";
import { MIN_PASSWORD, passwordErrors } from "./password.tsx";
import { errorMessage } from "../errors.ts";

const IDS: Record<string, string> = {
  "network.name": "setup-network-name",
  "network.slug": "setup-network-slug",
  "network.municipality": "setup-network-municipality",
  "admin.name": "setup-admin-name",
  "admin.email": "setup-admin-email",
  "admin.password": "setup-admin-password",
  confirm: "setup-admin-confirm",
};

type DemoLogin = { role: string; email: string; password: string };

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [v, setV] = useState({ name: "", slug: "", municipality: "", adminName: "", email: "", password: "", confirm: "" });
  const [slugEdited, setSlugEdited] = useState(false);
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<string | null>(null);
  const [demoLogins, setDemoLogins] = useState<DemoLogin[] | null>(null);

  const set = (key: keyof typeof v) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setV((old) => {
      const next = { ...old, [key]: value };
      if (key === "name" && !slugEdited) next.slug = slugify(value);
      return next;
    });
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!v.name.trim()) errors["network.name"] = t("setup.errors.nameRequired");
    if (!SLUG_PATTERN.test(v.slug)) errors["network.slug"] = t("setup.errors.slugInvalid");
    if (!v.municipality.trim()) errors["network.municipality"] = t("setup.errors.municipalityRequired");
    if (!v.adminName.trim()) errors["admin.name"] = t("setup.errors.adminNameRequired");
    if (!validEmail(v.email)) errors["admin.email"] = t("form.emailInvalid");
    const pw = passwordErrors(t, v.password, v.confirm);
    if (pw.password) errors["admin.password"] = pw.password;
    if (pw.confirm) errors.confirm = pw.confirm;
    if (Object.keys(errors).length) return form.fail(errors);

    await form.run(async () => {
      await api("/api/setup", {
        method: "POST",
        body: {
          network: { name: v.name.trim(), slug: v.slug, municipality: v.municipality.trim() },
          admin: { name: v.adminName.trim(), email: v.email.trim(), password: v.password },
        },
      });
      queryClient.setQueryData(setupStatusQuery.queryKey, { needsSetup: false });
      const result = await signInWithPassword(t, v.email, v.password);
      if (result.kind === "ok") {
        queryClient.removeQueries({ queryKey: ["me"] });
        await navigate({ to: "/" });
      } else {
        await navigate({ to: "/sign-in" });
      }
    });
  }

  async function startDemo() {
    if (demoBusy) return;
    setDemoBusy(true);
    setDemoError(null);
    try {
      const result = await api<{ logins: DemoLogin[] }>("/api/setup/demo", { method: "POST", body: {} });
      queryClient.setQueryData(setupStatusQuery.queryKey, { needsSetup: false });
      setDemoLogins(result.logins);
    } catch (e) {
      setDemoError(errorMessage(t, e));
    } finally {
      setDemoBusy(false);
    }
  }

  if (demoLogins) {
    return (
      <Page title={t("setup.demoReadyTitle")}>
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t("setup.demoReadyBody")}</Paragraph>
          </Alert>
        </FocusTarget>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("setup.demoLogins")}>
          <Table zebra>
            <caption className="visually-hidden">{t("setup.demoLogins")}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("common.role")}</Table.HeaderCell>
                <Table.HeaderCell>{t("form.email")}</Table.HeaderCell>
                <Table.HeaderCell>{t("form.password")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {demoLogins.map((l) => (
                <Table.Row key={l.email}>
                  <Table.Cell>{t(`roles.${l.role}`, { defaultValue: l.role })}</Table.Cell>
                  <Table.Cell>{l.email}</Table.Cell>
                  <Table.Cell>
                    <code>{l.password}</code>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/sign-in">{t("setup.goToSignIn")}</RouterLink>
          </Link>
        </Paragraph>
      </Page>
    );
  }

  return (
    <Page title={t("setup.title")} lead={<Paragraph>{t("setup.lead")}</Paragraph>}>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Fieldset>
          <Fieldset.Legend>
            <Heading level={2} data-size="xs">
              {t("setup.networkLegend")}
            </Heading>
          </Fieldset.Legend>
          <Textfield id={IDS["network.name"]} label={t("setup.networkName")} value={v.name} onChange={set("name")} error={form.errors["network.name"]} required />
          <Textfield
            id={IDS["network.slug"]}
            label={t("setup.slug")}
            description={t("setup.slugHint")}
            value={v.slug}
            onChange={(e) => {
              setSlugEdited(true);
              set("slug")(e);
            }}
            error={form.errors["network.slug"]}
            autoCapitalize="none"
            spellCheck={false}
            required
          />
          <Textfield
            id={IDS["network.municipality"]}
            label={t("setup.municipality")}
            value={v.municipality}
            onChange={set("municipality")}
            error={form.errors["network.municipality"]}
            autoComplete="address-level2"
            required
          />
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend>
            <Heading level={2} data-size="xs">
              {t("setup.adminLegend")}
            </Heading>
          </Fieldset.Legend>
          <Textfield id={IDS["admin.name"]} label={t("form.name")} value={v.adminName} onChange={set("adminName")} error={form.errors["admin.name"]} autoComplete="name" required />
          <Textfield
            id={IDS["admin.email"]}
            label={t("form.email")}
            type="email"
            value={v.email}
            onChange={set("email")}
            error={form.errors["admin.email"]}
            autoComplete="email"
            required
          />
          <Textfield
            id={IDS["admin.password"]}
            label={t("form.password")}
            description={t("form.passwordHint", { count: MIN_PASSWORD })}
            type="password"
            value={v.password}
            onChange={set("password")}
            error={form.errors["admin.password"]}
            autoComplete="new-password"
            required
          />
          <Textfield
            id={IDS.confirm}
            label={t("form.confirmPassword")}
            type="password"
            value={v.confirm}
            onChange={set("confirm")}
            error={form.errors.confirm}
            autoComplete="new-password"
            required
          />
        </Fieldset>
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("setup.submit")}
          </Button>
        </div>
      </form>
      <Divider />
      <Card variant="tinted">
        <Heading level={2} data-size="xs">
          {t("setup.demoHeading")}
        </Heading>
        <Paragraph>{t("setup.demoBody")}</Paragraph>
        {demoError && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{demoError}</Paragraph>
          </Alert>
        )}
        <div>
          <Button variant="secondary" onClick={() => void startDemo()} loading={demoBusy}>
            {t("setup.demoButton")}
          </Button>
        </div>
      </Card>
    </Page>
  );
}
