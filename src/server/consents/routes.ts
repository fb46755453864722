import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { decodeCursor, encodeCursor } from "../platform/paging.ts";
import { pageQuerySchema, uuidSchema } from "../../shared/contracts.ts";
import { userNames } from "../candidates/service.ts";
import { consentInputSchema, consentListSchema, consentSchema } from "../../shared/jobs.ts";
import * as policy from "./policy.ts";
import { giveConsent, jobNames, listConsents, withdrawConsent } from "./service.ts";
import type { ConsentWithNames } from "./service.ts";
import { consentText, currentTexts } from "./texts.ts";

const tags = ["consents"];
const idParams = z.strictObject({ id: uuidSchema });
const consentParams = z.strictObject({ id: uuidSchema, consentId: uuidSchema });

type ConsentView = z.infer<typeof consentSchema>;

async function presentConsents(ctx: AppContext, rows: ConsentWithNames[]): Promise<ConsentView[]> {
  const names = await userNames(ctx.db, rows.map((r) => r.consent.recordedByUserId));
  return rows.map(({ consent, employerName, jobTitle }) => ({
    id: consent.id,
    purpose: consent.purpose as ConsentView["purpose"],
    employer: consent.employerId ? { id: consent.employerId, name: employerName ?? "" } : null,
    job: consent.jobId ? { id: consent.jobId, title: jobTitle ?? "" } : null,
    textVersion: consent.textVersion,
    text: consentText(consent.textVersion, { employer: employerName, job: jobTitle }),
    method: consent.method as ConsentView["method"],
    givenAt: consent.givenAt.toISOString(),
    recordedBy: consent.recordedByUserId ? { userId: consent.recordedByUserId, name: names.get(consent.recordedByUserId) ?? "" } : null,
    withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    valid: consent.withdrawnAt === null,
  }));
}

export function registerConsentRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/v1/candidates/:id/consents",
    {
      onRequest: guard(ctx, policy.read),
      schema: {
        tags,
        summary: "The candidate's consents, newest first, with the text agreed to; and the current texts, with a job's employer and title filled in when jobId is given (the read is logged)",
        params: idParams,
        querystring: pageQuerySchema.extend({ jobId: uuidSchema.optional() }),
        response: { 200: consentListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listConsents(ctx.db, actor, request.params.id, { limit: request.query.limit, cursor: decodeCursor(request.query.cursor) });
      const names = request.query.jobId ? await jobNames(ctx.db, actor.tenantId, request.query.jobId) : {};
      const items = rows.slice(0, request.query.limit);
      const last = items.at(-1);
      return {
        items: await presentConsents(ctx, items),
        nextCursor: rows.length > request.query.limit && last ? encodeCursor({ createdAt: last.consent.givenAt, id: last.consent.id }) : null,
        currentTexts: currentTexts(names),
      };
    },
  );

  app.post(
    "/api/v1/candidates/:id/consents",
    {
      onRequest: guard(ctx, policy.write),
      schema: { tags, summary: "Record a consent the candidate gave (to share: for one employer and one job)", params: idParams, body: consentInputSchema, response: { 201: consentSchema } },
    },
    async (request, reply) => {
      const row = await giveConsent(ctx.db, actorOf(request), request.params.id, request.body);
      return reply.status(201).send((await presentConsents(ctx, [row]))[0]!);
    },
  );

  app.post(
    "/api/v1/candidates/:id/consents/:consentId/withdraw",
    {
      onRequest: guard(ctx, policy.write),
      schema: { tags, summary: "Withdraw a consent, with immediate effect (a share consent ends the sharing at once)", params: consentParams, response: { 200: consentSchema } },
    },
    async (request) => {
      const row = await withdrawConsent(ctx.db, actorOf(request), request.params.id, request.params.consentId);
      return (await presentConsents(ctx, [row]))[0]!;
    },
  );
}
