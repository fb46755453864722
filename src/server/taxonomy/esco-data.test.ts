import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { importEsco, importNorwegianLabels, importStyrk } from "./import.ts";
import type { EscoImportResult } from "./import.ts";
import { searchTaxonomy } from "./service.ts";
import { taxonomyConcepts, taxonomyOccupationSkills, taxonomyStyrk } from "./tables.ts";

/*
 * The data suite: imports the full ESCO v1.1.1 (English), the Norwegian occupation labels and the STYRK-08
 * crosswalk from ../shared/data (never copied into the repository) and checks counts and search results.
 */

const data = path.resolve(import.meta.dirname, "../../../../shared/data");
const present = fs.existsSync(path.join(data, "esco-v1.1.1", "occupations_en.csv"));
if (!present) console.warn(`Skipping the ESCO data suite: ${data}/esco-v1.1.1 is missing (CI has ../shared/data beside the repository).`);

const occupation = (id: string) => `http://data.europa.eu/esco/occupation/${id}`;

describe.skipIf(!present)("full ESCO import (../shared/data)", () => {
  let t: TestApp;
  let result: EscoImportResult;

  beforeAll(async () => {
    t = await createTestApp();
    result = await importEsco(t.ctx.db, path.join(data, "esco-v1.1.1"), { langs: ["en", "no"] });
    await importNorwegianLabels(t.ctx.db, path.join(data, "esco-no", "occupation-labels-no.tsv"));
    await importStyrk(t.ctx.db, path.join(data, "styrk08", "esco-styrk08-mapping-2022-09-20.csv"));
  }, 600_000);
  afterAll(() => t?.close());

  it("imports every occupation, skill and relation", async () => {
    expect(result.source).toBe("esco-1.1.1");
    expect(result.concepts).toEqual({ occupation: 3007, skill: 13896, isco_group: 619, skill_group: 640 });
    // 123,855 relations in the file; 67 name an occupation that the download does not have.
    expect(result.occupationSkills + result.skippedRelations).toBe(123855);
    expect(result.skippedRelations).toBe(67);
    expect(result.missingLanguages).toEqual(["no"]);
    const released = async (type: string) =>
      (await t.ctx.db.select({ n: count() }).from(taxonomyConcepts).where(and(eq(taxonomyConcepts.type, type), eq(taxonomyConcepts.status, "released"))))[0]!.n;
    expect(await released("occupation")).toBe(3007);
    expect(await released("skill")).toBe(13896);
    expect((await t.ctx.db.select({ n: count() }).from(taxonomyOccupationSkills))[0]!.n).toBe(123788);
    expect((await t.ctx.db.select({ n: count() }).from(taxonomyStyrk))[0]!.n).toBeGreaterThan(2900);
    const languages = await t.ctx.db.select({ n: count() }).from(taxonomyConcepts).where(eq(taxonomyConcepts.skillType, "language"));
    expect(languages[0]!.n).toBe(346);
  });

  it("finds occupations and skills in bokmål and English, with typos and prefixes", async () => {
    const top = async (type: "occupation" | "skill", q: string, lang: string) => (await searchTaxonomy(t.ctx.db, type, q, lang, 10))[0];
    const cook = occupation("90f75f67-495d-49fa-ab57-2f320e251d7e");
    expect(await top("occupation", "kokk", "nb")).toMatchObject({ uri: cook, label: "kokk", lang: "nb", code: "5120" });
    expect(await top("occupation", "cook", "en")).toMatchObject({ uri: cook, label: "cook", lang: "en" });
    expect(await top("occupation", "sykeplier", "nb")).toMatchObject({ label: "sykepleier" });
    expect((await searchTaxonomy(t.ctx.db, "occupation", "syke", "nb", 10)).map((item) => item.label)).toContain("sykepleier");
    expect(await top("occupation", "elektriker", "nb")).toMatchObject({ label: "elektriker" });
    expect(await top("occupation", "electrician", "en")).toMatchObject({ label: "electrician" });
    expect(await top("occupation", "softwar develper", "en")).toMatchObject({ label: "software developer" });
    expect((await searchTaxonomy(t.ctx.db, "occupation", "rengjoringsassistent", "nb", 10)).map((item) => item.label)).toContain("rengjøringsassistent, tog");
    expect(await top("skill", "Norwegian", "en")).toMatchObject({ label: "Norwegian" });
    expect(await top("skill", "communicate with customers", "en")).toMatchObject({ label: "communicate with customers" });
  });

  it("answers a query in well under 20 ms once the index is built", async () => {
    await searchTaxonomy(t.ctx.db, "skill", "warm up", "en", 10);
    const samples: number[] = [];
    for (const q of ["kokk", "sykepleier", "syke", "electrician", "manage staff", "welding", "customer service", "rengjoring", "tomrer", "project management"]) {
      for (const type of ["occupation", "skill"] as const) {
        const started = performance.now();
        await searchTaxonomy(t.ctx.db, type, q, "nb", 10);
        samples.push(performance.now() - started);
      }
    }
    samples.sort((a, b) => a - b);
    // Generous here (shared CI machine); `npm run bench` measures the budget of 20 ms at p95.
    expect(samples[Math.floor(samples.length / 2)]).toBeLessThan(50);
  });
});
