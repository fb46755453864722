import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import writeXlsxFile from "write-excel-file/node";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { candidates } from "./tables.ts";
import { insertTestTaxonomy, testTaxonomy as tx, upload } from "./test-taxonomy.ts";
import { decodeText } from "./import.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

/** Encodes text as Windows-1252 (Latin-1 covers what these files use: æ ø å é). */
const windows1252 = (text: string) => Buffer.from(text, "latin1");
const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);

describe("candidate import", () => {
  let t: TestApp;
  let admin: Signed;

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
  });
  afterAll(() => t.close());

  const fresh = async () => {
    admin = await t.as("admin");
    return admin;
  };
  const post = (client: Signed, file: Buffer | string, query: string, contentType = "text/csv") => upload(t, client, `/api/v1/candidates/import?${query}`, file, contentType);
  const stored = (tenantId: string) => t.ctx.db.select().from(candidates).where(eq(candidates.tenantId, tenantId));

  it("decodes UTF-8 with and without BOM, and falls back to Windows-1252", () => {
    expect(decodeText(utf8Bom("Bærum"))).toBe("Bærum");
    expect(decodeText(Buffer.from("Bærum"))).toBe("Bærum");
    expect(decodeText(windows1252("Bærum Ødegård"))).toBe("Bærum Ødegård");
  });

  it("imports a Norwegian Excel file: Windows-1252, semicolons, Norwegian headers, labels, several values", async () => {
    const a = await fresh();
    const advisor = await t.createUser(a.tenantId, "advisor", { email: "veileder@example.no" });
    const file = windows1252(
      [
        "Fornavn;Etternavn;Fødselsår;Kjønn;Fødeland;Ankomstår;E-post;Telefon;Kommune;Norsknivå;Utdanningsnivå;Yrker;Ferdigheter;Veileder-e-post",
        "Åse;Ødegård;1985;kvinne;SY;2015;ase@example.no;+47 912 34 567;Bærum;B1;bachelor;Renholder|økonom;Kjøre truck|FØLGE HYGIENERUTINER;veileder@example.no",
        `Yonas;Tesfay;1992;mann;ER;2017;;;Asker;A2;videregående;${tx.cook.uri};;`,
      ].join("\r\n"),
    );
    const dry = await post(a, file, "dryRun=true");
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 2, imported: 2, rejected: [], unknownColumns: [], committed: false });
    expect(await stored(a.tenantId)).toHaveLength(0);
    const real = await post(a, file, "dryRun=false");
    expect(real.json()).toMatchObject({ imported: 2, committed: true });
    const rows = await stored(a.tenantId);
    const ase = rows.find((r) => r.firstName === "Åse")!;
    expect(ase).toMatchObject({ lastName: "Ødegård", municipality: "Bærum", advisorUserId: advisor.userId, norwegianRank: 3, drivingLicences: [] });
    expect(ase.experience.map((e) => e.occupationUri)).toEqual([tx.cleaner.uri, tx.economist.uri]);
    expect(ase.skillUris).toEqual([tx.forklift.uri, tx.hygiene.uri]);
    const detail = (await a.get(`/api/v1/candidates/${ase.id}`)).json();
    expect(detail.background).toEqual({ countryOfBirth: "SY", arrivalYear: 2015, gender: "female", birthYear: 1985 });
    expect(rows.find((r) => r.firstName === "Yonas")!.educationRank).toBe(3);
  });

  it("reads UTF-8 with BOM, commas, quoted newlines and empty rows, and reports unknown columns", async () => {
    const a = await fresh();
    const file = utf8Bom(
      [
        "firstName,lastName,email,Comment,birthYear",
        'Olga,Kowalska,olga@example.no,"Line one',
        'line two, with a comma",1980',
        "",
        ",,,,",
        "Petro,Shevchenko,petro@example.no,,1975",
        "",
      ].join("\n"),
    );
    const report = (await post(a, file, "dryRun=false")).json();
    expect(report).toMatchObject({ rows: 2, imported: 2, rejected: [], unknownColumns: ["Comment"], committed: true });
    expect((await stored(a.tenantId)).map((r) => r.lastName).sort()).toEqual(["Kowalska", "Shevchenko"]);
  });

  it("rejects every bad row with its line and reason, and imports nothing unless skipInvalid", async () => {
    const a = await fresh();
    await t.createUser(a.tenantId, "hr", { email: "hr-person@example.no" });
    const file = [
      "firstName;lastName;birthYear;gender;norwegianLevel;educationLevel;email;occupations;skills;advisorEmail",
      "Good;Person;1990;female;B1;master;good@example.no;Kokk;;",
      "Bad;Year;nineteen;;;;;;;", // line 3
      '"Multi',
      'line";Level;1990;;B7;;;;;', // line 4–5: reported at 4
      "No;Email;;;;;not-an-email;;;", // 6
      "Odd;Gender;;x;;;;;;", // 7
      "Unknown;Job;;;;;;Astronaut;;", // 8
      "Ambiguous;Job;;;;;;Assistent;;", // 9
      "Wrong;Kind;;;;;;;Kokk;", // 10: an occupation given as a skill
      "Not;Advisor;;;;;;;;hr-person@example.no", // 11
      ";Nameless;;;;;;;;", // 12
      "Bad;School;;;;doctorate-ish;;;;", // 13
      "Another;Good;;male;;;another@example.no;;;",
    ].join("\n");
    const dry = (await post(a, file, "dryRun=true")).json();
    expect(dry.imported).toBe(0);
    const byLine = Object.fromEntries(dry.rejected.map((r: { line: number; reason: string }) => [r.line, r.reason]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(byLine[3]).toMatch(/birthYear "nineteen" is not a year/);
    expect(byLine[4]).toMatch(/norwegianLevel "B7"/);
    expect(byLine[6]).toMatch(/email/);
    expect(byLine[7]).toMatch(/gender "x"/);
    expect(byLine[8]).toMatch(/no occupation is called "Astronaut"/);
    expect(byLine[9]).toMatch(/names 2 occupations; give the ESCO URI/);
    expect(byLine[10]).toMatch(/no skill is called "Kokk"/);
    expect(byLine[11]).toMatch(/not an advisor or admin/);
    expect(byLine[12]).toMatch(/firstName/);
    expect(byLine[13]).toMatch(/educationLevel "doctorate-ish"/);

    const refused = await post(a, file, "dryRun=false");
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: "import_rejected", report: { committed: false, imported: 0 } });
    expect(await stored(a.tenantId)).toHaveLength(0);

    const skipped = await post(a, file, "dryRun=false&skipInvalid=true");
    expect(skipped.json()).toMatchObject({ imported: 2, committed: true });
    expect((await stored(a.tenantId)).map((r) => r.firstName).sort()).toEqual(["Another", "Good"]);
  });

  it("flags duplicates of registered candidates and within the file", async () => {
    const a = await fresh();
    const existing = await a.post("/api/v1/candidates", { firstName: "Kari", lastName: "Nordmann", email: "kari@example.no" });
    const file = ["firstName,lastName,email,phone", "Kari,Nordmann,KARI@example.no,", "Ola,Hansen,ola@example.no,+47 999 88 777", "Ola,Hansen II,other@example.no,99988777"].join("\n");
    const report = (await post(a, file, "dryRun=true&skipInvalid=true")).json();
    expect(report.duplicates).toEqual([
      { line: 2, candidateId: existing.json().id, reasons: ["email"] },
      { line: 4, candidateId: null, reasons: ["same as line 3"] },
    ]);
    expect(report.imported).toBe(1);
  });

  it("imports XLSX", async () => {
    const a = await fresh();
    const data = [
      [{ value: "fornavn" }, { value: "etternavn" }, { value: "fødselsår" }, { value: "yrker" }],
      [{ value: "Mariam" }, { value: "Yusuf" }, { value: 1988, type: Number }, { value: "Sykepleier" }],
      [null, null, null, null],
      [{ value: "Hassan" }, { value: "Ali" }, { value: "1979" }, { value: "nurse" }],
    ];
    const xlsx = await writeXlsxFile(data as never).toBuffer();
    const report = (await post(a, xlsx, "dryRun=false", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).json();
    expect(report).toMatchObject({ rows: 2, imported: 2, rejected: [], committed: true });
    const rows = await stored(a.tenantId);
    expect(rows.every((r) => r.occupationUris[0] === tx.nurse.uri)).toBe(true);
  });

  it("refuses files that are not CSV or XLSX, empty files and files without names", async () => {
    const a = await fresh();
    const pdf = await post(a, Buffer.from("%PDF-1.4\u0000\u0001binary"), "dryRun=true", "application/octet-stream");
    expect(pdf.statusCode).toBe(415);
    const zip = await post(a, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "dryRun=true", "application/octet-stream");
    expect(zip.statusCode).toBe(415);
    expect((await post(a, "", "dryRun=true")).statusCode).toBe(400);
    const noName = await post(a, "email,phone\na@example.no,12345678\n", "dryRun=true");
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors[0].path).toBe("body.firstName");
    const json = await upload(t, a, "/api/v1/candidates/import?dryRun=true", "{}", "application/json");
    expect(json.statusCode).toBe(400);
    expect((await t.ctx.db.select().from(candidates).where(and(eq(candidates.tenantId, a.tenantId)))).length).toBe(0);
  });
});
