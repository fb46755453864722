import path from "node:path";
import type { Server } from "node:net";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./platform/db.ts";
import { acquireDataDirLock, DataDirLockedError } from "./platform/lock.ts";
import type { DataDirLock } from "./platform/lock.ts";
import { startControlSocket } from "./platform/control-socket.ts";
import { buildApp } from "./app.ts";
import { warmTaxonomyIndex } from "./taxonomy/service.ts";
import { describeFailure } from "./platform/errors.ts";
import { scheduleHourly, scheduleTaskReminders } from "./employers/reminders.ts";
import { sendPlacementFollowUpReminders } from "./placements/service.ts";
import { sendTraineeReminders } from "./trainee-programme/reminders.ts";
import { sendMentoringReminders } from "./mentoring/reminders.ts";
import { pruneMatchingChanges } from "./matching/registry.ts";
import { refreshDashboards } from "./reports/dashboard.ts";
import { scheduleAuditChecks } from "./audit-views/schedule.ts";
import { runDueRetention } from "./privacy/schedule.ts";

/** How often the dashboards people read are counted again after a change (a run with nothing stale is one small query). */
const dashboardRefreshMs = 10_000;

/** `npm start` / `mangfold start`: config → lock → database → migrations → HTTP (+ control socket for PGlite). */
export async function start() {
  const startedAt = performance.now();
  const config = loadConfig();
  let lock: DataDirLock | undefined;
  if (!config.databaseUrl) lock = acquireDataDirLock(config.dataDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite"), pgliteFsync: config.pgliteFsync });
  await database.migrate();
  const { app, ctx } = await buildApp({ config, database });
  let control: Server | undefined;
  if (!config.databaseUrl) control = await startControlSocket(ctx, config.dataDir);

  // E-mail reminders of due follow-up tasks: every hour (the first run after 30 s); what was sent is kept in the database.
  const stopReminders = scheduleTaskReminders(ctx, app.log, describeFailure);
  // The same for placements' "still employed?" follow-ups (3, 6 and 12 months after a hire), to the advisor.
  const stopFollowUpReminders = scheduleHourly(async () => {
    const result = await sendPlacementFollowUpReminders(ctx);
    if (result.mails > 0 || result.failed > 0) app.log.info(result, "placement follow-up reminders sent");
  }, (error) => app.log.warn({ failure: describeFailure(error) }, "placement follow-up reminders failed"));
  // The trainee plans' items, to the supervisor and HR before they are due (trainee-programme/reminders.ts).
  const stopTraineeReminders = scheduleHourly(async () => {
    const result = await sendTraineeReminders(ctx);
    if (result.emails > 0 || result.failed > 0) app.log.info(result, "trainee plan reminders sent");
  }, (error) => app.log.warn({ failure: describeFailure(error) }, "trainee plan reminders failed"));
  // Mentoring: the mentor and the advisor hear when a relationship has had no meeting for four weeks (once per spell).
  const stopMentoringReminders = scheduleHourly(async () => {
    const result = await sendMentoringReminders(ctx);
    if (result.mails > 0 || result.failed > 0) app.log.info(result, "mentoring reminders sent");
  }, (error) => app.log.warn({ failure: describeFailure(error) }, "mentoring reminders failed"));
  // Retention (privacy/schedule.ts): checked every hour, run once a day; when it runs next is kept in the database.
  const stopRetention = scheduleHourly(async () => {
    const result = await runDueRetention(ctx.db);
    if (result) app.log.info(result, "retention run");
  }, (error) => app.log.warn({ failure: describeFailure(error) }, "retention run failed"));
  // The matching change feed keeps a day of changes (matching/registry.ts); older rows go every hour.
  const pruneTimer = setInterval(() => {
    pruneMatchingChanges(ctx.db).catch((error: unknown) => app.log.warn({ failure: describeFailure(error) }, "pruning the matching change feed failed"));
  }, 3_600_000);
  pruneTimer.unref();
  // The dashboards people read, counted again soon after a change so that the next read finds them counted (ADR 031).
  let refreshing = false;
  const refreshTimer = setInterval(() => {
    if (refreshing) return;
    refreshing = true;
    refreshDashboards(ctx.db)
      .catch((error: unknown) => app.log.warn({ failure: describeFailure(error) }, "counting the dashboards ahead failed"))
      .finally(() => {
        refreshing = false;
      });
  }, dashboardRefreshMs);
  refreshTimer.unref();
  // Unusual access every five minutes (mails the admins once per flag); denied requests past retention hourly.
  const stopAuditChecks = scheduleAuditChecks(ctx, app.log, describeFailure);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "stopping");
    stopReminders();
    stopFollowUpReminders();
    stopTraineeReminders();
    stopMentoringReminders();
    stopRetention();
    clearInterval(pruneTimer);
    clearInterval(refreshTimer);
    stopAuditChecks();
    control?.close();
    await app.close();
    ctx.mailer.close();
    await database.close();
    lock?.release();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  // The durability setting, stated at every start (docs/OPERATIONS.md): what a commit has survived when it is answered.
  const durability = config.databaseUrl
    ? "PostgreSQL server: durability as the server is configured (fsync, synchronous_commit)"
    : config.pgliteFsync === "on"
      ? "PGlite with PGLITE_FSYNC=on: each commit is flushed to disk before it is answered (survives a process kill and a power cut)"
      : "PGlite with PGLITE_FSYNC=off: commits survive a process kill but NOT a power cut or OS crash (the last seconds may be lost)";
  app.log.info(
    { engine: database.engine, durability, url: config.publicUrl, readyMs: Math.round(performance.now() - startedAt), sinceProcessStartMs: Math.round(process.uptime() * 1000) },
    `Mangfold is ready at ${config.publicUrl}`,
  );
  // Build the taxonomy search index in the background once the server answers: with the full ESCO it takes
  // seconds, which the first typeahead would otherwise wait for.
  // The same for every network's matching index, after it (both read the taxonomy).
  setImmediate(() => {
    warmTaxonomyIndex(ctx.db)
      .catch((error: unknown) => app.log.warn({ failure: describeFailure(error) }, "taxonomy index warm-up failed"))
      .then(() => ctx.matching.warm())
      .then((count) => app.log.info({ networks: count }, "matching indexes built"))
      .catch((error: unknown) => app.log.warn({ failure: describeFailure(error) }, "matching index warm-up failed"));
  });
  return app;
}

/** Start-up failures are one clear line on stderr and exit status 1. */
export async function startOrExit() {
  try {
    await start();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
    } else if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      process.stderr.write(`Port is already in use: set PORT to a free port. (${(error as Error).message})\n`);
    } else {
      process.stderr.write(`Mangfold could not start: ${(error as Error).message}\n`);
    }
    process.exit(1);
  }
}

if (import.meta.main) await startOrExit();
