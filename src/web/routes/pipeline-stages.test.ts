import { describe, expect, it } from "vitest";
import { newStageKey } from "./pipeline-stages.tsx";

describe("a new stage's key", () => {
  it("comes from the Norwegian name, as the server's key rule wants, and never repeats one", () => {
    expect(newStageKey("Praksisplass avtalt", [])).toBe("praksisplass_avtalt");
    expect(newStageKey("Intervju", ["intervju"])).toBe("intervju_2");
    expect(newStageKey("2. intervju", [])).toBe("intervju");
    expect(newStageKey("!!!", [])).toBe("stage");
    expect(newStageKey("Å møte", [])).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  });
});
