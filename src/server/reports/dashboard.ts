import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { AppError } from "../platform/errors.ts";
import { osloDate } from "../platform/dates.ts";
import { getNetwork } from "../networks/service.ts";
import { addDays, addMonths, retention } from "../placements/service.ts";
import { listGoals, presentGoal } from "../goals/service.ts";
import { countingDays, forecastGoal, goalWindow } from "../goals/forecast.ts";
import { ageBandOf } from "./fairness.ts";
import { suppressCount, suppressTable } from "./suppression.ts";
import type { PublishedTable } from "./suppression.ts";
import { genders } from "../../shared/candidates.ts";
import { regionLabels, regionOf, regions } from "../../shared/regions.ts";
import { naceSectionNames } from "../../shared/nace.ts";
import type { NaceSection } from "../../shared/nace.ts";
import { ageBands, minimumGroupSize } from "../../shared/reports.ts";
import { ordinaryPlacementTypes, placementTypes } from "../../shared/placements.ts";
import type { CountTable, CountTableId, Dashboard, Figure, GoalProgress } from "../../shared/dashboard.ts";

/*
 * The goal dashboard (issue 6): per goal, people toward it, the straight line and the forecast; key figures;
 * retention; and the count tables (gender, age band, country and region of birth, industry, occupation group,
 * placement type, placements per month). Aggregates only, computed in the database (one scan for the tables, one
 * for the goals, one for retention), and every count published through suppression.ts. No person's id or name
 * leaves this file. See docs/decisions/015-goals-and-dashboard.md.
 */

type Lang = "nb" | "en";

export type DashboardFilters = {
  from?: string | undefined;
  to?: string | undefined;
  partnerOrganisation?: string | undefined;
  /** Only this advisor's caseload; null: a caseload of no one (an advisor token without a user). */
  advisorId?: string | null | undefined;
  lang: Lang;
};

const texts = {
  nb: {
    tables: {
      placementsByMonth: "Formidlinger per måned",
      countryOfBirth: "Personer etter fødeland",
      regionOfBirth: "Personer etter fødeland, verdensdel",
      gender: "Personer etter kjønn",
      ageBand: "Personer etter aldersgruppe",
      industry: "Formidlinger etter bransje (arbeidsgiverens næring)",
      occupationGroup: "Formidlinger etter yrkesgruppe (STYRK-08 hovedgruppe)",
      placementType: "Formidlinger etter type",
    },
    other: "Andre land",
    to: "til",
    unknown: "Ukjent",
    valueLabel: "Anslått verdi for samfunnet",
    assumption: (cost: string) =>
      `Et anslag, ikke en beregnet gevinst: antall personer i ordinært arbeid (fast eller midlertidig) som startet i perioden, ganget med nettverkets anslag på hva én person utenfor arbeid koster samfunnet over et liv (${cost} kr).`,
  },
  en: {
    tables: {
      placementsByMonth: "Placements per month",
      countryOfBirth: "People by country of birth",
      regionOfBirth: "People by region of birth",
      gender: "People by gender",
      ageBand: "People by age band",
      industry: "Placements by industry (the employer's NACE section)",
      occupationGroup: "Placements by occupation group (ISCO-08 major group)",
      placementType: "Placements by type",
    },
    other: "Other countries",
    to: "to",
    unknown: "Unknown",
    valueLabel: "Estimated value to society",
    assumption: (cost: string) =>
      `An estimate, not a measured gain: the number of people in ordinary paid work (permanent or temporary) that started in the period, times the network's estimate of what one person outside work costs society over a lifetime (NOK ${cost}).`,
  },
} as const;

const genderLabels: Record<string, Record<Lang, string>> = {
  female: { nb: "Kvinne", en: "Female" },
  male: { nb: "Mann", en: "Male" },
  other: { nb: "Annet", en: "Other" },
  unspecified: { nb: "Ikke oppgitt", en: "Not stated" },
};
const ageLabel = (band: string, lang: Lang) => (band === "under_18" ? (lang === "nb" ? "Under 18" : "Under 18") : band === "unknown" ? texts[lang].unknown : band.replace("-", "–"));
/** ISCO-08 major groups; the Norwegian names are STYRK-08's. */
const iscoMajorGroups: Record<string, Record<Lang, string>> = {
  "0": { nb: "Militære yrker", en: "Armed forces occupations" },
  "1": { nb: "Ledere", en: "Managers" },
  "2": { nb: "Akademiske yrker", en: "Professionals" },
  "3": { nb: "Høyskoleyrker", en: "Technicians and associate professionals" },
  "4": { nb: "Kontoryrker", en: "Clerical support workers" },
  "5": { nb: "Salgs- og serviceyrker", en: "Service and sales workers" },
  "6": { nb: "Bønder, fiskere mv.", en: "Skilled agricultural, forestry and fishery workers" },
  "7": { nb: "Håndverkere", en: "Craft and related trades workers" },
  "8": { nb: "Prosess- og maskinoperatører, transportarbeidere mv.", en: "Plant and machine operators and assemblers" },
  "9": { nb: "Renholdere, hjelpearbeidere mv.", en: "Elementary occupations" },
};
const placementTypeLabels: Record<string, Record<Lang, string>> = {
  ordinary_permanent: { nb: "Ordinært arbeid, fast", en: "Ordinary work, permanent" },
  ordinary_temporary: { nb: "Ordinært arbeid, midlertidig", en: "Ordinary work, temporary" },
  trainee: { nb: "Traineeplass", en: "Trainee place" },
  apprenticeship: { nb: "Lærlingplass", en: "Apprenticeship" },
  work_practice: { nb: "Arbeidspraksis", en: "Work practice" },
  summer_job: { nb: "Sommerjobb", en: "Summer job" },
};

/** Countries shown by name: at most this many, each with at least minimumGroupSize people; the rest are "other". */
export const topCountries = 10;

// ---------------------------------------------------------------------------------------------------------
// Publishing a table
// ---------------------------------------------------------------------------------------------------------

type Raw = { key: string; label: string; count: number };

/**
 * One count table, suppressed. The table's total is the headline figure of its unit (people placed, or
 * placements), published elsewhere on the dashboard, so the reader is assumed to know it — unless it is under five
 * (then the headline is "under 5" too and no total is published). When the rule cannot protect the table with
 * the total known, the whole table is withheld: every cell "suppressed", so that not even which cells are empty
 * shows.
 */
export function publishTable<I extends CountTableId | "retention">(id: I, title: string, unit: CountTable["unit"], raw: readonly Raw[]): Omit<CountTable, "id"> & { id: I } {
  const total = raw.reduce((sum, cell) => sum + cell.count, 0);
  const totalKnown = suppressCount(total).suppression === null;
  const table: PublishedTable = suppressTable(
    raw.map((cell) => ({ key: cell.key, count: cell.count })),
    { publishTotal: totalKnown },
  );
  const labelOf = new Map(raw.map((cell) => [cell.key, cell.label]));
  if (totalKnown && table.totalSuppressed) {
    return {
      id,
      title,
      unit,
      cells: raw.map((cell) => ({ key: cell.key, label: cell.label, count: null, suppression: "suppressed", share: null })),
      total: null,
      totalSuppressed: true,
      withheld: true,
    };
  }
  return {
    id,
    title,
    unit,
    cells: table.cells.map((cell) => ({
      key: cell.key,
      label: labelOf.get(cell.key) ?? cell.key,
      count: cell.count,
      suppression: cell.suppression,
      share: cell.count !== null && table.total !== null && table.total > 0 ? cell.count / table.total : null,
    })),
    total: table.total,
    totalSuppressed: table.totalSuppressed,
    withheld: false,
  };
}

const figure = (count: number): Figure => suppressCount(count);

// ---------------------------------------------------------------------------------------------------------
// The database part
// ---------------------------------------------------------------------------------------------------------

type Scope = { tenantId: string; partnerOrganisation?: string | undefined; advisorId?: string | null | undefined };

/** The candidate filters (partner organisation, caseload) on placements `pl` joined to candidates `c`. */
function scopeConditions(scope: Scope): SQL[] {
  const conditions: SQL[] = [sql`pl.tenant_id = ${scope.tenantId}`];
  if (scope.partnerOrganisation !== undefined) conditions.push(sql`c.partner_organisation = ${scope.partnerOrganisation}`);
  if (scope.advisorId === null) conditions.push(sql`false`);
  else if (scope.advisorId !== undefined) conditions.push(sql`c.advisor_user_id = ${scope.advisorId}`);
  return conditions;
}

type GroupRow = {
  g: number;
  gender: string | null;
  country: string | null;
  birth_year: number | null;
  nace: string | null;
  isco: string | null;
  type: string | null;
  month: string | null;
  placements: number;
  people: number;
  people_in_work: number;
  companies: number;
  countries: number;
};

/**
 * The tables in one scan: placements started in the period (with the filters), grouped by each dimension
 * (grouping sets), counting placements and distinct people (a placement without a candidate is one person). The
 * background of a candidate who asked to be erased is not read (counted as unknown), as for the erased.
 */
async function aggregate(db: Db, scope: Scope, from: string, to: string) {
  const ordinary = sql.join(
    ordinaryPlacementTypes.map((type) => sql`${type}`),
    sql`, `,
  );
  const result = (await db.execute(sql`
    with p as (
      select coalesce(pl.candidate_id, pl.id) as person, pl.type, to_char(pl.start_date, 'YYYY-MM') as month,
        coalesce(pl.employer_id::text, lower(pl.employer_name)) as employer,
        case when c.erasure_requested_at is null then b.gender end as gender,
        case when c.erasure_requested_at is null then upper(b.country_of_birth) end as country,
        case when c.erasure_requested_at is null then b.birth_year end as birth_year,
        e.nace_section as nace,
        case when t.code ~ '^[0-9]' then left(t.code, 1) end as isco
      from placements pl
      left join candidates c on c.id = pl.candidate_id
      left join candidate_backgrounds b on b.candidate_id = pl.candidate_id
      left join employers e on e.id = pl.employer_id
      left join taxonomy_concepts t on t.uri = pl.occupation_uri
      where ${sql.join(scopeConditions(scope), sql` and `)} and pl.start_date >= ${from} and pl.start_date <= ${to}
    )
    select grouping(gender, country, birth_year, nace, isco, type, month)::int as g,
      gender, country, birth_year, nace, isco, type, month,
      count(*)::int as placements,
      count(distinct person)::int as people,
      count(distinct person) filter (where type in (${ordinary}))::int as people_in_work,
      count(distinct employer)::int as companies,
      count(distinct country)::int as countries
    from p
    group by grouping sets ((gender), (country), (birth_year), (nace), (isco), (type), (month), ())
  `)) as unknown as { rows: GroupRow[] };
  // grouping() sets a bit per column left out, first column highest: the one column kept has its bit clear.
  const all = 0b1111111;
  const only = (bit: number) => result.rows.filter((row) => Number(row.g) === (all ^ (1 << bit)));
  return {
    gender: only(6),
    country: only(5),
    birthYear: only(4),
    nace: only(3),
    isco: only(2),
    type: only(1),
    month: only(0),
    total: result.rows.find((row) => Number(row.g) === all),
  };
}

type GoalRow = Awaited<ReturnType<typeof listGoals>>[number];

/** People toward each goal (in its window up to asOf) and in its recent days, in one scan. */
async function goalCounts(db: Db, scope: Scope, items: { goal: GoalRow; from: string; until: string; recentFrom: string }[]) {
  if (items.length === 0) return [];
  const lo = items.map((i) => i.from).reduce((a, b) => (a < b ? a : b));
  const hi = items.map((i) => i.until).reduce((a, b) => (a > b ? a : b));
  const columns = items.flatMap((item, i) => {
    const types = item.goal.placementTypes.length
      ? sql`pl.type in (${sql.join(
          item.goal.placementTypes.map((type) => sql`${type}`),
          sql`, `,
        )})`
      : sql`false`;
    const partner = item.goal.partnerOrganisation === null ? sql`true` : sql`c.partner_organisation = ${item.goal.partnerOrganisation}`;
    const person = sql`coalesce(pl.candidate_id, pl.id)`;
    return [
      sql`count(distinct ${person}) filter (where ${types} and ${partner} and pl.start_date >= ${item.from} and pl.start_date <= ${item.until})::int as ${sql.identifier(`people_${i}`)}`,
      sql`count(distinct ${person}) filter (where ${types} and ${partner} and pl.start_date >= ${item.recentFrom} and pl.start_date <= ${item.until})::int as ${sql.identifier(`recent_${i}`)}`,
    ];
  });
  const result = (await db.execute(sql`
    select ${sql.join(columns, sql`, `)}
    from placements pl
    left join candidates c on c.id = pl.candidate_id
    where ${sql.join(scopeConditions(scope), sql` and `)} and pl.start_date >= ${lo} and pl.start_date <= ${hi}
  `)) as unknown as { rows: Record<string, number>[] };
  const row = result.rows[0] ?? {};
  return items.map((_, i) => ({ people: Number(row[`people_${i}`] ?? 0), recent: Number(row[`recent_${i}`] ?? 0) }));
}

// ---------------------------------------------------------------------------------------------------------
// The dashboard
// ---------------------------------------------------------------------------------------------------------

const monthsOf = (from: string, to: string) => {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7)) months.push(month);
  return months;
};

export async function dashboardReport(db: Db, tenantId: string, filters: DashboardFilters, now = new Date()): Promise<Dashboard> {
  const lang = filters.lang;
  const t = texts[lang];
  const today = osloDate(now);
  const to = filters.to ?? today;
  const from = filters.from ?? addDays(addMonths(to, -12), 1);
  if (from > to) throw new AppError("validation_failed", "query.from: must not be after query.to", { errors: [{ path: "query.from", message: "must not be after to" }] });
  if (monthsOf(from, to).length > 240) throw new AppError("validation_failed", "query.from: the period may be at most 20 years", { errors: [{ path: "query.from", message: "the period may be at most 20 years" }] });
  const scope: Scope = { tenantId, partnerOrganisation: filters.partnerOrganisation, advisorId: filters.advisorId };
  const network = await getNetwork(db, tenantId);
  const referenceYear = Number(to.slice(0, 4));

  // Goals: each counted in its own window, as of the period's end.
  const goalRows = await listGoals(db, tenantId, { active: true });
  const planned = goalRows.map((goal) => {
    const window = goalWindow({ kind: goal.kind as "deadline" | "yearly", startDate: goal.startDate, deadline: goal.deadline }, to);
    return { goal, window, ...countingDays(window, to) };
  });
  const counted = await goalCounts(
    db,
    scope,
    planned.flatMap((p) => (p.until && p.recentFrom ? [{ goal: p.goal, from: p.window.from, until: p.until, recentFrom: p.recentFrom }] : [])),
  );
  let next = 0;
  const goals: GoalProgress[] = planned.map((p) => {
    const counts = p.until ? counted[next++]! : { people: 0, recent: 0 };
    const people = figure(counts.people);
    const recentPeople = figure(counts.recent);
    const f = forecastGoal({ window: p.window, asOf: to, target: p.goal.target, people: people.count, recentPeople: recentPeople.count });
    return {
      goal: presentGoal(p.goal),
      window: p.window,
      asOf: p.until ?? to,
      people,
      target: p.goal.target,
      share: f.share,
      expectedByNow: f.expectedByNow,
      aheadBy: f.aheadBy,
      forecast: { paceDays: f.paceDays, recentPeople, pacePerDay: f.pacePerDay, projectedAtEnd: f.projectedAtEnd, projectedReachDate: f.projectedReachDate },
      status: f.status,
    };
  });

  const groups = await aggregate(db, scope, from, to);
  const total = groups.total;
  const num = (value: unknown) => Number(value ?? 0);

  // People by country: countries with five or more people by name (at most ten), the rest together.
  const byCountry = groups.country.map((row) => ({ code: row.country, people: num(row.people) })).sort((a, b) => b.people - a.people || String(a.code).localeCompare(String(b.code)));
  const shown = new Set(byCountry.filter((c) => c.code !== null && c.people >= minimumGroupSize).slice(0, topCountries).map((c) => c.code!));
  // A region minus its named countries must not leave 1–4 people: name fewer countries of that region.
  const regionPeople = new Map<string, number>();
  for (const c of byCountry) regionPeople.set(regionOf(c.code), (regionPeople.get(regionOf(c.code)) ?? 0) + c.people);
  for (const region of regions) {
    for (;;) {
      const named = byCountry.filter((c) => c.code !== null && shown.has(c.code) && regionOf(c.code) === region);
      const rest = (regionPeople.get(region) ?? 0) - named.reduce((sum, c) => sum + c.people, 0);
      if (named.length === 0 || rest === 0 || rest >= minimumGroupSize) break;
      shown.delete(named.at(-1)!.code!);
    }
  }
  const countryName = new Intl.DisplayNames([lang === "nb" ? "nb" : "en"], { type: "region" });
  const nameOf = (code: string) => {
    try {
      return countryName.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const countryCells: Raw[] = [
    ...byCountry.filter((c) => c.code !== null && shown.has(c.code)).map((c) => ({ key: c.code!, label: nameOf(c.code!), count: c.people })),
    { key: "other", label: t.other, count: byCountry.filter((c) => c.code !== null && !shown.has(c.code)).reduce((sum, c) => sum + c.people, 0) },
    { key: "unknown", label: t.unknown, count: byCountry.filter((c) => c.code === null).reduce((sum, c) => sum + c.people, 0) },
  ];

  const byKey = (rows: GroupRow[], key: (row: GroupRow) => string | null, value: (row: GroupRow) => number) => {
    const map = new Map<string, number>();
    for (const row of rows) {
      const k = key(row) ?? "unknown";
      map.set(k, (map.get(k) ?? 0) + value(row));
    }
    return map;
  };
  const gender = byKey(groups.gender, (row) => row.gender ?? "unspecified", (row) => num(row.people));
  const age = byKey(groups.birthYear, (row) => ageBandOf(row.birth_year === null ? null : Number(row.birth_year), referenceYear), (row) => num(row.people));
  const nace = byKey(groups.nace, (row) => row.nace, (row) => num(row.placements));
  const isco = byKey(groups.isco, (row) => row.isco, (row) => num(row.placements));
  const types = byKey(groups.type, (row) => row.type, (row) => num(row.placements));
  const months = byKey(groups.month, (row) => row.month, (row) => num(row.placements));
  const known = (map: Map<string, number>, order: readonly string[]) => [...order.filter((k) => map.has(k)), ...[...map.keys()].filter((k) => !order.includes(k)).sort()];
  const monthLabel = new Intl.DateTimeFormat(lang === "nb" ? "nb" : "en", { month: "long", year: "numeric", timeZone: "UTC" });

  const tables: CountTable[] = [
    publishTable(
      "placementsByMonth",
      t.tables.placementsByMonth,
      "placements",
      monthsOf(from, to).map((month) => ({ key: month, label: monthLabel.format(new Date(`${month}-01T00:00:00Z`)), count: months.get(month) ?? 0 })),
    ),
    publishTable("countryOfBirth", t.tables.countryOfBirth, "people", countryCells),
    publishTable(
      "regionOfBirth",
      t.tables.regionOfBirth,
      "people",
      regions.filter((region) => regionPeople.has(region)).map((region) => ({ key: region, label: regionLabels[region][lang], count: regionPeople.get(region)! })),
    ),
    publishTable(
      "gender",
      t.tables.gender,
      "people",
      known(gender, genders).map((key) => ({ key, label: genderLabels[key]?.[lang] ?? key, count: gender.get(key)! })),
    ),
    publishTable(
      "ageBand",
      t.tables.ageBand,
      "people",
      known(age, ageBands).map((key) => ({ key, label: ageLabel(key, lang), count: age.get(key)! })),
    ),
    publishTable(
      "industry",
      t.tables.industry,
      "placements",
      known(nace, [...Object.keys(naceSectionNames), "unknown"]).map((key) => ({ key, label: key === "unknown" ? t.unknown : `${key} ${naceSectionNames[key as NaceSection]?.[lang] ?? ""}`.trim(), count: nace.get(key)! })),
    ),
    publishTable(
      "occupationGroup",
      t.tables.occupationGroup,
      "placements",
      known(isco, [...Object.keys(iscoMajorGroups), "unknown"]).map((key) => ({ key, label: key === "unknown" ? t.unknown : `${key} ${iscoMajorGroups[key]?.[lang] ?? ""}`.trim(), count: isco.get(key)! })),
    ),
    publishTable(
      "placementType",
      t.tables.placementType,
      "placements",
      placementTypes.map((key) => ({ key, label: placementTypeLabels[key]![lang], count: types.get(key) ?? 0 })),
    ),
  ];

  // The age range: the youngest and oldest band with published people in them.
  const ageTable = tables.find((table) => table.id === "ageBand")!;
  const publishedBands = ageBands.filter((band) => band !== "unknown" && ageTable.cells.some((cell) => cell.key === band && cell.count !== null && cell.count > 0));
  const youngest = publishedBands[0] ?? null;
  const oldest = publishedBands.at(-1) ?? null;

  const peopleInWork = figure(num(total?.people_in_work));
  const retained = await retention(db, tenantId, { from, to, advisorUserId: filters.advisorId, partnerOrganisation: filters.partnerOrganisation });
  const cost = network.exclusionCostNok;

  return {
    period: { from, to },
    filters: { partnerOrganisation: filters.partnerOrganisation ?? null, advisorId: filters.advisorId ?? null, caseload: filters.advisorId !== undefined },
    minimumGroupSize,
    goals,
    keyFigures: {
      peoplePlaced: figure(num(total?.people)),
      peopleInWork,
      placements: figure(num(total?.placements)),
      companiesWithHire: figure(num(total?.companies)),
      countriesOfBirth: figure(num(total?.countries)),
      ageRange: { from: youngest, to: oldest, label: youngest && oldest ? (youngest === oldest ? ageLabel(youngest, lang) : `${ageLabel(youngest, lang)} ${t.to} ${ageLabel(oldest, lang)}`) : null },
    },
    valueToSociety: {
      peopleInWork,
      costPerPersonNok: cost,
      estimateNok: peopleInWork.count === null ? null : peopleInWork.count * cost,
      isEstimate: true,
      label: t.valueLabel,
      assumption: t.assumption(cost.toLocaleString(lang === "nb" ? "nb-NO" : "en-GB")),
    },
    retention: retained.map((r) => {
      // Still employed and not, out of the answered follow-ups: the same rule as every table (answered is the total).
      const [still, not] = publishTable("retention", "", "placements", [
        { key: "still", label: "", count: r.stillEmployed },
        { key: "not", label: "", count: r.answered - r.stillEmployed },
      ]).cells as [CountTable["cells"][number], CountTable["cells"][number]];
      const answered = figure(r.answered);
      return {
        months: r.months,
        answered,
        stillEmployed: { count: still.count, suppression: still.suppression },
        notEmployed: { count: not.count, suppression: not.suppression },
        rate: still.count !== null && answered.count !== null && answered.count > 0 ? still.count / answered.count : null,
      };
    }),
    tables,
  };
}
