import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp } from "../testing/test-app.ts";
import type { TestApp } from "../testing/test-app.ts";
import { createMailer } from "../mail/service.ts";
import { startSmtpCapture } from "../testing/smtp-capture.ts";
import { insertTestContact, insertTestEmployer } from "../employers/test-fixtures.ts";
import { makeCandidate } from "../placements/test-fixtures.ts";
import { candidates } from "../candidates/tables.ts";
import { eventIcs } from "./ics.ts";

/** The calendar part of a raw MIME message, decoded (nodemailer sends it base64 or quoted-printable). */
function calendarPart(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  const part = parts.find((p) => /content-type: text\/calendar/i.test(p));
  if (!part) throw new Error("no calendar part");
  const [head, ...body] = part.split(/\r?\n\r?\n/);
  const content = body.join("\n\n").split(/\r?\n--/)[0]!;
  if (/content-transfer-encoding: base64/i.test(head!)) return Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/content-transfer-encoding: quoted-printable/i.test(head!)) {
    return Buffer.from(content.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
  }
  return content;
}

/** The properties of an iCalendar text (RFC 5545 §3.1: folded lines unfolded), as [name, params, value]. */
function parseIcs(text: string) {
  return text
    .replace(/\r?\n[ \t]/g, "")
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(":");
      const [name, ...params] = line.slice(0, colon).split(";");
      return { name: name!, params, value: line.slice(colon + 1) };
    });
}
const prop = (props: ReturnType<typeof parseIcs>, name: string) => props.find((p) => p.name === name)?.value;

describe("the calendar file", () => {
  it("describes the event in UTC with a stable UID and the change count", () => {
    const ics = eventIcs({
      id: "6f1c9a8e-1111-4222-8333-444455556666",
      title: "Rekrutteringsdag; helse, omsorg",
      description: "Møt arbeidsgivere i helse og omsorg.\nTa med CV.",
      place: "Bærum rådhus, Arnold Haukelands plass 10",
      startsAt: new Date("2026-08-12T08:00:00Z"),
      endsAt: new Date("2026-08-12T12:00:00Z"),
      sequence: 2,
      updatedAt: new Date("2026-06-01T10:00:00Z"),
      url: "https://mangfold.example.no",
      organiser: { name: "Globale Bærum", email: "no-reply@mangfold.example.no" },
    });
    const props = parseIcs(ics);
    expect(prop(props, "BEGIN")).toBe("VCALENDAR");
    expect(prop(props, "METHOD")).toBe("PUBLISH");
    expect(prop(props, "UID")).toBe("6f1c9a8e-1111-4222-8333-444455556666@mangfold.example.no");
    expect(prop(props, "SEQUENCE")).toBe("2");
    expect(prop(props, "DTSTART")).toBe("20260812T080000Z");
    expect(prop(props, "DTEND")).toBe("20260812T120000Z");
    // Text values are escaped (\; \, \n) and long lines folded; unfolded they read back.
    expect(prop(props, "SUMMARY")).toBe("Rekrutteringsdag\\; helse\\, omsorg");
    expect(prop(props, "LOCATION")).toBe("Bærum rådhus\\, Arnold Haukelands plass 10");
    expect(prop(props, "DESCRIPTION")).toBe("Møt arbeidsgivere i helse og omsorg.\\nTa med CV.");
    expect(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});

describe("events API", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp["as"]>>;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ config: { smtpUrl: smtp.url }, mailer: createMailer({ smtpUrl: smtp.url, from: "Mangfold <no-reply@mangfold.test>" }) });
    admin = await t.as("admin");
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("creates an event with partners, invites a candidate and a contact, and mails each a calendar file", async () => {
    const partner = (await admin.post("/api/v1/services/partners", { name: "NAV Bærum", kind: "nav" })).json();
    const created = await admin.post("/api/v1/events", {
      kind: "recruitment_day",
      title: "Rekrutteringsdag helse",
      startsAt: "2026-09-10T09:00:00+02:00",
      endsAt: "2026-09-10T13:00:00+02:00",
      place: "Sandvika storsenter",
      partnerIds: [partner.id],
    });
    expect(created.statusCode).toBe(201);
    const event = created.json();
    expect(event.partners).toEqual([{ id: partner.id, name: "NAV Bærum" }]);
    const candidate = await makeCandidate(t.ctx.db, admin.tenantId, { firstName: "Samira", email: "samira@example.no" });
    const silent = await makeCandidate(t.ctx.db, admin.tenantId, { firstName: "Uten", email: null });
    const employer = await insertTestEmployer(t.ctx.db, admin.tenantId, { name: "Omsorg AS" });
    const contact = await insertTestContact(t.ctx.db, admin.tenantId, employer.id, { name: "Hilde Leder", email: "hilde@omsorg.no" });
    const invited = await admin.post(`/api/v1/events/${event.id}/invitees`, { candidateIds: [candidate.id, silent.id], contactIds: [contact.id] });
    expect(invited.statusCode).toBe(201);
    expect(invited.json().invitees.map((i: { name: string; kind: string; hasEmail: boolean }) => [i.name, i.kind, i.hasEmail]).sort()).toEqual([
      ["Hilde Leder", "contact", true],
      [`Samira ${candidate.lastName}`, "candidate", true],
      [`Uten ${silent.lastName}`, "candidate", false],
    ]);

    const sent = await admin.post(`/api/v1/events/${event.id}/invitations`, {});
    expect(sent.json()).toEqual({ sent: 2, stored: 0, failed: 0, withoutEmail: 1 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["hilde@omsorg.no", "samira@example.no"]);
    const mail = smtp.received.find((m) => m.to[0] === "samira@example.no")!;
    expect(mail.data).toMatch(/Subject: .*Invitasjon/);
    const props = parseIcs(calendarPart(mail.data));
    expect(prop(props, "SUMMARY")).toBe("Rekrutteringsdag helse");
    expect(prop(props, "DTSTART")).toBe("20260910T070000Z");
    expect(prop(props, "LOCATION")).toBe("Sandvika storsenter");
    expect(prop(props, "UID")).toMatch(new RegExp(`^${event.id}@`));
    // The mail names the event, never the other invitees.
    expect(mail.text).not.toContain("Hilde");

    // Sent once: a second send goes to no one until asked to resend (after a change, with a higher SEQUENCE).
    expect((await admin.post(`/api/v1/events/${event.id}/invitations`, {})).json()).toMatchObject({ sent: 0, withoutEmail: 1 });
    await admin.patch(`/api/v1/events/${event.id}`, { startsAt: "2026-09-10T10:00:00+02:00" });
    expect((await admin.post(`/api/v1/events/${event.id}/invitations`, { resend: true })).json()).toMatchObject({ sent: 2 });
    const resent = parseIcs(calendarPart(smtp.received.at(-1)!.data));
    expect(prop(resent, "SEQUENCE")).toBe("1");
    expect(prop(resent, "DTSTART")).toBe("20260910T080000Z");
  });

  it("records registrations, attendance and the outcome", async () => {
    const event = (await admin.post("/api/v1/events", { kind: "stand", title: "Stand på Arendalsuka", startsAt: "2026-08-11T10:00:00+02:00", endsAt: "2026-08-11T16:00:00+02:00" })).json();
    const candidate = await makeCandidate(t.ctx.db, admin.tenantId);
    const invitee = (await admin.post(`/api/v1/events/${event.id}/invitees`, { candidateIds: [candidate.id] })).json().invitees[0];
    expect((await admin.patch(`/api/v1/events/${event.id}/invitees/${invitee.id}`, { status: "registered" })).json()).toMatchObject({ status: "registered", attended: null });
    expect((await admin.patch(`/api/v1/events/${event.id}/invitees/${invitee.id}`, { attended: true })).json()).toMatchObject({ status: "registered", attended: true });
    const outcome = await admin.patch(`/api/v1/events/${event.id}`, { interviewsAgreed: 3, outcomeNotes: "Tre intervjuer avtalt med Omsorg AS." });
    expect(outcome.json()).toMatchObject({ interviewsAgreed: 3, counts: { invited: 1, registered: 1, attended: 1 } });
  });

  it("refuses bad input without writing anything, and another network's people and events", async () => {
    const backwards = await admin.post("/api/v1/events", { kind: "job_fair", title: "Baklengs", startsAt: "2026-09-10T12:00:00+02:00", endsAt: "2026-09-10T09:00:00+02:00" });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe("body.endsAt");
    expect((await admin.post("/api/v1/events", { kind: "party", title: "X", startsAt: "2026-09-10T12:00:00+02:00", endsAt: "2026-09-10T13:00:00+02:00" })).statusCode).toBe(400);
    const other = await t.as("admin");
    const theirs = await makeCandidate(t.ctx.db, other.tenantId);
    const event = (await admin.post("/api/v1/events", { kind: "network_meeting", title: "Nettverksmøte", startsAt: "2026-10-01T09:00:00+02:00", endsAt: "2026-10-01T10:00:00+02:00" })).json();
    const mine = await makeCandidate(t.ctx.db, admin.tenantId);
    const mixed = await admin.post(`/api/v1/events/${event.id}/invitees`, { candidateIds: [mine.id, theirs.id] });
    expect(mixed.statusCode).toBe(400);
    expect((await admin.get(`/api/v1/events/${event.id}`)).json().invitees).toEqual([]);
    expect((await other.get(`/api/v1/events/${event.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/events/${event.id}/invitations`, {})).statusCode).toBe(404);
    expect((await other.get("/api/v1/events?when=all")).json().items).toEqual([]);
  });

  it("does not mail a candidate who asked to be erased", async () => {
    const event = (await admin.post("/api/v1/events", { kind: "job_fair", title: "Jobbmesse", startsAt: "2026-11-01T09:00:00+01:00", endsAt: "2026-11-01T12:00:00+01:00" })).json();
    const candidate = await makeCandidate(t.ctx.db, admin.tenantId, { email: "gone@example.no" });
    await admin.post(`/api/v1/events/${event.id}/invitees`, { candidateIds: [candidate.id] });
    await t.ctx.db.update(candidates).set({ erasureRequestedAt: new Date() }).where(eq(candidates.id, candidate.id));
    expect((await admin.post(`/api/v1/events/${event.id}/invitations`, {})).json()).toEqual({ sent: 0, stored: 0, failed: 0, withoutEmail: 1 });
  });

  it("lists upcoming events soonest first, past ones latest first, with paging", async () => {
    const now = Date.now();
    const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
    for (const days of [30, 10, 20, -5, -15]) await admin.post("/api/v1/events", { kind: "other", title: `Dag ${days}`, startsAt: at(days), endsAt: at(days + 0.1) });
    const other = await t.as("admin", admin.tenantId);
    const upcoming = (await other.get("/api/v1/events?when=upcoming&limit=2")).json();
    expect(upcoming.items.map((e: { title: string }) => e.title).slice(0, 2)).toEqual(["Dag 10", "Dag 20"]);
    const next = (await other.get(`/api/v1/events?when=upcoming&limit=2&cursor=${upcoming.nextCursor}`)).json();
    expect(next.items[0].title).toBe("Dag 30");
    const past = (await other.get("/api/v1/events?when=past")).json();
    expect(past.items.map((e: { title: string }) => e.title).filter((title: string) => title.startsWith("Dag"))).toEqual(["Dag -5", "Dag -15"]);
  });
});
