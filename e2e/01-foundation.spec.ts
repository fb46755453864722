import { expect, test } from "@playwright/test";
import type { Browser, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { saveState } from "./state.ts";

/*
 * A newcomer's first hour, in a real Chromium against the real server on a fresh data directory:
 * first-run set-up → sign in → invite a colleague → the colleague accepts and signs in → two-factor.
 * Every page on the way is checked with axe, and the sign-in works by keyboard alone.
 */

test.describe.configure({ mode: "serial" });

const admin = { name: "Kari Nordmann", email: "kari@baerum.example.no", password: "correct horse battery" };
const colleague = { name: "Ahmed Hassan", email: "ahmed@nav.example.no", password: "another long password" };
let invitationLink = "";
let totpSecret = "";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.locator("#sign-in-email").fill(email);
  await page.locator("#sign-in-password").fill(password);
  await page.locator("form button[type=submit]").click();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test("first run: the set-up page creates the network and its admin", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sett opp Mangfold");
  await expectNoAxeViolations(page, "set-up");

  // An empty submit shows the error summary with focus on it.
  await page.locator("form button[type=submit]").click();
  await expect(page.locator("ds-error-summary, [data-error-summary], .error-summary").first()).toBeVisible();
  await expectNoAxeViolations(page, "set-up with errors");

  await page.locator("#setup-network-name").fill("Globale Bærum");
  await page.locator("#setup-network-municipality").fill("Bærum");
  await page.locator("#setup-admin-name").fill(admin.name);
  await page.locator("#setup-admin-email").fill(admin.email);
  await page.locator("#setup-admin-password").fill(admin.password);
  await page.locator("#setup-admin-confirm").fill(admin.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Globale Bærum").first()).toBeVisible();
  await expectNoAxeViolations(page, "home (admin)");

  // Set-up is closed from now on.
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
});

test("sign-in: a wrong password is explained; the right one, typed by keyboard alone, signs in", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logg inn");
  await expectNoAxeViolations(page, "sign-in");

  await signIn(page, admin.email, "not the password");
  await expect(page.getByText(/feil e-post eller passord/i).first()).toBeVisible();
  await expectNoAxeViolations(page, "sign-in with an error");

  // Keyboard only: the first Tab reaches the skip link, then the fields, and Enter submits.
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logg inn");
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText(/Hopp til hovedinnhold/i);
  const email = page.locator("#sign-in-email");
  for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(email).toBeFocused();
  await page.keyboard.type(admin.email);
  await page.keyboard.press("Tab");
  await expect(page.locator("#sign-in-password")).toBeFocused();
  await page.keyboard.type(admin.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Brukere" })).toBeVisible();
});

test("the admin invites a colleague; without SMTP the link waits in the outbox", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.getByRole("navigation").getByRole("link", { name: "Brukere" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brukere");
  await expectNoAxeViolations(page, "users");
  await page.locator("#invite-email").fill(colleague.email);
  await page.locator("#invite-role").selectOption("advisor");
  await page.locator("#invite-email").press("Enter");
  await expect(page.getByText(colleague.email).first()).toBeVisible();
  await expectNoAxeViolations(page, "users with a pending invitation");

  await page.getByRole("navigation").getByRole("link", { name: "Utboks" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Utboks");
  await page.locator("summary").first().click();
  const body = (await page.locator(".mail-body").first().textContent()) ?? "";
  invitationLink = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(body)?.[0] ?? "";
  expect(invitationLink).not.toBe("");
  await expectNoAxeViolations(page, "outbox");

  for (const [name, title] of [
    ["Nettverksinnstillinger", "Nettverksinnstillinger"],
    ["Profil", "Profil"],
  ] as const) {
    await page.getByRole("navigation").getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expectNoAxeViolations(page, name);
  }
});

test("the colleague accepts the invitation, gets an account and signs in with the invited role", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(new URL(invitationLink).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invitasjon");
  await expect(page.getByText(colleague.email).first()).toBeVisible();
  await expectNoAxeViolations(page, "invitation");
  await page.locator("#invite-name").fill(colleague.name);
  await page.locator("#invite-password").fill(colleague.password);
  await page.locator("#invite-confirm").fill(colleague.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText(colleague.name).first()).toBeVisible();
  // An advisor has no user administration.
  await expect(page.getByRole("navigation").getByRole("link", { name: "Brukere" })).toHaveCount(0);
  await expectNoAxeViolations(page, "home (advisor)");

  // Signs out, and back in with the new password.
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, colleague.email, colleague.password);
  await expect(page).toHaveURL(/\/$/);

  // The used link is not valid any more, and says so accessibly.
  await page.goto(new URL(invitationLink).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invitasjonen kan ikke brukes");
  await expectNoAxeViolations(page, "used invitation");
  await page.context().close();
});

test("two-factor: the admin turns on TOTP, and the next sign-in asks for a code", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/profile");
  await page.getByRole("link", { name: "Slå på totrinnsbekreftelse" }).click();
  await expect(page).toHaveURL(/\/two-factor\/setup/);
  await expectNoAxeViolations(page, "two-factor set-up");
  await page.locator("#tfa-password").fill(admin.password);
  await page.locator("#tfa-password").press("Enter");
  await expect(page.locator(".secret")).toBeVisible();
  totpSecret = ((await page.locator(".secret").textContent()) ?? "").replace(/^.*:\s*/, "").replace(/\s/g, "");
  expect(totpSecret).toMatch(/^[A-Z2-7]+$/);
  await expectNoAxeViolations(page, "two-factor secret and backup codes");
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(totpSecret) });
  await page.locator("#tfa-code").fill(totp.generate());
  await page.locator("#tfa-code").press("Enter");
  await expect(page.getByText("Totrinnsbekreftelse er slått på.").first()).toBeVisible();
  // Later specs sign in as the admin (the coordinator) too.
  saveState({ adminTotpSecret: totpSecret });

  await page.goto("/");
  await page.getByRole("button", { name: "Logg ut" }).click();
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/two-factor\/verify/);
  await expectNoAxeViolations(page, "two-factor code at sign-in");
  await page.locator("#two-factor-code").fill(totp.generate());
  await page.locator("#two-factor-code").press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Brukere" })).toBeVisible();
});

test("the remaining public pages pass axe: forgotten password, reset, unknown page, English", async ({ page }) => {
  await page.goto("/forgot-password");
  await expectNoAxeViolations(page, "forgot password");
  await page.goto("/reset-password?token=not-a-real-token");
  await expectNoAxeViolations(page, "reset password");
  await page.goto("/this-page-does-not-exist");
  await expectNoAxeViolations(page, "not found");
  await page.goto("/sign-in");
  await page.getByLabel(/Språk/).selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectNoAxeViolations(page, "sign-in in English");
});
