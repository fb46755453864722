import { and, eq, gte, inArray, isNull, or } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import type { Actor } from "../platform/actor.ts";
import { notFound } from "../platform/errors.ts";
import { recordAccess } from "../platform/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import { jobs, matchLogs, pipelineEntries } from "../jobs/tables.ts";
import { getJob } from "../jobs/service.ts";
import { ensureStages, stageByKey, stageLabel } from "../jobs/stages.ts";
import { rankCandidatesForJob, rankJobsForCandidate } from "./engine.ts";
import { matchColumns, toMatchCandidate, toMatchJob } from "./from-db.ts";
import { ENGINE_VERSION } from "./score.ts";
import type { candidateMatchListSchema, jobMatchListSchema, MatchLang, MatchResult } from "../../shared/matching.ts";

/*
 * Rankings for people (issue 5): candidates for a job, jobs for a candidate. Every ranking shown is logged in
 * match_logs (who, when, for what, engine version, the ids and scores shown) and every candidate shown is a
 * read of personal data in the access log, in one transaction with nothing else: a ranking that cannot be
 * logged is not shown. The engine reads the network's in-memory index (registry.ts), current with every change.
 */

type CandidateMatchList = z.infer<typeof candidateMatchListSchema>;
type JobMatchList = z.infer<typeof jobMatchListSchema>;
type Direction = "candidates_for_job" | "jobs_for_candidate";

async function logRanking(ctx: AppContext, actor: Actor, direction: Direction, subjectId: string, results: MatchResult[], shownCandidateIds: string[]): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const [log] = await tx
      .insert(matchLogs)
      .values({
        tenantId: actor.tenantId,
        actorUserId: actor.userId ?? null,
        actorTokenId: actor.kind === "token" ? actor.tokenId : null,
        direction,
        subjectId,
        engineVersion: ENGINE_VERSION,
        results: results.map((r) => ({ id: r.id, score: r.score })),
      })
      .returning({ id: matchLogs.id });
    await recordAccess(
      tx,
      actor,
      shownCandidateIds.map((personId) => ({ personType: "candidate", personId, purpose: "matching" })),
    );
    return log!.id;
  });
}

async function stageLabels(ctx: AppContext, tenantId: string, lang: MatchLang) {
  const stages = await ensureStages(ctx.db, tenantId);
  return (key: string) => {
    const stage = stageByKey(stages, key);
    return stage ? stageLabel(stage, lang) : key;
  };
}

/** The best candidates for a job of the actor's network, explained. */
export async function matchesForJob(ctx: AppContext, actor: Actor, jobId: string, query: { limit: number; lang: MatchLang }): Promise<CandidateMatchList> {
  const job = await getJob(ctx.db, actor, jobId);
  const index = await ctx.matching.indexFor(actor.tenantId);
  const ranked = rankCandidatesForJob(index, toMatchJob(job), { limit: query.limit, lang: query.lang });
  const ids = ranked.map((r) => r.id);
  const people =
    ids.length === 0
      ? []
      : await ctx.db
          .select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName, municipality: candidates.municipality })
          .from(candidates)
          .where(and(eq(candidates.tenantId, actor.tenantId), inArray(candidates.id, ids)));
  const entries =
    ids.length === 0
      ? []
      : await ctx.db
          .select({ id: pipelineEntries.id, candidateId: pipelineEntries.candidateId, stage: pipelineEntries.stage })
          .from(pipelineEntries)
          .where(and(eq(pipelineEntries.tenantId, actor.tenantId), eq(pipelineEntries.jobId, job.id), inArray(pipelineEntries.candidateId, ids)));
  const byId = new Map(people.map((p) => [p.id, p]));
  const entryOf = new Map(entries.map((e) => [e.candidateId, e]));
  const label = await stageLabels(ctx, actor.tenantId, query.lang);
  // A candidate deleted since the index caught up is left out, not shown by id.
  const shown = ranked.filter((r) => byId.has(r.id));
  const rankingId = await logRanking(ctx, actor, "candidates_for_job", job.id, shown, shown.map((r) => r.id));
  return {
    engineVersion: ENGINE_VERSION,
    rankingId,
    suggestion: true,
    items: shown.map((result) => {
      const person = byId.get(result.id)!;
      const entry = entryOf.get(result.id);
      return {
        ...result,
        candidate: { id: person.id, name: `${person.firstName} ${person.lastName}`.trim(), municipality: person.municipality },
        entry: entry ? { id: entry.id, stage: entry.stage, stageLabel: label(entry.stage) } : null,
      };
    }),
  };
}

/** The network's open jobs (the deadline not passed) that suit a candidate best, explained, with what would close the gap. */
export async function matchesForCandidate(
  ctx: AppContext,
  actor: Actor,
  candidateId: string,
  query: { limit: number; lang: MatchLang; includeIneligible: boolean },
): Promise<JobMatchList> {
  const [source] = await ctx.db
    .select(matchColumns)
    .from(candidates)
    .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, candidateId)))
    .limit(1);
  if (!source) throw notFound("The candidate");
  const index = await ctx.matching.indexFor(actor.tenantId);
  const open = await ctx.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.status, "open"), or(isNull(jobs.deadline), gte(jobs.deadline, osloDate()))));
  const ranked = rankJobsForCandidate(index, open.map(toMatchJob), toMatchCandidate(source), { limit: query.limit, lang: query.lang, includeIneligible: query.includeIneligible });
  const jobById = new Map(open.map((j) => [j.id, j]));
  const employerIds = [...new Set(ranked.map((r) => jobById.get(r.id)!.employerId).filter((id): id is string => id !== null))];
  const names =
    employerIds.length === 0
      ? []
      : await ctx.db
          .select({ id: employers.id, name: employers.name })
          .from(employers)
          .where(and(eq(employers.tenantId, actor.tenantId), inArray(employers.id, employerIds)));
  const employerName = new Map(names.map((e) => [e.id, e.name]));
  const entries = await ctx.db
    .select({ id: pipelineEntries.id, jobId: pipelineEntries.jobId, stage: pipelineEntries.stage })
    .from(pipelineEntries)
    .where(and(eq(pipelineEntries.tenantId, actor.tenantId), eq(pipelineEntries.candidateId, candidateId)));
  const entryOf = new Map(entries.map((e) => [e.jobId, e]));
  const label = await stageLabels(ctx, actor.tenantId, query.lang);
  const rankingId = await logRanking(ctx, actor, "jobs_for_candidate", candidateId, ranked, [candidateId]);
  return {
    engineVersion: ENGINE_VERSION,
    rankingId,
    suggestion: true,
    items: ranked.map((result) => {
      const job = jobById.get(result.id)!;
      const entry = entryOf.get(job.id);
      return {
        ...result,
        job: {
          id: job.id,
          title: job.title,
          employer: job.employerId ? { id: job.employerId, name: employerName.get(job.employerId) ?? "" } : null,
          municipalUnit: job.municipalUnit,
          municipality: job.municipality,
          deadline: job.deadline,
        },
        entry: entry ? { id: entry.id, stage: entry.stage, stageLabel: label(entry.stage) } : null,
      };
    }),
  };
}
