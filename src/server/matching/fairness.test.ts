import { describe, expect, expectTypeOf, it } from "vitest";
import { buildCandidateIndex } from "./candidate-index.ts";
import { rankCandidatesForJob, rankJobsForCandidate } from "./engine.ts";
import { toMatchCandidate } from "./from-db.ts";
import { job, O, S, testTaxonomy } from "./test-fixtures.ts";
import type { MatchCandidate, MatchCandidateLanguage } from "./types.ts";
import type { candidateBackgrounds, candidates } from "../candidates/tables.ts";
import { genders } from "../../shared/candidates.ts";

/*
 * Protected attributes never enter ranking. The engine's input type has no name, gender, age, birth year or
 * country (checked at the type level), and changing each of them on every candidate of a full record — the
 * registry's row with its background, the countries of education and experience — changes no score, reason
 * or order.
 */

type CandidateRecord = typeof candidates.$inferSelect & { background: typeof candidateBackgrounds.$inferSelect };

const protectedKeys = ["firstName", "lastName", "name", "email", "phone", "gender", "birthYear", "age", "countryOfBirth", "country", "arrivalYear", "background", "nameNorm", "sortName"] as const;
type Protected = (typeof protectedKeys)[number];

describe("type-level guarantee", () => {
  it("MatchCandidate and its parts have no protected attribute", () => {
    expectTypeOf<Extract<keyof MatchCandidate, Protected>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<keyof MatchCandidate["experience"][number], Protected>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<keyof MatchCandidateLanguage, Protected>>().toEqualTypeOf<never>();
    expectTypeOf<keyof MatchCandidate>().toEqualTypeOf<
      | "id"
      | "active"
      | "availableFrom"
      | "restricted"
      | "licences"
      | "experience"
      | "wishedOccupationUris"
      | "skillUris"
      | "languages"
      | "educationRank"
      | "municipality"
      | "wishedMunicipalities"
      | "extent"
    >();
    // And at run time: what the conversion gives has none of them either, however rich the record.
    const converted = toMatchCandidate(records(1)[0]!);
    for (const key of protectedKeys) expect(JSON.stringify(converted)).not.toContain(`"${key}"`);
  });
});

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const countries = ["SY", "ER", "SO", "UA", "AF", "PL", "NO"];
const occupations = Object.values(O);
const skills = [S.knife, S.hygiene, S.menu, S.veganMenu, S.serve, S.cocktails, S.clean, S.care, S.forklift];
const levels = [null, "A1", "A2", "B1", "B2", "C1", "C2"] as const;

function records(count: number, seed = 1): CandidateRecord[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
    const firstName = pick(["Amina", "Yusuf", "Olena", "Tesfay", "Kari", "Ahmad"]);
    const lastName = pick(["Haddad", "Bekele", "Kovalenko", "Nordmann", "Rahimi"]);
    const experience = occupations
      .filter(() => rand() < 0.3)
      .map((occupationUri) => ({ occupationUri, title: "", employer: "Firma AS", country: pick(countries), years: Math.floor(rand() * 10), description: "" }));
    return {
      id,
      tenantId: "20000000-0000-4000-8000-000000000001",
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}@example.no`,
      phone: "+47 912 34 567",
      municipality: pick(["Bærum", "Asker", "Oslo"]),
      summary: "",
      status: rand() < 0.9 ? "active" : "paused",
      advisorUserId: null,
      partnerOrganisation: "",
      availableFrom: rand() < 0.7 ? null : "2026-02-01",
      languages: [
        { code: "no", native: false, listening: pick(levels), reading: pick(levels), writing: pick(levels), speaking: pick(levels), testName: null, testDate: null },
        { code: pick(["ar", "ti", "uk", "so"]), native: true, listening: null, reading: null, writing: null, speaking: null, testName: null, testDate: null },
      ],
      education: [{ level: pick(["upper_secondary", "bachelor", "vocational"] as const), field: "", institution: "", country: pick(countries), yearCompleted: 2010, recognition: "not_applied" as const }],
      experience,
      certificates: [],
      jobWishes: { occupationUris: occupations.filter(() => rand() < 0.2), municipalities: rand() < 0.5 ? ["Bærum"] : [], extent: pick(["any", "full_time", "part_time"] as const) },
      skillUris: skills.filter(() => rand() < 0.35),
      drivingLicences: rand() < 0.5 ? ["B"] : [],
      occupationUris: [],
      norwegianRank: null,
      educationRank: null,
      sortName: `${lastName} ${firstName}`.toLowerCase(),
      emailNorm: null,
      phoneDigits: null,
      nameNorm: `${firstName} ${lastName}`.toLowerCase(),
      mergedIds: [],
      userId: null,
      processingRestrictedAt: null,
      erasureRequestedAt: null,
      anonymisedAt: null,
      createdAt: new Date("2025-01-01T00:00:00Z"),
      updatedAt: new Date("2025-01-01T00:00:00Z"),
      background: {
        candidateId: id,
        tenantId: "20000000-0000-4000-8000-000000000001",
        countryOfBirth: pick(countries),
        arrivalYear: 2010 + Math.floor(rand() * 15),
        gender: pick(genders),
        birthYear: 1960 + Math.floor(rand() * 45),
      },
    };
  });
}

/** Each protected attribute, changed on a record. */
const changes: [string, (r: CandidateRecord, i: number) => CandidateRecord][] = [
  ["name", (r, i) => ({ ...r, firstName: `Other${i}`, lastName: "Person", sortName: `person other${i}`, nameNorm: `other${i} person`, email: `x${i}@example.com` })],
  ["gender", (r) => ({ ...r, background: { ...r.background, gender: r.background.gender === "female" ? "male" : "female" } })],
  ["birth year (age)", (r) => ({ ...r, background: { ...r.background, birthYear: r.background.birthYear === 1950 ? 2004 : 1950 } })],
  ["country of birth", (r) => ({ ...r, background: { ...r.background, countryOfBirth: r.background.countryOfBirth === "NO" ? "SY" : "NO" } })],
  ["arrival year", (r) => ({ ...r, background: { ...r.background, arrivalYear: 2024 } })],
  ["country of education", (r) => ({ ...r, education: r.education.map((e) => ({ ...e, country: e.country === "NO" ? "ER" : "NO" })) })],
  ["country of experience", (r) => ({ ...r, experience: r.experience.map((e) => ({ ...e, country: e.country === "NO" ? "AF" : "NO", employer: "Annen arbeidsgiver" })) })],
];

const jobs = [
  job({ id: "j1", occupationUri: O.cook, essentialSkillUris: [S.knife, S.hygiene, S.menu], optionalSkillUris: [S.veganMenu], languages: [{ code: "no", skills: ["listening", "speaking"], level: "B1" }], municipality: "Bærum", extent: "full_time" }),
  job({ id: "j2", occupationUri: O.waiter, essentialSkillUris: [S.serve], licencesPreferred: ["B"], educationRank: 3, startDate: null }),
  job({ id: "j3", occupationUri: O.cleaner, essentialSkillUris: [S.clean, S.hygiene], licencesRequired: ["B"] }),
];

function rankEverything(recordList: CandidateRecord[]) {
  const index = buildCandidateIndex(testTaxonomy(), recordList.map(toMatchCandidate));
  return {
    candidatesForJobs: jobs.map((j) => rankCandidatesForJob(index, j, { limit: 200, today: "2026-01-15", lang: "nb" })),
    jobsForCandidates: recordList.slice(0, 30).map((r) => rankJobsForCandidate(index, jobs, toMatchCandidate(r), { today: "2026-01-15", lang: "en", includeIneligible: true })),
  };
}

describe("protected attributes", () => {
  const base = records(300);
  const expected = rankEverything(base);

  it("ranks someone (the test has something to compare)", () => {
    expect(expected.candidatesForJobs.every((list) => list.length > 20)).toBe(true);
    expect(new Set(expected.candidatesForJobs[0]!.map((r) => r.score)).size).toBeGreaterThan(5);
  });

  for (const [attribute, change] of changes) {
    it(`changing ${attribute} on every candidate changes no score, reason or order`, () => {
      const changed = base.map(change);
      expect(changed).not.toEqual(base);
      expect(rankEverything(changed)).toEqual(expected);
    });
  }

  it("changing all of them at once changes nothing either", () => {
    const changed = base.map((r, i) => changes.reduce((record, [, change]) => change(record, i), r));
    expect(rankEverything(changed)).toEqual(expected);
  });
});
