import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { recordAccess } from "../platform/audit.ts";
import { requireCandidate } from "../candidates/service.ts";
import type { Role } from "../../shared/roles.ts";
import type { TimelineEntry } from "../../shared/services.ts";

/*
 * The candidate's timeline: everything that happened with a candidate across partners, as the union of the
 * entries of independent sources, newest first, filtered by what the viewer's role may see.
 *
 * THE EXTENSION POINT: a feature adds what it knows about a candidate by adding a TimelineSource to the list
 * `timelineSources` in `timeline-sources.ts` (e.g. mentoring meetings). A source names the roles that may see its
 * entries and reads the entries of one candidate of one network; nothing else in the timeline changes.
 */

export type TimelineQuery = { tenantId: string; candidateId: string; lang: "nb" | "en" };

export type TimelineSource = {
  /** Stable name, also the entries' `source`. */
  key: string;
  /** Roles that see this source's entries (an API token counts with its role). */
  roles: readonly Role[];
  /** The candidate's entries from this source; the candidate is known to be the network's. */
  entries(db: Db, query: TimelineQuery): Promise<TimelineEntry[]>;
};

/** The sources a role may see. */
export function sourcesFor(role: Role, sources: readonly TimelineSource[]): TimelineSource[] {
  return sources.filter((source) => source.roles.includes(role));
}

/**
 * The union of the sources' entries for the viewer's role, newest first, at most `limit`. The read is logged in
 * the candidate's access log.
 */
export async function candidateTimeline(db: Db, actor: Actor, candidateId: string, options: { limit: number; lang: "nb" | "en" }, sources: readonly TimelineSource[]) {
  return db.transaction(async (tx) => {
    await requireCandidate(tx, actor, candidateId);
    const visible = sourcesFor(actor.role, sources);
    const query = { tenantId: actor.tenantId, candidateId, lang: options.lang };
    // One after the other: a transaction is one connection.
    const entries: TimelineEntry[] = [];
    for (const source of visible) entries.push(...(await source.entries(tx, query)));
    entries.sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)));
    await recordAccess(tx, actor, { personType: "candidate", personId: candidateId, purpose: "follow_up" });
    return { items: entries.slice(0, options.limit), sources: visible.map((s) => s.key) };
  });
}

/** Picks the text in the viewer's language. */
export const say = (lang: "nb" | "en", nb: string, en: string) => (lang === "nb" ? nb : en);

/** A date-only value as a time on the timeline (noon UTC keeps it on the same date in Norway). */
export const dateAt = (date: string) => `${date}T12:00:00.000Z`;
