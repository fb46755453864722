import type { Role } from "../../shared/roles.ts";

/*
 * Who reads which report. The fairness report breaks the network's own outcomes down by gender, age and region of
 * birth: even aggregated and suppressed, that is for the network's admins only.
 */
export const fairness: readonly Role[] = ["admin"];
