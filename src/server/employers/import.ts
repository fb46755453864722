import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { AnyActor } from "../platform/actor.ts";
import { AppError } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { readTable } from "../platform/tabular.ts";
import { normaliseText } from "../candidates/derive.ts";
import { employerContacts, employers } from "./tables.ts";
import { insertEmployer } from "./service.ts";
import { contactInputSchema, employerInputSchema } from "../../shared/employers.ts";
import type { EmployerImportReport, EmployerInput, MembershipStatus } from "../../shared/employers.ts";
import { formatOrgNumber, normaliseOrgNumber, orgNumberProblem } from "../../shared/orgnr.ts";

/*
 * Import of employers from CSV or XLSX (CONTRACT.md "Import files"), read like the candidates' files
 * (platform/tabular.ts): English or Norwegian headers, one employer per row with at most one contact. Every
 * rejected row is reported with its line and reason; nothing is written when a row is rejected unless
 * skipInvalid; everything is written in one transaction.
 */

export const maxEmployerImportRows = 20_000;

type Column = "orgNumber" | "name" | "industry" | "municipality" | "website" | "contactName" | "contactEmail" | "contactPhone" | "membershipStatus";

const headerAliases: Record<Column, string[]> = {
  orgNumber: ["orgnumber", "organisasjonsnummer", "orgnr", "organisasjonsnr", "organisationnumber", "organizationnumber"],
  name: ["name", "navn", "firmanavn", "bedrift", "virksomhet"],
  industry: ["industry", "bransje", "naeringskode", "nace", "naering"],
  municipality: ["municipality", "kommune"],
  website: ["website", "nettside", "hjemmeside", "nettsted"],
  contactName: ["contactname", "kontaktperson", "kontakt", "kontaktnavn"],
  contactEmail: ["contactemail", "epost", "epostadresse", "kontaktepost", "email"],
  contactPhone: ["contactphone", "telefon", "mobil", "telefonnummer", "kontakttelefon", "phone"],
  membershipStatus: ["membershipstatus", "medlemsstatus", "status"],
};
const headerKey = (header: string) => normaliseText(header).replaceAll("aa", "a").replace(/[^a-z0-9]/g, "");
const columnByKey = new Map(Object.entries(headerAliases).flatMap(([column, keys]) => keys.map((key) => [key, column as Column])));

const statusWords: Record<string, MembershipStatus> = {
  "": "prospect",
  prospect: "prospect", potensiell: "prospect", aktuell: "prospect", emne: "prospect",
  contacted: "contacted", kontaktet: "contacted",
  member: "member", medlem: "member",
  lapsed: "lapsed", utmeldt: "lapsed", avsluttet: "lapsed", "tidligere medlem": "lapsed",
  certified: "certified", sertifisert: "certified",
};

/** "47.111", "47111", "47.111 Butikkhandel med bredt vareutvalg" → "47.111"; "" → null; anything else → undefined. */
export function industryCodeOf(cell: string): string | null | undefined {
  if (!cell) return null;
  const dotted = /^(\d{2}(?:\.\d{1,3})?)(?:\s|$)/.exec(cell);
  if (dotted) return dotted[1]!;
  const plain = /^(\d{2})(\d{1,3})(?:\s|$)/.exec(cell);
  if (plain) return `${plain[1]}.${plain[2]}`;
  return undefined;
}

/** Reads, checks and (unless a dry run or rejected rows) writes the employers of a file. */
export async function importEmployers(db: Db, actor: AnyActor, tenantId: string, data: Buffer, options: { dryRun: boolean; skipInvalid: boolean }): Promise<EmployerImportReport> {
  const { columns, unknownColumns, body, cellOf } = await readTable<Column>(data, (header) => columnByKey.get(headerKey(header)) ?? null);
  for (const required of ["orgNumber", "name"] as const) {
    if (!columns.includes(required)) throw new AppError("validation_failed", `The file has no ${required} column (${headerAliases[required].join(", ")}).`, { errors: [{ path: `body.${required}`, message: "column is missing" }] });
  }
  if (body.length > maxEmployerImportRows) throw new AppError("body_too_large", `A file may hold at most ${maxEmployerImportRows} employers.`);

  const fileOrgNumbers = [...new Set(body.map((row) => normaliseOrgNumber(cellOf(row, "orgNumber"))).filter((n) => /^\d{9}$/.test(n)))];
  const registered = new Map<string, string>();
  for (let start = 0; start < fileOrgNumbers.length; start += 1000) {
    const rows = await db
      .select({ id: employers.id, orgNumber: employers.orgNumber })
      .from(employers)
      .where(and(eq(employers.tenantId, tenantId), inArray(employers.orgNumber, fileOrgNumbers.slice(start, start + 1000))));
    for (const row of rows) if (!registered.has(row.orgNumber)) registered.set(row.orgNumber, row.id);
  }

  const rejected: EmployerImportReport["rejected"] = [];
  const duplicates: EmployerImportReport["duplicates"] = [];
  const accepted: { line: number; input: EmployerInput; contact: ReturnType<typeof contactInputSchema.parse> | null }[] = [];
  const seen = new Map<string, number>();

  for (const row of body) {
    const cell = (column: Column) => cellOf(row, column);
    const problems: string[] = [];
    const orgNumber = normaliseOrgNumber(cell("orgNumber"));
    const orgProblem = cell("orgNumber") ? orgNumberProblem(orgNumber) : "missing";
    if (orgProblem === "missing") problems.push("orgNumber is missing");
    else if (orgProblem === "not_nine_digits") problems.push(`orgNumber "${cell("orgNumber")}" must be 9 digits`);
    else if (orgProblem === "wrong_check_digit") problems.push(`orgNumber ${formatOrgNumber(orgNumber)} is not a valid organisation number: the check digit (the last digit) does not match`);

    const industry = industryCodeOf(cell("industry"));
    if (industry === undefined) problems.push(`industry "${cell("industry")}" is not an industry code (SN2007/NACE) such as 47.111`);
    const status = statusWords[normaliseText(cell("membershipStatus"))];
    if (status === undefined) problems.push(`membershipStatus "${cell("membershipStatus")}" is not one of prospect, contacted, member, lapsed (or potensiell, kontaktet, medlem, utmeldt)`);
    else if (status === "certified") problems.push("membershipStatus certified is reached by confirming a certification in Mangfold; import the employer as member");

    const parsed = employerInputSchema.safeParse({
      orgNumber: cell("orgNumber"),
      name: cell("name"),
      naceCode: industry ?? null,
      municipality: cell("municipality"),
      website: cell("website"),
      membershipStatus: status && status !== "certified" ? status : "prospect",
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || "row";
        if (field === "orgNumber") continue; // reported above
        problems.push(`${field === "naceCode" ? "industry" : field}: ${issue.message}`);
      }
    }
    let contact: ReturnType<typeof contactInputSchema.parse> | null = null;
    if (cell("contactName") || cell("contactEmail") || cell("contactPhone")) {
      if (!cell("contactName")) problems.push("contactName is missing: give the contact's name with their e-mail or phone");
      else {
        const parsedContact = contactInputSchema.safeParse({ name: cell("contactName"), email: cell("contactEmail") || null, phone: cell("contactPhone") || null });
        if (parsedContact.success) contact = parsedContact.data;
        else for (const issue of parsedContact.error.issues) problems.push(`contact${String(issue.path[0] ?? "").replace(/^./, (c) => c.toUpperCase())}: ${issue.message}`);
      }
    }
    if (problems.length > 0 || !parsed.success) {
      rejected.push({ line: row.line, reason: [...new Set(problems)].join("; ") });
      continue;
    }
    const input = parsed.data;
    const existing = registered.get(input.orgNumber);
    const earlier = seen.get(input.orgNumber);
    if (existing || earlier !== undefined) {
      duplicates.push({ line: row.line, orgNumber: input.orgNumber, employerId: existing ?? null });
      rejected.push({
        line: row.line,
        reason: existing ? `organisation number ${formatOrgNumber(input.orgNumber)} is already registered in the network` : `organisation number ${formatOrgNumber(input.orgNumber)} is also on line ${earlier}`,
      });
      continue;
    }
    seen.set(input.orgNumber, row.line);
    accepted.push({ line: row.line, input, contact });
  }

  const report: EmployerImportReport = { dryRun: options.dryRun, rows: body.length, imported: accepted.length, rejected, unknownColumns, duplicates, committed: false };
  if (rejected.length > 0 && !options.skipInvalid) {
    report.imported = 0;
    if (options.dryRun) return report;
    throw new AppError("import_rejected", `${rejected.length} of ${body.length} rows were rejected; nothing was imported. Fix them, or import with skipInvalid.`, { extensions: { report } });
  }
  if (options.dryRun) return report;
  await db.transaction(async (tx) => {
    for (const { input, contact } of accepted) {
      const row = await insertEmployer(tx, actor, tenantId, input, "import");
      if (contact) await tx.insert(employerContacts).values({ tenantId, employerId: row.id, ...contact });
    }
    await recordChange(tx, actor, { action: "employer.import", entityType: "employer", tenantId, after: { rows: body.length, imported: accepted.length, rejected: rejected.length } });
  });
  return { ...report, committed: true };
}
