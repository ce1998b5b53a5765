/**
 * Term recognition: every occurrence of every term of a glossary in a text,
 * robust to inflection, clitics, case and script variants (see analyzers.ts).
 *
 * An Aho–Corasick automaton over word keys (not characters) is built once per
 * glossary version and language; a text is tokenized once and run through it
 * in one pass. A token may have several candidate keys (Arabic clitics, exact
 * and stemmed forms), so the automaton keeps a small set of active states, one
 * per reading of the text so far: time stays linear in the length of the text.
 */
import { type Analyzer, CLASS, TABLE_SIZE, analyzerFor, classAt, termWords } from "./analyzers";
import { WordTable } from "./word-table";

export interface GlossaryTerm {
  readonly conceptId: string;
  readonly termId: string;
  readonly text: string;
  readonly type: "fullForm" | "abbreviation" | "variant";
  readonly pos?: string;
  readonly usage: "preferred" | "admitted" | "forbidden";
  readonly caseSensitive?: boolean;
  /**
   * Also an ordinary word ("calibre" beside the missile Kalibr): not a mention
   * of the concept in running text, only in a translation of a source that
   * names the concept (see FindOptions.concepts).
   */
  readonly commonWord?: boolean;
  /**
   * Also recognized typed without the language's own letters where people do
   * (Kurmanji ê î û as e i u on a Turkish keyboard); see Analyzer.plain.
   */
  readonly plainVowels?: boolean;
  /** Workflow status (approved, proposed, …). */
  readonly status: string;
}

export interface TermMatch {
  readonly conceptId: string;
  readonly termId: string;
  readonly term: string;
  readonly usage: GlossaryTerm["usage"];
  readonly status: string;
  /** UTF-16 offsets into the text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The term is an ordinary word, counted because its concept was expected (FindOptions.concepts). */
  readonly commonWord: boolean;
}

export interface FindOptions {
  /**
   * Concepts the text is known to name, e.g. those of the source it
   * translates: terms flagged `commonWord` count only for these.
   */
  readonly concepts?: ReadonlySet<string>;
}


const letters = (s: string) => s.replace(/['’ʼ].*$/, "").replace(/[^\p{L}]/gu, "");

function caseOf(word: string): "upper" | "capital" | "lower" | "any" {
  const l = letters(word);
  if (!l || l.toLowerCase() === l.toUpperCase()) return "any";
  if (l.length > 1 && l === l.toUpperCase()) return "upper";
  if (l[0] === l[0]!.toUpperCase()) return "capital";
  return "lower";
}

function caseMatches(pattern: "upper" | "capital" | "lower" | "any", token: string): boolean {
  if (pattern === "any") return true;
  const l = letters(token);
  if (!l) return true;
  if (pattern === "upper") return l === l.toUpperCase();
  if (pattern === "capital") return l[0] === l[0]!.toUpperCase();
  return l[0] === l[0]!.toLowerCase();
}

/** Checks a match of an entry needs beyond reaching its node (entryFlags). */
const COMMON_WORD = 1;
const CASE = 2;
const STRICT = 4;

// Fields of a node in Recognizer.nodeData (four per node).
const FAIL = 0;
const DICT = 1;
const OUT = 2;
const SIG = 3;

/** Word offsets of a text (reused buffers, grown as needed). */
interface Offsets {
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * Fills `o` with the offsets of the words of `text` and returns their number:
 * the words forEachWord visits (and termWords splits a term into: a hyphen is
 * not a word character either), without a callback per word.
 */
function wordOffsets(text: string, o: Offsets): number {
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = c < TABLE_SIZE ? CLASS[c]! : classAt(text, i);
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
      if (i < n) {
        c = text.charCodeAt(i);
        k = c < TABLE_SIZE ? CLASS[c]! : classAt(text, i);
      }
    }
    if (count === o.starts.length) {
      o.starts = grown(o.starts, count + 1);
      o.ends = grown(o.ends, count + 1);
    }
    o.starts[count] = start;
    o.ends[count] = end;
    count++;
  }
  return count;
}

/** A copy of `a` with room for at least `min` items (doubling). */
function grown(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  let size = Math.max(16, a.length * 2);
  while (size < min) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** A slot in the edge table for a node and a key. */
function edgeHash(node: number, key: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(key + 1, 0x85ebca77);
  return h ^ (h >>> 15);
}

/**
 * A compiled recognizer for one language's terms.
 *
 * Built in two passes so that 50,000 terms compile in well under a second:
 * first every term's words become key ids (each distinct word analyzed once,
 * found again through a WordTable without slicing it), which also tells how
 * many trie nodes there can be; then the trie and its links are laid out in
 * typed arrays of that size.
 *
 * Running text is scanned without a string or an object per word: its words
 * are interned in a WordTable (kept across calls, bounded), each distinct word
 * analyzed once into the key ids it may stand for; of the matches found, only
 * the longest starting at each word are kept (leftmost-longest needs no other),
 * in typed arrays, until the chosen ones become TermMatch objects.
 */
export class Recognizer {
  private readonly analyzer: Analyzer;
  /** The keys of term words (analyzer strings such as "~word") as key ids 0, 1, …, held in typed arrays. */
  private readonly keyIds = new WordTable(256);
  // The trie over word keys (node 0 is the root): the root's children indexed
  // by key id, every other edge in one open-addressing table keyed by (node, key).
  private readonly rootChild: Int32Array;
  // Each slot holds (node, key, child, unused): one cache line for the four slots a probe reads.
  private readonly edges: Int32Array;
  private readonly edgeMask: number;
  /**
   * Per node, side by side (one cache line for what a step reads): its failure
   * link (FAIL), the nearest node on its failure chain that has outputs or -1
   * (DICT), the first entry ending at it or -1 (OUT, then entryNext), and a
   * 32-bit signature of its children's keys (SIG: bit key & 31), which answers
   * most lookups of a missing child without probing the edge table.
   */
  private readonly nodeData: Int32Array;
  private readonly entryNext: Int32Array;
  /**
   * Per entry (a term reached by one path of keys; a term typed without the
   * language's own letters has a second one): its term, its number of words,
   * the checks it needs (COMMON_WORD, CASE, STRICT), its usage rank.
   */
  private readonly entryTerm: GlossaryTerm[] = [];
  private readonly entryLength: Int32Array;
  private readonly entryFlags: Uint8Array;
  private readonly entryRank: Uint8Array;
  /** For case-sensitive terms: the case pattern of each word. */
  private readonly casePatterns = new Map<number, readonly ("upper" | "capital" | "lower" | "any")[]>();
  /**
   * For a forbidden spelling that normalizes to the same key as an allowed
   * term (Sorani typed with Arabic ك/ي, say): its words as written, which the
   * text must show before the match counts as the forbidden one.
   */
  private readonly strictWords = new Map<number, readonly string[]>();
  private nodes = 1;
  /**
   * Words of running text seen before, kept across calls (a recognizer serves
   * a glossary version; texts repeat their words): most words are analyzed
   * once per build, not once per paragraph. Bounded: emptied when full. The key
   * ids of word `id` are candidates[candidateFirst[id] .. + candidateCount[id]].
   */
  private readonly words: WordTable;
  private candidateFirst: Int32Array<ArrayBuffer>;
  private candidateCount: Int32Array<ArrayBuffer>;
  private candidates: Int32Array<ArrayBuffer>;
  /** The first characters keys begin with ("~", "="): a key of running text beginning otherwise is not looked up. */
  private readonly keyInitials: number[] = [];
  private candidatesUsed = 0;
  // Scratch buffers of find (reused across calls).
  private readonly offsets: Offsets = { starts: new Int32Array(256), ends: new Int32Array(256) };
  // Matches found, by the word they start at: the last word of the longest (longest[first], or -1)
  // and the entries that span exactly those words, in the order found (a list through rawNext).
  private longest = new Int32Array(256);
  private groupHead = new Int32Array(256);
  private groupTail = new Int32Array(256);
  private rawEntry = new Int32Array(64);
  private rawNext = new Int32Array(64);
  private group = new Int32Array(16);
  private active = new Int32Array(16);
  private next = new Int32Array(16);

  constructor(
    readonly lang: string,
    terms: Iterable<GlossaryTerm>,
  ) {
    const analyzer = (this.analyzer = analyzerFor(lang));
    const plain = analyzer.plain;
    const linkKey = analyzer.linkKey;
    // Pass 1: each path (a term, or its spelling without the language's own letters) as key ids.
    let keys = new Int32Array(1024);
    let keyCount = 0;
    const pathEnd: number[] = [];
    const pathEntry: number[] = [];
    // Each distinct term word's key id for each kind of use (0: termKey, 1: exact, 2: linkKey), or -1.
    const termWordIds = new WordTable(4096);
    let wordKeys = new Int32Array(3 * termWordIds.capacity).fill(-1);
    const keyIds = this.keyIds;
    const entryTerm = this.entryTerm;
    const entryLength: number[] = [];
    const keyOf = (text: string, start: number, end: number, kind: number): number => {
      const w = termWordIds.intern(text, start, end);
      if (!termWordIds.added) {
        const id = wordKeys[3 * w + kind]!;
        if (id !== -1) return id;
      } else if (3 * w + 2 >= wordKeys.length) {
        const more = new Int32Array(3 * termWordIds.capacity).fill(-1);
        more.set(wordKeys);
        wordKeys = more;
      }
      const word = text.slice(start, end);
      const key = kind === 2 ? linkKey!(word) : analyzer.termKey(word, kind === 1);
      const id = keyIds.intern(key, 0, key.length);
      if (keyIds.added && !this.keyInitials.includes(key.charCodeAt(0))) this.keyInitials.push(key.charCodeAt(0));
      wordKeys[3 * w + kind] = id;
      return id;
    };
    const off: Offsets = { starts: new Int32Array(16), ends: new Int32Array(16) };
    for (const term of terms) {
      const text = term.text;
      const n = wordOffsets(text, off);
      if (n === 0) continue;
      const exact = analyzer.exactProperNouns && n === 1 && (term.pos === "properNoun" || term.type === "abbreviation" || Boolean(term.caseSensitive));
      const typing = Boolean(term.plainVowels && plain);
      // The words as strings, only where a check needs them.
      const words = term.caseSensitive || typing ? Array.from({ length: n }, (_, i) => text.slice(off.starts[i]!, off.ends[i]!)) : null;
      const e = entryTerm.length;
      entryTerm.push(term);
      entryLength.push(n);
      if (term.caseSensitive) this.casePatterns.set(e, words!.map(caseOf));
      if (keyCount + 2 * n > keys.length) keys = grown(keys, keyCount + 2 * n);
      for (let i = 0; i < n; i++) keys[keyCount++] = keyOf(text, off.starts[i]!, off.ends[i]!, linkKey && i < n - 1 ? 2 : exact ? 1 : 0);
      pathEnd.push(keyCount);
      pathEntry.push(e);
      if (typing) {
        const typed = words!.map(plain!);
        if (typed.some((w, i) => w !== words![i])) {
          // The same term, reached by another path: an entry of its own.
          entryTerm.push(term);
          entryLength.push(n);
          if (term.caseSensitive) this.casePatterns.set(e + 1, typed.map(caseOf));
          for (let i = 0; i < n; i++) keys[keyCount++] = keyOf(typed[i]!, 0, typed[i]!.length, linkKey && i < n - 1 ? 2 : exact ? 1 : 0);
          pathEnd.push(keyCount);
          pathEntry.push(e + 1);
        }
      }
    }
    const count = entryTerm.length;
    // Room for the distinct words of running text a glossary of this size tends to meet before it grows.
    this.words = new WordTable(Math.min(16384, Math.max(1024, count >> 2)));
    this.candidateFirst = new Int32Array(this.words.capacity);
    this.candidateCount = new Int32Array(this.words.capacity);
    this.candidates = new Int32Array(2 * this.words.capacity);
    this.entryLength = Int32Array.from(entryLength);
    this.entryFlags = new Uint8Array(count);
    this.entryRank = new Uint8Array(count);
    for (let e = 0; e < count; e++) {
      const term = entryTerm[e]!;
      this.entryFlags[e] = (term.commonWord ? COMMON_WORD : 0) | (term.caseSensitive ? CASE : 0);
      this.entryRank[e] = usageRank(term.usage);
    }
    // Pass 2: the trie. It has at most one node per key of every path, plus the root.
    const cap = keyCount + 1;
    this.rootChild = new Int32Array(keyIds.size);
    // Every path has at most its length - 1 edges below the root: the table is at most half full.
    let slots = 16;
    while (slots < 2 * (keyCount - pathEnd.length)) slots *= 2;
    this.edges = new Int32Array(4 * slots);
    this.edgeMask = slots - 1;
    const nodeData = (this.nodeData = new Int32Array(4 * cap));
    for (let node = 0; node < cap; node++) {
      nodeData[4 * node + DICT] = -1;
      nodeData[4 * node + OUT] = -1;
    }
    const outTail = new Int32Array(cap).fill(-1);
    this.entryNext = new Int32Array(count).fill(-1);
    const parent = new Int32Array(cap);
    const nodeKey = new Int32Array(cap);
    const depth = new Int32Array(cap);
    let from = 0;
    for (let p = 0; p < pathEnd.length; p++) {
      let node = 0;
      for (let k = from; k < pathEnd[p]!; k++) {
        const id = keys[k]!;
        let next = this.child(node, id);
        if (next === 0) {
          next = this.addChild(node, id);
          parent[next] = node;
          nodeKey[next] = id;
          depth[next] = depth[node]! + 1;
        }
        node = next;
      }
      from = pathEnd[p]!;
      const e = pathEntry[p]!;
      if (nodeData[4 * node + OUT] === -1) nodeData[4 * node + OUT] = e;
      else this.entryNext[outTail[node]!] = e;
      outTail[node] = e;
    }
    this.markStrict();
    this.link(parent, nodeKey, depth);
  }

  get size(): number {
    return this.entryTerm.length;
  }

  private child(node: number, key: number): number {
    if (node === 0) return this.rootChild[key]!;
    if (((this.nodeData[4 * node + SIG]! >>> (key & 31)) & 1) === 0) return 0;
    const mask = this.edgeMask;
    const edges = this.edges;
    for (let s = edgeHash(node, key) & mask; ; s = (s + 1) & mask) {
      const n = edges[4 * s]!;
      if (n === node && edges[4 * s + 1] === key) return edges[4 * s + 2]!;
      if (n === 0) return 0;
    }
  }

  private addChild(node: number, key: number): number {
    const next = this.nodes++;
    if (node === 0) {
      this.rootChild[key] = next;
      return next;
    }
    this.nodeData[4 * node + SIG]! |= 1 << (key & 31);
    this.putEdge(node, key, next);
    return next;
  }

  private putEdge(node: number, key: number, child: number) {
    const mask = this.edgeMask;
    const edges = this.edges;
    let s = edgeHash(node, key) & mask;
    while (edges[4 * s] !== 0) s = (s + 1) & mask;
    edges[4 * s] = node;
    edges[4 * s + 1] = key;
    edges[4 * s + 2] = child;
  }

  /** Forbidden spellings that share their key path with an allowed term are matched as written. */
  private markStrict() {
    for (let node = 1; node < this.nodes; node++) {
      const head = this.nodeData[4 * node + OUT]!;
      if (head === -1 || this.entryNext[head] === -1) continue;
      let allowed = false;
      for (let e = head; e !== -1; e = this.entryNext[e]!) if (this.entryTerm[e]!.usage !== "forbidden") allowed = true;
      if (!allowed) continue;
      for (let e = head; e !== -1; e = this.entryNext[e]!) {
        const term = this.entryTerm[e]!;
        if (term.usage === "forbidden") {
          this.strictWords.set(e, termWords(term.text).map((w) => w.toLowerCase()));
          this.entryFlags[e]! |= STRICT;
        }
      }
    }
  }

  /** Failure and dictionary links, shallower nodes first (a node's links depend only on shallower ones). */
  private link(parent: Int32Array, nodeKey: Int32Array, depth: Int32Array) {
    const nodes = this.nodes;
    let maxDepth = 0;
    for (let node = 1; node < nodes; node++) if (depth[node]! > maxDepth) maxDepth = depth[node]!;
    const at = new Int32Array(maxDepth + 2);
    for (let node = 1; node < nodes; node++) at[depth[node]! + 1]!++;
    for (let d = 1; d <= maxDepth + 1; d++) at[d]! += at[d - 1]!;
    const order = new Int32Array(nodes);
    for (let node = 1; node < nodes; node++) order[at[depth[node]!]!++] = node;
    for (let q = 0; q < nodes - 1; q++) {
      const node = order[q]!;
      const key = nodeKey[node]!;
      const data = this.nodeData;
      let f = data[4 * parent[node]! + FAIL]!;
      while (f !== 0 && this.child(f, key) === 0) f = data[4 * f + FAIL]!;
      const target = this.child(f, key);
      const fc = target !== node ? target : 0;
      data[4 * node + FAIL] = fc;
      data[4 * node + DICT] = data[4 * fc + OUT] !== -1 ? fc : data[4 * fc + DICT]!;
    }
  }

  private step(state: number, key: number): number {
    let s = state;
    for (;;) {
      const next = this.child(s, key);
      if (next !== 0 || s === 0) return next;
      s = this.nodeData[4 * s + FAIL]!;
    }
  }

  /** The id of a word of running text, its key ids found (each distinct word is analyzed once, see words). */
  private wordId(text: string, start: number, end: number): number {
    const words = this.words;
    // Bounded: texts of distinct words (hostile or not) keep at most this many.
    if (words.size >= MEMO_LIMIT) {
      words.clear();
      this.candidatesUsed = 0;
    }
    const id = words.intern(text, start, end);
    if (!words.added) return id;
    if (id >= this.candidateFirst.length) {
      this.candidateFirst = grown(this.candidateFirst, words.capacity);
      this.candidateCount = grown(this.candidateCount, words.capacity);
    }
    const first = this.candidatesUsed;
    let used = first;
    for (const k of this.analyzer.keys(text.slice(start, end))) {
      if (!this.keyInitials.includes(k.charCodeAt(0))) continue;
      const key = this.keyIds.get(k, 0, k.length);
      if (key === -1) continue;
      let seen = false;
      for (let c = first; c < used; c++) if (this.candidates[c] === key) seen = true;
      if (seen) continue;
      if (used === this.candidates.length) this.candidates = grown(this.candidates, used + 1);
      this.candidates[used++] = key;
    }
    this.candidatesUsed = used;
    this.candidateFirst[id] = first;
    this.candidateCount[id] = used - first;
    return id;
  }

  /** Whether a match of entry `e` on words first..first+length-1 passes the entry's checks. */
  private passes(e: number, flags: number, text: string, first: number, expected: ReadonlySet<string> | undefined): boolean {
    if (flags & COMMON_WORD && !expected?.has(this.entryTerm[e]!.conceptId)) return false;
    const { starts, ends } = this.offsets;
    const wordAt = (j: number) => text.slice(starts[j]!, ends[j]!);
    if (flags & CASE && !this.casePatterns.get(e)!.every((p, j) => caseMatches(p, wordAt(first + j)))) return false;
    if (flags & STRICT && !this.strictWords.get(e)!.every((w, j) => wordAt(first + j).toLowerCase().startsWith(w))) return false;
    return true;
  }

  /** Every term occurrence, leftmost-longest, without overlaps. */
  find(text: string, options: FindOptions = {}): TermMatch[] {
    const expected = options.concepts;
    const count = wordOffsets(text, this.offsets);
    const { starts, ends } = this.offsets;
    const { nodeData, entryNext, entryFlags, entryLength } = this;
    if (this.longest.length < count) {
      this.longest = new Int32Array(this.offsets.starts.length);
      this.groupHead = new Int32Array(this.offsets.starts.length);
      this.groupTail = new Int32Array(this.offsets.starts.length);
    }
    const { longest, groupHead, groupTail } = this;
    longest.fill(-1, 0, count);
    let raw = 0;
    // The states reached so far, one per reading of the text (two buffers, swapped).
    let active = this.active;
    let next = this.next;
    let activeCount = 1;
    active[0] = 0;
    for (let i = 0; i < count; i++) {
      const id = this.wordId(text, starts[i]!, ends[i]!);
      const from = this.candidateFirst[id]!;
      const to = from + this.candidateCount[id]!;
      if (from === to) {
        activeCount = 1;
        active[0] = 0;
        continue;
      }
      const candidates = this.candidates;
      if (activeCount * (to - from) > next.length) next = grown(next, activeCount * (to - from));
      let nextCount = 0;
      for (let a = 0; a < activeCount; a++) {
        const s = active[a]!;
        for (let c = from; c < to; c++) {
          const t = this.step(s, candidates[c]!);
          if (t === 0) continue;
          let seen = false;
          for (let x = 0; x < nextCount; x++) if (next[x] === t) seen = true;
          if (!seen) next[nextCount++] = t;
        }
      }
      for (let a = 0; a < nextCount; a++) {
        const s = next[a]!;
        for (let n = nodeData[4 * s + OUT] !== -1 ? s : nodeData[4 * s + DICT]!; n > 0; n = nodeData[4 * n + DICT]!) {
          for (let o = nodeData[4 * n + OUT]!; o !== -1; o = entryNext[o]!) {
            const first = i - entryLength[o]! + 1;
            const flags = entryFlags[o]!;
            if (flags !== 0 && !this.passes(o, flags, text, first, expected)) continue;
            // Leftmost-longest: of the matches starting at a word only the longest can be chosen (i only grows).
            if (raw === this.rawEntry.length) {
              this.rawEntry = grown(this.rawEntry, raw + 1);
              this.rawNext = grown(this.rawNext, raw + 1);
            }
            this.rawEntry[raw] = o;
            this.rawNext[raw] = -1;
            if (longest[first]! < i) {
              longest[first] = i;
              groupHead[first] = raw;
            } else this.rawNext[groupTail[first]!] = raw;
            groupTail[first] = raw;
            raw++;
          }
        }
      }
      if (nextCount === 0) {
        activeCount = 1;
        active[0] = 0;
      } else {
        const swap = active;
        active = next;
        next = swap;
        activeCount = nextCount;
      }
    }
    this.active = active;
    this.next = next;
    const out = raw === 0 ? [] : this.resolve(count, text);
    if (count > KEEP_BUFFERS) this.shrink();
    return out;
  }

  /** Lets go of the buffers a very long text grew (a recognizer lives as long as its glossary version). */
  private shrink() {
    this.offsets.starts = new Int32Array(256);
    this.offsets.ends = new Int32Array(256);
    this.longest = new Int32Array(256);
    this.groupHead = new Int32Array(256);
    this.groupTail = new Int32Array(256);
    this.rawEntry = new Int32Array(64);
    this.rawNext = new Int32Array(64);
  }

  /** Whether entry a goes before entry b on the same words: a spelling verified as written (a forbidden variant) first, then the preferred usage. */
  private before(a: number, b: number): boolean {
    const strict = (this.entryFlags[b]! & STRICT) - (this.entryFlags[a]! & STRICT);
    return strict !== 0 ? strict < 0 : this.entryRank[a]! < this.entryRank[b]!;
  }

  /**
   * The matches chosen leftmost, longest, without overlaps: going through the
   * words, the longest match starting at a word after the last one taken; all
   * the concepts found on exactly those words (once each).
   */
  private resolve(count: number, text: string): TermMatch[] {
    const { starts, ends } = this.offsets;
    const { longest, groupHead, rawEntry, rawNext } = this;
    const out: TermMatch[] = [];
    let taken = -1;
    for (let first = taken + 1; first < count; first++) {
      const last = longest[first]!;
      if (last < 0 || first <= taken) continue;
      // The entries on these words in their order (stable insertion: the order found breaks ties).
      let n = 0;
      let group = this.group;
      for (let r = groupHead[first]!; r !== -1; r = rawNext[r]!) {
        if (n === group.length) group = this.group = grown(group, n + 1);
        const e = rawEntry[r]!;
        let j = n++;
        while (j > 0 && this.before(e, group[j - 1]!)) {
          group[j] = group[j - 1]!;
          j--;
        }
        group[j] = e;
      }
      const start = starts[first]!;
      const end = ends[last]!;
      const from = out.length;
      const words = text.slice(start, end);
      for (let k = 0; k < n; k++) {
        const term = this.entryTerm[group[k]!]!;
        let seen = false;
        for (let m = from; m < out.length; m++) if (out[m]!.conceptId === term.conceptId) seen = true;
        if (seen) continue;
        out.push({ conceptId: term.conceptId, termId: term.termId, term: term.text, usage: term.usage, status: term.status, start, end, text: words, commonWord: Boolean(term.commonWord) });
      }
      taken = last;
    }
    return out;
  }
}

const MEMO_LIMIT = 100_000;
/** Words of a text beyond which find's buffers are not kept for the next call. */
const KEEP_BUFFERS = 1 << 16;
const usageRank = (u: GlossaryTerm["usage"]) => (u === "preferred" ? 0 : u === "admitted" ? 1 : 2);
