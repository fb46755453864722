import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Heading, Link, Paragraph, Spinner, Tag } from "@digdir/designsystemet-react";
import { useMe } from "../../session.ts";
import { errorMessage } from "../../errors.ts";
import { isApiError } from "../../api.ts";
import { percent } from "../jobs/components.tsx";
import { MatchExplanation } from "../jobs/matches.tsx";
import { uiLang } from "../candidates/pickers.tsx";
import { addToShortlist, needMatchesQuery, NEED_READERS, type Need, type NeedMatch } from "./recruitment-api.ts";
import { EntryStatusTag, ProgrammeFitText } from "./recruitment-components.tsx";

const STEP = 20;
const MAX = 100;

/**
 * "Forslag": candidates for the need, ranked by the matching engine as for a job and explained the same way, under the
 * programme's rule (higher education). Those without higher education are left out unless asked for; then they come
 * last, marked. A notice says a person decides. Shortlisting keeps the score shown.
 */
export function NeedMatchesSection({ need }: { need: Need }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(STEP);
  const [includeIneligible, setIncludeIneligible] = useState(false);
  const matches = useQuery({ ...needMatchesQuery(need.id, limit, includeIneligible, lang), placeholderData: keepPreviousData });
  const [announcement, setAnnouncement] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const items = matches.data?.items ?? [];
  const write = NEED_READERS.includes(me.role) && need.status === "open";

  async function add(m: NeedMatch) {
    if (adding) return;
    setAdding(m.candidate.id);
    setAnnouncement(null);
    try {
      await addToShortlist(need.id, { candidateId: m.candidate.id, matchScore: m.score });
      setAnnouncement({ kind: "success", text: t("traineeRecruitment.matches.added", { name: m.candidate.name }) });
      await queryClient.invalidateQueries({ queryKey: ["trainee-needs", need.id] });
      void queryClient.invalidateQueries({ queryKey: ["trainee-needs", "list"] });
    } catch (e) {
      const reason = isApiError(e) && e.code === "conflict" ? t("traineeRecruitment.matches.already") : errorMessage(t, e);
      setAnnouncement({ kind: "danger", text: t("traineeRecruitment.matches.addFailed", { name: m.candidate.name, reason }) });
    } finally {
      setAdding(null);
    }
  }

  return (
    <section className="section" aria-labelledby="need-matches-heading">
      <Heading level={2} data-size="sm" id="need-matches-heading">
        {t("traineeRecruitment.matches.title")}
      </Heading>
      <Alert data-color="info" className="notice">
        <Paragraph>{t("traineeRecruitment.matches.notice")}</Paragraph>
        {matches.data && (
          <Paragraph data-size="xs" className="muted">
            {t("jobs.matches.engine", { version: matches.data.engineVersion })}
          </Paragraph>
        )}
      </Alert>
      <Checkbox id="need-include-ineligible" label={t("traineeRecruitment.matches.includeIneligible")} checked={includeIneligible} onChange={(e) => setIncludeIneligible(e.target.checked)} />
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
      {matches.data && items.length === 0 && <Paragraph>{t("traineeRecruitment.matches.none")}</Paragraph>}
      {items.length > 0 && (
        <ol className="matches" aria-labelledby="need-matches-heading">
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

function MatchCard({ match, rank, write, busy, onAdd }: { match: NeedMatch; rank: number; write: boolean; busy: boolean; onAdd: () => void }) {
  const { t } = useTranslation();
  const headingId = `need-match-${match.candidate.id}`;
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
      <div className="row">
        {match.programme.higherEducation ? (
          <Tag data-color="success" data-size="sm">
            {t("traineeRecruitment.fit.higherEducation")}
          </Tag>
        ) : (
          <Tag data-color="danger" data-size="sm">
            {t("traineeRecruitment.fit.notEligible")}
          </Tag>
        )}
        <ProgrammeFitText fit={match.programme} />
      </div>
      <MatchExplanation name={match.candidate.name} match={match} />
      <div>
        {match.entry ? (
          <span>
            {t("traineeRecruitment.matches.onShortlist")} <EntryStatusTag status={match.entry.status} />
          </span>
        ) : (
          write &&
          match.eligible && (
            <Button variant="secondary" data-size="sm" onClick={onAdd} loading={busy} aria-label={`${t("traineeRecruitment.matches.add")} – ${match.candidate.name}`}>
              {t("traineeRecruitment.matches.add")}
            </Button>
          )
        )}
      </div>
    </li>
  );
}
