import type { Role } from "../../shared/roles.ts";

/*
 * Public statistics: `GET /api/public/networks/{slug}/stats` needs no sign-in (and answers only for networks that
 * publish). The overview of every network is for instance administrators only: no role is enough by itself.
 */
export const overview: Role[] = [];
