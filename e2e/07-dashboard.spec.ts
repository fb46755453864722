import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { signInAsCoordinator } from "./sign-in.ts";

/*
 * The goal dashboard (issue 6), in a real Chromium against the real server, after 01–05: the network "Globale
 * Bærum" has one hire (Amina Yusuf at FJORDKAFFE AS, from 05). The coordinator sets the network's goal, opens
 * Måloppnåelse, sees the goal with its forecast — every count of one person shown as "under 5" — filters the period,
 * and downloads a table as CSV and the board report as PDF, whose text is read back with pdftotext.
 */

test.describe.configure({ mode: "serial" });

const goalName = "1000 innvandrere i arbeid innen 3 år";

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

async function check(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `e2e/screenshots/07-${label.replace(/[^a-z0-9]+/gi, "-")}.png`, fullPage: true });
}

test("the coordinator sets the network's goal", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Mål", exact: true }).click();
  await expect(heading(page)).toHaveText("Mål");
  await check(page, "goal settings");
  await page.getByRole("button", { name: "Nytt mål" }).click();
  await page.locator("#goal-name").fill(goalName);
  await page.locator("#goal-target").fill("1000");
  const start = new Date(Date.now() - 365 * 86_400_000);
  await page.locator("#goal-start").fill(isoDate(start));
  await page.locator("#goal-deadline").fill(isoDate(new Date(start.getTime() + 3 * 365 * 86_400_000)));
  await check(page, "goal form");
  await page.getByRole("button", { name: "Lagre målet" }).click();
  await expect(page.getByText(`Målet «${goalName}» er lagt inn.`)).toBeVisible();
});

test("the dashboard shows the goal, its forecast and the figures, with small counts hidden; filters, CSV and the board report", async ({ page }) => {
  await signInAsCoordinator(page);
  await page.getByRole("navigation").getByRole("link", { name: "Måloppnåelse" }).click();
  await expect(heading(page)).toHaveText("Måloppnåelse");
  await expect(page.getByRole("heading", { name: goalName })).toBeVisible();
  // One person placed: shown as "under 5", never as 1.
  await expect(page.getByText("under 5").first()).toBeVisible();
  await expect(page.getByText("Prognosen vises ikke fordi tallene er for små (under 5).").first()).toBeVisible();
  await check(page, "dashboard");

  // A filter: the period lives in the URL.
  const from = isoDate(new Date(Date.now() - 180 * 86_400_000));
  await page.locator("#dashboard-from").fill(from);
  await page.getByRole("button", { name: "Vis", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  await check(page, "dashboard with a period");

  // A table as CSV: aggregates only, the small count hidden.
  const csvLink = page.getByRole("link", { name: /som CSV/ }).first();
  const csv = await page.request.get((await csvLink.getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const csvText = await csv.text();
  expect(csvText).not.toContain("Amina");

  // The board report: a real PDF whose text says the period and the goal.
  const pdfHref = await page.getByRole("link", { name: "Styrerapport (PDF)" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  const body = await pdf.body();
  expect(body.subarray(0, 4).toString("latin1")).toBe("%PDF");
  const dir = mkdtempSync(path.join(tmpdir(), "board-report-"));
  const file = path.join(dir, "board-report.pdf");
  writeFileSync(file, body);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  expect(text).toContain("Globale Bærum");
  expect(text).toContain(goalName);
  expect(text).toContain("under 5");
  expect(text).not.toContain("Amina");
});
