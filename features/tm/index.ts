/**
 * In-memory translation-memory index for one language pair. Pure (no server-only
 * imports, no I/O): the server keeps one per pair and feeds it from the database.
 *
 * Lookup never scans the memory:
 * - exact (100 %) and in-context (101 %) matches come from a hash map keyed by the
 *   normalized source (exactKey), verified by string comparison;
 * - fuzzy candidates come from an inverted index: word id → postings in an Int32Array,
 *   each entry `slot << 8 | min(wordCount, 255)`, so the length filter runs on the
 *   posting entry itself without touching the unit. Each list is kept sorted by that
 *   length code (a sorted head, plus the entries appended since, re-sorted once they are
 *   64 and a quarter of the head; trim() sorts every list), so a lookup reads only the
 *   head's entries within its length range (two binary searches per word and θ) and the
 *   tail; query words are taken in the order of those in-range counts.
 *
 * Retrieval is exact for the requested threshold (prefix filtering, as in
 * All-Pairs/PPJoin, with a top-k threshold that rises as matches are found):
 * a unit scoring ≥ θ shares at least τ = ceil(θ·n/100) words with the n-word query
 * (score.ts), so it contains at least one of the query's n − τ + 1 rarest words
 * (counted with multiplicity; words unknown to the memory can never be shared and
 * come first). A unit longer than the query needs τ(m) = ceil(θ·m/100) shared words,
 * hence fewer prefix words: a unit first met after `done` positions is only a new
 * candidate when m ≤ 100·(n − done)/θ. Postings of those rarest words, length-filtered,
 * are counted (ScanCount; a bit per slot says whether it is a candidate already, the
 * counts live in dense per-candidate arrays). Each candidate then has an upper bound on
 * its score: shared words ≤ (counted multiplicity) + (query words not yet counted).
 * While a more common word's posting list is at most 32× the candidates whose bound still
 * reaches θ, it refines the counts (entries outside the length range or the bit set cost
 * no per-slot access), and candidates whose bound falls below θ drop out. Candidates are
 * verified best bound first (the number penalty first when the query has numbers, which
 * raises the bar for the words, then the bit-parallel word Levenshtein of Myers/Hyyrö
 * with early exit, 32 query words per machine word; punctuation and the live flag are
 * read only for a unit that passes; the next 8 candidates' word sequences and numbers are
 * touched together first, so that their cache misses overlap), θ rises to the current
 * k-th best, and verification stops when the best remaining bound is below θ. Before
 * reading a long posting list (≥ 2,048 entries in range, and only when the candidates
 * have doubled since the last time), the 256 most promising candidates are verified
 * first, so a good top-k shortens the prefix. The number of candidates verified per
 * lookup is bounded (`maxCandidates`); when the bound cuts, `lastStats.capped` says so.
 *
 * Memory layout (one language pair, N units, T words in all):
 * - word keys interned once (Map<string, id>); postings one Int32Array per word id;
 * - the word-id sequences of all units in ONE Int32Array with per-slot offsets
 *   (tokStart), likewise the number values (interned) for the number penalty;
 * - per slot: punctuation hash, exact-key hash, createdAt (Float64), interned origin,
 *   origin detail, document and author ids, the context hashes as two 64-bit numbers
 *   (Int32 pairs), alive flag; the id, source and target as UTF-8 bytes outside the
 *   JavaScript heap (text-arena.ts: millions of strings slowed every garbage collection
 *   of the server), decoded only for the matches returned; a sentence unit's texts are
 *   byte ranges within its paragraph's;
 * - removal marks the slot dead; postings are cleaned and slots renumbered by
 *   compact(), run automatically when dead slots outnumber live ones.
 *
 * Ranking and ties: score desc, then newer createdAt, then id (code point order).
 */
import { TextArena } from "./text-arena";
import { analyze, exactKey, hash32, NUMBER_KEY, tokenize } from "./tokenize";
import {
  bitParallelDistance,
  EXACT,
  fuzzyScore,
  IN_CONTEXT,
  lengthRange,
  MAX_FUZZY,
  maxEdits,
  minOverlap,
  NUMBER_PENALTY,
  numberMismatches,
  queryMasks,
  sameContext,
  type MatchContext,
} from "./score";

export interface TmUnit {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceLang: string;
  readonly targetLang: string;
  /** Where the unit comes from (a document, an import, MT). */
  readonly origin: string;
  /** The document's slug or the imported file's name. */
  readonly originDetail?: string;
  readonly documentId?: string;
  readonly author?: string;
  /** ISO 8601; returned normalized by toISOString(). */
  readonly createdAt: string;
  /** contextHash() of the previous and next source segments (score.ts). */
  readonly contextBefore?: string;
  readonly contextAfter?: string;
  /**
   * The paragraph unit a sentence unit was cut from. When that unit is in the index and
   * holds this unit's source and target, they are kept as slices of its strings (no copy).
   */
  readonly parentId?: string;
}

export interface TmMatch {
  readonly id: string;
  readonly score: number;
  readonly unit: TmUnit;
}

export interface LookupOptions {
  /** How many matches (default 5). */
  readonly limit?: number;
  /** Lowest score returned, 1–101 (default 70). */
  readonly min?: number;
  /** Hashes of the query segment's neighbours, for 101 % matches. */
  readonly context?: MatchContext;
  /** Most fuzzy candidates verified per lookup (default 50,000). */
  readonly maxCandidates?: number;
  /** Leave out sentence units (origin "sentence"): paragraph-level lookup. */
  readonly paragraphsOnly?: boolean;
}

export interface FragmentOptions {
  /** Shortest run reported, in words (default 4). */
  readonly minWords?: number;
  /** Units returned per run (default 3, at most 20). */
  readonly hits?: number;
  /** Runs whose first words are all in more units than this are skipped (default 5,000). */
  readonly maxPostings?: number;
  /** Token comparisons allowed per call (default 2,000,000). */
  readonly budget?: number;
}

export interface Fragment {
  /** UTF-16 offsets of the run in the text. */
  readonly start: number;
  readonly end: number;
  /** Words in the run. */
  readonly words: number;
  /** Units whose source contains the run, newest first. */
  readonly hits: readonly TmUnit[];
  /** How many units were found to contain it (hits is the first few). */
  readonly units: number;
}

/** The origin of sentence units (sentence pairs of a paragraph unit). */
export const SENTENCE_ORIGIN = "sentence";

export interface LookupStats {
  /** Units reached through postings (after the length filter). */
  candidates: number;
  /** Candidates scored (overlap and edit distance). */
  verified: number;
  /** Posting entries read. */
  postings: number;
  /** Whether maxCandidates stopped verification before the bound did. */
  capped: boolean;
}

const MAX_SLOTS = 1 << 24;
/** Interned strings per slot: origin, documentId, author, originDetail. */
const META = 4;
const REFS = 9; // per slot: id, source, target, each (chunk, byte offset, byte length) in the text arena
const REF_ID = 0;
const REF_SOURCE = 3;
const REF_TARGET = 6;
const HEX64 = /^[0-9a-f]{16}$/;
const LEN_CAP = 255;
/** Posting lists at least this long are only scanned after verifying the best candidates so far. */
const EXPENSIVE_POSTINGS = 2048;
/** Candidates verified before an expensive posting scan. */
const EARLY_BUDGET = 256;
/** Candidates whose unit data is touched together before they are verified in turn. */
const AHEAD = 8;
/** Sorted heads at least this long keep a directory of where each length code starts. */
const DIRECTORY_MIN = 4096;
/** Postings are re-sorted by length once this many entries (and a quarter of the sorted head) were appended. */
const SORT_TAIL = 64;
/** Common words refine candidate counts while their postings are at most this many times the candidates still in the running. */
const REFINE_FACTOR = 32;

class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(s, id);
      this.values.push(s);
    }
    return id;
  }
}

/**
 * Open-addressing multimap from a 32-bit hash to slots (linear probing, backward-shift
 * deletion): two Int32Arrays instead of a Map entry object per unit. Callers verify
 * the candidate slots (hash collisions are possible).
 */
class HashSlots {
  private keys = new Int32Array(1024);
  private vals = new Int32Array(1024); // slot + 1; 0 = empty
  private mask = 1023;
  private count = 0;

  add(h: number, slot: number): void {
    if (2 * (this.count + 1) > this.vals.length) this.rehash(this.vals.length * 2);
    let i = h & this.mask;
    while (this.vals[i] !== 0) i = (i + 1) & this.mask;
    this.keys[i] = h;
    this.vals[i] = slot + 1;
    this.count++;
  }

  /** Slots stored under h, appended to out. */
  find(h: number, out: number[]): number[] {
    const { keys, vals, mask } = this;
    for (let i = h & mask; vals[i] !== 0; i = (i + 1) & mask) if (keys[i] === h) out.push(vals[i]! - 1);
    return out;
  }

  remove(h: number, slot: number): void {
    const { keys, vals, mask } = this;
    let p = h & mask;
    while (vals[p] !== 0 && !(keys[p] === h && vals[p] === slot + 1)) p = (p + 1) & mask;
    if (vals[p] === 0) return;
    vals[p] = 0;
    this.count--;
    for (let j = (p + 1) & mask; vals[j] !== 0; j = (j + 1) & mask) {
      const home = keys[j]! & mask;
      // The entry at j may move to the hole at p unless its home lies cyclically in (p, j].
      const stays = p <= j ? home > p && home <= j : home > p || home <= j;
      if (stays) continue;
      keys[p] = keys[j]!;
      vals[p] = vals[j]!;
      vals[j] = 0;
      p = j;
    }
  }

  clear(): void {
    this.keys = new Int32Array(1024);
    this.vals = new Int32Array(1024);
    this.mask = 1023;
    this.count = 0;
  }

  get bytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }

  private rehash(capacity: number): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(capacity);
    this.vals = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < vals.length; i++) if (vals[i] !== 0) this.add(keys[i]!, vals[i]! - 1);
  }
}

function growInt32(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (a.length >= size) return a;
  const b = new Int32Array(Math.max(size, Math.ceil(a.length * 1.5) + 16));
  b.set(a);
  return b;
}

interface Query {
  n: number;
  ids: Int32Array;
  nums: Int32Array;
  punct: number;
  exact: string;
  hash: number;
  /** Distinct known word ids, rarest first. */
  distinct: number[];
  /** Query positions whose word the memory does not know. */
  unknown: number;
}

/** The k best (slot, score) pairs, best first. */
class TopK {
  readonly slots: number[] = [];
  readonly scores: number[] = [];
  constructor(
    private readonly k: number,
    private readonly better: (sa: number, a: number, sb: number, b: number) => boolean,
  ) {}
  offer(slot: number, score: number): void {
    const { slots, scores } = this;
    const full = slots.length >= this.k;
    if (full && !this.better(slot, score, slots[slots.length - 1]!, scores[scores.length - 1]!)) return;
    let i = full ? slots.length - 1 : slots.length;
    while (i > 0 && this.better(slot, score, slots[i - 1]!, scores[i - 1]!)) {
      slots[i] = slots[i - 1]!;
      scores[i] = scores[i - 1]!;
      i--;
    }
    slots[i] = slot;
    scores[i] = score;
  }
  /** Lowest score a newcomer may have and still enter (ties can enter by recency or id). */
  threshold(min: number): number {
    return this.slots.length >= this.k ? Math.max(min, this.scores[this.scores.length - 1]!) : min;
  }
}

export class TmIndex {
  /** Statistics of the last lookup (for benchmarks and diagnostics). */
  readonly lastStats: LookupStats = { candidates: 0, verified: 0, postings: 0, capped: false };

  private readonly vocab = new Map<string, number>();
  private postings: Int32Array[] = [];
  private postLen = new Int32Array(1024);
  // Per word id: how many entries at the head of its postings are sorted by length code (the
  // rest, appended since, is not): a lookup reads only the head's entries within its length range.
  private postSorted = new Int32Array(1024);
  private sortCounts = new Int32Array(LEN_CAP + 2);
  private postDir: (Int32Array | undefined)[] = []; // per word with a long sorted head: start of each length code in it

  private sortScratch = new Int32Array(1024);

  private size = 0; // slots used
  private live = 0;
  // Per slot, 3 × (chunk, byte offset, byte length) in `text`: id, source, target (REF_*).
  private text = new TextArena();
  private refs = new Int32Array(REFS * 1024);
  // Per slot: the slot whose source and target bytes it may share (its paragraph), or -1.
  private owner = new Int32Array(1024);
  // The paragraph unit added last, whose strings its sentence units are found within.
  private lastWhole = { slot: -1, source: "", target: "" };
  private ctxKind = new Uint8Array(2 * 1024); // before, after: 0 none, 1 "^", 2 hex hash in ctxHash, 3 other (ctxOther)
  private ctxHash = new Int32Array(4 * 1024);
  private readonly ctxOther = new Map<number, string>(); // 2 × slot + side → a context that is not a contextHash()
  private created = new Float64Array(1024);
  private meta = new Int32Array(META * 1024); // origin, documentId, author, originDetail (interned; -1 = none)
  private punct = new Int32Array(1024);
  private exactH = new Int32Array(1024);
  private alive = new Uint8Array(1024); // 1 live paragraph-level unit, 2 live sentence unit, 0 removed
  private skipSentences = false; // set per lookup (paragraphsOnly)
  private tokStart = new Int32Array(1025);
  private tokens = new Int32Array(1 << 14);
  private numStart = new Int32Array(1025);
  private nums = new Int32Array(1024);
  private readonly exact = new HashSlots(); // hash32(exactKey) → slots
  private readonly slotOf = new HashSlots(); // hash32(id) → slot
  private readonly numbers = new Interner();
  private readonly strings = new Interner();
  private readonly emptySlots = new Set<number>();

  // Lookup scratch. Per slot: its candidate number + 1 (0: not a candidate), the exact-match mark.
  private candOf = new Int32Array(1024);
  private candBits = new Int32Array(32); // the same as one bit per slot (fits a cache where candOf does not)
  private mark = new Int32Array(1024);
  private epoch = 0;
  // Per candidate (dense, in order of discovery): slot, word count, shared words counted, and the
  // score bound of the last pass (255: verified or ruled out).
  private touched = new Int32Array(1024);
  private touchedLen = new Int32Array(1024);
  private touchedCount = new Int32Array(1024);
  private ubs = new Uint8Array(1024);
  // Per word id: multiplicity in the query, 1 + index among the query's distinct words (0: not in it).
  private qCount = new Int32Array(1024);
  private qWord = new Int32Array(1024);
  private vStamp = new Int32Array(1024);
  private vEpoch = 0;
  // Per query: match masks of its distinct words (bitParallelDistance) and the distance state.
  private peq = new Int32Array(256);
  private bpState = new Int32Array(16);
  private bucketStart = new Int32Array(102);
  private rangeScratch = new Int32Array(2);
  private liveList = new Int32Array(1024);
  private ahead = new Int32Array(3 * AHEAD);
  private sink = 0;
  private estimate = new Int32Array(64);
  private order = new Int32Array(1024);

  constructor(
    readonly sourceLang: string,
    readonly targetLang: string,
  ) {}

  /** Live units. */
  get length(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.slotOfId(id) >= 0;
  }

  get(id: string): TmUnit | undefined {
    const slot = this.slotOfId(id);
    return slot < 0 ? undefined : this.unitAt(slot);
  }

  /** Adds a unit, replacing the unit with the same id. */
  add(unit: TmUnit): void {
    if (unit.sourceLang !== this.sourceLang || unit.targetLang !== this.targetLang) {
      throw new Error(`unit ${unit.id} is ${unit.sourceLang}→${unit.targetLang}, index is ${this.sourceLang}→${this.targetLang}`);
    }
    this.remove(unit.id);
    if (this.size >= MAX_SLOTS) this.compact();
    if (this.size >= MAX_SLOTS) throw new Error(`a TmIndex holds at most ${MAX_SLOTS} units`);
    const createdAt = Date.parse(unit.createdAt);
    if (Number.isNaN(createdAt)) throw new Error(`unit ${unit.id}: createdAt is not a date: ${unit.createdAt}`);
    const a = analyze(unit.source, this.sourceLang);
    this.ensureSlots(this.size + 1);
    const slot = this.size++;
    const m = a.keys.length;

    let t = this.tokStart[slot]!;
    this.tokens = growInt32(this.tokens, t + m);
    const tokens = this.tokens;
    for (let i = 0; i < m; i++) {
      const key = a.keys[i]!;
      let id = this.vocab.get(key);
      if (id === undefined) {
        id = this.vocab.size;
        this.vocab.set(key, id);
        this.ensureVocab(id + 1);
      }
      tokens[t++] = id;
    }
    this.tokStart[slot + 1] = t;
    let u = this.numStart[slot]!;
    this.nums = growInt32(this.nums, u + a.numbers.length);
    for (const v of a.numbers) this.nums[u++] = this.numbers.id(v);
    this.numStart[slot + 1] = u;

    this.indexPostings(slot);
    const parent = unit.parentId === undefined ? -1 : this.slotOfId(unit.parentId);
    this.storeTexts(slot, unit, parent);
    this.setContext(slot, 0, unit.contextBefore);
    this.setContext(slot, 1, unit.contextAfter);
    this.created[slot] = createdAt;
    this.meta[META * slot] = this.strings.id(unit.origin);
    this.meta[META * slot + 1] = unit.documentId === undefined ? -1 : this.strings.id(unit.documentId);
    this.meta[META * slot + 2] = unit.author === undefined ? -1 : this.strings.id(unit.author);
    this.meta[META * slot + 3] = unit.originDetail === undefined ? -1 : this.strings.id(unit.originDetail);
    this.punct[slot] = a.punct;
    const h = hash32(a.exact);
    this.exactH[slot] = h;
    this.exact.add(h, slot);
    this.alive[slot] = unit.origin === SENTENCE_ORIGIN ? 2 : 1;
    if (m === 0) this.emptySlots.add(slot);
    this.slotOf.add(hash32(unit.id), slot);
    this.live++;
  }

  /** Removes a unit; false when there is none with this id. */
  remove(id: string): boolean {
    const slot = this.slotOfId(id);
    if (slot < 0) return false;
    this.slotOf.remove(hash32(id), slot);
    this.alive[slot] = 0;
    this.exact.remove(this.exactH[slot]!, slot);
    this.emptySlots.delete(slot);
    if (this.lastWhole.slot === slot) this.lastWhole = { slot: -1, source: "", target: "" };
    this.setContext(slot, 0, undefined);
    this.setContext(slot, 1, undefined);
    this.live--;
    const dead = this.size - this.live;
    if (dead > 1024 && dead > this.live) this.compact();
    return true;
  }

  /** Matches for a source text, best first (see the module comment). */
  lookup(text: string, options: LookupOptions = {}): TmMatch[] {
    const { limit, min } = normalizeOptions(options);
    const q = this.prepare(text);
    const top = this.topK(limit);
    this.skipSentences = options.paragraphsOnly === true;
    try {
      this.search(q, min, top, options.context, options.maxCandidates ?? 50_000);
    } finally {
      this.skipSentences = false;
      this.release(q);
    }
    return this.results(top);
  }

  /**
   * The same ranking by scoring every live unit in turn (no inverted index):
   * the reference for tests and the brute-force baseline of the benchmark.
   * It applies the same length and overlap bounds, which never change a score.
   */
  scan(text: string, options: LookupOptions = {}): TmMatch[] {
    const { limit, min } = normalizeOptions(options);
    const q = this.prepare(text);
    const top = this.topK(limit);
    for (let slot = 0; slot < this.size; slot++) {
      if (!this.alive[slot] || (options.paragraphsOnly && this.alive[slot] === 2)) continue;
      if (this.exactH[slot] === q.hash && exactKey(this.sourceAt(slot)) === q.exact) {
        const score = this.exactScore(slot, options.context);
        if (score >= min) top.offer(slot, score);
        continue;
      }
      const s = this.verify(slot, q, top.threshold(min));
      if (s >= 0) top.offer(slot, s);
    }
    this.release(q);
    return this.results(top);
  }

  /**
   * Automatic concordance: the longest runs of at least `minWords` consecutive words
   * of the text that occur, in the same order, in some unit's source, left to right
   * and not overlapping, each with up to `hits` units that contain it (newest first).
   * A run starting with words too common to be telling (all of its first `minWords`
   * words in more than `maxPostings` units) is skipped, and the work per call is bounded.
   */
  fragments(text: string, options: FragmentOptions = {}): Fragment[] {
    const minWords = Math.max(2, options.minWords ?? 4);
    const hitsWanted = Math.max(1, Math.min(20, options.hits ?? 3));
    const maxPostings = options.maxPostings ?? 5000;
    let budget = options.budget ?? 2_000_000;
    const words = tokenize(text, this.sourceLang).filter((t) => t.kind !== "punct");
    const n = words.length;
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = this.vocab.get(words[i]!.kind === "number" ? NUMBER_KEY : words[i]!.key) ?? -1;
    const out: Fragment[] = [];
    const { tokens, tokStart, postings, postLen } = this;
    let i = 0;
    while (i + minWords <= n && budget > 0) {
      // The rarest of the run's first minWords words leads; an unknown word rules the run out.
      let lead = -1;
      for (let k = i; k < i + minWords; k++) {
        const id = ids[k]!;
        if (id < 0) {
          lead = -2;
          break;
        }
        if (lead === -1 || postLen[id]! < postLen[ids[lead]!]!) lead = k;
      }
      if (lead < 0 || postLen[ids[lead]!]! > maxPostings) {
        i++;
        continue;
      }
      const p = postings[ids[lead]!]!;
      let best = 0;
      let bestSlots: number[] = [];
      for (let j = 0; j < postLen[ids[lead]!]! && budget > 0; j++) {
        const slot = p[j]! >>> 8;
        if (this.alive[slot] !== 1) continue; // sentence units repeat their paragraph's words
        const s0 = tokStart[slot]!;
        const s1 = tokStart[slot + 1]!;
        let longest = 0;
        for (let q = s0; q + minWords <= s1; q++) {
          if (tokens[q] !== ids[i]) continue;
          let len = 0;
          while (i + len < n && q + len < s1 && tokens[q + len] === ids[i + len]) len++;
          budget -= len + 1;
          if (len > longest) longest = len;
        }
        budget -= s1 - s0;
        if (longest < minWords || longest < best) continue;
        if (longest > best) {
          best = longest;
          bestSlots = [];
        }
        bestSlots.push(slot);
      }
      if (best < minWords) {
        i++;
        continue;
      }
      const created = this.created;
      bestSlots.sort((a, b) => created[b]! - created[a]! || this.compareIds(a, b));
      out.push({
        start: words[i]!.start,
        end: words[i + best - 1]!.end,
        words: best,
        hits: bestSlots.slice(0, hitsWanted).map((slot) => this.unitAt(slot)),
        units: bestSlots.length,
      });
      i += best;
    }
    return out;
  }

  /** Every live unit, in insertion order. */
  *units(): IterableIterator<TmUnit> {
    for (let slot = 0; slot < this.size; slot++) if (this.alive[slot]) yield this.unitAt(slot);
  }

  /** Bytes held in typed arrays (postings, sequences, columns, texts, scratch); maps not included. */
  typedArrayBytes(): number {
    let b = 0;
    for (const p of this.postings) b += p.byteLength;
    for (const d of this.postDir) if (d) b += d.byteLength;
    for (const a of [
      this.postLen,
      this.postSorted,
      this.sortScratch,
      this.created,
      this.meta,
      this.ctxKind,
      this.ctxHash,
      this.punct,
      this.refs,
      this.owner,
      this.exactH,
      this.alive,
      this.tokStart,
      this.tokens,
      this.numStart,
      this.nums,
      this.candOf,
      this.candBits,
      this.mark,
      this.touched,
      this.touchedLen,
      this.touchedCount,
      this.qCount,
      this.qWord,
      this.vStamp,
      this.order,
      this.peq,
    ])
      b += a.byteLength;
    return b + this.text.reserved + this.exact.bytes + this.slotOf.bytes;
  }

  /** Distinct word keys. */
  get vocabularySize(): number {
    return this.vocab.size;
  }

  /** Releases spare capacity after a bulk load. */
  trim(): void {
    this.tokens = this.tokens.slice(0, this.tokStart[this.size]!);
    this.nums = this.nums.slice(0, this.numStart[this.size]!);
    this.text.trim();
    for (let t = 0; t < this.postings.length; t++) {
      const p = this.postings[t]!;
      if (p.length > this.postLen[t]!) this.postings[t] = p.slice(0, this.postLen[t]!);
      if (this.postLen[t]! > this.postSorted[t]! && this.postLen[t]! >= 16) this.sortPostings(t);
    }
    this.sortScratch = new Int32Array(1024);
  }

  /** Drops removed units: renumbers slots and rebuilds postings and the exact map. */
  compact(): void {
    const old = {
      size: this.size,
      text: this.text,
      refs: this.refs,
      owner: this.owner,
      ctxKind: this.ctxKind,
      ctxHash: this.ctxHash,
      ctxOther: new Map(this.ctxOther),
      created: this.created,
      meta: this.meta,
      punct: this.punct,
      exactH: this.exactH,
      alive: this.alive,
      tokStart: this.tokStart,
      tokens: this.tokens,
      numStart: this.numStart,
      nums: this.nums,
    };
    const cap = Math.max(1024, this.live);
    this.text = new TextArena();
    this.refs = new Int32Array(REFS * cap);
    this.owner = new Int32Array(cap);
    this.lastWhole = { slot: -1, source: "", target: "" };
    const remap = new Int32Array(old.size).fill(-1);
    this.ctxKind = new Uint8Array(2 * cap);
    this.ctxHash = new Int32Array(4 * cap);
    this.ctxOther.clear();
    this.created = new Float64Array(cap);
    this.meta = new Int32Array(META * cap);
    this.punct = new Int32Array(cap);
    this.exactH = new Int32Array(cap);
    this.alive = new Uint8Array(cap);
    this.tokStart = new Int32Array(cap + 1);
    this.tokens = new Int32Array(Math.max(1024, old.tokStart[old.size]!));
    this.numStart = new Int32Array(cap + 1);
    this.nums = new Int32Array(Math.max(1024, old.numStart[old.size]!));
    this.candOf = new Int32Array(cap);
    this.candBits = new Int32Array((cap + 31) >>> 5);
    this.mark = new Int32Array(cap);
    this.epoch = 0;
    this.postLen.fill(0);
    this.postSorted.fill(0);
    this.postDir = [];
    this.exact.clear();
    this.slotOf.clear();
    this.emptySlots.clear();
    this.size = 0;
    for (let s = 0; s < old.size; s++) {
      if (!old.alive[s]) continue;
      const slot = this.size++;
      const t0 = old.tokStart[s]!;
      const m = old.tokStart[s + 1]! - t0;
      const t = this.tokStart[slot]!;
      this.tokens.set(old.tokens.subarray(t0, t0 + m), t);
      this.tokStart[slot + 1] = t + m;
      const u0 = old.numStart[s]!;
      const k = old.numStart[s + 1]! - u0;
      const u = this.numStart[slot]!;
      this.nums.set(old.nums.subarray(u0, u0 + k), u);
      this.numStart[slot + 1] = u + k;
      this.indexPostings(slot);
      remap[s] = slot;
      this.moveTexts(old, s, slot, remap);
      this.ctxKind.set(old.ctxKind.subarray(2 * s, 2 * s + 2), 2 * slot);
      this.ctxHash.set(old.ctxHash.subarray(4 * s, 4 * s + 4), 4 * slot);
      for (const side of [0, 1]) {
        const other = old.ctxOther.get(2 * s + side);
        if (other !== undefined) this.ctxOther.set(2 * slot + side, other);
      }
      this.created[slot] = old.created[s]!;
      this.meta.set(old.meta.subarray(META * s, META * s + META), META * slot);
      this.punct[slot] = old.punct[s]!;
      this.exactH[slot] = old.exactH[s]!;
      this.exact.add(old.exactH[s]!, slot);
      this.alive[slot] = old.alive[s]!;
      if (m === 0) this.emptySlots.add(slot);
      this.slotOf.add(hash32(this.idAt(slot)), slot);
    }
  }

  // ---- internals -------------------------------------------------------------------------------

  private ensureSlots(n: number): void {
    if (this.alive.length >= n) return;
    const cap = Math.max(n, Math.ceil(this.alive.length * 1.5));
    const f = new Float64Array(cap);
    f.set(this.created);
    this.created = f;
    const meta = new Int32Array(META * cap);
    meta.set(this.meta);
    this.meta = meta;
    const ctxKind = new Uint8Array(2 * cap);
    ctxKind.set(this.ctxKind);
    this.ctxKind = ctxKind;
    this.ctxHash = growInt32(this.ctxHash, 4 * cap);
    const alive = new Uint8Array(cap);
    alive.set(this.alive);
    this.alive = alive;
    this.punct = growInt32(this.punct, cap);
    this.refs = growInt32(this.refs, REFS * cap);
    this.owner = growInt32(this.owner, cap);
    this.exactH = growInt32(this.exactH, cap);
    this.tokStart = growInt32(this.tokStart, cap + 1);
    this.numStart = growInt32(this.numStart, cap + 1);
    this.candOf = new Int32Array(cap);
    this.candBits = new Int32Array((cap + 31) >>> 5);
    this.mark = new Int32Array(cap);
    this.epoch = 0;
  }

  private ensureVocab(n: number): void {
    if (this.postLen.length >= n) return;
    const cap = Math.max(n, this.postLen.length * 2);
    this.postLen = growInt32(this.postLen, cap);
    this.postSorted = growInt32(this.postSorted, cap);
    this.qCount = growInt32(this.qCount, cap);
    this.vStamp = growInt32(this.vStamp, cap);
    this.qWord = growInt32(this.qWord, cap);
  }

  /** Appends the slot to the postings of each of its distinct words. */
  private indexPostings(slot: number): void {
    const t0 = this.tokStart[slot]!;
    const t1 = this.tokStart[slot + 1]!;
    const m = t1 - t0;
    const entry = (slot << 8) | (m < LEN_CAP ? m : LEN_CAP);
    const stamp = ++this.vEpoch;
    if (stamp === 0x7fffffff) this.resetVocabStamps();
    for (let i = t0; i < t1; i++) {
      const id = this.tokens[i]!;
      if (this.vStamp[id] === this.vEpoch) continue;
      this.vStamp[id] = this.vEpoch;
      const len = this.postLen[id]!;
      let p = this.postings[id];
      if (!p) p = this.postings[id] = new Int32Array(4);
      else if (len === p.length) {
        const q = new Int32Array(len * 2);
        q.set(p);
        p = this.postings[id] = q;
      }
      p[len] = entry;
      this.postLen[id] = len + 1;
      const sorted = this.postSorted[id]!;
      if (len + 1 - sorted >= SORT_TAIL && len + 1 - sorted >= sorted >> 2) this.sortPostings(id);
    }
  }

  /** Sorts a word's postings by length code (stable: slot order within a length). */
  private sortPostings(id: number): void {
    const len = this.postLen[id]!;
    const p = this.postings[id]!;
    const counts = this.sortCounts;
    counts.fill(0);
    for (let j = 0; j < len; j++) counts[(p[j]! & 255) + 1]!++;
    for (let l = 1; l <= LEN_CAP + 1; l++) counts[l]! += counts[l - 1]!;
    // Long lists keep where each length code starts: a lookup finds its range with two reads
    // instead of a binary search whose every step may miss the CPU caches.
    if (len >= DIRECTORY_MIN) {
      const dir = this.postDir[id] ?? (this.postDir[id] = new Int32Array(LEN_CAP + 2));
      dir.set(counts);
    } else this.postDir[id] = undefined;
    if (this.sortScratch.length < len) this.sortScratch = new Int32Array(Math.max(len, 2 * this.sortScratch.length));
    const out = this.sortScratch;
    for (let j = 0; j < len; j++) {
      const v = p[j]!;
      out[counts[v & 255]!++] = v;
    }
    p.set(out.subarray(0, len));
    this.postSorted[id] = len;
  }

  /**
   * The entries of a word's sorted head whose length code is in [lo, hi] (both ≤ LEN_CAP):
   * [from, to) by binary search. Entries after postSorted are not sorted (not included).
   */
  private sortedRange(id: number, lo: number, hi: number, out: Int32Array): void {
    const dir = this.postDir[id];
    if (dir !== undefined) {
      out[0] = dir[lo]!;
      out[1] = dir[hi + 1]!;
      return;
    }
    const p = this.postings[id]!;
    const sorted = this.postSorted[id]!;
    let a = 0;
    let b = sorted;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((p[mid]! & 255) < lo) a = mid + 1;
      else b = mid;
    }
    out[0] = a;
    b = sorted;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((p[mid]! & 255) <= hi) a = mid + 1;
      else b = mid;
    }
    out[1] = a;
  }

  private resetVocabStamps(): void {
    this.vStamp.fill(0);
    this.vEpoch = 1;
  }

  private slotOfId(id: string): number {
    for (const slot of this.slotOf.find(hash32(id), [])) if (this.alive[slot] && this.text.equals(this.refs, REFS * slot + REF_ID, id)) return slot;
    return -1;
  }

  private idAt(slot: number): string {
    return this.text.read(this.refs, REFS * slot + REF_ID);
  }

  /** Id order (code points) of two slots, read from the arena without decoding. */
  private compareIds(a: number, b: number): number {
    return this.text.compare(this.refs, REFS * a + REF_ID, this.refs, REFS * b + REF_ID);
  }

  private sourceAt(slot: number): string {
    return this.text.read(this.refs, REFS * slot + REF_SOURCE);
  }

  /** Stores a new unit's id, source and target; a sentence unit's texts as ranges of its paragraph's. */
  private storeTexts(slot: number, unit: TmUnit, parent: number): void {
    const { text, refs } = this;
    const r = REFS * slot;
    text.write(unit.id, refs, r + REF_ID);
    if (parent < 0) {
      text.write(unit.source, refs, r + REF_SOURCE);
      text.write(unit.target, refs, r + REF_TARGET);
      this.owner[slot] = -1;
      this.lastWhole = { slot, source: unit.source, target: unit.target };
      return;
    }
    if (this.lastWhole.slot !== parent) this.lastWhole = { slot: parent, source: this.sourceAt(parent), target: text.read(refs, REFS * parent + REF_TARGET) };
    const p = REFS * parent;
    text.writeWithin(this.lastWhole.source, refs, p + REF_SOURCE, unit.source, refs, r + REF_SOURCE);
    text.writeWithin(this.lastWhole.target, refs, p + REF_TARGET, unit.target, refs, r + REF_TARGET);
    this.owner[slot] = parent;
  }

  /**
   * Compaction: copies slot `s`'s texts from the old arena into the new one as slot `slot`;
   * a text that was a range of its paragraph's stays one when the paragraph was kept.
   */
  private moveTexts(old: { text: TextArena; refs: Int32Array; owner: Int32Array }, s: number, slot: number, remap: Int32Array): void {
    const r = REFS * slot;
    const o = REFS * s;
    this.text.copyFrom(old.text, old.refs, o + REF_ID, this.refs, r + REF_ID);
    const parent = old.owner[s]!;
    const kept = parent >= 0 ? remap[parent]! : -1;
    this.owner[slot] = kept;
    for (const field of [REF_SOURCE, REF_TARGET]) {
      const p = REFS * parent + field;
      const at = o + field;
      const within =
        kept >= 0 &&
        old.refs[at] === old.refs[p] &&
        old.refs[at + 1]! >= old.refs[p + 1]! &&
        old.refs[at + 1]! + old.refs[at + 2]! <= old.refs[p + 1]! + old.refs[p + 2]!;
      if (within) {
        const np = REFS * kept + field;
        this.refs[r + field] = this.refs[np]!;
        this.refs[r + field + 1] = this.refs[np + 1]! + (old.refs[at + 1]! - old.refs[p + 1]!);
        this.refs[r + field + 2] = old.refs[at + 2]!;
      } else this.text.copyFrom(old.text, old.refs, at, this.refs, r + field);
    }
  }

  private topK(limit: number): TopK {
    const { created } = this;
    return new TopK(limit, (sa, a, sb, b) => {
      if (a !== b) return a > b;
      const ca = created[sa]!;
      const cb = created[sb]!;
      if (ca !== cb) return ca > cb;
      return this.compareIds(sa, sb) < 0;
    });
  }

  private results(top: TopK): TmMatch[] {
    return top.slots.map((slot, i) => {
      const unit = this.unitAt(slot);
      return { id: unit.id, score: top.scores[i]!, unit };
    });
  }

  private unitAt(slot: number): TmUnit {
    const str = (i: number) => (i < 0 ? undefined : this.strings.values[i]);
    const documentId = str(this.meta[META * slot + 1]!);
    const author = str(this.meta[META * slot + 2]!);
    const originDetail = str(this.meta[META * slot + 3]!);
    const before = this.context(slot, 0);
    const after = this.context(slot, 1);
    const r = REFS * slot;
    return {
      id: this.text.read(this.refs, r + REF_ID),
      source: this.text.read(this.refs, r + REF_SOURCE),
      target: this.text.read(this.refs, r + REF_TARGET),
      sourceLang: this.sourceLang,
      targetLang: this.targetLang,
      origin: this.strings.values[this.meta[META * slot]!]!,
      ...(originDetail !== undefined && { originDetail }),
      ...(documentId !== undefined && { documentId }),
      ...(author !== undefined && { author }),
      createdAt: new Date(this.created[slot]!).toISOString(),
      ...(before !== undefined && { contextBefore: before }),
      ...(after !== undefined && { contextAfter: after }),
    };
  }

  private exactScore(slot: number, context: MatchContext | undefined): number {
    return sameContext(this.context(slot, 0), this.context(slot, 1), context) ? IN_CONTEXT : EXACT;
  }

  /** Stores a context hash (side 0 before, 1 after): contextHash() values as numbers, anything else as given. */
  private setContext(slot: number, side: number, value: string | undefined): void {
    const k = 2 * slot + side;
    this.ctxOther.delete(k);
    if (value === undefined) this.ctxKind[k] = 0;
    else if (value === "^") this.ctxKind[k] = 1;
    else if (HEX64.test(value)) {
      this.ctxKind[k] = 2;
      this.ctxHash[2 * k] = parseInt(value.slice(0, 8), 16) | 0;
      this.ctxHash[2 * k + 1] = parseInt(value.slice(8), 16) | 0;
    } else {
      this.ctxKind[k] = 3;
      this.ctxOther.set(k, value);
    }
  }

  private context(slot: number, side: number): string | undefined {
    const k = 2 * slot + side;
    switch (this.ctxKind[k]) {
      case 1:
        return "^";
      case 2:
        return (this.ctxHash[2 * k]! >>> 0).toString(16).padStart(8, "0") + (this.ctxHash[2 * k + 1]! >>> 0).toString(16).padStart(8, "0");
      case 3:
        return this.ctxOther.get(k);
      default:
        return undefined;
    }
  }

  private prepare(text: string): Query {
    const a = analyze(text, this.sourceLang);
    const n = a.keys.length;
    const ids = new Int32Array(n);
    const distinct: number[] = [];
    let unknown = 0;
    for (let i = 0; i < n; i++) {
      const id = this.vocab.get(a.keys[i]!);
      if (id === undefined) {
        ids[i] = -1;
        unknown++;
        continue;
      }
      ids[i] = id;
      if (this.qCount[id]! === 0) distinct.push(id);
      this.qCount[id]!++;
    }
    const postLen = this.postLen;
    distinct.sort((x, y) => postLen[x]! - postLen[y]! || x - y);
    const qWord = this.qWord;
    for (let w = 0; w < distinct.length; w++) qWord[distinct[w]!] = w + 1;
    const code = new Int32Array(n);
    for (let i = 0; i < n; i++) code[i] = ids[i]! < 0 ? -1 : qWord[ids[i]!]! - 1;
    const blocks = (n + 31) >>> 5;
    if (this.peq.length < distinct.length * blocks) this.peq = new Int32Array(distinct.length * blocks * 2);
    queryMasks(code, n, distinct.length, this.peq);
    if (this.bpState.length < 2 * blocks) this.bpState = new Int32Array(4 * blocks);
    const nums = new Int32Array(a.numbers.length);
    for (let i = 0; i < a.numbers.length; i++) nums[i] = this.numbers.ids.get(a.numbers[i]!) ?? -1;
    return { n, ids, nums, punct: a.punct, exact: a.exact, hash: hash32(a.exact), distinct, unknown };
  }

  private release(q: Query): void {
    for (const id of q.distinct) {
      this.qCount[id] = 0;
      this.qWord[id] = 0;
    }
  }

  /**
   * The fuzzy score of a slot if it is at least θ, else -1: length bound, then the bit-parallel
   * word distance with early exit. When the query has numbers, the number penalty comes first
   * (it only lowers the score): the distance must then fit the raised threshold θ + penalty, a
   * narrower bound. Otherwise the distance is bounded by θ alone and the unit's numbers and
   * punctuation are read only when it passes (fewer memory accesses per rejected candidate).
   */
  private verify(slot: number, q: Query, theta: number): number {
    const s = this.tokStart[slot]!;
    const m = this.tokStart[slot + 1]! - s;
    const n = q.n;
    const L = n > m ? n : m;
    if (100 * (n < m ? n : m) < theta * L && L > 0) return -1;
    let nd = 0;
    if (q.nums.length > 0) {
      const u = this.numStart[slot]!;
      nd = numberMismatches(q.nums, 0, q.nums.length, this.nums, u, this.numStart[slot + 1]! - u);
    }
    const need = theta + NUMBER_PENALTY * nd;
    if (need > 100) return -1;
    const k = maxEdits(L, need);
    const d = bitParallelDistance(this.peq, n, this.qWord, this.tokens, s, m, k, this.bpState);
    if (d > k) return -1;
    const score = fuzzyScore(d, n, m, nd, this.punct[slot] !== q.punct);
    return score >= theta ? score : -1;
  }

  private search(q: Query, min: number, top: TopK, context: MatchContext | undefined, maxCandidates: number): void {
    const stats = this.lastStats;
    stats.candidates = 0;
    stats.verified = 0;
    stats.postings = 0;
    stats.capped = false;
    let epoch = ++this.epoch;
    if (epoch === 0x7fffffff) {
      this.mark.fill(0);
      epoch = this.epoch = 1;
    }
    const mark = this.mark;

    // Exact and in-context matches.
    const exactSlots: number[] = [];
    for (const slot of this.exact.find(q.hash, [])) {
      if (!this.alive[slot] || (this.skipSentences && this.alive[slot] === 2) || exactKey(this.sourceAt(slot)) !== q.exact) continue;
      mark[slot] = epoch;
      exactSlots.push(slot);
      const score = this.exactScore(slot, context);
      if (score >= min) top.offer(slot, score);
    }
    let theta = top.threshold(min);
    if (theta > MAX_FUZZY) return;
    const n = q.n;
    if (n === 0) {
      for (const slot of this.emptySlots) {
        if (mark[slot] === epoch || (this.skipSentences && this.alive[slot] === 2)) continue;
        const s = this.verify(slot, q, top.threshold(min));
        if (s >= 0) top.offer(slot, s);
      }
      return;
    }

    const { candOf, candBits, postings, postLen, qCount } = this;
    let touched = this.touched; // candidate → slot
    let lens = this.touchedLen; // candidate → word count
    let counts = this.touchedCount; // candidate → query words counted in it (with multiplicity)
    let ubs = this.ubs; // candidate → bound of the last pass; 255 once verified or ruled out
    let touchedN = 0;
    let budget = maxCandidates;
    let done = q.unknown; // query positions counted (or never shareable)
    let lastPass = 0;
    let liveList = this.liveList;
    let liveN = -1;
    const grow = (need: number) => {
      if (touched.length >= need) return;
      const cap = Math.max(need, Math.ceil(touched.length * 1.5));
      touched = this.touched = growInt32(touched, cap);
      lens = this.touchedLen = growInt32(lens, cap);
      counts = this.touchedCount = growInt32(counts, cap);
      const u = new Uint8Array(cap);
      u.set(ubs.subarray(0, touchedN));
      ubs = this.ubs = u;
    };
    // Exact matches are ranked already: candidates that are never verified (no per-slot mark to read below).
    grow(exactSlots.length);
    for (const slot of exactSlots) {
      touched[touchedN] = slot;
      lens[touchedN] = 0;
      counts[touchedN] = 0;
      ubs[touchedN++] = 255;
      candOf[slot] = touchedN;
      candBits[slot >>> 5]! |= 1 << (slot & 31);
    }

    const skip = this.skipSentences;
    /** Verifies unverified candidates, best upper bound first, at most `limit` of them. */
    const pass = (limit: number) => {
      const remaining = n - done;
      const bs = this.bucketStart;
      bs.fill(0);
      if (this.order.length < touchedN) this.order = new Int32Array(touched.length);
      const order = this.order;
      // Dense per-candidate arrays, read in order: no per-slot lookups here.
      const all = liveN < 0;
      const cn = all ? touchedN : liveN;
      for (let x = 0; x < cn; x++) {
        const c = all ? x : liveList[x]!;
        if (ubs[c] === 255) continue;
        const m = lens[c]!;
        let u = counts[c]! + remaining;
        if (u > n) u = n;
        if (u > m) u = m;
        let ub = Math.floor((100 * u) / (n > m ? n : m));
        if (ub > MAX_FUZZY) ub = MAX_FUZZY;
        if (ub < theta) {
          ubs[c] = 255; // bounds only fall and θ only rises: never a match
          continue;
        }
        ubs[c] = ub;
        bs[ub + 1]!++;
      }
      // Counting sort by bound; afterwards bucket b is order[b === 0 ? 0 : bs[b - 1], bs[b]).
      for (let b = 1; b <= 101; b++) bs[b]! += bs[b - 1]!;
      for (let x = 0; x < cn; x++) {
        const c = all ? x : liveList[x]!;
        const ub = ubs[c]!;
        if (ub !== 255) order[bs[ub]!++] = c;
      }
      let verified = 0;
      // order holds the candidates by ascending bound: read backwards, best bound first, until
      // the bound is below θ.
      const { tokStart, tokens, numStart, nums } = this;
      const ahead = this.ahead;
      const withNumbers = q.nums.length > 0;
      let sink = 0;
      let touchedTo = bs[MAX_FUZZY]!;
      for (let pos = touchedTo - 1; pos >= 0; pos--) {
        const c = order[pos]!;
        if (ubs[c]! < theta) break;
        if (verified >= limit) break;
        if (budget <= 0) {
          stats.capped = true;
          break;
        }
        if (pos < touchedTo) {
          // Touch the next units' word sequences (and numbers) together: their cache misses
          // overlap instead of each verification waiting for its own.
          const from = pos >= AHEAD ? pos - AHEAD + 1 : 0;
          for (let k = pos; k >= from; k--) ahead[pos - k] = touched[order[k]!]!;
          for (let k = 0; k <= pos - from; k++) {
            const sl = ahead[k]!;
            ahead[AHEAD + k] = tokStart[sl]!;
            if (withNumbers) ahead[2 * AHEAD + k] = numStart[sl]!;
          }
          for (let k = 0; k <= pos - from; k++) {
            sink = (sink + tokens[ahead[AHEAD + k]!]!) | 0;
            if (withNumbers) sink = (sink + (nums[ahead[2 * AHEAD + k]!] ?? 0)) | 0;
          }
          touchedTo = from;
        }
        ubs[c] = 255;
        verified++;
        budget--;
        stats.verified++;
        const slot = touched[c]!;
        // Removed units keep their words until compaction: checked when they would count (one
        // memory access less per verification), or first when sentence units are left out.
        if (skip && this.alive[slot] !== 1) continue;
        const s = this.verify(slot, q, theta);
        if (s >= 0 && this.alive[slot]) {
          top.offer(slot, s);
          theta = top.threshold(min);
        }
      }
      this.sink = sink;
    };

    // Query words in order of the entries a lookup reads: the part of the sorted head within the
    // length range of the starting θ, plus the unsorted tail (any order is exact; rarer first is cheaper).
    // The sorted head's range of each word (by distinct index: from, to) is kept for the θ it was
    // found for: a binary search in a long list that is not in the CPU caches costs a miss per step.
    const range = this.rangeScratch;
    const words = q.distinct.slice();
    const qWord = this.qWord;
    const est = this.estimate.length >= 3 * words.length ? this.estimate : (this.estimate = new Int32Array(6 * words.length));
    const rangeTheta = theta;
    {
      const [lo, hi] = lengthRange(n, theta);
      for (let w = 0; w < words.length; w++) {
        const t = words[w]!;
        const x = qWord[t]! - 1;
        this.sortedRange(t, lo >= LEN_CAP ? LEN_CAP : lo, hi >= LEN_CAP ? LEN_CAP : hi, range);
        est[3 * x] = range[1]! - range[0]! + postLen[t]! - this.postSorted[t]!;
        est[3 * x + 1] = range[0]!;
        est[3 * x + 2] = range[1]!;
      }
      words.sort((x, y) => est[3 * (qWord[x]! - 1)]! - est[3 * (qWord[y]! - 1)]! || x - y);
    }
    const postSorted = this.postSorted;
    /** range = the sorted head's entries of word t within [lo, hi] for the current θ. */
    const wordRange = (t: number, lo: number, hi: number) => {
      if (theta === rangeTheta) {
        const x = qWord[t]! - 1;
        range[0] = est[3 * x + 1]!;
        range[1] = est[3 * x + 2]!;
      } else this.sortedRange(t, lo >= LEN_CAP ? LEN_CAP : lo, hi >= LEN_CAP ? LEN_CAP : hi, range);
    };

    // Candidate generation: the rarest query words until the prefix bound is reached.
    let i = 0;
    for (; i < words.length; i++) {
      if (done >= n - minOverlap(n, theta) + 1) break;
      const t = words[i]!;
      const len = postLen[t]!;
      let [lo, hi] = lengthRange(n, theta);
      wordRange(t, lo, hi);
      // Before a long posting list, verify the best candidates so far (when their number has at
      // least doubled since the last time): a higher θ may make this list unnecessary.
      if (range[1]! - range[0]! + len - postSorted[t]! >= EXPENSIVE_POSTINGS && touchedN >= 2 * lastPass && touchedN > 0) {
        pass(EARLY_BUDGET);
        lastPass = touchedN;
        if (theta > MAX_FUZZY || done >= n - minOverlap(n, theta) + 1) break;
        [lo, hi] = lengthRange(n, theta);
        wordRange(t, lo, hi);
      }
      const kt = qCount[t]!;
      const loCode = lo >= LEN_CAP ? LEN_CAP : lo; // LEN_CAP stands for any length ≥ LEN_CAP
      const hiCode = hi >= LEN_CAP ? LEN_CAP : hi;
      // A unit first met here shares none of the `done` rarer positions, so it needs
      // τ(max(n, m)) ≤ n − done: longer units need fewer prefix words (m ≤ 100 (n − done) / θ).
      const newHi = Math.floor((100 * (n - done)) / theta);
      const newHiCode = newHi >= LEN_CAP ? LEN_CAP : newHi;
      const sorted = postSorted[t]!;
      grow(touchedN + range[1]! - range[0]! + len - sorted);
      const p = postings[t]!;
      // The sorted head's entries within the length range, then the unsorted tail (filtered).
      for (let part = 0; part < 2; part++) {
        const j1 = part === 0 ? range[1]! : len;
        let j = part === 0 ? range[0]! : sorted;
        stats.postings += j1 - j;
        for (; j < j1; j++) {
          const v = p[j]!;
          const l = v & 255;
          if (l < loCode || l > hiCode) continue;
          const slot = v >>> 8;
          // The bit set says whether the slot is a candidate already: a new one costs a store to
          // candOf, not a load that waits for memory.
          const bit = 1 << (slot & 31);
          if ((candBits[slot >>> 5]! & bit) !== 0) {
            counts[candOf[slot]! - 1]! += kt;
            continue;
          }
          if (l > newHiCode) continue;
          lens[touchedN] = l < LEN_CAP ? l : this.tokStart[slot + 1]! - this.tokStart[slot]!;
          counts[touchedN] = kt;
          ubs[touchedN] = 0;
          touched[touchedN++] = slot;
          candOf[slot] = touchedN;
          candBits[slot >>> 5]! |= bit;
        }
      }
      done += kt;
    }
    stats.candidates = touchedN;
    /** Rules out the candidates whose bound is below θ; returns how many remain. */
    // The candidates still in the running are listed (liveList) from the first prune on, so later
    // prunes and the last pass read only them.
    const prune = () => {
      const remaining = n - done;
      const all = liveN < 0;
      if (all && liveList.length < touchedN) liveList = this.liveList = new Int32Array(touched.length);
      const cn = all ? touchedN : liveN;
      let live = 0;
      for (let x = 0; x < cn; x++) {
        const c = all ? x : liveList[x]!;
        if (ubs[c] === 255) continue;
        const m = lens[c]!;
        let u = counts[c]! + remaining;
        if (u > n) u = n;
        if (u > m) u = m;
        if (Math.floor((100 * u) / (n > m ? n : m)) < theta) ubs[c] = 255;
        else liveList[live++] = c;
      }
      liveN = live;
      return live;
    };
    // Refinement: more common words update the counts of existing candidates while that is cheaper
    // than verifying the candidates still in the running (each count lowers every bound).
    for (; i < words.length && done < n; i++) {
      const t = words[i]!;
      const len = postLen[t]!;
      const [lo, hi] = lengthRange(n, theta);
      const loCode = lo >= LEN_CAP ? LEN_CAP : lo;
      const hiCode = hi >= LEN_CAP ? LEN_CAP : hi;
      wordRange(t, lo, hi);
      const sorted = postSorted[t]!;
      if (range[1]! - range[0]! + len - sorted > REFINE_FACTOR * prune()) break;
      const kt = qCount[t]!;
      const p = postings[t]!;
      // Candidates are within the length range (read from the entry itself) and in the bit set:
      // most entries of a common word are neither, and cost no access to a per-slot array.
      for (let part = 0; part < 2; part++) {
        const j1 = part === 0 ? range[1]! : len;
        let j = part === 0 ? range[0]! : sorted;
        stats.postings += j1 - j;
        for (; j < j1; j++) {
          const v = p[j]!;
          const l = v & 255;
          if (l < loCode || l > hiCode) continue;
          const slot = v >>> 8;
          if ((candBits[slot >>> 5]! & (1 << (slot & 31))) === 0) continue;
          const c = candOf[slot]!;
          if (c !== 0) counts[c - 1]! += kt;
        }
      }
      done += kt;
    }
    pass(Number.MAX_SAFE_INTEGER);
    for (let c = 0; c < touchedN; c++) {
      const slot = touched[c]!;
      candOf[slot] = 0;
      candBits[slot >>> 5] = 0;
    }
  }
}

/**
 * `part` as a slice of `whole` when `whole` contains it: V8 keeps a slice of 13 or more
 * characters as a reference into the whole string, so a sentence unit's texts cost a
 * few bytes instead of a copy. Otherwise `part` itself.
 */
function normalizeOptions(options: LookupOptions): { limit: number; min: number } {
  const limit = Math.max(1, Math.min(1000, Math.floor(options.limit ?? 5)));
  const min = Math.max(1, Math.min(IN_CONTEXT, Math.ceil(options.min ?? 70)));
  return { limit, min };
}
