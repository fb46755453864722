import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRegisterClient, placeName, sizeBandOf } from "./client.ts";
import { fakeEntity, startFakeRegister } from "./fake-register.ts";
import type { FakeRegister } from "./fake-register.ts";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { AppError } from "../platform/errors.ts";

/* The register client against a local server that answers in Enhetsregisteret's format: never the internet. */

const kiwi = fakeEntity("974760673", "KIWI SANDVIKA AS");
const bankrupt = fakeEntity("923609016", "GAMLE BAKERIET BÆRUM AS", {
  konkurs: true,
  konkursdato: "2024-02-01",
  antallAnsatte: undefined,
  harRegistrertAntallAnsatte: false,
  naeringskode1: { kode: "00.000", beskrivelse: "Uoppgitt" },
  forretningsadresse: undefined,
  postadresse: { adresse: ["Postboks 12", null], postnummer: "1302", poststed: "SANDVIKA", kommune: "BÆRUM", kommunenummer: "3201" },
  hjemmeside: undefined,
});
const deleted = fakeEntity("914778271", "NEDLAGT KANTINE AS", { slettedato: "2023-06-30", antallAnsatte: 3 });

let register: FakeRegister;
beforeAll(async () => {
  register = await startFakeRegister([kiwi, bankrupt, deleted, fakeEntity("915872018", "KIWI ASKER AS", { antallAnsatte: 260 })]);
});
afterAll(() => register.close());
beforeEach(() => {
  register.mode = "normal";
});

describe("register client", () => {
  // Generous for answers (a loaded CI machine), short where the register hangs on purpose.
  const client = (timeoutMs = 5000) => createRegisterClient({ baseUrl: register.url, timeoutMs });

  it("finds an entity by organisation number and maps it to the employer form", async () => {
    expect(await client().lookup("974760673")).toEqual({
      orgNumber: "974760673",
      name: "KIWI SANDVIKA AS",
      naceCode: "47.111",
      naceDescription: "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler",
      sizeBand: "20-49",
      municipality: "Bærum",
      address: "Sandvikstorget 1",
      postalCode: "1337",
      postalPlace: "Sandvika",
      website: "https://www.example.no",
      deleted: false,
      bankrupt: false,
    });
    expect(register.requests.at(-1)).toBe("/enhetsregisteret/api/enheter/974760673");
  });

  it("marks bankrupt and deleted entities, and leaves out what the register does not know", async () => {
    expect(await client().lookup("923609016")).toMatchObject({
      naceCode: null,
      naceDescription: "Uoppgitt",
      sizeBand: "unknown",
      address: "Postboks 12",
      website: "",
      bankrupt: true,
      deleted: false,
    });
    expect(await client().lookup("914778271")).toMatchObject({ deleted: true, sizeBand: "1-4" });
  });

  it("not found (404 from the register) → null", async () => {
    expect(await client().lookup("986105174")).toBeNull();
  });

  it("searches by name: hits, and none (the register then sends no _embedded)", async () => {
    const hits = await client().search("kiwi");
    expect(hits.map((h) => h.name)).toEqual(["KIWI SANDVIKA AS", "KIWI ASKER AS"]);
    expect(hits[1]!.sizeBand).toBe("250+");
    expect(register.requests.at(-1)).toBe("/enhetsregisteret/api/enheter?navn=kiwi&size=15");
    expect(await client().search("finnes ikke")).toEqual([]);
  });

  it.each([
    ["hang", "a timeout"],
    ["garbage", "garbage JSON"],
    ["html", "an HTML page"],
    ["error", "a 500"],
  ] as const)("%s (%s) → register_unavailable, for lookup and search", async (mode, _what) => {
    register.mode = mode;
    const timeout = mode === "hang" ? 300 : 5000;
    for (const call of [() => client(timeout).lookup("974760673"), () => client(timeout).search("kiwi")]) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("register_unavailable");
    }
  });

  it("nobody listening → register_unavailable", async () => {
    const closed = await startFakeRegister([]);
    await closed.close();
    await expect(createRegisterClient({ baseUrl: closed.url, timeoutMs: 5000 }).lookup("974760673")).rejects.toMatchObject({ code: "register_unavailable" });
  });

  it("size bands and place names", () => {
    expect([undefined, 0, 1, 4, 5, 9, 10, 19, 20, 49, 50, 99, 100, 249, 250, 9000].map(sizeBandOf)).toEqual([
      "unknown", "unknown", "1-4", "1-4", "5-9", "5-9", "10-19", "10-19", "20-49", "20-49", "50-99", "50-99", "100-249", "100-249", "250+", "250+",
    ]);
    expect(["BÆRUM", "NORD-FRON", "AURSKOG-HØLAND", "SØR-VARANGER", "OSLO", ""].map(placeName)).toEqual(["Bærum", "Nord-Fron", "Aurskog-Høland", "Sør-Varanger", "Oslo", ""]);
  });
});

describe("GET /api/v1/register/entities", () => {
  let t: TestApp;
  let advisor: Awaited<ReturnType<TestApp["as"]>>;
  beforeAll(async () => {
    t = await createTestApp({ config: { brregUrl: register.url, brregTimeoutMs: 3000 } });
    advisor = await t.as("advisor");
  });
  afterAll(() => t.close());

  it("by organisation number, spaces allowed", async () => {
    const response = await advisor.get("/api/v1/register/entities?orgNumber=974%20760%20673");
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([expect.objectContaining({ orgNumber: "974760673", name: "KIWI SANDVIKA AS" })]);
  });

  it("an unknown number → 200 with no items", async () => {
    const response = await advisor.get("/api/v1/register/entities?orgNumber=986105174");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [] });
  });

  it("by name", async () => {
    expect((await advisor.get("/api/v1/register/entities?q=kiwi")).json().items).toHaveLength(2);
  });

  it("bad input → 400 before the register is asked", async () => {
    const before = register.requests.length;
    for (const query of ["", "?orgNumber=974760674", "?orgNumber=974760673&q=kiwi", "?q=k", "?orgNumber=12"]) {
      const response = await advisor.get(`/api/v1/register/entities${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe("validation_failed");
    }
    expect(register.requests.length).toBe(before);
  });

  it.each(["hang", "garbage", "error"] as const)("register %s → 503 register_unavailable with a clear message", async (mode) => {
    register.mode = mode;
    const response = await advisor.get("/api/v1/register/entities?orgNumber=974760673");
    expect(response.statusCode).toBe(503);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ code: "register_unavailable", detail: "The register cannot be reached; fill in the form by hand." });
  });
});
