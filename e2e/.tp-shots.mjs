import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
const [,, email, password, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ locale: "nb-NO", viewport: { width: 1280, height: 900 } });
const base = "http://127.0.0.1:4300";
const page = await context.newPage();
await page.goto(base + "/sign-in");
await page.locator("#sign-in-email").fill(email);
await page.locator("#sign-in-password").fill(password);
await page.locator("form button[type=submit]").click();
await page.waitForURL(/\/$/);
for (const p of paths) {
  await page.goto(base + p);
  await page.locator("h1").first().waitFor();
  await page.waitForTimeout(1200);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const name = p.replace(/[^a-z0-9]+/gi, "-");
  await page.screenshot({ path: `/tmp/tp-shot${name}.png`, fullPage: true });
  console.log(p, await page.locator("h1").first().textContent(), "axe:", result.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`));
}
await browser.close();
