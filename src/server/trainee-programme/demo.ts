import { and, asc, eq, gte, like } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { osloDate } from "../platform/dates.ts";
import { candidates } from "../candidates/tables.ts";
import { demoCandidateDomain, seededRandom } from "../candidates/demo.ts";
import { placementFollowUps, placements } from "../placements/tables.ts";
import { addDays, addMonths, followUpsFor } from "../placements/service.ts";
import { defaultTemplate } from "../../shared/trainee-programme.ts";
import { defaultEndDate, defaultSubsidyPeriods, generatePlan } from "./plan.ts";
import { traineeCohorts, traineeEvaluations, traineeGoals, traineeLogEntries, traineePlanItems, traineeUnitFigures, trainees } from "./tables.ts";

/*
 * The demo's trainee programme: two cohorts of five, on the default template. The first started 14 months ago and
 * has ended (three offered a position — each a hire —, one qualified without a position, one left early); the
 * second started four months ago and is under way: the 1- and 3-month evaluations written and published (one
 * 3-month evaluation still a draft, so overdue), goals, log entries, a few activities overdue. HR has entered the
 * units' figures. Everything is the demo supervisor's and demo HR's. A re-run replaces it.
 */

const units = [
  { unit: "Digitalisering", area: "IT" },
  { unit: "Eiendom", area: "Eiendom" },
  { unit: "Teknisk drift", area: "Teknisk" },
  { unit: "Plan og bygg", area: "Teknisk" },
  { unit: "NAV Bærum", area: "Forvaltning" },
];

/** Removes the demo network's trainee programme (before its candidates are replaced). */
export async function removeDemoTraineeProgramme(db: Db, tenantId: string) {
  await db.delete(traineeCohorts).where(eq(traineeCohorts.tenantId, tenantId));
  await db.delete(traineeUnitFigures).where(eq(traineeUnitFigures.tenantId, tenantId));
}

export async function seedDemoTraineeProgramme(db: Db, tenantId: string, options: { seed: string; hrUserId: string; supervisorUserId: string; now?: Date }) {
  const random = seededRandom(`${options.seed}:trainee`);
  const today = osloDate(options.now);
  // By e-mail, which the seed decides (ids are new on every run): the same seed picks the same people.
  const people = await db
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(eq(candidates.tenantId, tenantId), like(candidates.email, `%@${demoCandidateDomain}`), gte(candidates.educationRank, 6)))
    .orderBy(asc(candidates.email))
    .limit(10);
  const fallback = people.length < 10 ? await db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.tenantId, tenantId), like(candidates.email, `%@${demoCandidateDomain}`))).orderBy(asc(candidates.email)).limit(10) : [];
  const pool = people.length >= 10 ? people : fallback;
  if (pool.length < 10) return;

  const criteria = defaultTemplate.criteria;
  const ratings = (base: number) => criteria.map((criterion) => ({ criterion, score: Math.max(1, Math.min(5, Math.round(base + random.next() * 2 - 1))) }));
  const cohorts = [
    { name: "Kull 1 – IT, eiendom og teknisk", startDate: addMonths(today, -14), area: "IT, eiendom og teknisk" },
    { name: "Kull 2 – IT, eiendom og teknisk", startDate: addMonths(today, -4), area: "IT, eiendom og teknisk" },
  ];
  for (const [c, cohort] of cohorts.entries()) {
    const [row] = await db.insert(traineeCohorts).values({ tenantId, ...cohort }).returning();
    for (let i = 0; i < 5; i++) {
      const { unit, area } = units[i]!;
      const candidateId = pool[c * 5 + i]!.id;
      const startDate = cohort.startDate;
      const endDate = defaultEndDate(startDate);
      const finished = c === 0;
      const outcome = finished ? (["offered", "offered", "qualified_no_position", "offered", "left_early"] as const)[i]! : null;
      let placementId: string | null = null;
      if (outcome === "offered") {
        const [placement] = await db
          .insert(placements)
          .values({ tenantId, candidateId, employerName: unit, type: "ordinary_permanent", startDate: addDays(endDate, 1), createdByUserId: options.hrUserId })
          .returning();
        await db.insert(placementFollowUps).values(followUpsFor(tenantId, placement!.id, placement!.startDate));
        placementId = placement!.id;
        // As a recorded hire does (placements/service.ts): ordinary paid work puts the candidate in work.
        await db.update(candidates).set({ status: "in_work" }).where(eq(candidates.id, candidateId));
      }
      const leftOn = outcome === "left_early" ? addMonths(startDate, 5) : null;
      const [trainee] = await db
        .insert(trainees)
        .values({
          tenantId,
          cohortId: row!.id,
          candidateId,
          supervisorUserId: options.supervisorUserId,
          unit,
          area,
          startDate,
          endDate,
          monthlySalaryOre: 4_200_000 + Math.round(random.next() * 8) * 50_000,
          subsidyPeriods: [...defaultSubsidyPeriods(startDate, endDate, 3), { from: addMonths(startDate, 3), to: addMonths(startDate, 6), percent: 40 }],
          status: outcome === null ? "active" : outcome === "left_early" ? "left" : "completed",
          outcome,
          outcomePosition: outcome === "offered" ? `Rådgiver, ${unit.toLowerCase()}` : null,
          outcomePositionFrom: outcome === "offered" ? addDays(endDate, 1) : null,
          outcomeLeftOn: leftOn,
          outcomeReason: outcome === "left_early" ? "Fikk jobb i privat sektor" : null,
          outcomeAt: finished ? new Date() : null,
          placementId,
        })
        .returning();
      const plan = generatePlan(defaultTemplate, startDate, endDate);
      // Past items are done (for the running cohort, all but a couple of recent ones; nothing after someone left).
      const doneBy = (item: (typeof plan)[number], index: number) => {
        if (item.dueOn > today || (leftOn && item.dueOn > leftOn)) return false;
        if (item.kind === "evaluation") return finished || item.evaluationMonth! < 3 || i !== 2;
        return finished || index % 4 !== 3;
      };
      // One 3-month evaluation was published four days late, the rest the day before they were due.
      const doneOn = (item: (typeof plan)[number]) => (item.kind === "evaluation" ? addDays(item.dueOn, item.evaluationMonth === 3 && i === 1 ? 4 : -1) : item.dueOn);
      await db.insert(traineePlanItems).values(
        plan.map((item, index) => ({ tenantId, traineeId: trainee!.id, ...item, doneAt: doneBy(item, index) ? new Date(`${doneOn(item)}T12:00:00Z`) : null, doneByUserId: doneBy(item, index) ? options.supervisorUserId : null })),
      );
      // Evaluations of the months that are due: published by the supervisor; the self-assessments recorded by HR.
      for (const month of defaultTemplate.evaluationMonths) {
        const due = addMonths(startDate, month);
        if (due > today || (leftOn && due > leftOn)) continue;
        const published = finished || month < 3 || i !== 2;
        const at = new Date(`${published ? addDays(due, month === 3 && i === 1 ? 4 : -1) : addDays(today, -2)}T12:00:00Z`);
        await db.insert(traineeEvaluations).values([
          { tenantId, traineeId: trainee!.id, kind: "supervisor", month, authorUserId: options.supervisorUserId, ratings: ratings(2 + Math.min(month, 9) / 3), comment: "Jobber godt og tar stadig mer ansvar.", publishedAt: published ? at : null, createdAt: at, updatedAt: at },
          { tenantId, traineeId: trainee!.id, kind: "self", month, authorUserId: options.hrUserId, ratings: ratings(3), comment: "Trives i enheten; ønsker mer norsk i hverdagen.", publishedAt: at, createdAt: at, updatedAt: at },
        ]);
      }
      await db.insert(traineeGoals).values([
        { tenantId, traineeId: trainee!.id, title: "Norsk muntlig på B2-nivå", progress: finished ? 100 : 40 + i * 5, status: finished ? "achieved" : "in_progress", notes: "Voksenopplæringen to dager i uka." },
        { tenantId, traineeId: trainee!.id, title: "Selvstendig saksbehandling i enheten", progress: finished ? 90 : 25, status: finished ? "achieved" : "in_progress", notes: "" },
      ]);
      await db.insert(traineeLogEntries).values([
        { tenantId, traineeId: trainee!.id, authorUserId: options.supervisorUserId, occurredOn: addDays(startDate, 10), text: "God start; har fått fadder i enheten." },
        { tenantId, traineeId: trainee!.id, authorUserId: options.supervisorUserId, occurredOn: addDays(startDate, 50), text: "Presenterte et forbedringsforslag på personalmøtet." },
      ]);
    }
  }
  await db.insert(traineeUnitFigures).values(
    units.map(({ unit }, i) => ({ tenantId, unit, employeesBefore: 40 + i * 10, immigrantsBefore: 3 + i, employeesAfter: 42 + i * 10, immigrantsAfter: 5 + i + (i < 3 ? 1 : 0) })),
  );
}
