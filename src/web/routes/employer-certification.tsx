import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Link, Paragraph, Spinner, Table, Textfield } from "@digdir/designsystemet-react";
import { formatOrgNumber } from "../../shared/orgnr.ts";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";
import { certificationRuleQuery, proposalsQuery, type CertificationRule, type Proposal } from "../features/employers/api.ts";
import { CertifyDialog, StatusTag } from "../features/employers/components.tsx";

/** The coordinator's certification desk: employers that meet the rule, and the rule itself. */
export function EmployerCertificationPage() {
  const { t } = useTranslation();
  const rule = useQuery(certificationRuleQuery);
  return (
    <Page title={t("employers.certification.title")} lead={<Paragraph>{t("employers.certification.lead")}</Paragraph>}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/employers">{t("employers.board.toList")}</RouterLink>
        </Link>
      </div>
      <Proposals rule={rule.data} />
      <section className="section profile-section" aria-labelledby="rule-heading">
        <Heading level={2} data-size="xs" id="rule-heading">
          {t("employers.certification.ruleTitle")}
        </Heading>
        {rule.isPending && <Spinner aria-label={t("common.loading")} />}
        {rule.isError && (
          <Alert data-color="danger">
            <Paragraph>{errorMessage(t, rule.error)}</Paragraph>
          </Alert>
        )}
        {rule.data && <RuleForm key={rule.dataUpdatedAt} rule={rule.data} />}
      </section>
    </Page>
  );
}

function Proposals({ rule }: { rule?: CertificationRule }) {
  const { t } = useTranslation();
  const proposals = useQuery(proposalsQuery);
  const [certifying, setCertifying] = useState<Proposal | null>(null);
  const [message, setMessage] = useState("");
  const items = proposals.data?.items ?? [];
  return (
    <section className="section">
      <Heading level={2} data-size="xs" id="proposals-heading">
        {t("employers.certification.proposals")}
      </Heading>
      {rule && <Paragraph data-size="sm">{t("employers.certification.ruleSummary", { count: rule.minHires, months: rule.windowMonths })}</Paragraph>}
      <div role="status" aria-live="polite">
        {message && (
          <Alert data-color="success">
            <Paragraph>{message}</Paragraph>
          </Alert>
        )}
      </div>
      {proposals.isPending && <Spinner aria-label={t("common.loading")} />}
      {proposals.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, proposals.error)}</Paragraph>
        </Alert>
      )}
      {proposals.data && items.length === 0 && <Paragraph className="muted">{t("employers.certification.none")}</Paragraph>}
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="proposals-heading">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("employers.fields.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.fields.orgNumber")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.fields.membershipStatus")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.certification.qualifyingHires")}</Table.HeaderCell>
                <Table.HeaderCell>{t("employers.certification.lastHire")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((p) => (
                <Table.Row key={p.employer.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to="/employers/$id" params={{ id: p.employer.id }}>
                        {p.employer.name}
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell className="nowrap">{formatOrgNumber(p.employer.orgNumber)}</Table.Cell>
                  <Table.Cell>
                    <StatusTag status={p.employer.membershipStatus} />
                  </Table.Cell>
                  <Table.Cell>{p.qualifyingHires}</Table.Cell>
                  <Table.Cell className="nowrap">{formatDate(p.lastHireOn)}</Table.Cell>
                  <Table.Cell>
                    <Button data-size="sm" onClick={() => setCertifying(p)} aria-label={t("employers.certification.confirmNamed", { name: p.employer.name })}>
                      {t("employers.certification.confirm")}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <CertifyDialog
        employer={certifying ? certifying.employer : null}
        onCancel={() => setCertifying(null)}
        onDone={() => {
          setMessage(t("employers.certify.done", { name: certifying?.employer.name ?? "" }));
          setCertifying(null);
        }}
      />
    </section>
  );
}

const IDS = { minHires: "rule-minHires", windowMonths: "rule-windowMonths", validityMonths: "rule-validityMonths" };
const LIMITS = { minHires: [1, 100], windowMonths: [1, 120], validityMonths: [1, 60] } as const;

function RuleForm({ rule }: { rule: CertificationRule }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm(IDS);
  const [v, setV] = useState({ minHires: String(rule.minHires), windowMonths: String(rule.windowMonths), validityMonths: String(rule.validityMonths) });
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const errors: Record<string, string> = {};
    for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
      const n = Number(v[key]);
      const [min, max] = LIMITS[key];
      if (!/^\d+$/.test(v[key].trim()) || n < min || n > max) errors[key] = t("employers.certification.between", { min, max });
    }
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      const body = { minHires: Number(v.minHires), windowMonths: Number(v.windowMonths), validityMonths: Number(v.validityMonths) };
      await api(`/api/v1/employers/certification-rule`, { method: "PUT", body });
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ["employers", "certification-rule"] });
      await queryClient.invalidateQueries({ queryKey: ["employers", "certification-proposals"] });
    });
  }

  return (
    <>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <div role="status" aria-live="polite">
        {saved && (
          <Alert data-color="success">
            <Paragraph>{t("employers.certification.ruleSaved")}</Paragraph>
          </Alert>
        )}
      </div>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="rule-heading">
        <Textfield id={IDS.minHires} label={t("employers.certification.minHires")} description={t("employers.certification.minHiresHint")} inputMode="numeric" value={v.minHires} onChange={(e) => setV({ ...v, minHires: e.target.value })} error={form.errors.minHires} maxLength={3} />
        <Textfield id={IDS.windowMonths} label={t("employers.certification.windowMonths")} description={t("employers.certification.windowMonthsHint")} inputMode="numeric" value={v.windowMonths} onChange={(e) => setV({ ...v, windowMonths: e.target.value })} error={form.errors.windowMonths} maxLength={3} />
        <Textfield id={IDS.validityMonths} label={t("employers.certification.validityMonths")} description={t("employers.certification.validityMonthsHint")} inputMode="numeric" value={v.validityMonths} onChange={(e) => setV({ ...v, validityMonths: e.target.value })} error={form.errors.validityMonths} maxLength={2} />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("employers.certification.saveRule")}
          </Button>
        </div>
      </form>
    </>
  );
}
