import { parse } from "csv-parse/sync";
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
  if (/^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-]?[0-9 ()-]+$/.test(text))) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines of cells → a CSV file as Excel in Norway opens it: UTF-8 with BOM, CRLF. */
export const csvFile = (rows: (string | number | boolean | null)[][]) => `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
