import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { SystemActor } from "../platform/actor.ts";
import { recordChange } from "../platform/audit.ts";
import { networks } from "../networks/tables.ts";
import { candidateBackgrounds, candidateDocuments, candidateNotes, candidates } from "../candidates/tables.ts";
import { placements } from "../placements/tables.ts";
import { ageBandOf } from "../reports/fairness.ts";
import { regionOf } from "../../shared/regions.ts";
import { anonymisedOutcomes, retentionSettings } from "./tables.ts";
import { defaultRetention } from "../../shared/privacy.ts";
import type { RetentionSettings } from "../../shared/privacy.ts";

/*
 * The retention job (issue 9, ADR 025). Per network, on the network's settings:
 * 1. erasure requests older than the delay are carried out;
 * 2. candidates without activity for the set months are anonymised the same way;
 * 3. access-log entries older than the set months are deleted (the only deletes the access log allows);
 * 4. outbox messages older than the set days are deleted.
 *
 * Carrying out an erasure, in ONE transaction per candidate (a crash leaves each candidate either untouched or
 * fully anonymised): an anonymised residue row is written (year, age band, gender, region, outcome; no id, no
 * date); documents and notes are deleted; the background row is deleted; the candidate row is kept with every
 * personal field cleared (so placements, services and the like keep counting in reports and the dashboard's
 * totals do not move) and marked anonymised_at; free text about the person elsewhere is cleared. A candidate
 * already anonymised is skipped, so running twice does nothing more.
 *
 * Logs and the audit trail carry counts only, never personal data.
 */

export const system = (tenantId: string | null): SystemActor => ({ kind: "system", tenantId });

export type RetentionCounts = {
  networks: number;
  erasuresExecuted: number;
  inactiveAnonymised: number;
  documentsDeleted: number;
  notesDeleted: number;
  accessLogDeleted: number;
  outboxDeleted: number;
};

const zero = (): RetentionCounts => ({ networks: 0, erasuresExecuted: 0, inactiveAnonymised: 0, documentsDeleted: 0, notesDeleted: 0, accessLogDeleted: 0, outboxDeleted: 0 });

const count = async (db: Db, query: SQL): Promise<number> => {
  const result = (await db.execute(query)) as unknown as { rows: { n: number | string }[] };
  return Number(result.rows[0]?.n ?? 0);
};

const minusDays = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
const minusMonths = (now: Date, months: number) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/** The network's retention settings, or the defaults. */
export async function retentionSettingsOf(db: Db, tenantId: string): Promise<RetentionSettings> {
  const [row] = await db.select().from(retentionSettings).where(eq(retentionSettings.tenantId, tenantId));
  if (!row) return { ...defaultRetention };
  return { erasureDelayDays: row.erasureDelayDays, inactiveMonths: row.inactiveMonths, accessLogMonths: row.accessLogMonths, outboxDays: row.outboxDays };
}

/** Candidates whose erasure request is older than the delay, not yet carried out. */
async function dueErasures(db: Db, tenantId: string, settings: RetentionSettings, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(eq(candidates.tenantId, tenantId), isNull(candidates.anonymisedAt), lte(candidates.erasureRequestedAt, minusDays(now, settings.erasureDelayDays))));
  return rows.map((r) => r.id);
}

/**
 * Candidates with no activity since the cut-off: the profile not changed, no note, no candidate-list move, no
 * service and no placement started, changed or running since then.
 */
async function inactiveCandidates(db: Db, tenantId: string, settings: RetentionSettings, now: Date): Promise<string[]> {
  const cutoff = minusMonths(now, settings.inactiveMonths);
  const cutoffDate = cutoff.toISOString().slice(0, 10);
  const result = (await db.execute(sql`
    select c.id from candidates c
    where c.tenant_id = ${tenantId} and c.anonymised_at is null and c.erasure_requested_at is null and c.updated_at < ${cutoff.toISOString()}
      and not exists (select 1 from candidate_notes n where n.tenant_id = c.tenant_id and n.candidate_id = c.id and n.created_at >= ${cutoff.toISOString()})
      and not exists (select 1 from pipeline_entries e where e.tenant_id = c.tenant_id and e.candidate_id = c.id and e.updated_at >= ${cutoff.toISOString()})
      and not exists (select 1 from candidate_services s where s.tenant_id = c.tenant_id and s.candidate_id = c.id and (s.date >= ${cutoffDate} or s.created_at >= ${cutoff.toISOString()}))
      and not exists (select 1 from placements p where p.tenant_id = c.tenant_id and p.candidate_id = c.id and (p.updated_at >= ${cutoff.toISOString()} or p.start_date >= ${cutoffDate} or p.end_date is null or p.end_date >= ${cutoffDate}))
  `)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

/**
 * Carries out the erasure of one candidate in one transaction. Returns null when there was nothing to do (already
 * anonymised, or not the network's).
 */
export async function anonymiseCandidate(db: Db, tenantId: string, candidateId: string, reason: "erasure_request" | "inactive", now: Date) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: candidates.id, anonymisedAt: candidates.anonymisedAt, createdAt: candidates.createdAt, erasureRequestedAt: candidates.erasureRequestedAt, processingRestrictedAt: candidates.processingRestrictedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, candidateId)))
      .for("update");
    if (!row || row.anonymisedAt) return null;

    // The residue: what statistics need, reduced so that it cannot be linked back.
    const [background] = await tx.select().from(candidateBackgrounds).where(eq(candidateBackgrounds.candidateId, candidateId));
    const [latest] = await tx
      .select({ type: placements.type, startDate: placements.startDate })
      .from(placements)
      .where(and(eq(placements.tenantId, tenantId), eq(placements.candidateId, candidateId)))
      .orderBy(sql`${placements.startDate} desc`)
      .limit(1);
    const year = latest ? Number(latest.startDate.slice(0, 4)) : row.createdAt.getUTCFullYear();
    await tx.insert(anonymisedOutcomes).values({
      tenantId,
      year,
      ageBand: ageBandOf(background?.birthYear ?? null, year),
      gender: background?.gender ?? "unspecified",
      region: regionOf(background?.countryOfBirth),
      outcome: latest?.type ?? "no_placement",
    });

    const documentsDeleted = await count(tx, sql`with d as (delete from candidate_documents where tenant_id = ${tenantId} and candidate_id = ${candidateId} returning 1) select count(*) as n from d`);
    const notesDeleted = await count(tx, sql`with d as (delete from candidate_notes where tenant_id = ${tenantId} and candidate_id = ${candidateId} returning 1) select count(*) as n from d`);
    await tx.delete(candidateBackgrounds).where(eq(candidateBackgrounds.candidateId, candidateId));

    // Free text about the person in other features' records; the records themselves stay as counts.
    await tx.execute(sql`update pipeline_stage_changes set note = '' where tenant_id = ${tenantId} and note <> '' and entry_id in (select id from pipeline_entries where candidate_id = ${candidateId})`);
    await tx.execute(sql`update candidate_services set outcome = '' where tenant_id = ${tenantId} and candidate_id = ${candidateId} and outcome <> ''`);
    await tx.execute(sql`update placement_follow_ups set note = '' where tenant_id = ${tenantId} and note <> '' and placement_id in (select id from placements where candidate_id = ${candidateId})`);
    await tx.execute(sql`update mentoring_meetings set topics = '', next_step = '' where tenant_id = ${tenantId} and mentorship_id in (select id from mentorships where candidate_id = ${candidateId})`);
    await tx.execute(sql`update mentorships set goals = '', mentor_feedback = null, mentee_feedback = null where tenant_id = ${tenantId} and candidate_id = ${candidateId}`);
    await tx.execute(sql`update trainee_shortlist_entries set decision_reason = null where tenant_id = ${tenantId} and candidate_id = ${candidateId}`);
    await tx.execute(sql`
      update trainee_score_sheets set comment = '',
        scores = coalesce((select jsonb_agg(jsonb_set(e, '{comment}', '""'::jsonb)) from jsonb_array_elements(scores) e), '[]'::jsonb)
      where tenant_id = ${tenantId} and entry_id in (select id from trainee_shortlist_entries where candidate_id = ${candidateId})`);
    await tx.execute(sql`update trainees set outcome_note = '' where tenant_id = ${tenantId} and candidate_id = ${candidateId}`);

    await tx
      .update(candidates)
      .set({
        firstName: "Anonymisert",
        lastName: "",
        email: null,
        phone: null,
        municipality: "",
        summary: "",
        availableFrom: null,
        languages: [],
        education: [],
        experience: [],
        certificates: [],
        jobWishes: { occupationUris: [], municipalities: [], extent: "any" },
        skillUris: [],
        drivingLicences: [],
        occupationUris: [],
        norwegianRank: null,
        educationRank: null,
        sortName: "anonymisert",
        emailNorm: null,
        phoneDigits: null,
        nameNorm: "anonymisert",
        userId: null,
        erasureRequestedAt: row.erasureRequestedAt ?? now,
        processingRestrictedAt: row.processingRestrictedAt ?? now,
        anonymisedAt: now,
        updatedAt: now,
      })
      .where(eq(candidates.id, candidateId));
    await recordChange(tx, system(tenantId), { action: "candidate.anonymise", entityType: "candidate", entityId: candidateId, after: { reason, documentsDeleted, notesDeleted } });
    return { documentsDeleted, notesDeleted };
  });
}

/** Deletes the network's access-log entries older than the cut-off: the one path the trigger lets through. */
async function pruneAccessLog(db: Db, tenantId: string, before: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('mangfold.retention_job', 'on', true)`);
    return count(tx, sql`with d as (delete from access_log where tenant_id = ${tenantId} and at < ${before.toISOString()} returning 1) select count(*) as n from d`);
  });
}

export type RetentionOptions = { now?: Date; dryRun?: boolean; tenantId?: string };

/** Runs the retention rules of every network (or one). With dryRun, counts what would be done and changes nothing. */
export async function runRetention(db: Db, options: RetentionOptions = {}): Promise<RetentionCounts> {
  const now = options.now ?? new Date();
  const totals = zero();
  const tenants = await db
    .select({ id: networks.id })
    .from(networks)
    .where(options.tenantId ? eq(networks.id, options.tenantId) : undefined);
  for (const { id: tenantId } of tenants) {
    const settings = await retentionSettingsOf(db, tenantId);
    const counts = zero();
    counts.networks = 1;
    const erasures = await dueErasures(db, tenantId, settings, now);
    const inactive = await inactiveCandidates(db, tenantId, settings, now);
    const accessBefore = minusMonths(now, settings.accessLogMonths);
    const outboxBefore = minusDays(now, settings.outboxDays);
    if (options.dryRun) {
      counts.erasuresExecuted = erasures.length;
      counts.inactiveAnonymised = inactive.length;
      const ids = [...erasures, ...inactive];
      if (ids.length > 0) {
        counts.documentsDeleted = (await db.select({ id: candidateDocuments.id }).from(candidateDocuments).where(and(eq(candidateDocuments.tenantId, tenantId), inArray(candidateDocuments.candidateId, ids)))).length;
        counts.notesDeleted = (await db.select({ id: candidateNotes.id }).from(candidateNotes).where(and(eq(candidateNotes.tenantId, tenantId), inArray(candidateNotes.candidateId, ids)))).length;
      }
      counts.accessLogDeleted = await count(db, sql`select count(*) as n from access_log where tenant_id = ${tenantId} and at < ${accessBefore.toISOString()}`);
      counts.outboxDeleted = await count(db, sql`select count(*) as n from mail_outbox where tenant_id = ${tenantId} and created_at < ${outboxBefore.toISOString()}`);
    } else {
      for (const [ids, reason] of [
        [erasures, "erasure_request"],
        [inactive, "inactive"],
      ] as const) {
        for (const id of ids) {
          const done = await anonymiseCandidate(db, tenantId, id, reason, now);
          if (!done) continue;
          if (reason === "erasure_request") counts.erasuresExecuted++;
          else counts.inactiveAnonymised++;
          counts.documentsDeleted += done.documentsDeleted;
          counts.notesDeleted += done.notesDeleted;
        }
      }
      counts.accessLogDeleted = await pruneAccessLog(db, tenantId, accessBefore);
      counts.outboxDeleted = await count(db, sql`with d as (delete from mail_outbox where tenant_id = ${tenantId} and created_at < ${outboxBefore.toISOString()} returning 1) select count(*) as n from d`);
      const { networks: _n, ...changed } = counts;
      if (Object.values(changed).some((n) => n > 0)) {
        await db.transaction((tx) => recordChange(tx, system(tenantId), { action: "retention.run", entityType: "network", entityId: tenantId, after: changed }));
      }
    }
    for (const key of Object.keys(totals) as (keyof RetentionCounts)[]) totals[key] += counts[key];
  }
  // Every run is in the audit trail, installation-wide, with the totals (counts only).
  if (!options.dryRun) await db.transaction((tx) => recordChange(tx, system(null), { action: "retention.run", entityType: "installation", tenantId: null, after: totals }));
  return totals;
}
