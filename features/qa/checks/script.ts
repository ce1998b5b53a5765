/**
 * [script_mismatch]: letters of the wrong alphabet inside words.
 * - Sorani (ckb): Arabic ك ي ى for Sorani ک ی; word-final ه (or ه + ZWNJ, the
 *   old way of typing ە) where Sorani writes the vowel ە. ه for /h/ elsewhere in
 *   the word is correct (هەولێر, هێرش), and so is final ه after ا (گوناه, شاه) and الله.
 * - Arabic (ar): Persian and Sorani letters (ک ی ە ۆ ێ ڵ ڕ ھ) inside words.
 * - Arabic and Sorani: a Latin letter typed inside a word (دیموکrات). Latin
 *   acronyms with Sorani or Arabic suffixes (BBCی, ITVدا) are correct.
 * - Russian: Latin look-alikes inside Cyrillic words (and Cyrillic inside Latin ones).
 * - Turkish: Cyrillic letters.
 * - Kurmanji (kmr, Latin script): Arabic-script or Cyrillic letters inside a
 *   Latin word; Arabic-script words the source does not have (Sorani pasted
 *   into a Kurmanji translation). The reverse for Sorani: Latin-script words
 *   the source does not have, when one carries a Hawar letter (ç ê î ş û) or
 *   there are two or more of them (Kurmanji pasted into a Sorani translation).
 */
import { at, type CheckContext, type Finding } from "./context";
import { words } from "../text";
import { findLanguage } from "@/lib/i18n/languages";

/**
 * The word as the message shows it: at most 40 characters. A finding is per
 * letter, so a whole 100,000-letter "word" in each message would make the
 * answer quadratic in the text.
 */
function shown(word: string): string {
  if (word.length <= 40) return word;
  const chars = Array.from(word.slice(0, 40));
  return chars.slice(0, chars.length - 1).join("") + "…";
}

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
const IS_LETTER = /\p{L}/u;

const SORANI_FOR_ARABIC: Readonly<Record<string, string>> = { "ك": "ک", "ي": "ی", "ى": "ی" };
const ARABIC_FOR_PERSIAN: Readonly<Record<string, string>> = { "ک": "ك", "ی": "ي", "ە": "ة", "ھ": "ه", "ۆ": "", "ێ": "", "ڵ": "", "ڕ": "" };

type Kind = "latin" | "cyrillic" | "arabic" | "other";
function kind(c: string): Kind {
  if (!IS_LETTER.test(c)) return "other";
  if (LATIN.test(c)) return "latin";
  if (CYRILLIC.test(c)) return "cyrillic";
  if (ARABIC.test(c)) return "arabic";
  return "other";
}

/** Runs of consecutive letters of one script inside a word. */
function runs(word: string): { kind: Kind; start: number; end: number }[] {
  const out: { kind: Kind; start: number; end: number }[] = [];
  for (let i = 0; i < word.length; i++) {
    const k = kind(word[i]!);
    if (k === "other") continue;
    const last = out[out.length - 1];
    if (last && last.kind === k && last.end === i) last.end = i + 1;
    else out.push({ kind: k, start: i, end: i + 1 });
  }
  return out;
}

function latinInArabicScript(word: { start: number; text: string }, out: Finding[]) {
  const rs = runs(word.text);
  if (!rs.some((r) => r.kind === "latin") || !rs.some((r) => r.kind === "arabic")) return;
  for (let k = 0; k < rs.length; k++) {
    const r = rs[k]!;
    if (r.kind !== "latin") continue;
    const before = rs.slice(0, k).filter((x) => x.kind === "arabic").reduce((n, x) => n + x.end - x.start, 0);
    const after = rs[k + 1]?.kind === "arabic";
    const latin = word.text.slice(r.start, r.end);
    // A Latin word with a suffix (BBCی, وB), an acronym or a word run into the
    // previous one (سەرBBC, علىSolid) is not a letter typed inside a word.
    if (before < 2) continue;
    if (latin.length >= 2 && latin === latin.toUpperCase()) continue;
    if (latin.length > 3 || (latin.length > 1 && !after)) continue;
    out.push(at("script.latinInArabic", { found: latin, word: shown(word.text) }, word.start + r.start, word.start + r.end));
  }
}

function mixedLatinCyrillic(word: { start: number; text: string }, expected: "latin" | "cyrillic", out: Finding[]) {
  const rs = runs(word.text);
  const count = (k: Kind) => rs.filter((r) => r.kind === k).reduce((n, r) => n + r.end - r.start, 0);
  const latin = count("latin");
  const cyrillic = count("cyrillic");
  if (!latin || !cyrillic) return;
  // The minority script is the intruder; on a tie, the one the language does not use.
  const intruder: Kind = latin < cyrillic ? "latin" : cyrillic < latin ? "cyrillic" : expected === "cyrillic" ? "latin" : "cyrillic";
  const whole = shown(word.text);
  for (const r of rs) {
    if (r.kind !== intruder) continue;
    for (let i = r.start; i < r.end; i++) {
      out.push(at(intruder === "latin" ? "script.latinInCyrillic" : "script.cyrillicInLatin", { found: word.text[i]!, word: whole }, word.start + i, word.start + i + 1));
    }
  }
}

const HAWAR = /[çêîşûÇÊÎŞÛ]/u;

/** Latin letters with Arabic-script letters inside one word (Îdlibێ, Tirkیe). */
function arabicInLatin(word: { start: number; text: string }, out: Finding[]) {
  const rs = runs(word.text);
  const latin = rs.filter((r) => r.kind === "latin").reduce((n, r) => n + r.end - r.start, 0);
  const arabic = rs.filter((r) => r.kind === "arabic").reduce((n, r) => n + r.end - r.start, 0);
  if (!latin || !arabic || arabic > latin) return;
  for (const r of rs) if (r.kind === "arabic") out.push(at("script.arabicInLatin", { found: word.text.slice(r.start, r.end), word: word.text }, word.start + r.start, word.start + r.end));
}

/** One finding over the words of the other script that the source does not have (a pasted sentence), or none. */
function foreignRun(ctx: CheckContext, isForeign: (w: string) => boolean, enough: (ws: readonly { text: string }[]) => boolean, key: string): Finding[] {
  const inSource = new Set(words(ctx.source).map((w) => w.text.toLowerCase()));
  const foreign = words(ctx.target).filter((w) => isForeign(w.text) && !inSource.has(w.text.toLowerCase()));
  if (!foreign.length || !enough(foreign)) return [];
  const start = foreign[0]!.start;
  const end = foreign[foreign.length - 1]!.end;
  const found = ctx.target.slice(start, end);
  return [at(key, { found: found.length > 60 ? `${found.slice(0, 59)}…` : found }, start, end)];
}

function checkKurmanji(ctx: CheckContext, out: Finding[]) {
  const text = ctx.target;
  if (!ARABIC.test(text) && !CYRILLIC.test(text)) return;
  for (const w of words(text)) {
    if (!LATIN.test(w.text)) continue;
    mixedLatinCyrillic(w, "latin", out);
    arabicInLatin(w, out);
  }
  out.push(...foreignRun(ctx, (w) => ARABIC.test(w) && !LATIN.test(w), () => true, "script.arabicInKurmanji"));
}

function checkSoraniForKurmanji(ctx: CheckContext, out: Finding[]) {
  if (!/[a-zA-Z\u00C0-\u024F]/.test(ctx.target)) return;
  const latinWord = (w: string) => LATIN.test(w) && !ARABIC.test(w) && w.length > 1 && w !== w.toUpperCase();
  out.push(...foreignRun(ctx, latinWord, (ws) => ws.length >= 2 || ws.some((w) => HAWAR.test(w.text)), "script.latinInSorani"));
}

/**
 * A language without rules of its own (one added as data): letters its entry
 * lists as another language's (`letterFolds`, Arabic ي in Persian), and
 * letters of the other scripts inside its words, by its script.
 */
function checkFromTable(ctx: CheckContext, out: Finding[]) {
  const language = findLanguage(ctx.targetLang);
  const folds = new Map(language?.letterFolds ?? []);
  for (const w of words(ctx.target)) {
    for (let i = 0; i < w.text.length; i++) {
      const expected = folds.get(w.text[i]!);
      if (expected !== undefined) out.push(at("script.foreignLetter", { found: w.text[i]!, expected, word: shown(w.text) }, w.start + i, w.start + i + 1));
    }
    if (language?.script === "Arab") latinInArabicScript(w, out);
    else if (language?.script === "Cyrl") mixedLatinCyrillic(w, "cyrillic", out);
    else {
      mixedLatinCyrillic(w, "latin", out);
      if (language?.script === "Latn") arabicInLatin(w, out);
    }
  }
}

export function checkScript(ctx: CheckContext): Finding[] {
  const lang = ctx.targetLang;
  const text = ctx.target;
  const out: Finding[] = [];
  if (lang === "kmr") {
    checkKurmanji(ctx, out);
  } else if (lang === "ckb") {
    if (!/[كيىه]|[a-zA-Z\u00C0-\u024F]/.test(text)) return [];
    for (const w of words(text)) {
      const hasArabic = ARABIC.test(w.text);
      if (!hasArabic) continue;
      const whole = shown(w.text);
      for (let i = 0; i < w.text.length; i++) {
        const c = w.text[i]!;
        const sorani = SORANI_FOR_ARABIC[c];
        if (sorani) out.push(at("script.arabicLetterInSorani", { found: c, expected: sorani, word: whole }, w.start + i, w.start + i + 1));
      }
      // Final ه (possibly followed by ZWNJ) written for the vowel ە.
      const m = /\u0647\u200C?$/.exec(w.text);
      if (m) {
        const letters = w.text.replace(/[\u200C\u200D\u0640\p{M}]/gu, "");
        const prev = letters[letters.length - 2];
        if (letters.length > 1 && prev !== "ا" && letters !== "الله") {
          out.push(at("script.soraniFinalHeh", { found: "ه", expected: "ە", word: shown(w.text) }, w.start + m.index, w.start + m.index + 1));
        }
      }
      // ه + ZWNJ inside a word is the same old spelling of ە (ده‌کات).
      for (const x of w.text.matchAll(/\u0647\u200C(?=.)/gu)) {
        out.push(at("script.soraniFinalHeh", { found: "ه", expected: "ە", word: shown(w.text) }, w.start + x.index, w.start + x.index + 1));
      }
      latinInArabicScript(w, out);
    }
    checkSoraniForKurmanji(ctx, out);
  } else if (lang === "ar") {
    for (const w of words(text)) {
      if (!ARABIC.test(w.text)) continue;
      const whole = shown(w.text);
      for (let i = 0; i < w.text.length; i++) {
        const c = w.text[i]!;
        const arabic = ARABIC_FOR_PERSIAN[c];
        if (arabic === undefined) continue;
        out.push(at(arabic ? "script.nonArabicLetter" : "script.nonArabicLetterNoHint", { found: c, expected: arabic, word: whole }, w.start + i, w.start + i + 1));
      }
      latinInArabicScript(w, out);
    }
  } else if (lang === "ru") {
    for (const w of words(text)) mixedLatinCyrillic(w, "cyrillic", out);
  } else if (lang === "tr") {
    if (!CYRILLIC.test(text)) return [];
    for (const w of words(text)) {
      for (const r of runs(w.text)) {
        if (r.kind === "cyrillic") out.push(at("script.cyrillicInTurkish", { found: w.text.slice(r.start, r.end), word: shown(w.text) }, w.start + r.start, w.start + r.end));
      }
    }
  } else {
    checkFromTable(ctx, out);
  }
  return out.sort((a, b) => a.start - b.start);
}
