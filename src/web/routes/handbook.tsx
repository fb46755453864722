import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import Markdown from "react-markdown";
import type { Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { Alert, Heading, Link, Paragraph, Spinner } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import type { HandbookContents, HandbookPage as HandbookPageData } from "../../shared/handbook.ts";
import "../features/handbook/handbook.css";

/*
 * Håndbok (/handbook, /handbook/{page}): the coordinators' handbook from docs/handbook/, in bokmål, the same text
 * as in the repository. The Markdown is rendered to React elements (react-markdown: no HTML from the text is
 * inserted raw). Links between pages stay in the app; the page's own "#" heading is the page's h1.
 */

/** A link in the handbook: another page (`x.md`, `README.md`) opens in the app; a web address opens as it is. */
export function handbookHref(href: string | undefined): { to: string } | { href: string } | null {
  if (!href) return null;
  if (/^https?:\/\//.test(href) || href.startsWith("mailto:")) return { href };
  const page = /^([a-z0-9-]+|README)\.md(#.*)?$/.exec(href);
  if (page) return { to: page[1] === "README" ? "/handbook" : `/handbook/${page[1]}` };
  if (href.startsWith("#")) return { href };
  // Files outside the handbook (code, decisions) are not part of the app.
  return null;
}

const components: Components = {
  // The page's h1 is the Page's own; the Markdown's h1 is left out, and its other headings keep their levels.
  h1: () => null,
  h2: ({ children }) => (
    <Heading level={2} data-size="sm">
      {children}
    </Heading>
  ),
  h3: ({ children }) => (
    <Heading level={3} data-size="xs">
      {children}
    </Heading>
  ),
  a: ({ href, children }) => {
    const target = handbookHref(href);
    if (!target) return <>{children}</>;
    if ("to" in target)
      return (
        <Link asChild>
          <RouterLink to={target.to}>{children}</RouterLink>
        </Link>
      );
    return <Link href={target.href}>{children}</Link>;
  },
  table: ({ children }) => (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell">
      <table className="handbook-table">{children}</table>
    </div>
  ),
};

function Contents({ current }: { current: string }) {
  const { t } = useTranslation();
  const contents = useQuery({ queryKey: ["handbook"], queryFn: ({ signal }) => api<HandbookContents>("/api/v1/handbook", { signal }) });
  if (!contents.data) return null;
  return (
    <nav aria-labelledby="handbook-contents-heading" className="handbook-contents">
      <Heading level={2} data-size="xs" id="handbook-contents-heading">
        {t("handbook.contents")}
      </Heading>
      <ul>
        {contents.data.pages.map((page) => (
          <li key={page.slug}>
            <Link asChild>
              <RouterLink to={page.slug === "index" ? "/handbook" : `/handbook/${page.slug}`} aria-current={page.slug === current ? "page" : undefined}>
                {page.title}
              </RouterLink>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function HandbookArticle({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const page = useQuery({ queryKey: ["handbook", slug], queryFn: ({ signal }) => api<HandbookPageData>(`/api/v1/handbook/${slug}`, { signal }) });
  let body: ReactNode;
  if (page.isPending) body = <Spinner aria-label={t("common.loading")} />;
  else if (page.isError)
    body = (
      <Alert data-color="danger">
        <Paragraph>{errorMessage(t, page.error)}</Paragraph>
      </Alert>
    );
  else
    body = (
      <article className="handbook-article" lang="nb">
        <Markdown remarkPlugins={[remarkGfm]} components={components}>
          {page.data.markdown}
        </Markdown>
      </article>
    );
  return (
    <Page title={page.data?.title ?? t("handbook.title")}>
      <div className="handbook">
        {body}
        <Contents current={slug} />
      </div>
    </Page>
  );
}

export function HandbookIndexPage() {
  return <HandbookArticle key="index" slug="index" />;
}

export function HandbookPage() {
  const { slug } = useParams({ strict: false }) as { slug: string };
  return <HandbookArticle key={slug} slug={slug} />;
}
