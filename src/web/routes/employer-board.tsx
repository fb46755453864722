import { useEffect, useRef, useState, type DragEvent, type FormEvent } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Dropdown, Heading, Link, Paragraph, Spinner, Textfield } from "@digdir/designsystemet-react";
import { membershipStatuses, type MembershipStatus } from "../../shared/employers.ts";
import { Page } from "../components/Page.tsx";
import { errorMessage } from "../errors.ts";
import { changeStatus, listEmployers, type EmployerListItem } from "../features/employers/api.ts";
import { findCard, moveCard, type Columns } from "../features/employers/board.ts";
import { CertifyDialog, sectionLabel, uiLang } from "../features/employers/components.tsx";

const COLUMN_SIZE = 25;

function useColumn(status: MembershipStatus, q: string) {
  return useInfiniteQuery({
    queryKey: ["employers", "board", status, q],
    queryFn: ({ signal, pageParam }) => listEmployers({ membershipStatus: status, q: q || undefined, sort: "updated", limit: COLUMN_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * The membership pipeline: one column per status. A card moves by dragging it to another column, or — by keyboard
 * or touch — with its "Move to" menu. The move shows at once and is undone if the server refuses. Moving to
 * "certified" opens the certification confirmation instead, since that issues a certificate.
 */
export function EmployerBoardPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { q?: string };
  const q = typeof search.q === "string" ? search.q.trim().slice(0, 120) : "";
  const [draftQ, setDraftQ] = useState(q);
  const columns = {
    prospect: useColumn("prospect", q),
    contacted: useColumn("contacted", q),
    member: useColumn("member", q),
    certified: useColumn("certified", q),
    lapsed: useColumn("lapsed", q),
  };
  /** Moves sent to the server and not yet confirmed: shown on the board already. */
  const [pending, setPending] = useState<Record<string, MembershipStatus>>({});
  const [announcement, setAnnouncement] = useState<{ kind: "success" | "danger"; text: string } | null>(null);
  const [certifying, setCertifying] = useState<EmployerListItem | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<MembershipStatus | null>(null);
  /** A card moved by its menu lands in another column (a new element): its menu button gets the focus back there. */
  const [refocus, setRefocus] = useState<string | null>(null);

  const fetched = Object.fromEntries(membershipStatuses.map((s) => [s, columns[s].data?.pages.flatMap((p) => p.items) ?? []])) as Columns<EmployerListItem>;
  let board = fetched;
  for (const [id, to] of Object.entries(pending)) board = moveCard(board, id, to);
  const loading = membershipStatuses.some((s) => columns[s].isPending);
  const failed = membershipStatuses.map((s) => columns[s].error).find(Boolean);
  const statusName = (s: MembershipStatus) => t(`employers.statuses.${s}`);

  async function move(id: string, to: MembershipStatus, byMenu = false) {
    const found = findCard(board, id);
    if (!found || found.status === to || pending[id]) return;
    const { card, status: from } = found;
    if (to === "certified") {
      setCertifying(card);
      return;
    }
    setPending((p) => ({ ...p, [id]: to }));
    setAnnouncement(null);
    if (byMenu) setRefocus(id);
    try {
      await changeStatus(id, to);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["employers", "board", from, q] }),
        queryClient.invalidateQueries({ queryKey: ["employers", "board", to, q] }),
      ]);
      setAnnouncement({ kind: "success", text: t("employers.board.moved", { name: card.name, status: statusName(to) }) });
      void queryClient.invalidateQueries({ queryKey: ["employers"] });
    } catch (e) {
      setAnnouncement({ kind: "danger", text: t("employers.board.moveFailed", { name: card.name, status: statusName(from), reason: errorMessage(t, e) }) });
      if (byMenu) setRefocus(id);
    } finally {
      // Confirmed: the refetched columns show the move; refused: the card goes back where it was.
      setPending((p) => {
        const next = { ...p };
        delete next[id];
        return next;
      });
      // After the card has (re)appeared where it ends up and taken the focus, later re-renders leave focus alone.
      if (byMenu) setTimeout(() => setRefocus((r) => (r === id ? null : r)), 0);
    }
  }

  function onSearch(event: FormEvent) {
    event.preventDefault();
    void navigate({ to: "/pipeline", search: draftQ.trim() ? { q: draftQ.trim() } : {} });
  }

  function onDrop(event: DragEvent, to: MembershipStatus) {
    event.preventDefault();
    setOver(null);
    const id = event.dataTransfer.getData("text/plain") || dragging;
    setDragging(null);
    if (id) void move(id, to);
  }

  return (
    <Page title={t("employers.board.title")} lead={<Paragraph>{t("employers.board.lead")}</Paragraph>}>
      <div className="form-actions">
        <Link asChild>
          <RouterLink to="/employers">{t("employers.board.toList")}</RouterLink>
        </Link>
      </div>
      <form className="row" role="search" aria-label={t("employers.board.searchLabel")} noValidate onSubmit={onSearch}>
        <Textfield id="board-q" type="search" label={t("employers.list.search")} description={t("employers.list.searchHint")} value={draftQ} onChange={(e) => setDraftQ(e.target.value)} maxLength={120} />
        <Button type="submit" variant="secondary">
          {t("employers.list.apply")}
        </Button>
      </form>
      <div role="status" aria-live="polite" className="board-announcement">
        {announcement && (
          <Alert data-color={announcement.kind}>
            <Paragraph>{announcement.text}</Paragraph>
          </Alert>
        )}
      </div>
      {loading && <Spinner aria-label={t("common.loading")} />}
      {failed && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, failed)}</Paragraph>
        </Alert>
      )}
      <div className="board">
        {membershipStatuses.map((status) => {
          const cards = board[status];
          const column = columns[status];
          const headingId = `board-${status}`;
          return (
            <section
              key={status}
              className="board__column"
              data-status={status}
              data-over={over === status || undefined}
              aria-labelledby={headingId}
              onDragOver={(e) => {
                if (!dragging) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = "move";
                if (over !== status) setOver(status);
              }}
              onDragLeave={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === status ? null : o));
              }}
              onDrop={(e) => onDrop(e, status)}
            >
              <Heading level={2} data-size="2xs" id={headingId} className="board__heading">
                {statusName(status)} <span className="board__count">{column.hasNextPage ? t("employers.board.countMore", { count: cards.length }) : cards.length}</span>
              </Heading>
              {cards.length === 0 && !column.isPending && <Paragraph data-size="sm" className="muted">{t("employers.board.empty")}</Paragraph>}
              <ul className="board__cards">
                {cards.map((card) => (
                  <BoardCard
                    key={card.id}
                    card={card}
                    busy={pending[card.id] !== undefined}
                    onDragStart={(e) => {
                      e.dataTransfer.setData("text/plain", card.id);
                      e.dataTransfer.effectAllowed = "move";
                      setDragging(card.id);
                    }}
                    onDragEnd={() => {
                      setDragging(null);
                      setOver(null);
                    }}
                    onMove={(to) => void move(card.id, to, true)}
                    focusOnMount={refocus === card.id}
                  />
                ))}
              </ul>
              {column.hasNextPage && (
                <Button variant="tertiary" data-size="sm" onClick={() => void column.fetchNextPage()} loading={column.isFetchingNextPage}>
                  {t("employers.board.more", { status: statusName(status) })}
                </Button>
              )}
            </section>
          );
        })}
      </div>
      <CertifyDialog
        employer={certifying}
        onCancel={() => setCertifying(null)}
        onDone={() => {
          const name = certifying?.name ?? "";
          setCertifying(null);
          setAnnouncement({ kind: "success", text: t("employers.certify.done", { name }) });
        }}
      />
    </Page>
  );
}

function BoardCard(props: { card: EmployerListItem; busy: boolean; focusOnMount: boolean; onDragStart: (e: DragEvent) => void; onDragEnd: () => void; onMove: (to: MembershipStatus) => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const { focusOnMount } = props;
  useEffect(() => {
    if (focusOnMount) trigger.current?.focus();
    // Only when the card appears in its new column.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const { card } = props;
  return (
    <li className="board__card" draggable onDragStart={props.onDragStart} onDragEnd={props.onDragEnd} aria-busy={props.busy || undefined} data-employer={card.id}>
      <Link asChild>
        <RouterLink to="/employers/$id" params={{ id: card.id }} draggable={false}>
          {card.name}
        </RouterLink>
      </Link>
      <div className="muted small">{[card.municipality, card.naceSection ? sectionLabel(card.naceSection, lang).split(" – ")[1] : ""].filter(Boolean).join(" · ") || " "}</div>
      <Dropdown.TriggerContext>
        <Dropdown.Trigger ref={trigger} variant="tertiary" data-size="sm" onClick={() => setOpen((o) => !o)} aria-label={t("employers.board.moveNamed", { name: card.name })}>
          {t("employers.board.moveTo")}
        </Dropdown.Trigger>
        <Dropdown open={open} onClose={() => setOpen(false)} placement="bottom-start">
          <Dropdown.List>
            {membershipStatuses
              .filter((s) => s !== card.membershipStatus)
              .map((s) => (
                <Dropdown.Item key={s}>
                  <Dropdown.Button
                    onClick={() => {
                      setOpen(false);
                      props.onMove(s);
                    }}
                  >
                    {t(`employers.statuses.${s}`)}
                  </Dropdown.Button>
                </Dropdown.Item>
              ))}
          </Dropdown.List>
        </Dropdown>
      </Dropdown.TriggerContext>
    </li>
  );
}
