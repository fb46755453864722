import { expect, test } from "@playwright/test";
import type { APIRequestContext, Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectNoAxeViolations } from "./axe.ts";
import { loadState } from "./state.ts";

/*
 * Jobs, explained matching, the candidate list and the hire (issue 5), in a real Chromium against the real server.
 * Runs after 01–04: the network "Globale Bærum" with the advisor Ahmed Hassan, the coordinator (two-factor), and
 * FJORDKAFFE AS with its contact Line Berg as an employer user. The advisor registers a job, sees explained
 * suggestions, puts the best candidate on the list, records the candidate's consent, shares the anonymous CV; Line
 * answers "interesting" in the employer portal; the advisor shares the full CV, records the hire and answers the
 * 3-month follow-up. Every page is checked with axe.
 */

test.describe.configure({ mode: "serial" });

const advisor = { email: "ahmed@nav.example.no", password: "another long password" };
const admin = { email: "kari@baerum.example.no", password: "correct horse battery" };
const employerUser = { email: "line@fjordkaffe.example", password: "fjordkaffe er best" };
const esco = (kind: "occupation" | "skill", id: string) => `http://data.europa.eu/esco/${kind}/${id}`;
// The starter taxonomy's cook and two of its skills.
const cook = esco("occupation", "90f75f67-495d-49fa-ab57-2f320e251d7e");
const cookSkills = [esco("skill", "341cf309-746c-4437-ad14-e0a0ee13eacc"), esco("skill", "4b15a965-9bb4-42f1-8e44-1024aeb0b08c")];
const best = { firstName: "Amina", lastName: "Yusuf" };
const bestName = `${best.firstName} ${best.lastName}`;
let jobPath = "";

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

/** The signed-in page's API, as the web app calls it (same-origin, so the CSRF check passes). */
async function post(request: APIRequestContext, baseURL: string, path: string, body: unknown) {
  const response = await request.post(path, { data: body, headers: { origin: baseURL } });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json();
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

async function check(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `e2e/screenshots/05-${label.replace(/[^a-z0-9]+/gi, "-")}.png`, fullPage: true });
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

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

test("the advisor registers a job and sees explained suggestions, with the reminder that a person decides", async ({ page, baseURL }) => {
  await signIn(page, advisor);
  const me = await (await page.request.get("/api/v1/me")).json();
  // Two candidates of the advisor's: a cook with the job's skills, and someone from another field.
  await post(page.request, baseURL!, "/api/v1/candidates?confirmNotDuplicate=true", {
    ...best,
    municipality: "Bærum",
    advisorUserId: me.user.id,
    experience: [{ occupationUri: cook, years: 4 }],
    skillUris: cookSkills,
    languages: [{ code: "nb", listening: "B2", reading: "B1", writing: "B1", speaking: "B2" }],
  });
  await post(page.request, baseURL!, "/api/v1/candidates?confirmNotDuplicate=true", { firstName: "Jonas", lastName: "Eriksen", municipality: "Asker", advisorUserId: me.user.id, languages: [{ code: "nb", native: true }] });

  await page.getByRole("navigation").getByRole("link", { name: "Stillinger" }).click();
  await expect(heading(page)).toHaveText("Stillinger");
  await check(page, "jobs");
  await page.getByRole("link", { name: "Ny stilling" }).click();
  await expect(heading(page)).toHaveText("Ny stilling");
  await pick(page, "job-employer", "fjordkaffe");
  await page.locator("#job-title").fill("Kokk i kantina");
  await pick(page, "job-occupation", "kokk");
  // The occupation's skills are suggested; keep them.
  await expect(page.locator(`[id="skill-${cookSkills[0]}"]`)).toBeVisible();
  await page.locator("#job-municipality").fill("Bærum");
  await check(page, "job form");
  await page.getByRole("button", { name: "Registrer stillingen" }).click();
  await expect(heading(page)).toHaveText("Kokk i kantina");
  await expect(page.getByText("Stillingen er registrert.")).toBeVisible();
  jobPath = new URL(page.url()).pathname;

  await expect(page.getByText("Det er du som vurderer og bestemmer", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: bestName }).first()).toBeVisible();
  // The best suggestion is the cook, explained criterion by criterion, with what is missing.
  const firstLink = page.locator("main").getByRole("link").filter({ hasText: /Amina Yusuf|Jonas Eriksen/ }).first();
  await expect(firstLink).toHaveText(bestName);
  await expect(page.getByText(/nødvendige ferdigheter/).first()).toBeVisible();
  await expect(page.getByText(/Har jobbet som kokk \(4 år\) — samme yrke/).first()).toBeVisible();
  await check(page, "job with suggestions");
});

test("the advisor puts the cook on the list, records consent and shares the anonymous CV", async ({ page }) => {
  await signIn(page, advisor);
  await page.goto(jobPath);
  await page.getByRole("button", { name: "Legg til på listen" }).first().click();
  await expect(page.getByText(`${bestName} er lagt til på kandidatlisten`, { exact: false })).toBeVisible();
  await expect(page.getByText("På listen: Foreslått").first()).toBeVisible();

  await page.getByRole("link", { name: "Kandidatliste" }).click();
  await expect(page.getByRole("heading", { name: "Kandidatliste", level: 2 })).toBeVisible();
  await check(page, "candidate list");
  const more = page.getByRole("button", { name: `Flere handlinger for ${bestName}` });

  // Sharing without consent is refused in plain words.
  await more.click();
  await page.getByRole("button", { name: "Del anonym CV" }).click();
  await expect(page.getByText("Registrer samtykket først", { exact: false }).first()).toBeVisible();

  await more.click();
  await page.getByRole("button", { name: "Registrer samtykke" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("FJORDKAFFE AS", { exact: false }).first()).toBeVisible();
  await expect(dialog.getByText("«Kokk i kantina»", { exact: false }).first()).toBeVisible();
  await check(page, "consent dialog");
  await dialog.getByRole("button", { name: "Registrer samtykket" }).click();
  await expect(page.getByText(`Samtykket fra ${bestName} er registrert.`)).toBeVisible();

  await more.click();
  await page.getByRole("button", { name: "Del anonym CV" }).click();
  await expect(page.getByText(`Anonym CV for ${bestName} er delt med FJORDKAFFE AS.`)).toBeVisible();
  await expect(page.getByText("Anonym CV delt").first()).toBeVisible();
});

test("the employer sees the anonymous candidate, never the name, and answers interesting", async ({ page }) => {
  await signIn(page, employerUser);
  await page.getByRole("navigation").getByRole("link", { name: "Delte kandidater" }).click();
  await expect(heading(page)).toHaveText("Kandidater delt med dere");
  await expect(page.getByText("Stilling: Kokk i kantina").first()).toBeVisible();
  await expect(page.getByText(best.lastName)).toHaveCount(0);
  await check(page, "shared candidates");
  await page.getByRole("button", { name: "Interessant" }).first().click();
  await expect(page.getByText("Svaret er lagret", { exact: false })).toBeVisible();
});

test("the advisor shares the full CV, records the hire and answers the 3-month follow-up", async ({ page }) => {
  await signIn(page, advisor);
  await page.goto(`${jobPath}?tab=list`);
  await expect(page.getByText("Arbeidsgiver: interessant").first()).toBeVisible();
  const more = page.getByRole("button", { name: `Flere handlinger for ${bestName}` });
  await more.click();
  await page.getByRole("button", { name: "Del full CV" }).click();
  await expect(page.getByText(`Full CV for ${bestName} er delt med FJORDKAFFE AS.`)).toBeVisible();

  await more.click();
  await page.getByRole("link", { name: "Registrer ansettelse" }).click();
  await expect(heading(page)).toHaveText("Registrer ansettelse");
  // From the list: the candidate, the employer and the job are filled in.
  await expect(page.getByRole("textbox", { name: "Kandidat" })).toHaveValue(bestName);
  await expect(page.getByRole("textbox", { name: "Velg arbeidsgiver" })).toHaveValue("FJORDKAFFE AS");
  await expect(page.getByRole("combobox", { name: "Stilling" })).toHaveValue(/.+/);
  // A hire that started a hundred days ago: its 3-month follow-up is due.
  await page.locator("#placement-start").fill(isoDaysAgo(100));
  await page.locator("#placement-hours").fill("37,5");
  await check(page, "placement form");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByText("Ansettelsen er registrert.", { exact: false })).toBeVisible();
  await check(page, "placements");

  await page.goto("/placements/follow-ups");
  await expect(heading(page)).toHaveText("Oppfølging av ansettelser");
  await expect(page.getByText(/gått over fristen/).first()).toBeVisible();
  await check(page, "follow-ups");
  await page.getByRole("button", { name: `Ja, fortsatt i jobb: ${bestName}, 3 måneder` }).click();
  await expect(page.getByText("Fortsatt i jobb").first()).toBeVisible();

  // The employer's view knows the candidate now by name (full CV), and the hire counts: the candidate is in work.
  const candidates = await (await page.request.get(`/api/v1/candidates?q=${encodeURIComponent(best.lastName)}`)).json();
  expect(candidates.items[0]).toMatchObject({ firstName: best.firstName, status: "in_work" });
});

test("the candidate's profile suggests jobs with what would close the gap; the coordinator's fairness report", async ({ page, browser }) => {
  await signIn(page, advisor);
  const candidates = await (await page.request.get("/api/v1/candidates?q=Eriksen")).json();
  await page.goto(`/candidates/${candidates.items[0].id}`);
  await expect(page.getByRole("heading", { name: "Passende stillinger" })).toBeVisible();
  await expect(page.getByText("Det er du som vurderer og bestemmer", { exact: false }).first()).toBeVisible();
  await check(page, "candidate profile with job suggestions");

  const context = await browser.newContext();
  const coordinator = await context.newPage();
  await signInAsCoordinator(coordinator);
  await coordinator.getByRole("navigation").getByRole("link", { name: "Rettferdighet" }).click();
  await expect(heading(coordinator)).toHaveText("Rettferdighetsrapport");
  await check(coordinator, "fairness report");
  await context.close();
});
