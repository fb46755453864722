import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { SystemActor } from "../platform/actor.ts";
import { recordChange } from "../platform/audit.ts";
import { taxonomyConcepts, taxonomyOccupationSkills } from "../taxonomy/tables.ts";
import { labelsFor } from "../taxonomy/lookup.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import type { pipelineEntries, pipelineStageChanges } from "../jobs/tables.ts";
import { candidateConsents, jobs, matchLogs, pipelineStages } from "../jobs/tables.ts";
import { demoCandidateDomain, seededRandom } from "../candidates/demo.ts";
import { placements } from "./tables.ts";
import type { placementFollowUps } from "./tables.ts";
import { addDays, addMonths, isOrdinary } from "./service.ts";
import { osloDate } from "../platform/dates.ts";
import { defaultPipelineStages } from "../../shared/jobs.ts";
import { followUpMonths } from "../../shared/placements.ts";
import type { PlacementType } from "../../shared/placements.ts";

/*
 * Synthetic jobs, candidate lists and placements for the demo network: ~60 jobs (at the demo employers when there
 * are any, else at municipal units), candidate lists with entries in every stage (stage history, consent where
 * shared), ranking logs so the fairness report has data, and ~150 placements over the last three years with the
 * past follow-ups answered. The same seed gives the same data on the same day; a re-run replaces it. Runs after
 * the demo candidates (and the demo employers, when that demo exists) — see demo/service.ts.
 */

export const demoJobCount = 60;
export const demoPlacementCount = 150;
/** Marks the demo's jobs, so that a re-run replaces them and nothing else. */
export const demoJobDescription = "Demo-stilling med oppdiktede data.";

const municipalUnits = ["Bærum kommune, Helse og omsorg", "Bærum kommune, Barnehager", "Bærum kommune, Eiendom", "Bærum kommune, Skole", "Bærum kommune, Kultur", "Bærum kommune, Teknisk drift"];
const outsideEmployers = ["Sandvika Renhold AS", "Fornebu Kantine AS", "Asker Bygg AS", "Oslo Lager og Logistikk AS", "Bekkestua Bakeri", "Stabekk Barnehage SA", "Lysaker Hotell AS", "Høvik Verksted AS"];
const locations = ["Sandvika", "Bekkestua", "Fornebu", "Stabekk", "Lysaker", "Høvik", "Rud", "Bærums Verk"];
const typeWeights: [PlacementType, number][] = [
  ["ordinary_permanent", 35],
  ["ordinary_temporary", 25],
  ["trainee", 10],
  ["apprenticeship", 8],
  ["work_practice", 12],
  ["summer_job", 10],
];
const stageLabels: Record<(typeof defaultPipelineStages)[number], [string, string]> = {
  suggested: ["Foreslått", "Suggested"],
  contacted: ["Kontaktet", "Contacted"],
  consent_requested: ["Samtykke bedt om", "Consent requested"],
  shared: ["Delt med arbeidsgiver", "Shared with employer"],
  interview: ["Intervju", "Interview"],
  offer: ["Tilbud", "Offer"],
  hired: ["Ansatt", "Hired"],
  not_selected: ["Ikke valgt", "Not selected"],
  withdrawn: ["Trukket", "Withdrawn"],
};
/** The path through the list to each stage (a stage change per step). */
const pathTo: Record<(typeof defaultPipelineStages)[number], string[]> = {
  suggested: ["suggested"],
  contacted: ["suggested", "contacted"],
  consent_requested: ["suggested", "contacted", "consent_requested"],
  shared: ["suggested", "contacted", "consent_requested", "shared"],
  interview: ["suggested", "contacted", "consent_requested", "shared", "interview"],
  offer: ["suggested", "contacted", "consent_requested", "shared", "interview", "offer"],
  hired: ["suggested", "contacted", "consent_requested", "shared", "interview", "offer", "hired"],
  not_selected: ["suggested", "contacted", "consent_requested", "shared", "interview", "not_selected"],
  withdrawn: ["suggested", "contacted", "withdrawn"],
};
const sharedStages = new Set(["shared", "interview", "offer", "hired", "not_selected"]);

const day = 24 * 3600 * 1000;

/**
 * Inserts many rows as one jsonb parameter (jsonb_populate_recordset): with PGlite, thousands of bound
 * parameters cost about a second; one document costs a few milliseconds. Keys are the table's column names.
 */
async function insertMany(db: Db, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const list = sql.join(columns.map((c) => sql.identifier(c)), sql`, `);
  await db.execute(sql`insert into ${sql.identifier(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::jsonb)`);
}
const dateOf = (date: Date) => date.toISOString().slice(0, 10);

/** Removes the demo's jobs (with their lists, consents for them) and the demo candidates' placements. Call before the demo candidates are replaced. */
export async function removeDemoJobsAndPlacements(db: Db, tenantId: string) {
  const demoCandidateIds = db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.tenantId, tenantId), like(candidates.email, `%@${demoCandidateDomain}`)));
  const demoJobIds = db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.tenantId, tenantId), eq(jobs.description, demoJobDescription)));
  await db.delete(placements).where(and(eq(placements.tenantId, tenantId), or(inArray(placements.candidateId, demoCandidateIds), inArray(placements.jobId, demoJobIds))));
  await db.delete(jobs).where(and(eq(jobs.tenantId, tenantId), eq(jobs.description, demoJobDescription)));
}

async function occupationPool(db: Db) {
  const occupations = (
    await db
      .select({ uri: taxonomyConcepts.uri })
      .from(taxonomyConcepts)
      .where(and(eq(taxonomyConcepts.type, "occupation"), eq(taxonomyConcepts.status, "released")))
      .orderBy(asc(taxonomyConcepts.uri))
      .limit(200)
  ).map((r) => r.uri);
  const relations = occupations.length
    ? await db
        .select({ occupationUri: taxonomyOccupationSkills.occupationUri, skillUri: taxonomyOccupationSkills.skillUri, relation: taxonomyOccupationSkills.relation })
        .from(taxonomyOccupationSkills)
        .where(inArray(taxonomyOccupationSkills.occupationUri, occupations))
        .orderBy(asc(taxonomyOccupationSkills.occupationUri), asc(taxonomyOccupationSkills.skillUri))
    : [];
  const skillsOf = new Map<string, { essential: string[]; optional: string[] }>();
  for (const r of relations) {
    const entry = skillsOf.get(r.occupationUri) ?? { essential: [], optional: [] };
    (r.relation === "essential" ? entry.essential : entry.optional).push(r.skillUri);
    skillsOf.set(r.occupationUri, entry);
  }
  return { occupations, skillsOf, labels: await labelsFor(db, occupations, "nb") };
}

/** Seeds the demo's jobs, candidate lists, ranking logs and placements in the caller's transaction. */
export async function seedDemoJobsAndPlacements(db: Db, tenantId: string, options: { seed: string; advisorUserIds: string[]; jobs?: number; placements?: number; now?: Date }) {
  const actor: SystemActor = { kind: "system", tenantId };
  const now = options.now ?? new Date();
  const today = osloDate(now);
  const random = seededRandom(`${options.seed}:jobs-and-placements`);
  const pool = await occupationPool(db);
  if (pool.occupations.length === 0) return { jobs: 0, entries: 0, placements: 0 };
  const employerRows = await db.select({ id: employers.id, name: employers.name }).from(employers).where(eq(employers.tenantId, tenantId)).orderBy(asc(employers.name), asc(employers.id)).limit(500);
  const people = await db
    .select({ id: candidates.id, advisorUserId: candidates.advisorUserId })
    .from(candidates)
    .where(and(eq(candidates.tenantId, tenantId), like(candidates.email, `%@${demoCandidateDomain}`)))
    .orderBy(asc(candidates.email));
  const advisorOf = (candidateId: string) => people.find((p) => p.id === candidateId)?.advisorUserId ?? options.advisorUserIds[0] ?? null;
  const someAdvisor = () => (options.advisorUserIds.length ? random.pick(options.advisorUserIds) : null);

  // The network's list stages (the jobs feature keeps them as data; the demo makes sure the defaults exist).
  await db
    .insert(pipelineStages)
    .values(defaultPipelineStages.map((key, position) => ({ tenantId, key, labelNb: stageLabels[key][0], labelEn: stageLabels[key][1], position, meaning: key === "hired" ? "hired" : key === "not_selected" || key === "withdrawn" ? "closed" : "open" })))
    .onConflictDoNothing();

  // Jobs, created over the last three years.
  const jobRows = Array.from({ length: options.jobs ?? demoJobCount }, (_, i) => {
    const occupationUri = random.pick(pool.occupations);
    const skills = pool.skillsOf.get(occupationUri) ?? { essential: [], optional: [] };
    const employer = employerRows.length && random.chance(0.75) ? random.pick(employerRows) : null;
    // A fifth are recent and still open (their deadline ahead), so the demo has jobs to match candidates to today.
    const recent = i < Math.ceil((options.jobs ?? demoJobCount) / 5);
    const createdAt = new Date(now.getTime() - (recent ? random.int(1, 30) : random.int(5, 3 * 365)) * day);
    const deadline = dateOf(new Date(createdAt.getTime() + (recent ? random.int(31, 60) : random.int(14, 45)) * day));
    const label = pool.labels.get(occupationUri) ?? "Medarbeider";
    const partTime = random.chance(0.3);
    return {
      tenantId,
      employerId: employer?.id ?? null,
      municipalUnit: employer ? "" : municipalUnits[i % municipalUnits.length]!,
      title: `${label.charAt(0).toUpperCase()}${label.slice(1)}${partTime ? " (deltid)" : ""}`,
      description: demoJobDescription,
      occupationUri,
      essentialSkillUris: skills.essential.filter(() => random.chance(0.7)).slice(0, 10),
      optionalSkillUris: skills.optional.filter(() => random.chance(0.4)).slice(0, 10),
      languages: [{ code: "no", subSkills: random.chance(0.5) ? (["speaking", "listening"] as ("speaking" | "listening")[]) : [], level: random.pick(["A2", "B1", "B1", "B2"] as const) }],
      educationLevel: random.pick([null, null, "upper_secondary", "vocational", "bachelor"] as const),
      licences: random.chance(0.25) ? [{ licence: "B" as const, required: random.chance(0.6) }] : [],
      location: random.pick(locations),
      municipality: "Bærum",
      extent: partTime ? "part_time" : "full_time",
      type: random.pick(["permanent", "permanent", "temporary", "seasonal", "apprenticeship", "work_practice", "trainee"] as const),
      wageSubsidyPossible: random.chance(0.4),
      positions: random.int(1, 4),
      startDate: dateOf(new Date(createdAt.getTime() + random.int(30, 90) * day)),
      deadline,
      status: deadline < today ? random.pick(["filled", "filled", "closed"] as const) : random.pick(["open", "open", "open", "draft"] as const),
      createdByUserId: someAdvisor(),
      createdAt,
      updatedAt: createdAt,
    };
  });
  const insertedJobs = jobRows.length ? await db.insert(jobs).values(jobRows).returning({ id: jobs.id, employerId: jobs.employerId, municipalUnit: jobs.municipalUnit, occupationUri: jobs.occupationUri, createdAt: jobs.createdAt }) : [];

  // Candidate lists: 3–9 people per job; every stage appears (the first entries walk through the stages).
  type Entry = typeof pipelineEntries.$inferInsert & { id: string };
  const entries: Entry[] = [];
  const changes: (typeof pipelineStageChanges.$inferInsert)[] = [];
  const consents: (typeof candidateConsents.$inferInsert)[] = [];
  const logs: (typeof matchLogs.$inferInsert)[] = [];
  const hires: { candidateId: string; job: (typeof insertedJobs)[number]; at: Date }[] = [];
  let stageTurn = 0;
  for (const job of insertedJobs) {
    if (people.length === 0) break;
    // What the advisor was shown: a ranking of 20, logged like the engine does (scores are made up here).
    const ranked = [...new Set(Array.from({ length: 24 }, () => random.pick(people).id))].slice(0, 20);
    const scores = ranked.map((_, n) => Math.round((0.95 - n * 0.025 - random.next() * 0.02) * 1000) / 1000);
    const shownAt = new Date(job.createdAt.getTime() + random.int(1, 5) * day);
    logs.push({ tenantId, actorUserId: someAdvisor(), direction: "candidates_for_job", subjectId: job.id, engineVersion: "demo", results: ranked.map((id, n) => ({ id, score: scores[n]! })), createdAt: shownAt });
    if (random.chance(0.5)) logs.push({ tenantId, actorUserId: someAdvisor(), direction: "candidates_for_job", subjectId: job.id, engineVersion: "demo", results: ranked.slice(0, 10).map((id, n) => ({ id, score: scores[n]! })), createdAt: new Date(shownAt.getTime() + day) });
    const listed = ranked.slice(0, random.int(3, 9));
    for (const [n, candidateId] of listed.entries()) {
      const later: (typeof defaultPipelineStages)[number][] = ["suggested", "contacted", "consent_requested", "shared", "interview", "not_selected", "not_selected", "withdrawn", ...(n === 0 ? (["hired", "offer"] as const) : [])];
      const stage = stageTurn < defaultPipelineStages.length ? defaultPipelineStages[stageTurn++]! : random.pick(later);
      const id = crypto.randomUUID();
      const path = pathTo[stage];
      let at = new Date(shownAt.getTime() + random.int(0, 2) * day);
      const addedBy = advisorOf(candidateId);
      let sharedAt: Date | null = null;
      for (const [step, toStage] of path.entries()) {
        if (step > 0) at = new Date(at.getTime() + random.int(1, 10) * day);
        if (toStage === "shared") sharedAt = at;
        changes.push({ tenantId, entryId: id, fromStage: step === 0 ? null : path[step - 1]!, toStage, changedByUserId: addedBy, changedAt: at });
      }
      const shared = sharedStages.has(stage);
      if (shared && sharedAt) {
        consents.push({
          tenantId,
          candidateId,
          purpose: "share_with_employer",
          employerId: job.employerId,
          jobId: job.id,
          textVersion: "2025-1",
          method: random.pick(["in_person", "in_person", "by_link"] as const),
          givenAt: new Date(sharedAt.getTime() - random.int(1, 3) * day),
          recordedByUserId: addedBy,
        });
      }
      entries.push({
        id,
        tenantId,
        jobId: job.id,
        candidateId,
        stage,
        sharedVariant: shared ? (stage === "shared" ? "anonymous" : "full") : null,
        sharedAt: shared ? sharedAt : null,
        employerResponse: stage === "hired" ? "hired" : stage === "interview" || stage === "offer" ? "interesting" : stage === "not_selected" ? random.pick(["not_interesting", "interesting"] as const) : null,
        employerRespondedAt: shared && stage !== "shared" && sharedAt ? new Date(sharedAt.getTime() + 2 * day) : null,
        matchScore: scores[ranked.indexOf(candidateId)] ?? null,
        addedByUserId: addedBy,
        createdAt: shownAt,
        updatedAt: at,
      });
      if (stage === "hired") hires.push({ candidateId, job, at });
    }
  }
  await insertMany(
    db,
    "pipeline_entries",
    entries.map((e) => ({
      id: e.id,
      tenant_id: e.tenantId,
      job_id: e.jobId,
      candidate_id: e.candidateId,
      stage: e.stage,
      shared_variant: e.sharedVariant,
      shared_at: e.sharedAt,
      employer_response: e.employerResponse,
      employer_responded_at: e.employerRespondedAt,
      match_score: e.matchScore,
      added_by_user_id: e.addedByUserId,
      created_at: e.createdAt,
      updated_at: e.updatedAt,
    })),
  );
  await insertMany(
    db,
    "pipeline_stage_changes",
    changes.map((c) => ({ tenant_id: c.tenantId, entry_id: c.entryId, from_stage: c.fromStage, to_stage: c.toStage, note: "", changed_by_user_id: c.changedByUserId, changed_at: c.changedAt })),
  );
  if (consents.length) await db.insert(candidateConsents).values(consents);
  for (let i = 0; i < logs.length; i += 200) await db.insert(matchLogs).values(logs.slice(i, i + 200));

  // Placements: the list's hires, then direct hires (no job in the system), spread over the last three years.
  // The demo employers already hold a few hires (those that back their certifications): ~150 in all.
  const [{ existing } = { existing: 0 }] = await db.select({ existing: sql<number>`count(*)::int` }).from(placements).where(eq(placements.tenantId, tenantId));
  const target = Math.max(0, (options.placements ?? demoPlacementCount) - existing);
  const totalWeight = typeWeights.reduce((sum, [, w]) => sum + w, 0);
  const pickType = () => {
    let n = random.next() * totalWeight;
    for (const [type, weight] of typeWeights) if ((n -= weight) < 0) return type;
    return "ordinary_permanent" as PlacementType;
  };
  type NewPlacement = typeof placements.$inferInsert & { id: string };
  const placementRows: NewPlacement[] = [];
  const plan = [
    ...hires.map((h) => ({ candidateId: h.candidateId, job: h.job as (typeof insertedJobs)[number] | null, start: dateOf(new Date(Math.min(h.at.getTime() + random.int(7, 30) * day, now.getTime()))) })),
    ...Array.from({ length: Math.max(0, people.length ? target - hires.length : 0) }, () => ({ candidateId: random.pick(people).id, job: null as (typeof insertedJobs)[number] | null, start: addDays(today, -random.int(0, 3 * 365)) })),
  ];
  for (const item of plan) {
    const type = item.job ? random.pick(["ordinary_permanent", "ordinary_permanent", "ordinary_temporary", "trainee"] as const) : pickType();
    const employer = item.job?.employerId ? (employerRows.find((e) => e.id === item.job!.employerId) ?? null) : !item.job && employerRows.length && random.chance(0.6) ? random.pick(employerRows) : null;
    const employerName = employer?.name ?? (item.job?.municipalUnit || (random.chance(0.5) ? random.pick(municipalUnits) : random.pick(outsideEmployers)));
    const start = type === "summer_job" ? `${item.start.slice(0, 4)}-06-${String(random.int(10, 25)).padStart(2, "0")}` : item.start;
    // A summer job moves to June of its year, which may fall outside the three years: then it keeps its own date.
    const startDate = start > today ? today : start < addMonths(today, -36) ? item.start : start;
    const months = type === "ordinary_temporary" ? random.int(3, 12) : type === "summer_job" ? 2 : type === "work_practice" ? 3 : type === "trainee" ? 12 : type === "apprenticeship" ? 24 : null;
    const subsidised = isOrdinary(type) && random.chance(0.35);
    placementRows.push({
      id: crypto.randomUUID(),
      tenantId,
      candidateId: item.candidateId,
      employerId: employer?.id ?? null,
      employerName,
      jobId: item.job?.id ?? null,
      occupationUri: item.job?.occupationUri ?? random.pick(pool.occupations),
      type,
      wageSubsidyPercent: subsidised ? random.pick([30, 40, 50, 60]) : null,
      subsidyFrom: subsidised ? startDate : null,
      subsidyTo: subsidised ? addMonths(startDate, 6) : null,
      hoursPerWeek: random.pick([37.5, 37.5, 37.5, 30, 22.5, 15]),
      startDate,
      endDate: months === null ? null : addMonths(startDate, months),
      createdByUserId: advisorOf(item.candidateId),
      createdAt: new Date(`${startDate}T09:00:00Z`),
      updatedAt: new Date(`${startDate}T09:00:00Z`),
    });
  }
  // Follow-ups: those due in the past are answered (a few recent ones are left for the advisor's task list).
  const followUpRows: (typeof placementFollowUps.$inferInsert)[] = [];
  for (const p of placementRows) {
    let stillEmployed = true;
    for (const months of followUpMonths) {
      const dueOn = addMonths(p.startDate, months);
      const overdueDays = (Date.parse(today) - Date.parse(dueOn)) / day;
      const answered = overdueDays > 0 && !(overdueDays < 21 && random.chance(0.5));
      if (answered) stillEmployed = stillEmployed && random.chance(months === 3 ? 0.87 : months === 6 ? 0.9 : 0.92);
      followUpRows.push({
        tenantId,
        placementId: p.id,
        months,
        dueOn,
        stillEmployed: answered ? stillEmployed : null,
        note: "",
        answeredAt: answered ? new Date(`${addDays(dueOn, Math.min(random.int(0, 10), Math.floor(overdueDays)))}T12:00:00Z`) : null,
        answeredByUserId: answered ? (p.createdByUserId ?? null) : null,
        remindedAt: answered || overdueDays > -7 ? new Date(`${addDays(dueOn, -7)}T06:00:00Z`) : null,
      });
    }
  }
  for (let i = 0; i < placementRows.length; i += 200) await db.insert(placements).values(placementRows.slice(i, i + 200));
  await insertMany(
    db,
    "placement_follow_ups",
    followUpRows.map((f) => ({
      tenant_id: f.tenantId,
      placement_id: f.placementId,
      months: f.months,
      due_on: f.dueOn,
      still_employed: f.stillEmployed,
      note: f.note,
      answered_at: f.answeredAt,
      answered_by_user_id: f.answeredByUserId,
      reminded_at: f.remindedAt,
    })),
  );

  // Ordinary work that has not ended: the candidate is in work (as a recorded placement would make them).
  const working = [...new Set(placementRows.filter((p) => isOrdinary(p.type) && (p.endDate === null || p.endDate! >= today)).map((p) => p.candidateId!))];
  if (working.length) await db.update(candidates).set({ status: "in_work" }).where(and(eq(candidates.tenantId, tenantId), inArray(candidates.id, working), inArray(candidates.status, ["active", "paused"])));

  const counts = { jobs: insertedJobs.length, entries: entries.length, consents: consents.length, rankings: logs.length, placements: placementRows.length };
  await recordChange(db, actor, { action: "demo.jobs_and_placements", entityType: "network", entityId: tenantId, after: counts });
  return counts;
}
