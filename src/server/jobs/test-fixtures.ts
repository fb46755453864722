import type { Db } from "../platform/db.ts";
import { employerContacts } from "../employers/tables.ts";
import { insertTestEmployer } from "../employers/test-fixtures.ts";
import { taxonomyOccupationSkills } from "../taxonomy/tables.ts";
import { testTaxonomy } from "../candidates/test-taxonomy.ts";

/*
 * Test helpers for jobs, candidate lists and sharing: employers by name (the employers feature's factory),
 * linking an employer user to a company, and ESCO relations for the test taxonomy.
 */

let counter = 0;

export async function insertEmployer(db: Db, tenantId: string, name = `Employer ${counter++}`) {
  return insertTestEmployer(db, tenantId, { name });
}

/** Makes the user the employer's contact person (what accepting an employer invitation does). */
export async function linkEmployerUser(db: Db, tenantId: string, employerId: string, userId: string) {
  await db.insert(employerContacts).values({ tenantId, employerId, name: "Contact", userId });
}

/** The cook needs hygiene (essential) and forklift (optional) in the test taxonomy. */
export async function insertTestOccupationSkills(db: Db) {
  await db
    .insert(taxonomyOccupationSkills)
    .values([
      { occupationUri: testTaxonomy.cook.uri, skillUri: testTaxonomy.hygiene.uri, relation: "essential" },
      { occupationUri: testTaxonomy.cook.uri, skillUri: testTaxonomy.forklift.uri, relation: "optional" },
    ])
    .onConflictDoNothing();
}
