import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what with jobs and candidate lists (issue 5).
 * - Jobs are no personal data: the network's staff and the steering group (viewer) read them; employer users read
 *   and write their own company's jobs only (the service narrows them to it).
 * - Candidate lists name candidates: caseworkers (admin, advisor) read and write them; HR reads them (it recruits
 *   from the candidates). Sharing with an employer is the caseworkers' decision.
 * - The employer's view of the candidates shared with the company is the employer role's alone.
 */
export const readJobs: readonly Role[] = ["admin", "advisor", "hr", "viewer", "employer"];
export const writeJobs: readonly Role[] = ["admin", "advisor", "employer"];
export const readStages: readonly Role[] = ["admin", "advisor", "hr", "viewer"];
export const writeStages: readonly Role[] = ["admin"];
export const readPipeline: readonly Role[] = ["admin", "advisor", "hr"];
export const writePipeline: readonly Role[] = ["admin", "advisor"];
export const share: readonly Role[] = ["admin", "advisor"];
export const employerView: readonly Role[] = ["employer"];
