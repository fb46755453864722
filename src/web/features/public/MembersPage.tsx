import { useEffect, useMemo, useRef, type CSSProperties } from "react";
import { useParams, useSearch } from "@tanstack/react-router";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Alert, Link, Paragraph, Spinner, Tag } from "@digdir/designsystemet-react";
import { isApiError } from "../../api.ts";
import { errorMessage } from "../../errors.ts";
import { naceSectionNames } from "../../../shared/nace.ts";
import { formatOrgNumber } from "../../../shared/orgnr.ts";
import { networkColour, publicMembersQuery, type PublicMember } from "./api.ts";
import "./public.css";

/*
 * /networks/{slug}/members: the network's members and certified employers that agreed to be shown, for the
 * network's own website. Made to sit in an iframe (the only page other sites may frame): no app header, the
 * network's colour, links open in a new tab, and it tells the parent page its height (postMessage
 * {type: "mangfold:height", height}) so the frame can fit it. ?lang=nb|en chooses the language.
 */

function useReportHeight() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || window.parent === window || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => window.parent.postMessage({ type: "mangfold:height", height: Math.ceil(element.getBoundingClientRect().height) }, "*"));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return ref;
}

export function MembersPage() {
  const { i18n } = useTranslation();
  const { slug } = useParams({ strict: false }) as { slug: string };
  const search = useSearch({ strict: false }) as { lang?: "nb" | "en" };
  const lang = search.lang ?? (i18n.resolvedLanguage === "en" ? "en" : "nb");
  const t = useMemo(() => i18n.getFixedT(lang), [i18n, lang]);
  const members = useQuery(publicMembersQuery(slug));
  const ref = useReportHeight();

  useEffect(() => {
    if (members.data) document.title = t("public.members.documentTitle", { network: members.data.network.name });
  }, [members.data, t]);

  let content;
  if (members.isPending) content = <Spinner aria-label={t("common.loading")} />;
  else if (members.isError) {
    const e = members.error;
    content = (
      <div className="members__body">
        <h1>{t("public.members.notFoundTitle")}</h1>
        <Alert data-color="danger">
          <Paragraph>{isApiError(e) && e.status === 404 ? t("public.members.notFound") : errorMessage(t, e)}</Paragraph>
        </Alert>
      </div>
    );
  } else {
    const { network, items } = members.data;
    const certified = items.filter((m) => m.status === "certified").length;
    content = (
      <div className="members" style={{ "--mf-network": networkColour(network.themeColor) } as CSSProperties}>
        <header className="members__band">
          <h1>{network.name}</h1>
          <p>{t("public.members.lead")}</p>
        </header>
        <div className="members__body">
          {items.length === 0 ? (
            <Paragraph>{t("public.members.empty")}</Paragraph>
          ) : (
            <>
              <Paragraph>{t("public.members.summary", { count: items.length, certified })}</Paragraph>
              <ul className="members__list">
                {items.map((m) => (
                  <MemberItem key={m.orgNumber + m.name} member={m} lang={lang} t={t} />
                ))}
              </ul>
            </>
          )}
          <p className="members__foot">{t("public.members.footer", { network: network.name })}</p>
        </div>
      </div>
    );
  }
  return (
    <div ref={ref} lang={lang}>
      {content}
    </div>
  );
}

function MemberItem({ member: m, lang, t }: { member: PublicMember; lang: "nb" | "en"; t: TFunction }) {
  const until = m.certifiedUntil ? new Date(`${m.certifiedUntil}T12:00:00Z`).toLocaleDateString(lang === "en" ? "en-GB" : "nb-NO", { dateStyle: "long" }) : "";
  const details = [m.naceSection ? naceSectionNames[m.naceSection][lang] : "", m.municipality].filter(Boolean).join(" · ");
  return (
    <li className="members__item">
      <p className="members__name">
        {m.website ? (
          <Link href={m.website} target="_blank" rel="noopener noreferrer">
            {m.name}
            <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
          </Link>
        ) : (
          m.name
        )}
      </p>
      {details && <p className="members__meta">{details}</p>}
      <p className="members__meta">
        {t("public.members.orgNumber")} {formatOrgNumber(m.orgNumber)}
      </p>
      <div>
        {m.status === "certified" ? (
          <Tag data-color="success">{t("public.members.certifiedUntil", { date: until })}</Tag>
        ) : (
          <Tag data-color="neutral">{t("public.members.member")}</Tag>
        )}
      </div>
    </li>
  );
}
