/** The roles of DESIGN.md. A membership gives a user one role in one network. */
export const roles = ["admin", "advisor", "hr", "supervisor", "mentor", "employer", "candidate", "viewer"] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role => typeof value === "string" && (roles as readonly string[]).includes(value);
