import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Spinner } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { LoadMore, QueryState, StatusMessage, useKeysetList, type StatusMessageValue } from "../components/QueryState.tsx";
import { formatDateTime } from "../format.ts";
import { isApiError } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { languageName, uiLang } from "../features/candidates/pickers.tsx";
import { sectionLabel } from "../features/employers/components.tsx";
import { getMentor, listMentorships, menteeSuggestions } from "../features/mentoring/api.ts";
import { RelationshipCards, SuggestionList } from "../features/mentoring/components.tsx";

/** One mentor (/mentoring/mentors/{id}): profile, their relationships, and mentees suggested for them. */
export function MentorPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as { saved?: string };
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const mentor = useQuery({ queryKey: ["mentoring", "mentor", id, lang], queryFn: ({ signal }) => getMentor(id, lang, signal) });
  const { list, items } = useKeysetList(["mentoring", "relationships", "mentor", id, lang], (cursor, signal) => listMentorships({ mentorId: id, cursor }, lang, signal));
  const suggestions = useQuery({ queryKey: ["mentoring", "suggestions", "mentor", id, lang], queryFn: ({ signal }) => menteeSuggestions(id, lang, signal), retry: false });
  const m = mentor.data;

  return (
    <Page title={m ? m.name : t("mentoring.mentor.titleEmpty")}>
      {(search.saved === "created" || search.saved === "updated") && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t(`mentoring.mentor.${search.saved}`)}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      <StatusMessage message={message} />
      <QueryState query={mentor} isEmpty={false} empty={null} />
      {m && (
        <>
          <div className="form-actions">
            <Button asChild variant="secondary">
              <RouterLink to="/mentoring/mentors/$id/edit" params={{ id: m.id }}>
                {t("mentoring.mentor.edit")}
              </RouterLink>
            </Button>
            <Link asChild>
              <RouterLink to="/mentoring/mentors">{t("mentoring.mentor.back")}</RouterLink>
            </Link>
          </div>
          <dl className="mentoring-dl">
            {(
              [
                ["organisation", m.organisation || "–"],
                ["email", m.email],
                ["phone", m.phone || "–"],
                ["industry", m.industry ? sectionLabel(m.industry, lang) : "–"],
                ["occupation", m.occupation?.label ?? "–"],
                ["languages", m.languages.map((c) => languageName(c, lang)).join(", ") || "–"],
                ["municipality", m.municipality || "–"],
                ["capacity", t("mentoring.mentors.loadValue", { load: m.load, capacity: m.capacity })],
                ["availability", m.availability || "–"],
              ] as const
            ).map(([key, value]) => (
              <div key={key}>
                <dt>{t(`mentoring.mentorFields.${key}`)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            <div>
              <dt>{t("mentoring.mentors.declaration")}</dt>
              <dd>{m.declarationSignedAt ? t("mentoring.mentor.signedAt", { date: formatDateTime(m.declarationSignedAt) }) : t("mentoring.mentor.notSigned")}</dd>
            </div>
            <div>
              <dt>{t("mentoring.mentor.account")}</dt>
              <dd>{m.hasAccount ? t("mentoring.mentor.hasAccount") : t("mentoring.mentor.noAccount")}</dd>
            </div>
          </dl>
        </>
      )}
      <section className="section" aria-labelledby="mentor-relationships">
        <Heading level={2} data-size="xs" id="mentor-relationships">
          {t("mentoring.mentor.relationships")}
        </Heading>
        <QueryState query={list} isEmpty={items.length === 0} empty={t("mentoring.mentor.noRelationships")} />
        {items.length > 0 && <RelationshipCards items={items} as="coordinator" />}
        <LoadMore list={list} />
      </section>
      <section className="section" aria-labelledby="mentor-suggestions">
        <Heading level={2} data-size="xs" id="mentor-suggestions">
          {t("mentoring.mentor.suggestions")}
        </Heading>
        {suggestions.isPending && <Spinner aria-label={t("common.loading")} />}
        {suggestions.isError && <Paragraph>{isApiError(suggestions.error) && suggestions.error.code === "rule_broken" ? t("mentoring.mentor.cannotTake") : errorMessage(t, suggestions.error)}</Paragraph>}
        {suggestions.data && <SuggestionList items={suggestions.data.items} show="candidate" onProposed={(r) => setMessage({ kind: "success", text: t("mentoring.suggestions.proposed", { mentee: r.mentee.displayName, mentor: r.mentor.name }) })} />}
      </section>
    </Page>
  );
}
