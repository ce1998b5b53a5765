/** Document-level checks: [inconsistent]. */
import type { QaDocumentIssue, QaSegment } from "./types";

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
    for (const x of g) {
      const others = g.filter((y) => y.target !== x.target).map((y) => y.id);
      const start = x.raw.search(/\S/u);
      out.push({ messageKey: "inconsistent", params: { count: others.length }, start, end: x.raw.trimEnd().length, segmentId: x.id, relatedSegmentIds: others });
    }
  }
  return out;
}
