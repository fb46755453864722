import type { Db } from "../platform/db.ts";
import { osloDate } from "../platform/dates.ts";
import { suppressCount, suppressTable } from "../reports/suppression.ts";
import { minimumGroupSize } from "../../shared/reports.ts";
import { outcomes, traineeStatuses, wageTable } from "../../shared/trainee-programme.ts";
import type { ProgrammeReport } from "../../shared/trainee-programme.ts";
import { reportRows } from "./service.ts";

/*
 * The programme report for HR and management (viewers): aggregates only, every count of people through the one
 * suppression rule (reports/suppression.ts). Money is shown only when at least five trainees are counted, so
 * that no one's pay can be read from it. Evaluations count the supervisor's evaluations due so far: published by
 * the due date (Norwegian calendar day) is on time.
 */
export async function programmeReport(db: Db, tenantId: string, now = new Date()): Promise<ProgrammeReport> {
  const today = osloDate(now);
  const rows = await reportRows(db, tenantId);
  const tally = <K extends string>(keys: readonly K[], of: (k: K) => number) => keys.map((key) => ({ key, count: of(key) }));

  const areas = [...new Set(rows.trainees.map((t) => t.area || "–"))].sort((a, b) => a.localeCompare(b, "nb"));
  const withOutcome = rows.trainees.filter((t) => t.outcome !== null);

  const due = rows.evaluationItems.filter((e) => e.dueOn <= today);
  const onTime = due.filter((e) => e.doneAt !== null && osloDate(e.doneAt) <= e.dueOn).length;
  const late = due.filter((e) => e.doneAt !== null && osloDate(e.doneAt) > e.dueOn).length;
  const evaluations = suppressTable([
    { key: "on_time", count: onTime },
    { key: "late", count: late },
    { key: "missing", count: due.length - onTime - late },
  ]);
  const onTimeCell = evaluations.cells[0]!;
  const evaluationsOnTimeShare = evaluations.total && onTimeCell.count !== null ? onTimeCell.count / evaluations.total : null;

  const money = rows.trainees.reduce(
    (sum, t) => {
      const { totals } = wageTable(t);
      return { salaryOre: sum.salaryOre + totals.salaryOre, subsidyOre: sum.subsidyOre + totals.subsidyOre, costOre: sum.costOre + totals.costOre };
    },
    { salaryOre: 0, subsidyOre: 0, costOre: 0 },
  );

  const figures = rows.figures;
  const complete = (f: (typeof figures)[number]) => f.employeesBefore !== null && f.immigrantsBefore !== null && f.employeesAfter !== null && f.immigrantsAfter !== null;
  // Before and after are compared over the same units: those with all four figures.
  const counted = figures.filter(complete);
  const employeesBefore = counted.reduce((s, f) => s + f.employeesBefore!, 0);
  const employeesAfter = counted.reduce((s, f) => s + f.employeesAfter!, 0);
  const immigrantsBefore = suppressCount(counted.reduce((s, f) => s + f.immigrantsBefore!, 0));
  const immigrantsAfter = suppressCount(counted.reduce((s, f) => s + f.immigrantsAfter!, 0));

  return {
    cohorts: rows.cohorts.map((c) => ({ name: c.name, startDate: c.startDate, trainees: { key: c.id, ...suppressCount(Number(c.trainees)) } })),
    byStatus: suppressTable(tally(traineeStatuses, (s) => rows.trainees.filter((t) => t.status === s).length)),
    byArea: suppressTable(tally(areas, (a) => rows.trainees.filter((t) => (t.area || "–") === a).length)),
    outcomes: suppressTable(tally(outcomes, (o) => withOutcome.filter((t) => t.outcome === o).length)),
    evaluations,
    evaluationsOnTimeShare,
    money: rows.trainees.length >= minimumGroupSize ? money : null,
    units: {
      units: counted.length,
      employeesBefore,
      immigrantsBefore: { key: "immigrantsBefore", ...immigrantsBefore },
      employeesAfter,
      immigrantsAfter: { key: "immigrantsAfter", ...immigrantsAfter },
      shareBefore: employeesBefore > 0 && immigrantsBefore.count !== null ? immigrantsBefore.count / employeesBefore : null,
      shareAfter: employeesAfter > 0 && immigrantsAfter.count !== null ? immigrantsAfter.count / employeesAfter : null,
    },
  };
}
