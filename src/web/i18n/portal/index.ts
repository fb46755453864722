import nb from "./nb.json" with { type: "json" };
import en from "./en.json" with { type: "json" };
import ar from "./ar.json" with { type: "json" };
import uk from "./uk.json" with { type: "json" };
import pl from "./pl.json" with { type: "json" };
import ti from "./ti.json" with { type: "json" };
import so from "./so.json" with { type: "json" };
import type { PortalLocale } from "../../../shared/portal.ts";

/** The candidate portal's messages, one file per language, loaded as the i18next namespace "portal". */
export const PORTAL_NS = "portal";
export const portalMessages: Record<PortalLocale, typeof nb> = { nb, en, ar, uk, pl, ti, so };

/** Each language's own name, shown in the language picker in that language. */
export const portalLanguageNames: Record<PortalLocale, string> = {
  nb: "Norsk (bokmål)",
  en: "English",
  ar: "العربية",
  uk: "Українська",
  pl: "Polski",
  ti: "ትግርኛ",
  so: "Soomaali",
};
