import { describe, expect, it } from "vitest";
import nb from "./nb.json" with { type: "json" };
import en from "./en.json" with { type: "json" };

type Tree = { [key: string]: string | Tree };

/** All leaf keys as dotted paths, with their values. */
function leaves(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of leaves(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const languages = { nb: leaves(nb as Tree), en: leaves(en as Tree) };

describe("translations", () => {
  for (const [lang, keys] of Object.entries(languages)) {
    for (const [other, otherKeys] of Object.entries(languages)) {
      if (other === lang) continue;
      it(`every ${lang} key also exists in ${other}`, () => {
        const missing = [...keys.keys()].filter((k) => !otherKeys.has(k));
        expect(missing, `keys in ${lang} missing from ${other}`).toEqual([]);
      });
    }

    it(`every ${lang} value is a non-empty string`, () => {
      const bad = [...keys.entries()].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
      expect(bad, `empty or non-string values in ${lang}`).toEqual([]);
    });

    it(`${lang} uses the same interpolation variables as the other languages`, () => {
      const vars = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
      for (const [other, otherKeys] of Object.entries(languages)) {
        if (other === lang) continue;
        const mismatched = [...keys.entries()]
          .filter(([k]) => otherKeys.has(k))
          .filter(([k, v]) => vars(v).join() !== vars(otherKeys.get(k)).join())
          .map(([k]) => k);
        expect(mismatched, `interpolation differs between ${lang} and ${other}`).toEqual([]);
      }
    });
  }
});
