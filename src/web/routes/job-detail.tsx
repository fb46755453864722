import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Spinner } from "@digdir/designsystemet-react";
import { Page, FocusTarget } from "../components/Page.tsx";
import { StatusMessage, type StatusMessageValue } from "../components/QueryState.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";
import { canSeeMatches, canWriteJobs, deleteJob, jobQuery, updateJob, type Job } from "../features/jobs/api.ts";
import { JobStatusTag, requirementLanguageName } from "../features/jobs/components.tsx";
import { uiLang } from "../features/candidates/pickers.tsx";
import { MatchesSection } from "../features/jobs/matches.tsx";
import { PipelineSection } from "../features/jobs/pipeline.tsx";

export function JobDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { jobId } = useParams({ strict: false }) as { jobId: string };
  const search = useSearch({ strict: false }) as { saved?: "created" | "updated"; tab?: "matches" | "list" };
  const tab = search.tab === "list" ? "list" : "matches";
  const me = useMe();
  const job = useQuery(jobQuery(jobId, lang));
  const staff = canSeeMatches(me.role);

  return (
    <Page title={job.data?.title ?? t("jobs.detail.loadingTitle")}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/jobs">{t("jobs.detail.backToList")}</RouterLink>
        </Link>
      </div>
      {search.saved && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t(`jobs.detail.${search.saved}`)}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {job.isPending && <Spinner aria-label={t("common.loading")} />}
      {job.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, job.error)}</Paragraph>
        </Alert>
      )}
      {job.data && (
        <>
          <Summary job={job.data} />
          {staff && (
            <>
              <nav aria-label={t("jobs.detail.sections")} className="job-tabs">
                {(["matches", "list"] as const).map((key) => (
                  <RouterLink key={key} to="/jobs/$jobId" params={{ jobId }} search={{ tab: key }} replace resetScroll={false} className="job-tabs__tab" aria-current={tab === key ? "page" : undefined}>
                    {key === "list" ? t("jobs.pipeline.title") : t("jobs.matches.title")}
                  </RouterLink>
                ))}
              </nav>
              {tab === "matches" ? <MatchesSection job={job.data} /> : <PipelineSection job={job.data} />}
            </>
          )}
        </>
      )}
    </Page>
  );
}

function Summary({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const write = canWriteJobs(me.role);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessageValue>(null);

  async function close() {
    setBusy(true);
    setMessage(null);
    try {
      await updateJob(job.id, { status: "closed" }, lang);
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
      setMessage({ kind: "success", text: t("jobs.detail.closed") });
    } catch (e) {
      setMessage({ kind: "danger", text: errorMessage(t, e) });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await deleteJob(job.id);
      setConfirmDelete(false);
      queryClient.removeQueries({ queryKey: ["jobs", job.id] });
      await queryClient.invalidateQueries({ queryKey: ["jobs", "list"] });
      await navigate({ to: "/jobs" });
    } catch (e) {
      setConfirmDelete(false);
      const text = e && typeof e === "object" && "code" in e && e.code === "rule_broken" ? t("jobs.detail.deleteHasCandidates") : errorMessage(t, e);
      setMessage({ kind: "danger", text });
    } finally {
      setBusy(false);
    }
  }

  const extent = job.extent === "part_time" && job.extentPercent ? t("jobs.detail.partTimePercent", { percent: job.extentPercent }) : t(`jobs.extents.${job.extent}`);
  const rows: [string, React.ReactNode][] = [
    [t("jobs.list.employerOrUnit"), job.employer ? job.employer.name : job.municipalUnit],
    [t("jobs.fields.status"), <JobStatusTag key="s" status={job.status} />],
    [t("jobs.fields.occupationUri"), job.occupation.label],
    [t("jobs.fields.location"), [job.location, job.municipality].filter(Boolean).join(", ") || "–"],
    [t("jobs.fields.type"), `${t(`jobs.types.${job.type}`)}, ${extent.toLowerCase()}`],
    [t("jobs.fields.positions"), job.positions],
    [t("jobs.fields.startDate"), job.startDate ? formatDate(job.startDate) : "–"],
    [t("jobs.fields.deadline"), job.deadline ? formatDate(job.deadline) : "–"],
    [t("jobs.fields.wageSubsidyPossible"), job.wageSubsidyPossible ? t("common.yes") : t("common.no")],
    [t("jobs.fields.educationLevel"), job.educationLevel ? t(`candidates.educationLevels.${job.educationLevel}`) : t("jobs.form.noEducationRequired")],
    [
      t("jobs.languages.title"),
      job.languages.length
        ? job.languages.map((l) => `${requirementLanguageName(l.code, lang)} ${l.level}${l.subSkills.length && l.subSkills.length < 4 ? ` (${l.subSkills.map((s) => t(`candidates.subSkills.${s}`).toLowerCase()).join(", ")})` : ""}`).join("; ")
        : "–",
    ],
    [t("jobs.fields.licences"), job.licences.length ? job.licences.map((l) => `${l.licence} (${l.required ? t("jobs.licences.required") : t("jobs.licences.preferred")})`.toLowerCase().replace(/^./, (c) => c.toUpperCase())).join(", ") : "–"],
    [t("jobs.skills.essential"), job.essentialSkills.map((s) => s.label).join(", ") || "–"],
    [t("jobs.skills.optional"), job.optionalSkills.map((s) => s.label).join(", ") || "–"],
  ];

  return (
    <section className="section" aria-labelledby="summary-heading">
      <Heading level={2} data-size="xs" id="summary-heading">
        {t("jobs.detail.summary")}
      </Heading>
      {write && (
        <div className="form-actions">
          <Button asChild variant="secondary">
            <RouterLink to="/jobs/$jobId/edit" params={{ jobId: job.id }}>
              {t("jobs.detail.edit")}
            </RouterLink>
          </Button>
          {job.status !== "closed" && (
            <Button variant="secondary" onClick={() => void close()} loading={busy}>
              {t("jobs.detail.close")}
            </Button>
          )}
          <Button variant="tertiary" data-color="danger" onClick={() => setConfirmDelete(true)}>
            {t("jobs.detail.delete")}
          </Button>
        </div>
      )}
      <StatusMessage message={message} />
      <dl className="dl">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {job.description && <Paragraph className="prewrap">{job.description}</Paragraph>}
      <ConfirmDialog
        open={confirmDelete}
        title={t("jobs.detail.deleteTitle")}
        body={t("jobs.detail.deleteBody", { title: job.title })}
        confirmLabel={t("jobs.detail.delete")}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      />
    </section>
  );
}
