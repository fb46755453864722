import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Details, Paragraph, Spinner, Tag } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { formatDateTime } from "../format.ts";

type OutboxItem = {
  id: string;
  recipient: string;
  subject: string;
  textBody: string | null;
  status: "stored" | "sent" | "failed";
  createdAt: string;
};
type OutboxPage = { items: OutboxItem[]; nextCursor: string | null };

const STATUS_COLOR = { stored: "info", sent: "success", failed: "danger" } as const;

export function OutboxPage() {
  const { t } = useTranslation();
  const outbox = useInfiniteQuery({
    queryKey: ["outbox"],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<OutboxPage>(`/api/v1/outbox${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`, { signal }),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
  const items = outbox.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page title={t("outbox.title")} lead={<Paragraph>{t("outbox.lead")}</Paragraph>}>
      {outbox.isPending && <Spinner aria-label={t("common.loading")} />}
      {outbox.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, outbox.error)}</Paragraph>
        </Alert>
      )}
      {outbox.isSuccess && items.length === 0 && <Paragraph>{t("outbox.empty")}</Paragraph>}
      {items.length > 0 && (
        <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((m) => (
            <li key={m.id}>
              <Details>
                <Details.Summary>
                  <span>
                    {m.subject} — {m.recipient}{" "}
                    <Tag data-color={STATUS_COLOR[m.status] ?? "neutral"} data-size="sm">
                      {t(`outbox.statuses.${m.status}`)}
                    </Tag>{" "}
                    <span className="muted">{formatDateTime(m.createdAt)}</span>
                  </span>
                </Details.Summary>
                <Details.Content>
                  <dl className="stack" style={{ margin: 0 }}>
                    <div>
                      <dt>
                        <strong>{t("outbox.to")}</strong>
                      </dt>
                      <dd style={{ margin: 0 }}>{m.recipient}</dd>
                    </div>
                    <div>
                      <dt>
                        <strong>{t("outbox.subject")}</strong>
                      </dt>
                      <dd style={{ margin: 0 }}>{m.subject}</dd>
                    </div>
                  </dl>
                  {m.textBody ? <pre className="mail-body">{linkify(m.textBody)}</pre> : <Paragraph>{t("outbox.noText")}</Paragraph>}
                </Details.Content>
              </Details>
            </li>
          ))}
        </ul>
      )}
      {outbox.hasNextPage && (
        <div>
          <Button variant="secondary" onClick={() => void outbox.fetchNextPage()} loading={outbox.isFetchingNextPage}>
            {t("common.loadMore")}
          </Button>
        </div>
      )}
    </Page>
  );
}

/** Makes http(s) links in a plain-text mail clickable, so an admin can open or copy an invitation link. */
function linkify(text: string) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return parts.map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} rel="noreferrer noopener">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
