import { expect, test } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { loadState } from "./state.ts";

/*
 * The coordinator's employer work (issue 4), in a real Chromium against the real server and a fake Enhetsregisteret
 * (e2e/fake-brreg.ts). Runs after 01-foundation.spec.ts, which set up the network and turned on two-factor for the
 * admin — the coordinator — and saved the secret for us. The coordinator registers a company from the register
 * lookup, logs a visit with a follow-up, sees it in My tasks, makes the company a member on the membership board
 * (by dragging, and by the keyboard's "Move to" menu), issues a membership certificate, downloads it and verifies it
 * on the public page. Every page is checked with axe.
 */

test.describe.configure({ mode: "serial" });

const admin = { email: "kari@baerum.example.no", password: "correct horse battery" };
const company = { orgNumber: "921234562", formatted: "921 234 562", name: "FJORDKAFFE AS" };
const followUp = "Send tilbud om medlemskap";
let employerPath = "";
let certificateCode = "";

async function signInAsCoordinator(page: Page) {
  const secret = loadState().adminTotpSecret;
  expect(secret, "01-foundation.spec.ts saves the admin's two-factor secret; run it first").toBeTruthy();
  await page.goto("/sign-in");
  await page.locator("#sign-in-email").fill(admin.email);
  await page.locator("#sign-in-password").fill(admin.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/two-factor\/verify/);
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret!) });
  await page.locator("#two-factor-code").fill(totp.generate());
  await page.locator("#two-factor-code").press("Enter");
  await expect(page).toHaveURL(/\/$/);
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

/** axe on the page; with E2E_SCREENSHOTS=1 also a full-page picture in e2e/screenshots/ (not committed) to look at. */
async function check(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `e2e/screenshots/03-${label.replace(/[^a-z0-9]+/gi, "-")}.png`, fullPage: true });
}

/** Drags with the mouse in small steps, as a person does (the browser starts a drag only after some movement). */
async function drag(page: Page, source: Locator, target: Locator) {
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 22, { steps: 3 });
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 120), { steps: 10 });
  await page.mouse.up();
}

test("the coordinator registers a company from the register lookup", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.getByRole("navigation").getByRole("link", { name: "Arbeidsgivere" }).click();
  await expect(heading(page)).toHaveText("Arbeidsgivere");
  await expect(page.getByText("Ingen arbeidsgivere er registrert ennå.")).toBeVisible();
  await check(page, "employer list (empty)");

  await page.getByRole("link", { name: "Registrer arbeidsgiver" }).click();
  await expect(heading(page)).toHaveText("Registrer arbeidsgiver");
  await check(page, "new employer");

  // A typing error in the organisation number is caught at once, by its check digit.
  const orgNumber = page.locator("#emp-orgNumber");
  await orgNumber.fill("921234563");
  await expect(page.getByText(/kontrollsifferet/).first()).toBeVisible();
  await expect(orgNumber).toHaveAttribute("aria-invalid", "true");
  await check(page, "new employer with a wrong org number");

  // A name search lists the register's hits.
  await page.locator("#register-q").fill("fjord");
  await page.getByRole("button", { name: "Søk i registeret" }).click();
  await expect(page.getByText("Fant 2 enheter i registeret.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Bruk FJORDBYGG AS" })).toBeVisible();
  await check(page, "register hits");

  // Look-up by number fills the form.
  await orgNumber.fill(company.orgNumber);
  await expect(page.getByText(`${company.formatted} er et gyldig organisasjonsnummer.`)).toBeVisible();
  await page.getByRole("button", { name: "Slå opp i Brønnøysundregistrene" }).click();
  await expect(page.getByText(/Skjemaet er fylt ut med opplysninger om FJORDKAFFE AS/)).toBeVisible();
  await expect(page.locator("#emp-name")).toHaveValue(company.name);
  await expect(page.locator("#emp-naceCode")).toHaveValue("56.101");
  await expect(page.getByText("Næring: I – Overnattings- og serveringsvirksomhet")).toBeVisible();
  await expect(page.locator("#emp-postalCode")).toHaveValue("1337");
  await check(page, "new employer filled from the register");

  await page.locator("#emp-tag-pioneer").check();
  await page.getByRole("button", { name: "Registrer arbeidsgiveren" }).click();
  await expect(page.getByText("Arbeidsgiveren er registrert.")).toBeVisible();
  await expect(heading(page)).toHaveText(company.name);
  await expect(page.getByText(company.formatted).first()).toBeVisible();
  employerPath = new URL(page.url()).pathname;
  expect(employerPath).toMatch(/^\/employers\/[0-9a-f-]{36}$/);
  await check(page, "employer detail after registration");

  // The same number again: the duplicate is shown with a link, and nothing is registered unless asked.
  await page.goto("/employers/new");
  await page.locator("#emp-orgNumber").fill(company.orgNumber);
  await page.getByRole("button", { name: "Slå opp i Brønnøysundregistrene" }).click();
  await expect(page.locator("#emp-name")).toHaveValue(company.name);
  await page.getByRole("button", { name: "Registrer arbeidsgiveren" }).click();
  await expect(page.getByText("Er bedriften allerede registrert?")).toBeVisible();
  await expect(page.locator(".duplicates").getByRole("link", { name: company.name })).toHaveAttribute("href", employerPath);
  await expect(page.getByRole("button", { name: "Registrer likevel" })).toBeVisible();
  await check(page, "new employer with a duplicate warning");
});

test("the coordinator logs a visit with a follow-up and finds it in My tasks", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto(employerPath);
  await expect(heading(page)).toHaveText(company.name);

  // A contact person.
  await page.getByRole("button", { name: "Legg til kontaktperson" }).click();
  await page.locator("#contact-name").fill("Line Berg");
  await page.locator("#contact-role").fill("Daglig leder");
  await page.locator("#contact-email").fill("line@fjordkaffe.example");
  await page.getByRole("button", { name: "Legg til", exact: true }).click();
  await expect(page.getByText("Line Berg er lagt til.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Line Berg", exact: true })).toBeVisible();

  // The visit, with a follow-up a week from now.
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await page.locator("#activity-kind").selectOption("visit");
  await page.locator("#activity-summary").fill("Besøkte Line Berg. Positive til å ta inn en kandidat på praksis.");
  await page.getByRole("button", { name: "Lagre aktiviteten" }).click();
  await expect(page.getByText("Aktiviteten er lagret.")).toBeVisible();
  // A call with a follow-up: without its text the form says what is missing.
  await page.locator("#activity-kind").selectOption("call");
  await page.locator("#activity-summary").fill("Ringte Line om medlemskap.");
  await page.locator("#activity-with-followup").check();
  await page.getByRole("button", { name: "Lagre aktiviteten" }).click();
  await expect(page.getByText("Skriv hva som skal gjøres.").first()).toBeVisible();
  await check(page, "activity form with errors");
  await page.locator("#activity-followup-text").fill(followUp);
  await page.locator("#activity-followup-due").fill(due);
  await page.getByRole("button", { name: "Lagre aktiviteten" }).click();
  await expect(page.getByText("Aktiviteten er lagret.")).toBeVisible();
  const timeline = page.locator(".timeline");
  await expect(timeline).toContainText("Ringte Line om medlemskap.");
  await expect(timeline).toContainText(followUp);
  await expect(timeline).toContainText("Besøkte Line Berg.");
  await check(page, "employer with a timeline");

  await page.getByRole("navigation").getByRole("link", { name: "Mine oppgaver" }).click();
  await expect(heading(page)).toHaveText("Mine oppgaver");
  const row = page.getByRole("row").filter({ hasText: followUp });
  await expect(row).toBeVisible();
  await expect(row.getByRole("link", { name: company.name })).toHaveAttribute("href", employerPath);
  await check(page, "my tasks");
});

test("the coordinator moves the company along the membership board by drag and by keyboard", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.getByRole("navigation").getByRole("link", { name: "Medlemstavle" }).click();
  await expect(heading(page)).toHaveText("Medlemstavle");
  const card = page.locator(".board__card").filter({ hasText: company.name });
  await expect(page.locator('.board__column[data-status="prospect"]').locator(".board__card").filter({ hasText: company.name })).toBeVisible();
  await check(page, "membership board");

  // Drag: prospect → contacted.
  await drag(page, card, page.locator('.board__column[data-status="contacted"]'));
  await expect(page.getByText(`${company.name} er flyttet til «Kontaktet».`)).toBeVisible();
  await expect(page.locator('.board__column[data-status="contacted"]').locator(".board__card").filter({ hasText: company.name })).toBeVisible();

  // Keyboard: the card's "Move to" menu, contacted → member.
  const trigger = card.getByRole("button", { name: `Flytt til … – ${company.name}` });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const member = card.getByRole("button", { name: "Medlem", exact: true });
  await expect(member).toBeVisible();
  await check(page, "membership board with the move menu open");
  for (let i = 0; i < 6 && !(await member.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(member).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`${company.name} er flyttet til «Medlem».`)).toBeVisible();
  await expect(page.locator('.board__column[data-status="member"]').locator(".board__card").filter({ hasText: company.name })).toBeVisible();

  // Certified is not a drag away: it asks for the certification, which the rule refuses without a hire.
  await drag(page, card, page.locator('.board__column[data-status="certified"]'));
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Sertifisere ${company.name}?` })).toBeVisible();
  await dialog.getByRole("button", { name: "Bekreft sertifiseringen" }).click();
  await expect(dialog.getByText(/Regelen for sertifisering er ikke oppfylt/)).toBeVisible();
  await check(page, "certification refused on the board");
  await dialog.getByRole("button", { name: "Avbryt" }).click();
  await expect(page.locator('.board__column[data-status="member"]').locator(".board__card").filter({ hasText: company.name })).toBeVisible();
});

test("the coordinator issues a membership certificate, downloads it, and anyone can verify it", async ({ page, browser }) => {
  await signInAsCoordinator(page);
  await page.goto(employerPath);
  await expect(heading(page)).toHaveText(company.name);
  await expect(page.locator(".employer-header")).toContainText("Medlem");
  await expect(page.getByRole("region", { name: "Statushistorikk" })).toContainText("Kontaktet → Medlem");

  await page.getByRole("button", { name: "Utsted medlemsbevis" }).click();
  await expect(page.getByText("Medlemsbeviset er utstedt.")).toBeVisible();
  const certificate = page.locator(".certificates > li").filter({ hasText: "Medlemsbevis" }).first();
  await expect(certificate).toContainText("Gyldig");
  await check(page, "employer with a membership certificate");

  for (const variant of ["membership-nb", "membership-en"]) {
    const href = await page.locator(`a[data-certificate="${variant}"]`).first().getAttribute("href");
    expect(href, variant).toBeTruthy();
    const response = await page.request.get(href!);
    expect(response.status(), variant).toBe(200);
    expect(response.headers()["content-type"], variant).toContain("application/pdf");
    expect((await response.body()).subarray(0, 4).toString("latin1"), variant).toBe("%PDF");
  }

  certificateCode = (await certificate.locator("a[data-verify]").getAttribute("data-verify")) ?? "";
  expect(certificateCode).not.toBe("");

  // The public page, for anyone (a fresh browser without a session).
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`/verify/${encodeURIComponent(certificateCode)}`);
  await expect(visitor.getByRole("heading", { level: 2, name: "Ekte og gyldig" })).toBeVisible();
  await expect(visitor.getByText(company.name).first()).toBeVisible();
  await check(visitor, "public certificate verification");
  await context.close();

  // The follow-up is done.
  await page.goto("/tasks");
  const row = page.getByRole("row").filter({ hasText: followUp });
  await row.getByRole("button", { name: `Merk som gjort: ${followUp}` }).click();
  await expect(page.getByText(`«${followUp}» er merket som gjort.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: followUp })).toHaveCount(0);
});

test("the contact is invited as an employer user and sees the company and its certificate in the portal", async ({ page, browser }) => {
  await signInAsCoordinator(page);
  await page.goto(employerPath);
  await page.getByRole("button", { name: "Inviter som bruker: Line Berg" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Inviter som bruker" }).click();
  await expect(page.getByText("Line Berg er invitert.", { exact: false })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Line Berg" })).toContainText("Invitert");

  await page.goto("/outbox");
  const mail = page.locator("details").filter({ hasText: "line@fjordkaffe.example" }).first();
  await mail.locator("summary").click();
  const text = (await mail.locator(".mail-body").textContent()) ?? "";
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(text)?.[0] ?? "";
  expect(link).not.toBe("");

  const context = await browser.newContext();
  const line = await context.newPage();
  await line.goto(new URL(link).pathname);
  await line.locator("#invite-name").fill("Line Berg");
  await line.locator("#invite-password").fill("fjordkaffe er best");
  await line.locator("#invite-confirm").fill("fjordkaffe er best");
  await line.locator("form button[type=submit]").click();
  await expect(line).toHaveURL(/\/$/);
  // An employer user has the portal, and none of the network's own pages.
  await expect(line.getByRole("navigation").getByRole("link", { name: "Arbeidsgivere" })).toHaveCount(0);
  await line.getByRole("navigation").getByRole("link", { name: "Min bedrift" }).click();
  await expect(heading(line)).toHaveText(company.name);
  await expect(line.getByText("Bedriften er medlem av nettverket.")).toBeVisible();
  await expect(line.getByText("Pionerbedrift")).toHaveCount(0);
  const href = await line.locator('a[data-certificate="membership-nb"]').getAttribute("href");
  const pdf = await line.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 4).toString("latin1")).toBe("%PDF");
  await check(line, "employer portal");
  // The network's employer pages are not for employer users.
  await line.goto(employerPath);
  await expect(line).toHaveURL(/\/$/);
  await context.close();
});

test("the coordinator's other employer pages pass axe: filters, saved filters, certification, import, English", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto("/employers?membershipStatus=member&sort=updated");
  await expect(heading(page)).toHaveText("Arbeidsgivere");
  await expect(page.locator("#filter-status")).toHaveValue("member");
  await expect(page.getByRole("link", { name: company.name })).toBeVisible();
  await check(page, "employer list filtered from the URL");

  // Save the filter on the server, clear, and use it again.
  await page.getByText(/Lagrede filtre/).click();
  await page.locator("#saved-name").fill("Medlemmer");
  await page.getByRole("button", { name: "Lagre filteret" }).click();
  await expect(page.getByText("Filteret er lagret som «Medlemmer».")).toBeVisible();
  await page.getByRole("button", { name: "Nullstill" }).click();
  await expect(page).toHaveURL(/\/employers$/);
  await page.locator("#saved-filter").selectOption({ label: "Medlemmer" });
  await page.getByRole("button", { name: "Bruk", exact: true }).click();
  await expect(page).toHaveURL(/membershipStatus=member/);
  await check(page, "employer list with saved filters");

  // A filter that matches nothing.
  await page.goto("/employers?membershipStatus=lapsed");
  await expect(page.getByText("Ingen arbeidsgivere passer til søket.")).toBeVisible();

  await page.goto("/employers/certification");
  await expect(heading(page)).toHaveText("Sertifisering");
  await expect(page.locator("#rule-minHires")).toHaveValue("1");
  await check(page, "certification");

  // Import: a dry run shows the rejected row, then the valid one is imported.
  await page.goto("/employers/import");
  await expect(heading(page)).toHaveText("Importer arbeidsgivere");
  await check(page, "employer import");
  const csv = [
    "orgNumber;name;industry;municipality;website;contactName;contactEmail;contactPhone;membershipStatus",
    "987654325;Fjordbygg AS;41.200;Bærum;;Per Hansen;per@fjordbygg.example;;contacted",
    "987654326;Feil AS;;Bærum;;;;;",
  ].join("\n");
  await page.locator("#import-file").setInputFiles({ name: "arbeidsgivere.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Sjekk filen" }).click();
  await expect(page.getByText("1 rad kan importeres. 1 avvist.")).toBeVisible();
  await expect(page.getByRole("region", { name: /avvist rad/ })).toContainText("3");
  await check(page, "employer import dry run");
  await page.getByRole("button", { name: "Importer 1 arbeidsgiver" }).click();
  await expect(page.getByText("1 arbeidsgiver er importert.")).toBeVisible();
  await page.getByRole("link", { name: "Til listen over arbeidsgivere" }).click();
  await expect(page.getByRole("link", { name: "Fjordbygg AS" })).toBeVisible();

  await page.goto(`${employerPath}/edit`);
  await expect(heading(page)).toHaveText(`Endre ${company.name}`);
  await check(page, "edit employer");

  await page.getByLabel(/Språk/).selectOption("en");
  await page.goto(employerPath);
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await check(page, "employer detail in English");
  await page.getByLabel(/Language/).selectOption("nb");
});
