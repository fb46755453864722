import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { Client, TestApp } from "../testing/test-app.ts";
import { createApiToken } from "../platform/tokens.ts";
import { taxonomyConcepts, taxonomyLabels, taxonomyOccupationSkills } from "./tables.ts";
import { ensureStarterTaxonomy, occupationUri, skillUri } from "./starter/load.ts";
import { starterOccupations, starterSkills } from "./starter/occupations.ts";
import { starterLanguages } from "./starter/languages.ts";
import { labelsFor, unknownConcepts } from "./lookup.ts";
import { normalise } from "./search-index.ts";
import type { TaxonomyItem } from "../../shared/taxonomy.ts";

/* Search over the built-in starter taxonomy, which a fresh installation loads at start. */

const uriOf = (en: string) => occupationUri(starterOccupations.find((o) => o.en === en)!.id);

describe("taxonomy search (starter taxonomy)", () => {
  let t: TestApp;
  let advisor: Client;

  beforeAll(async () => {
    t = await createTestApp();
    advisor = await t.as("advisor");
  });
  afterAll(() => t.close());

  const search = async (kind: "occupations" | "skills", query: string, lang = "nb", limit = 10) => {
    const response = await advisor.get(`/api/v1/taxonomy/${kind}?q=${encodeURIComponent(query)}&lang=${lang}&limit=${limit}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: TaxonomyItem[] }>().items;
  };

  it("the starter taxonomy is loaded at start, once, with real ESCO URIs", async () => {
    expect(starterOccupations.length).toBeGreaterThanOrEqual(80);
    const [concepts] = await t.ctx.db.select({ n: count() }).from(taxonomyConcepts);
    expect(concepts!.n).toBe(starterOccupations.length + new Set([...starterSkills, ...starterLanguages].map((s) => s.id)).size);
    expect(await ensureStarterTaxonomy(t.ctx.db)).toBe(false);
    const [again] = await t.ctx.db.select({ n: count() }).from(taxonomyConcepts);
    expect(again!.n).toBe(concepts!.n);
    const [relations] = await t.ctx.db.select({ n: count() }).from(taxonomyOccupationSkills);
    expect(relations!.n).toBe(starterOccupations.reduce((sum, o) => sum + o.skills.length, 0));
    for (const o of starterOccupations) {
      expect(o.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(o.isco).toMatch(/^\d{4}$/);
      expect(o.skills.length).toBeGreaterThan(0);
      expect(o.skills.length).toBeLessThanOrEqual(6);
    }
    const [labels] = await t.ctx.db.select({ n: count() }).from(taxonomyLabels);
    expect(labels!.n).toBeGreaterThan(2 * concepts!.n);
  });

  it("finds exact preferred labels first, in the requested language", async () => {
    expect((await search("occupations", "kokk"))[0]).toMatchObject({ uri: uriOf("cook"), label: "kokk", lang: "nb", code: "5120" });
    expect((await search("occupations", "cook", "en"))[0]).toMatchObject({ uri: uriOf("cook"), label: "cook", lang: "en" });
    expect((await search("occupations", "elektriker"))[0]).toMatchObject({ uri: uriOf("electrician"), label: "elektriker" });
    expect((await search("occupations", "electrician", "en"))[0]).toMatchObject({ uri: uriOf("electrician"), label: "electrician" });
    const scores = (await search("occupations", "sykepleier")).map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("shows the preferred label in the requested language whatever language matched", async () => {
    expect((await search("occupations", "electrician", "nb"))[0]).toMatchObject({ uri: uriOf("electrician"), label: "elektriker", lang: "nb" });
    expect((await search("occupations", "rørlegger", "en"))[0]).toMatchObject({ uri: uriOf("plumber"), label: "plumber", lang: "en" });
    // A language without labels falls back to bokmål.
    expect((await search("occupations", "kokk", "ar"))[0]).toMatchObject({ label: "kokk", lang: "nb" });
  });

  it("tolerates one or two typos", async () => {
    expect((await search("occupations", "sykeplier"))[0]?.uri).toBe(uriOf("nurse responsible for general care"));
    expect((await search("occupations", "elektirker"))[0]?.uri).toBe(uriOf("electrician"));
    expect((await search("occupations", "programvareutvilker"))[0]?.uri).toBe(uriOf("software developer"));
    expect((await search("occupations", "acountant", "en"))[0]?.uri).toBe(uriOf("accountant"));
  });

  it("ignores accents and Norwegian letters", async () => {
    expect(normalise("Rengjøring, Ærlig Å")).toBe("rengjoring aerlig a");
    expect((await search("skills", "rengjore fasader"))[0]?.label).toBe("rengjøre fasader");
    expect((await search("occupations", "rengjoringsarbeider"))[0]?.uri).toBe(uriOf("building cleaner"));
    expect((await search("occupations", "tomrer"))[0]?.uri).toBe(uriOf("carpenter"));
    expect((await search("occupations", "frisor"))[0]?.uri).toBe(uriOf("hairdresser"));
  });

  it("matches prefixes for typeahead", async () => {
    expect((await search("occupations", "syke")).map((item) => item.uri)).toContain(uriOf("nurse responsible for general care"));
    expect((await search("occupations", "barneh")).map((item) => item.uri)).toContain(uriOf("early years teacher"));
    expect((await search("occupations", "softw", "en"))[0]?.uri).toBe(uriOf("software developer"));
  });

  it("searches alternative labels and skills, including languages", async () => {
    expect((await search("occupations", "hjelpepleier"))[0]?.uri).toBe(uriOf("healthcare assistant"));
    expect((await search("skills", "norsk"))[0]).toMatchObject({ label: "norsk", lang: "nb" });
    const arabic = starterLanguages.find((l) => l.en === "Arabic")!;
    expect((await search("skills", "arabic", "en"))[0]).toMatchObject({ uri: skillUri(arabic.id), label: "Arabic" });
    expect((await search("skills", "førstehjelp"))[0]?.label).toBe("førstehjelp");
  });

  it("answers empty lists for nothing to find, and 400 for bad parameters", async () => {
    expect(await search("occupations", "")).toEqual([]);
    expect(await search("occupations", "x")).toEqual([]);
    expect(await search("occupations", "qqqqzzzz")).toEqual([]);
    expect(await search("occupations", "kokk", "nb", 3)).toHaveLength(3);
    for (const bad of ["limit=0", "limit=51", "lang=n%C3%B8", "unknown=1"]) {
      const response = await advisor.get(`/api/v1/taxonomy/occupations?q=kokk&${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json()).toMatchObject({ code: "validation_failed" });
    }
  });

  it("takes the language from Accept-Language when ?lang= is not given", async () => {
    const response = await advisor.request("GET", "/api/v1/taxonomy/occupations?q=cook", undefined, { "accept-language": "en-GB,en;q=0.8" });
    expect(response.json().items[0]).toMatchObject({ label: "cook", lang: "en" });
  });

  it("is open to every role and to API tokens, not to anonymous callers", async () => {
    for (const role of ["viewer", "candidate", "employer"] as const) {
      expect((await (await t.as(role)).get("/api/v1/taxonomy/skills?q=norsk")).statusCode).toBe(200);
    }
    const network = await t.createNetwork();
    const { token } = await createApiToken(t.ctx.db, { kind: "system", tenantId: network.id }, { tenantId: network.id, role: "viewer", name: "test" });
    expect((await t.bearer(token).get("/api/v1/taxonomy/occupations?q=kokk")).statusCode).toBe(200);
    const anonymous = await t.anonymous.get("/api/v1/taxonomy/occupations?q=kokk");
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["content-type"]).toContain("application/problem+json");
  });

  it("keeps the lookup other features use working", async () => {
    const cook = uriOf("cook");
    expect(await unknownConcepts(t.ctx.db, [cook, "http://data.europa.eu/esco/occupation/nope"], "occupation")).toEqual(["http://data.europa.eu/esco/occupation/nope"]);
    expect((await labelsFor(t.ctx.db, [cook], "nb")).get(cook)).toBe("kokk");
    expect((await labelsFor(t.ctx.db, [cook], "en")).get(cook)).toBe("cook");
  });
});
