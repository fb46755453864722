import { useRef, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, Heading, Input, Label, Link, Paragraph, Switch, Table } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { sendFile, toSearch, type ImportResult } from "../features/candidates/api.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function contentTypeOf(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith(".csv") || file.type === "text/csv") return "text/csv";
  if (name.endsWith(".xlsx") || file.type === XLSX) return XLSX;
  return null;
}

export function CandidateImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ file: "import-file" });
  const fileRef = useRef<HTMLInputElement>(null);
  const [skipInvalid, setSkipInvalid] = useState(true);
  const [dryRun, setDryRun] = useState<{ file: File; result: ImportResult } | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);

  async function check(event: FormEvent) {
    event.preventDefault();
    setDryRun(null);
    setImported(null);
    const file = fileRef.current?.files?.[0];
    if (!file) return form.fail({ file: t("candidates.import.chooseFile") });
    const type = contentTypeOf(file);
    if (!type) return form.fail({ file: t("candidates.import.wrongType") });
    await form.run(async () => {
      const result = await sendFile<ImportResult>(`/api/v1/candidates/import${toSearch({ dryRun: true, skipInvalid })}`, file, type);
      setDryRun({ file, result });
    });
  }

  async function run() {
    if (!dryRun) return;
    await form.run(async () => {
      const result = await sendFile<ImportResult>(`/api/v1/candidates/import${toSearch({ dryRun: false, skipInvalid })}`, dryRun.file, contentTypeOf(dryRun.file) ?? "text/csv");
      setImported(result);
      setDryRun(null);
      if (fileRef.current) fileRef.current.value = "";
      await queryClient.invalidateQueries({ queryKey: ["candidates"] });
    });
  }

  const r = dryRun?.result;
  const blocked = r !== undefined && r.rejected.length > 0 && !skipInvalid;
  return (
    <Page title={t("candidates.import.title")}>
      <Paragraph>{t("candidates.import.lead")}</Paragraph>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      {imported && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t("candidates.import.done", { count: imported.imported })}</Paragraph>
            <Paragraph>
              <Link asChild>
                <RouterLink to="/candidates">{t("candidates.import.toList")}</RouterLink>
              </Link>
            </Paragraph>
          </Alert>
        </FocusTarget>
      )}
      <form className="form" noValidate onSubmit={check}>
        <Field>
          <Label htmlFor="import-file">{t("candidates.import.file")}</Label>
          <Field.Description>{t("candidates.import.fileHint")}</Field.Description>
          <Input id="import-file" type="file" ref={fileRef} accept={`.csv,.xlsx,text/csv,${XLSX}`} aria-invalid={form.errors.file ? true : undefined} onChange={() => setDryRun(null)} />
          {form.errors.file && <Paragraph data-size="sm" className="field-error">{form.errors.file}</Paragraph>}
        </Field>
        <Switch id="import-skip-invalid" label={t("candidates.import.skipInvalid")} description={t("candidates.import.skipInvalidHint")} checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
        <div className="form-actions">
          <Button type="submit" variant={dryRun ? "secondary" : "primary"} loading={form.busy && !dryRun}>
            {t("candidates.import.check")}
          </Button>
        </div>
      </form>

      {r && (
        <FocusTarget className="section">
          <Heading level={2} data-size="xs" id="dry-run-heading">
            {t("candidates.import.dryRunTitle")}
          </Heading>
          <Paragraph>{t("candidates.import.dryRunSummary", { count: r.imported, rejected: r.rejected.length })}</Paragraph>
          {r.unknownColumns.length > 0 && (
            <Alert data-color="warning">
              <Paragraph>{t("candidates.import.unknownColumns", { columns: r.unknownColumns.join(", ") })}</Paragraph>
            </Alert>
          )}
          {r.duplicates.length > 0 && (
            <Alert data-color="warning">
              <Paragraph>{t("candidates.import.duplicates", { count: r.duplicates.length })}</Paragraph>
              <ul>
                {r.duplicates.map((d) => (
                  <li key={d.line}>{t("candidates.import.duplicateLine", { line: d.line })}</li>
                ))}
              </ul>
            </Alert>
          )}
          {r.rejected.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="rejected-caption">
              <Table zebra>
                <caption id="rejected-caption">{t("candidates.import.rejectedCaption", { count: r.rejected.length })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("candidates.import.line")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("candidates.import.reason")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {r.rejected.map((x, i) => (
                    <Table.Row key={`${x.line}-${i}`}>
                      <Table.Cell>{x.line}</Table.Cell>
                      <Table.Cell>{x.reason}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          {blocked && (
            <Alert data-color="danger">
              <Paragraph>{t("candidates.import.blocked")}</Paragraph>
            </Alert>
          )}
          {!blocked && r.imported > 0 && (
            <div className="form-actions">
              <Button onClick={() => void run()} loading={form.busy}>
                {t("candidates.import.run", { count: r.imported })}
              </Button>
            </div>
          )}
        </FocusTarget>
      )}
    </Page>
  );
}
