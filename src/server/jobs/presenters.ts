import { and, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { labelsFor } from "../taxonomy/lookup.ts";
import { candidates } from "../candidates/tables.ts";
import { userNames } from "../candidates/service.ts";
import type { Lang } from "../candidates/presenters.ts";
import { pipelineStageChanges } from "./tables.ts";
import { employerNames, pipelineCounts } from "./service.ts";
import type { JobRow } from "./service.ts";
import type { EntryRow } from "./pipeline.ts";
import { shareConsentStates } from "./pipeline.ts";
import { ensureStages, stageLabel } from "./stages.ts";
import type { StageRow } from "./stages.ts";
import type { jobSchema, pipelineEntrySchema, pipelineStageSchema, stageChangeSchema } from "../../shared/jobs.ts";

/*
 * Rows → response shapes, with taxonomy and stage labels in the asked language. Never return raw rows.
 */

type JobView = z.infer<typeof jobSchema>;
type EntryView = z.infer<typeof pipelineEntrySchema>;

/** Jobs with labels, employer names and, for the network's staff, how many candidates are in each stage. */
export async function presentJobs(db: Db, actor: Actor, rows: JobRow[], lang: Lang): Promise<JobView[]> {
  const labels = await labelsFor(db, rows.flatMap((r) => [r.occupationUri, ...r.essentialSkillUris, ...r.optionalSkillUris]), lang);
  const names = await employerNames(db, actor.tenantId, rows.map((r) => r.employerId));
  // An employer user sees the job, not how many of the network's candidates are being considered for it.
  const counts = actor.role === "employer" ? new Map<string, Record<string, number>>() : await pipelineCounts(db, actor.tenantId, rows.map((r) => r.id));
  const labelled = (uri: string) => ({ uri, label: labels.get(uri) ?? uri });
  return rows.map((row) => ({
    id: row.id,
    employer: row.employerId ? { id: row.employerId, name: names.get(row.employerId) ?? "" } : null,
    municipalUnit: row.municipalUnit,
    title: row.title,
    description: row.description,
    occupation: labelled(row.occupationUri),
    essentialSkills: row.essentialSkillUris.map(labelled),
    optionalSkills: row.optionalSkillUris.map(labelled),
    languages: row.languages,
    educationLevel: row.educationLevel as JobView["educationLevel"],
    licences: row.licences,
    location: row.location,
    municipality: row.municipality,
    extent: row.extent as JobView["extent"],
    extentPercent: row.extentPercent,
    type: row.type as JobView["type"],
    wageSubsidyPossible: row.wageSubsidyPossible,
    positions: row.positions,
    startDate: row.startDate,
    deadline: row.deadline,
    status: row.status as JobView["status"],
    pipelineCounts: counts.get(row.id) ?? {},
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function presentJob(db: Db, actor: Actor, row: JobRow, lang: Lang): Promise<JobView> {
  return (await presentJobs(db, actor, [row], lang))[0]!;
}

export const presentStages = (stages: StageRow[], usage: Map<string, number>, lang: Lang): z.infer<typeof pipelineStageSchema>[] =>
  stages.map((s) => ({ key: s.key, labelNb: s.labelNb, labelEn: s.labelEn, label: stageLabel(s, lang), position: s.position, meaning: s.meaning as "open" | "hired" | "closed", inUse: usage.get(s.key) ?? 0 }));

/** Entries of one job with the candidate's name, the stage's label, the consent state and the latest change. */
export async function presentEntries(db: Db, actor: Actor, job: JobRow, rows: EntryRow[], lang: Lang): Promise<EntryView[]> {
  if (rows.length === 0) return [];
  const stages = await ensureStages(db, actor.tenantId);
  const people = await db
    .select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName })
    .from(candidates)
    .where(and(eq(candidates.tenantId, actor.tenantId), inArray(candidates.id, rows.map((r) => r.candidateId))));
  const nameOf = new Map(people.map((p) => [p.id, `${p.firstName} ${p.lastName}`.trim()]));
  const consents = await shareConsentStates(db, actor.tenantId, job.employerId, job.id, rows.map((r) => r.candidateId));
  const changes = await db
    .selectDistinctOn([pipelineStageChanges.entryId])
    .from(pipelineStageChanges)
    .where(and(eq(pipelineStageChanges.tenantId, actor.tenantId), inArray(pipelineStageChanges.entryId, rows.map((r) => r.id))))
    .orderBy(pipelineStageChanges.entryId, desc(pipelineStageChanges.changedAt), desc(pipelineStageChanges.id));
  const lastChange = new Map(changes.map((c) => [c.entryId, c]));
  const users = await userNames(db, [...rows.map((r) => r.addedByUserId), ...changes.map((c) => c.changedByUserId)]);
  const userRef = (id: string | null) => (id ? { userId: id, name: users.get(id) ?? "" } : null);
  return rows.map((row) => {
    const stage = stages.find((s) => s.key === row.stage);
    const change = lastChange.get(row.id);
    return {
      id: row.id,
      jobId: row.jobId,
      candidate: { id: row.candidateId, name: nameOf.get(row.candidateId) ?? "" },
      stage: { key: row.stage, label: stage ? stageLabel(stage, lang) : row.stage, meaning: (stage?.meaning ?? "open") as "open" | "hired" | "closed" },
      sharedVariant: row.sharedVariant as EntryView["sharedVariant"],
      sharedAt: row.sharedAt?.toISOString() ?? null,
      employerResponse: row.employerResponse as EntryView["employerResponse"],
      employerRespondedAt: row.employerRespondedAt?.toISOString() ?? null,
      consent: consents.get(row.candidateId) ?? { state: "none", consentId: null, givenAt: null, withdrawnAt: null },
      matchScore: row.matchScore,
      lastChange: change ? { at: change.changedAt.toISOString(), by: userRef(change.changedByUserId), fromStage: change.fromStage, toStage: change.toStage, note: change.note } : null,
      addedBy: userRef(row.addedByUserId),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

type ChangeRow = typeof pipelineStageChanges.$inferSelect;
export async function presentChanges(db: Db, rows: ChangeRow[]): Promise<z.infer<typeof stageChangeSchema>[]> {
  const users = await userNames(db, rows.map((r) => r.changedByUserId));
  return rows.map((r) => ({
    id: r.id,
    fromStage: r.fromStage,
    toStage: r.toStage,
    note: r.note,
    by: r.changedByUserId ? { userId: r.changedByUserId, name: users.get(r.changedByUserId) ?? "" } : null,
    at: r.changedAt.toISOString(),
  }));
}
