/**
 * Plain text (.txt, or pasted) to blocks. Pure.
 *
 * - Blank lines separate paragraphs, and line breaks inside a paragraph are
 *   joined with a space (hard-wrapped text). A text without any blank line has
 *   one paragraph per line (the newsroom sends stories that way).
 * - The first block is the title when it is one short line (at most 200
 *   characters and 30 words) without final punctuation.
 * - A later block that is one short line (at most 120 characters and 15 words)
 *   without final punctuation is a heading.
 * - Datelines and a closing "Last updated …" note: see markDatelineAndNote.
 */
import { type Block, cleanText, finishBlocks, isHeadingLike, markDatelineAndNote } from "./blocks";

export function parseText(input: string): Block[] {
  const text = cleanText(input);
  const lines = text.split("\n");
  const hasBlankLine = /\n[ \t\u00A0]*\n/.test(text.trim());
  const raw: string[] = [];
  if (hasBlankLine) {
    let current: string[] = [];
    for (const line of lines) {
      if (line.trim() === "") {
        if (current.length) raw.push(current.join("\n"));
        current = [];
      } else current.push(line.trim());
    }
    if (current.length) raw.push(current.join("\n"));
  } else {
    for (const line of lines) if (line.trim()) raw.push(line.trim());
  }
  const blocks: Block[] = raw.map((r, i) => {
    const singleLine = !r.includes("\n");
    if (i === 0 && singleLine && isHeadingLike(r, 200, 30)) return { kind: "title", text: r };
    if (i > 0 && singleLine && isHeadingLike(r)) return { kind: "heading", text: r };
    return { kind: "paragraph", text: r.replace(/\n/g, " ") };
  });
  return markDatelineAndNote(finishBlocks(blocks));
}
