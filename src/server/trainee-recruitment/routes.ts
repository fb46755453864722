import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { toPage } from "../platform/paging.ts";
import { listOf, uuidSchema } from "../../shared/contracts.ts";
import { langOf } from "../candidates/presenters.ts";
import {
  criteriaInputSchema,
  criteriaSchema,
  decisionInputSchema,
  interviewInputSchema,
  interviewerListSchema,
  needInputSchema,
  needListQuerySchema,
  needMatchListSchema,
  needMatchesQuerySchema,
  needReadQuerySchema,
  needSchema,
  needUpdateSchema,
  scoreSheetInputSchema,
  scoresSchema,
  shortlistAddSchema,
  shortlistEntrySchema,
  shortlistMoveSchema,
  shortlistSchema,
} from "../../shared/trainee-recruitment.ts";
import * as policy from "./policy.ts";
import { createNeed, deleteNeed, getNeed, listNeeds, matchesForNeed, updateNeed } from "./service.ts";
import { addToShortlist, decide, ensureCriteria, getScores, listInterviewers, listShortlist, moveEntry, presentCriteria, removeEntry, replaceCriteria, scheduleInterview, submitScores } from "./shortlist.ts";
import { presentNeed, presentNeeds } from "./presenters.ts";

const tags = ["trainee recruitment"];
const idParams = z.strictObject({ id: uuidSchema });
const entryParams = z.strictObject({ id: uuidSchema, entryId: uuidSchema });
const langQuery = z.strictObject({ lang: z.enum(["nb", "en"]).optional() });

export function registerTraineeRecruitmentRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const readNeeds = guard(ctx, policy.readNeeds);
  const writeNeeds = guard(ctx, policy.writeNeeds);
  const manage = guard(ctx, policy.manageShortlist);
  const lang = (request: { query: { lang?: "nb" | "en" | undefined }; headers: { "accept-language"?: string | undefined } }) => langOf(request.query.lang, request.headers["accept-language"]);

  // ---- Needs

  app.get(
    "/api/v1/trainee/needs",
    { onRequest: readNeeds, schema: { tags, summary: "The municipality's recruitment needs for the trainee programme, newest first", querystring: needListQuerySchema, response: { 200: listOf(needSchema) } } },
    async (request) => {
      const actor = actorOf(request);
      const page = toPage(await listNeeds(ctx.db, actor, request.query), request.query.limit);
      return { items: await presentNeeds(ctx.db, actor, page.items, lang(request)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/trainee/needs",
    { onRequest: writeNeeds, schema: { tags, summary: "Register a unit's recruitment need", querystring: langQuery, body: needInputSchema, response: { 201: needSchema } } },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await presentNeed(ctx.db, actor, await createNeed(ctx.db, actor, request.body), lang(request)));
    },
  );

  app.get(
    "/api/v1/trainee/needs/:id",
    { onRequest: readNeeds, schema: { tags, summary: "One recruitment need", params: idParams, querystring: needReadQuerySchema, response: { 200: needSchema } } },
    async (request) => {
      const actor = actorOf(request);
      return presentNeed(ctx.db, actor, await getNeed(ctx.db, actor, request.params.id), lang(request));
    },
  );

  app.patch(
    "/api/v1/trainee/needs/:id",
    { onRequest: writeNeeds, schema: { tags, summary: "Change a need; lists replace the whole list", params: idParams, querystring: langQuery, body: needUpdateSchema, response: { 200: needSchema } } },
    async (request) => {
      const actor = actorOf(request);
      return presentNeed(ctx.db, actor, await updateNeed(ctx.db, actor, request.params.id, request.body), lang(request));
    },
  );

  app.delete(
    "/api/v1/trainee/needs/:id",
    { onRequest: writeNeeds, schema: { tags, summary: "Delete a need without a shortlist (otherwise close it: 422)", params: idParams } },
    async (request, reply) => {
      await deleteNeed(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/trainee/needs/:id/matches",
    {
      onRequest: guard(ctx, policy.suggestions),
      schema: {
        tags,
        summary: "Suggested candidates for the need under the programme's rule (higher education), best first, explained as job matches (a suggestion; every ranking shown is logged)",
        params: idParams,
        querystring: needMatchesQuerySchema,
        response: { 200: needMatchListSchema },
      },
    },
    async (request) => matchesForNeed(ctx, actorOf(request), request.params.id, { limit: request.query.limit, lang: lang(request), includeIneligible: request.query.includeIneligible }),
  );

  // ---- Shortlist

  app.get(
    "/api/v1/trainee/needs/:id/shortlist",
    { onRequest: guard(ctx, policy.readShortlist), schema: { tags, summary: "The need's shortlist with interviews, scoring state and decisions", params: idParams, response: { 200: shortlistSchema } } },
    async (request) => ({ items: await listShortlist(ctx.db, actorOf(request), request.params.id) }),
  );

  app.post(
    "/api/v1/trainee/needs/:id/shortlist",
    {
      onRequest: guard(ctx, policy.proposeCandidate),
      schema: { tags, summary: "Shortlist (propose) a candidate with higher education; 409 when already on it", params: idParams, body: shortlistAddSchema, response: { 201: shortlistEntrySchema } },
    },
    async (request, reply) => reply.status(201).send(await addToShortlist(ctx.db, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    "/api/v1/trainee/needs/:id/shortlist/:entryId",
    { onRequest: manage, schema: { tags, summary: "Move an entry between shortlisted, interview scheduled and interviewed", params: entryParams, body: shortlistMoveSchema, response: { 200: shortlistEntrySchema } } },
    async (request) => moveEntry(ctx.db, actorOf(request), request.params.id, request.params.entryId, request.body.status),
  );

  app.delete(
    "/api/v1/trainee/needs/:id/shortlist/:entryId",
    { onRequest: manage, schema: { tags, summary: "Take a candidate off the shortlist (not once scored or decided: 422)", params: entryParams } },
    async (request, reply) => {
      await removeEntry(ctx.db, actorOf(request), request.params.id, request.params.entryId);
      return reply.status(204).send();
    },
  );

  app.put(
    "/api/v1/trainee/needs/:id/shortlist/:entryId/interview",
    { onRequest: manage, schema: { tags, summary: "Schedule or move the interview, with its panel; optionally invite the panel by e-mail", params: entryParams, body: interviewInputSchema, response: { 200: shortlistEntrySchema } } },
    async (request) => scheduleInterview(ctx, actorOf(request), request.params.id, request.params.entryId, request.body),
  );

  app.post(
    "/api/v1/trainee/needs/:id/shortlist/:entryId/decision",
    { onRequest: manage, schema: { tags, summary: "Accept or reject the candidate, with the reason (audited)", params: entryParams, body: decisionInputSchema, response: { 200: shortlistEntrySchema } } },
    async (request) => decide(ctx.db, actorOf(request), request.params.id, request.params.entryId, request.body),
  );

  app.get(
    "/api/v1/trainee/needs/:id/shortlist/:entryId/scores",
    {
      onRequest: guard(ctx, policy.score),
      schema: { tags, summary: "The interview scores as the reader may see them (a panel member: the others' after handing in their own)", params: entryParams, querystring: langQuery, response: { 200: scoresSchema } },
    },
    async (request) => getScores(ctx.db, actorOf(request), request.params.id, request.params.entryId, lang(request)),
  );

  app.put(
    "/api/v1/trainee/needs/:id/shortlist/:entryId/scores/mine",
    {
      onRequest: guard(ctx, policy.score),
      schema: { tags, summary: "Hand in your scores (panel members, once): every criterion 1–5 with comments", params: entryParams, querystring: langQuery, body: scoreSheetInputSchema, response: { 200: scoresSchema } },
    },
    async (request) => submitScores(ctx.db, actorOf(request), request.params.id, request.params.entryId, request.body, lang(request)),
  );

  // ---- Criteria and interviewers

  app.get(
    "/api/v1/trainee/criteria",
    { onRequest: guard(ctx, policy.readCriteria), schema: { tags, summary: "The network's interview criteria, in order", querystring: langQuery, response: { 200: criteriaSchema } } },
    async (request) => ({ items: presentCriteria(await ensureCriteria(ctx.db, actorOf(request).tenantId), lang(request)) }),
  );

  app.put(
    "/api/v1/trainee/criteria",
    { onRequest: guard(ctx, policy.writeCriteria), schema: { tags, summary: "Replace the interview criteria (scores handed in keep theirs)", querystring: langQuery, body: criteriaInputSchema, response: { 200: criteriaSchema } } },
    async (request) => ({ items: presentCriteria(await replaceCriteria(ctx.db, actorOf(request), request.body), lang(request)) }),
  );

  app.get(
    "/api/v1/trainee/interviewers",
    { onRequest: manage, schema: { tags, summary: "The network's hr, admin and advisor users, who may sit on an interview panel", response: { 200: interviewerListSchema } } },
    async (request) => ({ items: (await listInterviewers(ctx.db, actorOf(request).tenantId)).map(({ userId, name, role }) => ({ userId, name, role })) }),
  );
}
