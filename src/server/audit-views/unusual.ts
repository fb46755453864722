import { and, eq, gt, isNull, lte, ne, sql } from "drizzle-orm";
import type { AppContext } from "../platform/context.ts";
import type { Db } from "../platform/db.ts";
import { accessLog, apiTokens, users } from "../platform/tables.ts";
import { memberships } from "../users/tables.ts";
import { networks } from "../networks/tables.ts";
import { accessFlags, auditSettings } from "./tables.ts";
import { auditReviewPurpose, getAuditSettings } from "./service.ts";

/*
 * Unusual access (ADR 026): one user or API token reading more than `maxProfiles` distinct people within
 * `windowMinutes` (the network's setting; 50 in 10 minutes by default). Checked every few minutes over what the
 * access log got since the last check (plus one window back, so a burst across two checks is seen whole).
 *
 * Step 1 is one grouped query on the access log's (tenant_id, at) index that keeps only the callers who read more
 * distinct people than the threshold in the whole range, which is rare. Step 2 slides the window exactly over those
 * callers' reads. A burst that goes on (a new burst starting within a window of the flag's last read) extends its
 * flag; only a new flag mails the network's admins, once. The mail names the reader, never the people read.
 */

type Caller = { userId: string | null; tokenId: string | null };
export type Burst = { firstAt: Date; lastAt: Date; profiles: number };

/** The longest look back when a network has not been checked for a while. */
const maxLookBackMs = 24 * 3_600_000;
/** The first check of a network looks back this far. */
const firstLookBackMs = 3_600_000;

/**
 * Bursts in one caller's reads (sorted by time): stretches during which the distinct people read within the
 * trailing window exceed the threshold. Pure; exported for tests.
 */
export function findBursts(reads: { person: string; at: Date }[], maxProfiles: number, windowMs: number): Burst[] {
  const bursts: Burst[] = [];
  const counts = new Map<string, number>();
  let start = 0;
  let current: Burst | null = null;
  for (let end = 0; end < reads.length; end++) {
    const read = reads[end]!;
    counts.set(read.person, (counts.get(read.person) ?? 0) + 1);
    while (reads[start]!.at.getTime() <= read.at.getTime() - windowMs) {
      const gone = reads[start]!.person;
      const left = counts.get(gone)! - 1;
      if (left === 0) counts.delete(gone);
      else counts.set(gone, left);
      start++;
    }
    if (counts.size > maxProfiles) {
      if (current) {
        current.lastAt = read.at;
        current.profiles = Math.max(current.profiles, counts.size);
      } else {
        current = { firstAt: reads[start]!.at, lastAt: read.at, profiles: counts.size };
        bursts.push(current);
      }
    } else {
      current = null;
    }
  }
  return bursts;
}

const callerIs = (table: typeof accessFlags | typeof accessLog, caller: Caller) =>
  and(caller.userId ? eq(table.actorUserId, caller.userId) : isNull(table.actorUserId), caller.tokenId ? eq(table.actorTokenId, caller.tokenId) : isNull(table.actorTokenId));

/** Checks one network's access log since the last check; raises or extends flags. Returns the new flags' ids. */
export async function detectUnusualAccess(db: Db, tenantId: string, now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    // One check per network at a time (several server processes may share a PostgreSQL database).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mangfold.unusual-access:${tenantId}`}))`);
    const settings = await getAuditSettings(tx, tenantId);
    const windowMs = settings.windowMinutes * 60_000;
    const since = Math.max(settings.checkedUntil?.getTime() ?? now.getTime() - firstLookBackMs, now.getTime() - maxLookBackMs);
    const from = new Date(since - windowMs);
    const inRange = and(eq(accessLog.tenantId, tenantId), gt(accessLog.at, from), lte(accessLog.at, now), ne(accessLog.purpose, auditReviewPurpose));
    const callers = await tx
      .select({ userId: accessLog.actorUserId, tokenId: accessLog.actorTokenId })
      .from(accessLog)
      .where(inRange)
      .groupBy(accessLog.actorUserId, accessLog.actorTokenId)
      .having(sql`count(distinct (${accessLog.personType}, ${accessLog.personId})) > ${settings.maxProfiles}`);
    const raised: string[] = [];
    for (const caller of callers) {
      const reads = await tx
        .select({ personType: accessLog.personType, personId: accessLog.personId, at: accessLog.at })
        .from(accessLog)
        .where(and(inRange, callerIs(accessLog, caller)))
        .orderBy(accessLog.at, accessLog.id);
      const bursts = findBursts(reads.map((r) => ({ person: `${r.personType}:${r.personId}`, at: r.at })), settings.maxProfiles, windowMs);
      for (const burst of bursts) {
        // The same burst seen again, or one that goes on within a window of the flag's last read: extend the flag.
        const [open] = await tx
          .select()
          .from(accessFlags)
          .where(and(eq(accessFlags.tenantId, tenantId), callerIs(accessFlags, caller), sql`${accessFlags.lastAt} >= ${new Date(burst.firstAt.getTime() - windowMs)}`))
          .orderBy(sql`${accessFlags.lastAt} desc`)
          .limit(1);
        if (open) {
          await tx
            .update(accessFlags)
            .set({ lastAt: burst.lastAt > open.lastAt ? burst.lastAt : open.lastAt, profiles: Math.max(open.profiles, burst.profiles) })
            .where(eq(accessFlags.id, open.id));
        } else {
          const [flag] = await tx
            .insert(accessFlags)
            .values({ tenantId, actorUserId: caller.userId, actorTokenId: caller.tokenId, firstAt: burst.firstAt, lastAt: burst.lastAt, profiles: burst.profiles, maxProfiles: settings.maxProfiles, windowMinutes: settings.windowMinutes })
            .returning({ id: accessFlags.id });
          raised.push(flag!.id);
        }
      }
    }
    await tx
      .insert(auditSettings)
      .values({ tenantId, checkedUntil: now })
      .onConflictDoUpdate({ target: auditSettings.tenantId, set: { checkedUntil: now } });
    return raised;
  });
}

const formatTime = (at: Date) => new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", dateStyle: "short", timeStyle: "short" }).format(at);

/** Mails the network's admins about each flag not yet mailed (once per flag). Returns the number of mails. */
export async function notifyFlags(ctx: AppContext, tenantId: string): Promise<number> {
  const pending = await ctx.db
    .select({ flag: accessFlags, userName: users.name, tokenName: apiTokens.name })
    .from(accessFlags)
    .leftJoin(users, eq(users.id, accessFlags.actorUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, accessFlags.actorTokenId))
    .where(and(eq(accessFlags.tenantId, tenantId), isNull(accessFlags.notifiedAt)));
  if (pending.length === 0) return 0;
  const [network] = await ctx.db.select({ name: networks.name }).from(networks).where(eq(networks.id, tenantId)).limit(1);
  const admins = await ctx.db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "admin"), eq(memberships.status, "active")));
  let mails = 0;
  for (const { flag, userName, tokenName } of pending) {
    // Claim the flag first, so that two processes never mail the same flag.
    const claimed = await ctx.db
      .update(accessFlags)
      .set({ notifiedAt: new Date() })
      .where(and(eq(accessFlags.id, flag.id), isNull(accessFlags.notifiedAt)))
      .returning({ id: accessFlags.id });
    if (claimed.length === 0) continue;
    const reader = flag.actorUserId ? (userName ?? "en bruker") : flag.actorTokenId ? `API-nøkkelen «${tokenName ?? ""}»` : "systemet";
    const link = `${ctx.config.publicUrl}/audit?tab=flags`;
    const text = [
      `Hei!`,
      ``,
      `Mangfold har merket uvanlig tilgang i ${network?.name ?? "nettverket"}:`,
      `${reader} åpnet ${flag.profiles} ulike personer innenfor ${flag.windowMinutes} minutter (grensen er ${flag.maxProfiles}),`,
      `mellom ${formatTime(flag.firstAt)} og ${formatTime(flag.lastAt)}.`,
      ``,
      `Det kan ha en god grunn, men se gjerne etter i revisjonsloggen:`,
      link,
      ``,
      `Du får denne e-posten fordi du er administrator i nettverket.`,
    ].join("\n");
    for (const admin of admins) {
      await ctx.mailer.send(ctx.db, { tenantId, to: admin.email, subject: `Uvanlig tilgang i ${network?.name ?? "Mangfold"}`, text });
      mails++;
    }
  }
  return mails;
}

/** The scheduled check over every network: detect, then mail. */
export async function checkUnusualAccess(ctx: AppContext, now = new Date()) {
  const all = await ctx.db.select({ id: networks.id }).from(networks);
  let flags = 0;
  let mails = 0;
  for (const network of all) {
    flags += (await detectUnusualAccess(ctx.db, network.id, now)).length;
    mails += await notifyFlags(ctx, network.id);
  }
  return { flags, mails };
}

