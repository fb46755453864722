import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what in the employer network (ADR 009). Admins (coordinators) and advisors run the relationships:
 * they read and write employers, contacts, the timeline and tasks. HR reads everything (the trainee programme
 * places trainees with employers). Viewers (steering group) read the list and the records, but not the internal
 * notes or the timeline. Deleting an employer and the full export are for admins.
 *
 * Employer users never reach these routes (403 from the guard, whatever the company): they see their own
 * company through the portal only, resolved from their contact link, so no id of theirs can name another.
 */
export const read: readonly Role[] = ["admin", "advisor", "hr", "viewer"];
/** Internal notes, the notes on status changes, and the timeline. */
export const readInternal: readonly Role[] = ["admin", "advisor", "hr"];
export const write: readonly Role[] = ["admin", "advisor"];
export const importFile: readonly Role[] = ["admin", "advisor"];
export const remove: readonly Role[] = ["admin"];
export const exportAll: readonly Role[] = ["admin"];
/** The follow-up tasks (assigned to admins and advisors). */
export const tasks: readonly Role[] = ["admin", "advisor"];
/** Everyone's tasks (tasks?scope=all): the coordinator's overview. */
export const allTasks: readonly Role[] = ["admin"];
/** Who may be assigned a follow-up task. */
export const assignable: readonly Role[] = ["admin", "advisor"];
/** The employer portal: an employer user's own company. */
export const portal: readonly Role[] = ["employer"];
