/** Pure rules of published editions (issue 13): completeness, state, and the changes since the snapshot. No I/O. */
import type { SegmentKind } from "@/lib/db/schema";

/** A segment's text as it would be published now (live) or as it was published (snapshot). */
export interface EditionText {
  readonly segmentId: string;
  readonly key: string;
  readonly position: number;
  readonly kind: SegmentKind;
  readonly text: string;
  readonly revisionId: string | null;
  readonly translationVersion: number | null;
  readonly sourceHash: string;
}

/** Why a segment keeps the edition from being published. */
export type Blocker =
  | { readonly key: string; readonly reason: "untranslated" | "not_approved" | "outdated" }
  | { readonly key: string; readonly reason: "qa_errors"; readonly checks: readonly string[] };

/** Per story and language, as the workbench shows it. */
export type EditionState = "not_published" | "published" | "changed" | "unpublished";

/** One segment that differs between the snapshot and the live text. */
export interface EditionChange {
  readonly key: string;
  readonly kind: SegmentKind;
  readonly change: "changed" | "added" | "removed";
  /** The published text (null when the segment is new). */
  readonly published: string | null;
  /** The text that would be published now (null when removed, or not publishable yet). */
  readonly live: string | null;
}

/** Segments whose published and live texts differ, in reading order. */
export function editionChanges(snapshot: readonly EditionText[], live: readonly EditionText[]): EditionChange[] {
  const published = new Map(snapshot.map((s) => [s.segmentId, s]));
  const current = new Map(live.map((s) => [s.segmentId, s]));
  const changes: (EditionChange & { position: number })[] = [];
  for (const s of live) {
    const p = published.get(s.segmentId);
    if (!p) changes.push({ key: s.key, kind: s.kind, change: "added", published: null, live: s.text, position: s.position });
    else if (p.text !== s.text || p.kind !== s.kind) changes.push({ key: s.key, kind: s.kind, change: "changed", published: p.text, live: s.text, position: s.position });
  }
  for (const p of snapshot) {
    if (!current.has(p.segmentId)) changes.push({ key: p.key, kind: p.kind, change: "removed", published: p.text, live: null, position: p.position });
  }
  return changes.sort((a, b) => a.position - b.position).map(({ position: _p, ...c }) => c);
}

/** Whether two snapshots show the same text in the same order. */
export function sameSnapshot(a: readonly EditionText[], b: readonly EditionText[]): boolean {
  return a.length === b.length && a.every((s, i) => s.segmentId === b[i]!.segmentId && s.text === b[i]!.text && s.kind === b[i]!.kind && s.position === b[i]!.position);
}

/** The state shown for an edition: never published, published as live, published with changes since, or unpublished. */
export function editionState(edition: { status: "published" | "unpublished" } | undefined, changes: readonly EditionChange[]): EditionState {
  if (!edition) return "not_published";
  if (edition.status === "unpublished") return "unpublished";
  return changes.length > 0 ? "changed" : "published";
}
