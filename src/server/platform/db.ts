import { migrationsFolder } from "./paths.ts";
import { PGlite } from "@electric-sql/pglite";
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


/**
 * Opens PGlite in `dataDir` (or in memory when dataDir is "memory://"), or a PostgreSQL server when a URL is
 * given. The caller holds the data-directory lock for PGlite (see lock.ts).
 */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
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
  const client = await PGlite.create(options.dataDir ?? "memory://", options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
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
