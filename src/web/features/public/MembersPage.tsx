import { useEffect, type CSSProperties } from "react";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { Link, Paragraph, Spinner, Tag } from "@digdir/designsystemet-react";
import { naceSectionNames } from "../../../shared/nace.ts";
import { formatOrgNumber } from "../../../shared/orgnr.ts";
import { networkColour, publicMembersQuery, type PublicMember } from "./api.ts";
import { EmbedProblem, useEmbedPage, useReportHeight } from "./embed.tsx";
import "./public.css";

/*
 * /networks/{slug}/members: the network's members and certified employers that agreed to be shown, for the
 * network's own website. Made to sit in an iframe (the only page other sites may frame): no app header, the
 * network's colour, links open in a new tab, and it tells the parent page its height (postMessage
 * {type: "mangfold:height", height}) so the frame can fit it. ?lang=nb|en chooses the language.
 */


export function MembersPage() {
  const { slug, lang, t } = useEmbedPage();
  const members = useQuery(publicMembersQuery(slug));
  const ref = useReportHeight();

  useEffect(() => {
    if (members.data) document.title = t("public.members.documentTitle", { network: members.data.network.name });
  }, [members.data, t]);

  let content;
  if (members.isPending) content = <Spinner aria-label={t("common.loading")} />;
  else if (members.isError) content = <EmbedProblem error={members.error} title={t("public.members.notFoundTitle")} notFound={t("public.members.notFound")} t={t} />; else {
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
