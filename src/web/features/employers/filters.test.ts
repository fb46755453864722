import { describe, expect, it } from "vitest";
import { activeFilterCount, EMPTY_FILTERS, filtersFromSearch, filtersToSearch } from "./filters.ts";
import { moveCard, type Columns } from "./board.ts";

describe("employer list filters in the URL", () => {
  it("reads known values and drops unknown or invalid ones", () => {
    const f = filtersFromSearch({ q: " Rema ", membershipStatus: "member", naceSection: "G", hasHired: "true", lastContactOlderThanDays: "90", sort: "lastContact", evil: "x" });
    expect(f).toEqual({ ...EMPTY_FILTERS, q: "Rema", membershipStatus: "member", naceSection: "G", hasHired: "true", lastContactOlderThanDays: "90", sort: "lastContact" });
    expect(filtersFromSearch({ membershipStatus: "gold", naceSection: "Z", hasHired: "maybe", lastContactOlderThanDays: "0", sort: "random" })).toEqual(EMPTY_FILTERS);
    expect(filtersFromSearch({ lastContactOlderThanDays: "99999" }).lastContactOlderThanDays).toBe("");
    expect(filtersFromSearch({ lastContactOlderThanDays: 30 }).lastContactOlderThanDays).toBe("30");
  });

  it("writes only what is set, and the sort only when it is not by name", () => {
    expect(filtersToSearch(EMPTY_FILTERS)).toEqual({});
    expect(filtersToSearch({ ...EMPTY_FILTERS, municipality: "Bærum", sort: "updated" })).toEqual({ municipality: "Bærum", sort: "updated" });
  });

  it("round-trips through the URL (and a saved filter's query)", () => {
    const f = { ...EMPTY_FILTERS, q: "kaffe", tag: "pioneer", hasHired: "false" as const, lastContactOlderThanDays: "180", sort: "updated" as const };
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
  });

  it("counts the filters in use, not the search text or the sort", () => {
    expect(activeFilterCount({ ...EMPTY_FILTERS, q: "x", sort: "updated" })).toBe(0);
    expect(activeFilterCount({ ...EMPTY_FILTERS, membershipStatus: "lapsed", tag: "partner" })).toBe(2);
  });
});

describe("the membership board", () => {
  const empty: Columns = { prospect: [], contacted: [], member: [], certified: [], lapsed: [] };
  const a = { id: "a", name: "A", membershipStatus: "prospect" as const };
  const b = { id: "b", name: "B", membershipStatus: "member" as const };
  const board: Columns = { ...empty, prospect: [a], member: [b] };

  it("moves a card to the top of another column and updates its status, leaving the input as it was", () => {
    const moved = moveCard(board, "a", "member");
    expect(moved.prospect).toEqual([]);
    expect(moved.member.map((c) => c.id)).toEqual(["a", "b"]);
    expect(moved.member[0]!.membershipStatus).toBe("member");
    expect(board.prospect).toEqual([a]);
  });

  it("leaves the board alone for an unknown card or the same column", () => {
    expect(moveCard(board, "nope", "member")).toBe(board);
    expect(moveCard(board, "b", "member")).toBe(board);
  });
});
