import type { Role } from "../../shared/roles.ts";

/*
 * Who reads which report. The fairness report breaks the network's own outcomes down by gender, age and region of
 * birth: even aggregated and suppressed, that is for the network's admins only.
 */
export const fairness: readonly Role[] = ["admin"];

/*
 * The goal dashboard: the steering group's (viewer) and admins' view of the network, and each advisor's view of
 * their own caseload. Aggregated and suppressed; no person can be reached from it.
 */
export const dashboard: readonly Role[] = ["admin", "viewer", "advisor"];
/** Roles that see the whole network on the dashboard (and may filter by any advisor); the rest see their own caseload. */
export const dashboardWholeNetwork: readonly Role[] = ["admin", "viewer"];
