import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what with placements (hires). Caseworkers (admins, advisors) record and change them; HR reads them
 * (it reads candidates too, and the trainee programme's hires are placements). The follow-up tasks are the
 * caseworkers': admins see the whole network's, advisors their own caseload's.
 */
export const read: readonly Role[] = ["admin", "advisor", "hr"];
export const write: readonly Role[] = ["admin", "advisor"];
export const followUps: readonly Role[] = ["admin", "advisor"];
/** Roles whose follow-up list is the whole network (the rest see the candidates they are responsible for). */
export const seesAllFollowUps: readonly Role[] = ["admin"];
