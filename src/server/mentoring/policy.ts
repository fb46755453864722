import type { Role } from "../../shared/roles.ts";

/*
 * Who may do what in mentoring. The coordinators (admins, advisors) manage mentors, see suggestions, propose
 * pairs and follow every relationship of the network. A mentor sees only their own relationships, and only after
 * signing the confidentiality declaration (service.ts checks that and the 12-week rule per read). A candidate
 * user linked to their record may accept a proposal on their own behalf.
 */
export const coordinate: readonly Role[] = ["admin", "advisor"];
/** The mentor's own profile and the declaration. */
export const mentorSelf: readonly Role[] = ["mentor"];
/** Read relationships: the coordinators all of the network's, a mentor their own, a candidate their own. */
export const readRelationships: readonly Role[] = ["admin", "advisor", "mentor", "candidate"];
/** Accept as the mentor. */
export const mentorAccept: readonly Role[] = ["mentor"];
/** Record the mentee's yes (the coordinator on the candidate's behalf, or the candidate user). */
export const menteeAccept: readonly Role[] = ["admin", "advisor", "candidate"];
/** Log a meeting, end the relationship, give feedback: the coordinators and the relationship's mentor. */
export const takePart: readonly Role[] = ["admin", "advisor", "mentor"];
/** The aggregated report: as the dashboard. */
export const report: readonly Role[] = ["admin", "advisor", "viewer"];
