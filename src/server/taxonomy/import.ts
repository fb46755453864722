import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import yauzl from "yauzl";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { AppError } from "../platform/errors.ts";
import { taxonomyBroader, taxonomyConcepts, taxonomyLabels, taxonomyOccupationSkills, taxonomyStyrk } from "./tables.ts";
import { invalidateTaxonomyIndex } from "./service.ts";

/*
 * Readers for the official ESCO CSV download (a folder or a .zip), the Norwegian occupation labels (TSV) and the
 * ESCO ↔ STYRK-08 crosswalk. Each import parses the files first (streaming CSV), then writes everything in one
 * transaction: a file that does not parse changes nothing. Re-importing updates in place; ESCO concepts that
 * are no longer in the download are marked obsolete, never deleted.
 */

type Row = Record<string, string>;

/** The files of a download, by lower-case base name (a zip may keep them in a folder). */
type Source = { files: Map<string, () => Promise<Readable>>; close(): void };

async function openZip(file: string): Promise<Source> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const files = new Map<string, () => Promise<Readable>>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith("/")) {
        files.set(path.posix.basename(entry.fileName).toLowerCase(), () =>
          new Promise<Readable>((ok, fail) => zip.openReadStream(entry, (error, stream) => (error ? fail(error) : ok(stream)))),
        );
      }
      zip.readEntry();
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return { files, close: () => zip.close() };
}

async function openSource(location: string): Promise<Source> {
  const stat = await fs.promises.stat(location).catch(() => undefined);
  if (!stat) throw new AppError("validation_failed", `No such file or folder: ${location}`);
  if (stat.isDirectory()) {
    const files = new Map<string, () => Promise<Readable>>();
    for (const name of await fs.promises.readdir(location)) files.set(name.toLowerCase(), async () => fs.createReadStream(path.join(location, name)));
    return { files, close: () => {} };
  }
  if (!location.toLowerCase().endsWith(".zip")) {
    return { files: new Map([[path.basename(location).toLowerCase(), async () => fs.createReadStream(location)]]), close: () => {} };
  }
  try {
    return await openZip(location);
  } catch (error) {
    throw new AppError("validation_failed", `${location} is not a readable zip file (${(error as Error).message}).`);
  }
}

/** Streams the rows of a CSV (or TSV) file as objects keyed by the header row. A malformed file throws. */
async function* readRows(open: () => Promise<Readable>, name: string, options: { delimiter?: string; quote?: boolean } = {}): AsyncGenerator<Row> {
  const parser = (await open()).pipe(
    parse({ bom: true, columns: true, skip_empty_lines: true, delimiter: options.delimiter ?? ",", quote: options.quote === false ? false : '"', trim: false }),
  );
  try {
    for await (const row of parser) yield row as Row;
  } catch (error) {
    throw new AppError("validation_failed", `${name}: ${(error as Error).message}`);
  }
}

const required = (row: Row, column: string, file: string) => {
  const value = row[column];
  if (value === undefined) throw new AppError("validation_failed", `${file}: missing column "${column}".`);
  return value.trim();
};

/** ESCO multi-valued cells: one value per line. */
const lines = (cell: string | undefined) =>
  (cell ?? "")
    .split(/\r?\n/)
    .map((value) => value.trim())
    .filter(Boolean);

const conceptTypes: Record<string, string> = { Occupation: "occupation", KnowledgeSkillCompetence: "skill", ISCOGroup: "isco_group", SkillGroup: "skill_group" };

async function inBatches<T>(items: readonly T[], size: number, write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

type Concept = { uri: string; type: string; code: string | null; skillType: string | null };
type Label = { uri: string; lang: string; label: string; kind: string };

export type EscoImportResult = {
  source: string;
  concepts: Record<string, number>;
  labels: Record<string, number>;
  missingLanguages: string[];
  occupationSkills: number;
  /** Relations whose occupation or skill is not in the download (ESCO 1.1.1 has 67 for one missing occupation). */
  skippedRelations: number;
  broader: number;
  obsolete: number;
};

/** Imports the ESCO CSV download at `location` (folder or zip) with labels in `langs` (ESCO codes: no, en, ar, uk, …). */
export async function importEsco(db: Db, location: string, options: { langs: string[]; version?: string | undefined }): Promise<EscoImportResult> {
  const source = await openSource(location);
  try {
    const langs = [...new Set(options.langs.map((lang) => lang.trim().toLowerCase()).filter(Boolean))];
    if (langs.length === 0) throw new AppError("validation_failed", "Give at least one language, e.g. --lang en,no.");
    const has = (name: string) => source.files.has(name.toLowerCase());
    const present = langs.filter((lang) => has(`occupations_${lang}.csv`) || has(`skills_${lang}.csv`));
    const missingLanguages = langs.filter((lang) => !present.includes(lang));
    // Types, codes and relations come from one language's files: English when given, else the first found.
    const base = present.includes("en") ? "en" : present[0];
    if (!base || !has(`occupations_${base}.csv`) || !has(`skills_${base}.csv`)) {
      throw new AppError("validation_failed", `No ESCO files for ${langs.join(", ")} in ${location} (looked for occupations_<lang>.csv and skills_<lang>.csv).`);
    }
    const version = options.version ?? path.basename(location).match(/v?(\d+(?:\.\d+)+)/)?.[1];
    const sourceName = version ? `esco-${version}` : "esco";

    const concepts = new Map<string, Concept>();
    const labels: Label[] = [];
    const files = ["occupations", "skills", "ISCOGroups", "skillGroups"];
    for (const lang of [base, ...present.filter((l) => l !== base)]) {
      for (const file of files) {
        const name = `${file}_${lang}.csv`;
        const open = source.files.get(name.toLowerCase());
        if (!open) {
          if (lang === base && (file === "occupations" || file === "skills")) throw new AppError("validation_failed", `${name} is missing.`);
          continue;
        }
        for await (const row of readRows(open, name)) {
          const uri = required(row, "conceptUri", name);
          if (!uri) continue;
          if (lang === base) {
            const type = conceptTypes[required(row, "conceptType", name)];
            if (!type) throw new AppError("validation_failed", `${name}: unknown conceptType "${row.conceptType}".`);
            const code = type === "occupation" ? required(row, "iscoGroup", name) : type === "isco_group" ? required(row, "code", name) : type === "skill_group" ? (row.code ?? "").trim() : "";
            concepts.set(uri, { uri, type, code: code || null, skillType: type === "skill" ? (row.skillType ?? "").trim() || null : null });
          } else if (!concepts.has(uri)) continue;
          const preferred = required(row, "preferredLabel", name);
          if (preferred) labels.push({ uri, lang, label: preferred, kind: "preferred" });
          const seen = new Set([preferred.toLowerCase()]);
          for (const alt of lines(row.altLabels)) {
            if (seen.has(alt.toLowerCase())) continue;
            seen.add(alt.toLowerCase());
            labels.push({ uri, lang, label: alt, kind: "alternative" });
          }
        }
      }
    }
    const languageFile = source.files.get(`languageskillscollection_${base}.csv`);
    if (languageFile) {
      for await (const row of readRows(languageFile, `languageSkillsCollection_${base}.csv`)) {
        const concept = concepts.get((row.conceptUri ?? "").trim());
        if (concept?.type === "skill") concept.skillType = "language";
      }
    }
    const relations: { occupationUri: string; skillUri: string; relation: string }[] = [];
    const relationFile = source.files.get("occupationskillrelations.csv");
    let skippedRelations = 0;
    if (relationFile) {
      const seen = new Set<string>();
      for await (const row of readRows(relationFile, "occupationSkillRelations.csv")) {
        const occupationUri = required(row, "occupationUri", "occupationSkillRelations.csv");
        const skillUri = required(row, "skillUri", "occupationSkillRelations.csv");
        const relation = required(row, "relationType", "occupationSkillRelations.csv");
        if (seen.has(`${occupationUri} ${skillUri}`)) continue;
        if (!concepts.has(occupationUri) || !concepts.has(skillUri)) {
          skippedRelations++;
          continue;
        }
        if (relation !== "essential" && relation !== "optional") throw new AppError("validation_failed", `occupationSkillRelations.csv: unknown relationType "${relation}".`);
        seen.add(`${occupationUri} ${skillUri}`);
        relations.push({ occupationUri, skillUri, relation });
      }
    }
    const broader: { narrowerUri: string; broaderUri: string }[] = [];
    const seenBroader = new Set<string>();
    for (const name of ["broaderRelationsOccPillar.csv", "broaderRelationsSkillPillar.csv"]) {
      const open = source.files.get(name.toLowerCase());
      if (!open) continue;
      for await (const row of readRows(open, name)) {
        const narrowerUri = required(row, "conceptUri", name);
        const broaderUri = required(row, "broaderUri", name);
        const key = `${narrowerUri} ${broaderUri}`;
        if (!concepts.has(narrowerUri) || !concepts.has(broaderUri) || seenBroader.has(key)) continue;
        seenBroader.add(key);
        broader.push({ narrowerUri, broaderUri });
      }
    }

    const obsolete = await db.transaction(async (tx) => {
      const now = new Date();
      await inBatches([...concepts.values()], 1000, (batch) =>
        tx
          .insert(taxonomyConcepts)
          .values(batch.map((c) => ({ ...c, status: "released", source: sourceName, updatedAt: now })))
          .onConflictDoUpdate({
            target: taxonomyConcepts.uri,
            set: {
              type: sql`excluded.type`,
              code: sql`excluded.code`,
              skillType: sql`excluded.skill_type`,
              status: sql`excluded.status`,
              source: sql`excluded.source`,
              updatedAt: sql`excluded.updated_at`,
            },
          }),
      );
      // Concepts of an earlier ESCO import that this one no longer has: obsolete, kept for what refers to them.
      const earlier = await tx
        .select({ uri: taxonomyConcepts.uri })
        .from(taxonomyConcepts)
        .where(and(like(taxonomyConcepts.source, "esco%"), eq(taxonomyConcepts.status, "released")));
      const gone = earlier.map((row) => row.uri).filter((uri) => !concepts.has(uri));
      await inBatches(gone, 1000, (batch) => tx.update(taxonomyConcepts).set({ status: "obsolete", updatedAt: now }).where(inArray(taxonomyConcepts.uri, batch)));

      const imported = tx.select({ uri: taxonomyConcepts.uri }).from(taxonomyConcepts).where(eq(taxonomyConcepts.source, sourceName));
      await tx.delete(taxonomyLabels).where(and(inArray(taxonomyLabels.lang, present), inArray(taxonomyLabels.uri, imported)));
      await inBatches(labels, 2000, (batch) => tx.insert(taxonomyLabels).values(batch));
      if (relationFile) {
        await tx.delete(taxonomyOccupationSkills).where(inArray(taxonomyOccupationSkills.occupationUri, imported));
        await inBatches(relations, 2000, (batch) => tx.insert(taxonomyOccupationSkills).values(batch));
      }
      await tx.delete(taxonomyBroader).where(inArray(taxonomyBroader.narrowerUri, imported));
      await inBatches(broader, 2000, (batch) => tx.insert(taxonomyBroader).values(batch));
      return gone.length;
    });
    invalidateTaxonomyIndex(db);

    const countBy = <T>(items: Iterable<T>, key: (item: T) => string) => {
      const counts: Record<string, number> = {};
      for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
      return counts;
    };
    return {
      source: sourceName,
      concepts: countBy(concepts.values(), (c) => c.type),
      labels: countBy(labels, (l) => l.lang),
      missingLanguages,
      occupationSkills: relations.length,
      skippedRelations,
      broader: broader.length,
      obsolete,
    };
  } finally {
    source.close();
  }
}

/** The URIs among `uris` that are concepts (of any status). */
async function existing(db: Db, uris: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  await inBatches([...new Set(uris)], 1000, async (batch) => {
    for (const row of await db.select({ uri: taxonomyConcepts.uri }).from(taxonomyConcepts).where(inArray(taxonomyConcepts.uri, batch))) known.add(row.uri);
  });
  return known;
}

/**
 * Norwegian (bokmål) labels of occupations and ISCO groups: a TSV with columns conceptUri, conceptType,
 * labelType (preferred | alternative), label. Replaces the bokmål labels of the concepts it names.
 */
export async function importNorwegianLabels(db: Db, location: string): Promise<{ labels: number; concepts: number; unknown: number }> {
  const source = await openSource(location);
  const name = path.basename(location);
  try {
    const open = source.files.get(name.toLowerCase()) ?? [...source.files.values()][0];
    if (!open) throw new AppError("validation_failed", `${location} has no file to read.`);
    const rows: Label[] = [];
    for await (const row of readRows(open, name, { delimiter: "\t", quote: false })) {
      const uri = required(row, "conceptUri", name);
      const kind = required(row, "labelType", name);
      const label = required(row, "label", name);
      if (!uri || !label) continue;
      if (kind !== "preferred" && kind !== "alternative") throw new AppError("validation_failed", `${name}: unknown labelType "${kind}".`);
      rows.push({ uri, lang: "no", label, kind });
    }
    const uris = [...new Set(rows.map((row) => row.uri))];
    const result = await db.transaction(async (tx) => {
      const known = await existing(tx, uris);
      const labels = rows.filter((row) => known.has(row.uri));
      await inBatches([...known], 1000, async (batch) => {
        await tx.delete(taxonomyLabels).where(and(eq(taxonomyLabels.lang, "no"), inArray(taxonomyLabels.uri, batch)));
        await tx.update(taxonomyConcepts).set({ updatedAt: new Date() }).where(inArray(taxonomyConcepts.uri, batch));
      });
      await inBatches(labels, 2000, (batch) => tx.insert(taxonomyLabels).values(batch));
      return { labels: labels.length, concepts: known.size, unknown: uris.length - known.size };
    });
    invalidateTaxonomyIndex(db);
    return result;
  } finally {
    source.close();
  }
}

/**
 * The ESCO ↔ STYRK-08 crosswalk as the ESCO mapping tool exports it: a few lines about the mapping project, then
 * a header row starting with "Classification 1 URI" (the ESCO occupation) and "Classification 2 URI" (the STYRK
 * concept, whose last path segment is the STYRK-08 code). Replaces the crosswalk of the occupations it names.
 */
export async function importStyrk(db: Db, location: string): Promise<{ mappings: number; occupations: number; unknown: number }> {
  const source = await openSource(location);
  const name = path.basename(location);
  try {
    const open = source.files.get(name.toLowerCase()) ?? [...source.files.values()][0];
    if (!open) throw new AppError("validation_failed", `${location} has no file to read.`);
    const parser = (await open()).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
    let header: string[] | undefined;
    const mappings = new Map<string, { occupationUri: string; styrkCode: string; styrkLabel: string }>();
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (!header) {
          if (record[0]?.trim() === "Classification 1 URI") header = record.map((cell) => cell.trim());
          continue;
        }
        const cell = (column: string) => (record[header!.indexOf(column)] ?? "").trim();
        const occupationUri = cell("Classification 1 URI");
        const styrkUri = cell("Classification 2 URI");
        // STYRK-08 follows ISCO-08: some rows point at the ISCO group (…/isco/C3116) instead of the STYRK concept.
        const styrkCode = (styrkUri.split("/").pop() ?? "").replace(/^C(?=\d)/, "");
        if (cell("Mapping relation") === "no relation") continue;
        if (!occupationUri || !/^\d{1,4}$/.test(styrkCode)) throw new AppError("validation_failed", `${name}: a row without an ESCO URI or a STYRK-08 code (${styrkUri || "empty"}).`);
        mappings.set(`${occupationUri} ${styrkCode}`, { occupationUri, styrkCode, styrkLabel: cell("Classification 2 PrefLabel") });
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("validation_failed", `${name}: ${(error as Error).message}`);
    }
    if (!header) throw new AppError("validation_failed", `${name}: no header row starting with "Classification 1 URI".`);
    const rows = [...mappings.values()];
    const uris = [...new Set(rows.map((row) => row.occupationUri))];
    return await db.transaction(async (tx) => {
      const known = await existing(tx, uris);
      const kept = rows.filter((row) => known.has(row.occupationUri));
      await inBatches([...known], 1000, (batch) => tx.delete(taxonomyStyrk).where(inArray(taxonomyStyrk.occupationUri, batch)));
      await inBatches(kept, 2000, (batch) => tx.insert(taxonomyStyrk).values(batch));
      return { mappings: kept.length, occupations: known.size, unknown: uris.length - known.size };
    });
  } finally {
    source.close();
  }
}
