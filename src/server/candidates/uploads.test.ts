import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { deflateRawSync } from "node:zlib";
import { createTestApp } from "../testing/test-app.ts";
import type { Client, TestApp } from "../testing/test-app.ts";
import { auditLog } from "../platform/tables.ts";
import { zip } from "../platform/tabular.ts";
import { candidateDocuments } from "./tables.ts";
import { documentMaxBytes } from "../../shared/candidates.ts";
import { upload } from "./test-taxonomy.ts";

/*
 * Uploads of candidate documents (issue 9): only PDF, DOCX, PNG and JPEG whose content, name and declared type
 * agree; archives, programs, polyglots and oversized files are refused with a clear problem+json code, and
 * nothing is stored or recorded for a refused file.
 */

const pdf = Buffer.from("%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("\0\0\0\rIHDR"), Buffer.alloc(40)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("\0\x10JFIF\0"), Buffer.alloc(60), Buffer.from([0xff, 0xd9])]);
const contentTypes = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
const documentXml = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>CV</w:t></w:r></w:p></w:body></w:document>');
const docxOf = (extra: { name: string; data: Buffer }[] = []) =>
  zip([{ name: "[Content_Types].xml", data: contentTypes }, { name: "_rels/.rels", data: Buffer.from("<Relationships/>") }, { name: "word/document.xml", data: documentXml }, ...extra]);
const docx = docxOf();
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("candidate document uploads", () => {
  let t: TestApp;
  let advisor: Client & { tenantId: string };
  let candidateId: string;
  const send = (name: string, body: Buffer | string, type = "application/octet-stream") => upload(t, advisor, `/api/v1/candidates/${candidateId}/documents?name=${encodeURIComponent(name)}`, body, type);
  const stored = async () => (await t.ctx.db.select({ n: count() }).from(candidateDocuments).where(eq(candidateDocuments.candidateId, candidateId)))[0]!.n;
  const changes = async () => (await t.ctx.db.select({ n: count() }).from(auditLog).where(eq(auditLog.tenantId, advisor.tenantId)))[0]!.n;
  /** The upload is refused with the status and code, and nothing is stored or recorded. */
  const refused = async (name: string, body: Buffer | string, type: string, status: number, code: string, detail?: RegExp) => {
    const [before, trail] = [await stored(), await changes()];
    const response = await send(name, body, type);
    expect(response.statusCode, `${name}: ${response.body}`).toBe(status);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().code).toBe(code);
    if (detail) expect(response.json().detail).toMatch(detail);
    expect(await stored()).toBe(before);
    expect(await changes()).toBe(trail);
  };

  beforeAll(async () => {
    t = await createTestApp();
    advisor = await t.as("advisor");
    const created = await advisor.post("/api/v1/candidates", { firstName: "Upload", lastName: "Tester" });
    expect(created.statusCode, created.body).toBe(201);
    candidateId = created.json().id;
  });
  afterAll(() => t.close());

  it("stores PDF, DOCX, PNG and JPEG whose content, name and declared type agree", async () => {
    const cases: [string, Buffer, string, string][] = [
      ["cv.pdf", pdf, "application/pdf", "application/pdf"],
      ["CV.PDF", pdf, "application/octet-stream", "application/pdf"],
      ["attest", pdf, "application/octet-stream", "application/pdf"],
      ["cv.docx", docx, docxType, docxType],
      ["photo.png", png, "image/png", "image/png"],
      ["photo.jpg", jpeg, "image/jpeg", "image/jpeg"],
      ["photo.jpeg", jpeg, "application/octet-stream", "image/jpeg"],
    ];
    for (const [name, body, type, storedAs] of cases) {
      const response = await send(name, body, type);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(201);
      expect(response.json()).toMatchObject({ name, contentType: storedAs, size: body.length });
    }
  });

  it("refuses content that does not match the file name's extension or the declared type", async () => {
    await refused("cv.docx", pdf, "application/octet-stream", 415, "file_type_mismatch", /PDF.*\.docx/);
    await refused("photo.jpg", png, "image/jpeg", 415, "file_type_mismatch");
    await refused("cv.pdf.exe", pdf, "application/octet-stream", 415, "file_type_mismatch", /\.exe/);
    await refused("cv.html", pdf, "application/octet-stream", 415, "file_type_mismatch");
    await refused("cv.pdf", pdf, "image/png", 415, "file_type_mismatch", /sent as image\/png/);
    await refused("photo.png", png, "application/pdf", 415, "file_type_mismatch");
  });

  it("refuses archives, programs and scripts, whatever they are called", async () => {
    const plainZip = zip([{ name: "cv.pdf", data: pdf }]);
    const tar = Buffer.alloc(1024);
    tar.write("cv.pdf", 0);
    tar.write("ustar", 257);
    const archives: [string, Buffer, RegExp][] = [
      ["cv.pdf", plainZip, /zip archive/],
      ["cv.docx", plainZip, /zip archive|not a Word/],
      ["cv.pdf", Buffer.concat([Buffer.from("Rar!\x1a\x07\x01\x00", "latin1"), Buffer.alloc(40)]), /RAR/],
      ["cv.pdf", Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), Buffer.alloc(40)]), /7z/],
      ["cv.pdf", Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(40)]), /gzip/],
      ["cv.pdf", tar, /tar/],
      ["cv.pdf", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(100, 0x90)]), /Windows program/],
      ["cv.pdf", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]), /Linux program/],
      ["cv.pdf", Buffer.from("#!/bin/sh\nrm -rf /\n"), /script/],
      ["cv.doc", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(60)]), /OLE/],
    ];
    for (const [name, body, detail] of archives) await refused(name, body, "application/octet-stream", 415, "file_type_not_allowed", detail);
  });

  it("refuses Word documents with macros, programs or archives inside, and zip bombs", async () => {
    await refused("cv.docx", docxOf([{ name: "word/vbaProject.bin", data: Buffer.from("macro") }]), docxType, 415, "file_type_not_allowed", /vbaProject\.bin/);
    await refused("cv.docx", docxOf([{ name: "word/embeddings/setup.exe", data: Buffer.from("MZ") }]), docxType, 415, "file_type_not_allowed", /setup\.exe/);
    await refused("cv.docx", docxOf([{ name: "word/media/more.zip", data: zip([{ name: "a.txt", data: Buffer.from("a") }]) }]), docxType, 415, "file_type_not_allowed", /more\.zip/);
    // A zip that only names word/ and [Content_Types].xml in passing is no Word document.
    await refused("cv.docx", zip([{ name: "[Content_Types].xml", data: contentTypes }, { name: "word/readme.txt", data: Buffer.from("x") }]), docxType, 415, "file_type_not_allowed", /not a Word/);
    await refused("cv.docx", docxOf([{ name: "word/media/zeros.bin", data: Buffer.alloc(30 * 1024 * 1024) }]), docxType, 415, "file_type_not_allowed", /unpacks/);
    // A broken zip that merely starts like one.
    await refused("cv.docx", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("[Content_Types].xml word/document.xml"), Buffer.alloc(50)]), docxType, 415, "file_type_not_allowed", /cannot be read/);
  });

  it("refuses polyglots: a file of an allowed kind that is also an archive, a PDF or a web page", async () => {
    const hidden = zip([{ name: "payload.exe", data: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(50)]) }]);
    await refused("cv.pdf", Buffer.concat([pdf, hidden]), "application/pdf", 415, "file_type_not_allowed", /zip archive hidden/);
    await refused("photo.jpg", Buffer.concat([jpeg, hidden]), "image/jpeg", 415, "file_type_not_allowed", /zip archive hidden/);
    await refused("photo.png", Buffer.concat([png, hidden]), "image/png", 415, "file_type_not_allowed", /zip archive hidden/);
    await refused("photo.jpg", Buffer.concat([jpeg.subarray(0, 20), Buffer.from("%PDF-1.4 1 0 obj"), jpeg.subarray(20)]), "image/jpeg", 415, "file_type_not_allowed", /also a PDF/);
    await refused("photo.png", Buffer.concat([png.subarray(0, 16), Buffer.from("<script>alert(document.cookie)</script>"), png.subarray(16)]), "image/png", 415, "file_type_not_allowed", /web page/);
    await refused("cv.pdf", Buffer.from("%PDF-1.7\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n"), "application/pdf", 415, "file_type_not_allowed", /scripts/);
    await refused("cv.pdf", Buffer.from("%PDF-1.7\n1 0 obj<</S/Launch/F(cmd.exe)>>endobj\n%%EOF\n"), "application/pdf", 415, "file_type_not_allowed", /launch/);
    // A PDF whose compressed streams happen to hold "PK" bytes is no zip: only a real zip directory at the end counts.
    const streamy = Buffer.concat([Buffer.from("%PDF-1.7\n1 0 obj<</Length 8>>stream\n"), Buffer.from("PK\x05\x06xx", "latin1"), Buffer.from("\nendstream endobj\n%%EOF\n")]);
    expect((await send("scan.pdf", streamy, "application/pdf")).statusCode).toBe(201);
  });

  it("refuses files over 10 MB with 413 file_too_large, both at the limit and when the body streams past it", async () => {
    const justOver = Buffer.concat([pdf, Buffer.alloc(documentMaxBytes + 1 - pdf.length, 0x20)]);
    await refused("big.pdf", justOver, "application/pdf", 413, "file_too_large", /10 MB/);
    const farOver = Buffer.concat([pdf, Buffer.alloc(documentMaxBytes + 64 * 1024, 0x20)]);
    await refused("huge.pdf", farOver, "application/pdf", 413, "file_too_large", /10 MB/);
    await refused("empty.pdf", Buffer.alloc(0), "application/pdf", 400, "validation_failed");
  });

  it("stores a compressed Word document that is large inside but honest", async () => {
    // Words in a pseudo-random order: a few times smaller deflated, well within the zip-bomb rule (at most 200x).
    const words = ["erfaring", "renhold", "omsorg", "regnskap", "norsk", "B1", "fagbrev", "truckførerbevis", "Bærum", "2019–2023"];
    let state = 7;
    const text = Buffer.from(Array.from({ length: 200_000 }, () => words[(state = (state * 1_103_515_245 + 12_345) % 2 ** 31) % words.length]).join(" "));
    expect(deflateRawSync(text).length).toBeGreaterThan(text.length / 200);
    const response = await send("lang-cv.docx", docxOf([{ name: "word/header1.xml", data: text }]), docxType);
    expect(response.statusCode, response.body).toBe(201);
  });
});
