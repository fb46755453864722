import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Field, Input, Label, Tag, ValidationMessage } from "@digdir/designsystemet-react";
import type { jobStatuses } from "../../../shared/jobs.ts";
import { searchCandidates, searchEmployers } from "./api.ts";
import "./jobs.css";

export function uiLang(language: string | undefined): "nb" | "en" {
  return language === "en" ? "en" : "nb";
}

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

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export type Hit = { id: string; name: string; detail: string };

/**
 * A typeahead over a list endpoint (ARIA 1.2 combobox with a listbox, like the taxonomy picker): picks one record.
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
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const statusId = useId();
  const q = useDebounced(text.trim(), 200);
  const search = useQuery({
    queryKey: ["jobs", "picker", props.kind, q],
    queryFn: async ({ signal }): Promise<Hit[]> =>
      props.kind === "employers"
        ? (await searchEmployers(q, signal)).items.map((e) => ({ id: e.id, name: e.name, detail: e.municipality }))
        : (await searchCandidates(q, signal)).items.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`.trim(), detail: c.municipality })),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
  const options = (search.data ?? []).filter((h) => h.id !== props.value?.id);
  const expanded = open && q.length >= 2 && options.length > 0;

  function pick(h: Hit) {
    props.onChange(h);
    setText("");
    setOpen(false);
    setActive(-1);
    inputRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (e.key === "Enter") {
      if (expanded) {
        e.preventDefault();
        const h = options[active >= 0 ? active : 0];
        if (h) pick(h);
      }
    } else if (e.key === "Escape") {
      if (expanded) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text) setText("");
    }
  }

  let status = "";
  if (q.length >= 2 && open) {
    if (search.isFetching && !search.data) status = t("candidates.picker.searching");
    else if (search.isError) status = t("candidates.picker.error");
    else if (search.data) status = options.length ? t("candidates.picker.count", { count: options.length }) : t("candidates.picker.none");
  }

  return (
    <Field className="picker">
      <Label htmlFor={props.id}>{props.label}</Label>
      {props.description && <Field.Description>{props.description}</Field.Description>}
      {props.value && !props.clearOnPick && (
        <ul className="chips" aria-label={t("candidates.picker.chosen", { label: props.label })}>
          <li className="chip">
            <span>{props.value.name}</span>
            <Button variant="tertiary" data-size="sm" icon aria-label={t("candidates.picker.remove", { label: props.value.name })} onClick={() => props.onChange(null)}>
              <span aria-hidden="true">✕</span>
            </Button>
          </li>
        </ul>
      )}
      <div className="picker__box">
        <Input
          ref={inputRef}
          id={props.id}
          role="combobox"
          type="text"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={statusId}
          aria-invalid={props.error ? true : undefined}
          value={text}
          placeholder={t("jobs.picker.placeholder")}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onFocus={() => setOpen(true)}
        />
        <ul id={listId} role="listbox" aria-label={props.label} className="picker__list" hidden={!expanded}>
          {expanded &&
            options.map((h, i) => (
              <li key={h.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} className="picker__option" onMouseDown={(e) => e.preventDefault()} onClick={() => pick(h)}>
                {h.name}
                {h.detail && <span className="muted small"> · {h.detail}</span>}
              </li>
            ))}
        </ul>
      </div>
      <div id={statusId} className="visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
      {props.error && <ValidationMessage>{props.error}</ValidationMessage>}
    </Field>
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
