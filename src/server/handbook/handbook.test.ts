import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { createTestApp } from "../testing/test-app.ts";
import type { Client, TestApp } from "../testing/test-app.ts";
import { handbookFolder } from "./service.ts";

/*
 * The handbook in the app (issue 10): the same pages as docs/handbook/, in the order the start page links them, and
 * nothing outside that folder.
 */

describe("the handbook in the app", () => {
  let t: TestApp;
  let advisor: Client;
  beforeAll(async () => {
    t = await createTestApp();
    advisor = await t.as("advisor");
  });
  afterAll(() => t.close());

  it("lists every page of docs/handbook, the start page first, then in the order it links them", async () => {
    const response = await advisor.get("/api/v1/handbook");
    expect(response.statusCode).toBe(200);
    const pages = response.json().pages as { slug: string; title: string }[];
    const files = fs.readdirSync(handbookFolder).filter((file) => file.endsWith(".md"));
    expect(pages).toHaveLength(files.length);
    expect(pages[0]).toEqual({ slug: "index", title: "Håndbok for koordinatorer" });
    const readme = fs.readFileSync(path.join(handbookFolder, "README.md"), "utf8");
    const linked = [...readme.matchAll(/\]\(([a-z0-9-]+)\.md\)/g)].map((m) => m[1]!).filter((slug, i, all) => all.indexOf(slug) === i && files.includes(`${slug}.md`));
    expect(pages.slice(1, 1 + linked.length).map((p) => p.slug)).toEqual(linked);
    expect(pages.every((page) => page.title.length > 0)).toBe(true);
  });

  it("serves a page as the Markdown in the repository", async () => {
    const response = await advisor.get("/api/v1/handbook/maaloppnaaelse");
    expect(response.statusCode).toBe(200);
    expect(response.json().markdown).toBe(fs.readFileSync(path.join(handbookFolder, "maaloppnaaelse.md"), "utf8"));
  });

  it("answers an unknown page with 404 and a path outside the folder with 400, as problem+json", async () => {
    const unknown = await advisor.get("/api/v1/handbook/finnes-ikke");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "not_found" });
    for (const hostile of ["..%2F..%2Fpackage", "README.md", "..", "%2Fetc%2Fpasswd", "Index"]) {
      const response = await advisor.get(`/api/v1/handbook/${hostile}`);
      expect([400, 404], hostile).toContain(response.statusCode);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.body).not.toContain("root:");
    }
  });
});
