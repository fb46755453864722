import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/test-app.ts";
import { createMailer } from "./service.ts";
import { mailOutbox } from "./tables.ts";
import { startSmtpCapture } from "../testing/smtp-capture.ts";

/** A real SMTP server in the test: invitations travel over SMTP and arrive whole. */
describe("e-mail over SMTP", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(() => smtp.close());

  it("delivers an invitation and keeps only its envelope in the outbox", async () => {
    const smtpUrl = smtp.url;
    const received = smtp.received;
    const t = await createTestApp({ config: { smtpUrl }, mailer: createMailer({ smtpUrl, from: "Mangfold <no-reply@mangfold.test>" }) });
    try {
      const admin = await t.as("admin");
      expect((await admin.post("/api/v1/invitations", { email: "colleague@example.no", role: "advisor" })).statusCode).toBe(201);
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual(["colleague@example.no"]);
      expect(received[0]!.from).toBe("no-reply@mangfold.test");
      expect(received[0]!.data).toMatch(/Subject: .*Invitasjon/);
      expect(received[0]!.data.replace(/=\r?\n/g, "")).toContain("/invite/");
      const [row] = await t.ctx.db.select().from(mailOutbox);
      expect(row).toMatchObject({ status: "sent", recipient: "colleague@example.no", textBody: null });
    } finally {
      await t.close();
    }
  });

  it("keeps the message with the error when the SMTP server cannot be reached", async () => {
    const smtpUrl = "smtp://127.0.0.1:1";
    const t = await createTestApp({ config: { smtpUrl }, mailer: createMailer({ smtpUrl, from: "no-reply@mangfold.test" }) });
    try {
      const admin = await t.as("admin");
      // The invitation itself stands; the admin sees the failed mail and can pass the link on.
      expect((await admin.post("/api/v1/invitations", { email: "x@example.no", role: "viewer" })).statusCode).toBe(201);
      const [mail] = (await admin.get("/api/v1/outbox")).json().items;
      expect(mail.status).toBe("failed");
      expect(mail.textBody).toContain("/invite/");
      expect(mail.error).toBeTruthy();
    } finally {
      await t.close();
    }
  });
});
