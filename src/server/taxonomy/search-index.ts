/*
 * The taxonomy search index: an in-memory trigram index over every label (preferred and alternative, every
 * language) of released occupations and skills. Candidates come from shared trigrams (typo-tolerant, and
 * prefix-aware because the query's last word is not padded at its end); they are then scored word by word
 * (exact, prefix, or within one or two edits), with bonuses for the preferred label and the wanted language.
 * See docs/decisions/007-taxonomy-search.md.
 */

export type IndexedLabel = { uri: string; lang: string; label: string; preferred: boolean };
export type IndexedConcept = { uri: string; code: string | null };
export type SearchHit = { uri: string; score: number; matchedLang: string };

/** Lower case, without accents; æ → ae, ø → o, å → a, ß → ss; anything but letters and digits → one space. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("æ", "ae")
    .replaceAll("ø", "o")
    .replaceAll("ß", "ss")
    .replaceAll("œ", "oe")
    .replaceAll("ł", "l")
    .replaceAll("đ", "d")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The trigrams of a normalised text: each word padded by a space in front and one behind (not behind when open). */
function trigramsOf(normalised: string, openEnd: boolean): string[] {
  const grams = new Set<string>();
  const words = normalised.split(" ").filter(Boolean);
  words.forEach((word, i) => {
    const padded = ` ${word}${openEnd && i === words.length - 1 ? "" : " "}`;
    for (let j = 0; j + 3 <= padded.length; j++) grams.add(padded.slice(j, j + 3));
  });
  return [...grams];
}

const maxWord = 64;
const rowA = new Int32Array(maxWord + 1);
const rowB = new Int32Array(maxWord + 1);
const rowC = new Int32Array(maxWord + 1);

/** Damerau–Levenshtein (optimal string alignment) distance, giving up above `max`. Reuses its buffers. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > maxWord || b.length > maxWord) return a === b ? 0 : max + 1;
  let prevPrev = rowA;
  let prev = rowB;
  let current = rowC;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = current;
    current = spare;
  }
  return prev[b.length]!;
}

/** Edits allowed for a query word: none for very short words, one from 4 letters, two from 8. */
const allowedEdits = (word: string) => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/** How well one query word matches one label word (0–1). `last`: the query's last word may be a prefix. */
function wordScore(query: string, word: string, last: boolean): number {
  if (query === word) return 1;
  if (last && query.length >= 2 && word.startsWith(query)) return 0.9;
  const edits = allowedEdits(query);
  if (edits === 0) return 0;
  const distance = editDistance(query, word, edits);
  if (distance <= edits) return distance === 1 ? 0.8 : 0.65;
  // A prefix with a typo ("sykepl" → "sykepleier" with "sykeplie…"): compare with the word's start.
  if (last && word.length > query.length) {
    const prefixDistance = editDistance(query, word.slice(0, query.length), edits);
    if (prefixDistance <= edits) return prefixDistance === 1 ? 0.7 : 0.55;
  }
  // Compound words: "rengjoring" inside "kontorrengjorer".
  if (query.length >= 5 && word.includes(query)) return 0.75;
  return 0;
}

type Entry = { concept: number; lang: string; preferred: boolean; words: string[]; normalised: string };

export type TaxonomyIndex = {
  size: number;
  search(query: string, options: { lang: string; limit: number }): SearchHit[];
};

/** Builds the index from labels; `concepts` gives the order-independent concept list (uri, ISCO code). */
export function buildIndex(labels: readonly IndexedLabel[]): TaxonomyIndex {
  const conceptIds = new Map<string, number>();
  const uris: string[] = [];
  const entries: Entry[] = [];
  const postings = new Map<string, number[]>();
  for (const label of labels) {
    const normalised = normalise(label.label);
    if (!normalised) continue;
    let concept = conceptIds.get(label.uri);
    if (concept === undefined) {
      concept = uris.length;
      conceptIds.set(label.uri, concept);
      uris.push(label.uri);
    }
    const id = entries.length;
    entries.push({ concept, lang: label.lang, preferred: label.preferred, words: normalised.split(" "), normalised });
    for (const gram of trigramsOf(normalised, false)) {
      const list = postings.get(gram);
      if (list) list.push(id);
      else postings.set(gram, [id]);
    }
  }
  const lists = new Map<string, Int32Array>();
  for (const [gram, list] of postings) lists.set(gram, Int32Array.from(list));
  const counts = new Uint16Array(entries.length);
  const touched = new Int32Array(entries.length);

  return {
    size: entries.length,
    search(query, { lang, limit }) {
      const q = normalise(query);
      if (q.replaceAll(" ", "").length < 2) return [];
      const queryWords = q.split(" ");
      // Rare trigrams first; very common ones ("ing", " wi") are skipped when there are enough others.
      const found = trigramsOf(q, true)
        .map((gram) => lists.get(gram))
        .filter((list): list is Int32Array => list !== undefined)
        .sort((a, b) => a.length - b.length);
      const common = Math.max(2000, entries.length / 20);
      const used = found.filter((list, i) => i < 3 || list.length <= common);
      let touchedCount = 0;
      for (const list of used) {
        for (let i = 0; i < list.length; i++) {
          const id = list[i]!;
          if (counts[id] === 0) touched[touchedCount++] = id;
          counts[id]!++;
        }
      }
      // Keep the entries that share most trigrams (at least a third of those used), shortest labels first.
      const minimum = Math.max(1, Math.ceil(used.length / 3));
      const byCount: number[][] = [];
      for (let t = 0; t < touchedCount; t++) {
        const id = touched[t]!;
        const count = counts[id]!;
        counts[id] = 0;
        if (count >= minimum) (byCount[count] ??= []).push(id);
      }
      const candidates: number[] = [];
      const maxCandidates = 800;
      for (let count = byCount.length - 1; count >= minimum && candidates.length < maxCandidates; count--) {
        const bucket = byCount[count];
        if (!bucket) continue;
        bucket.sort((a, b) => entries[a]!.normalised.length - entries[b]!.normalised.length);
        for (const id of bucket) {
          candidates.push(id);
          if (candidates.length >= maxCandidates) break;
        }
      }

      const best = new Map<number, { score: number; lang: string }>();
      for (const id of candidates) {
        const entry = entries[id]!;
        let sum = 0;
        let matched = 0;
        queryWords.forEach((word, i) => {
          let top = 0;
          for (const labelWord of entry.words) {
            const s = wordScore(word, labelWord, i === queryWords.length - 1);
            if (s > top) top = s;
            if (top === 1) break;
          }
          if (top > 0) matched++;
          sum += top;
        });
        if (matched === 0) continue;
        // Every query word should match; a missing one costs much.
        let score = (sum / queryWords.length) * (matched === queryWords.length ? 1 : 0.5);
        // Covering the label well: "kokk" ranks "kokk" above "kokk i kantine".
        score *= 0.75 + 0.25 * Math.min(1, q.length / entry.normalised.length);
        if (entry.normalised === q) score += 0.3;
        if (entry.preferred) score += 0.1;
        if (entry.lang === lang) score += 0.15;
        const previous = best.get(entry.concept);
        if (!previous || score > previous.score) best.set(entry.concept, { score, lang: entry.lang });
      }
      const top = [...best.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, limit);
      const maxScore = 1 + 0.3 + 0.1 + 0.15;
      return top.map(([concept, hit]) => ({ uri: uris[concept]!, score: Math.round((hit.score / maxScore) * 1000) / 1000, matchedLang: hit.lang }));
    },
  };
}
