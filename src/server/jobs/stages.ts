import { asc, count, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { pipelineEntries, pipelineStages } from "./tables.ts";
import { defaultPipelineStageLabels, defaultPipelineStages, requiredPipelineStages } from "../../shared/jobs.ts";
import type { pipelineStagesInputSchema, stageMeanings } from "../../shared/jobs.ts";

/*
 * Candidate-list stages as data, per network. A network gets the default stages on first use; admins rename and
 * reorder them, add their own and remove unused ones. Keys never change: entries and their history refer to them.
 */

export type StageRow = typeof pipelineStages.$inferSelect;
export type StageMeaning = (typeof stageMeanings)[number];

const defaultMeaning = (key: string): StageMeaning => (key === "hired" ? "hired" : key === "not_selected" || key === "withdrawn" ? "closed" : "open");

/** The network's stages in order; inserts the defaults the first time. */
export async function ensureStages(db: Db, tenantId: string): Promise<StageRow[]> {
  const existing = await db.select().from(pipelineStages).where(eq(pipelineStages.tenantId, tenantId)).orderBy(asc(pipelineStages.position));
  if (existing.length > 0) return existing;
  await db
    .insert(pipelineStages)
    .values(defaultPipelineStages.map((key, position) => ({ tenantId, key, labelNb: defaultPipelineStageLabels[key].nb, labelEn: defaultPipelineStageLabels[key].en, position, meaning: defaultMeaning(key) })))
    .onConflictDoNothing();
  return db.select().from(pipelineStages).where(eq(pipelineStages.tenantId, tenantId)).orderBy(asc(pipelineStages.position));
}

export const stageLabel = (stage: Pick<StageRow, "labelNb" | "labelEn">, lang: "nb" | "en") => (lang === "en" ? stage.labelEn : stage.labelNb);

/** Entries per stage key in the network. */
export async function stageUsage(db: Db, tenantId: string): Promise<Map<string, number>> {
  const rows = await db.select({ stage: pipelineEntries.stage, n: count() }).from(pipelineEntries).where(eq(pipelineEntries.tenantId, tenantId)).groupBy(pipelineEntries.stage);
  return new Map(rows.map((row) => [row.stage, Number(row.n)]));
}

export async function listStages(db: Db, actor: Actor) {
  const stages = await ensureStages(db, actor.tenantId);
  return { stages, usage: await stageUsage(db, actor.tenantId) };
}

type StagesInput = z.infer<typeof pipelineStagesInputSchema>;

/**
 * Replaces the list: known keys are renamed and moved, new keys added, left-out keys removed. The stages the
 * application relies on (suggested, shared, hired) stay with their meaning; a stage with entries in it stays.
 */
export async function replaceStages(db: Db, actor: Actor, input: StagesInput) {
  const keys = input.stages.map((s) => s.key);
  const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
  if (repeated.length > 0) throw new AppError("validation_failed", `A stage key appears twice: ${repeated[0]}.`, { errors: [{ path: `body.stages.${keys.lastIndexOf(repeated[0]!)}.key`, message: "appears twice" }] });
  return db.transaction(async (tx) => {
    const before = await ensureStages(tx, actor.tenantId);
    // Serialise concurrent edits of the same network's stages.
    await tx.select({ key: pipelineStages.key }).from(pipelineStages).where(eq(pipelineStages.tenantId, actor.tenantId)).for("update");
    const usage = await stageUsage(tx, actor.tenantId);
    const byKey = new Map(before.map((s) => [s.key, s]));
    for (const required of requiredPipelineStages) {
      if (!keys.includes(required)) throw new AppError("rule_broken", `The stage "${required}" is needed by the application and cannot be removed.`);
    }
    const removed = before.filter((s) => !keys.includes(s.key));
    const inUse = removed.filter((s) => (usage.get(s.key) ?? 0) > 0);
    if (inUse.length > 0) throw new AppError("rule_broken", `Stages with candidates in them cannot be removed: ${inUse.map((s) => s.key).join(", ")}. Move the candidates first.`);
    const errors = input.stages.flatMap((s, i) => {
      const existing = byKey.get(s.key);
      const fixed = existing && (requiredPipelineStages as readonly string[]).includes(s.key);
      return fixed && s.meaning && s.meaning !== existing.meaning ? [{ path: `body.stages.${i}.meaning`, message: `the meaning of "${s.key}" cannot change` }] : [];
    });
    if (errors.length > 0) throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
    await tx.delete(pipelineStages).where(eq(pipelineStages.tenantId, actor.tenantId));
    await tx.insert(pipelineStages).values(
      input.stages.map((s, position) => ({
        tenantId: actor.tenantId,
        key: s.key,
        labelNb: s.labelNb,
        labelEn: s.labelEn,
        position,
        meaning: s.meaning ?? byKey.get(s.key)?.meaning ?? defaultMeaning(s.key),
      })),
    );
    await recordChange(tx, actor, {
      action: "pipeline_stages.replace",
      entityType: "pipeline_stages",
      before: { stages: before.map((s) => ({ key: s.key, labelNb: s.labelNb, labelEn: s.labelEn, meaning: s.meaning })) },
      after: { stages: input.stages },
    });
    return { stages: await tx.select().from(pipelineStages).where(eq(pipelineStages.tenantId, actor.tenantId)).orderBy(asc(pipelineStages.position)), usage };
  });
}

/** One stage of the network by key, else a validation error on `path`. */
export async function requireStage(db: Db, tenantId: string, key: string, path: string): Promise<StageRow> {
  const stages = await ensureStages(db, tenantId);
  const stage = stages.find((s) => s.key === key);
  if (!stage) throw new AppError("validation_failed", `${path}: is not a stage of this network`, { errors: [{ path, message: "is not a stage of this network" }] });
  return stage;
}

export const stageByKey = (stages: StageRow[], key: string) => stages.find((s) => s.key === key);
