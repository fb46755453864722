import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import nb from "./nb.json" with { type: "json" };
import en from "./en.json" with { type: "json" };

export const LOCALES = ["nb", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nb";
/** Languages of the candidate portal only (its namespace "portal", i18n/portal/); other pages fall back to bokmål. */
export const PORTAL_ONLY_LOCALES = ["ar", "uk", "pl", "ti", "so"] as const;
const isKnownLocale = (value: unknown): value is string => isLocale(value) || (PORTAL_ONLY_LOCALES as readonly unknown[]).includes(value);
const STORAGE_KEY = "mangfold.locale";
const RTL = new Set(["ar", "fa", "he", "ur"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): string {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isKnownLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function applyToDocument(lng: string) {
  if (typeof document === "undefined") return;
  document.documentElement.lang = lng;
  document.documentElement.dir = RTL.has(lng.split("-")[0] ?? lng) ? "rtl" : "ltr";
}

export function initI18n() {
  const lng = storedLocale();
  void i18n.use(initReactI18next).init({
    resources: { nb: { translation: nb }, en: { translation: en } },
    lng,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES, ...PORTAL_ONLY_LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(lng);
  i18n.on("languageChanged", (l) => {
    applyToDocument(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: ignore */
    }
  });
  return i18n;
}

export { i18n };
