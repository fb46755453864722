import { and, asc, eq, gte, isNull } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { recordChange } from "../platform/audit.ts";
import { candidates } from "../candidates/tables.ts";
import { taxonomyOccupationSkills } from "../taxonomy/tables.ts";
import { educationRank } from "../candidates/derive.ts";
import { traineeInterviews, traineeNeeds, traineeScoreSheets, traineeShortlistEntries } from "./tables.ts";
import { ensureCriteria } from "./shortlist.ts";
import type { NeedInput, ShortlistStatus } from "../../shared/trainee-recruitment.ts";

/*
 * The demo's trainee recruitment (issue 7): three needs from the seed's areas — IT, property and technical services —
 * with shortlists of demo candidates with higher education, interviews, a few score sheets and decisions. Runs after
 * the demo candidates; a re-run replaces the demo needs (marked by their description) and nothing else.
 */

export const demoNeedDescription = "Demo-behov med oppdiktede data.";

type DemoEntry = { status: ShortlistStatus; scores?: number[][]; reason?: string };
type DemoNeed = Omit<NeedInput, "description" | "essentialSkillUris" | "optionalSkillUris"> & { entries: DemoEntry[] };

const occupation = (id: string) => `http://data.europa.eu/esco/occupation/${id}`;

/** Days from today, as a Date at 09:00 UTC (10:00 in Norway in winter). */
const daysFrom = (days: number) => {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + days);
  at.setUTCHours(9, 0, 0, 0);
  return at;
};

function demoNeeds(year: number): DemoNeed[] {
  return [
    {
      unitName: "Digitalisering, IT-drift",
      area: "it",
      title: "Trainee IKT-systemadministrasjon",
      occupationUri: occupation("9e2e6e1e-363b-4e1b-a673-7bc0f7343300"),
      educationLevel: "bachelor",
      educationField: "Informatikk",
      languages: [{ code: "no", subSkills: [], level: "B1" }],
      positions: 2,
      startDate: `${year + 1}-01-04`,
      offeredPosition: "Systemadministrator",
      status: "open",
      entries: [
        { status: "interviewed", scores: [[4, 5, 3, 4, 4], [4, 4, 3, 5, 4]] },
        { status: "interview_scheduled" },
        { status: "shortlisted" },
      ],
    },
    {
      unitName: "Eiendom, forvaltning og drift",
      area: "property",
      title: "Trainee eiendomsforvaltning",
      occupationUri: occupation("b42c5ed4-c6e4-4694-934f-96127719cc43"),
      educationLevel: "bachelor",
      educationField: "Økonomi eller bygg",
      languages: [{ code: "no", subSkills: [], level: "B2" }],
      positions: 1,
      startDate: `${year + 1}-01-04`,
      offeredPosition: "Eiendomsforvalter",
      status: "open",
      entries: [
        { status: "accepted", scores: [[5, 4, 4, 4, 5], [4, 5, 4, 4, 4]], reason: "Sterk faglig bakgrunn fra eiendomsforvaltning, god motivasjon og godt norsk." },
        { status: "rejected", scores: [[3, 3, 2, 3, 3]], reason: "Norskferdighetene er ennå for svake for stillingens kontakt med leietakere; anbefales neste opptak." },
      ],
    },
    {
      unitName: "Teknisk, vann og avløp",
      area: "technical",
      title: "Trainee byggingeniør",
      occupationUri: occupation("d7d986e1-7333-431b-9719-0c5c6939e360"),
      educationLevel: "bachelor",
      educationField: "Bygg",
      languages: [{ code: "no", subSkills: ["listening", "speaking"], level: "B1" }],
      positions: 2,
      startDate: `${year + 1}-02-01`,
      offeredPosition: "Prosjektingeniør",
      status: "open",
      entries: [{ status: "shortlisted" }, { status: "shortlisted" }],
    },
  ];
}

export async function removeDemoTraineeRecruitment(tx: Db, tenantId: string) {
  await tx.delete(traineeNeeds).where(and(eq(traineeNeeds.tenantId, tenantId), eq(traineeNeeds.description, demoNeedDescription)));
}

/** The demo's needs with shortlists; the panel is the demo's HR user with an advisor (and the coordinator where there is one). */
export async function seedDemoTraineeRecruitment(tx: Db, tenantId: string, staff: { hrUserId: string; advisorUserId: string; adminUserId: string }) {
  await removeDemoTraineeRecruitment(tx, tenantId);
  const criteria = await ensureCriteria(tx, tenantId);
  // Candidates with higher education whose processing is not restricted, in a stable order (the same seed, the same people).
  const graduates = await tx
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(eq(candidates.tenantId, tenantId), gte(candidates.educationRank, educationRank("bachelor")), isNull(candidates.processingRestrictedAt), isNull(candidates.erasureRequestedAt), eq(candidates.status, "active")))
    .orderBy(asc(candidates.sortName), asc(candidates.id))
    .limit(20);
  let next = 0;
  const panel = [staff.hrUserId, staff.advisorUserId];
  const system = { kind: "system" as const, tenantId };
  for (const demo of demoNeeds(new Date().getFullYear())) {
    const { entries, ...input } = demo;
    // The occupation's skills in the taxonomy, as the need form would suggest them.
    const skills = await tx
      .select({ uri: taxonomyOccupationSkills.skillUri, relation: taxonomyOccupationSkills.relation })
      .from(taxonomyOccupationSkills)
      .where(eq(taxonomyOccupationSkills.occupationUri, input.occupationUri))
      .orderBy(asc(taxonomyOccupationSkills.skillUri));
    const ofKind = (relation: string, n: number) => skills.filter((r) => r.relation === relation).slice(0, n).map((r) => r.uri);
    const [need] = await tx
      .insert(traineeNeeds)
      .values({ tenantId, ...input, essentialSkillUris: ofKind("essential", 5), optionalSkillUris: ofKind("optional", 3), description: demoNeedDescription, createdByUserId: staff.hrUserId })
      .returning({ id: traineeNeeds.id });
    for (const [i, entry] of entries.entries()) {
      const candidate = graduates[next++];
      if (!candidate) break;
      const decided = entry.status === "accepted" || entry.status === "rejected";
      const [row] = await tx
        .insert(traineeShortlistEntries)
        .values({
          tenantId,
          needId: need!.id,
          candidateId: candidate.id,
          status: entry.status,
          matchScore: Math.round((0.8 - i * 0.07) * 100) / 100,
          addedByUserId: i % 2 === 0 ? staff.hrUserId : staff.advisorUserId,
          ...(decided ? { decisionReason: entry.reason ?? "", decidedAt: daysFrom(-2), decidedByUserId: staff.hrUserId } : {}),
        })
        .returning({ id: traineeShortlistEntries.id });
      if (entry.status === "shortlisted") continue;
      const past = entry.status !== "interview_scheduled";
      await tx.insert(traineeInterviews).values({
        tenantId,
        entryId: row!.id,
        startsAt: daysFrom(past ? -7 + i : 5 + i),
        place: "Rådhuset i Sandvika, møterom 3",
        videoLink: i % 2 === 1 ? "https://meet.example.no/traineeintervju" : null,
        interviewerUserIds: entry.scores && entry.scores.length > 2 ? [...panel, staff.adminUserId] : panel,
        createdByUserId: staff.hrUserId,
      });
      for (const [s, values] of (entry.scores ?? []).entries()) {
        await tx.insert(traineeScoreSheets).values({
          tenantId,
          entryId: row!.id,
          interviewerUserId: panel[s]!,
          scores: criteria.map((c, k) => ({ criterion: c.key, score: values[k % values.length]!, comment: "" })),
          comment: s === 0 ? "Godt forberedt, konkrete eksempler fra tidligere arbeid." : "",
          submittedAt: daysFrom(-6 + i),
        });
      }
    }
    await recordChange(tx, system, { action: "trainee_need.create", entityType: "trainee_need", entityId: need!.id, after: { title: input.title, demo: true } });
  }
}
