/**
 * The recognizer's fast paths give what the plain definitions give: interned
 * words, English analysis over char codes, letter folds that return a word
 * without folded letters as it is, and the automaton over typed arrays against
 * a naive matcher of the same rules on text and terms from the NTREX fixtures.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzerFor, englishExact, englishStem, termWords, tokenize } from "@/features/glossary/analyzers";
import { Recognizer, type GlossaryTerm, type TermMatch } from "@/features/glossary/recognize";
import { WordTable } from "@/features/glossary/word-table";
import { ARABIC_LETTER_FOLDS, SORANI_LETTER_FOLDS, letterFolder } from "@/lib/text/letters";
import { rng } from "@/lib/random";

const FILES: Record<string, string> = {
  en: "newstest2019-src.eng.txt",
  tr: "newstest2019-ref.tur.txt",
  ru: "newstest2019-ref.rus.txt",
  ar: "newstest2019-ref.arb.txt",
  ckb: "newstest2019-ref.ckb-Arab.txt",
  kmr: "newstest2019-ref.kmr.txt",
};
const linesOf = (lang: string) =>
  fs
    .readFileSync(path.join(import.meta.dirname, "../fixtures/ntrex", FILES[lang]!), "utf8")
    .split(/\r?\n/)
    .filter(Boolean);

describe("WordTable", () => {
  it("gives each distinct word one id, found again from any text it occurs in, across growth and clearing", () => {
    const table = new WordTable(4);
    const random = rng(7);
    const words = Array.from({ length: 5000 }, () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => "abcdeéğ🙂"[Math.floor(random() * 9)]).join(""));
    const ids = new Map<string, number>();
    for (const w of words) {
      const text = `«${w}»`;
      const id = table.intern(text, 1, 1 + w.length);
      expect(table.added).toBe(!ids.has(w));
      if (!ids.has(w)) ids.set(w, id);
      expect(id).toBe(ids.get(w));
    }
    expect(table.size).toBe(ids.size);
    expect(new Set(ids.values()).size).toBe(ids.size);
    for (const [w, id] of ids) expect(table.get(`${w} `, 0, w.length)).toBe(id);
    expect(table.get("never seen", 0, 10)).toBe(-1);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get(words[0]!, 0, words[0]!.length)).toBe(-1);
    expect(table.intern(words[0]!, 0, words[0]!.length)).toBe(0);
  });
});

describe("English analysis over char codes", () => {
  // The definitions it replaces, with regular expressions.
  const exact = (w: string) => w.replace(/[’ʼ]/g, "'").toLowerCase().replace(/'s$|s'$|'$/, (m) => (m === "s'" ? "s" : ""));
  const stem = (w: string) => {
    const e = exact(w);
    if (/^[A-Z0-9]{2,}$/.test(w.replace(/['’]s$/, ""))) return e;
    if (e.length > 4 && e.endsWith("ies")) return `${e.slice(0, -3)}y`;
    if (e.length > 4 && /(ss|x|z|ch|sh)es$/.test(e)) return e.slice(0, -2);
    if (e.length > 3 && e.endsWith("s") && !e.endsWith("ss")) return e.slice(0, -1);
    return e;
  };

  it("gives the same exact form and stem on every word of the corpora and on edge cases", () => {
    const words = new Set(["'", "''", "s'", "'s", "’s", "ʼs", "HTS", "HTS's", "HTS’s", "HTSʼs", "NATO's", "A", "AB", "A1s", "cities", "ties", "boxes", "buzzes", "churches", "wishes", "classes", "bases", "hoes", "glass", "bus", "gas", "ss", "xes", "İstanbul", "ŞEHİRLER", "Iss"]);
    for (const lang of Object.keys(FILES)) for (const line of linesOf(lang).slice(0, 400)) for (const t of tokenize(line)) words.add(t.text);
    for (const w of words) {
      expect(englishExact(w), w).toBe(exact(w));
      expect(englishStem(w, englishExact(w)), w).toBe(stem(w));
    }
  });
});

describe("letter folds", () => {
  // The definition: code point by code point.
  const general = (table: readonly (readonly [string, string])[]) => {
    const map = new Map(table);
    return (s: string) => [...s].map((ch) => map.get(ch) ?? ch).join("");
  };

  it("give the same text as folding each code point, on Arabic-script corpora and on random strings with surrogates", () => {
    const random = rng(11);
    const alphabet = "كيىإأآٱةکیاب ه🙂\uD800x";
    const samples = [...linesOf("ar").slice(0, 300), ...linesOf("ckb").slice(0, 300), ...Array.from({ length: 500 }, () => Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""))];
    for (const table of [ARABIC_LETTER_FOLDS, SORANI_LETTER_FOLDS, [["é", "e"], ["🙂", ":)"]] as const]) {
      const fast = letterFolder(table);
      const slow = general(table);
      for (const s of samples) expect(fast(s)).toBe(slow(s));
    }
  });
});

/** caseOf / caseMatches of the recognizer, restated. */
const letters = (s: string) => s.replace(/['’ʼ].*$/, "").replace(/[^\p{L}]/gu, "");
function caseOf(word: string) {
  const l = letters(word);
  if (!l || l.toLowerCase() === l.toUpperCase()) return "any";
  if (l.length > 1 && l === l.toUpperCase()) return "upper";
  if (l[0] === l[0]!.toUpperCase()) return "capital";
  return "lower";
}
function caseMatches(pattern: string, token: string) {
  if (pattern === "any") return true;
  const l = letters(token);
  if (!l) return true;
  if (pattern === "upper") return l === l.toUpperCase();
  if (pattern === "capital") return l[0] === l[0]!.toUpperCase();
  return l[0] === l[0]!.toLowerCase();
}

/**
 * The recognizer's rules without an automaton: a term occurs where each of its
 * words' keys is among the keys of the word of text at that place; then
 * leftmost, longest, without overlaps, every concept on exactly the same words.
 */
function naiveFind(lang: string, terms: readonly GlossaryTerm[], text: string, concepts?: ReadonlySet<string>) {
  const a = analyzerFor(lang);
  const paths: { term: GlossaryTerm; words: string[]; keys: string[] }[] = [];
  for (const term of terms) {
    const words = termWords(term.text);
    if (words.length === 0) continue;
    const exact = a.exactProperNouns && words.length === 1 && (term.pos === "properNoun" || term.type === "abbreviation" || Boolean(term.caseSensitive));
    const keysOf = (ws: string[]) => ws.map((w, i) => (a.linkKey && i < ws.length - 1 ? a.linkKey(w) : a.termKey(w, exact)));
    paths.push({ term, words, keys: keysOf(words) });
    if (term.plainVowels && a.plain) {
      const typed = words.map(a.plain);
      if (typed.some((w, i) => w !== words[i])) paths.push({ term, words: typed, keys: keysOf(typed) });
    }
  }
  const byKeys = new Map<string, (typeof paths)[number][]>();
  for (const p of paths) {
    const k = p.keys.join("\u0000");
    byKeys.set(k, [...(byKeys.get(k) ?? []), p]);
  }
  const strict = new Set(
    [...byKeys.values()].filter((g) => g.length > 1 && g.some((p) => p.term.usage !== "forbidden")).flatMap((g) => g.filter((p) => p.term.usage === "forbidden")),
  );
  const tokens = tokenize(text);
  const keys = tokens.map((t) => new Set(a.keys(t.text)));
  const raw: { p: (typeof paths)[number]; first: number; last: number }[] = [];
  for (const p of paths)
    for (let first = 0; first + p.keys.length <= tokens.length; first++) {
      if (!p.keys.every((k, j) => keys[first + j]!.has(k))) continue;
      const at = (j: number) => tokens[first + j]!.text;
      if (p.term.commonWord && !concepts?.has(p.term.conceptId)) continue;
      if (p.term.caseSensitive && !p.words.map(caseOf).every((c, j) => caseMatches(c, at(j)))) continue;
      if (strict.has(p) && !termWords(p.term.text).every((w, j) => at(j).toLowerCase().startsWith(w.toLowerCase()))) continue;
      raw.push({ p, first, last: first + p.keys.length - 1 });
    }
  const rank = (u: string) => (u === "preferred" ? 0 : u === "admitted" ? 1 : 2);
  raw.sort((x, y) => x.first - y.first || y.last - x.last || Number(strict.has(y.p)) - Number(strict.has(x.p)) || rank(x.p.term.usage) - rank(y.p.term.usage));
  const out: Pick<TermMatch, "conceptId" | "start" | "end" | "usage">[] = [];
  let taken = -1;
  for (const r of raw) {
    const start = tokens[r.first]!.start;
    const end = tokens[r.last]!.end;
    const prev = out.at(-1);
    if (r.first <= taken && (!prev || prev.start !== start || prev.end !== end)) continue;
    if (out.some((m) => m.start === start && m.end === end && m.conceptId === r.p.term.conceptId)) continue;
    out.push({ conceptId: r.p.term.conceptId, start, end, usage: r.p.term.usage });
    taken = Math.max(taken, r.last);
  }
  return out;
}

/** Matches in a canonical order (the order of concepts on the same words is not part of the rules). */
const canonical = (ms: readonly Pick<TermMatch, "conceptId" | "start" | "end" | "usage">[]) =>
  ms.map((m) => `${m.start}-${m.end} ${m.conceptId} ${m.usage}`).sort();

/** A glossary of n-grams of the corpus, with every kind of term the recognizer treats apart. */
function glossary(lines: readonly string[], lang: string, size: number): GlossaryTerm[] {
  const random = rng(lang.length * 31 + size);
  const words = lines.flatMap((l) => tokenize(l).map((t) => t.text));
  return Array.from({ length: size }, (_, i) => {
    const n = 1 + Math.floor(random() * 3);
    const k = Math.floor(random() * (words.length - n));
    let text = words.slice(k, k + n).join(random() < 0.1 ? "-" : " ");
    if (random() < 0.05) text = text.toUpperCase();
    const r = random();
    return {
      conceptId: `c${Math.floor(random() * size * 0.8)}`,
      termId: `t${i}`,
      text,
      type: r < 0.05 ? "abbreviation" : r < 0.1 ? "variant" : "fullForm",
      pos: random() < 0.15 ? "properNoun" : "noun",
      usage: random() < 0.1 ? "forbidden" : random() < 0.2 ? "admitted" : "preferred",
      status: "approved",
      caseSensitive: random() < 0.1,
      commonWord: random() < 0.05,
      plainVowels: random() < 0.3,
    };
  });
}

describe("the automaton over typed arrays", () => {
  for (const lang of Object.keys(FILES)) {
    it(`finds what the naive matcher finds (${lang}), on a fresh recognizer, one that has seen the text, and with concepts expected`, () => {
      const lines = linesOf(lang).slice(0, 80);
      const terms = glossary(lines, lang, 1500);
      const concepts = new Set(terms.filter((_, i) => i % 3 === 0).map((t) => t.conceptId));
      const r = new Recognizer(lang, terms);
      let total = 0;
      for (const line of lines) {
        const expected = canonical(naiveFind(lang, terms, line));
        total += expected.length;
        expect(canonical(r.find(line))).toEqual(expected);
        expect(canonical(r.find(line, { concepts }))).toEqual(canonical(naiveFind(lang, terms, line, concepts)));
      }
      // Words seen before (the interned path) and a text longer than the scan's first buffers.
      const long = lines.join(" ");
      expect(canonical(r.find(long))).toEqual(canonical(new Recognizer(lang, terms).find(long)));
      expect(canonical(r.find(long))).toEqual(canonical(naiveFind(lang, terms, long)));
      expect(total).toBeGreaterThan(100);
    });
  }

  it("keeps finding terms after its word table is emptied (more distinct words than it keeps)", () => {
    const r = new Recognizer("en", [{ conceptId: "c", termId: "t", text: "observation post", type: "fullForm", usage: "preferred", status: "approved" }]);
    const filler = Array.from({ length: 110_000 }, (_, i) => `w${i.toString(36)}`).join(" ");
    expect(r.find(`${filler} observation posts`).map((m) => m.text)).toEqual(["observation posts"]);
    expect(r.find("two observation posts").map((m) => m.text)).toEqual(["observation posts"]);
  });
});
