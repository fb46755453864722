import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden, notFound } from "../platform/errors.ts";
import type { FieldError } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { userNames } from "../candidates/service.ts";
import type { Lang } from "../candidates/presenters.ts";
import { traineeInterviewCriteria, traineeInterviews, traineeScoreSheets, traineeShortlistEntries } from "./tables.ts";
import { getNeed, programmeFitOf } from "./service.ts";
import type { NeedRow } from "./service.ts";
import * as policy from "./policy.ts";
import { defaultInterviewCriteria } from "../../shared/trainee-recruitment.ts";
import type { InterviewInput, ScoreSheetInput, Scores, ShortlistEntry, criteriaInputSchema } from "../../shared/trainee-recruitment.ts";
import type { z } from "zod";

/*
 * The shortlist of a need (issue 7): candidates proposed for it, their interview, the interviewers' scores on the
 * network's criteria, and the decision with its reason. An interviewer sees the others' scores only after handing in
 * their own (so that no one anchors on another's score); HR and the coordinator outside the panel see all, as they
 * decide. Every change is in the audit trail; every read of the people on it in the access log.
 */

export type EntryRow = typeof traineeShortlistEntries.$inferSelect;
const entityType = "trainee_shortlist_entry";
const purpose = "trainee_recruitment";
const decided = (status: string) => status === "accepted" || status === "rejected";
const invalid = (errors: FieldError[]) => new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });

async function getEntry(db: Db, actor: Actor, needId: string, entryId: string, options: { forUpdate?: boolean } = {}): Promise<EntryRow> {
  const query = db
    .select()
    .from(traineeShortlistEntries)
    .where(and(eq(traineeShortlistEntries.tenantId, actor.tenantId), eq(traineeShortlistEntries.needId, needId), eq(traineeShortlistEntries.id, entryId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("The shortlist entry");
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Presenting entries
// ---------------------------------------------------------------------------------------------------------

/** Entries with the candidate, the programme fit, the interview, the scoring state and the decision. */
async function presentEntries(db: Db, actor: Actor, rows: EntryRow[]): Promise<ShortlistEntry[]> {
  if (rows.length === 0) return [];
  const entryIds = rows.map((r) => r.id);
  const people = await db
    .select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName, education: candidates.education, norwegianRank: candidates.norwegianRank })
    .from(candidates)
    .where(and(eq(candidates.tenantId, actor.tenantId), inArray(candidates.id, rows.map((r) => r.candidateId))));
  const personOf = new Map(people.map((p) => [p.id, p]));
  const interviews = await db
    .select()
    .from(traineeInterviews)
    .where(and(eq(traineeInterviews.tenantId, actor.tenantId), inArray(traineeInterviews.entryId, entryIds)));
  const interviewOf = new Map(interviews.map((i) => [i.entryId, i]));
  const sheets = await db
    .select({ entryId: traineeScoreSheets.entryId, interviewerUserId: traineeScoreSheets.interviewerUserId })
    .from(traineeScoreSheets)
    .where(and(eq(traineeScoreSheets.tenantId, actor.tenantId), inArray(traineeScoreSheets.entryId, entryIds)));
  const names = await userNames(db, [...rows.flatMap((r) => [r.addedByUserId, r.decidedByUserId]), ...interviews.flatMap((i) => i.interviewerUserIds)]);
  const ref = (id: string | null) => (id ? { userId: id, name: names.get(id) ?? "" } : null);
  return rows.map((row) => {
    const person = personOf.get(row.candidateId);
    const interview = interviewOf.get(row.id);
    const own = sheets.filter((s) => s.entryId === row.id);
    return {
      id: row.id,
      needId: row.needId,
      candidate: { id: row.candidateId, name: person ? `${person.firstName} ${person.lastName}`.trim() : "" },
      status: row.status as ShortlistEntry["status"],
      programme: programmeFitOf(person ?? { education: [], norwegianRank: null }),
      matchScore: row.matchScore,
      interview: interview
        ? {
            startsAt: interview.startsAt.toISOString(),
            durationMinutes: interview.durationMinutes,
            place: interview.place,
            videoLink: interview.videoLink,
            interviewers: interview.interviewerUserIds.map((id) => ref(id)!),
            invitedAt: interview.invitedAt?.toISOString() ?? null,
          }
        : null,
      scoring: {
        submissions: own.length,
        mineSubmitted: actor.userId !== undefined && own.some((s) => s.interviewerUserId === actor.userId),
        onPanel: actor.userId !== undefined && (interview?.interviewerUserIds.includes(actor.userId) ?? false),
      },
      decision:
        decided(row.status) && row.decidedAt
          ? { decision: row.status as "accepted" | "rejected", reason: row.decisionReason ?? "", at: row.decidedAt.toISOString(), by: ref(row.decidedByUserId) }
          : null,
      addedBy: ref(row.addedByUserId),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** One entry, presented (after a change: the caller has just written it, no further read is logged). */
async function presentOne(db: Db, actor: Actor, row: EntryRow): Promise<ShortlistEntry> {
  return (await presentEntries(db, actor, [row]))[0]!;
}

// ---------------------------------------------------------------------------------------------------------
// The shortlist
// ---------------------------------------------------------------------------------------------------------

/** The need's shortlist, oldest entry first; each person shown is a read in the access log. */
export async function listShortlist(db: Db, actor: Actor, needId: string): Promise<ShortlistEntry[]> {
  const need = await getNeed(db, actor, needId);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(traineeShortlistEntries)
      .where(and(eq(traineeShortlistEntries.tenantId, actor.tenantId), eq(traineeShortlistEntries.needId, need.id)))
      .orderBy(asc(traineeShortlistEntries.createdAt), asc(traineeShortlistEntries.id));
    await recordAccess(
      tx,
      actor,
      rows.map((r) => ({ personType: "candidate", personId: r.candidateId, purpose })),
    );
    return presentEntries(tx, actor, rows);
  });
}

/**
 * Puts a candidate of the network on the need's shortlist. The programme's rule holds here too: without higher
 * education (bachelor or above) a candidate is not taken; nor is one whose processing is restricted.
 */
export async function addToShortlist(db: Db, actor: Actor, needId: string, input: { candidateId: string; matchScore: number | null }): Promise<ShortlistEntry> {
  return db.transaction(async (tx) => {
    const need = await getNeed(tx, actor, needId);
    if (need.status !== "open") throw new AppError("rule_broken", "The need is not open; open it again to shortlist candidates.");
    const [candidate] = await tx
      .select({ id: candidates.id, education: candidates.education, norwegianRank: candidates.norwegianRank, processingRestrictedAt: candidates.processingRestrictedAt, erasureRequestedAt: candidates.erasureRequestedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, input.candidateId)))
      .limit(1);
    if (!candidate) throw invalid([{ path: "body.candidateId", message: "is not a candidate of this network" }]);
    if (candidate.processingRestrictedAt !== null || candidate.erasureRequestedAt !== null) {
      throw new AppError("rule_broken", "The candidate's processing is restricted (consent withdrawn or erasure requested); they cannot be shortlisted.");
    }
    if (!programmeFitOf(candidate).higherEducation) throw new AppError("rule_broken", "The trainee programme asks for higher education (bachelor or above); the candidate has none registered.");
    const [row] = await tx
      .insert(traineeShortlistEntries)
      .values({ tenantId: actor.tenantId, needId: need.id, candidateId: candidate.id, matchScore: input.matchScore, addedByUserId: actor.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("conflict", "The candidate is already on this need's shortlist.");
    await recordChange(tx, actor, { action: "trainee_shortlist.add", entityType, entityId: row.id, after: { needId: need.id, candidateId: candidate.id, matchScore: input.matchScore } });
    return presentOne(tx, actor, row);
  });
}

/** Moves an entry between shortlisted, interview scheduled and interviewed; a decided entry moved back loses its decision (kept in the audit trail). */
export async function moveEntry(db: Db, actor: Actor, needId: string, entryId: string, status: string): Promise<ShortlistEntry> {
  return db.transaction(async (tx) => {
    const entry = await getEntry(tx, actor, needId, entryId, { forUpdate: true });
    if (entry.status === status) return presentOne(tx, actor, entry);
    if (status !== "shortlisted") {
      const [interview] = await tx.select({ id: traineeInterviews.id }).from(traineeInterviews).where(and(eq(traineeInterviews.tenantId, actor.tenantId), eq(traineeInterviews.entryId, entry.id))).limit(1);
      if (!interview) throw new AppError("rule_broken", "Schedule the interview first.");
    }
    const [after] = await tx
      .update(traineeShortlistEntries)
      .set({ status, decisionReason: null, decidedAt: null, decidedByUserId: null, updatedAt: new Date() })
      .where(eq(traineeShortlistEntries.id, entry.id))
      .returning();
    await recordChange(tx, actor, { action: "trainee_shortlist.move", entityType, entityId: entry.id, before: { status: entry.status }, after: { status } });
    return presentOne(tx, actor, after!);
  });
}

/** Takes a candidate off the shortlist, unless scores or a decision are recorded for them (they are the record). */
export async function removeEntry(db: Db, actor: Actor, needId: string, entryId: string) {
  await db.transaction(async (tx) => {
    const entry = await getEntry(tx, actor, needId, entryId, { forUpdate: true });
    if (decided(entry.status)) throw new AppError("rule_broken", "The candidate has a decision; it stays on the shortlist as the record.");
    const [sheet] = await tx.select({ id: traineeScoreSheets.id }).from(traineeScoreSheets).where(and(eq(traineeScoreSheets.tenantId, actor.tenantId), eq(traineeScoreSheets.entryId, entry.id))).limit(1);
    if (sheet) throw new AppError("rule_broken", "The candidate has interview scores; reject with a reason instead of removing.");
    await tx.delete(traineeShortlistEntries).where(eq(traineeShortlistEntries.id, entry.id));
    await recordChange(tx, actor, { action: "trainee_shortlist.remove", entityType, entityId: entry.id, before: { needId, candidateId: entry.candidateId, status: entry.status } });
  });
}

/** Accepted or rejected, with the reason. Accepting needs at least one score sheet: a trainee is chosen after an interview. */
export async function decide(db: Db, actor: Actor, needId: string, entryId: string, input: { decision: "accepted" | "rejected"; reason: string }): Promise<ShortlistEntry> {
  return db.transaction(async (tx) => {
    const entry = await getEntry(tx, actor, needId, entryId, { forUpdate: true });
    if (input.decision === "accepted") {
      const [sheet] = await tx.select({ id: traineeScoreSheets.id }).from(traineeScoreSheets).where(and(eq(traineeScoreSheets.tenantId, actor.tenantId), eq(traineeScoreSheets.entryId, entry.id))).limit(1);
      if (!sheet) throw new AppError("rule_broken", "Interview and score the candidate before accepting them.");
    }
    const [after] = await tx
      .update(traineeShortlistEntries)
      .set({ status: input.decision, decisionReason: input.reason, decidedAt: new Date(), decidedByUserId: actor.userId ?? null, updatedAt: new Date() })
      .where(eq(traineeShortlistEntries.id, entry.id))
      .returning();
    await recordChange(tx, actor, {
      action: "trainee_shortlist.decide",
      entityType,
      entityId: entry.id,
      before: { status: entry.status, reason: entry.decisionReason },
      after: { status: input.decision, reason: input.reason, needId, candidateId: entry.candidateId },
    });
    return presentOne(tx, actor, after!);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Interviews
// ---------------------------------------------------------------------------------------------------------

/** The network's active users who may sit on a panel (admin, hr, advisor), by name. */
export async function listInterviewers(db: Db, tenantId: string) {
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.status, "active"), inArray(memberships.role, [...policy.interviewerRoles])))
    .orderBy(asc(users.name), asc(users.id));
}

const dateTimeNb = (at: Date) =>
  new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", dateStyle: "full", timeStyle: "short" }).format(at);

/**
 * Schedules (or moves) the entry's interview with a panel of the network's hr, admin or advisor users, and when
 * asked invites the panel by e-mail. The mail names the need, the time and the place, not the candidate: the
 * candidate's name stays in the application, behind its access log.
 */
export async function scheduleInterview(ctx: AppContext, actor: Actor, needId: string, entryId: string, input: InterviewInput): Promise<ShortlistEntry> {
  const errors: FieldError[] = [];
  if (!input.place && !input.videoLink) errors.push({ path: "body.place", message: "give the place or a video link" });
  const panel = [...new Set(input.interviewerUserIds)];
  const allowed = await listInterviewers(ctx.db, actor.tenantId);
  const byId = new Map(allowed.map((u) => [u.userId, u]));
  input.interviewerUserIds.forEach((id, i) => {
    if (!byId.has(id)) errors.push({ path: `body.interviewerUserIds.${i}`, message: "is not an hr, admin or advisor user of this network" });
  });
  if (errors.length > 0) throw invalid(errors);
  const startsAt = new Date(input.startsAt);
  const { need, entry } = await ctx.db.transaction(async (tx) => {
    const need = await getNeed(tx, actor, needId);
    const entry = await getEntry(tx, actor, needId, entryId, { forUpdate: true });
    if (decided(entry.status)) throw new AppError("rule_broken", "The candidate has a decision; move them back to the shortlist to interview again.");
    const values = { startsAt, durationMinutes: input.durationMinutes, place: input.place, videoLink: input.videoLink, interviewerUserIds: panel, invitedAt: null, updatedAt: new Date() };
    await tx
      .insert(traineeInterviews)
      .values({ tenantId: actor.tenantId, entryId: entry.id, ...values, createdByUserId: actor.userId ?? null })
      .onConflictDoUpdate({ target: [traineeInterviews.tenantId, traineeInterviews.entryId], set: values });
    const [after] = await tx
      .update(traineeShortlistEntries)
      .set({ status: entry.status === "shortlisted" ? "interview_scheduled" : entry.status, updatedAt: new Date() })
      .where(eq(traineeShortlistEntries.id, entry.id))
      .returning();
    await recordChange(tx, actor, { action: "trainee_interview.schedule", entityType, entityId: entry.id, after: { startsAt: startsAt.toISOString(), interviewers: panel.length, notify: input.notify } });
    return { need, entry: after! };
  });
  if (input.notify) await inviteInterviewers(ctx, actor, need, entry, panel.map((id) => byId.get(id)!), { startsAt, place: input.place, videoLink: input.videoLink });
  // Read again: the invitation's time is on the interview now.
  return presentOne(ctx.db, actor, input.notify ? await getEntry(ctx.db, actor, needId, entryId) : entry);
}

async function inviteInterviewers(ctx: AppContext, actor: Actor, need: NeedRow, entry: EntryRow, panel: { email: string; name: string }[], at: { startsAt: Date; place: string; videoLink: string | null }) {
  const link = `${ctx.config.publicUrl.replace(/\/$/, "")}/trainee/needs/${need.id}`;
  for (const interviewer of panel) {
    await ctx.mailer.send(ctx.db, {
      tenantId: actor.tenantId,
      to: interviewer.email,
      subject: `Intervju, traineeprogram: ${need.title}`,
      text: [
        `Hei ${interviewer.name},`,
        "",
        `Du er satt opp som intervjuer for traineeprogrammet: ${need.title} (${need.unitName}).`,
        `Tid: ${dateTimeNb(at.startsAt)}`,
        ...(at.place ? [`Sted: ${at.place}`] : []),
        ...(at.videoLink ? [`Videolenke: ${at.videoLink}`] : []),
        "",
        `Kandidaten og skjemaet for poengsetting finner du her: ${link}`,
        "Du ser de andre intervjuernes poeng etter at du har levert dine egne.",
      ].join("\n"),
    });
  }
  await ctx.db.update(traineeInterviews).set({ invitedAt: new Date() }).where(and(eq(traineeInterviews.tenantId, actor.tenantId), eq(traineeInterviews.entryId, entry.id)));
}

// ---------------------------------------------------------------------------------------------------------
// Criteria and scores
// ---------------------------------------------------------------------------------------------------------

export type CriterionRow = typeof traineeInterviewCriteria.$inferSelect;

/** The network's criteria, in order; the programme's defaults the first time. */
export async function ensureCriteria(db: Db, tenantId: string): Promise<CriterionRow[]> {
  const read = () => db.select().from(traineeInterviewCriteria).where(eq(traineeInterviewCriteria.tenantId, tenantId)).orderBy(asc(traineeInterviewCriteria.position));
  const existing = await read();
  if (existing.length > 0) return existing;
  await db
    .insert(traineeInterviewCriteria)
    .values(defaultInterviewCriteria.map((c, position) => ({ tenantId, ...c, position })))
    .onConflictDoNothing();
  return read();
}

export const criterionLabel = (c: Pick<CriterionRow, "labelNb" | "labelEn">, lang: Lang) => (lang === "en" ? c.labelEn : c.labelNb);
export const presentCriteria = (rows: CriterionRow[], lang: Lang) => rows.map((c) => ({ key: c.key, labelNb: c.labelNb, labelEn: c.labelEn, label: criterionLabel(c, lang) }));

/** Replaces the list: renames, reorders, adds and removes. Sheets already handed in keep their scores by key. */
export async function replaceCriteria(db: Db, actor: Actor, input: z.infer<typeof criteriaInputSchema>): Promise<CriterionRow[]> {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.criteria.forEach((c, i) => {
    if (seen.has(c.key)) errors.push({ path: `body.criteria.${i}.key`, message: "is given twice" });
    seen.add(c.key);
  });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction(async (tx) => {
    const before = await ensureCriteria(tx, actor.tenantId);
    await tx.delete(traineeInterviewCriteria).where(eq(traineeInterviewCriteria.tenantId, actor.tenantId));
    await tx.insert(traineeInterviewCriteria).values(input.criteria.map((c, position) => ({ tenantId: actor.tenantId, ...c, position })));
    await recordChange(tx, actor, { action: "trainee_criteria.replace", entityType: "trainee_interview_criteria", before: { keys: before.map((c) => c.key) }, after: { keys: input.criteria.map((c) => c.key) } });
    return ensureCriteria(tx, actor.tenantId);
  });
}

type Sheet = typeof traineeScoreSheets.$inferSelect;

/**
 * The scores of an entry as the reader may see them: a panel member sees the others' sheets and the summary only
 * after handing in their own; admin and hr outside the panel see everything; an advisor outside it, only how many.
 */
export async function getScores(db: Db, actor: Actor, needId: string, entryId: string, lang: Lang): Promise<Scores> {
  return db.transaction(async (tx) => {
    const entry = await getEntry(tx, actor, needId, entryId);
    const criteria = await ensureCriteria(tx, actor.tenantId);
    const [interview] = await tx
      .select({ panel: traineeInterviews.interviewerUserIds })
      .from(traineeInterviews)
      .where(and(eq(traineeInterviews.tenantId, actor.tenantId), eq(traineeInterviews.entryId, entry.id)))
      .limit(1);
    const sheets: Sheet[] = await tx
      .select()
      .from(traineeScoreSheets)
      .where(and(eq(traineeScoreSheets.tenantId, actor.tenantId), eq(traineeScoreSheets.entryId, entry.id)))
      .orderBy(asc(traineeScoreSheets.submittedAt), asc(traineeScoreSheets.id));
    const onPanel = actor.userId !== undefined && (interview?.panel.includes(actor.userId) ?? false);
    const mine = sheets.find((s) => actor.userId !== undefined && s.interviewerUserId === actor.userId) ?? null;
    const visible = onPanel ? mine !== null : policy.seesAllScores.includes(actor.role);
    await recordAccess(tx, actor, { personType: "candidate", personId: entry.candidateId, purpose });
    const names = await userNames(tx, sheets.map((s) => s.interviewerUserId));
    const present = (s: Sheet) => ({ interviewer: { userId: s.interviewerUserId, name: names.get(s.interviewerUserId) ?? "" }, submittedAt: s.submittedAt.toISOString(), scores: s.scores, comment: s.comment });
    const shown = visible ? sheets : [];
    return {
      criteria: presentCriteria(criteria, lang),
      onPanel,
      mineSubmitted: mine !== null,
      visible,
      submissions: sheets.length,
      mine: mine ? present(mine) : null,
      sheets: shown.map(present),
      summary: visible
        ? criteria.map((c) => {
            const values = shown.flatMap((s) => s.scores.filter((line) => line.criterion === c.key).map((line) => line.score));
            return { criterion: c.key, label: criterionLabel(c, lang), average: values.length > 0 ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null, count: values.length };
          })
        : [],
    };
  });
}

/** Hands in the reader's scores (once): every criterion of the network's list, 1–5, with comments. Only a panel member scores. */
export async function submitScores(db: Db, actor: Actor, needId: string, entryId: string, input: ScoreSheetInput, lang: Lang): Promise<Scores> {
  if (actor.userId === undefined) throw forbidden("Scores are handed in by a signed-in interviewer, not by an API token.");
  const userId = actor.userId;
  await db.transaction(async (tx) => {
    const entry = await getEntry(tx, actor, needId, entryId, { forUpdate: true });
    const [interview] = await tx
      .select({ panel: traineeInterviews.interviewerUserIds })
      .from(traineeInterviews)
      .where(and(eq(traineeInterviews.tenantId, actor.tenantId), eq(traineeInterviews.entryId, entry.id)))
      .limit(1);
    if (!interview?.panel.includes(userId)) throw forbidden("Only the interviewers on the candidate's panel score the interview.");
    if (decided(entry.status)) throw new AppError("rule_broken", "The candidate has a decision; the scoring is closed.");
    const criteria = await ensureCriteria(tx, actor.tenantId);
    const keys = new Set(criteria.map((c) => c.key));
    const errors: FieldError[] = [];
    const given = new Set<string>();
    input.scores.forEach((line, i) => {
      if (!keys.has(line.criterion)) errors.push({ path: `body.scores.${i}.criterion`, message: "is not one of the network's interview criteria" });
      else if (given.has(line.criterion)) errors.push({ path: `body.scores.${i}.criterion`, message: "is scored twice" });
      given.add(line.criterion);
    });
    criteria.forEach((c) => {
      if (!given.has(c.key)) errors.push({ path: "body.scores", message: `score every criterion: ${c.key} is missing` });
    });
    if (errors.length > 0) throw invalid(errors);
    const [sheet] = await tx
      .insert(traineeScoreSheets)
      .values({ tenantId: actor.tenantId, entryId: entry.id, interviewerUserId: userId, scores: input.scores, comment: input.comment })
      .onConflictDoNothing()
      .returning({ id: traineeScoreSheets.id });
    if (!sheet) throw new AppError("conflict", "You have already handed in your scores for this candidate.");
    if (entry.status === "interview_scheduled" || entry.status === "shortlisted") {
      await tx.update(traineeShortlistEntries).set({ status: "interviewed", updatedAt: new Date() }).where(eq(traineeShortlistEntries.id, entry.id));
    }
    // The scores themselves stay in their sheet; the trail says who handed one in, when.
    await recordChange(tx, actor, { action: "trainee_score.submit", entityType, entityId: entry.id, after: { sheetId: sheet.id, criteria: input.scores.length } });
  });
  return getScores(db, actor, needId, entryId, lang);
}
