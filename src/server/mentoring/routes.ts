import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { listOf, uuidSchema } from "../../shared/contracts.ts";
import { langOf } from "../candidates/presenters.ts";
import { userNames } from "../candidates/service.ts";
import {
  endMentorshipSchema,
  feedbackSchema,
  meetingInputSchema,
  meetingSchema,
  menteeConsentSchema,
  mentorInputSchema,
  mentorListQuerySchema,
  mentorPatchSchema,
  mentorSchema,
  mentorSelfSchema,
  mentoringReportQuerySchema,
  mentoringReportSchema,
  mentorshipListQuerySchema,
  mentorshipPatchSchema,
  mentorshipProposalSchema,
  mentorshipSchema,
  pairSuggestionSchema,
  signDeclarationSchema,
  suggestionsQuerySchema,
} from "../../shared/mentoring.ts";
import * as policy from "./policy.ts";
import {
  acceptAsMentor,
  createMentor,
  declineMentorship,
  encodeCursor,
  endMentorship,
  getMentorship,
  giveFeedback,
  listMentors,
  listMentorships,
  loadMentor,
  logMeeting,
  mentorSelf,
  proposeMentorship,
  recordMenteeAcceptance,
  signDeclaration,
  updateMentor,
  updateMentorship,
} from "./service.ts";
import type { MentorshipRow } from "./service.ts";
import { suggestMenteesFor, suggestMentorsFor } from "./pairing.ts";
import { mentoringReport } from "./report.ts";
import { presentMeeting, presentMentors, presentMentorships } from "./presenters.ts";
import { currentDeclaration } from "./texts.ts";

const tags = ["mentoring"];
const idParams = z.strictObject({ id: uuidSchema });
const langQuery = z.strictObject({ lang: z.enum(["nb", "en"]).optional() });
const lang = (request: FastifyRequest<{ Querystring: { lang?: "nb" | "en" | undefined } }>) => langOf(request.query.lang, request.headers["accept-language"]);

export function registerMentoringRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const coordinate = guard(ctx, policy.coordinate);
  const takePart = guard(ctx, policy.takePart);

  const one = async (request: FastifyRequest<{ Querystring: { lang?: "nb" | "en" | undefined } }>, row: MentorshipRow) => {
    const [presented] = await presentMentorships(ctx.db, actorOf(request), [row], lang(request), { withMeetings: true });
    return presented!;
  };

  // Mentors (the coordinators').
  app.get(
    "/api/v1/mentoring/mentors",
    { onRequest: coordinate, schema: { tags, summary: "Mentors of the network, by name, with their load, capacity and whether they have signed the declaration", querystring: mentorListQuerySchema, response: { 200: listOf(mentorSchema) } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listMentors(ctx.db, actor, request.query);
      const items = rows.slice(0, request.query.limit);
      const last = items.at(-1);
      return { items: await presentMentors(ctx.db, actor.tenantId, items, lang(request)), nextCursor: rows.length > request.query.limit && last ? encodeCursor(last.name, last.id) : null };
    },
  );
  app.post(
    "/api/v1/mentoring/mentors",
    { onRequest: coordinate, schema: { tags, summary: "Register a mentor; with invite: true the address is invited with the role mentor", querystring: langQuery, body: mentorInputSchema, response: { 201: mentorSchema } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await createMentor(ctx, actor, request.body);
      return reply.status(201).send((await presentMentors(ctx.db, actor.tenantId, [row], lang(request)))[0]!);
    },
  );
  app.get(
    "/api/v1/mentoring/mentors/:id",
    { onRequest: coordinate, schema: { tags, summary: "One mentor", params: idParams, querystring: langQuery, response: { 200: mentorSchema } } },
    async (request) => {
      const actor = actorOf(request);
      return (await presentMentors(ctx.db, actor.tenantId, [await loadMentor(ctx.db, actor.tenantId, request.params.id)], lang(request)))[0]!;
    },
  );
  app.patch(
    "/api/v1/mentoring/mentors/:id",
    { onRequest: coordinate, schema: { tags, summary: "Change a mentor (audited); invite: true invites the mentor's address if they have no login", params: idParams, querystring: langQuery, body: mentorPatchSchema, response: { 200: mentorSchema } } },
    async (request) => {
      const actor = actorOf(request);
      const row = await updateMentor(ctx, actor, request.params.id, request.body);
      return (await presentMentors(ctx.db, actor.tenantId, [row], lang(request)))[0]!;
    },
  );
  app.get(
    "/api/v1/mentoring/mentors/:id/suggestions",
    { onRequest: coordinate, schema: { tags, summary: "Mentees for this mentor, best first, with reasons (occupation, industry, languages, place)", params: idParams, querystring: suggestionsQuerySchema, response: { 200: z.object({ items: z.array(pairSuggestionSchema) }) } } },
    async (request) => ({ items: await suggestMenteesFor(ctx.db, actorOf(request), request.params.id, { limit: request.query.limit, lang: lang(request) }) }),
  );
  app.get(
    "/api/v1/mentoring/candidates/:id/suggestions",
    { onRequest: coordinate, schema: { tags, summary: "Mentors for this candidate, best first, with reasons; mentors at capacity or without a signed declaration are left out", params: idParams, querystring: suggestionsQuerySchema, response: { 200: z.object({ items: z.array(pairSuggestionSchema) }) } } },
    async (request) => ({ items: await suggestMentorsFor(ctx.db, actorOf(request), request.params.id, { limit: request.query.limit, lang: lang(request) }) }),
  );

  // The mentor's own profile and the declaration.
  app.get(
    "/api/v1/mentoring/me",
    { onRequest: guard(ctx, policy.mentorSelf), schema: { tags, summary: "The signed-in mentor's record and the confidentiality declaration to sign", querystring: langQuery, response: { 200: mentorSelfSchema } } },
    async (request) => {
      const actor = actorOf(request);
      const { mentor, signedAt } = await mentorSelf(ctx.db, actor);
      const declaration = currentDeclaration();
      return {
        mentor: mentor ? (await presentMentors(ctx.db, actor.tenantId, [mentor], lang(request)))[0]! : null,
        declaration,
        signedVersion: signedAt ? declaration.version : null,
        signedAt: signedAt?.toISOString() ?? null,
      };
    },
  );
  app.post(
    "/api/v1/mentoring/me/declaration",
    { onRequest: guard(ctx, policy.mentorSelf), schema: { tags, summary: "Sign the current confidentiality declaration (required before any mentee is shown)", body: signDeclarationSchema } },
    async (request, reply) => {
      await signDeclaration(ctx.db, actorOf(request), request.body.version);
      return reply.status(204).send();
    },
  );

  // Relationships.
  app.get(
    "/api/v1/mentoring/relationships",
    { onRequest: guard(ctx, policy.readRelationships), schema: { tags, summary: "Mentoring relationships, newest first: coordinators see the network's, a mentor their own (agreed fields only), a candidate their own", querystring: mentorshipListQuerySchema, response: { 200: listOf(mentorshipSchema) } } },
    async (request) => {
      const actor = actorOf(request);
      const { items, nextCursor } = await listMentorships(ctx.db, actor, request.query);
      return { items: await presentMentorships(ctx.db, actor, items, lang(request)), nextCursor };
    },
  );
  app.post(
    "/api/v1/mentoring/relationships",
    { onRequest: coordinate, schema: { tags, summary: "Propose a mentor for a candidate; it starts when both have accepted", querystring: langQuery, body: mentorshipProposalSchema, response: { 201: mentorshipSchema } } },
    async (request, reply) => reply.status(201).send(await one(request, await proposeMentorship(ctx.db, actorOf(request), request.body))),
  );
  app.get(
    "/api/v1/mentoring/relationships/:id",
    { onRequest: guard(ctx, policy.readRelationships), schema: { tags, summary: "One relationship with its meetings (the read of the mentee is logged)", params: idParams, querystring: langQuery, response: { 200: mentorshipSchema } } },
    async (request) => one(request, await getMentorship(ctx.db, actorOf(request), request.params.id)),
  );
  app.patch(
    "/api/v1/mentoring/relationships/:id",
    { onRequest: coordinate, schema: { tags, summary: "Change the goals or the planned end", params: idParams, querystring: langQuery, body: mentorshipPatchSchema, response: { 200: mentorshipSchema } } },
    async (request) => one(request, await updateMentorship(ctx.db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/api/v1/mentoring/relationships/:id/mentee-acceptance",
    { onRequest: guard(ctx, policy.menteeAccept), schema: { tags, summary: "The mentee's yes with the fields the mentor may see, recorded as the mentee's mentoring consent", params: idParams, querystring: langQuery, body: menteeConsentSchema, response: { 200: mentorshipSchema } } },
    async (request) => one(request, await recordMenteeAcceptance(ctx.db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/api/v1/mentoring/relationships/:id/accept",
    { onRequest: guard(ctx, policy.mentorAccept), schema: { tags, summary: "The mentor accepts the proposal", params: idParams, querystring: langQuery, response: { 200: mentorshipSchema } } },
    async (request) => one(request, await acceptAsMentor(ctx.db, actorOf(request), request.params.id)),
  );
  app.post(
    "/api/v1/mentoring/relationships/:id/decline",
    { onRequest: guard(ctx, [...policy.coordinate, ...policy.mentorAccept]), schema: { tags, summary: "The mentor declines, or the coordinator withdraws, a proposal", params: idParams, querystring: langQuery, response: { 200: mentorshipSchema } } },
    async (request) => one(request, await declineMentorship(ctx.db, actorOf(request), request.params.id)),
  );
  app.post(
    "/api/v1/mentoring/relationships/:id/meetings",
    { onRequest: takePart, schema: { tags, summary: "Log a meeting (date, topics, next step)", params: idParams, body: meetingInputSchema, response: { 201: meetingSchema } } },
    async (request, reply) => {
      const row = await logMeeting(ctx.db, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(presentMeeting(row, await userNames(ctx.db, [row.loggedByUserId])));
    },
  );
  app.post(
    "/api/v1/mentoring/relationships/:id/end",
    { onRequest: takePart, schema: { tags, summary: "End the relationship (the end conversation); the mentor's access ends 12 weeks later", params: idParams, querystring: langQuery, body: endMentorshipSchema, response: { 200: mentorshipSchema } } },
    async (request) => one(request, await endMentorship(ctx.db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/api/v1/mentoring/relationships/:id/feedback",
    { onRequest: takePart, schema: { tags, summary: "Feedback from the end conversation: the mentor's own, or the mentee's recorded by the coordinator", params: idParams, querystring: langQuery, body: feedbackSchema, response: { 200: mentorshipSchema } } },
    async (request) => one(request, await giveFeedback(ctx.db, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    "/api/v1/reports/mentoring",
    { onRequest: guard(ctx, policy.report), schema: { tags: ["reports", ...tags], summary: "Mentoring relationships started, active, completed, and mentees in work within 6 months of the start; small counts suppressed", querystring: mentoringReportQuerySchema, response: { 200: mentoringReportSchema } } },
    async (request) => mentoringReport(ctx.db, actorOf(request), request.query),
  );
}
