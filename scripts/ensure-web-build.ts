/**
 * Before `npm start`: builds the web app when dist/web is missing or older than its sources, so a fresh clone
 * serves the pages after `npm install && npm start`, and an unchanged one starts at once.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const builtIndex = path.join(root, "dist/web/index.html");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(newestMtime(path.join(root, "src/web")), newestMtime(path.join(root, "src/shared")), fs.statSync(path.join(root, "vite.config.ts")).mtimeMs);
if (sourcesAt > builtAt) {
  process.stdout.write("Building the web app (first start or changed sources)…\n");
  execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
}
