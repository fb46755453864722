import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Field, Heading, Label, Paragraph, Select } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { LoadMore, QueryState, useKeysetList } from "../components/QueryState.tsx";
import { uiLang } from "../features/candidates/pickers.tsx";
import { EntityCombobox, searchCandidates } from "../features/placements/components.tsx";
import { listMentorships, mentorshipStatuses, type MentorshipStatus } from "../features/mentoring/api.ts";
import { RelationshipCards } from "../features/mentoring/components.tsx";

/**
 * Mentorordning for the coordinators (/mentoring): every relationship of the network by status, the way to the
 * mentors, and "find a mentor" for a candidate (its suggestions with reasons).
 */
export function MentoringPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { status?: string };
  const status = (mentorshipStatuses as readonly string[]).includes(search.status ?? "") ? (search.status as MentorshipStatus) : undefined;
  const { list, items } = useKeysetList(["mentoring", "relationships", status ?? "all", lang], (cursor, signal) => listMentorships({ status, cursor }, lang, signal));

  return (
    <Page title={t("mentoring.overview.title")} lead={<Paragraph>{t("mentoring.overview.lead")}</Paragraph>}>
      <div className="form-actions">
        <Button asChild>
          <RouterLink to="/mentoring/mentors">{t("mentoring.mentors.title")}</RouterLink>
        </Button>
        <Button asChild variant="secondary">
          <RouterLink to="/mentoring/mentors/new">{t("mentoring.mentors.new")}</RouterLink>
        </Button>
      </div>
      <section className="section" aria-labelledby="find-mentor-heading">
        <Heading level={2} data-size="xs" id="find-mentor-heading">
          {t("mentoring.overview.findMentor")}
        </Heading>
        <EntityCombobox
          id="mentoring-candidate"
          label={t("mentoring.overview.candidate")}
          description={t("mentoring.overview.candidateHint")}
          kind="mentoring-candidate"
          search={searchCandidates}
          value={null}
          onChange={(c) => c && void navigate({ to: "/mentoring/candidates/$id", params: { id: c.id } })}
        />
      </section>
      <section className="section" aria-labelledby="relationships-heading">
        <Heading level={2} data-size="xs" id="relationships-heading">
          {t("mentoring.overview.relationships")}
        </Heading>
        <Field>
          <Label htmlFor="mentoring-status">{t("mentoring.overview.status")}</Label>
          <Select id="mentoring-status" width="auto" value={status ?? ""} onChange={(e) => void navigate({ to: "/mentoring", search: e.target.value ? { status: e.target.value } : {} })}>
            <Select.Option value="">{t("mentoring.overview.allStatuses")}</Select.Option>
            {mentorshipStatuses.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`mentoring.statuses.${s}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <QueryState query={list} isEmpty={items.length === 0} empty={t("mentoring.overview.none")} />
        {items.length > 0 && <RelationshipCards items={items} as="coordinator" />}
        <LoadMore list={list} />
      </section>
    </Page>
  );
}
