import { useState, type FormEvent } from "react";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Field, Heading, Label, Link, Select, Table, Textfield } from "@digdir/designsystemet-react";
import { jobStatuses } from "../../shared/jobs.ts";
import { ListResults } from "../components/ListResults.tsx";
import { useKeysetList } from "../components/QueryState.tsx";
import { useUrlFilters } from "../components/useUrlFilters.ts";
import { Page } from "../components/Page.tsx";
import { useMe } from "../session.ts";
import { formatDate } from "../format.ts";
import { canWriteJobs, listJobs, stagesQuery, type Job } from "../features/jobs/api.ts";
import { EMPTY_JOB_FILTERS, jobFiltersFromSearch, jobFiltersToSearch, jobListParams, type JobFilters } from "../features/jobs/filters.ts";
import { JobStatusTag, SearchPicker } from "../features/jobs/components.tsx";
import { uiLang } from "../features/candidates/pickers.tsx";
import { useQuery } from "@tanstack/react-query";

const PAGE_SIZE = 50;

export function JobsPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const { applied, key: appliedKey, apply } = useUrlFilters("/jobs", jobFiltersFromSearch, jobFiltersToSearch);
  const employerUser = me.role === "employer";

  const params = { ...jobListParams(applied), lang, limit: PAGE_SIZE };
  const { list, items } = useKeysetList(["jobs", "list", params], (cursor, signal) => listJobs({ ...params, cursor }, signal));
  // Stage labels for the list counts (the network names its stages); employers and viewers see no counts.
  const showCounts = me.role === "admin" || me.role === "advisor" || me.role === "hr" || me.role === "viewer";
  const stages = useQuery({ ...stagesQuery(lang), enabled: showCounts });

  const filtered = Boolean(applied.q || applied.status || applied.employerId);

  return (
    <Page title={t("jobs.list.title")}>
      {canWriteJobs(me.role) && (
        <div className="form-actions">
          <Button asChild>
            <RouterLink to="/jobs/new">{t("jobs.list.new")}</RouterLink>
          </Button>
        </div>
      )}

      <section className="section" aria-labelledby="filters-heading">
        <Heading level={2} data-size="xs" id="filters-heading">
          {t("jobs.list.filters")}
        </Heading>
        <FilterForm key={appliedKey} initial={applied} onApply={apply} employerUser={employerUser} />
      </section>

      <ListResults headingId="results-heading" heading={t("jobs.list.results")} texts="jobs.list" list={list} count={items.length} empty={filtered ? t("jobs.list.none") : t("jobs.list.empty")}>
        <Table zebra>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("jobs.fields.title")}</Table.HeaderCell>
              <Table.HeaderCell>{t("jobs.list.employerOrUnit")}</Table.HeaderCell>
              <Table.HeaderCell>{t("jobs.fields.municipality")}</Table.HeaderCell>
              <Table.HeaderCell>{t("jobs.fields.status")}</Table.HeaderCell>
              <Table.HeaderCell>{t("jobs.fields.deadline")}</Table.HeaderCell>
              {showCounts && <Table.HeaderCell>{t("jobs.list.candidates")}</Table.HeaderCell>}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((job) => (
              <Table.Row key={job.id}>
                <Table.Cell>
                  <Link asChild>
                    <RouterLink to="/jobs/$jobId" params={{ jobId: job.id }}>
                      {job.title}
                    </RouterLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>{job.employer?.name ?? job.municipalUnit}</Table.Cell>
                <Table.Cell>{job.municipality || "–"}</Table.Cell>
                <Table.Cell>
                  <JobStatusTag status={job.status} />
                </Table.Cell>
                <Table.Cell className="nowrap">{job.deadline ? formatDate(job.deadline) : "–"}</Table.Cell>
                {showCounts && (
                  <Table.Cell>
                    <Counts job={job} labels={Object.fromEntries((stages.data?.items ?? []).map((s) => [s.key, s.label]))} order={(stages.data?.items ?? []).map((s) => s.key)} />
                  </Table.Cell>
                )}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ListResults>
    </Page>
  );
}

/** The list's counts per stage, in the network's stage order: "Foreslått 3 · Intervju 1"; total first. */
function Counts({ job, labels, order }: { job: Job; labels: Record<string, string>; order: string[] }) {
  const { t } = useTranslation();
  const entries = Object.entries(job.pipelineCounts).filter(([, n]) => n > 0);
  if (entries.length === 0) return <span className="muted">{t("jobs.list.noCandidates")}</span>;
  entries.sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)));
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return (
    <span>
      <strong>{t("jobs.list.total", { count: total })}</strong>
      <span className="muted small" style={{ display: "block" }}>
        {entries.map(([key, n]) => `${labels[key] ?? key} ${n}`).join(" · ")}
      </span>
    </span>
  );
}

function FilterForm({ initial, onApply, employerUser }: { initial: JobFilters; onApply: (f: JobFilters) => void; employerUser: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<JobFilters>(initial);
  const set = <K extends keyof JobFilters>(k: K, v: JobFilters[K]) => setDraft((p) => ({ ...p, [k]: v }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="filters" noValidate onSubmit={onSubmit} role="search" aria-labelledby="filters-heading">
      <Textfield id="filter-q" label={t("jobs.list.search")} description={t("jobs.list.searchHint")} type="search" value={draft.q} onChange={(e) => set("q", e.target.value)} maxLength={200} />
      <div className="grid2">
        <Field>
          <Label htmlFor="filter-status">{t("jobs.fields.status")}</Label>
          <Select id="filter-status" width="auto" value={draft.status} onChange={(e) => set("status", e.target.value as JobFilters["status"])}>
            <Select.Option value="">{t("jobs.list.any")}</Select.Option>
            {jobStatuses.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`jobs.statuses.${s}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        {!employerUser && (
          <SearchPicker
            id="filter-employer"
            kind="employers"
            label={t("jobs.fields.employer")}
            value={draft.employerId ? { id: draft.employerId, name: draft.employerName || t("jobs.list.chosenEmployer"), detail: "" } : null}
            onChange={(h) => setDraft((p) => ({ ...p, employerId: h?.id ?? "", employerName: h?.name ?? "" }))}
          />
        )}
      </div>
      <div className="form-actions">
        <Button type="submit">{t("jobs.list.apply")}</Button>
        <Button
          type="button"
          variant="tertiary"
          onClick={() => {
            setDraft(EMPTY_JOB_FILTERS);
            onApply(EMPTY_JOB_FILTERS);
          }}
        >
          {t("jobs.list.clear")}
        </Button>
      </div>
    </form>
  );
}
