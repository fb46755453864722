import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { recordChange } from "../platform/audit.ts";
import { osloDate } from "../platform/dates.ts";
import { candidates } from "../candidates/tables.ts";
import { candidateConsents } from "../jobs/tables.ts";
import { taxonomyConcepts } from "../taxonomy/tables.ts";
import { seededRandom } from "../candidates/demo.ts";
import { addDays, addMonths } from "../placements/service.ts";
import { currentConsentVersion } from "../consents/texts.ts";
import { mentorDeclarations, mentoringMeetings, mentors, mentorships } from "./tables.ts";
import type { MenteeField } from "../../shared/mentoring.ts";
import { currentDeclarationVersion } from "./texts.ts";

/*
 * The demo's mentoring: 20 fictional mentors from several organisations (two Rotary clubs, a volunteer centre,
 * the Red Cross, a business council), the first of them the demo's mentor login, and relationships in every state
 * with meetings. A re-run replaces them (the mentors of the demo network and everything that hangs on them).
 * Runs after the demo candidates — see demo/service.ts.
 */

export const demoMentorCount = 20;

const organisations = ["Bærum Rotary", "Asker Rotary", "Sandvika Rotary", "Frivilligsentralen i Bærum", "Røde Kors Bærum", "Bærum Næringsråd"];
const firstNames = ["Marit", "Anders", "Ingrid", "Per", "Solveig", "Jon", "Kari", "Bjørn", "Liv", "Hans", "Astrid", "Tor", "Randi", "Geir", "Sigrid", "Knut", "Hilde", "Arne", "Turid", "Lars"];
const lastNames = ["Mentor", "Berg", "Hansen", "Johansen", "Lie", "Dahl", "Bakke", "Strand", "Moen", "Haugen", "Nilsen", "Eide", "Lund", "Solberg", "Aas", "Holm", "Vik", "Sæther", "Ruud", "Myhre"];
const municipalities = ["Bærum", "Bærum", "Bærum", "Asker", "Oslo"];
const industries = ["C", "F", "G", "H", "I", "J", "K", "M", "N", "P", "Q"] as const;
const extraLanguages = ["en", "en", "de", "fr", "es", "ar", "pl", "sv"];
const topics = [
  "Gikk gjennom CV-en og la til frivillig arbeid",
  "Øvde på jobbintervju",
  "Snakket om arbeidskultur på norske arbeidsplasser",
  "Besøkte en bedrift i bransjen sammen",
  "Laget en plan for jobbsøking de neste ukene",
  "Øvde på å presentere seg selv på norsk",
  "Gikk gjennom stillingsannonser og valgte tre å søke på",
];
const nextSteps = ["Søke to stillinger", "Oppdatere LinkedIn-profilen", "Ringe en arbeidsgiver", "Møtes igjen om to uker", ""];
const goalTexts = ["Bli kjent med bransjen og få et nettverk", "Søke jobber og øve på intervju", "Få praksisplass innen faget", "Bedre norsk i arbeidslivet og søke fast jobb"];
const sharedFieldSets: MenteeField[][] = [
  ["firstName", "languages", "jobWishes"],
  ["firstName", "lastName", "languages", "jobWishes", "education", "contact"],
  ["firstName", "jobWishes", "experience"],
];

/** Removes the demo network's mentors, and with them their declarations, relationships and meetings. */
export async function removeDemoMentoring(tx: Db, tenantId: string) {
  await tx.delete(mentors).where(eq(mentors.tenantId, tenantId));
}

export async function seedDemoMentoring(tx: Db, tenantId: string, options: { seed: string; mentorUserId: string | null; mentorEmail: string; coordinatorUserIds: string[] }) {
  const random = seededRandom(`${options.seed}:mentoring`);
  const today = osloDate();
  const occupations = (await tx.select({ uri: taxonomyConcepts.uri }).from(taxonomyConcepts).where(eq(taxonomyConcepts.type, "occupation")).orderBy(asc(taxonomyConcepts.uri)).limit(200)).map((o) => o.uri);
  const mentorRows = await tx
    .insert(mentors)
    .values(
      Array.from({ length: demoMentorCount }, (_, i) => {
        const first = firstNames[i % firstNames.length]!;
        const last = lastNames[i % lastNames.length]!;
        return {
          tenantId,
          userId: i === 0 ? options.mentorUserId : null,
          name: `${first} ${last}`,
          email: i === 0 ? options.mentorEmail : `${first}.${last}.${i}@mentor.demo.mangfold.example`.toLowerCase().replace(/[æøå]/g, (c) => ({ æ: "ae", ø: "o", å: "a" })[c]!),
          phone: `+47 9${String(10_000_000 + i * 7919).slice(1, 8)}`,
          organisation: organisations[i % organisations.length]!,
          industry: random.pick(industries),
          occupationUri: occupations.length ? random.pick(occupations) : null,
          languages: ["no", ...new Set([random.pick(extraLanguages), ...(random.chance(0.3) ? [random.pick(extraLanguages)] : [])])],
          municipality: random.pick(municipalities),
          capacity: random.int(1, 3),
          availability: random.pick(["Tirsdager etter kl. 16", "Helst formiddag", "Annenhver uke", "Fleksibel, også digitalt"]),
        };
      }),
    )
    .returning();
  // All but two have signed: the coordinator sees who still has to.
  const signed = mentorRows.filter((_, i) => i < demoMentorCount - 2);
  await tx.insert(mentorDeclarations).values(signed.map((m) => ({ tenantId, mentorId: m.id, version: currentDeclarationVersion, signedAt: new Date(Date.now() - random.int(30, 400) * 86_400_000), signedByUserId: m.userId })));

  const pool = await tx
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(eq(candidates.tenantId, tenantId), eq(candidates.status, "active"), isNull(candidates.processingRestrictedAt)))
    .orderBy(asc(candidates.id))
    .limit(60);
  // States for the signed mentors' relationships: the demo mentor gets one of each that a mentor sees.
  type Plan = { mentor: (typeof mentorRows)[number]; status: "proposed" | "active" | "ended" | "declined"; startDaysAgo: number; menteeAccepted: boolean };
  const plans: Plan[] = [
    { mentor: mentorRows[0]!, status: "proposed", startDaysAgo: 0, menteeAccepted: true },
    { mentor: mentorRows[0]!, status: "active", startDaysAgo: 40, menteeAccepted: true },
    { mentor: mentorRows[0]!, status: "ended", startDaysAgo: 220, menteeAccepted: true },
  ];
  for (const mentor of signed.slice(1)) {
    const roll = random.next();
    const status = roll < 0.45 ? "active" : roll < 0.75 ? "ended" : roll < 0.9 ? "proposed" : "declined";
    plans.push({ mentor, status, startDaysAgo: status === "ended" ? random.int(190, 700) : random.int(10, 170), menteeAccepted: status !== "proposed" || random.chance(0.5) });
  }
  let created = 0;
  for (const [index, plan] of plans.entries()) {
    const candidate = pool[index];
    if (!candidate) break;
    const accepted = plan.status === "active" || plan.status === "ended";
    const startDate = accepted ? addDays(today, -plan.startDaysAgo) : null;
    const proposedAt = new Date(`${addDays(startDate ?? today, -random.int(2, 14))}T10:00:00Z`);
    const [consent] = plan.menteeAccepted && plan.status !== "declined"
      ? await tx.insert(candidateConsents).values({ tenantId, candidateId: candidate.id, purpose: "mentoring", textVersion: currentConsentVersion.mentoring, method: "in_person", givenAt: proposedAt, recordedByUserId: options.coordinatorUserIds[0] ?? null }).returning()
      : [];
    const plannedEndDate = startDate ? addMonths(startDate, 6) : null;
    const endedOn = plan.status === "ended" ? addDays(startDate!, random.int(150, 185)) : plan.status === "declined" ? osloDate(proposedAt) : null;
    const [row] = await tx
      .insert(mentorships)
      .values({
        tenantId,
        mentorId: plan.mentor.id,
        candidateId: candidate.id,
        status: plan.status,
        goals: random.pick(goalTexts),
        sharedFields: random.pick(sharedFieldSets),
        proposedAt,
        proposedByUserId: random.pick(options.coordinatorUserIds.length ? options.coordinatorUserIds : [null]),
        mentorAcceptedAt: accepted ? proposedAt : null,
        menteeAcceptedAt: consent ? proposedAt : null,
        consentId: consent?.id ?? null,
        startDate,
        plannedEndDate,
        endedOn,
        endReason: plan.status === "ended" ? (random.chance(0.8) ? "completed" : "early") : plan.status === "declined" ? "declined" : null,
        mentorRating: plan.status === "ended" ? random.int(3, 5) : null,
        mentorFeedback: plan.status === "ended" ? "Givende samarbeid; mentee har fått mye mer selvtillit." : null,
        mentorFeedbackAt: plan.status === "ended" ? new Date(`${endedOn}T12:00:00Z`) : null,
        menteeRating: plan.status === "ended" && random.chance(0.8) ? random.int(3, 5) : null,
        menteeFeedback: plan.status === "ended" ? "Fikk hjelp med CV og kontakter i bransjen." : null,
        menteeFeedbackAt: plan.status === "ended" ? new Date(`${endedOn}T12:00:00Z`) : null,
      })
      .returning();
    if (startDate) {
      const last = endedOn ?? today;
      const meetings: { tenantId: string; mentorshipId: string; metOn: string; topics: string; nextStep: string; loggedByUserId: string | null }[] = [];
      // Every two to three weeks; some active relationships have gone quiet (the 4-week reminder has something to find).
      const quiet = plan.status === "active" && random.chance(0.3);
      for (let day = random.int(3, 10); addDays(startDate, day) <= last && (!quiet || addDays(startDate, day) <= addDays(today, -35)); day += random.int(14, 24)) {
        meetings.push({ tenantId, mentorshipId: row!.id, metOn: addDays(startDate, day), topics: random.pick(topics), nextStep: random.pick(nextSteps), loggedByUserId: plan.mentor.userId });
      }
      if (meetings.length) await tx.insert(mentoringMeetings).values(meetings);
    }
    created++;
  }
  await recordChange(tx, { kind: "system", tenantId }, { action: "demo.mentoring", entityType: "network", entityId: tenantId, after: { mentors: mentorRows.length, relationships: created } });
  return { mentors: mentorRows.length, relationships: created };
}
