import fs from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import type { Font } from "fontkit";
import PDFDocument from "pdfkit";
import type { z } from "zod";
import type { candidateSchema } from "../../shared/candidates.ts";
import { languageSubSkills } from "../../shared/candidates.ts";
import { countryName, cvTexts, formatDate, languageName } from "./texts.ts";
import type { CvLang, CvTexts } from "./texts.ts";

/*
 * The candidate's CV as a PDF (issue 3): Europass-like order — name and contact, summary, work experience,
 * education, skills, languages with CEFR per sub-skill, driving licences and certificates, job wishes — in bokmål
 * or English. Laid out with pdfkit; fonts are Noto Sans (Latin, Cyrillic, Greek), Noto Sans Arabic and Noto
 * Sans Ethiopic (Tigrinya, Amharic) from npm packages, embedded as subsets, so names in those scripts render.
 *
 * Script handling: pdfkit has no font fallback, so text is split into runs by script and each run gets its font.
 * fontkit shapes Arabic (joining forms, ligatures) and puts a right-to-left run in visual order (see Writer.text).
 * This is right for names and phrases. Not done: a full bidirectional layout — an Arabic run inside a Latin line
 * stays in the Latin line's order, an Arabic paragraph is aligned left, and digits inside Arabic text follow the
 * Arabic run. Every glyph shows in any case (no boxes), and the text layer keeps the logical order.
 *
 * The background (country of birth, arrival year, gender, birth year) is never in a CV, in either variant: it is
 * kept for statistics only (DESIGN.md).
 *
 * The anonymous variant (for first sharing with employers, "to reduce discrimination in hiring") leaves out, in
 * addition: the name (a neutral reference "Kandidat K-xxxxxx" instead), contact details (e-mail, phone,
 * municipality of residence), and anything that points at the country of origin:
 * - experience and education abroad show "utlandet"/"abroad" instead of the country, and the employer or
 *   institution name of those entries is left out, because names such as "University of Asmara" or "Aleppo
 *   Textiles" reveal the country as plainly as the country itself. What the employer needs to judge the
 *   competence stays: occupation, title, years, level and field of education, and whether the education is
 *   recognised in Norway. Entries in Norway keep their employer and institution (they reveal nothing about origin
 *   and are references an employer can check); entries without a country keep them too.
 * - the candidate's own name, e-mail address and phone number are masked where they occur in free text
 *   (summary, descriptions); other identifying details in free text are the advisor's responsibility.
 * Languages stay, with levels and mother tongue: they are a qualification the employer asks for, and a language
 * is shared by many countries.
 */

export type Candidate = z.infer<typeof candidateSchema>;
export type CvOptions = { variant: "full" | "anonymous"; lang: CvLang; networkName?: string; now?: Date };

const require = createRequire(import.meta.url);
const fontFiles = {
  latin: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  latinSemibold: "@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf",
  latinBold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  arabic: "@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf",
  arabicBold: "@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf",
  ethiopic: "@expo-google-fonts/noto-sans-ethiopic/400Regular/NotoSansEthiopic_400Regular.ttf",
  ethiopicBold: "@expo-google-fonts/noto-sans-ethiopic/700Bold/NotoSansEthiopic_700Bold.ttf",
} as const;
type FontName = keyof typeof fontFiles;

/* Parsed once per process and shared by every document: parsing the tables of three font families costs some
 * hundred milliseconds, while pdfkit makes a fresh subset per document from the shared font object. */
let fontCache: Record<FontName, Font> | null = null;
export function fonts(): Record<FontName, Font> {
  if (fontCache) return fontCache;
  const loaded = {} as Record<FontName, Font>;
  for (const [name, file] of Object.entries(fontFiles) as [FontName, string][]) {
    let data: Buffer;
    try {
      data = fs.readFileSync(require.resolve(file));
    } catch {
      throw new Error(`The CV font ${file} is missing. Run "npm ci" (the font packages are dependencies of mangfold).`);
    }
    const font = fontkit.create(data) as Font;
    // fontkit caches one glyph object per glyph, with the characters it was first made for, and pdfkit writes
    // those characters into the PDF's text layer. A glyph first made while shaping (the "o" of a decomposed "ó")
    // has none, and every later "o" would then be lost to copy, search and screen readers. Making each glyph
    // from its own character first keeps the text layer right. Presentation forms (the "ﬁ" ligature, Arabic
    // joining forms) are left to shaping, which gives them the characters they stand for. The Arabic fonts are
    // left to shaping altogether: their marks (hamza) would otherwise take over the letters they are part of.
    if (!name.startsWith("arabic")) {
      for (const codePoint of font.characterSet) if (codePoint < 0xfb00 || codePoint > 0xfeff) font.glyphForCodePoint(codePoint);
    }
    loaded[name] = font;
  }
  fontCache = loaded;
  return loaded;
}

// ---- Layout constants (points; A4 is 595 × 842)
const page = { width: 595.28, height: 841.89, margin: 54, bottom: 64 };
const contentWidth = page.width - 2 * page.margin;
const leftColumn = 86;
const gutter = 14;
const colour = { text: "#1b1f23", muted: "#5a6570", accent: "#1f5a73", rule: "#c5d3db", fill: "#edf3f6" };

type Weight = "regular" | "semibold" | "bold";
type Script = "latin" | "arabic" | "ethiopic";
type Style = { size: number; weight?: Weight; color?: string; lineGap?: number; align?: "left" | "center" | "right"; characterSpacing?: number };

function scriptOf(ch: string): Script | null {
  const c = ch.codePointAt(0)!;
  if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) return "arabic";
  if ((c >= 0x1200 && c <= 0x139f) || (c >= 0x2d80 && c <= 0x2ddf) || (c >= 0xab00 && c <= 0xab2f)) return "ethiopic";
  if (/[\p{L}\p{M}]/u.test(ch)) return "latin";
  return null;
}

/** Splits text into runs of one script. Neutral characters (spaces, digits, punctuation) between two letters of
 * the same script belong to that script's run; elsewhere they are set in the Latin font. */
export function scriptRuns(text: string): { script: Script; text: string }[] {
  const chars = Array.from(text);
  const strong = chars.map(scriptOf);
  const next: (Script | null)[] = new Array(chars.length).fill(null);
  let upcoming: Script | null = null;
  for (let i = chars.length - 1; i >= 0; i--) {
    next[i] = upcoming;
    if (strong[i]) upcoming = strong[i]!;
  }
  const runs: { script: Script; text: string }[] = [];
  let previous: Script | null = null;
  chars.forEach((ch, i) => {
    let script = strong[i];
    if (!script) script = previous && previous !== "latin" && next[i] === previous ? previous : "latin";
    else previous = script;
    const last = runs.at(-1);
    if (last && last.script === script) last.text += ch;
    else runs.push({ script, text: ch });
  });
  return runs;
}

/** The characters of `text` that the CV's fonts cannot show (they would print as empty boxes). */
export function missingGlyphs(text: string): string[] {
  const loaded = fonts();
  const missing = new Set<string>();
  for (const run of scriptRuns(text)) {
    const font = loaded[fontFor(run.script, "regular")];
    for (const ch of run.text) if (!/\s/u.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
  }
  return [...missing];
}

function fontFor(script: Script, weight: Weight): FontName {
  if (script === "latin") return weight === "bold" ? "latinBold" : weight === "semibold" ? "latinSemibold" : "latin";
  const bold = weight !== "regular";
  return script === "arabic" ? (bold ? "arabicBold" : "arabic") : bold ? "ethiopicBold" : "ethiopic";
}

class Writer {
  readonly doc: PDFKit.PDFDocument;
  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  /** Writes text at (x, y) within width, switching fonts by script; returns the y below it. */
  text(text: string, x: number, y: number, width: number, style: Style): number {
    const doc = this.doc;
    const weight = style.weight ?? "regular";
    const runs = scriptRuns(text);
    if (runs.length === 0) return y;
    doc.fillColor(style.color ?? colour.text).fontSize(style.size);
    const options = { width, lineGap: style.lineGap ?? 1.5, align: style.align ?? "left", characterSpacing: style.characterSpacing ?? 0 };
    runs.forEach((run, i) => {
      doc.font(fontFor(run.script, weight));
      // With explicit features pdfkit shapes each line's part of the run in one piece instead of word by word,
      // so fontkit puts the whole right-to-left run (not just each word) in visual order.
      const runOptions = { ...options, continued: i < runs.length - 1, ...(run.script === "arabic" ? { features: ["kern" as const] } : {}) };
      if (i === 0) doc.text(run.text, x, y, runOptions);
      else doc.text(run.text, runOptions);
    });
    return doc.y;
  }

  height(text: string, width: number, style: Style): number {
    if (!text) return 0;
    this.doc.font(fontFor("latin", style.weight ?? "regular")).fontSize(style.size);
    return this.doc.heightOfString(text, { width, lineGap: style.lineGap ?? 1.5 });
  }

  /** Starts a new page when fewer than `needed` points are left. */
  ensure(y: number, needed: number): number {
    if (y + needed <= page.height - page.bottom) return y;
    this.doc.addPage();
    return page.margin;
  }

  rule(y: number, weight: number, color: string, x = page.margin, width = contentWidth) {
    this.doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(weight).strokeColor(color).stroke().restore();
  }
}

const body: Style = { size: 9.5, lineGap: 2 };
const small: Style = { size: 8.5, color: colour.muted, lineGap: 1.5 };
const strongStyle: Style = { size: 10.5, weight: "semibold" };

const capitalise = (s: string, locale: string) => (s ? s.charAt(0).toLocaleUpperCase(locale) + s.slice(1) : s);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Masks the candidate's name (with the reference), e-mail addresses and phone number ("[…]") in free text for
 * the anonymous variant. */
function masker(candidate: Candidate, ref: string): (text: string) => string {
  const patterns: [RegExp, string][] = [];
  patterns.push([/[^\s@]+@[^\s@]+\.[^\s@]+/g, "[…]"]);
  const digits = (candidate.phone ?? "").replace(/\D/g, "").slice(-8);
  if (digits.length >= 5) patterns.push([new RegExp(`(\\+\\d{1,3}[\\s-]*)?${Array.from(digits).join("[\\s().-]*")}`, "g"), "[…]"]);
  for (const name of [`${candidate.firstName} ${candidate.lastName}`, candidate.lastName, candidate.firstName]) {
    const trimmed = name.trim();
    if (trimmed.length >= 2) patterns.push([new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, "giu"), ref]);
  }
  return (text) => patterns.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/** Renders the CV; resolves to the PDF's bytes. */
export async function renderCvPdf(candidate: Candidate, options: CvOptions): Promise<Buffer> {
  const t: CvTexts = cvTexts[options.lang];
  const anonymous = options.variant === "anonymous";
  const ref = `K-${candidate.id.replace(/-/g, "").slice(0, 6)}`;
  const heading = anonymous ? t.candidateRef(ref) : `${candidate.firstName} ${candidate.lastName}`.trim();
  const mask = anonymous ? masker(candidate, ref) : (s: string) => s;
  const loaded = fonts();

  const doc = new PDFDocument({
    size: "A4",
    margins: { top: page.margin, left: page.margin, right: page.margin, bottom: page.bottom },
    bufferPages: true,
    font: loaded.latin as unknown as string,
    lang: t.locale,
    displayTitle: true,
    info: { Title: `CV – ${heading}`, Author: options.networkName ?? "Mangfold", Creator: "Mangfold", CreationDate: options.now ?? new Date() },
  });
  for (const [name, font] of Object.entries(loaded)) doc.registerFont(name, font as unknown as string);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const w = new Writer(doc);
  const x0 = page.margin;
  const xRight = x0 + leftColumn + gutter;
  const rightWidth = contentWidth - leftColumn - gutter;
  const locale = t.locale;
  const place = (country: string | null) => (!country ? "" : anonymous && country !== "NO" ? t.abroad : countryName(country, options.lang));
  const hideName = (country: string | null) => anonymous && country !== null && country !== "NO";

  // ---- Header
  let y = page.margin;
  y = w.text((anonymous ? t.anonymousTitle : t.title).toLocaleUpperCase(locale), x0, y, contentWidth, { size: 8, color: colour.accent, weight: "semibold", characterSpacing: 1.2 });
  y = w.text(heading, x0, y + 2, contentWidth, { size: 22, weight: "bold", lineGap: 0 });
  const contact = anonymous
    ? [t.anonymousNote, candidate.advisor || options.networkName ? t.contactVia(candidate.advisor?.name ?? null, options.networkName ?? null) : ""]
    : [[candidate.email && `${t.email}: ${candidate.email}`, candidate.phone && `${t.phone}: ${candidate.phone}`, candidate.municipality && `${t.municipality}: ${candidate.municipality}`].filter(Boolean).join("   ·   ")];
  for (const line of contact.filter(Boolean)) y = w.text(line, x0, y + 3, contentWidth, { size: 9, color: colour.muted });
  y += 10;
  w.rule(y, 2, colour.accent);
  y += 6;

  const section = (title: string, firstBlockHeight: number) => {
    y = w.ensure(y + 14, 30 + firstBlockHeight);
    w.text(title.toLocaleUpperCase(locale), x0, y, contentWidth, { size: 10, weight: "bold", color: colour.accent, characterSpacing: 0.8 });
    y = doc.y + 3;
    w.rule(y, 0.6, colour.rule);
    y += 8;
  };

  /** A two-column entry: a short label on the left (years), the lines on the right. */
  const entry = (left: string, lines: { text: string; style: Style }[]) => {
    const present = lines.filter((l) => l.text);
    const needed = present.reduce((h, l) => h + w.height(l.text, rightWidth, l.style) + 2, 0);
    y = w.ensure(y, Math.min(needed, 200));
    const top = y;
    let yy = top;
    for (const line of present) yy = w.text(line.text, xRight, yy, rightWidth, line.style) + 2;
    const leftBottom = left ? w.text(left, x0, top + 1.5, leftColumn, { size: 9, color: colour.muted }) : top;
    y = Math.max(yy, leftBottom) + 7;
  };

  let anything = false;

  if (candidate.summary.trim()) {
    anything = true;
    const text = mask(candidate.summary.trim());
    section(t.headings.summary, w.height(text, contentWidth, body));
    y = w.text(text, x0, y, contentWidth, { ...body, size: 10 }) + 4;
  }

  if (candidate.experience.length > 0) {
    anything = true;
    section(t.headings.experience, 40);
    for (const e of candidate.experience) {
      const where = [e.title, hideName(e.country) ? "" : e.employer, place(e.country)].filter(Boolean).join("  ·  ");
      entry(t.years(e.years), [
        { text: capitalise(e.occupationLabel, locale), style: strongStyle },
        { text: where, style: { ...body, color: colour.muted } },
        { text: mask(e.description.trim()), style: body },
      ]);
    }
  }

  if (candidate.education.length > 0) {
    anything = true;
    section(t.headings.education, 40);
    for (const e of candidate.education) {
      const what = [t.educationLevels[e.level], e.field].filter(Boolean).join(", ");
      const where = [hideName(e.country) ? "" : e.institution, place(e.country)].filter(Boolean).join("  ·  ");
      const abroad = e.country !== "NO" && (e.country !== null || e.recognition !== "not_applied");
      entry(e.yearCompleted ? String(e.yearCompleted) : "", [
        { text: capitalise(what, locale), style: strongStyle },
        { text: where, style: { ...body, color: colour.muted } },
        { text: abroad ? `${t.recognitionLabel}: ${t.recognition[e.recognition]}` : "", style: body },
      ]);
    }
  }

  if (candidate.skills.length > 0) {
    anything = true;
    const text = candidate.skills.map((s) => capitalise(s.label, locale)).join("   ·   ");
    section(t.headings.skills, w.height(text, contentWidth, body));
    y = w.text(text, x0, y, contentWidth, { ...body, lineGap: 4 }) + 4;
  }

  if (candidate.languages.length > 0) {
    anything = true;
    const natives = candidate.languages.filter((l) => l.native);
    const others = candidate.languages.filter((l) => !l.native);
    // Keeps a short table together with its heading.
    section(t.headings.languages, Math.min(320, (natives.length ? 22 : 0) + (others.length ? 40 + 26 * others.length : 0)));
    if (natives.length > 0) {
      w.text(`${t.native}:`, x0, y, leftColumn + gutter, { ...body, color: colour.muted });
      y = w.text(natives.map((l) => languageName(l.code, options.lang)).join(", "), xRight, y, rightWidth, { ...body, weight: "semibold" }) + 6;
    }
    if (others.length > 0) {
      const nameWidth = 170;
      const cellWidth = (contentWidth - nameWidth) / languageSubSkills.length;
      const pad = 5;
      const drawHeader = () => {
        doc.save().rect(x0, y, contentWidth, 18).fill(colour.fill).restore();
        w.text(t.language, x0 + pad, y + 4.5, nameWidth - 2 * pad, { size: 8.5, weight: "semibold", color: colour.muted });
        languageSubSkills.forEach((s, i) => w.text(t.subSkills[s], x0 + nameWidth + i * cellWidth, y + 4.5, cellWidth, { size: 8.5, weight: "semibold", color: colour.muted, align: "center" }));
        y += 18;
      };
      drawHeader();
      for (const l of others) {
        const name = languageName(l.code, options.lang);
        const test = l.testName ? t.test(l.testName, l.testDate ? formatDate(l.testDate, options.lang) : null) : "";
        const rowHeight = Math.max(20, 8 + w.height(name, nameWidth - 2 * pad, { size: 9.5, weight: "semibold" }) + (test ? w.height(test, nameWidth - 2 * pad, small) : 0));
        const before = y;
        y = w.ensure(y, rowHeight);
        if (y !== before) drawHeader();
        let yy = w.text(name, x0 + pad, y + 4, nameWidth - 2 * pad, { size: 9.5, weight: "semibold" });
        if (test) yy = w.text(test, x0 + pad, yy, nameWidth - 2 * pad, small);
        languageSubSkills.forEach((s, i) => {
          w.text(l[s] ?? "–", x0 + nameWidth + i * cellWidth, y + 4, cellWidth, { size: 10, weight: l[s] ? "semibold" : "regular", color: l[s] ? colour.text : colour.muted, align: "center" });
        });
        y = Math.max(yy + 4, y + rowHeight);
        w.rule(y, 0.5, colour.rule);
      }
      y = w.text(t.cefrLegend, x0, y + 5, contentWidth, { ...small, size: 7.5 }) + 2;
    }
  }

  if (candidate.drivingLicences.length > 0 || candidate.certificates.length > 0) {
    anything = true;
    section(t.headings.licences, 20);
    if (candidate.drivingLicences.length > 0) entry("", [{ text: `${t.drivingLicence} ${candidate.drivingLicences.join(", ")}`, style: body }]);
    for (const c of candidate.certificates) {
      entry(c.year ? String(c.year) : "", [{ text: `${t.certificateTypes[c.type]}: ${c.name}`, style: body }]);
    }
  }

  const wishes = candidate.jobWishes;
  const hasWishes = wishes.occupations.length > 0 || wishes.municipalities.length > 0 || wishes.extent !== "any" || candidate.availableFrom;
  if (hasWishes) {
    anything = true;
    section(t.headings.wishes, 20);
    const row = (label: string, value: string) => {
      if (!value) return;
      y = w.ensure(y, 16);
      w.text(label, x0, y, leftColumn, { ...body, color: colour.muted });
      y = w.text(value, xRight, y, rightWidth, body) + 4;
    };
    row(t.wishedOccupations, wishes.occupations.map((o) => capitalise(o.label, locale)).join(", "));
    row(t.wishedPlaces, wishes.municipalities.join(", "));
    row(t.extent, t.extents[wishes.extent]);
    row(t.availableFrom, candidate.availableFrom ? formatDate(candidate.availableFrom, options.lang) : "");
  }

  if (!anything) {
    y = w.text(t.empty, x0, y + 14, contentWidth, { ...body, color: colour.muted });
  }

  // ---- Footer on every page (below the bottom margin, so the margin is lifted while writing it)
  const range = doc.bufferedPageRange();
  const today = formatDate((options.now ?? new Date()).toISOString().slice(0, 10), options.lang);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const fy = page.height - page.bottom + 24;
    w.rule(fy - 6, 0.5, colour.rule);
    w.text(t.preparedBy(options.networkName ?? null, today), x0, fy, contentWidth * 0.7, { size: 7.5, color: colour.muted });
    w.text(t.page(i - range.start + 1, range.count), x0 + contentWidth * 0.7, fy, contentWidth * 0.3, { size: 7.5, color: colour.muted, align: "right" });
    doc.page.margins.bottom = bottomMargin;
  }

  doc.end();
  return done;
}
