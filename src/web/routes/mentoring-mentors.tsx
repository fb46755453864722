import { useState, type FormEvent } from "react";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Link, Paragraph, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { LoadMore, QueryState, useKeysetList } from "../components/QueryState.tsx";
import { uiLang } from "../features/candidates/pickers.tsx";
import { listMentors } from "../features/mentoring/api.ts";

/** The network's mentors (/mentoring/mentors): organisation, load against capacity, declaration and login. */
export function MentorsPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const { list, items } = useKeysetList(["mentoring", "mentors", q, lang], (cursor, signal) => listMentors({ q: q || undefined, cursor }, lang, signal));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(draft.trim());
  };
  return (
    <Page title={t("mentoring.mentors.title")} lead={<Paragraph>{t("mentoring.mentors.lead")}</Paragraph>}>
      <div className="form-actions">
        <Button asChild>
          <RouterLink to="/mentoring/mentors/new">{t("mentoring.mentors.new")}</RouterLink>
        </Button>
        <Link asChild>
          <RouterLink to="/mentoring">{t("mentoring.overview.back")}</RouterLink>
        </Link>
      </div>
      <form role="search" onSubmit={submit} aria-label={t("mentoring.mentors.search")} className="row row--tight">
        <Textfield id="mentors-q" label={t("mentoring.mentors.search")} value={draft} onChange={(e) => setDraft(e.target.value)} />
        <Button type="submit" variant="secondary">
          {t("mentoring.mentors.searchButton")}
        </Button>
      </form>
      <QueryState query={list} isEmpty={items.length === 0} empty={t("mentoring.mentors.none")} />
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t("mentoring.mentors.title")} tabIndex={0}>
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("mentoring.mentorFields.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("mentoring.mentorFields.organisation")}</Table.HeaderCell>
                <Table.HeaderCell>{t("mentoring.mentorFields.municipality")}</Table.HeaderCell>
                <Table.HeaderCell>{t("mentoring.mentors.load")}</Table.HeaderCell>
                <Table.HeaderCell>{t("mentoring.mentors.declaration")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((m) => (
                <Table.Row key={m.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to="/mentoring/mentors/$id" params={{ id: m.id }}>
                        {m.name}
                      </RouterLink>
                    </Link>
                    {!m.active && <Tag data-color="neutral">{t("mentoring.mentors.inactive")}</Tag>}
                  </Table.Cell>
                  <Table.Cell>{m.organisation || "–"}</Table.Cell>
                  <Table.Cell>{m.municipality || "–"}</Table.Cell>
                  <Table.Cell>{t("mentoring.mentors.loadValue", { load: m.load, capacity: m.capacity })}</Table.Cell>
                  <Table.Cell>{m.declarationSignedAt ? t("mentoring.mentors.signed") : t("mentoring.mentors.notSigned")}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <LoadMore list={list} />
    </Page>
  );
}
