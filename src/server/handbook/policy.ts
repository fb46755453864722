import type { Role } from "../../shared/roles.ts";

/*
 * The coordinators' handbook (docs/handbook/, issue 10) is the project's own public documentation: every signed-in
 * member of a network's staff may read it in the app. Candidates have their own portal and pages.
 */
export const read: Role[] = ["admin", "advisor", "hr", "supervisor", "mentor", "employer", "viewer"];
