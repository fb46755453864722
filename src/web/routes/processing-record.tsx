import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Paragraph, Spinner, Table, Tag } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import "../features/audit/audit.css";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { formatDateTime } from "../format.ts";
import type { ProcessingRecord } from "../features/audit/api.ts";

/** Behandlingsprotokoll: the record of processing activities (GDPR art. 30), generated, printable. */
export function ProcessingRecordPage() {
  const { t, i18n } = useTranslation();
  const lang: "nb" | "en" = i18n.resolvedLanguage === "en" ? "en" : "nb";
  const record = useQuery({ queryKey: ["audit", "processing-record"], queryFn: ({ signal }) => api<ProcessingRecord>("/api/v1/audit/processing-record", { signal }) });
  const r = record.data;
  return (
    <Page title={t("audit.record.title")} lead={<Paragraph>{t("audit.record.lead")}</Paragraph>}>
      {record.isPending && <Spinner aria-label={t("common.loading")} />}
      {record.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, record.error)}</Paragraph>
        </Alert>
      )}
      {r && (
        <>
          <div className="row row--tight no-print">
            <Button variant="secondary" onClick={() => window.print()}>
              {t("audit.record.print")}
            </Button>
          </div>
          <Paragraph>
            {t("audit.record.controller", { network: r.controller.network, municipality: r.controller.municipality || "–" })} {t("audit.record.generated", { at: formatDateTime(r.generatedAt) })}
          </Paragraph>

          <section className="section" aria-labelledby="record-purposes">
            <Heading level={2} data-size="xs" id="record-purposes">
              {t("audit.record.purposes")}
            </Heading>
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="record-purposes-caption">
              <Table zebra className="placements-table">
                <caption id="record-purposes-caption">{t("audit.record.purposesCaption", { count: r.purposes.length })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell scope="col">{t("audit.record.purpose")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("audit.record.description")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("audit.record.legalBasis")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("audit.record.categories")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {r.purposes.map((p) => (
                    <Table.Row key={p.key}>
                      <Table.HeaderCell scope="row">{p.name[lang]}</Table.HeaderCell>
                      <Table.Cell>
                        {p.description[lang]}
                        {p.consentVersion && <span className="muted"> ({t("audit.record.consentVersion", { version: p.consentVersion })})</span>}
                      </Table.Cell>
                      <Table.Cell>{p.legalBasis[lang]}</Table.Cell>
                      <Table.Cell>{p.dataCategories.map((key) => r.dataCategories.find((c) => c.key === key)?.name[lang] ?? key).join("; ")}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </section>

          <section className="section" aria-labelledby="record-people">
            <Heading level={2} data-size="xs" id="record-people">
              {t("audit.record.people")}
            </Heading>
            <ul>
              {r.people.map((p) => (
                <li key={p.key}>
                  {p.name[lang]}
                  {p.count !== null && ` — ${t("audit.record.count", { count: p.count })}`}
                </li>
              ))}
            </ul>
          </section>

          <section className="section" aria-labelledby="record-data">
            <Heading level={2} data-size="xs" id="record-data">
              {t("audit.record.data")}
            </Heading>
            <ul>
              {r.dataCategories.map((c) => (
                <li key={c.key}>
                  <strong>{c.name[lang]}</strong>{" "}
                  {c.special && (
                    <Tag data-color="warning" data-size="sm">
                      {t("audit.record.special")}
                    </Tag>
                  )}
                  <br />
                  <span className="muted">{c.fields.join(", ")}</span>
                </li>
              ))}
            </ul>
          </section>

          <section className="section" aria-labelledby="record-recipients">
            <Heading level={2} data-size="xs" id="record-recipients">
              {t("audit.record.recipients")}
            </Heading>
            <ul>
              {r.recipients.map((x) => (
                <li key={x.key}>
                  <strong>{x.name[lang]}</strong>: {x.condition[lang]}
                </li>
              ))}
            </ul>
            <Paragraph>{r.transfers[lang]}</Paragraph>
          </section>

          <section className="section" aria-labelledby="record-retention">
            <Heading level={2} data-size="xs" id="record-retention">
              {t("audit.record.retention")}
            </Heading>
            <ul>
              {r.retention.map((x) => (
                <li key={x.key}>
                  <strong>{x.name[lang]}</strong>: {x.rule[lang]}
                </li>
              ))}
            </ul>
          </section>

          <section className="section" aria-labelledby="record-security">
            <Heading level={2} data-size="xs" id="record-security">
              {t("audit.record.security")}
            </Heading>
            <ul>
              {r.security.map((x) => (
                <li key={x.key}>{x.name[lang]}</li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}
