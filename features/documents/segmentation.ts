/**
 * From blocks to segments, and the adjustments an editor makes before a
 * document is created (merge with the next segment, split at the caret, change
 * a kind). Pure and safe on the client.
 *
 * Keys of a new document follow the seeded stories: s01, s02, … (three digits
 * from the hundredth segment on: s001 … when the document has 100 or more).
 * They are the segments' URL anchors and XLIFF unit ids, and never change
 * afterwards; a source update gives its new segments the next free number.
 */
import { splitSentences } from "@/lib/text/sentences";
import { type Block, type BlockKind, LIMITS } from "./blocks";

export interface DraftSegment {
  readonly kind: BlockKind;
  readonly text: string;
}

export interface KeyedSegment extends DraftSegment {
  readonly key: string;
}

/**
 * Segments from blocks: one per block, or, with `sentences`, one per sentence
 * of each paragraph and dateline (titles, headings and notes stay whole). The
 * first sentence of a dateline paragraph keeps the dateline kind.
 */
export function segmentBlocks(blocks: readonly Block[], options: { sentences?: boolean; lang?: string } = {}): DraftSegment[] {
  if (!options.sentences) return blocks.map((b) => ({ kind: b.kind, text: b.text }));
  const out: DraftSegment[] = [];
  for (const b of blocks) {
    if (b.kind !== "paragraph" && b.kind !== "dateline") {
      out.push({ kind: b.kind, text: b.text });
      continue;
    }
    const sentences = splitSentences(b.text, options.lang ?? "en");
    if (sentences.length <= 1) {
      out.push({ kind: b.kind, text: b.text });
      continue;
    }
    sentences.forEach((s, i) => out.push({ kind: i === 0 ? b.kind : "paragraph", text: s.text }));
  }
  return out;
}

/** Keys for the segments of a new document: s01, s02, … (s001, … from 100 segments). */
export function assignKeys<T extends DraftSegment>(segments: readonly T[]): (T & { key: string })[] {
  const width = Math.max(2, String(segments.length).length);
  return segments.map((s, i) => ({ ...s, key: `s${String(i + 1).padStart(width, "0")}` }));
}

/** The next free key for a segment added by a source update, given every key the document ever had. */
export function nextKeys(existing: Iterable<string>, count: number): string[] {
  const taken = new Set(existing);
  let max = 0;
  let width = 2;
  for (const k of taken) {
    const m = /^s(\d+)$/.exec(k);
    if (m) {
      max = Math.max(max, Number(m[1]));
      width = Math.max(width, m[1]!.length);
    }
  }
  const out: string[] = [];
  let n = max;
  while (out.length < count) {
    n++;
    const key = `s${String(n).padStart(width, "0")}`;
    if (!taken.has(key)) out.push(key);
  }
  return out;
}

/** Joins segment `index` with the next one (a space between); the first one's kind stays. */
export function mergeWithNext<T extends DraftSegment>(segments: readonly T[], index: number): T[] {
  const a = segments[index];
  const b = segments[index + 1];
  if (!a || !b) return [...segments];
  const merged = { ...a, text: `${a.text.trimEnd()} ${b.text.trimStart()}`.trim() };
  return [...segments.slice(0, index), merged, ...segments.slice(index + 2)];
}

/**
 * Cuts segment `index` at UTF-16 offset `at` into two (each trimmed). Nothing
 * changes when either half would be empty. The second half of a title or a
 * dateline is a paragraph; headings, paragraphs and notes keep their kind.
 */
export function splitAt<T extends DraftSegment>(segments: readonly T[], index: number, at: number): T[] {
  const s = segments[index];
  if (!s) return [...segments];
  const left = s.text.slice(0, at).trim();
  const right = s.text.slice(at).trim();
  if (!left || !right) return [...segments];
  const secondKind: BlockKind = s.kind === "title" || s.kind === "dateline" ? "paragraph" : s.kind;
  return [...segments.slice(0, index), { ...s, text: left }, { ...s, kind: secondKind, text: right }, ...segments.slice(index + 1)];
}

/** Sets the kind of segment `index`; making one the title turns any other title into a heading. */
export function setKind<T extends DraftSegment>(segments: readonly T[], index: number, kind: BlockKind): T[] {
  return segments.map((s, i) => (i === index ? { ...s, kind } : kind === "title" && s.kind === "title" ? { ...s, kind: "heading" as BlockKind } : s));
}

export interface SegmentProblem {
  /** What is wrong, for a translated message: none, tooMany, twoTitles, titleNotFirst, empty, tooLong. */
  readonly code: "none" | "tooMany" | "twoTitles" | "titleNotFirst" | "empty" | "tooLong";
  /** The segment concerned (0-based), or null for the whole list. */
  readonly index: number | null;
  readonly message: string;
}

/** What keeps a list of segments from becoming a document (empty when it is fine). */
export function validateSegments(segments: readonly DraftSegment[]): SegmentProblem[] {
  const problems: SegmentProblem[] = [];
  if (segments.length === 0) problems.push({ code: "none", index: null, message: "There are no segments." });
  if (segments.length > LIMITS.maxSegments) problems.push({ code: "tooMany", index: null, message: `There are ${segments.length} segments; at most ${LIMITS.maxSegments} are accepted.` });
  const titles = segments.flatMap((s, i) => (s.kind === "title" ? [i] : []));
  if (titles.length > 1) problems.push({ code: "twoTitles", index: titles[1]!, message: "A document has at most one title." });
  if (titles.length >= 1 && titles[0] !== 0) problems.push({ code: "titleNotFirst", index: titles[0]!, message: "The title must be the first segment." });
  segments.forEach((s, i) => {
    if (!s.text.trim()) problems.push({ code: "empty", index: i, message: `Segment ${i + 1} is empty.` });
    if (s.text.length > LIMITS.maxSegmentChars) problems.push({ code: "tooLong", index: i, message: `Segment ${i + 1} is longer than ${LIMITS.maxSegmentChars} characters.` });
  });
  return problems;
}

/** A URL slug suggested from a title: lowercase ASCII letters, digits and hyphens. */
export function suggestSlug(title: string, date?: Date): string {
  const base = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .split("-")
    .slice(0, 8)
    .join("-")
    .slice(0, 80)
    .replace(/-+$/g, "");
  const day = date ? date.toISOString().slice(0, 10) : "";
  return [base || "story", day].filter(Boolean).join("-");
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Slugs that would shadow a route (/api/v1/documents/preview, /{lang}/workbench/import). */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(["preview", "import", "new", "source", "update"]);
