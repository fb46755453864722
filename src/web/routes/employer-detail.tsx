import { useId, useState, type FormEvent } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Dialog, Field, Heading, Label, Link, Paragraph, Select, Spinner, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { activityKinds } from "../../shared/employers.ts";
import { formatOrgNumber } from "../../shared/orgnr.ts";
import { FocusTarget, Page } from "../components/Page.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm, validEmail } from "../components/useForm.ts";
import { api } from "../api.ts";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { formatDate, formatDateTime } from "../format.ts";
import { advisorsQuery } from "../features/candidates/api.ts";
import {
  activitiesKey,
  canCertify,
  canDownloadCertificates,
  canIssueMembership,
  canReadTimeline,
  canWriteEmployers,
  certificatePdfUrl,
  contactPath,
  employerPath,
  employerQuery,
  issueMembershipCertificate,
  listActivities,
  revokeCertificate,
  verifyPath,
  type Activity,
  type Certificate,
  type Contact,
  type Employer,
} from "../features/employers/api.ts";
import { CertifyDialog, Dl, naceLabel, StatusControl, StatusTag, uiLang, useTagLabel } from "../features/employers/components.tsx";

const today = () => new Date().toISOString().slice(0, 10);

export function EmployerDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as { saved?: string };
  const employer = useQuery(employerQuery(id));
  const e = employer.data;
  return (
    <Page title={e ? e.name : t("employers.detail.loadingTitle")}>
      {search.saved && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t(search.saved === "created" ? "employers.detail.created" : "employers.detail.updated")}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {employer.isPending && <Spinner aria-label={t("common.loading")} />}
      {employer.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, employer.error)}</Paragraph>
        </Alert>
      )}
      {e && <Detail e={e} />}
    </Page>
  );
}

function Detail({ e }: { e: Employer }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const tagLabel = useTagLabel();
  const write = canWriteEmployers(me.role);
  const [statusMessage, setStatusMessage] = useState("");
  const f = (k: string) => t(`employers.fields.${k}`);
  const address = [e.address, [e.postalCode, e.postalPlace].filter(Boolean).join(" ")].filter(Boolean).join(", ");

  return (
    <>
      <div className="row employer-header">
        <span>
          {f("orgNumber")} <strong className="nowrap">{formatOrgNumber(e.orgNumber)}</strong>
        </span>
        <StatusTag status={e.membershipStatus} />
        <span className="muted">{t("employers.detail.statusSince", { date: formatDate(e.membershipStatusChangedAt) })}</span>
      </div>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/employers">{t("employers.detail.backToList")}</RouterLink>
        </Link>
        {write && (
          <Button asChild variant="secondary">
            <RouterLink to="/employers/$id/edit" params={{ id: e.id }}>
              {t("employers.detail.edit")}
            </RouterLink>
          </Button>
        )}
      </div>

      {write && (
        <section className="section status-box">
          <StatusControl employer={e} onChanged={setStatusMessage} />
          <div role="status" aria-live="polite">
            {statusMessage && (
              <Alert data-color="success">
                <Paragraph>{statusMessage}</Paragraph>
              </Alert>
            )}
          </div>
        </section>
      )}

      <section className="section profile-section" aria-labelledby="about-heading">
        <Heading level={2} data-size="xs" id="about-heading">
          {t("employers.detail.about")}
        </Heading>
        <Dl
          rows={[
            [f("industry"), naceLabel(e.naceCode, e.naceSection, lang)],
            [f("sizeBand"), e.sizeBand === "unknown" ? "" : t("employers.form.employees", { band: e.sizeBand })],
            [f("address"), address],
            [f("municipality"), e.municipality],
            [
              f("website"),
              e.website ? (
                <Link href={e.website} target="_blank" rel="noreferrer">
                  {e.website.replace(/^https?:\/\//, "")} <span className="visually-hidden">{t("common.opensInNewTab")}</span>
                </Link>
              ) : (
                ""
              ),
            ],
            [f("tags"), e.tags.map(tagLabel).join(", ")],
            [f("publicListing"), e.publicListing ? t("common.yes") : t("common.no")],
            [f("hires"), String(e.hires)],
            [f("lastContact"), e.lastContactAt ? formatDate(e.lastContactAt) : t("employers.list.never")],
            [f("notes"), e.notes ? <span className="prewrap">{e.notes}</span> : ""],
          ]}
        />
      </section>

      <ContactsSection e={e} write={write} />
      {canReadTimeline(me.role) && <TimelineSection e={e} write={write} />}
      <CertificatesSection e={e} />
      <HistorySection e={e} />
      {me.role === "admin" && <DeleteSection e={e} />}
    </>
  );
}

/* ---------- contacts ---------- */

type ContactValues = { name: string; role: string; email: string; phone: string };
const EMPTY_CONTACT: ContactValues = { name: "", role: "", email: "", phone: "" };

function ContactsSection({ e, write }: { e: Employer; write: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [inviting, setInviting] = useState<Contact | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["employers", e.id] });

  const remove = useMutation({
    mutationFn: (c: Contact) => api(contactPath(e.id, c.id), { method: "DELETE" }),
    onSuccess: async (_r, c) => {
      setMessage({ kind: "success", text: t("employers.contacts.deleted", { name: c.name }) });
      await refresh();
    },
    onError: (err) => setMessage({ kind: "danger", text: errorMessage(t, err) }),
    onSettled: () => setDeleting(null),
  });
  const invite = useMutation({
    mutationFn: (c: Contact) => api(`${contactPath(e.id, c.id)}/invite`, { method: "POST", body: {} }),
    onSuccess: async (_r, c) => {
      setMessage({ kind: "success", text: t("employers.contacts.invited", { name: c.name, email: c.email ?? "" }) });
      await refresh();
    },
    onError: (err) => setMessage({ kind: "danger", text: errorMessage(t, err) }),
    onSettled: () => setInviting(null),
  });

  return (
    <section className="section profile-section">
      <Heading level={2} data-size="xs" id="contacts-heading">
        {t("employers.contacts.title")}
      </Heading>
      <div role="status" aria-live="polite">
        {message && (
          <Alert data-color={message.kind}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        )}
      </div>
      {e.contacts.length === 0 && <Paragraph className="muted">{t("employers.contacts.none")}</Paragraph>}
      {e.contacts.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="contacts-heading">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("employers.contacts.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.contacts.role")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.contacts.email")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.contacts.phone")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.contacts.access")}</Table.HeaderCell>
                {write && <Table.HeaderCell>{t("common.actions")}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {e.contacts.map((c) => (
                <Table.Row key={c.id}>
                  <Table.Cell>{c.name}</Table.Cell>
                  <Table.Cell>{c.role || "–"}</Table.Cell>
                  <Table.Cell>{c.email ? <Link href={`mailto:${c.email}`}>{c.email}</Link> : "–"}</Table.Cell>
                  <Table.Cell className="nowrap">{c.phone ? <Link href={`tel:${c.phone.replace(/\s/g, "")}`}>{c.phone}</Link> : "–"}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={c.access === "user" ? "success" : c.access === "invited" ? "info" : "neutral"}>{t(`employers.contacts.accessStates.${c.access}`)}</Tag>
                  </Table.Cell>
                  {write && (
                    <Table.Cell>
                      <div className="row row--tight row--nowrap">
                        <Button variant="tertiary" data-size="sm" onClick={() => setEditing(c)} aria-label={t("employers.contacts.editNamed", { name: c.name })}>
                          {t("employers.contacts.edit")}
                        </Button>
                        {c.access === "none" && c.email && (
                          <Button variant="tertiary" data-size="sm" onClick={() => setInviting(c)} aria-label={t("employers.contacts.inviteNamed", { name: c.name })}>
                            {t("employers.contacts.invite")}
                          </Button>
                        )}
                        <Button variant="tertiary" data-size="sm" data-color="danger" onClick={() => setDeleting(c)} aria-label={t("employers.contacts.deleteNamed", { name: c.name })}>
                          {t("employers.contacts.delete")}
                        </Button>
                      </div>
                    </Table.Cell>
                  )}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {write && editing === null && (
        <div>
          <Button variant="secondary" onClick={() => setEditing("new")}>
            {t("employers.contacts.add")}
          </Button>
        </div>
      )}
      {write && editing !== null && (
        <ContactForm
          key={editing === "new" ? "new" : editing.id}
          employerId={e.id}
          contact={editing === "new" ? undefined : editing}
          onDone={async (text) => {
            setEditing(null);
            if (text) setMessage({ kind: "success", text });
            await refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t("employers.contacts.confirmDeleteTitle", { name: deleting?.name ?? "" })}
        body={t("employers.contacts.confirmDeleteBody")}
        confirmLabel={t("employers.contacts.delete")}
        danger
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
      <ConfirmDialog
        open={inviting !== null}
        title={t("employers.contacts.confirmInviteTitle", { name: inviting?.name ?? "" })}
        body={t("employers.contacts.confirmInviteBody", { email: inviting?.email ?? "", name: e.name })}
        confirmLabel={t("employers.contacts.invite")}
        busy={invite.isPending}
        onCancel={() => setInviting(null)}
        onConfirm={() => inviting && invite.mutate(inviting)}
      />
    </section>
  );
}

function ContactForm({ employerId, contact, onDone }: { employerId: string; contact?: Contact; onDone: (message: string | null) => void | Promise<void> }) {
  const { t } = useTranslation();
  const ids = { name: "contact-name", role: "contact-role", email: "contact-email", phone: "contact-phone" };
  const form = useForm(ids);
  const headingId = useId();
  const [v, setV] = useState<ContactValues>(() => (contact ? { name: contact.name, role: contact.role, email: contact.email ?? "", phone: contact.phone ?? "" } : EMPTY_CONTACT));
  const set = (k: keyof ContactValues, value: string) => setV((p) => ({ ...p, [k]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!v.name.trim()) errors.name = t("employers.contacts.nameRequired");
    if (v.email.trim() && !validEmail(v.email)) errors.email = t("form.emailInvalid");
    if (v.phone.trim() && !/^\+?[0-9 ()-]{5,20}$/.test(v.phone.trim())) errors.phone = t("employers.contacts.phoneInvalid");
    if (Object.keys(errors).length) return form.fail(errors);
    const body = { name: v.name.trim(), role: v.role.trim(), email: v.email.trim() || null, phone: v.phone.trim() || null };
    await form.run(async () => {
      if (contact) await api(contactPath(employerId, contact.id), { method: "PATCH", body });
      else await api(`${employerPath(employerId)}/contacts`, { method: "POST", body });
      await onDone(t(contact ? "employers.contacts.saved" : "employers.contacts.added", { name: body.name }));
    });
  }

  return (
    <FocusTarget className="subform">
      <Heading level={3} data-size="2xs" id={headingId}>
        {contact ? t("employers.contacts.editNamed", { name: contact.name }) : t("employers.contacts.add")}
      </Heading>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby={headingId}>
        <div className="grid2">
          <Textfield id={ids.name} label={t("employers.contacts.name")} value={v.name} onChange={(e) => set("name", e.target.value)} error={form.errors.name} required maxLength={120} autoComplete="off" />
          <Textfield id={ids.role} label={t("employers.contacts.role")} value={v.role} onChange={(e) => set("role", e.target.value)} error={form.errors.role} maxLength={120} />
          <Textfield id={ids.email} label={t("employers.contacts.email")} type="email" value={v.email} onChange={(e) => set("email", e.target.value)} error={form.errors.email} maxLength={254} autoComplete="off" />
          <Textfield id={ids.phone} label={t("employers.contacts.phone")} type="tel" value={v.phone} onChange={(e) => set("phone", e.target.value)} error={form.errors.phone} maxLength={20} autoComplete="off" />
        </div>
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={form.busy}>
            {contact ? t("employers.contacts.save") : t("employers.contacts.addSubmit")}
          </Button>
          <Button type="button" variant="tertiary" onClick={() => void onDone(null)}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
    </FocusTarget>
  );
}

/* ---------- timeline ---------- */

function TimelineSection({ e, write }: { e: Employer; write: boolean }) {
  const { t } = useTranslation();
  const activities = useInfiniteQuery({
    queryKey: activitiesKey(e.id),
    queryFn: ({ signal, pageParam }) => listActivities(e.id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = activities.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="section profile-section" aria-labelledby="timeline-heading">
      <Heading level={2} data-size="xs" id="timeline-heading">
        {t("employers.timeline.title")}
      </Heading>
      {write && <ActivityForm employerId={e.id} />}
      {activities.isPending && <Spinner aria-label={t("common.loading")} />}
      {activities.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, activities.error)}</Paragraph>
        </Alert>
      )}
      {activities.data && items.length === 0 && <Paragraph className="muted">{t("employers.timeline.none")}</Paragraph>}
      {items.length > 0 && (
        <ol className="plain timeline" aria-label={t("employers.timeline.listLabel")}>
          {items.map((a) => (
            <ActivityItem key={a.id} a={a} />
          ))}
        </ol>
      )}
      {activities.hasNextPage && (
        <div>
          <Button variant="secondary" onClick={() => void activities.fetchNextPage()} loading={activities.isFetchingNextPage}>
            {t("common.loadMore")}
          </Button>
        </div>
      )}
    </section>
  );
}

function ActivityItem({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const f = a.followUp;
  return (
    <li className="timeline__item">
      <div className="row row--tight">
        <Tag data-color="neutral">{t(`employers.activityKinds.${a.kind}`)}</Tag>
        <strong>{formatDate(a.occurredOn)}</strong>
        <span className="muted">{a.author?.name ?? t("employers.timeline.unknownAuthor")}</span>
      </div>
      <Paragraph className="prewrap">{a.summary}</Paragraph>
      {f && (
        <Paragraph data-size="sm" className={f.doneAt ? "muted" : undefined}>
          <strong>{t("employers.timeline.followUp")}:</strong> {f.text} — {t("employers.timeline.due", { date: formatDate(f.dueOn) })}
          {f.assignee ? `, ${f.assignee.name}` : ""}
          {f.doneAt ? ` (${t("employers.timeline.doneAt", { date: formatDate(f.doneAt) })})` : ""}
        </Paragraph>
      )}
    </li>
  );
}

type ActivityValues = { kind: (typeof activityKinds)[number]; occurredOn: string; summary: string; withFollowUp: boolean; followUpText: string; dueOn: string; assigneeUserId: string };

function ActivityForm({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const ids = {
    kind: "activity-kind",
    occurredOn: "activity-date",
    summary: "activity-summary",
    "followUp.text": "activity-followup-text",
    "followUp.dueOn": "activity-followup-due",
    "followUp.assigneeUserId": "activity-followup-assignee",
    followUpText: "activity-followup-text",
    dueOn: "activity-followup-due",
  };
  const form = useForm(ids);
  const assignees = useQuery({ ...advisorsQuery(me.role, { userId: me.user.id, name: me.user.name }), enabled: true });
  const initial: ActivityValues = { kind: "visit", occurredOn: today(), summary: "", withFollowUp: false, followUpText: "", dueOn: "", assigneeUserId: "" };
  const [v, setV] = useState<ActivityValues>(initial);
  const [added, setAdded] = useState(false);
  const set = <K extends keyof ActivityValues>(k: K, value: ActivityValues[K]) => setV((p) => ({ ...p, [k]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setAdded(false);
    const errors: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.occurredOn)) errors.occurredOn = t("employers.timeline.dateRequired");
    if (!v.summary.trim()) errors.summary = t("employers.timeline.summaryRequired");
    if (v.withFollowUp) {
      if (!v.followUpText.trim()) errors.followUpText = t("employers.timeline.followUpTextRequired");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.dueOn)) errors.dueOn = t("employers.timeline.dueRequired");
    }
    if (Object.keys(errors).length) return form.fail(errors);
    const body = {
      kind: v.kind,
      occurredOn: v.occurredOn,
      summary: v.summary.trim(),
      followUp: v.withFollowUp ? { text: v.followUpText.trim(), dueOn: v.dueOn, assigneeUserId: v.assigneeUserId || null } : null,
    };
    await form.run(async () => {
      await api(`${employerPath(employerId)}/activities`, { method: "POST", body });
      setV(initial);
      setAdded(true);
      await queryClient.invalidateQueries({ queryKey: ["employers"] });
      await queryClient.invalidateQueries({ queryKey: ["tasks"] });
    });
  }

  return (
    <div className="subform">
      <Heading level={3} data-size="2xs" id="activity-form-heading">
        {t("employers.timeline.add")}
      </Heading>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div role="status" aria-live="polite">
        {added && (
          <Alert data-color="success">
            <Paragraph>{t("employers.timeline.added")}</Paragraph>
          </Alert>
        )}
      </div>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="activity-form-heading">
        <div className="grid2">
          <Field>
            <Label htmlFor={ids.kind}>{t("employers.timeline.kind")}</Label>
            <Select id={ids.kind} width="auto" value={v.kind} onChange={(e) => set("kind", e.target.value as ActivityValues["kind"])}>
              {activityKinds.map((k) => (
                <Select.Option key={k} value={k}>
                  {t(`employers.activityKinds.${k}`)}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield id={ids.occurredOn} type="date" label={t("employers.timeline.date")} value={v.occurredOn} onChange={(e) => set("occurredOn", e.target.value)} error={form.errors.occurredOn} max="9999-12-31" />
        </div>
        <Textfield id={ids.summary} multiline rows={3} label={t("employers.timeline.summary")} description={t("employers.timeline.summaryHint")} value={v.summary} onChange={(e) => set("summary", e.target.value)} error={form.errors.summary} maxLength={5000} />
        <Checkbox id="activity-with-followup" label={t("employers.timeline.withFollowUp")} checked={v.withFollowUp} onChange={(e) => set("withFollowUp", e.target.checked)} />
        {v.withFollowUp && (
          <div className="stack followup-fields">
            <Textfield id={ids.followUpText} label={t("employers.timeline.followUpText")} value={v.followUpText} onChange={(e) => set("followUpText", e.target.value)} error={form.errors.followUpText ?? form.errors["followUp.text"]} maxLength={500} />
            <div className="grid2">
              <Textfield id={ids.dueOn} type="date" label={t("employers.timeline.dueOn")} value={v.dueOn} onChange={(e) => set("dueOn", e.target.value)} error={form.errors.dueOn ?? form.errors["followUp.dueOn"]} max="9999-12-31" />
              <Field>
                <Label htmlFor="activity-followup-assignee">{t("employers.timeline.assignee")}</Label>
                <Select id="activity-followup-assignee" width="auto" value={v.assigneeUserId} onChange={(e) => set("assigneeUserId", e.target.value)}>
                  <Select.Option value="">{t("employers.timeline.assigneeMe")}</Select.Option>
                  {(assignees.data ?? [])
                    .filter((a) => a.userId !== me.user.id)
                    .map((a) => (
                      <Select.Option key={a.userId} value={a.userId}>
                        {a.name}
                      </Select.Option>
                    ))}
                </Select>
              </Field>
            </div>
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={form.busy}>
            {t("employers.timeline.save")}
          </Button>
        </div>
      </form>
    </div>
  );
}

/* ---------- certificates ---------- */

function CertificatesSection({ e }: { e: Employer }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const certify = canCertify(me.role);
  const issueAllowed = canIssueMembership(me.role);
  const download = canDownloadCertificates(me.role);
  const [message, setMessage] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [certifying, setCertifying] = useState(false);
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["employers"] });
  const issue = useMutation({
    mutationFn: () => issueMembershipCertificate(e.id),
    onSuccess: async () => {
      setMessage({ kind: "success", text: t("employers.certificates.issued") });
      await refresh();
    },
    onError: (err) => setMessage({ kind: "danger", text: errorMessage(t, err) }),
  });
  const membershipPossible = e.membershipStatus === "member" || e.membershipStatus === "certified";
  const certificates = [...e.certificates].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  return (
    <section className="section profile-section" aria-labelledby="certificates-heading">
      <Heading level={2} data-size="xs" id="certificates-heading">
        {t("employers.certificates.title")}
      </Heading>
      <div role="status" aria-live="polite">
        {message && (
          <Alert data-color={message.kind}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        )}
      </div>
      {certificates.length === 0 && <Paragraph className="muted">{t("employers.certificates.none")}</Paragraph>}
      {certificates.length > 0 && (
        <ul className="plain certificates">
          {certificates.map((c) => (
            <li key={c.id} className="certificate">
              <div className="row row--tight">
                <strong>{t(`employers.certificates.kinds.${c.kind}`)}</strong>
                <Tag data-color={c.state === "valid" ? "success" : c.state === "revoked" ? "danger" : "warning"}>{t(`employers.certificates.states.${c.state}`)}</Tag>
              </div>
              <Paragraph data-size="sm">
                {t("employers.certificates.validity", { from: formatDate(c.issuedAt), to: formatDate(c.validUntil) })}
                {c.revokedAt ? ` ${t("employers.certificates.revokedOn", { date: formatDate(c.revokedAt), reason: c.revokedReason ?? "" })}` : ""}
              </Paragraph>
              <Paragraph data-size="sm">
                {t("employers.certificates.code")}: <code>{c.code}</code> ·{" "}
                <Link href={verifyPath(c.code)} target="_blank" rel="noreferrer" data-verify={c.code}>
                  {origin}
                  {verifyPath(c.code)} <span className="visually-hidden">{t("common.opensInNewTab")}</span>
                </Link>
              </Paragraph>
              <div className="row row--tight">
                {download && c.state === "valid" && (
                  <>
                    <Link href={certificatePdfUrl(e.id, c.kind, "nb")} download data-certificate={`${c.kind}-nb`}>
                      {t("employers.certificates.downloadNb", { kind: t(`employers.certificates.kinds.${c.kind}`).toLowerCase() })}
                    </Link>
                    <Link href={certificatePdfUrl(e.id, c.kind, "en")} download data-certificate={`${c.kind}-en`} hrefLang="en">
                      {t("employers.certificates.downloadEn", { kind: t(`employers.certificates.kinds.${c.kind}`).toLowerCase() })}
                    </Link>
                  </>
                )}
                {certify && c.state === "valid" && (
                  <Button variant="tertiary" data-size="sm" data-color="danger" onClick={() => setRevoking(c)}>
                    {t("employers.certificates.revoke", { kind: t(`employers.certificates.kinds.${c.kind}`).toLowerCase() })}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {(issueAllowed || certify) && (
        <div className="form-actions">
          {!issueAllowed ? null : membershipPossible ? (
            <Button variant="secondary" onClick={() => issue.mutate()} loading={issue.isPending}>
              {t("employers.certificates.issueMembership")}
            </Button>
          ) : (
            <Paragraph data-size="sm" className="muted">
              {t("employers.certificates.membershipNeedsMember")}
            </Paragraph>
          )}
          {certify && e.membershipStatus !== "certified" && e.membershipStatus !== "lapsed" && (
            <Button variant="secondary" onClick={() => setCertifying(true)}>
              {t("employers.certify.open")}
            </Button>
          )}
        </div>
      )}
      <CertifyDialog
        employer={certifying ? e : null}
        onCancel={() => setCertifying(false)}
        onDone={() => {
          setCertifying(false);
          setMessage({ kind: "success", text: t("employers.certify.done", { name: e.name }) });
        }}
      />
      <RevokeDialog
        certificate={revoking}
        onCancel={() => setRevoking(null)}
        onRevoke={async (reason) => {
          if (!revoking) return;
          await revokeCertificate(e.id, revoking.id, reason);
          setRevoking(null);
          setMessage({ kind: "success", text: t("employers.certificates.revoked") });
          await refresh();
        }}
      />
    </section>
  );
}

function RevokeDialog({ certificate, onCancel, onRevoke }: { certificate: Certificate | null; onCancel: () => void; onRevoke: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!reason.trim()) return setError(t("employers.certificates.reasonRequired"));
    setBusy(true);
    setError(undefined);
    try {
      await onRevoke(reason.trim());
      setReason("");
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={certificate !== null} onClose={onCancel} closeButton={t("common.close")} aria-labelledby="revoke-title">
      <Dialog.Block>
        <Heading level={2} data-size="xs" id="revoke-title">
          {t("employers.certificates.revokeTitle")}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className="stack" noValidate onSubmit={(e) => void submit(e)}>
          <Paragraph>{t("employers.certificates.revokeBody")}</Paragraph>
          <Textfield id="revoke-reason" label={t("employers.certificates.reason")} value={reason} onChange={(e) => setReason(e.target.value)} error={error} maxLength={500} />
          <div className="form-actions">
            <Button type="submit" data-color="danger" loading={busy}>
              {t("employers.certificates.revokeConfirm")}
            </Button>
            <Button variant="secondary" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}

/* ---------- history and deletion ---------- */

function HistorySection({ e }: { e: Employer }) {
  const { t } = useTranslation();
  const history = [...e.statusHistory].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <section className="section profile-section">
      <Heading level={2} data-size="xs" id="history-heading">
        {t("employers.history.title")}
      </Heading>
      {history.length === 0 ? (
        <Paragraph className="muted">{t("employers.history.none")}</Paragraph>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="history-heading">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("employers.history.when")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.history.change")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.history.by")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.history.note")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {history.map((h, i) => (
                <Table.Row key={`${h.changedAt}-${i}`}>
                  <Table.Cell className="nowrap">{formatDateTime(h.changedAt)}</Table.Cell>
                  <Table.Cell>
                    {h.from ? t("employers.history.fromTo", { from: t(`employers.statuses.${h.from}`), to: t(`employers.statuses.${h.to}`) }) : t("employers.history.registeredAs", { to: t(`employers.statuses.${h.to}`) })}
                  </Table.Cell>
                  <Table.Cell>{h.by?.name ?? "–"}</Table.Cell>
                  <Table.Cell>{h.note || "–"}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}

function DeleteSection({ e }: { e: Employer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => api(employerPath(e.id), { method: "DELETE" }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ["employers", e.id] });
      await queryClient.invalidateQueries({ queryKey: ["employers"] });
      await navigate({ to: "/employers" });
    },
    onSettled: () => setOpen(false),
  });
  return (
    <section className="section profile-section" aria-labelledby="delete-heading">
      <Heading level={2} data-size="xs" id="delete-heading">
        {t("employers.delete.title")}
      </Heading>
      <Paragraph>{t("employers.delete.lead")}</Paragraph>
      {remove.isError && (
        <FocusTarget>
          <Alert data-color="danger">
            <Paragraph>{errorMessage(t, remove.error)}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      <div>
        <Button variant="secondary" data-color="danger" onClick={() => setOpen(true)}>
          {t("employers.delete.action")}
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        title={t("employers.delete.confirmTitle", { name: e.name })}
        body={t("employers.delete.confirmBody")}
        confirmLabel={t("employers.delete.action")}
        danger
        busy={remove.isPending}
        onCancel={() => setOpen(false)}
        onConfirm={() => remove.mutate()}
      />
    </section>
  );
}
