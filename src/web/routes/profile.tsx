import { useState, type FormEvent } from "react";
import { Link as RouterLink } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { LanguageSwitch } from "../components/Layout.tsx";
import { authClient, type AuthError } from "../auth.ts";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { MIN_PASSWORD, passwordErrors } from "./password.tsx";

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t("profile.title")}>
      <section className="section">
        <Heading level={2} data-size="sm" id="profile-about">
          {t("profile.about")}
        </Heading>
        <dl className="stack" style={{ margin: 0 }}>
          <div>
            <dt>
              <strong>{t("form.name")}</strong>
            </dt>
            <dd style={{ margin: 0 }}>{me.user.name}</dd>
          </div>
          <div>
            <dt>
              <strong>{t("form.email")}</strong>
            </dt>
            <dd style={{ margin: 0 }}>{me.user.email}</dd>
          </div>
          <div>
            <dt>
              <strong>{t("common.role")}</strong>
            </dt>
            <dd style={{ margin: 0 }}>
              {t(`roles.${me.role}`)} – {me.network.name}
            </dd>
          </div>
        </dl>
        <div className="profile-language">
          <LanguageSwitch />
        </div>
      </section>
      <ChangePassword />
      <TwoFactorSection />
    </Page>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const me = useMe();
  const ids = { current: "profile-current-password", password: "profile-new-password", confirm: "profile-confirm-password" };
  const form = useForm(ids);
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const errors = passwordErrors(t, password, confirm);
    if (!current) errors.current = t("form.passwordRequired");
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      const { error } = await authClient.changePassword({ currentPassword: current, newPassword: password, revokeOtherSessions: true });
      if (error) {
        const e = error as AuthError;
        if (e.code === "INVALID_PASSWORD" || e.status === 400 || e.status === 401) return form.fail({ current: t("profile.currentWrong") });
        return form.fail({}, errorMessage(t, e));
      }
      setCurrent("");
      setPassword("");
      setConfirm("");
      setDone(true);
    });
  }

  return (
    <section className="section">
      <Heading level={2} data-size="sm" id="profile-password">
        {t("profile.changePassword")}
      </Heading>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div aria-live="polite" role="status">
        {done && (
          <Alert data-color="success">
            <Paragraph>{t("profile.passwordChanged")}</Paragraph>
          </Alert>
        )}
      </div>
      <form className="form" noValidate onSubmit={onSubmit}>
        <input type="text" name="username" autoComplete="username" hidden readOnly value={me.user.email} />
        <Textfield
          id={ids.current}
          label={t("profile.currentPassword")}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={form.errors.current}
          required
        />
        <Textfield
          id={ids.password}
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
          id={ids.confirm}
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
            {t("profile.changePasswordSubmit")}
          </Button>
        </div>
      </form>
    </section>
  );
}

function TwoFactorSection() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const form = useForm({ password: "profile-2fa-password" });
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [off, setOff] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!password) return form.fail({ password: t("form.passwordRequired") });
    await form.run(async () => {
      const { error } = await authClient.twoFactor.disable({ password });
      if (error) {
        const e = error as AuthError;
        if (e.code === "INVALID_PASSWORD" || e.status === 400 || e.status === 401) return form.fail({ password: t("profile.currentWrong") });
        return form.fail({}, errorMessage(t, e));
      }
      setOff(true);
      setOpen(false);
      setPassword("");
      await queryClient.invalidateQueries({ queryKey: ["me"] });
    });
  }

  return (
    <section className="section">
      <Heading level={2} data-size="sm" id="profile-2fa">
        {t("profile.twoFactor")}{" "}
        <Tag data-color={me.user.twoFactorEnabled ? "success" : "neutral"}>{t(me.user.twoFactorEnabled ? "profile.on" : "profile.off")}</Tag>
      </Heading>
      <Paragraph>{t("profile.twoFactorLead")}</Paragraph>
      {off && (
        <FocusTarget>
          <Alert data-color="info">
            <Paragraph>{t("profile.twoFactorTurnedOff")}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {!me.user.twoFactorEnabled && (
        <Paragraph>
          <Link asChild>
            <RouterLink to="/two-factor/setup">{t("profile.setUpTwoFactor")}</RouterLink>
          </Link>
        </Paragraph>
      )}
      {me.user.twoFactorEnabled && !open && (
        <div>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t("profile.turnOff")}
          </Button>
        </div>
      )}
      {me.user.twoFactorEnabled && open && (
        <>
          <FormErrors errors={form.summary} attempt={form.attempt} />
          <form className="form" noValidate onSubmit={onSubmit}>
            <Textfield
              id="profile-2fa-password"
              label={t("profile.confirmWithPassword")}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={form.errors.password}
              autoFocus
              required
            />
            <div className="form-actions">
              <Button type="submit" data-color="danger" loading={form.busy}>
                {t("profile.turnOff")}
              </Button>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                {t("common.cancel")}
              </Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
