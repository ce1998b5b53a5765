/**
 * Approved terms for engines without glossaries: the source occurrences of
 * each term are marked in the text sent (HTML spans the engine must not
 * translate, or Microsoft's dynamic-dictionary tags), and the marks are
 * removed from the answer. Pure.
 */
import type { GlossaryPair } from "./types";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function unescapeHtml(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|#x27|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", apos: "'", amp: "&" })[e]!);
}

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly pair: GlossaryPair;
}

/**
 * Non-overlapping occurrences of the pairs' source terms (whole words,
 * case-insensitive, longest first); linear in the text per term.
 */
export function findTerms(text: string, pairs: readonly GlossaryPair[]): Hit[] {
  // Lower-casing that changes lengths (Turkish İ) would shift offsets: then match as written.
  const folded = text.toLowerCase();
  const lower = folded.length === text.length ? folded : text;
  const taken = new Uint8Array(text.length);
  const hits: Hit[] = [];
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (const pair of [...pairs].sort((a, b) => b.source.length - a.source.length)) {
    const needle = lower === text ? pair.source : pair.source.toLowerCase();
    if (!needle) continue;
    for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + needle.length)) {
      const end = i + needle.length;
      if (isWord(text[i - 1]) || isWord(text[end])) continue;
      if (taken.subarray(i, end).some((x) => x === 1)) continue;
      taken.fill(1, i, end);
      hits.push({ start: i, end, pair });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function replaceHits(text: string, hits: readonly Hit[], plain: (s: string) => string, mark: (h: Hit, original: string) => string): string {
  let out = "";
  let at = 0;
  for (const h of hits) {
    out += plain(text.slice(at, h.start)) + mark(h, text.slice(h.start, h.end));
    at = h.end;
  }
  return out + plain(text.slice(at));
}

/** HTML for engines that keep `translate="no"` spans (Google, LibreTranslate): each term replaced by its target term. */
export function protectTermsHtml(text: string, pairs: readonly GlossaryPair[]): string {
  return replaceHits(text, findTerms(text, pairs), escapeHtml, (h) => `<span translate="no">${escapeHtml(h.pair.target)}</span>`);
}

/** The engine's HTML answer back to plain text. */
export function unprotectHtml(html: string): string {
  return unescapeHtml(html.replace(/<span translate="no">([^<]*)<\/span>/g, "$1").replace(/<\/?span[^>]*>/g, ""));
}

/** Microsoft Translator's dynamic dictionary: `<mstrans:dictionary translation="…">term</mstrans:dictionary>`. */
export function dynamicDictionary(text: string, pairs: readonly GlossaryPair[]): string {
  return replaceHits(text, findTerms(text, pairs), (s) => s, (h, original) => `<mstrans:dictionary translation="${h.pair.target.replace(/"/g, "'")}">${original}</mstrans:dictionary>`);
}
