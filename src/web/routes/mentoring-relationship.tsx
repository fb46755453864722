import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Link } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { uiLang } from "../features/candidates/pickers.tsx";
import { getMentorship } from "../features/mentoring/api.ts";
import { RelationshipView } from "../features/mentoring/components.tsx";

/** One relationship for the coordinator (/mentoring/relationships/{id}): the mentee's yes, meetings, the end. */
export function MentoringRelationshipPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useQuery({ queryKey: ["mentoring", "relationship", id, lang], queryFn: ({ signal }) => getMentorship(id, lang, signal) });
  const m = query.data;
  return (
    <Page title={m ? t("mentoring.list.pair", { mentee: m.mentee.displayName, mentor: m.mentor.name }) : t("mentoring.relationship.titleEmpty")}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/mentoring">{t("mentoring.overview.back")}</RouterLink>
        </Link>
        {m && (
          <Link asChild>
            <RouterLink to="/candidates/$id" params={{ id: m.mentee.candidateId }}>
              {t("mentoring.relationship.toCandidate")}
            </RouterLink>
          </Link>
        )}
      </div>
      <QueryState query={query} isEmpty={false} empty={null} />
      {m && <RelationshipView m={m} as="coordinator" />}
    </Page>
  );
}
