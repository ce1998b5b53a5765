/** Text helpers of the aligner: lengths and paragraphs. Pure. */

/**
 * The length the length model counts: characters, with every run of white space as one, and
 * combining marks (Arabic harakat, accents written as marks) and tatweel not counted.
 */
export function alignLength(text: string): number {
  let n = 0;
  let space = true; // leading white space is not counted
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x202f || c === 0x2009) {
      if (!space) n++;
      space = true;
      continue;
    }
    // Combining marks U+0300–036F, Arabic harakat U+064B–065F, U+0670, tatweel U+0640, joiners.
    if ((c >= 0x0300 && c <= 0x036f) || (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640 || c === 0x200c || c === 0x200d) continue;
    // The low half of a surrogate pair is not a second character.
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    n++;
    space = false;
  }
  return space && n > 0 ? n - 1 : n;
}

export interface Paragraph {
  readonly text: string;
  /** UTF-16 offsets into the normalized text. */
  readonly start: number;
  readonly end: number;
}

/**
 * Normalizes pasted text: CRLF and CR become LF, and a single line break inside a paragraph becomes
 * a space unless the next line starts a list item or the line ends a sentence (hard-wrapped text).
 * Blank lines separate paragraphs. When the text has no blank line at all, each line is a paragraph.
 */
export function normalizePasted(text: string): string {
  let t = text.replace(/\r\n?/g, "\n").replace(/[\u2028\u2029]/g, "\n").replace(/^\uFEFF/, "");
  if (!/\n[ \t\u00A0]*\n/.test(t)) return t;
  t = t.replace(/([^\n])\n(?=[ \t]*[^\s])/g, (all, before: string, offset: number, whole: string) => {
    const rest = whole.slice(offset + 2, offset + 12);
    if (/^[ \t]*(?:[-–—•*▪·]|\(?[0-9\u0660-\u0669\u06F0-\u06F9]{1,3}[.)]|[a-z][.)])\s/u.test(rest)) return all;
    if (/[.!?…؟۔:"'”’»)]$/u.test(before)) return all;
    return `${before} `;
  });
  return t;
}

/** Paragraphs of a normalized text: blank-line separated blocks (or lines, when there is no blank line). */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const separator = /\n[ \t\u00A0]*\n/.test(text) ? /\n(?:[ \t\u00A0]*\n)+/g : /\n/g;
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  for (const m of text.matchAll(separator)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return out;
}
