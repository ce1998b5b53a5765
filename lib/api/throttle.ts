/**
 * Per-client token buckets for endpoints anyone may call that compute
 * (quality checks, glossary recognition and lookup): a client may burst up
 * to `capacity` tokens and then gets `refillPerSecond`; a request costs one
 * token plus one per COST_UNIT characters it sends, so a client sending the
 * largest texts is held back sooner than one checking sentences. Past the
 * budget: 429 rate_limited with Retry-After. In memory, per server process;
 * at most `maxKeys` clients are remembered (the least recently seen go first).
 */
import { ApiError } from "./errors";

export interface BucketOptions {
  readonly capacity: number;
  readonly refillPerSecond: number;
  readonly maxKeys: number;
  readonly now?: () => number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  now: () => number;

  constructor(readonly options: BucketOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Takes `cost` tokens for `key`; when there are not enough, the seconds until there will be. */
  take(key: string, cost: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const { capacity, refillPerSecond, maxKeys } = this.options;
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond);
    b.at = now;
    // Re-inserted: the Map's order is the order clients were last seen.
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (this.buckets.size > maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    const need = Math.min(cost, capacity);
    if (b.tokens >= need) {
      b.tokens -= need;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((need - b.tokens) / refillPerSecond)) };
  }

  reset(): void {
    this.buckets.clear();
  }
}

/** Characters per extra token. */
export const COST_UNIT = 10_000;

/** Anonymous callers, per client address. */
export const anonymousCompute = new TokenBuckets({ capacity: 60, refillPerSecond: 1, maxKeys: 50_000 });
/** Signed-in users (the editor looks up the glossary as a translator moves between segments), per user. */
export const userCompute = new TokenBuckets({ capacity: 600, refillPerSecond: 10, maxKeys: 50_000 });

/**
 * Charges a computing request to its caller: the user when signed in, else
 * the client address (`ip`, from the route's client-address helper). Throws
 * 429 rate_limited with Retry-After past the budget.
 */
export function chargeCompute(caller: { userId: string | null; ip: string | null }, characters: number): void {
  const cost = 1 + Math.floor(characters / COST_UNIT);
  const r = caller.userId ? userCompute.take(`user:${caller.userId}`, cost) : anonymousCompute.take(`ip:${caller.ip ?? "unknown"}`, cost);
  if (!r.ok) {
    throw new ApiError("rate_limited", `Too many requests from this client; try again in ${r.retryAfterSeconds} s.`, { retryAfterSeconds: r.retryAfterSeconds }, { "Retry-After": String(r.retryAfterSeconds) });
  }
}
