import path from "node:path";
import yauzl from "yauzl";
import { AppError } from "../platform/errors.ts";
import { documentContentTypes, documentMaxBytes } from "../../shared/candidates.ts";

/*
 * What a file is, judged by its content (magic bytes), never by its name or the Content-Type the client sent; and
 * whether it may be stored (checkDocument): PDF, DOCX, PNG and JPEG only, whose content, name and declared type
 * agree, and that do not carry a second file (an archive, a PDF, a web page) inside them. Archives, programs and
 * everything else are refused. See docs/SECURITY.md "Uploads".
 */

export type DocumentKind = keyof typeof documentContentTypes;

const startsWith = (data: Buffer, bytes: number[], at = 0) => data.length >= at + bytes.length && bytes.every((byte, i) => data[at + i] === byte);
const zipLocalHeader = [0x50, 0x4b, 0x03, 0x04];

export function sniffDocument(data: Buffer): DocumentKind | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(data, [0xff, 0xd8, 0xff])) return "jpeg";
  // DOCX is a zip whose entries include word/document.xml (entry names are stored uncompressed); checkDocument
  // reads its directory to be sure.
  if (startsWith(data, zipLocalHeader) && data.includes("[Content_Types].xml") && data.includes("word/")) return "docx";
  return null;
}

/** Kinds of file that are never stored, by their signature: named in the refusal, so the user knows why. */
const refusedSignatures: { what: string; test: (data: Buffer) => boolean }[] = [
  { what: "a zip archive", test: (d) => startsWith(d, zipLocalHeader) || startsWith(d, [0x50, 0x4b, 0x05, 0x06]) },
  { what: "a RAR archive", test: (d) => startsWith(d, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) },
  { what: "a 7z archive", test: (d) => startsWith(d, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { what: "a gzip archive", test: (d) => startsWith(d, [0x1f, 0x8b]) },
  { what: "a bzip2 archive", test: (d) => startsWith(d, [0x42, 0x5a, 0x68]) },
  { what: "an xz archive", test: (d) => startsWith(d, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) },
  { what: "a tar archive", test: (d) => d.subarray(257, 262).toString("latin1") === "ustar" },
  { what: "a Windows program", test: (d) => startsWith(d, [0x4d, 0x5a]) },
  { what: "a Linux program", test: (d) => startsWith(d, [0x7f, 0x45, 0x4c, 0x46]) },
  { what: "a macOS program", test: (d) => [[0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((sig) => startsWith(d, sig)) },
  { what: "a script", test: (d) => startsWith(d, [0x23, 0x21]) },
  { what: "an old Office file or installer (OLE)", test: (d) => startsWith(d, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
];

/** The file name extensions each kind may carry (a name without an extension is judged by content alone). */
const extensions: Record<DocumentKind, string[]> = { pdf: [".pdf"], docx: [".docx"], png: [".png"], jpeg: [".jpg", ".jpeg"] };
/** Content-Types a client may declare for each kind; application/octet-stream (or none) means "unknown". */
const declaredTypes: Record<DocumentKind, string[]> = {
  pdf: ["application/pdf", "application/x-pdf"],
  docx: [documentContentTypes.docx],
  png: ["image/png", "image/x-png"],
  jpeg: ["image/jpeg", "image/jpg", "image/pjpeg"],
};

/** A zip's end-of-central-directory record at the end of the file: what unzip tools look for, wherever the zip starts. */
function hasZipDirectory(data: Buffer): boolean {
  const from = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= from; at--) {
    if (data[at] === 0x50 && data[at + 1] === 0x4b && data[at + 2] === 0x05 && data[at + 3] === 0x06 && at + 22 + data.readUInt16LE(at + 20) === data.length) return true;
  }
  return false;
}

const mismatch = (detail: string) => new AppError("file_type_mismatch", detail, { errors: [{ path: "body", message: detail }] });
const polyglot = (detail: string) => new AppError("file_type_not_allowed", `${detail}; it cannot be stored.`);

/** Entries a Word document never needs: macros, programs, scripts and archives inside it. */
const forbiddenEntry = /(^|\/)vbaProject\.bin$|\.(exe|dll|com|scr|bat|cmd|ps1|vbs|js|jar|msi|sh|zip|rar|7z|gz|docm|xlsm)$/i;

async function checkDocx(data: Buffer): Promise<void> {
  const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("no zip"));
      const list: yauzl.Entry[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        list.push(entry);
        if (list.length > 2000) {
          zip.close();
          return reject(new Error("too many entries"));
        }
        zip.readEntry();
      });
      zip.on("end", () => resolve(list));
      zip.on("error", reject);
      zip.readEntry();
    });
  }).catch(() => {
    throw new AppError("file_type_not_allowed", "The file looks like a Word document but cannot be read as one.");
  });
  const names = new Set(entries.map((entry) => entry.fileName));
  if (!names.has("[Content_Types].xml") || !names.has("word/document.xml")) throw new AppError("file_type_not_allowed", "The file is a zip archive, not a Word (DOCX) document; archives cannot be stored.");
  const bad = entries.find((entry) => forbiddenEntry.test(entry.fileName));
  if (bad) throw new AppError("file_type_not_allowed", `The Word document contains ${path.posix.basename(bad.fileName)} (macros, a program or an archive); it cannot be stored.`);
  // A zip bomb: far more inside than the file's size could honestly hold.
  const unpacked = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (unpacked > 200 * 1024 * 1024 || unpacked > data.length * 200) throw new AppError("file_type_not_allowed", "The Word document unpacks to far more than its size; it cannot be stored.");
}

/**
 * The kind of an uploaded document, or an AppError: too large (413 file_too_large), empty (400), not an allowed
 * kind or an archive, program or polyglot (415 file_type_not_allowed), or content that does not match the file
 * name's extension or the declared Content-Type (415 file_type_mismatch).
 */
export async function checkDocument(data: Buffer, name: string, declaredType?: string): Promise<DocumentKind> {
  if (data.length === 0) throw new AppError("validation_failed", "The file is empty.", { errors: [{ path: "body", message: "is empty" }] });
  if (data.length > documentMaxBytes) throw new AppError("file_too_large", "A document may be at most 10 MB.");
  const kind = sniffDocument(data);
  if (!kind) {
    const refused = refusedSignatures.find((signature) => signature.test(data));
    throw new AppError("file_type_not_allowed", `${refused ? `The file is ${refused.what}. ` : ""}Only PDF, Word (DOCX), PNG and JPEG files can be stored; this file's content is none of them.`);
  }
  const extension = path.extname(name).toLowerCase();
  if (extension && !extensions[kind].includes(extension)) throw mismatch(`The file is ${kind.toUpperCase()} but its name ends in ${extension}; give it the right name (${extensions[kind].join(" or ")}).`);
  const declared = declaredType?.split(";")[0]!.trim().toLowerCase();
  if (declared && declared !== "application/octet-stream" && !declaredTypes[kind].includes(declared)) throw mismatch(`The file is ${kind.toUpperCase()} but was sent as ${declared}.`);
  const head = data.subarray(0, 1024).toString("latin1");
  if (kind === "docx") await checkDocx(data);
  else if (hasZipDirectory(data)) throw polyglot(`The ${kind.toUpperCase()} file has a zip archive hidden inside it`);
  if (kind !== "pdf" && head.includes("%PDF-")) throw polyglot(`The ${kind.toUpperCase()} file is also a PDF (a polyglot)`);
  if (kind !== "docx" && /<(script|html|svg|iframe|\?php)/i.test(head)) throw polyglot(`The ${kind.toUpperCase()} file is also a web page (a polyglot)`);
  if (kind === "pdf" && /\/(JavaScript|Launch|EmbeddedFile)\b/.test(data.toString("latin1"))) {
    throw new AppError("file_type_not_allowed", "The PDF contains scripts, launch actions or attached files; save it as a plain PDF and try again.");
  }
  return kind;
}

export { isXlsx } from "../platform/tabular.ts";

/** A file name safe for a Content-Disposition header (ASCII fallback plus RFC 5987 UTF-8). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_") || "document";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
