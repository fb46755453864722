import { addDays, addMonths } from "../placements/service.ts";
import type { ActivityKind, SubsidyPeriod, TemplateInput } from "../../shared/trainee-programme.ts";

/*
 * Plan generation from the network's template (pure; ADR 021). Every date is a calendar date (YYYY-MM-DD) in
 * Norway, computed by calendar arithmetic on the date alone, never on instants: a plan item is due on a day, not
 * at a time, so daylight saving time cannot move it. "Today" is osloDate() (platform/dates.ts).
 */

export type GeneratedItem = { kind: "activity" | "evaluation"; activityKind: ActivityKind | null; title: string; dueOn: string; evaluationMonth: number | null };

/** The default end of a trainee's year: the day before the first anniversary (31 Jan 2026 → 30 Jan 2027; 29 Feb 2028 → 27 Feb 2029). */
export const defaultEndDate = (startDate: string) => addDays(addMonths(startDate, 12), -1);

/**
 * The plan: each activity `dayOffset` days after the start, each evaluation `month` calendar months after the
 * start (the day of the month kept, or the month's last day when it is shorter: 31 Jan + 1 month → 28 or 29 Feb).
 * Nothing falls after the end date: an item that would is due on the end date (the 12-month evaluation of a
 * one-year programme is its last day). Sorted by due date, activities before evaluations on the same day.
 */
export function generatePlan(template: Pick<TemplateInput, "activities" | "evaluationMonths">, startDate: string, endDate: string): GeneratedItem[] {
  const cap = (date: string) => (date > endDate ? endDate : date);
  const items: GeneratedItem[] = [
    ...template.activities.map((a) => ({ kind: "activity" as const, activityKind: a.kind, title: a.title, dueOn: cap(addDays(startDate, a.dayOffset)), evaluationMonth: null })),
    ...[...template.evaluationMonths]
      .sort((a, b) => a - b)
      .map((month) => ({ kind: "evaluation" as const, activityKind: null, title: `Evaluering etter ${month} ${month === 1 ? "måned" : "måneder"}`, dueOn: cap(addMonths(startDate, month)), evaluationMonth: month })),
  ];
  return items.sort((a, b) => (a.dueOn === b.dueOn ? (a.kind === b.kind ? 0 : a.kind === "activity" ? -1 : 1) : a.dueOn < b.dueOn ? -1 : 1));
}

/** The default subsidy: 100 % for the template's first months (from the start to the day before the month anniversary), within the programme. */
export function defaultSubsidyPeriods(startDate: string, endDate: string, fullSubsidyMonths: number): SubsidyPeriod[] {
  if (fullSubsidyMonths <= 0) return [];
  const to = addDays(addMonths(startDate, fullSubsidyMonths), -1);
  return [{ from: startDate, to: to > endDate ? endDate : to, percent: 100 }];
}
