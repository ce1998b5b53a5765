/** Document-level checks: [inconsistent]. */
import type { QaDocumentIssue, QaSegment } from "./types";

/** Segments named per issue at most (the count says how many differ). */
export const MAX_RELATED = 20;

const normalize = (s: string) => s.normalize("NFC").replace(/\s+/gu, " ").trim();

/**
 * [inconsistent]: identical sources (ignoring spacing) translated differently
 * in one document and language. Each segment of such a group gets an issue
 * naming the segments whose translation differs from its own. Empty targets
 * and sources without letters (numbers, dashes) are left out.
 */
export function checkInconsistent(segments: readonly QaSegment[]): Omit<QaDocumentIssue, "check" | "severity">[] {
  const groups = new Map<string, { id: string; target: string; raw: string }[]>();
  for (const s of segments) {
    const source = normalize(s.source);
    const target = normalize(s.target);
    if (!target || !/\p{L}/u.test(source)) continue;
    let g = groups.get(source);
    if (!g) groups.set(source, (g = []));
    g.push({ id: s.id, target, raw: s.target });
  }
  const out: Omit<QaDocumentIssue, "check" | "severity">[] = [];
  for (const g of groups.values()) {
    if (g.length < 2 || g.every((x) => x.target === g[0]!.target)) continue;
    // Linear in the group, however many segments share a source: counts per translation, and
    // the first MAX_RELATED + 1 segments of each translation as the candidates to name.
    const sameTarget = new Map<string, number>();
    for (const x of g) sameTarget.set(x.target, (sameTarget.get(x.target) ?? 0) + 1);
    const named = new Map<string, number>();
    const candidates = g.filter((x) => {
      const n = named.get(x.target) ?? 0;
      named.set(x.target, n + 1);
      return n <= MAX_RELATED;
    });
    for (const x of g) {
      const others: string[] = [];
      for (const y of candidates) {
        if (others.length === MAX_RELATED) break;
        if (y.target !== x.target) others.push(y.id);
      }
      const start = x.raw.search(/\S/u);
      out.push({ messageKey: "inconsistent", params: { count: g.length - sameTarget.get(x.target)! }, start, end: x.raw.trimEnd().length, segmentId: x.id, relatedSegmentIds: others });
    }
  }
  return out;
}
