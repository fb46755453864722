import type { documentContentTypes } from "../../shared/candidates.ts";

/*
 * What a file is, judged by its content (magic bytes), never by its name or the Content-Type the client sent.
 */

export type DocumentKind = keyof typeof documentContentTypes;

const startsWith = (data: Buffer, bytes: number[]) => data.length >= bytes.length && bytes.every((byte, i) => data[i] === byte);

export function sniffDocument(data: Buffer): DocumentKind | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(data, [0xff, 0xd8, 0xff])) return "jpeg";
  // DOCX is a zip whose entries include word/document.xml (entry names are stored uncompressed).
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) && data.includes("[Content_Types].xml") && data.includes("word/")) return "docx";
  return null;
}

export { isXlsx } from "../platform/tabular.ts";

/** A file name safe for a Content-Disposition header (ASCII fallback plus RFC 5987 UTF-8). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_") || "document";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
