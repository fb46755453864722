import { describe, expect, it } from "vitest";
import { comboboxKey, type ComboboxKeyState } from "./combobox-keys.ts";

const base: ComboboxKeyState = { active: -1, count: 3, expanded: true, hasText: true, enterPicksFirst: false };

describe("comboboxKey", () => {
  it("moves down and round, from none to the first", () => {
    expect(comboboxKey("ArrowDown", base)).toEqual({ type: "move", active: 0 });
    expect(comboboxKey("ArrowDown", { ...base, active: 1 })).toEqual({ type: "move", active: 2 });
    expect(comboboxKey("ArrowDown", { ...base, active: 2 })).toEqual({ type: "move", active: 0 });
  });

  it("moves up and round, from none to the last", () => {
    expect(comboboxKey("ArrowUp", base)).toEqual({ type: "move", active: 2 });
    expect(comboboxKey("ArrowUp", { ...base, active: 0 })).toEqual({ type: "move", active: 2 });
    expect(comboboxKey("ArrowUp", { ...base, active: 2 })).toEqual({ type: "move", active: 1 });
  });

  it("opens the list with the arrows but has nothing to make active without options", () => {
    expect(comboboxKey("ArrowDown", { ...base, count: 0, expanded: false })).toEqual({ type: "move", active: -1 });
    expect(comboboxKey("ArrowUp", { ...base, count: 0, expanded: false })).toEqual({ type: "move", active: -1 });
  });

  it("picks the active option with Enter", () => {
    expect(comboboxKey("Enter", { ...base, active: 1 })).toEqual({ type: "pick", index: 1 });
  });

  it("picks the first with Enter and none active only where the picker says so", () => {
    expect(comboboxKey("Enter", { ...base, enterPicksFirst: true })).toEqual({ type: "pick", index: 0 });
    expect(comboboxKey("Enter", base)).toEqual({ type: "block" });
  });

  it("leaves Enter alone when the list is closed, so a form can submit", () => {
    expect(comboboxKey("Enter", { ...base, expanded: false, active: 1 })).toBeNull();
  });

  it("closes an open list with Escape, else empties the input, else does nothing", () => {
    expect(comboboxKey("Escape", base)).toEqual({ type: "close" });
    expect(comboboxKey("Escape", { ...base, expanded: false })).toEqual({ type: "clear" });
    expect(comboboxKey("Escape", { ...base, expanded: false, hasText: false })).toBeNull();
  });

  it("leaves other keys to the input", () => {
    expect(comboboxKey("a", base)).toBeNull();
    expect(comboboxKey("Tab", base)).toBeNull();
  });
});
