import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";

/*
 * Competence mapping (issue 3), in a real Chromium against the real server. Runs after 01-foundation.spec.ts, which
 * set up the network and made Ahmed Hassan an advisor (the admin has two-factor on by then, so the advisor is the
 * one who signs in here). The advisor registers a candidate through the nine-step interview — an occupation and a
 * skill picked by typeahead from the starter taxonomy — finds them again with a filter, opens the profile and
 * downloads both CVs. Every page and every step is checked with axe.
 */

test.describe.configure({ mode: "serial" });

const advisor = { email: "ahmed@nav.example.no", password: "another long password" };
const stamp = Date.now().toString(36);
const candidate = { firstName: "Amira", lastName: `Haddad-${stamp}`, email: `amira.${stamp}@example.no` };
let candidateUrl = "";
let occupationLabel = "";

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.locator("#sign-in-email").fill(advisor.email);
  await page.locator("#sign-in-password").fill(advisor.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/$/);
}

/** Types into a taxonomy typeahead and picks the first suggestion by keyboard; returns its label. */
async function pickFirst(page: Page, inputId: string, query: string) {
  const input = page.locator(`#${inputId}`);
  await input.fill(query);
  const listId = await input.getAttribute("aria-controls");
  const option = page.locator(`[id="${listId}"] [role=option]`).first();
  await expect(option).toBeVisible();
  const label = ((await option.locator(".bilingual > span").first().textContent()) ?? "").trim();
  await input.press("ArrowDown");
  await expect(input).toHaveAttribute("aria-activedescendant", /.+/);
  await input.press("Enter");
  return label;
}

async function next(page: Page, step: number) {
  await page.getByRole("button", { name: "Neste" }).click();
  const heading = page.locator("#step-heading");
  await expect(heading).toContainText(`Steg ${step} av 9`);
  await expect(heading).toBeFocused();
}

test("an advisor registers a candidate through the mapping interview", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Kandidater" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kandidater");
  await expectNoAxeViolations(page, "candidate list");

  await page.getByRole("link", { name: "Registrer kandidat" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registrer kandidat");
  await expect(page.locator("#step-heading")).toContainText("Steg 1 av 9");
  await expectNoAxeViolations(page, "step 1");

  // Next without a name: the error summary explains, and the step stays.
  await page.getByRole("button", { name: "Neste" }).click();
  await expect(page.getByText("Skriv fornavnet.").first()).toBeVisible();
  await expect(page.locator("#step-heading")).toContainText("Steg 1 av 9");
  await expectNoAxeViolations(page, "step 1 with errors");

  await page.locator("#cand-firstName").fill(candidate.firstName);
  await page.locator("#cand-lastName").fill(candidate.lastName);
  await page.locator("#cand-email").fill(candidate.email);
  await page.locator("#cand-municipality").fill("Bærum");
  await next(page, 2);
  await expect(page.getByText(/brukes bare til statistikk/).first()).toBeVisible();
  await page.locator("#cand-countryOfBirth").selectOption("SY");
  await page.locator("#cand-birthYear").fill("1990");
  await page.locator("#cand-arrivalYear").fill("2016");
  await page.locator("#cand-gender").selectOption("female");
  await expectNoAxeViolations(page, "step 2");

  await next(page, 3);
  await page.locator("#cand-languages-0-listening").selectOption("B1");
  await page.locator("#cand-languages-0-reading").selectOption("B1");
  await page.locator("#cand-languages-0-writing").selectOption("A2");
  await page.locator("#cand-languages-0-speaking").selectOption("B1");
  await page.locator("#cand-languages-0-testName").fill("Norskprøven");
  await page.getByRole("button", { name: "Legg til språk" }).click();
  await page.locator("#cand-languages-1-code").fill("ar");
  await page.locator("#cand-languages-1-native").check();
  await expectNoAxeViolations(page, "step 3");

  await next(page, 4);
  await page.getByRole("button", { name: "Legg til utdanning" }).click();
  await page.locator("#cand-education-0-level").selectOption("upper_secondary");
  await page.locator("#cand-education-0-country").selectOption("SY");
  await page.locator("#cand-education-0-yearCompleted").fill("2008");
  await expectNoAxeViolations(page, "step 4");

  await next(page, 5);
  await page.getByRole("button", { name: "Legg til arbeidserfaring" }).click();
  // Without an occupation the step does not go on.
  await page.getByRole("button", { name: "Neste" }).click();
  await expect(page.getByText("Velg et yrke fra listen.").first()).toBeVisible();
  occupationLabel = await pickFirst(page, "cand-experience-0-occupation", "renhold");
  expect(occupationLabel).not.toBe("");
  await expect(page.locator(".chip").first()).toContainText(occupationLabel);
  await page.locator("#cand-experience-0-years").fill("3");
  await page.locator("#cand-experience-0-country").selectOption("NO");
  await expectNoAxeViolations(page, "step 5");

  await next(page, 6);
  const skill = await pickFirst(page, "cand-skills", "rengj");
  await expect(page.locator(".chip").first()).toContainText(skill);
  await expectNoAxeViolations(page, "step 6");

  await next(page, 7);
  await page.locator("#cand-drivingLicences-B").check();
  await expectNoAxeViolations(page, "step 7");

  await next(page, 8);
  await expectNoAxeViolations(page, "step 8");

  // Back keeps what was typed.
  await page.getByRole("button", { name: "Tilbake" }).click();
  await expect(page.locator("#step-heading")).toContainText("Steg 7 av 9");
  await expect(page.locator("#cand-drivingLicences-B")).toBeChecked();
  await next(page, 8);

  await next(page, 9);
  await page.locator("#cand-summary").fill("Erfaren med renhold, vil jobbe i Bærum.");
  await expect(page.getByText(`${candidate.firstName} ${candidate.lastName}`).first()).toBeVisible();
  await expect(page.getByText(occupationLabel).first()).toBeVisible();
  await expectNoAxeViolations(page, "step 9 (summary)");

  await page.getByRole("button", { name: "Registrer kandidaten" }).click();
  await expect(page.getByText("Kandidaten er registrert.").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${candidate.firstName} ${candidate.lastName}`);
  candidateUrl = new URL(page.url()).pathname;
  expect(candidateUrl).toMatch(/^\/candidates\/[0-9a-f-]{36}$/);
  await expectNoAxeViolations(page, "profile after registration");
});

test("the advisor finds the candidate with a filter, opens the profile and downloads both CVs", async ({ page }) => {
  await signIn(page);
  await page.goto("/candidates");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kandidater");
  await page.getByText("Flere filtre").click();
  await pickFirst(page, "filter-occupation", "renhold");
  await page.locator("#filter-q").fill(candidate.lastName);
  await page.getByRole("button", { name: "Søk", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /Viser 1 kandidat/ })).toBeVisible();
  const link = page.getByRole("link", { name: `${candidate.firstName} ${candidate.lastName}` });
  await expect(link).toBeVisible();
  await expectNoAxeViolations(page, "candidate list filtered");

  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${candidate.firstName} ${candidate.lastName}`);
  await expect(page.getByRole("heading", { name: "Hvem har sett på denne profilen" })).toBeVisible();
  await expectNoAxeViolations(page, "profile");

  for (const variant of ["full-nb", "anonymous-en", "full-en", "anonymous-nb"]) {
    const href = await page.locator(`a[data-cv="${variant}"]`).getAttribute("href");
    expect(href, variant).toBeTruthy();
    const response = await page.request.get(href!);
    expect(response.status(), variant).toBe(200);
    expect(response.headers()["content-type"], variant).toContain("application/pdf");
    const body = await response.body();
    expect(body.subarray(0, 4).toString("latin1"), variant).toBe("%PDF");
  }

  await page.getByRole("button", { name: "Vis CV-en her" }).click();
  await expect(page.locator("iframe.cv-frame")).toHaveAttribute("title", /Forhåndsvisning/);
  await expectNoAxeViolations(page, "profile with the CV preview");

  // A note, with the warning about sensitive details beside it.
  await expect(page.getByText(/Ikke skriv helseopplysninger/).first()).toBeVisible();
  await page.locator("#note-text").fill("Første kartleggingssamtale er gjort.");
  await page.getByRole("button", { name: "Lagre notatet" }).click();
  await expect(page.getByText("Første kartleggingssamtale er gjort.").first()).toBeVisible();

  // Edit from the profile opens the right step of the interview.
  await page.getByRole("link", { name: "Endre Arbeidserfaring" }).click();
  await expect(page.locator("#step-heading")).toContainText("Steg 5 av 9");
  await expect(page.locator(".chip").first()).toContainText(occupationLabel);
  await expectNoAxeViolations(page, "interview opened for editing");

  await page.goto("/candidates/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Importer kandidater");
  await expectNoAxeViolations(page, "import");
});
