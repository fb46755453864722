import type { Role } from "../../shared/roles.ts";
import { roles } from "../../shared/roles.ts";

/** Every member sees and edits their own profile; only admins manage the network's users and invitations. */
export const ownProfile: readonly Role[] = roles;
export const manageUsers: readonly Role[] = ["admin"];
/**
 * Caseworkers see who they can hand a case, task or follow-up to; the steering group (viewer) picks one to see
 * their caseload on the dashboard. Names and roles only.
 */
export const listCaseworkers: readonly Role[] = ["admin", "advisor", "viewer"];
