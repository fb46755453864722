import { and, asc, eq, inArray, isNotNull, like } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { osloMidnight } from "../platform/dates.ts";
import { candidates } from "../candidates/tables.ts";
import { demoCandidateDomain, seededRandom } from "../candidates/demo.ts";
import { employerContacts } from "../employers/tables.ts";
import { eventInvitees, eventPartners, events } from "../events/tables.ts";
import { candidateServices, groupAttendance, groupParticipants, groupSessions, partners, serviceGroups, serviceTypes } from "./tables.ts";
import { ensureDefaultServiceTypes } from "./service.ts";
import type { PartnerKind } from "../../shared/services.ts";

/*
 * The demo's partners, services on candidates, two language groups with sessions, a waiting list and attendance,
 * and events (a network meeting, a job fair, a recruitment day, the stand at Arendalsuka). Refreshing the demo
 * replaces the groups, events and services; partners are kept by name.
 */

const demoPartners: { name: string; kind: PartnerKind }[] = [
  { name: "NAV Bærum", kind: "nav" },
  { name: "Voksenopplæringen i Bærum", kind: "adult_education" },
  { name: "Bærum frivilligsentral", kind: "volunteer" },
  { name: "Dønski seniorsenter", kind: "senior_centre" },
  { name: "Rotary Sandvika", kind: "volunteer" },
  { name: "Stabæk idrettslag", kind: "sports_club" },
  { name: "Bærum kommune, HR", kind: "municipality" },
];

/** Which partner usually delivers each default service type. */
const defaultPartnerOf: Record<string, string> = {
  competence_mapping: "Voksenopplæringen i Bærum",
  cv_help: "Bærum frivilligsentral",
  interview_training: "NAV Bærum",
  language_group: "Dønski seniorsenter",
  job_club: "NAV Bærum",
  course: "Voksenopplæringen i Bærum",
};

const outcomes: Record<string, string[]> = {
  competence_mapping: ["Kartlagt utdanning og erfaring; trenger godkjenning av utdanning.", "Kartlagt; klar for CV-hjelp.", "Kartlagt språk og ferdigheter."],
  cv_help: ["Ny CV på norsk.", "CV oppdatert med praksisplass.", "CV på norsk og engelsk."],
  interview_training: ["Øvde på typiske spørsmål; godt forberedt.", "Trenger mer trening på å fortelle om egen erfaring."],
  job_club: ["Søkte tre stillinger.", "Laget jobbsøkerplan."],
  company_visit: ["Besøk hos medlemsbedrift; interessert i lager og logistikk."],
  course: ["Fullførte kurs i arbeidslivsnorsk.", "Fullførte truckførerkurs."],
  network_meeting: ["Møtte to arbeidsgivere."],
};

const day = 86_400_000;
/** A time of day in Norway, `days` after `base`'s date. */
const at = (base: Date, days: number, hour: number, minute = 0) => new Date(osloMidnight(new Date(base.getTime() + days * day).toISOString().slice(0, 10)).getTime() + (hour * 60 + minute) * 60_000);

export async function seedDemoServicesAndEvents(db: Db, tenantId: string, options: { seed: string; advisorUserIds: string[]; now?: Date }) {
  const random = seededRandom(`${options.seed}:services-and-events`);
  const now = options.now ?? new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

  await db.delete(events).where(eq(events.tenantId, tenantId));
  await db.delete(serviceGroups).where(eq(serviceGroups.tenantId, tenantId));
  await db.delete(candidateServices).where(eq(candidateServices.tenantId, tenantId));

  const existing = await db.select().from(partners).where(eq(partners.tenantId, tenantId));
  const missing = demoPartners.filter((p) => !existing.some((e) => e.name === p.name));
  if (missing.length) await db.insert(partners).values(missing.map((p) => ({ tenantId, ...p })));
  const partnerRows = await db.select().from(partners).where(eq(partners.tenantId, tenantId));
  const partnerId = (name: string) => partnerRows.find((p) => p.name === name)?.id ?? null;

  await ensureDefaultServiceTypes(db, tenantId);
  const types = await db.select().from(serviceTypes).where(and(eq(serviceTypes.tenantId, tenantId), isNotNull(serviceTypes.key)));
  for (const type of types) {
    const partner = defaultPartnerOf[type.key!];
    if (partner) await db.update(serviceTypes).set({ defaultPartnerId: partnerId(partner) }).where(eq(serviceTypes.id, type.id));
  }
  const typeByKey = new Map(types.map((t) => [t.key!, t]));

  const people = await db
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(eq(candidates.tenantId, tenantId), like(candidates.email, `%@${demoCandidateDomain}`)))
    .orderBy(asc(candidates.sortName), asc(candidates.id));
  if (people.length === 0) return;

  // Services: about a third of the candidates, one to three each over the last year.
  const oneOff = ["competence_mapping", "cv_help", "interview_training", "job_club", "company_visit", "course"];
  const serviceRows = [];
  for (const person of people.filter(() => random.chance(0.35))) {
    for (let n = random.int(1, 3); n > 0; n--) {
      const key = random.pick(oneOff);
      const type = typeByKey.get(key)!;
      const date = new Date(today.getTime() - random.int(3, 360) * day).toISOString().slice(0, 10);
      const byUser = options.advisorUserIds.length > 0 && random.chance(0.3);
      serviceRows.push({
        tenantId,
        candidateId: person.id,
        serviceTypeId: type.id,
        date,
        partnerId: byUser ? null : type.defaultPartnerId,
        deliveredByUserId: byUser ? random.pick(options.advisorUserIds) : null,
        outcome: random.pick(outcomes[key] ?? [""]),
      });
    }
  }
  for (let i = 0; i < serviceRows.length; i += 500) await db.insert(candidateServices).values(serviceRows.slice(i, i + 500));

  // Two language groups: one full with a waiting list, one with room; weekly sessions, attendance on the past ones.
  const language = typeByKey.get("language_group")!;
  const groups = [
    { name: "Språkkafé på Dønski", place: "Dønski seniorsenter, kafeen", partner: "Dønski seniorsenter", capacity: 12, members: 14, weekday: 2, hour: 17 },
    { name: "Norsk i praksis, Sandvika", place: "Bærum frivilligsentral, Sandvika", partner: "Bærum frivilligsentral", capacity: 10, members: 8, weekday: 4, hour: 10 },
  ];
  let offset = 0;
  for (const spec of groups) {
    const members = people.slice(offset, offset + spec.members);
    offset += spec.members;
    const [group] = await db
      .insert(serviceGroups)
      .values({ tenantId, name: spec.name, serviceTypeId: language.id, partnerId: partnerId(spec.partner), place: spec.place, capacity: spec.capacity, lastQueuePosition: members.length })
      .returning();
    // A small demo (few candidates) may leave the second group empty.
    if (members.length) {
      await db.insert(groupParticipants).values(
        members.map((m, i) => ({ tenantId, groupId: group!.id, candidateId: m.id, status: i < spec.capacity ? "active" : "waiting", queuePosition: i + 1, joinedAt: new Date(today.getTime() - (60 - i) * day) })),
      );
    }
    const firstSession = -7 * 6 + ((spec.weekday - today.getUTCDay() + 7) % 7);
    const sessions = await db
      .insert(groupSessions)
      .values(Array.from({ length: 8 }, (_, w) => ({ tenantId, groupId: group!.id, startsAt: at(today, firstSession + 7 * w, spec.hour), endsAt: at(today, firstSession + 7 * w, spec.hour, 90), note: w === 3 ? "Tema: jobbintervju" : "" })))
      .returning();
    const active = members.slice(0, spec.capacity);
    const marks = sessions
      .filter((s) => s.startsAt < now)
      .flatMap((s) => active.map((m) => ({ tenantId, sessionId: s.id, candidateId: m.id, present: random.chance(0.8), recordedAt: s.startsAt })));
    if (marks.length) await db.insert(groupAttendance).values(marks);
  }

  // Events.
  const contacts = await db.select({ id: employerContacts.id }).from(employerContacts).where(eq(employerContacts.tenantId, tenantId)).orderBy(asc(employerContacts.id)).limit(40);
  const eventSpecs = [
    { kind: "network_meeting", title: "Nettverksmøte for medlemsbedrifter", days: -40, hours: [8, 10], place: "Bærum rådhus, kantina", partners: ["NAV Bærum", "Bærum kommune, HR"], candidates: 0, contacts: 25, interviews: null, notes: "Tre nye bedrifter vil bli medlemmer." },
    { kind: "job_fair", title: "Jobbmesse på Fornebu", days: -20, hours: [10, 14], place: "Fornebu S, torget", partners: ["NAV Bærum", "Voksenopplæringen i Bærum"], candidates: 30, contacts: 12, interviews: 9, notes: "Ni intervjuer avtalt, mest innen lager, renhold og omsorg." },
    { kind: "recruitment_day", title: "Rekrutteringsdag helse og omsorg", days: 14, hours: [9, 13], place: "Bærum sykehjem, Gjettum", partners: ["NAV Bærum"], candidates: 15, contacts: 4, interviews: null, notes: "" },
    { kind: "stand", title: "Stand på Arendalsuka", days: 60, hours: [10, 16], place: "Arendal, Kanalplassen", partners: ["Rotary Sandvika"], candidates: 0, contacts: 6, interviews: null, notes: "" },
  ] as const;
  let candidateOffset = offset;
  for (const spec of eventSpecs) {
    const [event] = await db
      .insert(events)
      .values({ tenantId, kind: spec.kind, title: spec.title, place: spec.place, startsAt: at(today, spec.days, spec.hours[0]), endsAt: at(today, spec.days, spec.hours[1]), interviewsAgreed: spec.interviews, outcomeNotes: spec.notes, description: "Velkommen! Ta med CV om du er jobbsøker." })
      .returning();
    const ids = spec.partners.map(partnerId).filter((id): id is string => id !== null);
    if (ids.length) await db.insert(eventPartners).values(ids.map((id) => ({ tenantId, eventId: event!.id, partnerId: id })));
    const past = spec.days < 0;
    const invitedAt = at(today, spec.days - 14, 9);
    const invitees = [
      ...people.slice(candidateOffset, candidateOffset + spec.candidates).map((p) => ({ candidateId: p.id, contactId: null })),
      ...contacts.slice(0, spec.contacts).map((c) => ({ candidateId: null, contactId: c.id })),
    ];
    candidateOffset += spec.candidates;
    if (invitees.length) {
      await db.insert(eventInvitees).values(
        invitees.map((i) => {
          const answered = random.next();
          const status = answered < 0.65 ? "registered" : answered < 0.8 ? "declined" : "invited";
          return { tenantId, eventId: event!.id, ...i, status, invitedAt, attended: past ? status === "registered" && random.chance(0.85) : null };
        }),
      );
    }
  }
}

/** For tests: the demo network's group and event counts. */
export async function demoServiceCounts(db: Db, tenantId: string) {
  const groupRows = await db.select({ id: serviceGroups.id }).from(serviceGroups).where(eq(serviceGroups.tenantId, tenantId));
  const sessions = groupRows.length ? await db.select({ id: groupSessions.id }).from(groupSessions).where(inArray(groupSessions.groupId, groupRows.map((g) => g.id))) : [];
  const eventRows = await db.select({ id: events.id }).from(events).where(eq(events.tenantId, tenantId));
  const services = await db.select({ id: candidateServices.id }).from(candidateServices).where(eq(candidateServices.tenantId, tenantId));
  return { groups: groupRows.length, sessions: sessions.length, events: eventRows.length, services: services.length };
}
