import { describe, expect, it } from "vitest";
import { addSkill, checkedCount, EMPTY_JOB, MAX_SKILLS, offerSuggestions, toggleSkill, toJobInput, toJobUpdate, validateJob, valuesFromJob, type SkillChoice } from "./form.ts";
import type { Job } from "./api.ts";

const skill = (n: number, checked = true, kind: "essential" | "optional" = "essential"): SkillChoice => ({ uri: `http://data.europa.eu/esco/skill/s${n}`, label: `Skill ${n}`, kind, checked, suggested: true });
const many = (n: number) => Array.from({ length: n }, (_, i) => skill(i));

describe("skill limit", () => {
  it("refuses to check one more than the limit, and leaves the list as it was", () => {
    const skills = [...many(MAX_SKILLS), skill(99, false)];
    const result = toggleSkill(skills, skill(99).uri, true);
    expect(result.refused).toBe(true);
    expect(result.skills).toBe(skills);
    expect(checkedCount(result.skills)).toBe(MAX_SKILLS);
  });

  it("allows unchecking at the limit and checking below it", () => {
    const skills = [...many(MAX_SKILLS), skill(99, false)];
    const fewer = toggleSkill(skills, skill(0).uri, false);
    expect(fewer.refused).toBe(false);
    expect(checkedCount(fewer.skills)).toBe(MAX_SKILLS - 1);
    expect(toggleSkill(fewer.skills, skill(99).uri, true).refused).toBe(false);
  });

  it("adds a searched skill as optional, refused at the limit, and moves one already offered", () => {
    expect(addSkill(many(MAX_SKILLS), { uri: "u", label: "U" }, "optional").refused).toBe(true);
    const added = addSkill(many(2), { uri: "u", label: "U" }, "optional");
    expect(added.skills.at(-1)).toMatchObject({ uri: "u", kind: "optional", checked: true });
    const moved = addSkill([skill(1, false, "essential")], { uri: skill(1).uri, label: "x" }, "optional");
    expect(moved.skills).toEqual([{ ...skill(1), kind: "optional", checked: true }]);
  });

  it("offers suggestions: essential ones checked while there is room on an empty list, checked skills kept", () => {
    const offered = offerSuggestions([], { essential: many(40).map(({ uri, label }) => ({ uri, label })), optional: [{ uri: "o", label: "O" }] });
    expect(checkedCount(offered)).toBe(MAX_SKILLS);
    expect(offered.find((s) => s.uri === "o")).toMatchObject({ kind: "optional", checked: false });

    const again = offerSuggestions([skill(1), skill(2, false)], { essential: [{ uri: "n", label: "N" }], optional: [] });
    expect(again.map((s) => [s.uri, s.checked])).toEqual([
      [skill(1).uri, true],
      ["n", false],
    ]);
  });
});

describe("form ↔ API", () => {
  const base = { ...EMPTY_JOB, title: " Kokk ", employer: { id: "e1", name: "Firma" }, occupation: { uri: "http://data.europa.eu/esco/occupation/o1", nb: "Kokk" } };

  it("maps checked skills by kind, language sub-skills, part time and empty values", () => {
    const input = toJobInput(
      {
        ...base,
        skills: [skill(1), skill(2, true, "optional"), skill(3, false)],
        languages: [
          { code: "no", level: "B1", scope: "some", subSkills: ["listening", "speaking"] },
          { code: "en", level: "A2", scope: "all", subSkills: ["reading"] },
        ],
        extent: "part_time",
        extentPercent: "60",
        positions: "3",
      },
      false,
    );
    expect(input).toMatchObject({
      employerId: "e1",
      municipalUnit: "",
      title: "Kokk",
      essentialSkillUris: [skill(1).uri],
      optionalSkillUris: [skill(2).uri],
      languages: [
        { code: "no", level: "B1", subSkills: ["listening", "speaking"] },
        { code: "en", level: "A2", subSkills: [] },
      ],
      extentPercent: 60,
      positions: 3,
      educationLevel: null,
      startDate: null,
      deadline: null,
    });
  });

  it("drops the percent for full time, sends a municipal unit without employer, and no employer for employer users", () => {
    expect(toJobInput({ ...base, extentPercent: "50" }, false).extentPercent).toBeNull();
    expect(toJobInput({ ...base, owner: "unit", municipalUnit: " Bærum sykehjem " }, false)).toMatchObject({ employerId: null, municipalUnit: "Bærum sykehjem" });
    expect(toJobInput(base, true)).toMatchObject({ employerId: null, municipalUnit: "" });
    expect(toJobUpdate(base, true)).not.toHaveProperty("employerId");
    expect(toJobUpdate(base, false)).toHaveProperty("employerId", "e1");
  });

  it("reads a job back into the same values", () => {
    const job = {
      id: "j1",
      employer: { id: "e1", name: "Firma" },
      municipalUnit: "",
      title: "Kokk",
      description: "",
      occupation: { uri: "o1", label: "Kokk" },
      essentialSkills: [{ uri: "s1", label: "S1" }],
      optionalSkills: [{ uri: "s2", label: "S2" }],
      languages: [{ code: "no", level: "B1", subSkills: [] }],
      educationLevel: null,
      licences: [{ licence: "B", required: false }],
      location: "",
      municipality: "Bærum",
      extent: "part_time",
      extentPercent: 80,
      type: "temporary",
      wageSubsidyPossible: true,
      positions: 2,
      startDate: "2027-01-01",
      deadline: null,
      status: "open",
      pipelineCounts: {},
      createdAt: "",
      updatedAt: "",
    } satisfies Job;
    const v = valuesFromJob(job, "nb");
    expect(v.occupation).toEqual({ uri: "o1", nb: "Kokk" });
    expect(v.languages[0]).toMatchObject({ scope: "all", subSkills: [] });
    const back = toJobInput(v, false);
    expect(back).toMatchObject({ essentialSkillUris: ["s1"], optionalSkillUris: ["s2"], extentPercent: 80, positions: 2, licences: [{ licence: "B", required: false }], startDate: "2027-01-01" });
  });

  it("validates before sending", () => {
    expect(validateJob(EMPTY_JOB, false)).toMatchObject({ employerId: "required", title: "required", occupationUri: "required" });
    expect(validateJob(EMPTY_JOB, true)).not.toHaveProperty("employerId");
    expect(validateJob({ ...base, positions: "0" }, false)).toEqual({ positions: "number" });
    expect(validateJob({ ...base, extent: "part_time", extentPercent: "150" }, false)).toEqual({ extentPercent: "number" });
    expect(validateJob({ ...base, languages: [{ code: "no", level: "B1", scope: "some", subSkills: [] }] }, false)).toEqual({ "languages.0.subSkills": "subSkills" });
  });
});
