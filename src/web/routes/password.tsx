import { useState, type FormEvent } from "react";
import { Link as RouterLink, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm, validEmail } from "../components/useForm.ts";
import { authClient, type AuthError } from "../auth.ts";
import { errorMessage } from "../errors.ts";

export const MIN_PASSWORD = 10;

function SignInLink() {
  const { t } = useTranslation();
  return (
    <Paragraph>
      <Link asChild>
        <RouterLink to="/sign-in">{t("password.toSignIn")}</RouterLink>
      </Link>
    </Paragraph>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useForm({ email: "forgot-email" });
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!validEmail(email)) return form.fail({ email: t("form.emailInvalid") });
    await form.run(async () => {
      const { error } = await authClient.requestPasswordReset({ email: email.trim(), redirectTo: "/reset-password" });
      // The answer is the same whether or not the address has an account; only rate limits and outages are errors.
      if (error && ((error as AuthError).status ?? 0) >= 429) return form.fail({}, errorMessage(t, error));
      setSent(true);
    });
  }

  return (
    <Page title={t("password.forgotTitle")}>
      {sent ? (
        <>
          <FocusTarget>
            <Alert data-color="success">
              <Heading level={2} data-size="xs">
                {t("password.sentHeading")}
              </Heading>
              <Paragraph>{t("password.sentBody", { email: email.trim() })}</Paragraph>
            </Alert>
          </FocusTarget>
          <SignInLink />
        </>
      ) : (
        <>
          <Paragraph>{t("password.forgotLead")}</Paragraph>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <form className="form" noValidate onSubmit={onSubmit}>
            <Textfield
              id="forgot-email"
              label={t("form.email")}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={form.errors.email}
              required
            />
            <div className="form-actions">
              <Button type="submit" loading={form.busy}>
                {t("password.sendLink")}
              </Button>
            </div>
          </form>
          <SignInLink />
        </>
      )}
    </Page>
  );
}

/** Validates a new password and its confirmation; returns field errors keyed by "password" and "confirm". */
export function passwordErrors(t: (k: string, o?: Record<string, unknown>) => string, password: string, confirm: string) {
  const errors: Record<string, string> = {};
  if (password.length < MIN_PASSWORD) errors.password = t("form.passwordTooShort", { count: MIN_PASSWORD });
  if (confirm !== password) errors.confirm = t("form.passwordMismatch");
  return errors;
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const search = useSearch({ strict: false }) as { token?: string; error?: string };
  const form = useForm({ password: "reset-password", confirm: "reset-confirm" });
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [done, setDone] = useState(false);
  const token = search.token;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors = passwordErrors(t, password, confirm);
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      const { error } = await authClient.resetPassword({ newPassword: password, token: token ?? "" });
      if (error) {
        const code = (error as AuthError).code;
        if (code === "INVALID_TOKEN" || code === "invalid_token") return form.fail({}, t("password.tokenInvalid"));
        return form.fail({}, errorMessage(t, error));
      }
      setDone(true);
    });
  }

  if (!token || search.error) {
    return (
      <Page title={t("password.resetTitle")}>
        <Alert data-color="danger">
          <Paragraph>{t("password.tokenInvalid")}</Paragraph>
        </Alert>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/forgot-password">{t("password.requestNew")}</RouterLink>
          </Link>
        </Paragraph>
      </Page>
    );
  }

  return (
    <Page title={t("password.resetTitle")}>
      {done ? (
        <>
          <FocusTarget>
            <Alert data-color="success">
              <Paragraph>{t("password.resetDone")}</Paragraph>
            </Alert>
          </FocusTarget>
          <SignInLink />
        </>
      ) : (
        <>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <form className="form" noValidate onSubmit={onSubmit}>
            <Textfield
              id="reset-password"
              label={t("form.newPassword")}
              description={t("form.passwordHint", { count: MIN_PASSWORD })}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={form.errors.password}
              required
            />
            <Textfield
              id="reset-confirm"
              label={t("form.confirmPassword")}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              error={form.errors.confirm}
              required
            />
            <div className="form-actions">
              <Button type="submit" loading={form.busy}>
                {t("password.save")}
              </Button>
            </div>
          </form>
        </>
      )}
    </Page>
  );
}
