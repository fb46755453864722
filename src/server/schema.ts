/** Every Drizzle table, for the database client and drizzle-kit. Each feature keeps its tables in its own folder. */
export * from "./platform/tables.ts";
export * from "./networks/tables.ts";
export * from "./users/tables.ts";
export * from "./mail/tables.ts";
export * from "./taxonomy/tables.ts";
export * from "./candidates/tables.ts";
export * from "./employers/tables.ts";
export * from "./jobs/tables.ts";
export * from "./placements/tables.ts";
export * from "./matching/tables.ts";
export * from "./goals/tables.ts";
export * from "./trainee-programme/tables.ts";
export * from "./trainee-recruitment/tables.ts";
export * from "./services/tables.ts";
export * from "./events/tables.ts";
export * from "./mentoring/tables.ts";
export * from "./privacy/tables.ts";
