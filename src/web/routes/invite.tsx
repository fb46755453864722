import { useState, type FormEvent } from "react";
import { Link as RouterLink, useNavigate, useParams } from "@tanstack/react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Link, Paragraph, Spinner, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { api, isApiError } from "../api.ts";
import { meQuery } from "../session.ts";
import { signInWithPassword } from "../signin.ts";
import { MIN_PASSWORD, passwordErrors } from "./password.tsx";
import { errorMessage } from "../errors.ts";

type Invitation = { networkName: string; email: string; role: string; expiresAt: string; accountExists: boolean };

export function InvitePage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams({ strict: false }) as { token: string };
  const invitation = useQuery({
    queryKey: ["invitation", token],
    queryFn: ({ signal }) => api<Invitation>(`/api/public/invitations/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });

  if (invitation.isPending) {
    return (
      <Page title={t("invite.title")}>
        <Spinner aria-label={t("common.loading")} />
      </Page>
    );
  }
  if (invitation.isError) {
    const e = invitation.error;
    const message =
      isApiError(e) && (e.status === 404 || e.status === 410 || e.status === 422)
        ? t(e.code === "invitation_expired" ? "invite.expired" : "invite.invalid")
        : errorMessage(t, e);
    return (
      <Page title={t("invite.invalidTitle")}>
        <Alert data-color="danger">
          <Paragraph>{message}</Paragraph>
        </Alert>
        <Paragraph>{t("invite.askAdmin")}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/sign-in">{t("password.toSignIn")}</RouterLink>
          </Link>
        </Paragraph>
      </Page>
    );
  }
  const inv = invitation.data;
  const expires = new Date(inv.expiresAt).toLocaleDateString(i18n.resolvedLanguage === "en" ? "en-GB" : "nb-NO", { dateStyle: "long" });
  return (
    <Page
      title={t("invite.title")}
      lead={
        <Paragraph>
          {t("invite.lead", { network: inv.networkName, role: t(`roles.${inv.role}`, { defaultValue: inv.role }), email: inv.email, expires })}
        </Paragraph>
      }
    >
      {inv.accountExists ? <AcceptExisting token={token} inv={inv} /> : <AcceptNew token={token} inv={inv} />}
    </Page>
  );
}

function useFinish() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    queryClient.clear();
    await navigate({ to: "/" });
  };
}

function AcceptNew({ token, inv }: { token: string; inv: Invitation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const finish = useFinish();
  const form = useForm({ name: "invite-name", password: "invite-password", confirm: "invite-confirm" });
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors = passwordErrors(t, password, confirm);
    if (!name.trim()) errors.name = t("invite.nameRequired");
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      await api<{ networkId: string }>(`/api/public/invitations/${encodeURIComponent(token)}/accept`, {
        method: "POST",
        body: { name: name.trim(), password },
      });
      const result = await signInWithPassword(t, inv.email, password);
      if (result.kind === "ok") return finish();
      if (result.kind === "twoFactor") {
        await navigate({ to: "/two-factor/verify" });
        return;
      }
      form.fail({}, result.message);
    });
  }

  return (
    <>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id="invite-email" label={t("form.email")} value={inv.email} readOnly autoComplete="username" />
        <Textfield id="invite-name" label={t("form.name")} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} autoComplete="name" required />
        <Textfield
          id="invite-password"
          label={t("form.password")}
          description={t("form.passwordHint", { count: MIN_PASSWORD })}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.password}
          autoComplete="new-password"
          required
        />
        <Textfield
          id="invite-confirm"
          label={t("form.confirmPassword")}
          type="password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={form.errors.confirm}
          autoComplete="new-password"
          required
        />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("invite.createAccount")}
          </Button>
        </div>
      </form>
    </>
  );
}

function AcceptExisting({ token, inv }: { token: string; inv: Invitation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const finish = useFinish();
  const form = useForm({ password: "invite-existing-password" });
  const [password, setPassword] = useState("");
  const me = useQuery({ ...meQuery, retry: false });
  const signedInAsInvitee = me.data?.user.email.toLowerCase() === inv.email.toLowerCase();

  async function accept() {
    await api(`/api/public/invitations/${encodeURIComponent(token)}/accept`, { method: "POST", body: {} });
    await finish();
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!password) return form.fail({ password: t("form.passwordRequired") });
    await form.run(async () => {
      const result = await signInWithPassword(t, inv.email, password);
      if (result.kind === "error") return form.fail({}, result.message);
      if (result.kind === "twoFactor") {
        // Verify the second factor, then come back here signed in and accept with one click.
        await navigate({ to: "/two-factor/verify", search: { redirect: `/invite/${token}` } });
        return;
      }
      await accept();
    });
  }

  if (signedInAsInvitee) {
    return (
      <>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <Paragraph>{t("invite.signedInAs", { email: inv.email })}</Paragraph>
        <div className="form-actions">
          <Button loading={form.busy} onClick={() => void form.run(accept)}>
            {t("invite.accept")}
          </Button>
        </div>
      </>
    );
  }

  return (
    <>
      <Paragraph>{t("invite.signInToAccept")}</Paragraph>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id="invite-existing-email" label={t("form.email")} value={inv.email} readOnly autoComplete="username" />
        <Textfield
          id="invite-existing-password"
          label={t("form.password")}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.password}
          autoComplete="current-password"
          required
        />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("invite.signInAndAccept")}
          </Button>
        </div>
      </form>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/forgot-password">{t("signIn.forgot")}</RouterLink>
        </Link>
      </Paragraph>
    </>
  );
}
