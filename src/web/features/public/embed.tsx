import { useEffect, useMemo, useRef } from "react";
import { useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Alert, Paragraph } from "@digdir/designsystemet-react";
import { isApiError } from "../../api.ts";
import { errorMessage } from "../../errors.ts";

/*
 * What the pages other sites frame (/networks/{slug}/members and /stats) share: the network from the path, the
 * language from ?lang=nb|en, telling the parent page the height, and the answer for an unknown network.
 */

/** The network's slug, the page's language and its texts in that language. */
export function useEmbedPage() {
  const { i18n } = useTranslation();
  const { slug } = useParams({ strict: false }) as { slug: string };
  const search = useSearch({ strict: false }) as { lang?: "nb" | "en" };
  const lang: "nb" | "en" = search.lang ?? (i18n.resolvedLanguage === "en" ? "en" : "nb");
  const t = useMemo(() => i18n.getFixedT(lang), [i18n, lang]);
  return { slug, lang, t };
}

/** Tells the parent page the height (postMessage {type: "mangfold:height", height}), so the frame can fit it. */
export function useReportHeight() {
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

/** The page's heading and message when the network is unknown (404) or the request failed. */
export function EmbedProblem({ error, title, notFound, t }: { error: unknown; title: string; notFound: string; t: TFunction }) {
  return (
    <div className="members__body">
      <h1>{title}</h1>
      <Alert data-color="danger">
        <Paragraph>{isApiError(error) && error.status === 404 ? notFound : errorMessage(t, error)}</Paragraph>
      </Alert>
    </div>
  );
}
