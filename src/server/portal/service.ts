import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordAccess, recordChange } from "../platform/audit.ts";
import { candidates } from "../candidates/tables.ts";
import type { CandidateRow } from "../candidates/service.ts";
import { listAccessLog, requestErasure, updateCandidate } from "../candidates/service.ts";
import { employerContacts, employers } from "../employers/tables.ts";
import { candidateConsents, jobs } from "../jobs/tables.ts";
import { giveConsent, withdrawConsent } from "../consents/service.ts";
import { consentText } from "../consents/texts.ts";
import { networks } from "../networks/tables.ts";
import { invitations } from "../users/tables.ts";
import { createInvitation, sendInvitationMail } from "../users/service.ts";
import type { CreatedInvitation } from "../users/service.ts";
import { labelsFor } from "../taxonomy/lookup.ts";
import { userNames } from "../candidates/service.ts";
import { matchesForCandidate } from "../matching/service.ts";
import { portalConsentRequests, portalSettings } from "./tables.ts";
import { editableFieldsOf, editableGroups } from "../../shared/portal.ts";
import type { ConsentRequest, EditableGroup, MyProfile, MyProfilePatch, PortalLocale } from "../../shared/portal.ts";

/*
 * The candidate portal (issue 10, ADR 030). Every function for the candidate resolves the candidate from the
 * signed-in user (candidates.user_id in the actor's network), never from an id the caller sends: a candidate
 * reaches their own record and nothing else. Changes go through the candidates' and consents' own services, so
 * the audit trail names the candidate as the actor and the advisor sees the same record.
 */

const personType = "candidate";

/** The signed-in candidate's own record. Not linked (or an API token): not found. */
export async function myCandidate(db: Db, actor: Actor, options: { forUpdate?: boolean } = {}): Promise<CandidateRow> {
  if (actor.kind !== "user") throw new AppError("forbidden", "The candidate portal is for a signed-in candidate.");
  const query = db
    .select()
    .from(candidates)
    .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.userId, actor.userId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found", "Your account is not linked to a candidate record in this network. Ask your advisor.");
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Settings: what candidates may edit
// ---------------------------------------------------------------------------------------------------------

export async function editableOf(db: Db, tenantId: string): Promise<EditableGroup[]> {
  const [row] = await db.select({ editable: portalSettings.editable }).from(portalSettings).where(eq(portalSettings.tenantId, tenantId)).limit(1);
  if (!row) return [...editableGroups];
  return editableGroups.filter((g) => row.editable.includes(g));
}

export async function updatePortalSettings(db: Db, actor: Actor, editable: EditableGroup[]) {
  const wanted = editableGroups.filter((g) => editable.includes(g));
  await db.transaction(async (tx) => {
    const before = await editableOf(tx, actor.tenantId);
    await tx
      .insert(portalSettings)
      .values({ tenantId: actor.tenantId, editable: wanted })
      .onConflictDoUpdate({ target: portalSettings.tenantId, set: { editable: wanted, updatedAt: new Date() } });
    await recordChange(tx, actor, { action: "portal.settings_update", entityType: "network", entityId: actor.tenantId, before: { editable: before }, after: { editable: wanted } });
  });
  return wanted;
}

// ---------------------------------------------------------------------------------------------------------
// Profile
// ---------------------------------------------------------------------------------------------------------

async function presentMyProfile(db: Db, row: CandidateRow, lang: PortalLocale, editable: EditableGroup[]): Promise<MyProfile> {
  const labels = await labelsFor(db, [...row.experience.map((e) => e.occupationUri), ...row.jobWishes.occupationUris, ...row.skillUris], lang);
  const label = (uri: string) => ({ uri, label: labels.get(uri) ?? uri });
  const names = await userNames(db, [row.advisorUserId]);
  const [network] = await db.select({ name: networks.name }).from(networks).where(eq(networks.id, row.tenantId)).limit(1);
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    municipality: row.municipality,
    summary: row.summary,
    languages: row.languages,
    skills: row.skillUris.map(label),
    experience: row.experience.map((e) => ({ title: e.title, employer: e.employer, years: e.years, occupation: label(e.occupationUri) })),
    education: row.education.map((e) => ({ level: e.level, field: e.field, institution: e.institution, yearCompleted: e.yearCompleted })),
    jobWishes: { occupations: row.jobWishes.occupationUris.map(label), municipalities: row.jobWishes.municipalities, extent: row.jobWishes.extent },
    availableFrom: row.availableFrom,
    advisor: row.advisorUserId ? { name: names.get(row.advisorUserId) ?? "" } : null,
    networkName: network?.name ?? "",
    editable,
    erasureRequestedAt: row.erasureRequestedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The candidate's own profile, ESCO labels in their language (bokmål where ESCO has none). The read is logged. */
export async function getMyProfile(db: Db, actor: Actor, lang: PortalLocale): Promise<MyProfile> {
  const row = await db.transaction(async (tx) => {
    const found = await myCandidate(tx, actor);
    await recordAccess(tx, actor, { personType, personId: found.id, purpose: "candidate_request" });
    return found;
  });
  return presentMyProfile(db, row, lang, await editableOf(db, actor.tenantId));
}

/**
 * Changes what the network lets candidates change. A field of a group the network has turned off is refused
 * (403), before anything is written. The change is the candidates' own update, recorded with the candidate as actor.
 */
export async function updateMyProfile(db: Db, actor: Actor, patch: MyProfilePatch, lang: PortalLocale): Promise<MyProfile> {
  const editable = await editableOf(db, actor.tenantId);
  const allowed = new Set(editable.flatMap((g) => editableFieldsOf[g]));
  const refused = Object.keys(patch).filter((field) => patch[field as keyof MyProfilePatch] !== undefined && !allowed.has(field));
  if (refused.length > 0) {
    throw new AppError("forbidden", `Your network does not let you change ${refused.join(", ")} yourself. Ask your advisor.`, {
      errors: refused.map((field) => ({ path: `body.${field}`, message: "is not editable in the portal" })),
    });
  }
  const candidate = await myCandidate(db, actor);
  if (candidate.erasureRequestedAt) throw new AppError("rule_broken", "You have asked to be erased; the profile can no longer be changed.");
  const { row } = await updateCandidate(db, actor, candidate.id, patch);
  return presentMyProfile(db, row, lang, editable);
}

/** The candidate asks to be erased: the existing erasure request; open consent requests end with it. */
export async function requestMyErasure(db: Db, actor: Actor) {
  const candidate = await myCandidate(db, actor);
  await requestErasure(db, actor, candidate.id);
  await db
    .update(portalConsentRequests)
    .set({ status: "cancelled", answeredAt: new Date() })
    .where(and(eq(portalConsentRequests.tenantId, actor.tenantId), eq(portalConsentRequests.candidateId, candidate.id), eq(portalConsentRequests.status, "pending")));
}

// ---------------------------------------------------------------------------------------------------------
// Consent requests
// ---------------------------------------------------------------------------------------------------------

type RequestRow = typeof portalConsentRequests.$inferSelect;

/** A caseworker asks the candidate in the portal for consent to share with the job's employer for this job. */
export async function createConsentRequest(db: Db, actor: Actor, candidateId: string, jobId: string): Promise<RequestRow> {
  return db.transaction(async (tx) => {
    const [candidate] = await tx
      .select({ id: candidates.id, userId: candidates.userId, processingRestrictedAt: candidates.processingRestrictedAt, erasureRequestedAt: candidates.erasureRequestedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, candidateId)))
      .for("update")
      .limit(1);
    if (!candidate) throw notFound("The candidate");
    if (candidate.processingRestrictedAt || candidate.erasureRequestedAt) throw new AppError("rule_broken", "The candidate's processing is restricted (consent withdrawn or erasure requested).");
    if (!candidate.userId) throw new AppError("rule_broken", "The candidate is not in the candidate portal yet: invite them first, or record the consent in person.");
    const [job] = await tx.select({ id: jobs.id, employerId: jobs.employerId }).from(jobs).where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId))).limit(1);
    if (!job) throw new AppError("validation_failed", "body.jobId: is not a job of this network", { errors: [{ path: "body.jobId", message: "is not a job of this network" }] });
    if (!job.employerId) throw new AppError("rule_broken", "The job has no employer in the network to share with.", { errors: [{ path: "body.jobId", message: "has no employer" }] });
    const [open] = await tx
      .select({ id: portalConsentRequests.id })
      .from(portalConsentRequests)
      .where(and(eq(portalConsentRequests.tenantId, actor.tenantId), eq(portalConsentRequests.candidateId, candidateId), eq(portalConsentRequests.jobId, jobId), eq(portalConsentRequests.status, "pending")))
      .limit(1);
    if (open) throw new AppError("conflict", "The candidate already has an open request for this job.");
    const [row] = await tx
      .insert(portalConsentRequests)
      .values({ tenantId: actor.tenantId, candidateId, employerId: job.employerId, jobId, requestedByUserId: actor.userId ?? null })
      .returning();
    await recordChange(tx, actor, { action: "consent.request", entityType: personType, entityId: candidateId, after: { requestId: row!.id, employerId: job.employerId, jobId } });
    return row!;
  });
}

export async function listConsentRequestsOf(db: Db, actor: Actor, candidateId: string) {
  const [candidate] = await db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, candidateId))).limit(1);
  if (!candidate) throw notFound("The candidate");
  return db
    .select()
    .from(portalConsentRequests)
    .where(and(eq(portalConsentRequests.tenantId, actor.tenantId), eq(portalConsentRequests.candidateId, candidateId)))
    .orderBy(desc(portalConsentRequests.requestedAt))
    .limit(200);
}

async function presentRequests(db: Db, rows: RequestRow[]): Promise<ConsentRequest[]> {
  if (rows.length === 0) return [];
  const jobRows = await db
    .select({ id: jobs.id, title: jobs.title, municipality: jobs.municipality, employer: employers.name })
    .from(jobs)
    .leftJoin(employers, eq(employers.id, jobs.employerId))
    .where(inArray(jobs.id, [...new Set(rows.map((r) => r.jobId))]));
  const jobOf = new Map(jobRows.map((j) => [j.id, j]));
  return rows.map((r) => {
    const job = jobOf.get(r.jobId);
    const names = { employer: job?.employer ?? "", job: job?.title ?? "" };
    return {
      id: r.id,
      status: r.status as ConsentRequest["status"],
      employer: { name: names.employer },
      job: { title: names.job, municipality: job?.municipality ?? "" },
      text: consentText("share-v1", names),
      shares: ["cv_anonymous", "cv_full_when_both_agree"],
      requestedAt: r.requestedAt.toISOString(),
      answeredAt: r.answeredAt?.toISOString() ?? null,
      consentId: r.consentId,
    };
  });
}

/** The candidate's consent requests, open ones first, then the answered, newest first. */
export async function myConsentRequests(db: Db, actor: Actor): Promise<ConsentRequest[]> {
  const candidate = await myCandidate(db, actor);
  const rows = await db
    .select()
    .from(portalConsentRequests)
    .where(and(eq(portalConsentRequests.tenantId, actor.tenantId), eq(portalConsentRequests.candidateId, candidate.id)))
    .orderBy(desc(portalConsentRequests.requestedAt), desc(portalConsentRequests.id))
    .limit(200);
  const presented = await presentRequests(db, rows);
  return [...presented.filter((r) => r.status === "pending"), ...presented.filter((r) => r.status !== "pending")];
}

/**
 * The candidate answers. Yes gives the share_with_employer consent for that employer and job (method "portal"),
 * in the same transaction as the answer; no records the refusal. Answered once: a second answer is a conflict.
 */
export async function answerConsentRequest(db: Db, actor: Actor, requestId: string, answer: "yes" | "no"): Promise<ConsentRequest> {
  const candidate = await myCandidate(db, actor);
  const row = await db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(portalConsentRequests)
      .where(and(eq(portalConsentRequests.tenantId, actor.tenantId), eq(portalConsentRequests.candidateId, candidate.id), eq(portalConsentRequests.id, requestId)))
      .for("update")
      .limit(1);
    if (!request) throw notFound("The request");
    if (request.status !== "pending") throw new AppError("conflict", "This request is already answered.");
    const now = new Date();
    if (answer === "yes") {
      const consent = await giveConsent(tx, actor, candidate.id, { purpose: "share_with_employer", employerId: request.employerId, jobId: request.jobId, method: "portal" });
      const [updated] = await tx
        .update(portalConsentRequests)
        .set({ status: "accepted", answeredAt: now, consentId: consent.consent.id })
        .where(eq(portalConsentRequests.id, request.id))
        .returning();
      await recordChange(tx, actor, { action: "consent.request_accept", entityType: personType, entityId: candidate.id, after: { requestId: request.id, consentId: consent.consent.id } });
      return updated!;
    }
    const [updated] = await tx.update(portalConsentRequests).set({ status: "declined", answeredAt: now }).where(eq(portalConsentRequests.id, request.id)).returning();
    await recordChange(tx, actor, { action: "consent.request_decline", entityType: personType, entityId: candidate.id, after: { requestId: request.id, employerId: request.employerId, jobId: request.jobId } });
    return updated!;
  });
  return (await presentRequests(db, [row]))[0]!;
}

// ---------------------------------------------------------------------------------------------------------
// Consents, access log
// ---------------------------------------------------------------------------------------------------------

export async function myConsents(db: Db, actor: Actor) {
  const candidate = await myCandidate(db, actor);
  const rows = await db.transaction(async (tx) => {
    const found = await tx
      .select({ consent: candidateConsents, employerName: employers.name, jobTitle: jobs.title })
      .from(candidateConsents)
      .leftJoin(employers, eq(employers.id, candidateConsents.employerId))
      .leftJoin(jobs, eq(jobs.id, candidateConsents.jobId))
      .where(and(eq(candidateConsents.tenantId, actor.tenantId), eq(candidateConsents.candidateId, candidate.id)))
      .orderBy(desc(candidateConsents.givenAt), desc(candidateConsents.id))
      .limit(200);
    await recordAccess(tx, actor, { personType, personId: candidate.id, purpose: "candidate_request" });
    return found;
  });
  return rows.map(({ consent, employerName, jobTitle }) => ({
    id: consent.id,
    purpose: consent.purpose as "registration" | "share_with_employer" | "mentoring" | "public_page",
    employer: consent.employerId ? { name: employerName ?? "" } : null,
    job: consent.jobId ? { title: jobTitle ?? "" } : null,
    text: consentText(consent.textVersion, { employer: employerName, job: jobTitle }),
    givenAt: consent.givenAt.toISOString(),
    withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    valid: consent.withdrawnAt === null,
  }));
}

/** Withdraws one of the candidate's own consents, with immediate effect (the consents' own withdrawal). */
export async function withdrawMyConsent(db: Db, actor: Actor, consentId: string) {
  const candidate = await myCandidate(db, actor);
  await withdrawConsent(db, actor, candidate.id, consentId);
}

/**
 * Who read the candidate's record, without staff names: the role, and the organisation (the employer's name
 * for an employer user, the network otherwise). The candidate's own reads show as "self".
 */
export async function myAccessLog(db: Db, actor: Actor, page: { limit: number; cursor?: { createdAt: Date; id: string } | undefined }) {
  const candidate = await myCandidate(db, actor);
  const rows = await listAccessLog(db, actor, candidate.id, page);
  const [network] = await db.select({ name: networks.name }).from(networks).where(eq(networks.id, actor.tenantId)).limit(1);
  const employerUserIds = [...new Set(rows.filter((r) => r.role === "employer" && r.userId).map((r) => r.userId!))];
  const companies =
    employerUserIds.length === 0
      ? []
      : await db
          .select({ userId: employerContacts.userId, name: employers.name })
          .from(employerContacts)
          .innerJoin(employers, eq(employers.id, employerContacts.employerId))
          .where(and(eq(employerContacts.tenantId, actor.tenantId), inArray(employerContacts.userId, employerUserIds)));
  const companyOf = new Map(companies.map((c) => [c.userId, c.name]));
  const items = rows.slice(0, page.limit).map((r) => ({
    at: r.at.toISOString(),
    purpose: r.purpose,
    role: r.userId && r.userId === actor.userId ? "self" : r.tokenId ? "integration" : (r.role ?? "system"),
    organisation: (r.role === "employer" && r.userId ? companyOf.get(r.userId) : undefined) ?? network?.name ?? "",
    createdAt: r.createdAt,
    id: r.id,
  }));
  return { items, more: rows.length > page.limit };
}

// ---------------------------------------------------------------------------------------------------------
// Suggested jobs
// ---------------------------------------------------------------------------------------------------------

/** Open jobs of the candidate's network that suit them, with reasons and what is missing; nothing about others. */
export async function myMatches(ctx: AppContext, actor: Actor, limit: number, lang: PortalLocale) {
  const candidate = await myCandidate(ctx.db, actor);
  if (candidate.processingRestrictedAt || candidate.erasureRequestedAt) return [];
  const result = await matchesForCandidate(ctx, actor, candidate.id, { limit, lang: lang === "nb" ? "nb" : "en", includeIneligible: false });
  return result.items.map((item) => ({
    score: item.score,
    eligible: item.eligible,
    reasons: item.reasons,
    missing: item.missing,
    job: { id: item.job.id, title: item.job.title, employer: item.job.employer?.name ?? (item.job.municipalUnit || null), municipality: item.job.municipality, deadline: item.job.deadline },
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Linking: a caseworker invites the candidate to the portal
// ---------------------------------------------------------------------------------------------------------

/** Invites the candidate (role candidate) to the portal; accepting links the record to the new user. */
export async function inviteToPortal(ctx: AppContext, actor: Actor, candidateId: string, email: string | undefined) {
  const invitation: CreatedInvitation = await ctx.db.transaction(async (tx) => {
    const [candidate] = await tx
      .select({ id: candidates.id, email: candidates.email, userId: candidates.userId, erasureRequestedAt: candidates.erasureRequestedAt })
      .from(candidates)
      .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, candidateId)))
      .for("update")
      .limit(1);
    if (!candidate) throw notFound("The candidate");
    if (candidate.userId) throw new AppError("conflict", "The candidate is already in the candidate portal.");
    if (candidate.erasureRequestedAt) throw new AppError("rule_broken", "The candidate has asked to be erased.");
    const to = email ?? candidate.email;
    if (!to) throw new AppError("validation_failed", "body.email: is required when the candidate has no e-mail address", { errors: [{ path: "body.email", message: "is required when the candidate has no e-mail address" }] });
    // An earlier open portal invitation for this candidate is replaced.
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.tenantId, actor.tenantId), eq(invitations.candidateId, candidateId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    const created = await createInvitation(tx, actor, { email: to, role: "candidate" });
    await tx.update(invitations).set({ candidateId }).where(eq(invitations.id, created.id));
    await recordChange(tx, actor, { action: "portal.invite", entityType: personType, entityId: candidateId, after: { invitationId: created.id } });
    return created;
  });
  await sendInvitationMail(ctx, invitation);
  return invitation;
}

/** Is the candidate in the portal, or invited? For the candidate's profile on the staff side. */
export async function portalStatus(db: Db, actor: Actor, candidateId: string) {
  const [candidate] = await db.select({ userId: candidates.userId }).from(candidates).where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, candidateId))).limit(1);
  if (!candidate) throw notFound("The candidate");
  const [open] = await db
    .select({ email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.tenantId, actor.tenantId), eq(invitations.candidateId, candidateId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt))
    .limit(1);
  return {
    linked: candidate.userId !== null,
    invitation: open && open.expiresAt.getTime() > Date.now() ? { email: open.email, expiresAt: open.expiresAt.toISOString() } : null,
  };
}
