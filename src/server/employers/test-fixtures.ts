import type { Db } from "../platform/db.ts";
import { insertEmployer } from "./service.ts";
import { employerContacts, employerActivities } from "./tables.ts";
import { employerInputSchema } from "../../shared/employers.ts";
import { orgNumberCheckDigit } from "../../shared/orgnr.ts";

/** Test and demo helpers: valid organisation numbers and employers written directly. */

let next = 0;

/** A valid organisation number starting with 1 (no real one does), different on each call unless `n` is given. */
export function testOrgNumber(n?: number): string {
  for (let i = n ?? next++; ; i++) {
    const firstEight = `1${String(i % 10_000_000).padStart(7, "0")}`;
    const check = orgNumberCheckDigit(firstEight);
    if (check !== null) {
      if (n === undefined) next = i + 1;
      return `${firstEight}${check}`;
    }
  }
}

export async function insertTestEmployer(db: Db, tenantId: string, input: Record<string, unknown> = {}) {
  return insertEmployer(db, { kind: "system", tenantId }, tenantId, employerInputSchema.parse({ orgNumber: testOrgNumber(), name: `Test employer ${next}`, ...input }));
}

export async function insertTestContact(db: Db, tenantId: string, employerId: string, input: Partial<typeof employerContacts.$inferInsert> = {}) {
  const [row] = await db.insert(employerContacts).values({ tenantId, employerId, name: "Test Contact", email: `contact-${next++}@example.no`, ...input }).returning();
  return row!;
}

export async function insertTestActivity(db: Db, tenantId: string, employerId: string, input: Partial<typeof employerActivities.$inferInsert> = {}) {
  const [row] = await db.insert(employerActivities).values({ tenantId, employerId, kind: "call", occurredOn: "2024-01-10", summary: "Called", ...input }).returning();
  return row!;
}
