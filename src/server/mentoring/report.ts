import { and, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { placements } from "../placements/tables.ts";
import { suppressTable } from "../reports/suppression.ts";
import type { PublishedCell } from "../reports/suppression.ts";
import { mentorships } from "./tables.ts";
import type { MentoringReport } from "../../shared/mentoring.ts";

/*
 * The mentoring report for the activity report (GET /api/v1/reports/mentoring): relationships that started in
 * the period (by start date), how many of them are active and how many have ended, and how many mentees had a
 * placement starting within six months of the start. Aggregates only, each table through the one suppression
 * rule (reports/suppression.ts): started = active + completed is one table, got work + not (yet) another.
 */

const cell = (c: PublishedCell | undefined) => ({ count: c?.count ?? null, suppression: c?.suppression ?? null });

export async function mentoringReport(db: Db, actor: Actor, period: { from?: string | undefined; to?: string | undefined }): Promise<MentoringReport> {
  const started = and(
    eq(mentorships.tenantId, actor.tenantId),
    inArray(mentorships.status, ["active", "ended"]),
    isNotNull(mentorships.startDate),
    period.from ? gte(mentorships.startDate, period.from) : undefined,
    period.to ? lte(mentorships.startDate, period.to) : undefined,
  );
  const [row] = await db
    .select({
      active: sql<number>`(count(*) filter (where ${mentorships.status} = 'active'))::int`,
      completed: sql<number>`(count(*) filter (where ${mentorships.status} = 'ended'))::int`,
      gotWork: sql<number>`(count(*) filter (where exists (
        select 1 from ${placements} where ${placements.tenantId} = ${mentorships.tenantId} and ${placements.candidateId} = ${mentorships.candidateId}
          and ${placements.startDate} >= ${mentorships.startDate} and ${placements.startDate} <= (${mentorships.startDate} + interval '6 months')::date)))::int`,
    })
    .from(mentorships)
    .where(started);
  const active = Number(row?.active ?? 0);
  const completed = Number(row?.completed ?? 0);
  const gotWork = Number(row?.gotWork ?? 0);
  const statusTable = suppressTable([
    { key: "active", count: active },
    { key: "completed", count: completed },
  ]);
  const workTable = suppressTable([
    { key: "gotWork", count: gotWork },
    { key: "notYet", count: active + completed - gotWork },
  ]);
  return {
    from: period.from ?? null,
    to: period.to ?? null,
    started: { count: statusTable.totalSuppressed ? null : statusTable.total, suppression: statusTable.totalSuppressed ? "suppressed" : null },
    active: cell(statusTable.cells.find((c) => c.key === "active")),
    completed: cell(statusTable.cells.find((c) => c.key === "completed")),
    gotWorkWithin6Months: cell(workTable.cells.find((c) => c.key === "gotWork")),
  };
}
