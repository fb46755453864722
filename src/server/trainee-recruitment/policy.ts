import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what in the trainee programme's recruitment (issue 7).
 * - Municipal HR runs recruitment (hr), with the coordinator (admin): needs, the shortlist, interviews, decisions,
 *   the interview criteria.
 * - Caseworkers at NAV and adult education (advisor) read the needs, see the suggestions and propose their candidates
 *   for a shortlist, and sit on interview panels when asked.
 * - Interviewers (admin, hr or advisor on the panel) score; the service checks that the user is on the panel.
 * Every other role is refused: the shortlist names candidates.
 */
export const readNeeds: readonly Role[] = ["admin", "hr", "advisor"];
export const writeNeeds: readonly Role[] = ["admin", "hr"];
export const suggestions: readonly Role[] = ["admin", "hr", "advisor"];
export const readShortlist: readonly Role[] = ["admin", "hr", "advisor"];
export const proposeCandidate: readonly Role[] = ["admin", "hr", "advisor"];
export const manageShortlist: readonly Role[] = ["admin", "hr"];
export const score: readonly Role[] = ["admin", "hr", "advisor"];
export const readCriteria: readonly Role[] = ["admin", "hr", "advisor"];
export const writeCriteria: readonly Role[] = ["admin", "hr"];
/** Roles whose users may sit on an interview panel. */
export const interviewerRoles: readonly Role[] = ["admin", "hr", "advisor"];
/** Outside the panel, these see every score sheet (they decide); an advisor outside the panel sees only counts. */
export const seesAllScores: readonly Role[] = ["admin", "hr"];
