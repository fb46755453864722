import { createAuthClient } from "better-auth/client";
import { twoFactorClient } from "better-auth/client/plugins";

/**
 * Better Auth client. Two-factor redirects are handled by the callers (sign-in pages look at
 * `data.twoFactorRedirect`), so the plugin gets no redirect page.
 */
export const authClient = createAuthClient({
  baseURL: typeof window === "undefined" ? "http://localhost" : window.location.origin,
  basePath: "/api/auth",
  plugins: [twoFactorClient({ onTwoFactorRedirect: () => undefined })],
});

/** The shape of a Better Auth client error (better-fetch): status plus whatever JSON body the server sent. */
export type AuthError = {
  status?: number;
  statusText?: string;
  message?: string;
  code?: string;
  detail?: string;
};

/** Reads a Retry-After header from the last failed auth response (Better Auth's error object has no headers). */
export function retryAfterCapture() {
  let seconds: number | undefined;
  return {
    get seconds() {
      return seconds;
    },
    fetchOptions: {
      onError(context: { response: Response }) {
        const value = context.response.headers.get("Retry-After");
        if (value) {
          const n = Number(value);
          seconds = Number.isFinite(n) ? n : undefined;
        }
      },
    },
  };
}
