import { asc, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { recordChange } from "../platform/audit.ts";
import { csvFile } from "../platform/tabular.ts";
import { employers } from "./tables.ts";
import { contactsOf } from "./service.ts";

/*
 * CSV export of the network's employers: the import's columns first (so a file of new employers made from it
 * imports again), then the rest. One row per contact, the employer's columns repeated; an employer without
 * contacts has one row. Cells that a spreadsheet would run as formulas are defused (csvCell).
 */

export const exportHeader = [
  "orgNumber", "name", "industry", "municipality", "website", "contactName", "contactEmail", "contactPhone", "membershipStatus",
  "contactRole", "sizeBand", "address", "postalCode", "postalPlace", "tags", "publicListing", "lastContactAt", "createdAt",
];

export async function exportEmployersCsv(db: Db, actor: Actor): Promise<string> {
  const rows = await db.select().from(employers).where(eq(employers.tenantId, actor.tenantId)).orderBy(asc(employers.nameNorm), asc(employers.id));
  const contacts = await contactsOf(db, actor.tenantId, rows.map((r) => r.id));
  const byEmployer = Map.groupBy(contacts, (c) => c.employerId);
  const lines: (string | number | boolean | null)[][] = [exportHeader];
  for (const e of rows) {
    for (const c of byEmployer.get(e.id) ?? [null]) {
      lines.push([
        e.orgNumber, e.name, e.naceCode, e.municipality, e.website, c?.name ?? null, c?.email ?? null, c?.phone ?? null, e.membershipStatus,
        c?.role ?? null, e.sizeBand, e.address, e.postalCode, e.postalPlace, e.tags.join("|"), e.publicListing, e.lastContactAt?.toISOString() ?? null, e.createdAt.toISOString(),
      ]);
    }
  }
  await recordChange(db, actor, { action: "employer.export", entityType: "employer", after: { employers: rows.length } });
  return csvFile(lines);
}
