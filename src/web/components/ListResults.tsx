import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Heading } from "@digdir/designsystemet-react";
import { LoadMore, QueryState } from "./QueryState.tsx";

/**
 * A list page's results: the h2, the count in a live region ("12 treff", or "50 treff, flere finnes" while there
 * are more pages), loading / error / empty, the table in a scrollable region named by the h2, and "Vis flere".
 * `texts` is the page's i18n namespace with `count` and `countMore`.
 */
export function ListResults(props: {
  headingId: string;
  heading: string;
  texts: string;
  list: { isPending: boolean; isError: boolean; error: unknown; data?: unknown; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  count: number;
  empty: ReactNode;
  /** The table. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { list, count } = props;
  const countText = list.data ? t(list.hasNextPage ? `${props.texts}.countMore` : `${props.texts}.count`, { count }) : "";
  return (
    <section className="section">
      <Heading level={2} data-size="xs" id={props.headingId}>
        {props.heading}
      </Heading>
      <div role="status" aria-live="polite" className="result-count">
        {countText}
      </div>
      <QueryState query={list} isEmpty={count === 0} empty={props.empty} />
      {count > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={props.headingId}>
          {props.children}
        </div>
      )}
      <LoadMore list={list} />
    </section>
  );
}
