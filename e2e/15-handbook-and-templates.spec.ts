import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { signInAsCoordinator } from "./sign-in.ts";

/*
 * Issue 10, the spreading of the model: the coordinator reads the handbook in the app (by keyboard, axe on each
 * page), and, as an instance administrator, starts a neighbouring municipality's network from Globale Bærum's set-up.
 * After 01 (the coordinator and the network).
 */

test.describe.configure({ mode: "serial" });

test("the coordinator reads the handbook in the app, by keyboard", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.getByRole("link", { name: "Håndbok", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Håndbok for koordinatorer");
  await expectNoAxeViolations(page, "handbook start page");
  const contents = page.getByRole("navigation", { name: "Innhold i håndboken" });
  await contents.getByRole("link", { name: "Slik starter dere et nettverk" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/handbook\/starte-nettverk$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Slik starter dere et nettverk");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(contents.getByRole("link", { name: "Slik starter dere et nettverk" })).toHaveAttribute("aria-current", "page");
  await expectNoAxeViolations(page, "handbook page");
});

test("an instance administrator starts Globale Asker from Globale Bærum's set-up", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Opprett et nytt nettverk" })).toBeVisible();
  await page.locator("#new-network-name").fill("Globale Asker");
  await expect(page.locator("#new-network-slug")).toHaveValue("globale-asker");
  await page.locator("#new-network-municipality").fill("Asker");
  await page.locator("#new-network-template").selectOption({ label: "Globale Bærum" });
  await page.locator("#new-network-admin-email").fill("leder@asker.example.no");
  await expectNoAxeViolations(page, "settings with the new-network form");
  await page.getByRole("button", { name: "Opprett nettverket" }).click();
  await expect(page.getByText("Globale Asker er opprettet, og leder@asker.example.no er invitert som administrator.")).toBeVisible();
  await page.goto("/admin/networks");
  await expect(page.getByRole("rowheader", { name: "Globale Asker" })).toBeVisible();
});
