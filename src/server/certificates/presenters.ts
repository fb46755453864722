import type { z } from "zod";
import type { certificateSchema, certificationProposalSchema } from "../../shared/employers.ts";
import type { employerCertificates } from "../employers/tables.ts";
import { stateOf } from "./service.ts";
import type { Proposal } from "./service.ts";
import { todayInOslo } from "./dates.ts";

export function presentCertificate(row: typeof employerCertificates.$inferSelect, today: string = todayInOslo()): z.infer<typeof certificateSchema> {
  return {
    id: row.id,
    kind: row.kind as "membership" | "certification",
    code: row.code,
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason ?? null,
    state: stateOf(row, today),
  };
}

export function presentProposal(row: Proposal): z.infer<typeof certificationProposalSchema> {
  return {
    employer: { id: row.id, name: row.name, orgNumber: row.orgNumber, membershipStatus: row.membershipStatus },
    qualifyingHires: row.qualifyingHires,
    lastHireOn: row.lastHireOn,
  };
}
