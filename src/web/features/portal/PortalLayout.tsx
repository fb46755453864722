import { useEffect, useId, useRef } from "react";
import { Outlet, Link as RouterLink } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Field, Label, Select, SkipLink } from "@digdir/designsystemet-react";
import { api } from "../../api.ts";
import { meQuery, useMe, type Me } from "../../session.ts";
import { InsideMain, useAccent } from "../../components/Layout.tsx";
import { useSignOut } from "../../components/AppLayout.tsx";
import { PORTAL_NS, portalLanguageNames } from "../../i18n/portal/index.ts";
import { portalLocales } from "../../../shared/portal.ts";
import { isPortalLocale, portalLang, registerPortalMessages } from "./i18n.ts";
import "./portal.css";

registerPortalMessages();

/**
 * The candidate portal's frame (/my…): made for a phone first. Everything in it speaks the candidate's language
 * (the "portal" namespace, seven languages); Arabic turns the whole page right to left (dir="rtl" on <html>, set
 * by i18n/index.ts), and the styles use logical properties only, so the layout mirrors.
 */
export function PortalLayout() {
  const { t, i18n } = useTranslation(PORTAL_NS);
  const me = useMe();
  const signOut = useSignOut();
  useAccent(me.network.themeColor);

  // The language saved in the candidate's profile wins over this browser's, once per sign-in.
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (applied.current === me.user.id) return;
    applied.current = me.user.id;
    if (isPortalLocale(me.user.locale) && me.user.locale !== i18n.resolvedLanguage) void i18n.changeLanguage(me.user.locale);
  }, [me.user.id, me.user.locale, i18n]);

  const links = [
    { to: "/my", label: t("nav.home"), exact: true },
    { to: "/my/profile", label: t("nav.profile"), exact: false },
    { to: "/my/privacy", label: t("nav.privacy"), exact: false },
  ];
  return (
    <div className="portal">
      <SkipLink href="#main">{t("layout.skipToMain")}</SkipLink>
      <header className="app-header portal-header">
        <div className="app-header__bar portal-header__bar">
          <RouterLink to="/my" className="app-header__brand">
            <span className="app-header__network">{me.network.name}</span>
            <span className="app-header__app">{t("layout.brand")}</span>
          </RouterLink>
          <div className="portal-header__tools">
            <PortalLanguagePicker />
            <button type="button" className="header-button" onClick={() => void signOut()}>
              {t("layout.signOut")}
            </button>
          </div>
        </div>
        <nav aria-label={t("layout.nav")} className="app-nav portal-nav">
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <RouterLink to={link.to} className="app-nav__link" activeOptions={{ exact: link.exact }} activeProps={{ "aria-current": "page" }}>
                  {link.label}
                </RouterLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="app-main portal-main">
        <InsideMain.Provider value={true}>
          <Outlet />
        </InsideMain.Provider>
      </main>
    </div>
  );
}

/** The seven languages, each named in itself; the choice is saved in the profile (PATCH /api/v1/me). */
export function PortalLanguagePicker() {
  const { t, i18n } = useTranslation(PORTAL_NS);
  const queryClient = useQueryClient();
  const id = useId();
  const current = portalLang(i18n.resolvedLanguage);
  return (
    <Field className="header-field" data-size="sm">
      <Label htmlFor={id}>{t("layout.language")}</Label>
      <Select
        id={id}
        width="auto"
        value={current}
        onChange={(event) => {
          const locale = event.target.value;
          if (!isPortalLocale(locale)) return;
          void i18n.changeLanguage(locale);
          const me = queryClient.getQueryData<Me>(meQuery.queryKey);
          if (me) queryClient.setQueryData<Me>(meQuery.queryKey, { ...me, user: { ...me.user, locale } });
          api("/api/v1/me", { method: "PATCH", body: { locale } }).catch(() => undefined);
        }}
      >
        {portalLocales.map((l) => (
          <Select.Option key={l} value={l} lang={l} dir={l === "ar" ? "rtl" : "ltr"}>
            {portalLanguageNames[l]}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
