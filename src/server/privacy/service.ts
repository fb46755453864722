import { sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { recordChange } from "../platform/audit.ts";
import { retentionSettings } from "./tables.ts";
import { retentionSettingsOf, runRetention } from "./retention.ts";
import { retentionSchedule } from "./schedule.ts";
import type { RetentionSettings, RetentionStatus } from "../../shared/privacy.ts";

/** The network's retention settings, when the job ran and runs next, and what it would do now (counts only). */
export async function getRetentionStatus(db: Db, actor: Actor, now = new Date()): Promise<RetentionStatus> {
  const settings = await retentionSettingsOf(db, actor.tenantId);
  const schedule = await retentionSchedule(db);
  const pending = await runRetention(db, { now, dryRun: true, tenantId: actor.tenantId });
  return {
    settings,
    lastRunAt: schedule?.lastFinishedAt?.toISOString() ?? null,
    nextRunAt: schedule?.nextRunAt.toISOString() ?? null,
    pending: { erasures: pending.erasuresExecuted, inactive: pending.inactiveAnonymised, accessLogEntries: pending.accessLogDeleted, outboxMessages: pending.outboxDeleted },
  };
}

/** Changes the network's retention settings (audited with before and after). */
export async function updateRetentionSettings(db: Db, actor: Actor, input: RetentionSettings): Promise<RetentionSettings> {
  return db.transaction(async (tx) => {
    const before = await retentionSettingsOf(tx, actor.tenantId);
    await tx
      .insert(retentionSettings)
      .values({ tenantId: actor.tenantId, ...input })
      .onConflictDoUpdate({ target: retentionSettings.tenantId, set: { ...input, updatedAt: sql`now()` } });
    await recordChange(tx, actor, { action: "retention_settings.update", entityType: "network", entityId: actor.tenantId, before, after: input });
    return input;
  });
}
