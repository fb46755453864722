import { useEffect, useId, useRef, useState } from "react";
import { Outlet, Link as RouterLink, useNavigate, useRouter } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Field, Label, Select } from "@digdir/designsystemet-react";
import { api } from "../api.ts";
import { isLocale } from "../i18n/index.ts";
import { hasNestedItem, navFor } from "../nav.ts";
import { useMe } from "../session.ts";
import { InsideMain, LanguageSwitch, SkipToMain, useAccent } from "./Layout.tsx";

/** Signs out, forgets all cached data, and goes to the sign-in page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      // Loaded on demand: the auth client is not needed to show signed-in pages.
      const { authClient } = await import("../auth.ts");
      await authClient.signOut();
    } finally {
      queryClient.clear();
      await navigate({ to: "/sign-in" });
    }
  };
}

function NetworkSwitch() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  if (me.networks.length < 2) return null;
  return (
    <Field className="header-field" data-size="sm">
      <Label htmlFor={id}>{t("layout.network")}</Label>
      <Select
        id={id}
        width="auto"
        value={me.network.id}
        aria-busy={busy || undefined}
        onChange={async (event) => {
          if (busy) return;
          setBusy(true);
          try {
            await api("/api/v1/me/network", { method: "POST", body: { networkId: event.target.value } });
            await queryClient.invalidateQueries();
            await router.invalidate();
          } finally {
            setBusy(false);
          }
        }}
      >
        {me.networks.map((n) => (
          <Select.Option key={n.id} value={n.id}>
            {n.name}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/** Layout for signed-in pages: header in the network's colour, navigation by role, main landmark. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  useAccent(me.network.themeColor);

  // The user's saved language wins over this browser's, once per sign-in.
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (applied.current === me.user.id) return;
    applied.current = me.user.id;
    if (isLocale(me.user.locale) && me.user.locale !== i18n.resolvedLanguage) void i18n.changeLanguage(me.user.locale);
  }, [me.user.id, me.user.locale, i18n]);

  return (
    <>
      <SkipToMain />
      <header className="app-header">
        <div className="app-header__bar">
          <RouterLink to="/" className="app-header__brand">
            <span className="app-header__network">{me.network.name}</span>
            <span className="app-header__app">{t("app.name")}</span>
          </RouterLink>
          <div className="app-header__tools">
            <NetworkSwitch />
            <LanguageSwitch />
            <div className="app-header__user">
              <span className="app-header__username">{me.user.name}</span>
              <button type="button" className="header-button" onClick={() => void signOut()}>
                {t("layout.signOut")}
              </button>
            </div>
          </div>
        </div>
        <nav aria-label={t("layout.mainNav")} className="app-nav">
          <ul>
            {navFor(me.role, me.user.instanceAdmin).map((item, _, items) => (
              <li key={item.to}>
                <RouterLink to={item.to} className="app-nav__link" activeOptions={{ exact: hasNestedItem(item, items) }} activeProps={{ "aria-current": "page" }}>
                  {t(item.label)}
                </RouterLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <InsideMain.Provider value={true}>
          <Outlet />
        </InsideMain.Provider>
      </main>
    </>
  );
}
