import path from "node:path";
import { Command, CommanderError } from "commander";
import { ConfigError, loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/platform/db.ts";
import { acquireDataDirLock, DataDirLockedError, lockHolder } from "../server/platform/lock.ts";
import { sendToControlSocket } from "../server/platform/control-socket.ts";
import { createContext } from "../server/app.ts";
import { runOperation } from "../server/operations.ts";
import type { OperationName } from "../server/operations.ts";
import { AppError } from "../server/platform/errors.ts";
import { startOrExit } from "../server/main.ts";
import { restoreDatabase } from "../server/backup/service.ts";

/*
 * `mangfold <command>`. Exit status: 0 done; 1 failed (one line on stderr); 2 wrong usage.
 * With PGlite, a command run while a server holds the data directory is carried out by that server.
 */

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("Give the password on standard input, e.g. `echo \"$PASSWORD\" | mangfold setup …`.");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function execute(operation: OperationName, args: Record<string, unknown>) {
  const config = loadConfig();
  if (!config.databaseUrl && lockHolder(config.dataDir)) {
    const reply = await sendToControlSocket(config.dataDir, operation, args);
    if (!reply.ok) throw new AppError(reply.code === "validation_failed" ? "validation_failed" : "rule_broken", reply.error);
    return reply.output;
  }
  const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite"), pgliteFsync: config.pgliteFsync });
  try {
    if (operation !== "migrate") await database.migrate();
    const ctx = createContext(config, database);
    try {
      return await runOperation(ctx, operation, args);
    } finally {
      ctx.mailer.close();
    }
  } finally {
    await database.close();
    lock?.release();
  }
}

function program() {
  const cli = new Command("mangfold").description("Mangfold: software for local work-inclusion networks").exitOverride().showHelpAfterError();
  const run = (operation: OperationName, args: Record<string, unknown>) => execute(operation, args).then((output) => {
      process.stdout.write(`${output}\n`);
    });

  cli.command("start").description("serve the app (what `npm start` runs)").action(() => startOrExit());
  cli.command("migrate").description("apply pending database migrations and exit").action(() => run("migrate", {}));
  cli
    .command("setup")
    .description("create a network and its first admin; the admin's password is read from standard input")
    .requiredOption("--network <name>", "the network's name")
    .requiredOption("--slug <slug>", "the network's address name (a-z, 0-9, -)")
    .requiredOption("--admin-email <email>", "the first admin's e-mail")
    .option("--admin-name <name>", "the first admin's name")
    .option("--municipality <name>", "the municipality", "")
    .action(async (options: { network: string; slug: string; adminEmail: string; adminName?: string; municipality: string }) => {
      const password = await readStdin();
      await run("setup", { ...options, password });
    });
  const token = cli.command("token").description("API tokens for integrations");
  token
    .command("create")
    .description("create an API token; prints it on one line")
    .requiredOption("--network <slug>", "the network's slug")
    .requiredOption("--role <role>", "the token's role")
    .requiredOption("--name <name>", "what the token is for")
    .action((options: { network: string; role: string; name: string }) => run("token create", options));
  const taxonomyImport = cli.command("taxonomy").description("the ESCO taxonomy of occupations and skills").command("import").description("import reference data");
  taxonomyImport
    .command("esco <path>")
    .description("import the official ESCO CSV download (a folder or a .zip); prints counts")
    .option("--lang <codes>", "label languages, ESCO codes separated by commas (no = bokmål)", "en,no")
    .option("--version <version>", "the ESCO version (default: from the folder or file name, e.g. esco-v1.1.1)")
    .action((location: string, options: { lang: string; version?: string }) => run("taxonomy import esco", { path: path.resolve(location), ...options }));
  taxonomyImport
    .command("no-labels <path>")
    .description("import Norwegian occupation labels (TSV: conceptUri, conceptType, labelType, label)")
    .action((location: string) => run("taxonomy import no-labels", { path: path.resolve(location) }));
  taxonomyImport
    .command("styrk <path>")
    .description("import the ESCO ↔ STYRK-08 crosswalk (CSV from the ESCO mapping project)")
    .action((location: string) => run("taxonomy import styrk", { path: path.resolve(location) }));
  cli
    .command("demo")
    .description('create or refresh the demo network "Globale Bærum (demo)" and print its logins')
    .option("--candidates <n>", "number of synthetic candidates")
    .option("--employers <n>", "number of synthetic employers")
    .option("--seed <seed>", "random seed")
    .action((options: Record<string, string>) => run("demo", options));
  cli
    .command("import")
    .description("import records from a CSV or XLSX file")
    .argument("<kind>", "what the file holds: candidates or employers")
    .argument("<file>", "the CSV or XLSX file")
    .requiredOption("--network <slug>", "the network's slug")
    .option("--dry-run", "check the file and list every rejected row; write nothing")
    .option("--skip-invalid", "import the valid rows even when some are rejected")
    .action(async (kind: string, file: string, options: { network: string; dryRun?: boolean; skipInvalid?: boolean }) => {
      if (kind !== "candidates" && kind !== "employers") throw new UsageError(`Cannot import "${kind}"; try: import candidates|employers FILE --network SLUG.`);
      await run(kind === "candidates" ? "import candidates" : "import employers", { file: path.resolve(file), network: options.network, dryRun: options.dryRun === true, skipInvalid: options.skipInvalid === true });
    });
  cli
    .command("tasks")
    .description("follow-up tasks of the employer network")
    .command("remind")
    .description("e-mail each assignee their due and overdue follow-ups, and supervisors and HR their trainee plan items, not reminded of yet (the server does this every hour)")
    .option("--network <slug>", "only this network")
    .action((options: { network?: string }) => run("tasks remind", options));
  cli
    .command("retention")
    .description("the networks' retention rules (privacy)")
    .command("run")
    .description("carry out due erasure requests, anonymise inactive candidates, delete old access-log entries and outbox messages (the server does this once a day)")
    .option("--network <slug>", "only this network")
    .option("--dry-run", "print the counts of what would be done; change nothing")
    .action((options: { network?: string; dryRun?: boolean }) => run("retention run", { ...(options.network ? { network: options.network } : {}), dryRun: options.dryRun === true }));
  cli
    .command("backup")
    .description("write a full backup of the database to a file (PGlite: .tar.gz of the data directory; PostgreSQL: pg_dump custom format)")
    .argument("[file]", "the backup file")
    .option("--out <file>", "the backup file (the same as the argument)")
    .action((file: string | undefined, options: { out?: string }) => {
      const target = file ?? options.out;
      if (!target) throw new UsageError("Name the backup file: mangfold backup FILE.");
      return run("backup", { out: path.resolve(target) });
    });
  cli
    .command("restore")
    .description("restore a backup into an empty database (DATABASE_URL) or an empty data directory (MANGFOLD_DATA_DIR)")
    .argument("<file>", "a file written by `mangfold backup`")
    .option("--force", "replace a database that is not empty (PGlite: the old data directory is moved aside)")
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig();
      const pgliteDir = path.join(config.dataDir, "pglite");
      // PGlite: the restore writes the directory itself, so no server may hold it.
      const holder = config.databaseUrl ? null : lockHolder(config.dataDir);
      if (holder) throw new AppError("conflict", `A Mangfold server (PID ${holder}) is using ${config.dataDir}. Stop it before restoring.`);
      const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir);
      try {
        const result = await restoreDatabase({ file: path.resolve(file), databaseUrl: config.databaseUrl, pgliteDir, force: options.force === true });
        const aside = result.movedAside ? ` The previous data directory was moved to ${result.movedAside}.` : "";
        process.stdout.write(`Restored ${path.resolve(file)} into ${result.engine === "postgres" ? `the PostgreSQL database ${result.target}` : result.target}.${aside}\n`);
      } finally {
        lock?.release();
      }
    });
  return cli;
}

export async function main(argv: string[]) {
  try {
    await program().parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    // Arguments that parse but are not valid (an unknown role, a bad slug) are wrong usage too.
    if (error instanceof UsageError || (error instanceof AppError && error.code === "validation_failed")) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    const message =
      error instanceof AppError || error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : `Failed: ${(error as Error).message}`;
    process.stderr.write(`${message.split("\n")[0]}\n`);
    process.exitCode = 1;
  }
}
