/**
 * Markdown (.md) to blocks, from markdown-it's token stream. Pure.
 *
 * - "# Title" as the first block is the title; every other heading is a heading.
 * - Paragraphs, list items, block quotes and table cells are paragraphs; code
 *   blocks keep their text as a paragraph.
 * - Inline markup becomes plain text: emphasis, links (their text) and code
 *   keep their text; images and raw HTML are dropped (a <script> block never
 *   reaches a segment); entities and escapes are decoded by markdown-it.
 * - A paragraph that is all bold and heading-like (short, no final punctuation)
 *   counts as a heading (the title when it comes first).
 */
import MarkdownIt from "markdown-it";
import { type Block, finishBlocks, isHeadingLike, markDatelineAndNote } from "./blocks";

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** The plain text of an inline token, and whether every visible character is bold. */
function inlineText(children: readonly Token[]): { text: string; allBold: boolean } {
  let text = "";
  let bold = 0;
  let allBold = true;
  for (const c of children) {
    switch (c.type) {
      case "text":
      case "text_special":
      case "code_inline":
        if (c.content.trim() && bold === 0) allBold = false;
        text += c.content;
        break;
      case "softbreak":
      case "hardbreak":
        text += " ";
        break;
      case "strong_open":
        bold++;
        break;
      case "strong_close":
        bold = Math.max(0, bold - 1);
        break;
      default:
        // links, emphasis, images and html_inline: no text of their own.
        break;
    }
  }
  return { text, allBold: allBold && text.trim().length > 0 };
}

export function parseMarkdown(input: string): Block[] {
  const tokens = md.parse(input.replace(/^\uFEFF/, ""), {});
  const blocks: Block[] = [];
  let heading: string | null = null;
  for (const tok of tokens) {
    if (tok.type === "heading_open") heading = tok.tag;
    else if (tok.type === "heading_close") heading = null;
    else if (tok.type === "inline") {
      const { text, allBold } = inlineText(tok.children ?? []);
      if (!text.trim()) continue;
      const first = blocks.length === 0;
      if (heading) blocks.push({ kind: first && heading === "h1" ? "title" : "heading", text });
      else if (allBold && isHeadingLike(text)) blocks.push({ kind: first ? "title" : "heading", text });
      else blocks.push({ kind: "paragraph", text });
    } else if (tok.type === "fence" || tok.type === "code_block") {
      if (tok.content.trim()) blocks.push({ kind: "paragraph", text: tok.content });
    }
    // html_block (raw HTML, scripts included) is dropped.
  }
  return markDatelineAndNote(finishBlocks(blocks));
}
