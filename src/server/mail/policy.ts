import type { Role } from "../../shared/roles.ts";

/** Admins read the outbox: without SMTP this is how invitations and reset links reach people. */
export const readOutbox: readonly Role[] = ["admin"];
