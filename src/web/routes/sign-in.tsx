import { useState, type FormEvent } from "react";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm, validEmail } from "../components/useForm.ts";
import { signInWithPassword } from "../signin.ts";
import { api } from "../api.ts";
import type { SignInOptions } from "../../shared/oidc.ts";

const IDS = { email: "sign-in-email", password: "sign-in-password" };

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as { redirect?: string; network?: string; oidcError?: string };
  const form = useForm(IDS);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const fieldErrors: Record<string, string> = {};
    if (!validEmail(email)) fieldErrors.email = t("form.emailInvalid");
    if (!password) fieldErrors.password = t("form.passwordRequired");
    if (Object.keys(fieldErrors).length) return form.fail(fieldErrors);
    await form.run(async () => {
      const result = await signInWithPassword(t, email, password);
      if (result.kind === "error") return form.fail({}, result.message);
      if (result.kind === "twoFactor") {
        await navigate({ to: "/two-factor/verify", search: search.redirect ? { redirect: search.redirect } : {} });
        return;
      }
      queryClient.removeQueries({ queryKey: ["me"] });
      await navigate({ to: search.redirect ?? "/" });
    });
  }

  return (
    <Page title={t("signIn.title")}>
      {search.oidcError && (
        <Alert data-color="danger">
          <Paragraph>{t(`signIn.oidcErrors.${search.oidcError}`, { defaultValue: t("signIn.oidcErrors.other") })}</Paragraph>
        </Alert>
      )}
      {search.network && <ProviderButtons slug={search.network} redirect={search.redirect} />}
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield
          id={IDS.email}
          label={t("form.email")}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.errors.email}
          required
        />
        <Textfield
          id={IDS.password}
          label={t("form.password")}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.password}
          required
        />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("signIn.submit")}
          </Button>
        </div>
      </form>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/forgot-password">{t("signIn.forgot")}</RouterLink>
        </Link>
      </Paragraph>
    </Page>
  );
}

/** "Logg inn med <label>" for each of the network's sign-in providers (ADR 027); a full-page navigation. */
function ProviderButtons({ slug, redirect }: { slug: string; redirect: string | undefined }) {
  const { t } = useTranslation();
  const options = useQuery({
    queryKey: ["sign-in-options", slug],
    queryFn: ({ signal }) => api<SignInOptions>(`/api/public/networks/${encodeURIComponent(slug)}/sign-in-options`, { signal }),
    retry: false,
  });
  if (!options.data || options.data.providers.length === 0) return null;
  return (
    <section className="section" aria-labelledby="sign-in-providers">
      <Heading level={2} data-size="xs" id="sign-in-providers">
        {t("signIn.providersHeading", { network: options.data.networkName })}
      </Heading>
      <div className="form-actions">
        {options.data.providers.map((p) => (
          <Button key={p.id} asChild variant="secondary">
            <a href={redirect ? `${p.startUrl}?returnTo=${encodeURIComponent(redirect)}` : p.startUrl}>{t("signIn.withProvider", { label: p.label })}</a>
          </Button>
        ))}
      </div>
      <Paragraph>{t("signIn.orPassword")}</Paragraph>
    </section>
  );
}
