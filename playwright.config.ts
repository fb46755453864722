import { defineConfig } from "@playwright/test";

/*
 * End-to-end tests in Debian's Chromium (CHROMIUM_PATH) against the real server on a fresh PGlite data
 * directory, so the first spec meets the first-run set-up page. Specs run in order, one worker: they build
 * on each other as a newcomer would (set up → sign in → invite → accept → two-factor).
 */
const port = Number(process.env.E2E_PORT ?? 3987);
const dataDir = ".e2e-data";
/** The fake Enhetsregisteret (e2e/fake-brreg.ts) listens beside the app, 1000 ports up. */
const brregPort = port + 1000;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "nb-NO",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: [
    {
      command: "node e2e/fake-brreg.ts",
      url: `http://127.0.0.1:${brregPort}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { FAKE_BRREG_PORT: String(brregPort) },
    },
    {
      command: `rm -rf ${dataDir} && node scripts/build.ts && node bin/mangfold.js start`,
      url: `http://127.0.0.1:${port}/api/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(port),
        MANGFOLD_DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        API_RATE_LIMIT: "100000",
        BRREG_URL: `http://127.0.0.1:${brregPort}/enhetsregisteret/api`,
      },
    },
  ],
});
