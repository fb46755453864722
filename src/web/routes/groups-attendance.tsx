import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Link, Paragraph } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { formatDateTime } from "../format.ts";
import { attendanceQuery } from "../features/services/api.ts";
import "../features/services/services.css";

/**
 * Attendance at the door, on a phone: one large row per participant with "present" and "absent" as toggle
 * buttons (aria-pressed). Every tap is saved at once; the last tap counts. Works by keyboard (Tab, Space/Enter).
 */
export function AttendancePage() {
  const { t } = useTranslation();
  const { groupId, sessionId } = useParams({ strict: false }) as { groupId: string; sessionId: string };
  const queryClient = useQueryClient();
  const attendance = useQuery(attendanceQuery(sessionId));
  // What was tapped but not yet confirmed by the server, so the button shows the tap at once.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState<{ kind: "saved" | "error"; text: string } | null>(null);
  const data = attendance.data;

  async function mark(candidateId: string, name: string, present: boolean) {
    setPending((p) => ({ ...p, [candidateId]: present }));
    try {
      await api(`/api/v1/services/sessions/${sessionId}/attendance/${candidateId}`, { method: "PUT", body: { present } });
      setStatus({ kind: "saved", text: t(present ? "attendance.savedPresent" : "attendance.savedAbsent", { name }) });
      await queryClient.invalidateQueries({ queryKey: ["services", "attendance", sessionId] });
      await queryClient.invalidateQueries({ queryKey: ["services", "groups", groupId] });
    } catch (e) {
      setStatus({ kind: "error", text: t("attendance.notSaved", { name, reason: errorMessage(t, e) }) });
    } finally {
      setPending((p) => {
        const next = { ...p };
        delete next[candidateId];
        return next;
      });
    }
  }

  const participants = (data?.participants ?? []).map((p) => ({ ...p, present: p.candidateId in pending ? pending[p.candidateId]! : p.present }));
  const present = participants.filter((p) => p.present === true).length;
  const unmarked = participants.filter((p) => p.present === null).length;

  return (
    <Page title={data ? t("attendance.title", { group: data.group.name }) : t("attendance.loading")}>
      <div className="attendance">
        {data && (
          <Paragraph>
            {formatDateTime(data.session.startsAt)}
            {data.group.place && ` · ${data.group.place}`}
          </Paragraph>
        )}
        <QueryState query={attendance} isEmpty={participants.length === 0} empty={t("attendance.none")} />
        {participants.length > 0 && (
          <Paragraph className="attendance__summary">{t("attendance.summary", { present, total: participants.length, unmarked })}</Paragraph>
        )}
        <div role="status" aria-live="polite" className="attendance__status">
          {status?.kind === "saved" && <Paragraph data-size="sm">{status.text}</Paragraph>}
        </div>
        <div role="alert">
          {status?.kind === "error" && (
            <Alert data-color="danger">
              <Paragraph>{status.text}</Paragraph>
            </Alert>
          )}
        </div>
        <ul className="attendance__list">
          {participants.map((p) => (
            <li key={p.candidateId} className="attendance__row" data-state={p.present === null ? "unmarked" : p.present ? "present" : "absent"}>
              <span className="attendance__name" id={`att-${p.candidateId}`}>
                {p.name}
              </span>
              <span role="group" aria-labelledby={`att-${p.candidateId}`} className="attendance__buttons">
                <button type="button" className="attendance__toggle attendance__toggle--present" aria-pressed={p.present === true} onClick={() => void mark(p.candidateId, p.name, true)}>
                  <span aria-hidden="true">✓ </span>
                  {t("attendance.present")}
                </button>
                <button type="button" className="attendance__toggle attendance__toggle--absent" aria-pressed={p.present === false} onClick={() => void mark(p.candidateId, p.name, false)}>
                  <span aria-hidden="true">✗ </span>
                  {t("attendance.absent")}
                </button>
              </span>
            </li>
          ))}
        </ul>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/groups/$groupId" params={{ groupId }}>
              {t("attendance.back")}
            </RouterLink>
          </Link>
        </Paragraph>
      </div>
    </Page>
  );
}
