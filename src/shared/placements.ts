/*
 * Placements (formidlinger): hires through the network. The routes and forms come with the jobs issue (issue 5);
 * the employer network (issue 4) reads them for "has hired" and the certification rule.
 */
export const placementTypes = ["ordinary_permanent", "ordinary_temporary", "trainee", "apprenticeship", "work_practice", "summer_job"] as const;
export type PlacementType = (typeof placementTypes)[number];
/** What counts toward the goal unless the network chooses otherwise: ordinary paid work, with or without subsidy. */
export const defaultGoalPlacementTypes: readonly PlacementType[] = ["ordinary_permanent", "ordinary_temporary"];
