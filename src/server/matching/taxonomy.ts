import type { MatchLang } from "../../shared/matching.ts";

/*
 * What the engine needs from the taxonomy, and its compiled form.
 *
 * `TaxonomyGraph` is the small interface the loaders fill (taxonomy-db.ts from the database tables,
 * taxonomy-csv.ts from the ESCO CSV download): occupations with their ISCO-08 unit group, occupation → skill
 * relations (essential/optional) and the skill hierarchy (narrower → broader, skills and skill groups).
 *
 * `compileTaxonomy` turns it into integer ids and compressed rows (CSR: a start offset per id into one flat
 * array), shared by every network's index. URIs not in the taxonomy (an old import, a test) get ids on first
 * use, with no relations.
 */

export type OccupationSkillRelation = "essential" | "optional";

export interface TaxonomyGraph {
  /** Every occupation with its ISCO-08 unit group (four digits, e.g. "5120"), or null when not known. */
  occupations(): Iterable<{ uri: string; iscoGroup: string | null }>;
  /** ESCO occupationSkillRelations. */
  occupationSkills(): Iterable<{ occupationUri: string; skillUri: string; relation: OccupationSkillRelation }>;
  /** The skill pillar's hierarchy: a skill (or skill group) and one of its broader skills or skill groups. */
  skillBroader(): Iterable<{ narrowerUri: string; broaderUri: string }>;
  /** A concept's preferred label, for explanations. */
  label(uri: string, lang: MatchLang): string | undefined;
}

export type TaxonomyData = {
  occupations: { uri: string; iscoGroup: string | null }[];
  occupationSkills: { occupationUri: string; skillUri: string; relation: OccupationSkillRelation }[];
  skillBroader: { narrowerUri: string; broaderUri: string }[];
  /** uri → label, per language. */
  labels: Partial<Record<MatchLang, Map<string, string>>>;
};

/** A TaxonomyGraph over plain arrays (the loaders' result, and tests). Labels fall back to the other language. */
export function taxonomyGraphOf(data: TaxonomyData): TaxonomyGraph {
  return {
    occupations: () => data.occupations,
    occupationSkills: () => data.occupationSkills,
    skillBroader: () => data.skillBroader,
    label: (uri, lang) => data.labels[lang]?.get(uri) ?? data.labels[lang === "nb" ? "en" : "nb"]?.get(uri),
  };
}

/** Siblings (skills under the same broader concept) count partly only under a parent this small: a big skill group is no evidence. */
export const SIBLING_PARENT_MAX = 40;

export class Interner {
  readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }
  get(key: string): number {
    return this.ids.get(key) ?? -1;
  }
  get size() {
    return this.keys.length;
  }
}

/** Compressed rows: the values of row i are `values[start[i]] … values[start[i + 1] - 1]`. */
export type Rows = { start: Uint32Array; values: Uint32Array };

function rowsOf(count: number, pairs: readonly (readonly [number, number])[]): Rows {
  const start = new Uint32Array(count + 1);
  for (const [row] of pairs) start[row + 1]!++;
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, count);
  const values = new Uint32Array(pairs.length);
  for (const [row, value] of pairs) values[fill[row]!++] = value;
  return { start, values };
}

export type MatchTaxonomy = {
  graph: TaxonomyGraph;
  /** Skills and skill groups (one id space). */
  skills: Interner;
  occupations: Interner;
  /** ISCO-08 unit group as a number (e.g. 5120), -1 when not known; by occupation id (ids past the end: unknown). */
  isco: Int32Array;
  /** occupation → (skill id << 1 | essential). */
  occupationSkills: Rows;
  /** skill → (occupation id << 1 | essential). */
  skillOccupations: Rows;
  /** skill → broader skills and groups. */
  parents: Rows;
  /** skill or group → narrower skills and groups. */
  children: Rows;
  /** Occupation ids by ISCO sub-major group (two digits), to find the occupations that score on occupation. */
  bySubMajor: Map<number, number[]>;
};

export function compileTaxonomy(graph: TaxonomyGraph): MatchTaxonomy {
  const skills = new Interner();
  const occupations = new Interner();
  const codes: number[] = [];
  for (const { uri, iscoGroup } of graph.occupations()) {
    const id = occupations.intern(uri);
    codes[id] = iscoGroup && /^\d{4}$/.test(iscoGroup) ? Number(iscoGroup) : -1;
  }
  const relations: [number, number][] = [];
  for (const { occupationUri, skillUri, relation } of graph.occupationSkills()) {
    relations.push([occupations.intern(occupationUri), (skills.intern(skillUri) << 1) | (relation === "essential" ? 1 : 0)]);
  }
  const broader: [number, number][] = [];
  for (const { narrowerUri, broaderUri } of graph.skillBroader()) broader.push([skills.intern(narrowerUri), skills.intern(broaderUri)]);

  const isco = new Int32Array(occupations.size).fill(-1);
  codes.forEach((code, id) => (isco[id] = code));
  const bySubMajor = new Map<number, number[]>();
  isco.forEach((code, id) => {
    if (code < 0) return;
    const key = Math.floor(code / 100);
    const list = bySubMajor.get(key);
    if (list) list.push(id);
    else bySubMajor.set(key, [id]);
  });
  return {
    graph,
    skills,
    occupations,
    isco,
    occupationSkills: rowsOf(occupations.size, relations),
    skillOccupations: rowsOf(
      skills.size,
      relations.map(([occupation, packed]) => [packed >>> 1, (occupation << 1) | (packed & 1)] as const),
    ),
    parents: rowsOf(skills.size, broader),
    children: rowsOf(
      skills.size,
      broader.map(([narrower, parent]) => [parent, narrower] as const),
    ),
    bySubMajor,
  };
}

/** The values of row `id` (empty for ids the rows do not cover). */
export function rowOf(rows: Rows, id: number): Uint32Array {
  if (id < 0 || id + 1 >= rows.start.length) return new Uint32Array(0);
  return rows.values.subarray(rows.start[id]!, rows.start[id + 1]!);
}

export const PARTIAL_NONE = 0;
/** Partial credit in quarters: a broader or narrower skill, or a skill the candidate's occupation has as essential. */
export const PARTIAL_HALF = 2;
/** A sibling skill under a small parent, or a skill the candidate's occupation has as optional. */
export const PARTIAL_QUARTER = 1;

/**
 * Skills related to `skill` in the hierarchy, with their credit in quarters: broader and narrower 2, siblings
 * under a parent of at most SIBLING_PARENT_MAX children 1. The relation is symmetric, so the job side (which
 * skills count for a required skill) and the candidate side (which required skills a held skill counts for)
 * agree. `visit` may see a skill twice; keep the best.
 */
export function forEachRelatedSkill(taxonomy: MatchTaxonomy, skill: number, visit: (related: number, quarters: number) => void) {
  for (const parent of rowOf(taxonomy.parents, skill)) {
    visit(parent, PARTIAL_HALF);
    const siblings = rowOf(taxonomy.children, parent);
    if (siblings.length <= SIBLING_PARENT_MAX) for (const sibling of siblings) if (sibling !== skill) visit(sibling, PARTIAL_QUARTER);
  }
  for (const child of rowOf(taxonomy.children, skill)) visit(child, PARTIAL_HALF);
}
