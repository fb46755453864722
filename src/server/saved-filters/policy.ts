import type { Role } from "../../shared/roles.ts";

/** Saved filters belong to a person: every role with a list page (employers, candidates) may keep them. */
export const own: readonly Role[] = ["admin", "advisor", "hr", "viewer"];
