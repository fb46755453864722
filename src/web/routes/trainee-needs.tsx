import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Button, Field, Label, Link, Paragraph, Select, Table, Tag } from "@digdir/designsystemet-react";
import { needStatuses, traineeAreas } from "../../shared/trainee-recruitment.ts";
import { Page } from "../components/Page.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { useMe } from "../session.ts";
import { formatDate } from "../format.ts";
import { uiLang } from "../features/candidates/pickers.tsx";
import { canWriteNeeds, needsQuery } from "../features/trainee/recruitment-api.ts";
import { NeedStatusTag, ShortlistCounts } from "../features/trainee/recruitment-components.tsx";
import { CriteriaSection } from "../features/trainee/recruitment-criteria.tsx";

/** Rekrutteringsbehov: the municipality's recruitment needs for the trainee programme, newest first. */
export function TraineeNeedsPage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const me = useMe();
  const [area, setArea] = useState("");
  const [status, setStatus] = useState("");
  const needs = useQuery(needsQuery({ area, status }, lang));
  const items = needs.data?.items ?? [];

  return (
    <Page title={t("traineeRecruitment.list.title")} lead={<Paragraph>{t("traineeRecruitment.list.lead")}</Paragraph>}>
      {canWriteNeeds(me.role) && (
        <div className="form-actions">
          <Button asChild>
            <RouterLink to="/trainee/needs/new">{t("traineeRecruitment.list.new")}</RouterLink>
          </Button>
        </div>
      )}
      <div className="row" role="search" aria-label={t("traineeRecruitment.list.filters")}>
        <Field>
          <Label htmlFor="needs-area">{t("traineeRecruitment.fields.area")}</Label>
          <Select id="needs-area" width="auto" value={area} onChange={(e) => setArea(e.target.value)}>
            <Select.Option value="">{t("traineeRecruitment.list.allAreas")}</Select.Option>
            {traineeAreas.map((a) => (
              <Select.Option key={a} value={a}>
                {t(`traineeRecruitment.areas.${a}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="needs-status">{t("traineeRecruitment.fields.status")}</Label>
          <Select id="needs-status" width="auto" value={status} onChange={(e) => setStatus(e.target.value)}>
            <Select.Option value="">{t("traineeRecruitment.list.allStatuses")}</Select.Option>
            {needStatuses.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`traineeRecruitment.statuses.${s}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>
      <QueryState query={needs} isEmpty={items.length === 0} empty={<Paragraph>{t("traineeRecruitment.list.empty")}</Paragraph>} />
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="needs-caption" tabIndex={0}>
          <Table zebra>
            <caption id="needs-caption" className="visually-hidden">
              {t("traineeRecruitment.list.caption", { count: items.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("traineeRecruitment.fields.title")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.fields.unitName")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.fields.area")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.fields.positions")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.fields.startDate")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.fields.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("traineeRecruitment.shortlist.title")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((need) => (
                <Table.Row key={need.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to="/trainee/needs/$needId" params={{ needId: need.id }}>
                        {need.title}
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{need.unitName}</Table.Cell>
                  <Table.Cell>
                    <Tag data-size="sm" data-color="neutral">
                      {t(`traineeRecruitment.areas.${need.area}`)}
                    </Tag>
                  </Table.Cell>
                  <Table.Cell>{need.positions}</Table.Cell>
                  <Table.Cell>{need.startDate ? formatDate(need.startDate) : "–"}</Table.Cell>
                  <Table.Cell>
                    <NeedStatusTag status={need.status} />
                  </Table.Cell>
                  <Table.Cell>
                    <ShortlistCounts counts={need.shortlistCounts} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {canWriteNeeds(me.role) && <CriteriaSection />}
    </Page>
  );
}
