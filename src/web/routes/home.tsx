import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Card, Heading, Link, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { useMe } from "../session.ts";
import { navFor } from "../nav.ts";

function greetingKey(hour: number) {
  if (hour < 5) return "home.greetingEvening";
  if (hour < 10) return "home.greetingMorning";
  if (hour < 18) return "home.greetingDay";
  return "home.greetingEvening";
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const firstName = me.user.name.split(/\s+/)[0] || me.user.name;
  const items = navFor(me.role, me.user.instanceAdmin).filter((i) => i.to !== "/");
  return (
    <Page title={t(greetingKey(new Date().getHours()), { name: firstName })}>
      <Paragraph>
        {t("home.youAre")} <Tag data-color="brand1">{t(`roles.${me.role}`)}</Tag> {t("home.inNetwork", { network: me.network.name })}
        {me.network.municipality ? ` (${me.network.municipality})` : ""}.
      </Paragraph>
      {me.role === "admin" && !me.user.twoFactorEnabled && (
        <Alert data-color="info">
          <Paragraph>
            {t("home.twoFactorTip")}{" "}
            <Link asChild>
              <RouterLink to="/two-factor/setup">{t("profile.setUpTwoFactor")}</RouterLink>
            </Link>
          </Paragraph>
        </Alert>
      )}
      <section className="section">
        <Heading level={2} data-size="sm" id="home-shortcuts">
          {t("home.shortcuts")}
        </Heading>
        <ul className="nav-cards">
          {items.map((item) => (
            <li key={item.to}>
              <Card data-color="neutral" asChild>
                <RouterLink to={item.to}>
                  <Heading level={3} data-size="2xs">
                    {t(item.label)}
                  </Heading>
                  <Paragraph data-size="sm">{t(`${item.label}Description`)}</Paragraph>
                </RouterLink>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
