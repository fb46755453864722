import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { Client, TestApp } from "../testing/test-app.ts";
import { auditLog, accessLog } from "../platform/tables.ts";
import { insertTestTaxonomy, testTaxonomy as tx, upload } from "./test-taxonomy.ts";

type Signed = Awaited<ReturnType<TestApp["as"]>>;

let counter = 0;
const person = (extra: Record<string, unknown> = {}) => {
  const n = counter++;
  return {
    firstName: `Amina${n}`,
    lastName: `Haile${n}`,
    email: `amina${n}@example.no`,
    phone: `+47 900 ${String(10000 + n).slice(0, 2)} ${String(100 + n).slice(-3)}`,
    municipality: "Bærum",
    background: { countryOfBirth: "ER", arrivalYear: 2016, gender: "female", birthYear: 1990 },
    languages: [{ code: "no", listening: "B1", reading: "B1", writing: "A2", speaking: "B2" }],
    education: [{ level: "bachelor", field: "Økonomi", country: "ER", yearCompleted: 2012, recognition: "pending" }],
    experience: [{ occupationUri: tx.cook.uri, years: 3, country: "ER" }],
    skillUris: [tx.hygiene.uri],
    drivingLicences: ["B"],
    jobWishes: { occupationUris: [tx.cleaner.uri], municipalities: ["Bærum"], extent: "full_time" },
    ...extra,
  };
};

describe("candidates", () => {
  let t: TestApp;
  let admin: Signed;
  let advisor: Signed;
  let hr: Signed;

  beforeAll(async () => {
    t = await createTestApp();
    await insertTestTaxonomy(t.ctx.db);
    admin = await t.as("admin");
    advisor = await t.as("advisor", admin.tenantId);
    hr = await t.as("hr", admin.tenantId);
  });
  afterAll(() => t.close());

  const create = async (client: Client, body: Record<string, unknown>, query = "") => {
    const response = await client.post(`/api/v1/candidates${query}`, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string } & Record<string, unknown>;
  };

  it("registers a candidate with labels in the asked language, and background only for admin and advisor", async () => {
    const created = await create(advisor, person({ advisorUserId: advisor.userId }), "?lang=en");
    expect(created).toMatchObject({
      experience: [{ occupationUri: tx.cook.uri, occupationLabel: "cook", years: 3 }],
      skills: [{ uri: tx.hygiene.uri, label: "follow hygiene procedures" }],
      jobWishes: { occupations: [{ uri: tx.cleaner.uri, label: "cleaner" }] },
      background: { countryOfBirth: "ER", birthYear: 1990 },
      advisor: { userId: advisor.userId, name: "Test advisor" },
      processingRestricted: false,
    });
    const nb = (await advisor.get(`/api/v1/candidates/${created.id}`)).json();
    expect(nb.experience[0].occupationLabel).toBe("Kokk");
    const en = await advisor.request("GET", `/api/v1/candidates/${created.id}`, undefined, { "accept-language": "en-GB,en;q=0.9" });
    expect(en.json().experience[0].occupationLabel).toBe("cook");
    const forHr = await hr.get(`/api/v1/candidates/${created.id}`);
    expect(forHr.statusCode).toBe(200);
    expect(forHr.json().background).toBeNull();
    expect(forHr.json().firstName).toBe(created.firstName);
  });

  it("logs every read of one candidate with its purpose, and shows who read it", async () => {
    const { id } = await create(advisor, person());
    expect((await admin.get(`/api/v1/candidates/${id}?purpose=matching`)).statusCode).toBe(200);
    expect((await hr.get(`/api/v1/candidates/${id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/candidates/${id}?purpose=gossip`)).statusCode).toBe(400);
    const rows = await t.ctx.db.select().from(accessLog).where(eq(accessLog.personId, id));
    expect(rows.map((r) => r.purpose).sort()).toEqual(["follow_up", "matching"]);
    // Lists do not log each row.
    await advisor.get("/api/v1/candidates");
    expect(await t.ctx.db.select().from(accessLog).where(eq(accessLog.personId, id))).toHaveLength(2);
    const log = (await advisor.get(`/api/v1/candidates/${id}/access-log`)).json();
    expect(log.items).toHaveLength(2);
    expect(log.items[0]).toMatchObject({ reader: { kind: "user", id: hr.userId, name: "Test hr", role: "hr" }, purpose: "follow_up" });
    expect(log.items[1]).toMatchObject({ reader: { id: admin.userId, role: "admin" }, purpose: "matching" });
  });

  it("PATCH changes only the given fields and audits field names, never values", async () => {
    const { id } = await create(advisor, person());
    const response = await advisor.patch(`/api/v1/candidates/${id}`, { municipality: "Asker", status: "in_work", firstName: undefined });
    expect(response.statusCode, response.body).toBe(200);
    const after = response.json();
    expect(after).toMatchObject({ municipality: "Asker", status: "in_work", email: expect.stringContaining("@example.no"), drivingLicences: ["B"] });
    expect(after.experience).toHaveLength(1);
    expect(after.background.birthYear).toBe(1990);
    const [audit] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "candidate.update")));
    expect(audit!.after).toEqual({ fields: ["municipality", "status"] });
    expect(JSON.stringify(audit)).not.toContain("Asker");
    const created = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "candidate.create")));
    expect(JSON.stringify(created)).not.toContain("example.no");
    // A background change is audited by name too.
    await advisor.patch(`/api/v1/candidates/${id}`, { background: { countryOfBirth: "SY", arrivalYear: 2015, gender: "female", birthYear: 1991 } });
    expect((await admin.get(`/api/v1/candidates/${id}`)).json().background.countryOfBirth).toBe("SY");
    // HR reads but cannot write.
    expect((await hr.patch(`/api/v1/candidates/${id}`, { municipality: "Oslo" })).statusCode).toBe(403);
  });

  it("rejects bad input with 400 validation_failed and the field path, never a 500", async () => {
    const unknownUri = "http://data.europa.eu/esco/occupation/11111111-1111-4111-8111-111111111111";
    const cases: [Record<string, unknown>, string][] = [
      [person({ experience: [{ occupationUri: unknownUri, years: 1 }] }), "body.experience.0.occupationUri"],
      [person({ skillUris: [tx.cook.uri] }), "body.skillUris.0"],
      [person({ jobWishes: { occupationUris: [tx.hygiene.uri] } }), "body.jobWishes.occupationUris.0"],
      [person({ languages: [{ code: "no", reading: "B3" }] }), "body.languages.0.reading"],
      [person({ shoeSize: 42 }), "body"],
      [person({ firstName: 42 }), "body.firstName"],
      [person({ background: { birthYear: "1990" } }), "body.background.birthYear"],
      [person({ advisorUserId: hr.userId }), "body.advisorUserId"],
      [person({ experience: [{ occupationUri: "cook", years: 1 }] }), "body.experience.0.occupationUri"],
    ];
    for (const [body, path] of cases) {
      const response = await advisor.post("/api/v1/candidates", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe("validation_failed");
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await advisor.patch("/api/v1/candidates/00000000-0000-4000-8000-000000000000", { status: "left" })).statusCode).toBe(404);
    expect((await advisor.get("/api/v1/candidates/not-a-uuid")).statusCode).toBe(400);
    expect((await advisor.get("/api/v1/candidates?norwegianLevel=B9")).statusCode).toBe(400);
    expect((await advisor.get("/api/v1/candidates?cursor=garbage")).json().code).toBe("validation_failed");
  });

  describe("list", () => {
    let tenant: string;
    let a: Signed;
    let mine: Signed;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      a = await t.as("admin");
      tenant = a.tenantId;
      mine = await t.as("advisor", tenant);
      const rows: [string, Record<string, unknown>][] = [
        ["olsen", { firstName: "Kari", lastName: "Olsen", email: "kari@x.no", phone: "+47 911 11 111", municipality: "Asker", advisorUserId: mine.userId, status: "active", languages: [{ code: "no", listening: "C1", reading: "B2", writing: "B2", speaking: "C1" }], education: [{ level: "master" }], experience: [{ occupationUri: tx.nurse.uri, years: 5 }], skillUris: [tx.hygiene.uri], drivingLicences: ["B", "C"] }],
        ["ahmadi", { firstName: "Ali", lastName: "Ahmadi", email: "ali@x.no", phone: "+47 922 22 222", municipality: "Bærum", status: "paused", languages: [{ code: "no", listening: "A2", reading: "A2", writing: "A1", speaking: "A2" }], education: [{ level: "upper_secondary" }], experience: [], jobWishes: { occupationUris: [tx.nurse.uri] }, skillUris: [tx.forklift.uri], drivingLicences: [] }],
        ["bakken", { firstName: "Øystein", lastName: "Bakken", email: null, phone: null, municipality: "bærum", advisorUserId: mine.userId, languages: [], education: [], experience: [{ occupationUri: tx.cleaner.uri, years: 1 }], skillUris: [], drivingLicences: [] }],
      ];
      for (const [key, body] of rows) ids[key] = (await create(a, { ...body, background: { birthYear: null } })).id;
      for (let i = 0; i < 5; i++) await create(a, { firstName: `Zed${i}`, lastName: `Zulu${i}` });
    });
    const names = async (query: string, client: Client = a) => {
      const response = await client.get(`/api/v1/candidates${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.map((i: { lastName: string }) => i.lastName);
    };

    it("filters", async () => {
      expect(await names("?q=kari")).toEqual(["Olsen"]);
      expect(await names("?q=oystein")).toEqual(["Bakken"]);
      expect(await names("?q=Øystein%20bakk")).toEqual(["Bakken"]);
      expect(await names("?q=ali%40x")).toEqual(["Ahmadi"]);
      expect(await names("?q=922%2022")).toEqual(["Ahmadi"]);
      expect(await names("?q=100%25")).toEqual([]);
      expect(await names("?status=paused")).toEqual(["Ahmadi"]);
      expect((await names(`?occupationUri=${encodeURIComponent(tx.nurse.uri)}&sort=name`))).toEqual(["Ahmadi", "Olsen"]);
      expect(await names(`?skillUri=${encodeURIComponent(tx.forklift.uri)}`)).toEqual(["Ahmadi"]);
      expect(await names("?norwegianLevel=B2")).toEqual(["Olsen"]);
      expect(await names("?norwegianLevel=A1&sort=name")).toEqual(["Ahmadi", "Olsen"]);
      expect(await names("?educationLevel=bachelor")).toEqual(["Olsen"]);
      expect(await names("?educationLevel=upper_secondary&sort=name")).toEqual(["Ahmadi", "Olsen"]);
      expect(await names("?drivingLicence=C")).toEqual(["Olsen"]);
      expect(await names("?municipality=Asker")).toEqual(["Olsen"]);
      expect(await names("?municipality=B%C3%A6rum&sort=name")).toEqual(["Ahmadi", "Bakken"]);
      expect(await names(`?advisorUserId=${mine.userId}&sort=name`)).toEqual(["Bakken", "Olsen"]);
      const item = (await a.get("/api/v1/candidates?q=kari&lang=en")).json().items[0];
      expect(item).toMatchObject({ norwegianLevel: "B2", occupations: [{ uri: tx.nurse.uri, label: "nurse" }], advisor: { userId: mine.userId } });
    });

    it("scope=mine is the advisor's caseload", async () => {
      expect(await names("?scope=mine&sort=name", mine)).toEqual(["Bakken", "Olsen"]);
      expect(await names("?scope=mine", a)).toEqual([]);
      expect((await names("?scope=all", mine)).length).toBe(8);
    });

    it("sorts and pages by keyset without gaps or repeats", async () => {
      for (const sort of ["name", "updated"]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const response = await a.get(`/api/v1/candidates?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`);
          const page = response.json() as { items: { id: string; lastName: string }[]; nextCursor: string | null };
          seen.push(...page.items.map((i) => i.lastName));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(8);
        expect(new Set(seen).size).toBe(8);
        if (sort === "name") expect(seen).toEqual([...seen].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())));
      }
      // A cursor of one sort is refused for the other.
      const first = (await a.get("/api/v1/candidates?limit=1&sort=name")).json();
      expect((await a.get(`/api/v1/candidates?limit=1&sort=updated&cursor=${first.nextCursor}`)).statusCode).toBe(400);
    });

    it("DELETE is an erasure request: 202, hidden from lists at once, still readable as restricted", async () => {
      const { id } = await create(a, { firstName: "Gone", lastName: "Soon" });
      expect(await names("?q=gone")).toEqual(["Soon"]);
      const response = await a.delete(`/api/v1/candidates/${id}`);
      expect(response.statusCode).toBe(202);
      expect(await names("?q=gone")).toEqual([]);
      expect((await a.get(`/api/v1/candidates/${id}`)).json().processingRestricted).toBe(true);
      expect((await a.delete(`/api/v1/candidates/${id}`)).statusCode).toBe(202);
      const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "candidate.erasure_request")));
      expect(audits).toHaveLength(1);
    });
  });

  it("notes carry the warning about sensitive details", async () => {
    const { id } = await create(advisor, person());
    const added = await advisor.post(`/api/v1/candidates/${id}/notes`, { text: "Møtte til samtale, ønsker kveldsjobb." });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ text: "Møtte til samtale, ønsker kveldsjobb.", author: { userId: advisor.userId } });
    const list = (await advisor.get(`/api/v1/candidates/${id}/notes`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.warning).toMatch(/helseopplysninger/);
    expect((await advisor.get(`/api/v1/candidates/${id}/notes?lang=en`)).json().warning).toMatch(/health/);
    expect((await advisor.post(`/api/v1/candidates/${id}/notes`, { text: "" })).statusCode).toBe(400);
    expect((await hr.get(`/api/v1/candidates/${id}/notes`)).statusCode).toBe(403);
  });

  describe("documents", () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(100, 0x90)]);

    it("stores PDF and PNG judged by content, and downloads them as attachments", async () => {
      const { id } = await create(advisor, person());
      // The client says octet-stream; the content says PDF.
      const up = await upload(t, advisor, `/api/v1/candidates/${id}/documents?name=${encodeURIComponent("Vitnemål.pdf")}`, pdf, "application/octet-stream");
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json()).toMatchObject({ name: "Vitnemål.pdf", contentType: "application/pdf", size: pdf.length });
      const image = await upload(t, advisor, `/api/v1/candidates/${id}/documents?name=photo.png`, png, "image/png");
      expect(image.json().contentType).toBe("image/png");
      const list = (await advisor.get(`/api/v1/candidates/${id}/documents`)).json();
      expect(list.items).toHaveLength(2);
      const download = await advisor.get(`/api/v1/candidates/${id}/documents/${up.json().id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers["content-type"]).toBe("application/pdf");
      expect(download.headers["content-disposition"]).toContain("attachment;");
      expect(download.headers["content-disposition"]).toContain("Vitnem%C3%A5l.pdf");
      expect(download.rawPayload.equals(pdf)).toBe(true);
      expect((await advisor.delete(`/api/v1/candidates/${id}/documents/${up.json().id}`)).statusCode).toBe(204);
      expect((await advisor.get(`/api/v1/candidates/${id}/documents/${up.json().id}`)).statusCode).toBe(404);
    });

    it("refuses an .exe renamed .pdf, an empty file, an oversized file and a name with folders", async () => {
      const { id } = await create(advisor, person());
      const renamed = await upload(t, advisor, `/api/v1/candidates/${id}/documents?name=cv.pdf`, exe, "application/pdf");
      expect(renamed.statusCode).toBe(415);
      expect(renamed.json().code).toBe("file_type_not_allowed");
      const empty = await upload(t, advisor, `/api/v1/candidates/${id}/documents?name=cv.pdf`, Buffer.alloc(0), "application/pdf");
      expect(empty.statusCode).toBe(400);
      const big = await upload(t, advisor, `/api/v1/candidates/${id}/documents?name=big.pdf`, Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024 + 10)]), "application/pdf");
      expect(big.statusCode).toBe(413);
      expect(big.json().code).toBe("file_too_large");
      const folders = await upload(t, advisor, `/api/v1/candidates/${id}/documents?name=..%2Fetc%2Fpasswd`, pdf, "application/pdf");
      expect(folders.statusCode).toBe(400);
      const wrongType = await upload(t, advisor, `/api/v1/candidates/${id}/documents?name=x.pdf`, "<html>", "text/html");
      expect(wrongType.statusCode).toBe(415);
      expect((await advisor.get(`/api/v1/candidates/${id}/documents`)).json().items).toEqual([]);
    });
  });

  describe("duplicates and merge", () => {
    it("answers 409 possible_duplicate for the same e-mail, phone, or name and birth year, unless confirmed", async () => {
      const original = await create(advisor, person({ email: "dup@example.no", phone: "+47 480 00 001", firstName: "Åsa", lastName: "Øberg" }));
      const byEmail = await advisor.post("/api/v1/candidates", person({ email: "DUP@example.no" }));
      expect(byEmail.statusCode).toBe(409);
      expect(byEmail.json()).toMatchObject({ code: "possible_duplicate", duplicates: [{ id: original.id, reasons: ["email"] }] });
      const byPhone = await advisor.post("/api/v1/candidates", person({ phone: "004748000001" }));
      expect(byPhone.json().duplicates[0]).toMatchObject({ id: original.id, reasons: ["phone"] });
      const byName = await advisor.post("/api/v1/candidates", person({ firstName: "asa ", lastName: "Oberg" }));
      expect(byName.json().duplicates[0]).toMatchObject({ id: original.id, reasons: ["name_birth_year"] });
      // Same name, another birth year: not a duplicate.
      await create(advisor, person({ firstName: "Åsa", lastName: "Øberg", background: { birthYear: 1970 } }));
      await create(advisor, person({ email: "dup@example.no" }), "?confirmNotDuplicate=true");
    });

    it("merges a duplicate into a candidate, keeping notes, documents, lists and the access log", async () => {
      // Registered twice (same name and birth year), the second time past the duplicate warning.
      const keep = await create(advisor, person({ firstName: "Samir", lastName: "Haddad", email: "keep@example.no", phone: null, skillUris: [tx.hygiene.uri], drivingLicences: ["B"], municipality: "", background: { birthYear: 1991 } }));
      const dup = await create(
        advisor,
        person({ firstName: "Samir", lastName: "Haddad", email: "keep2@example.no", phone: "+47 41 23 45 67", skillUris: [tx.forklift.uri], drivingLicences: ["C"], municipality: "Asker", languages: [{ code: "ar", native: true }], background: { birthYear: 1991 } }),
        "?confirmNotDuplicate=true",
      );
      await advisor.post(`/api/v1/candidates/${dup.id}/notes`, { text: "Note on the duplicate" });
      await upload(t, advisor, `/api/v1/candidates/${dup.id}/documents?name=a.pdf`, Buffer.from("%PDF-1.7\n"), "application/pdf");
      await admin.get(`/api/v1/candidates/${dup.id}?purpose=mapping`);
      // The profile offers the look-alikes to merge.
      const offered = (await advisor.get(`/api/v1/candidates/${keep.id}/duplicates`)).json().items;
      expect(offered.map((d: { id: string }) => d.id)).toContain(dup.id);
      const response = await advisor.post(`/api/v1/candidates/${keep.id}/merge`, { duplicateId: dup.id });
      expect(response.statusCode, response.body).toBe(200);
      const merged = response.json();
      expect(merged).toMatchObject({ email: "keep@example.no", phone: "+47 41 23 45 67", municipality: "Asker", drivingLicences: ["B", "C"] });
      expect(merged.skills.map((s: { uri: string }) => s.uri)).toEqual([tx.hygiene.uri, tx.forklift.uri]);
      expect(merged.languages.map((l: { code: string }) => l.code)).toEqual(["no", "ar"]);
      expect((await advisor.get(`/api/v1/candidates/${dup.id}`)).statusCode).toBe(404);
      expect((await advisor.get(`/api/v1/candidates/${keep.id}/notes`)).json().items.map((n: { text: string }) => n.text)).toEqual(["Note on the duplicate"]);
      expect((await advisor.get(`/api/v1/candidates/${keep.id}/documents`)).json().items).toHaveLength(1);
      const log = (await advisor.get(`/api/v1/candidates/${keep.id}/access-log`)).json().items;
      expect(log.map((e: { purpose: string }) => e.purpose)).toContain("mapping");
      expect((await advisor.post(`/api/v1/candidates/${keep.id}/merge`, { duplicateId: keep.id })).statusCode).toBe(400);
      expect((await advisor.post(`/api/v1/candidates/${keep.id}/merge`, { duplicateId: dup.id })).statusCode).toBe(404);
      expect((await advisor.get(`/api/v1/candidates/${keep.id}/duplicates`)).json().items.map((d: { id: string }) => d.id)).not.toContain(dup.id);
    });
  });

  it("serves the CV as PDF, named or anonymous, in bokmål or English, and logs the read with purpose cv", async () => {
    const { id } = await create(advisor, person({ firstName: "Selam", lastName: "Tesfamariam", email: "selam@example.no", summary: "Erfaren kokk." }));
    const pdfText = (pdf: Buffer) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cv-")), "cv.pdf");
      fs.writeFileSync(file, pdf);
      return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    };
    const full = await advisor.get(`/api/v1/candidates/${id}/cv.pdf?lang=en`);
    expect(full.statusCode).toBe(200);
    expect(full.headers["content-type"]).toBe("application/pdf");
    expect(full.headers["content-disposition"]).toContain("attachment");
    const fullText = pdfText(full.rawPayload);
    expect(fullText).toContain("Selam");
    expect(fullText).toContain("selam@example.no");
    expect(fullText).toContain("Cook");
    const anonymous = await advisor.get(`/api/v1/candidates/${id}/cv.pdf?variant=anonymous&lang=nb`);
    const anonymousText = pdfText(anonymous.rawPayload);
    expect(anonymousText).toContain("Kokk");
    expect(anonymousText).not.toContain("Selam");
    expect(anonymousText).not.toContain("selam@example.no");
    expect((await advisor.get(`/api/v1/candidates/${id}/cv.pdf?variant=secret`)).statusCode).toBe(400);
    const reads = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.personId, id), eq(accessLog.purpose, "cv")));
    expect(reads).toHaveLength(2);
  });

  it("exports CSV for admins, logs each candidate as read, and defuses formulas", async () => {
    const a = await t.as("admin");
    const { id } = await create(a, { firstName: "=cmd|' /C calc'!A0", lastName: "Normann", phone: "+47 900 00 000", email: "n@example.no" });
    const response = await a.get("/api/v1/candidates/export.csv");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.headers["content-disposition"]).toContain("attachment");
    const lines = response.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("firstName,lastName,birthYear,gender,countryOfBirth,arrivalYear,email,phone,municipality,norwegianLevel,educationLevel,occupations,skills,advisorEmail");
    expect(lines[1]).toContain("'=cmd");
    expect(lines[1]).toContain(",+47 900 00 000,");
    const rows = await t.ctx.db.select().from(accessLog).where(and(eq(accessLog.personId, id), eq(accessLog.purpose, "export")));
    expect(rows).toHaveLength(1);
  });
});
