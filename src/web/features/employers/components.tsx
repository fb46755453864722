import { useId, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Dialog, Field, Heading, Label, Paragraph, Select, Tag, Textfield } from "@digdir/designsystemet-react";
import { membershipStatuses, type MembershipStatus } from "../../../shared/employers.ts";
import { naceSectionNames, naceSectionOf, type NaceSection } from "../../../shared/nace.ts";
import { isApiError } from "../../api.ts";
import { errorMessage } from "../../errors.ts";
import { changeStatus, confirmCertification, type Certificate } from "./api.ts";

export type Lang = "nb" | "en";
export { uiLang } from "../candidates/pickers.tsx";

const STATUS_COLOURS: Record<MembershipStatus, string> = {
  prospect: "neutral",
  contacted: "info",
  member: "success",
  certified: "accent",
  lapsed: "warning",
};

/** The membership status as a coloured tag with its name (the colour is never the only cue). */
export function StatusTag({ status }: { status: MembershipStatus }) {
  const { t } = useTranslation();
  return <Tag data-color={STATUS_COLOURS[status]}>{t(`employers.statuses.${status}`)}</Tag>;
}

/** "G – Varehandel, reparasjon av motorvogner" */
export function sectionLabel(section: NaceSection, lang: Lang): string {
  return `${section} – ${naceSectionNames[section][lang]}`;
}

/** "47.111 (G – Varehandel …)", or the section alone, or "". */
export function naceLabel(code: string | null, section: NaceSection | null, lang: Lang): string {
  const s = section ?? (code ? naceSectionOf(code) : null);
  if (code && s) return `${code} (${sectionLabel(s, lang)})`;
  if (s) return sectionLabel(s, lang);
  return code ?? "";
}

/** A known tag in words ("pioneer" → "Pionerbedrift"); any other tag as it is. */
export function useTagLabel() {
  const { t } = useTranslation();
  return (tag: string) => t(`employers.tags.${tag}`, { defaultValue: tag });
}

/** A definition list of label/value rows; empty values show a dash. */
export function Dl({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="dl">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === "" || value === null || value === undefined ? "–" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The 422 of a certification explains which part of the rule is not met; show the server's words with ours. */
export function certificationError(t: (key: string, o?: Record<string, unknown>) => string, e: unknown): string {
  if (isApiError(e) && e.code === "rule_broken") return t("employers.certify.ruleBroken", { reason: e.detail ?? "" });
  return errorMessage(t as never, e);
}

/**
 * Confirms a certification (the way to "certified"): issues the certificate. When the network's rule is not met,
 * the server answers 422 and the dialog shows why, so the coordinator can cancel.
 */
export function CertifyDialog(props: { employer: { id: string; name: string } | null; onDone: (c: Certificate) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const employer = props.employer;

  async function confirm() {
    if (!employer || busy) return;
    setBusy(true);
    setError(null);
    try {
      const certificate = await confirmCertification(employer.id);
      await queryClient.invalidateQueries({ queryKey: ["employers"] });
      props.onDone(certificate);
    } catch (e) {
      setError(certificationError(t, e));
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    setError(null);
    props.onCancel();
  }

  return (
    <Dialog open={employer !== null} onClose={cancel} closeButton={t("common.close")} aria-labelledby={titleId}>
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {t("employers.certify.title", { name: employer?.name ?? "" })}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <div className="stack">
          <Paragraph>{t("employers.certify.body")}</Paragraph>
          <div role="alert">
            {error && (
              <Alert data-color="danger">
                <Paragraph>{error}</Paragraph>
              </Alert>
            )}
          </div>
          <div className="form-actions">
            <Button onClick={() => void confirm()} loading={busy}>
              {t("employers.certify.confirm")}
            </Button>
            <Button variant="secondary" onClick={cancel}>
              {t("common.cancel")}
            </Button>
          </div>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}

/**
 * Changes the membership status with a note. "Certified" is not a plain change: it opens the certification
 * confirmation instead.
 */
export function StatusControl({ employer, onChanged }: { employer: { id: string; name: string; membershipStatus: MembershipStatus }; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [to, setTo] = useState<MembershipStatus | "">("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [certifying, setCertifying] = useState(false);
  const options = membershipStatuses.filter((s) => s !== employer.membershipStatus);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!to) return setError(t("employers.status.chooseStatus"));
    if (to === "certified") return setCertifying(true);
    setBusy(true);
    setError(null);
    try {
      await changeStatus(employer.id, to, note.trim());
      await queryClient.invalidateQueries({ queryKey: ["employers"] });
      onChanged(t("employers.status.changed", { name: employer.name, status: t(`employers.statuses.${to}`) }));
      setTo("");
      setNote("");
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
    <form className="status-control" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="status-control-heading">
      <Heading level={2} data-size="2xs" id="status-control-heading">
        {t("employers.status.change")}
      </Heading>
      <div className="row">
        <Field>
          <Label htmlFor="status-to">{t("employers.status.newStatus")}</Label>
          <Select id="status-to" width="auto" value={to} onChange={(e) => setTo(e.target.value as MembershipStatus | "")} aria-invalid={error && !to ? true : undefined}>
            <Select.Option value="">{t("employers.status.choose")}</Select.Option>
            {options.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`employers.statuses.${s}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        {to !== "certified" && <Textfield id="status-note" label={t("employers.status.note")} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />}
        <Button type="submit" variant="secondary" loading={busy}>
          {to === "certified" ? t("employers.status.toCertification") : t("employers.status.save")}
        </Button>
      </div>
      {to === "lapsed" && <Paragraph data-size="sm">{t("employers.status.lapseWarning")}</Paragraph>}
      <div role="alert">
        {error && (
          <Alert data-color="danger">
            <Paragraph>{error}</Paragraph>
          </Alert>
        )}
      </div>
    </form>
      <CertifyDialog
        employer={certifying ? employer : null}
        onCancel={() => setCertifying(false)}
        onDone={() => {
          setCertifying(false);
          setTo("");
          onChanged(t("employers.certify.done", { name: employer.name }));
        }}
      />
    </>
  );
}
