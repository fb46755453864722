import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { runOperation } from "../operations.ts";
import { taxonomyBroader, taxonomyConcepts, taxonomyLabels, taxonomyOccupationSkills, taxonomyStyrk } from "./tables.ts";
import { searchTaxonomy } from "./service.ts";

/* The ESCO importer and the Norwegian-label and STYRK readers, on small hand-made files in the official formats. */

const occ = (id: string) => `http://data.europa.eu/esco/occupation/test-${id}`;
const skill = (id: string) => `http://data.europa.eu/esco/skill/test-${id}`;
const bom = "\uFEFF";

function escoFiles(options: { withoutWelder?: boolean; cookLabel?: string } = {}): Record<string, string> {
  const occupations = [
    "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code",
    `Occupation,${occ("cook")},5120,${options.cookLabel ?? "cook"},"line cook\nprep cook\n${options.cookLabel ?? "cook"}",,released,2020-01-01T00:00:00Z,,,,"a,\nb","Cooks prepare food, ""well"".",5120.1`,
    ...(options.withoutWelder ? [] : [`Occupation,${occ("welder")},7212,welder,"metal welder\r\nwelding operative",,released,,,,,,"",7212.3`]),
  ];
  return {
    [`occupations_en.csv`]: bom + occupations.join("\r\n") + "\r\n",
    [`occupations_no.csv`]: [
      "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code",
      `Occupation,${occ("cook")},5120,kokk,"kokk, restaurant\nkjøkkenkokk",,released,,,,,,,5120.1`,
    ].join("\n"),
    "skills_en.csv": [
      "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description",
      `KnowledgeSkillCompetence,${skill("knife")},skill/competence,sector-specific,use knives,"handle knives\ncut with knives",,released,,,,,`,
      `KnowledgeSkillCompetence,${skill("weld")},skill/competence,sector-specific,weld metals,,,released,,,,,`,
      `KnowledgeSkillCompetence,${skill("norwegian")},knowledge,transversal,Norwegian,,,released,,,,,`,
    ].join("\n"),
    "ISCOGroups_en.csv": [
      "conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description",
      "ISCOGroup,http://data.europa.eu/esco/isco/C5120,5120,Cooks,released,,,",
      "ISCOGroup,http://data.europa.eu/esco/isco/C512,512,Cooks (minor group),released,,,",
    ].join("\n"),
    "skillGroups_en.csv": ["conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,inScheme,description,code", "SkillGroup,http://data.europa.eu/esco/skill/test-group,handling tools,,,released,,,,,S6.1"].join("\n"),
    "languageSkillsCollection_en.csv": ["conceptType,conceptUri,skillType,reuseLevel,preferredLabel,status,altLabels,description,broaderConceptUri,broaderConceptPT", `KnowledgeSkillCompetence,${skill("norwegian")},knowledge,transversal,Norwegian,released,,,,`].join("\n"),
    "occupationSkillRelations.csv": [
      "occupationUri,relationType,skillType,skillUri",
      `${occ("cook")},essential,skill/competence,${skill("knife")}`,
      `${occ("cook")},optional,knowledge,${skill("norwegian")}`,
      ...(options.withoutWelder ? [] : [`${occ("welder")},essential,skill/competence,${skill("weld")}`]),
    ].join("\n"),
    "broaderRelationsOccPillar.csv": [
      "conceptType,conceptUri,broaderType,broaderUri",
      `Occupation,${occ("cook")},ISCOGroup,http://data.europa.eu/esco/isco/C5120`,
      "ISCOGroup,http://data.europa.eu/esco/isco/C5120,ISCOGroup,http://data.europa.eu/esco/isco/C512",
    ].join("\n"),
    "broaderRelationsSkillPillar.csv": ["conceptType,conceptUri,broaderType,broaderUri", `KnowledgeSkillCompetence,${skill("knife")},SkillGroup,http://data.europa.eu/esco/skill/test-group`].join("\n"),
  };
}

describe("taxonomy import", () => {
  let t: TestApp;
  let root: string;
  const write = (name: string, files: Record<string, string>) => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
    return dir;
  };
  const labelsOf = async (uri: string, lang: string) =>
    (await t.ctx.db.select().from(taxonomyLabels).where(and(eq(taxonomyLabels.uri, uri), eq(taxonomyLabels.lang, lang)))).map((row) => `${row.kind}:${row.label}`).sort();
  const concept = async (uri: string) => (await t.ctx.db.select().from(taxonomyConcepts).where(eq(taxonomyConcepts.uri, uri)))[0];
  const snapshot = async () => ({
    concepts: await t.ctx.db.select().from(taxonomyConcepts).orderBy(taxonomyConcepts.uri),
    labels: (await t.ctx.db.select().from(taxonomyLabels)).map((row) => `${row.uri} ${row.lang} ${row.kind} ${row.label}`).sort(),
    relations: await t.ctx.db.select().from(taxonomyOccupationSkills),
  });

  beforeAll(async () => {
    t = await createTestApp();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "mangfold-esco-"));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("imports concepts, labels in every language given, relations and the hierarchy", async () => {
    const output = await runOperation(t.ctx, "taxonomy import esco", { path: write("esco-v1.2.0", escoFiles()), lang: "en,no,uk" });
    expect(output).toContain("Imported esco-1.2.0: occupation 2, skill 3, isco_group 2, skill_group 1.");
    expect(output).toContain("No files for: uk.");
    expect(await concept(occ("cook"))).toMatchObject({ type: "occupation", code: "5120", status: "released", source: "esco-1.2.0" });
    expect(await concept(skill("norwegian"))).toMatchObject({ type: "skill", skillType: "language" });
    expect(await concept(skill("knife"))).toMatchObject({ skillType: "skill/competence" });
    // Quoted multi-line altLabels, one per line; the preferred label is not repeated as an alternative.
    expect(await labelsOf(occ("cook"), "en")).toEqual(["alternative:line cook", "alternative:prep cook", "preferred:cook"]);
    expect(await labelsOf(occ("welder"), "en")).toEqual(["alternative:metal welder", "alternative:welding operative", "preferred:welder"]);
    expect(await labelsOf(occ("cook"), "no")).toEqual(["alternative:kjøkkenkokk", "alternative:kokk, restaurant", "preferred:kokk"]);
    const relations = await t.ctx.db.select().from(taxonomyOccupationSkills).where(eq(taxonomyOccupationSkills.occupationUri, occ("cook")));
    expect(relations.map((r) => `${r.relation} ${r.skillUri}`).sort()).toEqual([`essential ${skill("knife")}`, `optional ${skill("norwegian")}`]);
    const broader = await t.ctx.db.select().from(taxonomyBroader);
    expect(broader).toHaveLength(3);
    // The search index is rebuilt after the import.
    expect((await searchTaxonomy(t.ctx.db, "occupation", "kjokkenkok", "nb", 5))[0]).toMatchObject({ uri: occ("cook"), label: "kokk" });
  });

  it("re-import of a newer version updates in place and marks vanished concepts obsolete", async () => {
    const output = await runOperation(t.ctx, "taxonomy import esco", { path: write("esco-v1.3.0", escoFiles({ withoutWelder: true, cookLabel: "kitchen cook" })), lang: "en" });
    expect(output).toContain("marked obsolete: 1");
    expect(await concept(occ("welder"))).toMatchObject({ status: "obsolete" });
    expect(await concept(occ("cook"))).toMatchObject({ status: "released", source: "esco-1.3.0" });
    expect(await labelsOf(occ("cook"), "en")).toEqual(["alternative:line cook", "alternative:prep cook", "preferred:kitchen cook"]);
    // Bokmål was not imported this time: its labels stay.
    expect(await labelsOf(occ("cook"), "no")).toContain("preferred:kokk");
    // The obsolete concept keeps its labels (for what refers to it) but is no longer found.
    expect(await labelsOf(occ("welder"), "en")).toContain("preferred:welder");
    expect((await searchTaxonomy(t.ctx.db, "occupation", "welder", "en", 5)).map((item) => item.uri)).not.toContain(occ("welder"));
  });

  it("a broken file changes nothing", async () => {
    const before = await snapshot();
    const broken = escoFiles({ cookLabel: "chef" });
    broken["skills_en.csv"] += `\nKnowledgeSkillCompetence,${skill("bad")},skill/competence,x,"unterminated quote,,,released,,,,,`;
    await expect(runOperation(t.ctx, "taxonomy import esco", { path: write("esco-v9.0.0", broken), lang: "en" })).rejects.toMatchObject({ code: "validation_failed" });
    const badRelation = escoFiles({ cookLabel: "chef" });
    badRelation["occupationSkillRelations.csv"] += `\n${occ("cook")},sometimes,skill/competence,${skill("weld")}`;
    await expect(runOperation(t.ctx, "taxonomy import esco", { path: write("esco-v9.0.1", badRelation), lang: "en" })).rejects.toThrow(/relationType/);
    const missingColumn = escoFiles();
    missingColumn["occupations_en.csv"] = `conceptType,conceptUri,preferredLabel\nOccupation,${occ("cook")},cook\n`;
    await expect(runOperation(t.ctx, "taxonomy import esco", { path: write("esco-v9.0.2", missingColumn), lang: "en" })).rejects.toThrow(/iscoGroup/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a path without ESCO files, a missing path and a file that is not a zip", async () => {
    await expect(runOperation(t.ctx, "taxonomy import esco", { path: write("empty", {}), lang: "en" })).rejects.toThrow(/No ESCO files/);
    await expect(runOperation(t.ctx, "taxonomy import esco", { path: path.join(root, "nowhere"), lang: "en" })).rejects.toThrow(/No such file/);
    fs.writeFileSync(path.join(root, "fake.zip"), "not a zip");
    await expect(runOperation(t.ctx, "taxonomy import esco", { path: path.join(root, "fake.zip"), lang: "en" })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("reads Norwegian labels (TSV) and replaces the bokmål labels of the concepts it names", async () => {
    const file = path.join(root, "labels-no.tsv");
    fs.writeFileSync(
      file,
      [
        "conceptUri\tconceptType\tlabelType\tlabel",
        `${occ("cook")}\tOccupation\tpreferred\tkokk "kjøkken"`,
        `${occ("cook")}\tOccupation\talternative\tkokkelærling`,
        "http://data.europa.eu/esco/isco/C5120\tISCOGroup\tpreferred\tKokker",
        `${occ("unknown")}\tOccupation\tpreferred\tukjent`,
      ].join("\n"),
    );
    expect(await runOperation(t.ctx, "taxonomy import no-labels", { path: file })).toBe("Imported 3 bokmål labels for 2 concepts; 1 concepts in the file are not in the taxonomy (skipped).");
    expect(await labelsOf(occ("cook"), "no")).toEqual(["alternative:kokkelærling", 'preferred:kokk "kjøkken"']);
    fs.writeFileSync(file, "conceptUri\tconceptType\tlabelType\tlabel\nx\tOccupation\tfavourite\ty\n");
    await expect(runOperation(t.ctx, "taxonomy import no-labels", { path: file })).rejects.toThrow(/labelType/);
    expect(await labelsOf(occ("cook"), "no")).toHaveLength(2);
  });

  it("reads the STYRK-08 crosswalk after its preamble", async () => {
    const file = path.join(root, "styrk.csv");
    const header = "Classification 1 URI,Classification 1 PrefLabel,Classification 1 URL,Classification 2 URI,Classification 2 PrefLabel,Classification 2 URL,Mapping relation,Editorial note";
    fs.writeFileSync(
      file,
      [
        "Mapping project name,ESCO - NO NOC",
        "Mapping project version date,2022-09-20",
        "",
        header,
        `${occ("cook")},kokk,x,http://data.europa.eu/esco/concept/norwegian-occupations/5120,"Kokker, restaurant",y,skos:exactMatch,`,
        `${occ("cook")},kokk,x,http://data.europa.eu/esco/isco/C9412,Kjøkkenassistenter,,skos:broadMatch,`,
        `${occ("cook")},kokk,x,,,,no relation,`,
        `${occ("unknown")},ukjent,x,http://data.europa.eu/esco/concept/norwegian-occupations/1111,Noe,y,skos:broadMatch,`,
      ].join("\n"),
    );
    expect(await runOperation(t.ctx, "taxonomy import styrk", { path: file })).toContain("Imported 2 STYRK-08 mappings for 1 occupations; 1 occupations");
    const rows = await t.ctx.db.select().from(taxonomyStyrk).orderBy(taxonomyStyrk.styrkCode);
    expect(rows.map((r) => `${r.styrkCode} ${r.styrkLabel}`)).toEqual(["5120 Kokker, restaurant", "9412 Kjøkkenassistenter"]);
    fs.writeFileSync(file, "Mapping project name,x\nno header here\n");
    await expect(runOperation(t.ctx, "taxonomy import styrk", { path: file })).rejects.toThrow(/no header row/);
    expect(await t.ctx.db.select().from(taxonomyStyrk)).toHaveLength(2);
  });
});
