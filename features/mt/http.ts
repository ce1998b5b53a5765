/**
 * The one HTTP call every provider makes: a timeout, errors mapped to MtError
 * (bad key, quota, rate limit with Retry-After backoff, 5xx, timeout), and the
 * JSON answer. Providers never see a raw fetch failure.
 */
import { MtError } from "./types";

export interface CallOptions {
  readonly timeoutMs: number;
  /** Longest Retry-After the call waits out before retrying a 429 (longer ones fail at once). */
  readonly maxBackoffMs?: number;
  /** Retries after a 429. */
  readonly retries?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_MAX_BACKOFF_MS = 5_000;

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function errorText(response: Response): Promise<string> {
  const body = (await response.text().catch(() => "")).slice(0, 500);
  try {
    const json = JSON.parse(body) as { message?: unknown; error?: unknown; detail?: unknown };
    const inner = json.error && typeof json.error === "object" ? (json.error as { message?: unknown }).message : json.error;
    const message = json.message ?? inner ?? json.detail;
    if (typeof message === "string" && message) return message;
  } catch {
    /* not JSON */
  }
  return body.replace(/\s+/g, " ").trim();
}

/** Maps a non-2xx answer to the error the panel shows. */
async function failure(provider: string, response: Response): Promise<MtError> {
  const detail = await errorText(response);
  const why = detail ? `: ${detail}` : "";
  const s = response.status;
  // Google answers 400 "API key not valid".
  if (s === 401 || (s === 403 && !/quota/i.test(detail)) || (s === 400 && /api key/i.test(detail))) return new MtError("mt_auth", `${provider} refused the API key (HTTP ${s})${why}`, s);
  // DeepL answers 456 when the account's character quota is used up.
  if (s === 456 || (s === 403 && /quota/i.test(detail))) return new MtError("mt_quota", `${provider}: the account's quota is used up (HTTP ${s})${why}`, s);
  if (s === 429) {
    const after = retryAfterMs(response.headers.get("retry-after"));
    return new MtError("mt_rate_limited", `${provider} is rate-limiting requests${after === undefined ? "" : `; try again in ${Math.ceil(after / 1000)} s`} (HTTP 429)${why}`, s, after);
  }
  if (s >= 500) return new MtError("mt_unavailable", `${provider} is unavailable (HTTP ${s})${why}`, s);
  return new MtError("mt_bad_response", `${provider} refused the request (HTTP ${s})${why}`, s);
}

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/** Sends one request and returns its JSON body; 429s with a short Retry-After are retried. */
export async function callJson<T>(provider: string, url: string, init: RequestInit, options: CallOptions): Promise<T> {
  const retries = options.retries ?? 2;
  const maxBackoff = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  let retriedNetwork = false;
  for (let attempt = 0; ; attempt++) {
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.any(signals) });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const name = (error as { name?: string }).name;
      if (name === "TimeoutError" || name === "AbortError") throw new MtError("mt_timeout", `${provider} did not answer within ${Math.round(options.timeoutMs / 1000)} s`);
      // A kept-alive connection the server closed meanwhile: one new attempt.
      if (!retriedNetwork) {
        retriedNetwork = true;
        attempt--;
        continue;
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new MtError("mt_unavailable", `${provider} cannot be reached (${cause?.code ?? cause?.message ?? (error as Error).message})`);
    }
    if (response.ok) {
      try {
        return (await response.json()) as T;
      } catch {
        throw new MtError("mt_bad_response", `${provider} answered with something that is not JSON`);
      }
    }
    const error = await failure(provider, response);
    const backoff = error.code === "mt_rate_limited" ? (error.retryAfterMs ?? 1000 * 2 ** attempt) : undefined;
    if (backoff === undefined || attempt >= retries || backoff > maxBackoff) throw error;
    await wait(backoff, options.signal);
  }
}

/** The string at `value`, or a bad-response error naming what was missing. */
export function expectString(provider: string, value: unknown, what: string): string {
  if (typeof value !== "string") throw new MtError("mt_bad_response", `${provider} answered without ${what}`);
  return value;
}
