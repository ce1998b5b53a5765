/**
 * Types of the quality-check engine. Everything in features/qa (but server/)
 * is pure and runs in the browser as well as on the server.
 */

export type Severity = "error" | "warning";

/** Stable ids of the checks; clients may store and filter by them. */
export const CHECK_IDS = [
  "empty",
  "untranslated",
  "numbers",
  "glossary_missing",
  "glossary_forbidden",
  "glossary_dnt",
  "end_punctuation",
  "quotes",
  "brackets",
  "whitespace",
  "bidi_control",
  "invisible",
  "script_mismatch",
  "length_ratio",
  "urls",
  "inconsistent",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * One problem found in a translation. `start`/`end` are UTF-16 offsets into
 * the target; both are -1 when the problem is something absent from the
 * target (a missing number, say), and then `sourceStart`/`sourceEnd` give the
 * span of the source that is not rendered.
 */
export interface QaIssue {
  readonly check: CheckId;
  readonly severity: Severity;
  /** Key in the i18next namespace "qa" (plural keys take `count` from params). */
  readonly messageKey: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly start: number;
  readonly end: number;
  readonly sourceStart?: number;
  readonly sourceEnd?: number;
}

/** A document-level issue (see runDocumentChecks): it names the segment it is on. */
export interface QaDocumentIssue extends QaIssue {
  readonly segmentId: string;
  /** The other segments involved (e.g. the differing translations of the same source). */
  readonly relatedSegmentIds: readonly string[];
}

/**
 * The glossary lookup of one segment, as POST /api/v1/glossary/lookup returns
 * it (features/glossary/schemas.ts, lookupOutputSchema). Only the fields the
 * checks read are required, so a client can pass what it already fetched.
 */
export interface QaGlossaryLookup {
  readonly concepts: readonly {
    readonly conceptId: string;
    readonly sourceTerm?: string | null;
    readonly sourceMatches: readonly { readonly start: number; readonly end: number; readonly text: string }[];
    readonly targetTerms: readonly {
      readonly id: string;
      readonly text: string;
      readonly usage: "preferred" | "admitted" | "forbidden";
      readonly status: string;
      readonly doNotTranslate?: boolean;
    }[];
    readonly targetMatches: readonly { readonly start: number; readonly end: number; readonly text: string; readonly usage: string; readonly termId: string }[];
  }[];
}

export interface QaInput {
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly source: string;
  readonly target: string;
  /** The segment's glossary lookup; without it the glossary checks find nothing. */
  readonly glossary?: QaGlossaryLookup | null;
}

export interface QaSegment {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}
