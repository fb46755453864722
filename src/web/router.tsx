import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
  isRedirect,
} from "@tanstack/react-router";
import { parseAuditSearch } from "./features/audit/api.ts";
import type { AuditSearch } from "./features/audit/api.ts";
import type { QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api.ts";
import { meQuery, setupStatusQuery, type Role } from "./session.ts";
import { RootLayout, PublicLayout, NotFoundPage, ErrorPage, PendingPage } from "./components/Layout.tsx";
import { AppLayout } from "./components/AppLayout.tsx";
import { EmbedLayout } from "./features/public/EmbedLayout.tsx";

export type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  // The app root checks setup status on load: while the installation has no network, every page goes to /setup.
  beforeLoad: async ({ context, location }) => {
    let needsSetup = false;
    try {
      needsSetup = (await context.queryClient.ensureQueryData(setupStatusQuery)).needsSetup;
    } catch {
      // Server unreachable: let the page itself show the error.
    }
    if (needsSetup && location.pathname !== "/setup") throw redirect({ to: "/setup" });
  },
});

const publicLayout = createRoute({ getParentRoute: () => rootRoute, id: "public", component: PublicLayout });

/** Pages other sites may frame (the network's member list): no app header. */
const embedLayout = createRoute({ getParentRoute: () => rootRoute, id: "embed", component: EmbedLayout });

const appLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  component: AppLayout,
  beforeLoad: async ({ context, location }) => {
    let me;
    try {
      me = await context.queryClient.ensureQueryData(meQuery);
    } catch (e) {
      if (isRedirect(e)) throw e;
      if (isApiError(e) && e.status === 401) {
        const target = location.pathname === "/" ? undefined : location.href;
        throw redirect({ to: "/sign-in", search: target ? { redirect: target } : {} });
      }
      if (isApiError(e) && e.status === 403 && e.code === "two_factor_required") {
        throw redirect({ to: "/two-factor/setup", search: { required: "1" } });
      }
      throw e;
    }
    // A candidate's pages are the candidate portal (/my), with its own frame and languages.
    if (me.role === "candidate" && location.pathname !== "/profile") throw redirect({ to: "/my" });
    return { me };
  },
});

/** The candidate portal (issue 10): its own frame, in the candidate's language; candidates only. */
const portalLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: "candidate-portal",
  component: lazyRouteComponent(() => import("./features/portal/PortalLayout.tsx"), "PortalLayout"),
  beforeLoad: async ({ context, location }) => {
    let me;
    try {
      me = await context.queryClient.ensureQueryData(meQuery);
    } catch (e) {
      if (isApiError(e) && e.status === 401) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
      throw e;
    }
    if (me.role !== "candidate") throw redirect({ to: "/" });
    return { me };
  },
});
const portalHomeRoute = createRoute({
  getParentRoute: () => portalLayout,
  path: "/my",
  component: lazyRouteComponent(() => import("./routes/portal-home.tsx"), "PortalHomePage"),
});
const portalProfileRoute = createRoute({
  getParentRoute: () => portalLayout,
  path: "/my/profile",
  component: lazyRouteComponent(() => import("./routes/portal-profile.tsx"), "PortalProfilePage"),
});
const portalPrivacyRoute = createRoute({
  getParentRoute: () => portalLayout,
  path: "/my/privacy",
  component: lazyRouteComponent(() => import("./routes/portal-privacy.tsx"), "PortalPrivacyPage"),
});

function adminOnly({ context }: { context: RouterContext }) {
  const me = context.queryClient.getQueryData(meQuery.queryKey);
  if (me && me.role !== "admin") throw redirect({ to: "/" });
}

/** Candidate pages: admin, advisor and hr read; admin and advisor write. */
function rolesOnly(roles: readonly Role[]) {
  return ({ context }: { context: RouterContext }) => {
    const me = context.queryClient.getQueryData(meQuery.queryKey);
    if (me && !roles.includes(me.role)) throw redirect({ to: "/" });
  };
}

const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

const setupRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/setup",
  beforeLoad: async ({ context }) => {
    let needsSetup = true;
    try {
      needsSetup = (await context.queryClient.ensureQueryData(setupStatusQuery)).needsSetup;
    } catch {
      /* shown by the page */
    }
    if (!needsSetup) throw redirect({ to: "/sign-in" });
  },
  component: lazyRouteComponent(() => import("./routes/setup.tsx"), "SetupPage"),
});

const signInRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/sign-in",
  validateSearch: (s: Record<string, unknown>): { redirect?: string; network?: string; oidcError?: string } => {
    const r = str(s.redirect);
    const network = str(s.network);
    const oidcError = str(s.oidcError);
    return {
      // Only same-site paths, never another origin.
      ...(r && r.startsWith("/") && !r.startsWith("//") ? { redirect: r } : {}),
      // The network whose "Logg inn med …" buttons to show, and the code of a failed provider sign-in (ADR 027).
      ...(network && /^[a-z0-9-]{1,100}$/.test(network) ? { network } : {}),
      ...(oidcError && /^[a-z_]{1,40}$/.test(oidcError) ? { oidcError } : {}),
    };
  },
  component: lazyRouteComponent(() => import("./routes/sign-in.tsx"), "SignInPage"),
});

const twoFactorVerifyRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/two-factor/verify",
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => {
    const r = str(s.redirect);
    return r && r.startsWith("/") && !r.startsWith("//") ? { redirect: r } : {};
  },
  component: lazyRouteComponent(() => import("./routes/two-factor-verify.tsx"), "TwoFactorVerifyPage"),
});

const twoFactorSetupRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/two-factor/setup",
  validateSearch: (s: Record<string, unknown>): { required?: string } => (str(s.required) ? { required: "1" } : {}),
  component: lazyRouteComponent(() => import("./routes/two-factor-setup.tsx"), "TwoFactorSetupPage"),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/forgot-password",
  component: lazyRouteComponent(() => import("./routes/password.tsx"), "ForgotPasswordPage"),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/reset-password",
  validateSearch: (s: Record<string, unknown>): { token?: string; error?: string } => {
    const out: { token?: string; error?: string } = {};
    const token = str(s.token);
    const error = str(s.error);
    if (token) out.token = token;
    if (error) out.error = error;
    return out;
  },
  component: lazyRouteComponent(() => import("./routes/password.tsx"), "ResetPasswordPage"),
});

const inviteRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/invite/$token",
  component: lazyRouteComponent(() => import("./routes/invite.tsx"), "InvitePage"),
});

// Public pages of certificates and the member list: no sign-in.
const verifyRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/verify",
  component: lazyRouteComponent(() => import("./features/public/VerifyPage.tsx"), "VerifyPage"),
});

const verifyCodeRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/verify/$code",
  component: lazyRouteComponent(() => import("./features/public/VerifyPage.tsx"), "VerifyPage"),
});

const membersRoute = createRoute({
  getParentRoute: () => embedLayout,
  path: "/networks/$slug/members",
  validateSearch: (s: Record<string, unknown>): { lang?: "nb" | "en" } => (s.lang === "nb" || s.lang === "en" ? { lang: s.lang } : {}),
  component: lazyRouteComponent(() => import("./features/public/MembersPage.tsx"), "MembersPage"),
});

const statsRoute = createRoute({
  getParentRoute: () => embedLayout,
  path: "/networks/$slug/stats",
  validateSearch: (s: Record<string, unknown>): { lang?: "nb" | "en" } => (s.lang === "nb" || s.lang === "en" ? { lang: s.lang } : {}),
  component: lazyRouteComponent(() => import("./features/public/StatsPage.tsx"), "StatsPage"),
});

/** Instance administrators only (the overview of every network). */
function instanceAdminOnly({ context }: { context: RouterContext }) {
  const me = context.queryClient.getQueryData(meQuery.queryKey);
  if (me && !me.user.instanceAdmin) throw redirect({ to: "/" });
}

const adminNetworksRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/admin/networks",
  beforeLoad: instanceAdminOnly,
  component: lazyRouteComponent(() => import("./routes/admin-networks.tsx"), "AdminNetworksPage"),
});

const homeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/",
  component: lazyRouteComponent(() => import("./routes/home.tsx"), "HomePage"),
});

const pipelineStagesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/settings/stages",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./routes/pipeline-stages.tsx"), "PipelineStagesPage"),
});

const usersRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/users",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./routes/users.tsx"), "UsersPage"),
});

const settingsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/settings",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./routes/settings.tsx"), "SettingsPage"),
});

const outboxRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/outbox",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./routes/outbox.tsx"), "OutboxPage"),
});

const profileRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/profile",
  component: lazyRouteComponent(() => import("./routes/profile.tsx"), "ProfilePage"),
});

const candidatesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/candidates",
  beforeLoad: rolesOnly(["admin", "advisor", "hr"]),
  component: lazyRouteComponent(() => import("./routes/candidates.tsx"), "CandidatesPage"),
});

const candidateNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/candidates/new",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  validateSearch: (s: Record<string, unknown>): { step?: number } => stepSearch(s),
  component: lazyRouteComponent(() => import("./routes/candidate-form.tsx"), "CandidateNewPage"),
});

const candidateImportRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/candidates/import",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  component: lazyRouteComponent(() => import("./routes/candidate-import.tsx"), "CandidateImportPage"),
});

const candidateProfileRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/candidates/$id",
  beforeLoad: rolesOnly(["admin", "advisor", "hr"]),
  validateSearch: (s: Record<string, unknown>): { saved?: "created" | "updated" } =>
    s.saved === "created" || s.saved === "updated" ? { saved: s.saved } : {},
  component: lazyRouteComponent(() => import("./routes/candidate-profile.tsx"), "CandidateProfilePage"),
});

const candidateEditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/candidates/$id/edit",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  validateSearch: (s: Record<string, unknown>): { step?: number } => stepSearch(s),
  component: lazyRouteComponent(() => import("./routes/candidate-form.tsx"), "CandidateEditPage"),
});

/* ---------- employers (issue 4) ---------- */

const EMPLOYER_READERS: readonly Role[] = ["admin", "advisor", "viewer", "hr"];
const EMPLOYER_WRITERS: readonly Role[] = ["admin", "advisor"];

const employersRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/employers",
  beforeLoad: rolesOnly(EMPLOYER_READERS),
  // The list's filters live in the URL; the page reads and checks them (features/employers/filters.ts).
  validateSearch: (s: Record<string, unknown>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(s)) if (typeof v === "string" || typeof v === "number") out[k] = String(v);
    return out;
  },
  component: lazyRouteComponent(() => import("./routes/employers.tsx"), "EmployersPage"),
});

const employerNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/employers/new",
  beforeLoad: rolesOnly(EMPLOYER_WRITERS),
  component: lazyRouteComponent(() => import("./routes/employer-form.tsx"), "EmployerNewPage"),
});

const employerImportRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/employers/import",
  beforeLoad: rolesOnly(EMPLOYER_WRITERS),
  component: lazyRouteComponent(() => import("./routes/employer-import.tsx"), "EmployerImportPage"),
});

const employerBoardRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/pipeline",
  beforeLoad: rolesOnly(EMPLOYER_WRITERS),
  validateSearch: (s: Record<string, unknown>): { q?: string } => (typeof s.q === "string" && s.q.trim() ? { q: s.q.trim().slice(0, 120) } : {}),
  component: lazyRouteComponent(() => import("./routes/employer-board.tsx"), "EmployerBoardPage"),
});

const employerCertificationRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/employers/certification",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./routes/employer-certification.tsx"), "EmployerCertificationPage"),
});

const employerDetailRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/employers/$id",
  beforeLoad: rolesOnly(EMPLOYER_READERS),
  validateSearch: (s: Record<string, unknown>): { saved?: "created" | "updated" } =>
    s.saved === "created" || s.saved === "updated" ? { saved: s.saved } : {},
  component: lazyRouteComponent(() => import("./routes/employer-detail.tsx"), "EmployerDetailPage"),
});

const employerEditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/employers/$id/edit",
  beforeLoad: rolesOnly(EMPLOYER_WRITERS),
  component: lazyRouteComponent(() => import("./routes/employer-form.tsx"), "EmployerEditPage"),
});

const tasksRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/tasks",
  beforeLoad: rolesOnly(EMPLOYER_WRITERS),
  validateSearch: (s: Record<string, unknown>): { scope?: "all"; include?: "done" } => ({
    ...(s.scope === "all" ? { scope: "all" as const } : {}),
    ...(s.include === "done" ? { include: "done" as const } : {}),
  }),
  component: lazyRouteComponent(() => import("./routes/tasks.tsx"), "TasksPage"),
});

const employerPortalRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/portal",
  beforeLoad: rolesOnly(["employer"]),
  component: lazyRouteComponent(() => import("./routes/employer-portal.tsx"), "EmployerPortalPage"),
});

/* ---------- jobs (issue 5) ---------- */

const JOB_READERS: readonly Role[] = ["admin", "advisor", "hr", "viewer", "employer"];
const JOB_WRITERS: readonly Role[] = ["admin", "advisor", "employer"];

const jobsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/jobs",
  beforeLoad: rolesOnly(JOB_READERS),
  // The list's filters live in the URL; the page reads and checks them (features/jobs/filters.ts).
  validateSearch: (s: Record<string, unknown>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(s)) if (typeof v === "string" || typeof v === "number") out[k] = String(v);
    return out;
  },
  component: lazyRouteComponent(() => import("./routes/jobs.tsx"), "JobsPage"),
});

const jobNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/jobs/new",
  beforeLoad: rolesOnly(JOB_WRITERS),
  component: lazyRouteComponent(() => import("./routes/job-form.tsx"), "JobNewPage"),
});

const jobDetailRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/jobs/$jobId",
  beforeLoad: rolesOnly(JOB_READERS),
  validateSearch: (s: Record<string, unknown>): { saved?: "created" | "updated"; tab?: "matches" | "list" } => ({
    ...(s.saved === "created" || s.saved === "updated" ? { saved: s.saved } : {}),
    ...(s.tab === "list" || s.tab === "matches" ? { tab: s.tab } : {}),
  }),
  component: lazyRouteComponent(() => import("./routes/job-detail.tsx"), "JobDetailPage"),
});

const jobEditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/jobs/$jobId/edit",
  beforeLoad: rolesOnly(JOB_WRITERS),
  component: lazyRouteComponent(() => import("./routes/job-form.tsx"), "JobEditPage"),
});

/* ---------- trainee programme: recruitment (issue 7) ---------- */

const NEED_READERS: readonly Role[] = ["admin", "hr", "advisor"];
const NEED_WRITERS: readonly Role[] = ["admin", "hr"];

const traineeNeedsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/trainee/needs",
  beforeLoad: rolesOnly(NEED_READERS),
  component: lazyRouteComponent(() => import("./routes/trainee-needs.tsx"), "TraineeNeedsPage"),
});

const traineeNeedNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/trainee/needs/new",
  beforeLoad: rolesOnly(NEED_WRITERS),
  component: lazyRouteComponent(() => import("./routes/trainee-needs-form.tsx"), "TraineeNeedNewPage"),
});

const traineeNeedDetailRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/trainee/needs/$needId",
  beforeLoad: rolesOnly(NEED_READERS),
  validateSearch: (s: Record<string, unknown>): { saved?: "created" | "updated"; tab?: "matches" | "shortlist" } => ({
    ...(s.saved === "created" || s.saved === "updated" ? { saved: s.saved } : {}),
    ...(s.tab === "shortlist" || s.tab === "matches" ? { tab: s.tab } : {}),
  }),
  component: lazyRouteComponent(() => import("./routes/trainee-needs-detail.tsx"), "TraineeNeedDetailPage"),
});

const traineeNeedEditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/trainee/needs/$needId/edit",
  beforeLoad: rolesOnly(NEED_WRITERS),
  component: lazyRouteComponent(() => import("./routes/trainee-needs-form.tsx"), "TraineeNeedEditPage"),
});

/* ---------- placements, follow-ups, shared candidates, fairness (issue 5) ---------- */

const PLACEMENT_READERS: readonly Role[] = ["admin", "advisor", "hr"];
const PLACEMENT_WRITERS: readonly Role[] = ["admin", "advisor"];

const placementsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/placements",
  beforeLoad: rolesOnly(PLACEMENT_READERS),
  validateSearch: (s: Record<string, unknown>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(s)) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    return out;
  },
  component: lazyRouteComponent(() => import("./routes/placements.tsx"), "PlacementsPage"),
});

const placementNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/placements/new",
  beforeLoad: rolesOnly(PLACEMENT_WRITERS),
  validateSearch: (s: Record<string, unknown>): { candidateId?: string; jobId?: string; employerId?: string } => {
    const out: { candidateId?: string; jobId?: string; employerId?: string } = {};
    for (const k of ["candidateId", "jobId", "employerId"] as const) {
      const v = str(s[k]);
      if (v && /^[0-9a-f-]{36}$/i.test(v)) out[k] = v;
    }
    return out;
  },
  component: lazyRouteComponent(() => import("./routes/placement-form.tsx"), "PlacementNewPage"),
});

const placementFollowUpsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/placements/follow-ups",
  beforeLoad: rolesOnly(PLACEMENT_WRITERS),
  validateSearch: (s: Record<string, unknown>): { include?: "all" } => (s.include === "all" ? { include: "all" } : {}),
  component: lazyRouteComponent(() => import("./routes/placement-follow-ups.tsx"), "PlacementFollowUpsPage"),
});

const placementEditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/placements/$placementId/edit",
  beforeLoad: rolesOnly(PLACEMENT_WRITERS),
  component: lazyRouteComponent(() => import("./routes/placement-form.tsx"), "PlacementEditPage"),
});

const portalCandidatesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/portal/candidates",
  beforeLoad: rolesOnly(["employer"]),
  component: lazyRouteComponent(() => import("./routes/employer-portal-candidates.tsx"), "EmployerPortalCandidatesPage"),
});

const fairnessReportRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/reports/fairness",
  beforeLoad: adminOnly,
  validateSearch: (s: Record<string, unknown>): { from?: string; to?: string } => {
    const out: { from?: string; to?: string } = {};
    const from = str(s.from);
    const to = str(s.to);
    if (from && /^\d{4}-\d{2}-\d{2}$/.test(from)) out.from = from;
    if (to && /^\d{4}-\d{2}-\d{2}$/.test(to)) out.to = to;
    return out;
  },
  component: lazyRouteComponent(() => import("./routes/fairness-report.tsx"), "FairnessReportPage"),
});

/* ---------- audit views (issue 9, ADR 026) ---------- */

const auditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/audit",
  beforeLoad: adminOnly,
  validateSearch: (s: Record<string, unknown>): AuditSearch => parseAuditSearch(s),
  component: lazyRouteComponent(() => import("./routes/audit.tsx"), "AuditPage"),
});

const processingRecordRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/audit/processing-record",
  beforeLoad: rolesOnly(["admin", "viewer"]),
  component: lazyRouteComponent(() => import("./routes/processing-record.tsx"), "ProcessingRecordPage"),
});

/* ---------- goals and the dashboard (issue 6) ---------- */

const dashboardRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/dashboard",
  beforeLoad: rolesOnly(["admin", "viewer", "advisor"]),
  // The filters live in the URL; the page reads and checks them (features/dashboard/filters.ts).
  validateSearch: (s: Record<string, unknown>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(s)) if (typeof v === "string") out[k] = v;
    return out;
  },
  component: lazyRouteComponent(() => import("./routes/dashboard.tsx"), "DashboardPage"),
});

const signInSettingsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/settings/sign-in",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./routes/settings-sign-in.tsx"), "SignInSettingsPage"),
});

const goalSettingsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/settings/goals",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./routes/settings-goals.tsx"), "GoalSettingsPage"),
});

/* ---------- the coordinators' handbook (issue 10) ---------- */
const handbookIndexRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/handbook",
  component: lazyRouteComponent(() => import("./routes/handbook.tsx"), "HandbookIndexPage"),
});
const handbookPageRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/handbook/$slug",
  component: lazyRouteComponent(() => import("./routes/handbook.tsx"), "HandbookPage"),
});

/* ---------- services, groups, events and the activity report (issue 8) ---------- */

const servicesSettingsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/services",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./routes/services.tsx"), "ServicesSettingsPage"),
});

const groupsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/groups",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  component: lazyRouteComponent(() => import("./routes/groups.tsx"), "GroupsPage"),
});

const groupRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/groups/$groupId",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  component: lazyRouteComponent(() => import("./routes/groups-detail.tsx"), "GroupPage"),
});

const attendanceRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/groups/$groupId/sessions/$sessionId",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  component: lazyRouteComponent(() => import("./routes/groups-attendance.tsx"), "AttendancePage"),
});

const eventsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/events",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  validateSearch: (s: Record<string, unknown>): { when?: "past" } => (s.when === "past" ? { when: "past" } : {}),
  component: lazyRouteComponent(() => import("./routes/events.tsx"), "EventsPage"),
});

const eventNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/events/new",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  component: lazyRouteComponent(() => import("./routes/events-form.tsx"), "EventNewPage"),
});

const eventRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/events/$eventId",
  beforeLoad: rolesOnly(["admin", "advisor"]),
  component: lazyRouteComponent(() => import("./routes/events-detail.tsx"), "EventPage"),
});

const activityReportRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/reports/activity",
  beforeLoad: rolesOnly(["admin", "viewer"]),
  validateSearch: (s: Record<string, unknown>): { from?: string; to?: string } => {
    const out: { from?: string; to?: string } = {};
    const from = str(s.from);
    const to = str(s.to);
    if (from && /^\d{4}-\d{2}-\d{2}$/.test(from)) out.from = from;
    if (to && /^\d{4}-\d{2}-\d{2}$/.test(to)) out.to = to;
    return out;
  },
  component: lazyRouteComponent(() => import("./routes/activity-report.tsx"), "ActivityReportPage"),
});

/* ---------- mentoring (issue 8) ---------- */

const MENTORING_COORDINATORS: readonly Role[] = ["admin", "advisor"];
const mentoringRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentoring",
  beforeLoad: rolesOnly(MENTORING_COORDINATORS),
  validateSearch: (s: Record<string, unknown>): { status?: string } => (str(s.status) ? { status: str(s.status)! } : {}),
  component: lazyRouteComponent(() => import("./routes/mentoring.tsx"), "MentoringPage"),
});
const mentorsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentoring/mentors",
  beforeLoad: rolesOnly(MENTORING_COORDINATORS),
  component: lazyRouteComponent(() => import("./routes/mentoring-mentors.tsx"), "MentorsPage"),
});
const mentorNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentoring/mentors/new",
  beforeLoad: rolesOnly(MENTORING_COORDINATORS),
  component: lazyRouteComponent(() => import("./routes/mentoring-mentor-form.tsx"), "MentorNewPage"),
});
const mentorDetailRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentoring/mentors/$id",
  beforeLoad: rolesOnly(MENTORING_COORDINATORS),
  validateSearch: (s: Record<string, unknown>): { saved?: string } => (s.saved === "created" || s.saved === "updated" ? { saved: s.saved } : {}),
  component: lazyRouteComponent(() => import("./routes/mentoring-mentor.tsx"), "MentorPage"),
});
const mentorEditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentoring/mentors/$id/edit",
  beforeLoad: rolesOnly(MENTORING_COORDINATORS),
  component: lazyRouteComponent(() => import("./routes/mentoring-mentor-form.tsx"), "MentorEditPage"),
});
const mentoringCandidateRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentoring/candidates/$id",
  beforeLoad: rolesOnly(MENTORING_COORDINATORS),
  component: lazyRouteComponent(() => import("./routes/mentoring-candidate.tsx"), "MentoringCandidatePage"),
});
const mentoringRelationshipRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentoring/relationships/$id",
  beforeLoad: rolesOnly(MENTORING_COORDINATORS),
  component: lazyRouteComponent(() => import("./routes/mentoring-relationship.tsx"), "MentoringRelationshipPage"),
});
const mentorHomeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentor",
  beforeLoad: rolesOnly(["mentor"]),
  component: lazyRouteComponent(() => import("./routes/mentor-home.tsx"), "MentorHomePage"),
});
const mentorMenteeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/mentor/mentees/$id",
  beforeLoad: rolesOnly(["mentor"]),
  component: lazyRouteComponent(() => import("./routes/mentor-mentee.tsx"), "MentorMenteePage"),
});

/** `?step=` of the mapping interview: 1–9. */
function stepSearch(s: Record<string, unknown>): { step?: number } {
  const n = Number(s.step);
  return Number.isInteger(n) && n >= 1 && n <= 9 ? { step: n } : {};
}

/* ---------- the trainee programme (issue 7, the programme half) ---------- */

const TRAINEE_MANAGERS: readonly Role[] = ["admin", "hr"];
const traineeRoute = (path: string, roles: readonly Role[], load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => appLayout, path, beforeLoad: rolesOnly(roles), component: lazyRouteComponent(load as never, name as never) });
const traineeCohortsRoute = traineeRoute("/trainee", TRAINEE_MANAGERS, () => import("./routes/trainee-cohorts.tsx"), "TraineeCohortsPage");
const traineeCohortRoute = traineeRoute("/trainee/cohorts/$id", TRAINEE_MANAGERS, () => import("./routes/trainee-cohort.tsx"), "TraineeCohortPage");
const traineeDetailRoute = traineeRoute("/trainee/trainees/$id", ["admin", "hr", "supervisor"], () => import("./routes/trainee-detail.tsx"), "TraineePage");
const traineeMineRoute = traineeRoute("/trainee/mine", ["supervisor"], () => import("./routes/trainee-mine.tsx"), "MyTraineesPage");
const traineeOverdueRoute = traineeRoute("/trainee/overdue", TRAINEE_MANAGERS, () => import("./routes/trainee-overdue.tsx"), "TraineeOverduePage");
const traineeReportRoute = traineeRoute("/trainee/report", ["admin", "hr", "viewer"], () => import("./routes/trainee-report.tsx"), "TraineeReportPage");
const traineeTemplateRoute = traineeRoute("/trainee/template", TRAINEE_MANAGERS, () => import("./routes/trainee-template.tsx"), "TraineeTemplatePage");

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([
    setupRoute,
    signInRoute,
    twoFactorVerifyRoute,
    twoFactorSetupRoute,
    forgotPasswordRoute,
    resetPasswordRoute,
    inviteRoute,
    verifyRoute,
    verifyCodeRoute,
  ]),
  embedLayout.addChildren([membersRoute, statsRoute]),
  portalLayout.addChildren([portalHomeRoute, portalProfileRoute, portalPrivacyRoute]),
  appLayout.addChildren([
    homeRoute,
    adminNetworksRoute,
    handbookIndexRoute,
    handbookPageRoute,
    usersRoute,
    settingsRoute,
    pipelineStagesRoute,
    outboxRoute,
    profileRoute,
    candidatesRoute,
    candidateNewRoute,
    candidateImportRoute,
    candidateProfileRoute,
    candidateEditRoute,
    employersRoute,
    employerNewRoute,
    employerImportRoute,
    employerBoardRoute,
    employerCertificationRoute,
    employerDetailRoute,
    employerEditRoute,
    tasksRoute,
    employerPortalRoute,
    jobsRoute,
    jobNewRoute,
    jobDetailRoute,
    jobEditRoute,
    placementsRoute,
    placementNewRoute,
    placementFollowUpsRoute,
    placementEditRoute,
    portalCandidatesRoute,
    fairnessReportRoute,
    auditRoute,
    processingRecordRoute,
    dashboardRoute,
    goalSettingsRoute,
    signInSettingsRoute,
    traineeCohortsRoute,
    traineeCohortRoute,
    traineeDetailRoute,
    traineeMineRoute,
    traineeOverdueRoute,
    traineeReportRoute,
    traineeTemplateRoute,
    traineeNeedsRoute,
    traineeNeedNewRoute,
    traineeNeedDetailRoute,
    traineeNeedEditRoute,
    servicesSettingsRoute,
    groupsRoute,
    groupRoute,
    attendanceRoute,
    eventsRoute,
    eventNewRoute,
    eventRoute,
    activityReportRoute,
    mentoringRoute,
    mentorsRoute,
    mentorNewRoute,
    mentorDetailRoute,
    mentorEditRoute,
    mentoringCandidateRoute,
    mentoringRelationshipRoute,
    mentorHomeRoute,
    mentorMenteeRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    defaultPreloadStaleTime: 0,
    defaultPendingMs: 300,
    defaultPendingComponent: PendingPage,
    defaultErrorComponent: ErrorPage,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;
