/**
 * Sentence splitting for the product's languages (en, tr, ru, ar, ckb), rule-based and pure.
 *
 * A sentence ends at a run of terminal marks (. ! ? … ؟ ۔ and their runs: "?!", "...")
 * followed, optionally, by closing quotes and brackets (” ’ » “ › " ' ) ] }), then by white space
 * or the end of the text, unless:
 *  - the next word starts with a lower-case letter ("etc. and", "“Why?” he asked", "… and then");
 *  - the period closes an abbreviation: titles that never end a sentence ("Mr.", "Dr.", "Gen.",
 *    Russian "г-н.", "проф.", "англ.", Turkish "Doç.", "Av."), abbreviations that never end one
 *    before a number ("No. 10", "Feb. 27", "p. 4", Russian "ст. 5"), dotted acronyms ("U.S.",
 *    "a.m.", "e.g.", "т.е."), and single-letter initials in any script ("J. K. Rowling",
 *    "В. В. Путин", Arabic "د." for doctor);
 *  - the "sentence" so far is only a list marker ("1.", "a)", "iv.", "٣.") at the start of a line.
 * Decimals, times and URLs (2.5, 7.28 PM, bbc.co.uk) never split, since no space follows the mark.
 * A line break is a hard boundary (each line of a list is its own sentence); blank lines too.
 *
 * Offsets are UTF-16 code-unit offsets into the input; `text` is `input.slice(start, end)`, trimmed
 * of surrounding white space. Linear in the input length.
 */

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations (lower-cased, without the final period) that never end a sentence. */
const NEVER_END: Record<string, ReadonlySet<string>> = {
  en: new Set([
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "mt", "ft", "gen", "lt", "col", "capt", "cpt", "maj", "sgt", "cpl",
    "adm", "cmdr", "brig", "sen", "rep", "gov", "pres", "rev", "hon", "fr", "vs", "v", "approx", "dept", "est", "ca",
    "cf", "al", "sr", "jr", "det", "supt", "insp", "sens", "reps", "gens", "govs", "sgts", "atty",
  ]),
  tr: new Set(["dr", "prof", "doç", "doc", "av", "yrd", "sn", "alb", "org", "gen", "bkz", "vs", "st", "mr", "mrs", "ms"]),
  ru: new Set([
    "г-н", "г-жа", "проф", "акад", "им", "ул", "пр", "пер", "англ", "нем", "франц", "фр", "лат", "араб", "тур", "греч",
    "ген", "ст", "т", "напр", "св", "гр", "тов", "mr", "mrs", "dr", "prof", "st",
  ]),
  ar: new Set(["mr", "mrs", "dr", "prof", "st"]),
  // "دکتۆر." is how Sorani translators often carry over "Dr.".
  ckb: new Set(["mr", "mrs", "dr", "prof", "st", "دکتۆر", "پرۆفیسۆر"]),
};

/** Abbreviations that do not end a sentence when a number follows ("No. 10", "Feb. 27", "с. 5"). */
const BEFORE_NUMBER: Record<string, ReadonlySet<string>> = {
  en: new Set([
    "no", "nos", "art", "fig", "figs", "p", "pp", "vol", "ch", "sec", "para", "tel", "ext", "op",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  ]),
  tr: new Set(["no", "s", "md", "sy", "tel", "ocak", "şub", "mar", "nis", "haz", "tem", "ağu", "eyl", "eki", "kas", "ara"]),
  ru: new Set(["№", "с", "стр", "п", "пп", "рис", "гл", "т", "тел", "д", "кв", "янв", "февр", "фев", "авг", "сент", "окт", "нояб", "дек"]),
  ar: new Set(["no"]),
  ckb: new Set(["no"]),
};

/**
 * Frequent sentence-initial words. After an initial or a dotted acronym ("grade A.", "the U.S.",
 * "Washington, D.C."), one of these as the next word (not itself an initial) means a new sentence.
 */
const STARTERS: Record<string, ReadonlySet<string>> = {
  en: new Set([
    "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our",
    "but", "and", "in", "on", "at", "a", "an", "however", "there", "as", "after", "when", "if", "for", "so", "some", "many",
    "according", "meanwhile", "while", "what", "why", "how", "one", "two", "three", "no", "not", "now", "then", "yet",
  ]),
  tr: new Set(["bu", "bir", "ancak", "ama", "ve", "o", "bunun", "ayrıca", "daha", "şu", "bununla", "öte", "sonra", "hatta", "çünkü", "ben", "biz", "onlar"]),
  ru: new Set([
    "в", "во", "на", "по", "но", "а", "и", "это", "он", "она", "они", "мы", "я", "как", "при", "после", "также", "однако",
    "кроме", "для", "до", "с", "со", "у", "к", "о", "об", "из", "за", "не", "так", "там", "тогда", "когда", "если",
  ]),
};

const TERMINAL = new Set([".", "!", "?", "…", "؟", "۔", "‼", "⁇", "⁈", "⁉", "。", "！", "？"]);
const CLOSING = new Set(['"', "'", "”", "’", "»", "“", "›", ")", "]", "}", "〉", "」", "』", "\u200F", "\u200E"]);
const LIST_MARKER = /^(?:\(?(?:[0-9\u0660-\u0669\u06F0-\u06F9]{1,3}|[a-zA-Z]|[ivxlcdm]{1,5}|[IVXLCDM]{1,5})[.)]|[-–—•*▪·])$/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const DIGIT = /[\p{Nd}]/u;
const SPACE = /\s/u;

function baseLang(lang: string): string {
  const l = lang.toLowerCase().split(/[-_]/)[0] ?? "";
  return l === "ara" || l === "arb" ? "ar" : l === "tur" ? "tr" : l === "rus" ? "ru" : l === "eng" ? "en" : l;
}

/** The word ending just before `end` (exclusive): letters, digits, dots, apostrophes, hyphens. */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0) {
    const c = text[i - 1]!;
    if (LETTER.test(c) || MARK.test(c) || DIGIT.test(c) || c === "." || c === "-" || c === "№" || c === "\u200C") i--;
    else break;
  }
  return text.slice(i, end);
}

/** Whether the period at `dot` ends an abbreviation that keeps the sentence going, given the next character. */
function isAbbreviation(text: string, dot: number, lang: string, next: number): boolean {
  const word = wordBefore(text, dot);
  if (!word) return false;
  const lower = word.toLowerCase();
  const nextChar = text[next];
  // Dotted acronyms (U.S., U.N., a.m., e.g., т.е., D.C.) and single-letter initials in any script (J. K. Rowling,
  // В. В. Путин, د. محمد) keep the sentence going, unless a frequent sentence-initial word follows.
  if (/^(?:\p{L}\p{M}*){1,2}(?:\.(?:\p{L}\p{M}*){1,2})+$/u.test(word) || /^(?:\p{Lu}|\p{Lo})\p{M}*$/u.test(word)) {
    return !startsSentence(text, next, lang);
  }
  const never = NEVER_END[lang] ?? NEVER_END.en!;
  if (never.has(lower) || (lang !== "en" && NEVER_END.en!.has(lower) && /^\p{Lu}/u.test(word) && /^[A-Za-z]+$/.test(word))) {
    return true;
  }
  const beforeNumber = BEFORE_NUMBER[lang] ?? BEFORE_NUMBER.en!;
  if (nextChar !== undefined && DIGIT.test(nextChar) && (beforeNumber.has(lower) || BEFORE_NUMBER.en!.has(lower))) return true;
  return false;
}

/** Whether the word at `at` is a frequent sentence-initial word (and not itself an initial: "A. Smith"). */
function startsSentence(text: string, at: number, lang: string): boolean {
  const starters = STARTERS[lang];
  if (!starters) return false;
  let e = at;
  while (e < text.length && LETTER.test(text[e]!)) e++;
  if (e === at || text[e] === ".") return false;
  return starters.has(text.slice(at, e).toLocaleLowerCase(lang === "tr" ? "tr" : "en"));
}

/**
 * Splits `text` into sentences. `lang` is a language code (en, tr, ru, ar, ckb; unknown codes get the
 * English abbreviations).
 */
export function splitSentences(text: string, lang: string): Sentence[] {
  const l = baseLang(lang);
  const out: Sentence[] = [];
  const n = text.length;
  let start = 0; // start of the current sentence (may still point at white space)

  const push = (from: number, to: number) => {
    while (from < to && SPACE.test(text[from]!)) from++;
    while (to > from && SPACE.test(text[to - 1]!)) to--;
    if (to > from) out.push({ text: text.slice(from, to), start: from, end: to });
  };

  // Where the current sentence's first non-space character is (found once per sentence).
  let firstFrom = -1;
  let first = 0;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === "\n" || c === "\r" || c === "\u2029" || c === "\u2028") {
      push(start, i);
      start = i + 1;
      i++;
      continue;
    }
    if (!TERMINAL.has(c)) {
      i++;
      continue;
    }
    // A run of terminal marks ("...", "?!", "…").
    const markStart = i;
    let j = i;
    while (j < n && TERMINAL.has(text[j]!)) j++;
    let k = j;
    while (k < n && CLOSING.has(text[k]!)) k++;
    // Must be followed by white space or the end of the text.
    if (k < n && !SPACE.test(text[k]!)) {
      i = k > j ? k : j;
      continue;
    }
    // The first character of the next word (skipping white space and opening punctuation).
    let m = k;
    let lineBreak = false;
    while (m < n && SPACE.test(text[m]!)) {
      if (text[m] === "\n" || text[m] === "\r") lineBreak = true;
      m++;
    }
    const nextChar = m < n ? text[m] : undefined;

    let split = true;
    if (m < n && !lineBreak) {
      const run = text.slice(markStart, j);
      const single = run === ".";
      // The sentence so far is only a list marker: "1. The first point" (at most 8 characters:
      // looked at only then, so a long sentence of kept marks is not copied at each one).
      if (firstFrom !== start) {
        firstFrom = start;
        first = start;
        while (first < j && SPACE.test(text[first]!)) first++;
      }
      if (single && j - first <= 8 && LIST_MARKER.test(text.slice(first, j).trim())) split = false;
      else if (nextChar !== undefined && LOWER.test(nextChar)) split = false;
      else if (single && k === j && isAbbreviation(text, markStart, l, m)) split = false;
      // Turkish ordinals: "125. Cadde", "1. Kategori", "2. Dünya Savaşı".
      else if (single && k === j && l === "tr" && /(?:^|[^\p{L}\p{N}.,])\p{Nd}{1,3}$/u.test(text.slice(Math.max(start, markStart - 5), markStart))) {
        split = startsSentence(text, m, l);
      }
    }
    if (split) {
      push(start, k);
      start = k;
    }
    i = k;
  }
  push(start, n);
  return out;
}
