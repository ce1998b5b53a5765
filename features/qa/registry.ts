/**
 * The registry of quality checks and the entry points. Pure and synchronous:
 * it runs in the editor on every keystroke as well as in POST /api/v1/qa/check.
 */
import type { CheckId, QaDocumentIssue, QaInput, QaIssue, QaSegment, Severity } from "./types";
import type { CheckContext, Finding } from "./checks/context";
import { checkEmpty, checkUntranslated } from "./checks/basic";
import { checkNumbers } from "./checks/numbers";
import { checkGlossaryDnt, checkGlossaryForbidden, checkGlossaryMissing } from "./checks/glossary";
import { checkBrackets, checkEndPunctuation, checkQuotes } from "./checks/punctuation";
import { checkBidiControls, checkInvisible, checkWhitespace } from "./checks/spacing";
import { checkScript } from "./checks/script";
import { checkLengthRatio } from "./checks/length";
import { checkUrls } from "./checks/urls";
import { checkInconsistent } from "./document";

export interface SegmentCheck {
  readonly id: CheckId;
  readonly severity: Severity;
  readonly scope: "segment";
  readonly run: (ctx: CheckContext) => Finding[];
}

export interface DocumentCheck {
  readonly id: CheckId;
  readonly severity: Severity;
  readonly scope: "document";
  readonly run: (segments: readonly QaSegment[]) => Omit<QaDocumentIssue, "check" | "severity">[];
}

/** Every check, in the order issues are listed. Errors block "translated" and "approved". */
export const CHECKS: readonly (SegmentCheck | DocumentCheck)[] = [
  { id: "empty", severity: "error", scope: "segment", run: checkEmpty },
  { id: "untranslated", severity: "error", scope: "segment", run: checkUntranslated },
  { id: "numbers", severity: "error", scope: "segment", run: checkNumbers },
  { id: "glossary_forbidden", severity: "error", scope: "segment", run: checkGlossaryForbidden },
  { id: "glossary_dnt", severity: "error", scope: "segment", run: checkGlossaryDnt },
  { id: "glossary_missing", severity: "warning", scope: "segment", run: checkGlossaryMissing },
  { id: "urls", severity: "error", scope: "segment", run: checkUrls },
  { id: "bidi_control", severity: "error", scope: "segment", run: checkBidiControls },
  { id: "script_mismatch", severity: "error", scope: "segment", run: checkScript },
  { id: "invisible", severity: "warning", scope: "segment", run: checkInvisible },
  { id: "end_punctuation", severity: "warning", scope: "segment", run: checkEndPunctuation },
  { id: "quotes", severity: "warning", scope: "segment", run: checkQuotes },
  { id: "brackets", severity: "warning", scope: "segment", run: checkBrackets },
  { id: "whitespace", severity: "warning", scope: "segment", run: checkWhitespace },
  { id: "length_ratio", severity: "warning", scope: "segment", run: checkLengthRatio },
  { id: "inconsistent", severity: "warning", scope: "document", run: checkInconsistent },
];

const byId = new Map(CHECKS.map((c) => [c.id, c]));

/** The check with this id. */
export function getCheck(id: CheckId): SegmentCheck | DocumentCheck {
  return byId.get(id)!;
}

/**
 * Findings of one check listed per segment at most; the rest become one
 * summary finding (`more`, with their count and no span), so a hostile text
 * (a 100,000-letter word of mixed scripts) gives a short answer, not one
 * finding per letter.
 */
export const MAX_FINDINGS_PER_CHECK = 20;

/** The findings of one check, capped: the first MAX_FINDINGS_PER_CHECK, then one summary of the rest. */
export function capFindings(check: CheckId, findings: readonly Finding[]): Finding[] {
  if (findings.length <= MAX_FINDINGS_PER_CHECK) return findings as Finding[];
  const omitted = findings.length - MAX_FINDINGS_PER_CHECK;
  return [...findings.slice(0, MAX_FINDINGS_PER_CHECK), { messageKey: "more", params: { count: omitted, check }, start: -1, end: -1 }];
}

export interface RunOptions {
  /** Run only these checks (default: all). */
  readonly only?: readonly CheckId[];
  /** Skip these checks. */
  readonly skip?: readonly CheckId[];
}

function selected(options: RunOptions | undefined) {
  return (c: SegmentCheck | DocumentCheck) => (!options?.only || options.only.includes(c.id)) && !options?.skip?.includes(c.id);
}

/**
 * Every segment-level issue of one translation. An empty target yields only
 * [empty]: there is nothing else to check yet.
 */
export function runChecks(input: QaInput, options?: RunOptions): QaIssue[] {
  const ctx: CheckContext = {
    sourceLang: input.sourceLang,
    targetLang: input.targetLang,
    source: input.source,
    target: input.target,
    glossary: input.glossary ?? null,
  };
  const want = selected(options);
  const blank = input.target.trim() === "";
  const out: QaIssue[] = [];
  for (const c of CHECKS) {
    if (c.scope !== "segment" || !want(c)) continue;
    if (blank && c.id !== "empty") continue;
    for (const f of capFindings(c.id, c.run(ctx))) out.push({ check: c.id, severity: c.severity, ...f });
  }
  return out;
}

/**
 * Document-level issues over the segments of one document in one language
 * (`{ id, source, target }` each). Run runChecks per segment for the rest.
 */
export function runDocumentChecks(segments: readonly QaSegment[], options?: RunOptions): QaDocumentIssue[] {
  const want = selected(options);
  const out: QaDocumentIssue[] = [];
  for (const c of CHECKS) {
    if (c.scope !== "document" || !want(c)) continue;
    for (const f of c.run(segments)) out.push({ check: c.id, severity: c.severity, ...f });
  }
  return out;
}

/** The issues that block the statuses "translated" and "approved": the errors. */
export function blocking<T extends QaIssue>(issues: readonly T[]): T[] {
  return issues.filter((i) => i.severity === "error");
}
