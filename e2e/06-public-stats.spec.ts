import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { loadState } from "./state.ts";

/*
 * Public statistics (issue 6), in a real Chromium against the real server, after 01–05: the network "Globale
 * Bærum" (slug globale-baerum) with its coordinator Kari (two-factor; she set up the installation, so she is an
 * instance administrator too) and the hire from 05. The statistics page answers "not found" until the coordinator
 * turns publishing on in the settings; then anyone sees the figures (small ones as "under 5"), in Norwegian or
 * English, at 390 px too, and another site may frame the page. Kari also sees every network side by side.
 */

test.describe.configure({ mode: "serial" });

const slug = "globale-baerum";
const admin = { email: "kari@baerum.example.no", password: "correct horse battery" };

async function signInAsCoordinator(page: Page) {
  const secret = loadState().adminTotpSecret;
  expect(secret, "01-foundation.spec.ts saves the admin's two-factor secret; run it first").toBeTruthy();
  await page.goto("/sign-in");
  await page.locator("#sign-in-email").fill(admin.email);
  await page.locator("#sign-in-password").fill(admin.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/two-factor\/verify/);
  await page.locator("#two-factor-code").fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret!) }).generate());
  await page.locator("#two-factor-code").press("Enter");
  await expect(page).toHaveURL(/\/$/);
}

async function check(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `e2e/screenshots/06-${label.replace(/[^a-z0-9]+/gi, "-")}.png`, fullPage: true });
}

test("the statistics page says plainly that the network does not publish, until it does", async ({ page }) => {
  await page.goto(`/networks/${slug}/stats`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fant ikke statistikken");
  await check(page, "stats not published");
  const api = await page.request.get(`/api/public/networks/${slug}/stats`);
  expect(api.status()).toBe(404);
});

test("the coordinator turns on publishing in the settings and chooses the figures", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 2, name: "Offentlig statistikk" })).toBeVisible();
  await page.getByRole("switch", { name: "Publiser nøkkeltall" }).check();
  // Nothing chosen: a clear error.
  for (const figure of ["peopleInWork", "companies", "countries", "genderSplit", "occupationGroups", "industries"]) await page.locator(`#public-stats-figure-${figure}`).uncheck();
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Offentlig statistikk" }) });
  await section.getByRole("button", { name: "Lagre" }).click();
  await expect(section.getByText("Velg minst ett tall som skal vises.").first()).toBeVisible();
  await check(page, "settings public stats error");
  for (const figure of ["peopleInWork", "companies", "countries", "genderSplit", "industries"]) await page.locator(`#public-stats-figure-${figure}`).check();
  await section.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByText("Lagret. Nøkkeltallene er offentlige.")).toBeVisible();
  await expect(page.getByLabel("Kode for å vise tallene på nettsiden deres")).toHaveValue(new RegExp(`/networks/${slug}/stats`));
  await check(page, "settings public stats on");
});

test("anyone sees the figures, small ones as under 5, in Norwegian or English, also on a phone", async ({ page }) => {
  const api = await page.request.get(`/api/public/networks/${slug}/stats`, { headers: { origin: "https://example.org" } });
  expect(api.status()).toBe(200);
  expect(api.headers()["access-control-allow-origin"]).toBe("*");
  expect(api.headers()["cache-control"]).toBe("public, max-age=300");
  const etag = api.headers()["etag"]!;
  expect((await page.request.get(`/api/public/networks/${slug}/stats`, { headers: { "if-none-match": etag } })).status()).toBe(304);

  await page.goto(`/networks/${slug}/stats`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Globale Bærum");
  await expect(page.getByText("personer i ordinært arbeid")).toBeVisible();
  await expect(page.getByText("under 5").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Kjønn" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Etter bransje" })).toBeVisible();
  // Occupation groups were not chosen.
  await expect(page.getByRole("heading", { name: "Etter yrkesgruppe" })).toHaveCount(0);
  await expect(page.getByText("sier ingenting om enkeltpersoner", { exact: false })).toBeVisible();
  await check(page, "stats");

  await page.goto(`/networks/${slug}/stats?lang=en`);
  await expect(page.getByText("people in ordinary work")).toBeVisible();
  await check(page, "stats english");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/networks/${slug}/stats`);
  await expect(page.getByText("personer i ordinært arbeid")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "no sideways scrolling at 390 px").toBeLessThanOrEqual(0);
  await check(page, "stats 390");
});

test("another site may frame the statistics page", async ({ page, baseURL }) => {
  const site = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><html lang="nb"><title>Nettverkets side</title><h1>Nettverkets side</h1>` +
        `<iframe id="stats" title="Nøkkeltall" src="${baseURL}/networks/${slug}/stats" style="width:600px;height:700px"></iframe>` +
        `<iframe id="settings" title="Innstillinger" src="${baseURL}/settings" style="width:400px;height:200px"></iframe>`,
    );
  });
  // "localhost" is another origin than the app's 127.0.0.1, and in the same address space (no private-network block).
  await new Promise<void>((resolve) => site.listen(0, "localhost", resolve));
  try {
    await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
    await expect(page.frameLocator("#stats").getByRole("heading", { level: 1 })).toHaveText("Globale Bærum");
    await expect(page.frameLocator("#stats").getByText("personer i ordinært arbeid")).toBeVisible();
    await page.waitForTimeout(1000);
    const settingsFrame = page.frames().find((frame) => frame.url().endsWith("/settings"));
    expect(settingsFrame, "the settings page must not load in a frame").toBeUndefined();
  } finally {
    site.close();
  }
});

test("the instance administrator sees every network side by side", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.getByRole("link", { name: "Alle nettverk" }).first().click();
  await expect(page).toHaveURL(/\/admin\/networks$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alle nettverk");
  const table = page.getByRole("table", { name: "Nettverk, sortert etter navn" });
  await expect(table.getByRole("rowheader", { name: "Globale Bærum" })).toBeVisible();
  await check(page, "admin networks");
});
