/**
 * Banded dynamic programming over two sequences with the link types 1-1, 1-0, 0-1, 2-1 and 1-2
 * (Gale & Church 1993), with posterior link probabilities by forward–backward.
 *
 * `cost(i, di, j, dj)` is the cost (a negative log-probability, up to a constant) of linking source
 * units [i, i+di) with target units [j, j+dj). Cells are kept within a band around the diagonal
 * (0,0)–(n,m); when the best path runs near the band's edge, the band is doubled and the search
 * repeated, so the result is the unbanded optimum in practice while time stays O((n+m)·band).
 */

export type LinkType = "1-1" | "1-0" | "0-1" | "2-1" | "1-2";

/** Moves as [di, dj], in the order the cost arrays use. */
export const MOVES: readonly (readonly [number, number, LinkType])[] = [
  [1, 1, "1-1"],
  [1, 0, "1-0"],
  [0, 1, "0-1"],
  [2, 1, "2-1"],
  [1, 2, "1-2"],
];

export interface DpLink {
  /** First source unit and count. */
  readonly i: number;
  readonly di: number;
  /** First target unit and count. */
  readonly j: number;
  readonly dj: number;
  readonly type: LinkType;
  readonly cost: number;
  /** Posterior probability of this link given both sequences (forward–backward). */
  readonly posterior: number;
}

export interface DpOptions {
  /** Initial half-width of the band, in target units around the diagonal (default 24). */
  readonly band?: number;
  /**
   * Temperature of the posteriors: they are computed from cost / temperature (the best path does not
   * depend on it). Above 1 they are less sure of themselves; params.ts calibrates it.
   */
  readonly temperature?: number;
}

const INF = Number.POSITIVE_INFINITY;
const NEG = Number.NEGATIVE_INFINITY;

function logAddExp(a: number, b: number): number {
  if (a === NEG) return b;
  if (b === NEG) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

interface Grid {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
}

function grid(n: number, m: number, half: number): Grid {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const c = n === 0 ? 0 : (i * m) / n;
    lo[i] = Math.max(0, Math.floor(c - half));
    hi[i] = Math.min(m, Math.ceil(c + half));
  }
  // Rows must overlap enough for every move to connect them.
  for (let i = 1; i <= n; i++) {
    lo[i] = Math.min(lo[i]!, hi[i - 1]!);
    hi[i - 1] = Math.max(hi[i - 1]!, lo[i]!);
  }
  lo[0] = 0;
  hi[n] = m;
  return { lo, hi };
}

/** Aligns n source units with m target units; returns the best path's links in order. */
export function alignSequences(n: number, m: number, cost: (i: number, di: number, j: number, dj: number) => number, options: DpOptions = {}): DpLink[] {
  let half = Math.max(4, options.band ?? 24, Math.abs(n - m) + 4);
  for (;;) {
    const full = half >= Math.max(n, m);
    const result = run(n, m, cost, full ? Math.max(n, m) + 2 : half, options.temperature ?? 1);
    if (full || !result.nearEdge) return result.links;
    half *= 2;
  }
}

function run(n: number, m: number, cost: (i: number, di: number, j: number, dj: number) => number, half: number, temperature: number): { links: DpLink[]; nearEdge: boolean } {
  const inv = 1 / temperature;
  const { lo, hi } = grid(n, m, half);
  const width = (i: number) => hi[i]! - lo[i]! + 1;
  const K = MOVES.length;
  // Per row: best cost, back move, forward log-sum, and the cost of each move ending in the cell.
  const best: Float64Array[] = [];
  const back: Int8Array[] = [];
  const fwd: Float64Array[] = [];
  const moveCost: Float64Array[] = [];
  for (let i = 0; i <= n; i++) {
    const w = width(i);
    const b = new Float64Array(w).fill(INF);
    const f = new Float64Array(w).fill(NEG);
    const bk = new Int8Array(w).fill(-1);
    const mc = new Float64Array(w * K).fill(INF);
    best.push(b);
    fwd.push(f);
    back.push(bk);
    moveCost.push(mc);
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      const x = j - lo[i]!;
      if (i === 0 && j === 0) {
        b[x] = 0;
        f[x] = 0;
        continue;
      }
      let bestCost = INF;
      let bestMove = -1;
      let logSum = NEG;
      for (let k = 0; k < K; k++) {
        const [di, dj] = MOVES[k]!;
        const pi = i - di;
        const pj = j - dj;
        if (pi < 0 || pj < 0 || pj < lo[pi]! || pj > hi[pi]!) continue;
        const px = pj - lo[pi]!;
        const prev = best[pi]![px]!;
        const prevF = fwd[pi]![px]!;
        if (prev === INF && prevF === NEG) continue;
        const c = cost(pi, di, pj, dj);
        if (!(c < INF)) continue;
        mc[x * K + k] = c;
        if (prev + c < bestCost) {
          bestCost = prev + c;
          bestMove = k;
        }
        logSum = logAddExp(logSum, prevF - c * inv);
      }
      b[x] = bestCost;
      bk[x] = bestMove;
      f[x] = logSum;
    }
  }
  // Backward log-sums.
  const bwd: Float64Array[] = [];
  for (let i = 0; i <= n; i++) bwd.push(new Float64Array(width(i)).fill(NEG));
  bwd[n]![m - lo[n]!] = 0;
  for (let i = n; i >= 0; i--) {
    for (let j = hi[i]!; j >= lo[i]!; j--) {
      const x = j - lo[i]!;
      if (i === n && j === m) continue;
      let s = NEG;
      for (let k = 0; k < K; k++) {
        const [di, dj] = MOVES[k]!;
        const ni = i + di;
        const nj = j + dj;
        if (ni > n || nj > m || nj < lo[ni]! || nj > hi[ni]!) continue;
        const nx = nj - lo[ni]!;
        const c = moveCost[ni]![nx * K + k]!;
        if (!(c < INF)) continue;
        const nb = bwd[ni]![nx]!;
        if (nb === NEG) continue;
        s = logAddExp(s, nb - c * inv);
      }
      bwd[i]![x] = s;
    }
  }
  const z = fwd[n]![m - lo[n]!]!;
  // Trace back the best path.
  const links: DpLink[] = [];
  let i = n;
  let j = m;
  let nearEdge = false;
  while (i > 0 || j > 0) {
    const x = j - lo[i]!;
    const k = back[i]![x]!;
    if (k < 0) throw new Error(`alignSequences: no path through (${i}, ${j})`);
    if ((j - lo[i]! < 2 && lo[i]! > 0) || (hi[i]! - j < 2 && hi[i]! < m)) nearEdge = true;
    const [di, dj, type] = MOVES[k]!;
    const pi = i - di;
    const pj = j - dj;
    const c = moveCost[i]![x * K + k]!;
    const posterior = Math.exp(fwd[pi]![pj - lo[pi]!]! - c * inv + bwd[i]![x]! - z);
    links.push({ i: pi, di, j: pj, dj, type, cost: c, posterior: Math.min(1, Number.isFinite(posterior) ? posterior : 0) });
    i = pi;
    j = pj;
  }
  links.reverse();
  return { links, nearEdge };
}
