import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert, Button, Checkbox, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Page } from "../components/Page.tsx";
import { FormErrors } from "../components/FormErrors.tsx";
import { useForm } from "../components/useForm.ts";
import { LoadMore, QueryState, useKeysetList } from "../components/QueryState.tsx";
import { formatDateTime } from "../format.ts";
import { uiLang } from "../features/candidates/pickers.tsx";
import { getMentorSelf, listMentorships, signDeclaration, type MentorSelf } from "../features/mentoring/api.ts";
import { RelationshipCards } from "../features/mentoring/components.tsx";

/**
 * The mentor's own start page, "Mine mentees" (/mentor): first the confidentiality declaration to sign (no mentee
 * is shown before), then their own relationships, proposals waiting for their answer first.
 */
export function MentorHomePage() {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.resolvedLanguage);
  const self = useQuery({ queryKey: ["mentoring", "me", lang], queryFn: ({ signal }) => getMentorSelf(lang, signal) });
  return (
    <Page title={t("mentoring.mine.title")} lead={<Paragraph>{t("mentoring.mine.lead")}</Paragraph>}>
      <QueryState query={self} isEmpty={false} empty={null} />
      {self.data && !self.data.mentor && (
        <Alert data-color="info">
          <Paragraph>{t("mentoring.mine.notRegistered")}</Paragraph>
        </Alert>
      )}
      {self.data?.mentor && !self.data.signedAt && <DeclarationForm self={self.data} />}
      {self.data?.mentor && self.data.signedAt && (
        <>
          <Paragraph data-size="sm">{t("mentoring.mine.signed", { date: formatDateTime(self.data.signedAt) })}</Paragraph>
          <MyMentees lang={lang} />
        </>
      )}
    </Page>
  );
}

function MyMentees({ lang }: { lang: "nb" | "en" }) {
  const { t } = useTranslation();
  const { list, items } = useKeysetList(["mentoring", "relationships", "mine", lang], (cursor, signal) => listMentorships({ cursor }, lang, signal));
  const waiting = items.filter((m) => m.status === "proposed" && !m.mentorAcceptedAt);
  const others = items.filter((m) => !waiting.includes(m));
  return (
    <>
      <QueryState query={list} isEmpty={items.length === 0} empty={t("mentoring.mine.none")} />
      {waiting.length > 0 && (
        <section className="section" aria-labelledby="mine-waiting">
          <Heading level={2} data-size="xs" id="mine-waiting">
            {t("mentoring.mine.waiting", { count: waiting.length })}
          </Heading>
          <RelationshipCards items={waiting} as="mentor" />
        </section>
      )}
      {others.length > 0 && (
        <section className="section" aria-labelledby="mine-mentees">
          <Heading level={2} data-size="xs" id="mine-mentees">
            {t("mentoring.mine.mentees")}
          </Heading>
          <RelationshipCards items={others} as="mentor" />
        </section>
      )}
      <LoadMore list={list} />
    </>
  );
}

function DeclarationForm({ self }: { self: MentorSelf }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ agree: "declaration-agree" });
  const [agree, setAgree] = useState(false);
  const text = uiLang(i18n.resolvedLanguage) === "en" ? self.declaration.en : self.declaration.nb;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!agree) return form.fail({ agree: t("mentoring.declaration.agreeRequired") });
    void form.run(async () => {
      await signDeclaration(self.declaration.version);
      await queryClient.invalidateQueries({ queryKey: ["mentoring"] });
    });
  };
  return (
    <section className="section" aria-labelledby="declaration-heading">
      <Heading level={2} data-size="xs" id="declaration-heading">
        {t("mentoring.declaration.title")}
      </Heading>
      <Paragraph>{t("mentoring.declaration.lead")}</Paragraph>
      <blockquote className="mentoring-declaration">
        <Paragraph>{text}</Paragraph>
      </blockquote>
      <form onSubmit={submit} className="mentoring-form" noValidate>
        <FormErrors errors={form.summary} attempt={form.attempt} />
        <Checkbox id="declaration-agree" label={t("mentoring.declaration.agree")} checked={agree} onChange={(e) => setAgree(e.target.checked)} error={form.errors.agree} />
        <div>
          <Button type="submit" loading={form.busy}>
            {t("mentoring.declaration.sign")}
          </Button>
        </div>
      </form>
    </section>
  );
}
