import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse";
import { taxonomyGraphOf } from "./taxonomy.ts";
import type { OccupationSkillRelation, TaxonomyData, TaxonomyGraph } from "./taxonomy.ts";

/*
 * The TaxonomyGraph straight from the official ESCO CSV download (a folder), for the benchmark and tests that
 * use the real taxonomy without a database. The files are read where they are, never copied.
 * Norwegian occupation labels (the TSV in ../shared/data/esco-no) are optional.
 */

async function* rows(file: string, options: { delimiter?: string; quote?: boolean } = {}): AsyncGenerator<Record<string, string>> {
  const parser = fs.createReadStream(file).pipe(
    parse({ bom: true, columns: true, skip_empty_lines: true, delimiter: options.delimiter ?? ",", quote: options.quote === false ? false : '"', relax_column_count: true }),
  );
  for await (const row of parser) yield row as Record<string, string>;
}

export async function loadTaxonomyDataFromEscoCsv(folder: string, options: { lang?: string; norwegianLabels?: string | undefined } = {}): Promise<TaxonomyData> {
  const lang = options.lang ?? "en";
  const file = (name: string) => path.join(folder, name);
  const data: TaxonomyData = { occupations: [], occupationSkills: [], skillBroader: [], labels: { en: new Map(), nb: new Map() } };
  const english = data.labels.en!;
  for await (const row of rows(file(`occupations_${lang}.csv`))) {
    data.occupations.push({ uri: row.conceptUri!, iscoGroup: row.iscoGroup?.trim() || null });
    english.set(row.conceptUri!, row.preferredLabel!);
  }
  for (const name of [`skills_${lang}.csv`, `skillGroups_${lang}.csv`]) {
    if (!fs.existsSync(file(name))) continue;
    for await (const row of rows(file(name))) english.set(row.conceptUri!, row.preferredLabel!);
  }
  const occupations = new Set(data.occupations.map((o) => o.uri));
  const seen = new Set<string>();
  for await (const row of rows(file("occupationSkillRelations.csv"))) {
    const key = `${row.occupationUri} ${row.skillUri}`;
    if (seen.has(key) || !occupations.has(row.occupationUri!) || !english.has(row.skillUri!)) continue;
    seen.add(key);
    data.occupationSkills.push({ occupationUri: row.occupationUri!, skillUri: row.skillUri!, relation: row.relationType as OccupationSkillRelation });
  }
  for await (const row of rows(file("broaderRelationsSkillPillar.csv"))) data.skillBroader.push({ narrowerUri: row.conceptUri!, broaderUri: row.broaderUri! });
  if (options.norwegianLabels && fs.existsSync(options.norwegianLabels)) {
    for await (const row of rows(options.norwegianLabels, { delimiter: "\t", quote: false })) {
      if (row.labelType === "preferred") data.labels.nb!.set(row.conceptUri!, row.label!);
    }
  }
  return data;
}

export async function loadTaxonomyFromEscoCsv(folder: string, options: { lang?: string; norwegianLabels?: string | undefined } = {}): Promise<TaxonomyGraph> {
  return taxonomyGraphOf(await loadTaxonomyDataFromEscoCsv(folder, options));
}
