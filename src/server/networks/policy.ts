import type { Role } from "../../shared/roles.ts";
import { roles } from "../../shared/roles.ts";

/** Who may do what with the network's own settings. Creating networks is for instance administrators. */
export const readNetwork: readonly Role[] = roles;
export const updateNetwork: readonly Role[] = ["admin"];
