import { and, count, desc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "./db.ts";
import { loginFailures } from "./tables.ts";
import { sha256 } from "./auth.ts";

/*
 * Sign-in throttling per account. After 5 failures within 15 minutes each further attempt must wait
 * 30 s, 1 min, 2 min … at most 15 minutes after the latest failure. Password guessing slows to a crawl, and the
 * real user is never locked out for good: waiting (or a password reset) always lets them in.
 */
const freeAttempts = 5;
const windowMs = 15 * 60 * 1000;
const maxWaitMs = 15 * 60 * 1000;

const keyOf = (email: string) => sha256(`sign-in:${email.trim().toLowerCase()}`);

/** Milliseconds the caller must still wait before trying this account again (0 = go ahead). */
export async function signInWaitMs(db: Db, email: string, now = new Date()): Promise<number> {
  const key = keyOf(email);
  const since = new Date(now.getTime() - windowMs);
  const [{ failures } = { failures: 0 }] = await db
    .select({ failures: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.keyHash, key), gt(loginFailures.at, since)));
  if (failures < freeAttempts) return 0;
  const [latest] = await db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(eq(loginFailures.keyHash, key))
    .orderBy(desc(loginFailures.at))
    .limit(1);
  const wait = Math.min(30_000 * 2 ** (failures - freeAttempts), maxWaitMs);
  return Math.max(0, (latest?.at.getTime() ?? 0) + wait - now.getTime());
}

export async function recordSignInFailure(db: Db, email: string) {
  await db.insert(loginFailures).values({ keyHash: keyOf(email) });
  // Keep the table small: nothing older than a day matters.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 24 * 60 * 60 * 1000)));
}

export async function clearSignInFailures(db: Db, email: string) {
  await db.delete(loginFailures).where(eq(loginFailures.keyHash, keyOf(email)));
}
