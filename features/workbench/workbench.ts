/** Pure workbench logic: filters, counts, navigation (no I/O). */
import type { TranslationStatus } from "@/lib/db/schema";
import type { WorkbenchSegment } from "./schemas";

/** "outdated": translations made against an earlier source, whatever their status. */
export type StatusFilter = "all" | TranslationStatus | "outdated";

export interface SegmentFilter {
  readonly status: StatusFilter;
  readonly text: string;
  readonly openComments: boolean;
}

export const statusOf = (s: WorkbenchSegment): TranslationStatus => s.translation?.status ?? "untranslated";

/** Folds case and diacritics for searching. */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en").replace(/ı/g, "i");
}

export function matchesFilter(s: WorkbenchSegment, f: SegmentFilter): boolean {
  if (f.status === "outdated") {
    if (!s.translation?.outdated) return false;
  } else if (f.status !== "all" && statusOf(s) !== f.status) return false;
  if (f.openComments && s.openThreads === 0) return false;
  if (f.text.trim()) {
    const q = fold(f.text.trim());
    if (!fold(s.source).includes(q) && !fold(s.translation?.text ?? "").includes(q)) return false;
  }
  return true;
}

export function countByStatus(segments: readonly WorkbenchSegment[]): Record<TranslationStatus, number> {
  const counts: Record<TranslationStatus, number> = { untranslated: 0, draft: 0, translated: 0, approved: 0 };
  for (const s of segments) counts[statusOf(s)]++;
  return counts;
}

/** Segments whose translation was made against an earlier source text. */
export function countOutdated(segments: readonly WorkbenchSegment[]): number {
  return segments.filter((s) => s.translation?.outdated).length;
}

/** Whether a segment still needs the translator (not confirmed, or its source changed). */
export function needsWork(s: WorkbenchSegment): boolean {
  const st = statusOf(s);
  return st === "untranslated" || st === "draft" || Boolean(s.translation?.outdated);
}

/** The index of the next segment after `from` that needs work (wrapping), or -1. */
export function nextNeedingWork(segments: readonly WorkbenchSegment[], from: number): number {
  for (let step = 1; step <= segments.length; step++) {
    const i = (from + step) % segments.length;
    if (needsWork(segments[i]!)) return i;
  }
  return -1;
}
