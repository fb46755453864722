import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { useKeysetList } from "../components/QueryState.tsx";
import {
  getMyAccessLog,
  getMyConsents,
  getMyProfile,
  myDataExportPdfUrl,
  myDataExportUrl,
  portalKeys,
  requestErasure,
  withdrawMyConsent,
  type MyConsent,
} from "../features/portal/api.ts";
import { formatPortalDate } from "../features/portal/i18n.ts";
import { PortalConfirm, PortalQueryState, PortalSection, PortalStatus, usePortalT } from "../features/portal/components.tsx";

/** "Personvern" (/my/privacy): consents with withdrawal, who has read the record, a copy of the data, erasure. */
export function PortalPrivacyPage() {
  const { t } = usePortalT();
  return (
    <Page title={t("privacy.title")} lead={<Paragraph>{t("privacy.lead")}</Paragraph>}>
      <Consents />
      <AccessLog />
      <PortalSection id="copy-heading" title={t("privacy.copy")}>
        <Paragraph>{t("privacy.copyLead")}</Paragraph>
        <div className="portal-actions">
          <Link href={myDataExportPdfUrl} download>
            {t("privacy.copyPdf")}
          </Link>
          <Link href={myDataExportUrl} download>
            {t("privacy.copyJson")}
          </Link>
        </div>
      </PortalSection>
      <Erasure />
    </Page>
  );
}

function consentTitle(t: ReturnType<typeof usePortalT>["t"], c: MyConsent) {
  return t(`privacy.purposes.${c.purpose}`, { employer: c.employer?.name ?? "", job: c.job?.title ?? "" });
}

function Consents() {
  const { t, lang } = usePortalT();
  const queryClient = useQueryClient();
  const consents = useQuery({ queryKey: portalKeys.consents, queryFn: ({ signal }) => getMyConsents(signal) });
  const [confirm, setConfirm] = useState<MyConsent | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const items = consents.data?.items ?? [];
  async function withdraw(c: MyConsent) {
    setBusy(true);
    try {
      await withdrawMyConsent(c.id);
      setMessage({ kind: "success", text: t("privacy.withdrawn") });
      await queryClient.invalidateQueries({ queryKey: portalKeys.all });
    } catch {
      setMessage({ kind: "danger", text: t("common.error") });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  }
  return (
    <PortalSection id="consents-heading" title={t("privacy.consents")}>
      <PortalStatus message={message} />
      <PortalQueryState query={consents} />
      {consents.data && items.length === 0 && <Paragraph>{t("privacy.consentsNone")}</Paragraph>}
      <ul className="portal-list">
        {items.map((c) => (
          <li key={c.id} className="portal-card">
            <Heading level={3} data-size="2xs">
              {consentTitle(t, c)}
            </Heading>
            <Paragraph data-size="sm">
              {c.valid ? <Tag data-color="success">{t("privacy.valid")}</Tag> : <Tag data-color="neutral">{t("privacy.withdrawnOn", { date: formatPortalDate(c.withdrawnAt, lang) })}</Tag>}{" "}
              {t("privacy.given", { date: formatPortalDate(c.givenAt, lang) })}
            </Paragraph>
            <Paragraph data-size="sm" lang={lang === "nb" ? "nb" : "en"}>
              {lang === "nb" ? c.text.nb : c.text.en}
            </Paragraph>
            {c.valid && (
              <div className="portal-actions">
                <Button variant="secondary" data-color="danger" aria-label={`${t("privacy.withdraw")}: ${consentTitle(t, c)}`} onClick={() => setConfirm(c)}>
                  {t("privacy.withdraw")}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <PortalConfirm
        open={confirm !== null}
        title={t("privacy.withdrawTitle")}
        body={t("privacy.withdrawBody")}
        confirmLabel={t("privacy.withdrawConfirm")}
        danger
        busy={busy}
        onConfirm={() => confirm && void withdraw(confirm)}
        onCancel={() => setConfirm(null)}
      />
    </PortalSection>
  );
}

function AccessLog() {
  const { t, lang } = usePortalT();
  const { list, items } = useKeysetList(portalKeys.log, (cursor, signal) => getMyAccessLog(cursor, signal));
  return (
    <PortalSection id="log-heading" title={t("privacy.log")}>
      <Paragraph data-size="sm" id="log-lead">
        {t("privacy.logLead")}
      </Paragraph>
      <PortalQueryState query={list} />
      {list.data && items.length === 0 && <Paragraph>{t("privacy.logNone")}</Paragraph>}
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="log-heading log-lead">
          <table className="portal-log">
            <thead>
              <tr>
                <th scope="col">{t("privacy.logWhen")}</th>
                <th scope="col">{t("privacy.logWho")}</th>
                <th scope="col">{t("privacy.logWhy")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row, i) => (
                <tr key={`${row.at}-${i}`}>
                  <td>{formatPortalDate(row.at, lang, true)}</td>
                  <td>
                    {t(`privacy.roles.${row.role}`, { defaultValue: row.role })}
                    {row.role !== "self" && row.organisation ? `, ${row.organisation}` : ""}
                  </td>
                  <td>{t(`privacy.accessPurposes.${row.purpose}`, { defaultValue: row.purpose })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <div className="portal-actions">
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t("privacy.logMore")}
          </Button>
        </div>
      )}
    </PortalSection>
  );
}

function Erasure() {
  const { t, lang } = usePortalT();
  const queryClient = useQueryClient();
  const profile = useQuery({ queryKey: portalKeys.profile(lang), queryFn: ({ signal }) => getMyProfile(lang, signal) });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const erasedAt = profile.data?.erasureRequestedAt;
  async function erase() {
    setBusy(true);
    setFailed(false);
    try {
      await requestErasure();
      await queryClient.invalidateQueries({ queryKey: portalKeys.all });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
      setOpen(false);
    }
  }
  return (
    <PortalSection id="erase-heading" title={t("privacy.erase")}>
      <PortalStatus message={erasedAt ? { kind: "success", text: t("privacy.erasedOn", { date: formatPortalDate(erasedAt, lang) }) } : failed ? { kind: "danger", text: t("common.error") } : null} />
      {!erasedAt && profile.data && (
        <>
          <Paragraph>{t("privacy.eraseLead")}</Paragraph>
          <div className="portal-actions">
            <Button variant="secondary" data-color="danger" onClick={() => setOpen(true)}>
              {t("privacy.eraseButton")}
            </Button>
          </div>
        </>
      )}
      <PortalConfirm open={open} title={t("privacy.eraseTitle")} body={t("privacy.eraseBody")} confirmLabel={t("privacy.eraseConfirm")} danger busy={busy} onConfirm={() => void erase()} onCancel={() => setOpen(false)} />
    </PortalSection>
  );
}
