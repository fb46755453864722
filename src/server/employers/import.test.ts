import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import writeXlsxFile from "write-excel-file/node";
import { createTestApp, testOrigin } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { employerContacts, employerStatusChanges, employers } from "./tables.ts";
import { industryCodeOf } from "./import.ts";
import { insertTestEmployer, testOrgNumber } from "./test-fixtures.ts";
import { formatOrgNumber } from "../../shared/orgnr.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

const windows1252 = (text: string) => Buffer.from(text, "latin1");
const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
const wrongCheckDigit = (valid: string) => `${valid.slice(0, 8)}${(Number(valid[8]) + 1) % 10}`;

describe("employer import", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (client: Signed, file: Buffer | string, query: string, contentType = "text/csv") =>
    t.app.inject({ method: "POST", url: `/api/v1/employers/import?${query}`, headers: { origin: testOrigin, cookie: client.cookie, "content-type": contentType }, payload: file });
  const stored = (tenantId: string) => t.ctx.db.select().from(employers).where(eq(employers.tenantId, tenantId)).orderBy(asc(employers.nameNorm));

  it("reads the industry code from a cell", () => {
    expect(industryCodeOf("47.111")).toBe("47.111");
    expect(industryCodeOf("47111")).toBe("47.111");
    expect(industryCodeOf("56.101 Drift av restauranter og kafeer")).toBe("56.101");
    expect(industryCodeOf("62")).toBe("62");
    expect(industryCodeOf("")).toBeNull();
    expect(industryCodeOf("Butikkhandel")).toBeUndefined();
  });

  it("imports a Norwegian Excel file: Windows-1252, semicolons, Norwegian headers, org numbers with spaces, blank lines", async () => {
    const admin = await t.as("admin");
    const [a, b] = [testOrgNumber(), testOrgNumber()];
    const file = windows1252(
      [
        "Organisasjonsnummer;Navn;Næringskode;Kommune;Nettside;Kontaktperson;E-post;Telefon;Medlemsstatus",
        `${formatOrgNumber(a)};Bærum Bygg & Rør AS;43.221 VVS-arbeid;Bærum;baerumbygg.example;Øystein Ås;oystein@baerumbygg.example;+47 900 11 222;medlem`,
        "",
        `NO${b}MVA;Sjøsiden Kafé;56.101;Asker;;;;;kontaktet`,
        ";;;;;;;;",
      ].join("\r\n"),
    );
    const dry = await post(admin, file, "dryRun=true");
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 2, imported: 2, rejected: [], unknownColumns: [], duplicates: [], committed: false });
    expect(await stored(admin.tenantId)).toHaveLength(0);
    const real = await post(admin, file, "dryRun=false");
    expect(real.json()).toMatchObject({ imported: 2, committed: true });
    const rows = await stored(admin.tenantId);
    expect(rows.map((r) => [r.orgNumber, r.name, r.naceCode, r.naceSection, r.municipality, r.membershipStatus])).toEqual([
      [a, "Bærum Bygg & Rør AS", "43.221", "F", "Bærum", "member"],
      [b, "Sjøsiden Kafé", "56.101", "I", "Asker", "contacted"],
    ]);
    expect(rows[0]!.website).toBe("https://baerumbygg.example");
    const contacts = await t.ctx.db.select().from(employerContacts).where(eq(employerContacts.tenantId, admin.tenantId));
    expect(contacts).toMatchObject([{ employerId: rows[0]!.id, name: "Øystein Ås", email: "oystein@baerumbygg.example", phone: "+47 900 11 222" }]);
    const history = await t.ctx.db.select().from(employerStatusChanges).where(eq(employerStatusChanges.employerId, rows[0]!.id));
    expect(history).toMatchObject([{ fromStatus: null, toStatus: "member" }]);
  });

  it("reads UTF-8 with BOM and commas in English headers, and reports unknown columns", async () => {
    const admin = await t.as("admin");
    const org = testOrgNumber();
    const file = utf8Bom(["orgNumber,name,industry,Comment,membershipStatus", `${org},"Nordic Care, Bærum",87.301,"likes us",prospect`, ""].join("\n"));
    const report = (await post(admin, file, "dryRun=false")).json();
    expect(report).toMatchObject({ rows: 1, imported: 1, rejected: [], unknownColumns: ["Comment"], committed: true });
    expect((await stored(admin.tenantId))[0]).toMatchObject({ name: "Nordic Care, Bærum", naceSection: "Q", membershipStatus: "prospect" });
  });

  it("rejects every bad row with its line and reason, and imports nothing unless skipInvalid", async () => {
    const admin = await t.as("admin");
    const registered = await insertTestEmployer(t.ctx.db, admin.tenantId, { name: "Already Here AS" });
    const good = testOrgNumber();
    const repeated = testOrgNumber();
    const file = [
      "orgNumber;name;industry;contactName;contactEmail;contactPhone;membershipStatus",
      `${good};Good AS;47.111;;;;member`, // 2
      `${wrongCheckDigit(testOrgNumber())};Typo AS;;;;;`, // 3
      `12345;Short AS;;;;;`, // 4
      `;Nameless number AS;;;;;`, // 5
      `${testOrgNumber()};;;;;;`, // 6
      `${testOrgNumber()};Bad Industry AS;Butikk;;;;`, // 7
      `${testOrgNumber()};No Division AS;04.1;;;;`, // 8
      `${testOrgNumber()};Gold AS;;;;;gold`, // 9
      `${testOrgNumber()};Shortcut AS;;;;;sertifisert`, // 10
      `${testOrgNumber()};Mailless AS;;;kari@example.no;;`, // 11
      `${testOrgNumber()};Bad Mail AS;;Kari;not-mail;;`, // 12
      `${registered.orgNumber.slice(0, 3)} ${registered.orgNumber.slice(3)};Copy AS;;;;;`, // 13
      `${repeated};First AS;;;;;`, // 14
      `${repeated};Second AS;;;;;`, // 15
      `${testOrgNumber()};"Also good AS";;Per;per@example.no;+47 22 22 22 22;`, // 16
    ].join("\n");
    const dry = (await post(admin, file, "dryRun=true")).json();
    expect(dry.imported).toBe(0);
    const byLine = Object.fromEntries(dry.rejected.map((r: { line: number; reason: string }) => [r.line, r.reason]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15]);
    expect(byLine[3]).toMatch(/check digit/);
    expect(byLine[4]).toMatch(/"12345" must be 9 digits/);
    expect(byLine[5]).toMatch(/orgNumber is missing/);
    expect(byLine[6]).toMatch(/name/);
    expect(byLine[7]).toMatch(/industry "Butikk" is not an industry code/);
    expect(byLine[8]).toMatch(/industry: is not an industry division/);
    expect(byLine[9]).toMatch(/membershipStatus "gold"/);
    expect(byLine[10]).toMatch(/certified is reached by confirming a certification/);
    expect(byLine[11]).toMatch(/contactName is missing/);
    expect(byLine[12]).toMatch(/contactEmail: must be an e-mail address/);
    expect(byLine[13]).toMatch(/already registered in the network/);
    expect(byLine[15]).toMatch(/also on line 14/);
    expect(dry.duplicates).toEqual([
      { line: 13, orgNumber: registered.orgNumber, employerId: registered.id },
      { line: 15, orgNumber: repeated, employerId: null },
    ]);

    const refused = await post(admin, file, "dryRun=false");
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: "import_rejected", report: { committed: false, imported: 0 } });
    expect(await stored(admin.tenantId)).toHaveLength(1);

    const skipped = await post(admin, file, "dryRun=false&skipInvalid=true");
    expect(skipped.json()).toMatchObject({ imported: 3, committed: true });
    expect((await stored(admin.tenantId)).map((r) => r.name)).toEqual(["Already Here AS", "Also good AS", "First AS", "Good AS"]);
  });

  it("imports XLSX, with numbers as numbers", async () => {
    const admin = await t.as("admin");
    const org = testOrgNumber();
    const data = [
      [{ value: "organisasjonsnummer" }, { value: "navn" }, { value: "bransje" }, { value: "kommune" }, { value: "medlemsstatus" }],
      [{ value: Number(org), type: Number }, { value: "Fotballklubben Fiktiv" }, { value: 93.12, type: Number }, { value: "Bærum" }, { value: "Medlem" }],
      [null, null, null, null, null],
      [{ value: formatOrgNumber(testOrgNumber()) }, { value: "Regnskap & Råd AS" }, { value: "69.201" }, { value: "Asker" }, { value: "" }],
    ];
    const xlsx = await writeXlsxFile(data as never).toBuffer();
    const report = (await post(admin, xlsx, "dryRun=false", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).json();
    expect(report).toMatchObject({ rows: 2, imported: 2, rejected: [], committed: true });
    const rows = await stored(admin.tenantId);
    expect(rows.map((r) => [r.name, r.naceCode, r.membershipStatus])).toEqual([
      ["Fotballklubben Fiktiv", "93.12", "member"],
      ["Regnskap & Råd AS", "69.201", "prospect"],
    ]);
  });

  it("refuses files that are not CSV or XLSX, empty files and files without the required columns", async () => {
    const admin = await t.as("admin");
    expect((await post(admin, Buffer.from("%PDF-1.4\u0000\u0001binary"), "dryRun=true", "application/octet-stream")).statusCode).toBe(415);
    expect((await post(admin, "", "dryRun=true")).statusCode).toBe(400);
    const noName = await post(admin, `orgNumber,website\n${testOrgNumber()},x.example\n`, "dryRun=true");
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors[0].path).toBe("body.name");
    expect((await post(admin, "{}", "dryRun=true", "application/json")).statusCode).toBe(400);
    expect(await stored(admin.tenantId)).toHaveLength(0);
  });
});
