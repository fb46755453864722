import { existsSync } from "node:fs";
import path from "node:path";
import { webRoot } from "./platform/paths.ts";
import Fastify from "fastify";
import type { FastifyInstance, FastifySchema } from "fastify";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "./config.ts";
import type { Database } from "./platform/db.ts";
import { createAuth } from "./platform/auth.ts";
import { createMailer } from "./mail/service.ts";
import type { Mailer } from "./mail/service.ts";
import { defaultRateLimits } from "./platform/context.ts";
import type { AppContext, RateLimits } from "./platform/context.ts";
import { AppError, frameworkErrors, registerErrorHandling, sendProblem } from "./platform/errors.ts";
import { registerSecurity } from "./platform/security.ts";
import { loggerOptions } from "./platform/logger.ts";
import { registerAuthRoutes } from "./platform/auth-routes.ts";
import { registerNetworkRoutes } from "./networks/routes.ts";
import { registerUserRoutes } from "./users/routes.ts";
import { registerMailRoutes } from "./mail/routes.ts";
import { registerTaxonomyRoutes } from "./taxonomy/routes.ts";
import { registerCandidateRoutes } from "./candidates/routes.ts";
import { registerEmployerRoutes } from "./employers/routes.ts";
import { registerSavedFilterRoutes } from "./saved-filters/routes.ts";
import { registerBrregRoutes } from "./brreg/routes.ts";
import { registerCertificateRoutes } from "./certificates/routes.ts";
import { registerJobRoutes } from "./jobs/routes.ts";
import { registerConsentRoutes } from "./consents/routes.ts";
import { registerPlacementRoutes } from "./placements/routes.ts";
import { registerTraineeProgrammeRoutes } from "./trainee-programme/routes.ts";
import { registerReportRoutes } from "./reports/routes.ts";
import { registerBoardReportRoutes } from "./reports/board-report-routes.ts";
import { registerGoalRoutes } from "./goals/routes.ts";
import { registerMatchingRoutes } from "./matching/routes.ts";
import { registerPublicStatsRoutes } from "./public-stats/routes.ts";
import { registerTraineeRecruitmentRoutes } from "./trainee-recruitment/routes.ts";
import { registerServiceRoutes } from "./services/routes.ts";
import { registerEventRoutes } from "./events/routes.ts";
import { registerMentoringRoutes } from "./mentoring/routes.ts";
import { registerHandbookRoutes } from "./handbook/routes.ts";
import { registerPortalRoutes } from "./portal/routes.ts";
import { registerOidcRoutes } from "./oidc/routes.ts";
import { registerPrivacyRoutes } from "./privacy/routes.ts";
import { createMatchingRegistry } from "./matching/registry.ts";
import { registerDeniedRequestLog } from "./audit-views/denied.ts";
import { registerAuditRoutes } from "./audit-views/routes.ts";

export type AppOptions = {
  config: Config;
  database: Database;
  mailer?: Mailer;
  rateLimits?: RateLimits;
  logger?: boolean;
  /** Where the log lines go (default: stdout); the log hygiene test captures them here. */
  logStream?: { write(line: string): void };
  /** Serve the built web app from dist/web (default: when it has been built). */
  serveWeb?: boolean;
};


/** The services every route, CLI command and job uses. */
export function createContext(config: Config, database: Database, mailer?: Mailer, rateLimits: RateLimits = defaultRateLimits): AppContext {
  const mail = mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: `Mangfold <no-reply@${new URL(config.publicUrl).hostname}>` });
  return {
    config,
    database,
    db: database.db,
    auth: createAuth({ db: database.db, config, mailer: mail }),
    mailer: mail,
    rateLimits,
    matching: createMatchingRegistry(database.db),
  };
}

/** Builds the whole app from the platform plugins and each feature's routes. Tests build it in-process. */
/** A served route, with the schemas it validates (the fuzz test derives its requests from them). */
export type RouteInfo = { method: string; url: string; schema?: FastifySchema | undefined };

export async function buildApp(options: AppOptions): Promise<{ app: FastifyInstance; ctx: AppContext; routes: RouteInfo[] }> {
  const { config, database } = options;
  const ctx = createContext(config, database, options.mailer, options.rateLimits ?? { ...defaultRateLimits, api: config.apiRateLimit });

  const app = Fastify({
    logger: options.logger === false ? false : { ...(loggerOptions(config.logLevel) as object), ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 256 * 1024,
    frameworkErrors,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("actor", null);
  // Every route the app serves, for the authorisation table test (a route missing from the table fails it).
  const routes: RouteInfo[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) if (method !== "HEAD") routes.push({ method, url: route.url, schema: route.schema });
  });
  const serveWeb = options.serveWeb ?? existsSync(path.join(webRoot, "index.html"));
  registerErrorHandling(app, { spaIndex: serveWeb });
  // Every 401/403 on /api is recorded without personal data, after the response (audit-views/denied.ts).
  registerDeniedRequestLog(app, ctx);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Mangfold API", version: "1", description: "Work-inclusion networks: candidates, employers, matching, placements." },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "API token from `mangfold token create`" },
          session: { type: "apiKey", in: "cookie", name: config.https ? "__Host-mangfold.session" : "mangfold.session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    hiddenTag: "hidden",
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true, uiConfig: { docExpansion: "list" } });
  await registerSecurity(app, config);
  await app.register(rateLimit, {
    // Per IP for the whole API; the sign-in and password endpoints get a tighter limit of their own.
    global: true,
    max: ctx.rateLimits.api,
    timeWindow: "1 minute",
    allowList: (request) => !request.url.startsWith("/api/"),
    errorResponseBuilder: (_request, context) => {
      const error = new AppError("rate_limited", `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} seconds.`);
      return Object.assign(error, { statusCode: 429 });
    },
  });

  app.get("/api/health", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/api/ready", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.ping();
      return { status: "ready" };
    } catch {
      return sendProblem(reply, new AppError("database_unavailable"));
    }
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    registerAuthRoutes(api, ctx);
    registerOidcRoutes(api, ctx);
    registerNetworkRoutes(api, ctx);
    registerUserRoutes(api, ctx);
    registerMailRoutes(api, ctx);
    registerTaxonomyRoutes(api, ctx);
    registerCandidateRoutes(api, ctx);
    registerEmployerRoutes(api, ctx);
    registerSavedFilterRoutes(api, ctx);
    registerBrregRoutes(api, ctx);
    registerCertificateRoutes(api, ctx);
    registerJobRoutes(api, ctx);
    registerConsentRoutes(api, ctx);
    registerPlacementRoutes(api, ctx);
    registerTraineeProgrammeRoutes(api, ctx);
    registerReportRoutes(api, ctx);
    registerBoardReportRoutes(api, ctx);
    registerGoalRoutes(api, ctx);
    registerTraineeRecruitmentRoutes(api, ctx);
    registerMatchingRoutes(api, ctx);
    registerPublicStatsRoutes(api, ctx);
    registerServiceRoutes(api, ctx);
    registerEventRoutes(api, ctx);
    registerMentoringRoutes(api, ctx);
    registerHandbookRoutes(api, ctx);
    registerPortalRoutes(api, ctx);
    registerAuditRoutes(api, ctx);
    registerPrivacyRoutes(api, ctx);
  });

  if (serveWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, maxAge: "1h" });
  return { app, ctx, routes };
}
