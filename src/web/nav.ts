import type { Role } from "./session.ts";

export type NavItem = {
  to: string;
  /** i18n key of the label */
  label: string;
  /** Roles that see the item; "all" for everyone signed in. */
  roles: readonly Role[] | "all";
};

/** The main navigation. Adding a feature page is one line here (plus its route in router.tsx). */
export const NAV: readonly NavItem[] = [
  { to: "/", label: "nav.home", roles: "all" },
  { to: "/candidates", label: "nav.candidates", roles: ["admin", "advisor", "hr"] },
  { to: "/employers", label: "employers.nav.employers", roles: ["admin", "advisor", "viewer", "hr"] },
  { to: "/pipeline", label: "employers.nav.board", roles: ["admin", "advisor"] },
  { to: "/tasks", label: "tasks.nav.tasks", roles: ["admin", "advisor"] },
  { to: "/dashboard", label: "dashboard.nav", roles: ["admin", "viewer", "advisor"] },
  { to: "/portal", label: "employerPortal.nav.portal", roles: ["employer"] },
  { to: "/users", label: "nav.users", roles: ["admin"] },
  { to: "/settings", label: "nav.settings", roles: ["admin"] },
  { to: "/outbox", label: "nav.outbox", roles: ["admin"] },
  { to: "/profile", label: "nav.profile", roles: "all" },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles === "all" || item.roles.includes(role));
}
