import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/*
 * `mangfold backup` and `mangfold restore` as an operator runs them (real processes): a backup taken from a running
 * server (PGlite: over the control socket) restores into an empty database with the same rows in every table
 * (count and md5 of the ordered rows), and a restore refuses a database that is not empty unless --force.
 * PGlite always; PostgreSQL when the suite runs on it (npm run test:pg), with pg_dump/pg_restore.
 */

const root = path.resolve(import.meta.dirname, "../../..");
const bin = path.join(root, "bin/mangfold.js");
const onPostgres = process.env.MANGFOLD_TEST_ENGINE === "postgres";
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function cli(args: string[], env: Record<string, string>, input = "") {
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: "silent", ...env }, input, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `fn` while a server runs on `env`, then stops it with SIGTERM. */
async function withServer(env: Record<string, string>, fn: () => void) {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "start"], { env: { ...process.env, LOG_LEVEL: "silent", ...env, PORT: String(port) }, stdio: "ignore" });
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      if (i > 600) throw new Error("server did not become ready");
      const ok = await fetch(`http://127.0.0.1:${port}/api/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    fn();
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** Row count and md5 of the ordered rows of every table outside the system schemas. */
async function fingerprint(query: Query): Promise<Record<string, string>> {
  const tables = await query(
    "select schemaname, tablename from pg_catalog.pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2",
  );
  const result: Record<string, string> = {};
  for (const { schemaname, tablename } of tables as { schemaname: string; tablename: string }[]) {
    const name = `"${schemaname}"."${tablename}"`;
    const [row] = await query(`select count(*)::text as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as hash from ${name} t`);
    result[name] = `${String(row!.n)} ${String(row!.hash)}`;
  }
  return result;
}

async function pgliteFingerprint(dir: string) {
  const client = await PGlite.create({ fs: new NodeFS(dir) });
  try {
    return await fingerprint(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await client.close();
  }
}

async function postgresFingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fingerprint(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await client.end();
  }
}

/** Fills a database through the real commands: a network, an admin, a token and the synthetic demo network. */
function fill(env: Record<string, string>) {
  const setup = cli(["setup", "--network", "Globale Drammen", "--slug", "drammen", "--admin-email", "leder@drammen.example.no"], env, "a-secret-password\n");
  expect(setup.stderr).toBe("");
  expect(cli(["token", "create", "--network", "drammen", "--role", "advisor", "--name", "backup test"], env).status).toBe(0);
  const demo = cli(["demo", "--candidates", "40", "--employers", "8", "--seed", "backup"], env);
  expect(demo.stderr).toBe("");
  expect(demo.status).toBe(0);
}

function expectSameData(before: Record<string, string>, after: Record<string, string>) {
  expect(Object.keys(after)).toEqual(Object.keys(before));
  expect(after).toEqual(before);
  // The comparison means something: the data is there, not two empty databases.
  expect(Number(before['"public"."candidates"']?.split(" ")[0])).toBeGreaterThanOrEqual(40);
  expect(Number(before['"public"."audit_log"']?.split(" ")[0])).toBeGreaterThan(0);
}

describe("backup and restore on PGlite", { timeout: 300_000 }, () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-backup-"));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("backs up a running server's data directory and restores it into an empty one with the same rows in every table", async () => {
    const source = { MANGFOLD_DATA_DIR: path.join(work, "source") };
    const target = { MANGFOLD_DATA_DIR: path.join(work, "target") };
    const file = path.join(work, "mangfold.tar.gz");
    fill(source);
    await withServer(source, () => {
      // The server holds the directory: the command is carried out by it, over the control socket.
      const backup = cli(["backup", file], source);
      expect(backup.stderr).toBe("");
      expect(backup.status).toBe(0);
      expect(backup.stdout).toContain(file);
      // A second server cannot take the directory, and a restore into it is refused while it runs.
      const restoreWhileRunning = cli(["restore", file, "--force"], source);
      expect(restoreWhileRunning.status).toBe(1);
      expect(restoreWhileRunning.stderr).toMatch(/Stop it before restoring/);
    });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const restore = cli(["restore", file], target);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expectSameData(await pgliteFingerprint(path.join(work, "source/pglite")), await pgliteFingerprint(path.join(work, "target/pglite")));

    // Not into a database that holds data, unless --force, which moves the old directory aside.
    const again = cli(["restore", file], target);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    const forced = cli(["restore", file, "--force"], target);
    expect(forced.status).toBe(0);
    expect(fs.readdirSync(path.join(work, "target")).some((name) => name.startsWith("pglite.before-restore-"))).toBe(true);

    // The restored directory serves: a server starts on it and answers.
    await withServer(target, () => {});

    // A file that is not a backup is refused with a reason, and nothing is written.
    const bogus = path.join(work, "notes.txt");
    fs.writeFileSync(bogus, "not a backup");
    const wrong = cli(["restore", bogus], { MANGFOLD_DATA_DIR: path.join(work, "other") });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/not a PGlite backup/);
    expect(fs.existsSync(path.join(work, "other/pglite"))).toBe(false);
  });
});

describe.runIf(onPostgres)("backup and restore on PostgreSQL (pg_dump/pg_restore)", { timeout: 300_000 }, () => {
  const suffix = `${process.pid}_${Date.now()}`;
  const names = { source: `mangfold_backup_src_${suffix}`, target: `mangfold_backup_dst_${suffix}` };
  const urlOf = (name: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  let admin: pg.Client;
  let work: string;
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-backup-pg-"));
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const name of Object.values(names)) await admin.query(`create database ${name}`);
  });
  afterAll(async () => {
    for (const name of Object.values(names)) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("dumps a database and restores it into an empty one with the same rows in every table; refuses a non-empty one without --force", async () => {
    const source = { DATABASE_URL: urlOf(names.source) };
    const target = { DATABASE_URL: urlOf(names.target) };
    const file = path.join(work, "mangfold.dump");
    fill(source);
    await withServer(source, () => {
      const backup = cli(["backup", "--out", file], source);
      expect(backup.stderr).toBe("");
      expect(backup.status).toBe(0);
    });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const restore = cli(["restore", file], target);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expectSameData(await postgresFingerprint(urlOf(names.source)), await postgresFingerprint(urlOf(names.target)));

    const again = cli(["restore", file], target);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    const forced = cli(["restore", file, "--force"], target);
    expect(forced.stderr).toBe("");
    expect(forced.status).toBe(0);
    expectSameData(await postgresFingerprint(urlOf(names.source)), await postgresFingerprint(urlOf(names.target)));
  });
});
