import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { AnyActor } from "../platform/actor.ts";
import { AppError } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { taxonomyConcepts, taxonomyLabels } from "../taxonomy/tables.ts";
import { unknownConcepts } from "../taxonomy/lookup.ts";
import { candidateInputSchema, cefrLevels, educationLevels, genders } from "../../shared/candidates.ts";
import type { CandidateInput, ImportReport } from "../../shared/candidates.ts";
import { findDuplicates, insertCandidate } from "./service.ts";
import { normaliseEmail, normaliseName, normaliseText, phoneDigitsOf } from "./derive.ts";
import { readRows } from "../platform/tabular.ts";

export { decodeText } from "../platform/tabular.ts";

/*
 * Import of candidates from CSV or XLSX (CONTRACT.md "Import files"). CSV: comma or semicolon (detected), UTF-8
 * with or without BOM, or Windows-1252 as Excel in Norway writes it (detected: invalid UTF-8). English or
 * Norwegian headers. Every rejected row is reported with its line and reason; nothing is written when a row is
 * rejected unless skipInvalid; everything is written in one transaction.
 */

export const maxImportRows = 20_000;

type Column = "firstName" | "lastName" | "birthYear" | "gender" | "countryOfBirth" | "arrivalYear" | "email" | "phone" | "municipality" | "norwegianLevel" | "educationLevel" | "occupations" | "skills" | "advisorEmail";

const headerAliases: Record<Column, string[]> = {
  firstName: ["firstname", "fornavn"],
  lastName: ["lastname", "etternavn"],
  birthYear: ["birthyear", "fodselsar"],
  gender: ["gender", "kjonn"],
  countryOfBirth: ["countryofbirth", "fodeland", "fodselsland"],
  arrivalYear: ["arrivalyear", "ankomstar"],
  email: ["email", "epost", "epostadresse"],
  phone: ["phone", "telefon", "mobil", "telefonnummer"],
  municipality: ["municipality", "kommune", "bostedskommune"],
  norwegianLevel: ["norwegianlevel", "norskniva"],
  educationLevel: ["educationlevel", "utdanningsniva"],
  occupations: ["occupations", "yrker", "yrke"],
  skills: ["skills", "ferdigheter"],
  advisorEmail: ["advisoremail", "veilederepost", "veileder"],
};
const headerKey = (header: string) => normaliseText(header).replaceAll("aa", "a").replace(/[^a-z0-9]/g, "");
const columnByKey = new Map(Object.entries(headerAliases).flatMap(([column, keys]) => keys.map((key) => [key.replaceAll("aa", "a"), column as Column])));

const genderWords: Record<string, (typeof genders)[number]> = {
  female: "female", f: "female", kvinne: "female", k: "female", woman: "female",
  male: "male", m: "male", mann: "male", man: "male",
  other: "other", annet: "other", annen: "other",
  unspecified: "unspecified", ukjent: "unspecified", "": "unspecified",
};
const educationWords: Record<string, (typeof educationLevels)[number]> = {
  ingen: "none", barneskole: "primary", grunnskole: "lower_secondary", ungdomsskole: "lower_secondary",
  videregaende: "upper_secondary", "videregaende skole": "upper_secondary", fagbrev: "vocational", yrkesfag: "vocational",
  fagskole: "tertiary_vocational", bachelorgrad: "bachelor", mastergrad: "master", doktorgrad: "phd",
  ...Object.fromEntries(educationLevels.map((level) => [level.replaceAll("_", " "), level])),
  ...Object.fromEntries(educationLevels.map((level) => [level, level])),
};

type Resolver = (value: string, type: "occupation" | "skill") => Promise<{ uri: string } | { error: string }>;

/** Resolves an ESCO URI or a label (exact after case and space normalisation, any language) to one concept. */
function taxonomyResolver(db: Db): Resolver {
  const cache = new Map<string, { uri: string } | { error: string }>();
  return async (value, type) => {
    const key = `${type}\u0000${value}`;
    const cached = cache.get(key);
    if (cached) return cached;
    let result: { uri: string } | { error: string };
    if (/^https?:\/\//.test(value)) {
      result = (await unknownConcepts(db, [value], type)).length === 0 ? { uri: value } : { error: `${value} is not an ${type} in the taxonomy` };
    } else {
      const wanted = value.toLowerCase().replace(/\s+/g, " ").trim();
      // lower() folds only ASCII under the C collation, so Norwegian capitals are folded by hand.
      const rows = await db
        .selectDistinct({ uri: taxonomyLabels.uri, label: taxonomyLabels.label })
        .from(taxonomyLabels)
        .innerJoin(taxonomyConcepts, eq(taxonomyConcepts.uri, taxonomyLabels.uri))
        .where(and(eq(taxonomyConcepts.type, type), sql`translate(lower(${taxonomyLabels.label}), 'ÆØÅÄÖÜÉ', 'æøåäöüé') = ${wanted}`))
        .limit(20);
      const uris = [...new Set(rows.filter((row) => row.label.toLowerCase().replace(/\s+/g, " ").trim() === wanted).map((row) => row.uri))];
      result =
        uris.length === 1 ? { uri: uris[0]! } : uris.length === 0 ? { error: `no ${type} is called "${value}"` } : { error: `"${value}" names ${uris.length} ${type}s; give the ESCO URI instead` };
    }
    cache.set(key, result);
    return result;
  };
}

const splitValues = (cell: string) => cell.split("|").map((v) => v.trim()).filter(Boolean);

function parseYear(cell: string, column: string, problems: string[]): number | null {
  if (!cell) return null;
  if (!/^\d{4}$/.test(cell)) {
    problems.push(`${column} "${cell}" is not a year`);
    return null;
  }
  return Number(cell);
}

/** Reads, checks and (unless a dry run or rejected rows) writes the candidates of a file. */
export async function importCandidates(db: Db, actor: AnyActor, tenantId: string, data: Buffer, options: { dryRun: boolean; skipInvalid: boolean }): Promise<ImportReport> {
  if (data.length === 0) throw new AppError("validation_failed", "The file is empty.", { errors: [{ path: "body", message: "is empty" }] });
  const all = await readRows(data);
  const headerIndex = all.findIndex((row) => row.cells.some(Boolean));
  if (headerIndex < 0) throw new AppError("validation_failed", "The file has no header row.", { errors: [{ path: "body", message: "has no header row" }] });
  const header = all[headerIndex]!.cells;
  const columns = header.map((name) => columnByKey.get(headerKey(name)) ?? null);
  const unknownColumns = header.filter((name, i) => name && columns[i] === null);
  for (const required of ["firstName", "lastName"] as const) {
    if (!columns.includes(required)) throw new AppError("validation_failed", `The file has no ${required} column (${headerAliases[required].join(", ")}).`, { errors: [{ path: `body.${required}`, message: "column is missing" }] });
  }
  const body = all.slice(headerIndex + 1).filter((row) => row.cells.some(Boolean));
  if (body.length > maxImportRows) throw new AppError("body_too_large", `A file may hold at most ${maxImportRows} candidates.`);

  const advisorIds = new Map<string, string>();
  const advisorEmails = [...new Set(body.map((row) => row.cells[columns.indexOf("advisorEmail")] ?? "").filter(Boolean).map((e) => e.toLowerCase()))];
  if (advisorEmails.length > 0) {
    const rows = await db
      .select({ id: users.id, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.status, "active"), inArray(memberships.role, ["admin", "advisor"]), inArray(users.email, advisorEmails)));
    for (const row of rows) advisorIds.set(row.email.toLowerCase(), row.id);
  }

  const resolve = taxonomyResolver(db);
  const rejected: ImportReport["rejected"] = [];
  const duplicates: ImportReport["duplicates"] = [];
  const accepted: { line: number; input: CandidateInput }[] = [];
  const seen = new Map<string, number>();

  for (const row of body) {
    const cell = (column: Column) => {
      const i = columns.indexOf(column);
      return i >= 0 ? (row.cells[i] ?? "") : "";
    };
    const problems: string[] = [];
    const gender = genderWords[normaliseText(cell("gender"))];
    if (!gender) problems.push(`gender "${cell("gender")}" is not one of ${genders.join(", ")} (or kvinne, mann, annet)`);
    const level = cell("norwegianLevel").toUpperCase();
    if (level && !cefrLevels.includes(level as never)) problems.push(`norwegianLevel "${cell("norwegianLevel")}" is not a CEFR level (A1–C2)`);
    const educationWord = normaliseText(cell("educationLevel"));
    const education = educationWord ? educationWords[educationWord] : undefined;
    if (educationWord && !education) problems.push(`educationLevel "${cell("educationLevel")}" is not one of ${educationLevels.join(", ")}`);
    const occupationUris: string[] = [];
    for (const value of splitValues(cell("occupations"))) {
      const found = await resolve(value, "occupation");
      if ("uri" in found) occupationUris.push(found.uri);
      else problems.push(`occupations: ${found.error}`);
    }
    const skillUris: string[] = [];
    for (const value of splitValues(cell("skills"))) {
      const found = await resolve(value, "skill");
      if ("uri" in found) skillUris.push(found.uri);
      else problems.push(`skills: ${found.error}`);
    }
    const advisorEmail = cell("advisorEmail").toLowerCase();
    const advisorUserId = advisorEmail ? (advisorIds.get(advisorEmail) ?? null) : null;
    if (advisorEmail && !advisorUserId) problems.push(`advisorEmail ${advisorEmail} is not an advisor or admin of the network`);
    const raw = {
      firstName: cell("firstName"),
      lastName: cell("lastName"),
      email: cell("email") || null,
      phone: cell("phone") || null,
      municipality: cell("municipality"),
      background: {
        countryOfBirth: cell("countryOfBirth").toUpperCase() || null,
        arrivalYear: parseYear(cell("arrivalYear"), "arrivalYear", problems),
        gender: gender ?? "unspecified",
        birthYear: parseYear(cell("birthYear"), "birthYear", problems),
      },
      languages: level && cefrLevels.includes(level as never) ? [{ code: "no", listening: level, reading: level, writing: level, speaking: level }] : [],
      education: education ? [{ level: education }] : [],
      // Occupations in a file are what the person has worked as; years are not known.
      experience: occupationUris.map((occupationUri) => ({ occupationUri, years: 0 })),
      skillUris: [...new Set(skillUris)],
      advisorUserId,
    };
    const parsed = candidateInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${issue.path.filter((p) => typeof p !== "number" && p !== "background").join(".") || "row"}: ${issue.message}`);
    }
    if (problems.length > 0 || !parsed.success) {
      rejected.push({ line: row.line, reason: [...new Set(problems)].join("; ") });
      continue;
    }
    const input = parsed.data;
    // Duplicates: of a registered candidate, or of an earlier row of this file.
    const keys = [
      input.email ? `e:${normaliseEmail(input.email)}` : null,
      phoneDigitsOf(input.phone) ? `p:${phoneDigitsOf(input.phone)}` : null,
      input.background.birthYear !== null ? `n:${normaliseName(input.firstName, input.lastName)}:${input.background.birthYear}` : null,
    ].filter((k): k is string => k !== null);
    const earlier = keys.map((k) => seen.get(k)).find((line) => line !== undefined);
    const existing = await findDuplicates(db, tenantId, { ...input, birthYear: input.background.birthYear });
    if (existing.length > 0 || earlier !== undefined) {
      const first = existing[0];
      const reasons = first ? first.reasons : ["same as line " + earlier];
      duplicates.push({ line: row.line, candidateId: first?.id ?? null, reasons });
      rejected.push({ line: row.line, reason: first ? `possible duplicate of a registered candidate (${first.reasons.join(", ")})` : `possible duplicate of line ${earlier}` });
      continue;
    }
    for (const k of keys) seen.set(k, row.line);
    accepted.push({ line: row.line, input });
  }

  const report: ImportReport = { dryRun: options.dryRun, rows: body.length, imported: accepted.length, rejected, unknownColumns, duplicates, committed: false };
  if (rejected.length > 0 && !options.skipInvalid) {
    report.imported = 0;
    if (options.dryRun) return report;
    throw new AppError("import_rejected", `${rejected.length} of ${body.length} rows were rejected; nothing was imported. Fix them, or import with skipInvalid.`, { extensions: { report } });
  }
  if (options.dryRun) return report;
  await db.transaction(async (tx) => {
    for (const { input } of accepted) await insertCandidate(tx, actor, tenantId, input, "import");
    await recordChange(tx, actor, { action: "candidate.import", entityType: "candidate", tenantId, after: { rows: body.length, imported: accepted.length, rejected: rejected.length } });
  });
  return { ...report, committed: true };
}
