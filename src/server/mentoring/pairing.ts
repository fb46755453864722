import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { candidates } from "../candidates/tables.ts";
import { employers } from "../employers/tables.ts";
import { jobs } from "../jobs/tables.ts";
import { taxonomyConcepts } from "../taxonomy/tables.ts";
import { labelsFor } from "../taxonomy/lookup.ts";
import { OCCUPATION_LEVELS } from "../matching/score.ts";
import { languageName } from "../matching/texts.ts";
import { naceSectionNames, naceSectionOf } from "../../shared/nace.ts";
import type { NaceSection } from "../../shared/nace.ts";
import { mentors, mentorships } from "./tables.ts";
import { currentSignatures, loadMentor, mentorLoads } from "./service.ts";
import type { MentorRow } from "./service.ts";
import type { PairSuggestion } from "../../shared/mentoring.ts";

/*
 * Suggestions of mentor–mentee pairs, best first, each with its reasons in words. Closeness of occupation uses
 * the ISCO-08 hierarchy as the matching engine does (same occupation, unit group, minor group, sub-major group:
 * OCCUPATION_LEVELS), read from the taxonomy's codes rather than the engine's index, which ranks candidates for
 * jobs. Industry: the mentor's NACE section is one the network's employers hire the candidate's occupations in.
 * Then shared languages and the same municipality. Protected attributes are never read. Mentors at capacity,
 * inactive or without a signed declaration are left out, and so are candidates who already have a mentor.
 */

export const PAIR_WEIGHTS = { occupation: 0.4, industry: 0.2, languages: 0.25, place: 0.15 } as const;
type Lang = "nb" | "en";

export type MentorFacts = Pick<MentorRow, "occupationUri" | "industry" | "languages" | "municipality">;
export type CandidateFacts = { occupationUris: readonly string[]; languageCodes: readonly string[]; municipality: string; wishedMunicipalities: readonly string[] };
/** What the scoring needs from the taxonomy and the network: ISCO codes, labels, and industries per occupation. */
export type PairContext = { isco: Map<string, string>; labels: Map<string, string>; industriesByOccupation: Map<string, Set<NaceSection>>; lang: Lang };

const norwegian = new Set(["no", "nb", "nn"]);
const sameText = (a: string, b: string) => a.trim().toLocaleLowerCase("nb") === b.trim().toLocaleLowerCase("nb") && a.trim() !== "";

/** The closest level of the mentor's occupation to any of the candidate's, by the ISCO-08 hierarchy. */
function occupationCloseness(mentorUri: string | null, candidateUris: readonly string[], isco: Map<string, string>): { level: keyof typeof OCCUPATION_LEVELS; uri: string } | null {
  if (!mentorUri) return null;
  const order: (keyof typeof OCCUPATION_LEVELS)[] = ["same", "unitGroup", "minorGroup", "subMajorGroup"];
  const mine = isco.get(mentorUri);
  let best: { level: keyof typeof OCCUPATION_LEVELS; uri: string } | null = null;
  for (const uri of candidateUris) {
    let level: keyof typeof OCCUPATION_LEVELS | null = null;
    if (uri === mentorUri) level = "same";
    else {
      const theirs = isco.get(uri);
      if (mine && theirs && mine.length === 4 && theirs.length === 4) {
        if (mine === theirs) level = "unitGroup";
        else if (mine.slice(0, 3) === theirs.slice(0, 3)) level = "minorGroup";
        else if (mine.slice(0, 2) === theirs.slice(0, 2)) level = "subMajorGroup";
      }
    }
    if (level && (!best || order.indexOf(level) < order.indexOf(best.level))) best = { level, uri };
  }
  return best;
}

const occupationTexts: Record<keyof typeof OCCUPATION_LEVELS, Record<Lang, (mentor: string, candidate: string) => string>> = {
  same: { nb: (m) => `Samme yrke: ${m}`, en: (m) => `Same occupation: ${m}` },
  unitGroup: { nb: (m, c) => `Nært yrke: mentor er ${m}, mentee har ${c} (samme yrkesgruppe)`, en: (m, c) => `Close occupation: mentor is ${m}, mentee has ${c} (same unit group)` },
  minorGroup: { nb: (m, c) => `Beslektet yrke: mentor er ${m}, mentee har ${c}`, en: (m, c) => `Related occupation: mentor is ${m}, mentee has ${c}` },
  subMajorGroup: { nb: (m, c) => `Samme yrkesfelt: mentor er ${m}, mentee har ${c}`, en: (m, c) => `Same occupational field: mentor is ${m}, mentee has ${c}` },
};

/** Score and reasons of one pair; a pure function of the facts (tested on its own). */
export function scorePair(mentor: MentorFacts, candidate: CandidateFacts, context: PairContext): { score: number; reasons: PairSuggestion["reasons"] } {
  const { lang } = context;
  const reasons: PairSuggestion["reasons"] = [];
  const closeness = occupationCloseness(mentor.occupationUri, candidate.occupationUris, context.isco);
  if (closeness) {
    const label = (uri: string) => context.labels.get(uri) ?? uri;
    reasons.push({ criterion: "occupation", weight: PAIR_WEIGHTS.occupation, score: OCCUPATION_LEVELS[closeness.level], detail: occupationTexts[closeness.level][lang](label(mentor.occupationUri!), label(closeness.uri)) });
  }
  if (mentor.industry) {
    const section = mentor.industry as NaceSection;
    const hit = candidate.occupationUris.find((uri) => context.industriesByOccupation.get(uri)?.has(section));
    if (hit) {
      const name = naceSectionNames[section]?.[lang] ?? section;
      reasons.push({
        criterion: "industry",
        weight: PAIR_WEIGHTS.industry,
        score: 1,
        detail: lang === "nb" ? `Bransje: mentor kjenner ${name.toLocaleLowerCase("nb")}, der nettverkets arbeidsgivere ansetter ${context.labels.get(hit) ?? hit}` : `Industry: mentor knows ${name.toLocaleLowerCase("en")}, where the network's employers hire ${context.labels.get(hit) ?? hit}`,
      });
    }
  }
  const mentorLanguages = new Set(mentor.languages.map((code) => (norwegian.has(code) ? "no" : code)));
  const shared = [...new Set(candidate.languageCodes.map((code) => (norwegian.has(code) ? "no" : code)))].filter((code) => mentorLanguages.has(code));
  if (shared.length > 0) {
    const other = shared.filter((code) => code !== "no");
    const names = shared.map((code) => languageName(code, lang)).join(", ");
    reasons.push({ criterion: "languages", weight: PAIR_WEIGHTS.languages, score: other.length > 0 ? 1 : 0.5, detail: lang === "nb" ? `Felles språk: ${names}` : `Shared languages: ${names}` });
  }
  if (sameText(mentor.municipality, candidate.municipality)) {
    reasons.push({ criterion: "place", weight: PAIR_WEIGHTS.place, score: 1, detail: lang === "nb" ? `Bor i samme kommune: ${mentor.municipality}` : `Same municipality: ${mentor.municipality}` });
  } else if (candidate.wishedMunicipalities.some((m) => sameText(m, mentor.municipality))) {
    reasons.push({ criterion: "place", weight: PAIR_WEIGHTS.place, score: 0.5, detail: lang === "nb" ? `Mentee vil jobbe i ${mentor.municipality}, der mentor bor` : `The mentee wants to work in ${mentor.municipality}, where the mentor lives` });
  }
  const score = reasons.reduce((sum, r) => sum + r.weight * r.score, 0);
  return { score: Math.round(score * 1000) / 1000, reasons };
}

async function pairContext(db: Db, tenantId: string, occupationUris: readonly string[], lang: Lang): Promise<PairContext> {
  const uris = [...new Set(occupationUris)];
  const codes = uris.length ? await db.select({ uri: taxonomyConcepts.uri, code: taxonomyConcepts.code }).from(taxonomyConcepts).where(and(inArray(taxonomyConcepts.uri, uris), isNotNull(taxonomyConcepts.code))) : [];
  const hiring = uris.length
    ? await db
        .selectDistinct({ uri: jobs.occupationUri, nace: employers.naceCode })
        .from(jobs)
        .innerJoin(employers, eq(employers.id, jobs.employerId))
        .where(and(eq(jobs.tenantId, tenantId), inArray(jobs.occupationUri, uris), isNotNull(employers.naceCode)))
    : [];
  const industriesByOccupation = new Map<string, Set<NaceSection>>();
  for (const row of hiring) {
    const section = row.nace ? naceSectionOf(row.nace) : null;
    if (!section) continue;
    industriesByOccupation.set(row.uri, (industriesByOccupation.get(row.uri) ?? new Set()).add(section));
  }
  return { isco: new Map(codes.map((c) => [c.uri, c.code!])), labels: await labelsFor(db, uris, lang), industriesByOccupation, lang };
}

type CandidateRow = { id: string; firstName: string; lastName: string; occupationUris: string[]; languages: { code: string }[]; municipality: string; jobWishes: { municipalities: string[] } };
const factsOf = (c: CandidateRow): CandidateFacts => ({ occupationUris: c.occupationUris, languageCodes: c.languages.map((l) => l.code), municipality: c.municipality, wishedMunicipalities: c.jobWishes.municipalities ?? [] });
const candidateColumns = { id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName, occupationUris: candidates.occupationUris, languages: candidates.languages, municipality: candidates.municipality, jobWishes: candidates.jobWishes };

/** Candidates with a proposed or active mentor are not suggested again. */
const withoutOpenMentorship = (tenantId: string) =>
  sql`not exists (select 1 from ${mentorships} where ${mentorships.tenantId} = ${tenantId} and ${mentorships.candidateId} = ${candidates.id} and ${mentorships.status} in ('proposed', 'active'))`;

function rank(items: PairSuggestion[], limit: number) {
  return items
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.mentor.name.localeCompare(b.mentor.name, "nb") || a.candidate.name.localeCompare(b.candidate.name, "nb"))
    .slice(0, limit);
}

/** Mentors for a candidate, best first. */
export async function suggestMentorsFor(db: Db, actor: Actor, candidateId: string, options: { limit: number; lang: Lang }): Promise<PairSuggestion[]> {
  const [candidate] = await db
    .select({ ...candidateColumns, processingRestrictedAt: candidates.processingRestrictedAt })
    .from(candidates)
    .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.id, candidateId)))
    .limit(1);
  if (!candidate) throw notFound("The candidate");
  if (candidate.processingRestrictedAt) throw new AppError("rule_broken", "The candidate's data may not be processed.");
  const pool = await db.select().from(mentors).where(and(eq(mentors.tenantId, actor.tenantId), eq(mentors.active, true)));
  const available = await availableMentors(db, actor.tenantId, pool);
  const context = await pairContext(db, actor.tenantId, [...candidate.occupationUris, ...available.map((m) => m.mentor.occupationUri).filter((u): u is string => !!u)], options.lang);
  const facts = factsOf(candidate as CandidateRow);
  return rank(
    available.map(({ mentor, load }) => ({
      mentor: { id: mentor.id, name: mentor.name, organisation: mentor.organisation, load, capacity: mentor.capacity },
      candidate: { id: candidate.id, name: `${candidate.firstName} ${candidate.lastName}` },
      ...scorePair(mentor, facts, context),
    })),
    options.limit,
  );
}

/** Active mentors with a free place and the current declaration signed, with their load. */
async function availableMentors(db: Db, tenantId: string, pool: MentorRow[]) {
  const ids = pool.map((m) => m.id);
  const [loads, signed] = await Promise.all([mentorLoads(db, tenantId, ids), currentSignatures(db, tenantId, ids)]);
  return pool.map((mentor) => ({ mentor, load: loads.get(mentor.id) ?? 0 })).filter(({ mentor, load }) => mentor.active && signed.has(mentor.id) && load < mentor.capacity);
}

/** Mentees for a mentor, best first: active candidates of the network without a mentor. */
export async function suggestMenteesFor(db: Db, actor: Actor, mentorId: string, options: { limit: number; lang: Lang }): Promise<PairSuggestion[]> {
  const mentor = await loadMentor(db, actor.tenantId, mentorId);
  const [entry] = await availableMentors(db, actor.tenantId, [mentor]);
  if (!entry) throw new AppError("rule_broken", "The mentor cannot take a mentee now: inactive, at capacity or without a signed declaration.");
  const pool = (await db
    .select(candidateColumns)
    .from(candidates)
    .where(and(eq(candidates.tenantId, actor.tenantId), eq(candidates.status, "active"), isNull(candidates.processingRestrictedAt), isNull(candidates.erasureRequestedAt), withoutOpenMentorship(actor.tenantId)))
    .limit(5000)) as CandidateRow[];
  const context = await pairContext(db, actor.tenantId, [...(mentor.occupationUri ? [mentor.occupationUri] : []), ...pool.flatMap((c) => c.occupationUris)], options.lang);
  return rank(
    pool.map((c) => ({
      mentor: { id: mentor.id, name: mentor.name, organisation: mentor.organisation, load: entry.load, capacity: mentor.capacity },
      candidate: { id: c.id, name: `${c.firstName} ${c.lastName}` },
      ...scorePair(mentor, factsOf(c), context),
    })),
    options.limit,
  );
}
