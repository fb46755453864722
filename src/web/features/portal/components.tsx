import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Dialog, Heading, Paragraph, Spinner } from "@digdir/designsystemet-react";
import { isApiError } from "../../api.ts";
import { PORTAL_NS } from "../../i18n/portal/index.ts";
import { portalLang } from "./i18n.ts";
import type { PortalLocale } from "./api.ts";

/** The portal's translation function and current language. */
export function usePortalT(): { t: ReturnType<typeof useTranslation>["t"]; lang: PortalLocale } {
  const { t, i18n } = useTranslation(PORTAL_NS);
  return { t, lang: portalLang(i18n.resolvedLanguage) };
}

/** Loading and error states in the candidate's language (a candidate without a linked record is told so). */
export function PortalQueryState({ query }: { query: { isPending: boolean; isError: boolean; error: unknown } }) {
  const { t } = usePortalT();
  if (query.isPending) return <Spinner aria-label={t("common.loading")} />;
  if (query.isError) {
    return (
      <Alert data-color="danger">
        <Paragraph>{isApiError(query.error) && query.error.status === 404 ? t("common.notLinked") : t("common.error")}</Paragraph>
      </Alert>
    );
  }
  return null;
}

/** A polite live region that is always there, with the message inside it. */
export function PortalStatus({ message }: { message: { kind: "success" | "danger"; text: string } | null }) {
  return (
    <div role="status" aria-live="polite">
      {message && (
        <Alert data-color={message.kind}>
          <Paragraph>{message.text}</Paragraph>
        </Alert>
      )}
    </div>
  );
}

export function PortalSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section portal-section" aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** A confirmation in the candidate's language. Focus stays in the native <dialog> and returns to the opener. */
export function PortalConfirm(props: { open: boolean; title: string; body: string; confirmLabel: string; danger?: boolean; busy?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = usePortalT();
  return (
    <Dialog open={props.open} onClose={props.onCancel} closeButton={t("common.close")} aria-labelledby="portal-confirm-title">
      <Dialog.Block>
        <Heading level={2} data-size="xs" id="portal-confirm-title">
          {props.title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <Paragraph>{props.body}</Paragraph>
        <div className="portal-actions">
          <Button data-color={props.danger ? "danger" : undefined} onClick={props.onConfirm} loading={props.busy}>
            {props.confirmLabel}
          </Button>
          <Button variant="secondary" onClick={props.onCancel}>
            {t("common.cancel")}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
