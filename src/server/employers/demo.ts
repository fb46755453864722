import { randomBytes } from "node:crypto";
import { and, eq, inArray, like } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { SystemActor } from "../platform/actor.ts";
import { recordChange } from "../platform/audit.ts";
import { invitations } from "../users/tables.ts";
import { candidates } from "../candidates/tables.ts";
import { placementFollowUps, placements } from "../placements/tables.ts";
import { followUpsFor } from "../placements/service.ts";
import { seededRandom } from "../candidates/demo.ts";
import { normaliseText } from "../candidates/derive.ts";
import { employerActivities, employerCertificates, employerContacts, employerStatusChanges, employers } from "./tables.ts";
import { osloDate, startOfDate } from "../platform/dates.ts";
import { naceSectionOf } from "../../shared/nace.ts";
import { orgNumberCheckDigit } from "../../shared/orgnr.ts";
import type { MembershipStatus, activityKinds, sizeBands } from "../../shared/employers.ts";
import type { PlacementType } from "../../shared/placements.ts";

/*
 * Synthetic employers for the demo network: fictional businesses across the industries a network works with,
 * with contacts, timelines (some follow-ups open and overdue, assigned to the demo coordinator and advisor),
 * membership statuses with their history, certificates and hires. Organisation numbers are valid (the check digit
 * holds) but start with 1, which no real one does. The same seed gives the same employers; a re-run replaces the
 * demo employers (recognised by their web address under the demo domain) instead of adding more.
 */

export const demoEmployerDomain = "demo.mangfold.example";

type Industry = { code: string; names: ((r: Random) => string)[]; sizes: (typeof sizeBands)[number][]; roles: string[] };
type Random = ReturnType<typeof seededRandom>;

const places = ["Fjordvik", "Solhaug", "Nordlia", "Granstad", "Lyngmo", "Birkely", "Havbris", "Furulund", "Skogvang", "Elvebakken", "Steinrud", "Kvitberg", "Blåfjell", "Vestlia", "Østmo", "Myrvang", "Lindeskog", "Bekkevik"];
const surnames = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Eriksen", "Bakken", "Moen", "Strand", "Lie"];
const words = ["Nova", "Polaris", "Fjell", "Bølge", "Kompass", "Lykt", "Nordlys", "Vinden", "Tinde", "Sirkel", "Bro", "Kilde"];
const pick = <T>(items: readonly T[]) => (r: Random) => r.pick(items);

const industries: { weight: number; industry: Industry }[] = [
  { weight: 14, industry: { code: "47.111", names: [(r) => `${pick(places)(r)} Matmarked AS`, (r) => `Nærbutikken ${pick(places)(r)} AS`, (r) => `Dagligvare ${pick(words)(r)} ${pick(places)(r)} AS`], sizes: ["10-19", "20-49", "50-99"], roles: ["Butikksjef", "Assisterende butikksjef", "Regionsjef"] } },
  { weight: 5, industry: { code: "47.711", names: [(r) => `Klesbua ${pick(places)(r)} AS`, (r) => `${pick(words)(r)} Mote AS`], sizes: ["5-9", "10-19"], roles: ["Butikksjef", "Daglig leder"] } },
  { weight: 12, industry: { code: "81.210", names: [(r) => `${pick(words)(r)} Renhold AS`, (r) => `${pick(places)(r)} Rent & Pent AS`, (r) => `${pick(surnames)(r)} Vask og Service AS`], sizes: ["20-49", "50-99", "100-249"], roles: ["Driftsleder", "Daglig leder", "HR-ansvarlig"] } },
  { weight: 12, industry: { code: "87.301", names: [(r) => `${pick(places)(r)} Omsorgssenter`, (r) => `${pick(places)(r)} Bo- og Aktivitetssenter`], sizes: ["50-99", "100-249"], roles: ["Avdelingsleder", "Institusjonssjef", "Fagsykepleier"] } },
  { weight: 6, industry: { code: "88.101", names: [(r) => `Hjemmehjelpen ${pick(places)(r)} AS`, (r) => `${pick(words)(r)} Assistanse AS`], sizes: ["20-49", "50-99"], roles: ["Daglig leder", "Koordinator"] } },
  { weight: 8, industry: { code: "41.200", names: [(r) => `${pick(places)(r)} Bygg AS`, (r) => `${pick(surnames)(r)} & Sønn Byggmester AS`], sizes: ["10-19", "20-49", "50-99"], roles: ["Prosjektleder", "Daglig leder", "Anleggsleder"] } },
  { weight: 5, industry: { code: "43.221", names: [(r) => `${pick(surnames)(r)} Rør AS`, (r) => `${pick(places)(r)} VVS AS`], sizes: ["5-9", "10-19"], roles: ["Daglig leder", "Serviceleder"] } },
  { weight: 5, industry: { code: "43.210", names: [(r) => `${pick(surnames)(r)} Elektro AS`, (r) => `${pick(words)(r)} Elektro AS`], sizes: ["5-9", "10-19", "20-49"], roles: ["Daglig leder", "Fagleder"] } },
  { weight: 3, industry: { code: "06.100", names: [(r) => `${pick(words)(r)} Petroleum ASA`, (r) => `${pick(places)(r)} Offshore AS`], sizes: ["250+", "100-249"], roles: ["HR-direktør", "Rekrutteringsansvarlig"] } },
  { weight: 3, industry: { code: "35.111", names: [(r) => `${pick(places)(r)} Kraft AS`, (r) => `${pick(words)(r)} Energi AS`], sizes: ["50-99", "100-249"], roles: ["HR-leder", "Driftssjef"] } },
  { weight: 6, industry: { code: "69.201", names: [(r) => `${pick(surnames)(r)} Regnskap AS`, (r) => `${pick(words)(r)} Regnskapsbyrå AS`], sizes: ["1-4", "5-9", "10-19"], roles: ["Daglig leder", "Autorisert regnskapsfører"] } },
  { weight: 7, industry: { code: "62.010", names: [(r) => `${pick(words)(r)} Data AS`, (r) => `${pick(words)(r)}Tech AS`, (r) => `${pick(places)(r)} Digital AS`], sizes: ["5-9", "10-19", "20-49"], roles: ["CTO", "Daglig leder", "Teamleder"] } },
  { weight: 10, industry: { code: "56.101", names: [(r) => `Restaurant ${pick(words)(r)}`, (r) => `${pick(places)(r)} Kafé`, (r) => `Spiseriet ${pick(places)(r)}`], sizes: ["5-9", "10-19", "20-49"], roles: ["Kjøkkensjef", "Daglig leder", "Restaurantsjef"] } },
  { weight: 3, industry: { code: "55.101", names: [(r) => `Hotell ${pick(places)(r)}`, (r) => `${pick(places)(r)} Fjordhotell AS`], sizes: ["20-49", "50-99"], roles: ["Hotellsjef", "Housekeeping-leder"] } },
  { weight: 4, industry: { code: "49.410", names: [(r) => `${pick(surnames)(r)} Transport AS`, (r) => `${pick(places)(r)} Budservice AS`], sizes: ["10-19", "20-49"], roles: ["Trafikkleder", "Daglig leder"] } },
  { weight: 3, industry: { code: "52.100", names: [(r) => `${pick(words)(r)} Lager og Logistikk AS`], sizes: ["50-99", "100-249"], roles: ["Lagersjef", "Skiftleder"] } },
  { weight: 3, industry: { code: "88.911", names: [(r) => `${pick(places)(r)} Barnehage`, (r) => `${pick(words)(r)} Naturbarnehage SA`], sizes: ["10-19", "20-49"], roles: ["Styrer", "Pedagogisk leder"] } },
];
const totalWeight = industries.reduce((sum, i) => sum + i.weight, 0);
const footballClub: Industry = { code: "93.120", names: [() => "Fjordvik Fotballklubb (fiktiv)"], sizes: ["5-9"], roles: ["Daglig leder", "Frivillighetskoordinator"] };

const firstNames = ["Kari", "Ola", "Ingrid", "Lars", "Marte", "Jonas", "Silje", "Anders", "Nora", "Henrik", "Hilde", "Emil", "Tone", "Sindre", "Aisha", "Tomasz", "Fatima", "Mohammed", "Linh", "Oksana"];
const streets = ["Storgata", "Kirkeveien", "Industriveien", "Sjøgata", "Bakkeveien", "Torget", "Stasjonsveien", "Fabrikkveien"];
const municipalities: { name: string; postal: [string, string][] }[] = [
  { name: "Bærum", postal: [["1337", "Sandvika"], ["1366", "Lysaker"], ["1346", "Gjettum"], ["1350", "Lommedalen"]] },
  { name: "Bærum", postal: [["1338", "Sandvika"], ["1357", "Bekkestua"]] },
  { name: "Asker", postal: [["1383", "Asker"], ["1394", "Nesbru"]] },
  { name: "Oslo", postal: [["0150", "Oslo"], ["0661", "Oslo"]] },
];

const summaries: Record<(typeof activityKinds)[number], string[]> = {
  visit: ["Besøk på arbeidsplassen; fikk omvisning og snakket om rekrutteringsbehov.", "Bedriftsbesøk sammen med veileder fra NAV.", "Besøkte butikken og møtte avdelingslederne."],
  call: ["Ringte daglig leder om medlemskap i nettverket.", "Telefon om mulig praksisplass i høst.", "Kort samtale om status for kandidaten som er i arbeid."],
  meeting: ["Møte om medlemsavtale og forventninger.", "Frokostmøte i nettverket; bedriften deltok.", "Møte med HR om rekruttering av lærlinger."],
  email: ["Sendte informasjon om nettverket og medlemsbevis.", "E-post med CV-er til aktuelle stillinger.", "Oppsummering etter møtet sendt på e-post."],
  event: ["Deltok på nettverkssamling om mangfold i arbeidslivet.", "Stand på jobbmessen i Sandvika.", "Var med på inspirasjonsfrokost for ledere."],
  note: ["Bedriften ønsker å ta inn to kandidater i sommerjobb.", "Ny daglig leder fra neste måned.", "Positive til språkpraksis; trenger mer informasjon om lønnstilskudd."],
};
const followUps = ["Sende CV-er til aktuelle kandidater", "Følge opp om praksisplass", "Sende medlemsavtale", "Avtale nytt besøk", "Invitere til nettverkssamling", "Sjekke status for kandidaten i arbeid", "Sende informasjon om lønnstilskudd"];

/** A fictional, valid organisation number: 1 + seven digits + the check digit. */
function fictionalOrgNumber(random: Random, used: Set<string>): string {
  for (;;) {
    const firstEight = `1${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
    const check = orgNumberCheckDigit(firstEight);
    const number = `${firstEight}${check}`;
    if (check !== null && !used.has(number)) {
      used.add(number);
      return number;
    }
  }
}

const slugOf = (name: string) => normaliseText(name).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const addMonths = (date: Date, months: number) => new Date(date.getTime() + months * 30.4 * 24 * 60 * 60 * 1000);
const addDays = (date: string, days: number) => osloDate(new Date(startOfDate(date).getTime() + days * 24 * 60 * 60 * 1000 + 12 * 60 * 60 * 1000));
const certificateCode = () => {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `MF-${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8, 12).join("")}`;
};

/** Which way through the pipeline an employer of the status went, with the dates. */
function historyTo(status: MembershipStatus, random: Random, start: Date, now: Date): { from: MembershipStatus | null; to: MembershipStatus; at: Date }[] {
  const steps: MembershipStatus[] =
    status === "prospect" ? ["prospect"]
    : status === "contacted" ? ["prospect", "contacted"]
    : status === "member" ? (random.chance(0.3) ? ["contacted", "member"] : ["prospect", "contacted", "member"])
    : status === "certified" ? ["prospect", "contacted", "member", "certified"]
    : random.chance(0.5) ? ["prospect", "contacted", "member", "lapsed"] : ["prospect", "contacted", "lapsed"];
  const span = now.getTime() - start.getTime();
  return steps.map((to, i) => ({ from: i === 0 ? null : steps[i - 1]!, to, at: new Date(start.getTime() + (span * i) / steps.length + random.int(0, 5) * 86_400_000) }));
}

export type DemoEmployerOptions = { count: number; seed: string; staffUserIds: string[]; employerUserId?: string | undefined };

/** Replaces the demo employers of the network with `count` new ones made from `seed`. Runs in the caller's transaction. */
export async function seedDemoEmployers(db: Db, tenantId: string, options: DemoEmployerOptions) {
  const actor: SystemActor = { kind: "system", tenantId };
  const old = (await db.select({ id: employers.id }).from(employers).where(and(eq(employers.tenantId, tenantId), like(employers.website, `%.${demoEmployerDomain}`)))).map((e) => e.id);
  for (let start = 0; start < old.length; start += 500) {
    const chunk = old.slice(start, start + 500);
    await db.delete(placements).where(and(eq(placements.tenantId, tenantId), inArray(placements.employerId, chunk)));
    const contactIds = (await db.select({ id: employerContacts.id }).from(employerContacts).where(inArray(employerContacts.employerId, chunk))).map((c) => c.id);
    if (contactIds.length) await db.update(invitations).set({ revokedAt: new Date() }).where(and(inArray(invitations.employerContactId, contactIds), eq(invitations.tenantId, tenantId)));
    await db.delete(employers).where(inArray(employers.id, chunk));
  }
  if (options.count === 0) return { employers: 0 };

  const random = seededRandom(`employers:${options.seed}`);
  const now = new Date();
  const today = osloDate(now);
  const staff = options.staffUserIds;
  const hired = (await db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.tenantId, tenantId), eq(candidates.status, "in_work"))).orderBy(candidates.email)).map((c) => c.id);
  const usedNumbers = new Set<string>();
  const usedNames = new Set<string>();

  type Plan = {
    row: typeof employers.$inferInsert;
    history: ReturnType<typeof historyTo>;
    contacts: Omit<typeof employerContacts.$inferInsert, "tenantId" | "employerId">[];
    activities: Omit<typeof employerActivities.$inferInsert, "tenantId" | "employerId">[];
    certificates: Omit<typeof employerCertificates.$inferInsert, "tenantId" | "employerId">[];
    hires: Omit<typeof placements.$inferInsert, "tenantId" | "employerId">[];
  };
  const plans: Plan[] = [];
  for (let i = 0; i < options.count; i++) {
    let industry: Industry;
    if (i === 7) industry = footballClub;
    else {
      let roll = random.int(1, totalWeight);
      industry = industries.find((entry) => (roll -= entry.weight) <= 0)!.industry;
    }
    let name = random.pick(industry.names)(random);
    for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/ \(\d+\)$/, "")} (${n})`;
    usedNames.add(name);
    const roll = random.next();
    const status: MembershipStatus = roll < 0.3 ? "prospect" : roll < 0.55 ? "contacted" : roll < 0.85 ? "member" : roll < 0.93 ? "certified" : "lapsed";
    const start = addMonths(now, -random.int(3, 30));
    const history = historyTo(status, random, start, addMonths(now, -random.int(0, 2)));
    const place = random.pick(municipalities);
    const [postalCode, postalPlace] = random.pick(place.postal);
    const slug = slugOf(name);

    const contacts: Plan["contacts"] = Array.from({ length: random.int(1, 3) }, (_, c) => {
      const first = random.pick(firstNames);
      const last = random.pick(surnames);
      return {
        name: `${first} ${last}`,
        role: random.pick(industry.roles),
        email: random.chance(0.9) ? `${slugOf(first)}.${slugOf(last)}${c ? c + 1 : ""}@${slug}.${demoEmployerDomain}` : null,
        phone: random.chance(0.8) ? `+47 ${random.int(40, 99)} ${String(random.int(0, 99)).padStart(2, "0")} ${String(random.int(0, 999)).padStart(3, "0")}` : null,
      };
    });

    const activityCount = status === "prospect" ? random.int(0, 2) : random.int(2, 8);
    const activities: Plan["activities"] = [];
    for (let a = 0; a < activityCount; a++) {
      const occurred = new Date(start.getTime() + random.next() * (now.getTime() - start.getTime()));
      const occurredOn = osloDate(occurred);
      const kind = random.pick(["visit", "call", "call", "meeting", "email", "email", "event", "note"] as const);
      const assignee = staff.length ? random.pick(staff) : null;
      const withFollowUp = assignee !== null && random.chance(0.35);
      const dueOn = withFollowUp ? addDays(occurredOn, random.int(5, 40)) : null;
      const done = dueOn !== null && dueOn < today && random.chance(0.75);
      activities.push({
        kind,
        occurredOn,
        summary: random.pick(summaries[kind]),
        authorUserId: staff.length ? random.pick(staff) : null,
        followUpText: withFollowUp ? random.pick(followUps) : null,
        followUpDueOn: dueOn,
        followUpAssigneeUserId: withFollowUp ? assignee : null,
        followUpDoneAt: done ? startOfDate(dueOn!) : null,
        // Old overdue tasks count as reminded of, so the demo does not mail about them at once.
        followUpRemindedAt: withFollowUp && !done && dueOn! < addDays(today, -3) ? now : null,
        createdAt: occurred,
      });
    }
    const lastContact = activities.reduce<string | null>((max, a) => (max === null || a.occurredOn! > max ? a.occurredOn! : max), null);

    const certificates: Plan["certificates"] = [];
    const memberSince = history.find((h) => h.to === "member")?.at;
    if (memberSince && (status === "member" || status === "certified") && random.chance(0.7)) {
      certificates.push({ kind: "membership", code: certificateCode(), issuedAt: memberSince, validUntil: osloDate(addMonths(memberSince, 24)), issuedByUserId: staff[0] ?? null });
    }
    if (status === "certified") {
      const at = history.at(-1)!.at;
      certificates.push({ kind: "certification", code: certificateCode(), issuedAt: at, validUntil: osloDate(addMonths(at, 24)), issuedByUserId: staff[0] ?? null });
    }
    if (status === "lapsed" && memberSince) {
      certificates.push({ kind: "membership", code: certificateCode(), issuedAt: memberSince, validUntil: osloDate(addMonths(memberSince, 24)), revokedAt: history.at(-1)!.at, revokedReason: "membership lapsed" });
    }

    // Hires name a demo candidate; without candidates there are none (a hire is always someone's).
    const hireCount = hired.length === 0 ? 0 : status === "certified" ? random.int(1, 3) : status === "member" && random.chance(0.35) ? 1 : status === "lapsed" && random.chance(0.2) ? 1 : 0;
    const hires: Plan["hires"] = Array.from({ length: hireCount }, () => {
      const type: PlacementType = random.pick(["ordinary_permanent", "ordinary_permanent", "ordinary_temporary", "trainee", "work_practice", "summer_job"] as const);
      return {
        candidateId: random.pick(hired),
        employerName: name,
        type,
        startDate: osloDate(addMonths(now, -random.int(1, 20))),
        hoursPerWeek: random.pick([20, 30, 37.5]),
        createdByUserId: staff[0] ?? null,
      };
    });

    plans.push({
      row: {
        tenantId,
        orgNumber: fictionalOrgNumber(random, usedNumbers),
        name,
        nameNorm: normaliseText(name),
        naceCode: industry.code,
        naceSection: naceSectionOf(industry.code),
        sizeBand: random.pick(industry.sizes),
        municipality: place.name,
        address: `${random.pick(streets)} ${random.int(1, 120)}`,
        postalCode,
        postalPlace,
        website: `https://${slug}.${demoEmployerDomain}`,
        tags: [...(random.chance(0.06) ? ["pioneer"] : []), ...(random.chance(0.03) ? ["steering_group"] : []), ...(random.chance(0.08) ? ["partner"] : [])],
        notes: random.chance(0.3) ? "Fiktiv bedrift i demonettverket." : "",
        publicListing: (status === "member" || status === "certified") && random.chance(0.6),
        membershipStatus: status,
        membershipStatusChangedAt: history.at(-1)!.at,
        lastContactAt: lastContact ? startOfDate(lastContact) : null,
        createdAt: history[0]!.at,
        updatedAt: new Date(Math.max(history.at(-1)!.at.getTime(), lastContact ? startOfDate(lastContact).getTime() : 0)),
      },
      history,
      contacts,
      activities,
      certificates,
      hires,
    });
  }

  // A few open follow-ups due today or overdue for each of the demo staff, so that "my tasks" has something to show.
  for (const [i, userId] of staff.entries()) {
    for (let k = 0; k < 3; k++) {
      const plan = plans[(i * 7 + k * 13 + 3) % plans.length]!;
      plan.activities.push({
        kind: "call",
        occurredOn: addDays(today, -10 - k),
        summary: "Snakket om rekrutteringsbehov til høsten.",
        authorUserId: userId,
        followUpText: random.pick(followUps),
        followUpDueOn: addDays(today, -k),
        followUpAssigneeUserId: userId,
        createdAt: startOfDate(addDays(today, -10 - k)),
      });
      const contacted = startOfDate(addDays(today, -10 - k));
      if (!plan.row.lastContactAt || plan.row.lastContactAt < contacted) plan.row.lastContactAt = contacted;
    }
  }

  // The demo employer user is a contact of one member, so the employer portal has a company to show.
  const portalPlan = plans.find((p) => p.row.membershipStatus === "certified") ?? plans.find((p) => p.row.membershipStatus === "member") ?? plans[0]!;
  if (options.employerUserId) portalPlan.contacts.unshift({ name: "Erik Arbeidsgiver", role: "Daglig leder", email: "employer@demo.mangfold.example", phone: null, userId: options.employerUserId });

  for (let start = 0; start < plans.length; start += 200) {
    const chunk = plans.slice(start, start + 200);
    const ids = (await db.insert(employers).values(chunk.map((p) => p.row)).returning({ id: employers.id })).map((r) => r.id);
    const withId = <T>(list: (plan: Plan) => T[]) => chunk.flatMap((plan, i) => list(plan).map((item) => ({ ...item, tenantId, employerId: ids[i]! })));
    const history = withId((p) => p.history.map((h) => ({ fromStatus: h.from, toStatus: h.to, changedAt: h.at, changedByUserId: staff.length ? staff[0]! : null, note: "" })));
    const contacts = withId((p) => p.contacts);
    const activities = withId((p) => p.activities);
    const certificates = withId((p) => p.certificates);
    const hires = withId((p) => p.hires);
    if (history.length) await db.insert(employerStatusChanges).values(history);
    if (contacts.length) await db.insert(employerContacts).values(contacts);
    for (let a = 0; a < activities.length; a += 500) await db.insert(employerActivities).values(activities.slice(a, a + 500));
    if (certificates.length) await db.insert(employerCertificates).values(certificates);
    if (hires.length) {
      // Each hire gets its 3/6/12-month follow-ups, as a recorded hire does; those already due are answered.
      const inserted = await db.insert(placements).values(hires).returning({ id: placements.id, startDate: placements.startDate });
      const today = osloDate(new Date());
      const followUps = inserted.flatMap((hire) =>
        followUpsFor(tenantId, hire.id, hire.startDate).map((f) => (f.dueOn < today ? { ...f, stillEmployed: true, answeredAt: startOfDate(f.dueOn) } : f)),
      );
      if (followUps.length) await db.insert(placementFollowUps).values(followUps);
    }
  }
  await recordChange(db, actor, { action: "employer.create_many", entityType: "employer", tenantId, after: { count: plans.length, source: "demo" } });
  return { employers: plans.length };
}
