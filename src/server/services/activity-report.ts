import { and, eq, gte, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { checkPeriod, osloDate, osloMidnight } from "../platform/dates.ts";
import { suppressCount, suppressTable } from "../reports/suppression.ts";
import { eventInvitees, events } from "../events/tables.ts";
import { candidateServices, groupAttendance, groupSessions, partners, serviceGroups } from "./tables.ts";
import { listServiceTypes } from "./service.ts";
import { eventKinds } from "../../shared/events.ts";
import type { ActivityReport } from "../../shared/services.ts";

/*
 * The activity report: services delivered and group attendance by service type and by partner, and the events'
 * outcomes by kind, for a period. Aggregates only, suppressed with the one rule (reports/suppression.ts):
 * services, presences and absences are counts that add up to the published totals, so each column is suppressed
 * as a table with its total; distinct participants do not add up (one person can be in two groups), so each is a
 * single figure. The mentoring section comes from its own report (GET /api/v1/reports/mentoring).
 */

const noPartner = "none";

type Raw = { key: string; label: string; services: number; participants: number; sessions: number; present: number; absent: number };

function addDay(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function reportPeriod(query: { from?: string | undefined; to?: string | undefined }, now = new Date()) {
  const to = query.to ?? osloDate(now);
  const from = query.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  checkPeriod(from, to);
  return { from, to };
}

function publish(rows: Raw[]) {
  const column = (pick: (r: Raw) => number) => suppressTable(rows.map((r) => ({ key: r.key, count: pick(r) })), { publishTotal: true });
  const services = column((r) => r.services);
  const present = column((r) => r.present);
  const absent = column((r) => r.absent);
  const rate = (p: { count: number | null }, a: { count: number | null }) => (p.count !== null && a.count !== null && p.count + a.count > 0 ? p.count / (p.count + a.count) : null);
  const published = rows.map((r, i) => {
    const p = present.cells[i]!;
    const a = absent.cells[i]!;
    return {
      key: r.key,
      label: r.label,
      services: { count: services.cells[i]!.count, suppression: services.cells[i]!.suppression },
      groupParticipants: suppressCount(r.participants),
      sessions: r.sessions,
      present: { count: p.count, suppression: p.suppression },
      absent: { count: a.count, suppression: a.suppression },
      attendanceRate: rate(p, a),
    };
  });
  const total = (t: { total: number | null; totalSuppressed: boolean }) => ({ count: t.total, suppression: t.totalSuppressed ? ("suppressed" as const) : null });
  return { published, totals: { services: total(services), present: total(present), absent: total(absent) } };
}

export async function activityReport(db: Db, tenantId: string, query: { from?: string | undefined; to?: string | undefined }, now = new Date()): Promise<ActivityReport> {
  const period = reportPeriod(query, now);
  const start = osloMidnight(period.from);
  const end = osloMidnight(addDay(period.to));
  const types = await listServiceTypes(db, tenantId);
  const partnerRows = await db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.tenantId, tenantId));

  const serviceCounts = await db
    .select({ typeId: candidateServices.serviceTypeId, partnerId: candidateServices.partnerId, n: sql<number>`count(*)::int` })
    .from(candidateServices)
    .where(and(eq(candidateServices.tenantId, tenantId), gte(candidateServices.date, period.from), lte(candidateServices.date, period.to)))
    .groupBy(candidateServices.serviceTypeId, candidateServices.partnerId);

  const inPeriod = and(eq(groupSessions.tenantId, tenantId), gte(groupSessions.startsAt, start), lt(groupSessions.startsAt, end));
  const attendanceBy = async (by: "type" | "partner" | "total") => {
    const key = by === "type" ? serviceGroups.serviceTypeId : by === "partner" ? serviceGroups.partnerId : sql<string>`'total'`;
    const rows = await db
      .select({
        key,
        sessions: sql<number>`count(distinct ${groupSessions.id})::int`,
        participants: sql<number>`(count(distinct ${groupAttendance.candidateId}) filter (where ${groupAttendance.present}))::int`,
        present: sql<number>`(count(${groupAttendance.candidateId}) filter (where ${groupAttendance.present}))::int`,
        absent: sql<number>`(count(${groupAttendance.candidateId}) filter (where not ${groupAttendance.present}))::int`,
      })
      .from(groupSessions)
      .innerJoin(serviceGroups, eq(serviceGroups.id, groupSessions.groupId))
      .leftJoin(groupAttendance, eq(groupAttendance.sessionId, groupSessions.id))
      .where(inPeriod)
      .groupBy(...(by === "total" ? [] : [key]));
    return new Map(rows.map((r) => [r.key ?? noPartner, { sessions: Number(r.sessions), participants: Number(r.participants), present: Number(r.present), absent: Number(r.absent) }]));
  };
  const [byTypeAttendance, byPartnerAttendance, totalAttendance] = [await attendanceBy("type"), await attendanceBy("partner"), await attendanceBy("total")];
  const empty = { sessions: 0, participants: 0, present: 0, absent: 0 };

  const typeRows: Raw[] = types.map((type) => ({
    key: type.id,
    label: type.name,
    services: serviceCounts.filter((s) => s.typeId === type.id).reduce((sum, s) => sum + Number(s.n), 0),
    ...(byTypeAttendance.get(type.id) ?? empty),
  }));
  const partnerKeys = [...partnerRows.map((p) => ({ key: p.id, label: p.name })), { key: noPartner, label: "" }];
  const partnerRowsRaw: Raw[] = partnerKeys.map((p) => ({
    key: p.key,
    label: p.label,
    services: serviceCounts.filter((s) => (s.partnerId ?? noPartner) === p.key).reduce((sum, s) => sum + Number(s.n), 0),
    ...(byPartnerAttendance.get(p.key) ?? empty),
  }));
  // Leave out types and partners with nothing in the period (an empty row is not a small group; it is noise).
  const active = (r: Raw) => r.services + r.sessions > 0;
  const byType = publish(typeRows.filter(active));
  const byPartner = publish(partnerRowsRaw.filter(active));
  const all = totalAttendance.get("total") ?? empty;
  const totals = {
    key: "total",
    label: "",
    services: byType.totals.services,
    groupParticipants: suppressCount(all.participants),
    sessions: all.sessions,
    present: byType.totals.present,
    absent: byType.totals.absent,
    attendanceRate: byType.totals.present.count !== null && byType.totals.absent.count !== null && all.present + all.absent > 0 ? all.present / (all.present + all.absent) : null,
  };

  const eventRows = await db
    .select({
      kind: events.kind,
      events: sql<number>`count(distinct ${events.id})::int`,
      registered: sql<number>`(count(${eventInvitees.id}) filter (where ${eventInvitees.status} = 'registered'))::int`,
      attended: sql<number>`(count(${eventInvitees.id}) filter (where ${eventInvitees.attended}))::int`,
    })
    .from(events)
    .leftJoin(eventInvitees, eq(eventInvitees.eventId, events.id))
    .where(and(eq(events.tenantId, tenantId), gte(events.startsAt, start), lt(events.startsAt, end)))
    .groupBy(events.kind);
  const interviews = await db
    .select({ kind: events.kind, n: sql<number>`coalesce(sum(${events.interviewsAgreed}), 0)::int` })
    .from(events)
    .where(and(eq(events.tenantId, tenantId), gte(events.startsAt, start), lt(events.startsAt, end)))
    .groupBy(events.kind);
  const kinds = eventKinds.filter((kind) => eventRows.some((r) => r.kind === kind));
  const figure = (kind: string, pick: (r: (typeof eventRows)[number]) => number) => {
    const row = eventRows.find((r) => r.kind === kind);
    return row ? pick(row) : 0;
  };
  // People counted per kind of event; no total is published beside them, so each column is suppressed on its own.
  const registered = suppressTable(kinds.map((kind) => ({ key: kind, count: figure(kind, (r) => Number(r.registered)) })), { publishTotal: false });
  const attended = suppressTable(kinds.map((kind) => ({ key: kind, count: figure(kind, (r) => Number(r.attended)) })), { publishTotal: false });
  const agreed = suppressTable(kinds.map((kind) => ({ key: kind, count: Number(interviews.find((r) => r.kind === kind)?.n ?? 0) })), { publishTotal: false });
  const cell = (c: { count: number | null; suppression: "under_5" | "suppressed" | null }) => ({ count: c.count, suppression: c.suppression });

  return {
    period,
    byType: byType.published,
    byPartner: byPartner.published,
    totals,
    events: kinds.map((kind, i) => ({
      key: kind,
      events: figure(kind, (r) => Number(r.events)),
      registered: cell(registered.cells[i]!),
      attended: cell(attended.cells[i]!),
      interviewsAgreed: cell(agreed.cells[i]!),
    })),
  };
}
