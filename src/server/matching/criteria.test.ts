import { describe, expect, it } from "vitest";
import { buildCandidateIndex, upsertCandidate } from "./candidate-index.ts";
import { rankCandidatesForJob, rankJobsForCandidate } from "./engine.ts";
import { ENGINE_VERSION, WEIGHTS } from "./score.ts";
import { candidate, job, O, S, testTaxonomy } from "./test-fixtures.ts";
import type { MatchCandidate, MatchJob } from "./types.ts";
import type { MatchCriterion, MatchLang, MatchResult } from "../../shared/matching.ts";
import { matchResultSchema } from "../../shared/matching.ts";

/*
 * Each criterion of the soft score, the hard filters, and the explanation texts, on a small taxonomy
 * (test-fixtures.ts). Scores are checked through the reasons each result carries.
 */

const TODAY = "2026-01-15";

function rank(candidates: MatchCandidate[], forJob: MatchJob, lang: MatchLang = "en"): MatchResult[] {
  const index = buildCandidateIndex(testTaxonomy(), candidates);
  const results = rankCandidatesForJob(index, forJob, { limit: 50, lang, today: TODAY });
  for (const result of results) matchResultSchema.parse(result);
  return results;
}
const reasonOf = (result: MatchResult | undefined, criterion: MatchCriterion) => result?.reasons.find((r) => r.criterion === criterion);
const byId = (results: MatchResult[], id: string) => results.find((r) => r.id === id);

describe("hard filters", () => {
  it("leaves out candidates who are not active, are restricted, lack a required licence or start after the job", () => {
    const ok = candidate({ licences: ["B"] });
    const inactive = candidate({ active: false, licences: ["B"] });
    const restricted = candidate({ restricted: true, licences: ["B"] });
    const noLicence = candidate({ licences: ["A"] });
    const late = candidate({ licences: ["B"], availableFrom: "2026-03-02" });
    const onTime = candidate({ licences: ["B"], availableFrom: "2026-03-01" });
    const byImplication = candidate({ licences: ["CE"] }); // CE needs C, which needs B
    const results = rank([ok, inactive, restricted, noLicence, late, onTime, byImplication], job({ licencesRequired: ["B"], startDate: "2026-03-01" }));
    expect(results.map((r) => r.id).sort()).toEqual([ok.id, onTime.id, byImplication.id].sort());
  });

  it("applies no start filter to a job without a start date", () => {
    const later = candidate({ availableFrom: "2026-09-01" });
    expect(rank([later], job({ startDate: null })).map((r) => r.id)).toEqual([later.id]);
  });
});

describe("weights", () => {
  it("scale the weights of the criteria that apply to add up to 1 and version them", () => {
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    const [result] = rank([candidate()], job({ occupationUri: O.cook, essentialSkillUris: [S.knife], municipality: "Bærum" }));
    expect(result!.reasons.map((r) => r.criterion)).toEqual(["skills", "occupation", "location"]);
    expect(result!.reasons.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(1, 2);
    expect(result!.reasons[0]!.weight).toBeCloseTo(WEIGHTS.skills / (WEIGHTS.skills + WEIGHTS.occupation + WEIGHTS.location), 3);
  });

  it("scores the weighted sum of the reasons", () => {
    const c = candidate({ skillUris: [S.knife], experience: [{ occupationUri: O.waiter, years: 2 }], municipality: "Asker", wishedMunicipalities: ["Bærum"] });
    const [result] = rank([c], job({ occupationUri: O.waiter, essentialSkillUris: [S.knife, S.serve], municipality: "Bærum" }));
    const sum = result!.reasons.reduce((total, r) => total + r.weight * r.score, 0);
    expect(result!.score).toBeCloseTo(sum, 2);
  });
});

describe("occupation", () => {
  const forWaiter = job({ occupationUri: O.waiter });
  it("scores the same occupation, the ISCO unit, minor and sub-major group, experience above wishes", () => {
    const same5 = candidate({ experience: [{ occupationUri: O.waiter, years: 5 }] });
    const same0 = candidate({ experience: [{ occupationUri: O.waiter, years: 0 }] });
    const wish = candidate({ wishedOccupationUris: [O.waiter] });
    const minor = candidate({ experience: [{ occupationUri: O.bartender, years: 10 }] });
    const subMajor = candidate({ experience: [{ occupationUri: O.cook, years: 10 }] });
    const none = candidate({ experience: [{ occupationUri: O.nurse, years: 10 }] });
    const results = rank([same5, same0, wish, minor, subMajor, none], forWaiter);
    const score = (c: MatchCandidate) => reasonOf(byId(results, c.id), "occupation")!.score;
    expect(score(same5)).toBe(1);
    expect(score(same0)).toBe(0.8);
    expect(score(wish)).toBe(0.7);
    expect(score(minor)).toBe(0.5);
    expect(score(subMajor)).toBe(0.25);
    expect(score(none)).toBe(0);
    expect(results.map((r) => r.id)).toEqual([same5, same0, wish, minor, subMajor, none].map((c) => c.id));
  });

  it("scores the same unit group", () => {
    const pastry = candidate({ experience: [{ occupationUri: O.pastryCook, years: 5 }] });
    const [result] = rank([pastry], job({ occupationUri: O.cook }));
    expect(reasonOf(result, "occupation")!.score).toBe(0.75);
    expect(reasonOf(result, "occupation")!.detail).toBe("Has worked as pastry cook (5 years) — same occupational group (ISCO 5120)");
  });

  it("explains in bokmål and English", () => {
    const c = candidate({ experience: [{ occupationUri: O.waiter, years: 2.5 }], wishedOccupationUris: [O.bartender] });
    expect(reasonOf(rank([c], forWaiter, "nb")[0], "occupation")!.detail).toBe("Har jobbet som servitør (2,5 år) — samme yrke");
    expect(reasonOf(rank([c], forWaiter, "en")[0], "occupation")!.detail).toBe("Has worked as waiter (2.5 years) — same occupation");
    const wish = candidate({ wishedOccupationUris: [O.bartender] });
    expect(reasonOf(rank([wish], forWaiter, "nb")[0], "occupation")!.detail).toBe("Ønsker å jobbe som bartender — beslektet yrkesgruppe (ISCO 513)");
    expect(reasonOf(rank([candidate()], forWaiter, "en")[0], "occupation")!.detail).toBe("No experience or wish in this occupational field");
  });
});

describe("skills", () => {
  const forCook = job({ essentialSkillUris: [S.knife, S.hygiene, S.menu], optionalSkillUris: [S.cocktails] });

  it("counts essential and optional skills held", () => {
    const c = candidate({ skillUris: [S.knife, S.hygiene, S.cocktails, S.care] });
    const [result] = rank([c], job({ essentialSkillUris: [S.knife, S.hygiene, S.clean], optionalSkillUris: [S.cocktails, S.forklift] }), "en");
    expect(reasonOf(result, "skills")!.detail).toBe("2 of 3 essential skills, 1 of 2 optional");
    const [nb] = rank([c], job({ essentialSkillUris: [S.knife, S.hygiene, S.clean], optionalSkillUris: [S.cocktails, S.forklift] }), "nb");
    expect(reasonOf(nb, "skills")!.detail).toBe("2 av 3 nødvendige ferdigheter, 1 av 2 ønskede");
    expect(nb!.missing.filter((m) => m.criterion === "skills").map((m) => [m.detail, m.required])).toEqual([
      ["rengjøre lokaler", true],
      ["kjøre truck", false],
    ]);
  });

  it("gives all the skills score for all skills and weighs essential above optional", () => {
    const all = candidate({ skillUris: [S.knife, S.hygiene, S.menu, S.cocktails] });
    const essentialOnly = candidate({ skillUris: [S.knife, S.hygiene, S.menu] });
    const optionalOnly = candidate({ skillUris: [S.cocktails] });
    const results = rank([all, essentialOnly, optionalOnly], forCook);
    expect(reasonOf(byId(results, all.id), "skills")!.score).toBe(1);
    expect(reasonOf(byId(results, essentialOnly.id), "skills")!.score).toBeGreaterThan(0.7);
    expect(reasonOf(byId(results, optionalOnly.id), "skills")!.score).toBeLessThan(0.3);
  });

  it("weighs a rare skill above a common one (IDF over the network's candidates)", () => {
    // Many candidates hold hygiene; knife skills are rare. Each of the two misses one of them.
    const crowd = Array.from({ length: 20 }, () => candidate({ skillUris: [S.hygiene] }));
    const rare = candidate({ skillUris: [S.knife] });
    const common = candidate({ skillUris: [S.hygiene] });
    const results = rank([...crowd, rare, common], job({ essentialSkillUris: [S.knife, S.hygiene] }));
    expect(reasonOf(byId(results, rare.id), "skills")!.score).toBeGreaterThan(reasonOf(byId(results, common.id), "skills")!.score);
    expect(results[0]!.id).toBe(rare.id);
  });

  it("counts skills implied by experienced occupations partly (essential half, optional a quarter), not by wishes", () => {
    const experienced = candidate({ experience: [{ occupationUri: O.cleaner, years: 3 }] });
    const wished = candidate({ wishedOccupationUris: [O.cleaner] });
    const forCleaning = job({ essentialSkillUris: [S.clean, S.hygiene] });
    const results = rank([experienced, wished], forCleaning, "en");
    const reason = reasonOf(byId(results, experienced.id), "skills")!;
    expect(reason.score).toBeCloseTo((2 + 1) / 8, 3); // clean half, hygiene a quarter, of two equally rare skills
    expect(reason.detail).toBe("0 of 2 essential skills; 2 more partly (related skills or experience)");
    expect(byId(results, experienced.id)!.missing.map((m) => m.detail)).toEqual(["clean premises — partly: from experience as cleaner", "follow hygiene rules — partly: from experience as cleaner"]);
    expect(reasonOf(byId(results, wished.id), "skills")!.score).toBe(0);
  });

  it("counts related skills in the hierarchy partly: narrower or broader half, a sibling a quarter", () => {
    const narrower = candidate({ skillUris: [S.veganMenu] });
    const sibling = candidate({ skillUris: [S.knife] });
    const unrelated = candidate({ skillUris: [S.care] });
    const results = rank([narrower, sibling, unrelated], job({ essentialSkillUris: [S.menu] }), "nb");
    expect(reasonOf(byId(results, narrower.id), "skills")!.score).toBe(0.5);
    expect(reasonOf(byId(results, sibling.id), "skills")!.score).toBe(0.25);
    expect(reasonOf(byId(results, unrelated.id), "skills")!.score).toBe(0);
    expect(byId(results, narrower.id)!.missing[0]!.detail).toBe("planlegge menyer — delvis: beslektet med planlegge veganske menyer");
    expect(reasonOf(byId(results, narrower.id), "skills")!.detail).toBe("0 av 1 nødvendige ferdigheter; 1 til delvis (beslektede ferdigheter eller erfaring)");
  });

  it("keeps the best credit when a skill counts several ways", () => {
    const both = candidate({ skillUris: [S.menu, S.veganMenu], experience: [{ occupationUri: O.cook, years: 1 }] });
    const [result] = rank([both], job({ essentialSkillUris: [S.menu] }));
    expect(reasonOf(result, "skills")!.score).toBe(1);
    expect(result!.missing).toEqual([]);
  });
});

describe("languages", () => {
  const norwegianOral = job({ languages: [{ code: "no", skills: ["listening", "speaking"], level: "B1" }] });

  it("scores each sub-skill against the requirement with a penalty that grows with the gap", () => {
    const met = candidate({ languages: [{ code: "nb", listening: "B2", reading: null, writing: null, speaking: "B1" }] });
    const oneBelow = candidate({ languages: [{ code: "no", listening: "B1", reading: null, writing: null, speaking: "A2" }] });
    const twoBelow = candidate({ languages: [{ code: "no", listening: "B1", reading: "C1", writing: "C1", speaking: "A1" }] });
    const none = candidate({ languages: [{ code: "en", listening: "C2", reading: "C2", writing: "C2", speaking: "C2" }] });
    const results = rank([met, oneBelow, twoBelow, none], norwegianOral, "en");
    expect(reasonOf(byId(results, met.id), "languages")!.score).toBe(1);
    expect(reasonOf(byId(results, oneBelow.id), "languages")!.score).toBe(0.8); // (1 + 0.6) / 2
    expect(reasonOf(byId(results, twoBelow.id), "languages")!.score).toBe(0.625); // (1 + 0.25) / 2
    expect(reasonOf(byId(results, none.id), "languages")!.score).toBe(0.05); // B1 is three levels above nothing
    expect(reasonOf(byId(results, met.id), "languages")!.detail).toBe("Norwegian B1 oral — met");
    expect(reasonOf(byId(results, oneBelow.id), "languages")!.detail).toBe("Norwegian B1 oral — has A2");
    expect(reasonOf(byId(results, none.id), "languages")!.detail).toBe("Norwegian B1 oral — not stated");
    expect(byId(results, oneBelow.id)!.missing).toEqual([{ criterion: "languages", key: "language:no:0", required: true, detail: "Norwegian B1 oral — has A2" }]);
  });

  it("explains in bokmål and names other languages and sub-skills", () => {
    const c = candidate({ languages: [{ code: "no", listening: "A2", reading: "A2", writing: "A1", speaking: "A2" }] });
    const forJob = job({
      languages: [
        { code: "no", skills: ["listening", "speaking"], level: "B1" },
        { code: "en", skills: ["reading", "writing"], level: "B2" },
        { code: "ar", skills: ["listening", "reading", "writing", "speaking"], level: "A2" },
        { code: "no", skills: ["writing"], level: "A2" },
      ],
    });
    expect(reasonOf(rank([c], forJob, "nb")[0], "languages")!.detail).toBe(
      "Norsk B1 muntlig — har A2; Engelsk B2 skriftlig — ikke oppgitt; Arabisk A2 — ikke oppgitt; Norsk A2 skriving — har A1",
    );
    expect(reasonOf(rank([c], forJob, "en")[0], "languages")!.detail).toBe(
      "Norwegian B1 oral — has A2; English B2 written — not stated; Arabic A2 — not stated; Norwegian A2 writing — has A1",
    );
  });
});

describe("education, location, extent, licences and start", () => {
  it("scores education by levels below the job's (bachelor)", () => {
    const master = candidate({ educationRank: 7 });
    const tertiary = candidate({ educationRank: 5 });
    const upperSecondary = candidate({ educationRank: 3 });
    const unknown = candidate({ educationRank: null });
    const results = rank([master, tertiary, upperSecondary, unknown], job({ educationRank: 6 }), "en");
    expect([master, tertiary, upperSecondary, unknown].map((c) => reasonOf(byId(results, c.id), "education")!.score)).toEqual([1, 0.5, 0, 0]);
    expect(reasonOf(byId(results, upperSecondary.id), "education")!.detail).toBe("Education: bachelor's degree or higher — has upper secondary school");
    expect(byId(results, unknown.id)!.missing[0]!.detail).toBe("Education: bachelor's degree or higher — not stated");
    expect(reasonOf(rank([upperSecondary], job({ educationRank: 6 }), "nb")[0], "education")!.detail).toBe("Utdanning: bachelor eller høyere — har videregående");
  });

  it("scores where the candidate lives or wishes to work", () => {
    const lives = candidate({ municipality: "bærum " });
    const wishes = candidate({ municipality: "Oslo", wishedMunicipalities: ["Bærum"] });
    const elsewhere = candidate({ municipality: "Oslo" });
    const unknown = candidate();
    const results = rank([lives, wishes, elsewhere, unknown], job({ municipality: "Bærum" }), "nb");
    expect([lives, wishes, elsewhere, unknown].map((c) => reasonOf(byId(results, c.id), "location")!.score)).toEqual([1, 0.8, 0, 0]);
    expect([lives, wishes, elsewhere, unknown].map((c) => reasonOf(byId(results, c.id), "location")!.detail)).toEqual([
      "Bor i Bærum",
      "Ønsker å jobbe i Bærum",
      "Bor i Oslo — jobben er i Bærum",
      "Bosted ikke oppgitt — jobben er i Bærum",
    ]);
  });

  it("scores the wished extent", () => {
    const any = candidate({ extent: "any" });
    const full = candidate({ extent: "full_time" });
    const part = candidate({ extent: "part_time" });
    const results = rank([any, full, part], job({ extent: "full_time" }), "en");
    expect([any, full, part].map((c) => reasonOf(byId(results, c.id), "extent")!.score)).toEqual([1, 1, 0.2]);
    expect(reasonOf(byId(results, part.id), "extent")!.detail).toBe("Full-time job — wants part-time");
  });

  it("scores preferred licences and lists the missing ones", () => {
    const one = candidate({ licences: ["B"] });
    const results = rank([one], job({ licencesPreferred: ["B", "BE"] }), "en");
    expect(reasonOf(results[0], "licences")).toMatchObject({ score: 0.5, detail: "Has 1 of 2 preferred driving licences (B, BE)" });
    expect(results[0]!.missing).toEqual([{ criterion: "licences", key: "licence:BE", required: false, detail: "Driving licence BE (preferred)" }]);
    expect(rank([one], job({ licencesPreferred: ["BE"] }), "nb")[0]!.missing[0]!.detail).toBe("Førerkort klasse BE (ønsket)");
  });

  it("scores how soon the candidate can start for a job without a start date", () => {
    const now = candidate();
    const past = candidate({ availableFrom: "2025-12-01" });
    const in20 = candidate({ availableFrom: "2026-02-04" });
    const in200 = candidate({ availableFrom: "2026-08-03" });
    const results = rank([now, past, in20, in200], job({ startDate: null }), "en");
    expect([now, past, in20, in200].map((c) => reasonOf(byId(results, c.id), "start")!.score)).toEqual([1, 1, 0.6, 0.1]);
    expect(reasonOf(byId(results, now.id), "start")!.detail).toBe("Available now");
    expect(reasonOf(byId(results, in20.id), "start")!.detail).toBe("Available from 4 February 2026");
    expect(reasonOf(rank([in20], job({ startDate: null }), "nb")[0], "start")!.detail).toBe("Kan begynne 4. februar 2026");
  });
});

describe("jobs for a candidate", () => {
  const index = () =>
    buildCandidateIndex(testTaxonomy(), [candidate({ skillUris: [S.hygiene] }), candidate({ skillUris: [S.knife, S.hygiene] }), candidate({ skillUris: [S.serve] })]);
  const jobs = [
    job({ id: "j-cook", occupationUri: O.cook, essentialSkillUris: [S.knife, S.hygiene, S.menu] }),
    job({ id: "j-waiter", occupationUri: O.waiter, essentialSkillUris: [S.serve], optionalSkillUris: [S.hygiene] }),
    job({ id: "j-driver", occupationUri: O.cook, essentialSkillUris: [S.knife], licencesRequired: ["C"] }),
    job({ id: "j-late", occupationUri: O.cook, essentialSkillUris: [S.knife], startDate: "2026-02-01" }),
  ];

  it("ranks jobs with the same score and reasons as the job's ranking gives the pair", () => {
    const me = candidate({ skillUris: [S.knife, S.veganMenu], experience: [{ occupationUri: O.pastryCook, years: 3 }], availableFrom: "2026-02-15" });
    const idx = index();
    upsertCandidate(idx, me);
    const mine = rankJobsForCandidate(idx, jobs, me, { today: TODAY, lang: "en" });
    expect(mine.map((r) => r.id)).toEqual(["j-cook", "j-waiter"]);
    for (const result of mine) {
      const forJob = rankCandidatesForJob(idx, jobs.find((j) => j.id === result.id)!, { today: TODAY, lang: "en" }).find((r) => r.id === me.id)!;
      expect({ ...forJob, id: result.id }).toEqual(result);
    }
  });

  it("can include jobs the candidate cannot take yet, with what is missing", () => {
    const me = candidate({ skillUris: [S.knife], availableFrom: "2026-02-15" });
    const all = rankJobsForCandidate(index(), jobs, me, { today: TODAY, lang: "en", includeIneligible: true });
    expect(all.filter((r) => r.eligible).map((r) => r.id)).toEqual(["j-cook", "j-waiter"]);
    const driver = all.find((r) => r.id === "j-driver")!;
    expect(driver.eligible).toBe(false);
    expect(driver.missing).toContainEqual({ criterion: "licences", key: "licence:C", required: true, detail: "Driving licence C" });
    expect(all.find((r) => r.id === "j-late")!.missing).toContainEqual({ criterion: "start", key: "start", required: true, detail: "Available from 15 February 2026 — the job starts 1 February 2026" });
    expect(all.slice(-2).every((r) => !r.eligible)).toBe(true);
  });

  it("gives a candidate who is not active or is restricted no jobs", () => {
    expect(rankJobsForCandidate(index(), jobs, candidate({ active: false }), { today: TODAY })).toEqual([]);
    expect(rankJobsForCandidate(index(), jobs, candidate({ restricted: true }), { today: TODAY })).toEqual([]);
  });
});
