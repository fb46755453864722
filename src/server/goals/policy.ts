import type { Role } from "../../shared/roles.ts";

/*
 * Goals: the network's admins set them; admins, viewers (the steering group) and advisors (who work toward them)
 * read them. The dashboard is read by the same roles; an advisor sees it for their own caseload only.
 */
export const read: readonly Role[] = ["admin", "viewer", "advisor"];
export const write: readonly Role[] = ["admin"];
export const dashboard: readonly Role[] = ["admin", "viewer", "advisor"];
/** Roles that see the whole network on the dashboard (and may filter by any advisor); the rest see their own caseload. */
export const dashboardWholeNetwork: readonly Role[] = ["admin", "viewer"];
