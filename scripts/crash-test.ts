/*
 * `npm run test:crash [-- --kills N] [--engines pglite,pglite-fsync-off,postgres] [--max-seconds S]`: the crash test
 * (ADR 029). `--max-seconds` bounds each engine's time (CI): the rounds stop when it is spent, and the report says
 * how many kills were done.
 *
 * For each engine: a real server (`bin/mangfold.js start`) on a fresh PGlite data directory or a fresh PostgreSQL
 * database; writers create candidates over HTTP with an API token, each with a unique marker; the server is killed
 * with SIGKILL at a random moment (0–1.5 s after the round's first acknowledged write; one round in ten while it
 * is still starting); then the data is checked directly in the database and the server is started again, N times.
 * The checks:
 * - every write that was answered 2xx is there, completely (the candidate, its background row, its audit entry);
 * - nothing is half there: no candidate without its background row or audit entry, no audit entry without its
 *   candidate (writes that were not answered may be there or not, but whole);
 * - the server starts again after every kill without manual repair (the stale mangfold.lock and PostgreSQL's own
 *   crash recovery are handled), within the start-up timeout.
 * Exit status 0 when every check held; 1 otherwise (each failure is printed). Needs PostgreSQL at
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) for the postgres engine.
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin/mangfold.js");
const argValue = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const kills = Number(argValue("--kills") ?? 50);
const engines = (argValue("--engines") ?? "pglite,postgres").split(",");
const writers = Number(argValue("--writers") ?? 8);
const maxSeconds = Number(argValue("--max-seconds") ?? Infinity);
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** How long a restart may take before it counts as "does not start" (generous: CI machines are shared). */
const startTimeoutMs = Number(argValue("--start-timeout") ?? 180) * 1000;

type Engine = "pglite" | "pglite-fsync-off" | "postgres";
type EngineReport = {
  engine: Engine;
  kills: number;
  acknowledged: number;
  unanswered: number;
  unansweredPresent: number;
  failures: string[];
  restartMs: { max: number; median: number };
  staleLocksTakenOver: number;
  seconds: number;
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cli(args: string[], env: Record<string, string>, input = "") {
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: "silent", ...env }, input, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`mangfold ${args[0]} failed: ${result.stderr}`);
  return result.stdout.trim();
}

function startServer(env: Record<string, string>, port: number): ChildProcess {
  return spawn(process.execPath, [bin, "start"], {
    env: { ...process.env, LOG_LEVEL: "warn", API_RATE_LIMIT: "10000000", ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} at start: ${stderr().trim().split("\n").slice(-3).join(" | ")}`);
    if (Date.now() > deadline) throw new Error(`the server did not become ready within ${startTimeoutMs / 1000} s`);
    if (await fetch(`${url}/api/ready`).then((r) => r.ok, () => false)) return;
    await sleep(50);
  }
}

function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  return exited;
}

type Ledger = { acknowledged: Map<string, string>; unanswered: Set<string> };

/** One writer: creates candidates with unique markers until the server stops answering. */
async function writer(url: string, token: string, round: number, index: number, ledger: Ledger, stop: { stopped: boolean }) {
  for (let seq = 0; !stop.stopped; seq++) {
    const marker = `crash-${round}-${index}-${seq}`;
    ledger.unanswered.add(marker);
    try {
      const response = await fetch(`${url}/api/v1/candidates`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ firstName: "Krasj", lastName: marker, municipality: "Drammen", background: { countryOfBirth: "SY", arrivalYear: 2019, gender: "female", birthYear: 1990 } }),
      });
      const body = (await response.json()) as { id?: string };
      if (response.status === 201 || response.status === 200) {
        ledger.unanswered.delete(marker);
        ledger.acknowledged.set(marker, body.id ?? "");
      } else {
        // An answered refusal: the write must not be there at all; keep it among the unanswered (checked whole or absent).
        throw new Error(`unexpected status ${response.status}`);
      }
    } catch {
      return; // the server is gone (or refused): this writer ends for the round
    }
  }
}

type Row = Record<string, unknown>;
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

/** Checks the database against the ledger; returns the failures (empty when every promise held). */
async function check(query: Query, ledger: Ledger): Promise<{ failures: string[]; unansweredPresent: number }> {
  const failures: string[] = [];
  const rows = (await query(
    `select c.id::text as id, c.last_name as marker, c.first_name as first_name, c.municipality as municipality,
            b.candidate_id is not null as has_background, b.country_of_birth as country, b.birth_year as birth_year,
            exists (select 1 from audit_log a where a.entity_id = c.id::text and a.action = 'candidate.create') as has_audit
       from candidates c left join candidate_backgrounds b on b.candidate_id = c.id
      where c.last_name like 'crash-%'`,
  )) as { id: string; marker: string; first_name: string; municipality: string; has_background: boolean; country: string | null; birth_year: number | null; has_audit: boolean }[];
  const byMarker = new Map(rows.map((row) => [row.marker, row]));
  for (const [marker, id] of ledger.acknowledged) {
    const row = byMarker.get(marker);
    if (!row) failures.push(`acknowledged write ${marker} (${id}) is missing`);
    else if (id && row.id !== id) failures.push(`acknowledged write ${marker} has id ${row.id}, answered ${id}`);
  }
  let unansweredPresent = 0;
  for (const row of rows) {
    if (ledger.unanswered.has(row.marker)) unansweredPresent++;
    else if (!ledger.acknowledged.has(row.marker)) failures.push(`candidate ${row.marker} was never written by this test`);
    if (!row.has_background) failures.push(`candidate ${row.marker} has no background row (half written)`);
    else if (row.country !== "SY" || row.birth_year !== 1990) failures.push(`candidate ${row.marker} has an incomplete background`);
    if (!row.has_audit) failures.push(`candidate ${row.marker} has no audit entry (half written)`);
    if (row.first_name !== "Krasj" || row.municipality !== "Drammen") failures.push(`candidate ${row.marker} has incomplete fields`);
  }
  const orphans = await query(
    `select a.entity_id as id from audit_log a where a.action = 'candidate.create' and a.after->>'source' = 'api'
        and not exists (select 1 from candidates c where c.id::text = a.entity_id)`,
  );
  for (const orphan of orphans) failures.push(`audit entry for candidate ${String(orphan.id)} without the candidate (half written)`);
  const backgroundOrphans = await query(`select count(*)::int as n from candidate_backgrounds b where not exists (select 1 from candidates c where c.id = b.candidate_id)`);
  if (Number(backgroundOrphans[0]?.n) > 0) failures.push(`${String(backgroundOrphans[0]?.n)} background rows without their candidate`);
  return { failures, unansweredPresent };
}

async function checkPglite(dir: string, ledger: Ledger) {
  // Opening the directory after the kill is PostgreSQL's crash recovery, as the server's next start does it.
  const client = await PGlite.create({ fs: new NodeFS(dir) });
  try {
    return await check(async (sql, params) => (await client.query<Row>(sql, params)).rows, ledger);
  } finally {
    await client.close();
  }
}

async function checkPostgres(url: string, ledger: Ledger) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await check(async (sql, params) => (await client.query<Row>(sql, params)).rows, ledger);
  } finally {
    await client.end();
  }
}

async function runEngine(engine: Engine): Promise<EngineReport> {
  const started = performance.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `mangfold-crash-${engine}-`));
  const dbName = `mangfold_crash_${process.pid}_${Date.now()}`;
  let admin: pg.Client | undefined;
  let env: Record<string, string>;
  if (engine === "postgres") {
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    env = { DATABASE_URL: url.toString() };
  } else {
    env = { MANGFOLD_DATA_DIR: work, PGLITE_FSYNC: engine === "pglite" ? "on" : "off" };
  }
  const report: EngineReport = { engine, kills: 0, acknowledged: 0, unanswered: 0, unansweredPresent: 0, failures: [], restartMs: { max: 0, median: 0 }, staleLocksTakenOver: 0, seconds: 0 };
  const restarts: number[] = [];
  const ledger: Ledger = { acknowledged: new Map(), unanswered: new Set() };
  try {
    cli(["setup", "--network", "Krasjtest", "--slug", "krasj", "--admin-email", "leder@krasj.example.no"], env, "a-secret-password\n");
    const token = cli(["token", "create", "--network", "krasj", "--role", "advisor", "--name", "crash test"], env);
    for (let round = 0; round < kills && (performance.now() - started) / 1000 < maxSeconds; round++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      if (engine !== "postgres" && fs.existsSync(path.join(work, "mangfold.lock"))) report.staleLocksTakenOver++;
      const t0 = performance.now();
      const child = startServer(env, port);
      let stderr = "";
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      // One round in ten kills the server while it starts (opening the database, migrations).
      if (round % 10 === 9) {
        await sleep(200 + Math.random() * 1500);
        await kill9(child);
      } else {
        try {
          await waitReady(url, child, () => stderr);
        } catch (error) {
          report.failures.push(`round ${round}: ${(error as Error).message}`);
          await kill9(child);
          break;
        }
        restarts.push(performance.now() - t0);
        const stop = { stopped: false };
        const running = Array.from({ length: writers }, (_, index) => writer(url, token, round, index, ledger, stop));
        // Kill while writes are flowing: after this round's first acknowledged write (a loaded machine can take
        // seconds for it), then at a random moment 0–1.5 s later.
        const before = ledger.acknowledged.size;
        const waitUntil = performance.now() + 15_000;
        while (ledger.acknowledged.size === before && performance.now() < waitUntil) await sleep(10);
        await sleep(Math.random() * 1500);
        await kill9(child);
        stop.stopped = true;
        await Promise.all(running);
      }
      report.kills++;
      const result = engine === "postgres" ? await checkPostgres(env.DATABASE_URL!, ledger) : await checkPglite(path.join(work, "pglite"), ledger);
      report.unansweredPresent = result.unansweredPresent;
      for (const failure of result.failures) report.failures.push(`after kill ${round + 1}: ${failure}`);
      if (result.failures.length > 0) break;
      process.stderr.write(`\r${engine}: ${round + 1}/${kills} kills, ${ledger.acknowledged.size} acknowledged writes intact`);
    }
    process.stderr.write("\n");
  } finally {
    if (admin) {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
  restarts.sort((a, b) => a - b);
  report.restartMs = { max: Math.round(restarts.at(-1) ?? 0), median: Math.round(restarts[Math.floor(restarts.length / 2)] ?? 0) };
  report.acknowledged = ledger.acknowledged.size;
  report.unanswered = ledger.unanswered.size;
  report.seconds = Math.round((performance.now() - started) / 1000);
  return report;
}

const reports: EngineReport[] = [];
for (const engine of engines) {
  if (engine !== "pglite" && engine !== "pglite-fsync-off" && engine !== "postgres") {
    process.stderr.write(`Unknown engine ${engine}: use pglite, pglite-fsync-off or postgres.\n`);
    process.exit(2);
  }
  reports.push(await runEngine(engine));
}
for (const report of reports) {
  const { failures, ...figures } = report;
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  for (const failure of failures.slice(0, 20)) process.stdout.write(`  FAIL ${failure}\n`);
}
// Fewer kills than asked is a failure only without a time budget (with one, the report says how many were done).
const failed = reports.some((report) => report.failures.length > 0 || report.kills === 0 || (report.kills < kills && maxSeconds === Infinity));
process.stdout.write(
  failed
    ? "Crash test FAILED.\n"
    : `Crash test passed: ${reports.map((report) => `${report.kills} kills on ${report.engine}`).join(", ")}; every acknowledged write intact, nothing half written, every restart without repair.\n`,
);
process.exit(failed ? 1 : 0);
