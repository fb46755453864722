import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { missingGlyphs, renderCvPdf, scriptRuns } from "./render.ts";
import type { Candidate, CvOptions } from "./render.ts";
import { emptyCandidate, richCandidate } from "./fixtures.ts";

/* The CV is checked as a reader gets it: poppler's pdftotext and pdffonts (Debian poppler-utils) read the PDF. */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-cv-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const now = new Date("2026-05-12T10:00:00Z");
let n = 0;

async function render(candidate: Candidate, options: Omit<CvOptions, "now">) {
  const pdf = await renderCvPdf(candidate, { now, ...options });
  const file = path.join(dir, `cv-${n++}.pdf`);
  fs.writeFileSync(file, pdf);
  // pdftotext marks right-to-left runs with Unicode embedding controls; the words between them are what counts.
  const text = (layout: boolean) => execFileSync("pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/[\u200e\u200f\u202a-\u202e]/g, "");
  return { pdf, file, text: text(false), layout: text(true), fonts: execFileSync("pdffonts", [file], { encoding: "utf8" }) };
}

const rich = { nb: richCandidate("nb"), en: richCandidate("en") };
const personal = ["Mariam", "Tesfay", "Ødegård", "mariam.tesfay@example.no", "912 34 567", "1988", "Eritrea", "Asmara", "Orotta"];

describe("CV in PDF", () => {
  it("full variant in bokmål: name, contact, every section in Europass order, CEFR table, æøå", async () => {
    const { pdf, text, layout } = await render(rich.nb, { variant: "full", lang: "nb", networkName: "Inkludering Drammen" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    for (const s of ["Mariam Tesfay Ødegård", "mariam.tesfay@example.no", "+47 912 34 567", "Bosted: Bærum", "Helsefagarbeider", "Assistent i hjemmetjenesten", "Bærum kommune", "Orotta National Referral Hospital", "Eritrea", "Norge", "3 år", "1,5 år", "Bachelorgrad, Sykepleie", "Yrkesfaglig utdanning, Helsearbeiderfag", "Godkjenning: delvis godkjent i Norge", "Gi personlig pleie", "Følge hygieneregler", "Morsmål:", "Tigrinja", "Arabisk", "Test: Norskprøven (14. mai 2024)", "Førerkort klasse B", "Fagbrev: Helsearbeiderfaget", "Heltid", "Bærum, Asker, Oslo", "1. august 2026", "Utarbeidet av Inkludering Drammen, 12. mai 2026", "Side 1 av 2"]) {
      expect(text).toContain(s);
    }
    const headings = ["SAMMENDRAG", "ARBEIDSERFARING", "UTDANNING", "FERDIGHETER", "SPRÅK", "FØRERKORT OG SERTIFIKATER", "ØNSKET ARBEID"];
    const positions = headings.map((h) => text.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(layout).toMatch(/Lytte\s+Lese\s+Skrive\s+Snakke/);
    expect(layout).toMatch(/Norsk\s+B2\s+B2\s+B1\s+B2/);
    expect(layout).toMatch(/Engelsk\s+C1\s+C1\s+B2\s+B2/);
    expect(layout).toMatch(/Arabisk\s+A2\s+A1\s+–\s+A2/);
    // Background is for statistics only, never in a CV; no English fixed text in a bokmål CV.
    for (const s of ["1988", "2016", "female", "kvinne", "Work experience", "Languages"]) expect(text).not.toContain(s);
  });

  it("full variant in English: headings, level words, language and country names in English", async () => {
    const { text, layout } = await render(rich.en, { variant: "full", lang: "en", networkName: "Inkludering Drammen" });
    for (const s of ["Mariam Tesfay Ødegård", "SUMMARY", "WORK EXPERIENCE", "EDUCATION", "SKILLS", "LANGUAGES", "DRIVING LICENCES AND CERTIFICATES", "JOB WISHES", "Healthcare assistant", "1.5 years", "Bachelor's degree, Nursing", "partially recognised in Norway", "Mother tongue:", "Tigrinya", "Norway", "Eritrea", "Test: Norskprøven (14 May 2024)", "Trade certificate: Health work", "Full time", "1 August 2026", "Page 1 of 2"]) {
      expect(text).toContain(s);
    }
    expect(layout).toMatch(/Listening\s+Reading\s+Writing\s+Speaking/);
    expect(layout).toMatch(/Norwegian\s+B2\s+B2\s+B1\s+B2/);
    for (const s of ["Arbeidserfaring", "Morsmål", "Norge", "1988"]) expect(text).not.toContain(s);
  });

  for (const lang of ["nb", "en"] as const) {
    it(`anonymous variant (${lang}): a neutral reference, no name, contact, age, gender or country of origin`, async () => {
      const { text, layout } = await render(rich[lang], { variant: "anonymous", lang, networkName: "Inkludering Drammen" });
      expect(text).toContain(lang === "nb" ? "Kandidat K-7e4d1c" : "Candidate K-7e4d1c");
      expect(text).toContain(lang === "nb" ? "ANONYMISERT CV" : "ANONYMISED CV");
      // The employer's contact is the advisor and the network, not the candidate.
      expect(text).toContain("Kari Veileder, Inkludering Drammen");
      for (const s of personal) expect(text).not.toContain(s);
      for (const s of ["+47", "Bosted", "Lives in", "E-post", "E-mail:", "female", "kvinne"]) expect(text).not.toContain(s);
      // Abroad instead of the country; employer and institution abroad left out; Norwegian ones kept.
      expect(text).toContain(lang === "nb" ? "utlandet" : "abroad");
      expect(text).toContain("Bærum kommune");
      expect(text).toContain("Sandvika videregående skole");
      // The competence is all there.
      expect(text).toContain(lang === "nb" ? "Bachelorgrad, Sykepleie" : "Bachelor's degree, Nursing");
      expect(text).toContain(lang === "nb" ? "delvis godkjent i Norge" : "partially recognised in Norway");
      expect(layout).toMatch(lang === "nb" ? /Norsk\s+B2\s+B2\s+B1\s+B2/ : /Norwegian\s+B2\s+B2\s+B1\s+B2/);
      // The name and contact details written into free text are masked.
      expect(text).toMatch(/K-7e4d1c (er utdannet|is a trained)/);
      expect(text).toMatch(/(Nås på|Reach her at)\s+\[…\]\s+(eller|or)\s+\[…\]\./);
    });
  }

  it.each([
    ["Arabic", "محمد", "عبد الله الأحمد", "NotoSansArabic"],
    ["Ukrainian", "Олена", "Коваленко-Шевчук", "NotoSans-Bold"],
    ["Tigrinya", "ሰላም", "ተስፋይ ገብረሚካኤል", "NotoSansEthiopic"],
    ["Polish", "Łukasz", "Wójcik-Żółć", "NotoSans-Bold"],
  ])("a name in %s renders with embedded fonts and every glyph", async (_script, firstName, lastName, font) => {
    const name = `${firstName} ${lastName}`;
    expect(missingGlyphs(name)).toEqual([]);
    const { text, fonts } = await render(emptyCandidate({ firstName, lastName, summary: `${name} snakker norsk.` }), { variant: "full", lang: "nb" });
    expect(text).toContain(name);
    expect(fonts).toContain(font);
    const rows = fonts.trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThan(0);
    // Columns: name, type, encoding, emb, sub, uni, object, id — every font embedded and with a Unicode map.
    for (const row of rows) expect(row.trim().split(/\s+/).slice(-5, -2)).toEqual(["yes", "yes", "yes"]);
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
  });

  it("keeps the text layer right after other documents used the same glyphs (ó, ﬁ ligature)", async () => {
    await render(emptyCandidate({ firstName: "Łukasz", lastName: "Wójcik-Żółć", summary: "Wójcik profilerer fiskeoppdrett." }), { variant: "full", lang: "nb" });
    const { text } = await render(emptyCandidate({ summary: "Ola Nordmann profilerer fiskeoppdrett." }), { variant: "full", lang: "nb" });
    expect(text).toContain("Ola Nordmann");
    expect(text).toContain("Ola Nordmann profilerer fiskeoppdrett.");
  });

  it("finds characters the fonts cannot show", () => {
    expect(missingGlyphs("漢字 Ola")).toEqual(["漢", "字"]);
  });

  it("splits text into runs by script, keeping spaces inside a right-to-left name", () => {
    expect(scriptRuns("Navn: محمد عبد (Oslo)")).toEqual([
      { script: "latin", text: "Navn: " },
      { script: "arabic", text: "محمد عبد" },
      { script: "latin", text: " (Oslo)" },
    ]);
    expect(scriptRuns("")).toEqual([]);
  });

  it("an empty profile renders a one-page CV without error in both variants", async () => {
    for (const variant of ["full", "anonymous"] as const) {
      const { text } = await render(emptyCandidate(), { variant, lang: "nb" });
      expect(text).toContain(variant === "full" ? "Ola Nordmann" : "Kandidat K-3f9c2a");
      expect(text).toContain("Profilen har ennå ingen opplysninger om kompetanse.");
      expect(text).toContain("Side 1 av 1");
      expect(text).not.toContain("SAMMENDRAG");
    }
  });

  it("renders fast", async () => {
    await renderCvPdf(rich.nb, { variant: "full", lang: "nb" });
    const count = 10;
    const started = performance.now();
    for (let i = 0; i < count; i++) await renderCvPdf(rich.nb, { variant: i % 2 ? "full" : "anonymous", lang: i % 4 < 2 ? "nb" : "en" });
    const perCv = (performance.now() - started) / count;
    console.info(`CV rendering: ${perCv.toFixed(0)} ms per CV (two pages)`);
    expect(perCv).toBeLessThan(400);
  });
});
