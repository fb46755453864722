import { useState, type FormEvent } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Spinner, Table, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import "../features/audit/audit.css";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { formatDateTime } from "../format.ts";
import { useMe } from "../session.ts";
import { auditTabs, filterKeys, parseAuditSearch, queryString } from "../features/audit/api.ts";
import type { AccessFlag, AuditChange, AuditFilters, AuditRead, AuditSearch, AuditTab, DeniedRequest, Page as ListPage } from "../features/audit/api.ts";

type Member = { userId: string; name: string; email: string };

/** Revisjon: the audit trail, the access log, denied requests and unusual access, for the network's admins. */
export function AuditPage() {
  const { t } = useTranslation();
  const search = parseAuditSearch(useSearch({ strict: false }) as Record<string, unknown>);
  const tab: AuditTab = search.tab ?? "changes";
  const filters: AuditFilters = Object.fromEntries(filterKeys.map((k) => [k, search[k]]).filter(([, v]) => v)) as AuditFilters;
  return (
    <Page title={t("audit.title")} lead={<Paragraph>{t("audit.lead")}</Paragraph>}>
      <nav aria-label={t("audit.tabsLabel")} className="row row--tight">
        {auditTabs.map((key) => (
          <RouterLink key={key} to="/audit" search={{ ...(key === "changes" || key === "reads" ? filters : {}), tab: key }} aria-current={tab === key ? "page" : undefined} className={`audit-tab${tab === key ? " audit-tab--current" : ""}`}>
            {t(`audit.tabs.${key}`)}
          </RouterLink>
        ))}
      </nav>
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to="/audit/processing-record">{t("audit.record.link")}</RouterLink>
        </Link>
      </Paragraph>
      {(tab === "changes" || tab === "reads") && <LogSection kind={tab} filters={filters} />}
      {tab === "denied" && <DeniedSection scope={search.scope ?? "network"} />}
      {tab === "flags" && <FlagsSection />}
    </Page>
  );
}

function useList<T>(key: unknown[], url: (cursor: string | null) => string) {
  return useInfiniteQuery({
    queryKey: key,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<ListPage<T>>(url(pageParam), { signal }),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

function ListState({ query, empty }: { query: { isPending: boolean; isError: boolean; error: unknown; isSuccess: boolean }; empty: boolean }) {
  const { t } = useTranslation();
  if (query.isPending) return <Spinner aria-label={t("common.loading")} />;
  if (query.isError)
    return (
      <Alert data-color="danger">
        <Paragraph>{errorMessage(t, query.error)}</Paragraph>
      </Alert>
    );
  if (query.isSuccess && empty) return <Paragraph>{t("audit.empty")}</Paragraph>;
  return null;
}

function MoreButton({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <div>
      <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
        {t("common.loadMore")}
      </Button>
    </div>
  );
}

function LogSection({ kind, filters }: { kind: "changes" | "reads"; filters: AuditFilters }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useList<AuditChange | AuditRead>(["audit", kind, filters], (cursor) => `/api/v1/audit/${kind}${queryString({ ...filters, ...(cursor ? { cursor } : {}) })}`);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const apply = (next: AuditFilters) => void navigate({ to: "/audit", search: { ...next, tab: kind } satisfies AuditSearch });
  const headingId = `audit-${kind}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <Heading level={2} data-size="xs" id={headingId}>
        {t(`audit.tabs.${kind}`)}
      </Heading>
      <Paragraph data-size="sm">{t(`audit.${kind}Lead`)}</Paragraph>
      <FilterForm key={JSON.stringify(filters)} kind={kind} initial={filters} onApply={apply} />
      <div className="row row--tight">
        <Link href={`/api/v1/audit/${kind}/export${queryString({ ...filters, format: "csv" })}`} download>
          {t("audit.downloadCsv")}
        </Link>
        <Link href={`/api/v1/audit/${kind}/export${queryString({ ...filters, format: "xlsx" })}`} download>
          {t("audit.downloadXlsx")}
        </Link>
      </div>
      <ListState query={list} empty={items.length === 0} />
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${headingId}-caption`}>
          <Table zebra className="placements-table">
            <caption id={`${headingId}-caption`}>{t("audit.caption", { count: items.length })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("audit.columns.time")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.columns.who")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t(kind === "changes" ? "audit.columns.action" : "audit.columns.purpose")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.columns.entityType")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.columns.entityId")}</Table.HeaderCell>
                {kind === "changes" && <Table.HeaderCell scope="col">{t("audit.columns.fields")}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((item) =>
                "action" in item ? (
                  <Table.Row key={item.id}>
                    <Table.Cell>{formatDateTime(item.at)}</Table.Cell>
                    <Table.Cell>{item.who.name}</Table.Cell>
                    <Table.Cell>{item.action}</Table.Cell>
                    <Table.Cell>{item.entityType}</Table.Cell>
                    <Table.Cell>{item.entityId ?? "–"}</Table.Cell>
                    <Table.Cell>{item.fields.join(", ") || "–"}</Table.Cell>
                  </Table.Row>
                ) : (
                  <Table.Row key={item.id}>
                    <Table.Cell>{formatDateTime(item.at)}</Table.Cell>
                    <Table.Cell>{item.who.name}</Table.Cell>
                    <Table.Cell>{item.purpose}</Table.Cell>
                    <Table.Cell>{item.personType}</Table.Cell>
                    <Table.Cell>
                      {item.personType === "candidate" ? (
                        <Link asChild>
                          <RouterLink to="/candidates/$id" params={{ id: item.personId }}>
                            {item.personId}
                          </RouterLink>
                        </Link>
                      ) : (
                        item.personId
                      )}
                    </Table.Cell>
                  </Table.Row>
                ),
              )}
            </Table.Body>
          </Table>
        </div>
      )}
      <MoreButton query={list} />
    </section>
  );
}

function FilterForm({ kind, initial, onApply }: { kind: "changes" | "reads"; initial: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const [error, setError] = useState<string | undefined>();
  const users = useQuery({ queryKey: ["users"], queryFn: ({ signal }) => api<{ items: Member[] }>("/api/v1/users?limit=200", { signal }) });
  const set = (key: keyof AuditFilters, value: string) => setDraft((d) => ({ ...d, [key]: value || undefined }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) {
      setError(t("audit.periodOrder"));
      return;
    }
    setError(undefined);
    onApply(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)) as AuditFilters);
  }
  return (
    <form onSubmit={onSubmit} className="placements-filters" role="search" aria-label={t("audit.filters")} noValidate>
      <Textfield id={`audit-${kind}-from`} type="date" label={t("audit.from")} value={draft.from ?? ""} onChange={(e) => set("from", e.target.value)} />
      <Textfield id={`audit-${kind}-to`} type="date" label={t("audit.to")} value={draft.to ?? ""} onChange={(e) => set("to", e.target.value)} error={error} />
      <Field>
        <Label htmlFor={`audit-${kind}-user`}>{t("audit.user")}</Label>
        <Select id={`audit-${kind}-user`} width="auto" value={draft.userId ?? ""} onChange={(e) => set("userId", e.target.value)}>
          <Select.Option value="">{t("audit.anyone")}</Select.Option>
          {(users.data?.items ?? []).map((u) => (
            <Select.Option key={u.userId} value={u.userId}>
              {u.name}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Textfield id={`audit-${kind}-action`} label={t(kind === "changes" ? "audit.action" : "audit.purpose")} description={t(kind === "changes" ? "audit.actionHint" : "audit.purposeHint")} value={draft.action ?? ""} onChange={(e) => set("action", e.target.value)} />
      <Textfield id={`audit-${kind}-type`} label={t("audit.entityType")} description={t("audit.entityTypeHint")} value={draft.entityType ?? ""} onChange={(e) => set("entityType", e.target.value)} />
      <Textfield id={`audit-${kind}-id`} label={t("audit.entityId")} value={draft.entityId ?? ""} onChange={(e) => set("entityId", e.target.value)} />
      <div className="row row--tight">
        <Button type="submit" variant="secondary">
          {t("audit.apply")}
        </Button>
        {Object.keys(initial).length > 0 && (
          <Button type="button" variant="tertiary" onClick={() => onApply({})}>
            {t("audit.clear")}
          </Button>
        )}
      </div>
    </form>
  );
}

function DeniedSection({ scope }: { scope: "network" | "unauthenticated" }) {
  const { t } = useTranslation();
  const me = useMe();
  const list = useList<DeniedRequest>(["audit", "denied", scope], (cursor) => `/api/v1/audit/denied${queryString({ scope, ...(cursor ? { cursor } : {}) })}`);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="section" aria-labelledby="audit-denied-heading">
      <Heading level={2} data-size="xs" id="audit-denied-heading">
        {t(scope === "unauthenticated" ? "audit.denied.unknownHeading" : "audit.tabs.denied")}
      </Heading>
      <Paragraph data-size="sm">{t("audit.denied.lead")}</Paragraph>
      {me.user.instanceAdmin && (
        <Paragraph data-size="sm">
          <Link asChild>
            <RouterLink to="/audit" search={{ tab: "denied", ...(scope === "network" ? { scope: "unauthenticated" } : {}) } satisfies AuditSearch}>
              {t(scope === "network" ? "audit.denied.showUnknown" : "audit.denied.showNetwork")}
            </RouterLink>
          </Link>
        </Paragraph>
      )}
      <ListState query={list} empty={items.length === 0} />
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-denied-caption">
          <Table zebra className="placements-table">
            <caption id="audit-denied-caption">{t("audit.caption", { count: items.length })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("audit.columns.time")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.columns.who")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.columns.request")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.columns.status")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.columns.reason")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((item) => (
                <Table.Row key={item.id}>
                  <Table.Cell>{formatDateTime(item.at)}</Table.Cell>
                  <Table.Cell>{item.who?.name ?? t("audit.denied.unknownCaller")}</Table.Cell>
                  <Table.Cell>
                    <code>
                      {item.method} {item.route}
                    </code>
                  </Table.Cell>
                  <Table.Cell>{item.status}</Table.Cell>
                  <Table.Cell>{item.code}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <MoreButton query={list} />
    </section>
  );
}

function FlagsSection() {
  const { t } = useTranslation();
  const list = useList<AccessFlag>(["audit", "flags"], (cursor) => `/api/v1/audit/flags${queryString({ ...(cursor ? { cursor } : {}) })}`);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="section" aria-labelledby="audit-flags-heading">
      <Heading level={2} data-size="xs" id="audit-flags-heading">
        {t("audit.tabs.flags")}
      </Heading>
      <Paragraph data-size="sm">{t("audit.flags.lead")}</Paragraph>
      <ThresholdForm />
      <ListState query={list} empty={items.length === 0} />
      {items.length > 0 && (
        <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((flag) => (
            <li key={flag.id}>
              <Alert data-color="warning">
                <Paragraph>
                  {t("audit.flags.text", { who: flag.who.name, profiles: flag.profiles, minutes: flag.windowMinutes, max: flag.maxProfiles, from: formatDateTime(flag.firstAt), to: formatDateTime(flag.lastAt) })}
                </Paragraph>
                <Paragraph data-size="sm">
                  {flag.notifiedAt ? t("audit.flags.notified", { at: formatDateTime(flag.notifiedAt) }) : t("audit.flags.notNotified")}{" "}
                  {flag.who.kind === "user" && flag.who.id && (
                    <Link asChild>
                      <RouterLink to="/audit" search={{ tab: "reads", userId: flag.who.id, from: flag.firstAt.slice(0, 10), to: flag.lastAt.slice(0, 10) } satisfies AuditSearch}>
                        {t("audit.flags.showReads")}
                      </RouterLink>
                    </Link>
                  )}
                </Paragraph>
              </Alert>
            </li>
          ))}
        </ul>
      )}
      <MoreButton query={list} />
    </section>
  );
}

function ThresholdForm() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ["audit", "settings"], queryFn: ({ signal }) => api<{ maxProfiles: number; windowMinutes: number }>("/api/v1/audit/settings", { signal }) });
  if (!settings.data) return null;
  // Not keyed by the values: the form keeps its "saved" message when the settings are fetched again.
  return <ThresholdFields initial={settings.data} onSaved={() => void queryClient.invalidateQueries({ queryKey: ["audit", "settings"] })} />;
}

function ThresholdFields({ initial, onSaved }: { initial: { maxProfiles: number; windowMinutes: number }; onSaved: () => void }) {
  const { t } = useTranslation();
  const [maxProfiles, setMax] = useState(String(initial.maxProfiles));
  const [windowMinutes, setWindow] = useState(String(initial.windowMinutes));
  const save = useMutation({
    mutationFn: () => api("/api/v1/audit/settings", { method: "PATCH", body: { maxProfiles: Number(maxProfiles), windowMinutes: Number(windowMinutes) } }),
    onSuccess: onSaved,
  });
  return (
    <form
      className="placements-filters"
      aria-label={t("audit.flags.threshold")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Textfield id="audit-max-profiles" type="number" inputMode="numeric" min={5} max={10000} label={t("audit.flags.maxProfiles")} value={maxProfiles} onChange={(e) => setMax(e.target.value)} />
      <Textfield id="audit-window-minutes" type="number" inputMode="numeric" min={1} max={1440} label={t("audit.flags.windowMinutes")} value={windowMinutes} onChange={(e) => setWindow(e.target.value)} />
      <Button type="submit" variant="secondary" loading={save.isPending}>
        {t("audit.flags.save")}
      </Button>
      <div role="status" aria-live="polite">
        {save.isSuccess && <Paragraph data-size="sm">{t("audit.flags.saved")}</Paragraph>}
        {save.isError && <Paragraph data-size="sm">{errorMessage(t, save.error)}</Paragraph>}
      </div>
    </form>
  );
}
