import PDFDocument from "pdfkit";
import { fonts, scriptRuns } from "../cv/render.ts";
import type { AccessReport } from "./access-report.ts";
import { roleNb as roles } from "./access-report.ts";

/*
 * The access report as a readable PDF in bokmål (pdfkit, the CV's embedded Noto fonts, one font per script run
 * so names in Arabic or Ge'ez script show). Plain sections of labelled lines, in the order of the JSON.
 */

const margin = 54;
const colour = { text: "#1b1f23", muted: "#5a6570", accent: "#1f5a73" };

const purposes: Record<string, string> = {
  follow_up: "oppfølging",
  matching: "matching",
  access_request: "innsyn",
  export: "eksport",
  employer_view: "arbeidsgiver så den delte CV-en",
  mentoring: "mentorordning",
  placement: "ansettelse",
  trainee_programme: "traineeprogram",
  trainee_recruitment: "traineerekruttering",
};
const consentPurposes: Record<string, string> = {
  registration: "Registrering og oppfølging",
  share_with_employer: "Deling med arbeidsgiver",
  mentoring: "Mentorordning",
  public_page: "Offentlig nettside",
};

const day = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat("nb-NO", { dateStyle: "long", timeZone: "Europe/Oslo" }).format(new Date(iso)) : "–");
const time = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat("nb-NO", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Oslo" }).format(new Date(iso)) : "–");
const whoText = (who: { role: string | null; organisation: string } | null | undefined) => (who ? `${who.role ? (roles[who.role] ?? who.role) : "tidligere bruker"}, ${who.organisation}` : "–");
/** A value as plain text: lists joined by semicolons, records as "field: value", empty as a dash. */
const json = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "–";
  if (Array.isArray(value)) return value.length === 0 ? "–" : value.map(json).join("; ");
  if (typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${k}: ${json(v)}`);
    return parts.length > 0 ? parts.join(", ") : "–";
  }
  return String(value);
};

export async function renderAccessReportPdf(report: AccessReport): Promise<Buffer> {
  const loaded = fonts();
  const name = `${report.profile.firstName} ${report.profile.lastName}`.trim();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: margin, left: margin, right: margin, bottom: margin },
    font: loaded.latin as unknown as string,
    lang: "nb-NO",
    displayTitle: true,
    info: { Title: `Innsyn – ${name}`, Author: report.network, Creator: "Mangfold", CreationDate: new Date(report.generatedAt) },
  });
  for (const [fontName, font] of Object.entries(loaded)) doc.registerFont(fontName, font as unknown as string);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * margin;

  const write = (text: string, size: number, options: { bold?: boolean; color?: string; gap?: number } = {}) => {
    const runs = scriptRuns(text || "–");
    doc.fillColor(options.color ?? colour.text).fontSize(size);
    runs.forEach((run, i) => {
      const font = run.script === "latin" ? (options.bold ? "latinBold" : "latin") : run.script === "arabic" ? (options.bold ? "arabicBold" : "arabic") : options.bold ? "ethiopicBold" : "ethiopic";
      doc.font(font);
      const runOptions = { width, lineGap: 1.5, continued: i < runs.length - 1, ...(run.script === "arabic" ? { features: ["kern" as const] } : {}) };
      if (i === 0) doc.text(run.text, margin, doc.y, runOptions);
      else doc.text(run.text, runOptions);
    });
    doc.moveDown(options.gap ?? 0.15);
  };
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.6);
    write(text, 13, { bold: true, color: colour.accent, gap: 0.3 });
  };
  const line = (label: string, value: unknown) => write(`${label}: ${json(value)}`, 9.5);
  const empty = (items: unknown[]) => {
    if (items.length === 0) write("Ingen.", 9.5, { color: colour.muted });
    return items.length === 0;
  };

  write("Innsyn i egne opplysninger", 20, { bold: true, gap: 0.2 });
  write(`${name} – ${report.network}`, 12, { gap: 0.2 });
  write(
    `Laget ${time(report.generatedAt)}. Her er alt nettverket har registrert om deg: profilen, bakgrunnsopplysningene, dokumentene, notatene, hva som har skjedd, samtykkene, når du ble foreslått til stillinger, hva som er delt med arbeidsgivere, ansettelser, og hvem som har lest opplysningene dine og hvorfor.`,
    9.5,
    { color: colour.muted },
  );

  heading("Profil");
  const p = report.profile;
  line("Navn", name);
  line("E-post", p.email);
  line("Telefon", p.phone);
  line("Kommune", p.municipality);
  line("Om meg", p.summary);
  line("Status", p.status);
  line("Partnerorganisasjon", p.partnerOrganisation);
  line("Tilgjengelig fra", p.availableFrom);
  line("Språk", p.languages.map((l) => `${l.code}${l.native ? " (morsmål)" : ""} ${[l.listening, l.reading, l.writing, l.speaking].map((x) => x ?? "–").join("/")}`).join(", ") || "–");
  line("Utdanning", p.education);
  line("Arbeidserfaring", p.experience);
  line("Sertifikater og kurs", p.certificates);
  line("Ønsker", p.jobWishes);
  line("Ferdigheter", p.skillUris.join(", ") || "–");
  line("Førerkort", p.drivingLicences.join(", ") || "–");
  line("Registrert", day(p.registeredAt));
  if (p.erasureRequestedAt) line("Ba om sletting", day(p.erasureRequestedAt));
  if (p.anonymisedAt) line("Anonymisert", day(p.anonymisedAt));

  heading("Bakgrunn (brukes bare til statistikk)");
  if (report.background) {
    line("Fødeland", report.background.countryOfBirth);
    line("Ankomstår", report.background.arrivalYear);
    line("Kjønn", report.background.gender);
    line("Fødselsår", report.background.birthYear);
  } else write("Ingen.", 9.5, { color: colour.muted });

  heading("Dokumenter");
  if (!empty(report.documents)) for (const d of report.documents) write(`${d.name} (${d.contentType}, ${Math.ceil(d.size / 1024)} kB) – lastet opp ${day(d.uploadedAt)} av ${whoText(d.uploadedBy)}`, 9.5);

  heading("Notater");
  if (!empty(report.notes)) for (const n of report.notes) write(`${day(n.writtenAt)} (${whoText(n.by)}): ${n.text}`, 9.5);

  heading("Tidslinje");
  if (!empty(report.timeline)) for (const e of report.timeline) write(`${day(e.at)} – ${e.title}${e.detail ? `. ${e.detail}` : ""}`, 9.5);

  heading("Samtykker");
  if (!empty(report.consents))
    for (const c of report.consents) {
      write(`${consentPurposes[c.purpose] ?? c.purpose} – gitt ${day(c.givenAt)}${c.withdrawnAt ? `, trukket ${day(c.withdrawnAt)}` : ""} (tekst ${c.textVersion})`, 9.5, { bold: true });
      write(c.text, 9, { color: colour.muted, gap: 0.4 });
    }

  heading("Forslag fra matchingen");
  if (!empty(report.matches))
    for (const m of report.matches) {
      if (m.direction === "jobs_for_candidate") write(`${time(m.at)} – ${m.jobsShown ?? 0} stillinger ble foreslått for deg (${whoText(m.by)})`, 9.5);
      else write(`${time(m.at)} – foreslått som nr. ${m.rank ?? "–"} til «${m.job ?? "ukjent"}»${m.employer ? ` hos ${m.employer}` : ""} (${whoText(m.by)})`, 9.5);
    }

  heading("Kandidatlister og deling med arbeidsgivere");
  if (!empty(report.candidateLists))
    for (const e of report.candidateLists) {
      write(`«${e.job}»${e.employer ? ` hos ${e.employer}` : ""}: ${e.stage}${e.sharedAt ? `, delt (${e.sharedVariant === "full" ? "hel CV" : "anonym CV"}) ${day(e.sharedAt)}` : ", ikke delt"}${e.employerResponse ? `, svar: ${e.employerResponse}` : ""}`, 9.5);
      for (const s of e.stages) write(`   ${day(s.at)}: ${s.from ?? "–"} → ${s.to}${s.note ? ` (${s.note})` : ""}`, 9);
    }

  heading("Ansettelser og oppfølging");
  if (!empty(report.placements))
    for (const pl of report.placements) {
      write(`${pl.employer}: ${pl.type}, fra ${pl.startDate}${pl.endDate ? ` til ${pl.endDate}` : ""}`, 9.5);
      for (const f of pl.followUps) write(`   Etter ${f.months} måneder (${f.dueOn}): ${f.stillEmployed === null ? "ikke svart" : f.stillEmployed ? "fortsatt i jobb" : "ikke lenger i jobb"}${f.note ? ` – ${f.note}` : ""}`, 9);
    }

  heading("Traineeprogrammet");
  if (!empty([...report.traineeRecruitment, ...report.traineeProgramme])) {
    for (const s of report.traineeRecruitment) write(`Rekruttering: «${s.need}» (${s.unit}): ${s.status}${s.decisionReason ? ` – ${s.decisionReason}` : ""}`, 9.5);
    for (const t of report.traineeProgramme) write(`Trainee i ${t.cohort}, ${t.unit}: ${t.startDate}–${t.endDate}, ${t.status}${t.outcome ? `, utfall: ${t.outcome}` : ""}`, 9.5);
  }

  heading("Hvem har lest opplysningene dine");
  if (!empty(report.accessLog)) for (const a of report.accessLog) write(`${time(a.at)} – ${purposes[a.purpose] ?? a.purpose} – ${whoText(a)}`, 9);

  doc.end();
  return done;
}
