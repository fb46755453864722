/*
 * Calendar dates (YYYY-MM-DD) for certificates and the certification window. "Today" is the date in Norway, where
 * the networks are: a certificate "valid until 31 December" is valid through that whole Norwegian day.
 */

const osloDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" });

export function todayInOslo(now: Date = new Date()): string {
  return osloDate.format(now);
}

/** The same day `months` months later (or earlier, when negative); the month's last day when it is shorter. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** 31 December of the year after `date`'s. */
export function endOfNextYear(date: string): string {
  return `${Number(date.slice(0, 4)) + 1}-12-31`;
}
