import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/*
 * What one spec hands to the next within a run (the data directory is new on every run, so is this): for example
 * the admin's two-factor secret, which 01-foundation sets up and later specs need to sign in as the coordinator.
 * Kept in Playwright's output folder, which is emptied when a run starts.
 */
const FILE = "test-results/e2e-state.json";

export type E2eState = { adminTotpSecret?: string };

export function loadState(): E2eState {
  try {
    return JSON.parse(readFileSync(FILE, "utf8")) as E2eState;
  } catch {
    return {};
  }
}

export function saveState(patch: E2eState) {
  mkdirSync(dirname(FILE), { recursive: true });
  writeFileSync(FILE, JSON.stringify({ ...loadState(), ...patch }));
}
