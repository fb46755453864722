import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import type { Database } from "../platform/db.ts";
import { AppError } from "../platform/errors.ts";

/*
 * `mangfold backup` / `mangfold restore` (docs/OPERATIONS.md, ADR 029).
 * - PGlite: the data directory as a tar.gz from PGlite's dumpDataDir, taken by the process that holds the
 *   directory (the server, over the control socket, or the CLI itself) after a CHECKPOINT. Restoring unpacks it
 *   into an empty directory with PGlite's loadDataDir.
 * - PostgreSQL: `pg_dump --format=custom` and `pg_restore` (the postgresql-client binaries, on PATH or in
 *   PG_BIN_DIR), against DATABASE_URL.
 * Backup files hold everything about every person: they are written with mode 0600 and should be kept encrypted.
 */

/** Writes `data` to `file` through a temporary file and a rename, so a half-written backup never has the final name. */
function writeAtomically(file: string, data: Uint8Array) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.partial-${process.pid}`;
  const fd = fs.openSync(temporary, "w", 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

function pgBinary(name: "pg_dump" | "pg_restore"): string {
  const dir = process.env.PG_BIN_DIR;
  return dir ? path.join(dir, name) : name;
}

/** Runs a PostgreSQL client binary; the database URL goes in the environment, not on the command line (ps shows that). */
function runPgTool(name: "pg_dump" | "pg_restore", args: string[], databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgBinary(name), args, { env: { ...process.env, PGDATABASE: databaseUrl }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new AppError("rule_broken", error.code === "ENOENT" ? `${name} was not found: install the postgresql-client package (or set PG_BIN_DIR).` : `${name} failed: ${error.message}`)),
    );
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new AppError("rule_broken", `${name} failed (exit ${code}): ${stderr.trim().split("\n")[0] ?? ""}`));
    });
  });
}

export type BackupResult = { file: string; bytes: number; engine: "pglite" | "postgres" };

/** Takes a backup of the open database into `file` (an absolute path). */
export async function backupDatabase(database: Database, databaseUrl: string | undefined, file: string): Promise<BackupResult> {
  if (database.engine === "postgres") {
    if (!databaseUrl) throw new AppError("rule_broken", "DATABASE_URL is not set.");
    const temporary = `${file}.partial-${process.pid}`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // --no-owner/--no-acl: the dump restores into a database owned by whoever runs pg_restore.
      await runPgTool("pg_dump", ["--format=custom", "--no-owner", "--no-acl", "--file", temporary, "--dbname", databaseUrl], databaseUrl);
      fs.chmodSync(temporary, 0o600);
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
    return { file, bytes: fs.statSync(file).size, engine: "postgres" };
  }
  const client = database.pglite;
  if (!client) throw new AppError("rule_broken", "No PGlite database is open.");
  // A checkpoint first, so the restored copy starts without replaying the WAL (the dump itself runs alone).
  await client.exec("CHECKPOINT");
  const dump = await client.dumpDataDir("gzip");
  writeAtomically(file, new Uint8Array(await dump.arrayBuffer()));
  return { file, bytes: fs.statSync(file).size, engine: "pglite" };
}

/** Whether a PGlite data directory holds a database (anything at all in it counts). */
export function pgliteDirIsEmpty(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/** The tables a PostgreSQL database holds outside the system schemas. */
async function userTables(client: pg.Client): Promise<number> {
  const result = await client.query<{ n: string }>(
    "select count(*) as n from pg_catalog.pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
  );
  return Number(result.rows[0]?.n ?? 0);
}

export type RestoreResult = { engine: "pglite" | "postgres"; target: string; movedAside?: string };

/**
 * Restores a backup file into PostgreSQL (DATABASE_URL) or into the PGlite directory `pgliteDir`. The target must
 * be empty, unless `force`: then PostgreSQL's schemas are dropped first, and an existing PGlite directory is moved
 * aside (renamed, not deleted) so that nothing is lost by a mistaken restore.
 */
export async function restoreDatabase(options: { file: string; databaseUrl?: string | undefined; pgliteDir: string; force: boolean; pgliteFsync?: "on" | "off" }): Promise<RestoreResult> {
  if (!fs.existsSync(options.file)) throw new AppError("validation_failed", `Cannot read ${options.file}.`);
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      const tables = await userTables(client);
      if (tables > 0) {
        if (!options.force) throw new AppError("conflict", `The database is not empty (${tables} tables). Restore into an empty database, or add --force to replace its contents.`);
        await client.query("drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;");
      }
    } finally {
      await client.end();
    }
    await runPgTool("pg_restore", ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", "--dbname", options.databaseUrl, options.file], options.databaseUrl);
    return { engine: "postgres", target: new URL(options.databaseUrl).pathname.slice(1) };
  }
  const header = Buffer.alloc(2);
  const fd = fs.openSync(options.file, "r");
  try {
    fs.readSync(fd, header, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header[0] !== 0x1f || header[1] !== 0x8b) {
    throw new AppError("rule_broken", `${options.file} is not a PGlite backup (a .tar.gz from \`mangfold backup\`). A pg_dump file restores into PostgreSQL: set DATABASE_URL.`);
  }
  let movedAside: string | undefined;
  if (!pgliteDirIsEmpty(options.pgliteDir)) {
    if (!options.force) throw new AppError("conflict", `The data directory ${options.pgliteDir} is not empty. Restore into an empty MANGFOLD_DATA_DIR, or add --force (the current data is moved aside, not deleted).`);
    movedAside = `${options.pgliteDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(options.pgliteDir, movedAside);
  }
  const data = new Blob([fs.readFileSync(options.file)]);
  const client = await PGlite.create({ fs: new NodeFS(options.pgliteDir), loadDataDir: data });
  try {
    // Proves the copy opens and is a Mangfold database before the command says it is done.
    await client.query("select count(*) from drizzle.__drizzle_migrations");
    await client.exec("CHECKPOINT");
  } finally {
    await client.close();
  }
  return { engine: "pglite", target: options.pgliteDir, ...(movedAside ? { movedAside } : {}) };
}
