import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { users } from "../platform/tables.ts";
import { candidateNotes } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import { candidateConsents, jobs, pipelineEntries, pipelineStageChanges, pipelineStages } from "../jobs/tables.ts";
import { placements } from "../placements/tables.ts";
import { candidateServices, groupAttendance, groupParticipants, groupSessions, partners, serviceGroups, serviceTypes } from "./tables.ts";
import { eventTimelineSource } from "../events/timeline.ts";
import { mentoringTimelineSource } from "../mentoring/timeline.ts";
import { dateAt, say } from "./timeline.ts";
import type { TimelineQuery, TimelineSource } from "./timeline.ts";
import type { Role } from "../../shared/roles.ts";

/*
 * The timeline's sources (see timeline.ts). To add one (e.g. the mentoring feature's meetings), write a
 * TimelineSource beside your feature and add it to `timelineSources` at the end of this file.
 *
 * Who sees what: caseworkers (admin, advisor) see everything; HR, who recruits trainees from the candidates, sees
 * what the candidate did and where it led (services, groups, events, candidate lists, placements), not the case
 * file (notes, consents, what was shared with which employer).
 */

const caseworkers: readonly Role[] = ["admin", "advisor"];
const candidateReaders: readonly Role[] = ["admin", "advisor", "hr"];

const services: TimelineSource = {
  key: "service",
  roles: candidateReaders,
  async entries(db: Db, { tenantId, candidateId, lang }: TimelineQuery) {
    const rows = await db
      .select({ id: candidateServices.id, date: candidateServices.date, outcome: candidateServices.outcome, type: serviceTypes.name, partner: partners.name, by: users.name })
      .from(candidateServices)
      .innerJoin(serviceTypes, eq(serviceTypes.id, candidateServices.serviceTypeId))
      .leftJoin(partners, eq(partners.id, candidateServices.partnerId))
      .leftJoin(users, eq(users.id, candidateServices.deliveredByUserId))
      .where(and(eq(candidateServices.tenantId, tenantId), eq(candidateServices.candidateId, candidateId)));
    return rows.map((r) => ({
      id: `service:${r.id}`,
      at: dateAt(r.date),
      source: "service",
      title: r.type,
      detail: [[r.partner, r.by].filter(Boolean).join(", ") && `${say(lang, "Levert av", "Delivered by")} ${[r.partner, r.by].filter(Boolean).join(", ")}`, r.outcome].filter(Boolean).join(". "),
      link: null,
    }));
  },
};

const groups: TimelineSource = {
  key: "group",
  roles: candidateReaders,
  async entries(db, { tenantId, candidateId, lang }) {
    const attended = await db
      .select({ sessionId: groupSessions.id, startsAt: groupSessions.startsAt, present: groupAttendance.present, groupId: serviceGroups.id, group: serviceGroups.name, partner: partners.name })
      .from(groupAttendance)
      .innerJoin(groupSessions, eq(groupSessions.id, groupAttendance.sessionId))
      .innerJoin(serviceGroups, eq(serviceGroups.id, groupSessions.groupId))
      .leftJoin(partners, eq(partners.id, serviceGroups.partnerId))
      .where(and(eq(groupAttendance.tenantId, tenantId), eq(groupAttendance.candidateId, candidateId)));
    const joined = await db
      .select({ groupId: serviceGroups.id, group: serviceGroups.name, status: groupParticipants.status, joinedAt: groupParticipants.joinedAt })
      .from(groupParticipants)
      .innerJoin(serviceGroups, eq(serviceGroups.id, groupParticipants.groupId))
      .where(and(eq(groupParticipants.tenantId, tenantId), eq(groupParticipants.candidateId, candidateId)));
    return [
      ...attended.map((r) => ({
        id: `attendance:${r.sessionId}`,
        at: r.startsAt.toISOString(),
        source: "group",
        title: `${r.group}: ${r.present ? say(lang, "til stede", "present") : say(lang, "ikke til stede", "absent")}`,
        detail: r.partner ?? "",
        link: { kind: "group" as const, id: r.groupId },
      })),
      ...joined.map((r) => ({
        id: `group:${r.groupId}`,
        at: r.joinedAt.toISOString(),
        source: "group",
        title: r.status === "active" ? say(lang, `Med i gruppen ${r.group}`, `Joined the group ${r.group}`) : say(lang, `På venteliste til ${r.group}`, `On the waiting list for ${r.group}`),
        detail: "",
        link: { kind: "group" as const, id: r.groupId },
      })),
    ];
  },
};

const notes: TimelineSource = {
  key: "note",
  roles: caseworkers,
  async entries(db, { tenantId, candidateId, lang }) {
    const rows = await db
      .select({ id: candidateNotes.id, text: candidateNotes.text, createdAt: candidateNotes.createdAt, author: users.name })
      .from(candidateNotes)
      .leftJoin(users, eq(users.id, candidateNotes.authorUserId))
      .where(and(eq(candidateNotes.tenantId, tenantId), eq(candidateNotes.candidateId, candidateId)));
    return rows.map((r) => ({
      id: `note:${r.id}`,
      at: r.createdAt.toISOString(),
      source: "note",
      title: r.author ? say(lang, `Notat fra ${r.author}`, `Note by ${r.author}`) : say(lang, "Notat", "Note"),
      detail: r.text.length > 300 ? `${r.text.slice(0, 300)}…` : r.text,
      link: null,
    }));
  },
};

const stageChanges: TimelineSource = {
  key: "stage_change",
  roles: candidateReaders,
  async entries(db, { tenantId, candidateId, lang }) {
    const rows = await db
      .select({ id: pipelineStageChanges.id, at: pipelineStageChanges.changedAt, toStage: pipelineStageChanges.toStage, labelNb: pipelineStages.labelNb, labelEn: pipelineStages.labelEn, jobId: jobs.id, job: jobs.title })
      .from(pipelineStageChanges)
      .innerJoin(pipelineEntries, eq(pipelineEntries.id, pipelineStageChanges.entryId))
      .innerJoin(jobs, eq(jobs.id, pipelineEntries.jobId))
      .leftJoin(pipelineStages, and(eq(pipelineStages.tenantId, pipelineStageChanges.tenantId), eq(pipelineStages.key, pipelineStageChanges.toStage)))
      .where(and(eq(pipelineStageChanges.tenantId, tenantId), eq(pipelineEntries.candidateId, candidateId)));
    return rows.map((r) => ({
      id: `stage:${r.id}`,
      at: r.at.toISOString(),
      source: "stage_change",
      title: `${r.job}: ${(lang === "en" ? r.labelEn : r.labelNb) ?? r.toStage}`,
      detail: say(lang, "Kandidatliste", "Candidate list"),
      link: { kind: "job" as const, id: r.jobId },
    }));
  },
};

const shares: TimelineSource = {
  key: "share",
  roles: caseworkers,
  async entries(db, { tenantId, candidateId, lang }) {
    const rows = await db
      .select({ id: pipelineEntries.id, at: pipelineEntries.sharedAt, variant: pipelineEntries.sharedVariant, jobId: jobs.id, job: jobs.title, employer: employers.name })
      .from(pipelineEntries)
      .innerJoin(jobs, eq(jobs.id, pipelineEntries.jobId))
      .leftJoin(employers, eq(employers.id, jobs.employerId))
      .where(and(eq(pipelineEntries.tenantId, tenantId), eq(pipelineEntries.candidateId, candidateId), isNotNull(pipelineEntries.sharedAt)));
    return rows.map((r) => ({
      id: `share:${r.id}`,
      at: r.at!.toISOString(),
      source: "share",
      title: say(lang, `Delt med ${r.employer ?? r.job}`, `Shared with ${r.employer ?? r.job}`),
      detail: `${r.job}${r.variant === "anonymous" ? say(lang, " (anonym CV)", " (anonymous CV)") : ""}`,
      link: { kind: "job" as const, id: r.jobId },
    }));
  },
};

const placementEntries: TimelineSource = {
  key: "placement",
  roles: candidateReaders,
  async entries(db, { tenantId, candidateId, lang }) {
    const rows = await db
      .select({ id: placements.id, startDate: placements.startDate, employerName: placements.employerName, type: placements.type })
      .from(placements)
      .where(and(eq(placements.tenantId, tenantId), eq(placements.candidateId, candidateId)));
    return rows.map((r) => ({
      id: `placement:${r.id}`,
      at: dateAt(r.startDate),
      source: "placement",
      title: say(lang, `Begynte hos ${r.employerName}`, `Started at ${r.employerName}`),
      detail: r.type,
      link: { kind: "placement" as const, id: r.id },
    }));
  },
};

const consents: TimelineSource = {
  key: "consent",
  roles: caseworkers,
  async entries(db, { tenantId, candidateId, lang }) {
    const rows = await db
      .select({ id: candidateConsents.id, purpose: candidateConsents.purpose, givenAt: candidateConsents.givenAt, withdrawnAt: candidateConsents.withdrawnAt, employer: employers.name })
      .from(candidateConsents)
      .leftJoin(employers, eq(employers.id, candidateConsents.employerId))
      .where(and(eq(candidateConsents.tenantId, tenantId), eq(candidateConsents.candidateId, candidateId)));
    return rows.flatMap((r) => {
      const what = `${r.purpose}${r.employer ? ` (${r.employer})` : ""}`;
      const given = { id: `consent:${r.id}`, at: r.givenAt.toISOString(), source: "consent", title: say(lang, "Samtykke gitt", "Consent given"), detail: what, link: null };
      return r.withdrawnAt ? [given, { ...given, id: `consent-withdrawn:${r.id}`, at: r.withdrawnAt.toISOString(), title: say(lang, "Samtykke trukket", "Consent withdrawn") }] : [given];
    });
  },
};

/**
 * Every source of the candidate timeline. The extension point: add a feature's source here.
 */
export const timelineSources: TimelineSource[] = [services, groups, eventTimelineSource, mentoringTimelineSource, notes, stageChanges, shares, placementEntries, consents];
