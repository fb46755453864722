/**
 * Builds what `npm start` serves, only when its sources changed (so an unchanged install starts at once):
 * - the web app (Vite) into dist/web;
 * - the server and CLI bundled into one module, dist/server/mangfold.mjs (rolldown). Node loads one file
 *   instead of some thousand modules, which halves the start-up time. bin/mangfold.js uses the bundle when it
 *   is newer than the sources and the sources otherwise.
 * `node scripts/build.ts --force` rebuilds both.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "rolldown";
import { newestSourceMtime, serverBundle, serverSources } from "../bin/freshness.js";

const root = path.resolve(import.meta.dirname, "..");
const force = process.argv.includes("--force");
const mtime = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

const webIndex = path.join(root, "dist/web/index.html");
const webSources = Math.max(newestSourceMtime(path.join(root, "src/web")), newestSourceMtime(path.join(root, "src/shared")), mtime(path.join(root, "vite.config.ts")));
if (force || webSources > mtime(webIndex)) {
  process.stdout.write("Building the web app…\n");
  execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
}

if (force || newestSourceMtime(...serverSources) > mtime(serverBundle)) {
  process.stdout.write("Bundling the server…\n");
  await build({
    input: path.join(root, "src/cli/main.ts"),
    platform: "node",
    logLevel: "warn",
    // Packages that load their own files (WebAssembly, static assets) or native bindings stay outside.
    external: [/^@electric-sql\/pglite/, /^pg(-|$)/, /^nodemailer/, /^@fastify\/swagger-ui/, /^@fastify\/static/, /^node:/],
    output: { file: serverBundle, format: "esm", codeSplitting: false, sourcemap: true },
  });
}
