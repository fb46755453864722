import { and, count, eq, isNull } from "drizzle-orm";
import { getTableColumns } from "drizzle-orm";
import type { Table } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { networks } from "../networks/tables.ts";
import { candidateBackgrounds, candidateDocuments, candidateNotes, candidates } from "../candidates/tables.ts";
import { employerContacts } from "../employers/tables.ts";
import { mentors, mentoringMeetings } from "../mentoring/tables.ts";
import { trainees, traineeEvaluations } from "../trainee-programme/tables.ts";
import { placements } from "../placements/tables.ts";
import { partners } from "../services/tables.ts";
import { memberships } from "../users/tables.ts";
import { accessLog, auditLog } from "../platform/tables.ts";
import { currentTexts } from "../consents/texts.ts";
import { sessionAbsoluteMs } from "../platform/auth.ts";
import { deniedRetentionDays } from "./service.ts";
import type { ProcessingRecord } from "../../shared/audit.ts";

/*
 * The record of processing activities (Behandlingsprotokoll, GDPR art. 30), generated for one network from its
 * settings and the data model (ADR 026): the consent purposes come from consents/texts.ts, the data categories
 * list the columns of the tables that hold them, the recipients include the network's partners, and the retention
 * rules come from `retention` — the seam for the network's retention settings (privacy/, issue 9), which the caller
 * passes in. Without them the record says that the network has not set a period.
 */

type Text = { nb: string; en: string };

/** The network's retention figures in months; null: not set. Filled in from the privacy settings when they exist. */
export type RetentionFigures = {
  /** Candidates with no activity this long are anonymised. */
  candidateInactiveMonths: number | null;
  /** Access-log entries older than this are deleted. */
  accessLogMonths: number | null;
  /** Audit-trail entries older than this are deleted. */
  auditLogMonths: number | null;
};

export type ProcessingRecordInputs = {
  counts: Record<"candidates" | "employerContacts" | "mentors" | "trainees" | "staff", number>;
  partners: string[];
  retention?: RetentionFigures | undefined;
};

/** Technical columns that say nothing about the person (keys, search helpers, timestamps of the row). */
const technical = new Set(["id", "tenantId", "createdAt", "updatedAt", "sortName", "emailNorm", "phoneDigits", "nameNorm", "mergedIds", "norwegianRank", "educationRank", "userId", "candidateId", "employerId", "mentorId", "traineeId", "content"]);
const fieldsOf = (...tables: Table[]) => [...new Set(tables.flatMap((table) => Object.keys(getTableColumns(table)).filter((name) => !technical.has(name))))];

const consentPurposeNames: Record<string, Text> = {
  registration: { nb: "Registrering og oppfølging", en: "Registration and follow-up" },
  share_with_employer: { nb: "Deling med en navngitt arbeidsgiver for en navngitt stilling", en: "Sharing with a named employer for a named job" },
  mentoring: { nb: "Mentorordning", en: "Mentoring" },
  public_page: { nb: "Visning på nettverkets offentlige side", en: "Being shown on the network's public page" },
};

const consent: Text = { nb: "Samtykke (GDPR art. 6 nr. 1 a); kan trekkes når som helst", en: "Consent (GDPR art. 6(1)(a)); can be withdrawn at any time" };
const publicTask: Text = { nb: "Utøvelse av offentlig myndighet / allmennhetens interesse (art. 6 nr. 1 e)", en: "Public task (art. 6(1)(e))" };

export function processingRecord(network: typeof networks.$inferSelect, inputs: ProcessingRecordInputs, now = new Date()): ProcessingRecord {
  const retention = inputs.retention;
  const months = (value: number | null | undefined, unit: Text): Text =>
    value == null ? { nb: "Nettverket har ikke satt en periode ennå.", en: "The network has not set a period yet." } : { nb: `${value} måneder ${unit.nb}`, en: `${value} months ${unit.en}` };

  const consentPurposes = currentTexts().map((text) => ({
    key: text.purpose,
    name: consentPurposeNames[text.purpose] ?? { nb: text.purpose, en: text.purpose },
    description: { nb: text.nb, en: text.en },
    legalBasis: consent,
    consentVersion: text.version,
    dataCategories: text.purpose === "registration" ? ["contact", "competence", "case"] : text.purpose === "mentoring" ? ["contact", "mentoring"] : text.purpose === "public_page" ? ["public"] : ["contact", "competence"],
  }));
  const otherPurposes = [
    {
      key: "matching",
      name: { nb: "Matching mot stillinger", en: "Matching with jobs" },
      description: {
        nb: "Forslag til kandidater for stillinger og stillinger for kandidater, med begrunnelse. Kjønn, alder, fødeland og navn brukes aldri i rangeringen; en person bestemmer.",
        en: "Suggested candidates for jobs and jobs for candidates, with reasons. Gender, age, country of birth and name are never used in ranking; a person decides.",
      },
      legalBasis: publicTask,
      consentVersion: null,
      dataCategories: ["competence"],
    },
    {
      key: "statistics",
      name: { nb: "Statistikk og måloppnåelse", en: "Statistics and goal reporting" },
      description: {
        nb: "Tall for nettverkets mål, rettferdighetsrapport og offentlig statistikk. Bare summer; små tall skjules.",
        en: "Figures for the network's goal, the fairness report and public statistics. Aggregates only; small counts are suppressed.",
      },
      legalBasis: { nb: "Allmennhetens interesse; særlige kategorier etter art. 9 nr. 2 j (statistikk)", en: "Public task; special categories under art. 9(2)(j) (statistics)" },
      consentVersion: null,
      dataCategories: ["background", "placements"],
    },
    {
      key: "trainee_programme",
      name: { nb: "Traineeprogram", en: "Trainee programme" },
      description: { nb: "Rekruttering, plan, oppfølging og evaluering av traineer i kommunen.", en: "Recruitment, plan, follow-up and evaluation of the municipality's trainees." },
      legalBasis: { nb: "Avtale og arbeidsforhold (art. 6 nr. 1 b og c)", en: "Contract and employment (art. 6(1)(b) and (c))" },
      consentVersion: null,
      dataCategories: ["contact", "competence", "trainee"],
    },
    {
      key: "security",
      name: { nb: "Sikkerhet og revisjon", en: "Security and audit" },
      description: { nb: "Logg over endringer, oppslag og avviste forespørsler, og varsel om uvanlig tilgang.", en: "Logs of changes, reads and denied requests, and flags of unusual access." },
      legalBasis: { nb: "Rettslig forpliktelse (art. 5 nr. 2 og art. 32)", en: "Legal obligation (art. 5(2) and art. 32)" },
      consentVersion: null,
      dataCategories: ["logs"],
    },
  ];

  return {
    controller: { network: network.name, municipality: network.municipality },
    generatedAt: now.toISOString(),
    purposes: [...consentPurposes, ...otherPurposes],
    people: [
      { key: "candidates", name: { nb: "Kandidater (jobbsøkere)", en: "Candidates (job-seekers)" }, count: inputs.counts.candidates },
      { key: "employer_contacts", name: { nb: "Kontaktpersoner hos arbeidsgivere", en: "Employers' contact people" }, count: inputs.counts.employerContacts },
      { key: "mentors", name: { nb: "Mentorer (frivillige)", en: "Mentors (volunteers)" }, count: inputs.counts.mentors },
      { key: "trainees", name: { nb: "Traineer", en: "Trainees" }, count: inputs.counts.trainees },
      { key: "staff", name: { nb: "Brukere i nettverket (ansatte og partnere)", en: "The network's users (staff and partners)" }, count: inputs.counts.staff },
    ],
    dataCategories: [
      { key: "contact", name: { nb: "Kontaktopplysninger og sak", en: "Contact details and case" }, special: false, fields: fieldsOf(candidates).filter((f) => ["firstName", "lastName", "email", "phone", "municipality", "status", "advisorUserId", "partnerOrganisation"].includes(f)) },
      { key: "competence", name: { nb: "Kompetanse: språk, utdanning, erfaring, ferdigheter, ønsker", en: "Competence: languages, education, experience, skills, wishes" }, special: false, fields: fieldsOf(candidates).filter((f) => ["summary", "availableFrom", "languages", "education", "experience", "certificates", "jobWishes", "skillUris", "drivingLicences", "occupationUris"].includes(f)) },
      { key: "background", name: { nb: "Bakgrunn for statistikk (fødeland avslører etnisitet)", en: "Background for statistics (country of birth reveals ethnicity)" }, special: true, fields: fieldsOf(candidateBackgrounds) },
      { key: "case", name: { nb: "Notater og dokumenter", en: "Notes and documents" }, special: false, fields: [...fieldsOf(candidateNotes), ...fieldsOf(candidateDocuments)] },
      { key: "placements", name: { nb: "Formidlinger og oppfølging", en: "Placements and follow-up" }, special: false, fields: fieldsOf(placements) },
      { key: "mentoring", name: { nb: "Mentorordning: mentorer og møter", en: "Mentoring: mentors and meetings" }, special: false, fields: fieldsOf(mentors, mentoringMeetings) },
      { key: "trainee", name: { nb: "Traineeprogram: plan og evalueringer", en: "Trainee programme: plan and evaluations" }, special: false, fields: fieldsOf(trainees, traineeEvaluations) },
      { key: "employer_contacts", name: { nb: "Arbeidsgivernes kontaktpersoner", en: "Employers' contact people" }, special: false, fields: fieldsOf(employerContacts) },
      { key: "public", name: { nb: "Fornavn og historie på offentlig side", en: "First name and story on the public page" }, special: false, fields: ["firstName"] },
      { key: "logs", name: { nb: "Logger: endringer, oppslag, avviste forespørsler", en: "Logs: changes, reads, denied requests" }, special: false, fields: [...fieldsOf(auditLog), ...fieldsOf(accessLog)].filter((f) => f !== "before" && f !== "after").concat(["before", "after"]) },
    ],
    recipients: [
      {
        key: "employers",
        name: { nb: "Arbeidsgivere", en: "Employers" },
        condition: { nb: "Bare med kandidatens samtykke for den arbeidsgiveren og den stillingen; først uten navn.", en: "Only with the candidate's consent for that employer and that job; first without the name." },
      },
      ...inputs.partners.map((name, i) => ({
        key: `partner-${i + 1}`,
        name: { nb: name, en: name },
        condition: { nb: "Partner i nettverket; ser det rollen og saksansvaret gir tilgang til.", en: "Partner in the network; sees what its role and caseload give access to." },
      })),
      {
        key: "mentors",
        name: { nb: "Mentorer", en: "Mentors" },
        condition: { nb: "Bare egne mentees, med samtykke, og bare avtalte felt.", en: "Own mentees only, with consent, and only the agreed fields." },
      },
      {
        key: "public",
        name: { nb: "Allmennheten", en: "The public" },
        condition: network.publicStats.enabled
          ? { nb: "Samlet statistikk, der små tall er skjult; ingen personopplysninger.", en: "Aggregated statistics with small counts suppressed; no personal data." }
          : { nb: "Ingen: nettverket publiserer ikke statistikk.", en: "None: the network publishes no statistics." },
      },
    ],
    retention: [
      { key: "candidates", name: { nb: "Kandidater uten aktivitet", en: "Inactive candidates" }, rule: months(retention?.candidateInactiveMonths, { nb: "uten aktivitet, deretter anonymisert", en: "without activity, then anonymised" }), months: retention?.candidateInactiveMonths ?? null },
      { key: "access_log", name: { nb: "Tilgangslogg", en: "Access log" }, rule: months(retention?.accessLogMonths, { nb: ", deretter slettet", en: ", then deleted" }), months: retention?.accessLogMonths ?? null },
      { key: "audit_log", name: { nb: "Endringslogg", en: "Audit trail" }, rule: months(retention?.auditLogMonths, { nb: ", deretter slettet", en: ", then deleted" }), months: retention?.auditLogMonths ?? null },
      { key: "denied_requests", name: { nb: "Avviste forespørsler", en: "Denied requests" }, rule: { nb: `${deniedRetentionDays} dager, deretter slettet`, en: `${deniedRetentionDays} days, then deleted` }, months: null },
      { key: "sessions", name: { nb: "Innloggingsøkter", en: "Sign-in sessions" }, rule: { nb: `Høyst ${sessionAbsoluteMs / 3_600_000} timer`, en: `At most ${sessionAbsoluteMs / 3_600_000} hours` }, months: null },
      { key: "erasure", name: { nb: "Sletting på forespørsel", en: "Erasure on request" }, rule: { nb: "Behandlingen stopper straks; notater og dokumenter slettes.", en: "Processing stops at once; notes and documents are deleted." }, months: null },
    ],
    security: [
      { key: "access", name: { nb: "Tilgang etter rolle og saksansvar; hvert nettverk ser bare sine egne data", en: "Access by role and caseload; each network sees only its own data" } },
      { key: "logging", name: { nb: "Hvert oppslag i en persons data og hver endring logges; loggene kan ikke endres", en: "Every read of a person's data and every change is logged; the logs cannot be changed" } },
      { key: "unusual", name: { nb: "Varsel til administratorer ved uvanlig mange oppslag", en: "Admins are alerted to unusually many reads" } },
      { key: "auth", name: { nb: "Passord, tofaktor for administratorer, økter som utløper, API-nøkler lagret som hash", en: "Passwords, two-factor for admins, expiring sessions, API tokens stored as hashes" } },
      { key: "transport", name: { nb: "Kryptert forbindelse (HTTPS) og vern mot forespørsler fra andre nettsteder", en: "Encrypted connections (HTTPS) and protection against cross-site requests" } },
      { key: "minimisation", name: { nb: "Dataminimering: bakgrunn bare for statistikk, aldri i matching", en: "Data minimisation: background only for statistics, never in matching" } },
    ],
    transfers: { nb: "Ingen overføring til land utenfor EØS av Mangfold selv; driftsmiljøet avgjør resten.", en: "No transfer outside the EEA by Mangfold itself; the hosting decides the rest." },
  };
}

/** What the record reads from the database: counts of people, the partners. Retention: passed in when it exists. */
export async function processingRecordInputs(db: Db, tenantId: string, retention?: RetentionFigures): Promise<ProcessingRecordInputs> {
  const one = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const [candidateCount, contactCount, mentorCount, traineeCount, staffCount, partnerRows] = await Promise.all([
    one(db.select({ n: count() }).from(candidates).where(and(eq(candidates.tenantId, tenantId), isNull(candidates.erasureRequestedAt)))),
    one(db.select({ n: count() }).from(employerContacts).where(eq(employerContacts.tenantId, tenantId))),
    one(db.select({ n: count() }).from(mentors).where(eq(mentors.tenantId, tenantId))),
    one(db.select({ n: count() }).from(trainees).where(eq(trainees.tenantId, tenantId))),
    one(db.select({ n: count() }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.status, "active")))),
    db.select({ name: partners.name }).from(partners).where(eq(partners.tenantId, tenantId)).orderBy(partners.name),
  ]);
  return {
    counts: { candidates: candidateCount, employerContacts: contactCount, mentors: mentorCount, trainees: traineeCount, staff: staffCount },
    partners: partnerRows.map((p) => p.name),
    retention,
  };
}
