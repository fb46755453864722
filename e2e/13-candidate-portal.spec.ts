import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { signInAsCoordinator } from "./sign-in.ts";
import { orgNumberCheckDigit } from "../src/shared/orgnr.ts";

/*
 * The candidate portal (issue 10), after 01 (the network and its coordinator). A candidate from Syria: the advisor
 * invites her from her profile; she accepts on a phone (360 px), reads the portal in Arabic (the page right to
 * left), checks every one of the seven languages with axe, fixes her job wishes, and says yes to sharing her CV
 * with one employer; the advisor sees the consent on her profile.
 */

test.describe.configure({ mode: "serial" });

const amina = { firstName: "Amina", lastName: "Darwish", email: "amina.kandidat@example.no", password: "amina sin portal 2026" };
const languages = ["nb", "en", "ar", "uk", "pl", "ti", "so"] as const;
type Messages = { home: { title: string }; nav: { home: string; profile: string }; layout: { language: string }; requests: { yes: string; savedYes: string }; profile: { wishes: string; municipalities: string; extents: { part_time: string } }; common: { edit: string; save: string } };
const messages = Object.fromEntries(languages.map((l) => [l, JSON.parse(readFileSync(`src/web/i18n/portal/${l}.json`, "utf8")) as Messages])) as Record<(typeof languages)[number], Messages>;
const phone = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };

let candidateId = "";
let jobTitle = "";
let invitationLink = "";

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

/** A valid organisation number that no other spec uses. */
function orgNumber(): string {
  for (let n = 91_300_000 + (Date.now() % 90_000); ; n++) {
    const check = orgNumberCheckDigit(String(n));
    if (check !== null) return `${n}${check}`;
  }
}

test("the advisor invites a candidate from Syria to the candidate portal from her profile", async ({ page, baseURL }) => {
  await signInAsCoordinator(page);
  const headers = { origin: baseURL! };
  const cook = (await (await page.request.get("/api/v1/taxonomy/occupations?q=kokk&lang=nb&limit=1")).json()).items[0];
  expect(cook, "the starter taxonomy has a cook").toBeTruthy();
  const employer = await page.request.post("/api/v1/employers", { headers, data: { orgNumber: orgNumber(), name: "Kantina i Sandvika AS", membershipStatus: "member" } });
  expect(employer.status(), await employer.text()).toBe(201);
  jobTitle = "Kokk i kantina";
  const job = await page.request.post("/api/v1/jobs", { headers, data: { employerId: (await employer.json()).id, title: jobTitle, occupationUri: cook.uri, municipality: "Bærum" } });
  expect(job.status(), await job.text()).toBe(201);
  const created = await page.request.post("/api/v1/candidates?confirmNotDuplicate=true", {
    headers,
    data: {
      firstName: amina.firstName,
      lastName: amina.lastName,
      email: amina.email,
      municipality: "Bærum",
      background: { countryOfBirth: "SY", arrivalYear: 2020, gender: "female", birthYear: 1991 },
      languages: [{ code: "ar", native: true }, { code: "no", listening: "A2", reading: "A2", writing: "A2", speaking: "A2" }],
      experience: [{ occupationUri: cook.uri, title: "Kokk", employer: "Restaurant i Aleppo", country: "SY", years: 5 }],
      jobWishes: { occupationUris: [cook.uri], municipalities: ["Bærum"], extent: "any" },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  candidateId = (await created.json()).id;

  await page.goto(`/candidates/${candidateId}`);
  await expect(heading(page)).toHaveText(`${amina.firstName} ${amina.lastName}`);
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Kandidatportalen" }) });
  await expect(section.getByText("Kandidaten er ikke invitert til kandidatportalen.")).toBeVisible();
  await expect(section.getByLabel("E-post til invitasjonen")).toHaveValue(amina.email);
  await section.getByRole("button", { name: "Inviter til kandidatportalen" }).click();
  await expect(section.getByText(`Invitasjonen er sendt til ${amina.email}.`)).toBeVisible();
  await expectNoAxeViolations(page, "candidate profile with the portal section");

  const outbox = (await (await page.request.get("/api/v1/outbox")).json()) as { items: { recipient: string; textBody: string | null }[] };
  const mail = outbox.items.find((m) => m.recipient === amina.email);
  invitationLink = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail?.textBody ?? "")?.[0] ?? "";
  expect(invitationLink).not.toBe("");
});

test("on her phone she joins, reads the portal in Arabic (right to left), fixes her job wishes and says yes to sharing her CV", async ({ browser, page }) => {
  // Seven languages with axe on a phone, then the edits and the answer: longer than one step.
  test.setTimeout(240_000);
  const candidate = await (await browser.newContext(phone)).newPage();
  await candidate.goto(new URL(invitationLink).pathname);
  await candidate.locator("#invite-name").fill(`${amina.firstName} ${amina.lastName}`);
  await candidate.locator("#invite-password").fill(amina.password);
  await candidate.locator("#invite-confirm").fill(amina.password);
  await candidate.locator("form button[type=submit]").click();
  await expect(candidate).toHaveURL(/\/my$/);
  await expect(heading(candidate)).toHaveText(messages.nb.home.title);

  // The advisor asks, from her profile, whether the CV may go to the employer of the cook's job.
  await signInAsCoordinator(page);
  await page.goto(`/candidates/${candidateId}`);
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Kandidatportalen" }) });
  await expect(section.getByText("Kandidaten bruker kandidatportalen og ser sin egen profil der.")).toBeVisible();
  await section.getByLabel("Be om samtykke til å dele CV-en for en stilling").selectOption({ label: `${jobTitle} – Kantina i Sandvika AS` });
  await section.getByRole("button", { name: "Send spørsmålet til kandidaten" }).click();
  await expect(section.getByText("Spørsmålet er sendt. Kandidaten svarer i kandidatportalen.")).toBeVisible();

  // Every language of the portal, on the main page with the question and the suggested jobs: complete, and axe-clean.
  await candidate.reload();
  for (const lang of languages) {
    await candidate.locator("header select").selectOption(lang);
    await expect(heading(candidate)).toHaveText(messages[lang].home.title);
    await expect(candidate.locator("html")).toHaveAttribute("lang", lang);
    await expect(candidate.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
    await expect(candidate.getByRole("button", { name: messages[lang].requests.yes })).toBeVisible();
    await expectNoAxeViolations(candidate, `portal home in ${lang}`);
  }

  // She reads it in Arabic: the whole page right to left; the choice is kept in her profile.
  await candidate.getByLabel(messages.so.layout.language, { exact: true }).selectOption("ar");
  await expect(heading(candidate)).toHaveText(messages.ar.home.title);
  await expect(candidate.locator("html")).toHaveAttribute("dir", "rtl");
  const ar = messages.ar;
  await expect.poll(async () => (await (await candidate.request.get("/api/v1/me")).json()).user.locale).toBe("ar");
  const navBox = await candidate.getByRole("navigation").getByRole("link").first().boundingBox();
  expect(navBox!.x + navBox!.width, "the first menu item sits at the right edge in Arabic").toBeGreaterThan(360 / 2);

  // Job wishes: places and working hours.
  await candidate.getByRole("navigation").getByRole("link", { name: ar.nav.profile }).click();
  await expect(heading(candidate)).toHaveText(ar.nav.profile);
  await candidate.getByRole("button", { name: `${ar.common.edit}: ${ar.profile.wishes}` }).click();
  await candidate.getByLabel(ar.profile.municipalities).fill("Bærum, Asker");
  await candidate.getByLabel(ar.profile.extents.part_time).check();
  await expectNoAxeViolations(candidate, "job wishes form in Arabic");
  await candidate.getByRole("button", { name: ar.common.save }).click();
  await expect(candidate.getByText("Bærum, Asker")).toBeVisible();
  await expectNoAxeViolations(candidate, "profile in Arabic");

  // Yes to sharing the CV with the one employer, by keyboard.
  await candidate.getByRole("navigation").getByRole("link", { name: ar.nav.home }).click();
  await expect(heading(candidate)).toHaveText(ar.home.title);
  await candidate.getByRole("button", { name: ar.requests.yes }).focus();
  await candidate.keyboard.press("Enter");
  await expect(candidate.getByText(ar.requests.savedYes)).toBeVisible();
  await expectNoAxeViolations(candidate, "portal home after the answer, in Arabic");
  await candidate.screenshot({ path: "test-results/candidate-portal-ar.png", fullPage: true });

  // The advisor sees the wishes and the consent, given in the portal.
  await page.reload();
  await expect(page.getByText("Bærum, Asker")).toBeVisible();
  const consents = page.getByRole("list", { name: "Samtykker til deling" });
  await expect(consents).toContainText(`Kantina i Sandvika AS – ${jobTitle}`);
  await expect(consents).toContainText("Gjelder");
  await expect(consents).toContainText("gitt i kandidatportalen");
  await expectNoAxeViolations(page, "candidate profile with the consent");
  await candidate.context().close();
});
