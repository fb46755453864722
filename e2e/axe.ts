import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

/** WCAG 2.1 A and AA (what Norwegian public-sector web must meet) plus axe's best practices: zero violations. */
export async function expectNoAxeViolations(page: Page, label: string) {
  await page.locator("h1").first().waitFor();
  // A dialog or menu that is still fading in has, for a moment, text of too little contrast: check the settled page.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== "running"), undefined, { timeout: 5000 }).catch(() => {});
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
  expect(summary, `axe on ${label}`).toEqual([]);
}
