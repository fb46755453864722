import type { Actor } from "../platform/actor.ts";
import { forbidden } from "../platform/errors.ts";
import { langOf } from "../candidates/presenters.ts";
import type { DashboardQuery } from "../../shared/dashboard.ts";
import type { DashboardFilters } from "./dashboard.ts";
import * as policy from "./policy.ts";

/**
 * The dashboard's filters for this caller, the one caseload rule of the dashboard, its exports and the board report:
 * admins and viewers see the network (and may pick an advisor); an advisor (or another role without the whole
 * network) sees only their own caseload, and asking for someone else's is 403.
 */
export function dashboardFiltersFor(actor: Actor, query: DashboardQuery, acceptLanguage: string | undefined): DashboardFilters {
  const lang = langOf(query.lang, acceptLanguage);
  let advisorId: string | null | undefined = query.advisorId;
  if (!policy.dashboardWholeNetwork.includes(actor.role)) {
    if (query.advisorId !== undefined && query.advisorId !== actor.userId) throw forbidden("An advisor sees the dashboard for their own caseload only.");
    // A token without a user has no caseload.
    advisorId = actor.userId ?? null;
  }
  return { from: query.from, to: query.to, partnerOrganisation: query.partnerOrganisation, advisorId, lang };
}
