import { z } from "zod";

/* Privacy rights (issue 9, ADR 025): the network's retention settings. */

export const defaultRetention = { erasureDelayDays: 30, inactiveMonths: 24, accessLogMonths: 60, outboxDays: 90 } as const;

export const retentionSettingsSchema = z.strictObject({
  /** Days from an erasure request to its execution. */
  erasureDelayDays: z.number().int().min(0).max(365),
  /** Candidates with no activity for this many months are anonymised. */
  inactiveMonths: z.number().int().min(1).max(240),
  /** Access-log entries older than this many months are deleted. */
  accessLogMonths: z.number().int().min(1).max(240),
  /** Outbox messages older than this many days are deleted. */
  outboxDays: z.number().int().min(1).max(3650),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const retentionStatusSchema = z.object({
  settings: retentionSettingsSchema,
  lastRunAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  /** What the next run would do now (a dry run), counts only. */
  pending: z.object({ erasures: z.number().int(), inactive: z.number().int(), accessLogEntries: z.number().int(), outboxMessages: z.number().int() }),
});
export type RetentionStatus = z.infer<typeof retentionStatusSchema>;
