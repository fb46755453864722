import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "./db.ts";

/*
 * PGLITE_FSYNC reaches PostgreSQL inside PGlite (ADR 029): "on" runs it with fsync on and a WAL flush method that
 * PGlite's file system carries out; "off" keeps PGlite's default (-F). Data written either way is read back after
 * a reopen. What survives a SIGKILL is measured by `npm run test:crash`.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-durability-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("PGlite durability setting", { timeout: 120_000 }, () => {
  it.each([
    ["on", "on", "fsync"],
    ["off", "off", "fdatasync"],
  ] as const)("PGLITE_FSYNC=%s runs PostgreSQL with fsync %s and wal_sync_method %s", async (setting, fsync, method) => {
    const dir = path.join(work, setting);
    const first = await openDatabase({ dataDir: dir, pgliteFsync: setting });
    try {
      const settings = await first.pglite!.query<{ name: string; setting: string }>("select name, setting from pg_settings where name in ('fsync', 'wal_sync_method') order by name");
      expect(settings.rows).toEqual([
        { name: "fsync", setting: fsync },
        { name: "wal_sync_method", setting: method },
      ]);
      await first.pglite!.exec("create table kept (v text); insert into kept values ('committed')");
    } finally {
      await first.close();
    }
    const second = await openDatabase({ dataDir: dir, pgliteFsync: setting });
    try {
      expect((await second.pglite!.query("select v from kept")).rows).toEqual([{ v: "committed" }]);
    } finally {
      await second.close();
    }
  });
});
