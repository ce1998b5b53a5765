/**
 * Anchors: evidence, beside lengths, that a source and a target text say the same thing.
 *
 *  - numbers: every number in any digit set (ASCII, Arabic-Indic, Extended Arabic-Indic) and with
 *    any grouping or decimal separator, read by the QA number reader (features/qa/numbers.ts), so
 *    "1,000" = "1.000" = "١٬٠٠٠" and "2.5" = "2,5" = "٢٫٥"; a time matches the same time of day;
 *  - names: capitalized Latin words of the source (not frequent sentence-initial words, days or
 *    months) found in the target either as written (Latin-script names are often kept: "MWP", "BBC",
 *    Turkish "Trump'ın") or through a transliteration-agnostic consonant skeleton that reads Latin,
 *    Cyrillic and Arabic script alike ("Trump" = "Трампа" = "ترامب" = "ترەمپ" → TRMP); Latin words
 *    inside a Cyrillic or Arabic-script target are matched against every word of the source;
 *  - glossary concepts: the concept ids a recognizer finds in each text (optional callback).
 *
 * Pure. Features are computed once per sentence; a link's evidence is a small set intersection.
 */
import { extractNumbers } from "@/features/qa/numbers";

export interface AnchorFeatures {
  /** Numbers, each with its reading keys ("n:1000", "t:34200"). */
  readonly numbers: readonly (readonly string[])[];
  /** Source side: names to look for (Latin key and skeleton). */
  readonly names: readonly { readonly key: string; readonly skeleton: string }[];
  /** Target side: Latin keys present, and skeleton prefixes present. */
  readonly latinKeys: ReadonlySet<string>;
  readonly skeletonPrefixes: ReadonlySet<string>;
  /** Target side in a non-Latin script: the Latin words it contains (names, acronyms kept as written). */
  readonly foreignLatin: readonly string[];
  /** Every word of the source, lower-cased (to find the target's Latin words in). */
  readonly words: ReadonlySet<string>;
  /** Glossary concept ids. */
  readonly concepts: readonly string[];
}

export const EMPTY_FEATURES: AnchorFeatures = {
  numbers: [],
  names: [],
  latinKeys: new Set(),
  skeletonPrefixes: new Set(),
  foreignLatin: [],
  words: new Set(),
  concepts: [],
};

const HALF_DAY = 12 * 3600;

/** Reading keys of every number in the text. */
export function numberKeys(text: string): string[][] {
  if (!/[\d\u0660-\u0669\u06F0-\u06F9]/.test(text)) return [];
  return extractNumbers(text).map((n) => [...new Set(n.readings.map((r) => (r.kind === "n" ? `n:${r.value}` : `t:${r.seconds % HALF_DAY}`)))]);
}

/** Frequent capitalized English words that are not names: sentence starters, days, months, titles. */
const NOT_NAMES = new Set(
  (
    "a an the this that these those it its he she they we i you his her their our my your me us them him " +
    "and but or nor so yet for of in on at to by from with without about after before during since until as if when while " +
    "where what which who whom whose why how there here then now also however meanwhile still even just only not no yes " +
    "all any some many most more much few several each every both either neither one two three four five six seven eight nine ten " +
    "first second third last next new old other another such same own according despite although though because than " +
    "is are was were be been being has have had do does did will would can could should may might must shall " +
    "mr mrs ms dr prof sir madam president minister prime secretary general chief police officials official " +
    "monday tuesday wednesday thursday friday saturday sunday " +
    "january february march april may june july august september october november december " +
    "am pm st"
  ).split(" "),
);

const LATIN_WORD = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F\u0300-\u036F'’\-]*/g;
const ANY_WORD = /[\p{L}\p{M}\u200C\u0640]+/gu;

/** Lower-cases with the Turkish rules when asked, and drops an apostrophe suffix ("Trump'ın" → "trump"). */
export function latinKey(word: string, turkish = false): string {
  const base = word.replace(/['’].*$/, "").replace(/-+$/, "");
  const lower = turkish ? base.replace(/İ/g, "i").replace(/I/g, "ı").toLocaleLowerCase("tr") : base.toLowerCase();
  return lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ı/g, "i");
}

// Consonant classes shared by the three scripts. Vowels, semivowels, glottal stops and ayin are dropped;
// voiced and voiceless pairs share a class.
const CLASS: Record<string, string> = {};
const put = (chars: string, cls: string) => {
  for (const c of chars) CLASS[c] = cls;
};
// Labials are one class: Arabic writes p as ب or ف ("Singapore" = "سنغافورة"), v as ف or ڤ.
put("bpfvбпфвبپفڤ", "P");
put("tdтдتطدضثذ", "T");
put("kqgкгكکقگغ", "K");
put("szjçşжзсшщцчصسزشژچجظ", "S");
put("mмم", "M");
put("nнن", "N");
put("lлلڵ", "L");
put("rрرڕ", "R");
put("hхهحخھۀ", "H");

/** The consonant skeleton of a word in Latin, Cyrillic or Arabic script ("Washington" → SNTN, "Трампом" → TRMPM). */
export function skeleton(word: string, lang: string): string {
  let w = word.toLowerCase();
  if (/[a-z]/.test(w)) {
    if (lang === "tr") w = w.replace(/c/g, "j");
    w = w
      .replace(/sch|sh|ch|zh|tch|dg/g, "s")
      .replace(/th/g, "t")
      .replace(/ph/g, "f")
      .replace(/kh/g, "h")
      .replace(/ck|qu/g, "k")
      .replace(/gh|wh/g, "")
      .replace(/ng(?![aeiouy])/g, "n")
      .replace(/c(?=[eiy])/g, "s")
      .replace(/c/g, "k")
      .replace(/x/g, "ks")
      .replace(/tz/g, "s");
  } else if (/[а-яё]/.test(w)) {
    w = w.replace(/дж/g, "ж").replace(/нг(?![аеёиоуыэюя])/g, "н").replace(/кс/g, "кс");
  }
  let out = "";
  for (const ch of w) {
    const cls = CLASS[ch];
    if (cls && out[out.length - 1] !== cls) out += cls;
  }
  return out;
}

const ARABIC_PROCLITICS = /^(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل|ك)(?=..)/;
const SORANI_PROCLITICS = /^(?:و|ب|لە|بە)(?=...)/;

/** Skeletons of a target word: as written, and without a proclitic (Arabic "وترامب", "بالرئيس"). */
function skeletonsOf(word: string, lang: string): string[] {
  const out = [skeleton(word, lang)];
  if (lang === "ar" && ARABIC_PROCLITICS.test(word)) out.push(skeleton(word.replace(ARABIC_PROCLITICS, ""), lang));
  if (lang === "ckb" && SORANI_PROCLITICS.test(word)) out.push(skeleton(word.replace(SORANI_PROCLITICS, ""), lang));
  return out;
}

const MIN_SKELETON = 3;
const MAX_SKELETON = 8;

export interface FeatureOptions {
  /** Concept ids of glossary terms in a text (optional). */
  readonly concepts?: (text: string, lang: string) => readonly string[];
}

/** Features of a source text (names to look for, its words). */
export function sourceFeatures(text: string, lang: string, options: FeatureOptions = {}): AnchorFeatures {
  const names: { key: string; skeleton: string }[] = [];
  const words = new Set<string>();
  const seen = new Set<string>();
  for (const m of text.matchAll(LATIN_WORD)) {
    const w = m[0];
    const key = latinKey(w, lang === "tr");
    if (!key) continue;
    words.add(key);
    if (!/^\p{Lu}/u.test(w) || NOT_NAMES.has(key) || key.length < 2 || seen.has(key)) continue;
    seen.add(key);
    const sk = skeleton(key, lang).slice(0, MAX_SKELETON);
    names.push({ key, skeleton: sk.length >= MIN_SKELETON ? sk : "" });
  }
  return { ...EMPTY_FEATURES, numbers: numberKeys(text), names, words, concepts: options.concepts?.(text, lang) ?? [] };
}

/** Features of a target text (what names can be found in). */
export function targetFeatures(text: string, lang: string, options: FeatureOptions = {}): AnchorFeatures {
  const latinKeys = new Set<string>();
  const prefixes = new Set<string>();
  const foreignLatin: string[] = [];
  const latinScript = lang === "tr" || lang === "en";
  for (const m of text.matchAll(ANY_WORD)) {
    const w = m[0];
    const isLatin = /^[A-Za-z\u00C0-\u024F]/.test(w);
    if (isLatin) {
      const key = latinKey(w, lang === "tr");
      if (key.length >= 2) {
        latinKeys.add(key);
        if (!latinScript) foreignLatin.push(key);
      }
    }
    // Skeletons of names: capitalized Latin or Cyrillic words; every Arabic-script word (no case).
    if (isLatin ? !/^\p{Lu}/u.test(w) : /^\p{Ll}/u.test(w)) continue;
    for (const sk of skeletonsOf(isLatin ? latinKey(w, lang === "tr") : w, lang)) {
      for (let k = MIN_SKELETON; k <= Math.min(sk.length, MAX_SKELETON); k++) prefixes.add(sk.slice(0, k));
    }
  }
  return { ...EMPTY_FEATURES, numbers: numberKeys(text), latinKeys, skeletonPrefixes: prefixes, foreignLatin, concepts: options.concepts?.(text, lang) ?? [] };
}

export interface AnchorCounts {
  numbersMatched: number;
  numbersUnmatched: number;
  namesMatched: number;
  namesUnmatched: number;
  conceptsMatched: number;
  conceptsUnmatched: number;
}

function hasLatin(features: readonly AnchorFeatures[], key: string): boolean {
  for (const f of features) if (f.latinKeys.has(key)) return true;
  for (const f of features) for (const k of f.latinKeys) if (k.length > key.length && k.startsWith(key) && key.length >= 4) return true;
  return false;
}

function hasSkeleton(features: readonly AnchorFeatures[], sk: string): boolean {
  for (const f of features) if (f.skeletonPrefixes.has(sk)) return true;
  return false;
}

/** Evidence of a link between source texts and target texts (either side may be empty). */
export function countAnchors(source: readonly AnchorFeatures[], target: readonly AnchorFeatures[]): AnchorCounts {
  // Numbers: greedy pairing by shared readings.
  const pool: (readonly string[] | null)[] = [];
  for (const t of target) for (const n of t.numbers) pool.push(n);
  let nSource = 0;
  let numbersMatched = 0;
  for (const s of source) {
    for (const n of s.numbers) {
      nSource++;
      for (let k = 0; k < pool.length; k++) {
        const p = pool[k];
        if (p && p.some((r) => n.includes(r))) {
          pool[k] = null;
          numbersMatched++;
          break;
        }
      }
    }
  }
  const numbersUnmatched = nSource + pool.length - 2 * numbersMatched;

  let namesMatched = 0;
  let namesUnmatched = 0;
  for (const s of source) {
    for (const name of s.names) {
      if (hasLatin(target, name.key) || (name.skeleton && hasSkeleton(target, name.skeleton))) namesMatched++;
      else namesUnmatched++;
    }
  }
  // Latin words inside a non-Latin target: kept names and acronyms, which the source must contain.
  for (const t of target) {
    for (const w of t.foreignLatin) {
      let found = false;
      for (const s of source) if (s.words.has(w)) found = true;
      if (found) namesMatched++;
      else namesUnmatched++;
    }
  }

  let conceptsMatched = 0;
  let conceptsTotal = 0;
  const concepts = new Map<string, number>();
  for (const t of target) for (const c of t.concepts) concepts.set(c, (concepts.get(c) ?? 0) + 1);
  for (const t of target) conceptsTotal += t.concepts.length;
  for (const s of source) {
    for (const c of s.concepts) {
      conceptsTotal++;
      const left = concepts.get(c) ?? 0;
      if (left > 0) {
        concepts.set(c, left - 1);
        conceptsMatched++;
      }
    }
  }
  return { numbersMatched, numbersUnmatched, namesMatched, namesUnmatched, conceptsMatched, conceptsUnmatched: conceptsTotal - 2 * conceptsMatched };
}
