import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Field, Input, Label, Tag, ValidationMessage } from "@digdir/designsystemet-react";
import { api } from "../../api.ts";
import { toSearch } from "../candidates/api.ts";
import type { PersonRef } from "./api.ts";
import "./placements.css";

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

type Option = PersonRef & { hint?: string };

/** Candidates by name, e-mail or phone (GET /api/v1/candidates?q=). */
export async function searchCandidates(q: string, signal?: AbortSignal): Promise<Option[]> {
  const r = await api<{ items: { id: string; firstName: string; lastName: string; municipality: string }[] }>(`/api/v1/candidates${toSearch({ q, limit: 10 })}`, { signal });
  return r.items.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`.trim(), hint: c.municipality || undefined }));
}

/** Employers of the network by name or organisation number (GET /api/v1/employers?q=). */
export async function searchEmployers(q: string, signal?: AbortSignal): Promise<Option[]> {
  const r = await api<{ items: { id: string; name: string; municipality: string }[] }>(`/api/v1/employers${toSearch({ q, limit: 10 })}`, { signal });
  return r.items.map((e) => ({ id: e.id, name: e.name, hint: e.municipality || undefined }));
}

/**
 * A single choice by typing (ARIA 1.2 combobox with a listbox), like the occupation picker: the chosen one is
 * shown as a chip with a remove button; arrow keys move, Enter picks, Escape closes.
 */
export function EntityCombobox(props: {
  id: string;
  label: string;
  description?: string;
  kind: string;
  search: (q: string, signal?: AbortSignal) => Promise<Option[]>;
  value: PersonRef | null;
  onChange: (v: PersonRef | null) => void;
  error?: string;
  readOnly?: boolean;
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
    queryKey: ["placements", "pick", props.kind, q],
    queryFn: ({ signal }) => props.search(q, signal),
    enabled: q.length >= 2 && !props.value,
    staleTime: 60_000,
  });
  const options = search.data ?? [];
  const expanded = open && q.length >= 2 && options.length > 0 && !props.value;

  function pick(o: Option) {
    props.onChange({ id: o.id, name: o.name });
    setText("");
    setOpen(false);
    setActive(-1);
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
        const o = options[active >= 0 ? active : 0];
        if (o) pick(o);
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
  if (q.length >= 2 && open && !props.value) {
    if (search.isFetching && !search.data) status = t("placements.picker.searching");
    else if (search.isError) status = t("placements.picker.error");
    else if (search.data) status = options.length ? t("placements.picker.count", { count: options.length }) : t("placements.picker.none");
  }

  if (props.value) {
    return (
      <Field className="picker">
        <Label htmlFor={props.id}>{props.label}</Label>
        <div className="row row--tight">
          <Input id={props.id} readOnly value={props.value.name} aria-invalid={props.error ? true : undefined} className="picker__chosen" />
          {!props.readOnly && (
            <Button
              variant="tertiary"
              data-size="sm"
              aria-describedby={props.id}
              onClick={() => {
                props.onChange(null);
                setTimeout(() => inputRef.current?.focus(), 0);
              }}
            >
              {t("placements.picker.change")}
            </Button>
          )}
        </div>
        {props.error && <ValidationMessage>{props.error}</ValidationMessage>}
      </Field>
    );
  }

  return (
    <Field className="picker">
      <Label htmlFor={props.id}>{props.label}</Label>
      {props.description && <Field.Description>{props.description}</Field.Description>}
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
          placeholder={t("placements.picker.placeholder")}
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
            options.map((o, i) => (
              <li key={o.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} className="picker__option" onMouseDown={(e) => e.preventDefault()} onClick={() => pick(o)}>
                {o.name}
                {o.hint && <span className="muted small"> · {o.hint}</span>}
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

/** Whether a placement counts toward the network's goal, in words (not by colour alone). */
export function GoalTag({ counts, short }: { counts: boolean; short?: boolean }) {
  const { t } = useTranslation();
  if (short) return <Tag data-color={counts ? "success" : "neutral"}>{counts ? t("common.yes") : t("common.no")}</Tag>;
  return <Tag data-color={counts ? "success" : "neutral"}>{counts ? t("placements.countsYes") : t("placements.countsNo")}</Tag>;
}
