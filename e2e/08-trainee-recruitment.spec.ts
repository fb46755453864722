import { expect, test } from "@playwright/test";
import type { APIRequestContext, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { loadState } from "./state.ts";

/*
 * The trainee programme's recruitment (issue 7), in a real Chromium against the real server. Needs 01 (the network
 * "Globale Bærum", the coordinator with two-factor, the advisor Ahmed Hassan). The coordinator invites the municipal
 * HR adviser; the advisor registers three candidates, two with higher education. HR registers an IT need, sees the
 * explained suggestions (only the graduates, with the recognition of their education and their Norwegian),
 * shortlists both, schedules an interview with a panel, scores it, and accepts the candidate with a reason. Every
 * page and dialog is checked with axe.
 */

test.describe.configure({ mode: "serial" });

const admin = { email: "kari@baerum.example.no", password: "correct horse battery" };
const advisor = { email: "ahmed@nav.example.no", password: "another long password" };
const hr = { name: "Hanne Haugen", email: "hanne.hr@baerum.example.no", password: "trainee programme 2026" };
const sysadmin = "http://data.europa.eu/esco/occupation/9e2e6e1e-363b-4e1b-a673-7bc0f7343300";
const graduates = [
  { firstName: "Leila", lastName: "Haddad", education: [{ level: "master", field: "Informatikk", recognition: "recognised" }], languages: [{ code: "nb", listening: "B2", reading: "B2", writing: "B1", speaking: "B2" }], experience: [{ occupationUri: sysadmin, years: 5 }] },
  { firstName: "Tomasz", lastName: "Nowak", education: [{ level: "bachelor", field: "Nettverk", recognition: "pending" }], languages: [{ code: "nb", listening: "B1", reading: "B1", writing: "A2", speaking: "B1" }], experience: [{ occupationUri: sysadmin, years: 2 }] },
];
const withoutDegree = { firstName: "Omar", lastName: "Farah", education: [{ level: "upper_secondary" }], experience: [{ occupationUri: sysadmin, years: 8 }] };
const first = "Leila Haddad";
const second = "Tomasz Nowak";
let needPath = "";

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

async function post(request: APIRequestContext, baseURL: string, path: string, body: unknown) {
  const response = await request.post(path, { data: body, headers: { origin: baseURL } });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json();
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

async function check(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `e2e/screenshots/08-${label.replace(/[^a-z0-9]+/gi, "-")}.png`, fullPage: true });
}

async function pick(page: Page, inputId: string, query: string) {
  const input = page.locator(`#${inputId}`);
  await input.fill(query);
  const listId = await input.getAttribute("aria-controls");
  await expect(page.locator(`[id="${listId}"] [role=option]`).first()).toBeVisible();
  await input.press("ArrowDown");
  await input.press("Enter");
}

test("the coordinator invites municipal HR, and the advisor registers candidates", async ({ page, baseURL, browser }) => {
  await signInAsCoordinator(page);
  await post(page.request, baseURL!, "/api/v1/invitations", { email: hr.email, role: "hr" });
  const outbox = await (await page.request.get("/api/v1/outbox?limit=20")).json();
  const mail = (outbox.items as { recipient: string; textBody: string | null }[]).find((m) => m.recipient === hr.email);
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? "")?.[1];
  expect(token, "the invitation link").toBeTruthy();
  const anonymous = await browser.newContext({ baseURL: baseURL! });
  await post(anonymous.request, baseURL!, `/api/public/invitations/${token}/accept`, { name: hr.name, password: hr.password });
  await anonymous.close();

  const other = await browser.newContext({ baseURL: baseURL! });
  const advisorPage = await other.newPage();
  await signIn(advisorPage, advisor);
  for (const person of [...graduates, withoutDegree]) await post(advisorPage.request, baseURL!, "/api/v1/candidates?confirmNotDuplicate=true", { ...person, municipality: "Bærum" });
  await other.close();
});

test("HR registers a recruitment need and sees explained suggestions with higher education only", async ({ page }) => {
  await signIn(page, hr);
  await page.getByRole("navigation").getByRole("link", { name: "Rekrutteringsbehov" }).click();
  await expect(heading(page)).toHaveText("Rekrutteringsbehov");
  await check(page, "needs list");
  // The network's interview criteria: the programme's defaults until HR changes them.
  await page.getByText("Vis og endre kriteriene intervjuerne gir poeng på").click();
  await expect(page.locator("#criterion-0-nb")).toHaveValue("Faglig kompetanse");
  await check(page, "interview criteria");
  await page.getByRole("link", { name: "Nytt rekrutteringsbehov" }).click();
  await expect(heading(page)).toHaveText("Nytt rekrutteringsbehov");
  // Sent empty: the error summary names the fields.
  await page.getByRole("button", { name: "Lagre behovet" }).click();
  await expect(page.getByRole("link", { name: /Enhet: må fylles ut/ })).toBeVisible();
  await page.locator("#need-unit").fill("Digitalisering, IT-drift");
  await page.locator("#need-area").selectOption("it");
  await page.locator("#need-title").fill("Trainee IKT-drift");
  await pick(page, "need-occupation", "systemadministrator");
  await page.locator("#need-field").fill("Informatikk");
  await page.locator("#need-positions").fill("2");
  await page.locator("#need-offered").fill("Systemadministrator");
  await check(page, "need form");
  await page.getByRole("button", { name: "Lagre behovet" }).click();
  await expect(heading(page)).toHaveText("Trainee IKT-drift");
  await expect(page.getByText("Behovet er lagret.")).toBeVisible();
  needPath = new URL(page.url()).pathname;

  const suggestions = page.locator("ol.matches");
  await expect(suggestions.getByRole("link", { name: first })).toBeVisible();
  await expect(suggestions.getByRole("link", { name: second })).toBeVisible();
  await expect(suggestions.getByRole("link", { name: "Omar Farah" })).toHaveCount(0);
  await expect(suggestions.getByText("Godkjent i Norge")).toBeVisible();
  await expect(suggestions.getByText("Søkt, venter på svar")).toBeVisible();
  await expect(page.getByText("En person vurderer og bestemmer", { exact: false })).toBeVisible();
  await check(page, "need with suggestions");
  // Asked for, the candidate without higher education comes last, marked, and cannot be shortlisted.
  await page.getByLabel("Vis også kandidater uten høyere utdanning (markert)").check();
  const omar = suggestions.locator("li.match").filter({ hasText: "Omar Farah" });
  await expect(omar.getByText("Ikke høyere utdanning")).toBeVisible();
  await expect(omar.getByRole("button")).toHaveCount(0);
  await check(page, "suggestions with the ineligible");
});

test("HR shortlists two, schedules an interview, scores it and accepts the candidate with a reason", async ({ page }) => {
  await signIn(page, hr);
  await page.goto(needPath);
  for (const name of [first, second]) {
    await page.getByRole("button", { name: `Sett på kortlisten – ${name}` }).click();
    await expect(page.getByText(`${name} er satt på kortlisten.`)).toBeVisible();
  }
  await page.getByRole("link", { name: "Kortliste", exact: true }).click();
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: first })).toBeVisible();
  await expect(table.getByRole("link", { name: second })).toBeVisible();
  await check(page, "shortlist");

  // The interview: date and time, place, a panel of HR and the advisor, invited by e-mail.
  await page.getByRole("button", { name: `Intervju – ${first}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Intervju med ${first}` })).toBeVisible();
  const when = new Date(Date.now() + 7 * 86_400_000);
  await dialog.locator("#interview-when").fill(`${when.toISOString().slice(0, 10)}T10:00`);
  await dialog.locator("#interview-place").fill("Rådhuset, møterom 3");
  await dialog.getByLabel(/Ahmed Hassan/).check();
  await check(page, "interview dialog");
  await dialog.getByRole("button", { name: "Lagre intervjuet" }).click();
  await expect(page.getByText(`Intervjuet med ${first} er lagret, og intervjuerne har fått invitasjon.`)).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: first });
  await expect(row.getByText("Intervju avtalt")).toBeVisible();

  // The scores: HR is on the panel and has not scored, so the form comes first.
  await page.getByRole("button", { name: `Gi poeng – ${first}` }).click();
  await expect(dialog.getByRole("heading", { name: `Poeng for ${first}` })).toBeVisible();
  await expect(dialog.getByRole("radio").first()).toBeVisible();
  const criteria = dialog.locator("fieldset").filter({ has: page.getByRole("radio") });
  const count = await criteria.count();
  expect(count).toBe(5);
  for (let i = 0; i < count; i++) await criteria.nth(i).getByRole("radio", { name: "4", exact: true }).check();
  await dialog.locator("#score-competence-comment").fill("Solid erfaring med drift av servere.");
  await check(page, "scoring form");
  await dialog.getByRole("button", { name: "Lever poengene" }).click();
  await expect(page.getByText(`Poengene for ${first} er levert.`)).toBeVisible();
  await expect(row.getByText("Intervjuet", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Se poeng – ${first}` }).click();
  await expect(dialog.getByRole("table")).toContainText("Faglig kompetanse");
  await expect(dialog.getByRole("table")).toContainText("4,0");
  await check(page, "scores summary");
  await dialog.getByRole("button", { name: "Lukk" }).first().click();

  // The decision, with its reason.
  await page.getByRole("button", { name: `Beslutning – ${first}` }).click();
  await dialog.getByRole("button", { name: "Lagre beslutningen" }).click();
  await expect(dialog.getByText("Velg akseptert eller avslått.")).toBeVisible();
  await dialog.getByLabel("Akseptert").check();
  await dialog.getByRole("button", { name: "Lagre beslutningen" }).click();
  await expect(dialog.getByText("Skriv en begrunnelse.")).toBeVisible();
  await dialog.locator("#decision-reason").fill("Sterk faglig, motivert, godt norsk.");
  await check(page, "decision dialog");
  await dialog.getByRole("button", { name: "Lagre beslutningen" }).click();
  await expect(page.getByText(`${first} er akseptert.`)).toBeVisible();
  await expect(row.getByText("Akseptert")).toBeVisible();
  await expect(row.getByText("Sterk faglig, motivert, godt norsk.")).toBeVisible();
  await check(page, "shortlist with a decision");
});
