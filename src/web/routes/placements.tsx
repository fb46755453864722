import { useState, type FormEvent } from "react";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { ListResults } from "../components/ListResults.tsx";
import { useKeysetList } from "../components/QueryState.tsx";
import { useUrlFilters } from "../components/useUrlFilters.ts";
import { FocusTarget, Page } from "../components/Page.tsx";
import { useMe } from "../session.ts";
import { formatDate } from "../format.ts";
import { uiLang } from "../features/candidates/pickers.tsx";
import {
  canWritePlacements,
  FOLLOW_UP_ROLES,
  followUpSummary,
  listPlacements,
  placementFiltersFromSearch,
  placementTypes,
  todayIso,
  type Placement,
  type PlacementFilters,
} from "../features/placements/api.ts";
import { GoalTag } from "../features/placements/components.tsx";

const PAGE_SIZE = 50;

/** Hires recorded in the network, newest start first, with whether they count toward the goal and their follow-ups. */
export function PlacementsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const lang = uiLang(i18n.resolvedLanguage);
  const { search, applied: filters, key: filtersKey, apply } = useUrlFilters("/placements", placementFiltersFromSearch, (f: PlacementFilters) => f);
  const saved = search.saved === "created" || search.saved === "updated" || search.saved === "deleted" ? search.saved : null;
  const write = canWritePlacements(me.role);
  const params = { ...filters, lang, limit: PAGE_SIZE };
  const { list, items } = useKeysetList(["placements", "list", params], (cursor, signal) => listPlacements({ ...params, cursor }, signal));
  const today = todayIso();
  const filtered = Object.keys(filters).length > 0;

  return (
    <Page title={t("placements.list.title")} lead={<Paragraph>{t("placements.list.lead")}</Paragraph>}>
      {saved && (
        <FocusTarget>
          <Alert data-color="success">
            <Paragraph>{t(`placements.list.${saved}`)}</Paragraph>
          </Alert>
        </FocusTarget>
      )}
      <div className="form-actions">
        {write && (
          <Button asChild>
            <RouterLink to="/placements/new">{t("placements.list.new")}</RouterLink>
          </Button>
        )}
        {FOLLOW_UP_ROLES.includes(me.role) && (
          <Button asChild variant="secondary">
            <RouterLink to="/placements/follow-ups">{t("placements.followUps.title")}</RouterLink>
          </Button>
        )}
      </div>

      <section className="section" aria-labelledby="placement-filters-heading">
        <Heading level={2} data-size="xs" id="placement-filters-heading">
          {t("placements.list.filters")}
        </Heading>
        <FilterForm key={filtersKey} initial={filters} onApply={apply} />
      </section>

      <ListResults headingId="placement-results-heading" heading={t("placements.list.results")} texts="placements.list" list={list} count={items.length} empty={filtered ? t("placements.list.none") : t("placements.list.empty")}>
        <Table zebra className="placements-table">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("placements.fields.candidate")}</Table.HeaderCell>
              <Table.HeaderCell>{t("placements.fields.employer")}</Table.HeaderCell>
              <Table.HeaderCell>{t("placements.fields.type")}</Table.HeaderCell>
              <Table.HeaderCell>{t("placements.fields.startDate")}</Table.HeaderCell>
              <Table.HeaderCell>{t("placements.fields.countsTowardGoal")}</Table.HeaderCell>
              <Table.HeaderCell>{t("placements.fields.followUps")}</Table.HeaderCell>
              {write && <Table.HeaderCell>{t("common.actions")}</Table.HeaderCell>}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((p) => (
              <PlacementRow key={p.id} p={p} today={today} write={write} />
            ))}
          </Table.Body>
        </Table>
      </ListResults>
    </Page>
  );
}

function PlacementRow({ p, today, write }: { p: Placement; today: string; write: boolean }) {
  const { t } = useTranslation();
  const s = followUpSummary(p.followUps, today);
  const name = p.candidate?.name ?? t("placements.list.erased");
  return (
    <Table.Row>
      <Table.Cell>
        {p.candidate ? (
          <Link asChild>
            <RouterLink to="/candidates/$id" params={{ id: p.candidate.id }}>
              {p.candidate.name}
            </RouterLink>
          </Link>
        ) : (
          <span className="muted">{name}</span>
        )}
        {p.occupation && <div className="muted small">{p.occupation.label}</div>}
      </Table.Cell>
      <Table.Cell>
        {p.employer ? (
          <Link asChild>
            <RouterLink to="/employers/$id" params={{ id: p.employer.id }}>
              {p.employerName || p.employer.name}
            </RouterLink>
          </Link>
        ) : (
          p.employerName
        )}
      </Table.Cell>
      <Table.Cell>
        {t(`placements.types.${p.type}`)}
        {p.wageSubsidyPercent !== null && <div className="muted small">{t("placements.list.subsidy", { percent: p.wageSubsidyPercent })}</div>}
      </Table.Cell>
      <Table.Cell className="nowrap">
        {formatDate(p.startDate)}
        {p.endDate && <div className="muted small">{t("placements.list.until", { date: formatDate(p.endDate) })}</div>}
      </Table.Cell>
      <Table.Cell>
        <GoalTag counts={p.countsTowardGoal} short />
      </Table.Cell>
      <Table.Cell>
        <div>{t("placements.list.answered", { answered: s.answered, total: s.total })}</div>
        {s.next && (
          <div className="small">
            {t("placements.list.nextFollowUp", { months: s.next.months, date: formatDate(s.next.dueOn) })} {s.overdue && <Tag data-color="danger">{t("placements.followUps.overdue")}</Tag>}
          </div>
        )}
        {s.notEmployed && <div className="small">{t("placements.list.notEmployed")}</div>}
      </Table.Cell>
      {write && (
        <Table.Cell>
          <Link asChild>
            <RouterLink to="/placements/$placementId/edit" params={{ placementId: p.id }} aria-label={t("placements.list.editNamed", { name })}>
              {t("placements.list.edit")}
            </RouterLink>
          </Link>
        </Table.Cell>
      )}
    </Table.Row>
  );
}

function FilterForm({ initial, onApply }: { initial: PlacementFilters; onApply: (f: PlacementFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<PlacementFilters>(initial);
  const set = <K extends keyof PlacementFilters>(k: K, v: PlacementFilters[K]) => setDraft((p) => ({ ...p, [k]: v || undefined }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    onApply(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)) as PlacementFilters);
  }
  return (
    <form onSubmit={onSubmit} className="placements-filters" role="search" aria-label={t("placements.list.filters")}>
      <Field>
        <Label htmlFor="placement-filter-type">{t("placements.fields.type")}</Label>
        <Select id="placement-filter-type" width="auto" value={draft.type ?? ""} onChange={(e) => set("type", e.target.value as PlacementFilters["type"])}>
          <Select.Option value="">{t("placements.list.any")}</Select.Option>
          {placementTypes.map((type) => (
            <Select.Option key={type} value={type}>
              {t(`placements.types.${type}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Field>
        <Label htmlFor="placement-filter-goal">{t("placements.fields.countsTowardGoal")}</Label>
        <Select id="placement-filter-goal" width="auto" value={draft.countsTowardGoal ?? ""} onChange={(e) => set("countsTowardGoal", e.target.value as PlacementFilters["countsTowardGoal"])}>
          <Select.Option value="">{t("placements.list.any")}</Select.Option>
          <Select.Option value="true">{t("placements.countsYes")}</Select.Option>
          <Select.Option value="false">{t("placements.countsNo")}</Select.Option>
        </Select>
      </Field>
      <Textfield id="placement-filter-from" type="date" label={t("placements.list.startFrom")} value={draft.from ?? ""} onChange={(e) => set("from", e.target.value)} />
      <Textfield id="placement-filter-to" type="date" label={t("placements.list.startTo")} value={draft.to ?? ""} onChange={(e) => set("to", e.target.value)} />
      <div className="row row--tight">
        <Button type="submit" variant="secondary">
          {t("placements.list.apply")}
        </Button>
        {Object.keys(initial).length > 0 && (
          <Button type="button" variant="tertiary" onClick={() => onApply({})}>
            {t("placements.list.clear")}
          </Button>
        )}
      </div>
    </form>
  );
}
