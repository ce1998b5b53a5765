/**
 * Per-language text analysis for term recognition: tokenization with UTF-16
 * offsets, normalization (case, script variants, diacritics), and light
 * inflection handling. Pure and allocation-light: it runs on every keystroke.
 *
 * Each token yields a few candidate keys. "=" keys are exact forms (after
 * normalization, with Turkish apostrophe suffixes and English possessives cut
 * off); "~" keys are stems with inflectional endings removed. A term word is
 * matched by its "=" key when it only takes suffixes after an apostrophe
 * (Turkish and English proper nouns), otherwise by its "~" key.
 */
import { ARABIC_LETTER_FOLDS, SORANI_LETTER_FOLDS, letterFolder } from "@/lib/text/letters";
import { findLanguage, type Language } from "@/lib/i18n/languages";

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Analyzer {
  readonly lang: string;
  /** Candidate keys for a token of running text (clitic variants for Arabic). */
  keys(token: string): string[];
  /** The one key a term word is indexed under. */
  termKey(word: string, exact: boolean): string;
  /** Whether proper nouns in this language take suffixes only after an apostrophe (or not at all). */
  readonly exactProperNouns: boolean;
  /**
   * A term word as typed on a keyboard without the language's own letters
   * (Kurmanji ê î û as e i u), for terms the glossary allows that way
   * (`plainVowels`); absent where the language has no such habit.
   */
  readonly plain?: (word: string) => string;
  /**
   * The key of a word that is not the last of a multi-word term, where the
   * language marks the link between the words on the first ones (the Kurmanji
   * ezafe: "hêzên hewayî" is also "hêza hewayî", "hêzeke hewayî"); absent
   * where those words are indexed like any other (termKey).
   */
  readonly linkKey?: (word: string) => string;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}\u200C\u200D\u0640]/u;
const isApostrophe = (c: number) => c === 0x27 || c === 0x2019 || c === 0x2bc;

// 1: a word character, 2: an apostrophe (inside a word only), 0: anything else.
// A table for the Basic Multilingual Plane below U+3000 (every script the
// glossary has); other characters are classified by the regular expression.
export const TABLE_SIZE = 0x3000;
export const CLASS = new Uint8Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) CLASS[c] = isApostrophe(c) ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;

/** The class of the character at `i`: 1 a word character, 3 one of two code units, 2 an apostrophe, 0 anything else. */
export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < TABLE_SIZE) return CLASS[c]!;
  if (c === 0x2019 || c === 0x2bc) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!)) ? 3 : 0; // 3: a word character of two code units
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return WORD_CHAR.test(text[i]!) ? 1 : 0;
}

/**
 * Calls `visit(start, end)` for each word of the text (UTF-16 offsets), in
 * order: runs of letters, digits and marks, with apostrophes inside a word kept
 * (İdlib'de) and those at its edges left out (quotation marks).
 */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let k = classAt(text, i);
    if (k !== 1 && k !== 3) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    while (i < n) {
      if (k === 1) end = i += 1;
      else if (k === 3) end = i += 2;
      else if (k === 2) i += 1;
      else break;
      if (i < n) k = classAt(text, i);
    }
    visit(start, end);
  }
}

/** Words of the text with their UTF-16 offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  forEachWord(text, (start, end) => out.push({ start, end, text: text.slice(start, end) }));
  return out;
}

// Arabic-script marks to ignore: harakat, superscript alef, tatweel; joiners.
const IGNORED = /[\u064B-\u065F\u0670\u0640\u200C\u200D\u200E\u200F]/g;
const APOSTROPHES = /[’ʼ]/g;

/** The word with ’ and ʼ written as ' (most words have neither: then the word itself, no new string). */
function plainApostrophes(w: string): string {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 0x2019 || c === 0x2bc) return w.replace(APOSTROPHES, "'");
  }
  return w;
}

/**
 * Lowercases the Turkish way (İ → i, I → ı). Turkish special casing concerns
 * only these two letters, so once they are replaced, the plain (and much
 * faster) toLowerCase gives what toLocaleLowerCase("tr") would.
 */
function foldTurkish(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x49 || c === 0x130) return s.replace(/[İI]/g, (x) => (x === "I" ? "ı" : "i")).toLowerCase();
  }
  return s.toLowerCase();
}

function foldDefault(s: string): string {
  return s.toLowerCase();
}

/** Suffixes grouped by their last UTF-16 unit, longest first: a word only looks at those it may end with. */
type SuffixTable = ReadonlyMap<number, readonly string[]>;

function suffixTable(sortedLongestFirst: readonly string[]): SuffixTable {
  const table = new Map<number, string[]>();
  for (const x of sortedLongestFirst) {
    const last = x.charCodeAt(x.length - 1);
    const bucket = table.get(last);
    if (bucket) bucket.push(x);
    else table.set(last, [x]);
  }
  return table;
}

/** The longest suffix of `table` that `w` ends with and leaves at least `min` letters before, or "". */
function longestSuffix(w: string, table: SuffixTable, min: number): string {
  const bucket = table.get(w.charCodeAt(w.length - 1));
  if (bucket === undefined) return "";
  for (let i = 0; i < bucket.length; i++) {
    const x = bucket[i]!;
    if (w.length - x.length >= min && w.endsWith(x)) return x;
  }
  return "";
}

/** Repeatedly strips the longest listed suffix while at least `min` letters remain. */
function stripSuffixes(word: string, table: SuffixTable, min: number, maxRounds = 4): string {
  let w = word;
  for (let round = 0; round < maxRounds; round++) {
    const s = longestSuffix(w, table, min);
    if (s === "") break;
    w = w.slice(0, -s.length);
  }
  return w;
}

const byLength = (list: string[]) => [...new Set(list)].sort((a, b) => b.length - a.length);

// Turkish: case, possessive, plural and case endings (vowel harmony and buffer consonants listed out).
const TR_SUFFIXES = byLength([
  "lar", "ler", "ları", "leri", "ların", "lerin", "larda", "lerde", "lardan", "lerden", "lara", "lere",
  "sı", "si", "su", "sü", "ı", "i", "u", "ü", "yı", "yi", "yu", "yü", "nı", "ni", "nu", "nü",
  "da", "de", "ta", "te", "nda", "nde", "dan", "den", "tan", "ten", "ndan", "nden",
  "a", "e", "ya", "ye", "na", "ne", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün",
  "la", "le", "yla", "yle", "ki", "daki", "deki", "taki", "teki", "ndaki", "ndeki",
]);

// Russian: noun and adjective endings (at most three letters).
const RU_SUFFIXES = byLength([
  "иями", "ием", "ией", "иям", "иях", "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие",
  "ах", "ях", "ом", "ем", "ам", "ям", "ов", "ев", "ию", "ия", "ие", "ии", "ью", "ых", "их", "ым", "им", "ую", "юю",
  "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
]);

// Arabic: pronoun and number suffixes (one is removed). تين/تان are the dual of a word in ة
// (فرقاطة → فرقاطتين), so they reduce to the same stem as its singular. Broken plurals
// (نقطة → نقاط) change the word's pattern: the glossary lists them as variant terms.
const AR_SUFFIXES = byLength(["هما", "كما", "تين", "تان", "ها", "هم", "كم", "نا", "ان", "ين", "ات", "ون", "يه", "ه", "ي"]);

// Sorani: case, definiteness, plural, ezafe and clitic endings.
const CKB_SUFFIXES = byLength([
  "ەکان", "یەکان", "کان", "ەکە", "یەکە", "کە", "ان", "یان", "ێک", "یەک", "ەوە", "وە", "دا", "ەدا",
  "یش", "ش", "ی", "یی", "ە", "م", "ت", "مان", "تان", "ت", "یە",
]);

const TR_TABLE = suffixTable(TR_SUFFIXES);
const RU_TABLE = suffixTable(RU_SUFFIXES);
const AR_TABLE = suffixTable(AR_SUFFIXES);
const CKB_TABLE = suffixTable(CKB_SUFFIXES);

function turkish(): Analyzer {
  const exact = (w: string) => {
    const f = foldTurkish(plainApostrophes(w));
    const i = f.indexOf("'");
    return i > 0 ? f.slice(0, i) : f;
  };
  const stem = (exactForm: string) => stripSuffixes(exactForm, TR_TABLE, 3);
  return {
    lang: "tr",
    exactProperNouns: true,
    keys: (t) => {
      const e = exact(t);
      return [`=${e}`, `~${stem(e)}`];
    },
    termKey: (w, isExact) => (isExact ? `=${exact(w)}` : `~${stem(exact(w))}`),
  };
}

const APOSTROPHE = 0x27;
const LOWER_S = 0x73;

/**
 * An English word's exact form: lowercase, without a possessive ending ('s, or
 * the apostrophe of s'). Written out over char codes: this runs on every new
 * word of running text (it equals `lower.replace(/'s$|s'$|'$/, …)`, see the tests).
 */
export function englishExact(w: string): string {
  const e = plainApostrophes(w).toLowerCase();
  const n = e.length;
  if (n > 0 && e.charCodeAt(n - 1) === APOSTROPHE) return e.slice(0, n - 1);
  if (n > 1 && e.charCodeAt(n - 1) === LOWER_S && e.charCodeAt(n - 2) === APOSTROPHE) return e.slice(0, n - 2);
  return e;
}

/** Whether a word is an abbreviation (two or more capitals or digits, a possessive 's aside): it keeps a final s (HTS). */
function isAbbreviation(w: string): boolean {
  let n = w.length;
  if (n >= 2 && w.charCodeAt(n - 1) === LOWER_S && (w.charCodeAt(n - 2) === APOSTROPHE || w.charCodeAt(n - 2) === 0x2019)) n -= 2;
  if (n < 2) return false;
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) return false;
  }
  return true;
}

/** An English word's stem from the word and its exact form: a plural ending removed (cities → city, boxes → box, terms → term). */
export function englishStem(w: string, e: string): string {
  if (isAbbreviation(w)) return e;
  const n = e.length;
  const at = (i: number) => e.charCodeAt(n - i);
  if (n > 4 && at(1) === LOWER_S && at(2) === 0x65 /* e */) {
    if (at(3) === 0x69 /* i */) return `${e.slice(0, n - 3)}y`;
    const c = at(3);
    // (ss|x|z|ch|sh)es
    if (c === 0x78 || c === 0x7a || (c === LOWER_S && at(4) === LOWER_S) || (c === 0x68 && (at(4) === 0x63 || at(4) === LOWER_S))) return e.slice(0, n - 2);
  }
  if (n > 3 && at(1) === LOWER_S && at(2) !== LOWER_S) return e.slice(0, n - 1);
  return e;
}

function english(): Analyzer {
  return {
    lang: "en",
    exactProperNouns: true,
    keys: (t) => {
      const e = englishExact(t);
      return [`=${e}`, `~${englishStem(t, e)}`];
    },
    termKey: (w, isExact) => {
      const e = englishExact(w);
      return isExact ? `=${e}` : `~${englishStem(w, e)}`;
    },
  };
}

// Russian terms are given in the nominative: their stem is the word without its nominative ending.
const RU_NOMINATIVE = byLength(["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "а", "я", "о", "е", "ы", "и", "ь", "й"]);
const RU_NOMINATIVE_TABLE = suffixTable(RU_NOMINATIVE);

function russian(): Analyzer {
  const norm = (w: string) => {
    const l = foldDefault(w);
    return l.includes("ё") ? l.replace(/ё/g, "е") : l;
  };
  return {
    lang: "ru",
    exactProperNouns: false,
    // A running-text word may carry any one case or number ending: every reading is a candidate.
    keys: (t) => {
      const w = norm(t);
      const out = [`~${w}`];
      const bucket = RU_TABLE.get(w.charCodeAt(w.length - 1));
      if (bucket) for (const s of bucket) if (w.length - s.length >= 3 && w.endsWith(s)) out.push(`~${w.slice(0, -s.length)}`);
      return out;
    },
    termKey: (w) => `~${stripSuffixes(norm(w), RU_NOMINATIVE_TABLE, 3, 1)}`,
  };
}

const foldArabicLetters = letterFolder(ARABIC_LETTER_FOLDS);
const foldSoraniLetters = letterFolder(SORANI_LETTER_FOLDS);

function normalizeArabic(w: string): string {
  return foldArabicLetters(w.replace(IGNORED, ""));
}

/** Arabic proclitics: conjunction, preposition, article (and ل + ال = لل). */
function arabicVariants(w: string): string[] {
  const out = new Set<string>([w]);
  const strip = (x: string, p: string) => (x.startsWith(p) && x.length - p.length >= 2 ? x.slice(p.length) : undefined);
  for (const a of [w, strip(w, "و"), strip(w, "ف")]) {
    if (!a) continue;
    out.add(a);
    for (const b of [a, strip(a, "ب"), strip(a, "ك")]) {
      if (!b) continue;
      out.add(b);
      const noArticle = strip(b, "ال");
      if (noArticle) out.add(noArticle);
    }
    const l = strip(a, "لل");
    if (l) out.add(l);
    const l2 = strip(a, "ل");
    if (l2) {
      out.add(l2);
      const noArticle = strip(l2, "ال");
      if (noArticle) out.add(noArticle);
    }
  }
  return [...out];
}

function arabic(): Analyzer {
  const stem = (w: string) => stripSuffixes(w, AR_TABLE, 3, 1);
  return {
    lang: "ar",
    exactProperNouns: false,
    keys: (t) => arabicVariants(normalizeArabic(t)).map((v) => `~${stem(v)}`),
    termKey: (w) => {
      const n = normalizeArabic(w);
      const bare = n.startsWith("ال") && n.length > 4 ? n.slice(2) : n;
      return `~${stem(bare)}`;
    },
  };
}

function normalizeSorani(w: string): string {
  return foldSoraniLetters(w.replace(IGNORED, ""));
}

function sorani(): Analyzer {
  const stem = (w: string) => stripSuffixes(normalizeSorani(w), CKB_TABLE, 3, 3);
  return {
    lang: "ckb",
    exactProperNouns: false,
    keys: (t) => {
      const s = stem(t);
      // The preposition بە / لە written joined (بەئیدلیب) is rare; a leading و (and) is not joined in Sorani.
      return [`~${s}`];
    },
    termKey: (w) => `~${stem(w)}`,
  };
}

// Kurmanji (Hawar Latin alphabet): oblique, plural, ezafe and indefinite endings, with
// the buffer y after a vowel (Tirkiyeyê, Rûsyaya), and postpositions written joined (Îdlibêda).
const KMR_SUFFIXES = byLength([
  "ê", "î", "a", "yê", "yî", "ya", "an", "yan", "ên", "yên", "in", "ine", "ne",
  "ek", "ekê", "ekî", "eke", "yek", "yekê", "yekî", "ekan",
  "da", "de", "ve", "ra",
]);
// Endings that merge with a stem's final e (Sûriye + ê = Sûriyê); -ek after a consonant is -yek after a vowel.
const KMR_VOWEL_INITIAL = new Set(["ê", "î", "a", "an", "ên", "in", "ek", "ekê", "ekî", "eke", "ekan"]);
const KMR_TABLE = suffixTable(KMR_SUFFIXES);
// The ezafe a non-final word of a multi-word term carries, longest first.
const KMR_EZAFE = byLength(["ê", "î", "a", "yê", "yî", "ya", "ên", "yên"]);

/**
 * A Kurmanji word without its ezafe, written the way keys() writes the stem it
 * leaves behind: a vowel-initial ending after a consonant leaves stem + e
 * (hêzên, hêza → hêze; Sûriyê → sûriye; neteweyên → netewe).
 */
function kurmanjiLinkStem(word: string): string {
  for (const s of KMR_EZAFE) {
    if (word.length - s.length < 3 || !word.endsWith(s)) continue;
    const stem = word.slice(0, -s.length);
    return KMR_VOWEL_INITIAL.has(s) && !stem.endsWith("e") ? `${stem}e` : stem;
  }
  return word;
}

function foldKurmanji(w: string): string {
  // İ (typed on a Turkish keyboard) is a capital i; a word-internal apostrophe (NATO'yê) is dropped with what follows.
  let end = w.length;
  let dotted = false;
  for (let i = 0; i < end; i++) {
    const c = w.charCodeAt(i);
    if (c === 0x27 || c === 0x2019 || c === 0x2bc) end = i;
    else if (c === 0x130) dotted = true;
  }
  const x = end < w.length ? w.slice(0, end) : w;
  return (dotted ? x.replace(/İ/g, "i") : x).toLowerCase();
}

/** Adds the keys of `x` with one ending removed (and, in round 0, of those with a second one removed). */
function kurmanjiStems(x: string, round: number, out: string[]): void {
  const bucket = KMR_TABLE.get(x.charCodeAt(x.length - 1));
  if (bucket === undefined) return;
  for (const s of bucket) {
    if (x.length - s.length < 3 || !x.endsWith(s)) continue;
    const stem = x.slice(0, -s.length);
    out.push(`~${stem}`);
    // A final e merges with a vowel ending (Sûriye → Sûriyê, Tirkiye → Tirkiyê).
    if (KMR_VOWEL_INITIAL.has(s) && !stem.endsWith("e")) out.push(`~${stem}e`);
    if (round === 0) kurmanjiStems(stem, 1, out);
  }
}

const PLAIN_KMR: Record<string, string> = { ê: "e", î: "i", û: "u", Ê: "E", Î: "I", Û: "U" };

function kurmanji(): Analyzer {
  return {
    lang: "kmr",
    exactProperNouns: false,
    // The word, and the word with one or two endings removed (Rûsyayê → rûsya; Sûriyê → sûriy, sûriye).
    keys: (t) => {
      const w = foldKurmanji(t);
      const out = [`~${w}`];
      kurmanjiStems(w, 0, out);
      return out;
    },
    termKey: (w) => `~${foldKurmanji(w)}`,
    // keys() lists stem + e for every vowel-initial ending, so any ezafe of the same stem reaches this key.
    linkKey: (w) => `~${kurmanjiLinkStem(foldKurmanji(w))}`,
    plain: (w) => w.replace(/[êîûÊÎÛ]/g, (c) => PLAIN_KMR[c]!),
  };
}

/**
 * The analyzer for a language without one of its own, from its entry in the
 * language table: lowercase, Arabic-script marks and joiners ignored, its
 * `letterFolds` applied (Arabic ي typed for Persian ی), a word-internal
 * apostrophe ending the word, and any one of its `inflection.suffixes` removed
 * from a word of running text. Terms are given in their citation form.
 */
export function genericAnalyzer(lang: string, data: Pick<Language, "letterFolds" | "inflection"> = {}): Analyzer {
  const fold = data.letterFolds?.length ? letterFolder(data.letterFolds) : (w: string) => w;
  const table = suffixTable(byLength([...(data.inflection?.suffixes ?? [])].map((x) => fold(x.toLowerCase()))));
  const min = data.inflection?.minStem ?? 3;
  const norm = (w: string) => {
    let x = w.replace(IGNORED, "");
    const apostrophe = x.search(/['’ʼ]/);
    if (apostrophe > 0) x = x.slice(0, apostrophe);
    return fold(x.toLowerCase());
  };
  return {
    lang,
    exactProperNouns: false,
    keys: (t) => {
      const w = norm(t);
      const out = [`~${w}`];
      const bucket = table.get(w.charCodeAt(w.length - 1));
      if (bucket) for (const x of bucket) if (w.length - x.length >= min && w.endsWith(x)) out.push(`~${w.slice(0, -x.length)}`);
      return out;
    },
    termKey: (w) => `~${norm(w)}`,
  };
}

const ANALYZERS: Record<string, () => Analyzer> = { en: english, tr: turkish, ru: russian, ar: arabic, ckb: sorani, kmr: kurmanji };
const cache = new Map<string, Analyzer>();

/**
 * The analyzer for a language: its own where there is one, else the generic
 * analyzer over its entry in the language table (a language added as data),
 * else English rules.
 */
export function analyzerFor(lang: string): Analyzer {
  let a = cache.get(lang);
  if (!a) {
    const own = ANALYZERS[lang];
    const data = findLanguage(lang);
    a = own ? own() : data ? genericAnalyzer(lang, data) : english();
    cache.set(lang, a);
  }
  return a;
}

/** Splits a term into its words the way running text is tokenized. */
export function termWords(term: string): string[] {
  const text = term.replace(/[-‐‑–]/g, " ");
  const out: string[] = [];
  forEachWord(text, (start, end) => out.push(text.slice(start, end)));
  return out;
}
