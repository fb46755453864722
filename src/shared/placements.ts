/*
 * Placements (formidlinger): hires through the network. The routes and forms come with the jobs issue (issue 5);
 * the employer network (issue 4) reads them for "has hired" and the certification rule.
 */
export const placementTypes = ["ordinary_permanent", "ordinary_temporary", "trainee", "apprenticeship", "work_practice", "summer_job"] as const;
export type PlacementType = (typeof placementTypes)[number];
/** What counts toward the goal unless the network chooses otherwise: ordinary paid work, with or without subsidy. */
export const defaultGoalPlacementTypes: readonly PlacementType[] = ["ordinary_permanent", "ordinary_temporary"];

/** Placement types that are ordinary paid work: only these may carry a wage subsidy and set the candidate "in work". */
export const ordinaryPlacementTypes: readonly PlacementType[] = ["ordinary_permanent", "ordinary_temporary"];
/** The follow-up tasks every placement gets: "still employed?" this many months after the start. */
export const followUpMonths = [3, 6, 12] as const;
