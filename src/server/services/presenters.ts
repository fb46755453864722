import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { userNames } from "../candidates/service.ts";
import { partners, serviceTypes } from "./tables.ts";
import { groupFigures } from "./service.ts";
import type { CandidateServiceRow, GroupRow, PartnerRow, ServiceTypeRow, SessionRow } from "./service.ts";
import type { CandidateService, Group, GroupSession, Partner, PartnerKind, ServiceType } from "../../shared/services.ts";

/* Rows → response shapes. */

export function presentPartner(row: PartnerRow): Partner {
  return { id: row.id, name: row.name, kind: row.kind as PartnerKind, createdAt: row.createdAt.toISOString() };
}

async function partnerNames(db: Db, tenantId: string, ids: readonly (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: partners.id, name: partners.name }).from(partners).where(and(eq(partners.tenantId, tenantId), inArray(partners.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function typeNames(db: Db, tenantId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: serviceTypes.id, name: serviceTypes.name }).from(serviceTypes).where(and(eq(serviceTypes.tenantId, tenantId), inArray(serviceTypes.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const named = (id: string | null, names: Map<string, string>) => (id ? { id, name: names.get(id) ?? "" } : null);

export async function presentServiceTypes(db: Db, tenantId: string, rows: ServiceTypeRow[]): Promise<ServiceType[]> {
  const names = await partnerNames(db, tenantId, rows.map((r) => r.defaultPartnerId));
  return rows.map((row) => ({ id: row.id, key: row.key, name: row.name, defaultPartner: named(row.defaultPartnerId, names), archived: row.archived }));
}

export async function presentCandidateServices(db: Db, tenantId: string, rows: CandidateServiceRow[]): Promise<CandidateService[]> {
  const partnersById = await partnerNames(db, tenantId, rows.map((r) => r.partnerId));
  const types = await typeNames(db, tenantId, rows.map((r) => r.serviceTypeId));
  const people = await userNames(db, rows.map((r) => r.deliveredByUserId));
  return rows.map((row) => ({
    id: row.id,
    candidateId: row.candidateId,
    serviceType: { id: row.serviceTypeId, name: types.get(row.serviceTypeId) ?? "" },
    date: row.date,
    partner: named(row.partnerId, partnersById),
    deliveredBy: row.deliveredByUserId ? { userId: row.deliveredByUserId, name: people.get(row.deliveredByUserId) ?? "" } : null,
    outcome: row.outcome,
    createdAt: row.createdAt.toISOString(),
  }));
}

export async function presentGroups(db: Db, tenantId: string, rows: GroupRow[]): Promise<Group[]> {
  const partnersById = await partnerNames(db, tenantId, rows.map((r) => r.partnerId));
  const types = await typeNames(db, tenantId, rows.map((r) => r.serviceTypeId));
  const figures = await groupFigures(db, tenantId, rows.map((r) => r.id));
  return rows.map((row) => {
    const figure = figures.get(row.id);
    return {
      id: row.id,
      name: row.name,
      serviceType: { id: row.serviceTypeId, name: types.get(row.serviceTypeId) ?? "" },
      partner: named(row.partnerId, partnersById),
      place: row.place,
      capacity: row.capacity,
      participants: figure?.participants ?? 0,
      waiting: figure?.waiting ?? 0,
      nextSession: figure?.nextSession?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

export function presentSession(row: SessionRow & { present: number; absent: number }): GroupSession {
  return { id: row.id, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt?.toISOString() ?? null, note: row.note, present: row.present, absent: row.absent };
}
