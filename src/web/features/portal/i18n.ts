import { i18n } from "../../i18n/index.ts";
import { PORTAL_NS, portalMessages } from "../../i18n/portal/index.ts";
import { portalLocales, rtlLocales, type PortalLocale } from "../../../shared/portal.ts";

/** Adds the portal's messages to i18next once, when the portal's code is first loaded. */
export function registerPortalMessages() {
  for (const lang of portalLocales) {
    if (!i18n.hasResourceBundle(lang, PORTAL_NS)) i18n.addResourceBundle(lang, PORTAL_NS, portalMessages[lang], true, false);
  }
}

export const isPortalLocale = (value: unknown): value is PortalLocale => typeof value === "string" && (portalLocales as readonly string[]).includes(value);
export const isRtl = (lang: PortalLocale) => rtlLocales.includes(lang);

/** The portal's current language (bokmål when i18next has another). */
export function portalLang(language: string | undefined): PortalLocale {
  return isPortalLocale(language) ? language : "nb";
}

const intlTag: Record<PortalLocale, string> = { nb: "nb-NO", en: "en-GB", ar: "ar", uk: "uk-UA", pl: "pl-PL", ti: "ti", so: "so" };

export function formatPortalDate(iso: string | null | undefined, lang: PortalLocale, withTime = false): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return d.toLocaleString(intlTag[lang], withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" });
  } catch {
    return d.toLocaleDateString("nb-NO");
  }
}

/** A language's name in the portal's language (Intl.DisplayNames), the code where the browser has no name. */
export function languageLabel(code: string, lang: PortalLocale): string {
  try {
    return new Intl.DisplayNames([intlTag[lang]], { type: "language", fallback: "code" }).of(code === "no" ? "nb" : code) ?? code;
  } catch {
    return code;
  }
}
