import { and, eq, gte, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { candidateBackgrounds, candidates } from "../candidates/tables.ts";
import { matchLogs, pipelineEntries } from "../jobs/tables.ts";
import { placements } from "../placements/tables.ts";
import { addDays, addMonths } from "../placements/service.ts";
import { checkPeriod, osloDate } from "../platform/dates.ts";
import { genders } from "../../shared/candidates.ts";
import { regionLabels, regionOf, regions } from "../../shared/regions.ts";
import { ageBands, fairnessDimensions, fairnessMeasures, minimumGroupSize, suppressedSize, underFive } from "../../shared/reports.ts";
import type { FairnessReport } from "../../shared/reports.ts";
import { suppressTable } from "./suppression.ts";

/*
 * The fairness report: for the network's candidates, per group of gender, age band and region of birth, the
 * rates of appearing in a top-10 suggestion, of being shared with an employer and of being hired in a period,
 * each group's ratio to the highest shown group (the four-fifths rule), and the group sizes. Groups under five
 * people are suppressed, and so many more as it takes for the totals not to reveal them (complementary
 * suppression). See docs/decisions/013-placements-and-fairness.md.
 */

export const fourFifths = 0.8;
type Lang = "nb" | "en";
type Dimension = (typeof fairnessDimensions)[number];
type Measure = (typeof fairnessMeasures)[number];

export type Member = { id: string; gender: string; ageBand: (typeof ageBands)[number]; region: string };
export type Outcomes = Record<Measure, ReadonlySet<string>>;

export function ageBandOf(birthYear: number | null, referenceYear: number): (typeof ageBands)[number] {
  if (birthYear === null) return "unknown";
  const age = referenceYear - birthYear;
  if (age < 18) return "under_18";
  if (age <= 24) return "18-24";
  if (age <= 34) return "25-34";
  if (age <= 44) return "35-44";
  if (age <= 54) return "45-54";
  return "55+";
}

const genderLabels: Record<string, Record<Lang, string>> = {
  female: { nb: "Kvinne", en: "Female" },
  male: { nb: "Mann", en: "Male" },
  other: { nb: "Annet", en: "Other" },
  unspecified: { nb: "Ikke oppgitt", en: "Not stated" },
};
const ageLabels: Record<string, Record<Lang, string>> = {
  under_18: { nb: "Under 18", en: "Under 18" },
  unknown: { nb: "Ukjent", en: "Unknown" },
};
const keyOrder: Record<Dimension, readonly string[]> = { gender: genders, ageBand: ageBands, region: regions };
const labelOf = (dimension: Dimension, key: string, lang: Lang) =>
  dimension === "gender" ? (genderLabels[key]?.[lang] ?? key) : dimension === "region" ? (regionLabels[key as keyof typeof regionLabels]?.[lang] ?? key) : (ageLabels[key]?.[lang] ?? key.replace("-", "–"));

export const measureTexts: Record<Lang, Record<Measure, string>> = {
  nb: {
    top10: "Andel av gruppen som var blant de ti første forslagene i minst én rangering i perioden",
    shared: "Andel av gruppen som ble delt med en arbeidsgiver i perioden",
    hired: "Andel av gruppen med en formidling som startet i perioden",
  },
  en: {
    top10: "Share of the group that appeared among the first ten suggestions of at least one ranking in the period",
    shared: "Share of the group that was shared with an employer in the period",
    hired: "Share of the group with a placement that started in the period",
  },
};

/**
 * Which groups to hide, by the one suppression rule (suppression.ts): every group under five (small_group), then
 * as many more as it takes for the population's total (known from any dimension) not to reveal them
 * (complementary).
 */
export function suppress(sizes: ReadonlyMap<string, number>): Map<string, "small_group" | "complementary"> {
  const table = suppressTable([...sizes].map(([key, count]) => ({ key, count })), { publishTotal: true });
  const hidden = new Map<string, "small_group" | "complementary">();
  for (const cell of table.cells) if (cell.suppression) hidden.set(cell.key, cell.suppression === "under_5" ? "small_group" : "complementary");
  return hidden;
}

/** The report's groups from the members and who had each outcome. Pure: the tests build members by hand. */
export function fairnessGroups(members: readonly Member[], outcomes: Outcomes, lang: Lang): FairnessReport["dimensions"] {
  return fairnessDimensions.map((dimension) => {
    const byKey = new Map<string, Member[]>();
    for (const member of members) {
      const key = dimension === "gender" ? member.gender : dimension === "ageBand" ? member.ageBand : member.region;
      byKey.set(key, [...(byKey.get(key) ?? []), member]);
    }
    const order = keyOrder[dimension];
    const keys = [...byKey.keys()].sort((a, b) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)) || a.localeCompare(b));
    const hidden = suppress(new Map(keys.map((key) => [key, byKey.get(key)!.length])));
    const rates = new Map(
      keys.map((key) => {
        const group = byKey.get(key)!;
        return [key, Object.fromEntries(fairnessMeasures.map((m) => [m, group.filter((member) => outcomes[m].has(member.id)).length / group.length])) as Record<Measure, number>];
      }),
    );
    const shown = keys.filter((key) => !hidden.has(key));
    const highest = Object.fromEntries(fairnessMeasures.map((m) => [m, Math.max(0, ...shown.map((key) => rates.get(key)![m]))])) as Record<Measure, number>;
    const groups = keys.map((key) => {
      const suppressed = hidden.get(key) ?? null;
      const measure = (m: Measure) => {
        if (suppressed) return { rate: null, ratio: null, belowFourFifths: false };
        const rate = rates.get(key)![m];
        const ratio = highest[m] > 0 ? rate / highest[m] : null;
        return { rate, ratio, belowFourFifths: ratio !== null && ratio < fourFifths };
      };
      return {
        key,
        label: labelOf(dimension, key, lang),
        size: suppressed === "small_group" ? underFive : suppressed === "complementary" ? suppressedSize : byKey.get(key)!.length,
        suppressed,
        top10: measure("top10"),
        shared: measure("shared"),
        hired: measure("hired"),
      };
    });
    return { dimension, groups };
  });
}

/** Candidates (ids) among the first ten of any candidates-for-job ranking logged in [from, to]. */
async function topTen(db: Db, tenantId: string, from: string, toExclusive: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ id: sql<string>`r.elem->>'id'` })
    .from(sql`${matchLogs}, jsonb_array_elements(${matchLogs.results}) with ordinality as r(elem, pos)`)
    .where(and(eq(matchLogs.tenantId, tenantId), eq(matchLogs.direction, "candidates_for_job"), gte(matchLogs.createdAt, new Date(`${from}T00:00:00Z`)), lt(matchLogs.createdAt, new Date(`${toExclusive}T00:00:00Z`)), sql`r.pos <= 10`));
  return new Set(rows.map((r) => r.id));
}

export async function fairnessReport(db: Db, tenantId: string, query: { from?: string | undefined; to?: string | undefined; lang: Lang }, now = new Date()): Promise<FairnessReport> {
  const to = query.to ?? osloDate(now);
  const from = query.from ?? addDays(addMonths(to, -12), 1);
  checkPeriod(from, to);
  const toExclusive = addDays(to, 1);
  const referenceYear = Number(to.slice(0, 4));

  // The population is the network's candidates now (not those registered by the period's end: imported and
  // merged records carry today's date), without those who asked to be erased.
  const people = await db
    .select({ id: candidates.id, gender: candidateBackgrounds.gender, birthYear: candidateBackgrounds.birthYear, country: candidateBackgrounds.countryOfBirth })
    .from(candidates)
    .leftJoin(candidateBackgrounds, eq(candidateBackgrounds.candidateId, candidates.id))
    .where(and(eq(candidates.tenantId, tenantId), isNull(candidates.erasureRequestedAt)));
  const members: Member[] = people.map((p) => ({ id: p.id, gender: p.gender ?? "unspecified", ageBand: ageBandOf(p.birthYear ?? null, referenceYear), region: regionOf(p.country) }));

  const shared = await db
    .selectDistinct({ id: pipelineEntries.candidateId })
    .from(pipelineEntries)
    .where(and(eq(pipelineEntries.tenantId, tenantId), isNotNull(pipelineEntries.sharedAt), gte(pipelineEntries.sharedAt, new Date(`${from}T00:00:00Z`)), lt(pipelineEntries.sharedAt, new Date(`${toExclusive}T00:00:00Z`))));
  const hired = await db
    .selectDistinct({ id: placements.candidateId })
    .from(placements)
    .where(and(eq(placements.tenantId, tenantId), isNotNull(placements.candidateId), gte(placements.startDate, from), lte(placements.startDate, to)));
  const outcomes: Outcomes = {
    top10: await topTen(db, tenantId, from, toExclusive),
    shared: new Set(shared.map((r) => r.id)),
    hired: new Set(hired.map((r) => r.id!)),
  };

  return {
    period: { from, to },
    population: members.length < minimumGroupSize ? underFive : members.length,
    minimumGroupSize,
    fourFifthsThreshold: fourFifths,
    measures: measureTexts[query.lang],
    dimensions: fairnessGroups(members, outcomes, query.lang),
  };
}
