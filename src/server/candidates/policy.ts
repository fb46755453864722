import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what with candidates. Admins and advisors read and write every candidate in the network; HR reads
 * them (the trainee programme recruits from them) but cannot write, and does not see the background.
 * Supervisors, mentors, employers, viewers and candidates get their own limited views in later issues.
 */
export const read: readonly Role[] = ["admin", "advisor", "hr"];
export const write: readonly Role[] = ["admin", "advisor"];
/** Notes, documents and the access log are caseworkers' business. */
export const caseFile: readonly Role[] = ["admin", "advisor"];
export const importFile: readonly Role[] = ["admin", "advisor"];
export const exportAll: readonly Role[] = ["admin"];
/** Roles that see the background (country of birth, arrival year, gender, birth year). */
export const seesBackground: readonly Role[] = ["admin", "advisor"];
