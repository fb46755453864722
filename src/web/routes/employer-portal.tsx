import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Heading, Link, Paragraph, Spinner, Table, Tag } from "@digdir/designsystemet-react";
import { formatOrgNumber } from "../../shared/orgnr.ts";
import { Page } from "../components/Page.tsx";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";
import { certificatePdfUrl, portalQuery, verifyPath, type Certificate, type PortalEmployer } from "../features/employers/api.ts";
import { Dl, naceLabel, StatusTag, uiLang } from "../features/employers/components.tsx";

/** The employer user's home: their own company as the network has it, and its certificates to download. */
export function EmployerPortalPage() {
  const { t } = useTranslation();
  const portal = useQuery(portalQuery);
  const e = portal.data?.employer;
  return (
    <Page title={e ? e.name : t("employerPortal.title")} lead={<Paragraph>{t("employerPortal.lead")}</Paragraph>}>
      {portal.isPending && <Spinner aria-label={t("common.loading")} />}
      {portal.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, portal.error)}</Paragraph>
        </Alert>
      )}
      {portal.data && <Portal e={portal.data.employer} certificates={portal.data.certificates} />}
    </Page>
  );
}

function Portal({ e, certificates: all }: { e: PortalEmployer; certificates: Certificate[] }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const f = (k: string) => t(`employers.fields.${k}`);
  const address = [e.address, [e.postalCode, e.postalPlace].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const certificates = [...all].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  const contacts = e.contacts;
  return (
    <>
      <section className="section" aria-labelledby="portal-candidates-heading">
        <Heading level={2} data-size="xs" id="portal-candidates-heading">
          {t("sharedCandidates.portalCard.heading")}
        </Heading>
        <Paragraph>{t("sharedCandidates.portalCard.text")}</Paragraph>
        <div>
          <Link asChild>
            <RouterLink to="/portal/candidates">{t("sharedCandidates.portalCard.link")}</RouterLink>
          </Link>
        </div>
      </section>

      <section className="section" aria-labelledby="membership-heading">
        <Heading level={2} data-size="xs" id="membership-heading">
          {t("employerPortal.membership")}
        </Heading>
        <div className="row">
          <StatusTag status={e.membershipStatus} />
          <span>{t(`employerPortal.statusExplained.${e.membershipStatus}`)}</span>
        </div>
      </section>

      <section className="section profile-section" aria-labelledby="certs-heading">
        <Heading level={2} data-size="xs" id="certs-heading">
          {t("employerPortal.certificates")}
        </Heading>
        {certificates.length === 0 && <Paragraph className="muted">{t("employerPortal.noCertificates")}</Paragraph>}
        {certificates.length > 0 && (
          <ul className="plain certificates">
            {certificates.map((c) => (
              <li key={c.id} className="certificate">
                <div className="row row--tight">
                  <strong>{t(`employers.certificates.kinds.${c.kind}`)}</strong>
                  <Tag data-color={c.state === "valid" ? "success" : c.state === "revoked" ? "danger" : "warning"}>{t(`employers.certificates.states.${c.state}`)}</Tag>
                </div>
                <Paragraph data-size="sm">{t("employers.certificates.validity", { from: formatDate(c.issuedAt), to: formatDate(c.validUntil) })}</Paragraph>
                {c.state === "valid" && (
                  <div className="row row--tight">
                    <Link href={certificatePdfUrl(e.id, c.kind, "nb")} download data-certificate={`${c.kind}-nb`}>
                      {t("employers.certificates.downloadNb", { kind: t(`employers.certificates.kinds.${c.kind}`).toLowerCase() })}
                    </Link>
                    <Link href={certificatePdfUrl(e.id, c.kind, "en")} download data-certificate={`${c.kind}-en`} hrefLang="en">
                      {t("employers.certificates.downloadEn", { kind: t(`employers.certificates.kinds.${c.kind}`).toLowerCase() })}
                    </Link>
                    <Link href={verifyPath(c.code)} target="_blank" rel="noreferrer">
                      {t("employerPortal.verifyLink")} <span className="visually-hidden">{t("common.opensInNewTab")}</span>
                    </Link>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section profile-section" aria-labelledby="company-heading">
        <Heading level={2} data-size="xs" id="company-heading">
          {t("employerPortal.company")}
        </Heading>
        <Dl
          rows={[
            [f("orgNumber"), formatOrgNumber(e.orgNumber)],
            [f("industry"), naceLabel(e.naceCode, e.naceSection, lang)],
            [f("address"), address],
            [f("municipality"), e.municipality],
            [f("website"), e.website],
            [f("publicListing"), e.publicListing ? t("employerPortal.listed") : t("employerPortal.notListed")],
          ]}
        />
        <Paragraph data-size="sm" className="muted">
          {t("employerPortal.corrections")}
        </Paragraph>
      </section>

      <section className="section profile-section">
        <Heading level={2} data-size="xs" id="portal-contacts-heading">
          {t("employers.contacts.title")}
        </Heading>
        {contacts.length === 0 ? (
          <Paragraph className="muted">{t("employers.contacts.none")}</Paragraph>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="portal-contacts-heading">
            <Table zebra>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("employers.contacts.name")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("employers.contacts.role")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("employers.contacts.email")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("employers.contacts.phone")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {contacts.map((c) => (
                  <Table.Row key={c.id}>
                    <Table.Cell>{c.name}</Table.Cell>
                    <Table.Cell>{c.role || "–"}</Table.Cell>
                    <Table.Cell>{c.email ?? "–"}</Table.Cell>
                    <Table.Cell>{c.phone ?? "–"}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </>
  );
}
