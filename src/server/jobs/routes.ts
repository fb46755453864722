import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { decodeCursor, encodeCursor, toPage } from "../platform/paging.ts";
import { listOf, pageQuerySchema, uuidSchema } from "../../shared/contracts.ts";
import { langOf } from "../candidates/presenters.ts";
import { contentDisposition } from "../candidates/files.ts";
import { networks } from "../networks/tables.ts";
import { eq } from "drizzle-orm";
import {
  employerResponseInputSchema,
  employerResponseResultSchema,
  jobInputSchema,
  jobListQuerySchema,
  jobReadQuerySchema,
  jobSchema,
  jobUpdateSchema,
  pipelineAddSchema,
  pipelineEntrySchema,
  pipelineListQuerySchema,
  pipelineMoveSchema,
  pipelineShareSchema,
  pipelineStagesInputSchema,
  pipelineStagesSchema,
  sharedCandidateSchema,
  skillSuggestionsQuerySchema,
  skillSuggestionsSchema,
  stageChangeSchema,
} from "../../shared/jobs.ts";
import * as policy from "./policy.ts";
import { createJob, deleteJob, getJob, listJobs, skillSuggestions, updateJob } from "./service.ts";
import { listStages, replaceStages } from "./stages.ts";
import { addEntry, deleteEntry, listEntries, listHistory, moveEntry, shareEntry } from "./pipeline.ts";
import { presentChanges, presentEntries, presentJob, presentJobs, presentStages } from "./presenters.ts";
import { candidateViewOf, getSharedCandidate, listSharedCandidates, presentShared, respondToShare } from "./portal.ts";

const tags = ["jobs"];
const idParams = z.strictObject({ id: uuidSchema });
const entryParams = z.strictObject({ id: uuidSchema, entryId: uuidSchema });
const portalParams = z.strictObject({ entryId: uuidSchema });
const langQuery = z.strictObject({ lang: z.enum(["nb", "en"]).optional() });

export function registerJobRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const readJobs = guard(ctx, policy.readJobs);
  const writeJobs = guard(ctx, policy.writeJobs);
  const readPipeline = guard(ctx, policy.readPipeline);
  const writePipeline = guard(ctx, policy.writePipeline);

  // ---- Jobs

  app.get(
    "/api/v1/jobs",
    { onRequest: readJobs, schema: { tags, summary: "Jobs of the network, newest first (an employer user: the own company's)", querystring: jobListQuerySchema, response: { 200: listOf(jobSchema) } } },
    async (request) => {
      const actor = actorOf(request);
      const page = toPage(await listJobs(ctx.db, actor, request.query), request.query.limit);
      return { items: await presentJobs(ctx.db, actor, page.items, langOf(request.query.lang, request.headers["accept-language"])), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/jobs",
    { onRequest: writeJobs, schema: { tags, summary: "Register a job (an employer user: for the own company)", querystring: langQuery, body: jobInputSchema, response: { 201: jobSchema } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await createJob(ctx.db, actor, request.body);
      return reply.status(201).send(await presentJob(ctx.db, actor, row, langOf(request.query.lang, request.headers["accept-language"])));
    },
  );

  app.get(
    "/api/v1/jobs/skill-suggestions",
    {
      onRequest: readJobs,
      schema: { tags, summary: "The occupation's essential and optional skills in ESCO, for the job form", querystring: skillSuggestionsQuerySchema, response: { 200: skillSuggestionsSchema } },
    },
    async (request) => skillSuggestions(ctx.db, request.query.occupationUri, langOf(request.query.lang, request.headers["accept-language"])),
  );

  app.get(
    "/api/v1/jobs/:id",
    { onRequest: readJobs, schema: { tags, summary: "One job", params: idParams, querystring: jobReadQuerySchema, response: { 200: jobSchema } } },
    async (request) => {
      const actor = actorOf(request);
      return presentJob(ctx.db, actor, await getJob(ctx.db, actor, request.params.id), langOf(request.query.lang, request.headers["accept-language"]));
    },
  );

  app.patch(
    "/api/v1/jobs/:id",
    { onRequest: writeJobs, schema: { tags, summary: "Change a job; lists replace the whole list", params: idParams, querystring: langQuery, body: jobUpdateSchema, response: { 200: jobSchema } } },
    async (request) => {
      const actor = actorOf(request);
      return presentJob(ctx.db, actor, await updateJob(ctx.db, actor, request.params.id, request.body), langOf(request.query.lang, request.headers["accept-language"]));
    },
  );

  app.delete(
    "/api/v1/jobs/:id",
    { onRequest: writeJobs, schema: { tags, summary: "Delete a job without candidates on its list (otherwise close it: 422)", params: idParams } },
    async (request, reply) => {
      await deleteJob(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  // ---- Stages

  app.get(
    "/api/v1/pipeline-stages",
    { onRequest: guard(ctx, policy.readStages), schema: { tags, summary: "The network's candidate-list stages, in order", querystring: langQuery, response: { 200: pipelineStagesSchema } } },
    async (request) => {
      const { stages, usage } = await listStages(ctx.db, actorOf(request));
      return { items: presentStages(stages, usage, langOf(request.query.lang, request.headers["accept-language"])) };
    },
  );

  app.put(
    "/api/v1/pipeline-stages",
    {
      onRequest: guard(ctx, policy.writeStages),
      schema: { tags, summary: "Rename, reorder, add or remove stages (keys stay; stages in use and suggested/shared/hired stay)", querystring: langQuery, body: pipelineStagesInputSchema, response: { 200: pipelineStagesSchema } },
    },
    async (request) => {
      const { stages, usage } = await replaceStages(ctx.db, actorOf(request), request.body);
      return { items: presentStages(stages, usage, langOf(request.query.lang, request.headers["accept-language"])) };
    },
  );

  // ---- Candidate list

  app.get(
    "/api/v1/jobs/:id/pipeline",
    { onRequest: readPipeline, schema: { tags, summary: "The job's candidate list, oldest entry first (up to 200 a page)", params: idParams, querystring: pipelineListQuerySchema, response: { 200: listOf(pipelineEntrySchema) } } },
    async (request) => {
      const actor = actorOf(request);
      const job = await getJob(ctx.db, actor, request.params.id);
      const rows = await listEntries(ctx.db, actor, job.id, { limit: request.query.limit, cursor: decodeCursor(request.query.cursor), stage: request.query.stage });
      const page = toPage(rows, request.query.limit);
      return { items: await presentEntries(ctx.db, actor, job, page.items, langOf(request.query.lang, request.headers["accept-language"])), nextCursor: page.nextCursor };
    },
  );

  const presentOne = async (request: { headers: Record<string, string | string[] | undefined> }, actor: ReturnType<typeof actorOf>, jobId: string, entry: Parameters<typeof presentEntries>[3][number], lang?: string) => {
    const job = await getJob(ctx.db, actor, jobId);
    return (await presentEntries(ctx.db, actor, job, [entry], langOf(lang, request.headers["accept-language"] as string | undefined)))[0]!;
  };

  app.post(
    "/api/v1/jobs/:id/pipeline",
    {
      onRequest: writePipeline,
      schema: { tags, summary: "Put a candidate on the list (from the matches with their score, or from search); 409 when already on it", params: idParams, querystring: langQuery, body: pipelineAddSchema, response: { 201: pipelineEntrySchema } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const entry = await addEntry(ctx.db, actor, request.params.id, request.body);
      return reply.status(201).send(await presentOne(request, actor, request.params.id, entry, request.query.lang));
    },
  );

  app.patch(
    "/api/v1/jobs/:id/pipeline/:entryId",
    { onRequest: writePipeline, schema: { tags, summary: "Move an entry to a stage, with a note (kept in the history)", params: entryParams, querystring: langQuery, body: pipelineMoveSchema, response: { 200: pipelineEntrySchema } } },
    async (request) => {
      const actor = actorOf(request);
      const entry = await moveEntry(ctx.db, actor, request.params.id, request.params.entryId, request.body);
      return presentOne(request, actor, request.params.id, entry, request.query.lang);
    },
  );

  app.delete(
    "/api/v1/jobs/:id/pipeline/:entryId",
    { onRequest: writePipeline, schema: { tags, summary: "Take a candidate off the list (also ends any sharing of it)", params: entryParams } },
    async (request, reply) => {
      await deleteEntry(ctx.db, actorOf(request), request.params.id, request.params.entryId);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/jobs/:id/pipeline/:entryId/history",
    { onRequest: readPipeline, schema: { tags, summary: "The entry's stage changes, newest first, with who, when and the note", params: entryParams, querystring: pageQuerySchema, response: { 200: listOf(stageChangeSchema) } } },
    async (request) => {
      const rows = await listHistory(ctx.db, actorOf(request), request.params.id, request.params.entryId, { limit: request.query.limit, cursor: decodeCursor(request.query.cursor) });
      const items = rows.slice(0, request.query.limit);
      const last = items.at(-1);
      return { items: await presentChanges(ctx.db, items), nextCursor: rows.length > request.query.limit && last ? encodeCursor({ createdAt: last.changedAt, id: last.id }) : null };
    },
  );

  app.post(
    "/api/v1/jobs/:id/pipeline/:entryId/share",
    {
      onRequest: guard(ctx, policy.share),
      schema: {
        tags,
        summary: "Share the CV with the job's employer: needs the candidate's valid consent for this employer and job; anonymous first, full after the employer answered interesting",
        params: entryParams,
        querystring: langQuery,
        body: pipelineShareSchema,
        response: { 200: pipelineEntrySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const entry = await shareEntry(ctx.db, actor, request.params.id, request.params.entryId, request.body.variant);
      return presentOne(request, actor, request.params.id, entry, request.query.lang);
    },
  );

  // ---- The employer's view

  const employerView = guard(ctx, policy.employerView);
  const portalTags = ["employer portal"];

  app.get(
    "/api/v1/employer-portal/candidates",
    {
      onRequest: employerView,
      schema: { tags: portalTags, summary: "Candidates shared with your company, with valid consent (every read is logged)", querystring: pageQuerySchema.extend({ lang: z.enum(["nb", "en"]).optional() }), response: { 200: listOf(sharedCandidateSchema) } },
    },
    async (request) => {
      const actor = actorOf(request);
      const lang = langOf(request.query.lang, request.headers["accept-language"]);
      const rows = await listSharedCandidates(ctx.db, actor, { limit: request.query.limit, cursor: decodeCursor(request.query.cursor) });
      const items = rows.slice(0, request.query.limit);
      const last = items.at(-1);
      return {
        items: await Promise.all(items.map(async (row) => presentShared(row, await candidateViewOf(ctx.db, row, lang)))),
        nextCursor: rows.length > request.query.limit && last ? encodeCursor(last.entry) : null,
      };
    },
  );

  app.patch(
    "/api/v1/employer-portal/candidates/:entryId",
    { onRequest: employerView, schema: { tags: portalTags, summary: "Answer a shared candidate: interesting, not interesting, or hired", params: portalParams, body: employerResponseInputSchema, response: { 200: employerResponseResultSchema } } },
    async (request) => respondToShare(ctx.db, actorOf(request), request.params.entryId, request.body.response),
  );

  app.get(
    "/api/v1/employer-portal/candidates/:entryId/cv.pdf",
    { onRequest: employerView, schema: { tags: portalTags, summary: "The shared candidate's CV as PDF, in the shared variant (the read is logged)", params: portalParams, querystring: langQuery } },
    async (request, reply) => {
      const actor = actorOf(request);
      const lang = langOf(request.query.lang, request.headers["accept-language"]);
      const row = await getSharedCandidate(ctx.db, actor, request.params.entryId);
      const candidate = await candidateViewOf(ctx.db, row, lang);
      const variant = row.entry.sharedVariant === "full" ? "full" : "anonymous";
      const [network] = await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, actor.tenantId)).limit(1);
      // Loaded on first use: the PDF engine and its fonts are not needed to start the server.
      const { renderCvPdf } = await import("../cv/render.ts");
      const pdf = await renderCvPdf(candidate, { variant, lang, ...(network ? { networkName: network.name } : {}) });
      const name = variant === "anonymous" ? `cv-${lang}-anonymous.pdf` : `cv-${candidate.firstName}-${candidate.lastName}-${lang}.pdf`;
      return reply.type("application/pdf").header("content-disposition", contentDisposition(name)).header("cache-control", "no-store").send(pdf);
    },
  );

}
