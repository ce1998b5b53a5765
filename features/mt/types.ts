/**
 * Machine translation: the provider contract and its errors. Pure types, no
 * I/O; each provider in ./providers speaks its engine's documented wire format.
 */

export const PROVIDER_IDS = ["deepl", "google", "azure", "libretranslate", "openai"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** One approved glossary pair: the English (source) term and the target term to use. */
export interface GlossaryPair {
  readonly conceptId: string;
  readonly source: string;
  readonly target: string;
}

/** What a prompt-based provider is told besides the text (OpenAI-compatible engines). */
export interface MtContext {
  readonly previous?: string | null;
  readonly next?: string | null;
  /** Best memory matches of the text. */
  readonly memory?: readonly { readonly source: string; readonly target: string; readonly score: number }[];
  /** The language's house style, from glossary/style/<lang>.md. */
  readonly styleNotes?: string | null;
}

/** One call to a provider: several texts of one language pair. */
export interface MtJob {
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly texts: readonly string[];
  /** Approved terms of the concepts recognized in these texts. */
  readonly terms: readonly GlossaryPair[];
  /** The glossary's version and, loaded only when a provider-side glossary must be (re)built, every approved pair of the language pair. */
  readonly glossary: { readonly version: number; pairs(): Promise<readonly GlossaryPair[]> };
  /** Per text, when known. */
  readonly context?: readonly (MtContext | undefined)[];
  readonly signal?: AbortSignal;
}

/** Provider-side state kept between calls (a synced glossary's id, per language pair and version). */
export interface GlossaryStore {
  get(provider: ProviderId, sourceLang: string, targetLang: string): Promise<{ version: number; remoteId: string } | undefined>;
  set(provider: ProviderId, sourceLang: string, targetLang: string, value: { version: number; remoteId: string }): Promise<void>;
}

export interface MtProvider {
  readonly id: ProviderId;
  readonly label: string;
  /** Texts per request the engine accepts. */
  readonly maxBatch: number;
  /** Requests in flight at once, to respect the engine's rate limit. */
  readonly concurrency: number;
  /** Why the provider cannot translate this pair, or null when it can. */
  unsupported(sourceLang: string, targetLang: string): Promise<string | null>;
  /** One translation per text, in order. */
  translate(job: MtJob, glossaries: GlossaryStore): Promise<string[]>;
}

export type MtErrorCode = "mt_auth" | "mt_quota" | "mt_rate_limited" | "mt_timeout" | "mt_unavailable" | "mt_bad_response" | "mt_cap_reached";

/** A provider failed; the message says why, in words an admin can act on. */
export class MtError extends Error {
  constructor(
    readonly code: MtErrorCode,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "MtError";
  }
}
