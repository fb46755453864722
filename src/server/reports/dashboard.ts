import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { AppError } from "../platform/errors.ts";
import { checkPeriod, osloDate } from "../platform/dates.ts";
import { getNetwork } from "../networks/service.ts";
import { addDays, addMonths } from "../placements/service.ts";
import { listGoals, presentGoal } from "../goals/service.ts";
import { countingDays, forecastGoal, goalWindow } from "../goals/forecast.ts";
import { ageBandOf } from "./fairness.ts";
import { suppressCount, suppressTable } from "./suppression.ts";
import { countedAhead, refreshReportSnapshots } from "./counted-ahead.ts";
import type { PublishedTable } from "./suppression.ts";
import { genders } from "../../shared/candidates.ts";
import { regionLabels, regionOf, regions } from "../../shared/regions.ts";
import { naceSectionNames } from "../../shared/nace.ts";
import type { NaceSection } from "../../shared/nace.ts";
import { ageBands, minimumGroupSize } from "../../shared/reports.ts";
import { followUpMonths, ordinaryPlacementTypes, placementTypes } from "../../shared/placements.ts";
import type { CountTable, CountTableId, Dashboard, Figure, GoalProgress } from "../../shared/dashboard.ts";

/*
 * The goal dashboard (issue 6): per goal, people toward it, the straight line and the forecast; key figures;
 * retention; and the count tables (gender, age band, country and region of birth, industry, occupation group,
 * placement type, placements per month). Aggregates only, computed in the database (two statements, each one pass
 * over the placements; the whole network's counted ahead of the read, ADR 031), and every count published
 * through suppression.ts. No person's id or name leaves this file. See docs/decisions/015-goals-and-dashboard.md and
 * 018-dashboard-speed.md.
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

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as Rows<T>).rows;

type PlacementGroup = { g: number; nace: string | null; isco: string | null; type: string | null; month: string | null; placements: number };
type PeopleGroup = { g: number; gender: string | null; country: string | null; birth_year: number | null; people: number };
type GoalItem = { goal: GoalRow; from: string; until: string; recentFrom: string };
type GoalRow = Awaited<ReturnType<typeof listGoals>>[number];

/** Date ranges [from, to] joined where they overlap or touch, in order. */
export function unionOfRanges(ranges: readonly { from: string; to: string }[]): { from: string; to: string }[] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: { from: string; to: string }[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.from <= addDays(last.to, 1)) last.to = range.to > last.to ? range.to : last.to;
    else merged.push({ ...range });
  }
  return merged;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

/**
 * Every figure from the database in two statements (run at once), each one pass over the placements with the
 * filters (partner organisation, caseload):
 * The people: the placements of the period and of the goals' windows, then
 * - one row per person (a placement without a candidate is one person), with a flag for each measure: placed in
 *   the period, in ordinary work in the period, toward each goal and in each goal's recent days, and the person's
 *   background as the placement carries it (kept by triggers from candidate_backgrounds, unknown for a candidate
 *   who asked to be erased; ADR 024); the people of the period grouped by gender, country and birth year; and the
 *   counts of the flags.
 * The period's placements, then
 * - placements by employer, occupation, type and start date (one hashed GROUPING SETS), the few groups then joined
 *   to the employer's industry and the occupation's ISCO major group and summed by industry, group and month;
 * - the distinct employers;
 * - retention: the answered follow-ups of the period's placements, still employed or not, per 3/6/12 months (as
 *   placements/service.ts retention(), through the same placements).
 * `count(distinct …)` is avoided (it sorts). Each result is one row of JSON. See docs/decisions/018-dashboard-speed.md
 * and 024-person-background-on-placements.md.
 */
async function aggregate(db: Db, scope: Scope, from: string, to: string, items: readonly GoalItem[]) {
  const ranges = unionOfRanges([{ from, to }, ...items.map((item) => ({ from: item.from, to: item.until }))]);
  const filters: SQL[] = [sql`pl.tenant_id = ${scope.tenantId}`];
  if (scope.advisorId === null) filters.push(sql`false`);
  const candidateFilters: SQL[] = [];
  if (scope.partnerOrganisation !== undefined) candidateFilters.push(sql`c.partner_organisation = ${scope.partnerOrganisation}`);
  if (scope.advisorId) candidateFilters.push(sql`c.advisor_user_id = ${scope.advisorId}`);
  if (candidateFilters.length > 0) filters.push(sql`pl.candidate_id in (select c.id from candidates c where c.tenant_id = ${scope.tenantId} and ${sql.join(candidateFilters, sql` and `)})`);
  const inRanges = sql`(${sql.join(
    ranges.map((range) => sql`(pl.start_date >= ${range.from} and pl.start_date <= ${range.to})`),
    sql` or `,
  )})`;
  // Flags per placement, as bits of int columns (31 to a column): in the period, in ordinary work in the period,
  // and toward each goal and in its recent days. A person's flags are the bitwise or of their placements'.
  const inPeriod = sql`pl.start_date >= ${from} and pl.start_date <= ${to}`;
  const flags: SQL[] = [inPeriod, sql`${inPeriod} and pl.type in (${list(ordinaryPlacementTypes)})`];
  for (const item of items) {
    const types = item.goal.placementTypes.length ? sql`pl.type in (${list(item.goal.placementTypes)})` : sql`false`;
    // A goal's own partner organisation: a hashed semi-join on the candidates.
    const partner =
      item.goal.partnerOrganisation === null
        ? sql`true`
        : sql`coalesce(pl.candidate_id in (select c.id from candidates c where c.tenant_id = ${scope.tenantId} and c.partner_organisation = ${item.goal.partnerOrganisation}), false)`;
    for (const since of [item.from, item.recentFrom]) flags.push(sql`${types} and ${partner} and pl.start_date >= ${since} and pl.start_date <= ${item.until}`);
  }
  const bitsPerColumn = 31;
  const maskColumns = Array.from({ length: Math.ceil(flags.length / bitsPerColumn) }, (_, m) => `m${m}`);
  const masks = maskColumns.map(
    (column, m) =>
      sql`(${sql.join(
        flags.slice(m * bitsPerColumn, (m + 1) * bitsPerColumn).map((flag, bit) => sql`case when ${flag} then ${sql.raw(String(2 ** bit))} else 0 end`),
        sql` + `,
      )}) as ${sql.identifier(column)}`,
  );
  const bitOf = (flag: number) => ({ column: maskColumns[Math.floor(flag / bitsPerColumn)]!, bit: 2 ** (flag % bitsPerColumn) });
  // The follow-ups of the period's placements fall due in these ranges (an index range per follow-up; the start
  // date decides), as in placements/service.ts retention().
  const dueRanges = sql.join(
    followUpMonths.map((months) => sql`(f.months = ${months} and f.due_on >= ${addMonths(from, months)} and f.due_on <= ${addMonths(to, months)})`),
    sql` or `,
  );
  // Two statements, each one pass over the placements: the people (period and goals' windows) and the placements
  // of the period. The PostgreSQL server answers them at once on two connections; PGlite in turn.
  const [people_, placements_] = await Promise.all([
    rowsOf<{ people_groups: PeopleGroup[] | null; counts: Record<string, number>[] | null }>(
      db,
      sql`
      with p as materialized (
        select coalesce(pl.candidate_id, pl.id) as person, pl.person_gender, pl.person_country, pl.person_birth_year, ${sql.join(masks, sql`, `)}
        from placements pl
        where ${sql.join([...filters, inRanges], sql` and `)}
      ), persons as materialized (
        select person, min(person_gender) as gender, min(person_country) as country, min(person_birth_year) as birth_year, ${sql.join(
          maskColumns.map((column) => sql`bit_or(${sql.identifier(column)}) as ${sql.identifier(column)}`),
          sql`, `,
        )}
        from p group by person
      )
      select
        (select json_agg(x) from (
          select grouping(gender, country, birth_year)::int as g, gender, country, birth_year, count(*)::int as people
          from persons
          where (persons.m0 & 1) = 1
          group by grouping sets ((gender), (country), (birth_year), ())
        ) x) as people_groups,
        (select json_agg(x) from (select ${sql.join(
          maskColumns.map((column) => sql.identifier(column)),
          sql`, `,
        )}, count(*)::int as n from persons group by ${sql.join(
          maskColumns.map((column) => sql.identifier(column)),
          sql`, `,
        )}) x) as counts`,
    ),
    rowsOf<{ placement_groups: PlacementGroup[] | null; companies: number; retention: { months: number; answered: number; still: number }[] | null }>(
      db,
      sql`
      with p as materialized (
        select pl.id, pl.type, pl.start_date, pl.employer_id, pl.occupation_uri,
          -- A company is its employer record, or its name when there is none (kept narrow: the rows stay in memory).
          case when pl.employer_id is null then lower(pl.employer_name) end as unlisted_company
        from placements pl
        where ${sql.join([...filters, inPeriod], sql` and `)}
      )
      select
        (select json_agg(x) from (
          select y.g, e.nace_section as nace, t.isco, y.type, to_char(y.start_date, 'YYYY-MM') as month, sum(y.n)::int as placements
          from (
            select grouping(employer_id, occupation_uri, type, start_date)::int as g, employer_id, occupation_uri, type, start_date, count(*) as n
            from p
            group by grouping sets ((employer_id), (occupation_uri), (type), (start_date), ())
          ) y
          left join employers e on e.id = y.employer_id
          left join (select uri, left(code, 1) as isco from taxonomy_concepts where code ~ '^[0-9]') t on t.uri = y.occupation_uri
          group by 1, 2, 3, 4, 5
        ) x) as placement_groups,
        (select count(*)::int from (select distinct p.employer_id, p.unlisted_company from p) x) as companies,
        (select json_agg(x) from (
          select f.months, count(*)::int as answered, (count(*) filter (where f.still_employed))::int as still
          from placement_follow_ups f join p on p.id = f.placement_id
          where f.tenant_id = ${scope.tenantId} and (${dueRanges}) and f.still_employed is not null
          group by f.months
        ) x) as retention`,
    ),
  ]);
  const row = { ...people_[0], ...placements_[0] };
  const placementGroups = row?.placement_groups ?? [];
  const peopleGroups = row?.people_groups ?? [];
  // People with a flag: the sum over the combinations of flags that have it.
  const people = (flag: number) => {
    const { column, bit } = bitOf(flag);
    return (row?.counts ?? []).reduce((sum, combination) => sum + ((Number(combination[column]) & bit) !== 0 ? Number(combination.n) : 0), 0);
  };
  // grouping() sets a bit per column left out, the first column highest: the one column kept has its bit clear.
  const only = <T extends { g: number }>(rows: T[], columns: number, bit: number) => rows.filter((r) => Number(r.g) === (((1 << columns) - 1) ^ (1 << bit)));
  const total = <T extends { g: number }>(rows: T[], columns: number) => rows.find((r) => Number(r.g) === (1 << columns) - 1);
  return {
    nace: only(placementGroups, 4, 3),
    isco: only(placementGroups, 4, 2),
    type: only(placementGroups, 4, 1),
    month: only(placementGroups, 4, 0),
    gender: only(peopleGroups, 3, 2),
    country: only(peopleGroups, 3, 1),
    birthYear: only(peopleGroups, 3, 0),
    placements: Number(total(placementGroups, 4)?.placements ?? 0),
    people: Number(total(peopleGroups, 3)?.people ?? 0),
    peopleInWork: people(1),
    companies: Number(row?.companies ?? 0),
    goals: items.map((_, i) => ({ people: people(2 + 2 * i), recent: people(3 + 2 * i) })),
    // Still employed and not, of the answered follow-ups, per follow-up (3, 6 and 12 months).
    retention: followUpMonths.map((months) => {
      const r = row?.retention?.find((x) => Number(x.months) === months);
      return { months, answered: Number(r?.answered ?? 0), stillEmployed: Number(r?.still ?? 0) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The dashboard
// ---------------------------------------------------------------------------------------------------------

const monthsOf = (from: string, to: string) => {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7)) months.push(month);
  return months;
};

export type CountingOptions = {
  /** false: count at the read even for the whole network (the bench's live figure, tests). */
  countAhead?: boolean;
  /** Who asks: a person reading, or the refresher counting ahead (which does not count as a read). */
  by?: "read" | "refresh";
};

export async function dashboardReport(db: Db, tenantId: string, filters: DashboardFilters, now = new Date(), options: CountingOptions = {}): Promise<Dashboard> {
  const lang = filters.lang;
  const t = texts[lang];
  const today = osloDate(now);
  const to = filters.to ?? today;
  const from = filters.from ?? addDays(addMonths(to, -12), 1);
  checkPeriod(from, to);
  // Counted, not listed: a long period must not make a loop of thousands of months first.
  if ((Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1 > 240) throw new AppError("validation_failed", "query.from: the period may be at most 20 years", { errors: [{ path: "query.from", message: "the period may be at most 20 years" }] });
  const scope: Scope = { tenantId, partnerOrganisation: filters.partnerOrganisation, advisorId: filters.advisorId };
  const referenceYear = Number(to.slice(0, 4));

  // Goals: each counted in its own window, as of the period's end, in the same pass as the period's figures.
  const figures = async () => {
    const goalRows = await listGoals(db, tenantId, { active: true });
    const planned = goalRows.map((goal) => {
      const window = goalWindow({ kind: goal.kind as "deadline" | "yearly", startDate: goal.startDate, deadline: goal.deadline }, to);
      return { goal, window, ...countingDays(window, to) };
    });
    const items = planned.flatMap((p) => (p.until && p.recentFrom ? [{ goal: p.goal, from: p.window.from, until: p.until, recentFrom: p.recentFrom }] : []));
    const count = () => aggregate(db, scope, from, to, items);
    // The whole network's counts are counted ahead of the read (ADR 031); a partner's or a caseload's are few and
    // counted at the read.
    const wholeNetwork = scope.partnerOrganisation === undefined && scope.advisorId === undefined;
    const inputs = items.map((item) => ({ goal: item.goal.id, types: item.goal.placementTypes, partner: item.goal.partnerOrganisation, from: item.from, until: item.until, recentFrom: item.recentFrom }));
    const groups = wholeNetwork && options.countAhead !== false ? (await countedAhead(db, tenantId, { from, to }, inputs, count, options.by)).counts : await count();
    let next = 0;
    const goals = planned.map((p): GoalProgress => {
      const counts = p.until ? groups.goals[next++]! : { people: 0, recent: 0 };
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
    return { goals, groups };
  };

  // Independent reads, at once (the PostgreSQL server answers them on several connections).
  const [network, { goals, groups }] = await Promise.all([getNetwork(db, tenantId), figures()]);
  const retained = groups.retention;
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

  const byKey = <R,>(rows: R[], key: (row: R) => string | null, value: (row: R) => number) => {
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

  const peopleInWork = figure(groups.peopleInWork);
  const cost = network.exclusionCostNok;

  return {
    period: { from, to },
    filters: { partnerOrganisation: filters.partnerOrganisation ?? null, advisorId: filters.advisorId ?? null, caseload: filters.advisorId !== undefined },
    minimumGroupSize,
    goals,
    keyFigures: {
      peoplePlaced: figure(groups.people),
      peopleInWork,
      placements: figure(groups.placements),
      companiesWithHire: figure(groups.companies),
      countriesOfBirth: figure(byCountry.filter((c) => c.code !== null && c.people > 0).length),
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

/** The refresher's run (main.ts, every few seconds): counts ahead what people read and a change made stale (ADR 031). */
export function refreshDashboards(db: Db, now = new Date()) {
  return refreshReportSnapshots(db, (tenantId, period) => dashboardReport(db, tenantId, { ...period, lang: "nb" }, now, { by: "refresh" }), now);
}
