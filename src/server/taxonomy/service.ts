import { and, count, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { taxonomyConcepts, taxonomyLabels } from "./tables.ts";
import { buildIndex } from "./search-index.ts";
import type { TaxonomyIndex } from "./search-index.ts";
import { escoLang } from "./lookup.ts";

/*
 * Taxonomy search: reference data (no personal data), answered from an in-memory index per process and
 * database, built on the first query and rebuilt after an import (or when another process changed the
 * taxonomy: the concepts' count and last change are checked at most every 30 seconds).
 */

export type SearchType = "occupation" | "skill";
export type SearchItem = { uri: string; label: string; lang: string; score: number; code?: string };

type Loaded = {
  signature: string;
  checkedAt: number;
  indexes: Record<SearchType, TaxonomyIndex>;
  codes: Map<string, string>;
  /** uri → ESCO language → preferred label. */
  preferred: Map<string, Map<string, string>>;
};
type State = { loaded?: Loaded; loading?: Promise<Loaded> };

const states = new WeakMap<Db, State>();
const recheckMs = 30_000;

const stateOf = (db: Db) => {
  let state = states.get(db);
  if (!state) states.set(db, (state = {}));
  return state;
};

async function signatureOf(db: Db): Promise<string> {
  const [row] = await db.select({ n: count(), last: max(taxonomyConcepts.updatedAt) }).from(taxonomyConcepts);
  return `${row?.n ?? 0}:${row?.last ? new Date(row.last).getTime() : 0}`;
}

async function load(db: Db): Promise<Loaded> {
  const signature = await signatureOf(db);
  const concepts = await db
    .select({ uri: taxonomyConcepts.uri, type: taxonomyConcepts.type, code: taxonomyConcepts.code })
    .from(taxonomyConcepts)
    .where(and(inArray(taxonomyConcepts.type, ["occupation", "skill"]), eq(taxonomyConcepts.status, "released")));
  const typeOf = new Map(concepts.map((c) => [c.uri, c.type as SearchType]));
  const codes = new Map(concepts.filter((c) => c.code).map((c) => [c.uri, c.code!]));
  const labels = await db
    .select({ uri: taxonomyLabels.uri, lang: taxonomyLabels.lang, label: taxonomyLabels.label, kind: taxonomyLabels.kind })
    .from(taxonomyLabels)
    .innerJoin(taxonomyConcepts, eq(taxonomyConcepts.uri, taxonomyLabels.uri))
    .where(and(inArray(taxonomyConcepts.type, ["occupation", "skill"]), eq(taxonomyConcepts.status, "released")));
  // Preferred labels first, so that a concept's own label is what the index meets first.
  labels.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "preferred" ? -1 : 1));
  const byType: Record<SearchType, { uri: string; lang: string; label: string; preferred: boolean }[]> = { occupation: [], skill: [] };
  const preferred = new Map<string, Map<string, string>>();
  for (const row of labels) {
    if (row.kind === "preferred") {
      let own = preferred.get(row.uri);
      if (!own) preferred.set(row.uri, (own = new Map()));
      own.set(row.lang, row.label);
    }
    const type = typeOf.get(row.uri);
    if (type) byType[type].push({ uri: row.uri, lang: row.lang, label: row.label, preferred: row.kind === "preferred" });
  }
  return { signature, checkedAt: Date.now(), indexes: { occupation: buildIndex(byType.occupation), skill: buildIndex(byType.skill) }, codes, preferred };
}

async function indexFor(db: Db): Promise<Loaded> {
  const state = stateOf(db);
  const loaded = state.loaded;
  if (loaded && Date.now() - loaded.checkedAt < recheckMs) return loaded;
  if (loaded) {
    loaded.checkedAt = Date.now();
    if ((await signatureOf(db)) === loaded.signature) return loaded;
  }
  state.loading ??= load(db).then(
    (fresh) => {
      state.loaded = fresh;
      state.loading = undefined;
      return fresh;
    },
    (error: unknown) => {
      state.loading = undefined;
      throw error;
    },
  );
  return state.loading;
}

/** Forget the index of this database (after an import): the next query builds it anew. */
export function invalidateTaxonomyIndex(db: Db) {
  states.delete(db);
}

/** Builds the index now (for benchmarks and warm-up). Returns the number of labels indexed. */
export async function warmTaxonomyIndex(db: Db): Promise<number> {
  const loaded = await indexFor(db);
  return loaded.indexes.occupation.size + loaded.indexes.skill.size;
}

/** Searches occupations or skills; `appLang` is the app's language (nb, en, ar, …). Best first. */
export async function searchTaxonomy(db: Db, type: SearchType, query: string, appLang: string, limit: number): Promise<SearchItem[]> {
  const lang = escoLang(appLang);
  const loaded = await indexFor(db);
  const hits = loaded.indexes[type].search(query, { lang, limit });
  // The label shown: the preferred label in the wanted language, else bokmål, else English, else any.
  const order = [...new Set([lang, "no", "en"])];
  return hits.map((hit) => {
    const own = loaded.preferred.get(hit.uri);
    const shownLang = order.find((l) => own?.has(l)) ?? (own?.keys().next().value as string | undefined);
    const code = loaded.codes.get(hit.uri);
    return {
      uri: hit.uri,
      label: (shownLang && own?.get(shownLang)) || hit.uri,
      lang: appLangOf(shownLang ?? hit.matchedLang),
      score: hit.score,
      ...(code ? { code } : {}),
    };
  });
}

/** ESCO says "no" for bokmål; the app and its API say "nb". */
export const appLangOf = (esco: string) => (esco === "no" ? "nb" : esco);
