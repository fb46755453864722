import type { Role } from "../../shared/roles.ts";

/*
 * Who may read the logs. The audit trail, the access log, denied requests and flags name people and what was
 * done with their data: the network's admins only. The record of processing activities holds no personal data and
 * is for the steering group too.
 */
export const readLogs: readonly Role[] = ["admin"];
export const changeSettings: readonly Role[] = ["admin"];
export const readProcessingRecord: readonly Role[] = ["admin", "viewer"];
