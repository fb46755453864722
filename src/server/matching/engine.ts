import { decodeCandidate, encodeCandidate } from "./candidate-index.ts";
import type { CandidateIndex } from "./candidate-index.ts";
import { better, creditsFromCandidateSide, creditsFromJobSide, explainMatch } from "./explain.ts";
import type { CandidateSide, JobSide, Via } from "./explain.ts";
import {
  CRITERION,
  LOCATION_SCORES,
  OCCUPATION_LEVELS,
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
 * Candidates for a job (selectTop):
 * 1. Expand the job: for every skill id the job skills it counts for (held, related in the hierarchy) and for
 *    every occupation id the job skills it implies, as masks of job skills at full, half or quarter credit.
 * 2. Phase A, strong evidence: walk the inverted lists of the job's occupation, its ISCO unit group and the
 *    job's skills into a small scratch per slot (occupation level seen, job skills held).
 * 3. Phase B: score the same occupation and unit group first, so the top-k threshold (a min-heap) rises early.
 *    Each candidate is bounded before it is read (held skills, occupation level, then the slot's words, then
 *    the record), so most are dropped without touching their record.
 * 4. Phase C, weak evidence (related and implied skills, minor and sub-major groups): read only when it could
 *    reach the threshold; then its credits are gathered term by term, biggest lists first (MaxScore).
 * 5. Candidates touched by nothing are scored only while they could still make the top (a small network).
 * 6. Explain the top k only, with the same rule functions (score.ts): the same number to the bit.
 *
 * Jobs for a candidate (rankJobsForCandidate): each job scored in full from the candidate's own expansion.
 */

export type RankOptions = { limit?: number | undefined; lang?: MatchLang | undefined; today?: string | undefined };

/**
 * Job-side expansion into dense tables. Job skill j is bit j of a 32-bit mask. For every skill id: the job
 * skills it counts for at full, half or quarter credit (3 words); for every occupation id: the job skills it
 * implies, half or quarter, for someone who has worked in it (2 words).
 */
export function expandJob(index: CandidateIndex, job: PreparedJob): JobSide {
  const { taxonomy } = index;
  const skillMasks = new Uint32Array(taxonomy.skills.size * 3);
  const skillFlags = new Uint8Array(taxonomy.skills.size);
  const occupationMasks = new Uint32Array(taxonomy.occupations.size * 2);
  const occupationFlags = new Uint8Array(taxonomy.occupations.size);
  const skills: number[] = [];
  const occupations: number[] = [];
  job.skills.forEach((skill, j) => {
    const bit = 1 << j;
    const mark = (id: number, offset: number) => {
      if (!skillFlags[id]) {
        skillFlags[id] = 1;
        skills.push(id);
      }
      skillMasks[id * 3 + offset]! |= bit;
    };
    mark(skill, 0);
    forEachRelatedSkill(taxonomy, skill, (related, quarters) => mark(related, quarters === PARTIAL_HALF ? 1 : 2));
    for (const entry of rowOf(taxonomy.skillOccupations, skill)) {
      const occupation = entry >>> 1;
      if (!occupationFlags[occupation]) {
        occupationFlags[occupation] = 1;
        occupations.push(occupation);
      }
      occupationMasks[occupation * 2 + (entry & 1 ? 0 : 1)]! |= bit;
    }
  });
  return { skillMasks, skillFlags, skills, occupationMasks, occupationFlags, occupations };
}

/** Scratch per slot, 4 words: [epoch << 3 | occupation level seen, held, half, quarter] (masks of job skills). */
function ensureScratch(index: CandidateIndex) {
  const scratch = index.scratch;
  if (scratch.touched.length < index.size) {
    scratch.state = new Uint32Array(index.capacity * 4);
    scratch.touched = new Uint32Array(index.capacity);
    scratch.epoch = 0;
  }
  scratch.epoch++;
  if (scratch.epoch >= 1 << 29) {
    scratch.state.fill(0);
    scratch.epoch = 1;
  }
  return scratch;
}

/** Weight sums of the bits of a byte of the job-skill mask: tables[byte][value]. */
function byteTables(job: PreparedJob): Float64Array[] {
  const tables = Array.from({ length: 4 }, () => new Float64Array(256));
  job.skillWeights.forEach((weight, j) => {
    const table = tables[j >>> 3]!;
    const bitValue = 1 << (j & 7);
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
  const { slots } = selectTop(index, prepared, expansion, clampLimit(options.limit));
  const lang = options.lang ?? "nb";
  const results = slots.map((slot) => {
    const candidate = decodeCandidate(index, slot);
    return explainMatch(index, prepared, candidate, creditsFromJobSide(prepared, expansion, candidate), lang, candidate.id);
  });
  return results.sort(byScoreThenId).map(({ raw: _raw, ...result }) => result);
}

/** Rounding slack for the bounds: scores are sums of a few doubles, off by far less than this. */
const BOUND_SLACK = 1e-9;

/** The selection loop: the slots of the best `k` with their scores (explainMatch's, to the bit), and what it took. */
export function selectTop(index: CandidateIndex, job: PreparedJob, expansion: JobSide, k: number) {
  const { taxonomy, slots, pool, poolYears } = index;
  const { skillMasks, skillFlags, occupationMasks, occupationFlags } = expansion;
  const scratch = ensureScratch(index);
  const { state, touched } = scratch;
  const mark = scratch.epoch << 3;
  let touchedCount = 0;
  let considered = 0;
  let records = 0;
  let postingsWalked = 0;

  const w = job.weights;
  const [t0, t1, t2, t3] = byteTables(job) as [Float64Array, Float64Array, Float64Array, Float64Array];
  const sum = (m: number) => t0[m & 255]! + t1[(m >>> 8) & 255]! + t2[(m >>> 16) & 255]! + t3[m >>> 24]!;
  const wSkills = w[CRITERION.skills]!;
  const wOccupation = w[CRITERION.occupation]!;
  const wLanguages = w[CRITERION.languages]!;
  const wEducation = w[CRITERION.education]!;
  const wLocation = w[CRITERION.location]!;
  const wExtent = w[CRITERION.extent]!;
  const wLicences = w[CRITERION.licences]!;
  const wStart = w[CRITERION.start]!;
  const restMax = wLanguages + wEducation + wLocation + wExtent + wLicences + wStart + BOUND_SLACK;
  const totalWeight = job.skillDenominator / 4;
  const required = job.requiredLicences;
  const startDay = job.startDay ?? 2147483647;
  /** Most the occupation criterion can give by the occupation lists a slot is in: none, sub-major, minor, unit group, the job's own. */
  const occupationBounds = [0, OCCUPATION_LEVELS.subMajorGroup, OCCUPATION_LEVELS.minorGroup, OCCUPATION_LEVELS.unitGroup, OCCUPATION_LEVELS.same].map((level) => wOccupation * level);
  const top = new TopK(k, index.ids);

  /** Skills and occupation, exactly, from the candidate's record and the expansion tables. */
  const skillsAndOccupation = (at: number) => {
    const counts = pool[at]!;
    const nSkills = counts & 1023;
    const nOccupations = (counts >>> 10) & 255;
    let partial = 0;
    if (wSkills > 0) {
      let full = 0;
      let half = 0;
      let quarter = 0;
      for (let p = at + 1, end = at + 1 + nSkills; p < end; p++) {
        const skill = pool[p]!;
        if (skillFlags[skill] !== 1) continue;
        full |= skillMasks[skill * 3]!;
        half |= skillMasks[skill * 3 + 1]!;
        quarter |= skillMasks[skill * 3 + 2]!;
      }
      for (let p = at + 1 + nSkills, end = p + nOccupations; p < end; p++) {
        const entry = pool[p]!;
        const occupation = entry >>> 1;
        if ((entry & 1) === 0 || occupationFlags[occupation] !== 1) continue;
        half |= occupationMasks[occupation * 2]!;
        quarter |= occupationMasks[occupation * 2 + 1]!;
      }
      half &= ~full;
      quarter &= ~(full | half);
      partial = wSkills * skillScore(job, 4 * sum(full) + 2 * sum(half) + sum(quarter));
    }
    if (wOccupation > 0) {
      const from = at + 1 + nSkills;
      partial += wOccupation * occupationScore(taxonomy, job, pool, from, poolYears, from + nOccupations, nOccupations);
    }
    return partial;
  };

  /**
   * Scores the slot and offers it to the top k, unless a hard filter or a bound rules it out. `upper` is the
   * most skills and occupation can give it. Bounds tighten as more is read: the slot's words (education,
   * extent, licences, start exactly; location at most a wish unless it lives there), then the record.
   */
  const consider = (slot: number, upper: number) => {
    considered++;
    const s4 = slot << 2;
    const word = slots[s4]!;
    const held = (word >>> 3) & 0x7fff;
    const available = slots[s4 + 1]!;
    if ((word & 7) !== 3 || (held & required) !== required || available > startDay) return;
    const lives = slots[s4 + 3] === job.municipality;
    const education = ((word >>> 20) & 15) - 1;
    const extent = (word >>> 18) & 3;
    let known = wLanguages + BOUND_SLACK;
    if (wEducation > 0) known += wEducation * educationScore(job, education);
    if (wLocation > 0) known += wLocation * (lives ? LOCATION_SCORES.lives : LOCATION_SCORES.wishes);
    if (wExtent > 0) known += wExtent * extentScore(job, extent);
    if (wLicences > 0) known += wLicences * licenceScore(job, held);
    if (wStart > 0) known += wStart * startScore(job, available);
    if (top.full && upper + known < top.threshold) return;
    records++;
    const at = slots[s4 + 2]!;
    const partial = skillsAndOccupation(at);
    if (top.full && partial + known < top.threshold) return;
    // Exactly, in criterion order (as explainMatch adds them up).
    const counts = pool[at]!;
    const languagesFrom = at + 1 + (counts & 1023) + 2 * ((counts >>> 10) & 255);
    const nLanguages = (counts >>> 18) & 63;
    let score = partial;
    if (wLanguages > 0) score += wLanguages * languageScore(job, pool, languagesFrom, nLanguages);
    if (wEducation > 0) score += wEducation * educationScore(job, education);
    if (wLocation > 0) score += wLocation * locationScore(job, slots[s4 + 3]!, pool, languagesFrom + nLanguages, counts >>> 24);
    if (wExtent > 0) score += wExtent * extentScore(job, extent);
    if (wLicences > 0) score += wLicences * licenceScore(job, held);
    if (wStart > 0) score += wStart * startScore(job, available);
    top.offer(score, slot);
  };

  // Scratch per slot, 4 words: [epoch << 3 | occupation level seen (index of occupationBounds), held, half, quarter].
  const touch = (slot: number) => {
    const base = slot << 2;
    if (state[base]! >>> 3 !== scratch.epoch) {
      state[base] = mark;
      state[base + 1] = state[base + 2] = state[base + 3] = 0;
      touched[touchedCount++] = slot;
    }
    return base;
  };
  const touchOccupation = (occupation: number, level: number) => {
    const list = index.occupationPostings[occupation];
    const length = index.occupationPostingLength[occupation] ?? 0;
    for (let i = 0; i < length; i++) {
      const base = touch(list![i]! >>> 1);
      if ((state[base]! & 7) < level) state[base] = mark | level;
    }
  };
  /** Bound from held skills alone: every other job skill at most half credit, occupation at most a minor group unless seen. */
  const looseUpper = (base: number) => {
    const level = state[base]! & 7;
    return wSkills * skillScore(job, 2 * sum(state[base + 1]!) + 2 * totalWeight) + (level === 0 ? occupationBounds[2]! : occupationBounds[level]!);
  };

  // Phase A, strong evidence: the job's own occupation, its ISCO unit group, holding a job skill.
  if (job.occupation >= 0) touchOccupation(job.occupation, 4);
  if (job.isco >= 0) {
    for (const id of taxonomy.bySubMajor.get(Math.floor(job.isco / 100)) ?? []) if (id !== job.occupation && taxonomy.isco[id] === job.isco) touchOccupation(id, 3);
  }
  const seeds = touchedCount;
  job.skills.forEach((skill, j) => {
    const bit = 1 << j;
    const list = index.skillPostings[skill];
    const length = index.skillPostingLength[skill] ?? 0;
    for (let i = 0; i < length; i++) state[touch(list![i]!) + 1]! |= bit;
  });
  const strong = touchedCount;
  // Phase B: the same occupation and unit group first, the likeliest top, so that the threshold rises early.
  for (let i = 0; i < seeds; i++) {
    const slot = touched[i]!;
    const upper = looseUpper(slot << 2);
    if (top.full && upper + restMax < top.threshold) continue;
    consider(slot, upper);
  }

  // Phase C. Weak evidence — related skills, skills implied by experience, the ISCO minor or sub-major group —
  // gives at most half credit on every skill and 0.5 on occupation. If that cannot reach the top, bound the
  // others by their held skills alone. Else gather the partial credits term by term for everyone first, so
  // each candidate is bounded by (nearly) its real skill score before anything of theirs is read. Each list
  // can add at most so much (its contribution): walk them from the biggest; the smallest together (`low`) are
  // not walked when, with everything else at most, they cannot reach the top alone. Whoever is only in them is
  // out; whoever is in a walked list is bounded with `low` added.
  const weakUpper = wSkills * skillScore(job, 2 * totalWeight) + occupationBounds[2]!;
  if (top.full && weakUpper + restMax < top.threshold) {
    for (let i = seeds; i < strong; i++) {
      const slot = touched[i]!;
      const upper = looseUpper(slot << 2);
      if (upper + restMax < top.threshold) continue;
      consider(slot, upper);
    }
  } else {
    // kind 0: skill postings (slots); 1: occupation postings, experience implies skills; 2: occupation postings, occupation level.
    type WeakList = { contribution: number; list: Uint32Array | undefined; length: number; half: number; quarter: number; kind: number; level: number };
    const lists: WeakList[] = [];
    for (const skill of expansion.skills) {
      const half = skillMasks[skill * 3 + 1]!;
      const quarter = skillMasks[skill * 3 + 2]! & ~half;
      if ((half | quarter) === 0) continue; // a job skill only: phase A saw who holds it
      const contribution = wSkills * skillScore(job, 2 * sum(half) + sum(quarter));
      lists.push({ contribution, list: index.skillPostings[skill], length: index.skillPostingLength[skill] ?? 0, half, quarter, kind: 0, level: 0 });
    }
    for (const occupation of expansion.occupations) {
      const half = occupationMasks[occupation * 2]!;
      const quarter = occupationMasks[occupation * 2 + 1]! & ~half;
      const contribution = wSkills * skillScore(job, 2 * sum(half) + sum(quarter));
      lists.push({ contribution, list: index.occupationPostings[occupation], length: index.occupationPostingLength[occupation] ?? 0, half, quarter, kind: 1, level: 0 });
    }
    if (job.isco >= 0) {
      for (const id of taxonomy.bySubMajor.get(Math.floor(job.isco / 100)) ?? []) {
        if (id === job.occupation || taxonomy.isco[id] === job.isco) continue;
        const level = Math.floor(taxonomy.isco[id]! / 10) === Math.floor(job.isco / 10) ? 2 : 1;
        lists.push({ contribution: occupationBounds[level]!, list: index.occupationPostings[id], length: index.occupationPostingLength[id] ?? 0, half: 0, quarter: 0, kind: 2, level });
      }
    }
    lists.sort((a, b) => b.contribution - a.contribution);
    let low = 0;
    let walked = lists.length;
    if (top.full) {
      // Cut only half the margin: `low` loosens every bound, so cutting all of it would prune nothing.
      const budget = (top.threshold - restMax) / 2;
      while (walked > 0 && low + lists[walked - 1]!.contribution < budget) low += lists[--walked]!.contribution;
    }
    for (let l = 0; l < walked; l++) {
      const { list, length, half, quarter, kind, level } = lists[l]!;
      if (!list) continue;
      postingsWalked += length;
      for (let i = 0; i < length; i++) {
        const entry = list[i]!;
        if (kind === 1 && (entry & 1) === 0) continue; // a wish implies no skills
        const slot = kind === 0 ? entry : entry >>> 1;
        const base = slot << 2;
        if (state[base]! >>> 3 !== scratch.epoch) {
          state[base] = mark | level;
          state[base + 1] = 0;
          state[base + 2] = half;
          state[base + 3] = quarter;
          touched[touchedCount++] = slot;
        } else if (kind === 2) {
          if ((state[base]! & 7) < level) state[base] = mark | level;
        } else {
          state[base + 2]! |= half;
          state[base + 3]! |= quarter;
        }
      }
    }
    // Score what was touched: from the list, or when it is dense, by a sequential pass over the scratch
    // (cheaper than jumping about). Seeds (same occupation or unit group, level 3–4) were scored above.
    const dense = touchedCount - seeds > index.size / 8;
    for (let i = dense ? 0 : seeds, end = dense ? index.size : touchedCount; i < end; i++) {
      const slot = dense ? i : touched[i]!;
      const base = slot << 2;
      const head = state[base]!;
      if (dense && (head >>> 3 !== scratch.epoch || (head & 7) >= 3)) continue;
      const full = state[base + 1]!;
      const half = state[base + 2]! & ~full;
      const quarter = state[base + 3]! & ~(full | half);
      const upper = wSkills * skillScore(job, 4 * sum(full) + 2 * sum(half) + sum(quarter)) + occupationBounds[head & 7]! + low;
      if (top.full && upper + restMax < top.threshold) continue;
      consider(slot, upper);
    }
  }

  // Not touched: nothing on skills or occupation. Only worth a look while they could still make the top.
  if (!top.full || restMax >= top.threshold) {
    for (let slot = 0; slot < index.size; slot++) if (state[slot << 2]! >>> 3 !== scratch.epoch) consider(slot, 0);
  }
  const order = Array.from({ length: top.size }, (_, i) => i).sort((a, b) => top.scores[b]! - top.scores[a]! || (index.ids[top.slots[a]!]! < index.ids[top.slots[b]!]! ? -1 : 1));
  return { slots: order.map((i) => top.slots[i]!), scores: order.map((i) => top.scores[i]!), touched: touchedCount, strong, considered, records, postingsWalked };
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
