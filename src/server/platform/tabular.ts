import { parse } from "csv-parse/sync";
import { crc32, deflateRawSync } from "node:zlib";
import { AppError } from "./errors.ts";

/*
 * Reading and writing the spreadsheets operators exchange (CONTRACT.md "Import files"), shared by the importers
 * and exporters of every feature. CSV: comma or semicolon (detected), UTF-8 with or without BOM, or Windows-1252
 * as Excel in Norway writes it (detected: invalid UTF-8). XLSX: the first sheet.
 */

const startsWith = (data: Buffer, bytes: number[]) => data.length >= bytes.length && bytes.every((byte, i) => data[i] === byte);

/** An XLSX workbook: a zip with xl/ entries. */
export const isXlsx = (data: Buffer) => startsWith(data, [0x50, 0x4b, 0x03, 0x04]) && data.includes("xl/");

/** Bytes → text: BOM stripped; invalid UTF-8 is read as Windows-1252. */
export function decodeText(data: Buffer): string {
  const bytes = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** Semicolon when the header line has more semicolons than commas (outside quotes). */
function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

export type SheetRow = { line: number; cells: string[] };

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** The file's rows as text cells, each with its line (the first line of a record that spans several). */
export async function readRows(data: Buffer): Promise<SheetRow[]> {
  if (isXlsx(data)) {
    let sheet: unknown[][];
    try {
      // Loaded on first use, like the PDF engine: it is not needed to start the server.
      const { readSheet } = await import("read-excel-file/node");
      sheet = (await readSheet(data)) as unknown[][];
    } catch {
      throw new AppError("validation_failed", "The XLSX file could not be read.", { errors: [{ path: "body", message: "is not a readable XLSX file" }] });
    }
    return sheet.map((row, i) => ({ line: i + 1, cells: row.map(cellText) }));
  }
  if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || data.includes(0)) {
    throw new AppError("unsupported_media_type", "Send a CSV or XLSX file.");
  }
  const text = decodeText(data);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, info: true, skip_empty_lines: false, bom: true }) as never;
  } catch (error) {
    throw new AppError("validation_failed", `The CSV file could not be read: ${(error as Error).message.split("\n")[0]}`, { errors: [{ path: "body", message: "is not valid CSV" }] });
  }
  const rows: SheetRow[] = [];
  let previousEnd = 0;
  for (const { record, info } of records) {
    rows.push({ line: previousEnd + 1, cells: record.map((cell) => cell.trim()) });
    previousEnd = info.lines;
  }
  return rows;
}

/**
 * The header row (the first non-empty row) and the data rows after it (empty rows left out), with each header
 * mapped to a known column by `columnOf` (null: unknown, reported to the operator rather than silently dropped).
 */
export async function readTable<C extends string>(data: Buffer, columnOf: (header: string) => C | null) {
  if (data.length === 0) throw new AppError("validation_failed", "The file is empty.", { errors: [{ path: "body", message: "is empty" }] });
  const all = await readRows(data);
  const headerIndex = all.findIndex((row) => row.cells.some(Boolean));
  if (headerIndex < 0) throw new AppError("validation_failed", "The file has no header row.", { errors: [{ path: "body", message: "has no header row" }] });
  const header = all[headerIndex]!.cells;
  const columns = header.map((name) => (name ? columnOf(name) : null));
  const unknownColumns = header.filter((name, i) => name && columns[i] === null);
  const body = all.slice(headerIndex + 1).filter((row) => row.cells.some(Boolean));
  const cellOf = (row: SheetRow, column: C) => {
    const i = columns.indexOf(column);
    return i >= 0 ? (row.cells[i] ?? "") : "";
  };
  return { columns, unknownColumns, body, cellOf };
}

/** Quotes when needed; a cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? "" : String(value);
  // A number is written as a number (a negative one is not a formula).
  if (typeof value !== "number" && (/^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-]?[0-9 ()-]+$/.test(text)))) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines of cells → a CSV file as Excel in Norway opens it: UTF-8 with BOM, CRLF. */
export const csvFile = (rows: (string | number | boolean | null)[][]) => `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;

// ---------------------------------------------------------------------------------------------------------
// Writing XLSX: one sheet of text and number cells, in a zip written here (the format needs no more; Excel,
// LibreOffice and read-excel-file open it).
// ---------------------------------------------------------------------------------------------------------

const xmlText = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A zip (deflated entries) of the files; the XLSX writer's, and the tests' for DOCX and archives. */
export function zip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 1980-01-01 00:00 in DOS time: the files carry no meaningful time.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8");
    const compressed = deflateRawSync(file.data);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Lines of cells → an XLSX workbook with one sheet (numbers stay numbers; the first row is the header). */
export function xlsxFile(rows: (string | number | boolean | null)[][], sheetName = "Sheet1"): Buffer {
  const sheetRows = rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          if (value === null || value === "") return "";
          if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
          if (typeof value === "boolean") return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(value))}</t></is></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  const name = xmlText(sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1");
  const header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files = {
    "[Content_Types].xml": `${header}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    "_rels/.rels": `${header}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${header}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${header}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `${header}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  };
  return zip(Object.entries(files).map(([fileName, text]) => ({ name: fileName, data: Buffer.from(text, "utf8") })));
}
