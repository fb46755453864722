import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { insertCandidate } from "../candidates/service.ts";
import { employers } from "../employers/tables.ts";
import { jobs } from "../jobs/tables.ts";
import { taxonomyConcepts } from "../taxonomy/tables.ts";
import { candidateInputSchema } from "../../shared/candidates.ts";
import type { CandidateInput } from "../../shared/candidates.ts";

/*
 * Records the placement tests need, written straight to the database (the employer and job services belong to
 * other slices). For placement, report, authorisation and tenancy tests.
 */

let counter = 0;

export async function makeCandidate(db: Db, tenantId: string, input: Partial<Omit<CandidateInput, "background">> & { background?: Partial<CandidateInput["background"]> } = {}) {
  const parsed = candidateInputSchema.parse({ firstName: "Test", lastName: `Person ${counter++}`, ...input });
  return insertCandidate(db, { kind: "system", tenantId }, tenantId, parsed);
}

export async function makeEmployer(db: Db, tenantId: string, name = `Employer ${counter++}`) {
  const [row] = await db.insert(employers).values({ tenantId, orgNumber: "974760673", name, nameNorm: name.toLowerCase() }).returning();
  return row!;
}

/** The first occupation of the loaded taxonomy (the starter taxonomy in the test template). */
export async function anyOccupation(db: Db, offset = 0) {
  const [row] = await db.select({ uri: taxonomyConcepts.uri }).from(taxonomyConcepts).where(and(eq(taxonomyConcepts.type, "occupation"))).orderBy(asc(taxonomyConcepts.uri)).offset(offset).limit(1);
  if (!row) throw new Error("no occupation in the test taxonomy");
  return row.uri;
}

export async function makeJob(db: Db, tenantId: string, input: { employerId?: string | null; municipalUnit?: string; occupationUri?: string } = {}) {
  const [row] = await db
    .insert(jobs)
    .values({ tenantId, title: `Job ${counter++}`, employerId: input.employerId ?? null, municipalUnit: input.municipalUnit ?? "", occupationUri: input.occupationUri ?? (await anyOccupation(db)) })
    .returning();
  return row!;
}
