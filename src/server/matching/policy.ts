import type { Role } from "../../shared/roles.ts";

/*
 * Who sees rankings (issue 5). A ranking names candidates, so only those who read candidates and their lists
 * see it: caseworkers (admin, advisor) and HR, who recruits from the candidates. Employer users never see a
 * ranking; they see only candidates shared with them, with consent.
 */
export const candidatesForJob: readonly Role[] = ["admin", "advisor", "hr"];
export const jobsForCandidate: readonly Role[] = ["admin", "advisor", "hr"];
