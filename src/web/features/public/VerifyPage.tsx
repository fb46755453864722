import { useState, type CSSProperties, type FormEvent } from "react";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading, Paragraph, Spinner, Textfield } from "@digdir/designsystemet-react";
import { FocusTarget, Page } from "../../components/Page.tsx";
import { FormErrors } from "../../components/FormErrors.tsx";
import { useForm } from "../../components/useForm.ts";
import { isApiError } from "../../api.ts";
import { errorMessage } from "../../errors.ts";
import { normaliseCode } from "../../../shared/certificates.ts";
import { formatOrgNumber } from "../../../shared/orgnr.ts";
import { networkColour, publicCertificateQuery, type PublicCertificate } from "./api.ts";
import "./public.css";

/*
 * /verify and /verify/{code}: anyone (no sign-in) checks that a certificate is genuine and still valid. The QR code
 * on the certificate leads here. The answer is plain: genuine and valid, genuine but expired, revoked, or unknown.
 */

function longDate(value: string, lang: string | undefined) {
  const d = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleDateString(lang === "en" ? "en-GB" : "nb-NO", { dateStyle: "long", timeZone: "Europe/Oslo" });
}

export function VerifyPage() {
  const { t } = useTranslation();
  const params = useParams({ strict: false }) as { code?: string };
  const code = params.code ? decodeURIComponent(params.code) : undefined;
  // Focus the answer when it comes from the form on this page (not on arrival from a QR code).
  const [asked, setAsked] = useState(false);
  return (
    <Page title={t("public.verify.title")} lead={<Paragraph>{t("public.verify.lead")}</Paragraph>}>
      {code !== undefined && <VerifyResult key={code} code={code} focus={asked} />}
      <VerifyForm initial={code ? (normaliseCode(code) ?? code) : ""} onAsk={() => setAsked(true)} again={code !== undefined} />
    </Page>
  );
}

function VerifyForm({ initial, onAsk, again }: { initial: string; onAsk: () => void; again: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({ code: "verify-code" });
  const [value, setValue] = useState(initial);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const typed = value.trim();
    if (!typed) return form.fail({ code: t("public.verify.codeRequired") });
    const code = normaliseCode(typed);
    if (!code) return form.fail({ code: t("public.verify.codeMalformed") });
    form.reset();
    setValue(code);
    onAsk();
    await navigate({ to: "/verify/$code", params: { code } });
  }

  return (
    <section className="section" aria-labelledby="verify-form-heading">
      <Heading level={2} data-size="xs" id="verify-form-heading">
        {again ? t("public.verify.another") : t("public.verify.formHeading")}
      </Heading>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield
          id="verify-code"
          label={t("public.verify.codeLabel")}
          description={t("public.verify.codeHint")}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={form.errors.code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
        />
        <div className="form-actions">
          <Button type="submit">{t("public.verify.submit")}</Button>
        </div>
      </form>
    </section>
  );
}

function VerifyResult({ code, focus }: { code: string; focus: boolean }) {
  const { t } = useTranslation();
  const result = useQuery(publicCertificateQuery(code));
  if (result.isPending) return <Spinner aria-label={t("public.verify.checking")} />;
  if (result.isError) {
    const e = result.error;
    if (isApiError(e) && e.status === 404) {
      const body = (
        <div className="verify-result" style={{ "--mf-network": "#c01b1b" } as CSSProperties}>
          <div className="verify-result__body">
            <Heading level={2} data-size="sm" className="verify-result__verdict">
              <span className="verify-result__mark verify-result__mark--unknown" aria-hidden="true">
                ✕
              </span>
              {t("public.verify.unknownVerdict")}
            </Heading>
            <Paragraph>{t("public.verify.unknownBody", { code })}</Paragraph>
          </div>
        </div>
      );
      return focus ? <FocusTarget className="verify-result-wrap">{body}</FocusTarget> : body;
    }
    return (
      <Alert data-color="danger">
        <Paragraph>{errorMessage(t, e)}</Paragraph>
      </Alert>
    );
  }
  const body = <ResultCard certificate={result.data} />;
  return focus ? <FocusTarget className="verify-result-wrap">{body}</FocusTarget> : body;
}

function ResultCard({ certificate: c }: { certificate: PublicCertificate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage;
  const mark = c.state === "valid" ? "✓" : c.state === "expired" ? "!" : "✕";
  const verdict =
    c.state === "valid"
      ? t("public.verify.validVerdict")
      : c.state === "expired"
        ? t("public.verify.expiredVerdict", { date: longDate(c.validUntil, lang) })
        : t("public.verify.revokedVerdict", { date: c.revokedAt ? longDate(c.revokedAt, lang) : "" });
  const explanation =
    c.state === "valid"
      ? t(`public.verify.validBody.${c.kind}`, { employer: c.employer.name, network: c.network.name })
      : c.state === "expired"
        ? t("public.verify.expiredBody", { employer: c.employer.name, network: c.network.name })
        : t("public.verify.revokedBody", { network: c.network.name });
  return (
    <article className="verify-result" style={{ "--mf-network": networkColour(c.network.themeColor) } as CSSProperties} aria-labelledby="verify-verdict">
      <div className="verify-result__band">{c.network.name}</div>
      <div className="verify-result__body">
        <Heading level={2} data-size="sm" className="verify-result__verdict" id="verify-verdict">
          <span className={`verify-result__mark verify-result__mark--${c.state}`} aria-hidden="true">
            {mark}
          </span>
          {verdict}
        </Heading>
        <Paragraph>{explanation}</Paragraph>
        <dl className="verify-result__facts">
          <dt>{t("public.verify.kind")}</dt>
          <dd>{t(`public.kinds.${c.kind}`)}</dd>
          <dt>{t("public.verify.employer")}</dt>
          <dd>{c.employer.name}</dd>
          <dt>{t("public.verify.orgNumber")}</dt>
          <dd>{formatOrgNumber(c.employer.orgNumber)}</dd>
          <dt>{t("public.verify.issued")}</dt>
          <dd>{longDate(c.issuedAt, lang)}</dd>
          <dt>{t("public.verify.validUntil")}</dt>
          <dd>{longDate(c.validUntil, lang)}</dd>
          <dt>{t("public.verify.code")}</dt>
          <dd className="verify-code">{c.code}</dd>
        </dl>
      </div>
    </article>
  );
}
