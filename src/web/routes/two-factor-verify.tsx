import { useState, type FormEvent } from "react";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { authClient, type AuthError } from "../auth.ts";
import { errorMessage } from "../errors.ts";

const IDS = { code: "two-factor-code" };

export function TwoFactorVerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as { redirect?: string };
  const form = useForm(IDS);
  const [code, setCode] = useState("");
  const [backup, setBackup] = useState(false);
  const [trust, setTrust] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = code.replace(/\s+/g, "");
    if (!backup && !/^\d{6}$/.test(value)) return form.fail({ code: t("twoFactor.codeInvalid") });
    if (backup && value.length < 4) return form.fail({ code: t("twoFactor.backupInvalid") });
    await form.run(async () => {
      const result = backup
        ? await authClient.twoFactor.verifyBackupCode({ code: value, trustDevice: trust })
        : await authClient.twoFactor.verifyTotp({ code: value, trustDevice: trust });
      if (result.error) {
        const err = result.error as AuthError;
        if (err.status === 401 && (err.code === "INVALID_TWO_FACTOR_COOKIE" || !err.code)) {
          return form.fail({}, t("twoFactor.sessionExpired"));
        }
        const invalid = err.code === "INVALID_CODE" || err.code === "INVALID_BACKUP_CODE" || err.status === 401;
        return form.fail(invalid ? { code: t(backup ? "twoFactor.backupWrong" : "twoFactor.codeWrong") } : {}, invalid ? null : errorMessage(t, err));
      }
      queryClient.removeQueries({ queryKey: ["me"] });
      await navigate({ to: search.redirect ?? "/" });
    });
  }

  return (
    <Page title={t("twoFactor.verifyTitle")} lead={<Paragraph>{t(backup ? "twoFactor.verifyLeadBackup" : "twoFactor.verifyLead")}</Paragraph>}>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield
          id={IDS.code}
          label={t(backup ? "twoFactor.backupCode" : "twoFactor.code")}
          inputMode={backup ? "text" : "numeric"}
          autoComplete="one-time-code"
          maxLength={backup ? 32 : 6}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={form.errors.code}
          required
        />
        <Checkbox label={t("twoFactor.trustDevice")} checked={trust} onChange={(e) => setTrust(e.target.checked)} />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("twoFactor.verify")}
          </Button>
          <Button
            variant="tertiary"
            onClick={() => {
              setBackup((b) => !b);
              setCode("");
              form.reset();
            }}
          >
            {t(backup ? "twoFactor.useApp" : "twoFactor.useBackup")}
          </Button>
        </div>
      </form>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/sign-in">{t("twoFactor.backToSignIn")}</RouterLink>
        </Link>
      </Paragraph>
    </Page>
  );
}
