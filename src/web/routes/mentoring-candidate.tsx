import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Heading, Link, Paragraph } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { uiLang } from "../features/candidates/pickers.tsx";
import { mentorSuggestions, type Mentorship } from "../features/mentoring/api.ts";
import { SuggestionList } from "../features/mentoring/components.tsx";

/**
 * Mentors for one candidate (/mentoring/candidates/{id}), best first with their reasons; the coordinator proposes
 * one, and the relationship starts when both have said yes.
 */
export function MentoringCandidatePage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { id } = useParams({ strict: false }) as { id: string };
  const [proposed, setProposed] = useState<Mentorship | null>(null);
  const query = useQuery({ queryKey: ["mentoring", "suggestions", "candidate", id, lang], queryFn: ({ signal }) => mentorSuggestions(id, lang, signal) });
  const name = query.data?.items[0]?.candidate.name;
  return (
    <Page title={name ? t("mentoring.candidate.title", { name }) : t("mentoring.candidate.titleEmpty")} lead={<Paragraph>{t("mentoring.candidate.lead")}</Paragraph>}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/mentoring">{t("mentoring.overview.back")}</RouterLink>
        </Link>
      </div>
      {proposed ? (
        <FocusTarget>
          <Paragraph>{t("mentoring.suggestions.proposed", { mentee: proposed.mentee.displayName, mentor: proposed.mentor.name })}</Paragraph>
          <Link asChild>
            <RouterLink to="/mentoring/relationships/$id" params={{ id: proposed.id }}>
              {t("mentoring.candidate.toRelationship")}
            </RouterLink>
          </Link>
        </FocusTarget>
      ) : (
        <>
          <QueryState query={query} isEmpty={false} empty={null} />
          {query.data && (
            <section className="section" aria-labelledby="candidate-suggestions">
              <Heading level={2} data-size="xs" id="candidate-suggestions">
                {t("mentoring.candidate.listHeading", { count: query.data.items.length })}
              </Heading>
              <SuggestionList items={query.data.items} show="mentor" onProposed={setProposed} />
            </section>
          )}
        </>
      )}
    </Page>
  );
}
