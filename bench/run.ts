/**
 * `npm run bench [-- --quick]`: the foundation's figures, written to bench/results/latest.json (CONTRACT.md format).
 * - startup.ready: `node src/server/main.ts` on an existing PGlite data directory until /api/health answers (budget 2 s);
 * - api.users.list / api.me: HTTP reads on loopback with concurrent clients, on PGlite and (when reachable) PostgreSQL;
 * - web.initial_js: gzipped JavaScript the sign-in page loads first (budget 250 KB);
 * - taxonomy.search: occupation and skill search over HTTP, one query at a time (budget p95 20 ms), on both engines.
 *   Full mode imports the full ESCO from ../shared/data first; quick mode searches the built-in starter taxonomy.
 * - matching.rank / matching.update: the matching engine (bench/matching.ts, in its own process pinned to one core
 *   when taskset is there): 1,000,000 synthetic candidates (50,000 quick), the PostgreSQL baseline and NDCG@10.
 * - dashboard.network / dashboard.network.live / dashboard.caseload: the goal dashboard's API (counted ahead of the read, counted at the read, one caseload; ADR 031) (bench/dashboard.ts, in its own process) on one
 *   network with 200,000 candidates and 100,000 placements (10,000 and 5,000 quick), on PGlite and PostgreSQL
 *   (budget p95 200 ms each).
 * Load goes only to 127.0.0.1 and every loop is bounded in count.
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
/** `--only taxonomy` (or api, startup, web, matching, dashboard, load) runs one group of benchmarks. */
const only = process.argv[process.argv.indexOf("--only") + 1];
const wants = (group: string) => !process.argv.includes("--only") || only === group;
const results: Record<string, unknown>[] = [];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)), p99_ms: round(percentile(sorted, 99)) };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, "bin/mangfold.js"), "start"], { env: { ...process.env, LOG_LEVEL: "warn", API_RATE_LIMIT: "1000000", ...env, PORT: String(port) }, stdio: "ignore" });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url, readyMs: performance.now() - started };
    } catch {
      /* not yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("server did not become ready in 6 s");
}

async function stopServer(child: ChildProcess) {
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}

function cli(args: string[], env: Record<string, string>, input = "") {
  const result = spawnSync(process.execPath, [path.join(root, "bin/mangfold.js"), ...args], { env: { ...process.env, ...env }, input, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`mangfold ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Sends `total` GETs with `concurrency` clients in flight; returns per-request latencies and throughput. */
async function load(url: string, headers: Record<string, string>, total: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!response.ok) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (failures > 0) throw new Error(`${failures} of ${total} requests to ${url} failed`);
  return { ...summary(latencies), throughput_per_s: round(total / seconds) };
}

async function benchApi(engine: "pglite" | "postgres", env: Record<string, string>) {
  const network = `bench-${engine}`;
  cli(["setup", "--network", "Bench", "--slug", network, "--admin-email", `admin@${network}.example.no`], env, "bench-password-123\n");
  const token = cli(["token", "create", "--network", network, "--role", "admin", "--name", "bench"], env);
  const server = await startServer(env);
  try {
    const headers = { authorization: `Bearer ${token}` };
    const total = quick ? 300 : 3000;
    const concurrency = quick ? 10 : 50;
    await load(`${server.url}/api/v1/users`, headers, 50, 5); // warm-up
    for (const [name, url] of [
      ["api.users.list", "/api/v1/users?limit=50"],
      ["api.network.read", "/api/v1/network"],
    ] as const) {
      const figures = await load(`${server.url}${url}`, headers, total, concurrency);
      const rss = Number(fs.readFileSync(`/proc/${server.child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
      results.push({ name, params: { engine, requests: total, concurrency }, ...figures, rss_mb: round(rss) });
    }
  } finally {
    await stopServer(server.child);
  }
}

/** Varied typeahead queries: whole words, prefixes, typos, bokmål and English, several words. */
const taxonomyQueries = [
  ["kokk", "nb"], ["sykepleier", "nb"], ["sykeplier", "nb"], ["syke", "nb"], ["rengjoring", "nb"], ["renhold", "nb"], ["elektriker", "nb"],
  ["elektirker", "nb"], ["tomrer", "nb"], ["rorlegger", "nb"], ["lagerarb", "nb"], ["butikkmedarbeider", "nb"], ["barnehage", "nb"],
  ["regnskap", "nb"], ["sveiser", "nb"], ["frisør", "nb"], ["sjåfør", "nb"], ["vaktmester", "nb"], ["ingenior", "nb"], ["lærer", "nb"],
  ["electrician", "en"], ["cook", "en"], ["softwar develper", "en"], ["nurse", "en"], ["cleaner", "en"], ["warehouse", "en"], ["accountant", "en"],
  ["teach", "en"], ["customer service", "en"], ["communicate with customers", "en"], ["manage staff", "en"], ["welding", "en"], ["forklift", "en"],
  ["project managment", "en"], ["Norwegian", "en"], ["norsk", "nb"], ["arabic", "en"], ["first aid", "en"], ["hygiene", "en"], ["programming", "en"],
] as const;

async function benchTaxonomy(engine: "pglite" | "postgres", env: Record<string, string>) {
  const network = `bench-tax-${engine}`;
  cli(["setup", "--network", "Bench", "--slug", network, "--admin-email", `admin@${network}.example.no`], env, "bench-password-123\n");
  const token = cli(["token", "create", "--network", network, "--role", "viewer", "--name", "bench"], env);
  const esco = path.resolve(root, "../shared/data/esco-v1.1.1");
  const full = !quick && fs.existsSync(esco);
  let importMs = 0;
  if (full) {
    const started = performance.now();
    cli(["taxonomy", "import", "esco", esco, "--lang", "en"], env);
    cli(["taxonomy", "import", "no-labels", path.resolve(root, "../shared/data/esco-no/occupation-labels-no.tsv")], env);
    importMs = performance.now() - started;
  }
  const server = await startServer(env);
  try {
    const headers = { authorization: `Bearer ${token}` };
    const url = (kind: string, q: string, lang: string) => `${server.url}/api/v1/taxonomy/${kind}?q=${encodeURIComponent(q)}&lang=${lang}&limit=10`;
    const firstStarted = performance.now();
    await fetch(url("skills", "index", "en"), { headers }); // builds the index
    const firstMs = performance.now() - firstStarted;
    const latencies: number[] = [];
    const rounds = quick ? 2 : 5;
    for (let round = 0; round < rounds; round++) {
      for (const [q, lang] of taxonomyQueries) {
        for (const kind of ["occupations", "skills"]) {
          const started = performance.now();
          const response = await fetch(url(kind, q, lang), { headers });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`taxonomy search failed: ${response.status}`);
          latencies.push(performance.now() - started);
        }
      }
    }
    const rss = Number(fs.readFileSync(`/proc/${server.child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
    results.push({
      name: "taxonomy.search",
      params: { engine, taxonomy: full ? "esco-1.1.1 (en) + bokmål occupation labels" : "starter", queries: latencies.length, concurrency: 1, budget_p95_ms: 20 },
      ...summary(latencies),
      first_query_ms: round(firstMs),
      import_ms: round(importMs),
      rss_mb: round(rss),
    });
  } finally {
    await stopServer(server.child);
  }
}

async function benchStartup(dataDir: string) {
  const samples: number[] = [];
  for (let i = 0; i < (quick ? 3 : 10); i++) {
    const server = await startServer({ MANGFOLD_DATA_DIR: dataDir });
    samples.push(server.readyMs);
    await stopServer(server.child);
  }
  results.push({ name: "startup.ready", params: { engine: "pglite", runs: samples.length, budget_ms: 2000 }, ...summary(samples) });
}

function benchBundle() {
  spawnSync(process.execPath, [path.join(root, "scripts/build.ts")], { stdio: "inherit" });
  const dist = path.join(root, "dist/web");
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file))).length;
  const bytes = initial.reduce((sum, file) => sum + gz(file), 0);
  const all = fs.readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".js"));
  results.push({
    name: "web.initial_js",
    params: { files: initial.length, budget_kb: 250 },
    gzip_kb: round(bytes / 1024),
    total_js_gzip_kb: round(all.reduce((sum, f) => sum + gz(`assets/${f}`), 0) / 1024),
  });
}

async function postgresUrl(): Promise<string | undefined> {
  const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    const name = `mangfold_bench_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  } catch {
    process.stdout.write("PostgreSQL not reachable: skipping the PostgreSQL figures.\n");
    return undefined;
  } finally {
    await admin.end().catch(() => {});
  }
}

async function dropDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const serverUrl = new URL(url);
  serverUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** bench/matching.ts in a process of its own (its memory is its own figure), on one core when taskset is there. */
function benchMatching() {
  const report = path.join(os.tmpdir(), `mangfold-bench-matching-${process.pid}.json`);
  const args = [path.join(root, "bench/matching.ts"), "--report", report, ...(quick ? ["--quick"] : [])];
  const pinned = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  const command = pinned ? ["taskset", ["-c", "0", process.execPath, ...args]] as const : [process.execPath, args] as const;
  const run = spawnSync(command[0], command[1], { stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) throw new Error(`bench/matching.ts failed with ${run.status}`);
  const figures = JSON.parse(fs.readFileSync(report, "utf8")) as { params?: Record<string, unknown> }[];
  fs.rmSync(report, { force: true });
  for (const figure of figures) results.push({ ...figure, params: { ...figure.params, pinned_to_one_core: pinned } });
}

/** bench/dashboard.ts in a process of its own: it fills PGlite and a PostgreSQL database of its own. */
function benchDashboard() {
  const report = path.join(os.tmpdir(), `mangfold-bench-dashboard-${process.pid}.json`);
  const run = spawnSync(process.execPath, [path.join(root, "bench/dashboard.ts"), "--report", report, ...(quick ? ["--quick"] : [])], { stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) throw new Error(`bench/dashboard.ts failed with ${run.status}`);
  results.push(...(JSON.parse(fs.readFileSync(report, "utf8")) as Record<string, unknown>[]));
  fs.rmSync(report, { force: true });
}

/** bench/load.ts in a process of its own: autocannon against the real server on PGlite and PostgreSQL (ADR 029). */
function benchLoad() {
  const report = path.join(os.tmpdir(), `mangfold-bench-load-${process.pid}.json`);
  const run = spawnSync(process.execPath, [path.join(root, "bench/load.ts"), "--report", report, ...(quick ? ["--quick"] : [])], { stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) throw new Error(`bench/load.ts failed with ${run.status}`);
  results.push(...(JSON.parse(fs.readFileSync(report, "utf8")) as Record<string, unknown>[]));
  fs.rmSync(report, { force: true });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-bench-"));
try {
  if (wants("web")) benchBundle();
  if (wants("api")) await benchApi("pglite", { MANGFOLD_DATA_DIR: dataDir });
  if (wants("startup")) await benchStartup(dataDir);
  const taxonomyDir = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-bench-taxonomy-"));
  try {
    if (wants("taxonomy")) await benchTaxonomy("pglite", { MANGFOLD_DATA_DIR: taxonomyDir });
  } finally {
    fs.rmSync(taxonomyDir, { recursive: true, force: true });
  }
  if (wants("matching")) benchMatching();
  if (wants("dashboard")) benchDashboard();
  if (wants("load")) benchLoad();
  const pgUrl = wants("api") || wants("taxonomy") ? await postgresUrl() : undefined;
  if (pgUrl) {
    try {
      if (wants("api")) await benchApi("postgres", { DATABASE_URL: pgUrl, MANGFOLD_DATA_DIR: dataDir });
      if (wants("taxonomy")) await benchTaxonomy("postgres", { DATABASE_URL: pgUrl, MANGFOLD_DATA_DIR: dataDir });
    } finally {
      await dropDatabase(pgUrl);
    }
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const report = { startedAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, quick, results };
fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench/results/latest.json"), `${JSON.stringify(report, null, 2)}\n`);
for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
