import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Fieldset, Link, Paragraph, Radio, Table } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { formatDateTime } from "../format.ts";
import { eventsQuery } from "../features/events/api.ts";

/** Arrangementer: the network's events, upcoming (soonest first) or past (latest first). */
export function EventsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { when?: string };
  const when = search.when === "past" ? "past" : "upcoming";
  const events = useQuery(eventsQuery(when));
  const items = events.data?.items ?? [];
  return (
    <Page title={t("events.title")} lead={<Paragraph>{t("events.lead")}</Paragraph>}>
      <div className="row">
        <Button asChild>
          <RouterLink to="/events/new">{t("events.new")}</RouterLink>
        </Button>
      </div>
      <Fieldset>
        <Fieldset.Legend>{t("events.show")}</Fieldset.Legend>
        <div className="row">
          <Radio id="events-upcoming" name="when" label={t("events.upcoming")} value="upcoming" checked={when === "upcoming"} onChange={() => void navigate({ to: "/events", search: {} })} />
          <Radio id="events-past" name="when" label={t("events.past")} value="past" checked={when === "past"} onChange={() => void navigate({ to: "/events", search: { when: "past" } })} />
        </div>
      </Fieldset>
      <QueryState query={events} isEmpty={items.length === 0} empty={t(when === "past" ? "events.nonePast" : "events.noneUpcoming")} />
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="events-caption">
          <Table zebra>
            <caption id="events-caption" className="visually-hidden">
              {t("events.caption", { count: items.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("events.when")}</Table.HeaderCell>
                <Table.HeaderCell>{t("events.eventTitle")}</Table.HeaderCell>
                <Table.HeaderCell>{t("events.kind")}</Table.HeaderCell>
                <Table.HeaderCell>{t("events.place")}</Table.HeaderCell>
                <Table.HeaderCell>{t("events.invitedRegistered")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((e) => (
                <Table.Row key={e.id}>
                  <Table.Cell className="nowrap">{formatDateTime(e.startsAt)}</Table.Cell>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to="/events/$eventId" params={{ eventId: e.id }}>
                        {e.title}
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{t(`events.kinds.${e.kind}`)}</Table.Cell>
                  <Table.Cell>{e.place}</Table.Cell>
                  <Table.Cell>{t("events.countsShort", { invited: e.counts.invited, registered: e.counts.registered })}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Page>
  );
}
