import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { fonts } from "../cv/render.ts";
import { formatDate } from "../cv/texts.ts";
import { formatOrgNumber } from "../../shared/orgnr.ts";

/*
 * The certificate as a PDF, A4 landscape, to print and frame: the membership certificate (medlemsbevis) or the
 * certification ("Sertifisert inkluderende arbeidsgiver"), in the network's name and theme colour, with the
 * employer's name and organisation number, the issue date, the date it is valid until, and the verification code,
 * printed and as a QR code (drawn as vector squares, and a link) to PUBLIC_URL/verify/{code}.
 * Noto Sans from the same embedded fonts as the CV.
 */

export type CertificateLang = "nb" | "en";
export type CertificatePdfInput = {
  kind: "membership" | "certification";
  code: string;
  issuedAt: Date;
  validUntil: string;
  employer: { name: string; orgNumber: string };
  network: { name: string; themeColor: string };
  publicUrl: string;
  lang: CertificateLang;
};

type Texts = {
  locale: string;
  title: Record<CertificatePdfInput["kind"], string>;
  seal: Record<CertificatePdfInput["kind"], string>;
  certifies: string;
  orgNumber: string;
  statement: Record<CertificatePdfInput["kind"], (network: string) => string>;
  issued: string;
  validUntil: string;
  signature: (network: string) => string;
  verify: string;
  code: string;
};

export const certificateTexts: Record<CertificateLang, Texts> = {
  nb: {
    locale: "nb-NO",
    title: { membership: "Medlemsbevis", certification: "Sertifisert inkluderende arbeidsgiver" },
    seal: { membership: "MEDLEM", certification: "SERTIFISERT" },
    certifies: "Dette bekrefter at",
    orgNumber: "Org.nr.",
    statement: {
      membership: (network) =>
        `er medlem av ${network}, et lokalt nettverk der arbeidsgivere, kommunen, NAV og frivillige sammen hjelper innvandrere inn i ordinært, lønnet arbeid.`,
      certification: (network) =>
        `er sertifisert av ${network} som inkluderende arbeidsgiver. Virksomheten har ansatt innvandrere gjennom nettverket og viser vei for andre arbeidsgivere.`,
    },
    issued: "Utstedt",
    validUntil: "Gyldig til og med",
    signature: (network) => `For ${network}`,
    verify: "Kontroller at beviset er ekte:",
    code: "Kontrollkode",
  },
  en: {
    locale: "en-GB",
    title: { membership: "Certificate of Membership", certification: "Certified Inclusive Employer" },
    seal: { membership: "MEMBER", certification: "CERTIFIED" },
    certifies: "This is to certify that",
    orgNumber: "Org. no.",
    statement: {
      membership: (network) =>
        `is a member of ${network}, a local network in which employers, the municipality, NAV and volunteers together help immigrants into ordinary paid work.`,
      certification: (network) =>
        `is certified by ${network} as an inclusive employer. The business has hired immigrants through the network and shows other employers the way.`,
    },
    issued: "Issued",
    validUntil: "Valid until",
    signature: (network) => `For ${network}`,
    verify: "Check that this certificate is genuine:",
    code: "Verification code",
  },
};

const page = { width: 841.89, height: 595.28 };
const ink = { text: "#1b1f23", muted: "#56606b", qr: "#111111" };
const hex = /^#[0-9a-f]{6}$/i;

/** `colour` mixed with white: 0 gives white, 1 the colour. */
function tint(colour: string, amount: number): string {
  const c = hex.test(colour) ? colour : "#1f4e79";
  const channel = (i: number) => Math.round(255 - (255 - parseInt(c.slice(1 + 2 * i, 3 + 2 * i), 16)) * amount);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, "0")).join("")}`;
}

export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/verify/${code}`;
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const t = certificateTexts[input.lang];
  const accent = hex.test(input.network.themeColor) ? input.network.themeColor : "#1f4e79";
  const loaded = fonts();
  const title = t.title[input.kind];
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    font: loaded.latin as unknown as string,
    lang: t.locale,
    displayTitle: true,
    info: {
      Title: `${title} – ${input.employer.name}`,
      Author: input.network.name,
      Subject: `${t.code} ${input.code}`,
      Creator: "Mangfold",
      CreationDate: input.issuedAt,
    },
  });
  doc.registerFont("regular", loaded.latin as unknown as string);
  doc.registerFont("semibold", loaded.latinSemibold as unknown as string);
  doc.registerFont("bold", loaded.latinBold as unknown as string);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const W = page.width;
  const H = page.height;
  const centre = (text: string, y: number, font: string, size: number, colour: string, options: { width?: number; spacing?: number; lineGap?: number } = {}) => {
    const width = options.width ?? W - 160;
    doc.font(font).fontSize(size).fillColor(colour);
    doc.text(text, (W - width) / 2, y, { width, align: "center", characterSpacing: options.spacing ?? 0, lineGap: options.lineGap ?? 0 });
    return doc.y;
  };
  /** The largest size up to `max` at which the text fits on one line of `width`. */
  const fit = (text: string, font: string, max: number, min: number, width: number) => {
    let size = max;
    while (size > min && doc.font(font).fontSize(size).widthOfString(text) > width) size -= 1;
    return size;
  };

  // ---- Paper and frame: a soft tint, a strong outer line and a fine inner line with corner marks.
  doc.rect(0, 0, W, H).fill(tint(accent, 0.05));
  doc.rect(34, 34, W - 68, H - 68).fill("#ffffff");
  doc.lineWidth(3).strokeColor(accent).rect(22, 22, W - 44, H - 44).stroke();
  doc.lineWidth(0.8).strokeColor(tint(accent, 0.55)).rect(34, 34, W - 68, H - 68).stroke();
  for (const [x, y] of [
    [34, 34],
    [W - 34, 34],
    [34, H - 34],
    [W - 34, H - 34],
  ] as const) {
    doc.save().translate(x, y).rotate(45).rect(-5, -5, 10, 10).fill(accent).restore();
  }

  // ---- Heading
  centre(input.network.name.toLocaleUpperCase(t.locale), 66, "semibold", 11.5, accent, { spacing: 2.2 });
  doc.lineWidth(1.2).strokeColor(accent).moveTo(W / 2 - 36, 92).lineTo(W / 2 + 36, 92).stroke();
  const titleSize = fit(title, "bold", 38, 24, W - 200);
  centre(title, 106, "bold", titleSize, accent);

  // ---- Who
  centre(t.certifies, 170, "regular", 13, ink.muted);
  const nameSize = fit(input.employer.name, "semibold", 32, 16, W - 200);
  centre(input.employer.name, 194 + (32 - nameSize) / 2, "semibold", nameSize, ink.text);
  centre(`${t.orgNumber} ${formatOrgNumber(input.employer.orgNumber)}`, 240, "regular", 12, ink.muted, { spacing: 0.4 });
  centre(t.statement[input.kind](input.network.name), 272, "regular", 12.5, ink.text, { width: 540, lineGap: 3 });

  // ---- Seal (left): a rosette in the network's colour.
  const seal = { x: 150, y: 448 };
  const points = 36;
  const outer = 54;
  const inner = 48;
  doc.save();
  for (let i = 0; i < points * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = (Math.PI * i) / points - Math.PI / 2;
    const px = seal.x + r * Math.cos(a);
    const py = seal.y + r * Math.sin(a);
    if (i === 0) doc.moveTo(px, py);
    else doc.lineTo(px, py);
  }
  doc.closePath().fill(accent);
  doc.circle(seal.x, seal.y, 42).lineWidth(1).strokeColor("#ffffff").stroke();
  doc.restore();
  const sealText = t.seal[input.kind];
  const sealSize = fit(sealText, "bold", 10.5, 6.5, 62);
  doc.font("bold").fontSize(sealSize).fillColor("#ffffff");
  doc.text(sealText, seal.x - 40, seal.y - 16, { width: 80, align: "center", characterSpacing: 0.6 });
  doc.font("bold").fontSize(20).text(String(input.issuedAt.getUTCFullYear()), seal.x - 40, seal.y - 3, { width: 80, align: "center" });

  // ---- Dates and signature line (middle)
  const mid = { x: 250, width: 300 };
  const dateBlock = (label: string, value: string, x: number) => {
    doc.font("semibold").fontSize(8.5).fillColor(ink.muted).text(label.toLocaleUpperCase(t.locale), x, 404, { width: 150, characterSpacing: 0.6 });
    doc.font("semibold").fontSize(13.5).fillColor(ink.text).text(value, x, 418, { width: 150 });
  };
  dateBlock(t.issued, formatDate(input.issuedAt.toISOString().slice(0, 10), input.lang), mid.x);
  dateBlock(t.validUntil, formatDate(input.validUntil, input.lang), mid.x + 160);
  doc.lineWidth(0.7).strokeColor(ink.muted).moveTo(mid.x, 490).lineTo(mid.x + mid.width, 490).stroke();
  doc.font("regular").fontSize(10).fillColor(ink.muted).text(t.signature(input.network.name), mid.x, 496, { width: mid.width });

  // ---- Verification (right): the QR code, the code and where to check it.
  const url = verificationUrl(input.publicUrl, input.code);
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const modules = qr.modules.size;
  const qrSize = 92;
  const cell = qrSize / modules;
  const column = { x: W - 70 - 190, width: 190 };
  const qrX = column.x + (column.width - qrSize) / 2;
  const qrY = 372;
  doc.save();
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      // Squares a hair larger than the grid, so no hairline gaps show between neighbours.
      if (qr.modules.get(row, col)) doc.rect(qrX + col * cell, qrY + row * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill(ink.qr).restore();
  doc.link(qrX, qrY, qrSize, qrSize, url);
  doc.font("semibold").fontSize(8).fillColor(ink.muted).text(t.code.toLocaleUpperCase(t.locale), column.x, qrY + qrSize + 8, { width: column.width, align: "center", characterSpacing: 1 });
  doc.font("bold").fontSize(13).fillColor(ink.text).text(input.code, column.x, qrY + qrSize + 19, { width: column.width, align: "center", characterSpacing: 1.2 });
  const shown = url.replace(/^https?:\/\//, "").replace(/\/[^/]+$/, "");
  doc.font("regular").fontSize(8).fillColor(ink.muted).text(`${t.verify} ${shown}`, column.x - 10, qrY + qrSize + 37, { width: column.width + 20, align: "center", link: url });

  doc.end();
  return done;
}
