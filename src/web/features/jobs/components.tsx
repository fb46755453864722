import { useTranslation } from "react-i18next";
import { Button, Tag } from "@digdir/designsystemet-react";
import { Combobox } from "../../components/Combobox.tsx";
import type { jobStatuses } from "../../../shared/jobs.ts";
import { searchCandidates, searchEmployers } from "./api.ts";
import "./jobs.css";

const STATUS_COLOURS = { draft: "neutral", open: "success", filled: "info", closed: "warning" } as const;

export function JobStatusTag({ status }: { status: (typeof jobStatuses)[number] }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={STATUS_COLOURS[status]} data-size="sm">
      {t(`jobs.statuses.${status}`)}
    </Tag>
  );
}

/** A language's name for a job requirement: "no" is Norwegian as such (bokmål and nynorsk both count). */
export function requirementLanguageName(code: string, lang: "nb" | "en"): string {
  try {
    return new Intl.DisplayNames([lang === "en" ? "en-GB" : "nb-NO"], { type: "language", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** 0–1 as a whole percent. */
export const percent = (score: number) => `${Math.round(score * 100)} %`;

export type Hit = { id: string; name: string; detail: string };

/**
 * A typeahead over a list endpoint (the shared combobox, like the taxonomy picker): picks one record.
 * The chosen one shows as a chip with a remove button; `onChange(null)` clears it.
 */
export function SearchPicker(props: {
  id: string;
  label: string;
  description?: string;
  kind: "employers" | "candidates";
  value: Hit | null;
  onChange: (v: Hit | null) => void;
  error?: string;
  /** Keep the input empty after a pick (the caller acts on the pick at once). */
  clearOnPick?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Combobox<Hit>
      id={props.id}
      label={props.label}
      description={props.description}
      error={props.error}
      placeholder={t("jobs.picker.placeholder")}
      messages="candidates.picker"
      queryKey={["jobs", "picker", props.kind]}
      search={async (q, signal) =>
        props.kind === "employers"
          ? (await searchEmployers(q, signal)).items.map((e) => ({ id: e.id, name: e.name, detail: e.municipality }))
          : (await searchCandidates(q, signal)).items.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`.trim(), detail: c.municipality }))
      }
      staleTime={60_000}
      optionKey={(h) => h.id}
      renderOption={(h) => (
        <>
          {h.name}
          {h.detail && <span className="muted small"> · {h.detail}</span>}
        </>
      )}
      isChosen={(h) => h.id === props.value?.id}
      onPick={props.onChange}
      focusAfterPick
      enterPicksFirst
      chosen={
        props.value &&
        !props.clearOnPick && (
          <ul className="chips" aria-label={t("candidates.picker.chosen", { label: props.label })}>
            <li className="chip">
              <span>{props.value.name}</span>
              <Button variant="tertiary" data-size="sm" icon aria-label={t("candidates.picker.remove", { label: props.value.name })} onClick={() => props.onChange(null)}>
                <span aria-hidden="true">✕</span>
              </Button>
            </li>
          </ul>
        )
      }
    />
  );
}

/** A horizontal bar for a 0–1 score; the number is in the text beside it, so the bar is decoration. */
export function ScoreBar({ score }: { score: number }) {
  return (
    <span className="score-bar" aria-hidden="true">
      <span className="score-bar__fill" style={{ width: `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%` }} />
    </span>
  );
}
