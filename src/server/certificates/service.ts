import { and, asc, desc, eq, exists, gt, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../platform/actor.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { recordChange } from "../platform/audit.ts";
import { networks } from "../networks/tables.ts";
import { goalPlacementTypes } from "../placements/service.ts";
import { employerCertificates, employerSettings, employers } from "../employers/tables.ts";
import { placements } from "../placements/tables.ts";
import { employerIdOfUser } from "../employers/portal.ts";
import { changeMembershipStatus } from "../employers/membership.ts";
import { certificationRuleSchema, defaultCertificationRule } from "../../shared/employers.ts";
import type { CertificationRule, MembershipStatus } from "../../shared/employers.ts";
import { normaliseCode } from "../../shared/certificates.ts";
import { generateCode } from "./codes.ts";
import { addMonths, endOfNextYear, todayInOslo } from "./dates.ts";

/*
 * Certificates and certification (issue 4, ADR 010).
 *
 * Certification rule (per network, employer_settings; defaults in shared/employers.ts): at least `minHires`
 * placements with the employer whose type is one of the network's goal placement types and whose start date lies
 * within the last `windowMonths` months — from the same day `windowMonths` months ago up to and including today
 * (hires agreed for a later start do not count yet).
 *
 * Proposals: employers that meet the rule and are not certified now (no valid certification certificate). That
 * includes employers with the status "certified" whose certification expired or was revoked: they are due for
 * renewal. Lapsed employers are not proposed: they left the network, and lapsing revoked their certificates; a
 * coordinator makes them a member again first (confirming a lapsed employer's certification is refused).
 *
 * Certificates: membership (admins and advisors, for members and certified employers) valid until 31 December of the
 * next year; certification (admins confirm a proposal) valid for the rule's `validityMonths`. Dates are Norwegian
 * calendar dates; a certificate is valid through its valid-until day. The newest valid certificate of a kind is the
 * one the PDF shows.
 */

type CertificateRow = typeof employerCertificates.$inferSelect;
export type CertificateState = "valid" | "expired" | "revoked";

export function stateOf(row: Pick<CertificateRow, "revokedAt" | "validUntil">, today: string = todayInOslo()): CertificateState {
  if (row.revokedAt) return "revoked";
  return row.validUntil < today ? "expired" : "valid";
}

/** A valid certificate of this kind for the employer (not revoked, not expired). */
const validCertificate = (tenantId: string, kind: "membership" | "certification", today: string) =>
  and(
    eq(employerCertificates.tenantId, tenantId),
    eq(employerCertificates.kind, kind),
    isNull(employerCertificates.revokedAt),
    gte(employerCertificates.validUntil, today),
  );

// ---- The rule

export async function getCertificationRule(db: Db, tenantId: string): Promise<CertificationRule> {
  const [row] = await db.select({ rule: employerSettings.certificationRule }).from(employerSettings).where(eq(employerSettings.tenantId, tenantId)).limit(1);
  if (!row) return { ...defaultCertificationRule };
  // A rule stored by an older version may lack a later field: the defaults fill it in.
  const parsed = certificationRuleSchema.safeParse(row.rule);
  return parsed.success ? parsed.data : { ...defaultCertificationRule };
}

export async function setCertificationRule(db: Db, actor: Actor, rule: CertificationRule): Promise<CertificationRule> {
  return db.transaction(async (tx) => {
    const before = await getCertificationRule(tx, actor.tenantId);
    const now = new Date();
    await tx
      .insert(employerSettings)
      .values({ tenantId: actor.tenantId, certificationRule: rule, updatedAt: now })
      .onConflictDoUpdate({ target: employerSettings.tenantId, set: { certificationRule: rule, updatedAt: now } });
    await recordChange(tx, actor, { action: "employer.certification_rule", entityType: "network", entityId: actor.tenantId, before, after: rule });
    return rule;
  });
}

/** The hires that count for the rule: the employer's placements of a goal type that started within the window. */
function countingHires(tenantId: string, types: string[], rule: CertificationRule, today: string) {
  return and(
    eq(placements.tenantId, tenantId),
    inArray(placements.type, types),
    gte(placements.startDate, addMonths(today, -rule.windowMonths)),
    lte(placements.startDate, today),
  );
}

export type RuleCheck = { met: boolean; qualifyingHires: number; lastHireOn: string | null; rule: CertificationRule; explanation: string };

export function explainRule(qualifyingHires: number, rule: CertificationRule): string {
  return `${qualifyingHires} of ${rule.minHires} ${rule.minHires === 1 ? "hire" : "hires"} in the last ${rule.windowMonths} months`;
}

/** Whether the employer meets the network's rule now, and how far it is from it. */
export async function checkCertificationRule(db: Db, tenantId: string, employerId: string, today: string = todayInOslo()): Promise<RuleCheck> {
  const rule = await getCertificationRule(db, tenantId);
  const types = await goalPlacementTypes(db, tenantId);
  let qualifyingHires = 0;
  let lastHireOn: string | null = null;
  if (types.length > 0) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int`, last: sql<string | null>`max(${placements.startDate})::text` })
      .from(placements)
      .where(and(countingHires(tenantId, types, rule, today), eq(placements.employerId, employerId)));
    qualifyingHires = Number(row?.n ?? 0);
    lastHireOn = row?.last ?? null;
  }
  return { met: qualifyingHires >= rule.minHires, qualifyingHires, lastHireOn, rule, explanation: explainRule(qualifyingHires, rule) };
}

// ---- Proposals

export type Proposal = { id: string; name: string; nameNorm: string; orgNumber: string; membershipStatus: MembershipStatus; qualifyingHires: number; lastHireOn: string };
type ProposalCursor = { nameNorm: string; id: string };

export function encodeProposalCursor(row: ProposalCursor): string {
  return Buffer.from(JSON.stringify([row.nameNorm, row.id])).toString("base64url");
}
function decodeProposalCursor(cursor: string | undefined): ProposalCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [nameNorm, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [unknown, unknown];
    if (typeof nameNorm !== "string" || typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { nameNorm, id };
  } catch {
    throw new AppError("validation_failed", "The cursor is not valid; start again without it.", { errors: [{ path: "query.cursor", message: "is not valid" }] });
  }
}

/** Employers that meet the rule and are not certified now, by name; limit+1 rows for paging. */
export async function listCertificationProposals(db: Db, actor: Actor, page: { limit: number; cursor?: string | undefined }, today: string = todayInOslo()) {
  const tenantId = actor.tenantId;
  const rule = await getCertificationRule(db, tenantId);
  const types = await goalPlacementTypes(db, tenantId);
  const cursor = decodeProposalCursor(page.cursor);
  if (types.length === 0) return { rows: [] as Proposal[], rule };
  const certified = db
    .select({ one: sql`1` })
    .from(employerCertificates)
    .where(and(validCertificate(tenantId, "certification", today), eq(employerCertificates.employerId, employers.id)));
  const rows = await db
    .select({
      id: employers.id,
      name: employers.name,
      nameNorm: employers.nameNorm,
      orgNumber: employers.orgNumber,
      membershipStatus: employers.membershipStatus,
      qualifyingHires: sql<number>`count(${placements.id})::int`,
      lastHireOn: sql<string>`max(${placements.startDate})::text`,
    })
    .from(placements)
    .innerJoin(employers, and(eq(employers.id, placements.employerId), eq(employers.tenantId, placements.tenantId)))
    .where(
      and(
        countingHires(tenantId, types, rule, today),
        eq(employers.tenantId, tenantId),
        ne(employers.membershipStatus, "lapsed"),
        sql`not ${exists(certified)}`,
        cursor ? or(gt(employers.nameNorm, cursor.nameNorm), and(eq(employers.nameNorm, cursor.nameNorm), gt(employers.id, cursor.id))) : undefined,
      ),
    )
    .groupBy(employers.id)
    .having(sql`count(${placements.id}) >= ${rule.minHires}`)
    .orderBy(asc(employers.nameNorm), asc(employers.id))
    .limit(page.limit + 1);
  return { rows: rows.map((r) => ({ ...r, qualifyingHires: Number(r.qualifyingHires), membershipStatus: r.membershipStatus as MembershipStatus })), rule };
}

// ---- Issuing and revoking

async function lockEmployer(tx: Db, tenantId: string, employerId: string) {
  const [employer] = await tx
    .select({ id: employers.id, name: employers.name, status: employers.membershipStatus })
    .from(employers)
    .where(and(eq(employers.id, employerId), eq(employers.tenantId, tenantId)))
    .for("update");
  if (!employer) throw notFound("The employer");
  return { ...employer, status: employer.status as MembershipStatus };
}

async function insertCertificate(tx: Db, actor: Actor, employerId: string, kind: "membership" | "certification", validUntil: string, now: Date) {
  const [row] = await tx
    .insert(employerCertificates)
    .values({ tenantId: actor.tenantId, employerId, kind, code: generateCode(), issuedAt: now, validUntil, issuedByUserId: actor.userId ?? null })
    .returning();
  await recordChange(tx, actor, { action: "certificate.issue", entityType: "employer_certificate", entityId: row!.id, after: { employerId, kind, validUntil } });
  return row!;
}

/** The coordinator confirms a certification: checks the rule, issues the certificate, sets the status certified. */
export async function confirmCertification(db: Db, actor: Actor, employerId: string, input: { note: string }, today: string = todayInOslo()) {
  return db.transaction(async (tx) => {
    const employer = await lockEmployer(tx, actor.tenantId, employerId);
    if (employer.status === "lapsed")
      throw new AppError("rule_broken", "A lapsed employer cannot be certified: make it a member again first.", { extensions: { reason: "lapsed" } });
    const check = await checkCertificationRule(tx, actor.tenantId, employerId, today);
    if (!check.met) {
      throw new AppError("rule_broken", `The certification rule is not met: ${check.explanation} (hires of the types that count toward the network's goal).`, {
        extensions: { reason: "rule_not_met", qualifyingHires: check.qualifyingHires, minHires: check.rule.minHires, windowMonths: check.rule.windowMonths },
      });
    }
    const row = await insertCertificate(tx, actor, employerId, "certification", addMonths(today, check.rule.validityMonths), new Date());
    await changeMembershipStatus(tx, actor, employerId, { to: "certified", note: input.note || `certification confirmed (${check.explanation})`, viaCertification: true });
    return row;
  });
}

/** A membership certificate for a member (or certified employer), valid until 31 December of the next year. */
export async function issueMembershipCertificate(db: Db, actor: Actor, employerId: string, today: string = todayInOslo()) {
  return db.transaction(async (tx) => {
    const employer = await lockEmployer(tx, actor.tenantId, employerId);
    if (employer.status !== "member" && employer.status !== "certified") {
      throw new AppError("rule_broken", `A membership certificate is for members: this employer's membership status is ${employer.status}. Make it a member first.`, {
        extensions: { reason: "not_a_member", membershipStatus: employer.status },
      });
    }
    return insertCertificate(tx, actor, employerId, "membership", endOfNextYear(today), new Date());
  });
}

/**
 * Revokes a certificate: the public verification says "revoked" from now on. Revoking the employer's last valid
 * certification also moves a certified employer back to member, so the status never says more than a certificate.
 */
export async function revokeCertificate(db: Db, actor: Actor, employerId: string, certificateId: string, reason: string, today: string = todayInOslo()) {
  return db.transaction(async (tx) => {
    const employer = await lockEmployer(tx, actor.tenantId, employerId);
    const [certificate] = await tx
      .select()
      .from(employerCertificates)
      .where(and(eq(employerCertificates.id, certificateId), eq(employerCertificates.employerId, employerId), eq(employerCertificates.tenantId, actor.tenantId)))
      .for("update");
    if (!certificate) throw notFound("The certificate");
    if (certificate.revokedAt) throw new AppError("conflict", "This certificate is already revoked.");
    const [row] = await tx.update(employerCertificates).set({ revokedAt: new Date(), revokedReason: reason }).where(eq(employerCertificates.id, certificateId)).returning();
    await recordChange(tx, actor, { action: "certificate.revoke", entityType: "employer_certificate", entityId: certificateId, before: { state: stateOf(certificate, today) }, after: { reason } });
    if (certificate.kind === "certification" && employer.status === "certified") {
      const [other] = await tx
        .select({ id: employerCertificates.id })
        .from(employerCertificates)
        .where(and(validCertificate(actor.tenantId, "certification", today), eq(employerCertificates.employerId, employerId)))
        .limit(1);
      if (!other) await changeMembershipStatus(tx, actor, employerId, { to: "member", note: `certification revoked: ${reason}` });
    }
    return row!;
  });
}

// ---- Reading

/** The employer's newest valid certificate of the kind, with what the PDF shows. Employer users: their own company only. */
export async function certificateForPdf(db: Db, actor: Actor, employerId: string, kind: "membership" | "certification", today: string = todayInOslo()) {
  if (actor.role === "employer" && (await employerIdOfUser(db, actor)) !== employerId) throw notFound("The employer");
  const [employer] = await db
    .select({ name: employers.name, orgNumber: employers.orgNumber })
    .from(employers)
    .where(and(eq(employers.id, employerId), eq(employers.tenantId, actor.tenantId)))
    .limit(1);
  if (!employer) throw notFound("The employer");
  const [certificate] = await db
    .select()
    .from(employerCertificates)
    .where(and(validCertificate(actor.tenantId, kind, today), eq(employerCertificates.employerId, employerId)))
    .orderBy(desc(employerCertificates.issuedAt), desc(employerCertificates.id))
    .limit(1);
  if (!certificate) throw new AppError("not_found", kind === "membership" ? "This employer has no valid membership certificate." : "This employer has no valid certification.");
  const [network] = await db.select({ name: networks.name, themeColor: networks.themeColor }).from(networks).where(eq(networks.id, actor.tenantId)).limit(1);
  return { certificate, employer, network: network! };
}

/** What anyone may learn about a certificate from its code; null when no certificate has it. */
export async function findPublicCertificate(db: Db, typed: string, today: string = todayInOslo()) {
  const code = normaliseCode(typed);
  if (!code) return null;
  const [row] = await db
    .select({ certificate: employerCertificates, employer: { name: employers.name, orgNumber: employers.orgNumber }, network: { name: networks.name, slug: networks.slug, themeColor: networks.themeColor } })
    .from(employerCertificates)
    .innerJoin(employers, eq(employers.id, employerCertificates.employerId))
    .innerJoin(networks, eq(networks.id, employerCertificates.tenantId))
    .where(eq(employerCertificates.code, code))
    .limit(1);
  if (!row) return null;
  const c = row.certificate;
  return {
    code: c.code,
    kind: c.kind as "membership" | "certification",
    state: stateOf(c, today),
    employer: row.employer,
    network: row.network,
    issuedAt: c.issuedAt.toISOString(),
    validUntil: c.validUntil,
    revokedAt: c.revokedAt?.toISOString() ?? null,
  };
}

/**
 * The network's public member list: employers that agreed to be shown (publicListing) and are members or certified.
 * "certified" only with a valid certification (certifiedUntil is its valid-until date); otherwise they show as members.
 */
const norwegian = new Intl.Collator("nb", { sensitivity: "base", numeric: true });

export async function listPublicMembers(db: Db, slug: string, today: string = todayInOslo()) {
  const [network] = await db.select({ id: networks.id, name: networks.name, slug: networks.slug, themeColor: networks.themeColor }).from(networks).where(eq(networks.slug, slug)).limit(1);
  if (!network) return null;
  const certifiedUntil = db
    .select({ until: sql<string>`max(${employerCertificates.validUntil})::text`.as("until") })
    .from(employerCertificates)
    .where(and(validCertificate(network.id, "certification", today), eq(employerCertificates.employerId, employers.id)));
  const rows = await db
    .select({
      name: employers.name,
      orgNumber: employers.orgNumber,
      municipality: employers.municipality,
      naceSection: employers.naceSection,
      website: employers.website,
      certifiedUntil: sql<string | null>`(${certifiedUntil})`,
    })
    .from(employers)
    .where(and(eq(employers.tenantId, network.id), eq(employers.publicListing, true), inArray(employers.membershipStatus, ["member", "certified"])));
  // Sorted in Norwegian order (… x y z æ ø å) the same on either database engine.
  rows.sort((a, b) => norwegian.compare(a.name, b.name) || a.orgNumber.localeCompare(b.orgNumber));
  return {
    network: { name: network.name, slug: network.slug, themeColor: network.themeColor },
    items: rows.map((r) => ({
      name: r.name,
      orgNumber: r.orgNumber,
      municipality: r.municipality,
      naceSection: r.naceSection as never,
      website: r.website,
      status: r.certifiedUntil ? ("certified" as const) : ("member" as const),
      certifiedUntil: r.certifiedUntil ?? null,
    })),
  };
}

