/**
 * HTML (.html, and .docx through mammoth) to blocks, with htmlparser2. Pure.
 *
 * - h1–h6 are headings (the first block, when it is an h1, is the title);
 *   p, li, blockquote, table cells and any other block element end a block;
 *   text directly inside a div or the body is a paragraph too.
 * - script, style, noscript, template, svg, math, iframe, object and the head
 *   are dropped with their content; images are dropped; every other element
 *   only contributes its text. Entities are decoded. The result is plain text:
 *   nothing from the input is ever rendered as HTML.
 * - A paragraph that is all bold and heading-like (short, no final
 *   punctuation) counts as a heading (the title when it comes first); Word
 *   documents often mark headings that way.
 */
import { Parser } from "htmlparser2";
import { type Block, finishBlocks, isHeadingLike, markDatelineAndNote } from "./blocks";

const DROPPED = new Set(["script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "embed", "canvas", "select", "textarea", "button"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const BLOCKS = new Set([
  "html", "body", "p", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "div", "section", "article", "main", "header", "footer",
  "aside", "nav", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "address", "hr",
  "h1", "h2", "h3", "h4", "h5", "h6", "form", "fieldset", "details", "summary",
]);
const BOLD = new Set(["strong", "b"]);

export function parseHtml(input: string): Block[] {
  const blocks: Block[] = [];
  const headingStack: string[] = [];
  let dropped = 0;
  let bold = 0;
  let buffer = "";
  let allBold = true;

  const flush = () => {
    const text = buffer;
    const wasBold = allBold && text.trim().length > 0;
    buffer = "";
    allBold = true;
    if (!text.trim()) return;
    const first = blocks.length === 0;
    const heading = headingStack[headingStack.length - 1];
    if (heading) blocks.push({ kind: first && heading === "h1" ? "title" : "heading", text });
    else if (wasBold && isHeadingLike(text)) blocks.push({ kind: first ? "title" : "heading", text });
    else blocks.push({ kind: "paragraph", text });
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (dropped > 0 || DROPPED.has(name)) {
          if (DROPPED.has(name)) dropped++;
          return;
        }
        if (BLOCKS.has(name)) flush();
        if (HEADINGS.has(name)) headingStack.push(name);
        if (BOLD.has(name)) bold++;
        if (name === "br") buffer += " ";
      },
      ontext(text) {
        if (dropped > 0) return;
        if (text.trim() && bold === 0) allBold = false;
        buffer += text;
      },
      onclosetag(name) {
        if (DROPPED.has(name)) {
          dropped = Math.max(0, dropped - 1);
          return;
        }
        if (dropped > 0) return;
        if (BLOCKS.has(name)) flush();
        if (HEADINGS.has(name)) {
          const at = headingStack.lastIndexOf(name);
          if (at >= 0) headingStack.splice(at, 1);
        }
        if (BOLD.has(name)) bold = Math.max(0, bold - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(input.replace(/^\uFEFF/, ""));
  parser.end();
  flush();
  return markDatelineAndNote(finishBlocks(blocks));
}
