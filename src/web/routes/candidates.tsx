import { useState, type FormEvent } from "react";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Details, Field, Heading, Label, Link, Paragraph, Radio, Fieldset, Select, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { candidateStatuses, cefrLevels, drivingLicenceClasses, educationLevels } from "../../shared/candidates.ts";
import { ListResults } from "../components/ListResults.tsx";
import { useKeysetList } from "../components/QueryState.tsx";
import { Page } from "../components/Page.tsx";
import { api } from "../api.ts";
import { useMe } from "../session.ts";
import { formatDate } from "../format.ts";
import { canWriteCandidates, toSearch, type CandidateListItem, type Concept } from "../features/candidates/api.ts";
import { ConceptPicker, uiLang } from "../features/candidates/pickers.tsx";

type Filters = {
  q: string;
  scope: "mine" | "all";
  status: string;
  occupation: Concept[];
  skill: Concept[];
  norwegianLevel: string;
  educationLevel: string;
  drivingLicence: string;
  municipality: string;
  sort: "updated" | "name";
};

const EMPTY: Filters = { q: "", scope: "all", status: "", occupation: [], skill: [], norwegianLevel: "", educationLevel: "", drivingLicence: "", municipality: "", sort: "updated" };

type Saved = { name: string; filters: Filters };
const storageKey = (userId: string) => `mangfold.candidateFilters.${userId}`;

function loadSaved(userId: string): Saved[] {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    const list = raw ? (JSON.parse(raw) as Saved[]) : [];
    return Array.isArray(list) ? list.filter((s) => s && typeof s.name === "string" && s.filters) : [];
  } catch {
    return [];
  }
}
function storeSaved(userId: string, list: Saved[]) {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(list));
  } catch {
    /* private mode: nothing saved */
  }
}

export function CandidatesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const lang = uiLang(i18n.resolvedLanguage);
  const hasCaseload = me.role === "advisor" || me.role === "admin";
  const [draft, setDraft] = useState<Filters>(() => ({ ...EMPTY, scope: me.role === "advisor" ? "mine" : "all" }));
  const [applied, setApplied] = useState<Filters>(draft);

  const params = {
    q: applied.q.trim() || undefined,
    scope: hasCaseload ? applied.scope : undefined,
    status: applied.status || undefined,
    occupationUri: applied.occupation[0]?.uri,
    skillUri: applied.skill[0]?.uri,
    norwegianLevel: applied.norwegianLevel || undefined,
    educationLevel: applied.educationLevel || undefined,
    drivingLicence: applied.drivingLicence || undefined,
    municipality: applied.municipality.trim() || undefined,
    sort: applied.sort,
    lang,
    limit: 25,
  };
  const { list, items } = useKeysetList(["candidates", "list", params], (cursor, signal) =>
    api<{ items: CandidateListItem[]; nextCursor: string | null }>(`/api/v1/candidates${toSearch({ ...params, cursor })}`, { signal }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setApplied(draft);
  }

  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setDraft((p) => ({ ...p, [k]: v }));

  return (
    <Page title={t("candidates.list.title")}>
      {canWriteCandidates(me.role) && (
        <div className="form-actions">
          <Button asChild>
            <RouterLink to="/candidates/new">{t("candidates.list.new")}</RouterLink>
          </Button>
          <Button asChild variant="secondary">
            <RouterLink to="/candidates/import">{t("candidates.list.import")}</RouterLink>
          </Button>
          {me.role === "admin" && (
            <Button asChild variant="tertiary">
              <a href="/api/v1/candidates/export.csv" download>
                {t("candidates.list.export")}
              </a>
            </Button>
          )}
        </div>
      )}

      <section className="section" aria-labelledby="filters-heading">
        <Heading level={2} data-size="xs" id="filters-heading">
          {t("candidates.list.filters")}
        </Heading>
        <form className="filters" noValidate onSubmit={onSubmit} role="search" aria-labelledby="filters-heading">
          <Textfield id="filter-q" label={t("candidates.list.search")} description={t("candidates.list.searchHint")} type="search" value={draft.q} onChange={(e) => set("q", e.target.value)} />
          {hasCaseload && (
            <Fieldset>
              <Fieldset.Legend>{t("candidates.list.scope")}</Fieldset.Legend>
              <div className="row">
                <Radio id="filter-scope-mine" name="scope" label={t("candidates.list.scopeMine")} value="mine" checked={draft.scope === "mine"} onChange={() => set("scope", "mine")} />
                <Radio id="filter-scope-all" name="scope" label={t("candidates.list.scopeAll")} value="all" checked={draft.scope === "all"} onChange={() => set("scope", "all")} />
              </div>
            </Fieldset>
          )}
          <Details>
            <Details.Summary>{t("candidates.list.moreFilters")}</Details.Summary>
            <Details.Content>
              <div className="grid2">
                <FilterSelect id="filter-status" label={t("candidates.fields.status")} value={draft.status} onChange={(v) => set("status", v)} options={candidateStatuses.map((s) => [s, t(`candidates.statuses.${s}`)])} />
                <FilterSelect id="filter-norwegian" label={t("candidates.list.norwegianLevel")} value={draft.norwegianLevel} onChange={(v) => set("norwegianLevel", v)} options={cefrLevels.map((l) => [l, t("candidates.list.atLeast", { level: l })])} />
                <FilterSelect id="filter-education" label={t("candidates.fields.educationLevel")} value={draft.educationLevel} onChange={(v) => set("educationLevel", v)} options={educationLevels.map((l) => [l, t(`candidates.educationLevels.${l}`)])} />
                <FilterSelect id="filter-licence" label={t("candidates.list.drivingLicence")} value={draft.drivingLicence} onChange={(v) => set("drivingLicence", v)} options={drivingLicenceClasses.map((c) => [c, c])} />
                <Textfield id="filter-municipality" label={t("candidates.fields.municipality")} value={draft.municipality} onChange={(e) => set("municipality", e.target.value)} />
              </div>
              <ConceptPicker id="filter-occupation" kind="occupations" label={t("candidates.list.occupation")} value={draft.occupation} onChange={(v) => set("occupation", v)} max={1} />
              <ConceptPicker id="filter-skill" kind="skills" label={t("candidates.list.skill")} value={draft.skill} onChange={(v) => set("skill", v)} max={1} />
            </Details.Content>
          </Details>
          <FilterSelect
            id="filter-sort"
            label={t("candidates.list.sort")}
            value={draft.sort}
            onChange={(v) => set("sort", v === "name" ? "name" : "updated")}
            options={[
              ["updated", t("candidates.list.sortUpdated")],
              ["name", t("candidates.list.sortName")],
            ]}
            noEmpty
          />
          <div className="form-actions">
            <Button type="submit">{t("candidates.list.apply")}</Button>
            <Button
              type="button"
              variant="tertiary"
              onClick={() => {
                const cleared = { ...EMPTY, scope: draft.scope };
                setDraft(cleared);
                setApplied(cleared);
              }}
            >
              {t("candidates.list.clear")}
            </Button>
          </div>
        </form>
        <SavedFilters
          current={draft}
          onUse={(f) => {
            setDraft(f);
            setApplied(f);
          }}
        />
      </section>

      <ListResults headingId="results-heading" heading={t("candidates.list.results")} texts="candidates.list" list={list} count={items.length} empty={t("candidates.list.none")}>
        <Table zebra className="candidates-table">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("candidates.fields.name")}</Table.HeaderCell>
              <Table.HeaderCell>{t("candidates.fields.status")}</Table.HeaderCell>
              <Table.HeaderCell>{t("candidates.list.occupations")}</Table.HeaderCell>
              <Table.HeaderCell>{t("candidates.list.norwegian")}</Table.HeaderCell>
              <Table.HeaderCell>{t("candidates.fields.municipality")}</Table.HeaderCell>
              <Table.HeaderCell>{t("candidates.fields.advisor")}</Table.HeaderCell>
              <Table.HeaderCell>{t("candidates.list.updated")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((c) => (
              <Table.Row key={c.id}>
                <Table.Cell>
                  <Link asChild>
                    <RouterLink to="/candidates/$id" params={{ id: c.id }}>
                      {c.firstName} {c.lastName}
                    </RouterLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>
                  <Tag data-color={c.status === "active" ? "success" : c.status === "in_work" ? "info" : "neutral"}>{t(`candidates.statuses.${c.status}`)}</Tag>
                </Table.Cell>
                <Table.Cell>{c.occupations.map((o) => o.label).join(", ")}</Table.Cell>
                <Table.Cell>{c.norwegianLevel ?? "–"}</Table.Cell>
                <Table.Cell>{c.municipality}</Table.Cell>
                <Table.Cell>{c.advisor?.name ?? "–"}</Table.Cell>
                <Table.Cell className="nowrap">{formatDate(c.updatedAt)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ListResults>
    </Page>
  );
}

function FilterSelect(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][]; noEmpty?: boolean }) {
  const { t } = useTranslation();
  return (
    <Field>
      <Label htmlFor={props.id}>{props.label}</Label>
      <Select id={props.id} width="auto" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {!props.noEmpty && <Select.Option value="">{t("candidates.list.any")}</Select.Option>}
        {props.options.map(([v, l]) => (
          <Select.Option key={v} value={v}>
            {l}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

function SavedFilters({ current, onUse }: { current: Filters; onUse: (f: Filters) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [saved, setSaved] = useState<Saved[]>(() => loadSaved(me.user.id));
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState("");
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | undefined>();

  function update(list: Saved[]) {
    setSaved(list);
    storeSaved(me.user.id, list);
  }

  return (
    <Details>
      <Details.Summary>{t("candidates.saved.title")}</Details.Summary>
      <Details.Content>
        <div className="stack">
          <Paragraph data-size="sm" className="muted">
            {t("candidates.saved.localOnly")}
          </Paragraph>
          {saved.length > 0 && (
            <div className="row">
              <FilterSelect id="saved-filter" label={t("candidates.saved.choose")} value={chosen} onChange={setChosen} options={saved.map((s) => [s.name, s.name])} />
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  const s = saved.find((x) => x.name === chosen);
                  if (s) {
                    onUse({ ...EMPTY, ...s.filters });
                    setMessage(t("candidates.saved.used", { name: s.name }));
                  }
                }}
              >
                {t("candidates.saved.use")}
              </Button>
              <Button
                type="button"
                variant="tertiary"
                data-color="danger"
                onClick={() => {
                  if (!chosen) return;
                  update(saved.filter((x) => x.name !== chosen));
                  setMessage(t("candidates.saved.deleted", { name: chosen }));
                  setChosen("");
                }}
              >
                {t("candidates.saved.delete")}
              </Button>
            </div>
          )}
          <form
            className="row"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const n = name.trim();
              if (!n) return setError(t("candidates.saved.nameRequired"));
              setError(undefined);
              update([...saved.filter((x) => x.name !== n), { name: n, filters: current }]);
              setMessage(t("candidates.saved.savedAs", { name: n }));
              setName("");
            }}
          >
            <Textfield id="saved-name" label={t("candidates.saved.name")} value={name} onChange={(e) => setName(e.target.value)} error={error} maxLength={60} />
            <Button type="submit" variant="secondary">
              {t("candidates.saved.save")}
            </Button>
          </form>
          <div role="status" aria-live="polite">
            {message}
          </div>
        </div>
      </Details.Content>
    </Details>
  );
}
