import { inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import { labelsFor } from "../taxonomy/lookup.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import { userNames } from "../candidates/service.ts";
import { followUpsOf, goalPlacementTypes } from "./service.ts";
import type { FollowUpRow, PlacementRow } from "./service.ts";
import type { followUpListItemSchema, placementFollowUpSchema, placementSchema } from "../../shared/jobs.ts";
import type { PlacementType } from "../../shared/placements.ts";

/*
 * Rows → response shapes. The candidate is shown by name while they are in the register; after an erasure
 * request (or the erasure itself) the placement is an anonymous count (candidate: null).
 */

export type PlacementView = z.infer<typeof placementSchema>;
export type FollowUpView = z.infer<typeof placementFollowUpSchema>;
export type FollowUpListItem = z.infer<typeof followUpListItemSchema>;

type Person = { id: string; name: string } | null;

async function peopleOf(db: Db, ids: readonly (string | null)[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const people = new Map<string, Person>();
  if (unique.length === 0) return people;
  const rows = await db
    .select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName, erasureRequestedAt: candidates.erasureRequestedAt })
    .from(candidates)
    .where(inArray(candidates.id, unique));
  for (const row of rows) people.set(row.id, row.erasureRequestedAt ? null : { id: row.id, name: `${row.firstName} ${row.lastName}` });
  return people;
}

export function presentFollowUp(row: FollowUpRow, names: Map<string, string>): FollowUpView {
  return {
    id: row.id,
    months: row.months,
    dueOn: row.dueOn,
    stillEmployed: row.stillEmployed,
    note: row.note,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    answeredBy: row.answeredByUserId ? { userId: row.answeredByUserId, name: names.get(row.answeredByUserId) ?? "" } : null,
  };
}

export async function presentPlacements(db: Db, tenantId: string, rows: PlacementRow[], lang: "nb" | "en"): Promise<PlacementView[]> {
  if (rows.length === 0) return [];
  const goal = new Set<string>(await goalPlacementTypes(db, tenantId));
  const people = await peopleOf(db, rows.map((r) => r.candidateId));
  const employerIds = [...new Set(rows.map((r) => r.employerId).filter((id): id is string => id !== null))];
  const employerNames = new Map(
    employerIds.length ? (await db.select({ id: employers.id, name: employers.name }).from(employers).where(inArray(employers.id, employerIds))).map((e) => [e.id, e.name]) : [],
  );
  const labels = await labelsFor(db, rows.map((r) => r.occupationUri).filter((uri): uri is string => uri !== null), lang);
  const followUps = await followUpsOf(db, rows.map((r) => r.id));
  const names = await userNames(db, [...followUps.values()].flat().map((f) => f.answeredByUserId));
  return rows.map((row) => ({
    id: row.id,
    candidate: row.candidateId ? (people.get(row.candidateId) ?? null) : null,
    employer: row.employerId ? { id: row.employerId, name: employerNames.get(row.employerId) ?? row.employerName } : null,
    employerName: row.employerName,
    jobId: row.jobId,
    occupation: row.occupationUri ? { uri: row.occupationUri, label: labels.get(row.occupationUri) ?? row.occupationUri } : null,
    type: row.type as PlacementType,
    wageSubsidyPercent: row.wageSubsidyPercent,
    subsidyFrom: row.subsidyFrom,
    subsidyTo: row.subsidyTo,
    hoursPerWeek: row.hoursPerWeek,
    startDate: row.startDate,
    endDate: row.endDate,
    countsTowardGoal: goal.has(row.type),
    followUps: (followUps.get(row.id) ?? []).map((f) => presentFollowUp(f, names)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function presentPlacement(db: Db, tenantId: string, row: PlacementRow, lang: "nb" | "en"): Promise<PlacementView> {
  return (await presentPlacements(db, tenantId, [row], lang))[0]!;
}

export async function presentFollowUpItems(db: Db, rows: { followUp: FollowUpRow; placement: PlacementRow }[]): Promise<FollowUpListItem[]> {
  const people = await peopleOf(db, rows.map((r) => r.placement.candidateId));
  const names = await userNames(db, rows.map((r) => r.followUp.answeredByUserId));
  return rows.map(({ followUp, placement }) => ({
    ...presentFollowUp(followUp, names),
    remindedAt: followUp.remindedAt?.toISOString() ?? null,
    placement: {
      id: placement.id,
      candidate: placement.candidateId ? (people.get(placement.candidateId) ?? null) : null,
      employerName: placement.employerName,
      type: placement.type as PlacementType,
      startDate: placement.startDate,
    },
  }));
}
