import os from "node:os";
import { and, eq, isNull, lte, or, lt, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { scheduledJobs } from "./tables.ts";
import { runRetention } from "./retention.ts";
import type { RetentionCounts } from "./retention.ts";

/*
 * The retention job's durable schedule (ADR 025). The next run is a row in scheduled_jobs, so a restart neither
 * skips nor repeats a day. A process takes the job with a lease (an UPDATE that succeeds for one process only);
 * a lease left by a crashed process runs out and the job is taken again — harmless, because each candidate's
 * erasure is one transaction and the job skips what is done. The server calls runDueRetention every hour.
 */

export const retentionJobName = "retention";
const leaseMs = 60 * 60_000;
const intervalMs = 24 * 60 * 60_000;

export const processOwner = () => `${os.hostname()}:${process.pid}`;

/** When the retention job runs next and ran last. */
export async function retentionSchedule(db: Db) {
  const [row] = await db.select().from(scheduledJobs).where(eq(scheduledJobs.name, retentionJobName));
  return row ?? null;
}

/**
 * Runs the retention job if it is due (the first time: at once) and no other process holds it. Returns the counts,
 * or null when it was not due or is held elsewhere.
 */
export async function runDueRetention(db: Db, options: { now?: Date; owner?: string } = {}): Promise<RetentionCounts | null> {
  const now = options.now ?? new Date();
  const owner = options.owner ?? processOwner();
  await db.insert(scheduledJobs).values({ name: retentionJobName, nextRunAt: now }).onConflictDoNothing();
  const claimed = await db
    .update(scheduledJobs)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs), leaseOwner: owner, lastStartedAt: now })
    .where(and(eq(scheduledJobs.name, retentionJobName), lte(scheduledJobs.nextRunAt, now), or(isNull(scheduledJobs.leaseUntil), lt(scheduledJobs.leaseUntil, now))))
    .returning({ name: scheduledJobs.name });
  if (claimed.length === 0) return null;
  try {
    const counts = await runRetention(db, { now });
    await db
      .update(scheduledJobs)
      .set({ nextRunAt: new Date(now.getTime() + intervalMs), leaseUntil: null, leaseOwner: null, lastFinishedAt: sql`now()`, lastResult: counts })
      .where(and(eq(scheduledJobs.name, retentionJobName), eq(scheduledJobs.leaseOwner, owner)));
    return counts;
  } catch (error) {
    // Give the lease back; the job stays due and the next tick tries again.
    await db.update(scheduledJobs).set({ leaseUntil: null, leaseOwner: null }).where(and(eq(scheduledJobs.name, retentionJobName), eq(scheduledJobs.leaseOwner, owner)));
    throw error;
  }
}
