import type { Job, PipelineEntry, PipelineStage } from "./api.ts";

/*
 * The candidate-list board's pure parts: the entries grouped by the network's stages, and which sharing steps a card
 * offers.
 */

/** One column per stage in the network's order; entries in a stage the network no longer has go last, under their own label. */
export function groupByStage(stages: PipelineStage[], entries: PipelineEntry[]): { stage: Pick<PipelineStage, "key" | "label">; cards: PipelineEntry[] }[] {
  const columns = stages.map((stage) => ({ stage: { key: stage.key, label: stage.label }, cards: [] as PipelineEntry[] }));
  const byKey = new Map(columns.map((c) => [c.stage.key, c]));
  for (const entry of entries) {
    let column = byKey.get(entry.stage.key);
    if (!column) {
      column = { stage: { key: entry.stage.key, label: entry.stage.label }, cards: [] };
      byKey.set(entry.stage.key, column);
      columns.push(column);
    }
    column.cards.push(entry);
  }
  return columns;
}

/**
 * The anonymous CV is offered until it is shared; the full CV once the anonymous one is out and the employer has
 * answered "interesting" (or "hired"). `fullWaiting`: shared anonymously and no such answer yet. A municipal unit's
 * job has no employer to share with.
 */
export function shareState(job: Pick<Job, "employer">, entry: Pick<PipelineEntry, "sharedVariant" | "employerResponse">): { anonymous: boolean; full: boolean; fullWaiting: boolean } {
  if (!job.employer) return { anonymous: false, full: false, fullWaiting: false };
  const answeredYes = entry.employerResponse === "interesting" || entry.employerResponse === "hired";
  return {
    anonymous: entry.sharedVariant === null,
    full: entry.sharedVariant === "anonymous" && answeredYes,
    fullWaiting: entry.sharedVariant === "anonymous" && !answeredYes,
  };
}

