import { Button, Dialog, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";

/** A modal confirmation. Focus is trapped in the native <dialog> and returns to the opener on close. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={props.open} onClose={props.onCancel} closeButton={t("common.close")} aria-labelledby="confirm-dialog-title">
      <Dialog.Block>
        <Heading level={2} data-size="xs" id="confirm-dialog-title">
          {props.title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <Paragraph>{props.body}</Paragraph>
        <div className="form-actions" style={{ marginTop: "1rem" }}>
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
