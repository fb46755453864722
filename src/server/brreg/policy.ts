import type { Role } from "../../shared/roles.ts";

/** The register lookup fills in the employer form: those who register employers. */
export const lookup: readonly Role[] = ["admin", "advisor"];
