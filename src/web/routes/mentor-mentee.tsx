import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Link } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { uiLang } from "../features/candidates/pickers.tsx";
import { getMentorship } from "../features/mentoring/api.ts";
import { RelationshipView } from "../features/mentoring/components.tsx";

/** The mentor's page for one mentee (/mentor/mentees/{id}): the agreed fields, meetings, the end conversation. */
export function MentorMenteePage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useQuery({ queryKey: ["mentoring", "relationship", id, lang], queryFn: ({ signal }) => getMentorship(id, lang, signal) });
  return (
    <Page title={query.data ? t("mentoring.mine.menteeTitle", { name: query.data.mentee.displayName }) : t("mentoring.mine.menteeTitleEmpty")}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/mentor">{t("mentoring.mine.back")}</RouterLink>
        </Link>
      </div>
      <QueryState query={query} isEmpty={false} empty={null} />
      {query.data && <RelationshipView m={query.data} as="mentor" />}
    </Page>
  );
}
