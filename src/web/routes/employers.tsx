import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Details, Field, Heading, Label, Link, Paragraph, Select, Table, Textfield } from "@digdir/designsystemet-react";
import { membershipStatuses } from "../../shared/employers.ts";
import { naceSections } from "../../shared/nace.ts";
import { formatOrgNumber } from "../../shared/orgnr.ts";
import { ListResults } from "../components/ListResults.tsx";
import { StatusMessage, useKeysetList, type StatusMessageValue } from "../components/QueryState.tsx";
import { useUrlFilters } from "../components/useUrlFilters.ts";
import { Page } from "../components/Page.tsx";
import { api } from "../api.ts";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";
import { canCertify, canWriteEmployers, listEmployers, savedFiltersQuery, type SavedFilter } from "../features/employers/api.ts";
import { activeFilterCount, EMPTY_FILTERS, filtersFromSearch, filtersToSearch, type EmployerFilters, type Sort } from "../features/employers/filters.ts";
import { naceLabel, sectionLabel, StatusTag, uiLang, useTagLabel } from "../features/employers/components.tsx";

const PAGE_SIZE = 50;

export function EmployersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const lang = uiLang(i18n.resolvedLanguage);
  const tagLabel = useTagLabel();
  const { applied, key: appliedKey, apply } = useUrlFilters("/employers", filtersFromSearch, filtersToSearch);
  const write = canWriteEmployers(me.role);

  const params = { ...filtersToSearch(applied), sort: applied.sort, limit: PAGE_SIZE };
  const { list, items } = useKeysetList(["employers", "list", params], (cursor, signal) => listEmployers({ ...params, cursor }, signal));

  return (
    <Page title={t("employers.list.title")}>
      <div className="form-actions">
        {write && (
          <>
            <Button asChild>
              <RouterLink to="/employers/new">{t("employers.list.new")}</RouterLink>
            </Button>
            <Button asChild variant="secondary">
              <RouterLink to="/pipeline">{t("employers.board.title")}</RouterLink>
            </Button>
            <Button asChild variant="secondary">
              <RouterLink to="/employers/import">{t("employers.list.import")}</RouterLink>
            </Button>
          </>
        )}
        {canCertify(me.role) && (
          <Button asChild variant="secondary">
            <RouterLink to="/employers/certification">{t("employers.certification.title")}</RouterLink>
          </Button>
        )}
        {me.role === "admin" && (
          <Button asChild variant="tertiary">
            <a href="/api/v1/employers/export.csv" download>
              {t("employers.list.export")}
            </a>
          </Button>
        )}
      </div>

      <section className="section" aria-labelledby="filters-heading">
        <Heading level={2} data-size="xs" id="filters-heading">
          {t("employers.list.filters")}
        </Heading>
        {/* Keyed by the URL's filters: going back, or using a saved filter, shows them in the form. */}
        <FilterForm key={appliedKey} initial={applied} onApply={apply} />
        <SavedFilters current={applied} onUse={apply} />
      </section>

      <ListResults headingId="results-heading" heading={t("employers.list.results")} texts="employers.list" list={list} count={items.length} empty={activeFilterCount(applied) || applied.q ? t("employers.list.none") : t("employers.list.empty")}>
        <Table zebra className="employers-table">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("employers.fields.name")}</Table.HeaderCell>
              <Table.HeaderCell>{t("employers.list.orgNumberShort")}</Table.HeaderCell>
              <Table.HeaderCell>{t("employers.fields.membershipStatus")}</Table.HeaderCell>
              <Table.HeaderCell>{t("employers.fields.industry")}</Table.HeaderCell>
              <Table.HeaderCell>{t("employers.fields.municipality")}</Table.HeaderCell>
              <Table.HeaderCell>{t("employers.fields.lastContact")}</Table.HeaderCell>
              <Table.HeaderCell>{t("employers.fields.nextFollowUp")}</Table.HeaderCell>
              <Table.HeaderCell>{t("employers.fields.hires")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>
                  <Link asChild>
                    <RouterLink to="/employers/$id" params={{ id: e.id }}>
                      {e.name}
                    </RouterLink>
                  </Link>
                  {e.tags.length > 0 && <div className="muted small">{e.tags.map(tagLabel).join(", ")}</div>}
                </Table.Cell>
                <Table.Cell className="nowrap">{formatOrgNumber(e.orgNumber)}</Table.Cell>
                <Table.Cell>
                  <StatusTag status={e.membershipStatus} />
                </Table.Cell>
                <Table.Cell>{e.naceSection ? naceLabel(null, e.naceSection, lang) : "–"}</Table.Cell>
                <Table.Cell>{e.municipality || "–"}</Table.Cell>
                <Table.Cell className="nowrap">{e.lastContactAt ? formatDate(e.lastContactAt) : t("employers.list.never")}</Table.Cell>
                <Table.Cell className="nowrap">{e.nextFollowUpOn ? formatDate(e.nextFollowUpOn) : "–"}</Table.Cell>
                <Table.Cell>{e.hires}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ListResults>
    </Page>
  );
}

function FilterForm({ initial, onApply }: { initial: EmployerFilters; onApply: (f: EmployerFilters) => void }) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const [draft, setDraft] = useState<EmployerFilters>(initial);
  const [daysError, setDaysError] = useState<string | undefined>();
  const set = <K extends keyof EmployerFilters>(k: K, v: EmployerFilters[K]) => setDraft((p) => ({ ...p, [k]: v }));
  const more = activeFilterCount(initial) > 0;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const days = draft.lastContactOlderThanDays.trim();
    if (days && !(/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 3650)) return setDaysError(t("employers.list.daysInvalid"));
    setDaysError(undefined);
    onApply(draft);
  }

  return (
    <form className="filters" noValidate onSubmit={onSubmit} role="search" aria-labelledby="filters-heading">
      <Textfield id="filter-q" label={t("employers.list.search")} description={t("employers.list.searchHint")} type="search" value={draft.q} onChange={(e) => set("q", e.target.value)} maxLength={120} />
      <Details defaultOpen={more}>
        <Details.Summary>{more ? t("employers.list.moreFiltersActive", { count: activeFilterCount(initial) }) : t("employers.list.moreFilters")}</Details.Summary>
        <Details.Content>
          <div className="grid2">
            <FilterSelect id="filter-status" label={t("employers.fields.membershipStatus")} value={draft.membershipStatus} onChange={(v) => set("membershipStatus", v as EmployerFilters["membershipStatus"])} options={membershipStatuses.map((s) => [s, t(`employers.statuses.${s}`)])} />
            <FilterSelect id="filter-section" label={t("employers.fields.industry")} value={draft.naceSection} onChange={(v) => set("naceSection", v as EmployerFilters["naceSection"])} options={naceSections.map((s) => [s, sectionLabel(s, lang)])} />
            <Textfield id="filter-municipality" label={t("employers.fields.municipality")} value={draft.municipality} onChange={(e) => set("municipality", e.target.value)} maxLength={80} />
            <Textfield id="filter-tag" label={t("employers.list.tag")} value={draft.tag} onChange={(e) => set("tag", e.target.value)} maxLength={40} />
            <FilterSelect
              id="filter-hired"
              label={t("employers.list.hasHired")}
              value={draft.hasHired}
              onChange={(v) => set("hasHired", v as EmployerFilters["hasHired"])}
              options={[
                ["true", t("employers.list.hasHiredYes")],
                ["false", t("employers.list.hasHiredNo")],
              ]}
            />
            <Textfield
              id="filter-days"
              label={t("employers.list.noContactFor")}
              description={t("employers.list.noContactForHint")}
              value={draft.lastContactOlderThanDays}
              onChange={(e) => set("lastContactOlderThanDays", e.target.value)}
              inputMode="numeric"
              maxLength={4}
              error={daysError}
            />
          </div>
        </Details.Content>
      </Details>
      <FilterSelect
        id="filter-sort"
        label={t("employers.list.sort")}
        value={draft.sort}
        onChange={(v) => set("sort", v as Sort)}
        options={[
          ["name", t("employers.list.sortName")],
          ["updated", t("employers.list.sortUpdated")],
          ["lastContact", t("employers.list.sortLastContact")],
        ]}
        noEmpty
      />
      <div className="form-actions">
        <Button type="submit">{t("employers.list.apply")}</Button>
        <Button
          type="button"
          variant="tertiary"
          onClick={() => {
            setDraft(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          {t("employers.list.clear")}
        </Button>
      </div>
    </form>
  );
}

function FilterSelect(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][]; noEmpty?: boolean; emptyLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Field>
      <Label htmlFor={props.id}>{props.label}</Label>
      <Select id={props.id} width="auto" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {!props.noEmpty && <Select.Option value="">{props.emptyLabel ?? t("employers.list.any")}</Select.Option>}
        {props.options.map(([v, l]) => (
          <Select.Option key={v} value={v}>
            {l}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/** Filters saved on the server for this user: save the filters in use under a name, use one, delete one. */
function SavedFilters({ current, onUse }: { current: EmployerFilters; onUse: (f: EmployerFilters) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved = useQuery(savedFiltersQuery);
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState("");
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const list = saved.data?.items ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: savedFiltersQuery.queryKey });

  const create = useMutation({
    mutationFn: (n: string) => api<SavedFilter>("/api/v1/saved-filters", { method: "POST", body: { page: "employers", name: n, query: filtersToSearch(current) } }),
    onSuccess: async (_r, n) => {
      setMessage({ kind: "success", text: t("employers.saved.savedAs", { name: n }) });
      setName("");
      await refresh();
    },
    onError: (e) => setMessage({ kind: "danger", text: errorMessage(t, e) }),
  });
  const remove = useMutation({
    mutationFn: (f: SavedFilter) => api(`/api/v1/saved-filters/${encodeURIComponent(f.id)}`, { method: "DELETE" }),
    onSuccess: async (_r, f) => {
      setMessage({ kind: "success", text: t("employers.saved.deleted", { name: f.name }) });
      setChosen("");
      await refresh();
    },
    onError: (e) => setMessage({ kind: "danger", text: errorMessage(t, e) }),
  });

  const selected = list.find((f) => f.id === chosen);
  return (
    <Details>
      <Details.Summary>{t("employers.saved.title", { count: list.length })}</Details.Summary>
      <Details.Content>
        <div className="stack">
          {saved.isError && (
            <Alert data-color="danger">
              <Paragraph>{errorMessage(t, saved.error)}</Paragraph>
            </Alert>
          )}
          {list.length > 0 && (
            <div className="row">
              <FilterSelect id="saved-filter" label={t("employers.saved.choose")} value={chosen} onChange={setChosen} options={list.map((f) => [f.id, f.name])} emptyLabel={t("employers.saved.placeholder")} />
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  if (!selected) return setMessage({ kind: "danger", text: t("employers.saved.chooseFirst") });
                  onUse(filtersFromSearch(selected.query));
                  setMessage({ kind: "success", text: t("employers.saved.used", { name: selected.name }) });
                }}
              >
                {t("employers.saved.use")}
              </Button>
              <Button
                type="button"
                variant="tertiary"
                data-color="danger"
                loading={remove.isPending}
                onClick={() => {
                  if (!selected) return setMessage({ kind: "danger", text: t("employers.saved.chooseFirst") });
                  remove.mutate(selected);
                }}
              >
                {t("employers.saved.delete")}
              </Button>
            </div>
          )}
          <form
            className="row"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const n = name.trim();
              if (!n) return setNameError(t("employers.saved.nameRequired"));
              setNameError(undefined);
              create.mutate(n);
            }}
          >
            <Textfield id="saved-name" label={t("employers.saved.name")} description={t("employers.saved.nameHint")} value={name} onChange={(e) => setName(e.target.value)} error={nameError} maxLength={60} />
            <Button type="submit" variant="secondary" loading={create.isPending}>
              {t("employers.saved.save")}
            </Button>
          </form>
          <StatusMessage message={message} />
        </div>
      </Details.Content>
    </Details>
  );
}
