import type { Db } from "../platform/db.ts";
import { employerContacts, employers } from "../employers/tables.ts";
import { placements } from "../placements/tables.ts";
import { orgNumberCheckDigit } from "../../shared/orgnr.ts";
import type { MembershipStatus } from "../../shared/employers.ts";

/* Test data for certificates: employers and hires written straight to the tables (the employer routes are another slice's). */

let serial = 10_000_000;
/** A fresh valid organisation number. */
export function freshOrgNumber(): string {
  for (;;) {
    const firstEight = String(serial++).padStart(8, "0").slice(-8);
    const check = orgNumberCheckDigit(firstEight);
    if (check !== null) return `${firstEight}${check}`;
  }
}

export async function insertEmployer(
  db: Db,
  tenantId: string,
  input: { name: string; status?: MembershipStatus; publicListing?: boolean; municipality?: string; naceCode?: string; naceSection?: string; website?: string },
) {
  const [row] = await db
    .insert(employers)
    .values({
      tenantId,
      orgNumber: freshOrgNumber(),
      name: input.name,
      nameNorm: input.name.toLowerCase(),
      membershipStatus: input.status ?? "prospect",
      publicListing: input.publicListing ?? false,
      municipality: input.municipality ?? "Bærum",
      naceCode: input.naceCode ?? null,
      naceSection: input.naceSection ?? null,
      website: input.website ?? "",
    })
    .returning();
  return row!;
}

export async function insertHire(db: Db, tenantId: string, employerId: string | null, startDate: string, type = "ordinary_permanent") {
  const [row] = await db.insert(placements).values({ tenantId, employerId, employerName: "Hire", type, startDate }).returning();
  return row!;
}

export async function makeContactUser(db: Db, tenantId: string, employerId: string, userId: string) {
  await db.insert(employerContacts).values({ tenantId, employerId, name: "Contact Person", userId });
}
