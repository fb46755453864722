import fs from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../platform/paths.ts";
import { notFound } from "../platform/errors.ts";

/*
 * The handbook for coordinators, served in the app from the Markdown files in docs/handbook/ (bokmål), so that the
 * repository and the app show the same text. README.md is the start page ("index"); the other pages are listed in
 * the order README.md links them, then any page it does not link, by name. Read from disk at each request: the
 * files are small, and an operator who edits them sees the change at once.
 */

export const handbookFolder = path.join(projectRoot, "docs/handbook");
const startPage = "README.md";
export const indexSlug = "index";

export type HandbookPage = { slug: string; title: string; markdown: string };

const titleOf = (markdown: string, fallback: string) => /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? fallback;
const fileOf = (slug: string) => (slug === indexSlug ? startPage : `${slug}.md`);
const slugOf = (file: string) => (file === startPage ? indexSlug : file.replace(/\.md$/, ""));

async function markdownFiles(): Promise<string[]> {
  const entries = await fs.readdir(handbookFolder, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && /^[a-z0-9-]+\.md$|^README\.md$/.test(entry.name)).map((entry) => entry.name);
}

export async function handbookPage(slug: string): Promise<HandbookPage> {
  // The route's schema allows only [a-z0-9-] (no dots, no slashes); the list check keeps to the folder's own pages.
  const file = fileOf(slug);
  if (!(await markdownFiles()).includes(file)) throw notFound("The handbook page");
  const markdown = await fs.readFile(path.join(handbookFolder, file), "utf8");
  return { slug, title: titleOf(markdown, slug), markdown };
}

export async function handbookContents(): Promise<{ slug: string; title: string }[]> {
  const files = await markdownFiles();
  const start = files.includes(startPage) ? await fs.readFile(path.join(handbookFolder, startPage), "utf8") : "";
  const linked = [...start.matchAll(/\]\(([a-z0-9-]+\.md)\)/g)].map((match) => match[1]!).filter((file, i, all) => files.includes(file) && all.indexOf(file) === i);
  const rest = files.filter((file) => file !== startPage && !linked.includes(file)).sort();
  const ordered = [...(files.includes(startPage) ? [startPage] : []), ...linked, ...rest];
  return Promise.all(ordered.map(async (file) => ({ slug: slugOf(file), title: titleOf(await fs.readFile(path.join(handbookFolder, file), "utf8"), slugOf(file)) })));
}
