import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { clearSignInFailures, insertSignInFailure, listSignInFailures, pruneSignInFailures } from "./repository";

/** Failed sign-ins allowed per window, per account and per client address. */
export const SIGN_IN_LIMITS = {
  account: { max: 5, windowMs: 15 * 60_000 },
  address: { max: 20, windowMs: 15 * 60_000 },
} as const;

export type SignInCheck = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

const accountKey = (identifier: string) => `account:${identifier.trim().toLowerCase()}`;
const addressKey = (ip: string) => `ip:${ip}`;

async function check(db: Kysely<Database>, key: string, limit: { max: number; windowMs: number }, now: number): Promise<number> {
  const failures = await listSignInFailures(db, key, new Date(now - limit.windowMs).toISOString());
  if (failures.length < limit.max) return 0;
  // Blocked until the oldest failure that still counts leaves the window.
  const oldest = Date.parse(failures[failures.length - limit.max]!);
  return Math.max(1, oldest + limit.windowMs - now);
}

/**
 * Whether a sign-in for `identifier` from `ip` may be attempted now. The same
 * answer is given whether or not the account exists.
 */
export async function checkSignIn(db: Kysely<Database>, identifier: string, ip: string | null, now = Date.now()): Promise<SignInCheck> {
  const waits = await Promise.all([
    check(db, accountKey(identifier), SIGN_IN_LIMITS.account, now),
    ip ? check(db, addressKey(ip), SIGN_IN_LIMITS.address, now) : Promise.resolve(0),
  ]);
  const wait = Math.max(...waits);
  return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
}

export async function recordSignInFailure(db: Kysely<Database>, identifier: string, ip: string | null, now = Date.now()): Promise<void> {
  const at = new Date(now).toISOString();
  await insertSignInFailure(db, accountKey(identifier), at);
  if (ip) await insertSignInFailure(db, addressKey(ip), at);
  await pruneSignInFailures(db, new Date(now - 24 * 60 * 60_000).toISOString());
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function recordSignInSuccess(db: Kysely<Database>, identifier: string): Promise<void> {
  await clearSignInFailures(db, accountKey(identifier));
}
