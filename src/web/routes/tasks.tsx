import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Alert, Button, Fieldset, Link, Paragraph, Radio, Table, Tag } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { QueryState, StatusMessage, type StatusMessageValue } from "../components/QueryState.tsx";
import { api } from "../api.ts";
import { useMe } from "../session.ts";
import { errorMessage } from "../errors.ts";
import { formatDate } from "../format.ts";
import { tasksQuery, type Task } from "../features/employers/api.ts";

/** Follow-ups from the employer timelines: what is due, overdue first. Admins may look at everyone's. */
export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as { scope?: string; include?: string };
  const scope = me.role === "admin" && search.scope === "all" ? "all" : "mine";
  const include = search.include === "done" ? "done" : "open";
  const tasks = useQuery(tasksQuery(scope, include));
  const [message, setMessage] = useState<StatusMessageValue>(null);

  const mark = useMutation({
    mutationFn: ({ task, done }: { task: Task; done: boolean }) => api(`/api/v1/tasks/${encodeURIComponent(task.activityId)}`, { method: "PATCH", body: { done } }),
    onSuccess: async (_r, { task, done }) => {
      setMessage({ kind: "success", text: t(done ? "tasks.markedDone" : "tasks.reopened", { text: task.text }) });
      await queryClient.invalidateQueries({ queryKey: ["tasks"] });
      await queryClient.invalidateQueries({ queryKey: ["employers"] });
    },
    onError: (e) => setMessage({ kind: "danger", text: errorMessage(t, e) }),
  });

  const items = [...(tasks.data?.items ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const overdue = items.filter((x) => x.overdue && !x.doneAt).length;
  const go = (next: { scope?: string; include?: string }) => {
    setMessage(null);
    void navigate({ to: "/tasks", search: { ...(scope === "all" ? { scope } : {}), ...(include === "done" ? { include } : {}), ...next } });
  };

  return (
    <Page title={t("tasks.title")} lead={<Paragraph>{t("tasks.lead")}</Paragraph>}>
      <div className="row">
        {me.role === "admin" && (
          <Fieldset>
            <Fieldset.Legend>{t("tasks.scope")}</Fieldset.Legend>
            <div className="row">
              <Radio id="tasks-scope-mine" name="scope" label={t("tasks.scopeMine")} value="mine" checked={scope === "mine"} onChange={() => go({ scope: undefined })} />
              <Radio id="tasks-scope-all" name="scope" label={t("tasks.scopeAll")} value="all" checked={scope === "all"} onChange={() => go({ scope: "all" })} />
            </div>
          </Fieldset>
        )}
        <Fieldset>
          <Fieldset.Legend>{t("tasks.show")}</Fieldset.Legend>
          <div className="row">
            <Radio id="tasks-open" name="include" label={t("tasks.open")} value="open" checked={include === "open"} onChange={() => go({ include: undefined })} />
            <Radio id="tasks-done" name="include" label={t("tasks.done")} value="done" checked={include === "done"} onChange={() => go({ include: "done" })} />
          </div>
        </Fieldset>
      </div>
      <StatusMessage message={message} />
      <QueryState query={tasks} isEmpty={items.length === 0} empty={include === "open" ? t("tasks.noneOpen") : t("tasks.noneDone")} />
      {include === "open" && overdue > 0 && (
        <Alert data-color="warning">
          <Paragraph>{t("tasks.overdueCount", { count: overdue })}</Paragraph>
        </Alert>
      )}
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="tasks-caption">
          <Table zebra className="tasks-table">
            <caption id="tasks-caption" className="visually-hidden">
              {t(include === "open" ? "tasks.captionOpen" : "tasks.captionDone", { count: items.length })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("tasks.due")}</Table.HeaderCell>
                <Table.HeaderCell>{t("tasks.task")}</Table.HeaderCell>
                <Table.HeaderCell>{t("tasks.employer")}</Table.HeaderCell>
                <Table.HeaderCell>{t("common.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((task) => (
                <Table.Row key={task.activityId} data-overdue={task.overdue && !task.doneAt ? "true" : undefined}>
                  <Table.Cell className="nowrap">
                    {formatDate(task.dueOn)}{" "}
                    {task.overdue && !task.doneAt && <Tag data-color="danger">{t("tasks.overdue")}</Tag>}
                    {task.doneAt && <span className="muted small">{t("tasks.doneAt", { date: formatDate(task.doneAt) })}</span>}
                  </Table.Cell>
                  <Table.Cell>{task.text}</Table.Cell>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to="/employers/$id" params={{ id: task.employer.id }}>
                        {task.employer.name}
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    <Button
                      variant="secondary"
                      data-size="sm"
                      onClick={() => mark.mutate({ task, done: !task.doneAt })}
                      loading={mark.isPending && mark.variables.task.activityId === task.activityId}
                      aria-label={t(task.doneAt ? "tasks.reopenNamed" : "tasks.markDoneNamed", { text: task.text })}
                    >
                      {task.doneAt ? t("tasks.reopen") : t("tasks.markDone")}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Page>
  );
}
