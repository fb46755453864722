import { and, asc, eq, inArray, like } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { SystemActor } from "../platform/actor.ts";
import { taxonomyConcepts, taxonomyOccupationSkills } from "../taxonomy/tables.ts";
import { candidates } from "./tables.ts";
import { insertCandidatesInBulk } from "./service.ts";
import { candidateInputSchema, cefrLevels } from "../../shared/candidates.ts";
import type { CandidateInput } from "../../shared/candidates.ts";

/*
 * Synthetic candidates for the demo network: fictional people with plausible, varied profiles. The same seed
 * gives the same people; a re-run replaces the demo candidates instead of adding more. Occupations and skills are
 * picked from whatever taxonomy is loaded (the starter taxonomy or a full ESCO import).
 */

export const demoCandidateDomain = "kandidat.demo.mangfold.example";

/** mulberry32 over a hash of the seed: small, fast and the same on every platform. */
export function seededRandom(seed: string) {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let state = h >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

type Origin = { country: string; female: string[]; male: string[]; last: string[]; language: string };
const origins: Origin[] = [
  { country: "SY", language: "ar", female: ["Amal", "Rasha", "Lina", "Nour", "Hiba", "Reem"], male: ["Ahmad", "Omar", "Khaled", "Yousef", "Samer", "Bashar"], last: ["Haddad", "Khalil", "Darwish", "Sabbagh", "Najjar", "Hamdan"] },
  { country: "ER", language: "ti", female: ["Selam", "Helen", "Senait", "Mebrat", "Yordanos"], male: ["Yonas", "Dawit", "Tesfay", "Michael", "Filmon"], last: ["Tesfamariam", "Ghebremedhin", "Haile", "Kidane", "Berhane", "Tekle"] },
  { country: "PL", language: "pl", female: ["Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna"], male: ["Piotr", "Tomasz", "Marek", "Krzysztof", "Paweł"], last: ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Zielińska", "Kamińska"] },
  { country: "UA", language: "uk", female: ["Olena", "Iryna", "Tetiana", "Oksana", "Natalia"], male: ["Andrii", "Oleksandr", "Serhii", "Dmytro", "Mykola"], last: ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravets"] },
  { country: "AF", language: "fa", female: ["Fatima", "Zahra", "Maryam", "Shabnam", "Parwana"], male: ["Ahmad", "Mohammad", "Hamid", "Farid", "Rahim"], last: ["Ahmadi", "Rahimi", "Hosseini", "Karimi", "Sultani", "Noori"] },
  { country: "SO", language: "so", female: ["Hodan", "Ayaan", "Fadumo", "Sahra", "Hibaaq"], male: ["Abdi", "Mohamed", "Hassan", "Abdirahman", "Ali"], last: ["Abdullahi", "Warsame", "Farah", "Osman", "Yusuf", "Jama"] },
  { country: "IQ", language: "ar", female: ["Zainab", "Noor", "Huda", "Sara", "Dalia"], male: ["Ali", "Mustafa", "Haider", "Karrar", "Ammar"], last: ["Al-Jubouri", "Hassan", "Kadhim", "Abbas", "Salman"] },
  { country: "TH", language: "th", female: ["Siriporn", "Nattaya", "Kanya", "Wanida"], male: ["Somchai", "Anan", "Prasert"], last: ["Srisuk", "Wongsawat", "Chaiyaporn", "Boonmee"] },
  { country: "PH", language: "tl", female: ["Maria", "Joy", "Kristine", "Angelica"], male: ["Jose", "Mark", "John Paul"], last: ["Santos", "Reyes", "Cruz", "Bautista", "Garcia"] },
  { country: "LT", language: "lt", female: ["Rūta", "Jurgita", "Ieva"], male: ["Tomas", "Mindaugas", "Darius"], last: ["Kazlauskas", "Petrauskas", "Jankauskienė"] },
  { country: "ET", language: "am", female: ["Hana", "Meron", "Tigist"], male: ["Abebe", "Samuel", "Dawit"], last: ["Bekele", "Tadesse", "Alemu", "Girma"] },
  { country: "IR", language: "fa", female: ["Shirin", "Leila", "Parisa"], male: ["Reza", "Amir", "Babak"], last: ["Mohammadi", "Rezaei", "Jafari", "Tehrani"] },
];
const municipalities = ["Bærum", "Bærum", "Bærum", "Asker", "Oslo", "Drammen", "Lier"];
const partners = ["NAV Bærum", "Flyktningtjenesten", "Voksenopplæringen", "Rotary", ""];
const educationPool: CandidateInput["education"][number]["level"][] = ["none", "primary", "lower_secondary", "upper_secondary", "upper_secondary", "vocational", "tertiary_vocational", "bachelor", "bachelor", "master", "phd"];
const recognitionPool: CandidateInput["education"][number]["recognition"][] = ["not_applied", "pending", "recognised", "partially_recognised", "not_needed"];
const statusPool: CandidateInput["status"][] = ["active", "active", "active", "active", "active", "active", "active", "in_work", "in_work", "paused", "left"];

async function taxonomyPools(db: Db) {
  const occupations = (await db.select({ uri: taxonomyConcepts.uri }).from(taxonomyConcepts).where(and(eq(taxonomyConcepts.type, "occupation"), eq(taxonomyConcepts.status, "released"))).orderBy(asc(taxonomyConcepts.uri)).limit(400)).map((r) => r.uri);
  const skills = (await db.select({ uri: taxonomyConcepts.uri, skillType: taxonomyConcepts.skillType }).from(taxonomyConcepts).where(and(eq(taxonomyConcepts.type, "skill"), eq(taxonomyConcepts.status, "released"))).orderBy(asc(taxonomyConcepts.uri)).limit(2000))
    .filter((r) => r.skillType !== "language")
    .map((r) => r.uri);
  const relations = occupations.length
    ? await db
        .select({ occupationUri: taxonomyOccupationSkills.occupationUri, skillUri: taxonomyOccupationSkills.skillUri })
        .from(taxonomyOccupationSkills)
        .where(and(inArray(taxonomyOccupationSkills.occupationUri, occupations), eq(taxonomyOccupationSkills.relation, "essential")))
        .orderBy(asc(taxonomyOccupationSkills.occupationUri), asc(taxonomyOccupationSkills.skillUri))
    : [];
  const skillsOf = new Map<string, string[]>();
  for (const r of relations) skillsOf.set(r.occupationUri, [...(skillsOf.get(r.occupationUri) ?? []), r.skillUri]);
  return { occupations, skills, skillsOf };
}

const asciiLocal = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/ł/g, "l").toLowerCase().replace(/[^a-z]/g, "");

/** Replaces the demo candidates of the network with `count` new ones made from `seed`. Runs in the caller's transaction. */
export async function seedDemoCandidates(db: Db, tenantId: string, options: { count: number; seed: string; advisorUserIds: string[] }) {
  const actor: SystemActor = { kind: "system", tenantId };
  await db.delete(candidates).where(and(eq(candidates.tenantId, tenantId), like(candidates.email, `%@${demoCandidateDomain}`)));
  const random = seededRandom(options.seed);
  const pools = await taxonomyPools(db);
  const year = new Date().getFullYear();
  const inputs: CandidateInput[] = [];
  for (let i = 0; i < options.count; i++) {
    const origin = random.pick(origins);
    const female = random.chance(0.54);
    const firstName = random.pick(female ? origin.female : origin.male);
    const lastName = random.pick(origin.last);
    const age = random.int(20, 62);
    const birthYear = year - age;
    const arrivalYear = Math.min(year, Math.max(birthYear + random.int(14, 40), year - random.int(0, 15)));
    const levelRank = random.int(0, 5);
    const sub = () => cefrLevels[Math.max(0, Math.min(5, levelRank + random.int(-1, 1)))]!;
    const educationLevel = random.pick(educationPool);
    const occupationCount = pools.occupations.length ? random.int(0, 3) : 0;
    const experienceUris = [...new Set(Array.from({ length: occupationCount }, () => random.pick(pools.occupations)))];
    const wishUris = pools.occupations.length ? [...new Set([random.pick(pools.occupations), ...(random.chance(0.4) ? [random.pick(pools.occupations)] : [])])] : [];
    const related = experienceUris.flatMap((uri) => pools.skillsOf.get(uri) ?? []);
    const skillUris = [...new Set([...related.filter(() => random.chance(0.6)), ...(pools.skills.length ? Array.from({ length: random.int(0, 3) }, () => random.pick(pools.skills)) : [])])].slice(0, 15);
    const licences: CandidateInput["drivingLicences"] = random.chance(0.45) ? (random.chance(0.15) ? ["B", "C", "CE"] : ["B"]) : [];
    const input = candidateInputSchema.parse({
      firstName,
      lastName,
      email: `${asciiLocal(firstName)}.${asciiLocal(lastName)}.${i + 1}@${demoCandidateDomain}`,
      phone: `+47 4${String(random.int(0, 99)).padStart(2, "0")} ${String(10 + (i % 90)).padStart(2, "0")} ${String(100 + i).slice(-3)}`,
      municipality: random.pick(municipalities),
      summary: "",
      background: { countryOfBirth: origin.country, arrivalYear, gender: female ? "female" : "male", birthYear },
      languages: [
        { code: origin.language, native: true },
        { code: "no", listening: sub(), reading: sub(), writing: sub(), speaking: sub(), ...(random.chance(0.5) ? { testName: "Norskprøven", testDate: `${Math.max(arrivalYear, year - 3)}-0${random.int(1, 9)}-15` } : {}) },
        ...(random.chance(0.5) ? [{ code: "en", listening: random.pick(cefrLevels), reading: random.pick(cefrLevels), writing: random.pick(cefrLevels), speaking: random.pick(cefrLevels) }] : []),
      ],
      education: educationLevel === "none" ? [] : [{ level: educationLevel, country: origin.country, yearCompleted: Math.min(year, birthYear + random.int(16, 30)), recognition: random.pick(recognitionPool) }],
      experience: experienceUris.map((occupationUri) => ({ occupationUri, years: random.int(1, 15), country: random.chance(0.7) ? origin.country : "NO" })),
      skillUris,
      drivingLicences: licences,
      certificates: random.chance(0.15) ? [{ type: random.pick(["trade_certificate", "hse_card", "machine_card"] as const), name: random.pick(["Fagbrev", "HMS-kort", "Truckførerbevis"]) }] : [],
      jobWishes: { occupationUris: wishUris, municipalities: [random.pick(municipalities)], extent: random.pick(["full_time", "part_time", "any"] as const) },
      availableFrom: random.chance(0.5) ? `${year}-${String(random.int(1, 12)).padStart(2, "0")}-01` : null,
      status: random.pick(statusPool),
      advisorUserId: options.advisorUserIds.length && random.chance(0.8) ? random.pick(options.advisorUserIds) : null,
      partnerOrganisation: random.pick(partners),
    });
    inputs.push(input);
  }
  await insertCandidatesInBulk(db, actor, tenantId, inputs, "demo");
}
