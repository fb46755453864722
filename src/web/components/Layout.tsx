import { createContext, useContext, useEffect, useId, type ReactNode } from "react";
import { Outlet, Link as RouterLink, useRouter } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Field, Label, Link, Paragraph, Select, SkipLink, Spinner } from "@digdir/designsystemet-react";
import { api } from "../api.ts";
import { LOCALES, isLocale } from "../i18n/index.ts";
import { meQuery, type Me } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { Page } from "./Page.tsx";

export const DEFAULT_ACCENT = "#1f4e79";
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Colours the header bar with the network's theme colour (validated server-side for contrast with white). */
export function useAccent(color: string | null | undefined) {
  useEffect(() => {
    const value = color && HEX.test(color) ? color : DEFAULT_ACCENT;
    document.documentElement.style.setProperty("--mf-accent", value);
    document.querySelector('meta[name="theme-color"]')?.setAttribute("content", value);
  }, [color]);
}

/** True below a layout that already renders the <main> landmark. */
export const InsideMain = createContext(false);

export function RootLayout() {
  return <Outlet />;
}

export function SkipToMain() {
  const { t } = useTranslation();
  return <SkipLink href="#main">{t("layout.skipToMain")}</SkipLink>;
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const current = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "nb";
  return (
    <Field className="header-field" data-size="sm">
      <Label htmlFor={id}>{t("layout.language")}</Label>
      <Select
        id={id}
        width="auto"
        value={current}
        onChange={(event) => {
          const locale = event.target.value;
          void i18n.changeLanguage(locale);
          const me = queryClient.getQueryData<Me>(meQuery.queryKey);
          if (me) {
            queryClient.setQueryData<Me>(meQuery.queryKey, { ...me, user: { ...me.user, locale } });
            api("/api/v1/me", { method: "PATCH", body: { locale } }).catch(() => undefined);
          }
        }}
      >
        {LOCALES.map((l) => (
          <Select.Option key={l} value={l} lang={l}>
            {t(`languages.${l}`, { lng: l })}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/** Layout for pages without a session: sign-in, setup, invitations, password reset. */
export function PublicLayout() {
  const { t } = useTranslation();
  useAccent(null);
  return (
    <>
      <SkipToMain />
      <header className="app-header">
        <div className="app-header__bar">
          <RouterLink to="/" className="app-header__brand">
            {t("app.name")}
          </RouterLink>
          <div className="app-header__tools">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main app-main--narrow">
        <InsideMain.Provider value={true}>
          <Outlet />
        </InsideMain.Provider>
      </main>
    </>
  );
}

export function PendingPage() {
  const { t } = useTranslation();
  return (
    <div className="pending">
      <Spinner aria-label={t("common.loading")} data-size="lg" />
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <StandaloneMain>
      <Page title={t("notFound.title")}>
        <Paragraph>{t("notFound.body")}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to="/">{t("notFound.home")}</RouterLink>
          </Link>
        </Paragraph>
      </Page>
    </StandaloneMain>
  );
}

export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <StandaloneMain>
      <Page title={t("errorPage.title")}>
        <Paragraph>{errorMessage(t, error)}</Paragraph>
        <Button variant="secondary" onClick={() => void router.invalidate()}>
          {t("errorPage.retry")}
        </Button>
      </Page>
    </StandaloneMain>
  );
}

/**
 * Error and not-found pages may render outside a layout (at the root); then they need their own landmark.
 * Inside a layout (which already has <main>), they render the content only.
 */
function StandaloneMain({ children }: { children: ReactNode }) {
  if (useContext(InsideMain)) return <>{children}</>;
  return (
    <>
      <SkipToMain />
      <main id="main" tabIndex={-1} className="app-main app-main--narrow">
        {children}
      </main>
    </>
  );
}
