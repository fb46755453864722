import type { Role } from "../../shared/roles.ts";

/** A candidate's consents are the caseworkers' business: they record them with the candidate and see them. */
export const read: readonly Role[] = ["admin", "advisor"];
export const write: readonly Role[] = ["admin", "advisor"];
