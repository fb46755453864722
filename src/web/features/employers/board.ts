import type { MembershipStatus } from "../../../shared/employers.ts";

/*
 * The pipeline board's state: one list of cards per membership status. A move is applied at once (optimistic) and
 * undone from the snapshot taken before it when the server refuses.
 */

export type Card = { id: string; name: string; membershipStatus: MembershipStatus };
export type Columns<C extends Card = Card> = Record<MembershipStatus, C[]>;

/** Where a card is, or null. */
export function findCard<C extends Card>(columns: Columns<C>, id: string): { status: MembershipStatus; card: C } | null {
  for (const [status, cards] of Object.entries(columns) as [MembershipStatus, C[]][]) {
    const card = cards.find((c) => c.id === id);
    if (card) return { status, card };
  }
  return null;
}

/**
 * Moves a card to the top of another column (a new object; the input is not changed). A card that is not on the
 * board, or is already in that column, leaves the board as it was.
 */
export function moveCard<C extends Card>(columns: Columns<C>, id: string, to: MembershipStatus): Columns<C> {
  const found = findCard(columns, id);
  if (!found || found.status === to) return columns;
  const moved = { ...found.card, membershipStatus: to };
  return {
    ...columns,
    [found.status]: columns[found.status].filter((c) => c.id !== id),
    [to]: [moved, ...columns[to].filter((c) => c.id !== id)],
  };
}
