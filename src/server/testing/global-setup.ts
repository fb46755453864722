import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../platform/db.ts";
import { ensureStarterTaxonomy } from "../taxonomy/starter/load.ts";

/*
 * Runs once per test run. Migrates one template database so that each test app starts from a copy of it:
 * - PGlite: a migrated data directory dumped to a tarball that each test app loads;
 * - PostgreSQL (TEST_DATABASE_URL): a template database that each test app clones, dropped at the end.
 */
export const templateTarball = path.resolve(import.meta.dirname, "../../../node_modules/.cache/mangfold-test/pglite-template.tar");

/** `npm run test:pg` sets MANGFOLD_TEST_ENGINE=postgres; the server is TEST_DATABASE_URL (default: local trust auth). */
export function testServerUrl(): string | undefined {
  if (process.env.MANGFOLD_TEST_ENGINE !== "postgres") return undefined;
  return process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

export default async function setup(project: TestProject) {
  const serverUrl = testServerUrl();
  if (serverUrl) {
    const name = `mangfold_template_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    await database.migrate();
    // The starter taxonomy goes into the template too, so that each test app starts with it at no cost.
    await ensureStarterTaxonomy(database.db);
    await database.close();
    project.provide("pgTemplate", name);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({});
  await database.migrate();
  await ensureStarterTaxonomy(database.db);
  const dump = await database.pglite!.dumpDataDir("none");
  await database.close();
  fs.mkdirSync(path.dirname(templateTarball), { recursive: true });
  fs.writeFileSync(templateTarball, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgTemplate", "");
  return undefined;
}

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}
