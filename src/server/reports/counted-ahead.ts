import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { addDays, addMonths } from "../placements/service.ts";
import { osloDate } from "../platform/dates.ts";
import { reportSnapshots } from "./tables.ts";

/*
 * Counting ahead of the read (ADR 031): the whole network's dashboard counts are kept in `report_snapshots`, each
 * valid while the network's reporting data version (raised by triggers at the commit of every change the dashboard
 * counts, migration 0015) is the one it was counted at. A read whose snapshot is current answers from it; any other
 * read counts at once, as before, and keeps what it counted. The refresher counts again, in the background, the
 * snapshots that people read and that a change has made stale, so that the next read finds them current. A read
 * never answers from stale counts.
 */

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as Rows<T>).rows;

/** The key of one set of counts: the period and everything else the counting depends on (the goals' windows). */
export function snapshotKey(period: { from: string; to: string }, inputs: unknown): string {
  return createHash("sha256").update(JSON.stringify({ period, inputs })).digest("base64url");
}

/** The network's reporting data version (1 until its first change). */
export async function reportDataVersion(db: Db, tenantId: string): Promise<number> {
  const [row] = await rowsOf<{ version: string | number }>(db, sql`select coalesce((select version from report_data_versions where tenant_id = ${tenantId}), 1) as version`);
  return Number(row!.version);
}

/**
 * The counts for the period: from the snapshot when it is current, else counted now by `count` and kept. The
 * version is read before counting, so a change committed while counting leaves the kept counts marked older than
 * the data, never newer: the next read counts again.
 */
export async function countedAhead<T>(
  db: Db,
  tenantId: string,
  period: { from: string; to: string },
  inputs: unknown,
  count: () => Promise<T>,
  /** "read" by a person; "refresh" by the refresher, which does not count as a read. */
  by: "read" | "refresh" = "read",
): Promise<{ counts: T; fromSnapshot: boolean }> {
  const key = snapshotKey(period, inputs);
  const [row] = await rowsOf<{ version: string | number; data_version: string | number | null; counts: T | null; read_long_ago: boolean | null }>(
    db,
    sql`select coalesce((select version from report_data_versions where tenant_id = ${tenantId}), 1) as version,
      s.data_version, s.counts, s.read_at < now() - interval '1 hour' as read_long_ago
      from (select 1) one left join report_snapshots s on s.tenant_id = ${tenantId} and s.key = ${key}`,
  );
  const version = Number(row!.version);
  if (row!.data_version !== null && Number(row!.data_version) === version && row!.counts !== null) {
    // Kept only while someone reads it: the read time is written at most once an hour.
    if (row!.read_long_ago && by === "read") await db.execute(sql`update report_snapshots set read_at = now() where tenant_id = ${tenantId} and key = ${key}`);
    return { counts: row!.counts, fromSnapshot: true };
  }
  const counts = await count();
  await db
    .insert(reportSnapshots)
    .values({ tenantId, key, periodFrom: period.from, periodTo: period.to, dataVersion: version, counts })
    .onConflictDoUpdate({
      target: [reportSnapshots.tenantId, reportSnapshots.key],
      set: { dataVersion: version, counts, countedAt: sql`now()`, ...(by === "read" ? { readAt: sql`now()` } : {}) },
      where: sql`${reportSnapshots.dataVersion} <= ${version}`,
    });
  return { counts, fromSnapshot: false };
}

/** The dashboard's default period for a day: the twelve months up to and including it. */
export const defaultPeriod = (to: string) => ({ from: addDays(addMonths(to, -12), 1), to });

/** At most this many snapshots are counted again per run (each is one dashboard count). */
export const refreshBatch = 5;

/**
 * Counts again what people read and a change made stale (read in the last day), and each network's default
 * period for today when yesterday's was read (so the first read of the day finds it counted); drops snapshots
 * nobody read for a week. `recount` is the dashboard for a network and period (dashboard.ts), which keeps its
 * counts here. Returns how many were counted.
 */
export async function refreshReportSnapshots(db: Db, recount: (tenantId: string, period: { from: string; to: string }) => Promise<unknown>, now = new Date()): Promise<{ counted: number }> {
  await db.execute(sql`delete from report_snapshots where read_at < ${now.toISOString()}::timestamptz - interval '7 days'`);
  const today = osloDate(now);
  const stale = await rowsOf<{ tenant_id: string; key: string; period_from: string; period_to: string }>(
    db,
    sql`select s.tenant_id, s.key, s.period_from, s.period_to from report_snapshots s
      left join report_data_versions v on v.tenant_id = s.tenant_id
      where s.data_version <> coalesce(v.version, 1) and s.read_at > ${now.toISOString()}::timestamptz - interval '1 day'
      order by s.read_at desc limit ${refreshBatch}`,
  );
  const yesterday = addDays(today, -1);
  const newDay = await rowsOf<{ tenant_id: string }>(
    db,
    sql`select distinct s.tenant_id from report_snapshots s
      where s.period_to = ${yesterday} and s.period_from = ${defaultPeriod(yesterday).from}
        and s.read_at > ${now.toISOString()}::timestamptz - interval '1 day'
        and not exists (select 1 from report_snapshots t where t.tenant_id = s.tenant_id and t.period_to = ${today} and t.period_from = ${defaultPeriod(today).from})
      limit ${refreshBatch}`,
  );
  let counted = 0;
  for (const snapshot of stale) {
    await recount(snapshot.tenant_id, { from: snapshot.period_from, to: snapshot.period_to });
    counted++;
    // Still stale when the goals changed since it was counted (the count above is kept under a new key): dropped,
    // or it would be picked again on every run.
    await db.execute(sql`delete from report_snapshots s where s.tenant_id = ${snapshot.tenant_id} and s.key = ${snapshot.key}
      and s.data_version <> coalesce((select version from report_data_versions v where v.tenant_id = s.tenant_id), 1)`);
  }
  for (const network of newDay) {
    await recount(network.tenant_id, defaultPeriod(today));
    counted++;
  }
  return { counted };
}
