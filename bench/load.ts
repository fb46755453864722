/**
 * `node bench/load.ts [--quick] [--engine pglite,postgres] [--report FILE]` (run by `npm run bench`, alone with
 * `--only load`): a load test of the real server (`bin/mangfold.js start` on 127.0.0.1) with autocannon.
 * One network with 20,000 candidates (2,000 with --quick; filled with generate_series SQL, with skills and job
 * wishes from the starter taxonomy), 40 open jobs and an admin API token; 50 concurrent connections for 20 s
 * (5 s with --quick) per engine doing a mix of what advisors do: the candidate list (35 %), a search (10 %),
 * a profile (25 %), a candidate's job matches (15 %), the goal dashboard (5 %) and writing a note (10 %).
 * Then /api/health's latency while slow reports (the dashboard over the whole network, four at a time) run.
 * Figures per engine: load.mix (throughput, p50/p95/p99, errors, non-2xx) and load.health_during_report.
 * Budget (issue 9): on PostgreSQL ≥ 500 requests/s with p95 ≤ 100 ms and no errors; /api/health p95 ≤ 50 ms.
 * PostgreSQL: TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, a database of its own, dropped after.
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/server/platform/db.ts";
import type { Db } from "../src/server/platform/db.ts";
import { ensureStarterTaxonomy } from "../src/server/taxonomy/starter/load.ts";

const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin/mangfold.js");
const quick = process.argv.includes("--quick");
const engineAt = process.argv.indexOf("--engine");
const engines = engineAt > 0 ? (process.argv[engineAt + 1] ?? "").split(",") : ["pglite", "postgres"];
const reportAt = process.argv.indexOf("--report");
const reportFile = reportAt > 0 ? process.argv[reportAt + 1] : undefined;
const candidateCount = quick ? 2_000 : 20_000;
const connections = 50;
const durationS = quick ? 5 : 20;
const budget = { throughput_per_s: 500, p95_ms: 100, health_p95_ms: 50 };
const results: Record<string, unknown>[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function cli(args: string[], env: Record<string, string>, input = ""): string {
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: "silent", ...env }, input, encoding: "utf8", timeout: 300_000 });
  if (result.status !== 0) throw new Error(`mangfold ${args[0]} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** The candidates, by SQL: names, backgrounds, 3–5 skills and an occupation wish from the starter taxonomy, an advisor. */
async function fill(db: Db): Promise<void> {
  const run = (query: ReturnType<typeof sql>) => db.execute(query);
  await ensureStarterTaxonomy(db);
  const rows = (query: ReturnType<typeof sql>) => run(query).then((result) => (result as unknown as { rows: Record<string, string>[] }).rows);
  const [network] = await rows(sql`select id from networks where slug = 'load'`);
  const [advisor] = await rows(sql`select u.id from users u where u.email = 'leder@load.example.no'`);
  const tenantId = network!.id!;
  await run(sql`alter table candidates disable trigger candidates_matching_change`);
  await run(sql`
    with s as (select array_agg(uri order by uri) as uris from taxonomy_concepts where type = 'skill'),
         o as (select array_agg(uri order by uri) as uris from taxonomy_concepts where type = 'occupation')
    insert into candidates (tenant_id, first_name, last_name, sort_name, name_norm, status, advisor_user_id, municipality, skill_uris, job_wishes)
    select ${tenantId}, 'Kandidat', 'Nr ' || i, 'nr ' || i, 'kandidat nr ' || i, 'active', ${advisor!.id},
      (array['Drammen','Asker','Bærum','Lier'])[1 + i % 4],
      array[s.uris[1 + i % array_length(s.uris, 1)], s.uris[1 + (i * 7) % array_length(s.uris, 1)], s.uris[1 + (i * 13) % array_length(s.uris, 1)]],
      jsonb_build_object('occupationUris', jsonb_build_array(o.uris[1 + i % array_length(o.uris, 1)]), 'municipalities', '[]'::jsonb, 'extent', 'any')
    from generate_series(1, ${candidateCount}) i, s, o`);
  await run(sql`alter table candidates enable trigger candidates_matching_change`);
  await run(sql`
    insert into candidate_backgrounds (candidate_id, tenant_id, country_of_birth, gender, birth_year)
    select c.id, c.tenant_id, (array['SY','ER','SO','AF','PL','UA','IQ','TH'])[1 + abs(hashtext(c.id::text)) % 8],
      (array['female','male','other','unspecified'])[1 + abs(hashtext(c.id::text || 'g')) % 4], 1960 + abs(hashtext(c.id::text || 'y')) % 45
    from candidates c where c.tenant_id = ${tenantId}`);
  await run(sql`vacuum analyze`);
}

type Server = { url: string; child: ChildProcess };

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "start"], { env: { ...process.env, LOG_LEVEL: "warn", API_RATE_LIMIT: "100000000", ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (i > 1200) throw new Error("the server did not become ready");
    if (await fetch(`${url}/api/ready`).then((r) => r.ok, () => false)) return { url, child };
    await sleep(100);
  }
}

async function stopServer(server: Server) {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

async function measure(engine: "pglite" | "postgres", env: Record<string, string>, fillStartedAt: number) {
  const fillS = (performance.now() - fillStartedAt) / 1000;
  const token = cli(["token", "create", "--network", "load", "--role", "admin", "--name", "load test"], env);
  const server = await startServer(env);
  try {
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const api = async (method: string, url: string, body?: unknown) => {
      const response = await fetch(`${server.url}${url}`, body ? { method, headers, body: JSON.stringify(body) } : { method, headers: { authorization: headers.authorization } });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, unknown>>;
    };
    // Open jobs, so that a candidate's matches rank something.
    const occupations = (await api("GET", "/api/v1/taxonomy/occupations?q=a&limit=40")) as { items: { uri: string }[] };
    for (const [i, occupation] of occupations.items.entries()) await api("POST", "/api/v1/jobs", { title: `Stilling ${i}`, occupationUri: occupation.uri, municipalUnit: "Kommunen", municipality: "Drammen" });
    // Candidate ids to visit: a sample over the whole network.
    const ids: string[] = [];
    let cursor: string | null = null;
    while (ids.length < 1000) {
      const page = (await api("GET", `/api/v1/candidates?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)) as { items: { id: string }[]; nextCursor: string | null };
      ids.push(...page.items.map((item) => item.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
    // Warm the server (matching index, taxonomy, query plans) before measuring.
    await api("GET", "/api/v1/reports/dashboard");
    await api("GET", `/api/v1/candidates/${pick()}/matches?limit=10`);

    const mix: [number, () => { kind: string; method: "GET" | "POST"; path: string; body?: string }][] = [
      [35, () => ({ kind: "list", method: "GET", path: "/api/v1/candidates?limit=50" })],
      [10, () => ({ kind: "search", method: "GET", path: `/api/v1/candidates?limit=50&q=nr%20${Math.floor(Math.random() * candidateCount)}` })],
      [25, () => ({ kind: "profile", method: "GET", path: `/api/v1/candidates/${pick()}` })],
      [15, () => ({ kind: "matches", method: "GET", path: `/api/v1/candidates/${pick()}/matches?limit=10` })],
      [5, () => ({ kind: "dashboard", method: "GET", path: "/api/v1/reports/dashboard" })],
      [10, () => ({ kind: "note", method: "POST", path: `/api/v1/candidates/${pick()}/notes`, body: JSON.stringify({ text: "Samtale om arbeidspraksis; følges opp neste uke." }) })],
    ];
    const total = mix.reduce((sum, [weight]) => sum + weight, 0);
    const next = () => {
      let r = Math.random() * total;
      for (const [weight, make] of mix) {
        if ((r -= weight) < 0) return make();
      }
      return mix[0]![1]();
    };
    // Each kind of request once, so that a broken one fails the bench instead of counting as load.
    for (const [, make] of mix) {
      const request = make();
      await api(request.method, request.path, request.body ? JSON.parse(request.body) : undefined);
    }
    // Every response's time, from autocannon's response event (its summary has no p95).
    const times: number[] = [];
    const byKind: Record<string, number[]> = {};
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: server.url,
          connections,
          duration: durationS,
          // A GET carries no content-type (Fastify refuses an empty JSON body); a POST does.
          requests: [
            {
              setupRequest: (request, context) => {
                const { kind, ...chosen } = next();
                // Per connection one request at a time: the context times this one, for the figures per kind.
                Object.assign(context, { kind, sentAt: performance.now() });
                return { ...request, ...chosen, headers: chosen.body ? headers : { authorization: headers.authorization } };
              },
              onResponse: (_status, _body, context) => {
                const { kind, sentAt } = context as { kind: string; sentAt: number };
                (byKind[kind] ??= []).push(performance.now() - sentAt);
              },
            },
          ],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
    });
    times.sort((a, b) => a - b);
    const perKind = Object.fromEntries(
      Object.entries(byKind).map(([kind, values]) => {
        const sorted = values.sort((a, b) => a - b);
        return [kind, { n: sorted.length, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) }];
      }),
    );
    const throughput = round(result.requests.total / durationS);
    const figures = { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), p99_ms: round(percentile(times, 99)), throughput_per_s: throughput };
    const errors = result.errors + result.timeouts;
    const non2xx = result.non2xx;
    const params = { engine, candidates: candidateCount, connections, duration_s: durationS, requests: result.requests.total, errors, timeouts: result.timeouts, non2xx, status_codes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0])), fill_s: round(fillS), load_average_1m: round(os.loadavg()[0]!), mix: "list 35, search 10, profile 25, matches 15, dashboard 5, note 10 (%)", by_kind: perKind };
    const within = throughput >= budget.throughput_per_s && figures.p95_ms <= budget.p95_ms && errors === 0 && non2xx === 0;
    results.push({ name: "load.mix", params, ...figures, budget: { throughput_per_s_min: budget.throughput_per_s, p95_ms_max: budget.p95_ms, errors: 0, applies_to: "postgres" }, within_budget: within });
    process.stderr.write(`load.mix ${engine}: ${throughput} req/s, p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, p99 ${figures.p99_ms} ms, errors ${errors}, non-2xx ${non2xx}\n`);

    // /api/health while slow reports run: four dashboards over the whole network at a time, health every 20 ms.
    let reporting = true;
    let reports = 0;
    const reportLoops = Array.from({ length: 4 }, async () => {
      while (reporting) {
        await api("GET", "/api/v1/reports/dashboard");
        reports++;
      }
    });
    await sleep(200);
    times.length = 0;
    const until = performance.now() + (quick ? 3000 : 8000);
    while (performance.now() < until) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/api/health`);
      await response.arrayBuffer();
      times.push(performance.now() - t0);
      await sleep(20);
    }
    reporting = false;
    await Promise.all(reportLoops);
    times.sort((a, b) => a - b);
    const health = { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), p99_ms: round(percentile(times, 99)) };
    results.push({ name: "load.health_during_report", params: { engine, candidates: candidateCount, samples: times.length, concurrent_dashboards: 4, dashboards_done: reports }, ...health, budget_p95_ms: budget.health_p95_ms, within_budget: health.p95_ms <= budget.health_p95_ms });
    process.stderr.write(`load.health_during_report ${engine}: p50 ${health.p50_ms} ms, p95 ${health.p95_ms} ms (${reports} dashboards meanwhile)\n`);
  } finally {
    await stopServer(server);
  }
}

async function main() {
  const admin = "a-secret-password-for-load\n";
  if (engines.includes("pglite")) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-bench-load-"));
    const env = { MANGFOLD_DATA_DIR: dataDir };
    try {
      const started = performance.now();
      cli(["setup", "--network", "Last", "--slug", "load", "--admin-email", "leder@load.example.no"], env, admin);
      const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
      try {
        await fill(database.db);
      } finally {
        await database.close();
      }
      await measure("pglite", env, started);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (engines.includes("postgres")) {
    const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const adminClient = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
    try {
      await adminClient.connect();
    } catch (error) {
      for (const name of ["load.mix", "load.health_during_report"]) results.push({ name, params: { engine: "postgres" }, skipped: `PostgreSQL not reachable (${(error as Error).message})` });
      return;
    }
    const name = `mangfold_bench_load_${process.pid}`;
    await adminClient.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString() };
    try {
      const started = performance.now();
      cli(["setup", "--network", "Last", "--slug", "load", "--admin-email", "leder@load.example.no"], env, admin);
      const database = await openDatabase({ databaseUrl: url.toString() });
      try {
        await fill(database.db);
      } finally {
        await database.close();
      }
      await measure("postgres", env, started);
    } finally {
      await adminClient.query(`drop database if exists ${name} with (force)`);
      await adminClient.end();
    }
  }
}

await main();
if (reportFile) fs.writeFileSync(reportFile, JSON.stringify(results));
for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
