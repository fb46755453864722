import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { notFound } from "../platform/errors.ts";
import { recordAccess } from "../platform/audit.ts";
import { accessLog, apiTokens, users } from "../platform/tables.ts";
import { networks } from "../networks/tables.ts";
import { memberships } from "../users/tables.ts";
import { candidateBackgrounds, candidateDocuments, candidateNotes, candidates } from "../candidates/tables.ts";
import { employerContacts, employers } from "../employers/tables.ts";
import { candidateConsents, jobs, matchLogs, pipelineEntries, pipelineStageChanges } from "../jobs/tables.ts";
import { placementFollowUps, placements } from "../placements/tables.ts";
import { traineeNeeds, traineeShortlistEntries } from "../trainee-recruitment/tables.ts";
import { traineeCohorts, trainees } from "../trainee-programme/tables.ts";
import { consentText } from "../consents/texts.ts";
import { timelineSources } from "../services/timeline-sources.ts";
import type { TimelineEntry } from "../../shared/services.ts";

/*
 * The right of access (GDPR art. 15; issue 9): everything the network holds about one candidate, gathered in one
 * read-only transaction. Independent of any route: the caseworkers' routes (privacy/routes.ts) call it on the
 * candidate's behalf, and the candidate's own portal can call it with the candidate as actor.
 *
 * Staff appear by role and organisation only (the network, or the employer's company for an employer user),
 * never by name: the candidate is owed what was done with their data and by whom in that sense, not personal
 * details of the staff. The generation itself is logged in the access log with the purpose "access_request".
 */

const personType = "candidate";

/** The roles in bokmål, as the report names staff. */
export const roleNb: Record<string, string> = {
  admin: "koordinator",
  advisor: "veileder",
  hr: "HR",
  supervisor: "praksisveileder",
  mentor: "mentor",
  employer: "arbeidsgiver",
  candidate: "kandidaten selv",
  viewer: "leser",
};

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

export type AccessReport = Awaited<ReturnType<typeof buildAccessReport>>;

/** Who did something: the role, and the organisation named (never the person). */
type Who = { role: string | null; organisation: string };

export async function buildAccessReport(db: Db, actor: Actor, candidateId: string, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const tenantId = actor.tenantId;
    const [found] = await tx
      .select({ candidate: candidates, networkName: networks.name })
      .from(candidates)
      .innerJoin(networks, eq(networks.id, candidates.tenantId))
      .where(and(eq(candidates.tenantId, tenantId), eq(candidates.id, candidateId)))
      .limit(1);
    if (!found) throw notFound("The candidate");
    const c = found.candidate;
    const networkName = found.networkName;
    const personIds = [c.id, ...c.mergedIds];

    // Who is who: roles in this network, employer users' companies, API tokens' roles. Names of staff are not read.
    const roleRows = await tx
      .select({ userId: memberships.userId, role: memberships.role, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, tenantId));
    const roles = new Map(roleRows.map((r) => [r.userId, r.role]));
    const companyRows = await tx
      .select({ userId: employerContacts.userId, name: employers.name })
      .from(employerContacts)
      .innerJoin(employers, eq(employers.id, employerContacts.employerId))
      .where(and(eq(employerContacts.tenantId, tenantId), sql`${employerContacts.userId} is not null`))
      .orderBy(asc(employerContacts.createdAt));
    const companies = new Map<string, string>();
    for (const row of companyRows) if (row.userId && !companies.has(row.userId)) companies.set(row.userId, row.name);
    const who = (userId: string | null | undefined): Who | null => {
      if (!userId) return null;
      const role = roles.get(userId) ?? null;
      return { role, organisation: (role === "employer" && companies.get(userId)) || networkName };
    };

    const [background] = await tx.select().from(candidateBackgrounds).where(and(eq(candidateBackgrounds.tenantId, tenantId), eq(candidateBackgrounds.candidateId, c.id)));
    const documents = await tx
      .select({ id: candidateDocuments.id, name: candidateDocuments.name, contentType: candidateDocuments.contentType, size: candidateDocuments.size, uploadedByUserId: candidateDocuments.uploadedByUserId, createdAt: candidateDocuments.createdAt })
      .from(candidateDocuments)
      .where(and(eq(candidateDocuments.tenantId, tenantId), eq(candidateDocuments.candidateId, c.id)))
      .orderBy(asc(candidateDocuments.createdAt));
    const notes = await tx
      .select()
      .from(candidateNotes)
      .where(and(eq(candidateNotes.tenantId, tenantId), eq(candidateNotes.candidateId, c.id)))
      .orderBy(asc(candidateNotes.createdAt));

    // The timeline as caseworkers see it: every source (services, groups, events, lists, placements, mentoring…).
    const timeline: TimelineEntry[] = [];
    for (const source of timelineSources) timeline.push(...(await source.entries(tx, { tenantId, candidateId: c.id, lang: "nb" })));
    timeline.sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)));
    // The timeline's texts name staff ("Notat fra …", "Levert av …"): each staff member's name becomes their role.
    const staffNames = roleRows
      .filter((r) => r.name.trim().length >= 2 && r.role !== "candidate")
      .sort((a, b) => b.name.length - a.name.length)
      .map((r) => [new RegExp(`(?<![\\p{L}\\p{N}])${r.name.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "giu"), roleNb[r.role] ?? r.role] as const);
    const scrub = (text: string) => staffNames.reduce((out, [pattern, role]) => out.replace(pattern, role), text);

    const consentRows = await tx
      .select({ consent: candidateConsents, employerName: employers.name, jobTitle: jobs.title })
      .from(candidateConsents)
      .leftJoin(employers, eq(employers.id, candidateConsents.employerId))
      .leftJoin(jobs, eq(jobs.id, candidateConsents.jobId))
      .where(and(eq(candidateConsents.tenantId, tenantId), eq(candidateConsents.candidateId, c.id)))
      .orderBy(asc(candidateConsents.givenAt));

    // Rankings the candidate appeared in (or that were made for them), from the append-only match log.
    const matchRows = await tx
      .select({ id: matchLogs.id, direction: matchLogs.direction, subjectId: matchLogs.subjectId, results: matchLogs.results, engineVersion: matchLogs.engineVersion, actorUserId: matchLogs.actorUserId, createdAt: matchLogs.createdAt })
      .from(matchLogs)
      .where(
        and(
          eq(matchLogs.tenantId, tenantId),
          or(
            and(eq(matchLogs.direction, "jobs_for_candidate"), inArray(matchLogs.subjectId, personIds)),
            and(sql`${matchLogs.direction} <> 'jobs_for_candidate'`, sql`${matchLogs.results} @> ${JSON.stringify([{ id: c.id }])}::jsonb`),
          ),
        ),
      )
      .orderBy(asc(matchLogs.createdAt));
    const jobIds = [...new Set(matchRows.filter((m) => m.direction === "candidates_for_job").map((m) => m.subjectId))];
    const needIds = [...new Set(matchRows.filter((m) => m.direction === "candidates_for_trainee_need").map((m) => m.subjectId))];
    const jobNames = new Map(
      jobIds.length === 0
        ? []
        : (await tx.select({ id: jobs.id, title: jobs.title, employer: employers.name, unit: jobs.municipalUnit }).from(jobs).leftJoin(employers, eq(employers.id, jobs.employerId)).where(and(eq(jobs.tenantId, tenantId), inArray(jobs.id, jobIds)))).map(
            (j) => [j.id, { title: j.title, employer: j.employer ?? (j.unit || null) }],
          ),
    );
    const needNames = new Map(
      needIds.length === 0 ? [] : (await tx.select({ id: traineeNeeds.id, title: traineeNeeds.title, unit: traineeNeeds.unitName }).from(traineeNeeds).where(and(eq(traineeNeeds.tenantId, tenantId), inArray(traineeNeeds.id, needIds)))).map((n) => [n.id, { title: n.title, employer: n.unit }]),
    );
    const matches = matchRows.map((m) => {
      const forCandidate = m.direction === "jobs_for_candidate";
      const position = forCandidate ? null : m.results.findIndex((r) => r.id === c.id);
      const target = m.direction === "candidates_for_job" ? jobNames.get(m.subjectId) : m.direction === "candidates_for_trainee_need" ? needNames.get(m.subjectId) : undefined;
      return {
        at: iso(m.createdAt),
        direction: m.direction,
        job: target?.title ?? null,
        employer: target?.employer ?? null,
        rank: position === null || position < 0 ? null : position + 1,
        score: position === null || position < 0 ? null : (m.results[position]?.score ?? null),
        /** For "jobs for the candidate": how many jobs were suggested. */
        jobsShown: forCandidate ? m.results.length : null,
        engineVersion: m.engineVersion,
        by: who(m.actorUserId),
      };
    });

    // Candidate lists and what was shared with which employer.
    const entryRows = await tx
      .select({ entry: pipelineEntries, jobTitle: jobs.title, employerName: employers.name, unit: jobs.municipalUnit })
      .from(pipelineEntries)
      .innerJoin(jobs, eq(jobs.id, pipelineEntries.jobId))
      .leftJoin(employers, eq(employers.id, jobs.employerId))
      .where(and(eq(pipelineEntries.tenantId, tenantId), eq(pipelineEntries.candidateId, c.id)))
      .orderBy(asc(pipelineEntries.createdAt));
    const stageRows =
      entryRows.length === 0
        ? []
        : await tx
            .select()
            .from(pipelineStageChanges)
            .where(and(eq(pipelineStageChanges.tenantId, tenantId), inArray(pipelineStageChanges.entryId, entryRows.map((e) => e.entry.id))))
            .orderBy(asc(pipelineStageChanges.changedAt));

    const placementRows = await tx
      .select()
      .from(placements)
      .where(and(eq(placements.tenantId, tenantId), eq(placements.candidateId, c.id)))
      .orderBy(asc(placements.startDate));
    const followUps =
      placementRows.length === 0
        ? []
        : await tx
            .select()
            .from(placementFollowUps)
            .where(and(eq(placementFollowUps.tenantId, tenantId), inArray(placementFollowUps.placementId, placementRows.map((p) => p.id))))
            .orderBy(asc(placementFollowUps.months));

    const shortlist = await tx
      .select({ entry: traineeShortlistEntries, needTitle: traineeNeeds.title, unit: traineeNeeds.unitName })
      .from(traineeShortlistEntries)
      .innerJoin(traineeNeeds, eq(traineeNeeds.id, traineeShortlistEntries.needId))
      .where(and(eq(traineeShortlistEntries.tenantId, tenantId), eq(traineeShortlistEntries.candidateId, c.id)))
      .orderBy(asc(traineeShortlistEntries.createdAt));
    const traineeRows = await tx
      .select({ trainee: trainees, cohort: traineeCohorts.name })
      .from(trainees)
      .innerJoin(traineeCohorts, eq(traineeCohorts.id, trainees.cohortId))
      .where(and(eq(trainees.tenantId, tenantId), eq(trainees.candidateId, c.id)))
      .orderBy(asc(trainees.startDate));

    const accessRows = await tx
      .select({ at: accessLog.at, purpose: accessLog.purpose, userId: accessLog.actorUserId, tokenId: accessLog.actorTokenId, tokenRole: apiTokens.role })
      .from(accessLog)
      .leftJoin(apiTokens, eq(apiTokens.id, accessLog.actorTokenId))
      .where(and(eq(accessLog.tenantId, tenantId), eq(accessLog.personType, personType), inArray(accessLog.personId, personIds)))
      .orderBy(asc(accessLog.id));

    const now = options.now ?? new Date();
    const report = {
      generatedAt: now.toISOString(),
      network: networkName,
      candidateId: c.id,
      profile: {
        firstName: c.firstName,
        lastName: c.lastName,
        email: c.email,
        phone: c.phone,
        municipality: c.municipality,
        summary: c.summary,
        status: c.status,
        partnerOrganisation: c.partnerOrganisation,
        hasAdvisor: c.advisorUserId !== null,
        availableFrom: c.availableFrom,
        languages: c.languages,
        education: c.education,
        experience: c.experience,
        certificates: c.certificates,
        jobWishes: c.jobWishes,
        skillUris: c.skillUris,
        drivingLicences: c.drivingLicences,
        registeredAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
        processingRestrictedAt: iso(c.processingRestrictedAt),
        erasureRequestedAt: iso(c.erasureRequestedAt),
        anonymisedAt: iso(c.anonymisedAt),
      },
      background: background ? { countryOfBirth: background.countryOfBirth, arrivalYear: background.arrivalYear, gender: background.gender, birthYear: background.birthYear } : null,
      documents: documents.map((d) => ({ id: d.id, name: d.name, contentType: d.contentType, size: d.size, uploadedAt: iso(d.createdAt), uploadedBy: who(d.uploadedByUserId) })),
      notes: notes.map((n) => ({ text: n.text, writtenAt: iso(n.createdAt), by: who(n.authorUserId) })),
      timeline: timeline.map((e) => ({ at: e.at, source: e.source, title: scrub(e.title), detail: scrub(e.detail) })),
      consents: consentRows.map(({ consent, employerName, jobTitle }) => ({
        purpose: consent.purpose,
        textVersion: consent.textVersion,
        text: consentText(consent.textVersion, { employer: employerName, job: jobTitle }).nb,
        method: consent.method,
        employer: employerName,
        job: jobTitle,
        givenAt: iso(consent.givenAt),
        withdrawnAt: iso(consent.withdrawnAt),
      })),
      matches,
      candidateLists: entryRows.map(({ entry, jobTitle, employerName, unit }) => ({
        job: jobTitle,
        employer: employerName ?? (unit || null),
        stage: entry.stage,
        addedAt: iso(entry.createdAt),
        sharedVariant: entry.sharedVariant,
        sharedAt: iso(entry.sharedAt),
        employerResponse: entry.employerResponse,
        employerRespondedAt: iso(entry.employerRespondedAt),
        stages: stageRows.filter((s) => s.entryId === entry.id).map((s) => ({ from: s.fromStage, to: s.toStage, note: s.note, at: iso(s.changedAt), by: who(s.changedByUserId) })),
      })),
      placements: placementRows.map((p) => ({
        employer: p.employerName,
        type: p.type,
        occupationUri: p.occupationUri,
        hoursPerWeek: p.hoursPerWeek,
        wageSubsidyPercent: p.wageSubsidyPercent,
        startDate: p.startDate,
        endDate: p.endDate,
        followUps: followUps.filter((f) => f.placementId === p.id).map((f) => ({ months: f.months, dueOn: f.dueOn, stillEmployed: f.stillEmployed, note: f.note, answeredAt: iso(f.answeredAt) })),
      })),
      traineeRecruitment: shortlist.map(({ entry, needTitle, unit }) => ({ need: needTitle, unit, status: entry.status, decisionReason: entry.decisionReason, decidedAt: iso(entry.decidedAt), addedAt: iso(entry.createdAt) })),
      traineeProgramme: traineeRows.map(({ trainee: t, cohort }) => ({ cohort, unit: t.unit, area: t.area, startDate: t.startDate, endDate: t.endDate, status: t.status, outcome: t.outcome, outcomePosition: t.outcomePosition })),
      accessLog: accessRows.map((a) => ({
        at: iso(a.at),
        purpose: a.purpose,
        ...(a.tokenId ? { role: a.tokenRole, organisation: `${networkName} (API)` } : (who(a.userId) ?? { role: null, organisation: networkName })),
      })),
    };
    await recordAccess(tx, actor, { personType, personId: c.id, purpose: "access_request" });
    return report;
  });
}
