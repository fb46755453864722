import fs from "node:fs";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { loadConfig } from "../config.ts";
import type { Config } from "../config.ts";
import { openDatabase } from "../platform/db.ts";
import type { Database } from "../platform/db.ts";
import { buildApp } from "../app.ts";
import type { RouteInfo } from "../app.ts";
import type { AppContext, RateLimits } from "../platform/context.ts";
import type { Mailer } from "../mail/service.ts";
import { createUserWithPassword } from "../platform/auth.ts";
import { networks } from "../networks/tables.ts";
import { memberships } from "../users/tables.ts";
import type { Role } from "../../shared/roles.ts";
import { templateTarball, testServerUrl } from "./global-setup.ts";

/*
 * The API test helper: the whole app in-process on a fresh copy of the migrated database (in-memory PGlite, or a
 * PostgreSQL database cloned from the run's template when TEST_DATABASE_URL is set), with factories for networks
 * and users and clients that act as a signed-in user of a role.
 */

export const testOrigin = "http://127.0.0.1:3000";

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const template = inject("pgTemplate");
  const serverUrl = testServerUrl();
  if (serverUrl && template) {
    const name = `mangfold_test_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    return {
      database,
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(templateTarball)]) });
  return { database, drop: async () => {} };
}

export type Client = {
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  cookie: string;
};

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  routes: RouteInfo[];
  config: Config;
  close(): Promise<void>;
  /** A client without a session. */
  anonymous: Client;
  createNetwork(input?: { name?: string; slug?: string }): Promise<typeof networks.$inferSelect>;
  createUser(tenantId: string, role: Role, input?: { email?: string; password?: string; name?: string; instanceAdmin?: boolean }): Promise<{ userId: string; email: string; password: string }>;
  signIn(email: string, password: string): Promise<Client>;
  /** Creates a user of the role in the network (a new network when none is given) and signs in. */
  as(role: Role, tenantId?: string): Promise<Client & { userId: string; email: string; password: string; tenantId: string }>;
  bearer(token: string): Client;
};

export function clientFor(app: FastifyInstance, headers: Record<string, string>): Client {
  const request = (method: string, url: string, body?: unknown, extra: Record<string, string> = {}) =>
    app.inject({
      method: method as "GET",
      url,
      headers: { origin: testOrigin, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers, ...extra },
      ...(body !== undefined ? { payload: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
  return {
    request,
    get: (url) => request("GET", url),
    post: (url, body) => request("POST", url, body ?? {}),
    patch: (url, body) => request("PATCH", url, body ?? {}),
    delete: (url) => request("DELETE", url),
    cookie: headers.cookie ?? "",
  };
}

/** The cookies a response sets, as a Cookie header value. */
export function cookiesOf(response: LightMyRequestResponse): string {
  return response.cookies
    .filter((c) => c.value !== "" && (c.maxAge === undefined || c.maxAge > 0))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function createTestApp(options: { config?: Partial<Config>; mailer?: Mailer; rateLimits?: RateLimits; logStream?: { write(line: string): void } } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  // Silent, unless a test captures the log (every level, to see everything the app would ever write).
  const config: Config = { ...loadConfig({ PUBLIC_URL: testOrigin, LOG_LEVEL: options.logStream ? "trace" : "silent" }), ...options.config };
  const { app, ctx, routes } = await buildApp({ config, database, logger: options.logStream !== undefined, ...(options.logStream ? { logStream: options.logStream } : {}), serveWeb: false, rateLimits: options.rateLimits ?? { api: 100_000, auth: 100_000, sensitive: 100_000 }, ...(options.mailer ? { mailer: options.mailer } : {}) });
  await app.ready();

  const createNetwork: TestApp["createNetwork"] = async (input = {}) => {
    const slug = input.slug ?? `net-${unique()}`;
    const [network] = await ctx.db.insert(networks).values({ name: input.name ?? `Network ${slug}`, slug, municipality: "Bærum" }).returning();
    return network!;
  };
  const createUser: TestApp["createUser"] = async (tenantId, role, input = {}) => {
    const email = input.email ?? `${role}-${unique()}@example.no`;
    const password = input.password ?? "correct-horse-battery";
    const userId = await createUserWithPassword(ctx.db, ctx.auth, { name: input.name ?? `Test ${role}`, email, password, instanceAdmin: input.instanceAdmin ?? false });
    await ctx.db.insert(memberships).values({ tenantId, userId, role });
    return { userId, email, password };
  };
  const signIn: TestApp["signIn"] = async (email, password) => {
    const response = await clientFor(app, {}).post("/api/auth/sign-in/email", { email, password });
    if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    return clientFor(app, { cookie: cookiesOf(response) });
  };
  return {
    app,
    ctx,
    routes,
    config,
    anonymous: clientFor(app, {}),
    createNetwork,
    createUser,
    signIn,
    async as(role, tenantId) {
      const tenant = tenantId ?? (await createNetwork()).id;
      const user = await createUser(tenant, role);
      return { ...(await signIn(user.email, user.password)), ...user, tenantId: tenant };
    },
    bearer: (token) => clientFor(app, { authorization: `Bearer ${token}` }),
    async close() {
      await app.close();
      ctx.mailer.close();
      await database.close();
      await drop();
    },
  };
}
