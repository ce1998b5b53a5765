import { describe, expect, it } from "vitest";
import { rng } from "@/lib/random";
import {
  bitParallelDistance,
  boundedWordDistance,
  contextHash,
  fuzzyScore,
  lengthRange,
  maxEdits,
  minOverlap,
  numberMismatches,
  queryMasks,
  sameContext,
  scoreTexts,
} from "@/features/tm/score";

/** Textbook Levenshtein over arrays (full matrix), independent of the banded implementation. */
function levenshtein(a: number[], b: number[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe("score", () => {
  const ten = "The minister said the talks would resume next week in Ankara.";

  it("is 100 for the identical normalized source and 101 when the neighbours are the same too", () => {
    expect(scoreTexts(ten, ten, "en")).toBe(100);
    expect(scoreTexts(ten, `  ${ten.replace(/ /g, "  ")}\u200E`, "en")).toBe(100);
    expect(scoreTexts(ten, ten, "en", true)).toBe(101);
    const before = contextHash("Previous sentence.");
    const after = contextHash(null);
    expect(sameContext(before, after, { before, after })).toBe(true);
    expect(sameContext(before, after, { before, after: contextHash("Other.") })).toBe(false);
    expect(sameContext(undefined, undefined, {})).toBe(false);
    expect(contextHash("Previous  sentence.")).toBe(before);
  });

  it("scores one word changed in a ten-word sentence 90", () => {
    expect(scoreTexts(ten, "The minister said the talks would resume next month in Ankara.", "en")).toBe(90);
    expect(scoreTexts(ten, "The minister said the talks would resume next week in.", "en")).toBe(90);
  });

  it("scores differences only in punctuation, case, diacritics or numbers below 100 but high", () => {
    expect(scoreTexts(ten, ten.replace(".", ""), "en")).toBe(99);
    expect(scoreTexts(ten, ten.replace("The", "the"), "en")).toBe(99);
    expect(scoreTexts(ten, ten.replace("The", "the").replace(".", "!"), "en")).toBe(99);
    expect(scoreTexts("Ankara'da 12 kişi öldü.", "Ankara'da 15 kişi öldü.", "tr")).toBe(98);
    expect(scoreTexts("Ankara'da 12 ve 3 kişi öldü.", "Ankara'da 15 ve 4 kişi öldü.", "tr")).toBe(96);
    expect(scoreTexts("قُتل ١٥ شخصاً في إدلب", "قتل 15 شخصا في إدلب", "ar")).toBe(99);
    expect(scoreTexts("«Hello», he said.", '"Hello", he said.', "en")).toBe(99);
  });

  it("counts an added number as the word edit it is, without a number penalty on top", () => {
    expect(scoreTexts("Ten people died in the attack on Monday", "Ten people died in the attack on Monday 2019", "en")).toBe(88);
    expect(numberMismatches([1], 0, 1, [], 0, 0)).toBe(0);
    expect(numberMismatches([1, 2], 0, 2, [2, 3], 0, 2)).toBe(1);
    expect(numberMismatches([1, 1], 0, 2, [1], 0, 1)).toBe(0);
  });

  it("never gives a fuzzy match 100, and is symmetric in lengths", () => {
    expect(fuzzyScore(0, 10, 10, 0, false)).toBe(99);
    expect(fuzzyScore(3, 10, 7, 0, false)).toBe(fuzzyScore(3, 7, 10, 0, false));
    expect(fuzzyScore(1, 3, 3, 0, false)).toBe(66);
    expect(fuzzyScore(0, 0, 0, 0, true)).toBe(99);
    expect(scoreTexts("Hello", "Something entirely else", "en")).toBe(0);
  });

  it("computes the banded word distance exactly up to k and k + 1 beyond", () => {
    const random = rng(42);
    const row = new Int32Array(64);
    for (let trial = 0; trial < 3000; trial++) {
      const alphabet = 2 + Math.floor(random() * 6);
      const a = Array.from({ length: Math.floor(random() * 14) }, () => Math.floor(random() * alphabet));
      const b = Array.from({ length: Math.floor(random() * 14) }, () => Math.floor(random() * alphabet));
      const k = Math.floor(random() * 10);
      const truth = levenshtein(a, b);
      expect(boundedWordDistance(a, 0, a.length, b, 0, b.length, k, row)).toBe(truth <= k ? truth : k + 1);
      // Offsets into a larger array.
      const big = [9, 9, ...b, 9];
      expect(boundedWordDistance(a, 0, a.length, big, 2, b.length, k, row)).toBe(truth <= k ? truth : k + 1);
    }
  });

  it("computes the bit-parallel word distance as the textbook one, up to k and k + 1 beyond, across 32-word blocks", () => {
    const random = rng(7);
    const state = new Int32Array(64);
    const peq = new Int32Array(4096);
    let blocksSeen = 0;
    for (let trial = 0; trial < 4000; trial++) {
      const alphabet = 2 + Math.floor(random() * 12);
      // Query words ≥ alphabet stand for words the memory does not know (they match nothing).
      const longer = random() < 0.4;
      const n = Math.floor(random() * (longer ? 130 : 20));
      const a = Array.from({ length: n }, () => Math.floor(random() * (alphabet + 2)));
      // Units: a near copy of the query (few edits) or random words, some outside the query's vocabulary.
      let b: number[];
      if (random() < 0.6) {
        b = a.map((w) => (w >= alphabet ? Math.floor(random() * alphabet) : w));
        for (let e = Math.floor(random() * 8); e > 0; e--) {
          const i = Math.floor(random() * (b.length + 1));
          const op = random();
          if (op < 0.33) b.splice(i, 0, Math.floor(random() * (alphabet + 3)));
          else if (op < 0.66) b.splice(i, 1);
          else b[i] = Math.floor(random() * (alphabet + 3));
        }
      } else b = Array.from({ length: Math.floor(random() * (longer ? 130 : 20)) }, () => Math.floor(random() * (alphabet + 3)));
      const known = (w: number) => w < alphabet;
      // The query's distinct known words, in order of appearance.
      const distinct: number[] = [];
      for (const w of a) if (known(w) && !distinct.includes(w)) distinct.push(w);
      const code = a.map((w) => (known(w) ? distinct.indexOf(w) : -1));
      const wordOf = Array.from({ length: alphabet + 3 }, (_, w) => (known(w) ? distinct.indexOf(w) + 1 : 0));
      const blocks = queryMasks(code, n, distinct.length, peq);
      if (blocks > 1) blocksSeen++;
      // Unknown query words never equal a unit word.
      const truth = levenshtein(
        a.map((w) => (known(w) ? w : -1 - w)),
        b,
      );
      const k = random() < 0.2 ? 200 : Math.floor(random() * 40);
      expect(bitParallelDistance(peq, n, wordOf, b, 0, b.length, k, state), `n ${n} m ${b.length} k ${k}`).toBe(truth <= k ? truth : k + 1);
      const big = [1, 2, ...b, 3];
      expect(bitParallelDistance(peq, n, wordOf, big, 2, b.length, k, state)).toBe(truth <= k ? truth : k + 1);
    }
    expect(blocksSeen).toBeGreaterThan(500);
  });

  it("derives retrieval bounds that admit exactly the scores at or above the threshold", () => {
    const wrong: string[] = [];
    for (let L = 1; L <= 60; L++) {
      for (let min = 1; min <= 99; min++) {
        for (let d = 0; d <= L; d++) {
          if (d <= maxEdits(L, min) !== (Math.floor((100 * (L - d)) / L) >= min)) wrong.push(`edits L=${L} min=${min} d=${d}`);
        }
        if (minOverlap(L, min) !== L - maxEdits(L, min)) wrong.push(`overlap L=${L} min=${min}`);
        const [lo, hi] = lengthRange(L, min);
        for (let m = 0; m <= 3 * L; m++) {
          const M = Math.max(L, m);
          const best = Math.floor((100 * (M - Math.abs(L - m))) / M);
          if ((m >= lo && m <= hi) !== best >= min) wrong.push(`length n=${L} m=${m} min=${min}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
