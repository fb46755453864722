import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Field, Input, Label, ValidationMessage } from "@digdir/designsystemet-react";
import { comboboxKey } from "./combobox-keys.ts";

/** The value, once it has not changed for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** Searches start at two characters. */
const MIN_QUERY = 2;

/**
 * A search typeahead (ARIA 1.2 combobox with a listbox): an input with role=combobox, the hits as options, arrow keys
 * move, Enter picks, Escape closes (or empties the input), and a polite status line says how many hits there are.
 * The text is debounced and searched with TanStack Query. The picker built on it says what it searches
 * (`queryKey`, `search`), how a hit looks (`renderOption`), what is already chosen (`isChosen`, `chosen` for the
 * chips above the input) and what a pick does (`onPick`).
 */
export function Combobox<T>(props: {
  id: string;
  label: string;
  description?: string;
  error?: string;
  placeholder: string;
  /** The i18n namespace of the status texts: `searching`, `error`, `none`, `count`. */
  messages: "candidates.picker" | "placements.picker";
  /** The query key before the search text. */
  queryKey: readonly unknown[];
  search: (q: string, signal: AbortSignal) => Promise<T[]>;
  staleTime: number;
  optionKey: (item: T) => string;
  renderOption: (item: T) => ReactNode;
  /** Hits already chosen are not offered. */
  isChosen?: (item: T) => boolean;
  onPick: (item: T) => void;
  /** Move focus back to the input after a pick (when the input stays). */
  focusAfterPick?: boolean;
  /** Enter with no active option picks the first one. */
  enterPicksFirst?: boolean;
  /** Shown between the description and the input: the chosen ones. */
  chosen?: ReactNode;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const ownRef = useRef<HTMLInputElement>(null);
  const inputRef = props.inputRef ?? ownRef;
  const listId = useId();
  const statusId = useId();
  const q = useDebounced(text.trim(), 200);
  const search = useQuery({
    queryKey: [...props.queryKey, q],
    queryFn: ({ signal }) => props.search(q, signal),
    enabled: q.length >= MIN_QUERY,
    staleTime: props.staleTime,
  });
  const isChosen = props.isChosen;
  const options = isChosen ? (search.data ?? []).filter((o) => !isChosen(o)) : (search.data ?? []);
  const expanded = open && q.length >= MIN_QUERY && options.length > 0;

  function pick(o: T) {
    props.onPick(o);
    setText("");
    setOpen(false);
    setActive(-1);
    if (props.focusAfterPick) inputRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const action = comboboxKey(e.key, { active, count: options.length, expanded, hasText: text !== "", enterPicksFirst: Boolean(props.enterPicksFirst) });
    if (!action) return;
    if (action.type !== "clear") e.preventDefault();
    if (action.type === "move") {
      setOpen(true);
      setActive(action.active);
    } else if (action.type === "pick") {
      const o = options[action.index];
      if (o !== undefined) pick(o);
    } else if (action.type === "close") {
      setOpen(false);
      setActive(-1);
    } else if (action.type === "clear") {
      setText("");
    }
  }

  let status = "";
  if (q.length >= MIN_QUERY && open) {
    if (search.isFetching && !search.data) status = t(`${props.messages}.searching`);
    else if (search.isError) status = t(`${props.messages}.error`);
    else if (search.data) status = options.length ? t(`${props.messages}.count`, { count: options.length }) : t(`${props.messages}.none`);
  }

  return (
    <Field className="picker">
      <Label htmlFor={props.id}>{props.label}</Label>
      {props.description && <Field.Description>{props.description}</Field.Description>}
      {props.chosen}
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
          placeholder={props.placeholder}
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
              <li
                key={props.optionKey(o)}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className="picker__option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(o)}
              >
                {props.renderOption(o)}
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
