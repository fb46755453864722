import { createHash } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { AppError } from "../platform/errors.ts";
import { osloDate } from "../platform/dates.ts";
import { networks } from "../networks/tables.ts";
import type { NetworkRow } from "../networks/service.ts";
import { addMonths } from "../placements/service.ts";
import { dashboardReport } from "../reports/dashboard.ts";
import { minimumGroupSize } from "../../shared/reports.ts";
import { publicStatsFigures } from "../../shared/public-stats.ts";
import type { NetworkStatsList, NetworkStatsRow, PublicStats } from "../../shared/public-stats.ts";
import type { Dashboard } from "../../shared/dashboard.ts";

/*
 * Public statistics (the network's chosen headline figures, for anyone) and the instance administrator's view of
 * every network. Nothing is counted here: the figures are the goal dashboard's (reports/dashboard.ts), over the
 * network's whole history, so that the public page, the dashboard and the overview can never disagree on a
 * definition, and every count has been through the one suppression rule. See docs/decisions/017-public-statistics.md.
 */

type Lang = "nb" | "en";

/** How long counted figures are kept per network and language. */
export const statsTtlMs = 5 * 60 * 1000;

/**
 * The network's whole history: from its first placement (at most 20 years back, the dashboard's longest period) to
 * today in Norway. A network without placements (or with only future ones) gets the one day of today.
 */
export async function historyPeriod(db: Db, tenantId: string, now: Date): Promise<{ from: string; to: string }> {
  const to = osloDate(now);
  const result = (await db.execute(sql`select min(start_date)::text as first from placements where tenant_id = ${tenantId} and start_date <= ${to}`)) as unknown as { rows: { first: string | null }[] };
  const row = result.rows[0];
  const earliest = `${addMonths(to, -239).slice(0, 7)}-01`;
  const first = row?.first ?? null;
  return { from: first === null ? to : first < earliest ? earliest : first, to };
}

/**
 * Counted figures, kept per network and language for statsTtlMs (one object per app). Requests that arrive while
 * the figures are being counted wait for the same count.
 */
export function createStatsCache(db: Db, ttlMs = statsTtlMs) {
  const entries = new Map<string, { expires: number; report: Promise<Dashboard>; countedAt: Date }>();
  return {
    async history(tenantId: string, lang: Lang, now = new Date()): Promise<{ report: Dashboard; countedAt: Date }> {
      const key = `${tenantId}|${lang}`;
      const hit = entries.get(key);
      if (hit && hit.expires > now.getTime()) return { report: await hit.report, countedAt: hit.countedAt };
      const report = historyPeriod(db, tenantId, now).then((period) => dashboardReport(db, tenantId, { ...period, lang }, now));
      entries.set(key, { expires: now.getTime() + ttlMs, report, countedAt: now });
      try {
        return { report: await report, countedAt: now };
      } catch (error) {
        entries.delete(key);
        throw error;
      }
    },
    clear() {
      entries.clear();
    },
  };
}
export type StatsCache = ReturnType<typeof createStatsCache>;

/** A network that publishes its figures, by its address name; otherwise not found (unknown and unpublished alike). */
export async function publishingNetwork(db: Db, slug: string): Promise<NetworkRow> {
  const [network] = await db.select().from(networks).where(eq(networks.slug, slug)).limit(1);
  if (!network || network.publicStats.enabled !== true) throw new AppError("not_found", "The network does not publish statistics, or there is no network with this address name.");
  return network;
}

/** The public body: the network's chosen figures, taken from its history report. */
export function presentPublicStats(network: NetworkRow, report: Dashboard, countedAt: Date): PublicStats {
  const chosen = new Set(publicStatsFigures.filter((figure) => network.publicStats.figures?.includes(figure)));
  const table = (id: "gender" | "occupationGroup" | "industry") => report.tables.find((t) => t.id === id)!;
  return {
    network: { name: network.name, slug: network.slug, themeColor: network.themeColor },
    period: report.period,
    minimumGroupSize,
    countedAt: countedAt.toISOString(),
    ...(chosen.has("peopleInWork") ? { peopleInWork: report.keyFigures.peopleInWork } : {}),
    ...(chosen.has("companies") ? { companies: report.keyFigures.companiesWithHire } : {}),
    ...(chosen.has("countries") ? { countries: report.keyFigures.countriesOfBirth } : {}),
    ...(chosen.has("genderSplit") ? { genderSplit: table("gender") } : {}),
    ...(chosen.has("occupationGroups") ? { occupationGroups: table("occupationGroup") } : {}),
    ...(chosen.has("industries") ? { industries: table("industry") } : {}),
  };
}

/** A strong validator of the body: the same figures give the same ETag, on every server. */
export const etagOf = (body: unknown) => `"${createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 27)}"`;

/** Whether an If-None-Match header names this ETag (or "*"); weak comparison, as RFC 9110 asks for GET. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => {
    const candidate = tag.trim();
    return candidate === "*" || candidate.replace(/^W\//, "") === bare;
  });
}

/**
 * Every network side by side for instance administrators, by name: people in work and companies over the whole
 * history (as published), placements in the last 12 months, and the main goal (the oldest active goal) as of
 * today. One network at a time, so that a large instance does not take every connection.
 */
export async function networksOverview(db: Db, cache: StatsCache, lang: Lang, now = new Date()): Promise<NetworkStatsList> {
  const rows = await db.select().from(networks).orderBy(asc(networks.name), asc(networks.id));
  const items: NetworkStatsRow[] = [];
  for (const network of rows) {
    const { report: history } = await cache.history(network.id, lang, now);
    const recent = await dashboardReport(db, network.id, { lang }, now);
    const main = recent.goals[0];
    items.push({
      id: network.id,
      name: network.name,
      slug: network.slug,
      municipality: network.municipality,
      peopleInWork: history.keyFigures.peopleInWork,
      companies: history.keyFigures.companiesWithHire,
      placementsLast12Months: recent.keyFigures.placements,
      mainGoal: main ? { name: main.goal.name, target: main.target, window: main.window, people: main.people, share: main.share, status: main.status } : null,
      publicStatsEnabled: network.publicStats.enabled === true,
    });
  }
  const collator = new Intl.Collator(lang === "nb" ? "nb" : "en");
  items.sort((a, b) => collator.compare(a.name, b.name));
  return { items, minimumGroupSize };
}
