import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { signInAsCoordinator } from "./sign-in.ts";
import { startTestProvider } from "../src/server/oidc/test-provider.ts";
import type { TestProvider } from "../src/server/oidc/test-provider.ts";

/*
 * Sign-in with the municipality's identity provider (issue 9, ADR 027), in a real Chromium against the real
 * server and a real OpenID provider (oidc-provider) started by this spec, after 01 (the network and its
 * coordinator). The coordinator adds the provider under Innstillinger → Innlogging and invites an advisor; the
 * advisor opens the network's sign-in link, presses "Logg inn med …" and is in; a stranger is sent back with a
 * readable message. axe on every page.
 */

test.describe.configure({ mode: "serial" });

const advisorEmail = "ola.idp@baerum.example.no";
let idp: TestProvider;
let slug = "";

test.beforeAll(async ({ baseURL }) => {
  idp = await startTestProvider({ redirectUri: `${baseURL}/api/auth/oidc/callback` });
});
test.afterAll(async () => {
  await idp?.close();
});

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("the coordinator adds the municipality's identity provider and invites an advisor", async ({ page, baseURL }) => {
  await signInAsCoordinator(page);
  slug = ((await (await page.request.get("/api/v1/me")).json()) as { network: { slug: string } }).network.slug;
  await page.goto("/settings");
  await page.getByRole("link", { name: "Innlogging med kommunens innloggingstjeneste" }).click();
  await expect(heading(page)).toHaveText("Innlogging");
  await expect(page.getByText(`${baseURL}/api/auth/oidc/callback`)).toBeVisible();
  await expectNoAxeViolations(page, "sign-in settings");

  await page.getByRole("button", { name: "Legg til innloggingstjeneste" }).click();
  // Saving without anything shows the error summary.
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByText("Skriv navnet på knappen.").first()).toBeVisible();
  await page.locator("#oidc-label").fill("Bærum kommune");
  await page.locator("#oidc-issuer").fill(idp.issuer);
  await page.locator("#oidc-client-id").fill(idp.clientId);
  await page.locator("#oidc-client-secret").fill(idp.clientSecret);
  await expectNoAxeViolations(page, "sign-in provider form");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByText("Bærum kommune er lagt til.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Bærum kommune", exact: true })).toBeVisible();
  // The secret is never shown again.
  expect(await page.content()).not.toContain(idp.clientSecret);

  const invited = await page.request.post("/api/v1/invitations", { headers: { origin: baseURL! }, data: { email: advisorEmail, role: "advisor" } });
  expect(invited.status(), await invited.text()).toBe(201);
});

test("the invited advisor signs in with the button and is in with their role", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/sign-in?network=${slug}`);
  const button = page.getByRole("link", { name: "Logg inn med Bærum kommune" });
  await expect(button).toBeVisible();
  await expectNoAxeViolations(page, "sign-in page with the provider's button");
  idp.loginAs({ sub: "ola-at-the-idp", email: advisorEmail, email_verified: true, name: "Ola Nordmann" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  const me = (await (await page.request.get("/api/v1/me")).json()) as { role: string; user: { email: string; name: string } };
  expect(me).toMatchObject({ role: "advisor", user: { email: advisorEmail, name: "Ola Nordmann" } });
});

test("a stranger is sent back to the sign-in page with a readable message", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/sign-in?network=${slug}`);
  idp.loginAs({ sub: "a-stranger", email: "stranger@example.no", email_verified: true });
  await page.getByRole("link", { name: "Logg inn med Bærum kommune" }).click();
  await expect(page).toHaveURL(/\/sign-in\?oidcError=oidc_no_account/);
  await expect(page.getByText("Vi fant ingen bruker for deg i dette nettverket")).toBeVisible();
  await expectNoAxeViolations(page, "sign-in page with a provider error");
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});
