import type { TFunction } from "i18next";
import { authClient, retryAfterCapture, type AuthError } from "./auth.ts";
import { errorMessage } from "./errors.ts";

export type SignInResult = { kind: "ok" } | { kind: "twoFactor" } | { kind: "error"; message: string };

/** A user-facing message for a failed sign-in. */
export function signInErrorMessage(t: TFunction, error: AuthError, retryAfterSeconds: number | undefined): string {
  if (error.status === 429 || error.code === "too_many_sign_in_attempts") {
    const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
    return t("signIn.errors.tooMany", { count: minutes });
  }
  if (error.code === "account_disabled" || error.code === "ACCOUNT_DISABLED") return t("signIn.errors.disabled");
  if (error.status === 401 || error.code === "INVALID_EMAIL_OR_PASSWORD") return t("signIn.errors.wrong");
  if (error.status === 403 && (error.code === "EMAIL_NOT_VERIFIED" || error.code === "email_not_verified")) return t("signIn.errors.notVerified");
  return errorMessage(t, error);
}

export async function signInWithPassword(t: TFunction, email: string, password: string): Promise<SignInResult> {
  const capture = retryAfterCapture();
  let result: { data: unknown; error: AuthError | null };
  try {
    result = (await authClient.signIn.email({ email: email.trim(), password }, capture.fetchOptions)) as {
      data: unknown;
      error: AuthError | null;
    };
  } catch {
    return { kind: "error", message: t("errors.network") };
  }
  if (result.error) return { kind: "error", message: signInErrorMessage(t, result.error, capture.seconds) };
  const data = result.data as { twoFactorRedirect?: boolean } | null;
  if (data?.twoFactorRedirect === true) return { kind: "twoFactor" };
  return { kind: "ok" };
}
