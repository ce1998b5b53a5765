/**
 * Source updates: which current segments a new version of the story keeps,
 * changes, adds and removes. Pure (hashes are passed in).
 *
 * 1. Exact matches, in order: the longest common subsequence of the old and the
 *    new source hashes (Hunt–Szymanski: a longest increasing subsequence over the
 *    matching positions, O(r log r) for r equal pairs). These segments are kept:
 *    same key, same text, translations untouched.
 * 2. Moved paragraphs: a new segment whose exact text is an old segment left
 *    unmatched elsewhere (the first such one) keeps that segment too.
 * 3. Changed segments: inside each gap between two exact matches of step 1, the
 *    unmatched old and new segments are paired in order (no crossing pairs) so
 *    that the sum of their similarities is largest, counting only pairs with a
 *    similarity of at least SIMILARITY_THRESHOLD. A paired segment keeps its
 *    key and gets the new text; its translations become outdated on their own,
 *    since they were made against the old source hash.
 *    Similarity is the Dice coefficient of the two texts' word multisets
 *    (2 × shared words / (words in one + words in the other); words are runs of
 *    letters and digits, case-folded, so numbers count and punctuation does
 *    not): one word changed in a ten-word sentence gives 0.9, a paragraph that
 *    grew by a sentence as long as itself 0.67, a different paragraph about the
 *    same story typically under 0.3. SIMILARITY_THRESHOLD = 0.5. An old and a
 *    new title (or dateline) in the same gap always pair: a rewritten headline
 *    is still the headline, and its translators want the diff.
 *    Gaps with more than MAX_GAP_PAIRS candidate pairs are paired greedily in
 *    order with a look-ahead of GREEDY_LOOKAHEAD segments instead.
 * 4. Moved and changed: the old and new segments still unpaired are paired the
 *    same way across the whole document (a paragraph that moved past an exact
 *    match and was edited too), so an edit is never mistaken for a removal
 *    plus an addition only because something else moved.
 * 5. Every other new segment is new (a fresh key, untranslated), and every other
 *    old segment is removed (the row stays, with removed_at, for history).
 */
import type { BlockKind } from "./blocks";

export const SIMILARITY_THRESHOLD = 0.5;
export const MAX_GAP_PAIRS = 250_000;
export const GREEDY_LOOKAHEAD = 10;

export interface OldSegment {
  readonly key: string;
  readonly kind: BlockKind;
  readonly text: string;
  readonly hash: string;
}

export interface NewSegment {
  readonly kind: BlockKind;
  readonly text: string;
  readonly hash: string;
}

export type MatchEntry =
  | { readonly status: "kept"; readonly newIndex: number; readonly oldIndex: number; readonly moved: boolean }
  | { readonly status: "changed"; readonly newIndex: number; readonly oldIndex: number; readonly similarity: number; readonly moved: boolean }
  | { readonly status: "new"; readonly newIndex: number };

export interface MatchResult {
  /** One entry per new segment, in the new order. */
  readonly entries: readonly MatchEntry[];
  /** Indexes of old segments no new segment took. */
  readonly removed: readonly number[];
}

/** Case-folded words (letters and digits) of a text. */
export function wordsOf(text: string): string[] {
  return text.normalize("NFKC").toLocaleLowerCase("en").match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

function bag(words: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Dice coefficient of two word multisets, 0…1 (1 for two texts without words). */
export function similarity(a: string, b: string): number {
  return diceOf(bag(wordsOf(a)), wordsOf(a).length, bag(wordsOf(b)), wordsOf(b).length);
}

function diceOf(a: Map<string, number>, na: number, b: Map<string, number>, nb: number): number {
  if (na + nb === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [w, c] of small) shared += Math.min(c, large.get(w) ?? 0);
  return (2 * shared) / (na + nb);
}

const ALWAYS_PAIR: ReadonlySet<BlockKind> = new Set(["title", "dateline"]);

export function matchSegments(old: readonly OldSegment[], next: readonly NewSegment[]): MatchResult {
  const oldTaken = new Array<boolean>(old.length).fill(false);
  const byNew = new Array<MatchEntry | undefined>(next.length);

  // 1. Exact matches in order.
  const anchors = commonSubsequence(old.map((s) => s.hash), next.map((s) => s.hash));
  for (const [oi, ni] of anchors) {
    oldTaken[oi] = true;
    byNew[ni] = { status: "kept", newIndex: ni, oldIndex: oi, moved: false };
  }

  // 2. Moved: the same text elsewhere.
  const freeByHash = new Map<string, number[]>();
  old.forEach((s, oi) => {
    if (!oldTaken[oi]) freeByHash.set(s.hash, [...(freeByHash.get(s.hash) ?? []), oi]);
  });
  next.forEach((s, ni) => {
    if (byNew[ni]) return;
    const free = freeByHash.get(s.hash);
    const oi = free?.shift();
    if (oi === undefined) return;
    oldTaken[oi] = true;
    byNew[ni] = { status: "kept", newIndex: ni, oldIndex: oi, moved: true };
  });

  // 3. Changed: pair by similarity inside each gap between anchors.
  const bounds: [number, number][] = [[-1, -1], ...anchors, [old.length, next.length]];
  for (let g = 0; g + 1 < bounds.length; g++) {
    const [o0, n0] = bounds[g]!;
    const [o1, n1] = bounds[g + 1]!;
    const olds: number[] = [];
    const news: number[] = [];
    for (let x = o0 + 1; x < o1; x++) if (!oldTaken[x]) olds.push(x);
    for (let y = n0 + 1; y < n1; y++) if (!byNew[y]) news.push(y);
    if (olds.length === 0 || news.length === 0) continue;
    for (const [oi, ni, sim] of pairGap(old, next, olds, news)) {
      oldTaken[oi] = true;
      byNew[ni] = { status: "changed", newIndex: ni, oldIndex: oi, similarity: sim, moved: false };
    }
  }

  // 4. Moved and changed: what is left, across the whole document.
  const restOld = old.flatMap((_, oi) => (oldTaken[oi] ? [] : [oi]));
  const restNew = next.flatMap((_, ni) => (byNew[ni] ? [] : [ni]));
  if (restOld.length && restNew.length) {
    for (const [oi, ni, sim] of pairGap(old, next, restOld, restNew)) {
      oldTaken[oi] = true;
      byNew[ni] = { status: "changed", newIndex: ni, oldIndex: oi, similarity: sim, moved: true };
    }
  }

  // 5. The rest is new or removed.
  const entries = next.map((_, ni) => byNew[ni] ?? ({ status: "new", newIndex: ni } as const));
  const removed = old.flatMap((_, oi) => (oldTaken[oi] ? [] : [oi]));
  return { entries, removed };
}

/** Most equal pairs examined by the exact LCS; beyond (a document of thousands of identical lines) a greedy scan. */
const MAX_EQUAL_PAIRS = 2_000_000;

/** A longest common subsequence of two hash lists, as index pairs in order. */
export function commonSubsequence(a: readonly string[], b: readonly string[]): [number, number][] {
  const positions = new Map<string, number[]>();
  b.forEach((h, j) => {
    const list = positions.get(h);
    if (list) list.push(j);
    else positions.set(h, [j]);
  });
  let equalPairs = 0;
  for (const h of a) equalPairs += positions.get(h)?.length ?? 0;
  if (equalPairs > MAX_EQUAL_PAIRS) {
    const out: [number, number][] = [];
    let j = 0;
    for (let i = 0; i < a.length && j < b.length; i++) {
      const at = b.indexOf(a[i]!, j);
      if (at >= 0) {
        out.push([i, at]);
        j = at + 1;
      }
    }
    return out;
  }
  // Longest strictly increasing run of new positions, old positions taken in order
  // (each old position's candidates in decreasing order, so that it is used once).
  const nodeI: number[] = [];
  const nodeJ: number[] = [];
  const nodePrev: number[] = [];
  const tailJ: number[] = [];
  const tailNode: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const list = positions.get(a[i]!);
    if (!list) continue;
    for (let x = list.length - 1; x >= 0; x--) {
      const j = list[x]!;
      let lo = 0;
      let hi = tailJ.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tailJ[mid]! < j) lo = mid + 1;
        else hi = mid;
      }
      nodeI.push(i);
      nodeJ.push(j);
      nodePrev.push(lo > 0 ? tailNode[lo - 1]! : -1);
      tailJ[lo] = j;
      tailNode[lo] = nodeI.length - 1;
    }
  }
  const out: [number, number][] = [];
  for (let n = tailNode.length ? tailNode[tailNode.length - 1]! : -1; n >= 0; n = nodePrev[n]!) out.push([nodeI[n]!, nodeJ[n]!]);
  return out.reverse();
}

/** Non-crossing pairs of a gap's old and new segments with the largest total similarity. */
function pairGap(old: readonly OldSegment[], next: readonly NewSegment[], olds: readonly number[], news: readonly number[]): [number, number, number][] {
  const oBags = olds.map((x) => {
    const w = wordsOf(old[x]!.text);
    return { bag: bag(w), n: w.length };
  });
  const nBags = news.map((y) => {
    const w = wordsOf(next[y]!.text);
    return { bag: bag(w), n: w.length };
  });
  const score = (a: number, b: number): number => {
    let s = diceOf(oBags[a]!.bag, oBags[a]!.n, nBags[b]!.bag, nBags[b]!.n);
    const ko = old[olds[a]!]!.kind;
    if (ALWAYS_PAIR.has(ko) && ko === next[news[b]!]!.kind) s = Math.max(s, SIMILARITY_THRESHOLD);
    return s >= SIMILARITY_THRESHOLD ? s : -1;
  };
  const p = olds.length;
  const q = news.length;

  if (p * q > MAX_GAP_PAIRS) {
    // Greedy, in order, with a bounded look-ahead on the new side.
    const out: [number, number, number][] = [];
    let b = 0;
    for (let a = 0; a < p && b < q; a++) {
      let best = -1;
      let bestAt = -1;
      for (let c = b; c < Math.min(q, b + GREEDY_LOOKAHEAD); c++) {
        const s = score(a, c);
        if (s > best) {
          best = s;
          bestAt = c;
        }
      }
      if (bestAt >= 0 && best >= 0) {
        out.push([olds[a]!, news[bestAt]!, best]);
        b = bestAt + 1;
      }
    }
    return out;
  }

  // Dynamic programming: best[a][b] over the first a old and b new segments.
  const width = q + 1;
  const best = new Float64Array((p + 1) * width);
  const sims = new Float64Array(p * q);
  for (let a = 0; a < p; a++) for (let b = 0; b < q; b++) sims[a * q + b] = score(a, b);
  for (let a = 1; a <= p; a++) {
    for (let b = 1; b <= q; b++) {
      const s = sims[(a - 1) * q + (b - 1)]!;
      let v = Math.max(best[(a - 1) * width + b]!, best[a * width + b - 1]!);
      if (s >= 0) v = Math.max(v, best[(a - 1) * width + b - 1]! + s);
      best[a * width + b] = v;
    }
  }
  const out: [number, number, number][] = [];
  let a = p;
  let b = q;
  while (a > 0 && b > 0) {
    const v = best[a * width + b]!;
    const s = sims[(a - 1) * q + (b - 1)]!;
    if (s >= 0 && v === best[(a - 1) * width + b - 1]! + s) {
      out.push([olds[a - 1]!, news[b - 1]!, s]);
      a--;
      b--;
    } else if (v === best[(a - 1) * width + b]!) a--;
    else b--;
  }
  return out.reverse();
}
