import type { Role } from "../../shared/roles.ts";

/*
 * Goals: the network's admins set them; admins, viewers (the steering group) and advisors (who work toward them)
 * read them.
 */
export const read: readonly Role[] = ["admin", "viewer", "advisor"];
export const write: readonly Role[] = ["admin"];
