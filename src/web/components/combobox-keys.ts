/** What a key press in a combobox does (ARIA 1.2 combobox with a listbox); pure, so it can be tested alone. */
export type ComboboxKeyAction =
  /** Open the list and make option `active` the active one (−1: none). */
  | { type: "move"; active: number }
  /** Pick option `index`. */
  | { type: "pick"; index: number }
  /** Close the list; no option active. */
  | { type: "close" }
  /** Empty the input (the list was already closed). */
  | { type: "clear" }
  /** Only keep the key from doing its default (Enter in an open list with no active option, when Enter does not pick the first). */
  | { type: "block" };

export type ComboboxKeyState = {
  /** The active option's index, −1 when none. */
  active: number;
  /** How many options there are. */
  count: number;
  /** Whether the list is shown. */
  expanded: boolean;
  /** Whether the input has text. */
  hasText: boolean;
  /** Enter with no active option picks the first (record pickers) or does nothing (taxonomy picker). */
  enterPicksFirst: boolean;
};

/**
 * The combobox's keyboard: ArrowDown/ArrowUp move round the options (and open the list), Enter picks, Escape closes
 * an open list or else empties the input. `null`: the key is not the combobox's (typing, Tab …), so leave it alone.
 * Every action but "clear" keeps the key from its default.
 */
export function comboboxKey(key: string, s: ComboboxKeyState): ComboboxKeyAction | null {
  switch (key) {
    case "ArrowDown":
      return { type: "move", active: s.count ? (s.active + 1) % s.count : -1 };
    case "ArrowUp":
      return { type: "move", active: s.count ? (s.active <= 0 ? s.count - 1 : s.active - 1) : -1 };
    case "Enter":
      if (!s.expanded) return null;
      if (s.active >= 0) return s.active < s.count ? { type: "pick", index: s.active } : { type: "block" };
      if (s.enterPicksFirst && s.count > 0) return { type: "pick", index: 0 };
      return { type: "block" };
    case "Escape":
      if (s.expanded) return { type: "close" };
      return s.hasText ? { type: "clear" } : null;
    default:
      return null;
  }
}
