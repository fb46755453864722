import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { loadState } from "./state.ts";

/*
 * Privacy rights (issue 9), after 01–02: the coordinator Kari sets the network's retention rules in the settings
 * (a value out of range is refused with a clear message) and downloads a candidate's access report (innsyn) from
 * the profile, as PDF and as JSON. Both pages pass axe.
 */

test.describe.configure({ mode: "serial" });

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

test("the coordinator sets how long the network keeps data", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto("/settings");
  const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Oppbevaring og sletting" }) });
  await expect(section.getByLabel("Dager fra sletteønske til sletting")).toHaveValue("30");
  await expect(section.getByText("Hvis jobben kjørte nå")).toBeVisible();
  await section.getByLabel("Dager fra sletteønske til sletting").fill("400");
  await section.getByRole("button", { name: "Lagre" }).click();
  await expect(section.getByText("Skriv et helt tall fra 0 til 365.").first()).toBeVisible();
  await expectNoAxeViolations(page, "settings retention error");
  // By keyboard: into the field, type, submit with Enter.
  await section.getByLabel("Dager fra sletteønske til sletting").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("14");
  await page.keyboard.press("Enter");
  await expect(section.getByText("Oppbevaringsreglene er lagret.")).toBeVisible();
  await expect(section.getByLabel("Dager fra sletteønske til sletting")).toHaveValue("14");
  const saved = await page.request.get("/api/v1/settings/retention");
  expect((await saved.json()).settings.erasureDelayDays).toBe(14);
  await expectNoAxeViolations(page, "settings retention");
});

test("the coordinator downloads a candidate's access report as PDF and JSON", async ({ page }) => {
  await signInAsCoordinator(page);
  const list = await page.request.get("/api/v1/candidates?limit=1");
  const [candidate] = (await list.json()).items as { id: string; firstName: string }[];
  expect(candidate, "02-candidates.spec.ts registers candidates; run it first").toBeTruthy();
  await page.goto(`/candidates/${candidate!.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "Innsyn" })).toBeVisible();
  await expectNoAxeViolations(page, "candidate profile innsyn");
  const pdfLink = page.getByRole("link", { name: "Last ned innsyn som PDF" });
  const download = page.waitForEvent("download");
  await pdfLink.focus();
  await page.keyboard.press("Enter");
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^innsyn-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(readFileSync((await file.path())!).subarray(0, 5).toString()).toBe("%PDF-");
  const json = await page.request.get(`/api/v1/candidates/${candidate!.id}/access-report`);
  expect(json.status()).toBe(200);
  const report = await json.json();
  expect(report.profile.firstName).toBe(candidate!.firstName);
  expect(report.accessLog.some((entry: { purpose: string }) => entry.purpose === "access_request")).toBe(true);
});
