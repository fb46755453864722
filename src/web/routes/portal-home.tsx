import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { MatchExplanation } from "../features/jobs/matches.tsx";
import { PORTAL_NS } from "../i18n/portal/index.ts";
import { answerRequest, getMyMatches, getMyProfile, getMyRequests, portalKeys, type ConsentRequest } from "../features/portal/api.ts";
import { formatPortalDate } from "../features/portal/i18n.ts";
import { PortalQueryState, PortalSection, PortalStatus, usePortalT } from "../features/portal/components.tsx";

/** The candidate's start page (/my): questions waiting for an answer first, then suggested jobs. */
export function PortalHomePage() {
  const { t, lang } = usePortalT();
  const profile = useQuery({ queryKey: portalKeys.profile(lang), queryFn: ({ signal }) => getMyProfile(lang, signal) });
  const p = profile.data;
  return (
    <Page title={t("home.title")} lead={<Paragraph>{t("home.lead")}</Paragraph>}>
      <PortalQueryState query={profile} />
      {p && (
        <>
          <Paragraph data-size="lg">{t("home.hello", { name: p.firstName })}</Paragraph>
          {p.advisor && <Paragraph>{t("home.advisor", { name: p.advisor.name })}</Paragraph>}
          {p.erasureRequestedAt ? (
            <Alert data-color="warning">
              <Paragraph>{t("home.erased")}</Paragraph>
            </Alert>
          ) : (
            <>
              <ConsentRequests />
              <SuggestedJobs />
            </>
          )}
        </>
      )}
    </Page>
  );
}

function ConsentRequests() {
  const { t, lang } = usePortalT();
  const queryClient = useQueryClient();
  const requests = useQuery({ queryKey: portalKeys.requests, queryFn: ({ signal }) => getMyRequests(signal) });
  const [message, setMessage] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const items = requests.data?.items ?? [];
  const open = items.filter((r) => r.status === "pending");
  const answered = items.filter((r) => r.status !== "pending");

  async function answer(request: ConsentRequest, value: "yes" | "no") {
    if (busy) return;
    setBusy(request.id);
    try {
      await answerRequest(request.id, value);
      setMessage({ kind: "success", text: t(value === "yes" ? "requests.savedYes" : "requests.savedNo") });
      await queryClient.invalidateQueries({ queryKey: portalKeys.all });
    } catch {
      setMessage({ kind: "danger", text: t("common.error") });
    } finally {
      setBusy(null);
    }
  }

  return (
    <PortalSection id="requests-heading" title={t("requests.title")}>
      <PortalStatus message={message} />
      <PortalQueryState query={requests} />
      {requests.data && open.length === 0 && <Paragraph>{t("requests.none")}</Paragraph>}
      <ul className="portal-list">
        {open.map((r) => (
          <li key={r.id} className="portal-card">
            <Heading level={3} data-size="xs">
              {t("requests.question", { employer: r.employer.name, job: r.job.title })}
            </Heading>
            <Paragraph>{t("requests.shared")}</Paragraph>
            <ul>
              {r.shares.map((s) => (
                <li key={s}>{t(`requests.shares.${s}`)}</li>
              ))}
            </ul>
            <Paragraph data-size="sm">{t("requests.freeChoice")}</Paragraph>
            <div className="portal-actions">
              <Button onClick={() => void answer(r, "yes")} loading={busy === r.id}>
                {t("requests.yes")}
              </Button>
              <Button variant="secondary" onClick={() => void answer(r, "no")}>
                {t("requests.no")}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {answered.length > 0 && (
        <>
          <Heading level={3} data-size="2xs">
            {t("requests.earlier")}
          </Heading>
          <ul className="portal-list">
            {answered.map((r) => (
              <li key={r.id} className="portal-card">
                <Paragraph>
                  <strong>{r.job.title}</strong> – {r.employer.name}
                </Paragraph>
                <Paragraph data-size="sm">{t(`requests.status.${r.status}`, { date: formatPortalDate(r.answeredAt, lang) })}</Paragraph>
              </li>
            ))}
          </ul>
        </>
      )}
    </PortalSection>
  );
}

function SuggestedJobs() {
  const { t, lang } = usePortalT();
  const matches = useQuery({ queryKey: portalKeys.matches(lang), queryFn: ({ signal }) => getMyMatches(lang, signal) });
  const items = matches.data?.items ?? [];
  return (
    <PortalSection id="jobs-heading" title={t("jobs.title")}>
      <Paragraph data-size="sm">{t("jobs.lead")}</Paragraph>
      <PortalQueryState query={matches} />
      {matches.data && items.length === 0 && <Paragraph>{t("jobs.none")}</Paragraph>}
      <ul className="portal-list">
        {items.map((m) => (
          <li key={m.job.id} className="portal-card">
            <Heading level={3} data-size="xs">
              {m.job.title}
            </Heading>
            <Paragraph className="portal-job__meta">
              {[m.job.employer, m.job.municipality, m.job.deadline ? t("jobs.deadline", { date: formatPortalDate(m.job.deadline, lang) }) : null].filter(Boolean).join(" · ")}
            </Paragraph>
            <Paragraph>
              <strong>{t("jobs.fit", { percent: `${Math.round(m.score * 100)} %` })}</strong>
            </Paragraph>
            <MatchExplanation name={m.job.title} match={m} ns={PORTAL_NS} />
          </li>
        ))}
      </ul>
    </PortalSection>
  );
}
