import { and, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { afterCursor, decodeCursor } from "../platform/paging.ts";
import { candidates } from "../candidates/tables.ts";
import { cefrOfRank, educationRank } from "../candidates/derive.ts";
import { matchLogs } from "../jobs/tables.ts";
import { checkReferences } from "../jobs/service.ts";
import { rankCandidatesForJob } from "../matching/engine.ts";
import { toMatchJob } from "../matching/from-db.ts";
import { ENGINE_VERSION, MAX_JOB_SKILLS } from "../matching/score.ts";
import { traineeNeeds, traineeShortlistEntries } from "./tables.ts";
import { isHigherEducation } from "../../shared/trainee-recruitment.ts";
import type { NeedInput, NeedUpdate, ProgrammeFit, needListQuerySchema, needMatchListSchema } from "../../shared/trainee-recruitment.ts";
import type { CandidateInput } from "../../shared/candidates.ts";
import type { MatchLang, MatchMissing } from "../../shared/matching.ts";

/*
 * Recruitment needs of the municipality's units, and candidates suggested for a need (issue 7). A need is ranked
 * as a job by the same engine (ADR 011, ADR 020): the need becomes the engine's MatchJob, so the reasons and what
 * is missing read as for a job. The programme's own rule — higher education, bachelor or above — is applied to
 * the ranked candidates afterwards, with the recognition of their education and their Norwegian shown beside.
 */

export type NeedRow = typeof traineeNeeds.$inferSelect;
const entityType = "trainee_need";

const invalid = (errors: FieldError[]) => new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });

/** A skill is essential or optional, not both; repeats are dropped. */
function columnsOf(input: NeedInput) {
  const essential = [...new Set(input.essentialSkillUris)];
  return { ...input, essentialSkillUris: essential, optionalSkillUris: [...new Set(input.optionalSkillUris)].filter((uri) => !essential.includes(uri)) };
}

async function checkNeed(db: Db, tenantId: string, input: Partial<NeedInput>, whole: NeedInput | null): Promise<FieldError[]> {
  const errors = await checkReferences(db, tenantId, { occupationUri: input.occupationUri, essentialSkillUris: input.essentialSkillUris, optionalSkillUris: input.optionalSkillUris });
  if (whole) {
    // The matching engine keeps a need's skills, like a job's, as bits of one 32-bit word (ADR 011).
    const skills = new Set([...whole.essentialSkillUris, ...whole.optionalSkillUris]).size;
    if (skills > MAX_JOB_SKILLS) errors.push({ path: "body.optionalSkillUris", message: `at most ${MAX_JOB_SKILLS} skills, essential and optional together (has ${skills})` });
  }
  return errors;
}

export type NeedListQuery = z.infer<typeof needListQuerySchema>;
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The network's needs, newest first. Returns limit+1 rows. */
export async function listNeeds(db: Db, actor: Actor, query: NeedListQuery) {
  const conditions: (SQL | undefined)[] = [eq(traineeNeeds.tenantId, actor.tenantId)];
  for (const term of (query.q ?? "").split(/\s+/).filter(Boolean)) {
    const pattern = `%${likeEscape(term)}%`;
    conditions.push(or(sql`${traineeNeeds.title} ilike ${pattern}`, sql`${traineeNeeds.unitName} ilike ${pattern}`));
  }
  if (query.status) conditions.push(eq(traineeNeeds.status, query.status));
  if (query.area) conditions.push(eq(traineeNeeds.area, query.area));
  conditions.push(afterCursor(traineeNeeds, decodeCursor(query.cursor), "desc"));
  return db
    .select()
    .from(traineeNeeds)
    .where(and(...conditions))
    .orderBy(desc(traineeNeeds.createdAt), desc(traineeNeeds.id))
    .limit(query.limit + 1);
}

/** One need of the network, else not found. */
export async function getNeed(db: Db, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<NeedRow> {
  const query = db
    .select()
    .from(traineeNeeds)
    .where(and(eq(traineeNeeds.tenantId, actor.tenantId), eq(traineeNeeds.id, id)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The recruitment need");
  return row;
}

export async function createNeed(db: Db, actor: Actor, input: NeedInput): Promise<NeedRow> {
  const errors = await checkNeed(db, actor.tenantId, input, input);
  if (errors.length > 0) throw invalid(errors);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(traineeNeeds)
      .values({ tenantId: actor.tenantId, ...columnsOf(input), createdByUserId: actor.userId ?? null })
      .returning();
    await recordChange(tx, actor, { action: "trainee_need.create", entityType, entityId: row!.id, after: { title: row!.title, unitName: row!.unitName, area: row!.area, positions: row!.positions } });
    return row!;
  });
}

const inputOf = (row: NeedRow): NeedInput => ({
  unitName: row.unitName,
  area: row.area as NeedInput["area"],
  title: row.title,
  description: row.description,
  occupationUri: row.occupationUri,
  essentialSkillUris: row.essentialSkillUris,
  optionalSkillUris: row.optionalSkillUris,
  educationLevel: row.educationLevel as NeedInput["educationLevel"],
  educationField: row.educationField,
  languages: row.languages,
  positions: row.positions,
  startDate: row.startDate,
  offeredPosition: row.offeredPosition,
  status: row.status as NeedInput["status"],
});

export async function updateNeed(db: Db, actor: Actor, id: string, patch: NeedUpdate): Promise<NeedRow> {
  return db.transaction(async (tx) => {
    const row = await getNeed(tx, actor, id, { forUpdate: true });
    const before = inputOf(row);
    const fields = Object.entries(patch)
      .filter(([key, value]) => value !== undefined && JSON.stringify(before[key as keyof NeedInput]) !== JSON.stringify(value))
      .map(([key]) => key);
    if (fields.length === 0) return row;
    const merged: NeedInput = { ...before, ...(Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<NeedInput>) };
    const errors = await checkNeed(tx, actor.tenantId, patch, merged);
    if (errors.length > 0) throw invalid(errors);
    const [after] = await tx
      .update(traineeNeeds)
      .set({ ...columnsOf(merged), updatedAt: new Date() })
      .where(eq(traineeNeeds.id, id))
      .returning();
    await recordChange(tx, actor, { action: "trainee_need.update", entityType, entityId: id, before: { fields }, after: { fields, ...(fields.includes("status") ? { status: after!.status } : {}) } });
    return after!;
  });
}

/** Deletes a need without a shortlist; a need with candidates on its shortlist is closed instead (its decisions are the record). */
export async function deleteNeed(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const row = await getNeed(tx, actor, id, { forUpdate: true });
    const [entries] = await tx
      .select({ n: count() })
      .from(traineeShortlistEntries)
      .where(and(eq(traineeShortlistEntries.tenantId, actor.tenantId), eq(traineeShortlistEntries.needId, id)));
    if ((entries?.n ?? 0) > 0) throw new AppError("rule_broken", "The need has candidates on its shortlist; set its status to closed instead of deleting it.");
    await tx.delete(traineeNeeds).where(eq(traineeNeeds.id, id));
    await recordChange(tx, actor, { action: "trainee_need.delete", entityType, entityId: id, before: { title: row.title, unitName: row.unitName } });
  });
}

/** Shortlist entries per status for each need. */
export async function shortlistCounts(db: Db, tenantId: string, needIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const counts = new Map<string, Record<string, number>>();
  if (needIds.length === 0) return counts;
  const rows = await db
    .select({ needId: traineeShortlistEntries.needId, status: traineeShortlistEntries.status, n: count() })
    .from(traineeShortlistEntries)
    .where(and(eq(traineeShortlistEntries.tenantId, tenantId), inArray(traineeShortlistEntries.needId, [...needIds])))
    .groupBy(traineeShortlistEntries.needId, traineeShortlistEntries.status);
  for (const row of rows) counts.set(row.needId, { ...counts.get(row.needId), [row.status]: Number(row.n) });
  return counts;
}

// ---------------------------------------------------------------------------------------------------------
// The programme's rule and the suggestions
// ---------------------------------------------------------------------------------------------------------

/** The highest education, its recognition, and Norwegian: what the programme looks at beside the score. */
export function programmeFitOf(person: { education: CandidateInput["education"]; norwegianRank: number | null }): ProgrammeFit {
  const highest = [...person.education].sort((a, b) => educationRank(b.level) - educationRank(a.level))[0];
  return {
    higherEducation: isHigherEducation(highest?.level),
    education: highest ? { level: highest.level, field: highest.field, recognition: highest.recognition } : null,
    norwegianLevel: cefrOfRank(person.norwegianRank),
  };
}

/** The need as the engine reads it: a job with the need's occupation, skills, languages, education and start. */
export const toMatchNeed = (need: NeedRow) =>
  toMatchJob({
    id: need.id,
    occupationUri: need.occupationUri,
    essentialSkillUris: need.essentialSkillUris,
    optionalSkillUris: need.optionalSkillUris,
    languages: need.languages,
    educationLevel: need.educationLevel,
    licences: [],
    municipality: "",
    extent: "full_time",
    startDate: need.startDate,
  });

const ruleMissing = (lang: MatchLang): MatchMissing => ({
  criterion: "education",
  key: "programme:higher_education",
  required: true,
  detail: lang === "en" ? "Higher education (bachelor or above): the trainee programme's rule" : "Høyere utdanning (bachelor eller høyere): traineeprogrammets krav",
});

type NeedMatchList = z.infer<typeof needMatchListSchema>;
/** How many ranked candidates to look through for every one shown: the rule drops those without higher education. */
const LOOK_AHEAD = 10;

/**
 * Candidates for a need, best first, under the programme's rule: without higher education they are left out, or
 * (includeIneligible) shown after the others, marked not eligible. The ranking shown is logged in match_logs and each
 * candidate shown is a read in the access log, in one transaction, as for jobs (matching/service.ts).
 */
export async function matchesForNeed(ctx: AppContext, actor: Actor, needId: string, query: { limit: number; lang: MatchLang; includeIneligible: boolean }): Promise<NeedMatchList> {
  const need = await getNeed(ctx.db, actor, needId);
  const index = await ctx.matching.indexFor(actor.tenantId);
  const ranked = rankCandidatesForJob(index, toMatchNeed(need), { limit: Math.min(1000, query.limit * LOOK_AHEAD), lang: query.lang });
  const ids = ranked.map((r) => r.id);
  const people =
    ids.length === 0
      ? []
      : await ctx.db
          .select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName, municipality: candidates.municipality, education: candidates.education, norwegianRank: candidates.norwegianRank })
          .from(candidates)
          .where(and(eq(candidates.tenantId, actor.tenantId), inArray(candidates.id, ids)));
  const byId = new Map(people.map((p) => [p.id, { ...p, fit: programmeFitOf(p) }]));
  // A candidate deleted since the index caught up is left out, not shown by id.
  const known = ranked.filter((r) => byId.has(r.id));
  const eligible = known.filter((r) => byId.get(r.id)!.fit.higherEducation);
  const ineligible = query.includeIneligible ? known.filter((r) => !byId.get(r.id)!.fit.higherEducation) : [];
  const shown = [...eligible, ...ineligible].slice(0, query.limit);
  const entries =
    shown.length === 0
      ? []
      : await ctx.db
          .select({ id: traineeShortlistEntries.id, candidateId: traineeShortlistEntries.candidateId, status: traineeShortlistEntries.status })
          .from(traineeShortlistEntries)
          .where(and(eq(traineeShortlistEntries.tenantId, actor.tenantId), eq(traineeShortlistEntries.needId, need.id), inArray(traineeShortlistEntries.candidateId, shown.map((r) => r.id))));
  const entryOf = new Map(entries.map((e) => [e.candidateId, e]));
  const rankingId = await ctx.db.transaction(async (tx) => {
    const [log] = await tx
      .insert(matchLogs)
      .values({
        tenantId: actor.tenantId,
        actorUserId: actor.userId ?? null,
        actorTokenId: actor.kind === "token" ? actor.tokenId : null,
        direction: "candidates_for_trainee_need",
        subjectId: need.id,
        engineVersion: ENGINE_VERSION,
        results: shown.map((r) => ({ id: r.id, score: r.score })),
      })
      .returning({ id: matchLogs.id });
    await recordAccess(
      tx,
      actor,
      shown.map((r) => ({ personType: "candidate", personId: r.id, purpose: "matching" })),
    );
    return log!.id;
  });
  return {
    engineVersion: ENGINE_VERSION,
    rankingId,
    suggestion: true,
    items: shown.map((result) => {
      const person = byId.get(result.id)!;
      const entry = entryOf.get(result.id);
      const higher = person.fit.higherEducation;
      return {
        ...result,
        eligible: result.eligible && higher,
        missing: higher ? result.missing : [ruleMissing(query.lang), ...result.missing],
        candidate: { id: person.id, name: `${person.firstName} ${person.lastName}`.trim(), municipality: person.municipality },
        programme: person.fit,
        entry: entry ? { id: entry.id, status: entry.status as "shortlisted" } : null,
      };
    }),
  };
}

/**
 * The candidates accepted for a need (id and name), for the programme's "start a cohort from a need". Another
 * network's need is not found. A read of those people's names: logged in the access log.
 */
export async function acceptedCandidatesForNeed(db: Db, actor: Actor, needId: string): Promise<{ id: string; name: string }[]> {
  const need = await getNeed(db, actor, needId);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName })
      .from(traineeShortlistEntries)
      .innerJoin(candidates, eq(candidates.id, traineeShortlistEntries.candidateId))
      .where(and(eq(traineeShortlistEntries.tenantId, actor.tenantId), eq(traineeShortlistEntries.needId, need.id), eq(traineeShortlistEntries.status, "accepted")))
      .orderBy(candidates.sortName, candidates.id);
    await recordAccess(
      tx,
      actor,
      rows.map((r) => ({ personType: "candidate", personId: r.id, purpose: "trainee_recruitment" })),
    );
    return rows.map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}`.trim() }));
  });
}

