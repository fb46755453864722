import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Field, Heading, Label, Link, Paragraph, Select, Table, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { formatDateTime } from "../format.ts";
import { groupsQuery, partnersQuery, serviceTypesQuery, type Group } from "../features/services/api.ts";

/** Grupper: groups that meet over time (language groups, job clubs), with places, waiting list and next session. */
export function GroupsPage() {
  const { t } = useTranslation();
  const groups = useQuery(groupsQuery);
  const items = groups.data?.items ?? [];
  return (
    <Page title={t("groups.title")} lead={<Paragraph>{t("groups.lead")}</Paragraph>}>
      <QueryState query={groups} isEmpty={items.length === 0} empty={t("groups.none")} />
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="groups-caption">
          <Table zebra>
            <caption id="groups-caption" className="visually-hidden">
              {t("groups.caption", { count: items.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("groups.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.type")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.partner")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.places")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.waiting")}</Table.HeaderCell>
                <Table.HeaderCell>{t("groups.nextSession")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((g: Group) => (
                <Table.Row key={g.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to="/groups/$groupId" params={{ groupId: g.id }}>
                        {g.name}
                      </RouterLink>
                    </Link>
                    {g.place && <div className="muted small">{g.place}</div>}
                  </Table.Cell>
                  <Table.Cell>{g.serviceType.name}</Table.Cell>
                  <Table.Cell>{g.partner?.name ?? ""}</Table.Cell>
                  <Table.Cell>{t("groups.placesTaken", { taken: g.participants, capacity: g.capacity })}</Table.Cell>
                  <Table.Cell>{g.waiting}</Table.Cell>
                  <Table.Cell>{g.nextSession ? formatDateTime(g.nextSession) : ""}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <NewGroupForm />
    </Page>
  );
}

function NewGroupForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const types = useQuery(serviceTypesQuery);
  const partners = useQuery(partnersQuery);
  const form = useForm({ name: "group-name", serviceTypeId: "group-type", partnerId: "group-partner", place: "group-place", capacity: "group-capacity" });
  const active = (types.data?.items ?? []).filter((x) => !x.archived);
  const [draft, setDraft] = useState({ name: "", serviceTypeId: "", partnerId: "", place: "", capacity: "10" });
  const set = (key: keyof typeof draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const typeId = draft.serviceTypeId || active.find((x) => x.key === "language_group")?.id || active[0]?.id || "";

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!draft.name.trim()) errors.name = t("groups.form.nameRequired");
    const capacity = Number(draft.capacity);
    if (!Number.isInteger(capacity) || capacity < 1) errors.capacity = t("groups.form.capacityInvalid");
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      const group = await api<Group>("/api/v1/services/groups", {
        method: "POST",
        body: { name: draft.name.trim(), serviceTypeId: typeId, partnerId: draft.partnerId || null, place: draft.place.trim(), capacity },
      });
      await queryClient.invalidateQueries({ queryKey: ["services", "groups"] });
      await navigate({ to: "/groups/$groupId", params: { groupId: group.id } });
    });
  }

  return (
    <section className="section" aria-labelledby="new-group-heading">
      <Heading level={2} data-size="sm" id="new-group-heading">
        {t("groups.form.title")}
      </Heading>
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id="group-name" label={t("groups.name")} value={draft.name} onChange={(e) => set("name", e.target.value)} error={form.errors.name} maxLength={200} />
        <Field>
          <Label htmlFor="group-type">{t("groups.type")}</Label>
          <Select id="group-type" width="auto" value={typeId} onChange={(e) => set("serviceTypeId", e.target.value)}>
            {active.map((x) => (
              <Select.Option key={x.id} value={x.id}>
                {x.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="group-partner">{t("groups.partner")}</Label>
          <Select id="group-partner" width="auto" value={draft.partnerId} onChange={(e) => set("partnerId", e.target.value)}>
            <Select.Option value="">{t("groups.form.noPartner")}</Select.Option>
            {(partners.data?.items ?? []).map((p) => (
              <Select.Option key={p.id} value={p.id}>
                {p.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Textfield id="group-place" label={t("groups.place")} value={draft.place} onChange={(e) => set("place", e.target.value)} maxLength={300} />
        <Textfield id="group-capacity" label={t("groups.capacity")} inputMode="numeric" value={draft.capacity} onChange={(e) => set("capacity", e.target.value)} error={form.errors.capacity} />
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("groups.form.create")}
          </Button>
        </div>
      </form>
    </section>
  );
}
