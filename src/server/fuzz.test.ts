import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { createTestApp } from "./testing/test-app.ts";
import type { Client, TestApp } from "./testing/test-app.ts";
import type { RouteInfo } from "./app.ts";
import { createDemoNetwork } from "./demo/service.ts";
import { networks } from "./networks/tables.ts";
import { eq } from "drizzle-orm";
import { arbitraryFor, propertiesOf, toJsonSchema, wrongTypeFor } from "./testing/arbitraries.ts";
import type { JsonSchema, Mode } from "./testing/arbitraries.ts";
import type { Role } from "../shared/roles.ts";

/*
 * Fuzzing every API route (ADR 028). The routes come from the running app (every route registered, with the
 * zod schemas it validates), so a route added later is fuzzed without touching this file. For each route the
 * test finds a caller whose role may call it, fills path parameters with real ids harvested from the app's own
 * list routes (so valid requests reach the services), and sends valid, boundary and hostile requests derived from
 * the schemas. It asserts: never a 5xx; every 4xx is problem+json with a code; no stack trace or SQL in any
 * answer; a rejected request writes nothing (row counts of every table and the audit log are unchanged); no
 * prototype pollution. Fixed seed (FUZZ_SEED to replay another), few runs per route: well under a minute.
 */

const seed = Number(process.env.FUZZ_SEED ?? 20_261_123);
const validRuns = 2;
const boundaryRuns = 2;

const callerOrder: Role[] = ["admin", "advisor", "hr", "supervisor", "mentor", "employer", "candidate", "viewer"];

/** Answers that leak internals: stack frames, file paths, SQL or driver errors. */
const leaks = [
  /\n\s+at [^\n]+:\d+:\d+/,
  /node_modules/,
  /\.ts:\d+/,
  /Failed query/i,
  /syntax error at or near/i,
  /violates (foreign key|unique|check|not-null) constraint/i,
  /duplicate key value/i,
  /invalid input syntax for/i,
  /relation "[a-z_]+"/i,
  /\bparams:/,
  /PGlite|drizzle|PostgresError|DatabaseError/,
  /\b(select|insert into|update|delete from) [^\n]{0,80}\b(from|where|values|set)\b/i,
];

const hostileStrings = ["' OR '1'='1'; DROP TABLE candidates; --", "<script>alert(1)</script><img src=x onerror=alert(1)>", "nul\u0000byte", "\ud800 lone surrogate", "../../../../etc/passwd", "${7*7}{{7*7}}", "%00%0d%0a"];
const badIds = ["not-a-uuid", "1' OR '1'='1", "..%2F..%2Fetc%2Fpasswd", "00000000-0000-0000-0000-000000000000", "x".repeat(2000), "%00"];

type Attempt = { kind: string; method: string; url: string; payload?: string | undefined; contentType?: string | undefined; mustReject?: boolean };
type Failure = string;

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

function firstId(body: unknown): string | undefined {
  const list = Array.isArray(body) ? body : Array.isArray((body as { items?: unknown })?.items) ? (body as { items: unknown[] }).items : undefined;
  const item = list?.[0] as Record<string, unknown> | undefined;
  if (!item) return undefined;
  if (typeof item.id === "string") return item.id;
  return Object.values(item).find((v): v is string => typeof v === "string" && isUuid(v));
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of [value].flat()) params.append(key, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Every string in a value replaced by `replace(path)`; used for long strings and payloads. */
function mapStrings(value: unknown, replace: () => string): unknown {
  if (typeof value === "string") return replace();
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, replace));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, replace)]));
  return value;
}

describe("fuzzing every API route", () => {
  let t: TestApp;
  let tenantId: string;
  let networkRow: typeof networks.$inferSelect;
  const clients = new Map<Role, Client>();
  const logins = new Map<Role, { email: string; password: string }>();

  const signInRole = async (role: Role) => {
    const login = logins.get(role)!;
    try {
      const client = await t.signIn(login.email, login.password);
      const me = await client.get("/api/v1/me");
      if (me.statusCode !== 200 || (me.json() as { role?: string }).role !== role) throw new Error("no longer of the role");
      clients.set(role, client);
    } catch {
      // The fuzzing disabled this user or changed its role (a valid request may): carry on as a new user of the role.
      const user = await t.createUser(tenantId, role);
      logins.set(role, user);
      clients.set(role, await t.signIn(user.email, user.password));
    }
  };

  /**
   * Committed writes so far: a row trigger on every table (but the sign-in bookkeeping: sessions are extended while
   * used; and the log of denied requests, written on purpose after each 401/403, audit-views/denied.ts) counts each inserted, updated or deleted row in a counter row, inside the writing transaction, so a
   * write that is rolled back is not counted. Installed on this test's own database copy only.
   */
  const fingerprint = async () => {
    const result = (await t.ctx.db.execute(sql`select n from fuzz_writes`)) as unknown as { rows: { n: unknown }[] };
    return String(result.rows[0]!.n);
  };

  beforeAll(async () => {
    // The business register is looked up at a closed local port: the test never reaches out of the machine.
    t = await createTestApp({ config: { brregUrl: "http://127.0.0.1:9/enhetsregisteret/api" } });
    const demo = await createDemoNetwork(t.ctx, { instanceAdmin: true, candidates: 20, employers: 6, seed: "fuzz" });
    tenantId = demo.network.id;
    networkRow = (await t.ctx.db.select().from(networks).where(eq(networks.id, tenantId)))[0]!;
    for (const login of demo.logins) logins.set(login.role, login);
    for (const role of callerOrder) await signInRole(role);
    const tables = ((await t.ctx.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as { rows: { tablename: string }[] }).rows
      .map((row) => row.tablename)
      .filter((name) => !["sessions", "verifications", "login_failures", "denied_requests"].includes(name));
    await t.ctx.db.execute(sql`create table fuzz_writes (n bigint not null)`);
    await t.ctx.db.execute(sql`insert into fuzz_writes values (0)`);
    await t.ctx.db.execute(sql`create function fuzz_count_write() returns trigger language plpgsql as $$ begin update fuzz_writes set n = n + 1; return null; end $$`);
    for (const name of tables) await t.ctx.db.execute(sql.raw(`create trigger fuzz_count_write after insert or update or delete on "${name}" for each row execute function fuzz_count_write()`));
    // The counter counts committed writes, and not rolled-back ones.
    const counted = await fingerprint();
    await t.ctx.db.transaction(async (tx) => {
      await tx.update(networks).set({ municipality: "Rolled back" }).where(eq(networks.id, tenantId));
      tx.rollback();
    }).catch(() => undefined);
    expect(await fingerprint()).toBe(counted);
    await t.ctx.db.update(networks).set({ municipality: networkRow.municipality }).where(eq(networks.id, tenantId));
    expect(await fingerprint()).not.toBe(counted);
  }, 120_000);
  afterAll(() => t?.close());

  it("never answers 5xx, always problem+json with a code, leaks nothing, and writes nothing it refused", async () => {
    console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
    const started = Date.now();
    const failures: Failure[] = [];
    const served = new Map(t.routes.map((r) => [`${r.method} ${r.url}`, r]));
    // Deletions and sign-out last: they take away what other routes use.
    const rank = (r: RouteInfo) => (r.url === "/api/auth/sign-out" ? 3 : r.method === "DELETE" ? 2 : 0);
    const routes = t.routes.filter((r) => r.url.startsWith("/api/") && !r.url.startsWith("/api/docs")).sort((a, b) => rank(a) - rank(b));
    const harvested = new Map<string, string | undefined>();
    let requests = 0;
    const rng = fc.sample(fc.integer({ min: 0, max: 1_000_000 }), { numRuns: 10_000, seed });
    let rngAt = 0;
    const pick = <T,>(items: T[]): T => items[rng[rngAt++ % rng.length]! % items.length]!;

    const send = async (client: Client, attempt: Attempt): Promise<LightMyRequestResponse> => {
      requests++;
      const headers: Record<string, string> = {};
      if (attempt.contentType) headers["content-type"] = attempt.contentType;
      return client.request(attempt.method, attempt.url, attempt.payload, headers);
    };

    const statuses: Record<number, number> = {};
    const reached = new Set<string>();
    const check = (attempt: Attempt, response: LightMyRequestResponse, role: string) => {
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      if (response.statusCode < 300) reached.add(currentRoute);
      const where = `${attempt.method} ${attempt.url.slice(0, 160)} [${attempt.kind} as ${role}]`;
      // 503 from an outside service that cannot be reached from the test (the business register) is an honest answer.
      const upstream = response.statusCode === 503 && /"code":"register_unavailable"/.test(response.body);
      if (response.statusCode >= 500 && !upstream) failures.push(`${where} → ${response.statusCode} ${response.body.slice(0, 300)}`);
      if (response.statusCode >= 400) {
        const type = String(response.headers["content-type"] ?? "");
        if (!type.includes("application/problem+json")) failures.push(`${where} → ${response.statusCode} with ${type}, not problem+json`);
        else {
          let code: unknown;
          try {
            code = (JSON.parse(response.body) as { code?: unknown }).code;
          } catch {
            code = undefined;
          }
          if (typeof code !== "string") failures.push(`${where} → ${response.statusCode} problem without a code`);
        }
      }
      if (attempt.mustReject && response.statusCode < 400) failures.push(`${where} → ${response.statusCode}: accepted a request it must refuse`);
      const text = response.body.slice(0, 200_000);
      const type = String(response.headers["content-type"] ?? "");
      if (type.includes("json") || type.includes("text")) {
        for (const pattern of leaks) if (pattern.test(text)) failures.push(`${where} → ${response.statusCode} leaks ${pattern}: ${text.slice(0, 200)}`);
      }
    };

    /** Fills the path: real ids from the app's own list routes where there is one, else a value from the schema. */
    const fillPath = async (route: RouteInfo, client: Client, params: Record<string, unknown>): Promise<string> => {
      const parts = route.url.split("/");
      const filled: string[] = [];
      for (const part of parts) {
        if (!part.startsWith(":") && part !== "*") {
          filled.push(part);
          continue;
        }
        const name = part === "*" ? "*" : part.slice(1);
        const listUrl = filled.join("/");
        let value: string | undefined;
        if (name === "slug") value = "demo";
        else if (served.has(`GET ${routeOfPrefix(route.url, filled.length)}`)) {
          if (!harvested.has(listUrl)) {
            const response = await client.get(listUrl);
            requests++;
            harvested.set(listUrl, response.statusCode === 200 ? firstId(safeJson(response.body)) : undefined);
          }
          value = harvested.get(listUrl);
        }
        filled.push(encodeURIComponent(value ?? String(params[name] ?? "00000000-0000-4000-8000-000000000000")));
      }
      return filled.join("/");
    };
    const routeOfPrefix = (url: string, segments: number) => url.split("/").slice(0, segments).join("/");

    let currentRoute = "";
    for (const route of routes) {
      currentRoute = `${route.method} ${route.url}`;
      const schema = (route.schema ?? {}) as { params?: unknown; querystring?: unknown; body?: unknown };
      const paramsSchema = toJsonSchema(schema.params);
      const querySchema = toJsonSchema(schema.querystring);
      const bodySchema = toJsonSchema(schema.body);
      const hasBody = !["GET", "DELETE", "HEAD"].includes(route.method);
      const sampleOf = (s: JsonSchema | undefined, mode: Mode, runs: number) =>
        s ? fc.sample(arbitraryFor(s, mode), { numRuns: runs, seed: seed + requests }) : Array.from({ length: runs }, () => undefined);

      // The caller: the first role (admin first) that is not refused the route.
      const validParams = sampleOf(paramsSchema, "valid", validRuns) as (Record<string, unknown> | undefined)[];
      const validQueries = sampleOf(querySchema, "valid", validRuns) as (Record<string, unknown> | undefined)[];
      const validBodies = sampleOf(bodySchema, "valid", validRuns);
      let role: Role = "admin";
      let client = clients.get(role)!;
      const isAuthRoute = route.url.startsWith("/api/auth");
      if (!isAuthRoute) {
        for (const candidate of callerOrder) {
          const probe: Attempt = {
            kind: "valid",
            method: route.method,
            url: (await fillPath(route, clients.get(candidate)!, validParams[0] ?? {})) + queryString(validQueries[0]),
            payload: hasBody ? JSON.stringify(validBodies[0] ?? {}) : undefined,
            contentType: hasBody ? "application/json" : undefined,
          };
          let response = await send(clients.get(candidate)!, probe);
          if (response.statusCode === 401) {
            // An earlier route signed this caller out or disabled it: sign in again and ask once more.
            await signInRole(candidate);
            response = await send(clients.get(candidate)!, probe);
          }
          check(probe, response, candidate);
          role = candidate;
          client = clients.get(candidate)!;
          if (response.statusCode !== 403) break;
        }
      }
      const before = hasBody || route.method === "DELETE" ? await fingerprint() : undefined;
      let baseline = before;

      const attempts: Attempt[] = [];
      const path = await fillPath(route, client, validParams[0] ?? {});
      const json = (value: unknown) => JSON.stringify(value ?? {});
      for (let i = 0; i < validRuns; i++) {
        attempts.push({ kind: "valid", method: route.method, url: (await fillPath(route, client, validParams[i] ?? {})) + queryString(validQueries[i]), payload: hasBody ? json(validBodies[i]) : undefined, contentType: hasBody ? "application/json" : undefined });
      }
      const boundaryQueries = sampleOf(querySchema, "boundary", boundaryRuns) as (Record<string, unknown> | undefined)[];
      const boundaryBodies = sampleOf(bodySchema, "boundary", boundaryRuns);
      for (let i = 0; i < boundaryRuns; i++) {
        attempts.push({ kind: "boundary", method: route.method, url: path + queryString(boundaryQueries[i]), payload: hasBody ? json(boundaryBodies[i]) : undefined, contentType: hasBody ? "application/json" : undefined });
      }

      // Boundary values one field at a time in an otherwise valid request, so that they reach the service.
      const bodyFields = Object.entries(propertiesOf(bodySchema));
      const queryEdges = Object.entries(propertiesOf(querySchema));
      for (let i = 0; i < boundaryRuns; i++) {
        const query = { ...(validQueries[0] ?? {}) };
        if (queryEdges.length > 0) {
          const [key, fieldSchema] = pick(queryEdges);
          query[key] = fc.sample(arbitraryFor(fieldSchema, "boundary", querySchema), { numRuns: 1, seed: seed + requests + i })[0];
        }
        const body = { ...((validBodies[0] ?? {}) as Record<string, unknown>) };
        if (hasBody && bodyFields.length > 0) {
          const [key, fieldSchema] = pick(bodyFields);
          body[key] = fc.sample(arbitraryFor(fieldSchema, "boundary", bodySchema), { numRuns: 1, seed: seed + requests + i })[0];
        }
        if (queryEdges.length > 0 || (hasBody && bodyFields.length > 0)) {
          attempts.push({ kind: "boundary field", method: route.method, url: path + queryString(query), payload: hasBody ? json(body) : undefined, contentType: hasBody ? "application/json" : undefined });
        }
      }

      // Hostile: path parameters that are no ids, SQL and traversal.
      const paramNames = Object.keys(propertiesOf(paramsSchema));
      const uuidParams = paramNames.filter((name) => propertiesOf(paramsSchema)[name]?.format === "uuid");
      if (route.url.includes(":")) {
        const badId = pick(badIds);
        const url = route.url.replace(/:[A-Za-z]+/g, (m) => (uuidParams.includes(m.slice(1)) ? encodeURIComponent(badId) : encodeURIComponent(String(validParams[0]?.[m.slice(1)] ?? "x"))));
        attempts.push({ kind: `bad id ${badId.slice(0, 20)}`, method: route.method, url, payload: hasBody ? json(validBodies[0]) : undefined, contentType: hasBody ? "application/json" : undefined, mustReject: uuidParams.length > 0 });
      }
      // Hostile query strings: wrong types, unknown and pollution keys.
      const queryFields = propertiesOf(querySchema);
      if (Object.keys(queryFields).length > 0) {
        const wrong = Object.fromEntries(Object.keys(queryFields).map((key) => [key, pick(hostileStrings)]));
        attempts.push({ kind: "hostile query", method: route.method, url: path + queryString(wrong), payload: hasBody ? json(validBodies[0]) : undefined, contentType: hasBody ? "application/json" : undefined });
      }
      attempts.push({ kind: "pollution query", method: route.method, url: `${path}?__proto__[polluted]=1&constructor[prototype][polluted]=1&a[b][c]=d`, payload: hasBody ? json(validBodies[0]) : undefined, contentType: hasBody ? "application/json" : undefined });

      if (hasBody) {
        const base = (validBodies[0] ?? {}) as Record<string, unknown>;
        const fields = propertiesOf(bodySchema);
        const typed = Object.entries(fields).filter(([, s]) => typeof s.type === "string" && !s.anyOf && !s.oneOf);
        if (typed.length > 0) {
          const [field, fieldSchema] = pick(typed);
          attempts.push({ kind: `wrong type ${field}`, method: route.method, url: path, payload: json({ ...base, [field]: wrongTypeFor(fieldSchema) }), contentType: "application/json", mustReject: Boolean(bodySchema) });
        }
        attempts.push(
          { kind: "extra key", method: route.method, url: path, payload: json({ ...base, unexpectedKey: "x" }), contentType: "application/json" },
          { kind: "__proto__", method: route.method, url: path, payload: `{"__proto__":{"polluted":"yes","isAdmin":true},${json(base).slice(1)}`.replace(/,}$/, "}"), contentType: "application/json" },
          { kind: "constructor.prototype", method: route.method, url: path, payload: json({ ...base, constructor: { prototype: { polluted: "yes" } } }), contentType: "application/json" },
          { kind: "long strings", method: route.method, url: path, payload: json(mapStrings(base, () => "ø".repeat(40_000))), contentType: "application/json" },
          { kind: "payload strings", method: route.method, url: path, payload: json(mapStrings(base, () => pick(hostileStrings))), contentType: "application/json" },
          { kind: "malformed json", method: route.method, url: path, payload: '{"a": [1, 2,, }', contentType: "application/json", mustReject: Boolean(bodySchema) },
          { kind: "json array", method: route.method, url: path, payload: "[1, 2, 3]", contentType: "application/json", mustReject: Boolean(bodySchema) && !bodySchema?.type?.includes("array") },
          { kind: "text/plain", method: route.method, url: path, payload: "hello=world", contentType: "text/plain", mustReject: Boolean(bodySchema) },
          { kind: "xml", method: route.method, url: path, payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', contentType: "application/xml", mustReject: Boolean(bodySchema) },
          { kind: "form", method: route.method, url: path, payload: "a=1&__proto__[x]=1", contentType: "application/x-www-form-urlencoded", mustReject: Boolean(bodySchema) },
        );
      }

      // Requests that may be accepted, each checked on its own; then those that must be refused, checked as one.
      for (const attempt of attempts.filter((a) => !a.mustReject)) {
        const response = await send(client, attempt);
        check(attempt, response, isAuthRoute ? "admin" : role);
        if (baseline !== undefined) {
          const now = await fingerprint();
          if (response.statusCode >= 400 && now !== baseline) failures.push(`${attempt.method} ${attempt.url.slice(0, 120)} [${attempt.kind}] → ${response.statusCode} but rows changed`);
          baseline = now;
        }
      }
      const refused: string[] = [];
      for (const attempt of attempts.filter((a) => a.mustReject)) {
        const response = await send(client, attempt);
        check(attempt, response, isAuthRoute ? "admin" : role);
        refused.push(attempt.kind);
      }
      if (baseline !== undefined && refused.length > 0 && (await fingerprint()) !== baseline) failures.push(`${route.method} ${route.url} [${refused.join(", ")}] were refused but rows changed`);
      if (({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).isAdmin !== undefined) failures.push(`${route.method} ${route.url}: Object.prototype was polluted`);

      // Keep the callers usable: a valid request may have disabled them, changed their role or the network's settings.
      if (hasBody || route.method === "DELETE") {
        await t.ctx.db.update(networks).set(networkRow).where(eq(networks.id, tenantId));
        // Routes about users and memberships may have changed any caller: check them all after those.
        for (const r of /\/(users|members|me|network)(\/|$)/.test(route.url) ? callerOrder : [role]) {
          const me = await clients.get(r)!.get("/api/v1/me");
          if (me.statusCode !== 200 || (me.json() as { role?: string }).role !== r) await signInRole(r);
        }
      }
    }
    console.log(`fuzzed ${routes.length} routes with ${requests} requests in ${Math.round((Date.now() - started) / 1000)} s; ${reached.size} routes answered a request with success; answers ${JSON.stringify(statuses)}`);
    expect(failures).toEqual([]);
  }, 300_000);
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
