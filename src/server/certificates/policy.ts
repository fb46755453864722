import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what with certificates and certification. The coordinator (admin) sets the rule, confirms
 * certifications and revokes; advisors read the rule and proposals and issue membership certificates to members.
 * Employer users download their own company's certificates (the service checks which company is theirs).
 * Verification and the member list are public (no sign-in).
 */
export const readRule: readonly Role[] = ["admin", "advisor"];
export const writeRule: readonly Role[] = ["admin"];
export const readProposals: readonly Role[] = ["admin", "advisor"];
export const certify: readonly Role[] = ["admin"];
export const issueMembership: readonly Role[] = ["admin", "advisor"];
export const revoke: readonly Role[] = ["admin"];
export const downloadPdf: readonly Role[] = ["admin", "advisor", "employer"];
