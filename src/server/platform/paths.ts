import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's root folder (where package.json, migrations/ and dist/ are), found from this module's location
 * so that it holds both when running the TypeScript sources and the bundled server in dist/server/.
 */
function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "migrations")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("Cannot find the Mangfold project folder (with package.json and migrations/).");
    dir = parent;
  }
}

export const projectRoot = findProjectRoot();
export const migrationsFolder = path.join(projectRoot, "migrations");
export const webRoot = path.join(projectRoot, "dist/web");
