import { useTranslation } from "react-i18next";
import { Heading, Link, Paragraph } from "@digdir/designsystemet-react";

/*
 * Innsyn on the candidate's profile (admin, advisor): everything the network holds about the candidate, as a
 * PDF to hand over and as JSON (machine-readable). Each download is logged in the candidate's access log.
 */
export function AccessReportSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const base = `/api/v1/candidates/${encodeURIComponent(id)}/access-report`;
  return (
    <section className="section" aria-labelledby="access-report-heading">
      <Heading level={2} data-size="xs" id="access-report-heading">
        {t("privacy.accessReport.heading")}
      </Heading>
      <Paragraph>{t("privacy.accessReport.lead")}</Paragraph>
      <ul className="plain cv-links">
        <li>
          <Link href={`${base}.pdf`} download="innsyn.pdf" data-access-report="pdf">
            {t("privacy.accessReport.pdf")}
          </Link>
        </li>
        <li>
          <Link href={base} download="innsyn.json" data-access-report="json">
            {t("privacy.accessReport.json")}
          </Link>
        </li>
      </ul>
    </section>
  );
}
