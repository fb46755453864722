import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { candidates } from "../candidates/tables.ts";
import { demoCandidateDomain } from "../candidates/demo.ts";
import { insertCandidate } from "../candidates/service.ts";
import { jobs } from "../jobs/tables.ts";
import { portalConsentRequests } from "./tables.ts";
import { candidateInputSchema } from "../../shared/candidates.ts";

/*
 * The demo's candidate in the candidate portal: the demo candidate user (candidate@demo.mangfold.example) is
 * linked to a fictional candidate from Syria whose wishes fit an open demo job, with one consent request waiting
 * for an answer. Her record is in the demo candidates' domain, so a refresh replaces her with the others.
 */
export async function seedDemoPortal(tx: Db, tenantId: string, options: { candidateUserId: string; advisorUserId: string }) {
  await tx.update(candidates).set({ userId: null }).where(and(eq(candidates.tenantId, tenantId), eq(candidates.userId, options.candidateUserId)));
  const [job] = await tx
    .select({ id: jobs.id, employerId: jobs.employerId, occupationUri: jobs.occupationUri, municipality: jobs.municipality })
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.status, "open"), isNotNull(jobs.employerId), isNotNull(jobs.occupationUri)))
    .orderBy(asc(jobs.createdAt), asc(jobs.id))
    .limit(1);
  const occupationUris = job?.occupationUri ? [job.occupationUri] : [];
  const input = candidateInputSchema.parse({
    firstName: "Amal",
    lastName: "Kandidat",
    email: `amal.kandidat@${demoCandidateDomain}`,
    phone: "+47 900 12 345",
    municipality: "Bærum",
    summary: "Fiktiv kandidat i demonettverket, for å prøve kandidatportalen.",
    advisorUserId: options.advisorUserId,
    background: { countryOfBirth: "SY", arrivalYear: 2019, gender: "female", birthYear: 1990 },
    languages: [
      { code: "ar", native: true },
      { code: "no", listening: "B1", reading: "A2", writing: "A2", speaking: "B1" },
      { code: "en", listening: "B1", reading: "B1", writing: "A2", speaking: "A2" },
    ],
    experience: occupationUris.map((occupationUri) => ({ occupationUri, title: "", employer: "Restaurant i Damaskus", country: "SY", years: 6 })),
    jobWishes: { occupationUris, municipalities: [job?.municipality || "Bærum"], extent: "any" },
  });
  const candidate = await insertCandidate(tx, { kind: "system", tenantId }, tenantId, input, "demo");
  await tx.update(candidates).set({ userId: options.candidateUserId }).where(eq(candidates.id, candidate.id));
  if (job?.employerId) {
    await tx.insert(portalConsentRequests).values({ tenantId, candidateId: candidate.id, employerId: job.employerId, jobId: job.id, requestedByUserId: options.advisorUserId });
  }
  return candidate.id;
}
