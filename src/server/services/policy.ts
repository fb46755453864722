import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what with services, groups and the timeline. Partners and service types are the network's settings
 * (admins change them; staff who record services or read reports read them). Caseworkers (admin, advisor) record
 * services, run groups and take attendance; there is no partner-staff role, so a partner's people work through a
 * caseworker account. HR reads a candidate's services and timeline (it recruits trainees from them), without the
 * case file. The activity report is aggregated: admins and the steering group (viewer).
 */
export const readSettings: readonly Role[] = ["admin", "advisor", "hr", "viewer"];
export const manageSettings: readonly Role[] = ["admin"];
export const readCandidateServices: readonly Role[] = ["admin", "advisor", "hr"];
export const recordServices: readonly Role[] = ["admin", "advisor"];
export const groups: readonly Role[] = ["admin", "advisor"];
export const attendance: readonly Role[] = ["admin", "advisor"];
export const timeline: readonly Role[] = ["admin", "advisor", "hr"];
export const report: readonly Role[] = ["admin", "viewer"];
