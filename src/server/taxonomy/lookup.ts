import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { taxonomyConcepts, taxonomyLabels } from "./tables.ts";

/*
 * What other features need from the taxonomy: does a concept exist, and what is it called in a language.
 * App languages are nb/en; ESCO calls bokmål "no". Labels fall back to bokmål, then English.
 */

export type ConceptType = "occupation" | "skill" | "isco_group" | "skill_group";

export const escoLang = (appLang: string) => (appLang === "nb" || appLang === "nn" ? "no" : appLang);

/** The URIs among `uris` that are not concepts of `type` (empty when all are known). */
export async function unknownConcepts(db: Db, uris: readonly string[], type: ConceptType): Promise<string[]> {
  const unique = [...new Set(uris)];
  if (unique.length === 0) return [];
  const found = await db
    .select({ uri: taxonomyConcepts.uri })
    .from(taxonomyConcepts)
    .where(and(inArray(taxonomyConcepts.uri, unique), eq(taxonomyConcepts.type, type)));
  const known = new Set(found.map((row) => row.uri));
  return unique.filter((uri) => !known.has(uri));
}

/** Preferred labels for the URIs in the wanted language, falling back to bokmål, then English, then the URI. */
export async function labelsFor(db: Db, uris: readonly string[], appLang: string): Promise<Map<string, string>> {
  const unique = [...new Set(uris)];
  const labels = new Map<string, string>();
  if (unique.length === 0) return labels;
  const order = [...new Set([escoLang(appLang), "no", "en"])];
  const rows = await db
    .select({ uri: taxonomyLabels.uri, lang: taxonomyLabels.lang, label: taxonomyLabels.label })
    .from(taxonomyLabels)
    .where(and(inArray(taxonomyLabels.uri, unique), eq(taxonomyLabels.kind, "preferred"), inArray(taxonomyLabels.lang, order)));
  for (const uri of unique) {
    const candidates = rows.filter((row) => row.uri === uri);
    const best = order.map((lang) => candidates.find((row) => row.lang === lang)).find(Boolean);
    labels.set(uri, best?.label ?? uri);
  }
  return labels;
}
