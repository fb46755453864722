import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what in the trainee programme. HR (and the network's admins) run it: template, cohorts, trainees,
 * wage, outcome, unit figures, the overdue list. A supervisor reaches only the trainees they supervise (the
 * service narrows every read and write to them; another trainee is "not found"), and may evaluate them, log
 * observations, follow up goals and tick off plan items. Viewers (the steering group) read the aggregated report.
 */
export const manage: readonly Role[] = ["admin", "hr"];
/** Read trainees (supervisors: their own) and work with them: evaluations, log, goals, plan items. */
export const follow: readonly Role[] = ["admin", "hr", "supervisor"];
export const report: readonly Role[] = ["admin", "hr", "viewer"];
/** Roles that see every trainee of the network; the rest of `follow` see the trainees they supervise. */
export const seesAll: readonly Role[] = ["admin", "hr"];
