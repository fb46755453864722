#!/usr/bin/env node
// The `mangfold` command. Node.js 24 runs the TypeScript sources directly (type stripping); when
// `npm start` / `node scripts/build.ts` has bundled them and they have not changed since, the bundle is used:
// it starts in about half the time. The compile cache keeps V8's bytecode on disk for the same reason; it must be
// on before the modules load, hence the dynamic imports.
import module from "node:module";
import { bundleIsFresh, serverBundle } from "./freshness.js";

module.enableCompileCache?.();
const { main } = await import(process.env.MANGFOLD_FROM_SOURCE !== "1" && bundleIsFresh() ? serverBundle : "../src/cli/main.ts");
await main(process.argv.slice(2));
