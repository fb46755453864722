import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert, Dialog, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { shortlistStatuses, type needStatuses, type ProgrammeFit, type ShortlistStatus } from "../../../shared/trainee-recruitment.ts";
import "./recruitment.css";

/* What the recruitment pages share: status tags, the programme fit (education, recognition, Norwegian), a dialog. */

const NEED_COLOURS = { open: "success", filled: "info", closed: "warning" } as const;
export function NeedStatusTag({ status }: { status: (typeof needStatuses)[number] }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={NEED_COLOURS[status]} data-size="sm">
      {t(`traineeRecruitment.statuses.${status}`)}
    </Tag>
  );
}

const ENTRY_COLOURS: Record<ShortlistStatus, "neutral" | "info" | "warning" | "success" | "danger"> = {
  shortlisted: "neutral",
  interview_scheduled: "info",
  interviewed: "warning",
  accepted: "success",
  rejected: "danger",
};
export function EntryStatusTag({ status }: { status: ShortlistStatus }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={ENTRY_COLOURS[status]} data-size="sm">
      {t(`traineeRecruitment.entryStatuses.${status}`)}
    </Tag>
  );
}

/** "2 på kortlisten, 1 akseptert": the shortlist per status, in the way's order. */
export function ShortlistCounts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const parts = shortlistStatuses.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${counts[s]} ${t(`traineeRecruitment.entryStatuses.${s}`).toLowerCase()}`);
  return <>{parts.length > 0 ? parts.join(", ") : t("traineeRecruitment.shortlist.none")}</>;
}

/** The highest education with its recognition in Norway, and the Norwegian level. */
export function ProgrammeFitText({ fit }: { fit: ProgrammeFit }) {
  const { t } = useTranslation();
  return (
    <span className="fit">
      {fit.education ? (
        <span>
          {t(`candidates.educationLevels.${fit.education.level}`)}
          {fit.education.field ? ` (${fit.education.field})` : ""} –{" "}
          <span className={fit.education.recognition === "recognised" ? "fit__ok" : undefined}>{t(`candidates.recognition.${fit.education.recognition}`)}</span>
        </span>
      ) : (
        <span>{t("traineeRecruitment.fit.noEducation")}</span>
      )}
      <span>{t("traineeRecruitment.fit.norwegian", { level: fit.norwegianLevel ?? t("traineeRecruitment.fit.unknown") })}</span>
    </span>
  );
}

export function RecruitmentDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Dialog open onClose={onClose} closeButton={t("common.close")} aria-labelledby={titleId}>
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <div className="stack">{children}</div>
      </Dialog.Block>
    </Dialog>
  );
}

export function ErrorAlert({ error }: { error: string | null }) {
  return (
    <div role="alert">
      {error && (
        <Alert data-color="danger">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
