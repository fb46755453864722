import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Heading, Link, Paragraph, Spinner, Switch, Tag } from "@digdir/designsystemet-react";
import { errorMessage } from "../../errors.ts";
import { formatDate } from "../../format.ts";
import type { Lang } from "../candidates/api.ts";
import { candidateMatchesQuery, formatScore, MATCH_READERS, type JobMatch } from "./api.ts";
import type { Role } from "../../session.ts";
import "./placements.css";

/**
 * "Passende stillinger" on the candidate's profile: the matching engine's top jobs for the candidate, with why
 * (reasons) and what is missing. A suggestion; a person decides.
 */
export function CandidateJobMatches({ candidateId, lang, role }: { candidateId: string; lang: Lang; role: Role }) {
  const { t } = useTranslation();
  const [includeIneligible, setIncludeIneligible] = useState(false);
  const matches = useQuery({ ...candidateMatchesQuery(candidateId, includeIneligible, lang), enabled: MATCH_READERS.includes(role) });
  if (!MATCH_READERS.includes(role)) return null;
  const items = matches.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="job-matches-heading">
      <Heading level={2} data-size="xs" id="job-matches-heading">
        {t("jobMatches.title")}
      </Heading>
      <Alert data-color="info">
        <Paragraph data-size="sm">{t("jobMatches.suggestion")}</Paragraph>
      </Alert>
      <Switch id="job-matches-ineligible" label={t("jobMatches.includeIneligible")} checked={includeIneligible} onChange={(e) => setIncludeIneligible(e.target.checked)} />
      <div role="status" aria-live="polite" className="result-count">
        {matches.data ? t("jobMatches.count", { count: items.length }) : ""}
      </div>
      {matches.isPending && <Spinner aria-label={t("common.loading")} />}
      {matches.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, matches.error)}</Paragraph>
        </Alert>
      )}
      {matches.data && items.length === 0 && <Paragraph className="muted">{t("jobMatches.none")}</Paragraph>}
      {items.length > 0 && (
        <ol className="placements-cards">
          {items.map((m) => (
            <MatchCard key={m.id} m={m} />
          ))}
        </ol>
      )}
    </section>
  );
}

function MatchCard({ m }: { m: JobMatch }) {
  const { t } = useTranslation();
  const headingId = `job-match-${m.id}`;
  const employer = m.job.employer?.name ?? m.job.municipalUnit;
  return (
    <li className="placements-card" data-eligible={m.eligible ? "true" : "false"} aria-labelledby={headingId}>
      <div className="placements-card__head">
        <Heading level={3} data-size="2xs" id={headingId}>
          <Link href={`/jobs/${encodeURIComponent(m.job.id)}`}>{m.job.title}</Link>
        </Heading>
        <div className="row row--tight">
          <Tag data-color="info">{t("jobMatches.score", { score: formatScore(m.score) })}</Tag>
          {!m.eligible && <Tag data-color="warning">{t("jobMatches.notYet")}</Tag>}
          {m.entry && <Tag data-color="success">{t("jobMatches.onList", { stage: m.entry.stageLabel })}</Tag>}
        </div>
      </div>
      <ul className="placements-meta">
        {employer && <li>{employer}</li>}
        {m.job.municipality && <li>{m.job.municipality}</li>}
        {m.job.deadline && <li>{t("jobMatches.deadline", { date: formatDate(m.job.deadline) })}</li>}
      </ul>
      {m.reasons.length > 0 && (
        <div>
          <strong>{t("jobMatches.why")}</strong>
          <ul className="placements-reasons">
            {m.reasons.map((r) => (
              <li key={r.criterion}>
                {t(`jobMatches.criteria.${r.criterion}`)}: {formatScore(r.score)} – {r.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
      {m.missing.length > 0 && (
        <div>
          <strong>{t("jobMatches.missing")}</strong>
          <ul className="placements-reasons">
            {m.missing.map((x) => (
              <li key={x.key}>
                {x.detail} <span className="muted small">({x.required ? t("jobMatches.required") : t("jobMatches.optional")})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
