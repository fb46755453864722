import type { Role } from "../../shared/roles.ts";

/*
 * Privacy rights. The access report is made by caseworkers on the candidate's behalf (the candidate's own route
 * comes with the candidate portal). Retention settings are the network admin's.
 */
export const accessReport: readonly Role[] = ["admin", "advisor"];
export const retention: readonly Role[] = ["admin"];
