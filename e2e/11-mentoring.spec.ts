import { expect, test } from "@playwright/test";
import type { Browser, Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { signInAsCoordinator } from "./sign-in.ts";

/*
 * Mentoring (issue 8), in a real Chromium against the real server, after 01 (the network and its coordinator).
 * The coordinator registers a volunteer mentor from a Rotary club and invites them; the mentor accepts the
 * invitation and must sign the confidentiality declaration before seeing anything; the coordinator finds the
 * mentor among the suggestions for a candidate (with the reasons), proposes the pair and records the mentee's yes;
 * the mentor accepts in the app and logs a meeting. axe on every page.
 */

test.describe.configure({ mode: "serial" });

const mentor = { name: "Per Berg", email: "per.berg@rotary.example.no", password: "rotary er best 2026" };
const candidate = { firstName: "Selam", lastName: "Haile" };
let invitationLink = "";

async function signInAsMentor(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.locator("#sign-in-email").fill(mentor.email);
  await page.locator("#sign-in-password").fill(mentor.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/$/);
  return page;
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("the coordinator registers a mentor from a Rotary club and invites them", async ({ page, baseURL }) => {
  await signInAsCoordinator(page);
  // A candidate who speaks Tigrinya and lives in Bærum (registered through the API, as the candidate pages do).
  const created = await page.request.post("/api/v1/candidates", {
    headers: { origin: baseURL! },
    data: { ...candidate, municipality: "Bærum", languages: [{ code: "ti", native: true }, { code: "no", speaking: "A2" }] },
  });
  expect(created.status(), await created.text()).toBe(201);

  await page.getByRole("navigation").getByRole("link", { name: "Mentorordning" }).click();
  await expect(heading(page)).toHaveText("Mentorordning");
  await expectNoAxeViolations(page, "mentoring overview");
  await page.getByRole("link", { name: "Ny mentor" }).first().click();
  await expect(heading(page)).toHaveText("Ny mentor");
  await expectNoAxeViolations(page, "mentor form");

  // Submitting empty shows the error summary, by keyboard.
  await page.getByRole("button", { name: "Registrer mentor" }).click();
  await expect(page.getByText("Skriv navnet.").first()).toBeVisible();
  await expectNoAxeViolations(page, "mentor form with errors");

  await page.locator("#mentor-name").fill(mentor.name);
  await page.locator("#mentor-email").fill(mentor.email);
  await page.locator("#mentor-organisation").fill("Bærum Rotary");
  await page.locator("#mentor-industry").selectOption("G");
  await page.locator("#mentor-languages-ti").check();
  await page.locator("#mentor-municipality").fill("Bærum");
  await page.locator("#mentor-capacity").fill("2");
  await page.locator("#mentor-availability").fill("Tirsdager etter kl. 16");
  await page.getByRole("button", { name: "Registrer mentor" }).click();
  await expect(heading(page)).toHaveText(mentor.name);
  await expect(page.getByText("Mentoren er registrert.")).toBeVisible();
  await expect(page.getByText("Ikke signert ennå").first()).toBeVisible();
  await expectNoAxeViolations(page, "mentor page");

  await page.getByRole("link", { name: "Til mentorene" }).click();
  await expect(heading(page)).toHaveText("Mentorer");
  await expect(page.getByRole("link", { name: mentor.name })).toBeVisible();
  await expectNoAxeViolations(page, "mentors list");

  const outbox = (await (await page.request.get("/api/v1/outbox")).json()) as { items: { recipient: string; textBody: string | null }[] };
  const mail = outbox.items.find((m) => m.recipient === mentor.email);
  invitationLink = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail?.textBody ?? "")?.[0] ?? "";
  expect(invitationLink).not.toBe("");
});

test("the mentor accepts the invitation and sees nothing before signing the confidentiality declaration", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(new URL(invitationLink).pathname);
  await page.locator("#invite-name").fill(mentor.name);
  await page.locator("#invite-password").fill(mentor.password);
  await page.locator("#invite-confirm").fill(mentor.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/$/);

  await page.getByRole("navigation").getByRole("link", { name: "Mine mentees" }).click();
  await expect(heading(page)).toHaveText("Mine mentees");
  await expect(page.getByRole("heading", { name: "Taushetserklæring" })).toBeVisible();
  await expectNoAxeViolations(page, "declaration");
  // Signing without ticking the box is refused.
  await page.getByRole("button", { name: "Signer" }).click();
  await expect(page.getByText("Kryss av for at du har lest og godtar erklæringen.").first()).toBeVisible();
  await page.locator("#declaration-agree").check();
  await page.getByRole("button", { name: "Signer" }).click();
  await expect(page.getByText("Du har ingen mentees ennå.")).toBeVisible();
  await expectNoAxeViolations(page, "my mentees (empty)");
  await page.context().close();
});

test("the coordinator pairs the mentor and the candidate from the suggestions and records the mentee's yes", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto("/mentoring");
  await page.locator("#mentoring-candidate").fill(candidate.firstName);
  await expect(page.getByRole("option", { name: new RegExp(candidate.firstName) })).toBeVisible();
  await page.locator("#mentoring-candidate").press("Enter");
  await expect(heading(page)).toHaveText(`Mentorer for ${candidate.firstName} ${candidate.lastName}`);
  const card = page.locator("li.mentoring-card", { hasText: mentor.name });
  await expect(card.getByText(/Felles språk: Tigrinja/i)).toBeVisible();
  await expect(card.getByText("Bor i samme kommune: Bærum")).toBeVisible();
  await expectNoAxeViolations(page, "suggestions for a candidate");

  await card.getByRole("button", { name: `Foreslå ${mentor.name} som mentor for ${candidate.firstName} ${candidate.lastName}` }).click();
  await card.getByLabel("Mål for mentorperioden").fill("Bli kjent med varehandelen og søke tre jobber");
  await expectNoAxeViolations(page, "proposal form");
  await card.getByRole("button", { name: "Send forslag" }).click();
  await expect(page.getByText(`${mentor.name} er foreslått som mentor for ${candidate.firstName} ${candidate.lastName}.`, { exact: false })).toBeVisible();
  await page.getByRole("link", { name: "Gå til relasjonen" }).click();
  await expect(heading(page)).toHaveText(`${candidate.firstName} ${candidate.lastName} og ${mentor.name}`);
  await expectNoAxeViolations(page, "relationship (proposed)");

  await page.getByRole("button", { name: "Registrer ja" }).click();
  await expect(page.getByText("Mentees ja er registrert.")).toBeVisible();
  await expect(page.getByText("Mentee har sagt ja")).toBeVisible();
  await expectNoAxeViolations(page, "relationship (mentee said yes)");
});

test("the mentor accepts in the app, sees only the agreed fields and logs a meeting", async ({ browser }) => {
  const page = await signInAsMentor(browser);
  await page.getByRole("navigation").getByRole("link", { name: "Mine mentees" }).click();
  await expect(page.getByText("1 forslag venter på svaret ditt")).toBeVisible();
  await expectNoAxeViolations(page, "my mentees (a proposal)");
  await page.getByRole("link", { name: candidate.firstName }).click();
  await expect(heading(page)).toHaveText(`Mentee: ${candidate.firstName}`);
  // Agreed: first name, languages and job wishes. Never the last name.
  await expect(page.getByText(candidate.lastName)).toHaveCount(0);
  await expectNoAxeViolations(page, "mentee page (proposed)");

  await page.getByRole("button", { name: "Ja, jeg vil være mentor" }).click();
  await expect(page.getByText("Du har sagt ja.")).toBeVisible();
  await expect(page.getByText("Aktiv", { exact: true })).toBeVisible();
  await page.getByLabel("Hva snakket dere om?").fill("Gikk gjennom CV-en og snakket om butikkjobber");
  await page.getByLabel("Neste steg").fill("Søke to stillinger");
  await page.getByRole("button", { name: "Lagre møtet" }).click();
  await expect(page.getByText("Møtet er lagret.")).toBeVisible();
  await expect(page.getByText("Gikk gjennom CV-en og snakket om butikkjobber")).toBeVisible();
  await expect(page.getByRole("heading", { name: "1 møte" })).toBeVisible();
  await expectNoAxeViolations(page, "mentee page (active, a meeting)");

  // On a phone: the same page, one column, no horizontal scrolling.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoAxeViolations(page, "mentee page on a phone");
  await page.context().close();
});
