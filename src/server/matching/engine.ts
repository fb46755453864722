import { decodeCandidate, encodeCandidate } from "./candidate-index.ts";
import type { CandidateIndex } from "./candidate-index.ts";
import { better, creditsFromCandidateSide, creditsFromJobSide, explainMatch } from "./explain.ts";
import type { CandidateSide, JobSide, Via } from "./explain.ts";
import {
  CRITERION,
  educationScore,
  extentScore,
  languageScore,
  licenceScore,
  locationScore,
  occupationScore,
  passesHardFilters,
  prepareJob,
  skillScore,
  startScore,
} from "./score.ts";
import type { PreparedJob } from "./score.ts";
import { forEachRelatedSkill, PARTIAL_HALF, rowOf } from "./taxonomy.ts";
import type { MatchCandidate, MatchJob } from "./types.ts";
import type { MatchLang, MatchResult } from "../../shared/matching.ts";

/*
 * Ranking, both ways (docs/decisions/011-matching-engine.md).
 *
 * Candidates for a job:
 * 1. Expand the job's skills on the job side: each skill id that gives credit (the skill itself, related skills
 *    in the hierarchy, occupations whose ESCO relations imply it) gets bit masks of the job skills it counts for,
 *    at full, half or quarter credit (essential skills in the low 32-bit word, optional in the high one).
 * 2. Walk the inverted lists of those skills and occupations (and of the occupations that score on occupation)
 *    and OR the masks into per-slot scratch arrays: the touched candidates.
 * 3. Score each touched candidate: skills from its masks (byte tables of weights, integer sums), occupation
 *    from its record; stop there when even full marks on the rest cannot reach the current 50th score (a
 *    min-heap), else add the other criteria.
 * 4. Candidates not touched score 0 on skills and occupation; they are scored only when that could still
 *    reach the top (a small network).
 * 5. Explain the top k only.
 */

export type RankOptions = { limit?: number | undefined; lang?: MatchLang | undefined; today?: string | undefined };

/** Job-side expansion: skill id → [full lo, full hi, half lo, half hi, quarter lo, quarter hi]; occupation id → [half lo, half hi, quarter lo, quarter hi]. */
export function expandJob(index: CandidateIndex, job: PreparedJob): JobSide {
  const { taxonomy } = index;
  const skills = new Map<number, Uint32Array>();
  const occupations = new Map<number, Uint32Array>();
  const bit = (j: number) => (j < job.essentialCount ? [0, 1 << j] : [1, 1 << (j - job.essentialCount)]) as [number, number];
  const mark = (map: Map<number, Uint32Array>, size: number, key: number, offset: number, j: number) => {
    let masks = map.get(key);
    if (!masks) map.set(key, (masks = new Uint32Array(size)));
    const [word, value] = bit(j);
    masks[offset + word]! |= value;
  };
  job.skills.forEach((skill, j) => {
    mark(skills, 6, skill, 0, j);
    forEachRelatedSkill(taxonomy, skill, (related, quarters) => mark(skills, 6, related, quarters === PARTIAL_HALF ? 2 : 4, j));
    for (const entry of rowOf(taxonomy.skillOccupations, skill)) mark(occupations, 4, entry >>> 1, entry & 1 ? 0 : 2, j);
  });
  return { skills, occupations };
}

function ensureScratch(index: CandidateIndex) {
  const scratch = index.scratch;
  if (scratch.touched.length < index.size) {
    scratch.state = new Uint32Array(index.capacity * 8);
    scratch.touched = new Uint32Array(index.capacity);
    scratch.epoch = 0;
  }
  scratch.epoch = (scratch.epoch + 1) >>> 0;
  if (scratch.epoch === 0) {
    scratch.state.fill(0);
    scratch.epoch = 1;
  }
  return scratch;
}

/** Weight sums of the bits of a byte, for each byte of the two words: tables[word * 4 + byte][value]. */
function byteTables(job: PreparedJob): Float64Array[] {
  const tables = Array.from({ length: 8 }, () => new Float64Array(256));
  job.skillWeights.forEach((weight, j) => {
    const word = j < job.essentialCount ? 0 : 1;
    const b = j < job.essentialCount ? j : j - job.essentialCount;
    const table = tables[word * 4 + (b >>> 3)]!;
    const bitValue = 1 << (b & 7);
    for (let v = 0; v < 256; v++) if (v & bitValue) table[v]! += weight;
  });
  return tables;
}

/** Min-heap of the best k (score, then id ascending): the root is the weakest kept. */
class TopK {
  readonly scores: Float64Array;
  readonly slots: Int32Array;
  size = 0;
  readonly k: number;
  readonly ids: string[];
  constructor(k: number, ids: string[]) {
    this.k = k;
    this.ids = ids;
    this.scores = new Float64Array(k);
    this.slots = new Int32Array(k);
  }
  /** a is weaker than b. */
  private weaker(sa: number, a: number, sb: number, b: number) {
    return sa < sb || (sa === sb && this.ids[a]! > this.ids[b]!);
  }
  get full() {
    return this.size === this.k;
  }
  get threshold() {
    return this.scores[0]!;
  }
  offer(score: number, slot: number) {
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.weaker(score, slot, this.scores[parent]!, this.slots[parent]!)) break;
        this.scores[i] = this.scores[parent]!;
        this.slots[i] = this.slots[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    if (this.weaker(score, slot, this.scores[0]!, this.slots[0]!)) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.k) break;
      const right = left + 1;
      let child = left;
      if (right < this.k && this.weaker(this.scores[right]!, this.slots[right]!, this.scores[left]!, this.slots[left]!)) child = right;
      if (!this.weaker(this.scores[child]!, this.slots[child]!, score, slot)) break;
      this.scores[i] = this.scores[child]!;
      this.slots[i] = this.slots[child]!;
      i = child;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }
}

const clampLimit = (limit: number | undefined) => Math.max(1, Math.min(200, Math.floor(limit ?? 50)));

function byScoreThenId(a: MatchResult & { raw: number }, b: MatchResult & { raw: number }) {
  return b.raw - a.raw || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The best candidates for the job, with reasons and what is missing. Candidates failing a hard filter are left out. */
export function rankCandidatesForJob(index: CandidateIndex, job: MatchJob, options: RankOptions = {}): MatchResult[] {
  const prepared = prepareJob(index, job, options);
  const expansion = expandJob(index, prepared);
  const slots = selectTopCandidates(index, prepared, expansion, clampLimit(options.limit));
  const lang = options.lang ?? "nb";
  const results = slots.map((slot) => {
    const candidate = decodeCandidate(index, slot);
    return explainMatch(index, prepared, candidate, creditsFromJobSide(prepared, expansion, candidate), lang, candidate.id);
  });
  return results.sort(byScoreThenId).map(({ raw: _raw, ...result }) => result);
}

/** The selection loop alone (steps 1–4): the slots of the best `k`, with the scores they were selected by. */
export function selectTopCandidates(index: CandidateIndex, job: PreparedJob, expansion: JobSide, k: number): number[] {
  return selectTop(index, job, expansion, k).slots;
}

/** Rounding slack for the bounds: scores are sums of a few doubles, off by far less than this. */
const BOUND_SLACK = 1e-9;

export function selectTop(index: CandidateIndex, job: PreparedJob, expansion: JobSide, k: number) {
  const { taxonomy, flags, licences, availableFrom, education, municipality, extent, record, pool, poolYears } = index;
  const scratch = ensureScratch(index);
  const { state, touched } = scratch;
  const epoch = scratch.epoch;
  let touchedCount = 0;

  // Occupations that score on occupation: the job's own first (the likeliest top, so the threshold rises early).
  const scoringOccupations = new Set<number>();
  if (job.occupation >= 0) scoringOccupations.add(job.occupation);
  if (job.isco >= 0) for (const id of taxonomy.bySubMajor.get(Math.floor(job.isco / 100)) ?? []) scoringOccupations.add(id);
  for (const occupation of scoringOccupations) {
    const list = index.occupationPostings[occupation];
    const length = index.occupationPostingLength[occupation] ?? 0;
    for (let i = 0; i < length; i++) {
      const slot = list![i]! >>> 1;
      const base = slot << 3;
      if (state[base] !== epoch) {
        state[base] = epoch;
        state[base + 1] = state[base + 2] = state[base + 3] = state[base + 4] = state[base + 5] = state[base + 6] = 0;
        touched[touchedCount++] = slot;
      }
    }
  }
  for (const [skill, masks] of expansion.skills) {
    const list = index.skillPostings[skill];
    const length = index.skillPostingLength[skill] ?? 0;
    const fl = masks[0]!;
    const fh = masks[1]!;
    const hl = masks[2]!;
    const hh = masks[3]!;
    const ql = masks[4]!;
    const qh = masks[5]!;
    for (let i = 0; i < length; i++) {
      const slot = list![i]!;
      const base = slot << 3;
      if (state[base] !== epoch) {
        state[base] = epoch;
        state[base + 1] = fl;
        state[base + 2] = fh;
        state[base + 3] = hl;
        state[base + 4] = hh;
        state[base + 5] = ql;
        state[base + 6] = qh;
        touched[touchedCount++] = slot;
      } else {
        state[base + 1]! |= fl;
        state[base + 2]! |= fh;
        state[base + 3]! |= hl;
        state[base + 4]! |= hh;
        state[base + 5]! |= ql;
        state[base + 6]! |= qh;
      }
    }
  }
  for (const [occupation, masks] of expansion.occupations) {
    const list = index.occupationPostings[occupation];
    const length = index.occupationPostingLength[occupation] ?? 0;
    const hl = masks[0]!;
    const hh = masks[1]!;
    const ql = masks[2]!;
    const qh = masks[3]!;
    for (let i = 0; i < length; i++) {
      const entry = list![i]!;
      if ((entry & 1) === 0) continue; // a wish implies no skills
      const slot = entry >>> 1;
      const base = slot << 3;
      if (state[base] !== epoch) {
        state[base] = epoch;
        state[base + 1] = state[base + 2] = 0;
        state[base + 3] = hl;
        state[base + 4] = hh;
        state[base + 5] = ql;
        state[base + 6] = qh;
        touched[touchedCount++] = slot;
      } else {
        state[base + 3]! |= hl;
        state[base + 4]! |= hh;
        state[base + 5]! |= ql;
        state[base + 6]! |= qh;
      }
    }
  }

  const w = job.weights;
  const [t0, t1, t2, t3, t4, t5, t6, t7] = byteTables(job) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const wSkills = w[CRITERION.skills]!;
  const wOccupation = w[CRITERION.occupation]!;
  const wLanguages = w[CRITERION.languages]!;
  const wEducation = w[CRITERION.education]!;
  const wLocation = w[CRITERION.location]!;
  const wExtent = w[CRITERION.extent]!;
  const wLicences = w[CRITERION.licences]!;
  const wStart = w[CRITERION.start]!;
  const restMax = wLanguages + wEducation + wLocation + wExtent + wLicences + wStart + BOUND_SLACK;
  const required = job.requiredLicences;
  const startDay = job.startDay ?? 2147483647;
  const top = new TopK(k, index.ids);

  /** The criteria after skills and occupation, added to `partial` in criterion order (as explainMatch does). */
  const rest = (slot: number, partial: number, at: number) => {
    const counts = pool[at]!;
    const nOccupations = (counts >>> 10) & 255;
    const languagesFrom = at + 1 + (counts & 1023) + 2 * nOccupations;
    const nLanguages = (counts >>> 18) & 63;
    let score = partial;
    if (wLanguages > 0) score += wLanguages * languageScore(job, pool, languagesFrom, nLanguages);
    if (wEducation > 0) score += wEducation * educationScore(job, education[slot]!);
    if (wLocation > 0) score += wLocation * locationScore(job, municipality[slot]!, pool, languagesFrom + nLanguages, counts >>> 24);
    if (wExtent > 0) score += wExtent * extentScore(job, extent[slot]!);
    if (wLicences > 0) score += wLicences * licenceScore(job, licences[slot]!);
    if (wStart > 0) score += wStart * startScore(job, availableFrom[slot]!);
    return score;
  };

  for (let i = 0; i < touchedCount; i++) {
    const slot = touched[i]!;
    const base = slot << 3;
    let partial = 0;
    if (wSkills > 0) {
      const fl = state[base + 1]!;
      const fh = state[base + 2]!;
      const hl = state[base + 3]! & ~fl;
      const hh = state[base + 4]! & ~fh;
      const ql = state[base + 5]! & ~(fl | hl);
      const qh = state[base + 6]! & ~(fh | hh);
      const quarters =
        4 * (t0[fl & 255]! + t1[(fl >>> 8) & 255]! + t2[(fl >>> 16) & 255]! + t3[fl >>> 24]! + t4[fh & 255]! + t5[(fh >>> 8) & 255]! + t6[(fh >>> 16) & 255]! + t7[fh >>> 24]!) +
        2 * (t0[hl & 255]! + t1[(hl >>> 8) & 255]! + t2[(hl >>> 16) & 255]! + t3[hl >>> 24]! + t4[hh & 255]! + t5[(hh >>> 8) & 255]! + t6[(hh >>> 16) & 255]! + t7[hh >>> 24]!) +
        (t0[ql & 255]! + t1[(ql >>> 8) & 255]! + t2[(ql >>> 16) & 255]! + t3[ql >>> 24]! + t4[qh & 255]! + t5[(qh >>> 8) & 255]! + t6[(qh >>> 16) & 255]! + t7[qh >>> 24]!);
      partial = wSkills * skillScore(job, quarters);
    }
    // Bound before reading the record: full marks on occupation and everything else.
    if (top.full && partial + wOccupation + restMax < top.threshold) continue;
    if ((flags[slot]! & 7) !== 3 || (licences[slot]! & required) !== required || availableFrom[slot]! > startDay) continue;
    const at = record[slot]!;
    if (wOccupation > 0) {
      const counts = pool[at]!;
      const from = at + 1 + (counts & 1023);
      const n = (counts >>> 10) & 255;
      partial += wOccupation * occupationScore(taxonomy, job, pool, from, poolYears, from + n, n);
    }
    if (top.full && partial + restMax < top.threshold) continue;
    top.offer(rest(slot, partial, at), slot);
  }

  // Not touched: nothing on skills or occupation. Only worth a look while they could still make the top.
  if (!top.full || restMax >= top.threshold) {
    for (let slot = 0; slot < index.size; slot++) {
      if (state[slot << 3] === epoch) continue;
      if ((flags[slot]! & 7) !== 3 || (licences[slot]! & required) !== required || availableFrom[slot]! > startDay) continue;
      top.offer(rest(slot, 0, record[slot]!), slot);
    }
  }
  const order = Array.from({ length: top.size }, (_, i) => i).sort((a, b) => top.scores[b]! - top.scores[a]! || (index.ids[top.slots[a]!]! < index.ids[top.slots[b]!]! ? -1 : 1));
  return { slots: order.map((i) => top.slots[i]!), scores: order.map((i) => top.scores[i]!), touched: touchedCount };
}

export type RankJobsOptions = RankOptions & {
  /** Also jobs the candidate cannot take yet (a required licence, a later start), after the others, with eligible false. */
  includeIneligible?: boolean | undefined;
};

/**
 * The best jobs for a candidate (a network has hundreds of jobs, not millions: each is scored in full, with
 * IDF from the network's candidate index). A candidate who is not active or is restricted gets none.
 */
export function rankJobsForCandidate(index: CandidateIndex, jobs: readonly MatchJob[], candidate: MatchCandidate, options: RankJobsOptions = {}): MatchResult[] {
  const encoded = encodeCandidate(index, candidate);
  if ((encoded.flags & 7) !== 3) return [];
  const side: CandidateSide = candidateSide(index, encoded);
  const lang = options.lang ?? "nb";
  const results: (MatchResult & { raw: number })[] = [];
  for (const job of jobs) {
    const prepared = prepareJob(index, job, options);
    const eligible = passesHardFilters(prepared, encoded.flags, encoded.licences, encoded.availableFrom);
    if (!eligible && !options.includeIneligible) continue;
    results.push(explainMatch(index, prepared, encoded, creditsFromCandidateSide(prepared, side), lang, job.id));
  }
  results.sort((a, b) => Number(b.eligible) - Number(a.eligible) || byScoreThenId(a, b));
  return results.slice(0, clampLimit(options.limit)).map(({ raw: _raw, ...result }) => result);
}

/**
 * Candidate-side expansion, once per candidate: the skill ids that count partly for the candidate (related
 * skills of held skills, skills implied by experienced occupations), each with its best credit in quarters and
 * where it comes from.
 */
export function candidateSide(index: CandidateIndex, candidate: { skills: Uint32Array; occupations: Uint32Array }): CandidateSide {
  const { taxonomy } = index;
  const held = new Set(candidate.skills);
  const partial = new Map<number, { quarters: number; via: Via }>();
  const offer = (skill: number, quarters: number, via: Via) => {
    if (held.has(skill)) return;
    const before = partial.get(skill);
    if (!before || better(quarters, via, before.quarters, before.via)) partial.set(skill, { quarters, via });
  };
  for (const entry of candidate.occupations) {
    if ((entry & 1) === 0) continue;
    const occupation = entry >>> 1;
    for (const relation of rowOf(taxonomy.occupationSkills, occupation)) offer(relation >>> 1, relation & 1 ? 2 : 1, { kind: "occupation", id: occupation });
  }
  for (const skill of candidate.skills) forEachRelatedSkill(taxonomy, skill, (related, quarters) => offer(related, quarters, { kind: "skill", id: skill }));
  return { held, partial };
}
