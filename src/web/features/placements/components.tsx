import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button, Field, Input, Label, Tag, ValidationMessage } from "@digdir/designsystemet-react";
import { Combobox } from "../../components/Combobox.tsx";
import { searchCandidates as findCandidates, searchEmployers as findEmployers } from "../jobs/api.ts";
import type { PersonRef } from "./api.ts";
import "./placements.css";

type Option = PersonRef & { hint?: string };

/** Candidates by name, e-mail or phone (the job pages' search, GET /api/v1/candidates?q=). */
export async function searchCandidates(q: string, signal?: AbortSignal): Promise<Option[]> {
  const r = await findCandidates(q, signal);
  return r.items.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`.trim(), hint: c.municipality || undefined }));
}

/** Employers of the network by name or organisation number (the job pages' search, GET /api/v1/employers?q=). */
export async function searchEmployers(q: string, signal?: AbortSignal): Promise<Option[]> {
  const r = await findEmployers(q, signal);
  return r.items.map((e) => ({ id: e.id, name: e.name, hint: e.municipality || undefined }));
}

/**
 * A single choice by typing (the shared combobox), like the occupation picker: the chosen one is shown in a
 * read-only field with a "change" button; arrow keys move, Enter picks, Escape closes.
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
  const inputRef = useRef<HTMLInputElement>(null);

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
    <Combobox<Option>
      id={props.id}
      label={props.label}
      description={props.description}
      error={props.error}
      placeholder={t("placements.picker.placeholder")}
      messages="placements.picker"
      queryKey={["placements", "pick", props.kind]}
      search={props.search}
      staleTime={60_000}
      optionKey={(o) => o.id}
      renderOption={(o) => (
        <>
          {o.name}
          {o.hint && <span className="muted small"> · {o.hint}</span>}
        </>
      )}
      onPick={(o) => props.onChange({ id: o.id, name: o.name })}
      enterPicksFirst
      inputRef={inputRef}
    />
  );
}

/** Whether a placement counts toward the network's goal, in words (not by colour alone). */
export function GoalTag({ counts, short }: { counts: boolean; short?: boolean }) {
  const { t } = useTranslation();
  if (short) return <Tag data-color={counts ? "success" : "neutral"}>{counts ? t("common.yes") : t("common.no")}</Tag>;
  return <Tag data-color={counts ? "success" : "neutral"}>{counts ? t("placements.countsYes") : t("placements.countsNo")}</Tag>;
}
