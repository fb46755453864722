import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Paragraph, Select, Spinner, Table, Tag, Textfield, Field, Label } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { useForm, validEmail } from "../components/useForm.ts";
import { api } from "../api.ts";
import { ROLES, useMe, type Role } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";

type Member = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  status: "active" | "disabled";
  twoFactorEnabled: boolean;
  createdAt: string;
};
type Invitation = { id: string; email: string; role: Role; expiresAt: string; createdAt: string };

const usersQuery = { queryKey: ["users"], queryFn: ({ signal }: { signal: AbortSignal }) => api<{ items: Member[]; nextCursor: string | null }>("/api/v1/users", { signal }) };
const invitationsQuery = { queryKey: ["invitations"], queryFn: ({ signal }: { signal: AbortSignal }) => api<{ items: Invitation[] }>("/api/v1/invitations", { signal }) };

export function UsersPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("users.title")}>
      <MembersSection />
      <InviteSection />
      <InvitationsSection />
    </Page>
  );
}

function MembersSection() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery);
  const [status, setStatus] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [confirm, setConfirm] = useState<Member | null>(null);

  const update = useMutation({
    mutationFn: ({ userId, patch }: { userId: string; patch: { role?: Role; status?: Member["status"] } }) =>
      api(`/api/v1/users/${encodeURIComponent(userId)}`, { method: "PATCH", body: patch }),
    onSuccess: async (_data, vars) => {
      const user = users.data?.items.find((u) => u.userId === vars.userId);
      const name = user?.name ?? "";
      setStatus({
        kind: "success",
        text: vars.patch.role
          ? t("users.roleChanged", { name, role: t(`roles.${vars.patch.role}`) })
          : t(vars.patch.status === "disabled" ? "users.disabled" : "users.enabled", { name }),
      });
      await queryClient.invalidateQueries({ queryKey: ["users"] });
    },
    onError: (e) => setStatus({ kind: "danger", text: errorMessage(t, e) }),
    onSettled: () => setConfirm(null),
  });

  return (
    <section className="section">
      <Heading level={2} data-size="sm" id="members-heading">
        {t("users.members")}
      </Heading>
      <div aria-live="polite" role="status">
        {status && (
          <Alert data-color={status.kind}>
            <Paragraph>{status.text}</Paragraph>
          </Alert>
        )}
      </div>
      {users.isPending && <Spinner aria-label={t("common.loading")} />}
      {users.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, users.error)}</Paragraph>
        </Alert>
      )}
      {users.data && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="members-heading">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("form.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("form.email")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.role")}</Table.HeaderCell>
                <Table.HeaderCell>{t("users.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("users.twoFactor")}</Table.HeaderCell>
                <Table.HeaderCell>{t("users.since")}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="visually-hidden">{t("common.actions")}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {users.data.items.length === 0 && (
                <Table.Row>
                  <Table.Cell colSpan={7}>{t("users.none")}</Table.Cell>
                </Table.Row>
              )}
              {users.data.items.map((u) => {
                const self = u.userId === me.user.id;
                return (
                  <Table.Row key={u.userId}>
                    <Table.Cell>{u.name}</Table.Cell>
                    <Table.Cell>{u.email}</Table.Cell>
                    <Table.Cell>
                      <Select
                        aria-label={t("users.roleFor", { name: u.name })}
                        value={u.role}
                        width="auto"
                        data-size="sm"
                        disabled={self}
                        onChange={(e) => update.mutate({ userId: u.userId, patch: { role: e.target.value as Role } })}
                      >
                        {ROLES.map((r) => (
                          <Select.Option key={r} value={r}>
                            {t(`roles.${r}`)}
                          </Select.Option>
                        ))}
                      </Select>
                    </Table.Cell>
                    <Table.Cell>
                      <Tag data-color={u.status === "active" ? "success" : "neutral"}>{t(`users.statuses.${u.status}`)}</Tag>
                    </Table.Cell>
                    <Table.Cell>{u.twoFactorEnabled ? t("common.yes") : t("common.no")}</Table.Cell>
                    <Table.Cell className="nowrap">{formatDate(u.createdAt)}</Table.Cell>
                    <Table.Cell>
                      {!self && (
                        <Button
                          variant="secondary"
                          data-size="sm"
                          data-color={u.status === "active" ? "danger" : undefined}
                          aria-label={t(u.status === "active" ? "users.disableUser" : "users.enableUser", { name: u.name })}
                          onClick={() => setConfirm(u)}
                        >
                          {t(u.status === "active" ? "users.disable" : "users.enable")}
                        </Button>
                      )}
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={t(confirm?.status === "active" ? "users.confirmDisableTitle" : "users.confirmEnableTitle", { name: confirm?.name ?? "" })}
        body={t(confirm?.status === "active" ? "users.confirmDisableBody" : "users.confirmEnableBody", { name: confirm?.name ?? "" })}
        confirmLabel={t(confirm?.status === "active" ? "users.disable" : "users.enable")}
        danger={confirm?.status === "active"}
        busy={update.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm) update.mutate({ userId: confirm.userId, patch: { status: confirm.status === "active" ? "disabled" : "active" } });
        }}
      />
    </section>
  );
}

function InviteSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ email: "invite-email", role: "invite-role" });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("advisor");
  const [sent, setSent] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    if (!validEmail(email)) return form.fail({ email: t("form.emailInvalid") });
    await form.run(async () => {
      const created = await api<{ id: string; email: string; role: Role; expiresAt: string }>("/api/v1/invitations", {
        method: "POST",
        body: { email: email.trim(), role },
      });
      setSent(t("users.invited", { email: created.email, role: t(`roles.${created.role}`), date: formatDate(created.expiresAt) }));
      setEmail("");
      await queryClient.invalidateQueries({ queryKey: ["invitations"] });
    });
  }

  return (
    <section className="section">
      <Heading level={2} data-size="sm" id="invite-heading">
        {t("users.inviteHeading")}
      </Heading>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div aria-live="polite" role="status">
        {sent && (
          <Alert data-color="success">
            <Paragraph>{sent}</Paragraph>
          </Alert>
        )}
      </div>
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id="invite-email" label={t("form.email")} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.email} required />
        <Field>
          <Label htmlFor="invite-role">{t("common.role")}</Label>
          <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)} width="auto">
            {ROLES.map((r) => (
              <Select.Option key={r} value={r}>
                {t(`roles.${r}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("users.sendInvite")}
          </Button>
        </div>
      </form>
    </section>
  );
}

function InvitationsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const invitations = useQuery(invitationsQuery);
  const [message, setMessage] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const revoke = useMutation({
    mutationFn: (inv: Invitation) => api(`/api/v1/invitations/${encodeURIComponent(inv.id)}`, { method: "DELETE" }),
    onSuccess: async (_d, inv) => {
      setMessage({ kind: "success", text: t("users.revoked", { email: inv.email }) });
      await queryClient.invalidateQueries({ queryKey: ["invitations"] });
    },
    onError: (e) => setMessage({ kind: "danger", text: errorMessage(t, e) }),
  });

  return (
    <section className="section">
      <Heading level={2} data-size="sm" id="pending-heading">
        {t("users.pending")}
      </Heading>
      {message && (
        <FocusTarget key={message.text}>
          <Alert data-color={message.kind}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {invitations.isPending && <Spinner aria-label={t("common.loading")} />}
      {invitations.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, invitations.error)}</Paragraph>
        </Alert>
      )}
      {invitations.data && invitations.data.items.length === 0 && <Paragraph>{t("users.noPending")}</Paragraph>}
      {invitations.data && invitations.data.items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="pending-heading">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("form.email")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.role")}</Table.HeaderCell>
                <Table.HeaderCell>{t("users.sent")}</Table.HeaderCell>
                <Table.HeaderCell>{t("users.expires")}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="visually-hidden">{t("common.actions")}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {invitations.data.items.map((inv) => (
                <Table.Row key={inv.id}>
                  <Table.Cell>{inv.email}</Table.Cell>
                  <Table.Cell>{t(`roles.${inv.role}`, { defaultValue: inv.role })}</Table.Cell>
                  <Table.Cell className="nowrap">{formatDate(inv.createdAt)}</Table.Cell>
                  <Table.Cell className="nowrap">{formatDate(inv.expiresAt)}</Table.Cell>
                  <Table.Cell>
                    <Button
                      variant="tertiary"
                      data-size="sm"
                      data-color="danger"
                      aria-label={t("users.revokeFor", { email: inv.email })}
                      onClick={() => revoke.mutate(inv)}
                    >
                      {t("users.revoke")}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
