import { cefrRankOf, dayOf, extentCode, normaliseLanguageCode, packLevels } from "./levels.ts";
import { heldLicenceMask } from "./licences.ts";
import { Interner } from "./taxonomy.ts";
import type { MatchTaxonomy } from "./taxonomy.ts";
import type { MatchCandidate } from "./types.ts";

/*
 * The in-memory index of one network's candidates (docs/decisions/011-matching-engine.md).
 *
 * Each candidate has a slot. Its fixed-size fields are four Int32 words side by side in `slots` (one cache
 * line holds four candidates, and the hard filters read one place):
 *
 *   [flags | licence bits << 3 | extent << 18 | (education rank + 1) << 20, available-from day, record offset, municipality id]
 *
 * The variable-size lists live in one pool (a Uint32Array with a Float32Array view of the same memory), one
 * record per candidate:
 *
 *   [counts, skill ids…, occupation entries…, years…, language entries…, wished municipality ids…]
 *
 * counts = skills | occupations << 10 | languages << 18 | wished municipalities << 24; an occupation entry is
 * occupation id << 1 | 1 when from experience (0: a wish), with its years (Float32) in the parallel run; a
 * language entry is language id << 12 | four 3-bit CEFR ranks.
 *
 * Inverted lists (postings): by skill (slots holding the skill) and by occupation (slot << 1 | experience).
 * An update writes a new record at the end of the pool and updates the postings it changes; the pool is
 * compacted when half of it is garbage. A skill's postings length is its document frequency (for IDF).
 */

export const FLAG_ALIVE = 1;
export const FLAG_ACTIVE = 2;
export const FLAG_RESTRICTED = 4;
/** availableFrom of a candidate who can start now. */
export const AVAILABLE_NOW = -2147483648;

const MAX_SKILLS = 1023;
const MAX_OCCUPATIONS = 255;
const MAX_LANGUAGES = 63;
const MAX_WISHED_MUNICIPALITIES = 255;

/** A candidate in the engine's integer form: read from the index (decodeCandidate) or encoded without storing (encodeCandidate). */
export type EncodedCandidate = {
  id: string;
  flags: number;
  availableFrom: number;
  education: number;
  municipality: number;
  extent: number;
  licences: number;
  skills: Uint32Array;
  occupations: Uint32Array;
  years: Float32Array;
  languages: Uint32Array;
  wishes: Uint32Array;
};

export type CandidateIndex = {
  taxonomy: MatchTaxonomy;
  municipalities: Interner;
  /** Names as written → municipality id (saves normalising the same name again). */
  municipalityIds: Map<string, number>;
  /** Codes as written → language id. */
  languageIds: Map<string, number>;
  /** Municipality id → the name as first written (the interner's keys are lower case). */
  municipalityNames: string[];
  languages: Interner;
  slotOf: Map<string, number>;
  /** slot → candidate id ("" when free). */
  ids: string[];
  free: number[];
  /** Slots in use or freed (the high-water mark). */
  size: number;
  /** Candidates in the index. */
  count: number;
  capacity: number;
  /** Four words per slot, see above. */
  slots: Int32Array;
  pool: Uint32Array;
  poolYears: Float32Array;
  poolUsed: number;
  poolGarbage: number;
  skillPostings: (Uint32Array | undefined)[];
  skillPostingLength: number[];
  occupationPostings: (Uint32Array | undefined)[];
  occupationPostingLength: number[];
  /**
   * Scratch for ranking (one ranking at a time: ranking is synchronous): per slot 4 words (see engine.ts
   * selectTop), and the list of touched slots.
   */
  scratch: { epoch: number; state: Uint32Array; touched: Uint32Array };
};

export function createCandidateIndex(taxonomy: MatchTaxonomy, capacity = 1024): CandidateIndex {
  return {
    taxonomy,
    municipalities: new Interner(),
    municipalityIds: new Map(),
    languageIds: new Map(),
    municipalityNames: [],
    languages: new Interner(),
    slotOf: new Map(),
    ids: [],
    free: [],
    size: 0,
    count: 0,
    capacity,
    slots: new Int32Array(capacity * 4),
    ...newPool(capacity * 16),
    poolUsed: 0,
    poolGarbage: 0,
    skillPostings: [],
    skillPostingLength: [],
    occupationPostings: [],
    occupationPostingLength: [],
    scratch: { epoch: 0, state: new Uint32Array(0), touched: new Uint32Array(0) },
  };
}

function newPool(words: number) {
  const buffer = new ArrayBuffer(words * 4);
  return { pool: new Uint32Array(buffer), poolYears: new Float32Array(buffer) };
}

export const municipalityKey = (municipality: string) => municipality.trim().toLowerCase().replace(/\s+/g, " ");

/** The municipality's id (-1 for none), remembering the name as first written. */
export function internMunicipality(index: CandidateIndex, name: string): number {
  const known = index.municipalityIds.get(name);
  if (known !== undefined) return known;
  const key = municipalityKey(name);
  let id = -1;
  if (key) {
    id = index.municipalities.intern(key);
    index.municipalityNames[id] ??= name.trim().replace(/\s+/g, " ");
  }
  index.municipalityIds.set(name, id);
  return id;
}

/** A candidate's fields as integers, in plain arrays (reused while building, so adding allocates little). */
type Encoding = {
  flags: number;
  availableFrom: number;
  education: number;
  municipality: number;
  extent: number;
  licences: number;
  skills: number[];
  occupations: number[];
  years: number[];
  languages: number[];
  wishes: number[];
};
const newEncoding = (): Encoding => ({ flags: 0, availableFrom: 0, education: 0, municipality: 0, extent: 0, licences: 0, skills: [], occupations: [], years: [], languages: [], wishes: [] });
const scratchEncoding = newEncoding();

/** Fills `out` with the candidate in integer form, interning new skills, occupations, languages and municipalities. */
function encodeInto(index: CandidateIndex, candidate: MatchCandidate, out: Encoding): Encoding {
  const { taxonomy } = index;
  const { skills, occupations, years, languages, wishes } = out;
  skills.length = occupations.length = years.length = languages.length = wishes.length = 0;
  // Skills sorted, without repeats (insertion sort: a few dozen at most).
  for (const uri of candidate.skillUris) {
    const id = taxonomy.skills.intern(uri);
    let i = skills.length;
    while (i > 0 && skills[i - 1]! > id) i--;
    if (i > 0 && skills[i - 1] === id) continue;
    skills.splice(i, 0, id);
  }
  // Experience in the same occupation adds up; a wish of an occupation also in the experience is left out (it scores lower).
  for (const { occupationUri, years: y } of candidate.experience) {
    const entry = (taxonomy.occupations.intern(occupationUri) << 1) | 1;
    const add = Number.isFinite(y) && y > 0 ? y : 0;
    const at = occupations.indexOf(entry);
    if (at >= 0) years[at]! += add;
    else {
      occupations.push(entry);
      years.push(add);
    }
  }
  for (const uri of candidate.wishedOccupationUris) {
    const id = taxonomy.occupations.intern(uri);
    if (occupations.includes((id << 1) | 1) || occupations.includes(id << 1)) continue;
    occupations.push(id << 1);
    years.push(0);
  }
  for (const language of candidate.languages) {
    let id = index.languageIds.get(language.code);
    if (id === undefined) index.languageIds.set(language.code, (id = index.languages.intern(normaliseLanguageCode(language.code))));
    const levels = packLevels([cefrRankOf(language.listening), cefrRankOf(language.reading), cefrRankOf(language.writing), cefrRankOf(language.speaking)]);
    // The same language twice: keep the better level of each sub-skill.
    const at = languages.findIndex((entry) => entry >>> 12 === id);
    if (at >= 0) languages[at] = (id << 12) | maxLevels(languages[at]! & 4095, levels);
    else languages.push((id << 12) | levels);
  }
  for (const name of candidate.wishedMunicipalities) {
    const id = internMunicipality(index, name);
    if (id >= 0 && !wishes.includes(id)) wishes.push(id);
  }
  if (skills.length > MAX_SKILLS || occupations.length > MAX_OCCUPATIONS || languages.length > MAX_LANGUAGES || wishes.length > MAX_WISHED_MUNICIPALITIES) {
    throw new RangeError(`candidate ${candidate.id}: too many skills, occupations, languages or municipalities for the matching index`);
  }
  out.flags = FLAG_ALIVE | (candidate.active ? FLAG_ACTIVE : 0) | (candidate.restricted ? FLAG_RESTRICTED : 0);
  out.availableFrom = candidate.availableFrom ? dayOf(candidate.availableFrom) : AVAILABLE_NOW;
  out.education = candidate.educationRank === null ? -1 : Math.max(0, Math.min(8, Math.round(candidate.educationRank)));
  out.municipality = internMunicipality(index, candidate.municipality);
  out.extent = extentCode(candidate.extent);
  out.licences = heldLicenceMask(candidate.licences);
  return out;
}

/** The candidate in integer form without adding it (jobs for a candidate), interning what is new. */
export function encodeCandidate(index: CandidateIndex, candidate: MatchCandidate): EncodedCandidate {
  const e = encodeInto(index, candidate, newEncoding());
  return {
    ...e,
    id: candidate.id,
    skills: new Uint32Array(e.skills),
    occupations: new Uint32Array(e.occupations),
    years: new Float32Array(e.years),
    languages: new Uint32Array(e.languages),
    wishes: new Uint32Array(e.wishes),
  };
}

function maxLevels(a: number, b: number) {
  let packed = 0;
  for (let i = 0; i < 4; i++) packed |= Math.max((a >>> (3 * i)) & 7, (b >>> (3 * i)) & 7) << (3 * i);
  return packed;
}

/** The first word of a slot: flags, licences, extent and education. */
export const packSlotWord = (c: Pick<EncodedCandidate, "flags" | "licences" | "extent" | "education">) => c.flags | (c.licences << 3) | (c.extent << 18) | ((c.education + 1) << 20);
export const flagsOf = (word: number) => word & 7;
export const licencesOf = (word: number) => (word >>> 3) & 0x7fff;
export const extentOf = (word: number) => (word >>> 18) & 3;
export const educationOf = (word: number) => ((word >>> 20) & 15) - 1;
/** Whether the slot holds a candidate. */
export const isAlive = (index: CandidateIndex, slot: number) => (index.slots[slot * 4]! & FLAG_ALIVE) !== 0;

/** Reads the candidate in `slot` back from the index. */
export function decodeCandidate(index: CandidateIndex, slot: number): EncodedCandidate {
  const word = index.slots[slot * 4]!;
  const at = index.slots[slot * 4 + 2]!;
  const counts = index.pool[at]!;
  const nSkills = counts & 1023;
  const nOccupations = (counts >>> 10) & 255;
  const nLanguages = (counts >>> 18) & 63;
  const nWishes = counts >>> 24;
  let p = at + 1;
  const take = (n: number) => index.pool.slice(p, (p += n));
  const skills = take(nSkills);
  const occupations = take(nOccupations);
  const years = index.poolYears.slice(p, (p += nOccupations));
  const languages = take(nLanguages);
  const wishes = take(nWishes);
  return {
    id: index.ids[slot]!,
    flags: flagsOf(word),
    availableFrom: index.slots[slot * 4 + 1]!,
    education: educationOf(word),
    municipality: index.slots[slot * 4 + 3]!,
    extent: extentOf(word),
    licences: licencesOf(word),
    skills,
    occupations,
    years,
    languages,
    wishes,
  };
}

/** Where the candidate's occupation entries, years, languages and wished municipalities start in the pool, and how many. */
export function recordLayout(pool: Uint32Array, at: number) {
  const counts = pool[at]!;
  const nSkills = counts & 1023;
  const nOccupations = (counts >>> 10) & 255;
  const nLanguages = (counts >>> 18) & 63;
  const occupations = at + 1 + nSkills;
  const languages = occupations + 2 * nOccupations;
  return { occupations, nOccupations, years: occupations + nOccupations, languages, nLanguages, wishes: languages + nLanguages, nWishes: counts >>> 24 };
}

function grow(index: CandidateIndex, needed: number) {
  if (needed <= index.capacity) return;
  let capacity = index.capacity;
  while (capacity < needed) capacity *= 2;
  const slots = new Int32Array(capacity * 4);
  slots.set(index.slots);
  index.slots = slots;
  index.capacity = capacity;
}

function recordSize(c: { skills: ArrayLike<number>; occupations: ArrayLike<number>; languages: ArrayLike<number>; wishes: ArrayLike<number> }) {
  return 1 + c.skills.length + 2 * c.occupations.length + c.languages.length + c.wishes.length;
}

function reservePool(index: CandidateIndex, words: number) {
  if (index.poolUsed + words <= index.pool.length) return;
  if (index.poolGarbage > index.poolUsed / 2) compactPool(index);
  if (index.poolUsed + words <= index.pool.length) return;
  let length = index.pool.length;
  while (index.poolUsed + words > length) length *= 2;
  const { pool, poolYears } = newPool(length);
  pool.set(index.pool.subarray(0, index.poolUsed));
  index.pool = pool;
  index.poolYears = poolYears;
}

/** Rewrites the pool without the records of removed or updated candidates. */
export function compactPool(index: CandidateIndex) {
  const { pool, poolYears } = newPool(Math.max(1024, index.pool.length));
  let used = 0;
  for (let slot = 0; slot < index.size; slot++) {
    if (!isAlive(index, slot)) continue;
    const at = index.slots[slot * 4 + 2]!;
    const { wishes, nWishes } = recordLayout(index.pool, at);
    const end = wishes + nWishes;
    pool.set(index.pool.subarray(at, end), used);
    index.slots[slot * 4 + 2] = used;
    used += end - at;
  }
  index.pool = pool;
  index.poolYears = poolYears;
  index.poolUsed = used;
  index.poolGarbage = 0;
}

function writeRecord(index: CandidateIndex, c: Encoding): number {
  reservePool(index, recordSize(c));
  const { pool, poolYears } = index;
  const at = index.poolUsed;
  pool[at] = c.skills.length | (c.occupations.length << 10) | (c.languages.length << 18) | (c.wishes.length << 24);
  let p = at + 1;
  pool.set(c.skills, p);
  p += c.skills.length;
  pool.set(c.occupations, p);
  p += c.occupations.length;
  poolYears.set(c.years, p);
  p += c.years.length;
  pool.set(c.languages, p);
  p += c.languages.length;
  pool.set(c.wishes, p);
  p += c.wishes.length;
  index.poolUsed = p;
  return at;
}

function addPosting(lists: (Uint32Array | undefined)[], lengths: number[], key: number, value: number) {
  while (lengths.length <= key) {
    lengths.push(0);
    lists.push(undefined);
  }
  let list = lists[key];
  const length = lengths[key]!;
  if (!list || length === list.length) {
    const bigger = new Uint32Array(list ? list.length * 2 : 4);
    if (list) bigger.set(list);
    lists[key] = list = bigger;
  }
  list[length] = value;
  lengths[key] = length + 1;
}

function removePosting(lists: (Uint32Array | undefined)[], lengths: number[], key: number, value: number) {
  const list = lists[key];
  const length = lengths[key] ?? 0;
  if (!list) return;
  const at = list.subarray(0, length).lastIndexOf(value);
  if (at < 0) return;
  list[at] = list[length - 1]!;
  lengths[key] = length - 1;
}

function removeFromPostings(index: CandidateIndex, slot: number) {
  const old = decodeCandidate(index, slot);
  for (const skill of old.skills) removePosting(index.skillPostings, index.skillPostingLength, skill, slot);
  for (const entry of old.occupations) removePosting(index.occupationPostings, index.occupationPostingLength, entry >>> 1, (slot << 1) | (entry & 1));
  index.poolGarbage += recordSize(old);
}

/** Adds the candidate, or replaces what the index has for the same id. */
export function upsertCandidate(index: CandidateIndex, candidate: MatchCandidate) {
  const encoded = encodeInto(index, candidate, scratchEncoding);
  let slot = index.slotOf.get(candidate.id);
  if (slot !== undefined) {
    removeFromPostings(index, slot);
  } else {
    slot = index.free.pop() ?? index.size++;
    grow(index, index.size);
    index.slotOf.set(candidate.id, slot);
    index.ids[slot] = candidate.id;
    index.count++;
  }
  const at = writeRecord(index, encoded);
  index.slots[slot * 4] = packSlotWord(encoded);
  index.slots[slot * 4 + 1] = encoded.availableFrom;
  index.slots[slot * 4 + 2] = at;
  index.slots[slot * 4 + 3] = encoded.municipality;
  for (const skill of encoded.skills) addPosting(index.skillPostings, index.skillPostingLength, skill, slot);
  for (const entry of encoded.occupations) addPosting(index.occupationPostings, index.occupationPostingLength, entry >>> 1, (slot << 1) | (entry & 1));
}

/** Removes the candidate (no-op when not there). Returns whether it was there. */
export function removeCandidate(index: CandidateIndex, id: string): boolean {
  const slot = index.slotOf.get(id);
  if (slot === undefined) return false;
  removeFromPostings(index, slot);
  index.slots[slot * 4] = 0;
  index.ids[slot] = "";
  index.slotOf.delete(id);
  index.free.push(slot);
  index.count--;
  return true;
}

/** A new index with these candidates. */
export function buildCandidateIndex(taxonomy: MatchTaxonomy, candidates: Iterable<MatchCandidate>): CandidateIndex {
  const index = createCandidateIndex(taxonomy);
  for (const candidate of candidates) upsertCandidate(index, candidate);
  return index;
}

/** How many candidates hold the skill (for IDF). */
export const documentFrequency = (index: CandidateIndex, skill: number) => index.skillPostingLength[skill] ?? 0;
