import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Field, Heading, Label, Paragraph, Select, Tag, Textfield } from "@digdir/designsystemet-react";
import { StatusMessage, type StatusMessageValue } from "../../components/QueryState.tsx";
import { errorMessage } from "../../errors.ts";
import { formatDate } from "../../format.ts";
import { api } from "../../api.ts";
import { listJobs, type ConsentList } from "../jobs/api.ts";
import { askForConsent, getPortalStatus, getStaffRequests, inviteToPortal } from "./api.ts";

/**
 * On the candidate's profile, for caseworkers: the candidate portal. Invite the candidate (an invitation with the
 * role candidate, linked to this record), ask in the portal for consent to share with a job's employer, and see
 * the answers and the share consents the candidate has given or withdrawn.
 */
export function CandidatePortalSection({ candidateId, email }: { candidateId: string; email: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ["candidates", candidateId, "portal"], queryFn: ({ signal }) => getPortalStatus(candidateId, signal) });
  const requests = useQuery({ queryKey: ["candidates", candidateId, "portal", "requests"], queryFn: ({ signal }) => getStaffRequests(candidateId, signal), enabled: status.data?.linked === true });
  const consents = useQuery({
    queryKey: ["candidates", candidateId, "portal", "consents"],
    queryFn: ({ signal }) => api<ConsentList>(`/api/v1/candidates/${encodeURIComponent(candidateId)}/consents?limit=200`, { signal }),
    enabled: status.data?.linked === true,
  });
  const jobs = useQuery({ queryKey: ["jobs", "open-for-portal"], queryFn: ({ signal }) => listJobs({ status: "open", limit: 200 }, signal), enabled: status.data?.linked === true });
  const [inviteTo, setInviteTo] = useState(email ?? "");
  const [jobId, setJobId] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["candidates", candidateId, "portal"] });

  async function run(fn: () => Promise<string>) {
    if (busy) return;
    setBusy(true);
    try {
      setMessage({ kind: "success", text: await fn() });
      await refresh();
    } catch (e) {
      setMessage({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(false);
    }
  }
  const invite = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const sent = await inviteToPortal(candidateId, inviteTo.trim() || undefined);
      return t("candidatePortal.invited", { email: sent.email });
    });
  };
  const ask = (e: FormEvent) => {
    e.preventDefault();
    if (!jobId) return;
    void run(async () => {
      await askForConsent(candidateId, jobId);
      return t("candidatePortal.asked");
    });
  };
  const jobTitle = (id: string) => jobs.data?.items.find((j) => j.id === id)?.title ?? "";
  const shareConsents = (consents.data?.items ?? []).filter((c) => c.purpose === "share_with_employer");
  const s = status.data;
  return (
    <section className="section" aria-labelledby="candidate-portal-heading">
      <Heading level={2} data-size="sm" id="candidate-portal-heading">
        {t("candidatePortal.title")}
      </Heading>
      <StatusMessage message={message} />
      {s && (
        <Paragraph>
          {s.linked ? t("candidatePortal.linked") : s.invitation ? t("candidatePortal.invitationOpen", { email: s.invitation.email, date: formatDate(s.invitation.expiresAt) }) : t("candidatePortal.notInvited")}
        </Paragraph>
      )}
      {s && !s.linked && (
        <form onSubmit={invite} className="row" noValidate>
          <Textfield id="portal-invite-email" type="email" label={t("candidatePortal.email")} value={inviteTo} onChange={(e) => setInviteTo(e.target.value)} />
          <Button type="submit" loading={busy}>
            {t(s.invitation ? "candidatePortal.inviteAgain" : "candidatePortal.invite")}
          </Button>
        </form>
      )}
      {s?.linked && (
        <>
          <form onSubmit={ask} className="row" noValidate>
            <Field>
              <Label htmlFor="portal-ask-job">{t("candidatePortal.askJob")}</Label>
              <Select id="portal-ask-job" width="auto" value={jobId} onChange={(e) => setJobId(e.target.value)}>
                <Select.Option value="">{t("candidatePortal.chooseJob")}</Select.Option>
                {(jobs.data?.items ?? [])
                  .filter((j) => j.employer)
                  .map((j) => (
                    <Select.Option key={j.id} value={j.id}>
                      {`${j.title} – ${j.employer!.name}`}
                    </Select.Option>
                  ))}
              </Select>
            </Field>
            <Button type="submit" loading={busy} disabled={!jobId}>
              {t("candidatePortal.ask")}
            </Button>
          </form>
          {(requests.data?.items ?? []).length > 0 && (
            <ul className="plain-list">
              {requests.data!.items.map((r) => (
                <li key={r.id}>
                  {jobTitle(r.jobId) || t("candidatePortal.job")}: <Tag data-size="sm">{t(`candidatePortal.status.${r.status}`)}</Tag> <span className="muted small">{formatDate(r.answeredAt ?? r.requestedAt)}</span>
                </li>
              ))}
            </ul>
          )}
          {shareConsents.length > 0 && (
            <>
              <Heading level={3} data-size="2xs">
                {t("candidatePortal.consents")}
              </Heading>
              <ul className="plain-list" aria-label={t("candidatePortal.consents")}>
                {shareConsents.map((c) => (
                  <li key={c.id}>
                    {t("candidatePortal.consentLine", { employer: c.employer?.name ?? "", job: c.job?.title ?? "" })}{" "}
                    <Tag data-size="sm" data-color={c.valid ? "success" : "neutral"}>
                      {c.valid ? t("candidatePortal.valid") : t("candidatePortal.withdrawn")}
                    </Tag>{" "}
                    <span className="muted small">
                      {t(`candidatePortal.methods.${c.method}`)}, {formatDate(c.givenAt)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
