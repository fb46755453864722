import { AppError } from "./errors.ts";

/** Made once: creating an Intl formatter per call was 1–2 % of the server's CPU under load (bench/load.ts). */
const osloDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in Norway (YYYY-MM-DD): what "today", "due" and "overdue" mean for a network. */
export function osloDate(at: Date = new Date()): string {
  return osloDateFormat.format(at);
}

/** The hour of the day in Norway (0–23). */
export function osloHour(at: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Oslo", hour: "2-digit", hourCycle: "h23" }).format(at));
}

/** A date (YYYY-MM-DD) as the instant it begins in UTC: how an activity's date is kept as the last contact. */
export const startOfDate = (date: string) => new Date(`${date}T00:00:00.000Z`);

/** The instant a calendar date (YYYY-MM-DD) begins in Norway, winter or summer time: for periods of instants. */
export function osloMidnight(date: string): Date {
  const utc = new Date(`${date}T00:00:00Z`);
  const offset = new Date(utc.toLocaleString("en-US", { timeZone: "Europe/Oslo" })).getTime() - new Date(utc.toLocaleString("en-US", { timeZone: "UTC" })).getTime();
  return new Date(utc.getTime() - offset);
}

/**
 * A report period must lie within the years 1900–2999 and not end before it starts: a far date (year 1 or 9999)
 * is a valid ISO date but no network's period, and date arithmetic past year 9999 fails (found by the fuzz test).
 */
export function checkPeriod(from: string, to: string): void {
  for (const [field, date] of [["from", from], ["to", to]] as const) {
    if (date < "1900-01-01" || date > "2999-12-31") throw new AppError("validation_failed", `query.${field}: must be between 1900 and 2999`, { errors: [{ path: `query.${field}`, message: "must be between 1900 and 2999" }] });
  }
  if (from > to) throw new AppError("validation_failed", "query.from: must not be after query.to", { errors: [{ path: "query.from", message: "must not be after to" }] });
}
