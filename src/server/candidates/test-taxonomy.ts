import type { Db } from "../platform/db.ts";
import { testOrigin } from "../testing/test-app.ts";
import type { Client, TestApp } from "../testing/test-app.ts";
import { taxonomyConcepts, taxonomyLabels } from "../taxonomy/tables.ts";
import { invalidateTaxonomyIndex } from "../taxonomy/service.ts";

/*
 * A few taxonomy concepts for tests. URIs are made up in ESCO's form.
 */

const uri = (kind: "occupation" | "skill", n: number) => `http://data.europa.eu/esco/${kind}/00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const testTaxonomy = {
  cleaner: { uri: uri("occupation", 1), no: "Renholder", en: "cleaner" },
  cook: { uri: uri("occupation", 2), no: "Kokk", en: "cook" },
  nurse: { uri: uri("occupation", 3), no: "Sykepleier", en: "nurse" },
  // Two occupations share a label: an import by that label is ambiguous.
  assistantA: { uri: uri("occupation", 4), no: "Assistent", en: "assistant (office)" },
  assistantB: { uri: uri("occupation", 5), no: "Assistent", en: "assistant (care)" },
  economist: { uri: uri("occupation", 6), no: "Økonom", en: "economist" },
  forklift: { uri: uri("skill", 1), no: "Kjøre truck", en: "operate forklift" },
  hygiene: { uri: uri("skill", 2), no: "Følge hygienerutiner", en: "follow hygiene procedures" },
} as const;

/**
 * Replaces the built-in starter taxonomy with the test concepts, so that the tests control every label
 * (the starter's "Renholder" would otherwise make an import by that label ambiguous).
 */
export async function insertTestTaxonomy(db: Db) {
  await db.delete(taxonomyConcepts);
  invalidateTaxonomyIndex(db);
  const entries = Object.values(testTaxonomy);
  await db
    .insert(taxonomyConcepts)
    .values(entries.map((e) => ({ uri: e.uri, type: e.uri.includes("/occupation/") ? "occupation" : "skill", source: "test" })))
    .onConflictDoNothing();
  await db.insert(taxonomyLabels).values(
    entries.flatMap((e) => [
      { uri: e.uri, lang: "no", label: e.no, kind: "preferred" },
      { uri: e.uri, lang: "en", label: e.en, kind: "preferred" },
    ]),
  );
}

/** Posts a raw file body (documents, import files) as the signed-in client. */
export function upload(t: TestApp, client: Client, url: string, payload: Buffer | string, contentType: string) {
  return t.app.inject({ method: "POST", url, headers: { origin: testOrigin, cookie: client.cookie, "content-type": contentType }, payload });
}
