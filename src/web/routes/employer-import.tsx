import { useRef, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, Heading, Input, Label, Link, Paragraph, Switch, Table } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { sendFile, toSearch } from "../features/candidates/api.ts";
import type { EmployerImportReport as ImportResult } from "../features/employers/api.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function contentTypeOf(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith(".csv") || file.type === "text/csv") return "text/csv";
  if (name.endsWith(".xlsx") || file.type === XLSX) return XLSX;
  return null;
}

export function EmployerImportPage() {
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
    if (!file) return form.fail({ file: t("employers.import.chooseFile") });
    const type = contentTypeOf(file);
    if (!type) return form.fail({ file: t("employers.import.wrongType") });
    await form.run(async () => {
      const result = await sendFile<ImportResult>(`/api/v1/employers/import${toSearch({ dryRun: true, skipInvalid })}`, file, type);
      setDryRun({ file, result });
    });
  }

  async function run() {
    if (!dryRun) return;
    await form.run(async () => {
      const result = await sendFile<ImportResult>(`/api/v1/employers/import${toSearch({ dryRun: false, skipInvalid })}`, dryRun.file, contentTypeOf(dryRun.file) ?? "text/csv");
      setImported(result);
      setDryRun(null);
      if (fileRef.current) fileRef.current.value = "";
      await queryClient.invalidateQueries({ queryKey: ["employers"] });
    });
  }

  const r = dryRun?.result;
  const blocked = r !== undefined && r.rejected.length > 0 && !skipInvalid;
  const unknown = r?.unknownColumns ?? [];
  const duplicates = r?.duplicates ?? [];
  return (
    <Page title={t("employers.import.title")}>
      <Paragraph>{t("employers.import.lead")}</Paragraph>
      <Paragraph data-size="sm">
        {t("employers.import.columns")} <code>orgNumber, name, industry, municipality, website, contactName, contactEmail, contactPhone, membershipStatus</code>
      </Paragraph>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      {imported && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t("employers.import.done", { count: imported.imported })}</Paragraph>
            <Paragraph>
              <Link asChild>
                <RouterLink to="/employers">{t("employers.import.toList")}</RouterLink>
              </Link>
            </Paragraph>
          </Alert>
        </FocusTarget>
      )}
      <form className="form" noValidate onSubmit={check}>
        <Field>
          <Label htmlFor="import-file">{t("employers.import.file")}</Label>
          <Field.Description>{t("employers.import.fileHint")}</Field.Description>
          <Input id="import-file" type="file" ref={fileRef} accept={`.csv,.xlsx,text/csv,${XLSX}`} aria-invalid={form.errors.file ? true : undefined} onChange={() => setDryRun(null)} />
          {form.errors.file && (
            <Paragraph data-size="sm" className="field-error">
              {form.errors.file}
            </Paragraph>
          )}
        </Field>
        <Switch id="import-skip-invalid" label={t("employers.import.skipInvalid")} description={t("employers.import.skipInvalidHint")} checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
        <div className="form-actions">
          <Button type="submit" variant={dryRun ? "secondary" : "primary"} loading={form.busy && !dryRun}>
            {t("employers.import.check")}
          </Button>
        </div>
      </form>

      {r && (
        <FocusTarget className="section">
          <Heading level={2} data-size="xs" id="dry-run-heading">
            {t("employers.import.dryRunTitle")}
          </Heading>
          <Paragraph>{t("employers.import.dryRunSummary", { count: r.imported, rejected: r.rejected.length })}</Paragraph>
          {unknown.length > 0 && (
            <Alert data-color="warning">
              <Paragraph>{t("employers.import.unknownColumns", { columns: unknown.join(", ") })}</Paragraph>
            </Alert>
          )}
          {duplicates.length > 0 && (
            <Alert data-color="warning">
              <Paragraph>{t("employers.import.duplicates", { count: duplicates.length, lines: duplicates.map((d) => d.line).join(", ") })}</Paragraph>
            </Alert>
          )}
          {r.rejected.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="rejected-caption">
              <Table zebra>
                <caption id="rejected-caption">{t("employers.import.rejectedCaption", { count: r.rejected.length })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("employers.import.line")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("employers.import.reason")}</Table.HeaderCell>
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
              <Paragraph>{t("employers.import.blocked")}</Paragraph>
            </Alert>
          )}
          {!blocked && r.imported > 0 && (
            <div className="form-actions">
              <Button onClick={() => void run()} loading={form.busy}>
                {t("employers.import.run", { count: r.imported })}
              </Button>
            </div>
          )}
        </FocusTarget>
      )}
    </Page>
  );
}
