import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { portalLocales } from "../../../shared/portal.ts";
import { portalMessages } from "./index.ts";

type Tree = { [key: string]: string | Tree };

/** All leaf keys as dotted paths, with their values. */
function leaves(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) for (const [k, v] of leaves(value, p)) out.set(k, v);
    else out.set(p, value);
  }
  return out;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const reference = leaves(portalMessages.nb as Tree);
const vars = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort().join();

/** The candidate portal's messages: every language complete, nothing extra, the same placeholders as bokmål. */
describe("candidate portal translations", () => {
  it("has a file for each portal language and no other", () => {
    const files = fs.readdirSync(here).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort();
    expect(files).toEqual([...portalLocales].sort());
    expect(Object.keys(portalMessages).sort()).toEqual([...portalLocales].sort());
  });

  for (const lang of portalLocales) {
    const keys = leaves(portalMessages[lang] as Tree);
    it(`${lang}: no key missing and none extra`, () => {
      expect([...reference.keys()].filter((k) => !keys.has(k)), `missing in ${lang}`).toEqual([]);
      expect([...keys.keys()].filter((k) => !reference.has(k)), `extra in ${lang}`).toEqual([]);
    });
    it(`${lang}: every value is a non-empty string with the same placeholders as bokmål`, () => {
      expect([...keys.entries()].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k)).toEqual([]);
      expect([...keys.entries()].filter(([k, v]) => reference.has(k) && vars(v) !== vars(reference.get(k))).map(([k]) => k)).toEqual([]);
    });
  }

  it("uses only keys that exist (every t('…') in the portal's pages)", () => {
    const sources = [path.join(here, "../../features/portal"), path.join(here, "../../routes")];
    const used = new Set<string>();
    for (const dir of sources) {
      for (const file of fs.readdirSync(dir)) {
        if (dir.endsWith("routes") && !file.startsWith("portal-")) continue;
        // The caseworkers' section on the candidate's profile and the admins' settings speak the staff pages' nb/en messages.
        if (!/\.tsx?$/.test(file) || file.includes(".test.") || file === "CandidatePortalSection.tsx" || file === "PortalSettings.tsx") continue;
        const text = fs.readFileSync(path.join(dir, file), "utf8");
        for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !reference.has(k))).toEqual([]);
  });
});
