import type { Role } from "./session.ts";

export type NavItem = {
  to: string;
  /** i18n key of the label */
  label: string;
  /** Roles that see the item; "all" for everyone signed in. */
  roles: readonly Role[] | "all";
  /** Only for instance administrators (whatever their role in the active network). */
  instanceAdmin?: true;
};

/** The main navigation. Adding a feature page is one line here (plus its route in router.tsx). */
export const NAV: readonly NavItem[] = [
  { to: "/", label: "nav.home", roles: "all" },
  { to: "/candidates", label: "nav.candidates", roles: ["admin", "advisor", "hr"] },
  { to: "/employers", label: "employers.nav.employers", roles: ["admin", "advisor", "viewer", "hr"] },
  { to: "/jobs", label: "jobs.nav.jobs", roles: ["admin", "advisor", "hr", "viewer", "employer"] },
  { to: "/pipeline", label: "employers.nav.board", roles: ["admin", "advisor"] },
  { to: "/tasks", label: "tasks.nav.tasks", roles: ["admin", "advisor"] },
  { to: "/dashboard", label: "dashboard.nav", roles: ["admin", "viewer", "advisor"] },
  { to: "/placements", label: "placements.nav.placements", roles: ["admin", "advisor", "hr"] },
  { to: "/trainee", label: "traineeProgramme.nav.programme", roles: ["admin", "hr"] },
  { to: "/trainee/overdue", label: "traineeProgramme.nav.overdue", roles: ["admin", "hr"] },
  { to: "/trainee/report", label: "traineeProgramme.nav.report", roles: ["admin", "hr", "viewer"] },
  { to: "/trainee/mine", label: "traineeProgramme.nav.mine", roles: ["supervisor"] },
  { to: "/trainee/needs", label: "traineeRecruitment.nav.needs", roles: ["admin", "hr"] },
  { to: "/mentoring", label: "mentoring.nav.mentoring", roles: ["admin", "advisor"] },
  { to: "/mentor", label: "mentoring.nav.mine", roles: ["mentor"] },
  { to: "/portal", label: "employerPortal.nav.portal", roles: ["employer"] },
  { to: "/portal/candidates", label: "sharedCandidates.nav.candidates", roles: ["employer"] },
  { to: "/my", label: "candidatePortal.nav", roles: ["candidate"] },
  { to: "/users", label: "nav.users", roles: ["admin"] },
  { to: "/settings", label: "nav.settings", roles: ["admin"] },
  { to: "/outbox", label: "nav.outbox", roles: ["admin"] },
  { to: "/reports/fairness", label: "fairness.nav.fairness", roles: ["admin"] },
  { to: "/audit", label: "audit.nav", roles: ["admin"] },
  { to: "/audit/processing-record", label: "audit.record.nav", roles: ["admin", "viewer"] },
  { to: "/groups", label: "groups.nav.groups", roles: ["admin", "advisor"] },
  { to: "/events", label: "events.nav.events", roles: ["admin", "advisor"] },
  { to: "/services", label: "services.nav.services", roles: ["admin"] },
  { to: "/reports/activity", label: "activityReport.nav.report", roles: ["admin", "viewer"] },
  { to: "/admin/networks", label: "adminNetworks.nav", roles: "all", instanceAdmin: true },
  { to: "/handbook", label: "handbook.nav", roles: ["admin", "advisor", "hr", "viewer"] },
  { to: "/profile", label: "nav.profile", roles: "all" },
];

export function navFor(role: Role, instanceAdmin = false): NavItem[] {
  return NAV.filter((item) => (item.roles === "all" || item.roles.includes(role)) && (!item.instanceAdmin || instanceAdmin));
}

/**
 * Whether another menu item lies under this one (/ under everything, /portal/candidates under /portal): then
 * this item is the current page only on its own path, so that one item is marked current.
 */
export function hasNestedItem(item: NavItem, items: readonly NavItem[]): boolean {
  const prefix = item.to === "/" ? "/" : `${item.to}/`;
  return items.some((other) => other !== item && other.to.startsWith(prefix));
}
