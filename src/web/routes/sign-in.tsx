import { useState, type FormEvent } from "react";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm, validEmail } from "../components/useForm.ts";
import { signInWithPassword } from "../signin.ts";

const IDS = { email: "sign-in-email", password: "sign-in-password" };

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as { redirect?: string };
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
