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
import { analyzerFor, termWords, tokenize, type Token } from "./analyzers";

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

/** A compiled recognizer for one language's terms. */
export class Recognizer {
  private readonly analyzer;
  private readonly keyIds = new Map<string, number>();
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly depth: number[] = [0];
  private readonly outputs: number[][] = [[]];
  /** Nearest node on the failure chain that has outputs (or -1). */
  private readonly dict: number[] = [-1];
  private readonly entries: Entry[] = [];

  constructor(
    readonly lang: string,
    terms: Iterable<GlossaryTerm>,
  ) {
    this.analyzer = analyzerFor(lang);
    for (const term of terms) this.add(term);
    this.markStrict();
    this.link();
  }

  get size(): number {
    return this.entries.length;
  }

  private add(term: GlossaryTerm) {
    const words = termWords(term.text);
    if (words.length === 0) return;
    const exact = this.analyzer.exactProperNouns && words.length === 1 && (term.pos === "properNoun" || term.type === "abbreviation" || Boolean(term.caseSensitive));
    let node = 0;
    for (const w of words) {
      const key = this.analyzer.termKey(w, exact);
      let id = this.keyIds.get(key);
      if (id === undefined) {
        id = this.keyIds.size;
        this.keyIds.set(key, id);
      }
      let next = this.children[node]!.get(id);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.fail.push(0);
        this.depth.push(this.depth[node]! + 1);
        this.outputs.push([]);
        this.dict.push(-1);
        this.children[node]!.set(id, next);
      }
      node = next;
    }
    this.outputs[node]!.push(this.entries.length);
    this.entries.push({ term, length: words.length, casePattern: term.caseSensitive ? words.map(caseOf) : null, strictWords: null });
  }

  /** Forbidden spellings that share their key path with an allowed term are matched as written. */
  private markStrict() {
    const byNode = new Map<number, number[]>();
    for (let node = 0; node < this.outputs.length; node++) if (this.outputs[node]!.length > 1) byNode.set(node, this.outputs[node]!);
    for (const list of byNode.values()) {
      const allowed = list.some((e) => this.entries[e]!.term.usage !== "forbidden");
      if (!allowed) continue;
      for (const e of list) {
        const entry = this.entries[e]!;
        if (entry.term.usage === "forbidden") (this.entries[e] as { strictWords: readonly string[] | null }).strictWords = termWords(entry.term.text).map((w) => w.toLowerCase());
      }
    }
  }

  /** Failure and dictionary links, breadth first. */
  private link() {
    const queue: number[] = [];
    for (const child of this.children[0]!.values()) queue.push(child);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [key, child] of this.children[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.children[f]!.has(key)) f = this.fail[f]!;
        const target = this.children[f]!.get(key);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child]!;
        this.dict[child] = this.outputs[fc]!.length > 0 ? fc : this.dict[fc]!;
        queue.push(child);
      }
    }
  }

  private step(state: number, key: number): number {
    let s = state;
    for (;;) {
      const next = this.children[s]!.get(key);
      if (next !== undefined) return next;
      if (s === 0) return 0;
      s = this.fail[s]!;
    }
  }

  /** Every term occurrence, leftmost-longest, without overlaps. */
  find(text: string, options: FindOptions = {}): TermMatch[] {
    const expected = options.concepts;
    const tokens = tokenize(text);
    const raw: { entry: Entry; first: number; last: number }[] = [];
    let active: number[] = [0];
    const candidates: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      candidates.length = 0;
      for (const k of this.analyzer.keys(tokens[i]!.text)) {
        const id = this.keyIds.get(k);
        if (id !== undefined && !candidates.includes(id)) candidates.push(id);
      }
      if (candidates.length === 0) {
        active = [0];
        continue;
      }
      const next: number[] = [];
      for (const s of active) {
        for (const c of candidates) {
          const t = this.step(s, c);
          if (t !== 0 && !next.includes(t)) next.push(t);
        }
      }
      active = next.length ? next : [0];
      for (const s of next) {
        for (let n = this.outputs[s]!.length ? s : this.dict[s]!; n > 0; n = this.dict[n]!) {
          for (const e of this.outputs[n]!) {
            const entry = this.entries[e]!;
            if (entry.term.commonWord && !expected?.has(entry.term.conceptId)) continue;
            const first = i - entry.length + 1;
            if (entry.casePattern && !entry.casePattern.every((p, j) => caseMatches(p, tokens[first + j]!.text))) continue;
            if (entry.strictWords && !entry.strictWords.every((w, j) => tokens[first + j]!.text.toLowerCase().startsWith(w))) continue;
            raw.push({ entry, first, last: i });
          }
        }
      }
    }
    return this.resolve(raw, tokens, text);
  }

  private resolve(raw: { entry: Entry; first: number; last: number }[], tokens: Token[], text: string): TermMatch[] {
    // Leftmost, longest; on the same words a spelling that was verified as written (a forbidden variant) wins.
    raw.sort((a, b) => a.first - b.first || b.last - a.last || Number(Boolean(b.entry.strictWords)) - Number(Boolean(a.entry.strictWords)) || usageRank(a.entry.term.usage) - usageRank(b.entry.term.usage));
    const out: TermMatch[] = [];
    let taken = -1;
    const seen = new Set<string>();
    for (const r of raw) {
      if (r.first <= taken) {
        // The same span can name several concepts only when it is exactly the same words.
        const prev = out[out.length - 1];
        if (!prev || tokens[r.first]!.start !== prev.start || tokens[r.last]!.end !== prev.end) continue;
      }
      const start = tokens[r.first]!.start;
      const end = tokens[r.last]!.end;
      const key = `${start}:${end}:${r.entry.term.conceptId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ conceptId: r.entry.term.conceptId, termId: r.entry.term.termId, term: r.entry.term.text, usage: r.entry.term.usage, status: r.entry.term.status, start, end, text: text.slice(start, end), commonWord: Boolean(r.entry.term.commonWord) });
      taken = Math.max(taken, r.last);
    }
    return out;
  }
}

const usageRank = (u: GlossaryTerm["usage"]) => (u === "preferred" ? 0 : u === "admitted" ? 1 : 2);
