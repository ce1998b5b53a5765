/** Text helpers shared by the checks: language profiles, digits, words, URLs. Pure. */
import { findLanguage } from "@/lib/i18n/languages";

/** ISO 15924 code; the checks know Latin, Cyrillic and Arabic, and treat others generically. */
export type Script = "Latn" | "Cyrl" | "Arab" | (string & {});

/** The script a language is written in (Latin for unknown codes). */
export function scriptOf(lang: string): Script {
  return findLanguage(lang)?.script ?? "Latn";
}

/**
 * ASCII for Arabic-Indic (U+0660–0669) and Extended Arabic-Indic (U+06F0–06F9)
 * digits. Every digit stays one UTF-16 unit, so offsets are unchanged.
 */
export function asciiDigits(text: string): string {
  return /[\u0660-\u0669\u06F0-\u06F9]/.test(text)
    ? text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String.fromCharCode((d.charCodeAt(0) & 0x0f) + 48))
    : text;
}

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

// Letters, combining marks, joiners and tatweel: one "word" of running text.
const WORD = /[\p{L}\p{M}\u200C\u200D\u0640]+/gu;

/** Runs of letters (with marks and joiners), with UTF-16 offsets. */
export function words(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

// Every pattern here is linear: a match can only start where the one before
// could not (the look-behind of EMAIL_RE), so a long run without "@" is read
// once, not once per starting position.
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"«»“”‘’()\[\]{}]+/giu;
const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const TRAILING = new Set([...".,;:!?؟،؛…'\"’”»)]}"]);

/** `s` without trailing punctuation (by hand: a pattern anchored at the end retries from every mark of a long run). */
function trimTrailing(s: string): string {
  let end = s.length;
  while (end > 0 && TRAILING.has(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** URLs (http, https, www.) and e-mail addresses, without trailing punctuation. */
export function urlsAndEmails(text: string): (Span & { kind: "url" | "email" })[] {
  if (!text.includes("@") && !/https?:|www\./i.test(text)) return [];
  const out: (Span & { kind: "url" | "email" })[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const t = trimTrailing(m[0]);
    if (t.length > 4) out.push({ start: m.index, end: m.index + t.length, text: t, kind: "url" });
  }
  const urls = out.length;
  // Both lists are in text order: one pass finds the URLs an address overlaps.
  let u = 0;
  for (const m of text.matchAll(EMAIL_RE)) {
    while (u < urls && out[u]!.end <= m.index) u++;
    if (u < urls && out[u]!.start < m.index + m[0].length) continue;
    const t = trimTrailing(m[0]);
    out.push({ start: m.index, end: m.index + t.length, text: t, kind: "email" });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Whether a run of non-space characters is (or, from `start`, ends in) a URL
 * or an address: what [untranslated] leaves aside. Returns where it starts,
 * or -1. Same as the pattern /\b(?:https?:\/\/|www\.)\S+|\S+@\S+/ on one
 * word, without its quadratic retries on a long word with no "@".
 */
export function linkStart(word: string): number {
  const at = word.indexOf("@", 1);
  if (at > 0 && at < word.length - 1) return 0;
  const m = /\b(?:https?:\/\/|www\.)/i.exec(word);
  return m && m.index + m[0].length < word.length ? m.index : -1;
}

/** The text with URLs and e-mail addresses blanked out (same length). */
export function maskUrls(text: string): string {
  const spans = urlsAndEmails(text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + " ".repeat(s.end - s.start);
    at = s.end;
  }
  return out + text.slice(at);
}

/** "U+202E" for a code point. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Length in code points (what a reader counts as characters, near enough). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}
