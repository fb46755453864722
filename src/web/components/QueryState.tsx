import type { ReactNode } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Paragraph, Spinner } from "@digdir/designsystemet-react";
import { errorMessage } from "../errors.ts";

/** A message after an action, e.g. "Lagret": a polite live region that is always there, with the alert inside it. */
export type StatusMessageValue = { kind: "success" | "danger"; text: string } | null;

export function StatusMessage({ message }: { message: StatusMessageValue }) {
  return (
    <div role="status" aria-live="polite">
      {message && (
        <Alert data-color={message.kind}>
          <Paragraph>{message.text}</Paragraph>
        </Alert>
      )}
    </div>
  );
}

/**
 * The three states of a query before its content: a spinner while it loads, the error as an alert, and the
 * `empty` text once it has loaded nothing (`isEmpty`).
 */
export function QueryState({ query, isEmpty, empty }: { query: { isPending: boolean; isError: boolean; error: unknown; data?: unknown }; isEmpty: boolean; empty: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {query.isPending && <Spinner aria-label={t("common.loading")} />}
      {query.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, query.error)}</Paragraph>
        </Alert>
      )}
      {query.data !== undefined && isEmpty && <Paragraph>{empty}</Paragraph>}
    </>
  );
}

/** "Vis flere": the next page of a keyset list, while there is one. */
export function LoadMore({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> } }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <div>
      <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
        {t("common.loadMore")}
      </Button>
    </div>
  );
}

/** A list the server pages by keyset (`cursor` in, `nextCursor` out), with its items so far. */
export function useKeysetList<T>(queryKey: readonly unknown[], fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ signal, pageParam }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return { list, items };
}
