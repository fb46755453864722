import { describe, expect, it } from "vitest";
import { criterionKeyOf, EMPTY_NEED, formatAverage, localToIso, toNeedInput, validateNeed } from "./recruitment-form.ts";

describe("the need form", () => {
  it("names the missing fields by their API names, and checks the number of trainees", () => {
    expect(validateNeed({ ...EMPTY_NEED, positions: "0" })).toEqual({ unitName: "required", title: "required", occupationUri: "required", positions: "number" });
  });

  it("sends checked skills by kind and languages for all sub-skills as an empty list", () => {
    const input = toNeedInput({
      ...EMPTY_NEED,
      unitName: " IT ",
      title: "Trainee",
      occupation: { uri: "o" },
      skills: [
        { uri: "a", label: "A", kind: "essential", checked: true, suggested: true },
        { uri: "b", label: "B", kind: "optional", checked: false, suggested: true },
      ],
    });
    expect(input).toMatchObject({ unitName: "IT", essentialSkillUris: ["a"], optionalSkillUris: [], languages: [{ code: "no", level: "B1", subSkills: [] }], positions: 1, startDate: null });
  });

  it("formats averages and local times", () => {
    expect(formatAverage(3.25, "en")).toBe("3.3");
    expect(formatAverage(null, "nb")).toBe("–");
    expect(localToIso("2026-12-01T10:00")).toMatch(/^2026-12-01T10:00:00[+-]\d{2}:\d{2}$/);
    expect(localToIso("tomorrow")).toBeNull();
  });
});

describe("a new interview criterion's key", () => {
  it("is the Norwegian label in lowercase letters, digits and underscores, unique and starting with a letter", () => {
    expect(criterionKeyOf("Faglig kompetanse", [])).toBe("faglig_kompetanse");
    expect(criterionKeyOf("Språk og forståelse", [])).toBe("sprak_og_forstaelse");
    expect(criterionKeyOf("Motivasjon", ["motivasjon"])).toBe("motivasjon_2");
    expect(criterionKeyOf("3D-tegning", [])).toBe("k_3d_tegning");
    expect(criterionKeyOf("!!!", [])).toBe("kriterium");
  });
});
