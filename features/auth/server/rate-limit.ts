import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { clearSignInFailures, deleteSignInFailures, findUserIdByLogin, insertSignInFailure, listSignInFailures, pruneSignInFailures } from "./repository";

/** Failed sign-ins allowed per window, per account and per client address. */
export const SIGN_IN_LIMITS = {
  account: { max: 5, windowMs: 15 * 60_000 },
  address: { max: 20, windowMs: 15 * 60_000 },
} as const;

/** The account an attempt is counted against: its user id when the identifier names one. */
export interface SignInAccount {
  readonly key: string;
  readonly userId: string | null;
  /** The identifier as normalized, for the audit log. */
  readonly label: string;
}

/** A reserved attempt: rows counted before the password is checked. */
export interface SignInReservation {
  readonly account: SignInAccount;
  readonly accountRow: string;
  readonly addressRow: string | null;
}

export type SignInAttempt =
  | { readonly allowed: true; readonly reservation: SignInReservation }
  | { readonly allowed: false; readonly retryAfterMs: number };

const addressKey = (ip: string) => `ip:${ip}`;

/**
 * Resolves what an endpoint signs in with (an e-mail address or a username)
 * to the account's key, so that both count on one counter; an identifier that
 * names no account is keyed on its normalized form (the same answer either way).
 */
export async function resolveSignInAccount(db: Kysely<Database>, kind: "email" | "username" | "user", identifier: string): Promise<SignInAccount> {
  if (kind === "user") return { key: `account:user:${identifier}`, userId: identifier, label: identifier };
  const label = identifier.trim().toLowerCase().slice(0, 256);
  const userId = label ? await findUserIdByLogin(db, kind, label) : undefined;
  return userId ? { key: `account:user:${userId}`, userId, label } : { key: `account:${kind}:${label}`, userId: null, label };
}

/** How long `key` stays blocked, counting every attempt but `own`; 0 when it is not. */
async function blockedFor(db: Kysely<Database>, key: string, own: string, limit: { max: number; windowMs: number }, now: number): Promise<number> {
  const others = (await listSignInFailures(db, key, new Date(now - limit.windowMs).toISOString())).filter((r) => r.id !== own);
  if (others.length < limit.max) return 0;
  // Blocked until the oldest attempt that still counts leaves the window.
  const oldest = Date.parse(others[others.length - limit.max]!.created_at);
  return Math.max(1, oldest + limit.windowMs - now);
}

/**
 * Reserves a sign-in attempt before the password is checked: the attempt is
 * written first and counted after, so of any number of simultaneous attempts
 * at most the limit get through (each sees every attempt written before its
 * count). A refused attempt is removed again; an allowed one stays as a
 * failure unless the sign-in succeeds (see releaseSignIn).
 */
export async function reserveSignIn(db: Kysely<Database>, account: SignInAccount, ip: string | null, now = Date.now()): Promise<SignInAttempt> {
  const at = new Date(now).toISOString();
  const accountRow = await insertSignInFailure(db, account.key, at);
  const addressRow = ip ? await insertSignInFailure(db, addressKey(ip), at) : null;
  const wait = Math.max(
    await blockedFor(db, account.key, accountRow, SIGN_IN_LIMITS.account, now),
    ip && addressRow ? await blockedFor(db, addressKey(ip), addressRow, SIGN_IN_LIMITS.address, now) : 0,
  );
  if (wait > 0) {
    await deleteSignInFailures(db, addressRow ? [accountRow, addressRow] : [accountRow]);
    return { allowed: false, retryAfterMs: wait };
  }
  await pruneSignInFailures(db, new Date(now - 24 * 60 * 60_000).toISOString());
  return { allowed: true, reservation: { account, accountRow, addressRow } };
}

/**
 * The attempt succeeded (or was no password failure): it does not count.
 * A successful sign-in also clears the account's failures, not the address's.
 */
export async function releaseSignIn(db: Kysely<Database>, reservation: SignInReservation, outcome: "success" | "not_a_failure"): Promise<void> {
  if (outcome === "success") await clearSignInFailures(db, reservation.account.key);
  await deleteSignInFailures(db, reservation.addressRow ? [reservation.accountRow, reservation.addressRow] : [reservation.accountRow]);
}
