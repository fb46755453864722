import { i18n } from "./i18n/index.ts";

function tag() {
  return i18n.resolvedLanguage === "en" ? "en-GB" : "nb-NO";
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(tag(), { dateStyle: "medium" });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(tag(), { dateStyle: "medium", timeStyle: "short" });
}
