import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import type { Actor } from "../platform/actor.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { decodeCursor, encodeCursor } from "../platform/paging.ts";
import { users } from "../platform/tables.ts";
import { networks } from "../networks/tables.ts";
import { getCandidateForCv } from "../candidates/presenters.ts";
import { contentDisposition } from "../candidates/files.ts";
import { buildAccessReport } from "../privacy/access-report.ts";
import { uuidSchema } from "../../shared/contracts.ts";
import {
  consentAnswerSchema,
  consentRequestInputSchema,
  consentRequestListSchema,
  consentRequestSchema,
  myAccessLogSchema,
  myConsentListSchema,
  myJobMatchListSchema,
  myProfilePatchSchema,
  myProfileSchema,
  portalInvitationInputSchema,
  portalInvitationSchema,
  portalLocaleSchema,
  portalSettingsSchema,
  portalStatusSchema,
  staffConsentRequestListSchema,
  staffConsentRequestSchema,
} from "../../shared/portal.ts";
import type { PortalLocale } from "../../shared/portal.ts";
import * as policy from "./policy.ts";
import {
  answerConsentRequest,
  createConsentRequest,
  editableOf,
  getMyProfile,
  inviteToPortal,
  listConsentRequestsOf,
  myAccessLog,
  myCandidate,
  myConsentRequests,
  myConsents,
  myMatches,
  portalStatus,
  requestMyErasure,
  updateMyProfile,
  updatePortalSettings,
  withdrawMyConsent,
} from "./service.ts";

const tags = ["candidate portal"];
const langQuery = z.strictObject({ lang: portalLocaleSchema.optional() });
const idParams = z.strictObject({ id: uuidSchema });

/** `?lang=` when given, else the language the user chose (PATCH /api/v1/me), else bokmål. */
async function langOf(ctx: AppContext, actor: Actor, query: PortalLocale | undefined): Promise<PortalLocale> {
  if (query) return query;
  if (actor.kind !== "user") return "nb";
  const [user] = await ctx.db.select({ locale: users.locale }).from(users).where(eq(users.id, actor.userId)).limit(1);
  const parsed = portalLocaleSchema.safeParse(user?.locale);
  return parsed.success ? parsed.data : "nb";
}

const presentStaffRequest = (r: { id: string; candidateId: string; jobId: string; status: string; requestedAt: Date; answeredAt: Date | null }) => ({
  id: r.id,
  candidateId: r.candidateId,
  jobId: r.jobId,
  status: r.status as z.infer<typeof staffConsentRequestSchema>["status"],
  requestedAt: r.requestedAt.toISOString(),
  answeredAt: r.answeredAt?.toISOString() ?? null,
});

export function registerPortalRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const own = guard(ctx, policy.own);
  const caseworkers = guard(ctx, policy.caseworkers);

  // ----- the candidate's own pages (the candidate comes from the signed-in user, never from the path) -----

  app.get(
    "/api/v1/my/profile",
    { onRequest: own, schema: { tags, summary: "My profile as a candidate, with what I may edit (the read is logged)", querystring: langQuery, response: { 200: myProfileSchema } } },
    async (request) => {
      const actor = actorOf(request);
      return getMyProfile(ctx.db, actor, await langOf(ctx, actor, request.query.lang));
    },
  );

  app.patch(
    "/api/v1/my/profile",
    {
      onRequest: own,
      schema: {
        tags,
        summary: "Change what the network lets candidates change: contact data, job wishes, languages, skills, availability (others: 400; turned off by the network: 403)",
        querystring: langQuery,
        body: myProfilePatchSchema,
        response: { 200: myProfileSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateMyProfile(ctx.db, actor, request.body, await langOf(ctx, actor, request.query.lang));
    },
  );

  // A copy of my data (the right of access, privacy/access-report.ts): the same report caseworkers make on the
  // candidate's behalf, for the candidate's own record only, logged with purpose access_request.
  app.get(
    "/api/v1/my/data-export",
    { onRequest: own, schema: { tags, summary: "A copy of everything the network holds about me, as JSON (the right of access)" } },
    async (request, reply) => {
      const actor = actorOf(request);
      const candidate = await myCandidate(ctx.db, actor);
      const report = await buildAccessReport(ctx.db, actor, candidate.id);
      return reply.header("content-disposition", contentDisposition(`mine-data-${report.generatedAt.slice(0, 10)}.json`)).header("cache-control", "no-store").send(report);
    },
  );

  app.get(
    "/api/v1/my/data-export.pdf",
    { onRequest: own, schema: { tags, summary: "A copy of everything the network holds about me, as a readable PDF in bokmål (the right of access)" } },
    async (request, reply) => {
      const actor = actorOf(request);
      const candidate = await myCandidate(ctx.db, actor);
      const report = await buildAccessReport(ctx.db, actor, candidate.id);
      const { renderAccessReportPdf } = await import("../privacy/access-report-pdf.ts");
      const pdf = await renderAccessReportPdf(report);
      return reply.type("application/pdf").header("content-disposition", contentDisposition(`mine-data-${report.generatedAt.slice(0, 10)}.pdf`)).header("cache-control", "no-store").send(pdf);
    },
  );

  app.get(
    "/api/v1/my/cv.pdf",
    { onRequest: own, schema: { tags, summary: "My CV as PDF, in bokmål or English (the read is logged with purpose cv)", querystring: z.strictObject({ lang: z.enum(["nb", "en"]).default("nb") }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const candidate = await myCandidate(ctx.db, actor);
      const lang = request.query.lang;
      const view = await getCandidateForCv(ctx.db, actor, candidate.id, lang);
      const [network] = await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, actor.tenantId)).limit(1);
      const { renderCvPdf } = await import("../cv/render.ts");
      const pdf = await renderCvPdf(view, { variant: "full", lang, ...(network ? { networkName: network.name } : {}) });
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition(`cv-${view.firstName}-${view.lastName}-${lang}.pdf`))
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );

  app.delete(
    "/api/v1/my/profile",
    { onRequest: own, schema: { tags, summary: "Ask to be erased: hidden at once, anonymised later (the candidates' erasure request)" } },
    async (request, reply) => {
      await requestMyErasure(ctx.db, actorOf(request));
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/my/consent-requests",
    { onRequest: own, schema: { tags, summary: "Requests to share my CV with an employer for a job: open ones first", response: { 200: consentRequestListSchema } } },
    async (request) => ({ items: await myConsentRequests(ctx.db, actorOf(request)) }),
  );

  app.post(
    "/api/v1/my/consent-requests/:id/answer",
    { onRequest: own, schema: { tags, summary: "Answer a request: yes gives the consent to share for that employer and job; no records the refusal", params: idParams, body: consentAnswerSchema, response: { 200: consentRequestSchema } } },
    async (request) => answerConsentRequest(ctx.db, actorOf(request), request.params.id, request.body.answer),
  );

  app.get(
    "/api/v1/my/consents",
    { onRequest: own, schema: { tags, summary: "My consents, newest first, with the text I agreed to", response: { 200: myConsentListSchema } } },
    async (request) => ({ items: await myConsents(ctx.db, actorOf(request)) }),
  );

  app.post(
    "/api/v1/my/consents/:id/withdraw",
    { onRequest: own, schema: { tags, summary: "Withdraw one of my consents, with immediate effect", params: idParams } },
    async (request, reply) => {
      await withdrawMyConsent(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/my/access-log",
    {
      onRequest: own,
      schema: {
        tags,
        summary: "Who read my record: when, why, the role and the organisation (no staff names)",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
        response: { 200: myAccessLogSchema },
      },
    },
    async (request) => {
      const { items, more } = await myAccessLog(ctx.db, actorOf(request), { limit: request.query.limit, cursor: decodeCursor(request.query.cursor) });
      const last = items.at(-1);
      return {
        items: items.map(({ at, purpose, role, organisation }) => ({ at, purpose, role, organisation })),
        nextCursor: more && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      };
    },
  );

  app.get(
    "/api/v1/my/matches",
    {
      onRequest: own,
      schema: {
        tags,
        summary: "Open jobs of my network that suit me, with the reasons and what is missing (a suggestion, logged)",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10), lang: portalLocaleSchema.optional() }),
        response: { 200: myJobMatchListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { items: await myMatches(ctx, actor, request.query.limit, await langOf(ctx, actor, request.query.lang)) };
    },
  );

  // ----- the caseworkers' side -----

  app.get(
    "/api/v1/candidates/:id/portal",
    { onRequest: caseworkers, schema: { tags, summary: "Is the candidate in the candidate portal, or invited?", params: idParams, response: { 200: portalStatusSchema } } },
    async (request) => portalStatus(ctx.db, actorOf(request), request.params.id),
  );

  app.post(
    "/api/v1/candidates/:id/portal-invitation",
    { onRequest: caseworkers, schema: { tags, summary: "Invite the candidate to the candidate portal by e-mail (the candidate's address unless another is given)", params: idParams, body: portalInvitationInputSchema, response: { 201: portalInvitationSchema } } },
    async (request, reply) => {
      const invitation = await inviteToPortal(ctx, actorOf(request), request.params.id, request.body.email);
      return reply.status(201).send({ id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() });
    },
  );

  app.get(
    "/api/v1/candidates/:id/consent-requests",
    { onRequest: caseworkers, schema: { tags, summary: "The consent requests sent to the candidate in the portal, and their answers", params: idParams, response: { 200: staffConsentRequestListSchema } } },
    async (request) => ({ items: (await listConsentRequestsOf(ctx.db, actorOf(request), request.params.id)).map(presentStaffRequest) }),
  );

  app.post(
    "/api/v1/candidates/:id/consent-requests",
    { onRequest: caseworkers, schema: { tags, summary: "Ask the candidate in the portal for consent to share with this job's employer for this job", params: idParams, body: consentRequestInputSchema, response: { 201: staffConsentRequestSchema } } },
    async (request, reply) => reply.status(201).send(presentStaffRequest(await createConsentRequest(ctx.db, actorOf(request), request.params.id, request.body.jobId))),
  );

  app.get(
    "/api/v1/portal-settings",
    { onRequest: guard(ctx, policy.readSettings), schema: { tags, summary: "What candidates may edit in the candidate portal", response: { 200: portalSettingsSchema } } },
    async (request) => ({ editable: await editableOf(ctx.db, actorOf(request).tenantId) }),
  );

  app.put(
    "/api/v1/portal-settings",
    { onRequest: guard(ctx, policy.writeSettings), schema: { tags, summary: "Choose what candidates may edit in the candidate portal", body: portalSettingsSchema, response: { 200: portalSettingsSchema } } },
    async (request) => ({ editable: await updatePortalSettings(ctx.db, actorOf(request), request.body.editable) }),
  );
}
