import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../platform/context.ts";
import { actorOf, guard } from "../platform/authenticate.ts";
import { osloDate } from "../platform/dates.ts";
import { uuidSchema } from "../../shared/contracts.ts";
import { userNames } from "../candidates/service.ts";
import {
  cohortInputSchema,
  cohortPatchSchema,
  cohortSchema,
  evaluationInputSchema,
  evaluationPatchSchema,
  evaluationSchema,
  goalInputSchema,
  goalPatchSchema,
  goalSchema,
  logEntrySchema,
  logInputSchema,
  outcomeInputSchema,
  overdueItemSchema,
  planItemPatchSchema,
  programmeReportSchema,
  templateInputSchema,
  templateSchema,
  traineeInputSchema,
  traineeListItemSchema,
  traineeListQuerySchema,
  traineePatchSchema,
  traineeSchema,
  unitFiguresListSchema,
  unitFiguresSchema,
} from "../../shared/trainee-programme.ts";
import * as policy from "./policy.ts";
import {
  addLogEntry,
  createCohort,
  createEvaluation,
  createGoal,
  createTrainee,
  getCohort,
  getTemplate,
  getTraineeDetail,
  listCohorts,
  listOverdue,
  listSupervisors,
  listTrainees,
  listUnitFigures,
  publishEvaluation,
  recordOutcome,
  saveTemplate,
  saveUnitFigures,
  setPlanItemDone,
  updateCohort,
  updateEvaluation,
  updateGoal,
  updateTrainee,
} from "./service.ts";
import { presentCohort, presentEvaluation, presentOverdue, presentTrainee, presentTraineeListItem } from "./presenters.ts";
import { programmeReport } from "./report.ts";

const tags = ["trainee programme"];
const idParams = z.strictObject({ id: uuidSchema });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export function registerTraineeProgrammeRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const manage = guard(ctx, policy.manage);
  const follow = guard(ctx, policy.follow);
  const report = guard(ctx, policy.report);
  const detail = async (request: { params: { id: string } } & Parameters<typeof actorOf>[0], id = request.params.id) => {
    const actor = actorOf(request);
    return presentTrainee(ctx.db, actor, await getTraineeDetail(ctx.db, actor, id));
  };

  // Template
  app.get("/api/v1/trainee/template", { onRequest: manage, schema: { tags, summary: "The network's programme template (the default until HR changes it)", response: { 200: templateSchema } } }, async (request) => {
    const t = await getTemplate(ctx.db, actorOf(request).tenantId);
    return { ...t, updatedAt: t.updatedAt?.toISOString() ?? null };
  });
  app.put("/api/v1/trainee/template", { onRequest: manage, schema: { tags, summary: "Change the programme template; plans already made stay as they are", body: templateInputSchema, response: { 200: templateSchema } } }, async (request) => {
    const t = await saveTemplate(ctx.db, actorOf(request), request.body);
    return { ...t, updatedAt: t.updatedAt?.toISOString() ?? null };
  });

  // Cohorts
  app.get("/api/v1/trainee/cohorts", { onRequest: manage, schema: { tags, summary: "Cohorts, newest first", response: { 200: items(cohortSchema) } } }, async (request) => ({
    items: (await listCohorts(ctx.db, actorOf(request))).map(presentCohort),
  }));
  app.post("/api/v1/trainee/cohorts", { onRequest: manage, schema: { tags, summary: "Start a cohort", body: cohortInputSchema, response: { 201: cohortSchema } } }, async (request, reply) =>
    reply.status(201).send(presentCohort(await createCohort(ctx.db, actorOf(request), request.body))),
  );
  app.get("/api/v1/trainee/cohorts/:id", { onRequest: manage, schema: { tags, summary: "One cohort", params: idParams, response: { 200: cohortSchema } } }, async (request) =>
    presentCohort(await getCohort(ctx.db, actorOf(request), request.params.id)),
  );
  app.patch("/api/v1/trainee/cohorts/:id", { onRequest: manage, schema: { tags, summary: "Change a cohort's name, start or area", params: idParams, body: cohortPatchSchema, response: { 200: cohortSchema } } }, async (request) =>
    presentCohort(await updateCohort(ctx.db, actorOf(request), request.params.id, request.body)),
  );
  app.get("/api/v1/trainee/supervisors", { onRequest: manage, schema: { tags, summary: "The network's active supervisors, by name", response: { 200: items(z.object({ id: uuidSchema, name: z.string() })) } } }, async (request) => ({
    items: await listSupervisors(ctx.db, actorOf(request)),
  }));

  // Trainees
  app.get("/api/v1/trainee/trainees", { onRequest: follow, schema: { tags, summary: "Trainees (a supervisor's own); optionally of one cohort", querystring: traineeListQuerySchema, response: { 200: items(traineeListItemSchema) } } }, async (request) => ({
    items: (await listTrainees(ctx.db, actorOf(request), request.query)).map(presentTraineeListItem),
  }));
  app.post("/api/v1/trainee/trainees", { onRequest: manage, schema: { tags, summary: "Add a trainee to a cohort, with the plan generated from the template", body: traineeInputSchema, response: { 201: traineeSchema } } }, async (request, reply) => {
    const row = await createTrainee(ctx.db, actorOf(request), request.body);
    return reply.status(201).send(await detail(request as never, row.id));
  });
  app.get("/api/v1/trainee/trainees/:id", { onRequest: follow, schema: { tags, summary: "A trainee with plan, goals, evaluations the caller may see, log, wage (HR) and outcome (the read is logged)", params: idParams, response: { 200: traineeSchema } } }, async (request) =>
    detail(request),
  );
  app.patch("/api/v1/trainee/trainees/:id", { onRequest: manage, schema: { tags, summary: "Change a trainee's supervisor, unit, end date, salary or subsidy periods", params: idParams, body: traineePatchSchema, response: { 200: traineeSchema } } }, async (request) => {
    await updateTrainee(ctx.db, actorOf(request), request.params.id, request.body);
    return detail(request);
  });
  app.put("/api/v1/trainee/trainees/:id/outcome", { onRequest: manage, schema: { tags, summary: "Record the outcome; an offer records the hire as a placement", params: idParams, body: outcomeInputSchema, response: { 200: traineeSchema } } }, async (request) => {
    await recordOutcome(ctx.db, actorOf(request), request.params.id, request.body);
    return detail(request);
  });

  // Plan, goals, log, evaluations
  app.patch("/api/v1/trainee/plan-items/:id", { onRequest: follow, schema: { tags, summary: "Tick a plan activity off, or back on", params: idParams, body: planItemPatchSchema, response: { 200: traineeSchema } } }, async (request) => {
    const item = await setPlanItemDone(ctx.db, actorOf(request), request.params.id, request.body.done);
    return detail(request, item.traineeId);
  });
  app.post("/api/v1/trainee/trainees/:id/goals", { onRequest: follow, schema: { tags, summary: "Add a goal", params: idParams, body: goalInputSchema, response: { 201: goalSchema } } }, async (request, reply) => {
    const g = await createGoal(ctx.db, actorOf(request), request.params.id, request.body);
    return reply.status(201).send({ id: g.id, title: g.title, progress: g.progress, status: g.status as never, notes: g.notes, updatedAt: g.updatedAt.toISOString() });
  });
  app.patch("/api/v1/trainee/goals/:id", { onRequest: follow, schema: { tags, summary: "Change a goal's progress, status or notes", params: idParams, body: goalPatchSchema, response: { 200: goalSchema } } }, async (request) => {
    const g = await updateGoal(ctx.db, actorOf(request), request.params.id, request.body);
    return { id: g.id, title: g.title, progress: g.progress, status: g.status as never, notes: g.notes, updatedAt: g.updatedAt.toISOString() };
  });
  app.post("/api/v1/trainee/trainees/:id/log", { onRequest: follow, schema: { tags, summary: "Log an observation", params: idParams, body: logInputSchema, response: { 201: logEntrySchema } } }, async (request, reply) => {
    const actor = actorOf(request);
    const l = await addLogEntry(ctx.db, actor, request.params.id, request.body);
    const names = await userNames(ctx.db, [l.authorUserId]);
    return reply.status(201).send({ id: l.id, occurredOn: l.occurredOn, text: l.text, author: l.authorUserId ? { id: l.authorUserId, name: names.get(l.authorUserId) ?? "" } : null, createdAt: l.createdAt.toISOString() });
  });
  const presentOne = async (request: Parameters<typeof actorOf>[0], row: Parameters<typeof presentEvaluation>[0]) => presentEvaluation(row, actorOf(request), await userNames(ctx.db, [row.authorUserId]));
  app.post("/api/v1/trainee/trainees/:id/evaluations", { onRequest: follow, schema: { tags, summary: "Write an evaluation (supervisor: own trainee's; HR: the self-assessment), private until published", params: idParams, body: evaluationInputSchema, response: { 201: evaluationSchema } } }, async (request, reply) =>
    reply.status(201).send(await presentOne(request, await createEvaluation(ctx.db, actorOf(request), request.params.id, request.body))),
  );
  app.patch("/api/v1/trainee/evaluations/:id", { onRequest: follow, schema: { tags, summary: "Change one's own unpublished evaluation", params: idParams, body: evaluationPatchSchema, response: { 200: evaluationSchema } } }, async (request) =>
    presentOne(request, await updateEvaluation(ctx.db, actorOf(request), request.params.id, request.body)),
  );
  app.post("/api/v1/trainee/evaluations/:id/publish", { onRequest: follow, schema: { tags, summary: "Publish one's own evaluation: HR sees it from now on", params: idParams, response: { 200: evaluationSchema } } }, async (request) =>
    presentOne(request, await publishEvaluation(ctx.db, actorOf(request), request.params.id)),
  );

  // HR's lists and the report
  app.get("/api/v1/trainee/overdue", { onRequest: manage, schema: { tags, summary: "Plan items past due and not done, of active trainees, oldest first", response: { 200: items(overdueItemSchema) } } }, async (request) => {
    const today = osloDate();
    return { items: (await listOverdue(ctx.db, actorOf(request))).map((row) => presentOverdue(row, today)) };
  });
  app.get("/api/v1/trainee/units", { onRequest: manage, schema: { tags, summary: "Employees and immigrant employees per unit, before and after", response: { 200: unitFiguresListSchema } } }, async (request) => ({
    items: await listUnitFigures(ctx.db, actorOf(request)),
  }));
  app.put("/api/v1/trainee/units", { onRequest: manage, schema: { tags, summary: "Set one unit's figures", body: unitFiguresSchema, response: { 200: unitFiguresSchema } } }, async (request) =>
    saveUnitFigures(ctx.db, actorOf(request), request.body),
  );
  app.get("/api/v1/trainee/report", { onRequest: report, schema: { tags, summary: "The programme report: aggregated, small counts suppressed", response: { 200: programmeReportSchema } } }, async (request) =>
    programmeReport(ctx.db, actorOf(request).tenantId),
  );
}
