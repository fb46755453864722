import { migrationsFolder } from "./paths.ts";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "../schema.ts";

export type Schema = typeof schema;
/** Either engine's Drizzle database; a transaction is one too, so service functions take `Db`. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  engine: "pglite" | "postgres";
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  /** Answers when the database is reachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The embedded engine, when it is PGlite (tests copy a migrated template from it). */
  pglite?: PGlite;
};


/** PGlite's durability (PGLITE_FSYNC, docs/decisions/029-durability-backup-load.md). */
export type PgliteFsync = "on" | "off";

/*
 * PGlite runs PostgreSQL in WebAssembly; its files live in the data directory through Emscripten's NODEFS, which
 * writes with ordinary write() calls but (in @electric-sql/pglite 0.5) has no fsync: PostgreSQL's fsync() and
 * fdatasync() do nothing, and PGlite starts PostgreSQL with `-F` (fsync off) besides.
 * - "off": every committed transaction has been written to the WAL file before the answer (PostgreSQL writes the
 *   WAL at commit whatever fsync says), so it is in the OS page cache and survives a kill of the process
 *   (measured by `npm run test:crash`), but not a power cut or an OS crash.
 * - "on": PostgreSQL runs with fsync on and `wal_sync_method=fsync`, and NODEFS's missing fsync is supplied
 *   (fs.fsyncSync on the real file): a commit waits until its WAL is on disk, and checkpoints flush the data
 *   files, so acknowledged writes also survive a power cut (given a disk that honours flushes).
 */
type EmscriptenOptions = Parameters<NodeFS["init"]>[1];

class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: EmscriptenOptions) {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...preRun,
      (mod: unknown) => {
        const nodefs = (mod as unknown as { NODEFS: { stream_ops: { fsync?: (stream: { nfd?: number }) => number } } }).NODEFS;
        nodefs.stream_ops.fsync = (stream) => {
          if (typeof stream.nfd === "number") fs.fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return result;
  }
}

/** PGlite's start parameters: its defaults, without `-F` and with a WAL flush that reaches the disk when fsync is on. */
function pgliteStartParams(fsync: PgliteFsync): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
  if (fsync === "off") return defaults;
  return [...defaults.filter((param) => param !== "-F"), "-c", "fsync=on", "-c", "wal_sync_method=fsync", "-c", "synchronous_commit=on"];
}

/**
 * Opens PGlite in `dataDir` (or in memory when dataDir is "memory://"), or a PostgreSQL server when a URL is
 * given. The caller holds the data-directory lock for PGlite (see lock.ts).
 */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir?: string; loadDataDir?: Blob; pgliteFsync?: PgliteFsync }): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 20 });
    // An idle connection that the server drops (restart, failover) must not take the process down;
    // the pool replaces it on the next query, and /api/ready reports whether the server answers.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      engine: "postgres",
      migrate: () => migratePg(db as never, { migrationsFolder }),
      ping: async () => {
        await pool.query("select 1");
      },
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? "memory://";
  const onDisk = !dataDir.startsWith("memory://");
  const client = await PGlite.create({
    ...(onDisk ? { fs: options.pgliteFsync === "on" ? new DurableNodeFS(dataDir) : new NodeFS(dataDir), startParams: pgliteStartParams(options.pgliteFsync ?? "off") } : { dataDir }),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    ping: async () => {
      await client.query("select 1");
    },
    close: () => client.close(),
    pglite: client,
  };
}
