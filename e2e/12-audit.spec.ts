import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { loadState } from "./state.ts";

/*
 * The audit page (issue 9, ADR 026), after 01 (the network and its coordinator): the coordinator searches the
 * changes and reads with filters in the URL, downloads them, sees a denied request, sets the threshold for unusual
 * access, and opens the record of processing. axe on every view; the tabs are reached by keyboard.
 */

test.describe.configure({ mode: "serial" });

const admin = { email: "kari@baerum.example.no", password: "correct horse battery" };
const heading = (page: Page) => page.getByRole("heading", { level: 1 });

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

test("the coordinator searches the audit trail and the access log, and downloads them", async ({ page, baseURL, playwright }) => {
  await signInAsCoordinator(page);
  // A candidate created and read, so both logs have a row about a person.
  const created = await page.request.post("/api/v1/candidates", { headers: { origin: baseURL! }, data: { firstName: "Amal", lastName: "Yusuf" } });
  expect(created.status(), await created.text()).toBe(201);
  const candidateId = ((await created.json()) as { id: string }).id;
  expect((await page.request.get(`/api/v1/candidates/${candidateId}`)).status()).toBe(200);
  // A request without sign-in is refused and recorded.
  const stranger = await playwright.request.newContext({ baseURL: baseURL! });
  expect((await stranger.get("/api/v1/candidates")).status()).toBe(401);
  await stranger.dispose();

  await page.getByRole("navigation").getByRole("link", { name: "Revisjon", exact: true }).click();
  await expect(heading(page)).toHaveText("Revisjon");
  await expectNoAxeViolations(page, "audit: changes");
  await page.locator("#audit-changes-type").fill("candidate");
  await page.getByRole("button", { name: "Vis", exact: true }).click();
  await expect(page).toHaveURL(/entityType=candidate/);
  await expect(page.getByRole("cell", { name: candidateId }).first()).toBeVisible();
  const csvHref = await page.getByRole("link", { name: "Last ned som CSV" }).getAttribute("href");
  expect(csvHref).toContain("entityType=candidate");
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(candidateId);

  // The tabs by keyboard: focus "Oppslag" and press Enter; the filters go along.
  const readsTab = page.getByRole("navigation", { name: "Deler av revisjonen" }).getByRole("link", { name: "Oppslag" });
  await readsTab.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/tab=reads/);
  await expect(page.getByRole("heading", { name: "Oppslag", level: 2 })).toBeVisible();
  await expect(page.getByRole("link", { name: candidateId }).first()).toBeVisible();
  await expectNoAxeViolations(page, "audit: reads");
});

test("the coordinator sees denied requests, sets the threshold and opens the record of processing", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto("/audit?tab=denied");
  await expect(page.getByRole("heading", { name: "Avviste forespørsler", level: 2 })).toBeVisible();
  await expectNoAxeViolations(page, "audit: denied requests");

  await page.goto("/audit?tab=flags");
  await expect(page.getByRole("heading", { name: "Uvanlig tilgang", level: 2 })).toBeVisible();
  await page.locator("#audit-max-profiles").fill("40");
  await page.getByRole("button", { name: "Lagre grensen" }).click();
  await expect(page.getByText("Grensen er lagret.")).toBeVisible();
  await expectNoAxeViolations(page, "audit: unusual access");

  await page.getByRole("link", { name: /behandlingsprotokollen/ }).click();
  await expect(heading(page)).toHaveText("Behandlingsprotokoll");
  await expect(page.getByText("Deling med en navngitt arbeidsgiver for en navngitt stilling")).toBeVisible();
  await expect(page.getByText("Særlig kategori")).toBeVisible();
  await expectNoAxeViolations(page, "record of processing");
});
