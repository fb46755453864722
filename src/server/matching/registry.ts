import { and, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { candidates } from "../candidates/tables.ts";
import { networks } from "../networks/tables.ts";
import { removeCandidate, upsertCandidate } from "./candidate-index.ts";
import type { CandidateIndex } from "./candidate-index.ts";
import { loadCandidateIndex, matchColumns, toMatchCandidate } from "./from-db.ts";
import { loadTaxonomyFromDb } from "./taxonomy-db.ts";
import { compileTaxonomy } from "./taxonomy.ts";
import type { MatchTaxonomy } from "./taxonomy.ts";
import { matchingChanges } from "./tables.ts";

/*
 * The matching indexes of one app instance: the compiled taxonomy (shared by every network) and one candidate
 * index per network, built from the database on first use (and for every network at start, in the background).
 *
 * Keeping them current (docs/decisions/014-matching-index-sync.md): triggers write every change of a candidate
 * and of the taxonomy to `matching_changes`, with the writing transaction's id. Before each ranking the index
 * catches up: it reads the rows written by transactions at or after the xmin of its previous read's snapshot,
 * so a transaction that commits late is never missed (rows seen twice are applied twice, which is harmless).
 * That works the same for any number of instances, whichever of them (or the CLI) made the change.
 */

type NetworkState = { index: CandidateIndex; xmin: number; syncedAt: number; taxonomy: TaxonomyState };
type TaxonomyState = { taxonomy: MatchTaxonomy; xmin: number };

/** Change rows are kept this long (pruneMatchingChanges); an index not synced for longer is built anew. */
export const CHANGE_RETENTION_MS = 24 * 3_600_000;
const STALE_AFTER_MS = CHANGE_RETENTION_MS / 2;

export type MatchingRegistry = {
  /** The network's index, current with every change committed before the call. */
  indexFor(tenantId: string): Promise<CandidateIndex>;
  /** Builds every network's index (at start, after the server answers). Returns how many. */
  warm(): Promise<number>;
  /** Forget everything (tests; a restore of the database). */
  reset(): void;
};

async function snapshotXmin(tx: Db): Promise<number> {
  const result = (await tx.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`)) as unknown as { rows: { xmin: string }[] };
  return Number(result.rows[0]!.xmin);
}

/** Reads under one snapshot: its xmin and what `read` sees are consistent. */
function underOneSnapshot<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<{ xmin: number; value: T }> {
  return db.transaction(
    async (tx) => {
      const xmin = await snapshotXmin(tx);
      return { xmin, value: await read(tx) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

export function createMatchingRegistry(db: Db, options: { now?: () => number } = {}): MatchingRegistry {
  const now = options.now ?? Date.now;
  let taxonomyState: Promise<TaxonomyState> | undefined;
  const networksState = new Map<string, NetworkState>();
  /** One sync at a time per network: an older read must never overwrite a newer one. */
  const queues = new Map<string, Promise<unknown>>();

  const loadTaxonomy = (): Promise<TaxonomyState> => {
    taxonomyState ??= underOneSnapshot(db, loadTaxonomyFromDb).then(
      ({ xmin, value }) => ({ xmin, taxonomy: compileTaxonomy(value) }),
      (error: unknown) => {
        taxonomyState = undefined;
        throw error;
      },
    );
    return taxonomyState;
  };

  async function build(tenantId: string): Promise<NetworkState> {
    const taxonomy = await loadTaxonomy();
    const { xmin, value: index } = await underOneSnapshot(db, (tx) => loadCandidateIndex(tx, tenantId, taxonomy.taxonomy));
    return { index, xmin, syncedAt: now(), taxonomy };
  }

  async function catchUp(tenantId: string, state: NetworkState): Promise<NetworkState> {
    if (now() - state.syncedAt > STALE_AFTER_MS) return build(tenantId);
    const { xmin, value: changes } = await underOneSnapshot(db, (tx) =>
      tx
        .selectDistinct({ candidateId: matchingChanges.candidateId, xid: matchingChanges.xid })
        .from(matchingChanges)
        .where(and(gte(matchingChanges.xid, state.xmin), or(eq(matchingChanges.tenantId, tenantId), isNull(matchingChanges.tenantId)))),
    );
    const taxonomyChanges = changes.filter((change) => change.candidateId === null);
    if (taxonomyChanges.length > 0) {
      // The taxonomy changed: compile it once for every network (unless another network's sync already did,
      // after the change), then rebuild this one.
      const current = await loadTaxonomy();
      if (taxonomyChanges.some((change) => change.xid >= current.xmin)) taxonomyState = undefined;
      return build(tenantId);
    }
    const ids = [...new Set(changes.map((change) => change.candidateId!))];
    for (let i = 0; i < ids.length; i += 1000) {
      const batch = ids.slice(i, i + 1000);
      // Read after the snapshot above: at least as new as what the feed promised, so nothing goes back in time.
      const rows = await db
        .select(matchColumns)
        .from(candidates)
        .where(and(eq(candidates.tenantId, tenantId), inArray(candidates.id, batch)));
      const found = new Set<string>();
      for (const row of rows) {
        found.add(row.id);
        upsertCandidate(state.index, toMatchCandidate(row));
      }
      for (const id of batch) if (!found.has(id)) removeCandidate(state.index, id);
    }
    return { ...state, xmin, syncedAt: now() };
  }

  function serialised<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(tenantId) ?? Promise.resolve();
    const next = previous.then(work, work);
    queues.set(
      tenantId,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Per network, the sync that is queued but has not started: callers that arrive meanwhile share it. */
  const pending = new Map<string, Promise<CandidateIndex>>();

  // Networks are few: the state map holds settled states, so a failed build is retried on the next call.
  // Under load many rankings arrive while a sync runs; they all wait for one next sync instead of one each (it
  // starts after they arrived, so it sees every write they made): bench/load.ts, ADR 029.
  function indexFor(tenantId: string): Promise<CandidateIndex> {
    const waiting = pending.get(tenantId);
    if (waiting) return waiting;
    const next = serialised(tenantId, async () => {
      pending.delete(tenantId);
      const known = networksState.get(tenantId);
      let state: NetworkState;
      try {
        state = known ? await catchUp(tenantId, known) : await build(tenantId);
      } catch (error) {
        networksState.delete(tenantId);
        throw error;
      }
      networksState.set(tenantId, state);
      return state.index;
    });
    pending.set(tenantId, next);
    return next;
  }

  async function warm() {
    const rows = await db.select({ id: networks.id }).from(networks);
    for (const row of rows) await indexFor(row.id);
    return rows.length;
  }

  return {
    indexFor,
    warm,
    reset() {
      taxonomyState = undefined;
      networksState.clear();
    },
  };
}

/** Deletes change rows older than CHANGE_RETENTION_MS (hourly); an instance that slept longer rebuilds. */
export async function pruneMatchingChanges(db: Db, at = new Date()): Promise<number> {
  const deleted = await db
    .delete(matchingChanges)
    .where(lt(matchingChanges.createdAt, new Date(at.getTime() - CHANGE_RETENTION_MS)))
    .returning({ id: matchingChanges.id });
  return deleted.length;
}
