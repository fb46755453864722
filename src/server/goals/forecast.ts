import type { GoalKind, goalStatuses } from "../../shared/dashboard.ts";

/*
 * Progress toward a goal and the forecast from the recent pace: pure functions over calendar dates (YYYY-MM-DD)
 * and counts, so the edge cases are tested without a database (forecast.test.ts). See
 * docs/decisions/015-goals-and-dashboard.md.
 */

export type GoalStatus = (typeof goalStatuses)[number];
export type Window = { from: string; to: string };

/** Days of recent pace the forecast extrapolates. */
export const paceWindowDays = 90;

const dayMs = 86_400_000;
const toDay = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / dayMs;
/** Whole days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string) => Math.round(toDay(b) - toDay(a));
export const plusDays = (date: string, days: number) => new Date((toDay(date) + days) * dayMs).toISOString().slice(0, 10);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * The window a goal is counted in, as of a day: a deadline goal's start to deadline; a yearly goal's calendar year
 * of `asOf` (from the start date at the earliest; before the start, the start's year).
 */
export function goalWindow(goal: { kind: GoalKind; startDate: string; deadline: string | null }, asOf: string): Window {
  if (goal.kind === "deadline") return { from: goal.startDate, to: goal.deadline ?? goal.startDate };
  const year = asOf < goal.startDate ? goal.startDate.slice(0, 4) : asOf.slice(0, 4);
  return { from: maxDate(`${year}-01-01`, goal.startDate), to: `${year}-12-31` };
}

/**
 * What is counted: people placed from the window's start to `until` (asOf, not after the window's end), and the
 * recent days the pace is read from (the last 90 days up to `until`, not before the window's start). `until` is
 * null before the window starts (nothing counts yet).
 */
export function countingDays(window: Window, asOf: string): { until: string | null; recentFrom: string | null; paceDays: number } {
  if (asOf < window.from) return { until: null, recentFrom: null, paceDays: 0 };
  const until = minDate(asOf, window.to);
  const recentFrom = maxDate(window.from, plusDays(until, -(paceWindowDays - 1)));
  return { until, recentFrom, paceDays: daysBetween(recentFrom, until) + 1 };
}

export type ForecastInput = {
  window: Window;
  asOf: string;
  target: number;
  /** People counted in the window up to asOf; null when hidden (suppressed). */
  people: number | null;
  /** People counted in the recent days; null when hidden. */
  recentPeople: number | null;
};

export type Forecast = {
  expectedByNow: number;
  share: number | null;
  aheadBy: number | null;
  paceDays: number;
  pacePerDay: number | null;
  projectedAtEnd: number | null;
  projectedReachDate: string | null;
  status: GoalStatus | null;
};

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Progress against the straight line from the window's start (0) to its end (target), and the forecast: the
 * recent pace (people per day over the last 90 days) carried on to the window's end, and the day the target is
 * reached at that pace (null: already reached, no pace, or not within the window). Figures that would need a
 * hidden count are null; so is the status when it cannot be told from published figures.
 */
export function forecastGoal(input: ForecastInput): Forecast {
  const { window, asOf, target, people, recentPeople } = input;
  const { until, paceDays } = countingDays(window, asOf);
  const totalDays = daysBetween(window.from, window.to) + 1;
  if (until === null) {
    return { expectedByNow: 0, share: people === null ? null : people / target, aheadBy: people, paceDays: 0, pacePerDay: null, projectedAtEnd: people, projectedReachDate: null, status: "not_started" };
  }
  const elapsed = daysBetween(window.from, until) + 1;
  const expectedByNow = round((target * elapsed) / totalDays);
  const ended = asOf > window.to;
  if (people === null) {
    return { expectedByNow, share: null, aheadBy: null, paceDays, pacePerDay: null, projectedAtEnd: null, projectedReachDate: null, status: null };
  }
  const share = people / target;
  const aheadBy = round(people - expectedByNow);
  const reached = people >= target;
  if (recentPeople === null) {
    return { expectedByNow, share, aheadBy, paceDays, pacePerDay: null, projectedAtEnd: ended ? people : null, projectedReachDate: null, status: reached ? "reached" : ended ? "missed" : null };
  }
  const pacePerDay = paceDays > 0 ? recentPeople / paceDays : 0;
  const daysLeft = daysBetween(until, window.to);
  const projectedAtEnd = round(people + pacePerDay * daysLeft);
  let projectedReachDate: string | null = null;
  if (!reached && pacePerDay > 0 && !ended) {
    const date = plusDays(until, Math.ceil((target - people) / pacePerDay));
    projectedReachDate = date <= window.to ? date : null;
  }
  const status: GoalStatus = reached ? "reached" : ended ? "missed" : projectedAtEnd >= target ? "on_track" : "behind";
  return { expectedByNow, share, aheadBy, paceDays, pacePerDay: round(pacePerDay, 4), projectedAtEnd, projectedReachDate, status };
}
