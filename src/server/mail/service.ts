import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { mailOutbox } from "./tables.ts";
import { afterCursor } from "../platform/paging.ts";
import type { Cursor } from "../platform/paging.ts";

export type MailMessage = {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Files sent with the message (e.g. an event's calendar file). Delivered by SMTP; the outbox keeps only the text. */
  attachments?: { filename: string; content: string; contentType: string }[];
  /** Holds a personal sign-in secret (password reset): delivered by SMTP only, never kept readable in the outbox. */
  confidential?: boolean;
};

export type Mailer = {
  /** Delivers over SMTP when configured; otherwise keeps the message in the outbox for an admin to read. */
  send(db: Db, message: MailMessage): Promise<{ id: string; status: "sent" | "stored" | "failed" }>;
  close(): void;
};

export function createMailer(options: { smtpUrl: string | undefined; from: string }): Mailer {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(db, message) {
      const base = { tenantId: message.tenantId, recipient: message.to, subject: message.subject };
      const keptBody = message.confidential ? { textBody: null, htmlBody: null } : { textBody: message.text, htmlBody: message.html ?? null };
      if (!transport) {
        const [row] = await db
          .insert(mailOutbox)
          .values({ ...base, ...keptBody, status: "stored" })
          .returning({ id: mailOutbox.id });
        return { id: row!.id, status: "stored" };
      }
      try {
        await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text, html: message.html, attachments: message.attachments });
        // Delivered: keep who and what about, not the body (it may hold a sign-in link).
        const [row] = await db
          .insert(mailOutbox)
          .values({ ...base, status: "sent", sentAt: new Date() })
          .returning({ id: mailOutbox.id });
        return { id: row!.id, status: "sent" };
      } catch (error) {
        const [row] = await db
          .insert(mailOutbox)
          .values({ ...base, ...keptBody, status: "failed", error: (error as Error).message.slice(0, 500) })
          .returning({ id: mailOutbox.id });
        return { id: row!.id, status: "failed" };
      }
    },
    close() {
      transport?.close();
    },
  };
}

export async function listOutbox(db: Db, tenantId: string, page: { limit: number; cursor?: Cursor | undefined }) {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), afterCursor(mailOutbox, page.cursor, "desc")))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(page.limit + 1);
}
