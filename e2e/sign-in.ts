import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { loadState } from "./state.ts";

/** The coordinator of "Globale Bærum" from 01-foundation (an instance administrator, with two-factor). */
export const coordinator = { email: "kari@baerum.example.no", password: "correct horse battery" };

/** Signs in as the coordinator with the two-factor secret 01-foundation saved. */
export async function signInAsCoordinator(page: Page) {
  const secret = loadState().adminTotpSecret;
  expect(secret, "01-foundation.spec.ts saves the admin's two-factor secret; run it first").toBeTruthy();
  await page.goto("/sign-in");
  await page.locator("#sign-in-email").fill(coordinator.email);
  await page.locator("#sign-in-password").fill(coordinator.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/two-factor\/verify/);
  await page.locator("#two-factor-code").fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret!) }).generate());
  await page.locator("#two-factor-code").press("Enter");
  await expect(page).toHaveURL(/\/$/);
}
