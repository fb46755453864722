import { compileTaxonomy, taxonomyGraphOf } from "./taxonomy.ts";
import type { MatchTaxonomy, TaxonomyData } from "./taxonomy.ts";
import type { MatchCandidate, MatchJob } from "./types.ts";

/*
 * A small taxonomy for the engine's tests, in ESCO's shape (URIs made up):
 *
 *   occupations (ISCO-08): cook 5120, pastry cook 5120, waiter 5131, bartender 5132, cleaner 9112, nurse 2221
 *   skill hierarchy:       food group ─┬─ knife skills
 *                                     ├─ hygiene
 *                                     └─ plan menus ── plan vegan menus
 *                         service group ─┬─ serve at table
 *                                        └─ mix cocktails
 *                         clean, give care, forklift (no parent)
 */

const occupation = (n: number) => `http://data.europa.eu/esco/occupation/00000000-0000-4000-9000-${String(n).padStart(12, "0")}`;
const skill = (n: number) => `http://data.europa.eu/esco/skill/00000000-0000-4000-9000-${String(n).padStart(12, "0")}`;

export const O = {
  cook: occupation(1),
  pastryCook: occupation(2),
  waiter: occupation(3),
  bartender: occupation(4),
  cleaner: occupation(5),
  nurse: occupation(6),
} as const;

export const S = {
  foodGroup: skill(100),
  serviceGroup: skill(101),
  knife: skill(1),
  hygiene: skill(2),
  menu: skill(3),
  veganMenu: skill(4),
  serve: skill(5),
  cocktails: skill(6),
  clean: skill(7),
  care: skill(8),
  forklift: skill(9),
} as const;

const labels: [string, string, string][] = [
  [O.cook, "kokk", "cook"],
  [O.pastryCook, "konditor", "pastry cook"],
  [O.waiter, "servitør", "waiter"],
  [O.bartender, "bartender", "bartender"],
  [O.cleaner, "renholder", "cleaner"],
  [O.nurse, "sykepleier", "nurse"],
  [S.foodGroup, "matlaging", "food preparation"],
  [S.serviceGroup, "servering", "food service"],
  [S.knife, "bruke kniv", "use knife techniques"],
  [S.hygiene, "følge hygieneregler", "follow hygiene rules"],
  [S.menu, "planlegge menyer", "plan menus"],
  [S.veganMenu, "planlegge veganske menyer", "plan vegan menus"],
  [S.serve, "servere ved bord", "serve at table"],
  [S.cocktails, "blande drinker", "mix cocktails"],
  [S.clean, "rengjøre lokaler", "clean premises"],
  [S.care, "gi omsorg", "give care"],
  [S.forklift, "kjøre truck", "operate forklift"],
];

export function testTaxonomyData(): TaxonomyData {
  return {
    occupations: [
      { uri: O.cook, iscoGroup: "5120" },
      { uri: O.pastryCook, iscoGroup: "5120" },
      { uri: O.waiter, iscoGroup: "5131" },
      { uri: O.bartender, iscoGroup: "5132" },
      { uri: O.cleaner, iscoGroup: "9112" },
      { uri: O.nurse, iscoGroup: "2221" },
    ],
    occupationSkills: [
      { occupationUri: O.cook, skillUri: S.knife, relation: "essential" },
      { occupationUri: O.cook, skillUri: S.hygiene, relation: "essential" },
      { occupationUri: O.cook, skillUri: S.menu, relation: "essential" },
      { occupationUri: O.cook, skillUri: S.veganMenu, relation: "optional" },
      { occupationUri: O.pastryCook, skillUri: S.hygiene, relation: "essential" },
      { occupationUri: O.waiter, skillUri: S.serve, relation: "essential" },
      { occupationUri: O.waiter, skillUri: S.hygiene, relation: "optional" },
      { occupationUri: O.bartender, skillUri: S.cocktails, relation: "essential" },
      { occupationUri: O.bartender, skillUri: S.serve, relation: "essential" },
      { occupationUri: O.cleaner, skillUri: S.clean, relation: "essential" },
      { occupationUri: O.cleaner, skillUri: S.hygiene, relation: "optional" },
      { occupationUri: O.nurse, skillUri: S.care, relation: "essential" },
    ],
    skillBroader: [
      { narrowerUri: S.knife, broaderUri: S.foodGroup },
      { narrowerUri: S.hygiene, broaderUri: S.foodGroup },
      { narrowerUri: S.menu, broaderUri: S.foodGroup },
      { narrowerUri: S.veganMenu, broaderUri: S.menu },
      { narrowerUri: S.serve, broaderUri: S.serviceGroup },
      { narrowerUri: S.cocktails, broaderUri: S.serviceGroup },
    ],
    labels: { nb: new Map(labels.map(([uri, nb]) => [uri, nb])), en: new Map(labels.map(([uri, , en]) => [uri, en])) },
  };
}

export const testTaxonomy = (): MatchTaxonomy => compileTaxonomy(taxonomyGraphOf(testTaxonomyData()));

let counter = 0;
export const candidateId = (n = ++counter) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** A candidate who meets nothing in particular; override what a test is about. */
export function candidate(overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    id: candidateId(),
    active: true,
    availableFrom: null,
    restricted: false,
    licences: [],
    experience: [],
    wishedOccupationUris: [],
    skillUris: [],
    languages: [],
    educationRank: null,
    municipality: "",
    wishedMunicipalities: [],
    extent: "any",
    ...overrides,
  };
}

/** A job with nothing asked; override what a test is about. */
export function job(overrides: Partial<MatchJob> = {}): MatchJob {
  return {
    id: "10000000-0000-4000-8000-000000000001",
    occupationUri: null,
    essentialSkillUris: [],
    optionalSkillUris: [],
    languages: [],
    educationRank: null,
    licencesRequired: [],
    licencesPreferred: [],
    municipality: null,
    extent: null,
    startDate: "2026-03-01",
    ...overrides,
  };
}
