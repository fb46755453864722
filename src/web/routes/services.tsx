import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button, Field, Heading, Label, Paragraph, Select, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { QueryState, StatusMessage, type StatusMessageValue } from "../components/QueryState.tsx";
import { useForm } from "../components/useForm.ts";
import { api } from "../api.ts";
import { errorMessage } from "../errors.ts";
import { partnerKinds, partnersQuery, serviceTypesQuery, type PartnerKind, type ServiceType } from "../features/services/api.ts";

/** Tjenester: the network's partner organisations and its service types with their default partner (admin). */
export function ServicesSettingsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("services.settings.title")} lead={<Paragraph>{t("services.settings.lead")}</Paragraph>}>
      <PartnersSection />
      <ServiceTypesSection />
    </Page>
  );
}

function PartnersSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const partners = useQuery(partnersQuery);
  const form = useForm({ name: "partner-name", kind: "partner-kind" });
  const [name, setName] = useState("");
  const [kind, setKind] = useState<PartnerKind>("volunteer");
  const [message, setMessage] = useState<StatusMessageValue>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!name.trim()) return form.fail({ name: t("services.partners.nameRequired") });
    await form.run(async () => {
      await api("/api/v1/services/partners", { method: "POST", body: { name: name.trim(), kind } });
      setMessage({ kind: "success", text: t("services.partners.added", { name: name.trim() }) });
      setName("");
      await queryClient.invalidateQueries({ queryKey: ["services"] });
    });
  }

  const items = partners.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="partners-heading">
      <Heading level={2} data-size="sm" id="partners-heading">
        {t("services.partners.title")}
      </Heading>
      <Paragraph>{t("services.partners.lead")}</Paragraph>
      <QueryState query={partners} isEmpty={items.length === 0} empty={t("services.partners.none")} />
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="partners-caption">
          <Table zebra>
            <caption id="partners-caption" className="visually-hidden">
              {t("services.partners.caption", { count: items.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("services.partners.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("services.partners.kind")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{p.name}</Table.Cell>
                  <Table.Cell>{t(`services.partnerKinds.${p.kind}`)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <StatusMessage message={message} />
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="partner-add-heading">
        <Heading level={3} data-size="xs" id="partner-add-heading">
          {t("services.partners.add")}
        </Heading>
        <div className="row">
          <Textfield id="partner-name" label={t("services.partners.name")} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} maxLength={200} />
          <Field>
            <Label htmlFor="partner-kind">{t("services.partners.kind")}</Label>
            <Select id="partner-kind" width="auto" value={kind} onChange={(e) => setKind(e.target.value as PartnerKind)}>
              {partnerKinds.map((k) => (
                <Select.Option key={k} value={k}>
                  {t(`services.partnerKinds.${k}`)}
                </Select.Option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="form-actions">
          <Button type="submit" loading={form.busy}>
            {t("services.partners.addButton")}
          </Button>
        </div>
      </form>
    </section>
  );
}

function ServiceTypesSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const types = useQuery(serviceTypesQuery);
  const partners = useQuery(partnersQuery);
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const form = useForm({ name: "type-name" });
  const [name, setName] = useState("");

  const change = useMutation({
    mutationFn: ({ type, patch }: { type: ServiceType; patch: { defaultPartnerId?: string | null; archived?: boolean } }) =>
      api(`/api/v1/services/types/${encodeURIComponent(type.id)}`, { method: "PATCH", body: patch }),
    onSuccess: async (_r, { type }) => {
      setMessage({ kind: "success", text: t("services.types.saved", { name: type.name }) });
      await queryClient.invalidateQueries({ queryKey: ["services", "types"] });
    },
    onError: (e) => setMessage({ kind: "danger", text: errorMessage(t, e) }),
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!name.trim()) return form.fail({ name: t("services.types.nameRequired") });
    await form.run(async () => {
      await api("/api/v1/services/types", { method: "POST", body: { name: name.trim() } });
      setMessage({ kind: "success", text: t("services.types.added", { name: name.trim() }) });
      setName("");
      await queryClient.invalidateQueries({ queryKey: ["services", "types"] });
    });
  }

  const items = types.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="types-heading">
      <Heading level={2} data-size="sm" id="types-heading">
        {t("services.types.title")}
      </Heading>
      <Paragraph>{t("services.types.lead")}</Paragraph>
      <QueryState query={types} isEmpty={items.length === 0} empty={t("services.types.none")} />
      <StatusMessage message={message} />
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="types-caption">
          <Table zebra>
            <caption id="types-caption" className="visually-hidden">
              {t("services.types.caption", { count: items.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("services.types.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("services.types.defaultPartner")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((type) => (
                <Table.Row key={type.id}>
                  <Table.Cell>
                    {type.name} {type.archived && <Tag data-color="neutral">{t("services.types.archived")}</Tag>}
                  </Table.Cell>
                  <Table.Cell>
                    <Select
                      id={`type-partner-${type.id}`}
                      aria-label={t("services.types.defaultPartnerFor", { name: type.name })}
                      width="auto"
                      value={type.defaultPartner?.id ?? ""}
                      onChange={(e) => change.mutate({ type, patch: { defaultPartnerId: e.target.value || null } })}
                    >
                      <Select.Option value="">{t("services.types.noPartner")}</Select.Option>
                      {(partners.data?.items ?? []).map((p) => (
                        <Select.Option key={p.id} value={p.id}>
                          {p.name}
                        </Select.Option>
                      ))}
                    </Select>
                  </Table.Cell>
                  <Table.Cell>
                    <Button variant="secondary" data-size="sm" onClick={() => change.mutate({ type, patch: { archived: !type.archived } })} aria-label={t(type.archived ? "services.types.restoreNamed" : "services.types.archiveNamed", { name: type.name })}>
                      {t(type.archived ? "services.types.restore" : "services.types.archive")}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <FormErrors errors={form.summary} attempt={form.attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <Textfield id="type-name" label={t("services.types.newName")} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} maxLength={200} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={form.busy}>
            {t("services.types.add")}
          </Button>
        </div>
      </form>
    </section>
  );
}
