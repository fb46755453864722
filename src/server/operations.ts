import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { AppContext } from "./platform/context.ts";
import { AppError } from "./platform/errors.ts";
import { createApiToken } from "./platform/tokens.ts";
import { getNetworkBySlug, presentNetwork, setUpInstallation } from "./networks/service.ts";
import { createDemoNetwork } from "./demo/service.ts";
import { importEsco, importNorwegianLabels, importStyrk } from "./taxonomy/import.ts";
import { importCandidates } from "./candidates/import.ts";
import { importEmployers } from "./employers/import.ts";
import { sendTaskReminders } from "./employers/reminders.ts";
import { sendTraineeReminders } from "./trainee-programme/reminders.ts";
import { sendMentoringReminders } from "./mentoring/reminders.ts";
import { runRetention } from "./privacy/retention.ts";
import { backupDatabase } from "./backup/service.ts";
import type { ImportReport } from "../shared/candidates.ts";
import type { EmployerImportReport } from "../shared/employers.ts";
import { networkInputSchema, passwordSchema, roleSchema, emailSchema, textSchema } from "../shared/contracts.ts";

/*
 * The operator's commands (CONTRACT.md, CLI). The `mangfold` CLI runs them against the database directly or,
 * when a server holds the PGlite data directory, asks that server to run them over the control socket.
 * They call the same service functions as the HTTP routes.
 */

export const operationArgs = {
  migrate: z.strictObject({}),
  setup: z.strictObject({
    network: networkInputSchema.shape.name,
    slug: networkInputSchema.shape.slug,
    municipality: textSchema(120).default(""),
    adminEmail: emailSchema,
    adminName: textSchema(120).min(1).optional(),
    password: passwordSchema,
  }),
  "token create": z.strictObject({ network: z.string().min(1), role: roleSchema, name: textSchema(120).min(1) }),
  "taxonomy import esco": z.strictObject({ path: z.string().min(1), lang: z.string().default("en,no"), version: z.string().max(40).optional() }),
  "taxonomy import no-labels": z.strictObject({ path: z.string().min(1) }),
  "taxonomy import styrk": z.strictObject({ path: z.string().min(1) }),
  demo: z.strictObject({ candidates: z.coerce.number().int().min(0).max(20_000).optional(), employers: z.coerce.number().int().min(0).max(5_000).optional(), seed: z.string().optional() }),
  "import candidates": z.strictObject({
    /** An absolute path (the CLI resolves it): a server holding the data directory reads it itself. */
    file: z.string().min(1),
    network: z.string().min(1),
    dryRun: z.boolean().default(false),
    skipInvalid: z.boolean().default(false),
  }),
  "import employers": z.strictObject({
    file: z.string().min(1),
    network: z.string().min(1),
    dryRun: z.boolean().default(false),
    skipInvalid: z.boolean().default(false),
  }),
  /** Sends the e-mail reminders of due follow-up tasks that have not been sent (the server does it every hour). */
  "tasks remind": z.strictObject({ network: z.string().min(1).optional() }),
  /** Runs the retention rules now (the server does it once a day); with dryRun, prints what it would do. */
  "retention run": z.strictObject({ network: z.string().min(1).optional(), dryRun: z.boolean().default(false) }),
  /** A full backup of the database into `out` (an absolute path; the CLI resolves it), see backup/service.ts. */
  backup: z.strictObject({ out: z.string().min(1).refine((value) => value.startsWith("/"), "must be an absolute path") }),
} as const;

/** An import report as lines for the terminal. */
function describeImport(report: ImportReport | EmployerImportReport): string[] {
  const head = report.dryRun
    ? `Dry run: ${report.imported} of ${report.rows} rows would be imported; ${report.rejected.length} rejected.`
    : `Imported ${report.imported} of ${report.rows} rows; ${report.rejected.length} rejected.`;
  return [
    head,
    ...(report.unknownColumns.length > 0 ? [`Unknown columns (not imported): ${report.unknownColumns.join(", ")}`] : []),
    ...report.rejected.map((row) => `line ${row.line}: ${row.reason}`),
  ];
}

export type OperationName = keyof typeof operationArgs;

export const isOperation = (name: string): name is OperationName => Object.hasOwn(operationArgs, name);

/** Runs one operation; returns what the CLI prints on stdout. Throws AppError on failure. */
export async function runOperation(ctx: AppContext, name: OperationName, rawArgs: unknown): Promise<string> {
  const parsed = operationArgs[name].safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("validation_failed", `${issue?.path.join(".") || "arguments"}: ${issue?.message ?? "invalid"}`);
  }
  switch (name) {
    case "import candidates":
    case "import employers": {
      const args = operationArgs[name].parse(rawArgs);
      const network = await getNetworkBySlug(ctx.db, args.network);
      let data: Buffer;
      try {
        data = await readFile(args.file);
      } catch {
        throw new AppError("validation_failed", `Cannot read ${args.file}.`);
      }
      const importer = name === "import candidates" ? importCandidates : importEmployers;
      try {
        const report = await importer(ctx.db, { kind: "system", tenantId: network.id }, network.id, data, { dryRun: args.dryRun, skipInvalid: args.skipInvalid });
        return describeImport(report).join("\n");
      } catch (error) {
        const report = error instanceof AppError ? (error.extensions?.report as ImportReport | undefined) : undefined;
        if (!report) throw error;
        // One line on stderr (exit 1): the count and every rejected row.
        throw new AppError("import_rejected", `${error instanceof AppError ? error.detail : ""} ${report.rejected.map((row) => `line ${row.line}: ${row.reason}`).join(" | ")}`);
      }
    }
    case "tasks remind": {
      const args = operationArgs["tasks remind"].parse(rawArgs);
      const network = args.network ? await getNetworkBySlug(ctx.db, args.network) : undefined;
      const result = await sendTaskReminders(ctx, network ? { tenantId: network.id } : {});
      const trainee = await sendTraineeReminders(ctx, network ? { tenantId: network.id } : {});
      const mentoring = await sendMentoringReminders(ctx, network ? { tenantId: network.id } : {});
      const retry = (failed: number) => (failed ? `; ${failed} could not be sent and will be tried again` : "");
      return [
        `Sent ${result.emails} e-mails about ${result.tasks} due follow-up tasks and ${trainee.emails} about ${trainee.reminders} trainee plan items${retry(result.failed + trainee.failed)}.`,
        `Sent ${mentoring.mails} mentoring reminders about ${mentoring.relationships} relationships without a meeting for four weeks${retry(mentoring.failed)}.`,
      ].join("\n");
    }
    case "retention run": {
      const args = operationArgs["retention run"].parse(rawArgs);
      const network = args.network ? await getNetworkBySlug(ctx.db, args.network) : undefined;
      const c = await runRetention(ctx.db, { dryRun: args.dryRun, ...(network ? { tenantId: network.id } : {}) });
      return (args.dryRun
        ? [
            `Dry run, nothing changed. In ${c.networks} networks the run would carry out ${c.erasuresExecuted} erasure requests and anonymise ${c.inactiveAnonymised} inactive candidates,`,
            `deleting ${c.documentsDeleted} documents, ${c.notesDeleted} notes, ${c.accessLogDeleted} access-log entries and ${c.outboxDeleted} outbox messages.`,
          ]
        : [
            `In ${c.networks} networks: carried out ${c.erasuresExecuted} erasure requests and anonymised ${c.inactiveAnonymised} inactive candidates,`,
            `deleted ${c.documentsDeleted} documents, ${c.notesDeleted} notes, ${c.accessLogDeleted} access-log entries and ${c.outboxDeleted} outbox messages.`,
          ]
      ).join("\n");
    }
    case "backup": {
      const args = operationArgs.backup.parse(rawArgs);
      const result = await backupDatabase(ctx.database, ctx.config.databaseUrl, args.out);
      const size = result.bytes >= 1_048_576 ? `${(result.bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(result.bytes / 1024)} kB`;
      return `Backup of the ${result.engine === "postgres" ? "PostgreSQL" : "PGlite"} database written to ${result.file} (${size}).`;
    }
    case "migrate": {
      await ctx.database.migrate();
      return "Migrations are up to date.";
    }
    case "setup": {
      const args = operationArgs.setup.parse(rawArgs);
      const { network } = await setUpInstallation(ctx, {
        network: { name: args.network, slug: args.slug, municipality: args.municipality },
        admin: { name: args.adminName ?? args.adminEmail.split("@")[0]!, email: args.adminEmail, password: args.password },
      }, { onlyWhenEmpty: false });
      return `Created network "${network.name}" (${network.slug}) with admin ${args.adminEmail}.`;
    }
    case "token create": {
      const args = operationArgs["token create"].parse(rawArgs);
      const network = await getNetworkBySlug(ctx.db, args.network);
      const { token } = await createApiToken(ctx.db, { kind: "system", tenantId: network.id }, { tenantId: network.id, role: args.role, name: args.name });
      return token;
    }
    case "taxonomy import esco": {
      const args = operationArgs["taxonomy import esco"].parse(rawArgs);
      const result = await importEsco(ctx.db, args.path, { langs: args.lang.split(","), version: args.version });
      const counts = (record: Record<string, number>) => Object.entries(record).map(([key, n]) => `${key} ${n}`).join(", ") || "none";
      return [
        `Imported ${result.source}: ${counts(result.concepts)}.`,
        `Labels: ${counts(result.labels)}.${result.missingLanguages.length ? ` No files for: ${result.missingLanguages.join(", ")}.` : ""}`,
        `Occupation–skill relations: ${result.occupationSkills} (skipped, concept not in the download: ${result.skippedRelations}); broader relations: ${result.broader}; marked obsolete: ${result.obsolete}.`,
      ].join("\n");
    }
    case "taxonomy import no-labels": {
      const args = operationArgs["taxonomy import no-labels"].parse(rawArgs);
      const result = await importNorwegianLabels(ctx.db, args.path);
      return `Imported ${result.labels} bokmål labels for ${result.concepts} concepts; ${result.unknown} concepts in the file are not in the taxonomy (skipped).`;
    }
    case "taxonomy import styrk": {
      const args = operationArgs["taxonomy import styrk"].parse(rawArgs);
      const result = await importStyrk(ctx.db, args.path);
      return `Imported ${result.mappings} STYRK-08 mappings for ${result.occupations} occupations; ${result.unknown} occupations in the file are not in the taxonomy (skipped).`;
    }
    case "demo": {
      const args = operationArgs.demo.parse(rawArgs);
      const demo = await createDemoNetwork(ctx, {
        ...(args.candidates !== undefined ? { candidates: args.candidates } : {}),
        ...(args.employers !== undefined ? { employers: args.employers } : {}),
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
      });
      const lines = demo.logins.map((login) => `${login.role.padEnd(11)} ${login.email.padEnd(30)} ${login.password}`);
      return [`Demo network "${presentNetwork(demo.network).name}" (slug ${demo.network.slug}) is ready. Logins (new passwords each run):`, ...lines].join("\n");
    }
  }
}
