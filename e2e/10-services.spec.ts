import { expect, test } from "@playwright/test";
import type { APIRequestContext, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { loadState } from "./state.ts";

/*
 * Services, groups and events (issue 8), in a real Chromium against the real server, after 01-foundation: the
 * coordinator adds a partner and gives the language group its default partner, starts a language group whose
 * third member goes on the waiting list, adds a session and takes attendance on a phone (360×640, by touch and by
 * keyboard), creates an event, invites a candidate and sends the invitation (kept in the outbox without SMTP),
 * records a service on a candidate and sees it on the candidate's timeline, and opens the activity report.
 */

test.describe.configure({ mode: "serial" });

const admin = { email: "kari@baerum.example.no", password: "correct horse battery" };
const people = [
  { firstName: "Amal", lastName: "Haddad", email: "amal.haddad@example.no" },
  { firstName: "Dawit", lastName: "Tesfay", email: "dawit.tesfay@example.no" },
  { firstName: "Olena", lastName: "Kovalenko", email: "olena.kovalenko@example.no" },
];

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
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `e2e/screenshots/10-${label.replace(/[^a-z0-9]+/gi, "-")}.png`, fullPage: true });
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

const today = () => new Date().toISOString().slice(0, 10);

test("the coordinator adds a partner and gives the language group its default partner", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.getByRole("navigation").getByRole("link", { name: "Tjenester" }).click();
  await expect(heading(page)).toHaveText("Tjenester");
  await check(page, "services settings");
  // Submitting without a name is explained.
  await page.getByRole("button", { name: "Legg til partner" }).click();
  await expect(page.getByText("Skriv navnet på partneren.").first()).toBeVisible();
  await page.locator("#partner-name").fill("Dønski seniorsenter");
  await page.locator("#partner-kind").selectOption("senior_centre");
  await page.getByRole("button", { name: "Legg til partner" }).click();
  await expect(page.getByText("Dønski seniorsenter er lagt til.")).toBeVisible();
  await page.getByRole("combobox", { name: "Standard partner for Språkgruppe" }).selectOption({ label: "Dønski seniorsenter" });
  await expect(page.getByText("Språkgruppe er lagret.")).toBeVisible();
  await check(page, "services settings with a partner");
});

test("a language group fills up, the next goes on the waiting list, and attendance is taken on a phone", async ({ browser, page, baseURL }) => {
  await signInAsCoordinator(page);
  for (const person of people) await post(page.request, baseURL!, "/api/v1/candidates?confirmNotDuplicate=true", person);

  await page.getByRole("navigation").getByRole("link", { name: "Grupper" }).click();
  await expect(heading(page)).toHaveText("Grupper");
  await check(page, "groups");
  await page.locator("#group-name").fill("Språkkafé på Dønski");
  await page.locator("#group-partner").selectOption({ label: "Dønski seniorsenter" });
  await page.locator("#group-place").fill("Dønski seniorsenter, kafeen");
  await page.locator("#group-capacity").fill("2");
  await page.getByRole("button", { name: "Opprett gruppe" }).click();
  await expect(heading(page)).toHaveText("Språkkafé på Dønski");

  for (const person of people) {
    await pick(page, "group-add-candidate", person.lastName);
    await page.getByRole("button", { name: "Legg til", exact: true }).click();
  }
  await expect(page.getByText(`Gruppen er full. ${people[2]!.firstName} ${people[2]!.lastName} står som nummer 1 på ventelisten.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Venteliste (1)" })).toBeVisible();
  await check(page, "group with a waiting list");

  await page.locator("#session-date").fill(today());
  await page.locator("#session-start").fill("17:00");
  await page.locator("#session-end").fill("18:30");
  await page.locator("#session-note").fill("Tema: jobbintervju");
  await page.getByRole("button", { name: "Legg til samling" }).click();
  await expect(page.getByText("Samlingen er lagt til.")).toBeVisible();
  await page.getByRole("link", { name: /^Ta oppmøte/ }).first().click();
  await expect(heading(page)).toHaveText("Oppmøte: Språkkafé på Dønski");

  // At the door: a phone (360×640, touch), signed in as the same coordinator.
  const phone = await browser.newContext({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true, locale: "nb-NO", storageState: await page.context().storageState() });
  const door = await phone.newPage();
  await door.goto(page.url());
  await expect(heading(door)).toHaveText("Oppmøte: Språkkafé på Dønski");
  await check(door, "attendance on a phone");
  const scroll = await door.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll, "no sideways scrolling at 360 px").toBeLessThanOrEqual(360);
  const first = door.getByRole("group", { name: `${people[0]!.firstName} ${people[0]!.lastName}` });
  const second = door.getByRole("group", { name: `${people[1]!.firstName} ${people[1]!.lastName}` });
  const present = first.getByRole("button", { name: "Til stede" });
  const box = await present.boundingBox();
  expect(box!.height, "a tap target at least 44 px high").toBeGreaterThanOrEqual(44);
  await present.tap();
  await expect(present).toHaveAttribute("aria-pressed", "true");
  await expect(door.getByText(`Lagret: ${people[0]!.firstName} ${people[0]!.lastName} er til stede.`)).toBeVisible();
  // By keyboard: focus the second person's "Borte" and press Space.
  const absent = second.getByRole("button", { name: "Borte" });
  await absent.focus();
  await door.keyboard.press("Space");
  await expect(absent).toHaveAttribute("aria-pressed", "true");
  await expect(door.getByText("1 av 2 til stede, 0 ikke registrert")).toBeVisible();
  // The one waiting is not on the list at the door.
  await expect(door.getByRole("group", { name: `${people[2]!.firstName} ${people[2]!.lastName}` })).toHaveCount(0);
  // Saved: after a reload the marks are still there.
  await door.reload();
  await expect(door.getByRole("group", { name: `${people[0]!.firstName} ${people[0]!.lastName}` }).getByRole("button", { name: "Til stede" })).toHaveAttribute("aria-pressed", "true");
  await check(door, "attendance after reload");
  await phone.close();

  // One more place: the first on the waiting list moves in.
  await page.getByRole("link", { name: "Tilbake til gruppen" }).click();
  await page.locator("#group-capacity-edit").fill("3");
  await page.getByRole("button", { name: "Lagre antall plasser" }).click();
  await expect(page.getByText("Gruppen har nå 3 plasser: 3 deltakere, 0 på venteliste.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Venteliste (0)" })).toBeVisible();
  await check(page, "group after more places");
});

test("the coordinator creates an event, invites a candidate and sends the invitation, which waits in the outbox", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.getByRole("navigation").getByRole("link", { name: "Arrangementer" }).click();
  await expect(heading(page)).toHaveText("Arrangementer");
  await check(page, "events");
  await page.getByRole("link", { name: "Nytt arrangement" }).click();
  await expect(heading(page)).toHaveText("Nytt arrangement");
  await page.getByRole("button", { name: "Opprett arrangement" }).click();
  await expect(page.getByText("Skriv en tittel.").first()).toBeVisible();
  await check(page, "event form with errors");
  await page.locator("#event-kind").selectOption("job_fair");
  await page.locator("#event-title").fill("Jobbmesse på Fornebu");
  const date = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await page.locator("#event-date").fill(date);
  await page.locator("#event-start").fill("10:00");
  await page.locator("#event-end").fill("14:00");
  await page.locator("#event-place").fill("Fornebu S, torget");
  await page.getByRole("checkbox", { name: "Dønski seniorsenter" }).check();
  await page.getByRole("button", { name: "Opprett arrangement" }).click();
  await expect(heading(page)).toHaveText("Jobbmesse på Fornebu");
  await check(page, "event");

  await pick(page, "event-candidate", people[0]!.lastName);
  await page.getByRole("button", { name: "Inviter", exact: true }).click();
  await expect(page.getByText(`${people[0]!.firstName} ${people[0]!.lastName} er satt på invitasjonslisten.`)).toBeVisible();
  await page.getByRole("button", { name: "Send invitasjon (1 ny)" }).click();
  await expect(page.getByText("1 invitasjoner sendt, 0 feilet, 0 uten e-postadresse.")).toBeVisible();
  await page.getByRole("combobox", { name: `Svar fra ${people[0]!.firstName} ${people[0]!.lastName}` }).selectOption("registered");
  await expect(page.getByText(`Lagret for ${people[0]!.firstName} ${people[0]!.lastName}.`)).toBeVisible();
  await page.locator("#event-interviews").fill("2");
  await page.getByRole("button", { name: "Lagre resultat" }).click();
  await expect(page.getByText("Resultatet er lagret.")).toBeVisible();
  await check(page, "event with an invitee");

  const ics = await page.request.get((await page.getByRole("link", { name: /kalenderfil/ }).getAttribute("href"))!);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect(await ics.text()).toContain("SUMMARY:Jobbmesse på Fornebu");

  await page.getByRole("navigation").getByRole("link", { name: "Utboks" }).click();
  await expect(page.getByText("Invitasjon: Jobbmesse på Fornebu / Invitation: Jobbmesse på Fornebu").first()).toBeVisible();
});

test("a service recorded on the candidate shows on the timeline with the group and the event", async ({ page }) => {
  await signInAsCoordinator(page);
  const found = await (await page.request.get(`/api/v1/candidates?q=${people[0]!.lastName}`)).json();
  await page.goto(`/candidates/${found.items[0].id}`);
  await expect(heading(page)).toHaveText(`${people[0]!.firstName} ${people[0]!.lastName}`);
  const timeline = page.getByRole("region", { name: "Tidslinje" });
  await expect(timeline.getByText("Språkkafé på Dønski: til stede")).toBeVisible();
  await expect(timeline.getByText("Jobbmesse på Fornebu")).toBeVisible();
  await page.getByText("Registrer tjeneste", { exact: true }).first().click();
  await page.locator("#service-type").selectOption({ label: "CV-hjelp" });
  await page.locator("#service-outcome").fill("Ny CV på norsk.");
  await page.getByRole("button", { name: "Lagre tjenesten" }).click();
  await expect(page.getByText("CV-hjelp er registrert.")).toBeVisible();
  await expect(timeline.getByText("Ny CV på norsk.")).toBeVisible();
  await check(page, "candidate profile with the timeline");
});

test("the activity report shows services, attendance and events with small counts hidden", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.getByRole("navigation").getByRole("link", { name: "Aktivitetsrapport" }).click();
  await expect(heading(page)).toHaveText("Aktivitetsrapport");
  await expect(page.getByRole("table", { name: "Tjenester og oppmøte etter tjenestetype" })).toBeVisible();
  await expect(page.getByText("under 5").first()).toBeVisible();
  await check(page, "activity report");
});
