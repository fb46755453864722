import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, forbidden, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { afterCursor, decodeCursor } from "../platform/paging.ts";
import { unknownConcepts, labelsFor } from "../taxonomy/lookup.ts";
import { taxonomyConcepts, taxonomyOccupationSkills } from "../taxonomy/tables.ts";
import { employers } from "../employers/tables.ts";
import { jobs, pipelineEntries } from "./tables.ts";
import { employerIdOfUser } from "../employers/portal.ts";
import { MAX_JOB_SKILLS } from "../matching/score.ts";
import type { JobInput, JobUpdate, jobListQuerySchema } from "../../shared/jobs.ts";

/*
 * Jobs: the openings of the network's employers and municipal units. Every function filters by the actor's
 * network; an employer user is narrowed to the own company's jobs (another company's job is not found).
 */

export type JobRow = typeof jobs.$inferSelect;
const entityType = "job";

/** The condition that narrows an employer user to the own company; undefined for everyone else. */
async function employerScope(db: Db, actor: Actor): Promise<{ condition: SQL | undefined; employerId: string | null }> {
  if (actor.role !== "employer") return { condition: undefined, employerId: null };
  const employerId = await employerIdOfUser(db, actor);
  // Not linked to a company: sees no job at all.
  return { condition: employerId ? eq(jobs.employerId, employerId) : sql`false`, employerId };
}

const invalid = (errors: FieldError[]) => new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });

/** The taxonomy URIs must be known concepts, and the employer one of the network's (trainee needs check their concepts here too). */
export async function checkReferences(db: Db, tenantId: string, input: Partial<JobInput>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.occupationUri && (await unknownConcepts(db, [input.occupationUri], "occupation")).length > 0) errors.push({ path: "body.occupationUri", message: "is not an occupation in the taxonomy" });
  for (const field of ["essentialSkillUris", "optionalSkillUris"] as const) {
    const uris = input[field] ?? [];
    const unknown = new Set(await unknownConcepts(db, uris, "skill"));
    uris.forEach((uri, i) => {
      if (unknown.has(uri)) errors.push({ path: `body.${field}.${i}`, message: "is not a skill in the taxonomy" });
    });
  }
  if (input.employerId) {
    const [employer] = await db.select({ id: employers.id }).from(employers).where(and(eq(employers.tenantId, tenantId), eq(employers.id, input.employerId))).limit(1);
    if (!employer) errors.push({ path: "body.employerId", message: "is not an employer of this network" });
  }
  return errors;
}

/** Rules on the whole job (after a PATCH is merged): who it is for, and dates in order. */
function checkWhole(job: Pick<JobInput, "employerId" | "municipalUnit" | "startDate" | "deadline" | "extent" | "extentPercent" | "essentialSkillUris" | "optionalSkillUris">): FieldError[] {
  const errors: FieldError[] = [];
  // The matching engine keeps a job's skills as bits of one 32-bit word (ADR 011).
  const skills = new Set([...job.essentialSkillUris, ...job.optionalSkillUris]).size;
  if (skills > MAX_JOB_SKILLS) errors.push({ path: "body.optionalSkillUris", message: `at most ${MAX_JOB_SKILLS} skills, essential and optional together (has ${skills})` });
  if (!job.employerId && !job.municipalUnit) errors.push({ path: "body.employerId", message: "name the employer, or the municipal unit in municipalUnit" });
  if (job.employerId && job.municipalUnit) errors.push({ path: "body.municipalUnit", message: "must be empty when the job is an employer's" });
  if (job.extent === "full_time" && job.extentPercent !== null && job.extentPercent !== 100) errors.push({ path: "body.extentPercent", message: "is for part-time jobs" });
  return errors;
}

/** A skill is essential or optional, not both; repeats are dropped. */
function columnsOf(input: JobInput) {
  const essential = [...new Set(input.essentialSkillUris)];
  return { ...input, essentialSkillUris: essential, optionalSkillUris: [...new Set(input.optionalSkillUris)].filter((uri) => !essential.includes(uri)) };
}

export type JobListQuery = z.infer<typeof jobListQuerySchema>;
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The network's jobs, newest first (an employer user: the own company's). Returns limit+1 rows. */
export async function listJobs(db: Db, actor: Actor, query: JobListQuery) {
  const scope = await employerScope(db, actor);
  const conditions: (SQL | undefined)[] = [eq(jobs.tenantId, actor.tenantId), scope.condition];
  for (const term of (query.q ?? "").split(/\s+/).filter(Boolean)) conditions.push(sql`${jobs.title} ilike ${`%${likeEscape(term)}%`}`);
  if (query.status) conditions.push(eq(jobs.status, query.status));
  if (query.employerId) conditions.push(eq(jobs.employerId, query.employerId));
  if (query.occupationUri) conditions.push(eq(jobs.occupationUri, query.occupationUri));
  if (query.municipality) conditions.push(sql`lower(${jobs.municipality}) = lower(${query.municipality})`);
  conditions.push(afterCursor(jobs, decodeCursor(query.cursor), "desc"));
  return db
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(query.limit + 1);
}

/** One job of the network (an employer user: of the own company), else not found. */
export async function getJob(db: Db, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<JobRow> {
  const scope = await employerScope(db, actor);
  const query = db.select().from(jobs).where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, id), scope.condition)).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The job");
  return row;
}

/** An employer user writes for the own company only: the employer is set to it, another is refused. */
async function employerOwnCompany(db: Db, actor: Actor, employerId: string | null | undefined): Promise<string | undefined> {
  if (actor.role !== "employer") return undefined;
  const own = await employerIdOfUser(db, actor);
  if (!own) throw forbidden("Your user is not linked to an employer; ask the network's coordinator.");
  if (employerId && employerId !== own) throw forbidden("You can only write your own company's jobs.");
  return own;
}

export async function createJob(db: Db, actor: Actor, input: JobInput): Promise<JobRow> {
  const own = await employerOwnCompany(db, actor, input.employerId);
  const job = own ? { ...input, employerId: own, municipalUnit: "" } : input;
  const errors = [...(await checkReferences(db, actor.tenantId, job)), ...checkWhole(job)];
  if (errors.length > 0) throw invalid(errors);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(jobs)
      .values({ tenantId: actor.tenantId, ...columnsOf(job), createdByUserId: actor.userId ?? null })
      .returning();
    await recordChange(tx, actor, { action: "job.create", entityType, entityId: row!.id, after: { title: row!.title, employerId: row!.employerId, status: row!.status } });
    return row!;
  });
}

const inputOf = (row: JobRow): JobInput => ({
  employerId: row.employerId,
  municipalUnit: row.municipalUnit,
  title: row.title,
  description: row.description,
  occupationUri: row.occupationUri,
  essentialSkillUris: row.essentialSkillUris,
  optionalSkillUris: row.optionalSkillUris,
  languages: row.languages,
  educationLevel: row.educationLevel as JobInput["educationLevel"],
  licences: row.licences,
  location: row.location,
  municipality: row.municipality,
  extent: row.extent as JobInput["extent"],
  extentPercent: row.extentPercent,
  type: row.type as JobInput["type"],
  wageSubsidyPossible: row.wageSubsidyPossible,
  positions: row.positions,
  startDate: row.startDate,
  deadline: row.deadline,
  status: row.status as JobInput["status"],
});

export async function updateJob(db: Db, actor: Actor, id: string, patch: JobUpdate): Promise<JobRow> {
  if (actor.role === "employer") {
    await employerOwnCompany(db, actor, patch.employerId);
    if (patch.employerId === null || patch.municipalUnit) throw forbidden("You can only write your own company's jobs.");
  }
  const errors = await checkReferences(db, actor.tenantId, patch);
  if (errors.length > 0) throw invalid(errors);
  return db.transaction(async (tx) => {
    const row = await getJob(tx, actor, id, { forUpdate: true });
    const before = inputOf(row);
    const fields = Object.entries(patch)
      .filter(([key, value]) => value !== undefined && JSON.stringify(before[key as keyof JobInput]) !== JSON.stringify(value))
      .map(([key]) => key);
    if (fields.length === 0) return row;
    const merged = { ...before, ...patch };
    const whole = checkWhole(merged);
    if (whole.length > 0) throw invalid(whole);
    const [after] = await tx
      .update(jobs)
      .set({ ...columnsOf(merged), updatedAt: new Date() })
      .where(eq(jobs.id, id))
      .returning();
    await recordChange(tx, actor, { action: "job.update", entityType, entityId: id, before: { fields }, after: { fields, ...(fields.includes("status") ? { status: after!.status } : {}) } });
    return after!;
  });
}

/**
 * Deletes a job without a candidate list. A job with candidates on its list is closed instead (status "closed"):
 * its list, stage history and the consents given for it are the record of what was shared with whom.
 */
export async function deleteJob(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const row = await getJob(tx, actor, id, { forUpdate: true });
    const [entries] = await tx.select({ n: count() }).from(pipelineEntries).where(and(eq(pipelineEntries.tenantId, actor.tenantId), eq(pipelineEntries.jobId, id)));
    if ((entries?.n ?? 0) > 0) throw new AppError("rule_broken", "The job has candidates on its list; set its status to closed instead of deleting it.");
    await tx.delete(jobs).where(eq(jobs.id, id));
    await recordChange(tx, actor, { action: "job.delete", entityType, entityId: id, before: { title: row.title, employerId: row.employerId } });
  });
}

/** The occupation's essential and optional skills in ESCO, labelled, for the job form's suggestions. */
export async function skillSuggestions(db: Db, occupationUri: string, lang: string) {
  const [occupation] = await db
    .select({ uri: taxonomyConcepts.uri })
    .from(taxonomyConcepts)
    .where(and(eq(taxonomyConcepts.uri, occupationUri), eq(taxonomyConcepts.type, "occupation")))
    .limit(1);
  if (!occupation) throw notFound("The occupation");
  const rows = await db
    .select({ uri: taxonomyOccupationSkills.skillUri, relation: taxonomyOccupationSkills.relation })
    .from(taxonomyOccupationSkills)
    .where(eq(taxonomyOccupationSkills.occupationUri, occupationUri))
    .orderBy(asc(taxonomyOccupationSkills.skillUri));
  const labels = await labelsFor(db, rows.map((r) => r.uri), lang);
  const labelled = (relation: string) =>
    rows
      .filter((r) => r.relation === relation)
      .map((r) => ({ uri: r.uri, label: labels.get(r.uri) ?? r.uri }))
      .sort((a, b) => a.label.localeCompare(b.label, lang === "en" ? "en" : "nb"));
  return { essential: labelled("essential"), optional: labelled("optional") };
}

/** Entries per stage for each job, for the list and the job page. */
export async function pipelineCounts(db: Db, tenantId: string, jobIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const counts = new Map<string, Record<string, number>>();
  if (jobIds.length === 0) return counts;
  const rows = await db
    .select({ jobId: pipelineEntries.jobId, stage: pipelineEntries.stage, n: count() })
    .from(pipelineEntries)
    .where(and(eq(pipelineEntries.tenantId, tenantId), inArray(pipelineEntries.jobId, [...jobIds])))
    .groupBy(pipelineEntries.jobId, pipelineEntries.stage);
  for (const row of rows) counts.set(row.jobId, { ...counts.get(row.jobId), [row.stage]: Number(row.n) });
  return counts;
}

/** Names of employers by id. */
export async function employerNames(db: Db, tenantId: string, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: employers.id, name: employers.name }).from(employers).where(and(eq(employers.tenantId, tenantId), inArray(employers.id, unique)));
  return new Map(rows.map((row) => [row.id, row.name]));
}
