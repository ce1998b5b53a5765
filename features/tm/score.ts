/**
 * The translation-memory match score, a percentage. Pure.
 *
 *   101  exact match in context: same normalized source (exactKey) AND the unit's
 *        previous and next source segments are the query's (equal context hashes,
 *        see contextHash; a document boundary has its own hash).
 *   100  exact match: same normalized source (exactKey: NFKC, invisible format
 *        characters and tatweel removed, whitespace collapsed). Nothing else is 100.
 *   fuzzy, for any other pair, with n and m the word counts (numbers count as words,
 *        punctuation does not; see tokenize.ts) and L = max(n, m):
 *
 *        score = min(99, floor(100 × (L − d) / L) − 2 × N − P)
 *
 *        d  word-level Levenshtein distance between the two key sequences (insert,
 *           delete, substitute one word, cost 1 each; keys are case-folded and
 *           normalized, every number is the same class key);
 *        N  numbers whose value differs: min(#numbers in either) minus the numbers
 *           paired with an equal value (multiset), so an added or dropped number
 *           is only the word edit it already is;
 *        P  1 when the punctuation sequences differ (after folding quote styles).
 *
 *        So a difference only in case, diacritics, digit script or punctuation (or
 *        several of these) scores 99, one number changed 98, one word changed in a
 *        ten-word sentence 90, and no fuzzy score reaches 100. L = 0 (no words on
 *        either side) counts as d = 0, L = 1 (the base is 100).
 *
 * Bounds used for retrieval (θ an integer threshold, the score only decreases with
 * the penalties): score ≥ θ requires
 *   d ≤ maxEdits(L, θ) = floor((100 − θ) × L / 100),
 *   shared words (multiset overlap) ≥ L − d ≥ minOverlap(L, θ) = ceil(θ × L / 100),
 *   ceil(θ × n / 100) ≤ m ≤ floor(100 × n / θ)   (since d ≥ |n − m|).
 */
import { analyze, exactKey, hash32, type TmAnalysis } from "./tokenize";

export const IN_CONTEXT = 101;
export const EXACT = 100;
export const MAX_FUZZY = 99;
export const NUMBER_PENALTY = 2;
export const PUNCT_PENALTY = 1;

/** Most word edits a pair with longer length L may have to score at least `min`. */
export function maxEdits(L: number, min: number): number {
  return Math.floor(((100 - min) * L) / 100);
}

/** Fewest shared words a pair with longer length L needs to score at least `min`. */
export function minOverlap(L: number, min: number): number {
  return Math.ceil((min * L) / 100);
}

/** Word counts m a unit may have to score at least `min` (≥ 1) against n query words. */
export function lengthRange(n: number, min: number): [number, number] {
  return [Math.ceil((min * n) / 100), min > 0 ? Math.floor((100 * n) / min) : Number.MAX_SAFE_INTEGER];
}

/**
 * Word-level Levenshtein distance between a[aOff..aOff+n) and b[bOff..bOff+m),
 * or k + 1 as soon as it is certain to exceed k. Ukkonen's band (only cells with
 * |i − j| ≤ k), one row, early exit when a whole band row exceeds k.
 * `row` must hold at least m + 1 entries.
 */
export function boundedWordDistance(
  a: ArrayLike<number>,
  aOff: number,
  n: number,
  b: ArrayLike<number>,
  bOff: number,
  m: number,
  k: number,
  row: Int32Array,
): number {
  const over = k + 1;
  if (k < 0) return 0 === n && 0 === m ? 0 : over;
  if (n - m > k || m - n > k) return over;
  if (n === 0) return m;
  if (m === 0) return n;
  for (let j = 0; j <= m; j++) row[j] = j <= k ? j : over;
  for (let i = 1; i <= n; i++) {
    const jlo = i - k > 1 ? i - k : 1;
    const jhi = i + k < m ? i + k : m;
    let diag = row[jlo - 1]!;
    let left = jlo === 1 ? (i <= k ? i : over) : over;
    row[jlo - 1] = left;
    let rowMin = left;
    const ai = a[aOff + i - 1];
    for (let j = jlo; j <= jhi; j++) {
      const up = row[j]!;
      let v = ai === b[bOff + j - 1] ? diag : diag + 1;
      if (up + 1 < v) v = up + 1;
      if (left + 1 < v) v = left + 1;
      if (v > over) v = over;
      diag = up;
      row[j] = v;
      left = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k) return over;
  }
  const d = row[m]!;
  return d > k ? over : d;
}

/**
 * Match masks of a query for bitParallelDistance: for the query's distinct word w (0-based)
 * and block b of 32 positions, bit i of `peq[w × blocks + b]` is set when query word 32b + i
 * is w. `code[i]` is the distinct word of query position i, or -1 for a word that can match
 * nothing (unknown to the memory). Returns the number of blocks.
 */
export function queryMasks(code: ArrayLike<number>, n: number, distinct: number, peq: Int32Array): number {
  const blocks = (n + 31) >>> 5;
  peq.fill(0, 0, distinct * blocks);
  for (let i = 0; i < n; i++) {
    const w = code[i]!;
    if (w >= 0) peq[w * blocks + (i >>> 5)]! |= 1 << (i & 31);
  }
  return blocks;
}

/**
 * The same distance as boundedWordDistance (exact up to k, k + 1 beyond), by Myers'
 * bit-parallel algorithm in Hyyrö's blocked form for global alignment (as in edlib): one
 * column per unit word, 32 query words per machine word, O(m × ⌈n/32⌉) word operations
 * instead of O(m × k) cells. The query a[0..n) is given by its match masks (queryMasks);
 * `wordOf[b[j]]` is 1 + the query's distinct word index for a unit word, 0 when the query
 * does not have it. Stops as soon as the last row, which falls by at most one per remaining
 * unit word, cannot come back to k. `state` holds at least 2 × ⌈n/32⌉ entries.
 */
export function bitParallelDistance(
  peq: Int32Array,
  n: number,
  wordOf: ArrayLike<number>,
  b: ArrayLike<number>,
  bOff: number,
  m: number,
  k: number,
  state: Int32Array,
): number {
  const over = k + 1;
  if (k < 0) return 0 === n && 0 === m ? 0 : over;
  if (n - m > k || m - n > k) return over;
  if (n === 0) return m;
  if (m === 0) return n;
  const blocks = (n + 31) >>> 5;
  const last = blocks - 1;
  const lastBit = 1 << ((n - 1) & 31);
  for (let x = 0; x < blocks; x++) {
    state[2 * x] = -1; // Pv: D[i][0] = i, every vertical difference +1
    state[2 * x + 1] = 0; // Mv
  }
  let score = n; // D[n][j]
  for (let j = 0; j < m; j++) {
    const w = wordOf[b[bOff + j]!]!;
    const base = w === 0 ? -1 : (w - 1) * blocks;
    let hin = 1; // D[0][j] − D[0][j − 1]: global alignment
    for (let x = 0; x < blocks; x++) {
      let eq = base < 0 ? 0 : peq[base + x]!;
      const pv = state[2 * x]!;
      const mv = state[2 * x + 1]!;
      const xv = eq | mv;
      if (hin < 0) eq |= 1;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const bit = x === last ? lastBit : 0x80000000 | 0;
      const hout = (ph & bit) !== 0 ? 1 : (mh & bit) !== 0 ? -1 : 0;
      ph = (ph << 1) | (hin > 0 ? 1 : 0);
      mh = (mh << 1) | (hin < 0 ? 1 : 0);
      state[2 * x] = mh | ~(xv | ph);
      state[2 * x + 1] = ph & xv;
      hin = hout;
    }
    score += hin;
    if (score - (m - 1 - j) > k) return over;
  }
  return score > k ? over : score;
}

let pairScratch = new Int32Array(64);

/**
 * Numbers whose value differs (N above): the shorter list's length minus the
 * values paired with an equal value in the other list.
 */
export function numberMismatches(a: ArrayLike<number>, aOff: number, an: number, b: ArrayLike<number>, bOff: number, bn: number): number {
  if (an === 0 || bn === 0) return 0;
  if (pairScratch.length < bn) pairScratch = new Int32Array(bn * 2);
  const rest = pairScratch;
  for (let j = 0; j < bn; j++) rest[j] = b[bOff + j]!;
  let paired = 0;
  for (let i = 0; i < an; i++) {
    const v = a[aOff + i]!;
    for (let j = 0; j < bn; j++) {
      if (rest[j] === v) {
        rest[j] = -1;
        paired++;
        break;
      }
    }
  }
  return Math.min(an, bn) - paired;
}

/** The fuzzy score of a non-exact pair (formula above). */
export function fuzzyScore(d: number, n: number, m: number, numberDiffs: number, punctDiffers: boolean): number {
  const L = n > m ? n : m;
  const base = L === 0 ? 100 : Math.floor((100 * (L - d)) / L);
  const s = base - NUMBER_PENALTY * numberDiffs - (punctDiffers ? PUNCT_PENALTY : 0);
  return s > MAX_FUZZY ? MAX_FUZZY : s < 0 ? 0 : s;
}

/** The hash a neighbouring source segment is compared by; null/undefined is the document boundary. */
export function contextHash(neighbour: string | null | undefined): string {
  if (neighbour == null) return "^";
  const e = exactKey(neighbour);
  return (hash32(e) >>> 0).toString(16).padStart(8, "0") + (hash32(e, 0x2545f491) >>> 0).toString(16).padStart(8, "0");
}

export interface MatchContext {
  /** contextHash of the previous source segment. */
  readonly before?: string;
  /** contextHash of the next source segment. */
  readonly after?: string;
}

/** Whether a unit's stored context equals the query's (both sides known and equal). */
export function sameContext(unitBefore: string | undefined, unitAfter: string | undefined, ctx: MatchContext | undefined): boolean {
  return !!ctx && unitBefore !== undefined && unitAfter !== undefined && unitBefore === ctx.before && unitAfter === ctx.after;
}

/**
 * The score of two analysed sources (reference implementation of the formula,
 * used by tests and brute force; the index runs the same functions on interned ids).
 */
export function similarity(query: TmAnalysis, unit: TmAnalysis, inContext = false): number {
  if (query.exact === unit.exact) return inContext ? IN_CONTEXT : EXACT;
  const ids = new Map<string, number>();
  const intern = (k: string) => {
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    return id;
  };
  const a = query.keys.map(intern);
  const b = unit.keys.map(intern);
  const an = query.numbers.map(intern);
  const bn = unit.numbers.map(intern);
  const L = Math.max(a.length, b.length);
  const d = boundedWordDistance(a, 0, a.length, b, 0, b.length, L, new Int32Array(b.length + 1));
  return fuzzyScore(d, a.length, b.length, numberMismatches(an, 0, an.length, bn, 0, bn.length), query.punct !== unit.punct);
}

/** similarity() on raw texts. */
export function scoreTexts(query: string, unit: string, lang: string, inContext = false): number {
  return similarity(analyze(query, lang), analyze(unit, lang), inContext);
}
