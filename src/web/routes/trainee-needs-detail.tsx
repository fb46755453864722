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
import { isApiError } from "../api.ts";
import { formatDate } from "../format.ts";
import { uiLang } from "../features/candidates/pickers.tsx";
import { requirementLanguageName } from "../features/jobs/components.tsx";
import { canWriteNeeds, deleteNeed, needQuery, type Need } from "../features/trainee/recruitment-api.ts";
import { NeedStatusTag, ShortlistCounts } from "../features/trainee/recruitment-components.tsx";
import { NeedMatchesSection } from "../features/trainee/recruitment-matches.tsx";
import { ShortlistSection } from "../features/trainee/recruitment-shortlist.tsx";

/** One recruitment need: what the unit asks for, the suggested candidates and the shortlist with interviews and decisions. */
export function TraineeNeedDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { needId } = useParams({ strict: false }) as { needId: string };
  const search = useSearch({ strict: false }) as { saved?: "created" | "updated"; tab?: "matches" | "shortlist" };
  const tab = search.tab === "shortlist" ? "shortlist" : "matches";
  const need = useQuery(needQuery(needId, lang));

  return (
    <Page title={need.data?.title ?? t("traineeRecruitment.detail.loadingTitle")}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/trainee/needs">{t("traineeRecruitment.detail.backToList")}</RouterLink>
        </Link>
      </div>
      {search.saved && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t(`traineeRecruitment.detail.${search.saved}`)}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      {need.isPending && <Spinner aria-label={t("common.loading")} />}
      {need.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, need.error)}</Paragraph>
        </Alert>
      )}
      {need.data && (
        <>
          <Summary need={need.data} />
          <nav aria-label={t("traineeRecruitment.detail.sections")} className="job-tabs">
            {(["matches", "shortlist"] as const).map((key) => (
              <RouterLink key={key} to="/trainee/needs/$needId" params={{ needId }} search={{ tab: key }} replace resetScroll={false} className="job-tabs__tab" aria-current={tab === key ? "page" : undefined}>
                {key === "shortlist" ? t("traineeRecruitment.shortlist.title") : t("traineeRecruitment.matches.title")}
              </RouterLink>
            ))}
          </nav>
          {tab === "matches" ? <NeedMatchesSection need={need.data} /> : <ShortlistSection need={need.data} />}
        </>
      )}
    </Page>
  );
}

function Summary({ need }: { need: Need }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const write = canWriteNeeds(me.role);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusMessageValue>(null);

  async function remove() {
    setBusy(true);
    try {
      await deleteNeed(need.id);
      setConfirmDelete(false);
      queryClient.removeQueries({ queryKey: ["trainee-needs", need.id] });
      await queryClient.invalidateQueries({ queryKey: ["trainee-needs", "list"] });
      await navigate({ to: "/trainee/needs" });
    } catch (e) {
      setConfirmDelete(false);
      setMessage({ kind: "danger", text: isApiError(e) && e.code === "rule_broken" ? t("traineeRecruitment.detail.deleteHasShortlist") : errorMessage(t, e) });
    } finally {
      setBusy(false);
    }
  }

  const rows: [string, React.ReactNode][] = [
    [t("traineeRecruitment.fields.unitName"), need.unitName],
    [t("traineeRecruitment.fields.area"), t(`traineeRecruitment.areas.${need.area}`)],
    [t("traineeRecruitment.fields.status"), <NeedStatusTag key="s" status={need.status} />],
    [t("traineeRecruitment.fields.occupationUri"), need.occupation.label],
    [t("traineeRecruitment.fields.educationLevel"), `${t(`candidates.educationLevels.${need.educationLevel}`)}${need.educationField ? `, ${need.educationField}` : ""}`],
    [t("jobs.languages.title"), need.languages.length ? need.languages.map((l) => `${requirementLanguageName(l.code, lang)} ${l.level}${l.subSkills.length && l.subSkills.length < 4 ? ` (${l.subSkills.map((s) => t(`candidates.subSkills.${s}`).toLowerCase()).join(", ")})` : ""}`).join("; ") : "–"],
    [t("jobs.skills.essential"), need.essentialSkills.map((s) => s.label).join(", ") || "–"],
    [t("jobs.skills.optional"), need.optionalSkills.map((s) => s.label).join(", ") || "–"],
    [t("traineeRecruitment.fields.positions"), need.positions],
    [t("traineeRecruitment.fields.startDate"), need.startDate ? formatDate(need.startDate) : "–"],
    [t("traineeRecruitment.fields.offeredPosition"), need.offeredPosition || "–"],
    [t("traineeRecruitment.shortlist.title"), <ShortlistCounts key="c" counts={need.shortlistCounts} />],
  ];

  return (
    <section className="section" aria-labelledby="need-summary-heading">
      <Heading level={2} data-size="xs" id="need-summary-heading">
        {t("traineeRecruitment.detail.summary")}
      </Heading>
      {write && (
        <div className="form-actions">
          <Button asChild variant="secondary">
            <RouterLink to="/trainee/needs/$needId/edit" params={{ needId: need.id }}>
              {t("traineeRecruitment.detail.edit")}
            </RouterLink>
          </Button>
          <Button variant="tertiary" data-color="danger" onClick={() => setConfirmDelete(true)}>
            {t("traineeRecruitment.detail.delete")}
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
      {need.description && <Paragraph className="prewrap">{need.description}</Paragraph>}
      <ConfirmDialog
        open={confirmDelete}
        title={t("traineeRecruitment.detail.deleteTitle")}
        body={t("traineeRecruitment.detail.deleteBody", { title: need.title })}
        confirmLabel={t("traineeRecruitment.detail.delete")}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      />
    </section>
  );
}
