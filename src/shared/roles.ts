/** The roles of DESIGN.md. A membership gives a user one role in one network. */
export const roles = ["admin", "advisor", "hr", "supervisor", "mentor", "employer", "candidate", "viewer"] as const;
export type Role = (typeof roles)[number];

/** Staff roles get the strict session limits (30 minutes idle, 12 hours absolute). */
export const staffRoles: readonly Role[] = ["admin", "advisor", "hr", "supervisor", "viewer"];

export const isRole = (value: unknown): value is Role => typeof value === "string" && (roles as readonly string[]).includes(value);
