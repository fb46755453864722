import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Paragraph, Spinner, Table } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import type { NetworkStatsList, NetworkStatsRow } from "../../shared/public-stats.ts";
import { figureText } from "../features/public/stats.ts";

/*
 * /admin/networks: every network side by side, for instance administrators (GET /api/v1/admin/networks/stats):
 * people in work and companies over each network's whole history, placements in the last 12 months, and the main
 * goal's progress. Aggregates only, counts under 5 shown as "under 5". Sorted by name.
 */

export function AdminNetworksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === "en" ? "en" : "nb";
  const list = useQuery({
    queryKey: ["admin", "networks", "stats", lang],
    queryFn: ({ signal }) => api<NetworkStatsList>(`/api/v1/admin/networks/stats?lang=${lang}`, { signal }),
  });
  return (
    <Page title={t("adminNetworks.title")} lead={<Paragraph>{t("adminNetworks.lead")}</Paragraph>}>
      {list.isPending && <Spinner aria-label={t("common.loading")} />}
      {list.isError && (
        <Alert data-color="danger">
          <Paragraph>{errorMessage(t, list.error)}</Paragraph>
        </Alert>
      )}
      {list.data && (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="admin-networks-caption">
            <Table zebra className="placements-table">
              <caption id="admin-networks-caption">{t("adminNetworks.caption", { count: list.data.items.length })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("adminNetworks.columns.name")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("adminNetworks.columns.municipality")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("adminNetworks.columns.peopleInWork")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("adminNetworks.columns.companies")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("adminNetworks.columns.placements")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("adminNetworks.columns.goal")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("adminNetworks.columns.public")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {list.data.items.map((row) => (
                  <NetworkRow key={row.id} row={row} lang={lang} min={list.data.minimumGroupSize} />
                ))}
              </Table.Body>
            </Table>
          </div>
          <Paragraph data-size="sm">{t("adminNetworks.footnote", { min: list.data.minimumGroupSize })}</Paragraph>
        </>
      )}
    </Page>
  );
}

function NetworkRow({ row, lang, min }: { row: NetworkStatsRow; lang: "nb" | "en"; min: number }) {
  const { t } = useTranslation();
  const goal = row.mainGoal;
  return (
    <Table.Row>
      <Table.HeaderCell scope="row">{row.name}</Table.HeaderCell>
      <Table.Cell>{row.municipality || "–"}</Table.Cell>
      <Table.Cell>{figureText(row.peopleInWork, lang, min)}</Table.Cell>
      <Table.Cell>{figureText(row.companies, lang, min)}</Table.Cell>
      <Table.Cell>{figureText(row.placementsLast12Months, lang, min)}</Table.Cell>
      <Table.Cell>
        {goal ? (
          <>
            {t("adminNetworks.goalProgress", {
              people: figureText(goal.people, lang, min),
              target: goal.target.toLocaleString(lang === "nb" ? "nb-NO" : "en-GB"),
            })}
            {goal.share !== null && ` (${Math.round(goal.share * 100)} %)`}
            <br />
            <span className="muted">
              {goal.name}
              {goal.status && ` · ${t(`adminNetworks.status.${goal.status}`)}`}
            </span>
          </>
        ) : (
          t("adminNetworks.noGoal")
        )}
      </Table.Cell>
      <Table.Cell>{row.publicStatsEnabled ? t("common.yes") : t("common.no")}</Table.Cell>
    </Table.Row>
  );
}
