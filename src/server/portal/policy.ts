import type { Role } from "../../shared/roles.ts";

/** The candidate portal: a candidate reaches their own record only (resolved from the signed-in user). */
export const own: readonly Role[] = ["candidate"];
/** Caseworkers invite a candidate to the portal and ask for consent there. */
export const caseworkers: readonly Role[] = ["admin", "advisor"];
/** What candidates may edit: the network's admins decide; caseworkers read it. */
export const readSettings: readonly Role[] = ["admin", "advisor"];
export const writeSettings: readonly Role[] = ["admin"];
