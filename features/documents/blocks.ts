/**
 * Blocks: what the parsers (.txt, .md, .html, .docx) make of an English story
 * before it is cut into segments. Pure: no I/O, safe on the client.
 *
 * Kinds follow the segments table: title (at most one, first), dateline (the
 * first paragraph when it opens with a dateline such as "ERBIL, Kurdistan
 * Region – "), heading, paragraph, and note (a closing "Last updated …" line).
 */
import type { SegmentKind } from "@/lib/db/schema";

export type BlockKind = SegmentKind;

export interface Block {
  readonly kind: BlockKind;
  readonly text: string;
}

export const IMPORT_FORMATS = ["txt", "md", "html", "docx"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Input limits, checked before and after parsing. */
export const LIMITS = {
  /** A .docx upload (bytes). */
  maxDocxBytes: 10 * 1024 * 1024,
  /** A .txt, .md or .html upload, or pasted text (bytes of UTF-8). */
  maxTextBytes: 2 * 1024 * 1024,
  /** Everything inside a .docx, uncompressed (zip-bomb guard). */
  maxDocxUncompressedBytes: 60 * 1024 * 1024,
  /** Files inside a .docx. */
  maxDocxEntries: 2000,
  /** Segments in one document. */
  maxSegments: 3000,
  /** Characters in one segment (the translation limit is the same). */
  maxSegmentChars: 20_000,
} as const;

/** A problem with an uploaded or pasted source: too large, or unreadable. */
export class DocumentInputError extends Error {
  constructor(
    readonly reason: "too_large" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "DocumentInputError";
  }
}

/**
 * Cleans text from any source: Unicode NFC, no byte-order mark, no control
 * characters (except line breaks and tabs), line breaks as "\n".
 */
export function cleanText(s: string): string {
  return s
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?|\u2028|\u2029/g, "\n")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]/g, "")
    .normalize("NFC");
}

/** Collapses white space inside one block to single spaces; a lone no-break space stays. */
export function collapseSpace(s: string): string {
  return s.replace(/\s+/g, (m) => (m === "\u00A0" ? m : " ")).trim();
}

/** Final punctuation, looked for before closing quotes and brackets. */
const FINAL_PUNCT = /[.!?;:,…؟]["'”’»)\]]*$/u;
export const endsWithPunctuation = (s: string) => FINAL_PUNCT.test(s.trim());
const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** A short line without final punctuation: a title or heading candidate. */
export function isHeadingLike(text: string, maxChars = 120, maxWords = 15): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= maxChars && words(t) <= maxWords && !t.includes("\n") && !endsWithPunctuation(t);
}

/**
 * A dateline opens a paragraph: a place in capitals, an optional region after a
 * comma, an optional agency in brackets, then a dash ("ERBIL, Kurdistan Region – ",
 * "WASHINGTON (Reuters) - ").
 */
const DATELINE = /^\p{Lu}[\p{Lu}\p{M} .'’-]*\p{Lu}(?:,[^\n–—]{1,60}?)?(?:\s*\([^)\n]{1,40}\))?\s+[–—-]{1,2}\s+\S/u;
export const startsWithDateline = (text: string) => DATELINE.test(text);

/** A closing line such as "Last updated at 7.28 PM". */
const NOTE = /^(?:last\s+)?updated\b/i;
export const isNoteLike = (text: string) => text.length <= 120 && NOTE.test(text.trim()) && !text.includes("\n");

/**
 * Datelines and notes from the position of paragraphs: the first paragraph
 * after the title (or the first block) becomes a dateline when it opens with
 * one; a closing "Last updated …" paragraph or heading becomes a note.
 */
export function markDatelineAndNote(blocks: readonly Block[]): Block[] {
  const out = blocks.map((b) => ({ ...b }));
  const first = out.findIndex((b) => b.kind !== "title");
  if (first >= 0 && out[first]!.kind === "paragraph" && startsWithDateline(out[first]!.text)) out[first] = { ...out[first]!, kind: "dateline" };
  const last = out.length - 1;
  if (last > 0 && (out[last]!.kind === "paragraph" || out[last]!.kind === "heading") && isNoteLike(out[last]!.text)) out[last] = { ...out[last]!, kind: "note" };
  return out;
}

/** Drops empty blocks and collapses white space; throws when nothing is left. */
export function finishBlocks(blocks: readonly Block[]): Block[] {
  const out = blocks.map((b) => ({ kind: b.kind, text: collapseSpace(b.text) })).filter((b) => b.text.length > 0);
  if (out.length === 0) throw new DocumentInputError("invalid", "The source has no text.");
  return out;
}
