// Shared by bin/mangfold.js and scripts/build.ts: is the server bundle newer than the sources it was built from?
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const serverBundle = path.join(root, "dist/server/mangfold.mjs");
export const serverSources = ["src/server", "src/cli", "src/shared", "migrations", "package-lock.json"].map((p) => path.join(root, p));

export function newestSourceMtime(...paths) {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const entry of fs.readdirSync(p, { withFileTypes: true })) newest = Math.max(newest, newestSourceMtime(path.join(p, entry.name)));
  }
  return newest;
}

export function bundleIsFresh() {
  return fs.existsSync(serverBundle) && fs.statSync(serverBundle).mtimeMs >= newestSourceMtime(...serverSources);
}
