/** Pure domain helpers for stories and their segments (no I/O). */
import { createHash } from "node:crypto";
import type { SegmentKind, TranslationStatus } from "@/lib/db/schema";

/** Hash that identifies a version of a segment's source text. */
export function hashSource(text: string): string {
  return createHash("sha256").update(text.normalize("NFC"), "utf8").digest("hex");
}

/** Kinds that count as body text for "n of m paragraphs translated". */
export function isBodyKind(kind: SegmentKind): boolean {
  return kind !== "title";
}

/** Statuses a reader may see. */
export const PUBLISHABLE_STATUSES: readonly TranslationStatus[] = ["approved"];

/** A translation is outdated when it was made against another source text. */
export function isOutdated(translationSourceHash: string, segmentSourceHash: string): boolean {
  return translationSourceHash !== segmentSourceHash;
}

/** A new random id with a readable prefix. */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, "")}`;
}
