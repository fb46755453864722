import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { createTestApp } from "../testing/test-app.ts";
import { createMailer } from "./service.ts";
import { mailOutbox } from "./tables.ts";

type Received = { from: string; to: string[]; data: string };

/** A real SMTP server in the test: invitations travel over SMTP and arrive whole. */
describe("e-mail over SMTP", () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let data = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => (data += chunk));
        stream.on("end", () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("delivers an invitation and keeps only its envelope in the outbox", async () => {
    const smtpUrl = `smtp://127.0.0.1:${port}`;
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
