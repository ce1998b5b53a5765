/**
 * Tokenization and normalization for translation-memory matching. Pure, no
 * server-only imports: it runs in the browser (diffs) and on every unit of a
 * million-unit memory (index build), so the hot path avoids per-token regexes.
 *
 * A text is split into three kinds of tokens, each keeping its surface and
 * UTF-16 offsets (for match diffs):
 *
 * - word: letters, marks and digits, with joiners, tatweel and word-internal
 *   apostrophes (`don't`, `İdlib'de`). Its key is NFKC, case-folded (Turkish
 *   İ/ı for tr and az), with Arabic harakat, Quranic marks, tatweel and
 *   invisible format characters removed, Arabic/Persian digits as ASCII, and the
 *   letter variants the glossary analyzers fold too (features/glossary/analyzers.ts:
 *   Arabic alef forms, ى/ي, ة/ه, Persian ک/ی as Arabic letters in ar; Arabic-
 *   keyboard ك/ي as Sorani letters in ckb; ё as е).
 * - number: a run of digits with internal separators (`1,000`, `3.5`, `٢٠١٩`);
 *   its key is the ASCII digit string.
 * - punct: any other visible character, one token each; its key folds quote,
 *   dash and Arabic-script punctuation variants (`«»“”` → `"`, `،` → `,`).
 *
 * Decision on punctuation: punctuation tokens are kept (for diffs) but are NOT
 * part of the word sequence the edit distance runs on. Counting them as words
 * would make a quoted sentence look like a two-word edit, inflate every length,
 * and put `,` and `.` (in nearly every unit) in the inverted index. Instead the
 * score subtracts a fixed point when the punctuation sequences differ (score.ts).
 * Numbers enter the word sequence as one class token (NUMBER_KEY), so `in 2018`
 * vs `in 2019` is not a word edit; differing values cost a fixed penalty instead.
 */
import { ARABIC_LETTER_FOLDS, SORANI_LETTER_FOLDS } from "@/lib/text/letters";

export type TmTokenKind = "word" | "number" | "punct";

export interface TmToken {
  readonly kind: TmTokenKind;
  /** The text as written. */
  readonly surface: string;
  /** The normalized form compared when matching. */
  readonly key: string;
  /** UTF-16 offsets into the tokenized text. */
  readonly start: number;
  readonly end: number;
}

/** What the matcher needs of a source text. */
export interface TmAnalysis {
  /** Word-sequence keys; every number is NUMBER_KEY. */
  readonly keys: string[];
  /** ASCII values of the numbers, in order. */
  readonly numbers: string[];
  /** 32-bit hash of the folded punctuation sequence. */
  readonly punct: number;
  /** The normalized source: equal exact keys make a 100 % match. */
  readonly exact: string;
}

/** The key every number has in the word sequence. */
export const NUMBER_KEY = "\u0000#";

// Character classes for the scanner, computed once per UTF-16 code unit on first sight.
const C_SKIP = 1; // whitespace, controls, format characters other than joiners
const C_WORD = 2; // letters, marks, other numbers (², Ⅻ), joiners, tatweel
const C_DIGIT = 3; // decimal digits of any script
const C_APOS = 4; // apostrophes: part of a word between two word characters
const C_OTHER = 5; // punctuation and symbols
const classes = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classify(ch: string): number {
  if (/[\s\p{Cc}]/u.test(ch)) return C_SKIP;
  if (ch === "'" || ch === "’" || ch === "ʼ") return C_APOS;
  if (ch === "\u200C" || ch === "\u200D" || ch === "\u0640") return C_WORD;
  if (/\p{Cf}/u.test(ch)) return C_SKIP;
  if (/\p{Nd}/u.test(ch)) return C_DIGIT;
  if (/[\p{L}\p{M}\p{No}\p{Nl}]/u.test(ch)) return C_WORD;
  return C_OTHER;
}

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
      let k = astralClasses.get(cp);
      if (k === undefined) astralClasses.set(cp, (k = classify(String.fromCodePoint(cp))));
      return k;
    }
  }
  let k = classes[c]!;
  if (k === 0) classes[c] = k = classify(String.fromCharCode(c));
  return k;
}

/** Width in code units of the character at i (2 for a surrogate pair). */
function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

const isNumberSeparator = (c: number) => c === 0x2e || c === 0x2c || c === 0x3a || c === 0x066b || c === 0x066c || c === 0x060c;

const K_WORD = 0;
const K_NUMBER = 1;
const K_PUNCT = 2;
type Emit = (kind: number, start: number, end: number, key: string) => void;

/**
 * The tokenizer: a single pass over UTF-16 code units with a class table (no regex per
 * token). Rules: a number is a digit run with internal separators (. , : ٫ ٬ ،) not
 * followed by a word character (`19th` is a word; `3.5x` is the number 3, `.` and `5x`);
 * a word is a run of word characters and digits, with apostrophes between two of them;
 * anything else visible is one punctuation token; words whose key is empty (a lone
 * tatweel or joiner) are dropped.
 */
function scan(text: string, lang: string, emit: Emit): void {
  const len = text.length;
  const turkish = turkishCase(lang);
  let i = 0;
  while (i < len) {
    const k = classAt(text, i);
    if (k === C_SKIP) {
      i++;
      continue;
    }
    const start = i;
    if (k === C_DIGIT) {
      let j = i + 1;
      let firstSep = -1;
      for (;;) {
        while (j < len && classAt(text, j) === C_DIGIT) j += widthAt(text, j);
        if (j + 1 < len && isNumberSeparator(text.charCodeAt(j)) && classAt(text, j + 1) === C_DIGIT) {
          if (firstSep < 0) firstSep = j;
          j += 1;
          continue;
        }
        break;
      }
      const next = j < len ? classAt(text, j) : C_SKIP;
      if (next !== C_WORD && !(next === C_APOS && j + 1 < len && isWordish(classAt(text, j + 1)))) {
        emit(K_NUMBER, start, j, numberKey(text.slice(start, j)));
        i = j;
        continue;
      }
      if (firstSep >= 0) {
        // `3.5x`: the digits before the first separator are the number.
        emit(K_NUMBER, start, firstSep, numberKey(text.slice(start, firstSep)));
        i = firstSep;
        continue;
      }
      // `19th`: a word.
    }
    if (k === C_DIGIT || k === C_WORD) {
      let j = i;
      let ascii = true;
      let upper = false;
      while (j < len) {
        const kj = classAt(text, j);
        if (kj === C_WORD || kj === C_DIGIT) {
          const c = text.charCodeAt(j);
          if (c > 0x7f) ascii = false;
          else if (c >= 65 && c <= 90) upper = true;
          j += widthAt(text, j);
        } else if (kj === C_APOS && j + 1 < len && isWordish(classAt(text, j + 1)) && j > start) {
          if (text.charCodeAt(j) > 0x7f) ascii = false;
          j++;
        } else break;
      }
      const surface = text.slice(start, j);
      const key = !ascii ? wordKey(surface, lang) : !upper ? surface : turkish && surface.includes("I") ? surface.replace(/I/g, "ı").toLowerCase() : surface.toLowerCase();
      if (key.length > 0) emit(K_WORD, start, j, key);
      i = j;
      continue;
    }
    // Punctuation (an apostrophe outside a word is a quotation mark).
    const w = widthAt(text, i);
    emit(K_PUNCT, start, i + w, punctKey(text.slice(start, i + w)));
    i += w;
  }
}

const isWordish = (k: number) => k === C_WORD || k === C_DIGIT;

// Characters dropped from word keys: Arabic harakat and superscript alef, Quranic marks, tatweel,
// joiners, directional marks, BOM, soft hyphen, word joiner.
function isIgnorable(c: number): boolean {
  return (
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    c === 0x0640 ||
    (c >= 0x06d6 && c <= 0x06dc) ||
    (c >= 0x06df && c <= 0x06e4) ||
    c === 0x06e7 ||
    c === 0x06e8 ||
    (c >= 0x06ea && c <= 0x06ed) ||
    (c >= 0x200b && c <= 0x200f) ||
    c === 0x061c ||
    c === 0xfeff ||
    c === 0x00ad ||
    c === 0x2060
  );
}

type LetterMap = Map<number, string>;

const COMMON: [string, string][] = [
  ["’", "'"],
  ["ʼ", "'"],
  ["‘", "'"],
  ["ё", "е"],
  ...[..."٠١٢٣٤٥٦٧٨٩"].map((d, i): [string, string] => [d, String(i)]),
  ...[..."۰۱۲۳۴۵۶۷۸۹"].map((d, i): [string, string] => [d, String(i)]),
];
const letterMaps = new Map<string, LetterMap>();
function letterMap(lang: string): LetterMap {
  const family = lang === "ckb" || lang === "fa" ? "ckb" : "ar";
  let m = letterMaps.get(family);
  if (!m) {
    m = new Map([...COMMON, ...(family === "ckb" ? SORANI_LETTER_FOLDS : ARABIC_LETTER_FOLDS)].map(([a, b]) => [a.charCodeAt(0), b]));
    letterMaps.set(family, m);
  }
  return m;
}

const turkishCase = (lang: string) => lang === "tr" || lang === "az";

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The matching key of a word (see the module comment). */
export function wordKey(word: string, lang: string): string {
  if (isAscii(word)) return turkishCase(lang) && word.includes("I") ? word.replace(/I/g, "ı").toLowerCase() : word.toLowerCase();
  let s = word.normalize("NFKC");
  s = turkishCase(lang) ? s.replace(/İ/g, "i").replace(/I/g, "ı").toLowerCase() : s.replace(/İ/g, "i").toLowerCase();
  const map = letterMap(lang);
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Only these ranges hold characters to drop or map.
    if (c !== 0x00ad && c !== 0x02bc && c !== 0x0451 && (c < 0x0600 || c > 0x06ff) && (c < 0x200b || c > 0x2019) && c !== 0x2060 && c !== 0xfeff) continue;
    const drop = isIgnorable(c);
    const rep = drop ? "" : map.get(c);
    if (rep === undefined) continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** The ASCII value of a number token (Arabic and Persian digits and separators mapped). */
export function numberKey(num: string): string {
  if (isAscii(num)) return num;
  let out = "";
  for (const ch of num.normalize("NFKC")) {
    const c = ch.charCodeAt(0);
    if (c >= 0x0660 && c <= 0x0669) out += String.fromCharCode(48 + c - 0x0660);
    else if (c >= 0x06f0 && c <= 0x06f9) out += String.fromCharCode(48 + c - 0x06f0);
    else if (c === 0x066b) out += ".";
    else if (c === 0x066c || c === 0x060c) out += ",";
    else out += ch;
  }
  return out;
}

const PUNCT_FOLD = new Map<string, string>([
  ["“", '"'],
  ["”", '"'],
  ["„", '"'],
  ["«", '"'],
  ["»", '"'],
  ["‘", "'"],
  ["’", "'"],
  ["‚", "'"],
  ["‹", "'"],
  ["›", "'"],
  ["–", "-"],
  ["—", "-"],
  ["‐", "-"],
  ["‑", "-"],
  ["−", "-"],
  ["،", ","],
  ["؛", ";"],
  ["؟", "?"],
  ["۔", "."],
  ["…", "."],
]);

/** The matching key of a punctuation character. */
export function punctKey(ch: string): string {
  return PUNCT_FOLD.get(ch) ?? ch.normalize("NFKC");
}

const KINDS: TmTokenKind[] = ["word", "number", "punct"];

/** Every token of the text with its surface, key and UTF-16 offsets. */
export function tokenize(text: string, lang: string): TmToken[] {
  const out: TmToken[] = [];
  scan(text, lang, (kind, start, end, key) => out.push({ kind: KINDS[kind]!, surface: text.slice(start, end), key, start, end }));
  return out;
}

const INVISIBLE = /[\u00AD\u0640\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * The normalized source used for exact (100 %) matches: NFKC, invisible
 * format characters and tatweel removed, whitespace runs collapsed, trimmed.
 * Case, punctuation, diacritics and digit script still count.
 */
export function exactKey(text: string): string {
  // Fast path: ASCII with single spaces between non-space characters is already normalized.
  let plain = text.length === 0 || (text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32);
  for (let i = 0; plain && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e || c < 0x20 || (c === 32 && text.charCodeAt(i + 1) === 32)) plain = false;
  }
  if (plain) return text;
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** FNV-1a over UTF-16 code units, 32-bit signed. */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so nearby strings spread over the table.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** What the matcher needs of a text: word keys, number values, punctuation hash, exact key. */
export function analyze(text: string, lang: string): TmAnalysis {
  const keys: string[] = [];
  const numbers: string[] = [];
  let punct = 0x811c9dc5 | 0;
  scan(text, lang, (kind, _start, _end, key) => {
    if (kind === K_WORD) keys.push(key);
    else if (kind === K_NUMBER) {
      keys.push(NUMBER_KEY);
      numbers.push(key);
    } else {
      for (let i = 0; i < key.length; i++) punct = Math.imul(punct ^ key.charCodeAt(i), 0x01000193);
      punct = Math.imul(punct ^ 0x1f, 0x01000193);
    }
  });
  return { keys, numbers, punct: punct | 0, exact: exactKey(text) };
}
