import type { QaGlossaryLookup, QaIssue } from "../types";

/** What every segment check reads. */
export interface CheckContext {
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly source: string;
  readonly target: string;
  readonly glossary: QaGlossaryLookup | null;
}

/** An issue before the registry stamps its check id and severity. */
export type Finding = Omit<QaIssue, "check" | "severity">;

/** A finding for something absent from the target: -1/-1, with the source span. */
export function absent(messageKey: string, params: Finding["params"], sourceStart: number, sourceEnd: number): Finding {
  return { messageKey, params, start: -1, end: -1, sourceStart, sourceEnd };
}

export function at(messageKey: string, params: Finding["params"], start: number, end: number): Finding {
  return { messageKey, params, start, end };
}
