import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "./testing/test-app.ts";
import type { Client, TestApp } from "./testing/test-app.ts";
import { roles } from "../shared/roles.ts";
import type { Role } from "../shared/roles.ts";
import { createApiToken } from "./platform/tokens.ts";
import { createInvitation } from "./users/service.ts";
import { insertCandidate } from "./candidates/service.ts";
import { candidateDocuments, candidates } from "./candidates/tables.ts";
import { candidateInputSchema } from "../shared/candidates.ts";
import { insertTestActivity, insertTestContact, insertTestEmployer, testOrgNumber } from "./employers/test-fixtures.ts";
import { employerContacts, savedFilters } from "./employers/tables.ts";
import { insertEmployer, insertHire } from "./certificates/test-fixtures.ts";
import { employerCertificates } from "./employers/tables.ts";
import { generateCode } from "./certificates/codes.ts";
import { and, asc, desc, eq } from "drizzle-orm";
import { memberships } from "./users/tables.ts";
import { portalConsentRequests } from "./portal/tables.ts";
import { candidateConsents, jobs, pipelineEntries } from "./jobs/tables.ts";
import { defaultPipelineStageLabels, defaultPipelineStages } from "../shared/jobs.ts";
import { placementFollowUps, placements } from "./placements/tables.ts";
import { followUpsFor } from "./placements/service.ts";
import { goals } from "./goals/tables.ts";
import { networks } from "./networks/tables.ts";
import { traineeCohorts, traineeEvaluations, traineeGoals, traineePlanItems, trainees } from "./trainee-programme/tables.ts";
import { defaultTemplate } from "../shared/trainee-programme.ts";
import { traineeInterviews, traineeNeeds, traineeShortlistEntries } from "./trainee-recruitment/tables.ts";
import { defaultInterviewCriteria } from "../shared/trainee-recruitment.ts";
import { candidateServices, groupParticipants, groupSessions, partners, serviceGroups, serviceTypes } from "./services/tables.ts";
import { eventInvitees, events } from "./events/tables.ts";
import { insertMentor, insertMentorship, mentorOfNewestMentorUser } from "./mentoring/test-fixtures.ts";
import { currentDeclarationVersion } from "./mentoring/texts.ts";
import { osloDate } from "./platform/dates.ts";
import { oidcProviders } from "./oidc/tables.ts";

/*
 * The authorisation table: every API route, and the status each caller gets. The test walks the whole table,
 * and fails when the app serves an /api route that is missing here. Rows build what they need (fresh targets)
 * so that allowed callers get their success status and every other caller is refused before anything happens.
 */

type Who = Role | "anonymous" | "token" | "instanceAdmin";
const everyone: Who[] = [...roles, "anonymous", "token", "instanceAdmin"];

type Fixtures = { t: TestApp; tenantId: string };
type Row = {
  method: string;
  route: string;
  path?: (f: Fixtures) => Promise<string> | string;
  body?: (f: Fixtures) => Promise<unknown> | unknown;
  headers?: Record<string, string>;
  expect: Partial<Record<Who, number>> & { default: number };
};

/** Roles allowed → status; everyone else signed in → 403; anonymous → 401. The token has role admin. */
const only = (allowed: Who[], ok: number): Row["expect"] => ({
  default: 403,
  anonymous: 401,
  ...Object.fromEntries(allowed.map((who) => [who, ok])),
});
const staffAndAll = (ok: number): Row["expect"] => only([...roles, "instanceAdmin", "token"], ok);
const signedInPeople = (ok: number): Row["expect"] => ({ ...only([...roles, "instanceAdmin"], ok), token: 403 });
const publicRoute = (ok: number): Row["expect"] => ({ default: ok });

let counter = 0;
const freshInvitationToken = async ({ t, tenantId }: Fixtures) =>
  (await t.ctx.db.transaction((tx) => createInvitation(tx, { kind: "system", tenantId } as never, { email: `invitee-${counter++}@example.no`, role: "viewer" }))).token;

const freshCandidate = async ({ t, tenantId }: Fixtures) =>
  (await insertCandidate(t.ctx.db, { kind: "system", tenantId }, tenantId, candidateInputSchema.parse({ firstName: "Table", lastName: `Candidate ${counter++}` }))).id;
const freshDocument = async (f: Fixtures) => {
  const candidateId = await freshCandidate(f);
  const [doc] = await f.t.ctx.db
    .insert(candidateDocuments)
    .values({ tenantId: f.tenantId, candidateId, name: "cv.pdf", contentType: "application/pdf", size: 9, content: Buffer.from("%PDF-1.4\n") })
    .returning();
  return `/api/v1/candidates/${candidateId}/documents/${doc!.id}`;
};
const candidatePath = (suffix = "") => async (f: Fixtures) => `/api/v1/candidates/${await freshCandidate(f)}${suffix}`;
const candidateReaders: Who[] = ["admin", "advisor", "hr", "token"];

// Jobs and candidate lists: the table network's employer users are contacts of one employer, so that they reach
// that company's jobs and the candidates shared with it.
const starterOccupation = "http://data.europa.eu/esco/occupation/303a1e34-cb16-4054-b323-81e5eec17397";
const linkedEmployer = async ({ t, tenantId }: Fixtures) => {
  // The table's employer user is the contact of a company (signInRoles): its jobs are that company's. Signing in
  // again (after the sign-out row) makes a new employer user, so ask for the newest one every time.
  const [linked] = await t.ctx.db
    .select({ employerId: employerContacts.employerId })
    .from(employerContacts)
    .innerJoin(memberships, and(eq(memberships.userId, employerContacts.userId), eq(memberships.tenantId, tenantId)))
    .where(and(eq(employerContacts.tenantId, tenantId), eq(memberships.role, "employer")))
    .orderBy(desc(memberships.createdAt), asc(employerContacts.createdAt), asc(employerContacts.id))
    .limit(1);
  return linked?.employerId ?? (await insertTestEmployer(t.ctx.db, tenantId, { name: "Table employer AS" })).id;
};
const freshJob = async (f: Fixtures) => {
  const employerId = await linkedEmployer(f);
  const [job] = await f.t.ctx.db.insert(jobs).values({ tenantId: f.tenantId, employerId, title: `Table job ${counter++}`, occupationUri: starterOccupation }).returning();
  return job!.id;
};
const jobPath = (suffix = "") => async (f: Fixtures) => `/api/v1/jobs/${await freshJob(f)}${suffix}`;
/** A fresh candidate on a fresh job's list; shared (anonymous, with consent) with the table employer when asked. */
const freshEntry = async (f: Fixtures, options: { shared?: boolean; consent?: boolean } = {}) => {
  const jobId = await freshJob(f);
  const candidateId = await freshCandidate(f);
  const employerId = await linkedEmployer(f);
  const [entry] = await f.t.ctx.db
    .insert(pipelineEntries)
    .values({ tenantId: f.tenantId, jobId, candidateId, stage: options.shared ? "shared" : "suggested", ...(options.shared ? { sharedVariant: "anonymous", sharedAt: new Date() } : {}) })
    .returning();
  if (options.consent || options.shared) {
    await f.t.ctx.db.insert(candidateConsents).values({ tenantId: f.tenantId, candidateId, purpose: "share_with_employer", employerId, jobId, textVersion: "share-v1", method: "in_person" });
  }
  return { jobId, entryId: entry!.id };
};
const entryPath = (suffix = "", options: { consent?: boolean } = {}) => async (f: Fixtures) => {
  const { jobId, entryId } = await freshEntry(f, options);
  return `/api/v1/jobs/${jobId}/pipeline/${entryId}${suffix}`;
};
const sharedPath = (suffix = "") => async (f: Fixtures) => `/api/v1/employer-portal/candidates/${(await freshEntry(f, { shared: true })).entryId}${suffix}`;
const freshConsentPath = async (f: Fixtures) => {
  const candidateId = await freshCandidate(f);
  const [consent] = await f.t.ctx.db.insert(candidateConsents).values({ tenantId: f.tenantId, candidateId, purpose: "registration", textVersion: "registration-v1", method: "in_person" }).returning();
  return `/api/v1/candidates/${candidateId}/consents/${consent!.id}/withdraw`;
};
// The instance administrator is a viewer in the table network.
const jobReaders: Who[] = ["admin", "advisor", "hr", "viewer", "employer", "token", "instanceAdmin"];
const jobWriters: Who[] = ["admin", "advisor", "employer", "token"];
const listReaders: Who[] = ["admin", "advisor", "hr", "token"];
const freshPlacement = async (f: Fixtures) => {
  const candidateId = await freshCandidate(f);
  const [row] = await f.t.ctx.db.insert(placements).values({ tenantId: f.tenantId, candidateId, employerName: "Table AS", type: "ordinary_permanent", startDate: "2026-01-05" }).returning();
  const followUps = await f.t.ctx.db.insert(placementFollowUps).values(followUpsFor(f.tenantId, row!.id, row!.startDate)).returning();
  return { id: row!.id, followUpId: followUps[0]!.id };
};
const placementReaders: Who[] = ["admin", "advisor", "hr", "token"];
const freshSignInProvider = async (f: Fixtures) => {
  const [row] = await f.t.ctx.db
    .insert(oidcProviders)
    .values({ tenantId: f.tenantId, label: `Table IdP ${counter++}`, issuer: "https://login.example.no", clientId: "table", clientSecretEncrypted: "sealed", roles: ["advisor"] })
    .returning();
  return `/api/v1/settings/sign-in-providers/${row!.id}`;
};
// Goals and the dashboard: admins (and the admin token) write; admins, viewers (the instance admin is a viewer here) and advisors read.
const goalReaders: Who[] = ["admin", "viewer", "advisor", "token", "instanceAdmin"];
const freshGoal = async (f: Fixtures) => {
  const [row] = await f.t.ctx.db.insert(goals).values({ tenantId: f.tenantId, name: `Table goal ${counter++}`, kind: "yearly", target: 10, startDate: "2026-01-01", placementTypes: ["ordinary_permanent"] }).returning();
  return `/api/v1/goals/${row!.id}`;
};
const placementWriters: Who[] = ["admin", "advisor", "token"];
// The trainee programme: HR and admins run it; the table's supervisor supervises every fresh trainee, so reaches it.
const traineeManagers: Who[] = ["admin", "hr", "token"];
const traineeFollowers: Who[] = ["admin", "hr", "supervisor", "token"];
const tableSupervisor = async ({ t, tenantId }: Fixtures) => {
  // Signing in again (after the sign-out row) makes a new supervisor user: the newest one is the table's.
  const [row] = await t.ctx.db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "supervisor"))).orderBy(desc(memberships.createdAt)).limit(1);
  return row!.userId;
};
const freshCohort = async (f: Fixtures) => {
  const [row] = await f.t.ctx.db.insert(traineeCohorts).values({ tenantId: f.tenantId, name: `Table cohort ${counter++}`, startDate: "2026-01-05" }).returning();
  return row!.id;
};
const freshTrainee = async (f: Fixtures) => {
  const [row] = await f.t.ctx.db
    .insert(trainees)
    .values({ tenantId: f.tenantId, cohortId: await freshCohort(f), candidateId: await freshCandidate(f), supervisorUserId: await tableSupervisor(f), unit: "Table unit", startDate: "2026-01-05", endDate: "2027-01-04" })
    .returning();
  const [item] = await f.t.ctx.db.insert(traineePlanItems).values([
    { tenantId: f.tenantId, traineeId: row!.id, kind: "activity", activityKind: "onboarding", title: "Start", dueOn: "2026-01-05" },
    { tenantId: f.tenantId, traineeId: row!.id, kind: "evaluation", title: "1 month", dueOn: "2026-02-05", evaluationMonth: 1 },
  ]).returning();
  return { id: row!.id, planItemId: item!.id };
};
const traineePath = (suffix = "") => async (f: Fixtures) => `/api/v1/trainee/trainees/${(await freshTrainee(f)).id}${suffix}`;
/** A supervisor's unpublished evaluation: only its author reaches it; HR and admins do not even see it. */
const freshDraftEvaluation = (suffix = "") => async (f: Fixtures) => {
  const { id } = await freshTrainee(f);
  const [row] = await f.t.ctx.db
    .insert(traineeEvaluations)
    .values({ tenantId: f.tenantId, traineeId: id, kind: "supervisor", month: 1, authorUserId: await tableSupervisor(f), ratings: [{ criterion: defaultTemplate.criteria[0]!, score: 4 }] })
    .returning();
  return `/api/v1/trainee/evaluations/${row!.id}${suffix}`;
};
const ratingsBody = () => ({ kind: "supervisor", month: 1, ratings: defaultTemplate.criteria.map((criterion) => ({ criterion, score: 3 })) });

// Services, groups and events (issue 8): settings for admins, read by staff; caseworkers record services, run groups
// and events; HR reads services and the timeline; the activity report is the admins' and the steering group's.
const settingsReaders: Who[] = ["admin", "advisor", "hr", "viewer", "token", "instanceAdmin"];
const caseworkers: Who[] = ["admin", "advisor", "token"];
const freshPartner = async (f: Fixtures) => (await f.t.ctx.db.insert(partners).values({ tenantId: f.tenantId, name: `Table partner ${counter++}`, kind: "other" }).returning())[0]!.id;
const freshServiceType = async (f: Fixtures) => (await f.t.ctx.db.insert(serviceTypes).values({ tenantId: f.tenantId, name: `Table type ${counter++}` }).returning())[0]!.id;
const freshGroup = async (f: Fixtures) =>
  (await f.t.ctx.db.insert(serviceGroups).values({ tenantId: f.tenantId, name: `Table group ${counter++}`, serviceTypeId: await freshServiceType(f), capacity: 5 }).returning())[0]!.id;
const freshSession = async (f: Fixtures) => {
  const groupId = await freshGroup(f);
  const candidateId = await freshCandidate(f);
  await f.t.ctx.db.insert(groupParticipants).values({ tenantId: f.tenantId, groupId, candidateId, status: "active", queuePosition: 1 });
  const [session] = await f.t.ctx.db.insert(groupSessions).values({ tenantId: f.tenantId, groupId, startsAt: new Date("2026-04-01T14:00:00Z") }).returning();
  return { groupId, candidateId, sessionId: session!.id };
};
const freshEvent = async (f: Fixtures) =>
  (await f.t.ctx.db.insert(events).values({ tenantId: f.tenantId, kind: "job_fair", title: `Table event ${counter++}`, startsAt: new Date("2026-05-01T08:00:00Z"), endsAt: new Date("2026-05-01T12:00:00Z") }).returning())[0]!.id;
const freshInviteePath = async (f: Fixtures) => {
  const eventId = await freshEvent(f);
  const [invitee] = await f.t.ctx.db.insert(eventInvitees).values({ tenantId: f.tenantId, eventId, candidateId: await freshCandidate(f) }).returning();
  return `/api/v1/events/${eventId}/invitees/${invitee!.id}`;
};

// Mentoring: the relationships belong to the table's mentor user, so that the mentor's own routes answer.
const freshMentorPath = (suffix = "") => async (f: Fixtures) => `/api/v1/mentoring/mentors/${(await insertMentor(f.t.ctx.db, f.tenantId)).id}${suffix}`;
const tableMentorship = (status: "proposed" | "active" | "ended", suffix = "") => async (f: Fixtures) =>
  `/api/v1/mentoring/relationships/${(await insertMentorship(f.t.ctx.db, f.tenantId, (await mentorOfNewestMentorUser(f.t.ctx.db, f.tenantId)).id, status)).id}${suffix}`;
const candidateWriters: Who[] = ["admin", "advisor", "token"];

const freshEmployer = async ({ t, tenantId }: Fixtures) => (await insertTestEmployer(t.ctx.db, tenantId)).id;
const employerPath = (suffix = "") => async (f: Fixtures) => `/api/v1/employers/${await freshEmployer(f)}${suffix}`;
const contactPath = (suffix = "") => async (f: Fixtures) => {
  const employerId = await freshEmployer(f);
  const contact = await insertTestContact(f.t.ctx.db, f.tenantId, employerId);
  return `/api/v1/employers/${employerId}/contacts/${contact.id}${suffix}`;
};
const taskPath = async (f: Fixtures) => {
  const employerId = await freshEmployer(f);
  const activity = await insertTestActivity(f.t.ctx.db, f.tenantId, employerId, { followUpText: "Call back", followUpDueOn: "2030-01-01" });
  return `/api/v1/tasks/${activity.id}`;
};
/** A saved filter of another person (the filter's owner is made once). */
let filterOwner: string | undefined;
const othersFilterPath = async ({ t, tenantId }: Fixtures) => {
  filterOwner ??= (await t.createUser(tenantId, "advisor")).userId;
  const [row] = await t.ctx.db.insert(savedFilters).values({ tenantId, userId: filterOwner, page: "employers", name: `Filter ${counter++}`, query: {} }).returning();
  return `/api/v1/saved-filters/${row!.id}`;
};
// Employers (ADR 009): admins and advisors read and write; HR reads everything; viewers read the list and records
// (without internal notes) but not the timeline; delete and export for admins; employer users only the portal.
const employerReaders: Who[] = ["admin", "advisor", "hr", "viewer", "token", "instanceAdmin"];
const employerInternalReaders: Who[] = ["admin", "advisor", "hr", "token"];
const employerWriters: Who[] = ["admin", "advisor", "token"];
const filterOwners: Who[] = ["admin", "advisor", "hr", "viewer", "instanceAdmin"];
/** Certificates: a fresh employer per call, a member with a hire this year (meets the default rule). */
const freshMember = async ({ t, tenantId }: Fixtures) => {
  const employer = await insertEmployer(t.ctx.db, tenantId, { name: `Table Employer ${counter++}`, status: "member" });
  await insertHire(t.ctx.db, tenantId, employer.id, new Date().toISOString().slice(0, 10));
  return employer.id;
};
const freshCertificate = async (f: Fixtures) => {
  const employerId = await freshMember(f);
  const [row] = await f.t.ctx.db.insert(employerCertificates).values({ tenantId: f.tenantId, employerId, kind: "membership", code: generateCode(), validUntil: "2099-12-31" }).returning();
  return row!;
};
const memberPath = (suffix: string) => async (f: Fixtures) => `/api/v1/employers/${await freshMember(f)}${suffix}`;
const coordinators: Who[] = ["admin", "advisor", "token"];

// Trainee recruitment: HR and admins run it; advisors read, get suggestions, propose and score when on the panel.
const recruiters: Who[] = ["admin", "hr", "token"];
const recruitmentReaders: Who[] = ["admin", "hr", "advisor", "token"];
const freshNeed = async (f: Fixtures) => {
  const [row] = await f.t.ctx.db.insert(traineeNeeds).values({ tenantId: f.tenantId, unitName: "Digitalisering", area: "it", title: `Table need ${counter++}`, occupationUri: starterOccupation }).returning();
  return row!.id;
};
const needPath = (suffix = "") => async (f: Fixtures) => `/api/v1/trainee/needs/${await freshNeed(f)}${suffix}`;
const graduate = async ({ t, tenantId }: Fixtures) =>
  (await insertCandidate(t.ctx.db, { kind: "system", tenantId }, tenantId, candidateInputSchema.parse({ firstName: "Table", lastName: `Graduate ${counter++}`, education: [{ level: "master" }] }))).id;
/** The table network's users who may sit on a panel, now (signing in again after sign-out makes new ones). */
const panelOf = async ({ t, tenantId }: Fixtures) =>
  (await t.ctx.db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.tenantId, tenantId))).filter((m) => ["admin", "hr", "advisor"].includes(m.role)).map((m) => m.userId);
/** A graduate on a fresh need's shortlist, with an interview whose panel is every admin, hr and advisor user. */
const traineeEntryPath = (suffix = "") => async (f: Fixtures) => {
  const needId = await freshNeed(f);
  const [entry] = await f.t.ctx.db.insert(traineeShortlistEntries).values({ tenantId: f.tenantId, needId, candidateId: await graduate(f), status: "interview_scheduled" }).returning();
  await f.t.ctx.db.insert(traineeInterviews).values({ tenantId: f.tenantId, entryId: entry!.id, startsAt: new Date("2026-12-01T09:00:00Z"), place: "Rådhuset", interviewerUserIds: await panelOf(f) });
  return `/api/v1/trainee/needs/${needId}/shortlist/${entry!.id}${suffix}`;
};

// The candidate portal: the table's candidate user is linked to a candidate record (signInRoles); a row that erases
// it gets a fresh one, so every row finds a linked, not erased record. Portal routes never take a candidate id.
const linkedCandidate = async (f: Fixtures) => {
  const [user] = await f.t.ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, f.tenantId), eq(memberships.role, "candidate")))
    .orderBy(desc(memberships.createdAt))
    .limit(1);
  const [linked] = await f.t.ctx.db.select().from(candidates).where(and(eq(candidates.tenantId, f.tenantId), eq(candidates.userId, user!.userId))).limit(1);
  if (linked && !linked.erasureRequestedAt) return linked.id;
  if (linked) await f.t.ctx.db.update(candidates).set({ userId: null }).where(eq(candidates.id, linked.id));
  const id = await freshCandidate(f);
  await f.t.ctx.db.update(candidates).set({ userId: user!.userId }).where(eq(candidates.id, id));
  return id;
};
const myPath = (path: string) => async (f: Fixtures) => (await linkedCandidate(f), path);
const freshMyRequestPath = async (f: Fixtures) => {
  const candidateId = await linkedCandidate(f);
  const jobId = await freshJob(f);
  const [row] = await f.t.ctx.db.insert(portalConsentRequests).values({ tenantId: f.tenantId, candidateId, employerId: await linkedEmployer(f), jobId }).returning();
  return `/api/v1/my/consent-requests/${row!.id}/answer`;
};
const freshMyConsentPath = async (f: Fixtures) => {
  const candidateId = await linkedCandidate(f);
  const [consent] = await f.t.ctx.db.insert(candidateConsents).values({ tenantId: f.tenantId, candidateId, purpose: "public_page", textVersion: "public-page-v1", method: "in_person" }).returning();
  return `/api/v1/my/consents/${consent!.id}/withdraw`;
};
/** A candidate in the portal (linked to a user of their own), whom a caseworker may ask for consent there. */
const freshPortalCandidatePath = (suffix: string) => async (f: Fixtures) => {
  const id = await freshCandidate(f);
  const user = await f.t.createUser(f.tenantId, "candidate");
  await f.t.ctx.db.update(candidates).set({ userId: user.userId }).where(eq(candidates.id, id));
  return `/api/v1/candidates/${id}${suffix}`;
};

const table: Row[] = [
  { method: "GET", route: "/api/health", expect: publicRoute(200) },
  { method: "GET", route: "/api/ready", expect: publicRoute(200) },
  { method: "GET", route: "/api/openapi.json", expect: publicRoute(200) },
  { method: "GET", route: "/api/docs", expect: publicRoute(200) },
  { method: "GET", route: "/api/docs/static/index.html", expect: publicRoute(302) },
  { method: "GET", route: "/api/docs/static/swagger-initializer.js", expect: publicRoute(200) },
  { method: "GET", route: "/api/docs/json", expect: publicRoute(200) },
  { method: "GET", route: "/api/docs/yaml", expect: publicRoute(200) },
  { method: "GET", route: "/api/docs/static/*", path: () => "/api/docs/static/swagger-ui.css", expect: publicRoute(200) },
  { method: "GET", route: "/api/setup/status", expect: publicRoute(200) },
  {
    method: "POST",
    route: "/api/setup",
    body: () => ({ network: { name: "Another", slug: "another", municipality: "" }, admin: { name: "A", email: "a@example.no", password: "long-enough-pw" } }),
    expect: publicRoute(409),
  },
  { method: "POST", route: "/api/setup/demo", expect: publicRoute(409) },
  // Better Auth's endpoints: sign-in is open to all; the rest need a session (API tokens have none).
  { method: "POST", route: "/api/auth/sign-in/email", body: () => ({ email: `nobody-${counter++}@example.no`, password: "wrong-password" }), expect: publicRoute(401) },
  { method: "GET", route: "/api/auth/get-session", expect: publicRoute(200) },
  // Sign-in with the network's OpenID Connect providers (ADR 027): admins configure them; starting and finishing a
  // sign-in needs no session (an unknown provider → 404, a callback without state → 400).
  { method: "GET", route: "/api/auth/oidc/:id/start", path: () => "/api/auth/oidc/00000000-0000-4000-8000-000000000000/start", expect: publicRoute(404) },
  { method: "GET", route: "/api/auth/oidc/callback", expect: publicRoute(400) },
  { method: "GET", route: "/api/public/networks/:slug/sign-in-options", path: () => "/api/public/networks/table/sign-in-options", expect: publicRoute(200) },
  { method: "GET", route: "/api/v1/settings/sign-in-providers", expect: only(["admin", "token"], 200) },
  {
    method: "POST",
    route: "/api/v1/settings/sign-in-providers",
    body: () => ({ label: "Table IdP", issuer: "https://login.example.no", clientId: "table", clientSecret: "table-secret", roles: ["advisor"] }),
    expect: only(["admin", "token"], 201),
  },
  { method: "PATCH", route: "/api/v1/settings/sign-in-providers/:id", path: freshSignInProvider, body: () => ({ label: "Renamed IdP" }), expect: only(["admin", "token"], 200) },
  { method: "DELETE", route: "/api/v1/settings/sign-in-providers/:id", path: freshSignInProvider, expect: only(["admin", "token"], 204) },
  { method: "POST", route: "/api/auth/request-password-reset", body: () => ({ email: "nobody@example.no" }), expect: publicRoute(200) },
  { method: "POST", route: "/api/auth/reset-password", body: () => ({ token: "not-a-token", newPassword: "long-enough-pw" }), expect: publicRoute(400) },
  { method: "POST", route: "/api/auth/change-password", body: () => ({ currentPassword: "wrong-password", newPassword: "long-enough-pw" }), expect: { default: 400, anonymous: 401, token: 401 } },
  { method: "GET", route: "/api/auth/list-sessions", expect: { default: 200, anonymous: 401, token: 401 } },
  { method: "POST", route: "/api/auth/revoke-other-sessions", expect: { default: 200, anonymous: 401, token: 401 } },
  { method: "POST", route: "/api/auth/two-factor/enable", body: () => ({ password: "wrong-password" }), expect: { default: 400, anonymous: 401, token: 401 } },
  { method: "POST", route: "/api/auth/two-factor/disable", body: () => ({ password: "wrong-password" }), expect: { default: 400, anonymous: 401, token: 401 } },
  { method: "POST", route: "/api/auth/two-factor/get-totp-uri", body: () => ({ password: "wrong-password" }), expect: { default: 400, anonymous: 401, token: 401 } },
  // Without a pending two-factor sign-in there is nothing to verify: 400 with a session, 401 without.
  { method: "POST", route: "/api/auth/two-factor/verify-totp", body: () => ({ code: "000000" }), expect: { default: 400, anonymous: 401, token: 401 } },
  { method: "POST", route: "/api/auth/two-factor/verify-backup-code", body: () => ({ code: "0000000000" }), expect: { default: 400, anonymous: 401, token: 401 } },
  { method: "POST", route: "/api/auth/two-factor/generate-backup-codes", body: () => ({ password: "wrong-password" }), expect: { default: 400, anonymous: 401, token: 401 } },
  { method: "POST", route: "/api/auth/sign-out", expect: publicRoute(200) },
  // Networks
  { method: "GET", route: "/api/v1/network", expect: staffAndAll(200) },
  { method: "PATCH", route: "/api/v1/network", body: () => ({ municipality: "Bærum" }), expect: only(["admin", "token"], 200) },
  {
    method: "POST",
    route: "/api/v1/networks",
    body: () => ({ name: "New network", slug: `new-${counter++}`, municipality: "Asker", admin: { email: `leader-${counter++}@example.no` } }),
    expect: { ...only(["instanceAdmin"], 201) },
  },
  // The coordinators' handbook: every staff role (candidates have their own pages).
  { method: "GET", route: "/api/v1/handbook", expect: only(["admin", "advisor", "hr", "supervisor", "mentor", "employer", "viewer", "instanceAdmin", "token"], 200) },
  { method: "GET", route: "/api/v1/handbook/:slug", path: () => "/api/v1/handbook/index", expect: only(["admin", "advisor", "hr", "supervisor", "mentor", "employer", "viewer", "instanceAdmin", "token"], 200) },
  // Own profile: people only (an API token has no profile).
  { method: "GET", route: "/api/v1/me", expect: signedInPeople(200) },
  { method: "PATCH", route: "/api/v1/me", body: () => ({ locale: "en" }), expect: signedInPeople(204) },
  { method: "POST", route: "/api/v1/me/network", body: ({ tenantId }) => ({ networkId: tenantId }), expect: signedInPeople(204) },
  // Users and invitations: admins.
  { method: "GET", route: "/api/v1/users", expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/caseworkers", expect: only(["admin", "advisor", "viewer", "token", "instanceAdmin"], 200) },
  {
    method: "PATCH",
    route: "/api/v1/users/:userId",
    path: async ({ t, tenantId }) => `/api/v1/users/${(await t.createUser(tenantId, "viewer")).userId}`,
    body: () => ({ role: "mentor" }),
    expect: only(["admin", "token"], 204),
  },
  { method: "GET", route: "/api/v1/invitations", expect: only(["admin", "token"], 200) },
  { method: "POST", route: "/api/v1/invitations", body: () => ({ email: `someone-${counter++}@example.no`, role: "advisor" }), expect: only(["admin", "token"], 201) },
  {
    method: "DELETE",
    route: "/api/v1/invitations/:id",
    path: async ({ t, tenantId }) =>
      `/api/v1/invitations/${(await t.ctx.db.transaction((tx) => createInvitation(tx, { kind: "system", tenantId } as never, { email: `x-${counter++}@example.no`, role: "viewer" }))).id}`,
    expect: only(["admin", "token"], 204),
  },
  { method: "GET", route: "/api/public/invitations/:token", path: async (f) => `/api/public/invitations/${await freshInvitationToken(f)}`, expect: publicRoute(200) },
  {
    method: "POST",
    route: "/api/public/invitations/:token/accept",
    path: async (f) => `/api/public/invitations/${await freshInvitationToken(f)}/accept`,
    body: () => ({ name: "New Person", password: "long-enough-pw" }),
    expect: publicRoute(200),
  },
  { method: "GET", route: "/api/v1/outbox", expect: only(["admin", "token"], 200) },
  // Taxonomy search: reference data, every role and API tokens.
  { method: "GET", route: "/api/v1/taxonomy/occupations", path: () => "/api/v1/taxonomy/occupations?q=kokk&lang=nb", expect: staffAndAll(200) },
  { method: "GET", route: "/api/v1/taxonomy/skills", path: () => "/api/v1/taxonomy/skills?q=norsk", expect: staffAndAll(200) },
  // Candidates: admins and advisors read and write; HR reads; the rest get their own views in later issues.
  { method: "GET", route: "/api/v1/candidates", expect: only(candidateReaders, 200) },
  { method: "POST", route: "/api/v1/candidates", body: () => ({ firstName: "New", lastName: `Candidate ${counter++}` }), expect: only(candidateWriters, 201) },
  { method: "GET", route: "/api/v1/candidates/export.csv", expect: only(["admin", "token"], 200) },
  {
    method: "POST",
    route: "/api/v1/candidates/import",
    path: () => "/api/v1/candidates/import?dryRun=true",
    body: () => "firstName,lastName\nKari,Nordmann\n",
    headers: { "content-type": "text/csv" },
    expect: only(candidateWriters, 200),
  },
  { method: "GET", route: "/api/v1/candidates/:id", path: candidatePath(), expect: only(candidateReaders, 200) },
  { method: "PATCH", route: "/api/v1/candidates/:id", path: candidatePath(), body: () => ({ status: "paused" }), expect: only(candidateWriters, 200) },
  { method: "DELETE", route: "/api/v1/candidates/:id", path: candidatePath(), expect: only(candidateWriters, 202) },
  { method: "GET", route: "/api/v1/candidates/:id/duplicates", path: candidatePath("/duplicates"), expect: only(candidateWriters, 200) },
  { method: "POST", route: "/api/v1/candidates/:id/merge", path: candidatePath("/merge"), body: async (f) => ({ duplicateId: await freshCandidate(f) }), expect: only(candidateWriters, 200) },
  { method: "GET", route: "/api/v1/candidates/:id/notes", path: candidatePath("/notes"), expect: only(candidateWriters, 200) },
  { method: "POST", route: "/api/v1/candidates/:id/notes", path: candidatePath("/notes"), body: () => ({ text: "Met at the office." }), expect: only(candidateWriters, 201) },
  { method: "GET", route: "/api/v1/candidates/:id/documents", path: candidatePath("/documents"), expect: only(candidateWriters, 200) },
  {
    method: "POST",
    route: "/api/v1/candidates/:id/documents",
    path: candidatePath("/documents?name=cv.pdf"),
    body: () => "%PDF-1.4\n%%EOF\n",
    headers: { "content-type": "application/pdf" },
    expect: only(candidateWriters, 201),
  },
  { method: "GET", route: "/api/v1/candidates/:id/documents/:documentId", path: freshDocument, expect: only(candidateWriters, 200) },
  { method: "DELETE", route: "/api/v1/candidates/:id/documents/:documentId", path: freshDocument, expect: only(candidateWriters, 204) },
  { method: "GET", route: "/api/v1/candidates/:id/cv.pdf", path: candidatePath("/cv.pdf?variant=anonymous&lang=en"), expect: only(candidateWriters, 200) },
  { method: "GET", route: "/api/v1/candidates/:id/access-log", path: candidatePath("/access-log"), expect: only(candidateWriters, 200) },
  // Privacy rights (issue 9): the access report on the candidate's behalf (caseworkers), retention (admin).
  { method: "GET", route: "/api/v1/candidates/:id/access-report", path: candidatePath("/access-report"), expect: only(candidateWriters, 200) },
  { method: "GET", route: "/api/v1/candidates/:id/access-report.pdf", path: candidatePath("/access-report.pdf"), expect: only(candidateWriters, 200) },
  { method: "GET", route: "/api/v1/settings/retention", expect: only(["admin", "token"], 200) },
  { method: "PUT", route: "/api/v1/settings/retention", body: () => ({ erasureDelayDays: 30, inactiveMonths: 24, accessLogMonths: 60, outboxDays: 90 }), expect: only(["admin", "token"], 200) },
  // Employers
  { method: "GET", route: "/api/v1/employers", expect: only(employerReaders, 200) },
  { method: "POST", route: "/api/v1/employers", body: () => ({ orgNumber: testOrgNumber(), name: `Employer ${counter++}` }), expect: only(employerWriters, 201) },
  { method: "GET", route: "/api/v1/employers/export.csv", expect: only(["admin", "token"], 200) },
  {
    method: "POST",
    route: "/api/v1/employers/import",
    path: () => "/api/v1/employers/import?dryRun=true",
    body: () => `orgNumber,name\n${testOrgNumber()},Imported AS\n`,
    headers: { "content-type": "text/csv" },
    expect: only(employerWriters, 200),
  },
  { method: "GET", route: "/api/v1/employers/:id", path: employerPath(), expect: only(employerReaders, 200) },
  { method: "PATCH", route: "/api/v1/employers/:id", path: employerPath(), body: () => ({ municipality: "Asker" }), expect: only(employerWriters, 200) },
  { method: "DELETE", route: "/api/v1/employers/:id", path: employerPath(), expect: only(["admin", "token"], 204) },
  { method: "POST", route: "/api/v1/employers/:id/status", path: employerPath("/status"), body: () => ({ status: "contacted" }), expect: only(employerWriters, 200) },
  { method: "POST", route: "/api/v1/employers/:id/contacts", path: employerPath("/contacts"), body: () => ({ name: "Kari Kontakt" }), expect: only(employerWriters, 201) },
  { method: "PATCH", route: "/api/v1/employers/:id/contacts/:contactId", path: contactPath(), body: () => ({ role: "HR" }), expect: only(employerWriters, 200) },
  { method: "DELETE", route: "/api/v1/employers/:id/contacts/:contactId", path: contactPath(), expect: only(employerWriters, 204) },
  { method: "POST", route: "/api/v1/employers/:id/contacts/:contactId/invite", path: contactPath("/invite"), expect: only(employerWriters, 201) },
  { method: "GET", route: "/api/v1/employers/:id/activities", path: employerPath("/activities"), expect: only(employerInternalReaders, 200) },
  { method: "POST", route: "/api/v1/employers/:id/activities", path: employerPath("/activities"), body: () => ({ kind: "call", occurredOn: "2024-05-01", summary: "Called" }), expect: only(employerWriters, 201) },
  // Tasks: admins and advisors; an API token has no tasks of its own (scope=mine needs a person: 400).
  { method: "GET", route: "/api/v1/tasks", expect: { ...only(["admin", "advisor"], 200), token: 400 } },
  { method: "PATCH", route: "/api/v1/tasks/:activityId", path: taskPath, body: () => ({ done: true }), expect: only(employerWriters, 200) },
  // The employer portal: employer users (this one is a contact of a company of the network).
  { method: "GET", route: "/api/v1/employer-portal", expect: only(["employer"], 200) },
  // Saved filters: a person's own (API tokens have none: 403); another person's filter is not found.
  { method: "GET", route: "/api/v1/saved-filters", path: () => "/api/v1/saved-filters?page=employers", expect: only(filterOwners, 200) },
  { method: "POST", route: "/api/v1/saved-filters", body: () => ({ page: "employers", name: `Saved ${counter++}`, query: { membershipStatus: "member" } }), expect: only(filterOwners, 201) },
  { method: "DELETE", route: "/api/v1/saved-filters/:id", path: othersFilterPath, expect: only(filterOwners, 404) },
  // The register lookup: no query is a 400 for those allowed, so the table never calls the real register.
  { method: "GET", route: "/api/v1/register/entities", expect: only(coordinators, 400) },
  // Certificates and certification: admins confirm and revoke; advisors read and issue membership certificates;
  // employer users download their own company's certificate (another company's is 404).
  { method: "GET", route: "/api/v1/employers/certification-rule", expect: only(coordinators, 200) },
  { method: "PUT", route: "/api/v1/employers/certification-rule", body: () => ({ minHires: 1 }), expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/employers/certification-proposals", expect: only(coordinators, 200) },
  { method: "POST", route: "/api/v1/employers/:id/certification", path: memberPath("/certification"), expect: only(["admin", "token"], 201) },
  { method: "POST", route: "/api/v1/employers/:id/certificates", path: memberPath("/certificates"), body: () => ({ kind: "membership" }), expect: only(coordinators, 201) },
  {
    method: "POST",
    route: "/api/v1/employers/:id/certificates/:certificateId/revoke",
    path: async (f) => {
      const certificate = await freshCertificate(f);
      return `/api/v1/employers/${certificate.employerId}/certificates/${certificate.id}/revoke`;
    },
    body: () => ({ reason: "Issued by mistake" }),
    expect: only(["admin", "token"], 200),
  },
  {
    method: "GET",
    route: "/api/v1/employers/:id/certificate.pdf",
    path: async (f) => `/api/v1/employers/${(await freshCertificate(f)).employerId}/certificate.pdf?kind=membership`,
    expect: { ...only(coordinators, 200), employer: 404 },
  },
  { method: "GET", route: "/api/public/certificates/:code", path: async (f) => `/api/public/certificates/${(await freshCertificate(f)).code}`, expect: publicRoute(200) },
  { method: "GET", route: "/api/public/networks/:slug/members", path: () => "/api/public/networks/table/members", expect: publicRoute(200) },
  {
    method: "GET",
    route: "/api/public/networks/:slug/stats",
    path: async ({ t, tenantId }) => {
      await t.ctx.db.update(networks).set({ publicStats: { enabled: true, figures: ["peopleInWork"] } }).where(eq(networks.id, tenantId));
      return "/api/public/networks/table/stats";
    },
    expect: publicRoute(200),
  },
  { method: "GET", route: "/api/v1/admin/networks/stats", expect: only(["instanceAdmin"], 200) },
  // Jobs: staff and the steering group read; employer users read and write their own company's.
  { method: "GET", route: "/api/v1/jobs", expect: only(jobReaders, 200) },
  { method: "POST", route: "/api/v1/jobs", body: async (f) => ({ employerId: await linkedEmployer(f), title: "Table job", occupationUri: starterOccupation }), expect: only(jobWriters, 201) },
  { method: "GET", route: "/api/v1/jobs/skill-suggestions", path: () => `/api/v1/jobs/skill-suggestions?occupationUri=${encodeURIComponent(starterOccupation)}`, expect: only(jobReaders, 200) },
  { method: "GET", route: "/api/v1/jobs/:id", path: jobPath(), expect: only(jobReaders, 200) },
  { method: "PATCH", route: "/api/v1/jobs/:id", path: jobPath(), body: () => ({ status: "closed" }), expect: only(jobWriters, 200) },
  { method: "DELETE", route: "/api/v1/jobs/:id", path: jobPath(), expect: only(jobWriters, 204) },
  { method: "GET", route: "/api/v1/pipeline-stages", expect: only(["admin", "advisor", "hr", "viewer", "token", "instanceAdmin"], 200) },
  {
    method: "PUT",
    route: "/api/v1/pipeline-stages",
    body: () => ({ stages: defaultPipelineStages.map((key) => ({ key, labelNb: defaultPipelineStageLabels[key].nb, labelEn: defaultPipelineStageLabels[key].en })) }),
    expect: only(["admin", "token"], 200),
  },
  // Candidate lists name candidates: caseworkers write, HR reads too.
  { method: "GET", route: "/api/v1/jobs/:id/pipeline", path: jobPath("/pipeline"), expect: only(listReaders, 200) },
  { method: "GET", route: "/api/v1/jobs/:id/matches", path: jobPath("/matches"), expect: only(listReaders, 200) },
  { method: "GET", route: "/api/v1/candidates/:id/matches", path: candidatePath("/matches"), expect: only(candidateReaders, 200) },
  { method: "POST", route: "/api/v1/jobs/:id/pipeline", path: jobPath("/pipeline"), body: async (f) => ({ candidateId: await freshCandidate(f), matchScore: 0.7 }), expect: only(candidateWriters, 201) },
  { method: "PATCH", route: "/api/v1/jobs/:id/pipeline/:entryId", path: entryPath(), body: () => ({ stage: "contacted", note: "Called" }), expect: only(candidateWriters, 200) },
  { method: "DELETE", route: "/api/v1/jobs/:id/pipeline/:entryId", path: entryPath(), expect: only(candidateWriters, 204) },
  { method: "GET", route: "/api/v1/jobs/:id/pipeline/:entryId/history", path: entryPath("/history"), expect: only(listReaders, 200) },
  { method: "POST", route: "/api/v1/jobs/:id/pipeline/:entryId/share", path: entryPath("/share", { consent: true }), body: () => ({ variant: "anonymous" }), expect: only(candidateWriters, 200) },
  // The employer's view of the candidates shared with the company: employer users only.
  { method: "GET", route: "/api/v1/employer-portal/candidates", expect: only(["employer"], 200) },
  { method: "PATCH", route: "/api/v1/employer-portal/candidates/:entryId", path: sharedPath(), body: () => ({ response: "interesting" }), expect: only(["employer"], 200) },
  { method: "GET", route: "/api/v1/employer-portal/candidates/:entryId/cv.pdf", path: sharedPath("/cv.pdf?lang=en"), expect: only(["employer"], 200) },
  // Consents: caseworkers.
  { method: "GET", route: "/api/v1/candidates/:id/consents", path: candidatePath("/consents"), expect: only(candidateWriters, 200) },
  { method: "POST", route: "/api/v1/candidates/:id/consents", path: candidatePath("/consents"), body: () => ({ purpose: "registration", method: "in_person" }), expect: only(candidateWriters, 201) },
  { method: "POST", route: "/api/v1/candidates/:id/consents/:consentId/withdraw", path: freshConsentPath, expect: only(candidateWriters, 200) },
  // Placements: caseworkers record and change hires, HR reads them; follow-ups are the caseworkers'.
  { method: "GET", route: "/api/v1/placements", expect: only(placementReaders, 200) },
  { method: "POST", route: "/api/v1/placements", body: async (f) => ({ candidateId: await freshCandidate(f), employerName: "Table AS", type: "trainee", startDate: "2026-02-01" }), expect: only(placementWriters, 201) },
  { method: "GET", route: "/api/v1/placements/:id", path: async (f) => `/api/v1/placements/${(await freshPlacement(f)).id}`, expect: only(placementReaders, 200) },
  { method: "PATCH", route: "/api/v1/placements/:id", path: async (f) => `/api/v1/placements/${(await freshPlacement(f)).id}`, body: () => ({ hoursPerWeek: 30 }), expect: only(placementWriters, 200) },
  { method: "DELETE", route: "/api/v1/placements/:id", path: async (f) => `/api/v1/placements/${(await freshPlacement(f)).id}`, expect: only(placementWriters, 204) },
  { method: "GET", route: "/api/v1/placement-follow-ups", path: () => "/api/v1/placement-follow-ups?include=all", expect: only(["admin", "advisor", "token"], 200) },
  {
    method: "PATCH",
    route: "/api/v1/placement-follow-ups/:id",
    path: async (f) => `/api/v1/placement-follow-ups/${(await freshPlacement(f)).followUpId}`,
    body: () => ({ stillEmployed: true, note: "Called the employer." }),
    expect: only(["admin", "advisor", "token"], 200),
  },
  // The trainee programme.
  { method: "GET", route: "/api/v1/trainee/template", expect: only(traineeManagers, 200) },
  { method: "PUT", route: "/api/v1/trainee/template", body: () => defaultTemplate, expect: only(traineeManagers, 200) },
  { method: "GET", route: "/api/v1/trainee/cohorts", expect: only(traineeManagers, 200) },
  { method: "POST", route: "/api/v1/trainee/cohorts", body: () => ({ name: "Table cohort", startDate: "2026-01-05" }), expect: only(traineeManagers, 201) },
  { method: "GET", route: "/api/v1/trainee/cohorts/:id", path: async (f) => `/api/v1/trainee/cohorts/${await freshCohort(f)}`, expect: only(traineeManagers, 200) },
  { method: "PATCH", route: "/api/v1/trainee/cohorts/:id", path: async (f) => `/api/v1/trainee/cohorts/${await freshCohort(f)}`, body: () => ({ area: "IT" }), expect: only(traineeManagers, 200) },
  { method: "GET", route: "/api/v1/trainee/supervisors", expect: only(traineeManagers, 200) },
  { method: "GET", route: "/api/v1/trainee/trainees", expect: only(traineeFollowers, 200) },
  {
    method: "POST",
    route: "/api/v1/trainee/trainees",
    body: async (f) => ({ cohortId: await freshCohort(f), candidateId: await freshCandidate(f), supervisorUserId: await tableSupervisor(f), unit: "Table unit" }),
    expect: only(traineeManagers, 201),
  },
  { method: "GET", route: "/api/v1/trainee/trainees/:id", path: traineePath(), expect: only(traineeFollowers, 200) },
  { method: "PATCH", route: "/api/v1/trainee/trainees/:id", path: traineePath(), body: () => ({ monthlySalaryOre: 4_000_000 }), expect: only(traineeManagers, 200) },
  { method: "PUT", route: "/api/v1/trainee/trainees/:id/outcome", path: traineePath("/outcome"), body: () => ({ outcome: "not_qualified" }), expect: only(traineeManagers, 200) },
  { method: "PATCH", route: "/api/v1/trainee/plan-items/:id", path: async (f) => `/api/v1/trainee/plan-items/${(await freshTrainee(f)).planItemId}`, body: () => ({ done: true }), expect: only(traineeFollowers, 200) },
  { method: "POST", route: "/api/v1/trainee/trainees/:id/goals", path: traineePath("/goals"), body: () => ({ title: "Table goal" }), expect: only(traineeFollowers, 201) },
  {
    method: "PATCH",
    route: "/api/v1/trainee/goals/:id",
    path: async (f) => {
      const { id } = await freshTrainee(f);
      const [goal] = await f.t.ctx.db.insert(traineeGoals).values({ tenantId: f.tenantId, traineeId: id, title: "Table goal" }).returning();
      return `/api/v1/trainee/goals/${goal!.id}`;
    },
    body: () => ({ progress: 50 }),
    expect: only(traineeFollowers, 200),
  },
  { method: "POST", route: "/api/v1/trainee/trainees/:id/log", path: traineePath("/log"), body: () => ({ occurredOn: "2026-02-01", text: "Table note" }), expect: only(traineeFollowers, 201) },
  // Only the supervisor writes the supervisor's evaluation; a draft is invisible (404) to HR and admins.
  { method: "POST", route: "/api/v1/trainee/trainees/:id/evaluations", path: traineePath("/evaluations"), body: ratingsBody, expect: only(["supervisor"], 201) },
  { method: "PATCH", route: "/api/v1/trainee/evaluations/:id", path: freshDraftEvaluation(), body: () => ({ comment: "Table" }), expect: { ...only(["supervisor"], 200), admin: 404, hr: 404, token: 404 } },
  { method: "POST", route: "/api/v1/trainee/evaluations/:id/publish", path: freshDraftEvaluation("/publish"), expect: { ...only(["supervisor"], 200), admin: 404, hr: 404, token: 404 } },
  { method: "GET", route: "/api/v1/trainee/overdue", expect: only(traineeManagers, 200) },
  { method: "GET", route: "/api/v1/trainee/units", expect: only(traineeManagers, 200) },
  { method: "PUT", route: "/api/v1/trainee/units", body: () => ({ unit: "Table unit", employeesBefore: 10, immigrantsBefore: 1, employeesAfter: 11, immigrantsAfter: 2 }), expect: only(traineeManagers, 200) },
  { method: "GET", route: "/api/v1/trainee/report", expect: only(["admin", "hr", "viewer", "token", "instanceAdmin"], 200) },
  // Mentoring: coordinators manage mentors and pairs; a mentor sees and acts on their own relationships only.
  { method: "GET", route: "/api/v1/mentoring/mentors", expect: only(coordinators, 200) },
  { method: "POST", route: "/api/v1/mentoring/mentors", body: () => ({ name: "Table Mentor", email: `table-new-mentor-${counter++}@example.no` }), expect: only(coordinators, 201) },
  { method: "GET", route: "/api/v1/mentoring/mentors/:id", path: freshMentorPath(), expect: only(coordinators, 200) },
  { method: "PATCH", route: "/api/v1/mentoring/mentors/:id", path: freshMentorPath(), body: () => ({ capacity: 3 }), expect: only(coordinators, 200) },
  { method: "GET", route: "/api/v1/mentoring/mentors/:id/suggestions", path: freshMentorPath("/suggestions"), expect: only(coordinators, 200) },
  { method: "GET", route: "/api/v1/mentoring/candidates/:id/suggestions", path: async (f) => `/api/v1/mentoring/candidates/${await freshCandidate(f)}/suggestions`, expect: only(coordinators, 200) },
  { method: "GET", route: "/api/v1/mentoring/me", expect: only(["mentor"], 200) },
  { method: "POST", route: "/api/v1/mentoring/me/declaration", path: async (f) => (await mentorOfNewestMentorUser(f.t.ctx.db, f.tenantId), "/api/v1/mentoring/me/declaration"), body: () => ({ version: currentDeclarationVersion }), expect: only(["mentor"], 204) },
  { method: "GET", route: "/api/v1/mentoring/relationships", path: async (f) => (await mentorOfNewestMentorUser(f.t.ctx.db, f.tenantId), "/api/v1/mentoring/relationships"), expect: only([...coordinators, "mentor", "candidate"], 200) },
  { method: "POST", route: "/api/v1/mentoring/relationships", body: async (f) => ({ mentorId: (await insertMentor(f.t.ctx.db, f.tenantId)).id, candidateId: await freshCandidate(f) }), expect: only(coordinators, 201) },
  { method: "GET", route: "/api/v1/mentoring/relationships/:id", path: tableMentorship("active"), expect: { ...only([...coordinators, "mentor"], 200), candidate: 404 } },
  { method: "PATCH", route: "/api/v1/mentoring/relationships/:id", path: tableMentorship("active"), body: () => ({ goals: "Table goals" }), expect: only(coordinators, 200) },
  { method: "POST", route: "/api/v1/mentoring/relationships/:id/mentee-acceptance", path: tableMentorship("proposed", "/mentee-acceptance"), body: () => ({ sharedFields: ["firstName"] }), expect: { ...only(coordinators, 200), candidate: 404 } },
  { method: "POST", route: "/api/v1/mentoring/relationships/:id/accept", path: tableMentorship("proposed", "/accept"), expect: only(["mentor"], 200) },
  { method: "POST", route: "/api/v1/mentoring/relationships/:id/decline", path: tableMentorship("proposed", "/decline"), expect: only([...coordinators, "mentor"], 200) },
  { method: "POST", route: "/api/v1/mentoring/relationships/:id/meetings", path: tableMentorship("active", "/meetings"), body: () => ({ metOn: osloDate(), topics: "Table talk" }), expect: only([...coordinators, "mentor"], 201) },
  { method: "POST", route: "/api/v1/mentoring/relationships/:id/end", path: tableMentorship("active", "/end"), body: () => ({ endedOn: osloDate() }), expect: only([...coordinators, "mentor"], 200) },
  { method: "POST", route: "/api/v1/mentoring/relationships/:id/feedback", path: tableMentorship("ended", "/feedback"), body: () => ({ rating: 4 }), expect: only([...coordinators, "mentor"], 200) },
  { method: "GET", route: "/api/v1/reports/mentoring", expect: only(["admin", "advisor", "viewer", "instanceAdmin", "token"], 200) },
  // Reports: the fairness report is for admins.
  { method: "GET", route: "/api/v1/reports/fairness", expect: only(["admin", "token"], 200) },
  // The board report: as the dashboard, admins and viewers (the network) and advisors (their own caseload).
  { method: "GET", route: "/api/v1/reports/board-report.pdf", expect: only(["admin", "viewer", "advisor", "instanceAdmin", "token"], 200) },
  { method: "GET", route: "/api/v1/reports/dashboard", expect: only(goalReaders, 200) },
  { method: "GET", route: "/api/v1/reports/dashboard/:file", path: () => "/api/v1/reports/dashboard/gender.csv", expect: only(goalReaders, 200) },
  { method: "GET", route: "/api/v1/goals", expect: only(goalReaders, 200) },
  { method: "POST", route: "/api/v1/goals", body: () => ({ name: "Table goal", kind: "yearly", target: 10, startDate: "2026-01-01" }), expect: only(["admin", "token"], 201) },
  { method: "PATCH", route: "/api/v1/goals/:id", path: freshGoal, body: () => ({ target: 20 }), expect: only(["admin", "token"], 200) },
  { method: "DELETE", route: "/api/v1/goals/:id", path: freshGoal, expect: only(["admin", "token"], 204) },
  { method: "GET", route: "/api/v1/trainee/needs", expect: only(recruitmentReaders, 200) },
  { method: "POST", route: "/api/v1/trainee/needs", body: () => ({ unitName: "Eiendom", area: "property", title: "Table need", occupationUri: starterOccupation }), expect: only(recruiters, 201) },
  { method: "GET", route: "/api/v1/trainee/needs/:id", path: needPath(), expect: only(recruitmentReaders, 200) },
  { method: "PATCH", route: "/api/v1/trainee/needs/:id", path: needPath(), body: () => ({ positions: 2 }), expect: only(recruiters, 200) },
  { method: "DELETE", route: "/api/v1/trainee/needs/:id", path: needPath(), expect: only(recruiters, 204) },
  { method: "GET", route: "/api/v1/trainee/needs/:id/matches", path: needPath("/matches"), expect: only(recruitmentReaders, 200) },
  { method: "GET", route: "/api/v1/trainee/needs/:id/shortlist", path: needPath("/shortlist"), expect: only(recruitmentReaders, 200) },
  { method: "POST", route: "/api/v1/trainee/needs/:id/shortlist", path: needPath("/shortlist"), body: async (f) => ({ candidateId: await graduate(f) }), expect: only(recruitmentReaders, 201) },
  { method: "PATCH", route: "/api/v1/trainee/needs/:id/shortlist/:entryId", path: traineeEntryPath(), body: () => ({ status: "interviewed" }), expect: only(recruiters, 200) },
  { method: "DELETE", route: "/api/v1/trainee/needs/:id/shortlist/:entryId", path: traineeEntryPath(), expect: only(recruiters, 204) },
  {
    method: "PUT",
    route: "/api/v1/trainee/needs/:id/shortlist/:entryId/interview",
    path: traineeEntryPath("/interview"),
    body: async (f) => ({ startsAt: "2026-12-01T10:00:00+01:00", place: "Rådhuset", interviewerUserIds: (await panelOf(f)).slice(0, 1) }),
    expect: only(recruiters, 200),
  },
  { method: "POST", route: "/api/v1/trainee/needs/:id/shortlist/:entryId/decision", path: traineeEntryPath("/decision"), body: () => ({ decision: "rejected", reason: "Table reason" }), expect: only(recruiters, 200) },
  { method: "GET", route: "/api/v1/trainee/needs/:id/shortlist/:entryId/scores", path: traineeEntryPath("/scores"), expect: only(recruitmentReaders, 200) },
  // Scores are handed in by interviewers on the panel (signed-in people): the admin token is refused.
  {
    method: "PUT",
    route: "/api/v1/trainee/needs/:id/shortlist/:entryId/scores/mine",
    path: traineeEntryPath("/scores/mine"),
    body: () => ({ scores: defaultInterviewCriteria.map((c) => ({ criterion: c.key, score: 3 })) }),
    expect: only(["admin", "hr", "advisor"], 200),
  },
  { method: "GET", route: "/api/v1/trainee/criteria", expect: only(recruitmentReaders, 200) },
  { method: "PUT", route: "/api/v1/trainee/criteria", body: () => ({ criteria: defaultInterviewCriteria.map((c) => ({ ...c })) }), expect: only(recruiters, 200) },
  { method: "GET", route: "/api/v1/trainee/interviewers", expect: only(recruiters, 200) },
  // Services, groups, the timeline, the activity report and events (issue 8).
  { method: "GET", route: "/api/v1/services/partners", expect: only(settingsReaders, 200) },
  { method: "POST", route: "/api/v1/services/partners", body: () => ({ name: `Table partner ${counter++}`, kind: "volunteer" }), expect: only(["admin", "token"], 201) },
  { method: "PATCH", route: "/api/v1/services/partners/:id", path: async (f) => `/api/v1/services/partners/${await freshPartner(f)}`, body: () => ({ kind: "nav" }), expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/services/types", expect: only(settingsReaders, 200) },
  { method: "POST", route: "/api/v1/services/types", body: () => ({ name: `Table type ${counter++}` }), expect: only(["admin", "token"], 201) },
  { method: "PATCH", route: "/api/v1/services/types/:id", path: async (f) => `/api/v1/services/types/${await freshServiceType(f)}`, body: () => ({ archived: true }), expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/candidates/:id/services", path: candidatePath("/services"), expect: only(candidateReaders, 200) },
  { method: "POST", route: "/api/v1/candidates/:id/services", path: candidatePath("/services"), body: async (f) => ({ serviceTypeId: await freshServiceType(f), date: "2026-03-01" }), expect: only(caseworkers, 201) },
  {
    method: "DELETE",
    route: "/api/v1/candidates/:id/services/:serviceId",
    path: async (f) => {
      const candidateId = await freshCandidate(f);
      const [row] = await f.t.ctx.db.insert(candidateServices).values({ tenantId: f.tenantId, candidateId, serviceTypeId: await freshServiceType(f), date: "2026-03-01" }).returning();
      return `/api/v1/candidates/${candidateId}/services/${row!.id}`;
    },
    expect: only(caseworkers, 204),
  },
  { method: "GET", route: "/api/v1/candidates/:id/timeline", path: candidatePath("/timeline"), expect: only(candidateReaders, 200) },
  { method: "GET", route: "/api/v1/services/groups", expect: only(caseworkers, 200) },
  { method: "POST", route: "/api/v1/services/groups", body: async (f) => ({ name: "Table group", serviceTypeId: await freshServiceType(f), capacity: 4 }), expect: only(caseworkers, 201) },
  { method: "GET", route: "/api/v1/services/groups/:id", path: async (f) => `/api/v1/services/groups/${await freshGroup(f)}`, expect: only(caseworkers, 200) },
  { method: "PATCH", route: "/api/v1/services/groups/:id", path: async (f) => `/api/v1/services/groups/${await freshGroup(f)}`, body: () => ({ capacity: 6 }), expect: only(caseworkers, 200) },
  { method: "DELETE", route: "/api/v1/services/groups/:id", path: async (f) => `/api/v1/services/groups/${await freshGroup(f)}`, expect: only(caseworkers, 204) },
  { method: "POST", route: "/api/v1/services/groups/:id/participants", path: async (f) => `/api/v1/services/groups/${await freshGroup(f)}/participants`, body: async (f) => ({ candidateId: await freshCandidate(f) }), expect: only(caseworkers, 201) },
  {
    method: "DELETE",
    route: "/api/v1/services/groups/:id/participants/:candidateId",
    path: async (f) => {
      const { groupId, candidateId } = await freshSession(f);
      return `/api/v1/services/groups/${groupId}/participants/${candidateId}`;
    },
    expect: only(caseworkers, 200),
  },
  { method: "POST", route: "/api/v1/services/groups/:id/sessions", path: async (f) => `/api/v1/services/groups/${await freshGroup(f)}/sessions`, body: () => ({ startsAt: "2026-04-01T16:00:00+02:00" }), expect: only(caseworkers, 201) },
  {
    method: "DELETE",
    route: "/api/v1/services/groups/:id/sessions/:sessionId",
    path: async (f) => {
      const { groupId, sessionId } = await freshSession(f);
      return `/api/v1/services/groups/${groupId}/sessions/${sessionId}`;
    },
    expect: only(caseworkers, 204),
  },
  { method: "GET", route: "/api/v1/services/sessions/:id/attendance", path: async (f) => `/api/v1/services/sessions/${(await freshSession(f)).sessionId}/attendance`, expect: only(caseworkers, 200) },
  {
    method: "PUT",
    route: "/api/v1/services/sessions/:id/attendance/:candidateId",
    path: async (f) => {
      const { sessionId, candidateId } = await freshSession(f);
      return `/api/v1/services/sessions/${sessionId}/attendance/${candidateId}`;
    },
    body: () => ({ present: true }),
    expect: only(caseworkers, 200),
  },
  { method: "GET", route: "/api/v1/reports/activity", expect: only(["admin", "viewer", "token", "instanceAdmin"], 200) },
  { method: "GET", route: "/api/v1/events", expect: only(caseworkers, 200) },
  { method: "POST", route: "/api/v1/events", body: () => ({ kind: "network_meeting", title: "Table meeting", startsAt: "2026-06-01T09:00:00+02:00", endsAt: "2026-06-01T10:00:00+02:00" }), expect: only(caseworkers, 201) },
  { method: "GET", route: "/api/v1/events/:id", path: async (f) => `/api/v1/events/${await freshEvent(f)}`, expect: only(caseworkers, 200) },
  { method: "PATCH", route: "/api/v1/events/:id", path: async (f) => `/api/v1/events/${await freshEvent(f)}`, body: () => ({ interviewsAgreed: 2 }), expect: only(caseworkers, 200) },
  { method: "DELETE", route: "/api/v1/events/:id", path: async (f) => `/api/v1/events/${await freshEvent(f)}`, expect: only(caseworkers, 204) },
  { method: "GET", route: "/api/v1/events/:id/calendar.ics", path: async (f) => `/api/v1/events/${await freshEvent(f)}/calendar.ics`, expect: only(caseworkers, 200) },
  { method: "POST", route: "/api/v1/events/:id/invitees", path: async (f) => `/api/v1/events/${await freshEvent(f)}/invitees`, body: async (f) => ({ candidateIds: [await freshCandidate(f)] }), expect: only(caseworkers, 201) },
  { method: "PATCH", route: "/api/v1/events/:id/invitees/:inviteeId", path: freshInviteePath, body: () => ({ status: "registered" }), expect: only(caseworkers, 200) },
  { method: "DELETE", route: "/api/v1/events/:id/invitees/:inviteeId", path: freshInviteePath, expect: only(caseworkers, 204) },
  { method: "POST", route: "/api/v1/events/:id/invitations", path: async (f) => `/api/v1/events/${await freshEvent(f)}/invitations`, expect: only(caseworkers, 200) },
  // The candidate portal: candidates reach their own record only; caseworkers invite and ask; admins choose what is editable.
  { method: "GET", route: "/api/v1/my/profile", path: myPath("/api/v1/my/profile"), expect: only(["candidate"], 200) },
  { method: "PATCH", route: "/api/v1/my/profile", path: myPath("/api/v1/my/profile"), body: () => ({ jobWishes: { occupationUris: [], municipalities: ["Bærum"], extent: "any" } }), expect: only(["candidate"], 200) },
  { method: "GET", route: "/api/v1/my/data-export", path: myPath("/api/v1/my/data-export"), expect: only(["candidate"], 200) },
  { method: "GET", route: "/api/v1/my/data-export.pdf", path: myPath("/api/v1/my/data-export.pdf"), expect: only(["candidate"], 200) },
  { method: "GET", route: "/api/v1/my/cv.pdf", path: myPath("/api/v1/my/cv.pdf?lang=en"), expect: only(["candidate"], 200) },
  { method: "GET", route: "/api/v1/my/consent-requests", path: myPath("/api/v1/my/consent-requests"), expect: only(["candidate"], 200) },
  { method: "POST", route: "/api/v1/my/consent-requests/:id/answer", path: freshMyRequestPath, body: () => ({ answer: "no" }), expect: only(["candidate"], 200) },
  { method: "GET", route: "/api/v1/my/consents", path: myPath("/api/v1/my/consents"), expect: only(["candidate"], 200) },
  { method: "POST", route: "/api/v1/my/consents/:id/withdraw", path: freshMyConsentPath, expect: only(["candidate"], 204) },
  { method: "GET", route: "/api/v1/my/access-log", path: myPath("/api/v1/my/access-log"), expect: only(["candidate"], 200) },
  { method: "GET", route: "/api/v1/my/matches", path: myPath("/api/v1/my/matches"), expect: only(["candidate"], 200) },
  { method: "DELETE", route: "/api/v1/my/profile", path: myPath("/api/v1/my/profile"), expect: only(["candidate"], 204) },
  { method: "GET", route: "/api/v1/candidates/:id/portal", path: candidatePath("/portal"), expect: only(candidateWriters, 200) },
  { method: "POST", route: "/api/v1/candidates/:id/portal-invitation", path: candidatePath("/portal-invitation"), body: () => ({ email: `portal-${counter++}@example.no` }), expect: only(candidateWriters, 201) },
  { method: "GET", route: "/api/v1/candidates/:id/consent-requests", path: candidatePath("/consent-requests"), expect: only(candidateWriters, 200) },
  { method: "POST", route: "/api/v1/candidates/:id/consent-requests", path: freshPortalCandidatePath("/consent-requests"), body: async (f) => ({ jobId: await freshJob(f) }), expect: only(candidateWriters, 201) },
  { method: "GET", route: "/api/v1/portal-settings", expect: only(["admin", "advisor", "token"], 200) },
  { method: "PUT", route: "/api/v1/portal-settings", body: () => ({ editable: ["contact", "jobWishes", "languages", "skills", "availability"] }), expect: only(["admin", "token"], 200) },
  // Audit views (ADR 026): the logs for the network's admins (and admin API tokens); the record of processing for viewers too.
  { method: "GET", route: "/api/v1/audit/changes", expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/audit/reads", expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/audit/changes/export", expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/audit/reads/export", path: () => "/api/v1/audit/reads/export?format=xlsx", expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/audit/denied", expect: only(["admin", "token"], 200) },
  // Unknown callers' denied requests: instance administrators only (this one's role in the network is viewer).
  { method: "GET", route: "/api/v1/audit/denied", path: () => "/api/v1/audit/denied?scope=unauthenticated", expect: only([], 403) },
  { method: "GET", route: "/api/v1/audit/flags", expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/audit/settings", expect: only(["admin", "token"], 200) },
  { method: "PATCH", route: "/api/v1/audit/settings", body: () => ({ maxProfiles: 60 }), expect: only(["admin", "token"], 200) },
  { method: "GET", route: "/api/v1/audit/processing-record", expect: only(["admin", "viewer", "instanceAdmin", "token"], 200) },
];

/** Served /api routes missing from the table, and rows for routes the app does not serve. */
function tableGaps(served: { method: string; url: string }[], rows: Row[]) {
  const servedKeys = served.filter((r) => r.url.startsWith("/api")).map((r) => `${r.method} ${r.url}`);
  const listed = new Set(rows.map((row) => `${row.method} ${row.route}`));
  return { missing: servedKeys.filter((route) => !listed.has(route)), stale: [...listed].filter((route) => !servedKeys.includes(route)) };
}

describe("authorisation table", () => {
  let t: TestApp;
  let tenantId: string;
  const clients = new Map<Who, Client>();
  /** An instance administrator whose role in the network is viewer. */
  const signInInstanceAdmin = async () => {
    const user = await t.createUser(tenantId, "viewer", { instanceAdmin: true });
    clients.set("instanceAdmin", await t.signIn(user.email, user.password));
  };

  /** The employer user is a contact of a company of the network, so the portal has something to show. */
  const signInRoles = async () => {
    for (const role of roles) {
      const client = await t.as(role, tenantId);
      clients.set(role, client);
      if (role === "candidate") {
        await linkedCandidate({ t, tenantId });
      }
      if (role === "employer") {
        const employer = await insertTestEmployer(t.ctx.db, tenantId, { name: "Portal Company AS" });
        await t.ctx.db.insert(employerContacts).values({ tenantId, employerId: employer.id, name: "Portal user", userId: client.userId });
      }
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    // A network exists, so set-up is closed; every caller acts in this network.
    const network = await t.createNetwork({ slug: "table" });
    tenantId = network.id;
    await signInRoles();
    await signInInstanceAdmin();
    clients.set("anonymous", t.anonymous);
    clients.set("token", t.bearer((await createApiToken(t.ctx.db, { kind: "system", tenantId }, { tenantId, role: "admin", name: "table" })).token));
  });
  afterAll(() => t.close());

  it("lists every /api route the app serves", () => {
    expect(tableGaps(t.routes, table)).toEqual({ missing: [], stale: [] });
  });

  it("would fail for a served route missing from the table, or a row for a route no longer served", async () => {
    // The mechanism itself: a route the app serves but the table lacks is reported, and so is a stale row.
    const unlisted = { method: "POST", url: "/api/v1/not-in-the-table/:id" };
    expect(tableGaps([...t.routes, unlisted], table).missing).toEqual(["POST /api/v1/not-in-the-table/:id"]);
    expect(tableGaps(t.routes, table.slice(1)).missing).toEqual([`${table[0]!.method} ${table[0]!.route}`]);
    expect(tableGaps(t.routes.filter((r) => `${r.method} ${r.url}` !== `${table[0]!.method} ${table[0]!.route}`), table).stale).toEqual([`${table[0]!.method} ${table[0]!.route}`]);
    // The list of served routes is complete: it holds every route the router answers and every documented one.
    for (const route of t.routes) expect(t.app.hasRoute({ method: route.method as "GET", url: route.url }), `${route.method} ${route.url}`).toBe(true);
    const spec = (await t.anonymous.get("/api/openapi.json")).json() as { paths: Record<string, Record<string, unknown>> };
    const captured = new Set(t.routes.map((r) => `${r.method} ${r.url}`));
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const method of Object.keys(operations)) expect(captured.has(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`), `${method} ${path}`).toBe(true);
    }
  });

  for (const row of table) {
    it(`${row.method} ${row.route}`, async () => {
      const fixtures = { t, tenantId };
      const results: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      // Sign-out last: it ends the caller's session.
      for (const who of everyone) {
        const client = clients.get(who)!;
        const path = row.path ? await row.path(fixtures) : row.route;
        const body = row.body ? await row.body(fixtures) : row.method === "GET" || row.method === "DELETE" ? undefined : {};
        const response = await client.request(row.method, path, body, row.headers);
        results[who] = response.statusCode;
        wanted[who] = row.expect[who] ?? row.expect.default;
        if (response.statusCode >= 400) expect(response.headers["content-type"], `${who}: ${response.body}`).toContain("application/problem+json");
      }
      expect(results).toEqual(wanted);
      if (row.route === "/api/auth/sign-out") {
        await signInRoles();
        await signInInstanceAdmin();
      }
    });
  }
});
