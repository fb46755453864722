import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Spinner, Tag } from "@digdir/designsystemet-react";
import { useMe } from "../../session.ts";
import { errorMessage } from "../../errors.ts";
import { addToPipeline, canWritePipeline, matchesQuery, type CandidateMatch, type Job } from "./api.ts";
import { percent, ScoreBar } from "./components.tsx";
import { uiLang } from "../candidates/pickers.tsx";

const STEP = 20;
const MAX = 100;

/**
 * "Forslag": the engine's ranked candidates for the job, each explained (a bar per criterion) with what is missing.
 * A notice says it is a machine's suggestion and a person decides. Adding one puts them on the candidate list with
 * the score shown.
 */
export function MatchesSection({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(STEP);
  const matches = useQuery({ ...matchesQuery(job.id, limit, lang), placeholderData: keepPreviousData });
  const [announcement, setAnnouncement] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const items = matches.data?.items ?? [];
  const write = canWritePipeline(me.role);

  async function add(m: CandidateMatch) {
    if (adding) return;
    setAdding(m.candidate.id);
    setAnnouncement(null);
    try {
      const entry = await addToPipeline(job.id, { candidateId: m.candidate.id, matchScore: m.score }, lang);
      setAnnouncement({ kind: "success", text: t("jobs.matches.added", { name: m.candidate.name, stage: entry.stage.label }) });
      await Promise.all([queryClient.invalidateQueries({ queryKey: ["jobs", job.id, "matches"] }), queryClient.invalidateQueries({ queryKey: ["jobs", job.id, "pipeline"] })]);
      void queryClient.invalidateQueries({ queryKey: ["jobs", "list"] });
    } catch (e) {
      setAnnouncement({ kind: "danger", text: t("jobs.matches.addFailed", { name: m.candidate.name, reason: errorMessage(t, e) }) });
    } finally {
      setAdding(null);
    }
  }

  return (
    <section className="section" aria-labelledby="matches-heading">
      <Heading level={2} data-size="sm" id="matches-heading">
        {t("jobs.matches.title")}
      </Heading>
      <Alert data-color="info" className="notice">
        <Paragraph>{t("jobs.matches.notice")}</Paragraph>
        {matches.data && (
          <Paragraph data-size="xs" className="muted">
            {t("jobs.matches.engine", { version: matches.data.engineVersion })}
          </Paragraph>
        )}
      </Alert>
      <div role="status" aria-live="polite">
        {announcement && (
          <Alert data-color={announcement.kind}>
            <Paragraph>{announcement.text}</Paragraph>
          </Alert>
        )}
      </div>
      {matches.isPending && <Spinner aria-label={t("jobs.matches.loading")} />}
      {matches.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, matches.error)}</Paragraph>
        </Alert>
      )}
      {matches.data && items.length === 0 && <Paragraph>{t("jobs.matches.none")}</Paragraph>}
      {items.length > 0 && (
        <ol className="matches" aria-labelledby="matches-heading">
          {items.map((m, i) => (
            <MatchCard key={m.candidate.id} match={m} rank={i + 1} write={write} busy={adding === m.candidate.id} onAdd={() => void add(m)} />
          ))}
        </ol>
      )}
      {matches.data && items.length >= limit && limit < MAX && (
        <div>
          <Button variant="secondary" onClick={() => setLimit((l) => Math.min(MAX, l + STEP))} loading={matches.isFetching}>
            {t("common.loadMore")}
          </Button>
        </div>
      )}
    </section>
  );
}

function MatchCard({ match, rank, write, busy, onAdd }: { match: CandidateMatch; rank: number; write: boolean; busy: boolean; onAdd: () => void }) {
  const { t } = useTranslation();
  const headingId = `match-${match.candidate.id}`;
  return (
    <li className="match" aria-labelledby={headingId}>
      <div className="match__head">
        <Heading level={3} data-size="2xs" id={headingId}>
          <span className="visually-hidden">{t("jobs.matches.rank", { rank })} </span>
          <Link asChild>
            <RouterLink to="/candidates/$id" params={{ id: match.candidate.id }}>
              {match.candidate.name}
            </RouterLink>
          </Link>
          {match.candidate.municipality && <span className="muted small"> · {match.candidate.municipality}</span>}
        </Heading>
        <span className="match__score">{t("jobs.matches.score", { score: percent(match.score) })}</span>
      </div>
      <MatchExplanation name={match.candidate.name} match={match} />
      <div>
        {match.entry ? (
          <Tag data-color="info">{t("jobs.matches.onList", { stage: match.entry.stageLabel })}</Tag>
        ) : (
          write && (
            <Button variant="secondary" data-size="sm" onClick={onAdd} loading={busy} aria-label={`${t("jobs.matches.add")} – ${match.candidate.name}`}>
              {t("jobs.matches.add")}
            </Button>
          )
        )}
      </div>
    </li>
  );
}

type Explained = {
  reasons: readonly { criterion: string; weight: number; score: number; detail: string }[];
  missing: readonly { key: string; detail: string; required: boolean }[];
};

/** Why a suggestion ranks where it does: a bar per criterion with its weight, then what is missing. */
export function MatchExplanation({ name, match, ns }: { name: string; match: Explained; /** Another i18next namespace with the same jobs.criteria / jobs.matches keys (the candidate portal's). */ ns?: string }) {
  const { t } = useTranslation(ns);
  return (
    <>
      <ul className="reasons" aria-label={t("jobs.matches.why", { name })}>
        {match.reasons.map((r) => (
          <li key={r.criterion} className="reason">
            <span>
              {t(`jobs.criteria.${r.criterion}`)} <span className="muted small">{t("jobs.matches.weight", { weight: percent(r.weight) })}</span>
            </span>
            <ScoreBar score={r.score} />
            <span>{percent(r.score)}</span>
            <span className="reason__detail muted">{r.detail}</span>
          </li>
        ))}
      </ul>
      {match.missing.length > 0 && (
        <div>
          <Paragraph data-size="sm">
            <strong>{t("jobs.matches.missing")}</strong>
          </Paragraph>
          <ul className="missing">
            {match.missing.map((x) => (
              <li key={x.key}>
                {x.detail}{" "}
                {x.required ? (
                  <Tag data-color="danger" data-size="sm">
                    {t("jobs.matches.required")}
                  </Tag>
                ) : (
                  <span className="muted small">({t("jobs.matches.preferred")})</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
