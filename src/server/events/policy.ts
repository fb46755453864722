import type { Role } from "../../shared/roles.ts";

/*
 * Events are run by the network's caseworkers (admin, advisor): they invite candidates and employers' contacts,
 * so the invitee lists are personal data. Outcomes reach the steering group through the activity report.
 */
export const read: readonly Role[] = ["admin", "advisor"];
export const write: readonly Role[] = ["admin", "advisor"];
