import type { Role } from "../../shared/roles.ts";

/* Sign-in providers: the network's admins configure them. Signing in itself needs no role (it gives one). */
export const manage: readonly Role[] = ["admin"];
