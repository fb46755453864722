import type { TFunction } from "i18next";
import { isApiError } from "./api.ts";

/** A user-facing message for an error thrown by api() or Better Auth. Known codes are translated. */
export function errorMessage(t: TFunction, e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 0) return t("errors.network");
    const key = `errors.codes.${e.code}`;
    if (t(key, { defaultValue: "" })) return t(key);
    if (e.status === 401) return t("errors.unauthorized");
    if (e.status === 403) return t("errors.forbidden");
    if (e.status === 404) return t("errors.notFound");
    if (e.detail) return e.detail;
    return t("errors.generic", { status: e.status });
  }
  if (e && typeof e === "object") {
    const o = e as { code?: string; status?: number; detail?: string; message?: string };
    if (o.code) {
      const key = `errors.codes.${o.code}`;
      if (t(key, { defaultValue: "" })) return t(key);
    }
    if (o.detail) return o.detail;
    if (o.message) return o.message;
  }
  return t("errors.unknown");
}
