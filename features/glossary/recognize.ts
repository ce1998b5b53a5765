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
import { analyzerFor, forEachWord, termWords } from "./analyzers";

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

interface Entry {
  readonly term: GlossaryTerm;
  readonly length: number;
  /**
   * For a forbidden spelling that normalizes to the same key as an allowed
   * term (Sorani typed with Arabic ك/ي, say): its words as written, which the
   * text must show before the match counts as the forbidden one.
   */
  readonly strictWords: readonly string[] | null;
  /** For case-sensitive terms: the case pattern of each word. */
  readonly casePattern: readonly ("upper" | "capital" | "lower" | "any")[] | null;
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

/** A node with more children than this looks them up in a Map; the others scan a short list. */
const MAP_FROM = 6;

/**
 * A compiled recognizer for one language's terms.
 *
 * Built in two passes so that 50,000 terms compile in well under a second:
 * first every term's words become key ids (each distinct word analyzed once),
 * which also tells how many trie nodes there can be; then the trie and its
 * links are laid out in typed arrays of that size.
 */
export class Recognizer {
  private readonly analyzer;
  private readonly keyIds = new Map<string, number>();
  // The trie over word keys, in flat arrays (node 0 is the root). The root's
  // children are indexed by key id; other nodes keep a linked list of edges,
  // and a Map once they have many children (edgeMap[node] indexes maps).
  private readonly rootChild: Int32Array;
  private readonly firstEdge: Int32Array;
  private readonly edgeCount: Int32Array;
  private readonly edgeKey: Int32Array;
  private readonly edgeChild: Int32Array;
  private readonly edgeNext: Int32Array;
  private readonly edgeMap: Int32Array;
  private readonly maps: Map<number, number>[] = [];
  private readonly fail: Int32Array;
  /** Entries ending at each node: the first (or -1), then entryNext. */
  private readonly outHead: Int32Array;
  private readonly entryNext: Int32Array;
  /** Nearest node on the failure chain that has outputs (or -1). */
  private readonly dict: Int32Array;
  private readonly entries: Entry[] = [];
  /**
   * The key ids of words of running text seen before, kept across calls (a
   * recognizer serves a glossary version; texts repeat their words): most
   * words are then analyzed once per build, not once per paragraph. Bounded:
   * emptied when full.
   */
  private readonly wordIds = new Map<string, readonly number[]>();
  private nodes = 1;
  private edges = 0;

  constructor(
    readonly lang: string,
    terms: Iterable<GlossaryTerm>,
  ) {
    this.analyzer = analyzerFor(lang);
    // Pass 1: each path (a term, or its spelling without the language's own letters) as key ids.
    const keys: number[] = [];
    const pathEnd: number[] = [];
    const pathEntry: number[] = [];
    const memo: [Map<string, number>, Map<string, number>, Map<string, number>] = [new Map(), new Map(), new Map()];
    const plain = this.analyzer.plain;
    for (const term of terms) {
      const words = termWords(term.text);
      if (words.length === 0) continue;
      const exact = this.analyzer.exactProperNouns && words.length === 1 && (term.pos === "properNoun" || term.type === "abbreviation" || Boolean(term.caseSensitive));
      const e = this.entries.length;
      this.entries.push({ term, length: words.length, casePattern: term.caseSensitive ? words.map(caseOf) : null, strictWords: null });
      this.pushPath(words, exact, memo, keys);
      pathEnd.push(keys.length);
      pathEntry.push(e);
      if (term.plainVowels && plain) {
        const typed = words.map(plain);
        if (typed.some((w, i) => w !== words[i])) {
          // The same term, reached by another path: an entry of its own.
          this.entries.push({ term, length: words.length, casePattern: term.caseSensitive ? typed.map(caseOf) : null, strictWords: null });
          this.pushPath(typed, exact, memo, keys);
          pathEnd.push(keys.length);
          pathEntry.push(e + 1);
        }
      }
    }
    // Pass 2: the trie. It has at most one node per key of every path, plus the root.
    const cap = keys.length + 1;
    this.rootChild = new Int32Array(this.keyIds.size);
    this.firstEdge = new Int32Array(cap).fill(-1);
    this.edgeCount = new Int32Array(cap);
    this.edgeMap = new Int32Array(cap).fill(-1);
    this.edgeKey = new Int32Array(cap);
    this.edgeChild = new Int32Array(cap);
    this.edgeNext = new Int32Array(cap);
    this.fail = new Int32Array(cap);
    this.dict = new Int32Array(cap).fill(-1);
    this.outHead = new Int32Array(cap).fill(-1);
    const outTail = new Int32Array(cap).fill(-1);
    this.entryNext = new Int32Array(this.entries.length).fill(-1);
    let from = 0;
    for (let p = 0; p < pathEnd.length; p++) {
      let node = 0;
      for (let k = from; k < pathEnd[p]!; k++) {
        const id = keys[k]!;
        const next = this.child(node, id);
        node = next !== 0 ? next : this.addChild(node, id);
      }
      from = pathEnd[p]!;
      const e = pathEntry[p]!;
      if (this.outHead[node] === -1) this.outHead[node] = e;
      else this.entryNext[outTail[node]!] = e;
      outTail[node] = e;
    }
    this.markStrict();
    this.link();
  }

  get size(): number {
    return this.entries.length;
  }

  /** Appends a path's key ids, analyzing each distinct term word once per build. */
  private pushPath(words: readonly string[], exact: boolean, memo: readonly Map<string, number>[], out: number[]) {
    const linkKey = this.analyzer.linkKey;
    const last = words.length - 1;
    for (let i = 0; i <= last; i++) {
      const w = words[i]!;
      // 0: a word indexed by termKey, 1: exact, 2: a non-final word (linkKey).
      const kind = linkKey && i < last ? 2 : exact ? 1 : 0;
      const m = memo[kind]!;
      let id = m.get(w);
      if (id === undefined) {
        const key = kind === 2 ? linkKey!(w) : this.analyzer.termKey(w, exact);
        id = this.keyIds.get(key);
        if (id === undefined) {
          id = this.keyIds.size;
          this.keyIds.set(key, id);
        }
        m.set(w, id);
      }
      out.push(id);
    }
  }

  private child(node: number, key: number): number {
    if (node === 0) return this.rootChild[key]!;
    const map = this.edgeMap[node]!;
    if (map !== -1) return this.maps[map]!.get(key) ?? 0;
    for (let e = this.firstEdge[node]!; e >= 0; e = this.edgeNext[e]!) if (this.edgeKey[e] === key) return this.edgeChild[e]!;
    return 0;
  }

  private addChild(node: number, key: number): number {
    const next = this.nodes++;
    if (node === 0) {
      this.rootChild[key] = next;
      return next;
    }
    const e = this.edges++;
    this.edgeKey[e] = key;
    this.edgeChild[e] = next;
    this.edgeNext[e] = this.firstEdge[node]!;
    this.firstEdge[node] = e;
    const count = ++this.edgeCount[node]!;
    const map = this.edgeMap[node]!;
    if (map === -1 && count >= MAP_FROM) {
      const m = new Map<number, number>();
      for (let x = this.firstEdge[node]!; x >= 0; x = this.edgeNext[x]!) m.set(this.edgeKey[x]!, this.edgeChild[x]!);
      this.edgeMap[node] = this.maps.length;
      this.maps.push(m);
    } else if (map !== -1) this.maps[map]!.set(key, next);
    return next;
  }

  /** Forbidden spellings that share their key path with an allowed term are matched as written. */
  private markStrict() {
    for (let node = 1; node < this.nodes; node++) {
      const head = this.outHead[node]!;
      if (head === -1 || this.entryNext[head] === -1) continue;
      let allowed = false;
      for (let e = head; e !== -1; e = this.entryNext[e]!) if (this.entries[e]!.term.usage !== "forbidden") allowed = true;
      if (!allowed) continue;
      for (let e = head; e !== -1; e = this.entryNext[e]!) {
        const entry = this.entries[e]!;
        if (entry.term.usage === "forbidden") (entry as { strictWords: readonly string[] | null }).strictWords = termWords(entry.term.text).map((w) => w.toLowerCase());
      }
    }
  }

  /** Failure and dictionary links, breadth first. */
  private link() {
    const queue = new Int32Array(this.nodes);
    let tail = 0;
    for (let key = 0; key < this.rootChild.length; key++) if (this.rootChild[key] !== 0) queue[tail++] = this.rootChild[key]!;
    for (let q = 0; q < tail; q++) {
      const node = queue[q]!;
      for (let e = this.firstEdge[node]!; e >= 0; e = this.edgeNext[e]!) {
        const key = this.edgeKey[e]!;
        const child = this.edgeChild[e]!;
        let f = this.fail[node]!;
        while (f !== 0 && this.child(f, key) === 0) f = this.fail[f]!;
        const target = this.child(f, key);
        this.fail[child] = target !== child ? target : 0;
        const fc = this.fail[child]!;
        this.dict[child] = this.outHead[fc] !== -1 ? fc : this.dict[fc]!;
        queue[tail++] = child;
      }
    }
  }

  private step(state: number, key: number): number {
    let s = state;
    for (;;) {
      const next = this.child(s, key);
      if (next !== 0 || s === 0) return next;
      s = this.fail[s]!;
    }
  }

  /** The key ids a word of running text may stand for (each distinct word is analyzed once, see wordIds). */
  private candidatesOf(word: string): readonly number[] {
    const memo = this.wordIds;
    let ids = memo.get(word);
    if (ids !== undefined) return ids;
    let list: number[] | null = null;
    for (const k of this.analyzer.keys(word)) {
      const id = this.keyIds.get(k);
      if (id === undefined) continue;
      if (list === null) list = [id];
      else if (!list.includes(id)) list.push(id);
    }
    ids = list ?? NONE;
    // Bounded: texts of distinct words (hostile or not) keep at most this many.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, ids);
    return ids;
  }

  /** Every term occurrence, leftmost-longest, without overlaps. */
  find(text: string, options: FindOptions = {}): TermMatch[] {
    const expected = options.concepts;
    // Word offsets only (no token objects): a word's text is sliced once for the lookup and again
    // only when a match must check its case or spelling.
    const starts: number[] = [];
    const ends: number[] = [];
    const wordAt = (j: number) => text.slice(starts[j]!, ends[j]!);
    const raw: { entry: Entry; first: number; last: number }[] = [];
    // The states reached so far, one per reading of the text (two buffers, swapped).
    let active: number[] = [0];
    let next: number[] = [];
    forEachWord(text, (start, end) => {
      const i = starts.length;
      starts.push(start);
      ends.push(end);
      const candidates = this.candidatesOf(text.slice(start, end));
      if (candidates.length === 0) {
        active.length = 1;
        active[0] = 0;
        return;
      }
      next.length = 0;
      for (let a = 0; a < active.length; a++) {
        const s = active[a]!;
        for (let c = 0; c < candidates.length; c++) {
          const t = this.step(s, candidates[c]!);
          if (t !== 0 && !next.includes(t)) next.push(t);
        }
      }
      for (let a = 0; a < next.length; a++) {
        const s = next[a]!;
        for (let n = this.outHead[s] !== -1 ? s : this.dict[s]!; n > 0; n = this.dict[n]!) {
          for (let o = this.outHead[n]!; o !== -1; o = this.entryNext[o]!) {
            const entry = this.entries[o]!;
            if (entry.term.commonWord && !expected?.has(entry.term.conceptId)) continue;
            const first = i - entry.length + 1;
            if (entry.casePattern && !entry.casePattern.every((p, j) => caseMatches(p, wordAt(first + j)))) continue;
            if (entry.strictWords && !entry.strictWords.every((w, j) => wordAt(first + j).toLowerCase().startsWith(w))) continue;
            raw.push({ entry, first, last: i });
          }
        }
      }
      if (next.length === 0) {
        active.length = 1;
        active[0] = 0;
      } else {
        const swap = active;
        active = next;
        next = swap;
      }
    });
    return raw.length === 0 ? [] : this.resolve(raw, starts, ends, text);
  }

  private resolve(raw: { entry: Entry; first: number; last: number }[], starts: readonly number[], ends: readonly number[], text: string): TermMatch[] {
    // Leftmost, longest; on the same words a spelling that was verified as written (a forbidden variant) wins.
    raw.sort((a, b) => a.first - b.first || b.last - a.last || Number(Boolean(b.entry.strictWords)) - Number(Boolean(a.entry.strictWords)) || usageRank(a.entry.term.usage) - usageRank(b.entry.term.usage));
    const out: TermMatch[] = [];
    let taken = -1;
    const seen = new Set<string>();
    for (const r of raw) {
      if (r.first <= taken) {
        // The same span can name several concepts only when it is exactly the same words.
        const prev = out[out.length - 1];
        if (!prev || starts[r.first] !== prev.start || ends[r.last] !== prev.end) continue;
      }
      const start = starts[r.first]!;
      const end = ends[r.last]!;
      const key = `${start}:${end}:${r.entry.term.conceptId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ conceptId: r.entry.term.conceptId, termId: r.entry.term.termId, term: r.entry.term.text, usage: r.entry.term.usage, status: r.entry.term.status, start, end, text: text.slice(start, end), commonWord: Boolean(r.entry.term.commonWord) });
      taken = Math.max(taken, r.last);
    }
    return out;
  }
}

const NONE: readonly number[] = [];
const MEMO_LIMIT = 100_000;
const usageRank = (u: GlossaryTerm["usage"]) => (u === "preferred" ? 0 : u === "admitted" ? 1 : 2);
