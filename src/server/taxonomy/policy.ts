import type { Role } from "../../shared/roles.ts";
import { roles } from "../../shared/roles.ts";

/** The taxonomy is reference data without personal data: every member of a network may search it. */
export const searchTaxonomy: readonly Role[] = roles;
