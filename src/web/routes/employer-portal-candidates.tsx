import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Details, Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { LoadMore, QueryState, StatusMessage, useKeysetList, type StatusMessageValue } from "../components/QueryState.tsx";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";
import { languageName, uiLang } from "../features/candidates/pickers.tsx";
import type { Lang } from "../features/candidates/api.ts";
import { listSharedCandidates, respondToShared, sharedCvUrl, type EmployerResponse, type SharedCandidate } from "../features/placements/api.ts";
import { employerResponses } from "../../shared/jobs.ts";
import "../features/placements/placements.css";

/** The employer user's view of the candidates the network has shared with the company, with valid consent. */
export function EmployerPortalCandidatesPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const { list, items } = useKeysetList(["employer-portal", "candidates", lang], (cursor, signal) => listSharedCandidates(cursor, lang, signal));
  const [message, setMessage] = useState<StatusMessageValue>(null);
  return (
    <Page title={t("sharedCandidates.title")} lead={<Paragraph>{t("sharedCandidates.lead")}</Paragraph>}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/portal">{t("sharedCandidates.backToPortal")}</RouterLink>
        </Link>
      </div>
      <StatusMessage message={message} />
      <QueryState query={list} isEmpty={items.length === 0} empty={t("sharedCandidates.none")} />
      {items.length > 0 && (
        <section className="section" aria-labelledby="shared-heading">
          <Heading level={2} data-size="xs" id="shared-heading">
            {t("sharedCandidates.count", { count: items.length })}
          </Heading>
          <ul className="placements-cards">
            {items.map((c) => (
              <SharedCard key={c.entryId} c={c} lang={lang} onDone={setMessage} />
            ))}
          </ul>
        </section>
      )}
      <LoadMore list={list} />
    </Page>
  );
}

function SharedCard({ c, lang, onDone }: { c: SharedCandidate; lang: Lang; onDone: (m: { kind: "success" | "danger"; text: string }) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const who = c.candidate.name ?? t("sharedCandidates.anonymousName", { reference: c.candidate.reference });
  const headingId = `shared-${c.entryId}`;
  const respond = useMutation({
    mutationFn: (response: EmployerResponse) => respondToShared(c.entryId, response),
    onSuccess: async (_r, response) => {
      onDone({ kind: "success", text: t("sharedCandidates.saved", { name: who, response: t(`sharedCandidates.responses.${response}`) }) });
      await queryClient.invalidateQueries({ queryKey: ["employer-portal", "candidates"] });
    },
    onError: (e) => onDone({ kind: "danger", text: errorMessage(t, e) }),
  });
  const x = c.candidate;
  const cefr = (l: SharedCandidate["candidate"]["languages"][number]) =>
    l.native
      ? t("sharedCandidates.native")
      : (["listening", "reading", "writing", "speaking"] as const)
          .filter((k) => l[k])
          .map((k) => `${t(`sharedCandidates.skills4.${k}`)} ${l[k]}`)
          .join(", ");
  return (
    <li className="placements-card" aria-labelledby={headingId}>
      <div className="placements-card__head">
        <Heading level={3} data-size="2xs" id={headingId}>
          {who}
        </Heading>
        <div className="row row--tight">
          <Tag data-color={c.variant === "full" ? "info" : "neutral"}>{t(`sharedCandidates.variants.${c.variant}`)}</Tag>
          {c.employerResponse && <Tag data-color={c.employerResponse === "not_interesting" ? "neutral" : "success"}>{t("sharedCandidates.yourAnswer", { response: t(`sharedCandidates.responses.${c.employerResponse}`) })}</Tag>}
        </div>
      </div>
      <ul className="placements-meta">
        <li>{t("sharedCandidates.forJob", { title: c.job.title })}</li>
        {c.sharedAt && <li>{t("sharedCandidates.sharedAt", { date: formatDate(c.sharedAt) })}</li>}
        {x.availableFrom && <li>{t("sharedCandidates.availableFrom", { date: formatDate(x.availableFrom) })}</li>}
        {x.email && <li>{t("sharedCandidates.email", { email: x.email })}</li>}
        {x.phone && <li>{t("sharedCandidates.phone", { phone: x.phone })}</li>}
      </ul>
      {x.summary && <Paragraph className="prewrap">{x.summary}</Paragraph>}
      <Details>
        <Details.Summary>{t("sharedCandidates.more")}</Details.Summary>
        <Details.Content>
          <div className="stack">
            {x.experience.length > 0 && (
              <div>
                <strong>{t("sharedCandidates.experience")}</strong>
                <ul>
                  {x.experience.map((e, i) => (
                    <li key={i}>
                      {e.title || e.occupation.label}
                      {e.employer && `, ${e.employer}`} ({t("sharedCandidates.years", { count: e.years })}
                      {e.abroad ? `, ${t("sharedCandidates.abroad")}` : ""})
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {x.education.length > 0 && (
              <div>
                <strong>{t("sharedCandidates.education")}</strong>
                <ul>
                  {x.education.map((e, i) => (
                    <li key={i}>
                      {[e.field, e.institution].filter(Boolean).join(", ") || t(`candidates.educationLevels.${e.level}`, { defaultValue: e.level })}
                      {e.yearCompleted ? ` (${e.yearCompleted})` : ""}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {x.skills.length > 0 && (
              <div>
                <strong>{t("sharedCandidates.skills")}</strong>
                <Paragraph data-size="sm">{x.skills.map((s) => s.label).join(", ")}</Paragraph>
              </div>
            )}
            {x.languages.length > 0 && (
              <div>
                <strong>{t("sharedCandidates.languages")}</strong>
                <ul>
                  {x.languages.map((l) => (
                    <li key={l.code}>
                      {languageName(l.code, lang)}: {cefr(l) || "–"}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {x.drivingLicences.length > 0 && (
              <div>
                <strong>{t("sharedCandidates.licences")}</strong> {x.drivingLicences.join(", ")}
              </div>
            )}
            {x.certificates.length > 0 && (
              <div>
                <strong>{t("sharedCandidates.certificates")}</strong> {x.certificates.map((k) => (k.year ? `${k.name} (${k.year})` : k.name)).join(", ")}
              </div>
            )}
          </div>
        </Details.Content>
      </Details>
      <div className="row">
        <Link href={sharedCvUrl(c, lang)} download>
          {t("sharedCandidates.cv", { name: who })}
        </Link>
      </div>
      <div role="group" aria-labelledby={`${headingId}-answer`} className="stack">
        <span id={`${headingId}-answer`} className="small">
          {t("sharedCandidates.answerLabel", { name: who })}
        </span>
        <div className="row row--tight">
          {employerResponses.map((r) => (
            <Button
              key={r}
              data-size="sm"
              variant={c.employerResponse === r ? "primary" : "secondary"}
              aria-pressed={c.employerResponse === r}
              onClick={() => respond.mutate(r)}
              loading={respond.isPending && respond.variables === r}
            >
              {t(`sharedCandidates.responses.${r}`)}
            </Button>
          ))}
        </div>
      </div>
    </li>
  );
}
