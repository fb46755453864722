import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { clientFor, cookiesOf, createTestApp } from "./testing/test-app.ts";
import type { TestApp } from "./testing/test-app.ts";
import { createApiToken } from "./platform/tokens.ts";
import { createMailer } from "./mail/service.ts";
import { startSmtpCapture } from "./testing/smtp-capture.ts";
import { upload } from "./candidates/test-taxonomy.ts";

/*
 * Log hygiene (issue 9): every line the app logs (pino, at the most verbose level), and whatever reaches the
 * console, while a representative flow runs — set-up of users, sign-in (right and wrong), a password reset, an
 * invitation, a candidate with contact data, a note and a national identity number, an API token, an upload,
 * failing requests and 500s forced from broken handlers — holds none of the secrets or personal data of the flow.
 */

const fnr = "01019012345"; // a made-up fødselsnummer (11 digits)
const secrets = {
  adminPassword: "Admin-passord-hemmelig-1",
  newPassword: "Nytt-passord-etter-reset-2",
  inviteePassword: "Invitert-passord-3",
  wrongPassword: "Feil-passord-prøvd-4",
  fnr,
  note: `Fortalte om helseplager og gjeld; fødselsnummer ${fnr}`,
  candidateEmail: "amal.hemmelig@example.no",
  candidatePhone: "+47 912 34 567",
  candidatePhoneDigits: "91234567",
  candidateSurname: "Loggløssen",
  adminEmail: "koordinator.hemmelig@example.no",
  inviteeEmail: "ny.kollega.hemmelig@example.no",
} as Record<string, string>;

describe("log hygiene", () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  const lines: string[] = [];
  const consoleLines: string[] = [];

  beforeAll(async () => {
    // Mail over SMTP, as in production: the links are in the mails, not in the admins' outbox.
    smtp = await startSmtpCapture();
    t = await createTestApp({ config: { smtpUrl: smtp.url }, mailer: createMailer({ smtpUrl: smtp.url, from: "no-reply@mangfold.test" }), logStream: { write: (line) => void lines.push(line) } });
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")));
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
    await smtp.close();
  });

  it("logs no password, session, token, link, note, national identity number, e-mail address or phone number", async () => {
    const network = await t.createNetwork();
    await t.createUser(network.id, "admin", { email: secrets.adminEmail!, password: secrets.adminPassword!, name: "Kari Koordinator" });

    // Sign-in: wrong, then right; the session cookie is a secret from here on.
    const wrong = await t.anonymous.post("/api/auth/sign-in/email", { email: secrets.adminEmail, password: secrets.wrongPassword });
    expect(wrong.statusCode).toBe(401);
    const signedIn = await t.anonymous.post("/api/auth/sign-in/email", { email: secrets.adminEmail, password: secrets.adminPassword });
    expect(signedIn.statusCode).toBe(200);
    const cookie = cookiesOf(signedIn);
    for (const [i, part] of cookie.split("; ").entries()) {
      const value = decodeURIComponent(part.slice(part.indexOf("=") + 1));
      secrets[`cookie${i}`] = value;
      secrets[`sessionToken${i}`] = value.split(".")[0]!;
    }
    const admin = clientFor(t.app, { cookie });
    expect((await admin.get("/api/v1/me")).statusCode).toBe(200);

    // An invitation: the link's token travels in the URL path.
    expect((await admin.post("/api/v1/invitations", { email: secrets.inviteeEmail, role: "advisor" })).statusCode).toBe(201);
    const mailTo = async (email: string) => {
      for (let i = 0; i < 100 && !smtp.received.some((m) => m.to.includes(email)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return smtp.received.filter((m) => m.to.includes(email)).at(-1)!.text;
    };
    const inviteToken = /\/invite\/([A-Za-z0-9_-]+)/.exec(await mailTo(secrets.inviteeEmail!))![1]!;
    secrets.inviteToken = inviteToken;
    expect((await t.anonymous.get(`/api/public/invitations/${inviteToken}`)).statusCode).toBe(200);
    expect((await t.anonymous.post(`/api/public/invitations/${inviteToken}/accept`, { name: "Ny Kollega", password: secrets.inviteePassword })).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/public/invitations/${inviteToken}`)).statusCode).toBeGreaterThanOrEqual(400);

    // A password reset: the token travels in the body.
    expect((await t.anonymous.post("/api/auth/request-password-reset", { email: secrets.adminEmail, redirectTo: "/reset-password" })).statusCode).toBe(200);
    const resetToken = decodeURIComponent(/reset-password\?token=([^\s&]+)/.exec(await mailTo(secrets.adminEmail!))![1]!);
    secrets.resetToken = resetToken;
    expect((await t.anonymous.post("/api/auth/reset-password", { token: resetToken, newPassword: secrets.newPassword })).statusCode).toBe(200);
    expect((await t.anonymous.post("/api/auth/reset-password", { token: resetToken, newPassword: secrets.newPassword })).statusCode).toBe(400);
    const again = await t.signIn(secrets.adminEmail!, secrets.newPassword!);

    // A candidate with contact data, a note, a document; searches and paths with personal data in them.
    const created = await again.post("/api/v1/candidates", { firstName: "Amal", lastName: secrets.candidateSurname, email: secrets.candidateEmail, phone: secrets.candidatePhone });
    expect(created.statusCode, created.body).toBe(201);
    const candidateId = created.json().id as string;
    expect((await again.post(`/api/v1/candidates/${candidateId}/notes`, { text: secrets.note })).statusCode).toBe(201);
    expect((await again.get(`/api/v1/candidates/${candidateId}/notes`)).statusCode).toBe(200);
    expect((await again.get(`/api/v1/candidates?q=${encodeURIComponent(secrets.candidateEmail!)}`)).statusCode).toBe(200);
    expect((await again.get(`/api/v1/candidates?q=${fnr}`)).statusCode).toBe(200);
    expect((await again.get(`/api/v1/candidates/${fnr}`)).statusCode).toBe(400);
    expect((await again.get(`/api/v1/no-such-route/${fnr}?email=${encodeURIComponent(secrets.candidateEmail!)}`)).statusCode).toBe(404);
    const doc = await upload(t, again, `/api/v1/candidates/${candidateId}/documents?name=${encodeURIComponent(`cv-${fnr}.pdf`)}`, Buffer.from("%PDF-1.7\n%%EOF\n"), "application/pdf");
    expect(doc.statusCode, doc.body).toBe(201);

    // Failing requests: invalid input that holds personal data, a refused upload, a wrong API token, malformed JSON.
    expect((await again.post("/api/v1/candidates", { firstName: "Amal", lastName: secrets.candidateSurname, email: `${fnr}@`, phone: `${secrets.candidatePhone} ${fnr}` })).statusCode).toBe(400);
    expect((await again.request("POST", `/api/v1/candidates/${candidateId}/notes`, `{"text": "${secrets.note}"`)).statusCode).toBe(400);
    expect((await upload(t, again, `/api/v1/candidates/${candidateId}/documents?name=${fnr}.pdf`, Buffer.from("MZ not a pdf"), "application/pdf")).statusCode).toBe(415);

    // An API token: right and wrong.
    const { token } = await createApiToken(t.ctx.db, { kind: "system", tenantId: network.id }, { tenantId: network.id, role: "admin", name: "integration" });
    secrets.apiToken = token;
    expect((await t.bearer(token).get("/api/v1/candidates")).statusCode).toBe(200);
    expect((await t.bearer(`${token}x`).get("/api/v1/candidates")).statusCode).toBe(401);

    // 500s forced from broken handlers: the database refuses the statement, whose parameters are personal data.
    await t.ctx.db.execute(sql`alter table candidate_notes rename to candidate_notes_broken`);
    // A trigger that fails (SQLSTATE P0001, a fault of ours): a refused check constraint would be the request's (400).
    await t.ctx.db.execute(sql.raw("create function log_hygiene_fail() returns trigger language plpgsql as $$ begin if new.phone = '+4799999999' then raise exception 'broken handler'; end if; return new; end $$"));
    await t.ctx.db.execute(sql.raw("create trigger log_hygiene_no_phone before update on candidates for each row execute function log_hygiene_fail()"));
    try {
      const failedNote = await again.post(`/api/v1/candidates/${candidateId}/notes`, { text: secrets.note });
      expect(failedNote.statusCode).toBe(500);
      expect(failedNote.body).not.toContain(fnr);
      const failedPatch = await again.patch(`/api/v1/candidates/${candidateId}`, { phone: "+4799999999", email: secrets.candidateEmail });
      expect(failedPatch.statusCode).toBe(500);
    } finally {
      await t.ctx.db.execute(sql`alter table candidate_notes_broken rename to candidate_notes`);
      await t.ctx.db.execute(sql`drop trigger log_hygiene_no_phone on candidates`);
      await t.ctx.db.execute(sql`drop function log_hygiene_fail()`);
    }
    secrets.forcedPhone = "+4799999999";

    // Sign-out.
    expect((await again.post("/api/auth/sign-out", {})).statusCode).toBe(200);

    const log = [...lines, ...consoleLines].join("\n");
    // The capture works: requests and the forced failures were logged, with what is safe to say about them.
    expect(lines.length).toBeGreaterThan(50);
    expect(log).toContain('"route":"/api/v1/candidates/:id/notes"');
    expect(lines.filter((line) => line.includes("request failed")).length).toBeGreaterThanOrEqual(2);
    const found = Object.entries(secrets).filter(([, value]) => log.includes(value));
    expect(found.map(([name]) => name), found.map(([name, value]) => `${name} (${value}) in: ${lines.find((line) => line.includes(value))?.slice(0, 400) ?? consoleLines.find((line) => line.includes(value))?.slice(0, 400)}`).join("\n")).toEqual([]);
    // And nothing that looks like any e-mail address, or an 11-digit number, at all.
    expect(log.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? []).toEqual([]);
    expect(log.match(/(?<!\d)\d{11}(?!\d)/g) ?? []).toEqual([]);
  }, 60_000);
});
