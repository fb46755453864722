import { expect, test } from "@playwright/test";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { loadState } from "./state.ts";

/*
 * The trainee programme (issue 7, the programme half), in a real Chromium against the real server, after 01: the
 * coordinator invites an HR user and a supervisor and registers a candidate. HR starts a cohort and adds the
 * candidate as a trainee with the supervisor (the plan comes from the template); the supervisor signs in, writes
 * the 1-month evaluation by keyboard and mouse, and publishes it; HR then sees it and records the outcome, an
 * offer, which appears as a hire. Every page is checked with axe.
 */

// Many pages, each checked with axe: more than the default minute per test.
test.describe.configure({ mode: "serial", timeout: 150_000 });

const admin = { email: "kari@baerum.example.no", password: "correct horse battery" };
// Not 08's HR user: the specs run in one network, one after another.
const hr = { name: "Hilde Personal", email: "hilde.hr@baerum.example.no", password: "hr-password-2026" };
const supervisor = { name: "Sverre Veileder", email: "sverre.veileder@baerum.example.no", password: "supervisor-password-2026" };
const stamp = Date.now().toString(36);
const trainee = { firstName: "Leyla", lastName: `Rahimi-${stamp}` };
const cohortName = `Kull ${stamp}`;
let traineeUrl = "";

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

async function check(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `e2e/screenshots/09-${label.replace(/[^a-z0-9]+/gi, "-")}.png`, fullPage: true });
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.locator("#sign-in-email").fill(who.email);
  await page.locator("#sign-in-password").fill(who.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/$/);
}

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

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

/** Invites a colleague with a role and accepts the invitation from the link in the outbox. */
async function inviteAndAccept(page: Page, request: APIRequestContext, who: { name: string; email: string; password: string }, role: string, origin: string) {
  const invited = await page.request.post("/api/v1/invitations", { data: { email: who.email, role }, headers: { origin } });
  expect(invited.status(), await invited.text()).toBe(201);
  const outbox = (await (await page.request.get("/api/v1/outbox")).json()) as { items: { recipient: string; textBody: string | null }[] };
  const mail = outbox.items.find((m) => m.recipient === who.email);
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? "")?.[1];
  expect(token, `the invitation to ${who.email} is in the outbox`).toBeTruthy();
  const accepted = await request.post(`/api/public/invitations/${token}/accept`, { data: { name: who.name, password: who.password } });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);
}

/** Picks the first option of a search combobox by keyboard. */
async function pick(page: Page, inputId: string, query: string) {
  const input = page.locator(`#${inputId}`);
  await input.fill(query);
  const listId = await input.getAttribute("aria-controls");
  await expect(page.locator(`[id="${listId}"] [role=option]`).first()).toBeVisible();
  await input.press("ArrowDown");
  await input.press("Enter");
}

test("the coordinator invites HR and a supervisor, and registers the candidate", async ({ page, playwright, baseURL }) => {
  await signInAsCoordinator(page);
  const request = await playwright.request.newContext({ baseURL: baseURL!, extraHTTPHeaders: { origin: baseURL! } });
  await inviteAndAccept(page, request, hr, "hr", baseURL!);
  await inviteAndAccept(page, request, supervisor, "supervisor", baseURL!);
  await request.dispose();
  const created = await page.request.post("/api/v1/candidates", { data: { ...trainee, email: `leyla.${stamp}@example.no` }, headers: { origin: baseURL! } });
  expect(created.status(), await created.text()).toBe(201);
});

test("HR starts a cohort with a trainee and a supervisor; the plan comes from the template", async ({ page }) => {
  await signIn(page, hr);
  await page.getByRole("navigation").getByRole("link", { name: "Traineeprogram", exact: true }).click();
  await expect(heading(page)).toHaveText("Traineekull");
  await check(page, "cohorts (empty)");

  // A cohort without a name is explained, and the error summary takes focus.
  await page.getByRole("button", { name: "Opprett kullet" }).click();
  await expect(page.getByText("Skriv navnet på kullet.").first()).toBeVisible();
  await check(page, "cohort form with errors");
  await page.locator("#cohort-name").fill(cohortName);
  await page.locator("#cohort-start").fill(isoDate(new Date(Date.now() - 40 * 86_400_000)));
  await page.locator("#cohort-area").fill("IT");
  await page.getByRole("button", { name: "Opprett kullet" }).click();
  await expect(heading(page)).toHaveText(`Kull: ${cohortName}`);
  await check(page, "cohort");

  await pick(page, "trainee-candidate", trainee.lastName);
  await page.locator("#trainee-supervisor").selectOption({ label: supervisor.name });
  await page.locator("#trainee-unit").fill("Digitalisering");
  await page.locator("#trainee-salary").fill("45 000");
  await page.getByRole("button", { name: "Legg til og lag planen" }).click();
  await expect(heading(page)).toHaveText(`${trainee.firstName} ${trainee.lastName}`);
  traineeUrl = new URL(page.url()).pathname;
  await expect(page.getByText("Evaluering etter 1 måned")).toBeVisible();
  await expect(page.getByText("Evaluering etter 12 måneder")).toBeVisible();
  // 45 000 kr a month, 100 % subsidy for the first three months: the unit pays nothing the second month.
  await expect(page.getByRole("table", { name: /Lønn, tilskudd fra NAV/ })).toBeVisible();
  await check(page, "trainee (HR)");

  for (const [link, title] of [
    ["Forfalt", "Forfalt i traineeprogrammet"],
    ["Programrapport", "Programrapport"],
    ["Programmal", "Programmal"],
  ] as const) {
    await page.getByRole("navigation", { name: "Traineeprogrammet" }).getByRole("link", { name: link, exact: true }).click();
    await expect(heading(page)).toHaveText(title);
    await check(page, title);
  }
  // The 1-month evaluation was due ten days ago: it is on the overdue list.
  await page.getByRole("navigation", { name: "Traineeprogrammet" }).getByRole("link", { name: "Forfalt", exact: true }).click();
  await expect(page.getByRole("row", { name: /Evaluering etter 1 måned/ })).toBeVisible();
});

test("the supervisor signs in, writes the 1-month evaluation and publishes it", async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, supervisor);
  // A supervisor has no cohorts, no report: only their own trainees.
  await expect(page.getByRole("navigation").getByRole("link", { name: "Traineeprogram", exact: true })).toHaveCount(0);
  await page.getByRole("navigation").getByRole("link", { name: "Mine traineer" }).click();
  await expect(heading(page)).toHaveText("Mine traineer");
  await check(page, "my trainees");
  await page.getByRole("link", { name: `${trainee.firstName} ${trainee.lastName}` }).click();
  await expect(heading(page)).toHaveText(`${trainee.firstName} ${trainee.lastName}`);
  await check(page, "trainee (supervisor)");

  await expect(page.locator("#evaluation-month")).toHaveValue("1");
  // Rated by keyboard: focus the first option of each criterion and move with the arrow keys.
  for (let i = 0; i < 5; i++) {
    await page.locator(`#evaluation-${i}-3`).check();
    await page.locator(`#evaluation-${i}-3`).press("ArrowRight");
  }
  await expect(page.locator("#evaluation-0-4")).toBeChecked();
  await page.locator("#evaluation-comment").fill("God start: tar ansvar og spør når noe er uklart.");
  await page.getByRole("button", { name: "Lagre som utkast" }).click();
  await expect(page.getByText("Evalueringen etter 1 mnd. er lagret som utkast.")).toBeVisible();
  await expect(page.getByText("Utkast – bare synlig for deg")).toBeVisible();
  await check(page, "evaluation draft");
  await page.getByRole("button", { name: /Publiser Veileders evaluering etter 1 mnd/ }).click();
  await expect(page.getByText("Veileders evaluering etter 1 mnd. er publisert.")).toBeVisible();
  await expect(page.getByText(/Publisert \d{4}-\d{2}-\d{2}/).first()).toBeVisible();

  // The rest of the programme is not the supervisor's.
  expect((await page.request.get("/api/v1/trainee/cohorts")).status()).toBe(403);
  await page.context().close();
});

test("HR sees the published evaluation and records the outcome; the offer is a hire", async ({ page }) => {
  await signIn(page, hr);
  await page.goto(traineeUrl);
  await expect(page.getByRole("heading", { name: "Veileders evaluering etter 1 mnd." })).toBeVisible();
  await expect(page.getByText("God start: tar ansvar og spør når noe er uklart.")).toBeVisible();

  await page.getByRole("button", { name: "Registrer utfall" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Registrer utfall" })).toBeVisible();
  await check(page, "outcome dialog");
  await dialog.getByRole("button", { name: "Lagre utfallet" }).click();
  await expect(dialog.getByText("Skriv stillingen.").first()).toBeVisible();
  await dialog.locator("#outcome-position").fill("Rådgiver digitalisering");
  await dialog.locator("#outcome-from").fill(isoDate(new Date(Date.now() + 320 * 86_400_000)));
  await dialog.getByRole("button", { name: "Lagre utfallet" }).click();
  await expect(page.getByText("Utfallet «Tilbudt stilling» er registrert.")).toBeVisible();
  await expect(page.getByText(/Rådgiver digitalisering fra/)).toBeVisible();
  await check(page, "trainee with outcome");

  await page.getByRole("navigation").getByRole("link", { name: "Ansettelser" }).click();
  await expect(page.getByText(`${trainee.firstName} ${trainee.lastName}`).first()).toBeVisible();
  await expect(page.getByText("Digitalisering").first()).toBeVisible();
});
