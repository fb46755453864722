import { useState, type FormEvent } from "react";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { authClient, type AuthError } from "../auth.ts";
import { errorMessage } from "../errors.ts";

/** Reads the base32 secret and issuer from an otpauth:// URI. */
export function parseTotpUri(uri: string): { secret: string; issuer: string | null; account: string | null } {
  const query = uri.includes("?") ? uri.slice(uri.indexOf("?") + 1) : "";
  const params = new URLSearchParams(query);
  const label = decodeURIComponent(uri.replace(/^otpauth:\/\/totp\//i, "").split("?")[0] ?? "");
  const account = label.includes(":") ? (label.split(":").slice(1).join(":") || null) : label || null;
  return { secret: (params.get("secret") ?? "").toUpperCase(), issuer: params.get("issuer"), account };
}

/** Groups a secret in blocks of four so it is easier to type. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

type Step = { kind: "password" } | { kind: "verify"; secret: string; issuer: string | null; account: string | null; backupCodes: string[] } | { kind: "done" };

export function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as { required?: string };
  const required = search.required === "1";
  const [step, setStep] = useState<Step>({ kind: "password" });
  const pwForm = useForm({ password: "tfa-password" });
  const codeForm = useForm({ code: "tfa-code" });
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");

  async function onPassword(event: FormEvent) {
    event.preventDefault();
    if (!password) return pwForm.fail({ password: t("form.passwordRequired") });
    await pwForm.run(async () => {
      const { data, error } = await authClient.twoFactor.enable({ password });
      if (error) {
        const e = error as AuthError;
        if (e.status === 401 && e.code !== "INVALID_PASSWORD") {
          await navigate({ to: "/sign-in", search: { redirect: "/two-factor/setup" } });
          return;
        }
        if (e.code === "INVALID_PASSWORD" || e.status === 400 || e.status === 401) return pwForm.fail({ password: t("profile.currentWrong") });
        return pwForm.fail({}, errorMessage(t, e));
      }
      const result = data as { totpURI: string; backupCodes: string[] };
      setStep({ kind: "verify", ...parseTotpUri(result.totpURI), backupCodes: result.backupCodes ?? [] });
      setPassword("");
    });
  }

  async function onCode(event: FormEvent) {
    event.preventDefault();
    const value = code.replace(/\s+/g, "");
    if (!/^\d{6}$/.test(value)) return codeForm.fail({ code: t("twoFactor.codeInvalid") });
    await codeForm.run(async () => {
      const { error } = await authClient.twoFactor.verifyTotp({ code: value });
      if (error) {
        const e = error as AuthError;
        if (e.code === "INVALID_CODE" || e.status === 401 || e.status === 400) return codeForm.fail({ code: t("twoFactor.codeWrong") });
        return codeForm.fail({}, errorMessage(t, e));
      }
      await queryClient.invalidateQueries({ queryKey: ["me"] });
      setStep({ kind: "done" });
    });
  }

  return (
    <Page title={t("twoFactor.setupTitle")}>
      {required && step.kind !== "done" && (
        <Alert data-color="warning">
          <Paragraph>{t("twoFactor.requiredExplanation")}</Paragraph>
        </Alert>
      )}

      {step.kind === "password" && (
        <>
          <Paragraph>{t("twoFactor.setupLead")}</Paragraph>
          <FormErrors errors={pwForm.summary} attempt={pwForm.attempt} />
          <form className="form" noValidate onSubmit={onPassword}>
            <Textfield
              id="tfa-password"
              label={t("profile.confirmWithPassword")}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={pwForm.errors.password}
              required
            />
            <div className="form-actions">
              <Button type="submit" loading={pwForm.busy}>
                {t("twoFactor.continue")}
              </Button>
            </div>
          </form>
        </>
      )}

      {step.kind === "verify" && (
        <>
          <FocusTarget className="section">
            <Heading level={2} data-size="xs" id="tfa-step-secret">
              {t("twoFactor.step1")}
            </Heading>
            <Paragraph>{t("twoFactor.secretLead")}</Paragraph>
            <p className="secret">
              <span className="visually-hidden">{t("twoFactor.secretLabel")}: </span>
              {groupSecret(step.secret)}
            </p>
            {step.issuer || step.account ? (
              <Paragraph data-size="sm" className="muted">
                {t("twoFactor.accountInfo", { issuer: step.issuer ?? "Mangfold", account: step.account ?? "" })}
              </Paragraph>
            ) : null}
          </FocusTarget>
          {step.backupCodes.length > 0 && (
            <section className="section">
              <Heading level={2} data-size="xs" id="tfa-step-backup">
                {t("twoFactor.step2")}
              </Heading>
              <Paragraph>{t("twoFactor.backupLead")}</Paragraph>
              <ul className="codes">
                {step.backupCodes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </section>
          )}
          <section className="section">
            <Heading level={2} data-size="xs" id="tfa-step-verify">
              {t("twoFactor.step3")}
            </Heading>
            <FormErrors errors={codeForm.summary} attempt={codeForm.attempt} />
            <form className="form" noValidate onSubmit={onCode}>
              <Textfield
                id="tfa-code"
                label={t("twoFactor.code")}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={codeForm.errors.code}
                required
              />
              <div className="form-actions">
                <Button type="submit" loading={codeForm.busy}>
                  {t("twoFactor.turnOn")}
                </Button>
              </div>
            </form>
          </section>
        </>
      )}

      {step.kind === "done" && (
        <>
          <FocusTarget>
            <Alert data-color="success">
              <Paragraph>{t("twoFactor.enabled")}</Paragraph>
            </Alert>
          </FocusTarget>
          <div>
            <Button onClick={() => void navigate({ to: "/" })}>{t("twoFactor.toHome")}</Button>
          </div>
        </>
      )}

      {step.kind !== "done" && (
        <div className="form-actions">
          {!required && (
            <Link asChild>
              <RouterLink to="/profile">{t("twoFactor.backToProfile")}</RouterLink>
            </Link>
          )}
          <Button
            variant="tertiary"
            onClick={async () => {
              await authClient.signOut();
              queryClient.clear();
              await navigate({ to: "/sign-in" });
            }}
          >
            {t("layout.signOut")}
          </Button>
        </div>
      )}
    </Page>
  );
}
