import type { CountTable, Dashboard, GoalProgress } from "./dashboard.ts";

/* A hand-made dashboard for the chart, page and PDF tests: every kind of cell, including suppressed ones. */

const cell = (key: string, label: string, count: number | null, suppression: "under_5" | "suppressed" | null = null) => ({ key, label, count, suppression, share: null });

export const fixtureGoal: GoalProgress = {
  goal: {
    id: "00000000-0000-4000-8000-000000000001",
    name: "1000 innvandrere i arbeid innen 3 år",
    kind: "deadline",
    target: 1000,
    startDate: "2025-01-01",
    deadline: "2027-12-31",
    placementTypes: ["ordinary_permanent", "ordinary_temporary"],
    partnerOrganisation: null,
    programme: null,
    active: true,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
  },
  window: { from: "2025-01-01", to: "2027-12-31" },
  asOf: "2026-06-30",
  people: { count: 412, suppression: null },
  target: 1000,
  share: 0.412,
  expectedByNow: 499.5,
  aheadBy: -87.5,
  forecast: { paceDays: 90, recentPeople: { count: 60, suppression: null }, pacePerDay: 0.667, projectedAtEnd: 775, projectedReachDate: null },
  status: "behind",
};

const table = (id: CountTable["id"], title: string, unit: CountTable["unit"], cells: ReturnType<typeof cell>[], total: number | null): CountTable => ({
  id,
  title,
  unit,
  cells,
  total,
  totalSuppressed: total === null,
  withheld: false,
});

export const fixtureDashboard: Dashboard = {
  period: { from: "2026-01-01", to: "2026-06-30" },
  filters: { partnerOrganisation: null, advisorId: null, caseload: false },
  minimumGroupSize: 5,
  goals: [fixtureGoal],
  keyFigures: {
    peoplePlaced: { count: 130, suppression: null },
    peopleInWork: { count: 104, suppression: null },
    placements: { count: 140, suppression: null },
    companiesWithHire: { count: 37, suppression: null },
    countriesOfBirth: { count: 21, suppression: null },
    ageRange: { from: "18-24", to: "55+", label: "18–24 til 55+" },
  },
  valueToSociety: {
    peopleInWork: { count: 104, suppression: null },
    costPerPersonNok: 10_000_000,
    estimateNok: 1_040_000_000,
    isEstimate: true,
    label: "Anslått verdi for samfunnet",
    assumption: "Et anslag, ikke en beregnet gevinst.",
  },
  retention: [
    { months: 3, answered: { count: 80, suppression: null }, stillEmployed: { count: 70, suppression: null }, notEmployed: { count: 10, suppression: null }, rate: 0.875 },
    { months: 6, answered: { count: 40, suppression: null }, stillEmployed: { count: 36, suppression: null }, notEmployed: { count: null, suppression: "under_5" }, rate: null },
    { months: 12, answered: { count: null, suppression: "under_5" }, stillEmployed: { count: null, suppression: "suppressed" }, notEmployed: { count: null, suppression: "suppressed" }, rate: null },
  ],
  tables: [
    table(
      "placementsByMonth",
      "Formidlinger per måned",
      "placements",
      [cell("2026-01", "jan. 2026", 20), cell("2026-02", "feb. 2026", 31), cell("2026-03", "mar. 2026", null, "under_5"), cell("2026-04", "apr. 2026", 30), cell("2026-05", "mai 2026", null, "suppressed"), cell("2026-06", "jun. 2026", 45)],
      140,
    ),
    table("countryOfBirth", "Personer etter fødeland", "people", [cell("SY", "Syria", 40), cell("UA", "Ukraina", 50), cell("ER", "Eritrea", null, "under_5"), cell("other", "Andre land", null, "suppressed")], 130),
    table("regionOfBirth", "Personer etter fødeland, verdensdel", "people", [cell("asia", "Asia", 60), cell("europe", "Europa", 70)], 130),
    table("gender", "Personer etter kjønn", "people", [cell("female", "Kvinne", 66), cell("male", "Mann", 60), cell("other", "Annet", null, "under_5"), cell("unspecified", "Ikke oppgitt", null, "suppressed")], 130),
    table("ageBand", "Personer etter aldersgruppe", "people", [cell("18-24", "18–24", 30), cell("25-34", "25–34", 50), cell("35-44", "35–44", 40), cell("55+", "55+", 10)], 130),
    table("industry", "Formidlinger etter bransje", "placements", [cell("Q", "Q Helse- og sosialtjenester", 60), cell("I", "I Overnattings- og serveringsvirksomhet", 80)], 140),
    table("occupationGroup", "Formidlinger etter yrkesgruppe", "placements", [cell("5", "5 Salgs- og serviceyrker", 70), cell("9", "9 Renholdere, hjelpearbeidere mv.", 70)], 140),
    table("placementType", "Formidlinger etter type", "placements", [cell("ordinary_permanent", "Ordinært arbeid, fast", 80), cell("ordinary_temporary", "Ordinært arbeid, midlertidig", 30), cell("work_practice", "Arbeidspraksis", 30)], 140),
  ],
};
