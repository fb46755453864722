#!/usr/bin/env node
// The `mangfold` command. Node.js 24 runs the TypeScript sources directly (type stripping).
import { main } from "../src/cli/main.ts";

await main(process.argv.slice(2));
