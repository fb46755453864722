// Scratch: sign in as a demo user and screenshot pages. Usage: node shot-tmp.mjs email password url...
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
const [email, password, ...paths] = process.argv.slice(2);
const base = "http://127.0.0.1:4600";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const context = await browser.newContext({ locale: "nb-NO", viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/sign-in`);
await page.getByLabel(/e-post/i).fill(email);
await page.getByLabel(/passord/i).first().fill(password);
await page.getByRole("button", { name: /logg inn/i }).click();
await page.waitForTimeout(2000);
let i = 0;
for (const p of paths) {
  await page.goto(`${base}${p}`);
  await page.waitForTimeout(2500);
  const file = `/tmp/shot-${i++}.png`;
  await page.screenshot({ path: file, fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  console.log(p, file, "axe violations:", axe.violations.map((v) => `${v.id}(${v.nodes.length})`).join(", ") || "none");
}
await browser.close();
